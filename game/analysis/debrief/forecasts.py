"""How well a team forecast its deal: its recorded chances of winning against the model's and
against the outcome, and its forecast price against the bid it made.

A team records a forecast while planning a turn (``Game.forecasts_of``: the last one per
turn counts) and may record one more with its bid. Each is set beside the model's win
probability *after that turn* (the debrief's win curve, :mod:`.winprob`; with the bid: after
the last turn) and, once the tender is awarded, beside the outcome (1 won, 0 lost):

    Brier score  = mean over the forecasts of (forecast - outcome)^2     (0 perfect; 0.25 = always 50%)
    model Brier  = the same of the model's chances at the same turns     (what the model's line scored)
    gap          = mean of (forecast - model)^2                          (distance from the model's line)
    bias         = mean of (forecast - model)                            (> 0: more optimistic than the model)

A bias beyond :data:`LEAN_MARGIN` either way makes the team over- (optimistic) or
under-confident (pessimistic) against the model. Turns the team did not forecast are listed
in ``missing``; nothing is filled in for them. docs/MODEL.md section 11 ("Forecasts").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from game.engine.teams import TeamGame

from .winprob import WinCurve

LEAN_MARGIN = 0.05  # a mean gap to the model's chance beyond 5 points makes the team over/under-confident
Lean = Literal["over", "under", "even"]


@dataclass(frozen=True)
class ForecastPoint:
    """One forecast beside the model: made while planning ``turn`` (or with the bid)."""

    turn: int  # the turn it was made for (turns + 1 with the bid)
    at_bid: bool
    win: float  # the team's chance of winning, 0..1
    price: float | None  # the price it expected to bid
    by: str | None  # who recorded it
    model: float | None  # the model's chance after that turn (None: the turn is not played yet)


@dataclass(frozen=True)
class PriceCheck:
    """The team's price forecasts against the bid it made."""

    forecasts: int  # forecasts that named a price
    last: float  # the latest forecast price
    last_turn: int
    last_at_bid: bool
    bid: float | None  # the bid made (None: no bid, or not yet)

    @property
    def error(self) -> float | None:
        """Latest forecast minus the bid, as a share of the bid (+0.05: forecast 5% above)."""
        return None if not self.bid else (self.last - self.bid) / self.bid


@dataclass(frozen=True)
class Calibration:
    team: str
    vendor: str
    turns_played: int
    points: tuple[ForecastPoint, ...]
    missing: tuple[int, ...]  # turns played without a forecast
    bid_missing: bool  # the bids were due (or made) and the team forecast nothing with its bid
    outcome: bool | None  # None: not awarded yet
    price: PriceCheck | None  # None: no forecast named a price

    @property
    def brier(self) -> float | None:
        """Mean squared distance of the forecasts from the outcome (None: no forecast or no award)."""
        if self.outcome is None or not self.points:
            return None
        o = float(self.outcome)
        return sum((p.win - o) ** 2 for p in self.points) / len(self.points)

    @property
    def judged(self) -> tuple[ForecastPoint, ...]:
        """The forecasts the model's line can judge (their turn has been played)."""
        return tuple(p for p in self.points if p.model is not None)

    @property
    def model_brier(self) -> float | None:
        """The model's Brier score at the turns the team forecast (None: no award or no model)."""
        js = self.judged
        if self.outcome is None or not js:
            return None
        o = float(self.outcome)
        return sum((float(p.model or 0.0) - o) ** 2 for p in js) / len(js)

    @property
    def gap(self) -> float | None:
        """Mean squared distance of the forecasts from the model's chance."""
        js = self.judged
        return sum((p.win - float(p.model or 0.0)) ** 2 for p in js) / len(js) if js else None

    @property
    def bias(self) -> float | None:
        """Mean of forecast minus the model's chance (> 0: more optimistic than the model)."""
        js = self.judged
        return sum(p.win - float(p.model or 0.0) for p in js) / len(js) if js else None

    @property
    def lean(self) -> Lean | None:
        b = self.bias
        if b is None:
            return None
        return "over" if b > LEAN_MARGIN else "under" if b < -LEAN_MARGIN else "even"


def calibration(tg: TeamGame, curve: WinCurve | None) -> Calibration:
    """The team's forecasts beside the model's chances (``curve``: the team's win curve; None
    judges them against the outcome only)."""
    g = tg.game
    played = len(g.records)
    pts = curve.points if curve is not None else ()
    done = played >= g.c.turns

    def model_at(turn: int) -> float | None:
        return pts[turn].p_win if 0 <= turn < len(pts) and turn <= played else None

    points: list[ForecastPoint] = []
    for f in g.forecasts_of(tg.vendor):
        turn = played if f.at_bid else f.turn
        m = model_at(turn) if (not f.at_bid or done) else None
        points.append(ForecastPoint(f.turn, f.at_bid, f.win, f.price, f.by, m))
    said = {p.turn for p in points if not p.at_bid}
    missing = tuple(t for t in range(1, played + 1) if t not in said)
    bid_missing = done and not any(p.at_bid for p in points)
    res = g.result.vendor(tg.vendor) if g.result is not None else None
    priced = [p for p in points if p.price is not None]
    price = None
    if priced:
        last = priced[-1]  # points are in order: turns, then the bid's
        bid = g.bids.get(tg.vendor)
        price = PriceCheck(len(priced), float(last.price or 0.0), last.turn, last.at_bid, float(bid) if bid else None)
    return Calibration(
        team=tg.team,
        vendor=tg.vendor,
        turns_played=played,
        points=tuple(points),
        missing=missing,
        bid_missing=bid_missing,
        outcome=None if res is None else res.won,
        price=price,
    )


@dataclass(frozen=True)
class ClassCalibration:
    """The class's forecasts in one view: who forecast, their mean scores and leans."""

    teams: int  # teams in the class
    forecasting: int  # teams that made at least one forecast
    brier: float | None  # mean of the teams' Brier scores
    model_brier: float | None  # mean of the model's at the same turns
    gap: float | None
    over: int  # teams over-confident against the model
    under: int
    even: int


def class_calibration(cals: list[Calibration]) -> ClassCalibration:
    with_f = [c for c in cals if c.points]

    def mean(xs: list[float | None]) -> float | None:
        vals = [x for x in xs if x is not None]
        return sum(vals) / len(vals) if vals else None

    leans = [c.lean for c in with_f]
    return ClassCalibration(
        teams=len(cals),
        forecasting=len(with_f),
        brier=mean([c.brier for c in with_f]),
        model_brier=mean([c.model_brier for c in with_f]),
        gap=mean([c.gap for c in with_f]),
        over=leans.count("over"),
        under=leans.count("under"),
        even=leans.count("even"),
    )
