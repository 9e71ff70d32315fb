"""Shared dice for batches of blocks: every block of K worlds draws the same K rows.

The engine draws each turn's dice as arrays whose first axis is the world
(W, ...). Wrapping a game's streams so that each draw is made for K worlds
and repeated W / K times gives every block of K consecutive worlds the same
dice: blocks that start from the same position then play the same futures
(common random numbers across teams and across what-ifs), whatever else
shares the batch. With K = 1 every world draws exactly what a one-world game
draws: a batch of what-ifs then replays each with the game's own dice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import numpy as np
from numpy.typing import NDArray

from game.engine.state import Streams

F = NDArray[np.float64]


class Tiled:
    """A generator whose draws of shape (W, ...) are a (K, ...) draw repeated W / K times."""

    def __init__(self, rng: np.random.Generator, block: int) -> None:
        self._rng = rng
        self._k = block

    def _shape(self, size: int | tuple[int, ...]) -> tuple[tuple[int, ...], int]:
        shape = (size,) if isinstance(size, int) else tuple(size)
        if shape[0] % self._k:
            raise ValueError(f"{shape[0]} worlds are not whole blocks of {self._k}")
        return (self._k, *shape[1:]), shape[0] // self._k

    def _tile(self, one: NDArray[Any], reps: int) -> NDArray[Any]:
        out: NDArray[Any] = np.tile(one, (reps,) + (1,) * (one.ndim - 1))
        return out

    def standard_normal(self, size: int | tuple[int, ...], dtype: Any = np.float64) -> F:
        one, reps = self._shape(size)
        return self._tile(self._rng.standard_normal(one, dtype=dtype), reps)

    def random(self, size: int | tuple[int, ...], dtype: Any = np.float64) -> F:
        one, reps = self._shape(size)
        return self._tile(self._rng.random(one, dtype=dtype), reps)

    def integers(
        self, low: int, high: int, size: int | tuple[int, ...], dtype: Any = np.int64, endpoint: bool = False
    ) -> NDArray[Any]:
        one, reps = self._shape(size)
        return self._tile(self._rng.integers(low, high, size=one, dtype=dtype, endpoint=endpoint), reps)

    def uniform(self, low: float, high: float, size: int | tuple[int, ...]) -> F:
        one, reps = self._shape(size)
        return self._tile(self._rng.uniform(low, high, size=one), reps)


def tiled(rng: np.random.Generator, block: int) -> np.random.Generator:
    """``rng`` with block-shared draws, typed as the Generator the engine expects."""
    return cast(np.random.Generator, Tiled(rng, block))


@dataclass
class BlockStreams(Streams):
    """A game's (or derived) streams whose turn dice and AI draws are shared by blocks of K worlds."""

    block: int = 1

    @classmethod
    def of(cls, s: Streams, block: int) -> BlockStreams:
        return cls(seed=s.seed, dice=s.dice, ai=s.ai, cosmetic=s.cosmetic, block=block)

    def dice_rng(self, turn: int) -> np.random.Generator:
        return tiled(super().dice_rng(turn), self.block)

    def ai_rng(self, vendor: int, turn: int) -> np.random.Generator:
        return tiled(super().ai_rng(vendor, turn), self.block)
