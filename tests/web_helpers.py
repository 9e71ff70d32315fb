"""Shared set-up for the served-session tests: a real server on loopback, members who join over
HTTP and talk over WebSockets, and a record of every message each team receives."""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from game.session.host import Host, JoinInfo
from game.session.room import Room
from game.session.session import Session
from game.web.server import Server

Msg = dict[str, Any]
WAIT = 20.0  # seconds a test waits for a message before it fails (never reached when all is well)


def cid() -> str:
    return secrets.token_hex(8)


@dataclass
class Member:
    """One browser of one team: its token, its connection, every message it received."""

    base: str
    team: str
    name: str
    token: str
    member_id: str
    lang: str = "en"
    log: list[Msg] = field(default_factory=list)
    raw: list[str] = field(default_factory=list)
    ws: ClientConnection | None = None
    state: Msg | None = None

    def connect(self) -> Member:
        self.ws = connect(self.base.replace("http://", "ws://") + "/ws", open_timeout=WAIT, max_size=2**24)
        self.send({"t": "hello", "token": self.token, "lang": self.lang})
        self.until(lambda m: m["t"] == "state")
        return self

    def close(self) -> None:
        if self.ws is not None:
            self.ws.close()
            self.ws = None

    def send(self, msg: Msg | str) -> None:
        assert self.ws is not None
        self.ws.send(msg if isinstance(msg, str) else json.dumps(msg))

    def recv(self, timeout: float = WAIT) -> Msg:
        assert self.ws is not None
        text = self.ws.recv(timeout=timeout)
        assert isinstance(text, str)
        self.raw.append(text)
        m: Msg = json.loads(text)
        self.log.append(m)
        if m["t"] == "state":
            self.state = m
        return m

    def until(self, pred: Callable[[Msg], bool], timeout: float = WAIT) -> Msg:
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{self.name}: no such message within {timeout} s; last: {self.log[-3:]}")
            m = self.recv(left)
            if pred(m):
                return m

    def request(self, msg: Msg) -> Msg:
        """Send a request with a fresh cid; its answer (ack, refused, bid_check)."""
        msg = {**msg, "cid": msg.get("cid") or cid()}
        self.send(msg)
        return self.until(lambda m: m.get("cid") == msg["cid"] and m["t"] in ("ack", "refused", "bid_check"))

    def drain(self, seconds: float = 0.5) -> None:
        """Read what arrives for a while (the ticker's broadcasts)."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            try:
                self.recv(left)
            except TimeoutError:
                return
            except ConnectionClosed:
                return

    def state_where(self, pred: Callable[[Msg], bool], timeout: float = WAIT) -> Msg:
        if self.state is not None and pred(self.state):
            return self.state
        return self.until(lambda m: m["t"] == "state" and pred(m), timeout)


def join(base: str, pin: str, team: str, name: str, lang: str = "en") -> Member:
    r = httpx.post(f"{base}/api/join", json={"pin": pin, "team": team, "name": name}, timeout=WAIT)
    assert r.status_code == 200, r.text
    data = r.json()
    return Member(base, team, name, data["token"], data["member"]["id"], lang)


@dataclass
class Served:
    session: Session
    host: Host
    server: Server
    join: JoinInfo

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.join.port}"

    def trainer(self, fn: Callable[[Session], Any]) -> Any:
        """What the trainer does at the console (holding the host's lock, as the console does)."""
        with self.host.lock:
            return fn(self.session)


@contextmanager
def serve(session: Session) -> Iterator[Served]:
    host = Host(session, Room.open(session.config, session.path))
    server = Server(host, bind="127.0.0.1", port=0)
    info = server.start()
    try:
        yield Served(session, host, server, info)
    finally:
        server.stop()
        session.close()


def path_in(tmp: Path, name: str = "web.session.jsonl") -> Path:
    return tmp / name
