"""The award of whole games in many worlds at once, and what batch play shares.

Playing the turns with the AI's policies is :mod:`game.ai.batch` (the AI sits
above the engine); the interactive :class:`game.engine.game.Game` uses the same
``resolve`` and ``evaluate`` with W = 1.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from game.engine.state import State
from game.engine.turn import stance
from game.model.compiled import Compiled
from game.model.tender import Award, current_spec, evaluate

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
