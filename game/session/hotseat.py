"""Whose turn it is in a hot-seat game: teams in turn, curtains, reports, bids and the award.

:class:`Match` holds the :class:`Game` and says which screen comes next; it
never computes a result itself (the engine resolves turns and awards the
tender). Hot-seat: with several teams, each team's board is preceded by a
curtain, and each team sees only its own allocations and reports.

Team selling at one keyboard (the terminal game and the window): a team's
members and their roles (:func:`parse_crew`: ``"Ada=am,executive; Bo=presales,pm"``)
make a :class:`Crew`, which says who may put an action in the plan
(:mod:`game.session.roles`: a role prepares the actions its own days pay for; a
joint action is proposed by one role and confirmed by the other) and hands the
game who put each action in (``Game.record_credits``) when the team ends its turn.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from game.ai.players import POLICIES
from game.engine.game import Allocation, Credit, Game, Member, PersonView
from game.engine.records import TurnRecord
from game.scenario.schema import Scenario
from game.session.roles import (
    PLAYING,
    Role,
    RoleError,
    action_roles,
    effective,
    holders,
    parse_roles,
)

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
    crews: dict[str, Crew] = field(default_factory=dict)  # vendor -> its members (team selling)

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

    @property
    def crew(self) -> Crew | None:
        """The members of the team whose go it is (None: one player holding every role)."""
        return self.crews.get(self.team) if self.index < len(self.teams) else None

    def set_crew(self, vid: str, members: Sequence[Member]) -> Crew:
        """The team's members and roles (recorded in the game; a new choice replaces the old one)."""
        crew = Crew(self.game, vid, tuple(members))
        for m in members:
            self.game.record_member(vid, m.id, m.name, m.roles)
        old = self.crews.get(vid)
        if old is not None:  # what was put in the plan so far keeps its credits
            crew.notes, crew.missed = old.notes, old.missed
        self.crews[vid] = crew
        return crew

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
        crew = self.crew
        if crew is not None:
            crew.hand_in()
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


# -- team selling at one keyboard ----------------------------------------------------------------

# What people may type for a role (ids, English words, Chinese words); "account manager" may be
# typed with a space, a hyphen or an underscore.
ROLE_WORDS: dict[str, Role] = {
    "am": Role.AM, "account_manager": Role.AM, "accountmanager": Role.AM, "account": Role.AM, "sales": Role.AM,
    "kam": Role.AM, "客户经理": Role.AM, "销售": Role.AM,
    "presales": Role.PRESALES, "pre_sales": Role.PRESALES, "presales_consultant": Role.PRESALES,
    "pre_sales_consultant": Role.PRESALES, "售前": Role.PRESALES, "售前顾问": Role.PRESALES,
    "pm": Role.PM, "project_manager": Role.PM, "projectmanager": Role.PM, "项目经理": Role.PM,
    "executive": Role.EXECUTIVE, "exec": Role.EXECUTIVE, "高层": Role.EXECUTIVE, "公司高层": Role.EXECUTIVE,
    "高管": Role.EXECUTIVE,
    "observer": Role.OBSERVER, "观察员": Role.OBSERVER, "观察者": Role.OBSERVER,
}
MAX_MEMBERS = 8
MAX_NAME = 40
_MEMBER_SEP = re.compile(r"[;\n]")
_ROLE_SEP = re.compile(r"[,+/\u3001]")


class CrewError(RoleError):
    """A team's members that cannot be read. Codes (``crew.err.<code>`` in game.strings):
    ``empty``, ``no_name`` (params: part), ``no_roles`` (name), ``bad_role`` (name, word),
    ``observer`` (name), ``twice`` (name), ``too_many`` (most), ``long_name`` (name, most)."""


def role_word(word: str) -> Role | None:
    """A role as typed ('am', 'pre-sales', 'project manager', '售前'), or None."""
    key = re.sub(r"[\s-]+", "_", unicodedata.normalize("NFKC", word).strip().lower())
    return ROLE_WORDS.get(key)


def parse_crew(text: str) -> list[Member]:
    """A team's members from ``"Ada=am,executive; Bo=presales,pm"`` (one ``NAME=ROLES`` per member,
    separated by ';'; roles by ',' or '+'), or CrewError saying what to change. The member's id
    is their name (names are unique, whatever their case)."""
    clean = unicodedata.normalize("NFKC", text)
    members: list[Member] = []
    seen: set[str] = set()
    for part in (p.strip() for p in _MEMBER_SEP.split(clean)):
        if not part:
            continue
        name, sep, rest = (x.strip() for x in part.partition("="))
        if not name:
            raise CrewError(f"'{part}' has no name before '='", "no_name", part=part[:MAX_NAME])
        if len(name) > MAX_NAME:
            raise CrewError(f"a name is at most {MAX_NAME} characters", "long_name", name=name[:MAX_NAME], most=MAX_NAME)
        if not sep or not rest:
            raise CrewError(f"say which roles {name} holds, e.g. {name}=am", "no_roles", name=name)
        got: list[Role] = []
        for word in (w.strip() for w in _ROLE_SEP.split(rest)):
            if not word:
                continue
            role = role_word(word)
            if role is None:
                raise CrewError(f"'{word}' (for {name}) is not a role", "bad_role", name=name, word=word[:MAX_NAME])
            got.append(role)
        if not got:
            raise CrewError(f"say which roles {name} holds, e.g. {name}=am", "no_roles", name=name)
        try:
            kept = parse_roles(r.value for r in got)
        except RoleError:
            raise CrewError(f"{name}: an observer holds no other role", "observer", name=name) from None
        if name.casefold() in seen:
            raise CrewError(f"{name} is named twice", "twice", name=name)
        seen.add(name.casefold())
        members.append(Member(name, name, tuple(r.value for r in kept)))
    if not members:
        raise CrewError("no member given", "empty")
    if len(members) > MAX_MEMBERS:
        raise CrewError(f"a team has at most {MAX_MEMBERS} members", "too_many", most=MAX_MEMBERS)
    return members


def crew_text(members: Sequence[Member]) -> str:
    """Members as :func:`parse_crew` reads them."""
    return "; ".join(f"{m.name}={','.join(m.roles)}" for m in members)


@dataclass(frozen=True)
class Verdict:
    """Who may put an action in the plan: ``roles`` it belongs to, ``missing`` those the member
    does not act for, and who confirms them (a joint action) when someone can."""

    roles: tuple[Role, ...]
    missing: tuple[Role, ...]
    confirmer: Member | None

    @property
    def alone(self) -> bool:
        return not self.missing

    @property
    def refused(self) -> bool:
        return bool(self.missing) and self.confirmer is None


@dataclass
class Crew:
    """A team's members at one keyboard; ``current`` is the one typing now."""

    game: Game
    vendor: str
    members: tuple[Member, ...]
    current: int = 0
    notes: list[tuple[Allocation, Credit]] = field(default_factory=list)  # who added what this turn
    missed: list[Credit] = field(default_factory=list)  # joint actions not confirmed this turn

    def __post_init__(self) -> None:
        if not self.members:
            raise ValueError("a crew has at least one member")
        self.current = self.first()

    def first(self) -> int:
        """Who starts a turn at the keyboard: the account manager, else the first member."""
        return next((i for i, m in enumerate(self.members) if Role.AM.value in m.roles), 0)

    @property
    def team(self) -> dict[str, tuple[Role, ...]]:
        return {m.id: tuple(Role(r) for r in m.roles) for m in self.members}

    @property
    def names(self) -> dict[str, str]:
        return {m.id: m.name for m in self.members}

    @property
    def me(self) -> Member:
        return self.members[self.current]

    def find(self, word: str) -> int | None:
        """A member by name (any case; a unique start will do) or number 1..n."""
        w = unicodedata.normalize("NFKC", word).strip().casefold()
        if w.isascii() and w.isdigit() and 1 <= int(w) <= len(self.members):
            return int(w) - 1
        exact = [i for i, m in enumerate(self.members) if m.name.casefold() == w]
        starts = [i for i, m in enumerate(self.members) if m.name.casefold().startswith(w)] if w else []
        return exact[0] if exact else starts[0] if len(starts) == 1 else None

    def acting(self, member: Member | None = None) -> frozenset[Role]:
        """The roles a member (the one typing by default) acts for: their own and the open ones."""
        m = member or self.me
        return effective(self.team[m.id], self.team)

    def holders(self, role: Role) -> list[str]:
        """Who acts for ``role`` (names)."""
        return holders(role, self.team, self.names)

    def verdict(self, action: str, member: Member | None = None) -> Verdict:
        m = member or self.me
        roles = action_roles(self.game, action)
        mine = self.acting(m)
        missing = tuple(r for r in roles if r not in mine)
        confirmer = None
        if missing and len(missing) < len(roles):  # a joint action: the other role confirms
            confirmer = next(
                (o for o in self.members if o.id != m.id and all(r in self.acting(o) for r in missing)), None
            )
        return Verdict(roles, missing, confirmer)

    def check(self, action: str) -> Verdict:
        """The verdict, or RoleError ``not_your_role`` (params: action, roles, holders)."""
        v = self.verdict(action)
        if v.refused:
            names = sorted({n for r in v.missing for n in self.holders(r)})
            raise RoleError(
                f"{action} needs {', '.join(r.value for r in v.missing)}", "not_your_role",
                action=action, roles=[r.value for r in v.missing], holders=names,
            )
        return v

    def add(self, al: Allocation, confirmed_by: Member | None = None) -> None:
        """Put ``al`` in the plan for the member typing (RoleError, or the game's DecisionError)."""
        v = self.check(al.action)
        if v.missing and (confirmed_by is None or any(r not in self.acting(confirmed_by) for r in v.missing)):
            raise RoleError(f"{al.action} waits for a confirmation", "not_your_role", action=al.action,
                            roles=[r.value for r in v.missing], holders=[v.confirmer.name] if v.confirmer else [])
        self.game.add(self.vendor, al)
        mine = self.acting()
        credit = Credit(
            self.game.turn, self.vendor, al.action, al.stakeholder, al.amount, self.me.id, self.me.name,
            tuple(r.value for r in v.roles if r in mine), confirmed_by.name if confirmed_by is not None else None,
        )
        self.notes.append((al, credit))
        self.missed = [c for c in self.missed if (c.action, c.stakeholder) != (al.action, al.stakeholder)]

    def decline(self, al: Allocation) -> None:
        """A joint action the other role did not confirm: kept for the debrief, not in the plan."""
        v = self.verdict(al.action)
        self.missed.append(Credit(
            self.game.turn, self.vendor, al.action, al.stakeholder, al.amount, self.me.id, self.me.name,
            tuple(r.value for r in v.missing), None, done=False,
        ))

    def mine(self, al: Allocation) -> bool:
        """The member typing acts for at least one of the action's roles."""
        return bool(set(action_roles(self.game, al.action)) & self.acting())

    def _drop(self, indices: Sequence[int]) -> list[Allocation]:
        plan = list(self.game.pending.get(self.vendor, []))
        gone = [plan[i] for i in indices]
        self.game.set_actions(self.vendor, [al for i, al in enumerate(plan) if i not in set(indices)])
        for al in gone:
            k = next((i for i, (a, _) in enumerate(self.notes) if a == al), None)
            if k is not None:
                self.notes.pop(k)
        return gone

    def undo(self) -> Allocation | None:
        """Take back the last action of the member's roles (None: they have none in the plan)."""
        plan = self.game.pending.get(self.vendor, [])
        last = next((i for i in range(len(plan) - 1, -1, -1) if self.mine(plan[i])), None)
        return None if last is None else self._drop([last])[0]

    def remove(self, index: int) -> Allocation:
        """Take back the plan's action at ``index`` (RoleError when another role owns it)."""
        al = self.game.pending.get(self.vendor, [])[index]
        if not self.mine(al):
            roles = action_roles(self.game, al.action)
            names = sorted({n for r in roles for n in self.holders(r)})
            raise RoleError(f"{al.action} is not yours to take back", "not_your_role", action=al.action,
                            roles=[r.value for r in roles], holders=names)
        return self._drop([index])[0]

    def clear(self) -> list[Allocation]:
        """Take back every action of the member's roles."""
        plan = self.game.pending.get(self.vendor, [])
        return self._drop([i for i, al in enumerate(plan) if self.mine(al)])

    def credits(self) -> list[Credit]:
        """Who put each action of the plan in it (an action added some other way: nobody), and
        the joint actions left unconfirmed."""
        pool = list(self.notes)
        out: list[Credit] = []
        for al in self.game.pending.get(self.vendor, []):
            k = next((i for i, (a, _) in enumerate(pool) if a == al), None)
            if k is not None:
                out.append(replace(pool.pop(k)[1], turn=self.game.turn))
            else:
                out.append(Credit(self.game.turn, self.vendor, al.action, al.stakeholder, al.amount, None, None))
        return out + self.missed

    def hand_in(self) -> None:
        """The team ends its turn: the game records who did what; the next turn starts afresh
        with the account manager (or the first member) at the keyboard."""
        if self.game.phase == "turn":
            self.game.record_credits(self.vendor, self.credits())
        self.notes, self.missed = [], []
        self.current = self.first()

    def left_by_role(self) -> list[tuple[Role, list[str]]]:
        """Each playing role and who acts for it (for 'what each role has left')."""
        return [(r, self.holders(r)) for r in PLAYING]
