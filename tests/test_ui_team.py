"""Team selling in the window: members and roles from the briefing, the member at the keyboard,
a joint action confirmed, the forecast box on the board and with the bid, and the forecast typed
at a workshop's hot-seat entry (stored in the session's log). Screenshots go with the others."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game.engine.game import Allocation
from game.session.log import read_log
from game.strings import t
from game.ui.driver import Driver
from game.ui.screens.bid import BidScreen
from game.ui.screens.board import BoardScreen
from game.ui.screens.briefing import BriefingScreen
from game.ui.screens.crew import CrewScreen
from game.ui.screens.ws_common import OPEN, Workshop
from game.ui.screens.ws_entry import SessionBoardScreen, WsCurtainScreen
from tests.conftest import ROOT, SCENARIOS
from tests.session_helpers import make
from tests.test_ui_workshop import fill

RURAL = SCENARIOS / "rural_schools.yaml"
TUTORIAL = SCENARIOS / "tutorial.yaml"


def en(key: str, **kw: object) -> str:
    return t(key, "en", **kw)


def shot(d: Driver, name: str) -> None:
    base = Path(os.environ.get("TENDER_SCREENSHOTS") or ROOT / "build" / "screenshots")
    lang, (w, h) = d.app.ctx.lang, d.app.ctx.metrics.size
    d.screenshot(base / "team" / f"{lang}_{w}x{h}_{name}.png")


@pytest.fixture
def d() -> Iterator[Driver]:
    driver = Driver(SCENARIOS, size=(1280, 720), lang="en", seed=6, scenario_path=TUTORIAL)
    yield driver
    for ws in list(OPEN):
        ws.close()
    driver.close()


def test_a_team_plans_role_by_role_and_forecasts_in_the_window(d: Driver) -> None:
    brief = d.app.top
    assert isinstance(brief, BriefingScreen)
    d.click(en("crewu.open"))
    crew_screen = d.app.top
    assert isinstance(crew_screen, CrewScreen)
    entry = crew_screen.entries["player"]
    fill(d, entry, "Ada=am,executive; Bo=presales; Cy=boss")
    d.click(en("crewu.save"))
    assert isinstance(d.app.top, CrewScreen)  # not saved: it says why, and the text stays
    assert crew_screen.problems["player"] == en("crew.err.bad_role", name="Cy", word="boss")
    assert entry.get_text() == "Ada=am,executive; Bo=presales; Cy=boss"
    shot(d, "members_problem")
    fill(d, entry, "Ada=am,executive; Bo=presales; Cy=pm")
    d.click(en("crewu.save"))
    top: object = d.app.top  # the members screen has gone back to the briefing
    assert top is brief and brief.crew_texts == {"player": "Ada=am,executive; Bo=presales; Cy=pm"}
    shot(d, "briefing_members")
    d.click(en("brief.start"))
    d.wait(0.2)
    board = d.app.top
    assert isinstance(board, BoardScreen)
    d.key(pygame.K_ESCAPE)  # the tutorial's guide
    crew = board.match.crew
    assert crew is not None and crew.me.name == "Ada"
    g = board.game
    assert {m.name for m in g.crew["player"].values()} == {"Ada", "Bo", "Cy"}

    # Ada (account manager) may not prepare a technical exchange: the board says whose it is.
    board.select_person("head_nurse")
    d.key(pygame.K_2)
    assert board.problem is not None and "(Bo), not Ada's: click Bo above the committee" in board.problem
    assert not board.add_button.is_enabled  # type: ignore[union-attr]  # built with the screen
    shot(d, "board_refused")
    d.click("Bo")
    assert crew.me.name == "Bo" and board.problem is None
    d.click(en("board.add"))
    # A joint action: Cy (project manager) confirms it.
    d.key(pygame.K_5)
    d.click(en("board.add"))
    assert d.app.modals, "the joint action asks for a confirmation"
    shot(d, "board_joint")
    d.click(en("crewu.joint_yes", who="Cy"))
    assert g.pending["player"] == [Allocation("technical_exchange", "head_nurse", 1), Allocation("solution_workshop", "head_nurse", 1)]
    assert [(c.by, c.confirmed_by) for _, c in crew.notes] == [("Bo", None), ("Bo", "Cy")]

    # The forecast box: a chance of 150% is refused when the turn ends; nothing typed is lost.
    fill(d, board.forecast.win_entry, "150")
    fill(d, board.forecast.price_entry, "1.1m")
    d.click("Ada")
    d.click(en("board.end"))
    assert d.app.modals and isinstance(d.app.top, BoardScreen) and g.turn == 1
    shot(d, "board_forecast_problem")
    d.key(pygame.K_ESCAPE)
    fill(d, board.forecast.win_entry, "40%")
    d.click(en("board.end"))
    d.click(en("board.end_anyway"))
    assert g.turn == 2
    assert [(f.turn, f.win, f.price, f.by) for f in g.forecasts_of("player")] == [(1, 0.4, 1_100_000.0, "Ada")]
    assert [(c.action, c.by, c.confirmed_by) for c in g.credits if c.turn == 1] == [
        ("technical_exchange", "Bo", None), ("solution_workshop", "Bo", "Cy")
    ]

    # With the bid: the chance to win with it, recorded with its price.
    d.pass_turns(lambda: g.phase == "turn")
    for _ in range(10):
        if isinstance(d.app.top, BidScreen):
            break
        d.key(pygame.K_SPACE)
    bid = d.app.top
    assert isinstance(bid, BidScreen)
    fill(d, bid.forecast.win_entry, "x")
    d.click("95%")
    shot(d, "bid_forecast_problem")
    d.click(en("bid.submit"))
    assert isinstance(d.app.top, BidScreen) and d.app.modals  # 'x' is not a chance
    d.key(pygame.K_ESCAPE)
    fill(d, bid.forecast.win_entry, "55")
    d.click(en("bid.submit"))
    d.click(en("bid.submit"))
    last = g.forecasts_of("player")[-1]
    assert (last.at_bid, last.win, last.price) == (True, 0.55, pytest.approx(0.95 * g.ceiling))


def test_a_forecast_typed_at_a_hot_seat_entry_goes_to_the_session(d: Driver, tmp_path: Path) -> None:
    s = make(tmp_path / "w.session.jsonl", teams=("Red", "Blue"), round_seconds=0)
    ws = Workshop(s)
    s.open_round()
    d.app.push(WsCurtainScreen(d.app, ws, "Red"))
    d.key(pygame.K_RETURN)
    board = d.app.top
    assert isinstance(board, SessionBoardScreen) and board.match.crew is None
    fill(d, board.forecast.win_entry, "35")
    fill(d, board.forecast.price_entry, "24m")
    shot(d, "hotseat_forecast")
    d.click(en("board.end"))
    d.click(en("board.end_anyway"))
    entries = [e for e in read_log(s.path).entries if e.get("type") == "forecast"]  # type: ignore[arg-type]  # created with a path
    assert [(e["team"], e["round"], e["win"], e["price"]) for e in entries] == [("Red", 1, 0.35, 24_000_000.0)]
    # Entered again in the same round: the forecast is shown as made.
    d.app.push(WsCurtainScreen(d.app, ws, "Red"))
    d.key(pygame.K_RETURN)
    again = d.app.top
    assert isinstance(again, SessionBoardScreen)
    assert (again.forecast.win_text, again.forecast.price_text) == ("35", "24,000,000")
