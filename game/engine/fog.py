"""Fog of war: what a vendor can see of each person, as readings rather than truth.

A reading is a range that contains the truth; its width shrinks as the
vendor's knowledge of the person grows (intel, meetings, a coach). Priorities
(cares) are unknown until knowledge reaches ``TOP_CARE_AT`` (the top priority
is revealed) and ``ALL_CARES_AT`` (all of them). Where the truth sits inside a
range is drawn once per world and person (``State.fog``), so the middle of a
range is not the truth, yet a reading moves only when the truth or the
vendor's knowledge does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from game.engine.state import State
from game.engine.turn import stance
from game.model.compiled import Compiled
from game.model.influence import shares

F = NDArray[np.float64]

TOP_CARE_AT = 0.35
ALL_CARES_AT = 0.7
FAVOURITE_AT = 0.7
STANCE_WIDTH = (0.06, 0.55)  # width = a + b * (1 - knowledge)
REL_WIDTH = (0.04, 0.25)


@dataclass(frozen=True)
class Readings:
    """Batch readings for one vendor: arrays [W,S] (cares [W,S,K])."""

    stance_lo: F
    stance_hi: F
    rel_lo: F
    rel_hi: F
    know: F
    cares_known: NDArray[np.int64]  # 0 unknown, 1 top care, 2 all
    cares: F  # [W,S,K] known cares, nan where unknown
    favourite: NDArray[np.int64]  # [W,S] vendor index the person prefers, -1 unknown
    coach: NDArray[np.bool_]


def _range(truth: F, width: F, offset: F) -> tuple[F, F]:
    # clip(truth - width x offset, 0, 1), at most the truth; clip(lo + width, 0, 1), at least it
    lo = np.minimum(np.maximum(truth - width * offset, 0.0), truth)
    hi = np.maximum(np.minimum(lo + width, 1.0), truth)
    return lo, hi


def readings(
    c: Compiled, st: State, vendor: int, x: F | None = None, *, full: bool = True
) -> Readings:
    """Readings of every person for one vendor; ``full=False`` skips cares and favourites."""
    if x is None:
        x = stance(c, st)
    know = st.know[:, :, vendor]
    fog = st.fog[:, :, vendor]
    s_lo, s_hi = _range(x[:, :, vendor], STANCE_WIDTH[0] + STANCE_WIDTH[1] * (1 - know), fog)
    r_lo, r_hi = _range(st.rel[:, :, vendor], REL_WIDTH[0] + REL_WIDTH[1] * (1 - know), fog)
    if not full:
        empty = np.zeros(know.shape, dtype=np.int64)
        return Readings(
            s_lo, s_hi, r_lo, r_hi, know, empty, np.empty((0,)), empty - 1, st.coach[:, :, vendor]
        )
    level = np.where(know >= ALL_CARES_AT, 2, np.where(know >= TOP_CARE_AT, 1, 0)).astype(np.int64)
    cares = np.full(st.cares.shape, np.nan)
    all_known = level == 2
    cares[all_known] = st.cares[all_known]
    top = st.cares.argmax(axis=-1)
    one = level == 1
    wi, si = np.nonzero(one)
    cares[wi, si, top[wi, si]] = st.cares[wi, si, top[wi, si]]
    pi = shares(x, c.params.temperature)
    fav = np.where(know >= FAVOURITE_AT, pi.argmax(axis=-1), -1).astype(np.int64)
    return Readings(
        stance_lo=s_lo,
        stance_hi=s_hi,
        rel_lo=r_lo,
        rel_hi=r_hi,
        know=know,
        cares_known=level,
        cares=cares,
        favourite=fav,
        coach=st.coach[:, :, vendor],
    )
