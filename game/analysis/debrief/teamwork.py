"""How a team worked together (team selling): each role's days, joint actions and people, each
member's part, the peer reviews, and the roles that held the class back.

A role owns one kind of the vendor's days (``ROLE_DAYS``: the account manager the sales
days, the pre-sales consultant, the project manager and the executive their own). From the
game's own records, for any team (a team of one included):

- days: available and used per turn (the plans as they counted), and left unspent;
- joint actions (an action paid with two kinds of days, such as a solution workshop): done,
  and missed: proposed by one role and not confirmed by the other in time (``Game.credits``
  with ``done`` False, charged to the roles whose confirmation was missing);
- people met with the role's days (a meeting that happened, as ``State.met_by`` records it),
  against the people the role is there to reach (``COUNTERPARTS``: pre-sales the technical
  people, the project manager the users, the executive the decision makers, the account
  manager everyone; the expert pool's seats are nobody's);
- the customer's team checks (``team_check`` events) on the role's days: passed or failed.

Members (``Game.crew``) and who put each action in the plan (``Game.credits``) give each
member's part: proposed, counted, missed, confirmed. Peer reviews live in a session's log
only; a front end passes them in (:class:`PeerReview`). :func:`bottlenecks` reads the
class: per measure the role that fell short most, per team and summed. docs/MODEL.md
section 11 ("The team's work").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from game.engine.game import DAY_RESOURCES, Allocation, Credit, Game
from game.engine.roles import PLAYING, RESOURCE, ROLE_OF_RESOURCE
from game.engine.teams import TeamGame

ROLES: tuple[str, ...] = tuple(r.value for r in PLAYING)
ROLE_DAYS: dict[str, str] = {r.value: RESOURCE[r] for r in PLAYING}  # the days each role owns
DAY_KINDS: tuple[str, ...] = tuple(ROLE_DAYS.values())
# The committee roles each team role is there to reach (None: everyone).
COUNTERPARTS: dict[str, tuple[str, ...] | None] = {
    "am": None,
    "presales": ("technical",),
    "pm": ("user",),
    "executive": ("decision_maker",),
}
MET = ("done", "backfired")  # an action's outcome in which the meeting happened
MEASURES: tuple[str, ...] = ("unspent", "missed", "uncovered", "checks")


@dataclass(frozen=True)
class RoleTurn:
    turn: int
    available: float
    used: float

    @property
    def unspent(self) -> float:
        return max(0.0, self.available - self.used)


@dataclass(frozen=True)
class JointAction:
    """An action paid with two kinds of days: done, or missed (proposed, never confirmed)."""

    turn: int
    action: str
    stakeholder: str
    amount: int
    roles: tuple[str, ...]  # the roles whose days it costs
    done: bool
    by: str | None = None  # who proposed it (None: not recorded)
    confirmed_by: str | None = None
    missing: tuple[str, ...] = ()  # missed: the roles that did not confirm


@dataclass(frozen=True)
class RoleWork:
    role: str
    holders: tuple[str, ...]  # members' names who took the role (empty: nobody took it)
    turns: tuple[RoleTurn, ...]
    joint_done: int
    joint_missed: int  # joint actions that waited for this role's confirmation in vain
    met: tuple[str, ...]  # people met with the role's days
    counterparts: tuple[str, ...]  # people the role is there to reach
    checks_passed: int
    checks_failed: int

    @property
    def days(self) -> str:
        return ROLE_DAYS[self.role]

    @property
    def available(self) -> float:
        return sum(t.available for t in self.turns)

    @property
    def used(self) -> float:
        return sum(t.used for t in self.turns)

    @property
    def unspent(self) -> float:
        return sum(t.unspent for t in self.turns)

    @property
    def unspent_share(self) -> float | None:
        return self.unspent / self.available if self.available > 0 else None

    @property
    def uncovered(self) -> tuple[str, ...]:
        met = set(self.met)
        return tuple(s for s in self.counterparts if s not in met)

    @property
    def uncovered_share(self) -> float | None:
        return len(self.uncovered) / len(self.counterparts) if self.counterparts else None


@dataclass(frozen=True)
class MemberWork:
    """One member's part: the actions they put in the plan, and what became of them."""

    id: str
    name: str
    roles: tuple[str, ...]
    proposed: int  # actions they put in the plans (joint ones left unconfirmed included)
    counted: int  # ... of them in the plans that were handed in
    missed: int  # ... joint actions of theirs nobody confirmed
    confirmed: int  # joint actions of others they confirmed
    days: dict[str, float] = field(default_factory=dict)  # days of the counted actions, by kind
    money: float = 0.0  # money of the counted actions
    forecasts: int = 0  # forecasts they recorded


@dataclass(frozen=True)
class PeerReview:
    """One member's review of their teammates' contribution (1-5 each; the trainer's eyes only)."""

    member: str
    by: str
    ratings: Mapping[str, int]
    note: str | None = None


@dataclass(frozen=True)
class PeerScore:
    member: str
    name: str
    mean: float
    ratings: tuple[int, ...]


@dataclass(frozen=True)
class TeamWork:
    team: str
    vendor: str
    roles: tuple[RoleWork, ...]
    joint: tuple[JointAction, ...]
    members: tuple[MemberWork, ...]  # empty: a team of one (no members recorded)
    unattributed: int  # actions in the plans nobody is credited with (the trainer's laptop, a file)
    reviews: tuple[PeerReview, ...] = ()

    @property
    def solo(self) -> bool:
        return not self.members

    def role(self, role: str) -> RoleWork:
        return next(r for r in self.roles if r.role == role)

    def name_of(self, member: str) -> str:
        return next((m.name for m in self.members if m.id == member), member)

    def peer_scores(self) -> tuple[PeerScore, ...]:
        """Each reviewed member's mean rating from their teammates, highest first."""
        got: dict[str, list[int]] = {}
        for r in self.reviews:
            for mid, x in r.ratings.items():
                if mid != r.member:
                    got.setdefault(mid, []).append(int(x))
        out = [PeerScore(mid, self.name_of(mid), sum(xs) / len(xs), tuple(xs)) for mid, xs in got.items()]
        return tuple(sorted(out, key=lambda s: (-s.mean, s.name)))

    def worst(self, measure: str) -> str | None:
        """The role that fell short most on ``measure`` (None: no role did)."""
        return _worst({r.role: _score(r, measure) for r in self.roles})


def _score(r: RoleWork, measure: str) -> float:
    """How far the role fell short on a measure (0: not at all)."""
    if measure == "unspent":
        return r.unspent_share or 0.0
    if measure == "missed":
        return float(r.joint_missed)
    if measure == "uncovered":
        return r.uncovered_share or 0.0
    if measure == "checks":
        return float(r.checks_failed)
    raise ValueError(f"unknown measure '{measure}'; measures: {', '.join(MEASURES)}")


def _worst(scores: Mapping[str, float]) -> str | None:
    best = max(scores.values(), default=0.0)
    if best <= 1e-9:
        return None
    return next(role for role in ROLES if role in scores and scores[role] == best)


# -- one team ---------------------------------------------------------------------------------


def plans(g: Game, vendor: str) -> dict[int, list[Allocation]]:
    """The vendor's plan as it counted, per turn played (from the game's log)."""
    out: dict[int, list[Allocation]] = {}
    for entry in g.log:
        if "turn" in entry:
            out[int(entry["turn"])] = [Allocation(**a) for a in entry["actions"].get(vendor, [])]
    return out


def _kinds(g: Game, action: str) -> tuple[str, ...]:
    """The kinds of days an action costs."""
    cost = g.cost_of(action)
    return tuple(k for k in DAY_KINDS if cost.get(k, 0.0) > 0)


def _role_of(kind: str) -> str:
    return ROLE_OF_RESOURCE[kind].value


def _counterparts(g: Game, role: str) -> tuple[str, ...]:
    c = g.c
    wanted = COUNTERPARTS[role]
    people = g.scenario.stakeholders
    return tuple(
        s.id for i, s in enumerate(people) if not c.pool[i] and (wanted is None or s.role in wanted)
    )


def _met(g: Game, vendor: str, kind: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for rec in g.records:
        for o in rec.outcomes:
            if o.vendor == vendor and o.status in MET and o.amount > 0 and kind in _kinds(g, o.action):
                seen.setdefault(o.stakeholder, None)
    order = g.c.stakeholder_ids
    return tuple(sorted(seen, key=order.index))


def _checks(g: Game, vendor: str, kind: str) -> tuple[int, int]:
    """(passed, failed) of the customer's team checks on this kind of days."""
    events = g.events
    passed = failed = 0
    for rec in g.records:
        for ev in rec.events:
            if ev.kind != "team_check" or vendor not in ev.passed:
                continue
            if getattr(events[ev.index], "role", None) != kind:
                continue
            if ev.passed[vendor]:
                passed += 1
            else:
                failed += 1
    return passed, failed


def _joint(g: Game, vendor: str, turns: Mapping[int, list[Allocation]]) -> tuple[list[JointAction], int]:
    """Joint actions done (from the plans, with who proposed and confirmed them when the credits
    say) and missed (credits never confirmed); and how many planned actions nobody is credited with."""
    out: list[JointAction] = []
    unattributed = 0
    credits: dict[int, list[Credit]] = {}
    for cr in g.credits:
        if cr.vendor == vendor:
            credits.setdefault(cr.turn, []).append(cr)
    for turn, plan in sorted(turns.items()):
        pool = [cr for cr in credits.get(turn, []) if cr.done]
        for al in plan:
            k = next(
                (i for i, c in enumerate(pool) if (c.action, c.stakeholder, c.amount) == (al.action, al.stakeholder, al.amount)),
                None,
            )
            who = pool.pop(k) if k is not None else None
            if who is None or who.member is None:
                unattributed += 1
            kinds = _kinds(g, al.action)
            if len(kinds) > 1:
                out.append(
                    JointAction(
                        turn, al.action, al.stakeholder, al.amount, tuple(_role_of(x) for x in kinds), True,
                        who.by if who else None, who.confirmed_by if who else None,
                    )
                )
        for cr in credits.get(turn, []):
            if not cr.done:
                kinds = _kinds(g, cr.action)
                out.append(
                    JointAction(
                        turn, cr.action, cr.stakeholder, cr.amount, tuple(_role_of(x) for x in kinds), False,
                        cr.by, None, tuple(r for r in cr.roles if r in ROLE_DAYS),
                    )
                )
    return out, unattributed


def _members(g: Game, vendor: str) -> list[MemberWork]:
    crew = g.crew.get(vendor, {})
    ids = list(crew)
    names = {mid: m.name for mid, m in crew.items()}
    mine = [cr for cr in g.credits if cr.vendor == vendor]
    for cr in mine:  # credited but not on the crew (roles never recorded)
        if cr.member is not None and cr.member not in names:
            ids.append(cr.member)
            names[cr.member] = cr.by or cr.member
    out = []
    for mid in ids:
        name = names[mid]
        own = [cr for cr in mine if cr.member == mid]
        counted = [cr for cr in own if cr.done]
        days: dict[str, float] = dict.fromkeys(DAY_KINDS, 0.0)
        money = 0.0
        for cr in counted:
            cost = g.cost_of(cr.action, cr.amount)
            for k in DAY_KINDS:
                days[k] += cost.get(k, 0.0)
            money += cost.get("money", 0.0)
        out.append(
            MemberWork(
                id=mid,
                name=name,
                roles=crew[mid].roles if mid in crew else (),
                proposed=len(own),
                counted=len(counted),
                missed=len(own) - len(counted),
                confirmed=sum(1 for cr in mine if cr.done and cr.member != mid and cr.confirmed_by in (mid, name)),
                days={k: v for k, v in days.items() if v},
                money=money,
                forecasts=sum(1 for f in g.forecasts if f.vendor == vendor and f.by == name),
            )
        )
    return out


def team_work(tg: TeamGame, reviews: Sequence[PeerReview] = ()) -> TeamWork:
    """How the team worked: per role, per member, joint actions (``reviews``: the session's)."""
    g, vendor = tg.game, tg.vendor
    v = g.vendor_index(vendor)
    turns = plans(g, vendor)
    joint, unattributed = _joint(g, vendor, turns)
    crew = g.crew.get(vendor, {})
    roles = []
    for role in ROLES:
        kind = ROLE_DAYS[role]
        per_turn = float(g.c.per_turn[v, DAY_RESOURCES.index(kind)])
        rows = tuple(
            RoleTurn(t, per_turn, sum(g.cost_of(a.action, a.amount).get(kind, 0.0) for a in plan))
            for t, plan in sorted(turns.items())
        )
        passed, failed = _checks(g, vendor, kind)
        roles.append(
            RoleWork(
                role=role,
                holders=tuple(m.name for m in crew.values() if role in m.roles),
                turns=rows,
                joint_done=sum(1 for j in joint if j.done and role in j.roles),
                joint_missed=sum(1 for j in joint if not j.done and role in j.missing),
                met=_met(g, vendor, kind),
                counterparts=_counterparts(g, role),
                checks_passed=passed,
                checks_failed=failed,
            )
        )
    return TeamWork(
        team=tg.team,
        vendor=vendor,
        roles=tuple(roles),
        joint=tuple(joint),
        members=tuple(_members(g, vendor)),
        unattributed=unattributed,
        reviews=tuple(reviews),
    )


# -- the class ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoleTally:
    """One role summed over the class's teams."""

    role: str
    available: float
    unspent: float
    joint_missed: int
    counterparts: int
    uncovered: int
    checks_failed: int
    worst: int  # (team, measure) pairs in which this role fell short most

    @property
    def unspent_share(self) -> float | None:
        return self.unspent / self.available if self.available > 0 else None

    @property
    def uncovered_share(self) -> float | None:
        return self.uncovered / self.counterparts if self.counterparts else None


@dataclass(frozen=True)
class Bottlenecks:
    tallies: tuple[RoleTally, ...]
    teams: tuple[tuple[str, dict[str, str | None]], ...]  # team -> measure -> its worst role
    leaders: dict[str, str | None]  # measure -> the role that fell short most over the class

    @property
    def role(self) -> str | None:
        """The class's bottleneck: the role that fell short most often (team and measure)."""
        counts = {t.role: float(t.worst) for t in self.tallies}
        return _worst(counts)

    def tally(self, role: str) -> RoleTally:
        return next(t for t in self.tallies if t.role == role)

    def teams_short(self, role: str, measure: str) -> int:
        return sum(1 for _, worst in self.teams if worst.get(measure) == role)


def bottlenecks(works: Sequence[TeamWork]) -> Bottlenecks:
    """Per team and summed over the class: which role fell short most on each measure."""
    per_team = tuple((w.team, {m: w.worst(m) for m in MEASURES}) for w in works)
    worst = Counter(role for _, ws in per_team for role in ws.values() if role is not None)
    tallies = []
    for role in ROLES:
        rs = [w.role(role) for w in works]
        tallies.append(
            RoleTally(
                role=role,
                available=sum(r.available for r in rs),
                unspent=sum(r.unspent for r in rs),
                joint_missed=sum(r.joint_missed for r in rs),
                counterparts=sum(len(r.counterparts) for r in rs),
                uncovered=sum(len(r.uncovered) for r in rs),
                checks_failed=sum(r.checks_failed for r in rs),
                worst=worst.get(role, 0),
            )
        )
    scores: dict[str, dict[str, float]] = {
        "unspent": {t.role: t.unspent_share or 0.0 for t in tallies},
        "missed": {t.role: float(t.joint_missed) for t in tallies},
        "uncovered": {t.role: t.uncovered_share or 0.0 for t in tallies},
        "checks": {t.role: float(t.checks_failed) for t in tallies},
    }
    return Bottlenecks(tuple(tallies), per_team, {m: _worst(scores[m]) for m in MEASURES})
