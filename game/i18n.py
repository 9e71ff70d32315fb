"""Bilingual text: the Text value used by scenarios, and the UI string catalogue.

Languages are ``en`` and ``zh``. A scenario text field is a plain string (shown
in every language) or a map ``{en: ..., zh: ...}``; a missing language falls
back to the other one.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")


class Text(BaseModel):
    """A piece of text in English and/or Chinese."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    en: str | None = Field(None, min_length=1)
    zh: str | None = Field(None, min_length=1)
    plain: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_plain(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"plain": value}
        if isinstance(value, int | float) and not isinstance(value, bool):
            return {"plain": str(value)}
        if isinstance(value, dict) and "plain" in value:
            raise ValueError("text takes the keys 'en' and 'zh' (or is a plain string)")
        return value

    @model_validator(mode="after")
    def _not_empty(self) -> Text:
        if self.en is None and self.zh is None and self.plain is None:
            raise ValueError("text needs 'en' or 'zh' (or a plain string)")
        return self

    def get(self, lang: str = "en") -> str:
        first = self.zh if lang == "zh" else self.en
        second = self.en if lang == "zh" else self.zh
        for candidate in (first, self.plain, second):
            if candidate:
                return candidate
        return ""

    def missing_languages(self) -> list[str]:
        """Languages with no text of their own (a plain string counts for both)."""
        if self.plain is not None:
            return []
        return [lang for lang in LANGS if getattr(self, lang) in (None, "")]

    def __str__(self) -> str:
        return self.get("en")


def text(en: str, zh: str | None = None) -> Text:
    return Text(en=en, zh=zh if zh is not None else en)
