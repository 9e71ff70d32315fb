"""Decisions files: one playable vendor's scripted turns and bid, validated with positions.

Format (DESIGN section 5)::

    vendor: tcl
    turns:
      1:
        - {action: visit, stakeholder: edu_director, amount: 2}
      2: []
    bid: {price: 24900000}

Turns left out are passes. Optional keys for workshops: ``team`` (the team's
name), ``round`` (the only turn the file may contain) and ``scenario`` (the
scenario id it was written for).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.engine.game import Allocation, DecisionError, Game
from game.scenario.load import ScenarioError, pydantic_problems, read_file
from game.scenario.problems import Problem, did_you_mean, one_of
from game.scenario.schema import Scenario
from game.scenario.yamlsrc import Located, YamlRefused, parse
from game.session.numbers import MAX_AMOUNT


class _Alloc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    action: str
    stakeholder: str
    amount: int = Field(1, ge=1, le=MAX_AMOUNT)


class _Bid(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    price: float | None = Field(None, gt=0)


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    vendor: str
    team: str | None = None
    scenario: str | None = None
    round: int | None = Field(None, ge=1)
    turns: dict[int, list[_Alloc]] = Field(default_factory=dict)
    bid: _Bid | None = None


@dataclass(frozen=True)
class Decisions:
    vendor: str
    turns: dict[int, list[Allocation]]
    bid: float | None
    team: str | None = None
    scenario: str | None = None
    round: int | None = None
    problems: list[Problem] = field(default_factory=list)


class DecisionsError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


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
    if raw.round is not None and set(raw.turns) - {raw.round}:
        extra = sorted(set(raw.turns) - {raw.round})
        err(
            ("turns",),
            f"a file for round {raw.round} may only contain turn {raw.round}; it also has {extra}",
        )
    # Check each turn's actions against the resources, as the game would.
    game = Game(sc, 0, (raw.vendor,))
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
    return out
