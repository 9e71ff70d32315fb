"""A served team's plan for the open round: shared by its members, every edit attributed, each
member's part in it set by the roles it took (team selling, :mod:`game.session.roles`).

In a served session several members of a team prepare one plan together from
their own browsers. The plan *is* the team's draft (:meth:`Session.save_draft`,
synced to disk before an edit is acknowledged), so the session's rules hold for
it as for a hot-seat entry: every edit is checked by the engine like an action
added on the board, and at zero with "teams pass" the plan is handed in as it
stands. Beside the draft the plan keeps who added each action (a member id and
display name) and as which roles, the latest edits and the ids of the requests
already applied, so a browser that retries a request after a lost answer gets
the same answer and nothing happens twice.

Roles (a member ``None`` is the trainer's laptop or a file: no role checks):

- a member adds an action only when it acts for at least one of the action's
  roles (the roles whose days it costs); when it acts for all of them the
  action is in the plan, otherwise (a joint action, such as a solution workshop
  of pre-sales and PM) it is a *proposal* that reserves its days until a member
  acting for the missing role confirms it (it moves into the plan) or declines
  it; its proposer may take it back;
- changing an action's amount or removing it needs a member acting for one of
  its roles;
- each member marks itself ready (its own edit clears the mark); handing the
  plan in, taking it back and bidding are the account manager's, and handing in
  waits until every connected member holding a role is ready (the countdown's
  zero hands the plan in regardless).

Refusals are :class:`RoleError` (code and parameters, worded by the front end).
The draft's notes keep the shape :meth:`Session._hand_in_drafts` reads: ``items``
aligned with the draft's actions (``member``, ``by``, ``roles``,
``confirmed_by``) and ``pending`` (the proposals: ``action``, ``stakeholder``,
``amount``, ``member``, ``by``, ``needs``).

Handing the plan in is :meth:`Session.submit` (the log keeps who did it, the
request's id, who added each action and the proposals left unconfirmed);
taking it back is :meth:`Session.withdraw`. While handed in the plan is locked;
taking it back unlocks it, with its actions as they were.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from game.engine.game import Allocation
from game.scenario.schema import ACTION_IDS
from game.session.log import SessionError
from game.session.roles import PLAYING, Role, RoleError, action_roles, effective, holders
from game.session.room import Member, Room
from game.session.session import Session

MAX_ITEMS = 40  # actions and proposals in one plan (a turn's resources allow far fewer)
MAX_EDITS = 30  # latest edits kept beside the plan
MAX_CIDS = 200  # ids of applied requests remembered per team and round
ITEM_ID = re.compile(r"[A-Za-z0-9_-]{1,40}")

Op = Literal["add", "amount", "remove", "submit", "withdraw", "propose", "confirm", "decline", "retract", "ready", "unready"]


def _roles(raw: object) -> tuple[str, ...]:
    ok = {r.value for r in PLAYING}
    return tuple(str(r) for r in raw if str(r) in ok) if isinstance(raw, list | tuple) else ()


def _str(raw: object) -> str | None:
    return raw if isinstance(raw, str) else None


@dataclass(frozen=True)
class _Planned:
    """An action put in a team's plan and who put it there (None: at the trainer's laptop or a file)."""

    id: str
    action: str
    stakeholder: str
    amount: int
    member: str | None
    by: str | None

    @property
    def allocation(self) -> Allocation:
        return Allocation(self.action, self.stakeholder, self.amount)

    def note(self) -> dict[str, Any]:
        """As kept beside the draft (plain JSON)."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class PlanItem(_Planned):
    """One action in a team's plan: the roles it belongs to and, for a joint action, who confirmed it."""

    roles: tuple[str, ...] = ()
    confirmed_by: str | None = None


@dataclass(frozen=True)
class Proposal(_Planned):
    """A joint action one role proposed: it reserves its days and waits for the roles it
    ``needs`` to confirm it."""

    needs: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()

    @classmethod
    def read(cls, raw: object) -> Proposal | None:
        if not isinstance(raw, Mapping):
            return None
        iid, action, sh, amount = raw.get("id"), raw.get("action"), raw.get("stakeholder"), raw.get("amount")
        if not (isinstance(iid, str) and isinstance(action, str) and isinstance(sh, str) and isinstance(amount, int)):
            return None
        return cls(iid, action, sh, amount, _str(raw.get("member")), _str(raw.get("by")),
                   _roles(raw.get("needs")), _roles(raw.get("roles")))


@dataclass(frozen=True)
class Edit:
    """One change to a team's plan: who made it and what it was."""

    n: int  # running number within the round
    op: Op
    member: str | None
    by: str | None
    action: str | None = None
    stakeholder: str | None = None
    amount: int | None = None
    before: int | None = None  # an amount changed: what it was
    time: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True)
class PlanState:
    """A team's plan as its members see it."""

    team: str
    round: int
    open: bool  # a round is open (the plan can be edited or handed in)
    items: tuple[PlanItem, ...]
    submitted: bool  # the team's entry for this round is in
    submitted_by: str | None  # display name of the member who handed it in (or the source)
    source: str | None  # how the entry came in (web, hot-seat, file)
    edits: tuple[Edit, ...]
    version: str  # changes whenever the items change; a hand-in names the version it saw
    pending: tuple[Proposal, ...] = ()  # joint actions waiting for a confirmation
    ready: tuple[str, ...] = ()  # ids of the members who marked themselves ready

    @property
    def reserved(self) -> list[Allocation]:
        """What the plan's days and money are spoken for by: its actions, then the proposals."""
        return [*(i.allocation for i in self.items), *(p.allocation for p in self.pending)]


def _version(items: Sequence[PlanItem]) -> str:
    raw = json.dumps([[i.id, i.action, i.stakeholder, i.amount] for i in items])
    return hashlib.sha256(raw.encode()).hexdigest()[:10]


class Plans:
    """The plans of a served session's teams, read from and kept in the session's drafts; the
    room (when given) says which roles each member holds. Without a room every member acts for
    every role (a plan without team selling)."""

    def __init__(self, session: Session, room: Room | None = None, *, wall: Callable[[], float] = time.time) -> None:
        self.s = session
        self.room = room
        self._wall = wall

    # -- reading --------------------------------------------------------------------------
    def _meta(self, team: str) -> dict[str, Any]:
        meta = self.s.draft_meta(team) or {}
        return meta if isinstance(meta, dict) else {}

    def _items(self, team: str) -> list[PlanItem]:
        """The plan's actions: the draft (or the entry handed in, when there is no draft)."""
        name = self.s.team(team).name
        allocs = self.s.drafts().get(name)
        if allocs is None:
            allocs = self.s.submissions().get(name, [])
        kept = self._meta(name).get("items", [])
        out: list[PlanItem] = []
        for i, al in enumerate(allocs):
            m = kept[i] if isinstance(kept, list) and i < len(kept) and isinstance(kept[i], Mapping) else {}
            same = (m.get("action"), m.get("stakeholder"), m.get("amount")) == (al.action, al.stakeholder, al.amount)
            if not same:
                m = {}
            iid = _str(m.get("id")) or f"e{i + 1}"
            out.append(PlanItem(iid, al.action, al.stakeholder, al.amount, _str(m.get("member")), _str(m.get("by")),
                                _roles(m.get("roles")), _str(m.get("confirmed_by"))))
        return out

    def _pending(self, team: str) -> list[Proposal]:
        raw = self._meta(team).get("pending", [])
        return [p for p in (Proposal.read(x) for x in raw) if p is not None] if isinstance(raw, list) else []

    def _ready(self, team: str) -> list[str]:
        raw = self._meta(team).get("ready", [])
        return [str(x) for x in raw if isinstance(x, str)] if isinstance(raw, list) else []

    def state(self, team: str) -> PlanState:
        name = self.s.team(team).name
        open_ = self.s.phase == "open"
        items = self._items(name) if open_ else []
        subs = self.s.status().teams
        mine = next(x for x in subs if x.name == name)
        submitted = open_ and mine.submitted
        by: str | None = None
        if submitted:
            last = next((e for e in reversed(self.s.audit()) if e.type == "submit" and e.team == name), None)
            by = (last.detail.get("by") if last is not None else None) or None
        edits = [self._edit(x) for x in self._meta(name).get("edits", [])] if open_ else []
        return PlanState(
            team=name,
            round=self.s.round,
            open=open_,
            items=tuple(items),
            submitted=submitted,
            submitted_by=by,
            source=mine.source if submitted else None,
            edits=tuple(e for e in edits if e is not None),
            version=_version(items),
            pending=tuple(self._pending(name)) if open_ else (),
            ready=tuple(self._ready(name)) if open_ else (),
        )

    @staticmethod
    def _edit(raw: object) -> Edit | None:
        if not isinstance(raw, Mapping):
            return None
        try:
            return Edit(**{k: raw[k] for k in Edit.__dataclass_fields__ if k in raw})
        except TypeError:
            return None

    def applied(self, team: str, cid: str) -> bool:
        """The request ``cid`` has already changed this team's plan (a retry)."""
        cids = self._meta(team).get("cids", [])
        return isinstance(cids, list) and cid in cids

    # -- roles ------------------------------------------------------------------------------
    def team_roles(self, team: str) -> dict[str, tuple[Role, ...]]:
        """Member id -> roles taken, for the team's members (empty without a room)."""
        return self.room.team_roles(team) if self.room is not None else {}

    def acting(self, team: str, member: Member | None) -> frozenset[Role]:
        """The roles ``member`` acts for in its team now (the trainer, None: all of them)."""
        if member is None or self.room is None:
            return frozenset(PLAYING)
        tm = self.team_roles(team)
        mine = tm.setdefault(member.id, ())
        return effective(mine, tm)

    def _names(self, team: str) -> dict[str, str]:
        if self.room is None:
            return {}
        return {p.member.id: p.member.name for p in self.room.members(team)}

    def who(self, team: str, roles: Iterable[Role]) -> list[str]:
        """Display names of the members acting for any of ``roles`` (in the order they joined)."""
        tm, names = self.team_roles(team), self._names(team)
        out: list[str] = []
        for r in roles:
            out += [n for n in holders(r, tm, names) if n not in out]
        return out

    def _role_error(self, team: str, code: str, action: str, roles: Sequence[Role], what: str) -> RoleError:
        who = self.who(team, roles)
        return RoleError(
            f"{what}: {', '.join(who) or 'nobody'} acts for {'/'.join(r.value for r in roles)}",
            code, action=action, roles=[r.value for r in roles], holders=who,
        )

    def _may_touch(self, team: str, member: Member | None, item: PlanItem) -> None:
        """RoleError ``not_your_role`` unless ``member`` acts for one of the item's roles."""
        if member is None:
            return
        roles = action_roles(self.s.game_of(team), item.action)
        if not self.acting(team, member) & set(roles):
            raise self._role_error(team, "not_your_role", item.action, roles, "another role's action")

    def needs(self, team: str, member: Member | None, action: str) -> tuple[Role, ...]:
        """The roles of ``action`` the member needs a teammate to confirm (empty: it adds the
        action alone). RoleError ``not_your_role`` when it acts for none of them; an unknown
        action is the engine's to refuse (empty)."""
        if member is None or action not in ACTION_IDS:
            return ()
        roles = action_roles(self.s.game_of(team), action)
        acting = self.acting(team, member)
        if not acting & set(roles):
            raise self._role_error(team, "not_your_role", action, roles, "another role's days")
        return tuple(r for r in roles if r not in acting)

    def require_am(self, team: str, member: Member | None) -> None:
        """RoleError ``not_account_manager`` unless ``member`` acts for the account manager (hands
        in, takes back, bids)."""
        if member is not None and Role.AM not in self.acting(team, member):
            who = self.who(team, [Role.AM])
            raise RoleError(
                f"the account manager ({', '.join(who) or 'nobody'}) hands in, takes back and bids",
                "not_account_manager", holders=who,
            )

    def waiting(self, team: str, ready: Iterable[str], but: str | None = None) -> list[str]:
        """Display names of the connected members holding a role who are not ready (``but``: the
        member asking, who is ready by asking)."""
        if self.room is None:
            return []
        done = set(ready)
        return [
            p.member.name for p in self.room.members(team)
            if p.online and p.member.id != but and p.member.id not in done
            and any(r in PLAYING for r in p.member.roles)
        ]

    # -- changing ---------------------------------------------------------------------------
    def _editable(self, team: str) -> str:
        name = self.s.team(team).name
        self.s.ensure_open(late_for=name)
        if name in self.s.submissions():
            raise SessionError(
                f"team {name} has handed in its plan; take it back to change it", "submitted", team=name
            )
        return name

    def _save(
        self,
        team: str,
        items: Sequence[PlanItem],
        edit: Edit,
        cid: str | None,
        *,
        pending: Sequence[Proposal] | None = None,
        ready: Sequence[str] | None = None,
        sync: bool = True,
    ) -> None:
        """Keep the plan (the draft and its notes). An edit of a member clears its ready mark."""
        meta = self._meta(team)
        edits = [*meta.get("edits", []), edit.to_json()][-MAX_EDITS:]
        cids = [*meta.get("cids", []), *([cid] if cid else [])][-MAX_CIDS:]
        marks = list(ready) if ready is not None else self._ready(team)
        if ready is None and edit.member is not None and edit.op not in ("submit", "withdraw"):
            marks = [m for m in marks if m != edit.member]
        new_meta = {
            "items": [i.note() for i in items],
            "pending": [p.note() for p in (pending if pending is not None else self._pending(team))],
            "ready": marks,
            "edits": edits,
            "cids": cids,
            "n": edit.n,
        }
        self.s.save_draft(team, [i.allocation for i in items], meta=new_meta, sync=sync)

    def _next(
        self, team: str, op: Op, member: Member | None, item: PlanItem | Proposal | None, before: int | None = None
    ) -> Edit:
        n = int(self._meta(team).get("n", 0)) + 1
        return Edit(
            n, op, member.id if member else None, member.name if member else None,
            item.action if item else None, item.stakeholder if item else None,
            item.amount if item else None, before, self._wall(),
        )

    def add(
        self, team: str, member: Member | None, item_id: str, al: Allocation, cid: str | None = None
    ) -> PlanItem | Proposal:
        """Add an action to the plan (checked by the engine against the plan so far, proposals
        included): a PlanItem, or a Proposal when the member acts for only some of its roles.

        RoleError ``not_your_role``: the member acts for none of the action's roles;
        DecisionError: the engine refuses it; SessionError: no round open, the plan is
        handed in, too many actions, or a malformed item id."""
        name = self._editable(team)
        items, pending = self._items(name), self._pending(name)
        if not ITEM_ID.fullmatch(item_id):
            raise SessionError("an action's id is 1-40 letters, digits, '-' or '_'", "bad_item_id")
        if any(i.id == item_id for i in items) or any(p.id == item_id for p in pending):
            raise SessionError("the plan already has an action with this id", "duplicate_item")
        if len(items) + len(pending) >= MAX_ITEMS:
            raise SessionError(f"a plan has at most {MAX_ITEMS} actions", "too_many_items", most=MAX_ITEMS)
        missing = self.needs(name, member, al.action)
        self.s.check(name, [*(i.allocation for i in items), *(p.allocation for p in pending), al])
        mid, by = (member.id, member.name) if member else (None, None)
        needs = tuple(r.value for r in missing)
        kept = tuple(r.value for r in action_roles(self.s.game_of(name), al.action))
        if needs:
            prop = Proposal(item_id, al.action, al.stakeholder, al.amount, mid, by, needs, kept)
            self._save(name, items, self._next(name, "propose", member, prop), cid, pending=[*pending, prop])
            return prop
        item = PlanItem(item_id, al.action, al.stakeholder, al.amount, mid, by, kept)
        self._save(name, [*items, item], self._next(name, "add", member, item), cid)
        return item

    def _find(self, items: Sequence[PlanItem | Proposal], item_id: str) -> int:
        for k, i in enumerate(items):
            if i.id == item_id:
                return k
        raise SessionError("that action is no longer in the plan (a teammate removed it)", "unknown_item")

    def set_amount(self, team: str, member: Member | None, item_id: str, amount: int, cid: str | None = None) -> PlanItem:
        """Change how many days (or units) an action in the plan takes (checked by the engine;
        RoleError ``not_your_role`` unless the member acts for one of its roles)."""
        name = self._editable(team)
        items = self._items(name)
        k = self._find(items, item_id)
        old = items[k]
        self._may_touch(name, member, old)
        new = PlanItem(old.id, old.action, old.stakeholder, amount, old.member, old.by, old.roles, old.confirmed_by)
        changed = [*items[:k], new, *items[k + 1 :]]
        self.s.check(name, [*(i.allocation for i in changed), *(p.allocation for p in self._pending(name))])
        self._save(name, changed, self._next(name, "amount", member, new, before=old.amount), cid)
        return new

    def remove(self, team: str, member: Member | None, item_id: str, cid: str | None = None) -> PlanItem | Proposal:
        """Remove an action (a member acting for one of its roles), or take back a proposal (its
        proposer; RoleError ``not_your_role`` for anyone else, who may decline it instead)."""
        name = self._editable(team)
        items, pending = self._items(name), self._pending(name)
        if any(p.id == item_id for p in pending):
            k = self._find(pending, item_id)
            prop = pending[k]
            if member is not None and prop.member != member.id:
                raise RoleError(
                    "only its proposer takes a proposal back; decline it instead", "not_proposer",
                    action=prop.action, by=prop.by or "",
                )
            self._save(name, items, self._next(name, "retract", member, prop), cid, pending=[*pending[:k], *pending[k + 1 :]])
            return prop
        k = self._find(items, item_id)
        gone = items[k]
        self._may_touch(name, member, gone)
        self._save(name, [*items[:k], *items[k + 1 :]], self._next(name, "remove", member, gone), cid)
        return gone

    def _answer(self, team: str, member: Member | None, item_id: str) -> tuple[str, list[Proposal], int, tuple[str, ...]]:
        """A proposal a member answers: the team, the proposals, its index and the roles it still
        needs that the member acts for (RoleError ``nothing_to_confirm`` when none)."""
        name = self._editable(team)
        pending = self._pending(name)
        k = self._find(pending, item_id)
        prop = pending[k]
        acting = {r.value for r in self.acting(name, member)}
        mine = tuple(r for r in prop.needs if r in acting)
        if not mine:
            raise self._role_error(name, "nothing_to_confirm", prop.action, [Role(r) for r in prop.needs], "not yours to answer")
        return name, pending, k, mine

    def confirm(self, team: str, member: Member | None, item_id: str, cid: str | None = None) -> PlanItem | Proposal:
        """A member acting for a role a proposal needs confirms it: once no role is missing it
        moves into the plan (who confirmed it recorded)."""
        name, pending, k, mine = self._answer(team, member, item_id)
        prop = pending[k]
        items = self._items(name)
        needs = tuple(r for r in prop.needs if r not in mine)
        rest = [*pending[:k], *pending[k + 1 :]]
        if needs:
            left = Proposal(prop.id, prop.action, prop.stakeholder, prop.amount, prop.member, prop.by, needs, prop.roles)
            self._save(name, items, self._next(name, "confirm", member, prop), cid, pending=[*rest[:k], left, *rest[k:]])
            return left
        item = PlanItem(prop.id, prop.action, prop.stakeholder, prop.amount, prop.member, prop.by, prop.roles,
                        member.name if member else None)
        self.s.check(name, [*(i.allocation for i in items), item.allocation, *(p.allocation for p in rest)])
        self._save(name, [*items, item], self._next(name, "confirm", member, prop), cid, pending=rest)
        return item

    def decline(self, team: str, member: Member | None, item_id: str, cid: str | None = None) -> Proposal:
        """A member acting for a role a proposal needs declines it: it leaves the plan, its days free."""
        name, pending, k, _ = self._answer(team, member, item_id)
        prop = pending[k]
        self._save(name, self._items(name), self._next(name, "decline", member, prop), cid,
                   pending=[*pending[:k], *pending[k + 1 :]])
        return prop

    def mark_ready(self, team: str, member: Member, ready: bool, cid: str | None = None) -> None:
        """A member says it has done its part of the plan (or not yet)."""
        name = self._editable(team)
        marks = [m for m in self._ready(name) if m != member.id] + ([member.id] if ready else [])
        self._save(name, self._items(name), self._next(name, "ready" if ready else "unready", member, None), cid, ready=marks)

    def submit(self, team: str, member: Member | None, cid: str | None = None, version: str | None = None) -> bool:
        """Hand the plan in as the team's entry (the log keeps who, the request's id, who added
        each action and the proposals left unconfirmed); True when it replaced an earlier entry.

        ``version``: the plan the member saw (refused as ``plan_changed`` when a teammate has
        changed it since). RoleError ``not_account_manager`` for a member who does not act for
        the account manager, ``not_ready`` (params: waiting) while a connected member holding a
        role has not marked itself ready."""
        name = self._editable(team)
        self.require_am(name, member)
        items = self._items(name)
        if version is not None and version != _version(items):
            raise SessionError("a teammate has just changed the plan; look at it again, then hand it in", "plan_changed")
        if member is not None:
            waiting = self.waiting(name, self._ready(name), but=member.id)
            if waiting:
                raise RoleError(f"waiting for {', '.join(waiting)} to be ready", "not_ready", waiting=waiting)
        replaced = self.s.submit(
            name, [i.allocation for i in items], source="web" if member else "ui",
            member=member.id if member else None, by=member.name if member else None, cid=cid, keep_draft=True,
            items=[{k: v for k, v in i.note().items() if k in ("member", "by", "roles", "confirmed_by") and v}
                   for i in items],
            unconfirmed=[{k: v for k, v in p.note().items() if k in ("action", "stakeholder", "amount", "member", "by", "needs") and v}
                         for p in self._pending(name)],
        )
        # The log has the entry (synced); the note of it in the edits need not wait for the disk.
        self._save(name, items, self._next(name, "submit", member, None), None, sync=False)
        return replaced

    def withdraw(self, team: str, member: Member | None, cid: str | None = None) -> None:
        """Take the team's entry back (the account manager): the plan can be changed again, with
        its actions as they were."""
        name = self.s.team(team).name
        self.require_am(name, member)
        items = self._items(name)
        kept = name in self.s.drafts()  # a plan handed in from a browser keeps its draft
        self.s.withdraw(name, member=member.id if member else None, by=member.name if member else None, cid=cid)
        self._save(name, items, self._next(name, "withdraw", member, None), None, sync=not kept)
