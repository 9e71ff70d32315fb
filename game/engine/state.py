"""The engine's mutable state: numpy arrays with a leading world axis W.

This is the only mutable state in the game. Each array's shape and meaning:

=============  ===========  =======================================================
name           shape        meaning
=============  ===========  =======================================================
rel            [W,S,V]      relationship of stakeholder s with vendor v, 0..1
fit            [W,S,V,K]    perceived fit of v on criterion k in s's eyes, 0..1
cares          [W,S,K]      s's priorities (change when s is replaced)
rel_weight     [W,S]        how much relationship sways s
know           [W,S,V]      v's knowledge of s (cares and stance), 0..1
coach          [W,S,V]      s acts as v's coach (bool)
quality        [W,V]        proposal quality, 0..1
pull           [W,V]        how far v's workshops pulled the spec, 0..max_tilt
spec_base      [W,K]        criteria weights before workshop pulls (spec changes)
weights        [W,3]        technical / price / commercial weights
ceiling        [W]          ceiling price
pub_turn       [W]          turn at whose start the tender is published
spent          [W,V]        money spent so far
price_cut      [W,V]        bid cut announced by an offensive (AI bid rules use it)
replaced       [W,S]        index of the event that replaced s, -1 if none
fired          [W,E]        event e has fired
checks         [W,E,V]      a team check e's verdict on v: 1 passed, -1 failed, 0 not yet
last_contact   [W,S,V]      last turn with a meeting that happened, 0 if never
exposure       [W,S,V]      exposure effect v's actions have had on s so far (v's own
                            records: how much of the first impression it has replaced)
contested      [W,S,V]      rivals' meetings with s last turn that v's coach reported
met_by         [W,S,V,4]    s has met v's sales, presales, pm, executive people (an action
                            paid with those days happened); team checks read it
fog            [W,S,V]      offset (0..1) of the truth inside each reading's range,
                            drawn once per world: a reading moves only when the
                            truth or the vendor's knowledge does
=============  ===========  =======================================================

``turn`` is the next turn to be played (1-based); after the last turn it is
``turns + 1`` and the bids are due.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import IntEnum
from typing import Any

import numpy as np
from numpy.typing import NDArray

from game.model.compiled import Compiled

F = NDArray[np.float64]
B = NDArray[np.bool_]
I = NDArray[np.int64]  # noqa: E741 - the index arrays' type, named like F and B


class StreamKey(IntEnum):
    """Every stream derived from a game's seed outside its dice and AI streams, in one table.

    Each key gives its own stream (``Streams.derived_rng(key, turn)``, or the spawn key of a
    SeedSequence of the seed), so asking for a hint, a preview, a win probability or a debrief
    never changes a draw of the game, and two uses never share a stream.
    """

    WIN_PROBABILITY = 1  # Game.finish: the award's win probabilities
    AI_HINT = 2  # Game.ai_allocations: what the AI would do now
    PREVIEW = 3  # engine.preview: the imagined versions of a person
    DEBRIEF = 40  # analysis.debrief.winprob: the debrief's futures (1000 + key, as derived_rng)
    BENCHMARK = 100  # analysis.debrief.benchmark: style i uses BENCHMARK + i
    DASHBOARD = 3000  # session.dashboard: the trainer's Monte Carlo (spawn key (3000, turn))
    BLOCKS = 4000  # ai.batch.run: block i > 0 of a large Monte Carlo (spawn key (4000, i))
    SEARCH = 5000  # analysis.search: the search's samples (5000) and rounds' worlds (5001)


@dataclass
class Streams:
    """Random streams of one game, all spawned from one root SeedSequence."""

    seed: int
    dice: list[np.random.SeedSequence]  # one per turn (+1 for the award)
    ai: list[list[np.random.SeedSequence]]  # [vendor][turn]
    cosmetic: np.random.SeedSequence

    @classmethod
    def from_seed(cls, seed: int, turns: int, vendors: int) -> Streams:
        root = np.random.SeedSequence(seed)
        dice_root, ai_root, cosmetic = root.spawn(3)
        dice = dice_root.spawn(turns + 2)
        ai = [v.spawn(turns + 2) for v in ai_root.spawn(vendors)]
        return cls(seed=seed, dice=dice, ai=ai, cosmetic=cosmetic)

    def derived_rng(self, key: int, turn: int = 0) -> np.random.Generator:  # key: a StreamKey (+ i)
        """A stream for analysis (win probabilities, hints) that consumes no game state.

        Derived from the seed and a fixed key, so asking for a hint or a win
        probability never changes any later draw of the game.
        """
        return np.random.default_rng(
            np.random.SeedSequence(self.seed, spawn_key=(1000 + key, turn))
        )

    def setup_rng(self) -> np.random.Generator:
        """Dice for the world's starting position (first impressions)."""
        return np.random.default_rng(self.dice[-1])

    def dice_rng(self, turn: int) -> np.random.Generator:
        """Dice for turn t (1-based); turn 0 is the award's."""
        return np.random.default_rng(self.dice[turn])

    def ai_rng(self, vendor: int, turn: int) -> np.random.Generator:
        return np.random.default_rng(self.ai[vendor][turn])


@dataclass
class State:
    W: int
    turn: int
    rel: F
    fit: F
    cares: F
    rel_weight: F
    know: F
    coach: B
    quality: F
    pull: F
    spec_base: F
    weights: F
    ceiling: F
    pub_turn: I
    spent: F
    price_cut: F
    replaced: I
    fired: B
    checks: I
    last_contact: I
    exposure: F
    contested: F
    met_by: B
    fog: F
    streams: Streams

    def _arrays(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if isinstance(v, np.ndarray)}

    def copy(self) -> State:
        return replace(self, **{k: v.copy() for k, v in self._arrays().items()})

    def tile(self, world: int, n: int) -> State:
        """n copies of one world (for Monte Carlo from a played position)."""
        tiled: dict[str, Any] = {
            k: np.repeat(v[world : world + 1], n, axis=0) for k, v in self._arrays().items()
        }
        return replace(self, W=n, **tiled)

    def published(self) -> B:
        out: B = self.turn >= self.pub_turn
        return out


def new_state(c: Compiled, n_worlds: int, seed: int) -> State:
    W, S, V, K = n_worlds, c.S, c.V, c.K
    p = c.params
    E = len(c.scenario.events)
    streams = Streams.from_seed(seed, c.turns, V)
    setup = streams.setup_rng()
    # Fixed shapes, whatever the scenario's pool seats: first impressions, reading offsets,
    # and a Dirichlet draw of priorities for every seat (used where the seat is a pool seat).
    impressions = setup.standard_normal((W, S, V, 1)) * p.prior_noise
    fog = setup.random((W, S, V))
    draws = setup.standard_gamma(np.maximum(c.cares0 * p.pool_concentration, 1e-3), size=(W, S, K))
    fit = np.clip(c.fit0[None] + impressions, 0.0, 1.0)
    cares = np.broadcast_to(c.cares0, (W, S, K)).copy()
    if c.pool.any():
        drawn = draws / np.maximum(draws.sum(axis=-1, keepdims=True), 1e-12)
        cares[:, c.pool] = drawn[:, c.pool]
    return State(
        W=W,
        turn=1,
        rel=np.broadcast_to(c.rel0, (W, S, V)).copy(),
        fit=fit,
        cares=cares,
        rel_weight=np.broadcast_to(c.rel_weight0, (W, S)).copy(),
        know=np.zeros((W, S, V)),
        coach=np.zeros((W, S, V), dtype=bool),
        quality=np.full((W, V), p.quality_start),
        pull=np.zeros((W, V)),
        spec_base=np.broadcast_to(c.spec0, (W, K)).copy(),
        weights=np.broadcast_to(c.weights0, (W, 3)).copy(),
        ceiling=np.full(W, c.ceiling0),
        pub_turn=np.full(W, c.scenario.tender.published_turn, dtype=np.int64),
        spent=np.zeros((W, V)),
        price_cut=np.zeros((W, V)),
        replaced=np.full((W, S), -1, dtype=np.int64),
        fired=np.zeros((W, E), dtype=bool),
        checks=np.zeros((W, E, V), dtype=np.int64),
        last_contact=np.zeros((W, S, V), dtype=np.int64),
        exposure=np.zeros((W, S, V)),
        contested=np.zeros((W, S, V)),
        met_by=np.zeros((W, S, V, 4), dtype=bool),
        fog=fog,
        streams=streams,
    )
