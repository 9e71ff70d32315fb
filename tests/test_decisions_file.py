"""Decisions files: strict types, finite numbers, every problem as FILE:LINE:COL before play.

Issue 10: `amount: true` and `price: true` were read as 1; `price: .inf` passed
and the engine's DecisionError ('a bid must be a positive amount') escaped
from `play --decisions` as a traceback.
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pytest

from game.jsonsafe import dumps, finite
from game.scenario import Scenario
from game.session.decisions import DecisionsError, load_decisions, parse_decisions, play_decisions
from tests.cli_helpers import run_cli as run
from tests.cli_helpers import strict_json
from tests.conftest import ROOT, SCENARIOS

GOOD = """\
vendor: player
turns:
  1:
    - {action: visit, stakeholder: it_head, amount: 2}
    - {action: intel, stakeholder: head_nurse, amount: 1}
bid: {price: 1050000}
"""


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("amount: 2}", "amount: true}", "d.yaml:4:53: error: turns.1.0.amount: expected a whole number, got true (a YAML boolean"),
        ("amount: 2}", "amount: '2'}", "turns.1.0.amount: expected a whole number, got '2'; remove the quotes: 2"),
        ("amount: 2}", "amount: 1000000}", "turns.1.0.amount: 1000000 is out of range; it must be at most 100"),
        ("amount: 2}", "amount: 1" + "0" * 400 + "}", "turns.1.0.amount: 1000000000000000000000000000000000000... is out of range; it must be at most 100"),
        ("price: 1050000", "price: true", "d.yaml:6:14: error: bid.price: expected a number, got true (a YAML boolean"),
        ("price: 1050000", "price: .inf", "d.yaml:6:14: error: bid.price: .inf is not a finite number; write a plain number from 1 to 1,000,000,000,000"),
        ("price: 1050000", "price: .nan", "bid.price: .nan is not a finite number"),
        ("price: 1050000", "price: -5", "bid.price: -5 is out of range; it must be at least 1"),
        ("price: 1050000", "price: 1.0e+300", "bid.price: 1e+300 is out of range; it must be at most 1,000,000,000,000"),
        ("price: 1050000", "price: 1,050,000", "'1,050,000': inside {...} a comma ends the entry, so the number is cut at its commas; write it without them: 1050000"),
        ("vendor: player", "vendor: player\nround: 100000000000000000000", "round: 100000000000000000000 is out of range; it must be at most 100"),
    ],
)
def test_bad_numbers_in_a_decisions_file_are_reported_before_play(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    refused(tmp_path, GOOD, old, new, expected, "play")


def refused(tmp_path: Path, text: str, old: str, new: str, expected: str, *commands: str) -> None:
    """``text`` with ``old`` made ``new`` is refused by each command (play, debrief) with ``expected``
    (d.yaml: the file's path), before anything is played and without a traceback."""
    f = tmp_path / "d.yaml"
    changed = text.replace(old, new)
    assert changed != text
    f.write_text(changed, encoding="utf-8")
    for cmd in commands:
        extra = ("--json",) if cmd == "play" else ("--no-search",)
        code, out, err = run(cmd, "tutorial", "--decisions", str(f), "--seed", "1", *extra)
        assert code == 1 and out == "", cmd
        assert expected.replace("d.yaml", str(f)) in err or expected in err, err
        assert "Traceback" not in err and "problem(s)" in err


def test_the_engine_refusing_a_bid_is_a_positioned_problem(tutorial: Scenario) -> None:
    """Should the engine still refuse a checked file's bid, it is reported at the bid."""
    dec = parse_decisions(GOOD, "d.yaml", tutorial)
    with pytest.raises(DecisionsError) as info:
        play_decisions(tutorial, replace(dec, bid=-1.0), 1)
    assert [str(p) for p in info.value.problems] == [
        "d.yaml:6:14: error: bid: a bid must be a positive amount (or no bid)"
    ]
    with pytest.raises(DecisionsError) as info:
        play_decisions(tutorial, replace(dec, bid=math.inf), 1)
    assert str(info.value.problems[0]).startswith("d.yaml:6:14: error: bid: ")


def test_the_engine_refusing_a_turn_is_a_positioned_problem(tutorial: Scenario) -> None:
    from game.engine.game import Allocation

    dec = parse_decisions(GOOD, "d.yaml", tutorial)
    turns = {1: [Allocation("visit", "it_head", 99)]}
    with pytest.raises(DecisionsError) as info:
        play_decisions(tutorial, replace(dec, turns=turns), 1)
    (problem,) = info.value.problems
    assert str(problem).startswith("d.yaml:3:3: error: turn 1: not enough resources for visit x99")


def test_debrief_reports_decisions_problems_the_same_way(tmp_path: Path) -> None:
    f = tmp_path / "d.yaml"
    f.write_text(GOOD.replace("price: 1050000", "price: .inf"), encoding="utf-8")
    code, out, err = run("debrief", "tutorial", "--decisions", str(f), "--seed", "1", "--json")
    assert code == 1 and out == ""
    assert f"{f}:6:14: error: bid.price: .inf is not a finite number" in err
    assert "the decisions file has 1 problem(s)" in err


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*-decisions.yaml")), ids=lambda p: p.name)
def test_example_decisions_files_play(path: Path) -> None:
    from game.scenario import load_scenario

    name = path.name.removesuffix("-decisions.yaml")
    dec = load_decisions(path, load_scenario(SCENARIOS / f"{name}.yaml"))
    assert dec.bid is not None and dec.turns
    code, out, err = run("play", name, "--decisions", str(path), "--seed", "7", "--json")
    assert code == 0, err
    assert strict_json(out)


def test_there_is_an_example_for_every_bundled_scenario() -> None:
    names = {p.name.removesuffix("-decisions.yaml") for p in (ROOT / "examples").glob("*-decisions.yaml")}
    assert names == {p.stem for p in SCENARIOS.glob("*.yaml")}


# -- strict JSON out ---------------------------------------------------------------------


def test_non_finite_numbers_become_null() -> None:
    import numpy as np

    data = {"a": math.nan, "b": [math.inf, -math.inf, 1.5], "c": np.float64("nan"), "d": np.float32(2.5), "e": (np.int64(3), None), "f": "NaN"}
    assert finite(data) == {"a": None, "b": [None, None, 1.5], "c": None, "d": 2.5, "e": [3, None], "f": "NaN"}
    assert strict_json(dumps(data)) == {"a": None, "b": [None, None, 1.5], "c": None, "d": 2.5, "e": [3, None], "f": "NaN"}


def test_json_outputs_are_strict_json(tmp_path: Path) -> None:
    f = tmp_path / "d.yaml"
    f.write_text(GOOD, encoding="utf-8")
    for argv in (
        ("play", "tutorial", "--decisions", str(f), "--seed", "3", "--json"),
        ("simulate", "tutorial", "--runs", "20", "--seed", "3", "--json"),
        ("balance", "tutorial", "--runs", "10", "--seed", "3", "--json"),
        ("validate", "--format", "json", str(SCENARIOS / "tutorial.yaml")),
        ("schema",),
    ):
        code, out, err = run(*argv)
        assert code == 0, (argv, err)
        assert isinstance(strict_json(out), dict), argv


def test_a_scenario_that_printed_nan_is_refused(tmp_path: Path) -> None:
    """A denormal temperature made `simulate --json` print NaN (invalid JSON); now it is refused."""
    text = (SCENARIOS / "tutorial.yaml").read_text(encoding="utf-8")
    f = tmp_path / "t.yaml"
    f.write_text(text.replace("turn_name:", "model: {temperature: 5.0e-324}\nturn_name:", 1), encoding="utf-8")
    code, out, err = run("simulate", str(f), "--runs", "20", "--json")
    if out:
        strict_json(out)
    assert code == 1 and "model.temperature: 5e-324 is out of range" in err


@pytest.mark.parametrize(
    "argv",
    [
        ("play", "tutorial", "--decisions", "examples/tutorial-decisions.yaml", "--json", "--seed"),
        ("debrief", "tutorial", "--decisions", "examples/tutorial-decisions.yaml", "--no-search", "--seed"),
        ("simulate", "tutorial", "--runs", "3", "--seed"),
        ("balance", "tutorial", "--runs", "3", "--seed"),
    ],
)
@pytest.mark.parametrize("seed", ["-1", "9223372036854775808", "1e5"])
def test_seeds_out_of_range_are_refused(argv: tuple[str, ...], seed: str) -> None:
    """A negative seed was a numpy traceback from play --decisions and debrief."""
    code, out, err = run(*argv, seed)
    assert code == 2 and out == ""
    assert "error: argument --seed:" in err
    assert "a seed is a whole number from 0 to" in err or "is not a seed" in err


def test_an_aliased_decisions_file_lists_a_bounded_number_of_problems(tmp_path: Path) -> None:
    from game.scenario.problems import MAX_LISTED

    acts = ", ".join("{action: visit, stakeholder: it_head, amount: 1}" for _ in range(560))
    lines = ["vendor: player", "turns:", f"  1: &a [{acts}]", "  2: *a", "  3: *a", "  4: *a"]
    f = tmp_path / "d.yaml"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run("play", "tutorial", "--decisions", str(f), "--json")
    assert code == 1 and out == ""
    listed = [line for line in err.splitlines() if line.startswith(f"{f}:")]
    assert len(listed) == MAX_LISTED + 1 and len(err) < 30_000
    assert "... and 2,124 more problems (2,124 errors) not listed" in listed[-1]
    assert "the decisions file has 2,224 problem(s)" in err


# -- forecasts in a decisions file (issue 13: a team playing from a file forecasts too) -----------

FORECASTS = GOOD.replace(
    "bid: {price: 1050000}",
    "forecasts:\n  1: {win: 0.3, price: 1100000}\n  2: {win: 0.45}\n  4: {win: 0.6, price: 1050000}\nbid: {price: 1050000, win: 0.55}",
)


def test_a_files_forecasts_are_recorded_as_a_team_records_them(tutorial: Scenario) -> None:
    dec = parse_decisions(FORECASTS, "d.yaml", tutorial)
    assert dec.forecasts == {1: (0.3, 1_100_000.0), 2: (0.45, None), 4: (0.6, 1_050_000.0)} and dec.bid_win == 0.55
    g = play_decisions(tutorial, dec, 1)
    assert [(f.turn, f.win, f.price, f.at_bid) for f in g.forecasts_of("player")] == [
        (1, 0.3, 1_100_000.0, False), (2, 0.45, None, False), (4, 0.6, 1_050_000.0, False), (5, 0.55, 1_050_000.0, True)
    ]
    plain = play_decisions(tutorial, parse_decisions(GOOD, "d.yaml", tutorial), 1)
    assert plain.forecasts == [] and [r.to_json() for r in plain.records] == [r.to_json() for r in g.records]


def test_the_debrief_scores_a_files_forecasts(tmp_path: Path) -> None:
    f = tmp_path / "d.yaml"
    f.write_text(FORECASTS, encoding="utf-8")
    code, out, err = run("debrief", "tutorial", "--decisions", str(f), "--seed", "1", "--json", "--no-search")
    assert code == 0, err
    fc = strict_json(out)["teams"][0]["forecasts"]
    assert [(p["turn"], p["win"], p["at_bid"]) for p in fc["points"]] == [(1, 0.3, False), (2, 0.45, False), (4, 0.6, False), (5, 0.55, True)]
    assert fc["missing"] == [3] and not fc["bid_missing"]
    o = 1.0 if fc["outcome"] else 0.0
    assert fc["brier"] == pytest.approx(sum((w - o) ** 2 for w in (0.3, 0.45, 0.6, 0.55)) / 4)
    assert fc["price"]["bid"] == 1_050_000 and fc["price"]["error"] == 0.0  # the last forecast was the bid's price
    code, out, err = run("debrief", "tutorial", "--decisions", str(f), "--seed", "1", "--no-search")
    assert code == 0 and "Forecasts for 3 of 4 turns played and with the bid." in out and "Brier score" in out


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("1: {win: 0.3,", "1: {win: 40%,", "d.yaml:7:12: error: forecasts.1.win: expected a number, got '40%'; write a share as a plain number: 0.4"),
        ("1: {win: 0.3,", "1: {win: 40,", "forecasts.1.win: 40 is out of range; it must be at most 1 (a share: if you meant 40%, write 0.4)"),
        ("1: {win: 0.3,", "1: {win: -0.1,", "forecasts.1.win: -0.1 is out of range; it must be at least 0"),
        ("1: {win: 0.3,", "1: {win: .nan,", "forecasts.1.win: .nan is not a finite number; write a plain number from 0 to 1"),
        ("1: {win: 0.3,", "1: {win: yes,", "forecasts.1.win: expected a number, got true (a YAML boolean"),
        ("price: 1100000}", "price: 24m}", "d.yaml:7:24: error: forecasts.1.price: expected a number, got '24m'; write the amount in full, as a plain number: 24000000"),
        ("price: 1100000}", "price: 0}", "forecasts.1.price: 0 is out of range; it must be at least 1"),
        ("2: {win: 0.45}", "2: {chance: 0.45}", "d.yaml:8:7: error: unknown key 'chance'; allowed here: price, win"),
        ("2: {win: 0.45}", "2: 0.45", "forecasts.2: expected a mapping (key: value lines), got 0.45"),
        ("4: {win: 0.6,", "9: {win: 0.6,", "d.yaml:9:3: error: forecasts: turn 9 is outside 1..4; a forecast is made while planning a turn"),
        ("win: 0.55}", "win: 55%}", "d.yaml:10:28: error: bid.win: expected a number, got '55%'; write a share as a plain number: 0.55"),
        ("bid: {price: 1050000, win: 0.55}", "bid: {win: 0.55}", "d.yaml:10:12: error: bid.win: a chance to win with no bid; give the bid's price, or leave 'win' out"),
        ("forecasts:", "forecast:", "unknown key 'forecast' (did you mean 'forecasts'?)"),
        ("vendor: player", "vendor: player\nround: 1", "a file for round 1 may only contain a forecast for turn 1; it also has [2, 4]"),
    ],
)
def test_bad_forecasts_in_a_decisions_file_are_said_with_their_place(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    refused(tmp_path, FORECASTS, old, new, expected, "play", "debrief")


def test_a_workshop_imports_a_teams_forecast_with_its_file(tmp_path: Path) -> None:
    """The trainer's import records the round's forecast (and the bid's); the hand-in writes them."""
    from game.session.export import handin_text
    from tests.session_helpers import make

    trainer = make(tmp_path / "t.session.jsonl", scenario=SCENARIOS / "tutorial.yaml", teams=("Red",), seed=4)
    laptop = make(tmp_path / "l.session.jsonl", scenario=SCENARIOS / "tutorial.yaml", teams=("Red",), seed=4)
    f = tmp_path / "red1.yaml"
    f.write_text("vendor: player\nteam: Red\nround: 1\nturns:\n  1: [{action: visit, stakeholder: it_head}]\n"
                 "forecasts:\n  1: {win: 0.35, price: 1100000}\n", encoding="utf-8")
    trainer.open_round()
    res = trainer.import_file(f)
    assert res.forecast and res.actions == 1
    g = trainer.game_of("Red")
    assert [(x.turn, x.win, x.price, x.at_bid) for x in g.forecasts_of("player")] == [(1, 0.35, 1_100_000.0, False)]
    assert [(e.type, getattr(e, "round", None)) for e in trainer.entries][-2:] == [("submit", 1), ("forecast", 1)]
    # The laptop's hand-in carries the forecast, and the trainer's import reads it back.
    laptop.open_round()
    laptop.submit("Red", [])
    laptop.forecast("Red", 0.5, None)
    text, _ = handin_text(laptop, "Red")
    assert "forecasts:\n  1: {win: 0.5}" in text
    f.write_text(text, encoding="utf-8")
    assert trainer.import_file(f).replaced
    assert [(x.turn, x.win, x.price) for x in g.forecasts_of("player")] == [(1, 0.5, None)]  # the last one counts
    for s in (trainer, laptop):
        s.close_round(force=True)
        for _ in range(s.rounds - 1):
            s.open_round()
            s.close_round(force=True)
    laptop.submit_bid("Red", 1_050_000)
    laptop.forecast("Red", 0.4, 1_050_000)
    text, _ = handin_text(laptop, "Red")
    assert "bid: {price: 1050000.0, win: 0.4}" in text or "bid: {price: 1050000, win: 0.4}" in text
    f.write_text(text, encoding="utf-8")
    res = trainer.import_file(f)
    assert res.kind == "bid" and res.forecast
    assert [(x.win, x.price, x.at_bid) for x in g.forecasts_of("player")][-1] == (0.4, 1_050_000.0, True)
