"""Replaying a game's log step by step: forks of a game and its positions turn by turn.

:meth:`Game.replay` rebuilds a whole game from its log. The debrief needs the
game at every turn (for win probabilities, beliefs and what-ifs) without
replaying from the start each time, so this module applies a log one entry at
a time, exactly as ``Game.replay`` does, and keeps forks (independent copies)
at each turn. A test checks that stepping through a log gives the same game as
``Game.replay``.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from game.engine.game import Game


def blank_like(g: Game) -> Game:
    """A new game with the same scenario, seed, teams and AI strategies, no moves yet."""
    return Game(g.scenario, g.seed, tuple(g.humans), dict(g.strategies), players=g.players)


def apply_entry(g: Game, entry: Mapping[str, Any]) -> None:
    """Apply one log entry to ``g`` (:meth:`Game.apply`, as :meth:`Game.replay` does)."""
    g.apply(entry)


def fork(g: Game) -> Game:
    """An independent copy of a game: playing on the copy leaves the original as it was.

    The scenario, its compiled arrays and the random streams are shared (they are
    never changed); the state arrays and every list of moves are copied.
    """
    h = copy.copy(g)
    h.st = g.st.copy()
    h.pending = {k: list(v) for k, v in g.pending.items()}
    h.bids = dict(g.bids)
    h.records = list(g.records)
    h.log = list(g.log)
    h.extra_events = list(g.extra_events)
    h.beliefs = list(g.beliefs)
    h.forecasts = list(g.forecasts)
    h.crew = {k: dict(v) for k, v in g.crew.items()}
    h.credits = list(g.credits)
    return h


@dataclass(frozen=True)
class Checkpoint:
    """The game just before log entry ``index``: ``turns_played`` turns are behind it."""

    turns_played: int
    index: int
    game: Game  # a fork; fork it again before playing on


def checkpoints(g: Game, log: Sequence[Mapping[str, Any]] | None = None) -> list[Checkpoint]:
    """The game before each turn's entry, and before the first bid (or finish) after the turns.

    ``result[i]`` for i < turns played is the position after i turns; the last
    checkpoint is the position after every turn played (before any bid).
    """
    entries = list(g.log if log is None else log)
    h = blank_like(g)
    out: list[Checkpoint] = []
    bid_point = False
    for i, entry in enumerate(entries):
        if "turn" in entry:
            out.append(Checkpoint(len(h.records), i, fork(h)))
        elif ("bid" in entry or "finish" in entry) and not bid_point:
            bid_point = True
            out.append(Checkpoint(len(h.records), i, fork(h)))
        apply_entry(h, entry)
    if not bid_point:
        out.append(Checkpoint(len(h.records), len(entries), fork(h)))
    return out
