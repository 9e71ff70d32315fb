"""Decisions files: one playable vendor's scripted turns and bid, validated with positions.

Format (DESIGN section 5)::

    vendor: tcl
    turns:
      1:
        - {action: visit, stakeholder: edu_director, amount: 2}
      2: []
    forecasts:
      1: {win: 0.4, price: 25000000}
    bid: {price: 24900000, win: 0.35}

Turns left out are passes. Optional keys for workshops: ``team`` (the team's
name), ``round`` (the only turn the file may contain) and ``scenario`` (the
scenario id it was written for). ``forecasts`` (optional) is the team's forecast
while planning a turn: the chance it wins (a share, 0.4 for 40%) and, optionally,
the price it expects to bid; ``win`` beside the bid's price is its chance with
that bid. They are recorded in the game as the front ends record them
(``Game.record_forecast``), so the debrief scores them; they never change a result.

Every problem (a type, an unknown name, resources a turn cannot afford, a bid
the engine would refuse) is found when the file is read, before any turn is
played, and reported as ``FILE:LINE:COL``; :func:`play_decisions` plays a file
that passed, and reports anything the engine still refuses the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.ai.players import POLICIES
from game.engine.game import MAX_AMOUNT, Allocation, DecisionError, Game, check_forecast
from game.scenario.load import ScenarioError, pydantic_problems, read_file
from game.scenario.problems import Problem, did_you_mean, listed, one_of
from game.scenario.schema import Money, Scenario, Turn, Unit
from game.scenario.yamlsrc import Located, YamlRefused, parse

# As in scenario files: `amount: true` or `price: "1e6"` are mistakes, and no .inf or .nan.
_STRICT = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)


class _Alloc(BaseModel):
    model_config = _STRICT
    action: str
    stakeholder: str
    amount: int = Field(1, ge=1, le=MAX_AMOUNT)


class _Bid(BaseModel):
    model_config = _STRICT
    price: Money | None = None
    win: Unit | None = None  # the team's chance to win with this bid


class _Forecast(BaseModel):
    model_config = _STRICT
    win: Unit  # the chance the team wins, a share (0.4 for 40%)
    price: Money | None = None  # the price it expects to bid


class _File(BaseModel):
    model_config = _STRICT
    vendor: str
    team: str | None = Field(None, max_length=60)
    scenario: str | None = None
    round: Turn | None = None
    turns: dict[int, list[_Alloc]] = Field(default_factory=dict)
    forecasts: dict[int, _Forecast] = Field(default_factory=dict)
    bid: _Bid | None = None


@dataclass(frozen=True)
class Decisions:
    vendor: str
    turns: dict[int, list[Allocation]]
    bid: float | None
    team: str | None = None
    scenario: str | None = None
    round: int | None = None
    # The team's forecasts: turn -> (chance to win 0..1, the price it expects to bid or None) ...
    forecasts: dict[int, tuple[float, float | None]] = field(default_factory=dict)
    bid_win: float | None = None  # ... and its chance to win with the bid (None: none given)
    file: str = ""  # as named in messages
    # Where each turn's list, forecast and the bid were written: (line, col), for messages.
    places: dict[str, tuple[int, int]] = field(default_factory=dict)

    def problem(self, place: str, message: str) -> Problem:
        """A problem at a turn ('turn 3'), a forecast ('forecast 3') or the bid ('bid') of this file."""
        return Problem(self.file, *self.places.get(place, (1, 1)), message)


class DecisionsError(Exception):
    """A decisions file that cannot be played; ``problems`` says why, each with its place."""

    def __init__(self, problems: list[Problem]) -> None:
        unique = list(dict.fromkeys(problems))
        self.total = len(unique)  # problems found; ``problems`` lists at most MAX_LISTED + 1
        self.problems = listed(unique)
        super().__init__("\n".join(str(p) for p in self.problems))


def load_decisions(path: str | Path, scenario: Scenario) -> Decisions:
    """Read and check a decisions file against a scenario, or raise DecisionsError."""
    try:
        text, name = read_file(path)
    except ScenarioError as exc:
        raise DecisionsError(exc.problems) from None
    return parse_decisions(text, name, scenario)


def parse_decisions(text: str, name: str, scenario: Scenario) -> Decisions:
    try:
        located = parse(text, name)
    except YamlRefused as exc:
        raise DecisionsError(exc.problems) from None
    try:
        raw = _File.model_validate(located.data)
    except ValidationError as exc:
        raise DecisionsError(pydantic_problems(exc, located, name, _File)) from None
    problems = _check(raw, located, name, scenario)
    if problems:
        raise DecisionsError(problems)
    places = {f"turn {t}": located.where(("turns", t), key=True) for t in raw.turns}
    places.update({f"forecast {t}": located.where(("forecasts", t), key=True) for t in raw.forecasts})
    places["bid"] = located.where(("bid", "price"))
    return Decisions(
        vendor=raw.vendor,
        turns={
            t: [Allocation(a.action, a.stakeholder, a.amount) for a in acts]
            for t, acts in raw.turns.items()
        },
        bid=raw.bid.price if raw.bid else None,
        team=raw.team,
        scenario=raw.scenario,
        round=raw.round,
        forecasts={t: (f.win, f.price) for t, f in raw.forecasts.items()},
        bid_win=raw.bid.win if raw.bid else None,
        file=name,
        places=places,
    )


def _check(raw: _File, located: Located, name: str, sc: Scenario) -> list[Problem]:
    out: list[Problem] = []

    def err(path: tuple[Any, ...], msg: str, *, key: bool = False) -> None:
        line, col = located.where(path, key=key)
        out.append(Problem(name, line, col, msg))

    playable = [v.id for v in sc.vendors if v.playable]
    if raw.vendor not in playable:
        err(
            ("vendor",),
            f"'{raw.vendor}' is not a playable vendor of scenario '{sc.id}'{did_you_mean(raw.vendor, playable)}; playable: {one_of(playable)}",
        )
        return out
    if raw.scenario is not None and raw.scenario != sc.id:
        err(("scenario",), f"this file was written for scenario '{raw.scenario}', not '{sc.id}'")
    for key, what in (("turns", "turn"), ("forecasts", "a forecast for turn")):
        extra = sorted(set(getattr(raw, key)) - {raw.round}) if raw.round is not None else []
        if extra:
            err(
                (key,),
                f"a file for round {raw.round} may only contain {what} {raw.round}; it also has {extra}",
            )
    _check_forecasts(raw, err, sc.turns)
    # Check each turn's actions against the resources, as the game would.
    game = Game(sc, 0, (raw.vendor,), players=POLICIES)
    spent = 0.0
    for t in sorted(raw.turns):
        if t < 1 or t > sc.turns:
            err(("turns", t), f"turn {t} is outside 1..{sc.turns}", key=True)
            continue
        done: list[Allocation] = []
        for i, a in enumerate(raw.turns[t]):
            al = Allocation(a.action, a.stakeholder, a.amount)
            try:
                game.check(raw.vendor, al, pending=done, spent=spent)
            except DecisionError as exc:
                err(("turns", t, i), f"turn {t}: {exc}")
                continue
            done.append(al)
        spent += sum(game.cost_of(al.action, al.amount).get("money", 0.0) for al in done)
    if raw.bid is not None:
        try:
            game.check_bid(raw.vendor, raw.bid.price)
        except DecisionError as exc:
            err(("bid", "price"), f"bid: {exc}")
    return out


def _check_forecasts(raw: _File, err: Callable[..., None], turns: int) -> None:
    """Each forecast for a turn of the game, read as the engine reads one (``check_forecast``)."""
    for t, f in sorted(raw.forecasts.items()):
        if t < 1 or t > turns:
            err(("forecasts", t), f"forecasts: turn {t} is outside 1..{turns}; a forecast is made while planning a turn", key=True)
            continue
        try:
            check_forecast(f.win, f.price)
        except DecisionError as exc:
            err(("forecasts", t), f"forecasts: turn {t}: {exc}")
    if raw.bid is not None and raw.bid.win is not None:
        if raw.bid.price is None:
            err(
                ("bid", "win"),
                "bid.win: a chance to win with no bid; give the bid's price, or leave 'win' out",
            )
            return
        try:
            check_forecast(raw.bid.win, raw.bid.price)
        except DecisionError as exc:
            err(("bid", "win"), f"bid.win: {exc}")


def play_decisions(scenario: Scenario, dec: Decisions, seed: int) -> Game:
    """Play a decisions file's turns and bid in a new game (AI for every other vendor).

    The file was checked when read, so the engine should accept every turn, forecast
    and the bid; should it still refuse one, that is a DecisionsError at the turn, the
    forecast or the bid concerned, like any other problem of the file, never a traceback.
    Forecasts are recorded while their turn is planned (and with the bid), as a team at
    the keyboard records them.
    """
    g = Game(scenario, seed, (dec.vendor,), players=POLICIES)
    place = ""
    try:
        for t in range(1, scenario.turns + 1):
            if t in dec.forecasts:
                place = f"forecast {t}"
                g.record_forecast(dec.vendor, *dec.forecasts[t])
            place = f"turn {t}"
            g.set_actions(dec.vendor, dec.turns.get(t, []))
            g.end_turn()
        place = "bid"
        g.submit_bid(dec.vendor, dec.bid)
        if dec.bid_win is not None:
            g.record_forecast(dec.vendor, dec.bid_win, dec.bid)
    except DecisionError as exc:
        raise DecisionsError([dec.problem(place, f"{place}: {exc}")]) from None
    return g
