"""Shared set-up for the workshop session tests: a fake clock and small sessions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.engine.game import Allocation
from game.scenario import load_scenario
from game.session.config import build_config
from game.session.session import Session
from tests.conftest import SCENARIOS

RURAL = SCENARIOS / "rural_schools.yaml"
TUTORIAL = SCENARIOS / "tutorial.yaml"


@dataclass
class FakeClock:
    """Monotonic and wall time that move only when a test says so."""

    t: float = 100.0

    def mono(self) -> float:
        return self.t

    def wall(self) -> float:
        return 1_700_000_000.0 + self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


def make(
    path: Path,
    *,
    teams: tuple[str, ...] = ("Red", "Blue"),
    mode: str = "parallel",
    scenario: Path = RURAL,
    seed: int = 11,
    round_seconds: int = 600,
    at_zero: str = "pass",
    clock: FakeClock | None = None,
) -> Session:
    sc = load_scenario(scenario)
    cfg = build_config(
        sc, teams=list(teams), mode=mode, seed=seed, round_seconds=round_seconds, at_zero=at_zero
    )
    c = clock or FakeClock()
    return Session.create(path, scenario, cfg, mono=c.mono, wall=c.wall)


def reopen(path: Path, clock: FakeClock | None = None, read_only: bool = False) -> Session:
    c = clock or FakeClock()
    return Session.open(path, mono=c.mono, wall=c.wall, read_only=read_only)


VISIT = Allocation("visit", "edu_vice_governor", 2)
TECH = Allocation("technical_exchange", "centre_director", 1)
WORKSHOP = Allocation("solution_workshop", "equipment_director", 1)


def records_json(s: Session, team: str) -> list[dict[str, object]]:
    return [r.to_json() for r in s.game_of(team).records]
