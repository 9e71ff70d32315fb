"""One played game (W = 1): teams' decisions, AI for the rest, records and the award.

The game is rebuilt exactly from (scenario, seed, decision log): every call
that changes it appends to ``log``, and :meth:`Game.replay` plays a log back.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

import numpy as np
from numpy.typing import NDArray
from pydantic import TypeAdapter, ValidationError

from game.engine import batch
from game.engine.fog import readings
from game.engine.players import Players
from game.engine.records import GameResult, TurnRecord, VendorResult
from game.engine.state import State, StreamKey, new_state
from game.engine.turn import introduced, resolve, stance
from game.i18n import Text
from game.model.compiled import Compiled, compile_scenario
from game.model.tender import FAIL_REASONS, Award, current_spec, evaluate
from game.scenario.problems import did_you_mean, one_of
from game.scenario.schema import ACTION_IDS, RESOURCE_IDS, Event, Scenario

F = NDArray[np.float64]
DAY_RESOURCES = RESOURCE_IDS[:4]
# Public estimate of the mean bid as a share of the ceiling, for the abnormally-low warning.
ABNORMAL_REFERENCE = 0.9
# Bids below TYPO_LOW or at least TYPO_HIGH times the ceiling are warned about as a likely slip
# in the number of zeros (check_bid's 'tiny' and 'huge'; every front end shows them).
TYPO_LOW, TYPO_HIGH = 0.2, 3.0
MAX_AMOUNT = 100  # most days (or units) in one action, in a decisions file and typed alike


class Code(str, Enum):
    """A code that reads as its value wherever it is written (f-strings, JSON, string keys)."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


class Refusal(Code):
    """Why the engine refuses a decision (``DecisionError.code``); front ends word it."""

    UNKNOWN_VENDOR = "unknown_vendor"
    UNKNOWN_ACTION = "unknown_action"
    UNKNOWN_STAKEHOLDER = "unknown_stakeholder"
    POOL_SEAT = "pool_seat"  # params: stakeholder, draw_turn
    BAD_AMOUNT = "bad_amount"
    NOT_ENOUGH = "not_enough"  # params: short {resource: (need, left)}, most (units affordable)
    TURNS_OVER = "turns_over"
    NOT_A_TEAM = "not_a_team"
    BAD_BID = "bad_bid"
    NOT_BID_TIME = "not_bid_time"
    TOO_EARLY = "too_early"
    BAD_EVENT = "bad_event"
    BAD_BELIEF = "bad_belief"
    BAD_FORECAST = "bad_forecast"
    OTHER = ""


class BidWarning(Code):
    """Why a bid may be a mistake (:meth:`Game.check_bid`); the bid is allowed all the same."""

    NO_BID = "no_bid"
    OVER_CEILING = "over_ceiling"  # invalid at the award
    BELOW_COST = "below_cost"
    ABNORMALLY_LOW = "abnormally_low"  # may be questioned and disqualified
    TINY = "tiny"  # a slip in the number of zeros, most likely
    HUGE = "huge"

    @property
    def serious(self) -> bool:
        """The bid is invalid or almost certainly a typing slip (not merely risky)."""
        return self in (BidWarning.OVER_CEILING, BidWarning.TINY, BidWarning.HUGE)


class DecisionError(ValueError):
    """A decision that cannot be taken; the message says what is allowed instead (in English,
    for logs and the command line).

    ``code`` (a :class:`Refusal`) and ``params`` let front ends say it in any language.
    """

    def __init__(self, message: str, code: str = "", **params: object) -> None:
        super().__init__(message)
        self.code = Refusal(code)
        self.params = params


@dataclass(frozen=True)
class Allocation:
    action: str
    stakeholder: str
    amount: int = 1

    def to_json(self) -> dict[str, object]:
        return {"action": self.action, "stakeholder": self.stakeholder, "amount": self.amount}


@dataclass(frozen=True)
class PersonView:
    """What one vendor can see of one person (fog of war)."""

    id: str
    name: Text
    title: Text | None
    role: str
    seniority: int
    influence: float
    veto: bool
    panel: bool
    can_coach: bool
    stance: tuple[float, float]  # range containing the person's stance toward you (0-1)
    relationship: tuple[float, float]
    knowledge: float
    cares_level: int  # 0 unknown, 1 top priority known, 2 all known
    cares: dict[str, float]  # the known ones
    favourite: str | None  # vendor they prefer, when known
    coach: bool
    last_contact: int  # turn, 0 = never
    replaced: bool
    pool: bool = False  # a panel seat drawn from the expert pool
    closed: bool = False  # nobody may meet this person now (a pool seat before the draw, or confidential)
    introduced_by: str | None = None  # the contact (or coach) who will introduce you, if any
    listens_to: tuple[str, ...] = ()  # the people this person listens to (possible introducers)


@dataclass(frozen=True)
class Belief:
    """A team's own estimate of one person, recorded during play (a Blue-Sheet map)."""

    turn: int
    vendor: str
    stakeholder: str
    stance: float | None  # 0..1: how much the person favours the team
    cares: dict[str, float] | None  # criterion -> weight (normalised to sum 1)

    def to_json(self) -> dict[str, object]:
        return {
            "turn": self.turn,
            "vendor": self.vendor,
            "stakeholder": self.stakeholder,
            "stance": self.stance,
            "cares": self.cares,
        }


def check_forecast(win: object, price: object) -> None:
    """DecisionError ``bad_forecast`` unless ``win`` is a chance (0..1) and ``price`` None or a
    positive amount (every front end and the session check a forecast with this)."""
    if isinstance(win, bool) or not isinstance(win, int | float) or not (math.isfinite(win) and 0.0 <= win <= 1.0):
        raise DecisionError("a forecast's chance of winning is 0% to 100%", "bad_forecast")
    if price is not None and (
        isinstance(price, bool) or not isinstance(price, int | float) or not (math.isfinite(price) and price > 0)
    ):
        raise DecisionError("a forecast price is a positive amount", "bad_forecast")


@dataclass(frozen=True)
class Forecast:
    """A team's forecast while planning a turn (``turn``) or with its bid (``at_bid``): the
    chance it wins (0..1) and the price it expects to bid (None: not said)."""

    turn: int
    vendor: str
    win: float
    price: float | None
    by: str | None = None  # who made it (a member's display name)
    at_bid: bool = False

    def to_json(self) -> dict[str, object]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Credit:
    """Team selling: who put one action in a turn's plan, as which roles (``game.engine.roles``),
    who confirmed it when it was joint, and whether it counted (``done`` False: a joint action
    proposed by one role and not confirmed by the other in time; ``roles`` are then the roles
    whose confirmation was missing)."""

    turn: int
    vendor: str
    action: str
    stakeholder: str
    amount: int
    member: str | None
    by: str | None
    roles: tuple[str, ...] = ()
    confirmed_by: str | None = None
    done: bool = True

    def to_json(self) -> dict[str, object]:
        return {**self.__dict__, "roles": list(self.roles)}


@dataclass(frozen=True)
class Member:
    """One member of a team and the roles they took (team selling)."""

    id: str
    name: str
    roles: tuple[str, ...]


@dataclass(eq=False)
class Game:
    scenario: Scenario
    seed: int
    humans: tuple[str, ...] = ()
    strategies: dict[str, str] = field(default_factory=dict)
    players: Players = field(kw_only=True)  # plays the vendors no team plays (game.ai.players.POLICIES)
    c: Compiled = field(init=False)
    st: State = field(init=False)
    pending: dict[str, list[Allocation]] = field(init=False, default_factory=dict)
    bids: dict[str, float | None] = field(init=False, default_factory=dict)
    records: list[TurnRecord] = field(init=False, default_factory=list)
    log: list[dict[str, Any]] = field(init=False, default_factory=list)
    extra_events: list[Event] = field(init=False, default_factory=list)
    beliefs: list[Belief] = field(init=False, default_factory=list)
    # Team selling (recorded, never read by the model): forecasts, members and their roles, and
    # who put each action in the plans.
    forecasts: list[Forecast] = field(init=False, default_factory=list)
    crew: dict[str, dict[str, Member]] = field(init=False, default_factory=dict)
    credits: list[Credit] = field(init=False, default_factory=list)
    result: GameResult | None = field(init=False, default=None)
    award_detail: Award | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.c = compile_scenario(self.scenario)
        for vid in self.humans:
            if vid not in self.c.vendor_ids:
                raise DecisionError(
                    f"unknown vendor '{vid}'{did_you_mean(vid, self.c.vendor_ids)}; vendors: {one_of(self.c.vendor_ids)}",
                    "unknown_vendor",
                    vendor=vid,
                )
        self.st = new_state(self.c, 1, self.seed)
        self.pending = {v: [] for v in self.humans}
        self.names = batch.strategies_for(self.c, self.strategies)

    # -- facts ---------------------------------------------------------------
    @property
    def turn(self) -> int:
        return self.st.turn

    @property
    def phase(self) -> str:
        if self.result is not None:
            return "done"
        return "bid" if self.st.turn > self.c.turns else "turn"

    @property
    def published(self) -> bool:
        return bool(self.st.turn >= self.st.pub_turn[0])

    @property
    def pub_turn(self) -> int:
        return int(self.st.pub_turn[0])

    @property
    def ceiling(self) -> float:
        return float(self.st.ceiling[0])

    def vendor_index(self, vid: str) -> int:
        if vid not in self.c.vendor_ids:
            raise DecisionError(
                f"unknown vendor '{vid}'{did_you_mean(vid, self.c.vendor_ids)}; vendors: {one_of(self.c.vendor_ids)}",
                "unknown_vendor",
                vendor=vid,
            )
        return self.c.vendor_ids.index(vid)

    def cost_of(self, action: str, amount: int = 1) -> dict[str, float]:
        a = ACTION_IDS.index(action)
        return {
            r: float(self.c.cost_table[a, i] * amount)
            for i, r in enumerate(RESOURCE_IDS)
            if self.c.cost_table[a, i]
        }

    def spent(self, vid: str) -> float:
        """Money the vendor has spent on the campaign so far."""
        return float(self.st.spent[0, self.vendor_index(vid)])

    def quality(self, vid: str) -> float:
        """The vendor's proposal quality now (0..1); its own team knows it."""
        return float(self.st.quality[0, self.vendor_index(vid)])

    def left_after(
        self, vid: str, allocs: Iterable[Allocation], *, spent: float | None = None
    ) -> dict[str, float]:
        """Resources left this turn after ``allocs``; money is for the campaign, after
        ``spent`` so far (the game's own figure unless given)."""
        v = self.vendor_index(vid)
        left = {r: float(self.c.per_turn[v, i]) for i, r in enumerate(DAY_RESOURCES)}
        left["money"] = float(self.c.budget[v]) - (self.spent(vid) if spent is None else spent)
        for al in allocs:
            for r, amount in self.cost_of(al.action, al.amount).items():
                left[r] -= amount
        return left

    def remaining(self, vid: str, extra: Iterable[Allocation] = ()) -> dict[str, float]:
        """Resources left this turn after the pending allocations (money: for the campaign)."""
        return self.left_after(vid, [*self.pending.get(vid, []), *extra])

    def unspent(self, vid: str) -> dict[str, float]:
        """People's days the team has not planned this turn (they do not carry over); empty when
        every day is used. Money is for the whole campaign, so it is never 'unspent'."""
        left = self.remaining(vid)
        return {r: left[r] for r in DAY_RESOURCES if left[r] > 1e-9}

    def refusal(self, vid: str, al: Allocation) -> DecisionError | None:
        """Why ``al`` cannot be added to the vendor's plan now, or None when it can."""
        try:
            self.check(vid, al)
        except DecisionError as exc:
            return exc
        return None

    # -- decisions -----------------------------------------------------------
    def check(
        self,
        vid: str,
        al: Allocation,
        *,
        pending: Sequence[Allocation] | None = None,
        spent: float | None = None,
    ) -> None:
        """Raise DecisionError unless ``al`` is allowed for vendor ``vid`` now.

        ``pending``: what the team has already planned this turn (its pending plan
        unless given); ``spent``: money spent so far (the game's own figure unless given).
        """
        if self.phase != "turn":
            raise DecisionError("the turns are over; submit a bid", "turns_over")
        if al.action not in ACTION_IDS:
            raise DecisionError(
                f"unknown action '{al.action}'{did_you_mean(al.action, ACTION_IDS)}; actions: {', '.join(ACTION_IDS)}",
                "unknown_action",
                action=al.action,
            )
        sids = self.c.stakeholder_ids
        if al.stakeholder not in sids:
            raise DecisionError(
                f"unknown stakeholder '{al.stakeholder}'{did_you_mean(al.stakeholder, sids)}; stakeholders: {one_of(sids)}",
                "unknown_stakeholder",
                stakeholder=al.stakeholder,
            )
        if self.c.pool_locked(self.turn)[sids.index(al.stakeholder)]:
            raise DecisionError(
                f"'{al.stakeholder}' is an outside expert's seat drawn from the pool: "
                + (
                    "names stay confidential, so nobody can meet them; your proposal and the "
                    "panel members they listen to reach them"
                    if self.c.pool_confidential or self.turn >= self.c.pool_draw_turn
                    else f"the experts are drawn at turn {self.c.pool_draw_turn}; nobody can meet them before"
                ),
                "pool_seat",
                stakeholder=al.stakeholder,
                draw_turn=self.c.pool_draw_turn,
            )
        if not isinstance(al.amount, int) or isinstance(al.amount, bool) or al.amount < 1:
            raise DecisionError(
                f"amount must be a whole number of at least 1, not {al.amount!r}",
                "bad_amount",
                amount=al.amount,
            )
        before = list(pending) if pending is not None else self.pending.get(vid, [])
        left = self.left_after(vid, [*before, al], spent=spent)
        short = [r for r, x in left.items() if x < -1e-9]
        if short:
            have = self.left_after(vid, before, spent=spent)
            need = self.cost_of(al.action, al.amount)
            parts = ", ".join(f"{r} needs {need[r]:g}, {max(have[r], 0):g} left" for r in short)
            unit = self.cost_of(al.action, 1)
            most = min(int((max(have[r], 0.0) + 1e-9) // x) for r, x in unit.items() if x > 0)
            raise DecisionError(
                f"not enough resources for {al.action} x{al.amount}: {parts}",
                "not_enough",
                short={r: (need[r], max(have[r], 0.0)) for r in short},
                most=most,
            )

    def add(self, vid: str, al: Allocation) -> None:
        self._human(vid)
        self.check(vid, al)
        self.pending[vid].append(al)

    def undo(self, vid: str) -> Allocation | None:
        self._human(vid)
        return self.pending[vid].pop() if self.pending[vid] else None

    def set_actions(self, vid: str, allocs: Sequence[Allocation]) -> None:
        """Replace the vendor's pending allocations, checking each in turn."""
        self._human(vid)
        done: list[Allocation] = []
        for al in allocs:
            self.check(vid, al, pending=done)
            done.append(al)
        self.pending[vid] = done

    def _human(self, vid: str) -> None:
        if vid not in self.humans:
            raise DecisionError(
                f"vendor '{vid}' is played by the AI, not by a team", "not_a_team", vendor=vid
            )

    def end_turn(self, inject: Sequence[int] = ()) -> TurnRecord:
        """Resolve the turn: teams' pending allocations, AI for the other vendors."""
        if self.phase != "turn":
            raise DecisionError("the turns are over; submit the bids", "turns_over")
        c, st = self.c, self.st
        alloc = np.zeros((1, c.V, c.S, len(ACTION_IDS)))
        seen = self.players.seen(c, st, stance(c, st))
        for v, vid in enumerate(c.vendor_ids):
            if vid in self.humans:
                for al in self.pending[vid]:
                    alloc[
                        0, v, c.stakeholder_ids.index(al.stakeholder), ACTION_IDS.index(al.action)
                    ] += al.amount
            else:
                alloc[:, v] = self.players.plan(c, st, v, self.names[v], st.streams.ai_rng(v, st.turn), seen)
        self.log.append(
            {
                "turn": st.turn,
                "actions": {vid: [a.to_json() for a in self.pending[vid]] for vid in self.humans},
                "inject": list(inject),
            }
        )
        record = resolve(
            c, st, alloc, inject=tuple(inject), extra_events=self.extra_events, record=True
        )
        assert record is not None  # record=True always returns one
        self.records.append(record)
        self.pending = {v: [] for v in self.humans}
        return record

    def add_event(self, data: Mapping[str, Any]) -> int:
        """Add an event made during play (a trainer's form); returns its index for ``inject``.

        ``data`` has the scenario file's event keys (``kind``, ``stakeholder``, ...).
        """
        event = parse_event(data, self.scenario)
        self.extra_events.append(event)
        self.log.append({"add_event": event.model_dump(mode="json", exclude_none=True)})
        return len(self.scenario.events) + len(self.extra_events) - 1

    def record_belief(
        self,
        vid: str,
        stakeholder: str,
        *,
        stance: float | None = None,
        cares: Mapping[str, float] | None = None,
    ) -> Belief:
        """Record a team's estimate of a person (the latest one per turn counts)."""
        self.vendor_index(vid)
        sids = self.c.stakeholder_ids
        if stakeholder not in sids:
            raise DecisionError(
                f"unknown stakeholder '{stakeholder}'{did_you_mean(stakeholder, sids)}; stakeholders: {one_of(sids)}",
                "unknown_stakeholder",
                stakeholder=stakeholder,
            )
        if stance is not None and not (0.0 <= stance <= 1.0):
            raise DecisionError("a stance estimate is a share between 0 and 1", "bad_belief")
        norm: dict[str, float] | None = None
        if cares is not None:
            crit = self.scenario.criterion_ids()
            for k, w in cares.items():
                if k not in crit:
                    raise DecisionError(
                        f"unknown criterion '{k}'{did_you_mean(k, crit)}; criteria: {one_of(crit)}",
                        "bad_belief",
                    )
                if w < 0:
                    raise DecisionError("priority weights cannot be negative", "bad_belief")
            total = sum(cares.values())
            norm = {k: float(w) / total for k, w in cares.items()} if total > 0 else None
        belief = Belief(
            self.turn, vid, stakeholder, None if stance is None else float(stance), norm
        )
        self.beliefs.append(belief)
        self.log.append({"belief": belief.to_json()})
        return belief

    def record_forecast(self, vid: str, win: float, price: float | None, by: str | None = None) -> Forecast:
        """Record a team's forecast now (the latest one per turn counts): the chance it wins
        and the price it expects to bid."""
        self.vendor_index(vid)
        check_forecast(win, price)
        f = Forecast(self.turn, vid, float(win), None if price is None else float(price), by, self.phase != "turn")
        self.forecasts.append(f)
        self.log.append({"forecast": f.to_json()})
        return f

    def forecasts_of(self, vid: str) -> list[Forecast]:
        """The team's last forecast per turn (and with the bid), in order."""
        last: dict[tuple[int, bool], Forecast] = {}
        for f in self.forecasts:
            if f.vendor == vid:
                last[(f.turn, f.at_bid)] = f
        return [last[k] for k in sorted(last)]

    def record_member(self, vid: str, member: str, name: str, roles: Sequence[str]) -> Member:
        """A member of the team (or a new choice of roles)."""
        self.vendor_index(vid)
        m = Member(str(member), str(name), tuple(str(r) for r in roles))
        self.crew.setdefault(vid, {})[m.id] = m
        self.log.append({"member": {"vendor": vid, "id": m.id, "name": m.name, "roles": list(m.roles)}})
        return m

    def record_credits(self, vid: str, credits: Sequence[Credit]) -> None:
        """Who put each action of this turn's plan in it (call before the turn ends)."""
        self.vendor_index(vid)
        kept = [replace(c, turn=self.turn, vendor=vid) for c in credits]
        self.credits = [c for c in self.credits if not (c.vendor == vid and c.turn == self.turn)] + kept
        self.log.append({"credits": {"vendor": vid, "items": [c.to_json() for c in kept]}})

    def truth(self, stakeholder: str, vid: str) -> tuple[float, dict[str, float]]:
        """The true stance toward ``vid`` and priorities of a person now (for the debrief only)."""
        s = self.c.stakeholder_ids.index(stakeholder)
        v = self.vendor_index(vid)
        x = stance(self.c, self.st)[0, s, v]
        cares = {
            k: float(self.st.cares[0, s, i]) for i, k in enumerate(self.scenario.criterion_ids())
        }
        return float(x), cares

    @property
    def events(self) -> list[Event]:
        return [*self.scenario.events, *self.extra_events]

    def ai_allocations(self, vid: str) -> list[Allocation]:
        """What the AI would do now for a vendor (used for hints and previews)."""
        v = self.vendor_index(vid)
        name = self.names[v] if vid not in self.humans else "best_practice"
        alloc = self.players.plan(self.c, self.st, v, name, self.st.streams.derived_rng(StreamKey.AI_HINT, self.st.turn))
        out = []
        for s, a in zip(*np.nonzero(alloc[0]), strict=True):
            out.append(Allocation(ACTION_IDS[a], self.c.stakeholder_ids[s], int(alloc[0, s, a])))
        return out

    # -- bids and award ------------------------------------------------------
    def check_bid(self, vid: str, price: float | None) -> list[BidWarning]:
        """Raise DecisionError for an impossible bid; return warnings for risky ones."""
        self.vendor_index(vid)
        if price is None:
            return [BidWarning.NO_BID]
        if not np.isfinite(price) or price <= 0:
            raise DecisionError("a bid must be a positive amount (or no bid)", "bad_bid")
        warnings: list[BidWarning] = []
        if price > self.ceiling:
            warnings.append(BidWarning.OVER_CEILING)
        v = self.vendor_index(vid)
        if price < self.c.cost[v]:
            warnings.append(BidWarning.BELOW_COST)
        # Teams do not know the rivals' bids; the warning uses a public estimate of the
        # mean bid (ABNORMAL_REFERENCE of the ceiling), never the AI's actual prices.
        if price < self.scenario.tender.abnormally_low * ABNORMAL_REFERENCE * self.ceiling:
            warnings.append(BidWarning.ABNORMALLY_LOW)
        # A typing slip in the zeros: far below or far above any sensible bid.
        if price < TYPO_LOW * self.ceiling:
            warnings.append(BidWarning.TINY)
        elif price >= TYPO_HIGH * self.ceiling:
            warnings.append(BidWarning.HUGE)
        return warnings

    def _expected_bids(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for v, vid in enumerate(self.c.vendor_ids):
            if vid in self.humans:
                b = self.bids.get(vid)
                if b:
                    out[vid] = b
            else:
                rng = self.st.streams.ai_rng(v, self.c.turns + 1)
                out[vid] = float(self.players.bid(self.c, self.st, v, self.names[v], rng)[0])
        return out

    def submit_bid(self, vid: str, price: float | None) -> None:
        self._human(vid)
        if self.phase != "bid":
            raise DecisionError(
                f"bids are due after the last turn ({self.c.turns}); it is turn {self.turn}",
                "not_bid_time",
                turn=self.turn,
            )
        self.check_bid(vid, price)
        self.bids[vid] = price
        self.log.append({"bid": {"vendor": vid, "price": price}})

    def finish(self, samples: int = 2000) -> GameResult:
        """Award the tender: teams' bids as submitted (missing = no bid), AI bids by their rules."""
        if self.phase == "turn":
            raise DecisionError(
                f"the game is at turn {self.turn}; play the turns first",
                "too_early",
                turn=self.turn,
            )
        if self.result is not None:
            return self.result
        c, st = self.c, self.st
        bids = np.full((1, c.V), np.nan)
        exp = self._expected_bids()
        for v, vid in enumerate(c.vendor_ids):
            b = exp.get(vid)
            bids[0, v] = b if b else np.nan
        aw = batch.award(c, st, bids)
        self.award_detail = aw
        p_win = win_probability(c, st, bids, samples, st.streams.derived_rng(StreamKey.WIN_PROBABILITY))
        self.result = build_result(c, aw, st.spent[0], p_win, world=0, ceiling=float(st.ceiling[0]))
        self.log.append({"finish": True})
        return self.result

    # -- views ---------------------------------------------------------------
    def view(self, vid: str) -> list[PersonView]:
        v = self.vendor_index(vid)
        rd = readings(self.c, self.st, v)
        crit = self.scenario.criterion_ids()
        sids = self.c.stakeholder_ids
        intro = introduced(self.c, self.st)[0, :, v]
        locked = self.c.pool_locked(self.turn)
        rel = self.st.rel[0, :, v]
        coach = self.st.coach[0, :, v]
        out = []
        for s, sh in enumerate(self.scenario.stakeholders):
            rep = int(self.st.replaced[0, s])
            name, title = sh.name, sh.title
            if rep >= 0:
                ev = self.events[rep]  # a replacement may come from an added event
                name = getattr(ev, "name", None) or name
                title = getattr(ev, "title", None) or title
            cares = {
                crit[k]: float(rd.cares[0, s, k])
                for k in range(self.c.K)
                if np.isfinite(rd.cares[0, s, k])
            }
            fav = int(rd.favourite[0, s])
            out.append(
                PersonView(
                    id=sh.id,
                    name=name,
                    title=title,
                    role=sh.role,
                    seniority=sh.seniority,
                    influence=float(self.c.influence[s]),
                    veto=sh.veto,
                    panel=sh.panel,
                    can_coach=sh.can_coach,
                    stance=(float(rd.stance_lo[0, s]), float(rd.stance_hi[0, s])),
                    relationship=(float(rd.rel_lo[0, s]), float(rd.rel_hi[0, s])),
                    knowledge=float(rd.know[0, s]),
                    cares_level=int(rd.cares_known[0, s]),
                    cares=cares,
                    favourite=self.c.vendor_ids[fav] if fav >= 0 else None,
                    coach=bool(rd.coach[0, s]),
                    last_contact=int(self.st.last_contact[0, s, v]),
                    replaced=rep >= 0,
                    pool=sh.pool,
                    closed=bool(locked[s]),
                    introduced_by=self._introducer(s, rel, coach) if intro[s] else None,
                    listens_to=tuple(sids[j] for j in np.nonzero(self.c.listens[s] > 0)[0]),
                )
            )
        return out

    def meetable(self, vid: str) -> list[PersonView]:
        """The vendor's views of the people a team could meet at some turn (pool seats closed to
        the last turn left out): what "you met N of M people" counts."""
        never = self.c.pool_locked(self.c.turns)
        return [p for s, p in enumerate(self.view(vid)) if not never[s]]

    def _introducer(self, s: int, rel: F, coach: NDArray[np.bool_]) -> str | None:
        """Who introduces the vendor to person s: the warmest contact s listens to, else a coach beside s."""
        c = self.c
        contacts = [j for j in np.nonzero(c.listens[s] > 0)[0] if rel[j] >= c.params.intro_threshold]
        if contacts:
            return c.stakeholder_ids[int(max(contacts, key=lambda j: rel[j]))]
        beside = [j for j in np.nonzero(c.neighbours[s])[0] if j != s and coach[j]]
        return c.stakeholder_ids[int(beside[0])] if beside else None

    def weights(self) -> dict[str, float]:
        """Technical / price / commercial weights now (spec changes move them)."""
        w = self.st.weights[0]
        return {"technical": float(w[0]), "price": float(w[1]), "commercial": float(w[2])}

    def spec(self) -> dict[str, float]:
        spec = current_spec(self.c, self.st.spec_base, self.st.pull)[0]
        return {k: float(spec[i]) for i, k in enumerate(self.scenario.criterion_ids())}

    # -- replay ----------------------------------------------------------------
    def apply(self, entry: Mapping[str, Any]) -> None:
        """Apply one entry of a game's log (what :meth:`replay` does for each)."""
        if "turn" in entry:
            for vid, acts in entry["actions"].items():
                self.set_actions(vid, [Allocation(**a) for a in acts])
            self.end_turn(inject=tuple(entry.get("inject", ())))
        elif "belief" in entry:
            b = entry["belief"]
            self.record_belief(b["vendor"], b["stakeholder"], stance=b.get("stance"), cares=b.get("cares"))
        elif "forecast" in entry:
            f = entry["forecast"]
            self.record_forecast(f["vendor"], f["win"], f.get("price"), f.get("by"))
        elif "member" in entry:
            m = entry["member"]
            self.record_member(m["vendor"], m["id"], m["name"], m.get("roles", ()))
        elif "credits" in entry:
            cr = entry["credits"]
            self.record_credits(cr["vendor"], [_credit(x) for x in cr["items"]])
        elif "add_event" in entry:
            self.add_event(entry["add_event"])
        elif "bid" in entry:
            self.submit_bid(entry["bid"]["vendor"], entry["bid"]["price"])
        elif "finish" in entry:
            self.finish()

    @classmethod
    def replay(
        cls,
        scenario: Scenario,
        seed: int,
        log: Sequence[Mapping[str, Any]],
        humans: Sequence[str],
        strategies: Mapping[str, str] | None = None,
        *,
        players: Players,
    ) -> Game:
        g = cls(scenario, seed, tuple(humans), dict(strategies or {}), players=players)
        for entry in log:
            g.apply(entry)
        return g


def _credit(raw: Mapping[str, Any]) -> Credit:
    return Credit(
        int(raw["turn"]), str(raw["vendor"]), str(raw["action"]), str(raw["stakeholder"]), int(raw["amount"]),
        raw.get("member"), raw.get("by"), tuple(raw.get("roles") or ()), raw.get("confirmed_by"), bool(raw.get("done", True)),
    )


_EVENT: TypeAdapter[Event] = TypeAdapter(Event)


def parse_event(data: Mapping[str, Any], scenario: Scenario) -> Event:
    """A typed event from a mapping, with its ids checked against the scenario."""
    try:
        event: Event = _EVENT.validate_python(dict(data))
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise DecisionError(f"event {where}: {first['msg']}", "bad_event") from None
    sids = [s.id for s in scenario.stakeholders]
    vids = [v.id for v in scenario.vendors]
    named: list[tuple[str, list[str], str]] = []
    for key, known, what in (("stakeholder", sids, "stakeholder"), ("vendor", vids, "vendor")):
        value = getattr(event, key, None)
        if isinstance(value, str):
            named.append((value, known, what))
    for t in getattr(event, "targets", []):
        named.append((t, sids, "stakeholder"))
    for value, known, what in named:
        if value not in known:
            raise DecisionError(
                f"unknown {what} '{value}'{did_you_mean(value, known)}; {what}s: {one_of(known)}",
                "bad_event",
            )
    crit = scenario.criterion_ids()
    for k in getattr(event, "cares", None) or {}:
        if k not in crit:
            raise DecisionError(
                f"unknown criterion '{k}'{did_you_mean(k, crit)}; criteria: {one_of(crit)}",
                "bad_event",
            )
    return event


def win_probability(
    c: Compiled, st: State, bids: F, samples: int, rng: np.random.Generator, world: int = 0
) -> F:
    """[V] share of evaluation draws each vendor wins from one world's final position.

    Only the evaluation's dice vary: the position (stances, spec, quality) is
    computed once and broadcast over the samples.
    """
    w = slice(world, world + 1)
    x = stance(c, st)[w]
    spec = current_spec(c, st.spec_base[w], st.pull[w])
    aw = evaluate(
        c,
        price=bids[w],
        stance=x,
        spec=spec,
        quality=st.quality[w],
        weights=st.weights[w],
        ceiling=st.ceiling[w],
        z_eval=rng.standard_normal((samples, c.S, c.V)),
        u_disq=rng.random((samples, c.V)),
        draws=samples,
    )
    out: F = np.bincount(aw.winner[aw.winner >= 0], minlength=c.V) / samples
    return out


def build_result(
    c: Compiled, aw: Award, spent: F, p_win: F, world: int = 0, ceiling: float | None = None
) -> GameResult:
    w = world
    winner = int(aw.winner[w])
    total = np.where(aw.valid[w] & (aw.vetoed_by[w] < 0), aw.total[w], -np.inf)
    order = [int(v) for v in np.argsort(-total) if np.isfinite(total[v])]
    vendors = []
    for v, vid in enumerate(c.vendor_ids):
        price = float(aw.price[w, v]) if aw.bid[w, v] else None
        margin = (price - float(c.cost[v])) if price is not None else None
        won = winner == v
        result = (margin if won and margin is not None else 0.0) - float(spent[v])
        expected = float(p_win[v]) * (margin or 0.0) - float(spent[v])
        panel = {
            c.stakeholder_ids[s]: float(aw.panel_scores[w, s, v])
            for s in range(c.S)
            if np.isfinite(aw.panel_scores[w, s, v])
        }
        veto = int(aw.vetoed_by[w, v])
        vendors.append(
            VendorResult(
                vendor=vid,
                bid=price,
                valid=bool(aw.valid[w, v]),
                over_ceiling=bool(aw.over_ceiling[w, v]),
                questioned=bool(aw.questioned[w, v]),
                disqualified=bool(aw.disqualified[w, v]),
                vetoed_by=c.stakeholder_ids[veto] if veto >= 0 else None,
                technical=float(aw.technical[w, v]),
                price_score=float(aw.price_score[w, v]),
                commercial=float(aw.commercial[w, v]),
                committee=float(aw.committee[w, v]),
                total=float(aw.total[w, v]),
                rank=order.index(v) + 1 if v in order else None,
                won=won,
                cost=float(c.cost[v]),
                spent=float(spent[v]),
                margin_if_won=margin,
                result=result,
                win_probability=float(p_win[v]),
                expected_result=expected,
                panel=panel,
            )
        )
    fail = int(aw.fail_reason[w])
    crit = c.scenario.criterion_ids()
    return GameResult(
        winner=c.vendor_ids[winner] if winner >= 0 else None,
        failed=winner < 0,
        fail_reason=FAIL_REASONS[fail] if fail >= 0 else None,
        ceiling=float(c.ceiling0 if ceiling is None else ceiling),
        weights={
            "technical": float(aw.weights[w, 0]),
            "price": float(aw.weights[w, 1]),
            "commercial": float(aw.weights[w, 2]),
        },
        spec={k: float(aw.spec[w, i]) for i, k in enumerate(crit)},
        vendors=tuple(vendors),
    )
