"""What the engine asks of whoever plays the vendors that no team plays.

The engine does not import the AI (game/ai sits above it and reads the
engine's state); a game is given its players instead. :class:`Players` is
the whole contract: a vendor's allocations for the turn being played and its
bid, each drawn from a generator the engine passes in (so the engine keeps
every random stream). :data:`game.ai.players.POLICIES` is the implementation
the game uses; tests may pass their own.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from game.engine.state import State
from game.model.compiled import Compiled

F = NDArray[np.float64]


class Players(Protocol):
    """The AI vendors' decisions, as pure functions of the state and a generator."""

    def seen(self, c: Compiled, st: State, x: F | None = None) -> Any:
        """What every vendor's view of this turn is computed from, once per turn
        (``x``: the stance [W,S,V] when the caller has it already)."""

    def plan(
        self, c: Compiled, st: State, vendor: int, strategy: str, rng: np.random.Generator, seen: Any = None
    ) -> F:
        """Allocations [W,S,A] of ``vendor`` playing ``strategy`` this turn."""

    def bid(
        self,
        c: Compiled,
        st: State,
        vendor: int,
        strategy: str,
        rng: np.random.Generator,
        *,
        seat: bool = False,
        seen: Any = None,
    ) -> F:
        """Bid prices [W] of ``vendor``; ``seat``: a player's seat played by a baseline strategy."""
