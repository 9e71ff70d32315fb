"""Whose turn it is in a hot-seat game: teams in turn, curtains, reports, bids and the award.

:class:`Match` holds the :class:`Game` and says which screen comes next; it
never computes a result itself (the engine resolves turns and awards the
tender). Hot-seat: with several teams, each team's board is preceded by a
curtain, and each team sees only its own allocations and reports.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from game.ai.players import POLICIES
from game.engine.game import Allocation, Game, PersonView
from game.engine.records import TurnRecord
from game.scenario.schema import Scenario

Step = Literal["curtain", "report", "board", "bid", "open_bids", "award"]


@dataclass(frozen=True)
class Report:
    """What one team is told about a turn: the record, and its readings before the turn."""

    record: TurnRecord
    before: tuple[PersonView, ...]
    previous: TurnRecord | None


@dataclass
class Match:
    scenario: Scenario
    seed: int
    teams: list[str]
    game: Game = field(init=False)
    index: int = 0  # whose go it is among the teams
    curtain_passed: bool = False
    reports: dict[str, Report] = field(default_factory=dict)
    unread: set[str] = field(default_factory=set)
    bids_opened: bool = False

    def __post_init__(self) -> None:
        if not self.teams:
            raise ValueError("a game needs at least one team")
        self.game = Game(self.scenario, self.seed, tuple(self.teams), players=POLICIES)

    @property
    def multi(self) -> bool:
        return len(self.teams) > 1

    @property
    def team(self) -> str:
        return self.teams[self.index]

    def step(self) -> Step:
        """The screen to show now."""
        g = self.game
        if g.phase == "done":
            return "award"
        if g.phase == "bid" and self.index >= len(self.teams):
            return "open_bids"
        if self.multi and not self.curtain_passed:
            return "curtain"
        if self.team in self.unread:
            return "report"
        return "board" if g.phase == "turn" else "bid"

    # -- moves -----------------------------------------------------------------------
    def pass_curtain(self) -> None:
        self.curtain_passed = True

    def read_report(self) -> None:
        self.unread.discard(self.team)

    def end_team_turn(self) -> TurnRecord | None:
        """The current team is done with its turn; the last team's end resolves the turn."""
        self.index += 1
        self.curtain_passed = False
        if self.index < len(self.teams):
            return None
        g = self.game
        before = {vid: tuple(g.view(vid)) for vid in self.teams}
        previous = g.records[-1] if g.records else None
        record = g.end_turn()
        for vid in self.teams:
            self.reports[vid] = Report(record, before[vid], previous)
        self.unread = set(self.teams)
        self.index = 0
        return record

    def bid_entered(self) -> None:
        """The current team's bid is in (submitted through the game)."""
        self.index += 1
        self.curtain_passed = False
        if self.index >= len(self.teams) and not self.multi:
            self.open_bids()

    def open_bids(self) -> None:
        """All bids are in: the engine awards the tender."""
        self.bids_opened = True
        self.game.finish()


@dataclass
class ScratchEntry:
    """A session team's entry typed on the team's own game behind the curtain.

    The game's pending plan holds the entry while it is typed (so the board, the
    preview and the terminal's commands work as in a game); :meth:`close` hands
    the typed plan back and puts back what the game held, so nothing typed
    reaches the game until the session takes the entry (``Session.submit``).
    With ``save`` (``Session.save_draft`` for the team), :meth:`sync` keeps the
    entry as a draft after every change: a crash loses nothing typed, and it
    starts from the team's draft when there is one.
    """

    game: Game
    vendor: str
    saved: tuple[Allocation, ...]
    save: Callable[[list[Allocation]], None] | None = None
    synced: tuple[Allocation, ...] = ()

    @classmethod
    def open(
        cls,
        game: Game,
        vendor: str,
        draft: Sequence[Allocation] | None = None,
        save: Callable[[list[Allocation]], None] | None = None,
    ) -> ScratchEntry:
        """Start typing an entry: the team's saved draft, if any, is the plan to go on from."""
        entry = cls(game, vendor, tuple(game.pending.get(vendor, [])), save, tuple(draft or ()))
        if draft:
            game.pending[vendor] = list(draft)
        return entry

    def plan(self) -> list[Allocation]:
        """The entry typed so far."""
        return list(self.game.pending.get(self.vendor, []))

    def sync(self) -> None:
        """Save the entry as the team's draft when it changed since the last save."""
        plan = self.plan()
        if self.save is not None and tuple(plan) != self.synced:
            self.save(plan)
            self.synced = tuple(plan)

    def close(self) -> list[Allocation]:
        """The entry as typed; the game's plan is what it was before."""
        typed = self.plan()
        self.game.pending[self.vendor] = list(self.saved)
        return typed
