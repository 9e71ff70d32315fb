"""The command line: exit codes, JSON shapes and messages (never a traceback)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        input=stdin,
        env={"PATH": "/usr/bin:/bin", "HOME": "/tmp", "PYTHONPATH": str(ROOT)},
    )


def test_validate_bundled_ok() -> None:
    out = cli("validate", "scenarios/tutorial.yaml", "scenarios/rural_schools.yaml")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "2 valid" in out.stderr


def test_validate_reports_errors_and_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: x\nstakeholder: []\n")
    out = cli("validate", str(bad))
    assert out.returncode == 1
    assert (
        f"{bad}:3:1: error: unknown key 'stakeholder' (did you mean 'stakeholders'?)" in out.stdout
    )
    assert "Traceback" not in out.stdout + out.stderr


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\x01\x02binary",
        b"- just\n- a list\n",
        b"x: !!python/object/apply:os.system ['true']\n",
    ],
)
def test_validate_never_tracebacks(tmp_path: Path, content: bytes) -> None:
    f = tmp_path / "f.yaml"
    f.write_bytes(content)
    out = cli("validate", str(f))
    assert out.returncode == 1
    assert "Traceback" not in out.stdout + out.stderr
    assert str(f) in out.stdout


def test_validate_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 2\n")
    out = cli("validate", "--format", "json", str(bad), "scenarios/tutorial.yaml")
    assert out.returncode == 1
    data = json.loads(out.stdout)
    assert data["files"][0]["valid"] is False and data["files"][1]["valid"] is True
    assert {"file", "line", "col", "message", "severity"} <= set(data["files"][0]["problems"][0])


def test_simulate_json_contract() -> None:
    out = cli("simulate", "scenarios/tutorial.yaml", "--runs", "300", "--seed", "4", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert abs(sum(data["win_rate"].values()) + data["failed_rate"] - 1.0) < 1e-9
    assert "mean_winning_price" in data and "mean_margin" in data
    again = json.loads(
        cli("simulate", "scenarios/tutorial.yaml", "--runs", "300", "--seed", "4", "--json").stdout
    )
    assert again == data


def test_simulate_text_and_strategy() -> None:
    out = cli("simulate", "tutorial", "--runs", "200", "--strategy", "best_practice")
    assert out.returncode == 0
    assert "best_practice" in out.stdout and "failed tenders" in out.stdout
    bad = cli("simulate", "tutorial", "--strategy", "best_practise")
    assert bad.returncode == 2 and "did you mean 'best_practice'" in bad.stderr


DECISIONS = """\
vendor: player
turns:
  1:
    - {action: visit, stakeholder: it_head, amount: 2}
    - {action: intel, stakeholder: head_nurse, amount: 1}
  2:
    - {action: solution_workshop, stakeholder: it_head, amount: 1}
bid: {price: 1050000}
"""


def test_play_decisions_json(tmp_path: Path) -> None:
    f = tmp_path / "d.yaml"
    f.write_text(DECISIONS)
    out = cli("play", "scenarios/tutorial.yaml", "--decisions", str(f), "--seed", "5", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["seed"] == 5 and len(data["turns"]) == 4
    mine = [o for o in data["turns"][0]["outcomes"] if o["vendor"] == "player"]
    assert {o["stakeholder"] for o in mine} == {"it_head", "head_nurse"}
    again = json.loads(
        cli(
            "play", "scenarios/tutorial.yaml", "--decisions", str(f), "--seed", "5", "--json"
        ).stdout
    )
    assert again == data


def test_play_decisions_errors_have_positions(tmp_path: Path) -> None:
    f = tmp_path / "d.yaml"
    f.write_text(
        DECISIONS.replace("it_head, amount: 2", "it_haed, amount: 9").replace(
            "vendor: player", "vendor: player\nteem: x"
        )
    )
    out = cli("play", "scenarios/tutorial.yaml", "--decisions", str(f), "--seed", "5", "--json")
    assert out.returncode == 1
    assert out.stdout == ""
    assert f"{f}:2:1: error: unknown key 'teem' (did you mean 'team'?)" in out.stderr


def test_play_decisions_resource_error(tmp_path: Path) -> None:
    f = tmp_path / "d.yaml"
    f.write_text(DECISIONS.replace("it_head, amount: 2", "it_head, amount: 9"))
    out = cli("play", "tutorial", "--decisions", str(f), "--seed", "5", "--json")
    assert out.returncode == 1
    assert (
        f"{f}:4:7: error: turn 1: not enough resources for visit x9: sales needs 9, 4 left"
        in out.stderr
    )


def test_unknown_scenario_and_subcommand() -> None:
    out = cli("play", "rural", "--text")
    assert out.returncode == 2 and "did you mean 'rural_schools'" in out.stderr
    out = cli("simulat", "tutorial")
    assert out.returncode == 2 and "Traceback" not in out.stderr


def test_schema_is_json() -> None:
    out = cli("schema")
    data = json.loads(out.stdout)
    assert data["title"] == "Tender Game scenario" and "stakeholders" in data["properties"]


def test_bench_quick_json() -> None:
    out = cli("bench", "--quick", "--json")
    assert out.returncode == 0, out.stderr
    names = {r["name"] for r in json.loads(out.stdout)["results"]}
    assert {
        "games_10k_vectorised",
        "vectorised_speedup",
        "one_turn_one_world",
        "win_probability_10k_samples",
        "peak_memory_10k_worlds",
    } <= names
