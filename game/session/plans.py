"""A served team's plan for the open round: shared by its members, every edit attributed.

In a served session several members of a team prepare one plan together from
their own browsers. The plan *is* the team's draft (:meth:`Session.save_draft`,
synced to disk before an edit is acknowledged), so the session's rules hold for
it as for a hot-seat entry: every edit is checked by the engine like an action
added on the board, and at zero with "teams pass" the plan is handed in as it
stands. Beside the draft the plan keeps who added each action (a member id and
display name), the latest edits and the ids of the requests already applied, so
a browser that retries a request after a lost answer gets the same answer and
nothing happens twice.

Handing the plan in is :meth:`Session.submit` (the log keeps who did it and the
request's id); taking it back is :meth:`Session.withdraw`. While handed in the
plan is locked; taking it back unlocks it, with its actions as they were.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from game.engine.game import Allocation
from game.session.log import SessionError
from game.session.room import Member
from game.session.session import Session

MAX_ITEMS = 40  # actions in one plan (a turn's resources allow far fewer)
MAX_EDITS = 30  # latest edits kept beside the plan
MAX_CIDS = 200  # ids of applied requests remembered per team and round
ITEM_ID = re.compile(r"[A-Za-z0-9_-]{1,40}")

Op = Literal["add", "amount", "remove", "submit", "withdraw"]


@dataclass(frozen=True)
class PlanItem:
    """One action in a team's plan and who put it there (None: at the trainer's laptop or a file)."""

    id: str
    action: str
    stakeholder: str
    amount: int
    member: str | None
    by: str | None

    @property
    def allocation(self) -> Allocation:
        return Allocation(self.action, self.stakeholder, self.amount)


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


def _version(items: Sequence[PlanItem]) -> str:
    raw = json.dumps([[i.id, i.action, i.stakeholder, i.amount] for i in items])
    return hashlib.sha256(raw.encode()).hexdigest()[:10]


class Plans:
    """The plans of a served session's teams, read from and kept in the session's drafts."""

    def __init__(self, session: Session, *, wall: Callable[[], float] = time.time) -> None:
        self.s = session
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
            iid = str(m.get("id")) if same and isinstance(m.get("id"), str) else f"e{i + 1}"
            member = m.get("member") if same else None
            by = m.get("by") if same else None
            out.append(PlanItem(iid, al.action, al.stakeholder, al.amount,
                                member if isinstance(member, str) else None, by if isinstance(by, str) else None))
        return out

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

    # -- changing ---------------------------------------------------------------------------
    def _editable(self, team: str) -> str:
        name = self.s.team(team).name
        self.s.ensure_open(late_for=name)
        if name in self.s.submissions():
            raise SessionError(
                f"team {name} has handed in its plan; take it back to change it", "submitted", team=name
            )
        return name

    def _save(self, team: str, items: Sequence[PlanItem], edit: Edit, cid: str | None, *, sync: bool = True) -> None:
        meta = self._meta(team)
        edits = [*meta.get("edits", []), edit.to_json()][-MAX_EDITS:]
        cids = [*meta.get("cids", []), *([cid] if cid else [])][-MAX_CIDS:]
        new_meta = {
            "items": [
                {"id": i.id, "action": i.action, "stakeholder": i.stakeholder, "amount": i.amount,
                 "member": i.member, "by": i.by}
                for i in items
            ],
            "edits": edits,
            "cids": cids,
            "n": edit.n,
        }
        self.s.save_draft(team, [i.allocation for i in items], meta=new_meta, sync=sync)

    def _next(self, team: str, op: Op, member: Member | None, item: PlanItem | None, before: int | None = None) -> Edit:
        n = int(self._meta(team).get("n", 0)) + 1
        return Edit(
            n, op, member.id if member else None, member.name if member else None,
            item.action if item else None, item.stakeholder if item else None,
            item.amount if item else None, before, self._wall(),
        )

    def add(self, team: str, member: Member | None, item_id: str, al: Allocation, cid: str | None = None) -> PlanItem:
        """Add an action to the plan (checked by the engine against the plan so far).

        DecisionError: the engine refuses it; SessionError: no round open, the plan is
        handed in, too many actions, or a malformed item id."""
        name = self._editable(team)
        items = self._items(name)
        if not ITEM_ID.fullmatch(item_id):
            raise SessionError("an action's id is 1-40 letters, digits, '-' or '_'", "bad_item_id")
        if any(i.id == item_id for i in items):
            raise SessionError("the plan already has an action with this id", "duplicate_item")
        if len(items) >= MAX_ITEMS:
            raise SessionError(f"a plan has at most {MAX_ITEMS} actions", "too_many_items", most=MAX_ITEMS)
        self.s.check(name, [*(i.allocation for i in items), al])
        item = PlanItem(item_id, al.action, al.stakeholder, al.amount,
                        member.id if member else None, member.name if member else None)
        self._save(name, [*items, item], self._next(name, "add", member, item), cid)
        return item

    def _find(self, items: Sequence[PlanItem], item_id: str) -> int:
        for k, i in enumerate(items):
            if i.id == item_id:
                return k
        raise SessionError("that action is no longer in the plan (a teammate removed it)", "unknown_item")

    def set_amount(self, team: str, member: Member | None, item_id: str, amount: int, cid: str | None = None) -> PlanItem:
        """Change how many days (or units) an action in the plan takes (checked by the engine)."""
        name = self._editable(team)
        items = self._items(name)
        k = self._find(items, item_id)
        old = items[k]
        new = PlanItem(old.id, old.action, old.stakeholder, amount, old.member, old.by)
        changed = [*items[:k], new, *items[k + 1 :]]
        self.s.check(name, [i.allocation for i in changed])
        self._save(name, changed, self._next(name, "amount", member, new, before=old.amount), cid)
        return new

    def remove(self, team: str, member: Member | None, item_id: str, cid: str | None = None) -> PlanItem:
        name = self._editable(team)
        items = self._items(name)
        k = self._find(items, item_id)
        gone = items[k]
        self._save(name, [*items[:k], *items[k + 1 :]], self._next(name, "remove", member, gone), cid)
        return gone

    def submit(self, team: str, member: Member | None, cid: str | None = None, version: str | None = None) -> bool:
        """Hand the plan in as the team's entry (the log keeps who and the request's id); True
        when it replaced an earlier entry. ``version``: the plan the member saw (refused as
        ``plan_changed`` when a teammate has changed it since)."""
        name = self._editable(team)
        items = self._items(name)
        if version is not None and version != _version(items):
            raise SessionError("a teammate has just changed the plan; look at it again, then hand it in", "plan_changed")
        replaced = self.s.submit(
            name, [i.allocation for i in items], source="web" if member else "ui",
            member=member.id if member else None, by=member.name if member else None, cid=cid, keep_draft=True,
        )
        # The log has the entry (synced); the note of it in the edits need not wait for the disk.
        self._save(name, items, self._next(name, "submit", member, None), None, sync=False)
        return replaced

    def withdraw(self, team: str, member: Member | None, cid: str | None = None) -> None:
        """Take the team's entry back: the plan can be changed again, with its actions as they were."""
        name = self.s.team(team).name
        items = self._items(name)
        kept = name in self.s.drafts()  # a plan handed in from a browser keeps its draft
        self.s.withdraw(name, member=member.id if member else None, by=member.name if member else None, cid=cid)
        self._save(name, items, self._next(name, "withdraw", member, None), None, sync=not kept)
