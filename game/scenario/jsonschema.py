"""JSON Schema of scenario files, for editors with the YAML language server."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from game.scenario.schema import Scenario

SCHEMA_ID = "https://tender-game.example/schema/scenario-1.json"


def _text_schema() -> dict[str, Any]:
    return {
        "description": "Text: a plain string shown in every language, or {en: ..., zh: ...}.",
        "anyOf": [
            {"type": "string", "description": "The same text in every language."},
            {"type": "number", "description": "A bare number is taken as text."},
            {
                "type": "object",
                "description": "The text per language; a missing one falls back to the other.",
                "properties": {
                    "en": {"type": "string", "minLength": 1, "description": "English."},
                    "zh": {"type": "string", "minLength": 1, "description": "Chinese (中文)."},
                },
                "additionalProperties": False,
                "minProperties": 1,
            },
        ],
    }


def scenario_json_schema(lint_codes: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The schema as written by `python main.py schema` (JSON Schema 2020-12).

    ``lint_codes`` (code to one-line explanation) lets editors complete the
    codes under ``lint:``; the linter owns them, so the caller passes them in.
    """
    schema = Scenario.model_json_schema(mode="validation")
    defs = schema.get("$defs", {})
    # Text is validated from a string or a map; show authors that form, not the internal one.
    if "Text" in defs:
        defs["Text"] = _text_schema()
    if lint_codes:
        lint = schema["properties"]["lint"]
        lint["propertyNames"] = {"enum": sorted(lint_codes)}
        lint["properties"] = {
            code: {"type": "string", "minLength": 1, "description": why}
            for code, why in sorted(lint_codes.items())
        }
        lint["additionalProperties"] = False
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "Tender Game scenario"
    schema["description"] = (
        "One tender for the Tender Game: the buying committee, the vendors, the rules and events. "
        "See docs/AUTHORING.md."
    )
    return schema
