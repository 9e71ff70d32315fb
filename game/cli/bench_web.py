"""The served session's benchmark (``python main.py bench --only web``): 12 teams x 5 members.

The host is the real thing, run as the trainer runs it (``workshop --text --serve`` in a
process of its own, on the bench's core, typed at through a pipe); a load script in this
process (on another core where there is one: the teams' devices are other machines) drives 60
WebSocket clients on loopback. Each round every member adds an action to its team's plan, one
member per team hands the plan in, and the trainer closes the round. Measured:

- a submission acknowledged (request sent -> ack received), p95, target <= 100 ms;
- a round closed and every client showing its results (``close`` typed -> the state with the
  new report received, each client), p99, target <= 1.5 s;
- the trainer's dashboard refreshed for 12 teams with the 60 clients connected, target <= 0.5 s;
- the host's memory (peak resident set), target < 300 MB, and its CPU between rounds with every
  client connected and idle, target < 5% of a core (Linux: /proc).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import queue
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect

from game.model.compiled import Compiled

TEAMS = 12
MEMBERS = 5
PORT = re.compile(r"listens on 127\.0\.0\.1 port (\d+)")
PIN = re.compile(r"Room PIN: (\d+)")
DASH = re.compile(r"Dashboard - round")
SECONDS = re.compile(r"\((\d+(?:\.\d+)?) s\)")
CLK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _pct(xs: list[float], q: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q / 100 * (len(xs) - 1))))]


class _Host:
    """The trainer's console with --serve, in its own process."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        code = "import sys; from game.cli import Paths, main; sys.exit(main(sys.argv[1:], Paths.beside('main.py')))"
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-c", code, *args], cwd=cwd, env=env, text=True, encoding="utf-8",
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put((time.perf_counter(), line))

    def wait_for(self, pat: re.Pattern[str], timeout: float = 60.0) -> tuple[float, re.Match[str]]:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                at, line = self.lines.get(timeout=0.1)
            except queue.Empty:
                if self.proc.poll() is not None:
                    break
                continue
            m = pat.search(line)
            if m:
                return at, m
        raise RuntimeError(f"the host never printed {pat.pattern!r}")

    def type(self, line: str) -> float:
        assert self.proc.stdin is not None
        t = time.perf_counter()
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return t

    def cpu_seconds(self) -> float | None:
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / CLK  # utime + stime

    def peak_mb(self) -> float | None:
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.type("quit")
            self.proc.wait(20)
        if self.proc.poll() is None:
            self.proc.kill()


class _Client:
    def __init__(self, team: int, k: int, token: str) -> None:
        self.team, self.k, self.token = team, k, token
        self.ws: ClientConnection | None = None
        self.state: dict[str, Any] | None = None
        self.waiting: dict[str, asyncio.Future[float]] = {}
        self.report_at: dict[int, float] = {}
        self.ready = asyncio.Event()

    async def run(self, url: str) -> None:
        async with connect(url, max_size=2**24) as ws:
            self.ws = ws
            await ws.send(json.dumps({"t": "hello", "token": self.token, "lang": "en" if self.k % 2 else "zh"}))
            async for raw in ws:
                now = time.perf_counter()
                m = json.loads(raw)
                if m["t"] == "state":
                    self.state = m
                    rep = m.get("report")
                    if rep is not None and rep["turn"] not in self.report_at:
                        self.report_at[rep["turn"]] = now
                    self.ready.set()
                elif m["t"] in ("ack", "refused") and m.get("cid") in self.waiting:
                    self.waiting.pop(m["cid"]).set_result(now if m["t"] == "ack" else -1.0)

    async def request(self, msg: dict[str, Any]) -> float:
        """Send a request; seconds until its ack (-1: refused)."""
        assert self.ws is not None
        cid = secrets.token_hex(8)
        fut: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiting[cid] = fut
        t0 = time.perf_counter()
        await self.ws.send(json.dumps({**msg, "cid": cid}))
        done = await asyncio.wait_for(fut, 30)
        return done - t0 if done > 0 else -1.0


async def _drive(base: str, pin: str, host: _Host, rounds: int) -> dict[str, Any]:
    async with httpx.AsyncClient(timeout=30) as http:
        clients: list[_Client] = []
        for team in range(TEAMS):
            for k in range(MEMBERS):
                r = await http.post(f"{base}/api/join", json={"pin": pin, "team": f"Team {team + 1}", "name": f"M{k + 1}"})
                r.raise_for_status()
                clients.append(_Client(team, k, r.json()["token"]))
    url = base.replace("http://", "ws://") + "/ws"
    tasks = [asyncio.create_task(c.run(url)) for c in clients]
    await asyncio.wait_for(asyncio.gather(*(c.ready.wait() for c in clients)), 60)
    adds: list[float] = []
    submits: list[float] = []
    shown: list[float] = []
    dash: list[float] = []
    computed: list[float] = []
    refused = 0
    idle_cpu: float | None = None
    for rnd in range(1, rounds + 1):
        host.type("open")
        await asyncio.wait_for(_all(clients, lambda s: s["clock"]["phase"] == "open"), 30)

        async def member(c: _Client, rnd: int) -> None:
            nonlocal refused
            await asyncio.sleep((c.k * 0.15) + (c.team * 0.01))
            s = c.state
            assert s is not None
            people = [p["id"] for p in s["people"] if not p["closed"]]
            who = people[(c.team + c.k + rnd) % len(people)]
            took = await c.request({"t": "add", "id": f"i{rnd}x{c.k}", "action": "visit" if c.k < 4 else "intel", "stakeholder": who, "amount": 1})
            if took < 0:
                refused += 1
            else:
                adds.append(took)

        await asyncio.gather(*(member(c, rnd) for c in clients))
        await asyncio.sleep(0.3)
        if rnd <= 2:  # the trainer looks at the dashboard while the teams think
            await asyncio.sleep(3.0)
            t0 = host.type("dashboard")
            at, _ = await asyncio.to_thread(host.wait_for, DASH, 60)
            _, m = await asyncio.to_thread(host.wait_for, SECONDS, 10)
            dash.append(at - t0)
            computed.append(float(m.group(1)))
        leads = [c for c in clients if c.k == 0]

        async def hand_in(c: _Client) -> None:
            took = await c.request({"t": "submit"})
            if took >= 0:
                submits.append(took)

        await asyncio.gather(*(hand_in(c) for c in leads))
        await asyncio.sleep(0.3)
        t0 = host.type("close")
        await asyncio.wait_for(_all(clients, lambda s, r=rnd: s["report"] is not None and s["report"]["turn"] == r), 60)
        shown.extend(c.report_at[rnd] - t0 for c in clients)
        if rnd == 1:  # between rounds, every client connected and idle (after the dashboard's refresh)
            await asyncio.sleep(5.0)
            before = host.cpu_seconds()
            t1 = time.perf_counter()
            await asyncio.sleep(5.0)
            after = host.cpu_seconds()
            if before is not None and after is not None:
                idle_cpu = (after - before) / (time.perf_counter() - t1)
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return {"adds": adds, "submits": submits, "shown": shown, "dash": dash, "computed": computed, "idle_cpu": idle_cpu, "refused": refused}


async def _all(clients: list[_Client], pred: Any) -> None:
    while not all(c.state is not None and pred(c.state) for c in clients):
        await asyncio.sleep(0.005)


def bench_web(c: Compiled, quick: bool) -> list[dict[str, Any]]:
    rounds = 3 if quick else c.turns
    root = Path(__file__).resolve().parents[2]
    mine = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else set()
    with tempfile.TemporaryDirectory() as tmp:
        scenario = Path(tmp) / f"{c.scenario.id}.yaml"
        scenario.write_text(json.dumps(c.scenario.model_dump(mode="json", exclude_none=True), ensure_ascii=False), encoding="utf-8")
        teams = ",".join(f"Team {i + 1}" for i in range(TEAMS))
        host = _Host(
            ["workshop", str(scenario), "--text", "--serve", "--bind", "127.0.0.1", "--port", "0", "--teams", teams,
             "--mode", "parallel", "--seed", "7", "--round-minutes", "10", "--at-zero", "wait",
             "--session", str(Path(tmp) / "bench.session.jsonl")],
            root,
        )
        try:
            port = int(host.wait_for(PORT)[1].group(1))
            pin = host.wait_for(PIN)[1].group(1)
            others = (set(range(os.cpu_count() or 1)) - mine) if mine else set()
            if others and hasattr(os, "sched_setaffinity"):  # the devices are other machines
                with contextlib.suppress(OSError):
                    os.sched_setaffinity(0, others)
            figures = asyncio.run(_drive(f"http://127.0.0.1:{port}", pin, host, rounds))
            peak = host.peak_mb()
        finally:
            host.stop()
            if mine and hasattr(os, "sched_setaffinity"):
                with contextlib.suppress(OSError):
                    os.sched_setaffinity(0, mine)
    sub95 = _pct(figures["submits"], 95) * 1000
    add95 = _pct(figures["adds"], 95) * 1000
    shown99 = _pct(figures["shown"], 99)
    dash = max(figures["dash"]) if figures["dash"] else float("nan")
    idle = figures["idle_cpu"]
    out = [
        {"name": "web_submission_ack_p95", "value": sub95, "unit": "ms", "target": "<= 100 ms (60 clients)", "ok": sub95 <= 100,
         "median": statistics.median(figures["submits"]) * 1000, "samples": len(figures["submits"])},
        {"name": "web_plan_edit_ack_p95", "value": add95, "unit": "ms", "target": "reported (60 members editing at once)", "ok": True,
         "samples": len(figures["adds"]), "refused": figures["refused"]},
        {"name": "web_round_closed_to_results_p99", "value": shown99, "unit": "s", "target": "<= 1.5 s (every client)", "ok": shown99 <= 1.5,
         "median": statistics.median(figures["shown"]), "samples": len(figures["shown"])},
        {"name": "web_dashboard_refresh_12_teams", "value": dash, "unit": "s", "target": "<= 0.5 s (the trainer's wait, 60 clients connected)", "ok": dash <= 0.5},
        {"name": "web_dashboard_monte_carlo_12_teams", "value": max(figures["computed"], default=float("nan")), "unit": "s",
         "target": "reported: the refresh itself, kept warm in the background while the room is quiet", "ok": True},
    ]
    if peak is not None:
        out.append({"name": "web_host_peak_memory", "value": peak, "unit": "MB", "target": "< 300 MB", "ok": peak < 300})
    if idle is not None:
        out.append({"name": "web_host_idle_cpu", "value": idle * 100, "unit": "% of a core", "target": "< 5% between rounds", "ok": idle < 0.05})
    return out
