"""The window's workshop over a served session: the set-up's "Teams join from their own devices"
starts the same web server; the round control shows the join address, PIN and QR code and who is
connected per team, and a plan handed in from a browser shows on the team's card. Screenshots go
to build/screenshots/web/ (window-*.png)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pytest

from game.session.host import Host
from game.session.log import SessionError
from game.session.room import Room
from game.session.session import Session
from game.strings import t
from game.ui.driver import Driver
from game.ui.screens.ws_common import OPEN
from game.ui.screens.ws_control import WsControlScreen
from game.ui.screens.ws_setup import WsSetupScreen
from game.web.server import ServeError, Server
from tests.conftest import ROOT, SCENARIOS
from tests.web_helpers import join

SHOTS = ROOT / "build" / "screenshots" / "web"


def _serve(stops: list[Callable[[], None]]) -> Callable[[Session], tuple[Host, Callable[[], None]]]:
    def start(session: Session) -> tuple[Host, Callable[[], None]]:
        host = Host(session, Room.open(session.config, session.path))
        server = Server(host, bind="127.0.0.1", port=0)
        try:
            server.start()
        except ServeError as exc:
            raise SessionError(str(exc), "cannot_serve") from None
        stops.append(server.stop)
        return host, server.stop

    return start


@pytest.fixture
def d() -> Iterator[Driver]:
    driver = Driver(SCENARIOS, size=(1280, 720), lang="en", seed=3)
    yield driver
    for ws in list(OPEN):
        ws.close()
    driver.close()


def test_the_window_serves_the_session_and_shows_how_to_join(d: Driver, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    stops: list[Callable[[], None]] = []
    d.app.serve = _serve(stops)
    try:
        d.click(t("wsw.title.workshop", "en"))
        setup = d.app.top
        assert isinstance(setup, WsSetupScreen) and not setup.serve_on
        d.click(t("wsw.setup.serve", "en"))
        assert setup.serve_on
        d.click(t("wsw.mode.parallel", "en"))
        SHOTS.mkdir(parents=True, exist_ok=True)
        d.frame()
        d.screenshot(SHOTS / "window-setup-en.png")
        d.click(t("wsw.setup.create", "en"))
        ctl = d.app.top
        assert isinstance(ctl, WsControlScreen)
        host = ctl.ws.host
        assert host is not None and host.join is not None and d.app.shared_lock is host.lock
        # a member joins from a browser and hands in the team's plan
        base = host.join.url.split("/?")[0]
        team = ctl.session.teams[0].name
        ada = join(base, host.room.pin, team, "Ada").connect()
        d.click(t("wsw.open", "en"))
        st = ada.state_where(lambda s: s["clock"]["phase"] == "open")
        who = next(p["id"] for p in st["people"] if not p["closed"])
        assert ada.request({"t": "add", "id": "w1", "action": "visit", "stakeholder": who, "amount": 1})["t"] == "ack"
        assert ada.request({"t": "submit"})["t"] == "ack"
        for _ in range(3):
            d.frame()
        assert ctl.session.submissions()[team]
        text, _ = ctl.team_state(team, True, 1, "web", "open", None)
        assert "browser" in text and "1 online" in text
        assert any("handed in its plan (Ada)" in n.text("en") for n in ctl.ws.notices)
        d.screenshot(SHOTS / "window-control-en.png")
        d.app.set_lang("zh")
        d.frame()
        d.screenshot(SHOTS / "window-control-zh.png")
        ada.close()
    finally:
        for stop in stops:
            stop()
        pygame.event.clear()
