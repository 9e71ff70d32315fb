"""JSON Schema of scenario files, for editors with the YAML language server."""

from __future__ import annotations

from typing import Any

from game.scenario.schema import Scenario

SCHEMA_ID = "https://tender-game.example/schema/scenario-1.json"


def _text_schema() -> dict[str, Any]:
    return {
        "description": "Text: a plain string, or {en: ..., zh: ...}.",
        "anyOf": [
            {"type": "string"},
            {
                "type": "object",
                "properties": {"en": {"type": "string"}, "zh": {"type": "string"}},
                "additionalProperties": False,
                "minProperties": 1,
            },
        ],
    }


def scenario_json_schema() -> dict[str, Any]:
    """The schema as written by `python main.py schema` (JSON Schema 2020-12)."""
    schema = Scenario.model_json_schema(mode="validation")
    defs = schema.get("$defs", {})
    # Text is validated from a string or a map; show authors that form, not the internal one.
    if "Text" in defs:
        defs["Text"] = _text_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "Tender Game scenario"
    schema["description"] = (
        "One tender for the Tender Game: the buying committee, the vendors, the rules and events. "
        "See docs/AUTHORING.md."
    )
    return schema
