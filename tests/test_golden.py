"""Golden files: committed sessions and game files replay to the results committed beside them.

A change that moves any result of the game fails here, naming the file. If the change is
meant, bump game.MODEL_VERSION, run `python -m tests.golden regenerate`, and explain the
diff of tests/golden/expected.json in the commit (README, Contributing).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from game import MODEL_VERSION
from game.analysis.debrief.gamefile import recorded
from game.engine.records import TeamFigures
from game.session.session import Session
from tests.golden.build import EXPECTED, HERE, SCENARIOS, Clock, names, replayed

REGENERATE = "python -m tests.golden regenerate"


def expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXPECTED.read_text(encoding="utf-8"))
    return data


def test_the_golden_files_are_of_this_model_version() -> None:
    assert expected()["model_version"] == MODEL_VERSION, (
        f"MODEL_VERSION is {MODEL_VERSION} but the golden files were made under "
        f"{expected()['model_version']}: regenerate them ({REGENERATE})"
    )
    assert sorted(expected()["files"]) == sorted(names())


@pytest.mark.parametrize("name", list(names()))
def test_a_golden_file_replays_to_its_results(name: str) -> None:
    version, now = replayed(name)
    assert version == MODEL_VERSION, f"tests/golden/{name} records model version {version}: {REGENERATE}"
    want = expected()["files"][name]
    for team, figures in want.items():
        moved = {k: (v, now[team][k]) for k, v in figures.items() if now[team][k] != v}
        assert not moved, (
            f"tests/golden/{name}, team {team}: results moved (expected, now): {moved}. If the rules "
            f"changed on purpose, bump game.MODEL_VERSION and run {REGENERATE}; explain the diff."
        )
    assert sorted(now) == sorted(want)


def test_what_a_session_announced_is_in_its_file() -> None:
    """The results recorded beside each round and the award are those the replay announces."""
    clock = Clock()
    s = Session.open(HERE / "tutorial-parallel.session.jsonl", search=[SCENARIOS], read_only=True, mono=clock.mono, wall=clock.wall)
    rounds = s.recorded_rounds()
    assert [r for r, _ in rounds] == [1, 2, 3, 4, None]
    award = dict(rounds)[None]
    assert award == s.announced(None).teams
    assert {f.team: f.won for f in award} == {"Scripted": True, "Idle": False}
    assert not s.rules_changed


def test_a_game_file_records_its_awards() -> None:
    said = recorded(HERE / "tutorial.games.json")
    assert said.model_version == MODEL_VERSION and not said.rules_changed
    (only,) = said.results
    assert isinstance(only, TeamFigures) and only.won and only.total == pytest.approx(expected()["files"]["tutorial.games.json"]["tutorial-decisions"]["total"], abs=1e-6)
