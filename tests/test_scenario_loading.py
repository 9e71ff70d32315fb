"""Scenario files: bundled ones validate; broken ones give FILE:LINE:COL messages."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from game.scenario import ScenarioError, check_file, load_scenario, validate_text
from tests.conftest import SCENARIOS

BUNDLED = sorted(SCENARIOS.glob("*.yaml"))


def test_there_are_bundled_scenarios() -> None:
    assert len(BUNDLED) >= 2


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_scenario_is_valid(path: Path) -> None:
    problems = [p for p in check_file(path) if p.severity == "error"]
    assert problems == []


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_scenario_is_bilingual(path: Path) -> None:
    sc = load_scenario(path)
    texts = [
        sc.title,
        sc.briefing,
        *[s.name for s in sc.stakeholders],
        *[v.name for v in sc.vendors],
    ]
    for t in texts:
        assert t.missing_languages() == [], t


MINIMAL = """\
format: 1
id: mini
title: {en: Mini, zh: 迷你}
briefing: {en: A small tender., zh: 一个小招标。}
turns: 3
tender: {published_turn: 2, ceiling: 100, min_valid_bids: 2}
criteria:
  - {id: tech, weight: 0.6}
  - {id: service, weight: 0.4, section: commercial}
stakeholders:
  - id: boss
    name: Boss
    role: decision_maker
    cares: {tech: 0.5, service: 0.5}
  - id: expert
    name: Expert
    role: technical
    panel: true
    veto: true
    cares: {tech: 1.0}
    listens_to: {boss: 0.3}
vendors:
  - {id: us, name: Us, playable: true, strengths: {tech: 0.7, service: 0.6}, cost: 80}
  - {id: them, name: Them, strengths: {tech: 0.6, service: 0.7}, cost: 75}
"""


def test_minimal_scenario_is_valid() -> None:
    sc, problems = validate_text(MINIMAL, "mini.yaml")
    assert problems == [] and sc is not None
    assert sc.stakeholders[1].listens_to == {"boss": 0.3}


def _problems(text: str) -> list[str]:
    sc, problems = validate_text(text, "f.yaml")
    assert sc is None
    return [str(p) for p in problems]


# (description, replacement of MINIMAL text (old, new) or full text, expected message fragment)
BROKEN = [
    (
        "syntax error",
        MINIMAL.replace("turns: 3", "turns: [3"),
        "f.yaml:6:7: error: YAML syntax error: the [...] that opens at line 5, column 8 is not closed "
        "before this line: add the closing ']'",
    ),
    (
        "unknown top key",
        MINIMAL.replace("stakeholders:", "stakeholder:"),
        "f.yaml:10:1: error: unknown key 'stakeholder' (did you mean 'stakeholders'?)",
    ),
    (
        "missing field",
        MINIMAL.replace("id: mini\n", ""),
        "missing required key 'id' in the top level",
    ),
    (
        "wrong type",
        MINIMAL.replace("turns: 3", "turns: three"),
        "f.yaml:5:8: error: turns: expected a whole number, got 'three'",
    ),
    (
        "bool is not a number",
        MINIMAL.replace("turns: 3", "turns: yes"),
        "f.yaml:5:8: error: turns: expected a whole number, got true (a YAML boolean",
    ),
    (
        "unknown stakeholder ref",
        MINIMAL.replace("listens_to: {boss: 0.3}", "listens_to: {bos: 0.3}"),
        "f.yaml:21:18: error: unknown stakeholder 'bos' (did you mean 'boss'?)",
    ),
    (
        "unknown criterion ref",
        MINIMAL.replace("cares: {tech: 1.0}", "cares: {tehc: 1.0}"),
        "f.yaml:20:13: error: unknown criterion 'tehc' (did you mean 'tech'?)",
    ),
    (
        "unknown vendor ref",
        MINIMAL.replace(
            "listens_to: {boss: 0.3}",
            "listens_to: {boss: 0.3}\n    start: {relationship: {uss: 0.2}}",
        ),
        "unknown vendor 'uss' (did you mean 'us'?)",
    ),
    (
        "weights do not sum",
        MINIMAL.replace("cares: {tech: 0.5, service: 0.5}", "cares: {tech: 0.5, service: 0.6}"),
        "f.yaml:14:12: error: stakeholders.0.cares: weights sum to 1.1; they must sum to 1",
    ),
    (
        "criteria weights",
        MINIMAL.replace("weight: 0.4", "weight: 0.5"),
        "criteria weights sum to 1.1",
    ),
    (
        "probability out of range",
        MINIMAL.replace("role: technical", "role: technical\n    influence: 1.5"),
        "influence: 1.5 is out of range; it must be at most 1",
    ),
    (
        "unknown role",
        MINIMAL.replace("role: technical", "role: tecnical"),
        "'tecnical' is not allowed (did you mean 'technical'?)",
    ),
    (
        "unknown event kind",
        MINIMAL + "events:\n  - {kind: budgetcut, turn: 2, ceiling: 90}\n",
        "unknown event kind 'budgetcut' (did you mean 'budget_cut'?)",
    ),
    (
        "event unknown stakeholder",
        MINIMAL + "events:\n  - {kind: stakeholder_replaced, turn: 2, stakeholder: bosss}\n",
        "unknown stakeholder 'bosss' (did you mean 'boss'?)",
    ),
    (
        "event chance",
        MINIMAL + "events:\n  - {kind: rumour, chance: 1.5}\n",
        "chance: 1.5 is out of range; it must be at most 1",
    ),
    (
        "event after end",
        MINIMAL + "events:\n  - {kind: rumour, turn: 9}\n",
        "turn 9 is after the last turn (3)",
    ),
    (
        "duplicate id",
        MINIMAL.replace("id: expert", "id: boss"),
        "duplicate id 'boss' in stakeholders",
    ),
    (
        "text with bad key",
        MINIMAL.replace("title: {en: Mini, zh: 迷你}", "title: {en: Mini, fr: Mini}"),
        "unknown key 'fr'",
    ),
    (
        "missing strength",
        MINIMAL.replace("strengths: {tech: 0.6, service: 0.7}", "strengths: {tech: 0.6}"),
        "strengths lack service",
    ),
    (
        "too many valid bids needed",
        MINIMAL.replace("min_valid_bids: 2", "min_valid_bids: 3"),
        "min_valid_bids is 3 but there are only 2 vendors",
    ),
    (
        "listens to self",
        MINIMAL.replace("listens_to: {boss: 0.3}", "listens_to: {expert: 0.3}"),
        "cannot listen to themselves",
    ),
    ("no playable", MINIMAL.replace("playable: true, ", ""), "no vendor is playable"),
]


@pytest.mark.parametrize(("why", "text", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_file_message(why: str, text: str, expected: str) -> None:
    msgs = _problems(text)
    assert any(expected in m for m in msgs), msgs


def test_all_problems_reported_at_once() -> None:
    text = MINIMAL.replace("turns: 3", "turns: three").replace(
        "cares: {tech: 1.0}", "cares: {tehc: 1.0}"
    )
    text = text.replace("stakeholders:", "stakeholders:").replace(
        "role: decision_maker", "role: boss_man"
    )
    msgs = _problems(text)
    assert len(msgs) >= 3
    assert all(m.startswith("f.yaml:") for m in msgs)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b"   \n# only a comment\n", "has no content"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary file"),
        (b"\xff\xfe\xfa bad", "not UTF-8"),
        (b"- a\n- b\n", "the top level is a list"),
        (b"42\n", "the top level is a single value"),
        (b"!!python/object/apply:os.system ['echo hacked']\n", "not allowed in a scenario file"),
        (b"format: !!python/name:os.system\n", "not allowed in a scenario file"),
        (b"title: !custom hi\n", "not allowed"),
        (b"a: 1\na: 2\n", "duplicate key"),
    ],
)
def test_unreadable_files_are_refused(tmp_path: Path, content: bytes, expected: str) -> None:
    f = tmp_path / "bad.yaml"
    f.write_bytes(content)
    problems = check_file(f)
    assert problems, "expected a problem"
    assert any(expected in p.message for p in problems), [str(p) for p in problems]
    assert all(str(p).startswith(f"{f}:") for p in problems)
    with pytest.raises(ScenarioError):
        load_scenario(f)


def test_python_tag_is_not_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    f = tmp_path / "evil.yaml"
    f.write_text(f"x: !!python/object/apply:os.system ['touch {marker}']\n")
    check_file(f)
    assert not marker.exists()


def test_alias_bomb_is_refused_fast(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    f = tmp_path / "bomb.yaml"
    f.write_text("\n".join(lines) + "\n")
    t = time.perf_counter()
    problems = check_file(f)
    elapsed = time.perf_counter() - t
    assert any("expands to more than" in p.message for p in problems)
    # Not a timing assertion on speed targets: a bomb that were expanded would never finish.
    assert elapsed < 30


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    f = tmp_path / "huge.yaml"
    with f.open("wb") as fh:
        fh.seek(40_000_000)
        fh.write(b"\n")
    problems = check_file(f)
    assert any("limited to" in p.message for p in problems)


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "deep.yaml"
    f.write_text("a: " + "[" * 60 + "]" * 60 + "\n")
    assert any("nesting deeper" in p.message for p in check_file(f))


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert "no such file" in check_file(tmp_path / "nope.yaml")[0].message
    assert "folder" in check_file(tmp_path)[0].message


def test_text_fields_take_string_or_map() -> None:
    sc, _ = validate_text(MINIMAL, "m.yaml")
    assert sc is not None
    assert sc.title.get("zh") == "迷你" and sc.title.get("en") == "Mini"
    assert sc.stakeholders[0].name.get("zh") == "Boss"  # plain string: both languages


def test_resources_have_defaults() -> None:
    sc, _ = validate_text(MINIMAL, "m.yaml")
    assert sc is not None
    r = sc.vendors[0].resources
    assert (r.sales, r.presales, r.pm, r.executive) == (5, 2, 1, 1) and r.budget > 0
