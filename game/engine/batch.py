"""Playing whole games in many worlds at once, every vendor driven by a policy.

This is the path for Monte Carlo: simulate, balance, win probabilities and
the benchmark. The interactive :class:`game.engine.game.Game` uses the same
``resolve`` and ``evaluate`` with W = 1.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from game.ai import policies
from game.engine.state import State, new_state
from game.engine.turn import resolve, stance
from game.model.compiled import Compiled
from game.model.tender import Award, current_spec, evaluate
from game.scenario.schema import ACTION_IDS, Event

F = NDArray[np.float64]

# A scripted hook: (turn, state) -> allocations [W,S,A] for one vendor, or None to use its policy.
Script = Callable[[int, State], F | None]


@dataclass(frozen=True)
class BatchResult:
    award: Award
    state: State
    bids: F  # [W,V]
    spent: F  # [W,V]


def strategies_for(c: Compiled, seat_strategy: Mapping[str, str] | None = None) -> list[str]:
    """Policy name per vendor: the scenario's persona unless overridden."""
    names: list[str] = [str(v.strategy) for v in c.scenario.vendors]
    for vid, name in (seat_strategy or {}).items():
        names[c.vendor_ids.index(vid)] = name
    return names


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


def award(c: Compiled, st: State, bids: F, rng: np.random.Generator | None = None) -> Award:
    """Evaluate the bids; the award's dice come from the game's award stream unless given."""
    rng = rng if rng is not None else st.streams.dice_rng(0)
    z_eval = rng.standard_normal((st.W, c.S, c.V))
    u_disq = rng.random((st.W, c.V))
    return evaluate(
        c,
        price=bids,
        stance=stance(c, st),
        spec=current_spec(c, st.spec_base, st.pull),
        quality=st.quality,
        weights=st.weights,
        ceiling=st.ceiling,
        z_eval=z_eval,
        u_disq=u_disq,
    )


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
