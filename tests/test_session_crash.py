"""Nothing lost: SIGKILL in the middle of a round, then resume from the file."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from game.engine.game import Allocation
from game.session.config import Close, Open, Submit
from game.session.session import Session
from tests.conftest import ROOT
from tests.session_helpers import RURAL, make, records_json, reopen

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

# A trainer's session driven as fast as it goes: two rounds, then round 3 where
# team B keeps changing its entry until it is killed. After each call returns
# (the entry is on disk) it prints what was committed.
DRIVER = """
import json, sys
from game.engine.game import Allocation
from game.scenario import load_scenario
from game.session.config import build_config
from game.session.session import Session

path, scenario = sys.argv[1], sys.argv[2]
cfg = build_config(load_scenario(scenario), teams=["A", "B", "C"], mode="parallel", seed=5, round_seconds=600)
s = Session.create(path, scenario, cfg)
people = [p.id for p in s.scenario.stakeholders if not p.pool]  # pool seats cannot be met

shown = 0

def done():
    global shown
    for e in s.entries[shown:]:  # a close is followed by the results it announced
        print(json.dumps(e.model_dump(mode="json", exclude={"time"})), flush=True)
    shown = len(s.entries)

n = 0
for rnd in (1, 2):
    s.open_round(); done()
    for i, team in enumerate("ABC"):
        s.submit(team, [Allocation("visit", people[(i + rnd) % len(people)], 1 + i % 2)]); done()
    s.close_round(); done()
s.open_round(); done()
s.submit("A", [Allocation("technical_exchange", "centre_director", 2)]); done()
while True:
    n += 1
    s.submit("B", [Allocation("visit", people[n % len(people)], 1 + n % 3)]); done()
"""


def lines_of(proc: subprocess.Popen[str]) -> queue.Queue[str]:
    q: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            q.put(line)
        q.put("")

    threading.Thread(target=pump, daemon=True).start()
    return q


def env() -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "PYTHONPATH": str(ROOT)}


def replay_by_hand(path: Path, entries: list[object]) -> Session:
    """An independent session built through the public API from the same decisions."""
    s = make(path, teams=("A", "B", "C"), seed=5)
    for e in entries:
        if isinstance(e, Open):
            s.open_round()
        elif isinstance(e, Submit):
            s.submit(e.team, [Allocation(a.action, a.stakeholder, a.amount) for a in e.actions])
        elif isinstance(e, Close):
            s.close_round(force=True)
    return s


@pytest.mark.parametrize("wait", [0.05, 0.4, 1.2])
def test_sigkill_mid_round_then_resume(tmp_path: Path, wait: float) -> None:
    path = tmp_path / "k.session.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(path), str(RURAL)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env(),
    )
    q = lines_of(proc)
    committed: list[dict[str, object]] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = q.get(timeout=120)
        assert line, proc.stderr.read() if proc.stderr else ""
        committed.append(json.loads(line))
        if committed[-1]["type"] == "submit" and committed[-1]["round"] == 3 and committed[-1]["team"] == "B":
            break
    time.sleep(wait)  # let it keep writing, then kill it wherever it is
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    while (line := q.get(timeout=30)) != "":
        committed.append(json.loads(line))

    resumed = reopen(path)
    on_disk = [e.model_dump(mode="json", exclude={"time"}) for e in resumed.entries]
    # Every entry that was reported committed is in the file, in order, unchanged.
    assert on_disk[: len(committed)] == committed
    assert resumed.phase == "open" and resumed.round == 3
    last_b = [e for e in resumed.entries if isinstance(e, Submit) and e.team == "B"][-1]
    assert resumed.submissions()["B"] == [Allocation(a.action, a.stakeholder, a.amount) for a in last_b.actions]
    # The exact state: the same as a session played by hand from the same decisions.
    twin = replay_by_hand(tmp_path / "twin.session.jsonl", list(resumed.entries))
    assert twin.submissions() == resumed.submissions()
    for team in "ABC":
        assert records_json(resumed, team) == records_json(twin, team)
    resumed.close_round(force=True)
    twin.close_round(force=True)
    for team in "ABC":
        assert records_json(resumed, team) == records_json(twin, team)
    if resumed.notes:  # killed in the middle of a write: said so, bytes kept aside
        assert "cut off" in resumed.notes[0]


def test_sigkill_of_the_console(tmp_path: Path) -> None:
    path = tmp_path / "c.session.jsonl"
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "workshop", "rural_schools", "--text", "--teams", "Red,Blue",
         "--mode", "head-to-head", "--seed", "8", "--round-minutes", "10", "--at-zero", "pass",
         "--session", str(path)],
        cwd=tmp_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env(),
    )
    assert proc.stdin is not None
    q = lines_of(proc)
    proc.stdin.write("open\nsubmit Red\n\nvisit edu_vice_governor 2\nintel centre_director 1\nend\ny\n")
    proc.stdin.flush()
    seen = ""
    while "Entry saved for team Red" not in seen:
        line = q.get(timeout=120)
        assert line, seen
        seen += line
    # Red's entry is saved; the trainer is typing Blue's when the machine dies.
    proc.stdin.write("submit Blue\n\nvisit equipment_director 1\n")
    proc.stdin.flush()
    time.sleep(0.3)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    s = Session.open(path)
    assert s.phase == "open" and s.round == 1
    assert s.submissions() == {
        "Red": [Allocation("visit", "edu_vice_governor", 2), Allocation("intel", "centre_director", 1)]
    }
    s.close()
    out = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "resume", str(path), "--text"],
        cwd=tmp_path, input="status\nclose\ny\nquit\n", capture_output=True, text=True, env=env(), timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "[x] Red" in out.stdout and "Round 1 resolved." in out.stdout
