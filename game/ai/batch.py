"""Playing whole games in many worlds at once, every vendor driven by a policy.

This is the path for Monte Carlo: simulate, balance, win probabilities and
the benchmark. The engine's parts (``award``, ``BatchResult``, ``Script``,
``strategies_for``) are re-exported here so batch callers need one module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields, replace
from typing import Any

import numpy as np

from game.ai import policies
from game.engine.batch import BatchResult, Script, award, strategies_for
from game.engine.state import State, StreamKey, new_state
from game.engine.turn import resolve
from game.model.compiled import Compiled
from game.scenario.schema import ACTION_IDS, Event

F = policies.F

__all__ = [
    "BLOCK",
    "BatchResult",
    "Script",
    "award",
    "block_seed",
    "play_turns",
    "policy_bids",
    "run",
    "strategies_for",
]


def play_turns(
    c: Compiled,
    st: State,
    names: list[str],
    *,
    scripts: Mapping[int, Script] | None = None,
    until: int | None = None,
    extra_events: Sequence[Event] = (),
) -> None:
    """Play from st.turn through turn ``until`` (default: the last turn)."""
    last = c.turns if until is None else until
    scripts = scripts or {}
    while st.turn <= last:
        alloc = np.zeros((st.W, c.V, c.S, len(ACTION_IDS)))
        sn = policies.seen(c, st)
        for v, name in enumerate(names):
            scripted = scripts[v](st.turn, st) if v in scripts else None
            if scripted is not None:
                alloc[:, v] = scripted
                continue
            obs = policies.observe(c, st, v, sn)
            alloc[:, v] = policies.plan(name, obs, st.streams.ai_rng(v, st.turn))
        resolve(c, st, alloc, extra_events=extra_events, intro=sn.intro)


def policy_bids(c: Compiled, st: State, names: list[str], seats: frozenset[int] = frozenset()) -> F:
    """Bids [W,V]; vendors in ``seats`` are players' seats played by a baseline."""
    bids = np.zeros((st.W, c.V))
    sn = policies.seen(c, st)
    for v, name in enumerate(names):
        obs = policies.observe(c, st, v, sn)
        bids[:, v] = policies.bid(name, obs, st.streams.ai_rng(v, c.turns + 1), seat=v in seats)
    return bids


# Worlds played at once: the state arrays of a block stay in the processor's cache, so
# 10,000 worlds cost ten times 1,000, not fifteen. A run of up to BLOCK worlds is one block.
BLOCK = 2048


def block_seed(seed: int, i: int) -> int:
    """The seed of block i of a large run: the run's own seed for the first block (so a run of
    up to BLOCK worlds is unchanged), a spawned one for the others (never seed + i)."""
    if i == 0:
        return seed
    ss = np.random.SeedSequence(seed, spawn_key=(int(StreamKey.BLOCKS), i))
    return int(ss.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1))


def run(
    c: Compiled,
    n_worlds: int,
    seed: int,
    *,
    seat_strategy: Mapping[str, str] | None = None,
    scripts: Mapping[int, Script] | None = None,
    bid_override: Mapping[int, float] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BatchResult:
    """Play n_worlds complete games with policies (and optional scripted vendors).

    Large runs play in blocks of BLOCK worlds (``block_seed``); the first BLOCK worlds of a
    run are the same whatever its size. Scripts must work on any number of worlds. The
    result's ``state`` holds every world's arrays and the first block's streams.
    """
    parts = []
    for i, start in enumerate(range(0, n_worlds, BLOCK)):
        n = min(BLOCK, n_worlds - start)
        parts.append(_run_block(c, n, block_seed(seed, i), seat_strategy, scripts, bid_override))
        if progress is not None:
            progress(start + n, n_worlds)
    if len(parts) == 1:
        return parts[0]
    return _concat(parts)


def _run_block(
    c: Compiled,
    n_worlds: int,
    seed: int,
    seat_strategy: Mapping[str, str] | None,
    scripts: Mapping[int, Script] | None,
    bid_override: Mapping[int, float] | None,
) -> BatchResult:
    names = strategies_for(c, seat_strategy)
    st = new_state(c, n_worlds, seed)
    play_turns(c, st, names, scripts=scripts)
    seats = frozenset(c.vendor_ids.index(vid) for vid in (seat_strategy or {}))
    bids = policy_bids(c, st, names, seats)
    for v, price in (bid_override or {}).items():
        bids[:, v] = price
    aw = award(c, st, bids)
    return BatchResult(award=aw, state=st, bids=bids, spent=st.spent.copy())


def _concat(parts: list[BatchResult]) -> BatchResult:
    def cat(values: list[Any]) -> Any:
        return np.concatenate(values, axis=0)

    first = parts[0]
    award_ = replace(
        first.award,
        **{f.name: cat([getattr(p.award, f.name) for p in parts]) for f in fields(first.award)},
    )
    arrays = {k: cat([getattr(p.state, k) for p in parts]) for k in first.state._arrays()}
    state = replace(first.state, W=sum(p.state.W for p in parts), **arrays)
    return BatchResult(
        award=award_,
        state=state,
        bids=cat([p.bids for p in parts]),
        spent=cat([p.spent for p in parts]),
    )
