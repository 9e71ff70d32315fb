"""A session whose custom scenario moved: found by content beside the session file, or given with --scenario.

Before, `leaderboard` and `export` told the trainer to "give it with
--scenario FILE" but did not accept --scenario, and a byte-identical copy of
the scenario beside the session file was not found.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.session_helpers import TUTORIAL, make


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, timeout=300, cwd=cwd, stdin=subprocess.DEVNULL)


@pytest.fixture
def moved(tmp_path: Path) -> tuple[Path, Path]:
    """A finished one-round-per-turn session of a custom scenario; then both moved elsewhere."""
    lab = tmp_path / "lab"
    lab.mkdir()
    custom = lab / "my_hospital.yaml"
    custom.write_bytes(TUTORIAL.read_bytes().replace(b"id: tutorial", b"id: my-hospital", 1))
    path = lab / "w.session.jsonl"
    s = make(path, scenario=custom, teams=("Red", "Blue"))
    while s.phase == "idle":
        s.open_round()
        s.close_round(force=True)
    s.submit_bid("Red", 0.9 * s.game_of("Red").ceiling)
    s.finish(force=True)
    s.close()
    laptop = tmp_path / "laptop"
    laptop.mkdir()
    shutil.move(str(path), laptop / path.name)
    kept = tmp_path / "elsewhere" / "renamed.yaml"
    kept.parent.mkdir()
    shutil.move(str(custom), kept)
    return laptop / path.name, kept


@pytest.mark.parametrize("command", ["export", "leaderboard", "report"])
def test_scenario_given_with_scenario(moved: tuple[Path, Path], command: str, tmp_path: Path) -> None:
    session, scenario = moved
    extra = {"export": ["--json", str(tmp_path / "e.json")], "leaderboard": ["--json"], "report": ["-o", str(tmp_path / "r.html"), "--samples", "10"]}[command]
    r = cli(command, str(session), *extra, cwd=tmp_path)
    assert r.returncode == 1 and "--scenario FILE" in r.stderr and "Traceback" not in r.stderr
    r = cli(command, str(session), *extra, "--scenario", str(scenario), cwd=tmp_path)
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("command", ["export", "leaderboard", "report"])
def test_a_copy_beside_the_session_file_is_found_by_content(moved: tuple[Path, Path], command: str, tmp_path: Path) -> None:
    session, scenario = moved
    shutil.copy(scenario, session.parent / "hospital-copy.yaml")
    (session.parent / "other.yaml").write_text("id: not-this-one\n", encoding="utf-8")
    extra = {"export": ["--json", str(tmp_path / "e.json")], "leaderboard": ["--json"], "report": ["-o", str(tmp_path / "r.html"), "--samples", "10"]}[command]
    r = cli(command, str(session), *extra, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
