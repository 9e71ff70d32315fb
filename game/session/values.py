"""Plain values a Session hands to front ends: its status, the audit trail, reports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from game.engine.game import PersonView
from game.engine.records import TurnRecord
from game.scenario.schema import Event

Phase = Literal["idle", "open", "bids", "done"]
Source = Literal["hot-seat", "file", "ui", "script", "web"]


@dataclass(frozen=True)
class Tick:
    """Something the countdown did: ``warning`` (a minute left), ``expired``, ``draft_in`` (a team's
    draft handed in at zero), ``closed``."""

    kind: Literal["warning", "expired", "closed", "draft_in"]
    round: int
    team: str | None = None  # draft_in: the team whose draft was handed in at zero


@dataclass(frozen=True)
class TeamStatus:
    name: str
    vendor: str
    submitted: bool  # this round (open phase) or bid in (bids phase)
    actions: int  # allocations in this round's entry
    source: str | None  # how the entry came in


@dataclass(frozen=True)
class Status:
    phase: Phase
    round: int  # the open round, or the next to open; rounds + 1 once the turns are over
    rounds: int
    remaining: float  # seconds on the countdown (negative: overtime; inf: none)
    running: bool
    expired: bool
    paused_after_restart: bool  # the clock came back paused from the file (resume, undo)
    teams: tuple[TeamStatus, ...]
    can_undo: bool
    queued: tuple[int, ...]  # event indexes that fire when the current round resolves
    version: int  # entries in the log; changes with every action


@dataclass(frozen=True)
class AuditItem:
    seq: int
    time: float  # wall-clock seconds
    type: str
    round: int | None
    team: str | None
    detail: dict[str, Any]
    undone: bool  # a resolution (or what belonged to the round after it) taken back by undo


@dataclass(frozen=True)
class InjectedEvent:
    seq: int
    time: float
    turn: int  # fires at the start of this turn
    index: int  # the event's index in the games
    event: Event
    secret: bool
    source: Literal["deck", "form"]


@dataclass(frozen=True)
class TeamReport:
    """What a team needs to see the last resolved turn (as the terminal game shows it)."""

    record: TurnRecord
    before: tuple[PersonView, ...]  # the team's view just before the turn resolved
    previous: TurnRecord | None


@dataclass(frozen=True)
class ImportResult:
    team: str
    round: int | None  # None for a bid
    kind: Literal["actions", "bid"]
    actions: int
    replaced: bool  # an earlier entry of this team for this round was replaced
    notes: tuple[str, ...] = ()
    forecast: bool = False  # the file's forecast for the round (or with the bid) was recorded too


@dataclass(frozen=True)
class Recovery:
    """What ``Session.recover`` saved of a damaged session file."""

    source: Path
    target: Path
    kept: int  # entries copied to the target
    dropped: tuple[str, ...]  # each line left out (or entry that could not follow), and why
