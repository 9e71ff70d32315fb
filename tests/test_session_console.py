"""The trainer's terminal console and the workshop commands of main.py."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from game.session.config import SetupOptions
from game.session.log import read_log
from game.terminal.workshop import resume_workshop, run_workshop
from tests.conftest import ROOT, SCENARIOS
from tests.session_helpers import RURAL, TUTORIAL, FakeClock, reopen

Line = str | tuple[str, float]


class Script:
    """stdin for the console: each line may first move the fake clock by some seconds."""

    def __init__(self, lines: Sequence[Line], clock: FakeClock) -> None:
        self.lines = list(lines)
        self.clock = clock

    def isatty(self) -> bool:
        return False

    def readline(self) -> str:
        if not self.lines:
            return ""
        item = self.lines.pop(0)
        if isinstance(item, tuple):
            text, wait = item
            self.clock.advance(wait)
        else:
            text = item
        return text + "\n"


def console(
    lines: Sequence[Line],
    *,
    scenario: Path | None = RURAL,
    options: SetupOptions,
    lang: str = "en",
    clock: FakeClock | None = None,
) -> tuple[int, str]:
    c = clock or FakeClock()
    out = io.StringIO()
    code = run_workshop(
        scenarios=sorted(SCENARIOS.glob("*.yaml")),
        scenario_path=scenario,
        options=options,
        lang=lang,
        stdin=Script(lines, c),  # type: ignore[arg-type]  # a scripted stdin: readline is all it needs
        stdout=out,
        mono=c.mono,
        wall=c.wall,
    )
    return code, out.getvalue()


def test_setup_prompts_then_a_round(tmp_path: Path) -> None:
    path = tmp_path / "w.session.jsonl"
    blue = tmp_path / "blue.yaml"
    blue.write_text(
        "vendor: incumbent\nteam: Blue\nround: 1\nturns:\n  1:\n    - {action: technical_exchange, stakeholder: centre_director, amount: 2}\n"
    )
    lines: list[Line] = [
        "nonsense_scenario",  # not found: asked again
        "rural_schools",
        "2",  # parallel worlds
        "4242",  # seed
        "12",  # minutes
        "1",  # pass at zero
        "Red, Blue",
        "status",
        "submit Red",  # no round open yet
        "open",
        "submit Red",
        "",  # curtain
        "visit edu_vice_governor 2",
        "intel centre_director",
        "end",
        "y",
        f"import {blue}",
        f"import {blue}",  # again: replaces
        "dashboard",
        "close",
        "leaderboard",
        "clsoe",
        "quit",
    ]
    code, out = console(lines, scenario=None, options=SetupOptions(session_path=path))
    assert code == 0, out
    assert "no scenario 'nonsense_scenario'" in out
    assert "Session file: " in out and "seed 4242" in out and "parallel worlds" in out
    assert "no round is open; open round 1 first" in out
    assert "Round 1 of 10 is open - 12 min on the clock." in out
    assert "Team Red: press Enter when only your team is watching." in out
    assert "Entry saved for team Red: 2 action(s)." in out
    assert f"Imported {blue}: team Blue, round 1, 1 action(s)." in out
    assert "(replaces the earlier one)" in out
    assert "Dashboard - round 1" in out
    assert "Round 1 resolved." in out and "Passed" not in out
    assert "Leaderboard" in out and "Ranked by 0.6 x expected score" in out
    assert "Unknown command 'clsoe' (did you mean 'close'?)" in out
    assert f"Resume with: python main.py resume {path}" in " ".join(out.split())
    s = reopen(path)
    assert s.decisions("Blue")[1][0].amount == 2 and len(s.decisions("Red")[1]) == 2
    assert [e.type for e in s.entries] == ["open", "submit", "submit", "submit", "close", "results"]


def test_countdown_in_the_prompt_warning_and_time_out(tmp_path: Path) -> None:
    clock = FakeClock()
    opts = SetupOptions(teams=["Red", "Blue"], mode="parallel", seed=1, round_minutes=2, at_zero="pass", session_path=tmp_path / "t.session.jsonl")
    lines: list[Line] = ["open", ("status", 30), ("pause", 5), ("go", 500), ("status", 70), ("status", 30), "quit"]
    code, out = console(lines, options=opts, clock=clock)
    assert code == 0
    assert "[round 1/10 2:00 0/2 in] trainer>" in out
    assert "[round 1/10 1:30 0/2 in] trainer>" in out
    assert "Clock paused at 1:25." in out and "paused 0/2 in" in out
    assert "*** One minute left in round 1. ***" in out
    assert "*** Time is up for round 1. ***" in out and "Round 1 was closed by the timer." in out
    assert "Passed (no entry): Red, Blue." in out
    assert "[next: round 2/10] trainer>" in out


def test_undo_inject_export_and_chinese(tmp_path: Path) -> None:
    opts = SetupOptions(teams=["红队", "蓝队"], mode="head-to-head", seed=2, round_minutes=0, at_zero="wait", session_path=tmp_path / "z.session.jsonl")
    lines: list[Line] = [
        "open",
        "close",
        "y",
        "inject",
        "inject card 1",
        "inject form rumour",
        "30%",
        "听说东升电子要降价",
        "s",
        "events",
        "undo",
        "y",
        "close",
        "y",
        "export",
        "audit",
        "quit",
    ]
    code, out = console(lines, options=opts, lang="zh")
    assert code == 0, out
    assert "第 1/10 回合开始。" in out
    assert "还未提交：红队, 蓝队。" in out
    assert "事件牌（inject card 编号）：" in out
    assert "事件已加入，将在第 2 回合开始时生效。" in out
    assert "（保密：不向团队宣布）" in out and "听说东升电子要降价" in out
    assert "第 1 回合已重新开放" in out
    assert "已导出：" in out and "decisions.csv" in out
    assert "close (undone)" in out
    export = tmp_path / "z-export"
    assert (export / "z.json").is_file() and (export / "people.csv").is_file()


def test_bids_and_award_in_the_console(tmp_path: Path) -> None:
    path = tmp_path / "b.session.jsonl"
    opts = SetupOptions(teams=["Red"], mode="parallel", seed=3, round_minutes=0, at_zero="pass", session_path=path)
    lines: list[Line] = []
    for _ in range(4):
        lines += ["open", "close", "y"]
    lines += ["bid Red 3m", "y", "bid Red", "", "1.1m", "finish", "quit"]
    code, out = console(lines, scenario=TUTORIAL, options=opts)
    assert code == 0, out
    assert "That was the last round: the bids are due" in out
    assert "Above the ceiling" in out
    assert "Bid saved for team Red: 3,000,000 CNY." in out
    assert "Bid saved for team Red: 1,100,000 CNY." in out
    assert "The tender is awarded." in out and "Leaderboard" in out
    s = reopen(path)
    assert s.phase == "done" and s.bids() == {"Red": 1_100_000}


def test_resume_in_the_console(tmp_path: Path) -> None:
    path = tmp_path / "r.session.jsonl"
    opts = SetupOptions(teams=["Red", "Blue"], mode="parallel", seed=4, round_minutes=5, at_zero="pass", session_path=path)
    code, out = console(["open", ("submit Red", 10), "", "visit centre_director 2", "end", "y", "handin Red", "quit"], options=opts)
    assert code == 0
    handed = tmp_path / "Red-round1.yaml"
    assert f"Decisions file of team Red written: {handed}" in out
    assert "round: 1" in handed.read_text() and "centre_director" in handed.read_text()
    clock = FakeClock(9999)
    session = reopen(path, clock)
    buf = io.StringIO()
    code = resume_workshop(session, lang=None, stdin=Script(["status", "go", "quit"], clock), stdout=buf)  # type: ignore[arg-type]  # a scripted stdin
    text = buf.getvalue()
    assert code == 0
    assert "Session resumed: 2 saved entries replayed." in text
    assert "[x] Red (incumbent) 1 action(s), hot-seat" in text
    assert "The countdown of round 1 is paused at 4:50; 'go' restarts it." in text
    assert "Clock running: 4:50 left." in text


def test_input_ends_and_the_session_is_saved(tmp_path: Path) -> None:
    path = tmp_path / "e.session.jsonl"
    opts = SetupOptions(teams=["Red"], mode="parallel", seed=4, round_minutes=5, at_zero="pass", session_path=path)
    code, out = console(["open"], options=opts)
    assert code == 0 and "Input ended. The session is saved" in out
    assert len(read_log(path).entries) == 1


# -- main.py ----------------------------------------------------------------------------------


def cli(*args: str, stdin: str = "", cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        input=stdin,
        env={"PATH": "/usr/bin:/bin", "HOME": "/tmp", "PYTHONPATH": str(ROOT)},
    )


def test_commands(tmp_path: Path) -> None:
    s1 = tmp_path / "l1.session.jsonl"
    s2 = tmp_path / "l2.session.jsonl"
    for path, team in ((s1, "Red"), (s2, "Blue")):
        out = cli(
            "workshop", "tutorial", "--text", "--teams", team, "--mode", "parallel", "--seed", "9",
            "--round-minutes", "0", "--at-zero", "pass", "--session", str(path),
            stdin="open\nclose\ny\nquit\n",
        )
        assert out.returncode == 0, out.stderr
        assert "Round 1 resolved." in out.stdout
    out = cli("workshop", "tutorial", "--text", "--teams", "X", "--session", str(s1))
    assert out.returncode == 2 and "already exists" in out.stderr
    out = cli("resume", str(s1), "--text", stdin="status\nquit\n")
    assert out.returncode == 0 and "Session resumed" in out.stdout
    out = cli("export", str(s1), "--json", str(tmp_path / "l1.json"))
    assert out.returncode == 0 and (tmp_path / "l1.json").is_file()
    out = cli("leaderboard", str(s2), str(tmp_path / "l1.json"), "--json")
    assert out.returncode == 0, out.stderr
    table = json.loads(out.stdout)
    assert {r["team"] for r in table["rows"]} == {"Red", "Blue"}
    assert any("not yet awarded" in w for w in table["warnings"])
    out = cli("export", str(s2))
    assert out.returncode == 0 and (tmp_path / "l2-export" / "decisions.csv").is_file()
    for bad in (str(SCENARIOS / "tutorial.yaml"), str(tmp_path / "nothing.session.jsonl")):
        for cmd in ("resume", "leaderboard", "export"):
            out = cli(cmd, bad)
            assert out.returncode == 1, (cmd, bad, out.stderr)
            assert "Traceback" not in out.stderr and out.stderr.strip()
    out = cli("workshop", "tutorial", "--text", "--teams", "A,B,C", "--mode", "head-to-head", "--seed", "1",
              "--round-minutes", "1", "--at-zero", "pass", "--session", str(tmp_path / "x.session.jsonl"))
    assert out.returncode == 2 and "at most 1 team" in out.stdout
    assert not (tmp_path / "x.session.jsonl").exists()


def test_the_workshop_layers_run_without_pygame(tmp_path: Path) -> None:
    code = f"""
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('pygame', 'pygame_gui'):
            raise ImportError('pygame is blocked in this test')
sys.meta_path.insert(0, Block())
import game.session.session, game.session.dashboard, game.session.scoring, game.session.export
import game.session.bench, game.terminal.workshop, game.cli.workshop
from tests.session_helpers import make
s = make(__import__('pathlib').Path({str(tmp_path)!r}) / 'a.session.jsonl', teams=('Red',))
s.open_round(); s.close_round(force=True)
game.session.dashboard.refresh(s, worlds=20)
assert not any(m.startswith('pygame') for m in sys.modules)
print('ok')
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
