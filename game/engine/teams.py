"""Who plays which vendor in which game: the link between a session and its games.

A session (head-to-head: one game, several teams; parallel worlds: one game
per team, same seed) yields ``TeamGame`` values; the debrief, the dashboard
and the reports read them.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.game import Game


@dataclass(frozen=True)
class TeamGame:
    team: str  # the team's display name
    vendor: str  # the vendor id the team plays
    game: Game  # the game the team plays in (shared by teams in head-to-head mode)
