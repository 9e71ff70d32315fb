"""Typed records of what happened and why: the data the window and debrief show.

Reasons are codes, not prose; the front ends turn them into sentences in
either language (the catalogue in game/strings.py).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Status = Literal["done", "no_meeting", "refused", "backfired"]


@dataclass(frozen=True)
class ActionOutcome:
    """One vendor's action on one stakeholder in one turn (amounts merged)."""

    vendor: str
    stakeholder: str
    action: str
    amount: float
    status: Status
    reason: str  # code: ok, unavailable, no_relationship, compliance
    fail_chance: float  # chance the meeting would not happen
    d_relationship: float  # change of relationship caused by this action
    d_fit: float  # change of perceived fit, weighted by the person's cares
    d_stance: float  # change of the person's own stance toward the vendor (0-1 scale)
    d_quality: float  # change of the vendor's proposal quality
    d_spec: float  # spec pull added (workshops before publication)
    d_knowledge: float  # knowledge of the person gained
    notes: tuple[str, ...] = ()  # spec_frozen, quiet_period, early_exec, late_exec, junior_host


@dataclass(frozen=True)
class CoachNote:
    """What a vendor's coach tells it after a turn (only that vendor sees it).

    ``rival_moves``: ``rival`` met ``stakeholder`` (someone beside the coach) ``count`` times
    this turn. ``veto_risk``: ``stakeholder`` holds a veto and leans so far away from the
    vendor that they may block it.
    """

    vendor: str
    coach: str
    kind: Literal["rival_moves", "veto_risk"]
    stakeholder: str
    rival: str | None = None
    count: int = 0


@dataclass(frozen=True)
class EventFired:
    index: int
    id: str
    kind: str
    secret: bool
    details: dict[str, str | float] = field(default_factory=dict)


@dataclass(frozen=True)
class TurnRecord:
    """Everything that happened in one turn of one world."""

    turn: int
    published: bool
    events: tuple[EventFired, ...]
    outcomes: tuple[ActionOutcome, ...]
    stance: tuple[tuple[float, ...], ...]  # [S][V] mixed stance after the turn
    relationship: tuple[tuple[float, ...], ...]  # [S][V]
    support: tuple[float, ...]  # [V] committee support (influence-weighted share)
    quality: tuple[float, ...]  # [V]
    spent: tuple[float, ...]  # [V] money spent so far
    spec: tuple[float, ...]  # [K] criteria weights as tilted now
    new_coaches: tuple[tuple[str, str], ...] = ()  # (stakeholder, vendor)
    decayed: tuple[tuple[str, str, float], ...] = ()  # (stakeholder, vendor, loss)
    coach_notes: tuple[CoachNote, ...] = ()  # what each vendor's coach tells it

    def to_json(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class VendorResult:
    vendor: str
    bid: float | None
    valid: bool
    over_ceiling: bool
    questioned: bool
    disqualified: bool
    vetoed_by: str | None
    technical: float
    price_score: float
    commercial: float
    committee: float  # points from the committee's favour
    total: float
    rank: int | None
    won: bool
    cost: float
    spent: float
    margin_if_won: float | None  # price - cost
    result: float  # actual: won * (price - cost) - spent
    win_probability: float
    expected_result: float  # win_probability * (price - cost) - spent
    panel: dict[str, float] = field(default_factory=dict)  # member id -> technical score


@dataclass(frozen=True)
class ScoreParts:
    """A vendor's total at the award in points, part by part: the weighted technical, price and
    commercial scores and the committee's favour. They add up to the total."""

    technical: float  # technical weight x technical score
    price: float  # price weight x price score
    commercial: float  # commercial weight x commercial score
    committee: float  # points from the committee's favour (may be negative)

    @property
    def total(self) -> float:
        return self.technical + self.price + self.commercial + self.committee

    def items(self) -> tuple[tuple[str, float], ...]:
        """(part, points) in the order the award shows them."""
        return (
            ("technical", self.technical),
            ("price", self.price),
            ("commercial", self.commercial),
            ("committee", self.committee),
        )


@dataclass(frozen=True)
class GameResult:
    winner: str | None
    failed: bool
    fail_reason: str | None  # too_few_valid_bids, all_vetoed
    ceiling: float
    weights: dict[str, float]
    spec: dict[str, float]
    vendors: tuple[VendorResult, ...]

    def vendor(self, vid: str) -> VendorResult:
        return next(v for v in self.vendors if v.vendor == vid)

    def parts(self, vid: str) -> ScoreParts:
        """How the vendor's total is made up (they add up to ``vendor(vid).total``)."""
        r = self.vendor(vid)
        w = self.weights
        return ScoreParts(
            technical=w["technical"] * r.technical,
            price=w["price"] * r.price_score,
            commercial=w["commercial"] * r.commercial,
            committee=r.committee,
        )

    def to_json(self) -> dict[str, object]:
        return asdict(self)
