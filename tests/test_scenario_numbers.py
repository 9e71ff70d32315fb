"""Numbers in scenario files: finite, within documented ranges, and explained when wrong.

Issue 10: `.inf`, `.nan`, `1e308`, a denormal temperature or a huge
`published_turn` passed validation and then crashed or printed NaN; `true`
was read as a number; `12,000,000` and `1e-3` were not explained.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from game.analysis.lint import lint_text
from game.scenario import validate_text
from game.scenario.jsonschema import scenario_json_schema
from tests.conftest import ROOT, SCENARIOS

TUTORIAL = (SCENARIOS / "tutorial.yaml").read_text(encoding="utf-8")


def _with(old: str, new: str) -> str:
    assert old in TUTORIAL, old
    return TUTORIAL.replace(old, new, 1)


def _errors(text: str) -> list[str]:
    sc, problems = validate_text(text, "t.yaml")
    errors = [str(p) for p in problems if p.severity == "error"]
    assert (sc is None) == bool(errors)
    return errors


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("ceiling: 1200000 ", "ceiling: .inf ", "tender.ceiling: .inf is not a finite number; write a plain number from 1 to 1,000,000,000,000"),
        ("ceiling: 1200000 ", "ceiling: -.inf ", "tender.ceiling: -.inf is not a finite number"),
        ("ceiling: 1200000 ", "ceiling: .nan ", "tender.ceiling: .nan is not a finite number"),
        ("ceiling: 1200000 ", "ceiling: 1.0e+308 ", "is out of range; it must be at most 1,000,000,000,000"),
        ("ceiling: 1200000 ", "ceiling: 0.5 ", "tender.ceiling: 0.5 is out of range; it must be at least 1"),
        ("published_turn: 3 ", "published_turn: 100000000000000000000 ", "tender.published_turn: 100000000000000000000 is out of range; it must be at most 100"),
        ("abnormally_low: 0.8", "abnormally_low: 5.0e-324", "tender.abnormally_low: 5e-324 is out of range; it must be at least 0.01"),
        ("turn_name:", "model: {temperature: 5.0e-324}\nturn_name:", "model.temperature: 5e-324 is out of range; it must be at least 0.01"),
        ("turn_name:", "model: {temperature: .nan}\nturn_name:", "model.temperature: .nan is not a finite number; write a plain number from 0.01 to 2"),
        ("weights: {technical: 0.45,", "weights: {technical: .inf,", "tender.weights.technical: .inf is not a finite number; write a plain number from 0 to 1"),
    ],
)
def test_non_finite_and_extreme_numbers_are_refused(old: str, new: str, expected: str) -> None:
    errors = _errors(_with(old, new))
    assert any(expected in e for e in errors), errors
    assert not any("sum to inf" in e or "sum to nan" in e for e in errors), errors


def test_a_number_of_thousands_of_digits_is_refused_with_a_message() -> None:
    errors = _errors(_with("published_turn: 3 ", "published_turn: 1" + "0" * 5000 + " "))
    assert any("a number of 5,001 digits is far out of any range" in e for e in errors), errors
    big = _errors(_with("weights: {technical: 0.45,", "weights: {technical: 1" + "0" * 400 + ","))
    assert any("tender.weights.technical: 1000" in e and "is out of range; write a number from 0 to 1" in e for e in big), big


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("ceiling: 1200000 ", "ceiling: true ", "tender.ceiling: expected a number, got true (a YAML boolean"),
        ("published_turn: 3 ", "published_turn: yes ", "tender.published_turn: expected a whole number, got true (a YAML boolean"),
        ("ceiling: 1200000 ", "ceiling: 12,000,000 ", "expected a number, got '12,000,000'; write it without separators: 12000000"),
        ("ceiling: 1200000 ", "ceiling: '1200000' ", "expected a number, got '1200000'; remove the quotes: 1200000"),
        ("disqualify_chance: 0.5", "disqualify_chance: 50%", "expected a number, got '50%'; write a share as a plain number: 0.5"),
        ("disqualify_chance: 0.5", "disqualify_chance: 50", "disqualify_chance: 50 is out of range; it must be at most 1 (a share: if you meant 50%, write 0.5)"),
        ("ceiling: 1200000 ", "ceiling: 1.2m ", "tender.ceiling: expected a number, got '1.2m'; write the amount in full, as a plain number: 1200000"),
        ("ceiling: 1200000 ", "ceiling: 120万 ", "tender.ceiling: expected a number, got '120万'; write the amount in full, as a plain number: 1200000"),
        ("weights: {technical: 0.45, price: 0.35,", "weights: {technical: 0.45, price: 0,35,", "tender.weights"),
    ],
)
def test_numbers_written_wrongly_say_what_to_write(old: str, new: str, expected: str) -> None:
    errors = _errors(_with(old, new))
    assert any(expected in e for e in errors), errors


def test_a_number_with_commas_in_a_flow_map_is_named_as_written() -> None:
    text = _with("weights: {technical: 0.45, price: 0.35, commercial: 0.2}", "weights: {technical: 0.45, price: 0.35, commercial: 0.2, ceiling: 1,200,000}")
    errors = _errors(text)
    assert any("'1,200,000': inside {...} a comma ends the entry" in e and "write it without them: 1200000" in e for e in errors), errors


@pytest.mark.parametrize("written", ["1.2e6", "1.2E+6", "12e5"])
def test_yaml_12_exponent_numbers_are_numbers(written: str) -> None:
    sc, problems = validate_text(_with("ceiling: 1200000 ", f"ceiling: {written} "), "t.yaml")
    assert sc is not None, [str(p) for p in problems]
    assert sc.tender.ceiling == 1_200_000


def test_a_quoted_exponent_stays_text() -> None:
    errors = _errors(_with("ceiling: 1200000 ", "ceiling: '1.2e6' "))
    assert any("got '1.2e6'; remove the quotes: 1.2e6" in e for e in errors), errors


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("ceiling: 1200000 ", "ceiling: 1_200_000 ", "tender.ceiling: '1_200_000' is read as 1200000 here but as text by editors (YAML 1.2); write 1200000"),
        ("turns: 4", "turns: 04", None),  # 04 is 4 for both
        ("turns: 4", "turns: 010", "turns: '010' is read as 8 here but as 10 by editors (YAML 1.2); write 8 (or 10, if that is what you meant)"),
        ("veto: true", "veto: yes", "'yes' is read as true here but as the text 'yes' by editors (YAML 1.2); write true"),
    ],
)
def test_values_read_differently_by_editors_are_warned_about(old: str, new: str, fragment: str | None) -> None:
    _, problems, _ = lint_text(_with(old, new), "t.yaml")
    w017 = [str(p) for p in problems if p.code == "W017"]
    if fragment is None:
        assert w017 == []
    else:
        assert any(fragment in w for w in w017), [str(p) for p in problems]


def test_bundled_scenarios_and_the_starter_use_numbers_both_yaml_versions_read_alike() -> None:
    from game.scenario.starter import starter_text

    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(SCENARIOS.glob("*.yaml"))}
    texts["starter"] = starter_text("starter", "../docs/tender-scenario.schema.json")
    for name, text in texts.items():
        _, problems, _ = lint_text(text, name)
        assert [str(p) for p in problems if p.code == "W017"] == [], name
    doc = (ROOT / "docs" / "AUTHORING.md").read_text(encoding="utf-8")
    assert "`26_000_000` is read as a number by the game" in doc  # no longer recommended


def _bounds(node: object) -> list[tuple[str, object, object]]:
    out: list[tuple[str, object, object]] = []
    if isinstance(node, dict):
        if node.get("type") in ("number", "integer") and "const" not in node:
            out.append((str(node.get("description", ""))[:30], node.get("minimum", node.get("exclusiveMinimum")), node.get("maximum", node.get("exclusiveMaximum"))))
        for v in node.values():
            out += _bounds(v)
    elif isinstance(node, list):
        for v in node:
            out += _bounds(v)
    return out


def test_every_number_in_the_json_schema_has_a_range() -> None:
    schema = scenario_json_schema()
    unbounded = [b for b in _bounds(schema) if b[1] is None or b[2] is None]
    # The one exception: a bare number taken as text (names, titles).
    assert [b for b in unbounded if "A bare number is taken as" not in b[0]] == []
    money = schema["$defs"]["Tender"]["properties"]["ceiling"]
    assert (money["minimum"], money["maximum"]) == (1, 1_000_000_000_000)


def test_valid_extremes_simulate_to_finite_numbers(tmp_path: Path) -> None:
    """Every number at an end of its range: the game's figures stay finite."""
    from game.analysis.simulate import simulate

    text = (
        _with("ceiling: 1200000 ", "ceiling: 1000000000000 ")
        .replace("turn_name:", "model: {temperature: 0.01, eval_noise: 30, noise_sigma: 2}\nturn_name:", 1)
    )
    sc, problems = validate_text(text, "t.yaml")
    assert sc is not None, [str(p) for p in problems]
    summary = simulate(sc, 50, 1)

    def numbers(x: object) -> list[float]:
        if isinstance(x, dict):
            return [n for v in x.values() for n in numbers(v)]
        if isinstance(x, list):
            return [n for v in x for n in numbers(v)]
        return [x] if isinstance(x, float) else []

    assert all(math.isfinite(n) for n in numbers(summary))
    json.dumps(summary, allow_nan=False)
