"""The workshop in the game window, driven headless (SDL dummy driver) like a trainer would.

One session is set up through the window (3 teams, parallel worlds), then run:
a round opened, a team's actions entered hot-seat, another team's decisions
file imported, the countdown run out with injected time (pass policy), a deck
card and a form event injected, the last resolution undone, the dashboard
refreshed off the UI thread, the leaderboard shown (and shown to the room),
exports written, the session resumed from the title screen, the bids entered
and the tender awarded. After each step the session's own state is checked:
the window only sends requests. Screenshots of every workshop screen at
1280x720 and 1920x1080 in both languages go to $TENDER_SCREENSHOTS/workshop
(default build/screenshots/workshop), for people to look at.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pytest

from game.engine.game import Allocation
from game.session.export import handin_text
from game.session.session import Session
from game.strings import t
from game.ui.driver import Driver
from game.ui.screens import ws_leaderboard
from game.ui.screens.beliefs import BeliefMapScreen
from game.ui.screens.bid import BidScreen
from game.ui.screens.title import TitleScreen
from game.ui.screens.turn_report import TurnReportScreen
from game.ui.screens.ws_common import OPEN, Workshop
from game.ui.screens.ws_control import WsControlScreen
from game.ui.screens.ws_dashboard import WsDashboardScreen
from game.ui.screens.ws_entry import SessionBidScreen, SessionBoardScreen, WsCurtainScreen
from game.ui.screens.ws_events import WsEventsScreen
from game.ui.screens.ws_export import WsExportScreen
from game.ui.screens.ws_leaderboard import WsLeaderboardScreen
from game.ui.screens.ws_resume import WsResumeScreen
from game.ui.screens.ws_setup import WsSetupScreen
from tests.conftest import ROOT, SCENARIOS
from tests.session_helpers import FakeClock

SIZES = ((1280, 720), (1920, 1080))
LANGS = ("en", "zh")
CTRL = pygame.KMOD_CTRL


def en(key: str, **kw: object) -> str:
    return t(key, "en", **kw)


def folder() -> Path:
    base = os.environ.get("TENDER_SCREENSHOTS")
    return (Path(base) if base else ROOT / "build" / "screenshots") / "workshop"


class Shots:
    """Each screen at every size in both languages; back to English 1280x720 afterwards."""

    def __init__(self, d: Driver) -> None:
        self.d = d
        self.n = 0
        self.paths: list[Path] = []

    def __call__(self, name: str) -> None:
        self.n += 1
        app = self.d.app
        top = app.top
        for lang in LANGS:
            for size in SIZES:
                app.set_lang(lang)
                if app.ctx.metrics.size != size:
                    app.set_display(size=size)
                self.d.frame()
                self.d.frame()
                w, h = size
                self.paths.append(self.d.screenshot(folder() / f"{lang}_{w}x{h}_{self.n:02d}_{name}.png"))
        app.set_lang("en")
        app.set_display(size=SIZES[0])
        self.d.frame()
        assert app.top is top  # a screenshot changes nothing


def fill(d: Driver, entry: object, text: str) -> None:
    """Click a text entry, select what it holds, type ``text`` over it."""
    d.click_at(entry.rect.center)  # type: ignore[attr-defined]  # a text entry widget
    d.key(pygame.K_a, mod=CTRL)
    d.key(pygame.K_BACKSPACE)
    d.type_text(text)


def wait_for(d: Driver, done: Callable[[], bool], timeout: float = 30.0) -> None:
    """Frames until ``done()`` (a worker thread is computing); fails after ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.01)
        d.frame()


def top(d: Driver, kind: type) -> object:
    screen = d.app.top
    assert isinstance(screen, kind), f"{type(screen).__name__}, not {kind.__name__}"
    return screen


@pytest.fixture
def d() -> Iterator[Driver]:
    driver = Driver(SCENARIOS, size=SIZES[0], lang="en", seed=3)
    yield driver
    for ws in list(OPEN):
        ws.close()
    driver.close()


def test_a_workshop_session_in_the_window(d: Driver, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # default session and export paths go under the test's folder
    monkeypatch.setattr(ws_leaderboard, "ROOM_FULLSCREEN", False)
    shot = Shots(d)
    clock = FakeClock()
    title = top(d, TitleScreen)
    shot("title")

    # -- set-up: 3 teams in parallel worlds on rural_schools ------------------------------------
    d.key(pygame.K_DOWN)
    d.key(pygame.K_DOWN)  # the title's list: tutorial, group defence, rural schools
    assert title.chosen is not None and title.chosen.path.stem == "rural_schools"  # type: ignore[attr-defined]  # the title screen
    d.click(en("wsw.title.workshop"))
    setup = top(d, WsSetupScreen)
    assert isinstance(setup, WsSetupScreen)
    setup.mono, setup.wall = clock.mono, clock.wall
    assert setup.scenario is not None and setup.scenario.id == "rural-schools-tv"
    d.click(en("wsw.mode.parallel"))
    assert setup.mode == "parallel" and setup.n == 3
    fill(d, setup.seed_entry, "4x2")
    assert any("4x2" in p for p in setup.problems) and not setup.create_button.is_enabled  # type: ignore[union-attr]  # built with the screen
    fill(d, setup.seed_entry, "4242")
    fill(d, setup.minutes_entry, "6")
    fill(d, setup.name_entries[2], "Red")
    assert any(en("wsw.setup.p.name_dup", names="Red") == p for p in setup.problems)
    fill(d, setup.name_entries[2], "Green")
    assert setup.session_text.startswith("sessions/rural-schools-tv-")  # the default, under the cwd
    session_file = (tmp_path / setup.session_text).resolve()
    assert setup.problems == [] and setup.create_button.is_enabled  # type: ignore[union-attr]  # built with the screen
    shot("setup")
    d.click(en("wsw.setup.create"))
    ctl = top(d, WsControlScreen)
    assert isinstance(ctl, WsControlScreen)
    s: Session = ctl.session
    ws: Workshop = ctl.ws
    assert session_file.is_file() and s.path is not None and s.path.resolve() == session_file
    cfg = s.config
    assert (cfg.mode, cfg.seed, cfg.round_seconds, cfg.at_zero) == ("parallel", 4242, 360, "pass")
    assert [tm.name for tm in cfg.teams] == ["Red", "Blue", "Green"]
    assert len({tm.vendor for tm in cfg.teams}) == 1
    assert s.status().phase == "idle" and s.version == 0
    vendor = cfg.teams[0].vendor

    # -- open round 1 -------------------------------------------------------------------------------
    d.click(en("wsw.open"))
    st = s.status()
    assert (st.phase, st.round, st.running) == ("open", 1, True)
    clock.advance(42)
    d.frame()
    shot("control")

    # -- Red enters its actions hot-seat ------------------------------------------------------------
    d.key(pygame.K_1)
    curtain = top(d, WsCurtainScreen)
    assert curtain.team == "Red"  # type: ignore[attr-defined]  # the curtain screen
    shot("curtain")
    d.key(pygame.K_RETURN)
    board = top(d, SessionBoardScreen)
    assert isinstance(board, SessionBoardScreen) and board.team == "Red"
    box = board.boxes["edu_vice_governor"]
    d.click_at(d.app.ctx.metrics.rect(box.x, box.y, box.w, box.h).center)
    d.click("1 " + en("action.visit"))
    d.click("+")
    d.click(en("board.add"))
    assert s.submissions() == {}  # nothing is sent before the team hands in
    shot("board")
    d.click(en("board.end"))
    d.click(en("board.end_anyway"))
    top(d, WsControlScreen)
    assert s.submissions() == {"Red": [Allocation("visit", "edu_vice_governor", 2)]}
    red = next(x for x in s.status().teams if x.name == "Red")
    assert red.submitted and red.source == "hot-seat"

    # -- Blue's decisions file is imported; a file for the wrong round is refused --------------------
    blue = tmp_path / "Blue-round1.yaml"
    blue.write_text(
        f"vendor: {vendor}\nteam: Blue\nround: 1\nscenario: {s.scenario.id}\nturns:\n"
        "  1:\n    - {action: technical_exchange, stakeholder: centre_director, amount: 1}\n"
        "forecasts:\n  1: {win: 0.3}\n",
        encoding="utf-8",
    )
    late = tmp_path / "Green-round2.yaml"
    late.write_text(f"vendor: {vendor}\nteam: Green\nround: 2\nturns:\n  2: []\n", encoding="utf-8")
    fill(d, ctl.import_entry, f"{blue}; {late}")
    d.click(en("wsw.import"))
    assert d.app.modals  # the refusal of the round-2 file, with its reason
    assert s.submissions()["Blue"] == [Allocation("technical_exchange", "centre_director", 1)]
    assert "Green" not in s.submissions()
    said = [n.text("zh") for n in ctl.ws.notices if n.key == "crews.forecast_saved"]  # the file's forecast too
    assert said == ["Blue 队的预测已记录：胜算 30%。"] and s.game_of("Blue").forecasts_of(vendor)[-1].win == 0.3
    d.key(pygame.K_ESCAPE)
    assert not d.app.modals

    # -- the countdown runs out: the warning, then the pass policy closes the round ------------------
    clock.advance(360 - 42 - 50)
    d.frame()
    assert any(n.key == "wsw.tick.warning" for n in ws.notices)
    assert s.phase == "open"
    clock.advance(60)
    d.frame()
    assert s.phase == "idle" and s.round == 2  # type: ignore[comparison-overlap]  # the timer closed the round
    assert s.decisions("Red")[1] == [Allocation("visit", "edu_vice_governor", 2)]
    assert s.decisions("Blue")[1] == [Allocation("technical_exchange", "centre_director", 1)]
    assert s.decisions("Green")[1] == []
    close = [a for a in s.audit() if a.type == "close"][-1]
    assert close.detail["by"] == "timer" and close.detail["passed"] == ["Green"]
    assert any(n.key == "wsw.tick.closed" for n in ws.notices)
    shot("control_after_timer")

    # -- live events: a deck card (announced) and a form event (secret) -----------------------------
    d.key(pygame.K_e)
    events = top(d, WsEventsScreen)
    assert isinstance(events, WsEventsScreen)
    d.click(en("wsw.events.announce"))
    d.click(en("wsw.form.inject"))  # the confirmation's button (the last with this text)
    assert [e.source for e in s.injected()] == ["deck"]
    assert not s.injected()[0].secret and s.injected()[0].turn == 2
    d.click(en("wsw.kind.budget_cut"))
    assert events.kind == "budget_cut"
    fill(d, events.entries["ceiling_factor"], "0.85")
    d.click(en("wsw.form.secret"))
    assert events.secret
    d.click(en("wsw.form.inject"))
    assert d.app.modals
    d.click(en("wsw.form.inject"))
    inj = s.injected()
    assert [e.source for e in inj] == ["deck", "form"]
    assert inj[1].secret and inj[1].event.kind == "budget_cut" and inj[1].turn == 2
    assert inj[1].event.ceiling_factor == pytest.approx(0.85)
    assert len(s.status().queued) == 2
    # A played card cannot be played again; a malformed form is refused with its reason.
    assert not d.button(en("wsw.events.announce")).is_enabled
    d.click(en("wsw.kind.rumour"))
    fill(d, events.entries["reliability"], "often")
    d.click(en("wsw.form.inject"))
    assert d.app.modals and len(s.injected()) == 2
    d.key(pygame.K_ESCAPE)
    d.click(en("wsw.kind.stakeholder_replaced"))
    shot("events")
    d.key(pygame.K_ESCAPE)
    top(d, WsControlScreen)

    # -- undo the last resolution (with a reason), then close again ----------------------------------
    version = s.version
    d.click(en("wsw.undo"))
    assert d.app.modals
    d.type_text("Green was still typing")
    d.click(en("wsw.undo.ok"))
    st = s.status()
    assert (st.phase, st.round, st.running) == ("open", 1, False)
    undo = [a for a in s.audit() if a.type == "undo"][-1]
    assert undo.detail["reason"] == "Green was still typing" and s.version == version + 1
    assert s.submissions()["Red"] == [Allocation("visit", "edu_vice_governor", 2)]
    d.click(en("wsw.close"))
    d.click(en("wsw.close.anyway"))
    assert s.phase == "idle" and s.round == 2 and s.decisions("Green")[1] == []

    # -- round 2: the announced card is read out; Red reads its report, then leaves without saving -----
    d.click(en("wsw.open"))
    assert d.app.modals  # "Announce to the teams": the deck card's text
    d.key(pygame.K_RETURN)
    assert not d.app.modals and s.phase == "open" and s.round == 2
    d.key(pygame.K_1)
    d.key(pygame.K_RETURN)
    report = top(d, TurnReportScreen)
    assert report.review
    d.key(pygame.K_SPACE)
    d.key(pygame.K_SPACE)
    board = top(d, SessionBoardScreen)
    d.click("1 " + en("action.visit"))
    d.click(en("board.add"))
    # The team's map of the committee: an estimate saved there is logged in the session.
    plan = list(s.game_of("Red").pending[vendor])
    assert len(plan) == 1
    d.key(pygame.K_m)
    the_map = d.app.top
    assert isinstance(the_map, BeliefMapScreen)
    the_map.set_stance("edu_vice_governor", 0.7)
    the_map.save()
    belief = [a for a in s.audit() if a.type == "belief"]
    assert len(belief) == 1 and belief[0].team == "Red" and belief[0].detail["stance"] == pytest.approx(0.7)
    d.key(pygame.K_ESCAPE)
    assert d.app.top is board and s.game_of("Red").pending[vendor] == plan  # the plan in progress stays
    d.key(pygame.K_ESCAPE)
    d.click(en("wsw.entry.cancel_yes"))
    top(d, WsControlScreen)
    assert "Red" not in s.submissions()
    assert s.game_of("Red").pending.get(vendor, []) == []  # nothing unsaved left in the game
    fill(d, ctl.import_entry, str(blue))
    d.key(pygame.K_RETURN)
    assert d.app.modals and "Blue" not in s.submissions()  # a round-1 file is late in round 2
    d.key(pygame.K_ESCAPE)

    # -- the dashboard, computed off the UI thread --------------------------------------------------
    d.key(pygame.K_d)
    dash = top(d, WsDashboardScreen)
    assert isinstance(dash, WsDashboardScreen)
    wait_for(d, lambda: dash.shown is not None and dash.shown.version == s.version)
    shown = dash.shown
    assert shown is not None and [x.team for x in shown.teams] == ["Red", "Blue", "Green"]
    assert all(0.0 <= x.win_low <= x.win_probability <= x.win_high <= 1.0 for x in shown.teams)
    assert ws.dashboard is shown  # the screen shows what dashboard.refresh returned
    d.frame()
    shot("dashboard")

    # -- the leaderboard, and shown to the room ----------------------------------------------------
    d.key(pygame.K_l)
    board_screen = top(d, WsLeaderboardScreen)
    assert isinstance(board_screen, WsLeaderboardScreen)
    wait_for(d, lambda: board_screen.rows is not None and board_screen.fresh)
    assert board_screen.rows is not None and {r.team for r in board_screen.rows} == {"Red", "Blue", "Green"}
    assert [r.rank for r in board_screen.rows] == sorted(r.rank for r in board_screen.rows)
    shot("leaderboard")
    d.key(pygame.K_f)
    assert board_screen.room and not d.buttons()
    shot("leaderboard_room")
    d.key(pygame.K_ESCAPE)
    assert not board_screen.room and d.buttons()
    monkeypatch.setattr(ws_leaderboard, "ROOM_FULLSCREEN", True)
    d.key(pygame.K_f)
    assert d.app.ctx.fullscreen and board_screen.room
    d.key(pygame.K_ESCAPE)
    assert not d.app.ctx.fullscreen and d.app.ctx.metrics.size == SIZES[0]
    d.key(pygame.K_ESCAPE)
    top(d, WsControlScreen)

    # -- exports --------------------------------------------------------------------------------------
    d.key(pygame.K_x)
    exp = top(d, WsExportScreen)
    assert isinstance(exp, WsExportScreen)
    wait_for(d, lambda: exp.ready)
    out = tmp_path / "export"
    fill(d, exp.folder_entry, str(out))
    d.click(en("wsw.export.both"))
    assert exp.error is None
    names = sorted(p.name for p in exp.written)
    stem = session_file.name.removesuffix(".session.jsonl")
    assert names == sorted(["decisions.csv", "turns.csv", "people.csv", "leaderboard.csv", "audit.csv", "bids.csv", f"{stem}.json"])
    assert all((out / n).is_file() for n in names)
    shot("export")
    # Again into the same folder: it asks before replacing the files; Cancel writes nothing.
    (out / "audit.csv").write_text("kept", encoding="utf-8")
    d.click(en("wsw.export.csv"))
    assert d.app.modals and "audit.csv" in d.app.modals[-1].text.html_text
    d.click(en("ui.cancel"))
    assert (out / "audit.csv").read_text(encoding="utf-8") == "kept"
    d.click(en("wsw.export.csv"))
    d.click(en("wsw.export.replace_yes"))
    assert exp.error is None and len(exp.written) == 6
    assert (out / "audit.csv").read_text(encoding="utf-8-sig").startswith("seq,")
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    fill(d, exp.folder_entry, str(blocker))
    d.click(en("wsw.export.csv"))
    assert exp.error is not None and str(blocker) in exp.error and not exp.written
    d.key(pygame.K_ESCAPE)

    # -- leave, then resume from the title screen (a locked, a foreign, then the right file) -----------
    entries = s.version
    d.key(pygame.K_ESCAPE)
    d.click(en("wsw.leave.yes"))
    top(d, TitleScreen)
    assert not OPEN  # the session file was released
    d.click(en("wsw.title.resume"))
    resume = top(d, WsResumeScreen)
    assert isinstance(resume, WsResumeScreen)
    assert [p.resolve() for p in resume.recent] == [session_file]
    shot("resume")
    holder = Session.open(session_file)
    try:
        fill(d, resume.path_entry, str(session_file))
        d.key(pygame.K_RETURN)
        assert d.app.modals and isinstance(d.app.top, WsResumeScreen)
    finally:
        holder.close()
    d.key(pygame.K_ESCAPE)
    fill(d, resume.path_entry, str(blue))
    d.key(pygame.K_RETURN)
    assert d.app.modals and isinstance(d.app.top, WsResumeScreen)
    d.key(pygame.K_ESCAPE)
    resume.mono, resume.wall = clock.mono, clock.wall
    fill(d, resume.path_entry, str(session_file))
    d.key(pygame.K_RETURN)
    ctl = top(d, WsControlScreen)
    assert isinstance(ctl, WsControlScreen)
    s = ctl.session
    assert s.version == entries and s.phase == "open" and s.round == 2
    assert s.status().paused_after_restart
    assert any(n.key == "wsw.resumed_paused" for n in ctl.ws.notices)

    # -- the remaining rounds (through the session), the bids and the award --------------------------
    d.click(en("wsw.resume"))  # the clock goes again
    assert s.status().running
    s.close_round(force=True)
    while s.phase == "idle":
        s.open_round()
        s.close_round(force=True)
    d.frame()
    assert s.phase == "bids"
    d.key(pygame.K_1)
    d.key(pygame.K_RETURN)
    bid = top(d, SessionBidScreen)
    assert isinstance(bid, BidScreen)
    d.click("95%")
    shot("bid")
    d.click(en("bid.submit"))
    d.click(en("bid.submit"))
    top(d, WsControlScreen)
    game = s.game_of("Red")
    assert s.bids() == {"Red": pytest.approx(0.95 * game.ceiling)}
    text, name = handin_text(s, "Red")
    bid_file = tmp_path / "Blue-bid.yaml"
    bid_file.write_text(text.replace("team: \"Red\"", "team: \"Blue\""), encoding="utf-8")
    fill(d, ctl.import_entry, str(bid_file))
    d.click(en("wsw.import"))
    assert set(s.bids()) == {"Red", "Blue"}
    d.click(en("wsw.finish"))
    d.click(en("wsw.finish.yes"))
    assert s.phase == "done" and s.result("Red") is not None
    d.key(pygame.K_ESCAPE)  # the results' message
    shot("control_done")
    d.key(pygame.K_l)
    final = top(d, WsLeaderboardScreen)
    wait_for(d, lambda: final.rows is not None and final.fresh)
    assert all(r.finished and r.actual is not None for r in final.rows)
    shot("leaderboard_final")

    # Every screenshot was drawn (not blank).
    for p in shot.paths:
        img = pygame.image.load(str(p))
        assert len({img.get_at((x, y))[:3] for x in range(0, img.get_width(), 97) for y in range(0, img.get_height(), 53)}) > 3, p


def test_the_window_hook_falls_back_quietly_without_a_display(monkeypatch: pytest.MonkeyPatch) -> None:
    from game.ui import app as app_module
    from game.ui import workshop

    def no_window(*args: object, **kw: object) -> None:
        raise pygame.error("no display")

    monkeypatch.setattr(app_module, "open_app", no_window)
    assert workshop.run_workshop_window(scenarios=SCENARIOS) is None
