"""Playing whole games in many worlds at once, every vendor driven by a policy.

This is the path for Monte Carlo: simulate, balance, win probabilities and
the benchmark. The engine's parts (``award``, ``BatchResult``, ``Script``,
``strategies_for``) are re-exported here so batch callers need one module.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from game.ai import policies
from game.engine.batch import BatchResult, Script, award, strategies_for
from game.engine.state import State, new_state
from game.engine.turn import resolve
from game.model.compiled import Compiled
from game.scenario.schema import ACTION_IDS, Event

F = policies.F

__all__ = ["BatchResult", "Script", "award", "play_turns", "policy_bids", "run", "strategies_for"]


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
        resolve(c, st, alloc, extra_events=extra_events)


def policy_bids(c: Compiled, st: State, names: list[str], seats: frozenset[int] = frozenset()) -> F:
    """Bids [W,V]; vendors in ``seats`` are players' seats played by a baseline."""
    bids = np.zeros((st.W, c.V))
    sn = policies.seen(c, st)
    for v, name in enumerate(names):
        obs = policies.observe(c, st, v, sn)
        bids[:, v] = policies.bid(name, obs, st.streams.ai_rng(v, c.turns + 1), seat=v in seats)
    return bids


def run(
    c: Compiled,
    n_worlds: int,
    seed: int,
    *,
    seat_strategy: Mapping[str, str] | None = None,
    scripts: Mapping[int, Script] | None = None,
    bid_override: Mapping[int, float] | None = None,
) -> BatchResult:
    """Play n_worlds complete games with policies (and optional scripted vendors)."""
    names = strategies_for(c, seat_strategy)
    st = new_state(c, n_worlds, seed)
    play_turns(c, st, names, scripts=scripts)
    seats = frozenset(c.vendor_ids.index(vid) for vid in (seat_strategy or {}))
    bids = policy_bids(c, st, names, seats)
    for v, price in (bid_override or {}).items():
        bids[:, v] = price
    aw = award(c, st, bids)
    return BatchResult(award=aw, state=st, bids=bids, spent=st.spent.copy())
