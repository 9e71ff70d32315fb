"""Win probability over time: deterministic, consumes no game dice, skill + luck add up."""

from __future__ import annotations

import numpy as np
import pytest

from game.ai.players import POLICIES
from game.analysis.debrief.replay import apply_entry, blank_like, checkpoints, fork
from game.analysis.debrief.winprob import WinCurve, win_curve, win_curves
from game.engine.game import Game
from game.engine.teams import TeamGame
from game.present.debrief.text import Names, curve_lines
from tests.debrief_helpers import head_to_head, play, policy, scenario

SAMPLES = 400  # 40 futures x 10 award draws: enough for the properties tested here


@pytest.fixture(scope="module")
def best() -> TeamGame:
    return play(policy("best_practice"), seed=1)


@pytest.fixture(scope="module")
def passive() -> TeamGame:
    return play(lambda g, v: [], seed=1, team="Idle")


def test_stepping_through_the_log_is_the_game(best: TeamGame) -> None:
    g = best.game
    h = blank_like(g)
    for entry in g.log:
        apply_entry(h, entry)
    assert h.records == g.records and h.result == g.result
    cps = checkpoints(g)
    assert [cp.turns_played for cp in cps] == list(range(g.c.turns + 1))
    for cp in cps[1:]:
        assert cp.game.records == g.records[: cp.turns_played]
    f = fork(cps[3].game)
    f.end_turn()
    assert len(cps[3].game.records) == 3, "playing on a fork leaves the checkpoint as it was"


def test_curve_shape_and_final_point(best: TeamGame) -> None:
    cv = win_curve(best, samples=SAMPLES)
    res = best.game.result.vendor("incumbent")  # type: ignore[union-attr]  # the game is finished
    assert [p.turn for p in cv.points] == list(range(11))
    assert cv.points[-1].p_win == res.win_probability
    assert cv.points[-1].expected == res.expected_result
    assert cv.points[0].p_decided is None and all(p.p_decided is not None for p in cv.points[1:])
    assert all(0.0 <= p.p_win <= 1.0 for p in cv.points)
    assert cv.samples == SAMPLES and cv.futures == SAMPLES // 10 and cv.stand_in == "best_practice"


def test_skill_plus_luck_is_the_outcome_minus_the_start(best: TeamGame, passive: TeamGame) -> None:
    for cv in win_curves([best, passive], samples=SAMPLES):
        assert cv.won is not None
        assert cv.skill + cv.luck == pytest.approx(float(cv.won) - cv.start, abs=1e-12)
        assert 0.0 <= cv.luck_share <= 1.0
        assert len(cv.decisions) == len(cv.dice) == 10


def test_skill_tells_good_play_from_doing_nothing(best: TeamGame, passive: TeamGame) -> None:
    good, idle = win_curves([best, passive], samples=SAMPLES)
    # Same seed, same start; the idle team loses ground to the stand-in turn after turn.
    assert good.start == pytest.approx(idle.start, abs=1e-12)
    assert idle.skill < -0.2
    assert abs(good.skill) < 0.1, "best practice plays about as well as its own stand-in"


def test_deterministic_and_consumes_no_game_dice(best: TeamGame) -> None:
    g = best.game
    before = {k: v.copy() for k, v in g.st._arrays().items()}
    log = [dict(e) for e in g.log]
    a = win_curve(best, samples=SAMPLES)
    b = win_curve(best, samples=SAMPLES)
    assert a == b
    for k, v in g.st._arrays().items():
        assert np.array_equal(v, before[k]), k
    assert g.log == log
    again = Game.replay(g.scenario, g.seed, g.log, g.humans, players=POLICIES)
    assert again.records == g.records and again.result == g.result


def test_head_to_head_teams_share_a_game() -> None:
    red, blue = head_to_head()
    curves = win_curves([red, blue], samples=SAMPLES)
    assert [c.team for c in curves] == ["Red", "Blue"]
    for c in curves:
        assert len(c.points) == 11
    # Both teams' chances come from the same positions: they cannot sum above one.
    for p, q in zip(curves[0].points, curves[1].points, strict=True):
        assert p.p_win + q.p_win <= 1.0 + 1e-9


def test_unfinished_game_has_a_curve_up_to_now() -> None:
    g = Game(scenario(), 4, ("incumbent",), players=POLICIES)
    for _ in range(3):
        g.end_turn()
    cv = win_curve(TeamGame("Early", "incumbent", g), samples=100)
    assert [p.turn for p in cv.points] == [0, 1, 2, 3]
    assert cv.won is None and cv.award_luck == 0.0


def test_progress_is_reported(best: TeamGame) -> None:
    seen: list[tuple[int, int]] = []
    win_curves([best], samples=100, progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_curve_text(best: TeamGame) -> None:
    cv: WinCurve = win_curve(best, samples=100)
    for lang in ("en", "zh"):
        lines = curve_lines(cv, Names.of(best.game, lang))
        assert len(lines) == 4 and "{" not in "".join(lines)


def test_worker_processes_give_the_same_curves(best: TeamGame, passive: TeamGame) -> None:
    """A class-sized debrief plays its futures in worker processes; the figures must not
    depend on how many (each batch of futures draws from its own derived streams)."""
    teams = [best, passive]
    here = win_curves(teams, samples=200, workers=1)
    seen: list[tuple[int, int]] = []
    there = win_curves(teams, samples=200, workers=2, progress=lambda d, t: seen.append((d, t)))
    assert there == here
    assert seen[-1][0] == seen[-1][1]  # the progress bar still reaches its end


def test_workers_only_for_a_class_sized_debrief() -> None:
    from game.analysis.debrief.winprob import PARALLEL_FROM, default_workers

    assert default_workers(PARALLEL_FROM - 1) == 1  # a team's own debrief stays in-process
    assert default_workers(PARALLEL_FROM) >= 1
