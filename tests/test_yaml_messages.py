"""YAML syntax errors say what to do; long problem listings are bounded.

Issue 10: syntax errors were the parser's jargon ("expected <block end>, but
found '<block sequence start>'", "found character '\\t'"), and a small file
whose aliases expand could print a listing of tens of megabytes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.scenario import check_file, validate_text
from game.scenario.problems import MAX_LISTED
from tests.cli_helpers import run_cli as _run

JARGON = ("<block end>", "<block mapping start>", "<block sequence start>", "cannot start any token", "<scalar>")


@pytest.mark.parametrize(
    ("text", "where", "advice"),
    [
        ("format: 1\nid: x\n  title: y\n", "3:8", "this line is indented more than line 2 above it"),
        ("format: 1\nstakeholders:\n  - id: a\n   name: b\n", "4:4", "this line starts in column 4 but line 3 above it in column 5: the keys of one map"),
        ("format: 1\nstakeholders:\n  - id: a\n - id: b\n", "4:2", "this '- ' item starts in column 2 but the one on line 3 in column 3"),
        ("a: {b: 1}\n  c: 2\n", "2:3", "this line starts in column 3 but line 1 above it in column 1"),
        ("format: 1\n\tid: x\n", "2:1", "a tab character: YAML indents with spaces only; replace the tab with spaces"),
        ("format: 1\ntitle: Director: procurement\n", "2:16", 'text that contains a colon must be quoted, e.g. title: "Director: procurement"'),
        ("format: 1\nturns: [3\ntender: {}\n", "3:7", "the [...] that opens at line 2, column 8 is not closed before this line: add the closing ']'"),
        ("title: {en: Director, procurement: x: y}\n", "1:37", "a comma or ': ' in text ends the entry, so quote such text"),
        ('title: "abc\n', "2:1", "the quoted text that opens at line 1, column 8 is never closed: add the closing quote"),
        ("title: {en: x\n", "2:1", "the {...} that opens at line 1, column 8 is never closed: add the closing '}'"),
        ("title: 'it's'\n", "1:12", "inside '...' write a quote as two ('it''s')"),
        ("format: 1\n- x\n", "2:1", "a list item ('- ') where a key was expected"),
        ("title: @x\n", "1:8", "a value cannot start with '@' in YAML; put the text in quotes"),
        ("format: 1\ntitle\nid: x\n", "2:1", "this line is neither 'key: value' nor a list item"),
        ("a: *nope\n", "1:4", "*nope refers to no anchor: mark an earlier value with &nope"),
        ("a: &x 1\nb: &x 2\n", "2:4", "the anchor &x is defined twice (first at line 1, column 4)"),
        ("title: {en: x}}\n", "1:15", "an extra '}': remove it"),
        ("a: 1\n---\nb: 2\n", "2:1", "a file holds one document"),
    ],
)
def test_syntax_errors_say_what_to_do(text: str, where: str, advice: str) -> None:
    _, problems = validate_text(text, "f.yaml")
    msgs = [str(p) for p in problems]
    assert len(msgs) == 1, msgs
    assert msgs[0].startswith(f"f.yaml:{where}: error: YAML syntax error: "), msgs
    assert advice in msgs[0], msgs
    assert not any(j in msgs[0] for j in JARGON), msgs


def _bomb(n_keys: int = 160, people: int = 30) -> str:
    """A small file whose anchor, used 60 times, holds 160 wrong values: ~10,000 problems."""
    bad = ", ".join(f"criterion_number_{i}: notanumber" for i in range(n_keys))
    lines = [
        "format: 1",
        "id: bomb",
        "title: x",
        "briefing: x",
        "turns: 4",
        "tender: {published_turn: 2, ceiling: 100}",
        "criteria: [{id: a, weight: 1}]",
        f"x0: &c {{{bad}}}",
        "stakeholders:",
        *[f"  - {{id: p{i}, name: P, role: user, cares: *c, listens_to: *c}}" for i in range(people)],
        "vendors: [{id: v, name: V, playable: true, strengths: {a: 1}, cost: 1}]",
    ]
    return "\n".join(lines) + "\n"


def test_alias_amplified_problems_are_listed_up_to_a_limit(tmp_path: Path) -> None:
    f = tmp_path / "bomb.yaml"
    f.write_text(_bomb(), encoding="utf-8")
    assert f.stat().st_size < 60_000
    code, out, err = _run("validate", str(f))
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == MAX_LISTED + 1, len(lines)
    assert "more problems (" in lines[-1] and "not listed; fix the ones above first" in lines[-1]
    assert len(out) < 50_000  # was 11.7 MB before the limit
    total = int(err.split("; ")[-1].split(" error(s)")[0].replace(",", ""))
    assert total > 9_000  # the totals count every problem
    code, out, _ = _run("validate", "--format", "json", str(f))
    data = json.loads(out)
    entry = data["files"][0]
    assert len(entry["problems"]) == MAX_LISTED + 1 and entry["omitted"] == data["errors"] - MAX_LISTED


def test_loading_and_checking_a_bomb_keep_the_listing_short(tmp_path: Path) -> None:
    from game.scenario import ScenarioError, load_scenario

    f = tmp_path / "bomb.yaml"
    f.write_text(_bomb(), encoding="utf-8")
    assert len(check_file(f)) == MAX_LISTED + 1
    with pytest.raises(ScenarioError) as info:
        load_scenario(f)
    assert len(info.value.problems) == MAX_LISTED + 1 and info.value.total > 9_000
    assert len(str(info.value)) < 50_000
    total = info.value.total
    code, _, err = _run("simulate", str(f), "--runs", "5")
    assert code == 1 and len(err) < 50_000
    assert f"... and {total - MAX_LISTED:,} more problems" in err  # listed once, not twice
    assert f"the scenario has {total:,} problem(s)" in err


def test_a_larger_bomb_is_refused_before_it_is_expanded(tmp_path: Path) -> None:
    f = tmp_path / "bomb.yaml"
    f.write_text(_bomb(n_keys=3000), encoding="utf-8")
    problems = check_file(f)
    assert [p.message for p in problems] == [
        "the document expands to more than 20,000 values (too many aliases or a very large "
        "file); refused"
    ]
