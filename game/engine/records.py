"""Typed records of what happened and why: the data the window and debrief show.

Reasons are codes, not prose; the front ends turn them into sentences in
either language (the catalogue in game/strings.py).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Annotated, Literal

from pydantic import ConfigDict, Field
from pydantic.dataclasses import dataclass as checked_dataclass

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
    passed: dict[str, bool] = field(default_factory=dict)  # team checks: vendor -> passed


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


MAX_MONEY = 1e15  # no figure of a game comes near it; a file claiming one is refused
Share = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Money = Annotated[float, Field(ge=-MAX_MONEY, le=MAX_MONEY, allow_inf_nan=False)]
Name = Annotated[str, Field(max_length=200)]


@checked_dataclass(frozen=True, config=ConfigDict(extra="forbid"))
class TeamFigures:
    """What one team was told, as it was announced: after a turn, its vendor's standing; at the
    award, its bid, score and result. Files keep these beside the decisions, so results
    announced under other rules can be shown as they were (checked when read back)."""

    team: Name
    vendor: Name
    turn: Annotated[int, Field(ge=1, le=100)] | None = None  # a turn: the one just played
    support: Share | None = None  # a turn: the committee's support for the team's vendor
    quality: Share | None = None  # a turn: its proposal quality
    spent: Money | None = None
    failed: bool | None = None  # the award: the tender failed (no winner)
    winner: Name | None = None  # the award: the vendor that won the team's game
    won: bool | None = None
    bid: Money | None = None
    total: Annotated[float, Field(ge=-1e6, le=1e6, allow_inf_nan=False)] | None = None
    rank: Annotated[int, Field(ge=1, lt=1000)] | None = None
    win_probability: Share | None = None
    result: Money | None = None
    expected_result: Money | None = None

    @classmethod
    def after_turn(cls, team: str, vendor: str, record: TurnRecord, v: int) -> TeamFigures:
        return cls(team=team, vendor=vendor, turn=record.turn, support=record.support[v],
                   quality=record.quality[v], spent=record.spent[v])

    @classmethod
    def at_award(cls, team: str, vendor: str, result: GameResult) -> TeamFigures:
        r = result.vendor(vendor)
        return cls(team=team, vendor=vendor, spent=r.spent, failed=result.failed, winner=result.winner,
                   won=r.won, bid=r.bid, total=r.total, rank=r.rank, win_probability=r.win_probability,
                   result=r.result, expected_result=r.expected_result)

    def to_json(self) -> dict[str, object]:
        return {k: v for k, v in asdict(self).items() if v is not None}
