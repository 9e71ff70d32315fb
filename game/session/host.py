"""A session driven by several front ends at once: the trainer's console or window, and the
team pages a served session gives to the teams' own browsers.

A :class:`Session` is not made for two threads. A served session runs the web
server on a thread of its own while the trainer types at the console (or
clicks in the window) on the main thread, so both go through one :class:`Host`:
whoever reads or changes the session holds ``host.lock``. The console holds it
except while it waits for a line; the window holds it while it handles a frame;
the web server takes it for each request it answers.

The countdown's ticks (the minute's warning, the time-out, a round closed at
zero) happen once, in whichever front end calls :meth:`Host.ticks` first; the
host hands each of them to every front end that listens. Notices tell the
trainer what the teams did from their browsers (a member joined, a plan handed
in or taken back, a bid) the next time the console or window looks.

Team selling: a member's roles live in the room (for what it may do in its
team's plan) and in the session's log (for the debrief), so taking roles goes
through the host, which keeps both (:meth:`Host.join_member`,
:meth:`Host.set_roles`); so does a peer review, which names teammates the room
knows.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from game.session.config import PEER_MAX, PEER_MIN
from game.session.dashboard import Dashboard, DashboardJob, refresh
from game.session.log import SessionError
from game.session.plans import Plans
from game.session.room import Member, Room
from game.session.session import Session, Tick

MAX_CIDS = 500  # ids of recent requests outside a plan (roles, forecasts, reviews) remembered

NoticeKind = Literal["joined", "submitted", "withdrew", "bid", "left"]


@dataclass(frozen=True)
class Notice:
    """Something a team did from its browser, for the trainer."""

    kind: NoticeKind
    team: str
    by: str  # the member's display name


@dataclass(frozen=True)
class JoinInfo:
    """Where and how teams join a served session (what the trainer shows the room)."""

    urls: tuple[str, ...]  # the join page, with the PIN, at each address the server listens on
    pin: str
    bound: str  # the address the server is bound to
    port: int
    projector: str  # the projector page (with the trainer's key: for the trainer only)

    @property
    def url(self) -> str:
        return self.urls[0]


@dataclass
class Host:
    """One session, its room and its teams' plans, shared by the trainer's front end and the web."""

    session: Session
    room: Room
    plans: Plans = field(init=False)
    lock: threading.Lock = field(default_factory=threading.Lock)
    join: JoinInfo | None = None  # set once the server listens
    board_shown: bool = False  # the projector shows the leaderboard (the trainer's choice)
    version: int = 0  # changes with the host's own state (board shown, ...)
    _dashboard: Dashboard | None = None
    _ticks: dict[str, list[Tick]] = field(default_factory=dict)
    _notices: dict[str, list[Notice]] = field(default_factory=dict)
    _cids: deque[str] = field(default_factory=lambda: deque(maxlen=MAX_CIDS))

    def __post_init__(self) -> None:
        self.plans = Plans(self.session, self.room)

    # -- members and their roles (call with the lock held) ------------------------------------
    def join_member(self, pin: str, team: str, name: str, roles: Sequence[str] = ()) -> tuple[Member, str]:
        """A person joins a team with its roles: the room keeps the member (and its token), the
        session's log its roles. SessionError / RoleError as :meth:`Room.join`."""
        member, token = self.room.join(pin, team, name, roles)
        self.session.set_roles(member.team, member.id, member.name, [r.value for r in member.roles])
        return member, token

    def set_roles(self, member: Member, roles: Sequence[str]) -> Member:
        """A member takes other roles (RoleError ``bad_roles``); the log keeps them too."""
        new = self.room.set_roles(member, roles)
        self.session.set_roles(new.team, new.id, new.name, [r.value for r in new.roles])
        return new

    def rename(self, member: Member, name: str) -> Member:
        """A member's new display name, in the room and (with its roles) in the log."""
        new = self.room.rename(member, name)
        self.session.set_roles(new.team, new.id, new.name, [r.value for r in new.roles])
        return new

    def review(self, member: Member, ratings: Mapping[str, int], note: str | None) -> None:
        """A member's review of its teammates once the tender is awarded (the trainer's eyes only).
        SessionError ``bad_review`` when it rates someone who is not a teammate (or itself),
        ``not_yet`` before the award."""
        mates = set(self.room.team_roles(member.team)) - {member.id}
        if not set(ratings) <= mates:
            raise SessionError("rate your teammates only (not yourself)", "bad_review", low=PEER_MIN, high=PEER_MAX)
        self.session.peer_review(member.team, member.id, member.name, ratings, note)

    def done(self, cid: str) -> bool:
        """A request outside a plan (roles, forecast, review) with this id was already carried out."""
        return cid in self._cids

    def did(self, cid: str) -> None:
        self._cids.append(cid)

    def listen(self, who: str) -> None:
        """``who`` (a front end's name) gets every tick and notice from now on."""
        self._ticks.setdefault(who, [])
        self._notices.setdefault(who, [])

    def ticks(self, who: str) -> list[Tick]:
        """The countdown's ticks since ``who`` last asked (call with the lock held)."""
        new = self.session.tick()
        for queue in self._ticks.values():
            queue.extend(new)
        out = self._ticks.get(who, [])
        self._ticks[who] = []
        return out

    def notify(self, notice: Notice) -> None:
        for queue in self._notices.values():
            queue.append(notice)

    def notices(self, who: str) -> list[Notice]:
        out = self._notices.get(who, [])
        self._notices[who] = []
        return out

    def show_board(self, shown: bool) -> None:
        """Show the leaderboard on the projector page, or hide it (hidden until the trainer chooses)."""
        self.board_shown = shown
        self.version += 1

    # -- the trainer's dashboard, kept warm -------------------------------------------------
    def dashboard(self) -> Dashboard:
        """The dashboard of the session as it is now (call with the lock held): the one refreshed in
        the background while the room was quiet when it is still current, else refreshed now."""
        d = self._dashboard
        if d is None or d.version != self.session.version:
            d = refresh(self.session)
            self._dashboard = d
        return d

    def dashboard_job(self) -> DashboardJob | None:
        """A refresh to run in the background (its ``run()`` off the lock), or None when the kept
        dashboard is current (call with the lock held)."""
        if self._dashboard is not None and self._dashboard.version == self.session.version:
            return None
        return DashboardJob(self.session)

    def keep_dashboard(self, d: Dashboard) -> None:
        if self._dashboard is None or d.version >= self._dashboard.version:
            self._dashboard = d

    def state_key(self) -> tuple[int, int, int, int, bool, bool]:
        """Changes whenever anything a page shows may have changed (call with the lock held)."""
        st = self.session.status()
        return (st.version, self.session.drafts_version, self.room.version, self.version, st.running, st.expired)

    def online_text(self, sep: str = ", ", lang: str = "en") -> Sequence[tuple[str, str]]:
        """(team, its connected members' names with their roles) for every team."""
        return [(team, sep.join(names)) for team, names in self.room.online(lang).items()]
