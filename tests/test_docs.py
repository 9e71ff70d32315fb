"""The docs stay true: README commands, CI, and the documented parameters."""

from __future__ import annotations

from game.scenario.schema import ModelParams
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _readme_commands() -> list[str]:
    return [line.strip() for line in README.splitlines()[:12] if line.startswith("    ")]


def test_readme_opens_with_two_commands() -> None:
    cmds = _readme_commands()
    assert cmds[0] == "python -m pip install -e . && python main.py"
    assert cmds[1] == 'python -m pip install -e ".[test]" && python -m pytest'


def test_ci_runs_the_readme_test_command_as_written() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _readme_commands()[1] in ci.splitlines()


def test_model_doc_lists_every_parameter_with_its_default() -> None:
    doc = (ROOT / "docs" / "MODEL.md").read_text(encoding="utf-8")
    for name, field in ModelParams.model_fields.items():
        assert f"| `{name}` | {field.default} |" in doc, name


def test_authoring_doc_mentions_every_field() -> None:
    from game.scenario import schema

    doc = (ROOT / "docs" / "AUTHORING.md").read_text(encoding="utf-8")
    for model in (schema.Scenario, schema.Tender, schema.Criterion, schema.Stakeholder, schema.Vendor, schema.Resources, schema.BidRule):
        for name in model.model_fields:
            assert name in doc, f"{model.__name__}.{name}"
