"""The debrief's benchmark: a 12-team parallel-worlds class on one scenario, scripted by policies.

``python main.py bench --only debrief`` times the class's debrief (win
probability after every turn at 2,000 samples with the skill/luck split,
explanations, pitfalls) and one team's best-single-change search, against
the targets (the class <= 5 s, the search <= 10 s). The class's futures play in worker
processes, one per core the process may use (``winprob.default_workers``): its target is
judged on every core of the machine, as a trainer's laptop runs it, and its time on the
one core ``bench`` pins itself to is reported beside it.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from game.ai import policies
from game.ai.players import POLICIES
from game.engine.game import Allocation, Game
from game.engine.state import StreamKey
from game.engine.teams import TeamGame
from game.model.compiled import Compiled
from game.scenario.schema import ACTION_IDS

from .bundle import debrief_teams
from .whatif import best_single_change
from .winprob import win_curves

STYLES = ("best_practice", "balanced", "technical", "relationship", "spread_even", "focus_decision_maker")


def class_games(c: Compiled, teams: int = 12, seed: int = 1) -> list[TeamGame]:
    """``teams`` games of the first playable vendor, same seed (parallel worlds), each team
    playing like one of STYLES with its own jitter and bidding its own markup."""
    sc = c.scenario
    vendor = next(v.id for v in sc.vendors if v.playable)
    out = []
    for i in range(teams):
        style = STYLES[i % len(STYLES)]
        g = Game(sc, seed, (vendor,), players=POLICIES)
        v = g.vendor_index(vendor)
        while g.phase == "turn":
            obs = policies.observe(g.c, g.st, v)
            alloc = policies.plan(style, obs, g.st.streams.derived_rng(StreamKey.BENCHMARK + i, g.turn))[0]
            g.set_actions(
                vendor,
                [
                    Allocation(ACTION_IDS[a], g.c.stakeholder_ids[s], int(alloc[s, a]))
                    for s, a in zip(*np.nonzero(alloc), strict=True)
                ],
            )
            g.end_turn()
        g.submit_bid(vendor, round(float(g.c.cost[v]) * (1.05 + 0.01 * i), -4))
        g.finish()
        out.append(TeamGame(f"Team {i + 1} ({style})", vendor, g))
    return out


def _on_every_core(fn: Callable[[], object]) -> tuple[float, int] | None:
    """(seconds, cores) ``fn`` takes with the process allowed on every core of the machine
    (the system keeps it within what it may use); None on one core or where it cannot be."""
    every = set(range(os.cpu_count() or 1))
    if len(every) < 2 or not hasattr(os, "sched_setaffinity"):
        return None
    pinned = os.sched_getaffinity(0)
    try:
        os.sched_setaffinity(0, every)
        used = len(os.sched_getaffinity(0))
        t = time.perf_counter()
        fn()
        return time.perf_counter() - t, used
    except OSError:
        return None
    finally:
        with contextlib.suppress(OSError):
            os.sched_setaffinity(0, pinned)


def bench_debrief(c: Compiled, quick: bool) -> list[dict[str, Any]]:
    teams = 4 if quick else 12
    samples = 500 if quick else 2000
    games = class_games(c, teams)
    win_curves(games[:1], samples=100)  # warm up
    t = time.perf_counter()
    debriefs = debrief_teams(games, samples=samples)  # explanations, curves, pitfalls, beliefs
    wp = time.perf_counter() - t
    curves = [d.curve for d in debriefs if d.curve is not None]
    every = _on_every_core(lambda: debrief_teams(games, samples=samples))
    t = time.perf_counter()
    search = best_single_change(games[1])
    bsc = time.perf_counter() - t
    # The class's debrief as a trainer runs it: its futures on every core of the machine
    # (one core where the machine has one or cannot say), the one-core figure beside it.
    whole, cores = every if every is not None else (wp, 1)
    return [
        {
            "name": "debrief_class",
            "value": whole,
            "unit": "s",
            "target": f"<= 5 s: {teams} teams, win probability after each of {c.turns} turns x {samples:,} samples with the skill/luck split, explanations, pitfalls; on the machine's {cores} core(s), as a trainer runs it",
            "ok": whole <= 5.0,
            "teams": teams,
            "samples": samples,
            "futures": curves[0].futures,
            "cores": cores,
        },
        {
            "name": "debrief_class_one_core",
            "value": wp,
            "unit": "s",
            "target": "the same on one core; reported, no target",
            "ok": True,
        },
        {
            "name": "debrief_best_single_change",
            "value": bsc,
            "unit": "s",
            "target": "<= 10 s for one team",
            "ok": bsc <= 10.0,
            "candidates": search.tried,
        },
    ]
