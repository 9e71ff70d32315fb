"""Balance verdicts weigh the expected result (win probability x margin - spend), as the leaderboard does.

Issue 10: on an author's scenario best_practice had a mean margin of -44,828
against spread_even's +102,736, and `balance` said nothing because it judged
by win rates only.
"""

from __future__ import annotations

from typing import Any

import pytest

from game.analysis.balance import PAY_GAP, balance, balance_text, verdicts
from game.scenario import Scenario

ROOM = 2_000_000  # ceiling - cost of the seat


def _rows(**figures: tuple[float, float, float]) -> dict[str, dict[str, Any]]:
    """strategy -> (win rate, expected result, its standard error)."""
    return {
        name: {
            "win_rate": w,
            "failed_rate": 0.0,
            "mean_margin": m,
            "margin_se": se,
            "mean_spent": 60_000.0,
        }
        for name, (w, m, se) in figures.items()
    }


AUTHOR = {
    "passive": (0.02, 1_000.0, 500.0),
    "spread_even": (0.30, 102_736.0, 6_000.0),
    "focus_decision_maker": (0.25, 40_000.0, 6_000.0),
    "price_cutter": (0.10, -300.0, 200.0),
    "best_practice": (0.55, -44_828.0, 7_000.0),
}


def test_the_authors_case_is_flagged() -> None:
    found = verdicts(_rows(**AUTHOR), ROOM)
    assert [w["code"] for w in found] == ["B006"]
    (w,) = found
    assert w["name"] == "lessons-do-not-pay"
    assert "spread_even's expected result (+102,736) beats best_practice's (-44,828" in w["message"]
    assert "by 147,564, 7% of the 2,000,000 this seat can make" in w["message"]
    assert "best_practice wins 55.0% against 30.0%" in w["message"]


def test_win_rates_alone_see_nothing_wrong_there() -> None:
    assert verdicts(_rows(**AUTHOR)) == []  # no room given: the old, win-rate-only verdicts


@pytest.mark.parametrize(
    "change",
    [
        {"spread_even": (0.30, -30_000.0, 6_000.0)},  # within PAY_GAP of best_practice
        {"spread_even": (0.30, 102_736.0, 90_000.0)},  # a gap within the dice
        {"best_practice": (0.55, 150_000.0, 7_000.0)},  # best practice earns most
    ],
)
def test_gaps_that_are_small_or_noise_are_not_flagged(change: dict[str, tuple[float, float, float]]) -> None:
    rows = _rows(**{**AUTHOR, "focus_decision_maker": (0.25, -60_000.0, 6_000.0), **change})
    assert "B006" not in [w["code"] for w in verdicts(rows, ROOM)]
    assert PAY_GAP * ROOM > 14_828  # the first case's gap is below the threshold


def test_the_report_shows_expected_results_and_wires_the_room(tutorial: Scenario) -> None:
    report = balance(tutorial, 100, 5)
    seat = report["seats"]["player"]
    room = tutorial.tender.ceiling - tutorial.vendors[0].cost
    assert seat["room"] == room
    assert seat["warnings"] == verdicts(seat["strategies"], room)
    assert seat["best_expected"] == max(seat["strategies"], key=lambda k: seat["strategies"][k]["mean_margin"])
    for row in seat["strategies"].values():
        assert row["margin_se"] >= 0
    text = balance_text(report)
    assert "expected result" in text
    if seat["best_expected"] != seat["best"]:
        assert f"most wins: {seat['best']}; best expected result: {seat['best_expected']}" in text
