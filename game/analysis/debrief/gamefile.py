"""Game files: one or more played games of one scenario, saved as their logs (JSON).

A game is rebuilt exactly from (scenario, seed, teams, AI strategies, log),
so this is all a debrief needs outside a workshop session. Written by
``python main.py debrief ... --save FILE`` and the terminal game (``play --save FILE``);
read by ``python main.py debrief FILE`` and ``python main.py report``.

Format, version 1::

    {"format": "tender-game-games", "version": 1,
     "game_version": "0.1.0", "model_version": 1,          # the rules the games were played under
     "scenario_path": "../scenarios/rural_schools.yaml",   # relative to this file, or absolute
     "scenario_id": "rural-schools-tv", "scenario_sha256": "...",
     "games": [{"seed": 7, "humans": ["incumbent"], "strategies": {},
                "teams": {"incumbent": "Team A"}, "log": [...],
                "results": [{"team": "Team A", "vendor": "incumbent", "won": true, ...}]}]}

The scenario's SHA-256 is checked on loading: a changed scenario would
replay a different game. ``results`` are the awards as announced when the
game was played (:class:`game.engine.records.TeamFigures`): a file written
under another model version replays under the current rules, and
:func:`recorded` gives what was announced then.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from game import MODEL_VERSION, __version__
from game.ai.players import POLICIES
from game.engine.game import DecisionError, Game
from game.engine.records import TeamFigures
from game.engine.teams import TeamGame
from game.scenario.load import ScenarioError, load_scenario
from game.scenario.schema import Scenario

FORMAT = "tender-game-games"
VERSION = 1


class GameFileError(ValueError):
    """A game file that cannot be used; the message says why and what to do."""


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def save_games(path: str | Path, scenario_path: str | Path, teams: Sequence[TeamGame]) -> None:
    """Write the games the teams played (a game shared by several teams is written once)."""
    out = Path(path)
    sp = Path(scenario_path).resolve()
    try:
        rel = os.path.relpath(sp, out.resolve().parent)
    except ValueError:  # another drive (Windows)
        rel = str(sp)
    games: list[dict[str, Any]] = []
    seen: dict[int, dict[str, Any]] = {}
    for tg in teams:
        g = tg.game
        entry = seen.get(id(g))
        if entry is None:
            entry = {
                "seed": g.seed,
                "humans": list(g.humans),
                "strategies": dict(g.strategies),
                "teams": {},
                "log": g.log,
                "results": [],
            }
            seen[id(g)] = entry
            games.append(entry)
        entry["teams"][tg.vendor] = tg.team
        if g.result is not None:
            entry["results"].append(TeamFigures.at_award(tg.team, tg.vendor, g.result).to_json())
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "game_version": __version__,
        "model_version": MODEL_VERSION,
        "scenario_path": Path(rel).as_posix(),
        "scenario_id": teams[0].game.scenario.id if teams else "",
        "scenario_sha256": sha256(sp),
        "games": games,
    }
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(out)


def is_game_file(path: str | Path) -> bool:
    try:
        with open(path, encoding="utf-8") as fh:
            head = fh.read(200)
    except (OSError, UnicodeDecodeError):
        return False
    return f'"format": "{FORMAT}"' in head


@dataclass(frozen=True)
class Recorded:
    """What a game file says about the rules it was played under and what was announced."""

    game_version: str
    model_version: int  # 0: written before files recorded it
    results: tuple[TeamFigures, ...]  # each team's award as announced

    @property
    def rules_changed(self) -> bool:
        return self.model_version != MODEL_VERSION

    def note(self, path: str | Path) -> str:
        """What opening the file under other rules means, and how to see the results as recorded."""
        return (
            f"{path} was played under model version {self.model_version} (game {self.game_version}); "
            f"this game runs model version {MODEL_VERSION}. It is replayed under the current rules, so "
            "its results may differ from those announced; 'python main.py debrief FILE --recorded' shows them as recorded."
        )


def _read(p: Path) -> dict[str, Any]:
    try:
        doc = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GameFileError(f"{p}: cannot read a game file ({exc})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise GameFileError(f"{p}: not a game file (written by 'python main.py play --save FILE' or 'debrief ... --save FILE')")
    if doc.get("version") != VERSION:
        raise GameFileError(f"{p}: game file version {doc.get('version')} is not supported (this program reads {VERSION})")
    return doc


def recorded(path: str | Path) -> Recorded:
    """The rules a game file was played under and the awards it announced (nothing replayed)."""
    p = Path(path)
    doc = _read(p)
    version = doc.get("model_version", 0)
    figures: list[TeamFigures] = []
    for i, gd in enumerate(doc.get("games") or []):
        for raw in (gd.get("results") or []) if isinstance(gd, dict) else []:
            try:
                figures.append(TeamFigures(**raw))
            except (TypeError, ValidationError) as exc:
                raise GameFileError(f"{p}: game {i + 1}: its recorded results cannot be read ({exc})") from None
    return Recorded(
        game_version=str(doc.get("game_version", "before 0.1.0")),
        model_version=version if isinstance(version, int) and not isinstance(version, bool) else 0,
        results=tuple(figures),
    )


def load_games(path: str | Path, scenario: Scenario | None = None) -> tuple[Path | None, list[TeamGame]]:
    """(scenario path, team games) of a game file; ``scenario`` overrides the file's own.

    The games are replayed under the current rules (:func:`recorded` says whether those are
    the rules the file was played under)."""
    p = Path(path)
    doc = _read(p)
    sp: Path | None = None
    if scenario is None:
        raw = Path(str(doc.get("scenario_path", "")))
        sp = raw if raw.is_absolute() else (p.resolve().parent / raw)
        if not sp.is_file():
            raise GameFileError(f"{p}: its scenario {sp} is missing; give it with --scenario PATH")
        if sha256(sp) != doc.get("scenario_sha256"):
            raise GameFileError(
                f"{p}: the scenario file {sp} changed since the games were played, so they would not "
                "replay the same; give the original with --scenario PATH"
            )
        try:
            scenario = load_scenario(sp)
        except ScenarioError as exc:
            raise GameFileError(f"{sp}: the scenario has errors: {exc}") from None
    teams: list[TeamGame] = []
    for i, gd in enumerate(doc.get("games", [])):
        try:
            g = Game.replay(scenario, int(gd["seed"]), gd["log"], gd["humans"], gd.get("strategies") or {}, players=POLICIES)
        except (DecisionError, KeyError, TypeError, ValueError) as exc:
            raise GameFileError(f"{p}: game {i + 1} does not replay: {exc}") from None
        names = gd.get("teams") or {}
        for vid in g.humans:
            teams.append(TeamGame(str(names.get(vid, vid)), vid, g))
    if not teams:
        raise GameFileError(f"{p}: the file holds no team's game")
    return sp, teams
