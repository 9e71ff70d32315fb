"""Serving a session: uvicorn on a thread of its own, bound to the address the trainer chose.

The trainer's console (or window) keeps the main thread; the server runs its
event loop on another and reaches the session only through the host's lock
(:mod:`game.session.host`). By default it binds to the laptop's address on the
room's network (the address of the interface that carries the default route),
else to 127.0.0.1; it always says where it listens, and the join address, PIN
and QR code follow from that.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import uvicorn

from game.session.host import Host, JoinInfo
from game.web.app import create_app
from game.web.assets import UiFont
from game.web.hub import Hub

DEFAULT_PORT = 8765
PORT_TRIES = 10  # the default port and the next ones, when the port was not given
WS_MAX = 65536  # bytes in one WebSocket frame (larger: the connection closes, 1009)


class ServeError(Exception):
    """The server could not start (the address is not this machine's, the port is taken, ...)."""


def lan_address() -> str | None:
    """This machine's address on its network (IPv4, not loopback), or None when it has none.

    A UDP socket is pointed at an address of the documentation range (nothing is
    sent: connecting a UDP socket only picks the route) and asked for its own address.
    """
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.connect(("192.0.2.1", 9))  # TEST-NET-1 (RFC 5737): never routed anywhere
        addr = s.getsockname()[0]
        ip = ipaddress.ip_address(addr)
        if not ip.is_loopback and not ip.is_unspecified and not ip.is_link_local:
            return str(addr)
    return None


def default_bind() -> str:
    return lan_address() or "127.0.0.1"


def _bind(addr: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in addr else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((addr, port))
    except OSError:
        sock.close()
        raise
    sock.listen(128)
    sock.setblocking(False)
    return sock


def _urls(bound: str, port: int, path: str) -> tuple[str, ...]:
    if bound in ("0.0.0.0", "::"):
        hosts = [a for a in (lan_address(), "127.0.0.1") if a]
    else:
        hosts = [bound]
    return tuple(f"http://{'[' + h + ']' if ':' in h else h}:{port}{path}" for h in hosts)


class Server:
    """The served session's web server, on a thread of its own."""

    def __init__(self, host: Host, *, bind: str | None = None, port: int | None = None,
                 scenario_files: Sequence[Path] = ()) -> None:
        self.host = host
        self.bind = bind or default_bind()
        self.port = port
        names = "".join(t.name for t in host.session.teams)
        self.font = UiFont([host.session.scenario_path, *scenario_files], names).start()
        self.app = create_app(host, self.font)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def hub(self) -> Hub:
        hub: Hub = self.app.state.hub
        return hub

    def _socket(self) -> socket.socket:
        """The listening socket: the port given, else the room's last port (a resumed session keeps
        its address, so browsers find it again), else the default port or one of the next ones."""
        if self.port is not None:
            ports = [self.port]
        else:
            first = self.host.room.port or DEFAULT_PORT
            ports = [first, *(p for p in range(DEFAULT_PORT, DEFAULT_PORT + PORT_TRIES) if p != first)]
        last: OSError | None = None
        for port in ports:
            try:
                return _bind(self.bind, port)
            except OSError as exc:
                last = exc
                if exc.errno not in (98, 48, 10048, 13, 10013):  # in use / not allowed: try the next
                    break
        what = last.strerror if last is not None and last.strerror else str(last)
        tried = ports[0] if len(ports) == 1 else f"{ports[0]}-{ports[-1]}"
        raise ServeError(
            f"cannot listen on {self.bind} port {tried}: {what}. Give another address with --bind "
            f"(127.0.0.1 for this machine only) or another port with --port."
        )

    def start(self, timeout: float = 15.0) -> JoinInfo:
        """Listen, start the server thread, and return where teams join."""
        sock = self._socket()
        port = int(sock.getsockname()[1])
        config = uvicorn.Config(
            self.app, log_level="warning", access_log=False, lifespan="on", ws="websockets-sansio",
            ws_max_size=WS_MAX, ws_ping_interval=15.0, ws_ping_timeout=20.0, limit_concurrency=400,
            timeout_keep_alive=5, h11_max_incomplete_event_size=16384, server_header=False,
        )
        self._server = uvicorn.Server(config)
        server = self._server

        def run() -> None:
            server.run(sockets=[sock])

        self._thread = threading.Thread(target=run, name="web-server", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise ServeError(f"the web server did not start on {self.bind}:{port}")
            time.sleep(0.02)
        self.host.room.set_port(port)
        join = JoinInfo(
            urls=tuple(f"{u}?pin={self.host.room.pin}" for u in _urls(self.bind, port, "/")),
            pin=self.host.room.pin,
            bound=self.bind,
            port=port,
            projector=_urls(self.bind, port, "/projector")[0] + f"?key={self.host.room.key}",
        )
        self.host.join = join
        return join

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(10.0)
