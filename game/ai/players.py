"""The AI's policies as the engine's :class:`game.engine.players.Players`.

``Game(..., players=POLICIES)`` plays every vendor that no team plays with its
scenario persona (or the strategy given for it).
"""

from __future__ import annotations

from typing import Final

import numpy as np

from game.ai import policies
from game.engine.state import State
from game.model.compiled import Compiled

F = policies.F


class PolicyPlayers:
    """Plans and bids from :mod:`game.ai.policies` (what each vendor can see, its own generator)."""

    def seen(self, c: Compiled, st: State, x: F | None = None) -> policies.Seen:
        return policies.seen(c, st, x)

    def plan(
        self,
        c: Compiled,
        st: State,
        vendor: int,
        strategy: str,
        rng: np.random.Generator,
        seen: policies.Seen | None = None,
    ) -> F:
        return policies.plan(strategy, policies.observe(c, st, vendor, seen), rng)

    def bid(
        self,
        c: Compiled,
        st: State,
        vendor: int,
        strategy: str,
        rng: np.random.Generator,
        *,
        seat: bool = False,
        seen: policies.Seen | None = None,
    ) -> F:
        return policies.bid(strategy, policies.observe(c, st, vendor, seen), rng, seat=seat)


POLICIES: Final = PolicyPlayers()
