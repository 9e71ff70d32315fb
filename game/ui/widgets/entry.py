"""The window's one-line text entry: pygame_gui's, made safe for anything a user can type or paste.

pygame_gui's entry fails on two kinds of input (pygame_gui 0.6):

- a character the font draws with no width (U+202E right-to-left override, a
  zero-width space, a variation selector, a soft hyphen...): once it is the
  only text of a line, rendering raises ``pygame.error: Text has zero width``.
  Such characters are refused as typed or pasted (:func:`typable`), and taken
  out of text the game puts in.
- ``set_text`` while some text is selected keeps the old selection, and a
  later Delete raises ``IndexError: No selected rows``. :meth:`TextEntry.set_text`
  clears the selection first.

Every entry also has a length limit (:data:`MAX_CHARS`), so a stuck key or a
huge paste cannot make a line wider than a surface can be.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import pygame_gui

MAX_CHARS = 400

# Categories never typed on purpose: control, format (bidi marks, zero-width joiners), surrogate,
# private use, unassigned.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
# Default-ignorable marks that are not in the categories above (Unicode's DerivedCoreProperties):
# combining grapheme joiner, Hangul fillers, Khmer inherent vowels, Mongolian and other variation selectors.
_IGNORABLE_RANGES = (
    (0x034F, 0x034F),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFFA0, 0xFFA0),
    (0xE0100, 0xE01EF),
)


def typable(ch: str) -> bool:
    """True for a character an entry accepts (one that has a width when drawn alone)."""
    if unicodedata.category(ch) in _REFUSED_CATEGORIES:
        return False
    cp = ord(ch)
    return not any(lo <= cp <= hi for lo, hi in _IGNORABLE_RANGES)


def clean(text: str, limit: int = MAX_CHARS) -> str:
    """``text`` without the characters an entry refuses, cut to ``limit`` characters."""
    return "".join(ch for ch in text if typable(ch))[:limit]


class _Refused(list[str]):
    """pygame_gui's forbidden-characters list, as a rule: ``ch in refused`` asks :func:`typable`."""

    def __contains__(self, ch: object) -> bool:
        return isinstance(ch, str) and len(ch) == 1 and not typable(ch)

    def copy(self) -> _Refused:
        return _Refused()


class TextEntry(pygame_gui.elements.UITextEntryLine):
    """A UITextEntryLine that refuses zero-width characters, keeps a length limit and a sane selection."""

    def __init__(self, *args: Any, initial_text: str | None = None, limit: int = MAX_CHARS, **kw: Any) -> None:
        super().__init__(*args, initial_text=clean(initial_text, limit) if initial_text else None, **kw)
        self.forbidden_characters = _Refused()
        self.set_text_length_limit(limit)

    def set_text(self, text: str | None) -> None:
        """Replace the text (cleaned and cut to the limit); any selection is dropped first."""
        self.select_range = [0, 0]
        super().set_text(None if text is None else clean(text, self.length_limit or MAX_CHARS))
