"""Speed and memory against the targets the issues set (`python main.py bench`).

A tool at the top of the layers (beside game/cli.py): it times every layer, the
session and the window included, each imported lazily by its entry.

Not tests: figures are measured here and reported; each entry says its
target and whether it was met. Run on one core (the command pins itself); the class
debrief, which plays its futures in worker processes, is also timed on every core.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TextIO

import numpy as np

from game.ai.batch import play_turns, policy_bids, run, strategies_for
from game.ai.players import POLICIES
from game.engine.game import Game, win_probability
from game.engine.state import new_state
from game.model.compiled import Compiled, compile_scenario
from game.scenario.load import load_scenario


class _Paths(Protocol):
    @property
    def scenarios(self) -> Path: ...


Entry = dict[str, Any]


def _entry(name: str, value: float, unit: str, target: str, ok: bool, **extra: Any) -> Entry:
    return {"name": name, "value": value, "unit": unit, "target": target, "ok": ok, **extra}


def _timed(fn: Callable[[], object], repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def bench_core(c: Compiled, quick: bool) -> list[Entry]:
    n = 1000 if quick else 10_000
    run(c, 100, 0)  # warm up
    vec = _timed(lambda: run(c, n, 1), repeat=1 if quick else 2)
    small = _timed(lambda: run(c, n // 10, 1), repeat=3)
    ratio = vec / small
    out = [
        _entry(
            "games_10k_vectorised",
            vec * 10_000 / n,
            "s",
            "<= 3 s for 10,000 games",
            vec * 10_000 / n <= 3.0,
            worlds=n,
        ),
        _entry(
            "games_10x_scaling",
            ratio,
            "x",
            f"<= 10: {n:,} games cost at most ten times {n // 10:,} (worlds run in cache-sized blocks)",
            ratio <= 10.0,
        ),
    ]

    m = 20 if quick else 200
    t = time.perf_counter()
    for i in range(m):
        run(c, 1, 1000 + i)
    loop = (time.perf_counter() - t) / m * 10_000
    speedup = loop / (vec * 10_000 / n)
    out.append(
        _entry(
            "games_10k_python_loop",
            loop,
            "s",
            f"extrapolated from {m} games one world at a time",
            True,
        )
    )
    out.append(_entry("vectorised_speedup", speedup, "x", ">= 30x", speedup >= 30))

    per_turn = []
    for seed in range(5 if quick else 20):  # every turn of several games: a steadier median
        g = Game(c.scenario, 5 + seed, (), players=POLICIES)
        for _ in range(c.turns):
            t = time.perf_counter()
            g.end_turn()
            per_turn.append(time.perf_counter() - t)
    one_turn = float(np.median(per_turn)) * 1000
    out.append(
        _entry(
            "one_turn_one_world",
            one_turn,
            "ms",
            f"<= 2 ms (with AI and the turn record; median of {len(per_turn)} turns)",
            one_turn <= 2.0,
        )
    )

    st = new_state(c, 1, 9)
    names = strategies_for(c)
    play_turns(c, st, names)
    bids = policy_bids(c, st, names)
    rng = np.random.default_rng(0)
    wp = _timed(lambda: win_probability(c, st, bids, 10_000, rng), repeat=3) * 1000
    out.append(_entry("win_probability_10k_samples", wp, "ms", "<= 50 ms", wp <= 50.0))

    tracemalloc.start()
    run(c, n, 2)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    mb = peak / 2**20 * (10_000 / n)
    out.append(_entry("peak_memory_10k_worlds", mb, "MB", "<= 500 MB", mb <= 500.0))
    return out


def bench_balance(c: Compiled, quick: bool) -> list[Entry]:
    """`python main.py balance`: 5 baselines x 2,000 games in one seat; then every seat."""
    from game.analysis.balance import balance

    runs = 200 if quick else 2000
    scale = 2000 / runs
    seats = [v.id for v in c.scenario.vendors if v.playable]
    balance(c.scenario, 100, 0, seats=seats[:1])  # warm up
    one = _timed(lambda: balance(c.scenario, runs, 1, seats=seats[:1])) * scale
    out = [
        _entry(
            "balance_5x2000_one_seat",
            one,
            "s",
            "<= 20 s for 5 strategies x 2,000 games",
            one <= 20.0,
            seat=seats[0],
            runs=runs,
        )
    ]
    every = _timed(lambda: balance(c.scenario, runs, 1)) * scale
    out.append(
        _entry(
            "balance_5x2000_every_seat",
            every,
            "s",
            f"{len(seats)} playable seat(s); reported, no target",
            True,
            runs=runs,
        )
    )
    return out


def bench_workshop(c: Compiled, quick: bool) -> list[Entry]:
    """A 12-team, 10-round workshop session: round resolution and the dashboard's refresh."""
    from game.session.bench import bench_workshop as run_workshop_bench

    return run_workshop_bench(c, quick)


def bench_debrief(c: Compiled, quick: bool) -> list[Entry]:
    """Debrief of a 12-team class: win probability per turn (2,000 samples), best single change."""
    from game.analysis.debrief.benchmark import bench_debrief as run_debrief

    return run_debrief(c, quick)


def bench_ui(c: Compiled, quick: bool) -> list[Entry]:
    """The game window: frame time on the 12-person board at 1920x1080, start-up to the title."""
    from game.ui.bench import ROOT, run_ui_bench

    return run_ui_bench(ROOT / "scenarios", quick)


def bench_web(c: Compiled, quick: bool) -> list[Entry]:
    """A served session: 12 teams x 5 members on loopback against the real host (workshop --serve)."""
    from game.cli.bench_web import bench_web as run_web

    return run_web(c, quick)


BENCHES: dict[str, Callable[[Compiled, bool], list[Entry]]] = {
    "core": bench_core,
    "balance": bench_balance,
    "workshop": bench_workshop,
    "debrief": bench_debrief,
    "ui": bench_ui,
    "web": bench_web,
}


def run_bench(
    paths: _Paths, *, only: str | None = None, quick: bool = False, progress: TextIO | None = None
) -> dict[str, Any]:
    c = compile_scenario(load_scenario(paths.scenarios / "rural_schools.yaml"))
    wanted = set(only.split(",")) if only else set(BENCHES)
    results: list[Entry] = []
    for name, fn in BENCHES.items():
        if name not in wanted:
            continue
        if progress:
            print(f"bench {name} ...", file=progress, flush=True)
        results.extend(fn(c, quick))
    return {"scenario": c.scenario.id, "quick": quick, "results": results}
