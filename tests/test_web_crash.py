"""Nothing lost: the host of a served session is killed (kill -9) mid-round; `resume --serve` brings
it back on the same address, every browser reconnects with its token to where it was, every
acknowledged request is kept, and a request retried after the crash is done once."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.session_helpers import RURAL
from tests.web_helpers import WAIT, Member, cid, join

PORT_LINE = re.compile(r"listens on 127\.0\.0\.1 port (\d+)")


class Host:
    """`python main.py ...` as the trainer runs it, typed at through a pipe."""

    def __init__(self, *args: str) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "SDL_VIDEODRIVER": "dummy"}
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=env, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, encoding="utf-8",
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.out: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line)

    def wait_for(self, pattern: re.Pattern[str] | str, timeout: float = 60.0) -> re.Match[str]:
        pat = re.compile(pattern) if isinstance(pattern, str) else pattern
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None:
                    break
                continue
            self.out.append(line)
            m = pat.search(line)
            if m:
                return m
        raise AssertionError(f"never printed {pat.pattern!r}; output:\n{''.join(self.out[-40:])}")

    def type(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def kill9(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def quit(self) -> None:
        if self.proc.poll() is None:
            self.type("quit")
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9 is a POSIX signal")
def test_kill_9_mid_round_then_resume_serve_loses_nothing_acknowledged(tmp_path: Path) -> None:
    session = tmp_path / "crash.session.jsonl"
    first = Host(
        "workshop", str(RURAL), "--text", "--serve", "--bind", "127.0.0.1", "--port", "0",
        "--teams", "Red,Blue", "--mode", "parallel", "--seed", "5", "--round-minutes", "10",
        "--at-zero", "wait", "--session", str(session),
    )
    try:
        port = int(first.wait_for(PORT_LINE).group(1))
        pin = first.wait_for(r"Room PIN: (\d+)").group(1)
        base = f"http://127.0.0.1:{port}"
        ada = join(base, pin, "Red", "Ada").connect()
        bo = join(base, pin, "Blue", "Bo").connect()
        first.type("open")
        ada.state_where(lambda s: s["clock"]["phase"] == "open")
        bo.state_where(lambda s: s["clock"]["phase"] == "open")
        for k, (action, person, n) in enumerate((("visit", "edu_vice_governor", 2), ("technical_exchange", "centre_director", 1))):
            assert ada.request({"t": "add", "id": f"red{k}", "action": action, "stakeholder": person, "amount": n})["t"] == "ack"
        red_submit = {"t": "submit", "cid": cid()}
        assert ada.request(red_submit)["t"] == "ack"
        blue_add = {"t": "add", "cid": cid(), "id": "blue0", "action": "visit", "stakeholder": "equipment_director", "amount": 1}
        assert bo.request(blue_add)["t"] == "ack"
        first.kill9()
    finally:
        if first.proc.poll() is None:
            first.proc.kill()

    second = Host("resume", str(session), "--text", "--serve", "--bind", "127.0.0.1")
    try:
        again = int(second.wait_for(PORT_LINE).group(1))
        assert again == port  # the same address: the browsers find the host again
        for m in (ada, bo):
            m.close()
            reconnect(m)
        red = ada.state_where(lambda s: s["clock"]["phase"] == "open")["plan"]
        assert red["submitted"] and red["submitted_by"] == "Ada"
        assert [i["id"] for i in red["items"]] == ["red0", "red1"]
        blue = bo.state_where(lambda s: s["clock"]["phase"] == "open")["plan"]
        assert not blue["submitted"]
        assert [(i["id"], i["by"]) for i in blue["items"]] == [("blue0", "Bo")]
        # answers lost in the crash: the browsers send their requests again; each is done once
        assert ada.request(red_submit)["dup"] is True
        assert bo.request(blue_add)["dup"] is True
        assert len(bo.state_where(lambda s: True)["plan"]["items"]) == 1
        second.type("close")
        second.type("y")
        for m in (ada, bo):
            m.state_where(lambda s: s["report"] is not None and s["report"]["turn"] == 1)
    finally:
        second.quit()
    text = session.read_text(encoding="utf-8")
    assert text.count('"type":"submit"') == 1  # Red's, once; Blue passed (its draft was not handed in)
    assert '"by":"Ada"' in text


def reconnect(m: Member) -> None:
    """The page's own loop: try again until the host answers (it is starting up)."""
    end = time.monotonic() + WAIT
    while True:
        try:
            m.connect()
            return
        except (OSError, TimeoutError, ConnectionError):
            if time.monotonic() > end:
                raise
            time.sleep(0.2)
