"""The report and debrief commands, and game files (save, load, replay)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.analysis.debrief.gamefile import GameFileError, load_games, save_games
from game.engine.game import Allocation
from tests.conftest import SCENARIOS
from tests.debrief_helpers import play, policy
from tests.session_helpers import TUTORIAL, make
from tests.test_cli import cli

RED = """vendor: incumbent
team: Red
turns:
  1:
    - {action: solution_workshop, stakeholder: equipment_director, amount: 1}
    - {action: technical_exchange, stakeholder: equipment_director, amount: 2}
    - {action: visit, stakeholder: centre_director, amount: 2}
    - {action: visit, stakeholder: exec_vice_governor, amount: 2}
  2:
    - {action: visit, stakeholder: equipment_director, amount: 2}
    - {action: visit, stakeholder: edu_dept_head, amount: 2}
bid: {price: 23800000}
"""
BLUE = """vendor: national_brand
team: Blue
turns:
  3:
    - {action: hospitality, stakeholder: finance_official, amount: 1}
bid: {price: 21000000}
"""


@pytest.fixture()
def decisions(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "red.yaml", tmp_path / "blue.yaml"
    a.write_text(RED, encoding="utf-8")
    b.write_text(BLUE, encoding="utf-8")
    return a, b


def test_debrief_command_text_and_save(decisions: tuple[Path, Path], tmp_path: Path) -> None:
    saved = tmp_path / "class.json"
    out = cli(
        "debrief", "rural_schools", "--decisions", str(decisions[0]), "--decisions", str(decisions[1]),
        "--seed", "11", "--samples", "100", "--save", str(saved),
    )
    assert out.returncode == 0, out.stderr
    assert "== Red: Huaxia Vision ==" in out.stdout and "== Blue: Kunlun Electronics ==" in out.stdout
    for section in ("Why you won or lost:", "Win probability over time:", "Pitfalls:", "What if:"):
        assert section in out.stdout
    assert "A bid below cost" in out.stdout  # Blue bid 21m against a 21.5m cost
    assert saved.exists() and f"report {saved}" in out.stderr

    report = tmp_path / "out" / "report.html"
    out = cli("report", str(saved), "-o", str(report), "--samples", "100", "--lang", "zh")
    assert out.returncode == 0, out.stderr
    html = report.read_text(encoding="utf-8")
    assert html.count('class="page team"') == 2 and "全班总览" in html


def test_debrief_command_json(decisions: tuple[Path, Path]) -> None:
    out = cli("debrief", "rural_schools", "--decisions", str(decisions[1]), "--seed", "11", "--samples", "100", "--json", "--no-search")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    team = doc["teams"][0]
    assert doc["seed"] == 11 and team["team"] == "Blue" and team["best_change"] is None
    assert {p["kind"] for p in team["pitfalls"]} >= {"below_cost", "late"}
    parts = team["explanation"]["parts"]
    assert sum(p["points"] for p in parts) == pytest.approx(team["explanation"]["total"], abs=1e-9)


def test_debrief_command_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("vendor: nobody\nturns: {}\n", encoding="utf-8")
    out = cli("debrief", "rural_schools", "--decisions", str(bad), "--seed", "1")
    assert out.returncode == 1 and "nobody" in out.stderr
    out = cli("debrief", "rural_schools", "--seed", "1")
    assert out.returncode == 2 and "--decisions" in out.stderr
    out = cli("report", str(tmp_path / "missing.json"), "-o", str(tmp_path / "r.html"))
    assert out.returncode == 2 and "no such file" in out.stderr


def test_game_file_round_trip(tmp_path: Path) -> None:
    teams = [play(policy("best_practice"), seed=3, team="A"), play(policy("technical"), seed=3, team="B", vendor="national_brand")]
    path = tmp_path / "games.json"
    save_games(path, SCENARIOS / "rural_schools.yaml", teams)
    sp, loaded = load_games(path)
    assert sp is not None and sp.resolve() == (SCENARIOS / "rural_schools.yaml").resolve()
    assert [t.team for t in loaded] == ["A", "B"]
    for a, b in zip(teams, loaded, strict=True):
        assert a.vendor == b.vendor and a.game.records == b.game.records and a.game.result == b.game.result
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["scenario_sha256"] = "0" * 64
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(GameFileError, match="changed"):
        load_games(path)
    (tmp_path / "other.json").write_text("{}", encoding="utf-8")
    with pytest.raises(GameFileError, match="not a game file"):
        load_games(tmp_path / "other.json")


def test_report_from_a_workshop_session(tmp_path: Path) -> None:
    path = tmp_path / "class.session.jsonl"
    s = make(path, teams=("Red", "Blue"), scenario=TUTORIAL, seed=5)
    while s.phase == "idle":
        s.open_round()
        s.submit("Red", [Allocation("visit", "it_head", 2), Allocation("technical_exchange", "head_nurse", 1)])
        s.submit("Blue", [Allocation("visit", "president", 1)])
        s.close_round(force=True)
    s.submit_bid("Red", 1_050_000)
    s.submit_bid("Blue", 1_000_000)
    s.finish()
    s.close()
    report = tmp_path / "session.html"
    out = cli("report", str(path), "-o", str(report), "--samples", "100")
    assert out.returncode == 0, out.stderr
    html = report.read_text(encoding="utf-8")
    assert html.count('class="page team"') == 2
    assert "Red" in html and "Blue" in html
