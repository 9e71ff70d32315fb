"""How the golden files are made and what is compared when they are replayed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game import MODEL_VERSION
from game.analysis.debrief.gamefile import load_games, recorded, save_games
from game.engine.game import Game
from game.engine.teams import TeamGame
from game.scenario import load_scenario
from game.session.config import build_config
from game.session.decisions import load_decisions, play_decisions
from game.session.session import Session

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SCENARIOS = ROOT / "scenarios"
EXAMPLES = ROOT / "examples"
EXPECTED = HERE / "expected.json"
DIGITS = 6  # results are compared to a millionth: any change of the rules shows


@dataclass(frozen=True)
class Clock:
    """A session's clocks, fixed: the golden files do not depend on when they were made."""

    t: float = 100.0

    def mono(self) -> float:
        return self.t

    def wall(self) -> float:
        return 1_700_000_000.0 + self.t


# name -> (scenario, mode, seed, teams as (name, vendor, decisions file or None))
SESSIONS: dict[str, tuple[str, str, int, tuple[tuple[str, str, str | None], ...]]] = {
    "tutorial-parallel.session.jsonl": (
        "tutorial", "parallel", 7, (("Scripted", "player", "tutorial-decisions.yaml"), ("Idle", "player", None)),
    ),
    "rural-head-to-head.session.jsonl": (
        "rural_schools", "head-to-head", 11,
        (("Incumbent", "incumbent", "rural_schools-decisions.yaml"), ("Challenger", "national_brand", None)),
    ),
}
# name -> (scenario, seed, decisions files): one game per file, as 'debrief --save' writes them
GAME_FILES: dict[str, tuple[str, int, tuple[str, ...]]] = {
    "tutorial.games.json": ("tutorial", 7, ("tutorial-decisions.yaml",)),
    "group_defence.games.json": ("group_defence", 3, ("group_defence-decisions.yaml",)),
}
IDLE_BID = 0.95  # a team without a decisions file bids this share of the ceiling


def make_session(path: Path, scenario: str, mode: str, seed: int, teams: tuple[tuple[str, str, str | None], ...]) -> Session:
    sp = SCENARIOS / f"{scenario}.yaml"
    sc = load_scenario(sp)
    names = [f"{name}={vendor}" if mode == "head-to-head" else name for name, vendor, _ in teams]
    cfg = build_config(sc, teams=names, mode=mode, seed=seed, round_seconds=0, vendor=teams[0][1] if mode == "parallel" else None)
    clock = Clock()
    s = Session.create(path, sp, cfg, mono=clock.mono, wall=clock.wall)
    plans = {name: load_decisions(EXAMPLES / f, sc) if f else None for name, _, f in teams}
    for turn in range(1, sc.turns + 1):
        s.open_round()
        for name, plan in plans.items():
            s.submit(name, plan.turns.get(turn, []) if plan is not None else [], source="script")
        s.close_round(force=True)
    for name, plan in plans.items():
        ceiling = s.game_of(name).ceiling
        s.submit_bid(name, plan.bid if plan is not None else IDLE_BID * ceiling, source="script")
    s.finish()
    s.close()
    return s


def make_game_file(path: Path, scenario: str, seed: int, files: tuple[str, ...]) -> None:
    sp = SCENARIOS / f"{scenario}.yaml"
    sc = load_scenario(sp)
    teams = []
    for f in files:
        dec = load_decisions(EXAMPLES / f, sc)
        g = play_decisions(sc, dec, seed)
        g.finish()
        teams.append(TeamGame(Path(f).stem, dec.vendor, g))
    save_games(path, sp, teams)


def digest(game: Game, vendor: str) -> dict[str, Any]:
    """What is compared: the award as the team saw it and its vendor's standing after every turn."""
    assert game.result is not None
    res = game.result
    r = res.vendor(vendor)
    v = game.vendor_index(vendor)

    def num(x: float | None) -> float | None:
        return None if x is None else round(float(x), DIGITS)

    return {
        "winner": res.winner,
        "failed": res.failed,
        "won": r.won,
        "bid": num(r.bid),
        "total": num(r.total),
        "rank": r.rank,
        "win_probability": num(r.win_probability),
        "result": num(r.result),
        "expected_result": num(r.expected_result),
        "support": [num(rec.support[v]) for rec in game.records],
        "quality": [num(rec.quality[v]) for rec in game.records],
    }


def replayed(name: str) -> tuple[int, dict[str, dict[str, Any]]]:
    """(the model version the file records, each team's digest) of a golden file replayed now."""
    path = HERE / name
    if name.endswith(".session.jsonl"):
        clock = Clock()
        s = Session.open(path, search=[SCENARIOS], read_only=True, mono=clock.mono, wall=clock.wall)
        return s.model_version, {t.team: digest(t.game, t.vendor) for t in s.team_games()}
    said = recorded(path)
    _, teams = load_games(path)
    return said.model_version, {t.team: digest(t.game, t.vendor) for t in teams}


def names() -> Iterator[str]:
    yield from SESSIONS
    yield from GAME_FILES


def regenerate() -> dict[str, dict[str, dict[str, Any]]]:
    """Write every golden file anew and expected.json with what they replay to."""
    for name, (scenario, mode, seed, teams) in SESSIONS.items():
        path = HERE / name
        path.unlink(missing_ok=True)
        make_session(path, scenario, mode, seed, teams)
    for name, (scenario, seed, files) in GAME_FILES.items():
        make_game_file(HERE / name, scenario, seed, files)
    expected = {"model_version": MODEL_VERSION, "files": {name: replayed(name)[1] for name in names()}}
    EXPECTED.write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return expected["files"]  # type: ignore[return-value]  # built just above with that shape
