"""Screening many what-ifs at once: one world per candidate, every world with the game's dice.

A what-if replays a game with one decision changed and the same dice. Doing
that one game at a time costs a whole replay per candidate; here the
candidates that change the same turn are the worlds of one batch state, and
every world draws exactly the dice the one-world game drew (each draw of
shape (W, ...) is the one-world draw repeated W times: see dice.py). So each world is the
what-if replay of its candidate, computed side by side. The debrief uses it
to rank candidates; the best ones are then replayed for real with
:func:`game.analysis.debrief.whatif.what_if`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from game.ai import policies
from game.engine.game import Allocation, Game, parse_event
from game.engine.state import State, StreamKey
from game.engine.turn import resolve, stance
from game.model.tender import current_spec, evaluate
from game.scenario.schema import ACTION_IDS, Event

from .dice import BlockStreams

F = NDArray[np.float64]


@dataclass(frozen=True)
class Screened:
    p_win: float
    expected: float  # p_win x margin - spent, as GameResult.expected_result


def _alloc_array(g: Game, allocs: Sequence[Allocation]) -> F:
    c = g.c
    out = np.zeros((c.S, len(ACTION_IDS)))
    for a in allocs:
        out[c.stakeholder_ids.index(a.stakeholder), ACTION_IDS.index(a.action)] += a.amount
    return out


def _money(g: Game, allocs: Sequence[Allocation]) -> float:
    return sum(g.cost_of(a.action, a.amount).get("money", 0.0) for a in allocs)


def screen(
    game: Game,
    start: Game,
    entries: Sequence[Mapping[str, Any]],
    vendor: str,
    first: Sequence[Sequence[Allocation]] | None,
    prices: Sequence[float | None] | None,
    samples: int,
) -> list[Screened | None]:
    """Play ``entries`` (the log from ``start``'s position on) in one world per candidate.

    ``first[w]``: world w's allocations for the team in the first turn entry (None:
    as logged); ``prices[w]``: world w's bid for the team (None list: as submitted).
    A world whose later logged spending no longer fits the budget is None.
    """
    c = game.c
    v = game.vendor_index(vendor)
    n = len(first) if first is not None else len(prices or [None])
    st: State = start.st.tile(0, n)
    st = replace(st, streams=BlockStreams.of(st.streams, 1))  # every world: the game's own dice
    extra: list[Event] = list(start.extra_events)
    ok = np.ones(n, dtype=bool)
    bids: dict[str, float | None] = dict(start.bids)
    first_turn = True
    for entry in entries:
        if "add_event" in entry:
            extra.append(parse_event(entry["add_event"], game.scenario))
        elif "bid" in entry:
            bids[entry["bid"]["vendor"]] = entry["bid"]["price"]
        elif "turn" in entry:
            alloc = np.zeros((n, c.V, c.S, len(ACTION_IDS)))
            x = stance(c, st)
            for u, vid in enumerate(c.vendor_ids):
                if vid in game.humans:
                    logged = [Allocation(**a) for a in entry["actions"].get(vid, [])]
                    if vid == vendor and first_turn and first is not None:
                        alloc[:, u] = np.stack([_alloc_array(game, f) for f in first])
                        need = np.array([_money(game, f) for f in first])
                    else:
                        alloc[:, u] = _alloc_array(game, logged)
                        need = np.full(n, _money(game, logged))
                    if vid == vendor:
                        ok &= need <= c.budget[u] - st.spent[:, u] + 1e-6
                else:
                    obs = policies.observe(c, st, u, x)
                    alloc[:, u] = policies.plan(game.names[u], obs, st.streams.ai_rng(u, st.turn))
            resolve(c, st, alloc, inject=tuple(entry.get("inject", ())), extra_events=extra)
            first_turn = False
    price = np.full((n, c.V), np.nan)
    for u, vid in enumerate(c.vendor_ids):
        if vid in game.humans:
            b = bids.get(vid)
            price[:, u] = b if b else np.nan
        else:
            obs = policies.observe(c, st, u)
            price[:, u] = policies.bid(game.names[u], obs, st.streams.ai_rng(u, c.turns + 1))
    if prices is not None:
        price[:, v] = [p if p else np.nan for p in prices]
    rng = st.streams.derived_rng(StreamKey.WIN_PROBABILITY)  # the draws Game.finish uses
    z = rng.standard_normal((samples, c.S, c.V))
    u_d = rng.random((samples, c.V))
    x = stance(c, st)
    spec = current_spec(c, st.spec_base, st.pull)
    aw = evaluate(
        c,
        price=price,
        stance=x,
        spec=spec,
        quality=st.quality,
        weights=st.weights,
        ceiling=st.ceiling,
        z_eval=np.tile(z, (n, 1, 1)),
        u_disq=np.tile(u_d, (n, 1)),
        draws=samples,
    )
    won = (aw.winner == v).reshape(n, samples).mean(axis=1)
    margin = np.nan_to_num(price[:, v] - c.cost[v])
    expected = won * margin - st.spent[:, v]
    return [Screened(float(won[w]), float(expected[w])) if ok[w] else None for w in range(n)]
