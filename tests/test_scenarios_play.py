"""Every bundled scenario plays to the end under every strategy, and its win rates add up."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from game.ai.batch import run
from game.ai.players import POLICIES
from game.ai.policies import BASELINES, PERSONAS
from game.engine.game import Game
from game.model.compiled import compile_scenario
from game.scenario import load_scenario
from tests.conftest import SCENARIOS

BUNDLED = sorted(SCENARIOS.glob("*.yaml"))


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_every_strategy_plays_every_seat(path: Path) -> None:
    sc = load_scenario(path)
    c = compile_scenario(sc)
    for name in (*BASELINES, *PERSONAS):
        seats = {v.id: name for v in sc.playable_vendors()}
        res = run(c, 40, 5, seat_strategy=seats)
        w = res.award.winner
        shares = [(w == v).mean() for v in range(c.V)] + [(w < 0).mean()]
        assert sum(shares) == pytest.approx(1.0)
        assert np.isfinite(res.award.total).all()
        assert (res.spent <= c.budget[None, :] + 1e-6).all(), name


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_a_played_game_finishes_with_a_result(path: Path) -> None:
    sc = load_scenario(path)
    teams = tuple(v.id for v in sc.playable_vendors())
    g = Game(sc, 11, teams, players=POLICIES)
    while g.phase == "turn":
        for vid in teams:
            g.set_actions(vid, g.ai_allocations(vid))
        g.end_turn()
    for vid in teams:
        g.submit_bid(vid, 0.95 * g.ceiling)
    res = g.finish()
    assert len(res.vendors) == len(sc.vendors)
    assert res.failed or res.winner in [v.id for v in sc.vendors]
