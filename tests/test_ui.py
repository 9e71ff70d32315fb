"""The game window, driven headless (SDL dummy driver) by synthetic mouse and keyboard events.

Each test plays like a player (clicks at widget centres, key presses, typed text)
and checks the engine's state after each step: the window only sends decisions.
"""

from __future__ import annotations

import os

from game.ai.players import POLICIES

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game.engine.game import Allocation, Game
from game.strings import STRINGS, t
from game.ui.driver import Driver
from game.ui.screens.award import AwardScreen
from game.ui.screens.bid import BidScreen
from game.ui.screens.board import BoardScreen
from game.ui.screens.briefing import BriefingScreen
from game.ui.screens.curtain import CurtainScreen, OpenBidsScreen
from game.ui.screens.title import TitleScreen
from game.ui.screens.turn_report import TurnReportScreen
from tests.conftest import ROOT, SCENARIOS

CTRL = pygame.KMOD_CTRL


@pytest.fixture
def d() -> Iterator[Driver]:
    driver = Driver(SCENARIOS, size=(1280, 720), lang="en", seed=11)
    yield driver
    driver.close()


def en(key: str, **kw: object) -> str:
    return t(key, "en", **kw)


def click_person(d: Driver, sid: str) -> None:
    board = d.app.top
    assert isinstance(board, BoardScreen)
    b = board.boxes[sid]
    d.click_at(d.app.ctx.metrics.rect(b.x, b.y, b.w, b.h).center)
    assert board.selected == sid


def board_of(d: Driver) -> BoardScreen:
    top = d.app.top
    assert isinstance(top, BoardScreen), type(top).__name__
    return top


def test_a_whole_tutorial_game_by_mouse_and_keyboard(d: Driver) -> None:
    # Title: the tutorial is chosen by default.
    title = d.app.top
    assert isinstance(title, TitleScreen)
    assert title.chosen is not None and title.chosen.scenario is not None
    assert title.chosen.scenario.id == "tutorial"
    d.click(en("title.start"))
    assert isinstance(d.app.top, BriefingScreen)
    d.click(en("brief.start"))

    # The first-play guide opens on the tutorial's first board; step through it.
    board = board_of(d)
    g: Game = board.match.game
    assert (g.turn, g.phase, board.match.teams) == (1, "turn", ["player"])
    assert board.guide is not None and d.app.modals
    for _ in range(6):
        d.click(en("guide.next"))
    d.click(en("guide.done"))
    assert board.guide is None and not d.app.modals

    # Turn 1: allocate by mouse, take back by button and by Ctrl+Z.
    click_person(d, "it_head")
    d.click("1 " + en("action.visit"))
    d.click("+")
    assert board.amount == 2
    d.click(en("board.add"))
    assert g.pending["player"] == [Allocation("visit", "it_head", 2)]
    click_person(d, "head_nurse")
    d.click("7 " + en("action.intel"))
    d.click(en("board.add"))
    assert g.pending["player"][-1] == Allocation("intel", "head_nurse", 1)
    d.click(en("board.undo"))
    assert g.pending["player"] == [Allocation("visit", "it_head", 2)]
    d.key(pygame.K_z, mod=CTRL)
    assert g.pending["player"] == []
    d.key(pygame.K_z, mod=CTRL)  # nothing left to take back: no harm
    assert g.pending["player"] == []
    # Keyboard: action 5 (solution workshop) on the selected person, then a visit to the president.
    d.key(pygame.K_5)
    d.key(pygame.K_RETURN)
    assert g.pending["player"] == [Allocation("solution_workshop", "head_nurse", 1)]
    click_person(d, "president")
    d.key(pygame.K_1)
    d.key(pygame.K_EQUALS)
    d.key(pygame.K_RETURN)
    assert g.pending["player"][-1] == Allocation("visit", "president", 2)
    # Too much: the Add button is disabled and nothing is added.
    for _ in range(5):
        d.key(pygame.K_EQUALS)
    assert not d.button(en("board.add")).is_enabled
    d.key(pygame.K_RETURN)
    assert len(g.pending["player"]) == 2
    # Remove one allocation with its own button.
    plan = list(g.pending["player"])
    d.click_at(next(b for b in d.buttons() if b.text == "×").rect.center)
    assert g.pending["player"] == plan[1:]
    d.key(pygame.K_z, mod=CTRL)
    d.key(pygame.K_5)
    while board.amount > 1:
        d.key(pygame.K_MINUS)
    click_person(d, "head_nurse")
    d.key(pygame.K_RETURN)
    assert sorted(a.action for a in g.pending["player"]) == ["solution_workshop"]

    # End the turn with days unspent: asked first; "keep planning" keeps everything.
    d.click(en("board.end"))
    assert d.app.modals
    d.click(en("board.keep_planning"))
    assert not d.app.modals and g.turn == 1 and len(g.pending["player"]) == 1
    d.click(en("board.end"))
    d.click(en("board.end_anyway"))
    assert g.turn == 2 and len(g.records) == 1 and g.pending["player"] == []
    report = d.app.top
    assert isinstance(report, TurnReportScreen)
    assert [o.action for o in g.records[0].outcomes if o.vendor == "player"] == ["solution_workshop"]

    # End of turn: the cards come one by one; a click shows them all, then Continue.
    assert not report.shown_all
    d.click(en("report.show_all"))
    assert report.shown_all
    d.click(en("report.continue"))
    board = board_of(d)
    assert g.turn == 2
    # The last turn's results again, from the board and back (R, then Esc).
    d.key(pygame.K_r)
    again = d.app.top
    assert isinstance(again, TurnReportScreen) and again.review
    d.key(pygame.K_ESCAPE)
    assert board_of(d) is board and g.turn == 2

    # Turns 2-4 by keyboard: a visit each turn, E ends the turn, Enter confirms.
    for turn in (2, 3, 4):
        board = board_of(d)
        assert board.guide is None  # the guide shows once
        d.key(pygame.K_TAB)
        d.key(pygame.K_1)
        d.key(pygame.K_RETURN)
        assert len(g.pending["player"]) == 1
        d.key(pygame.K_e)
        d.key(pygame.K_RETURN)
        assert g.turn == turn + 1
        assert isinstance(d.app.top, TurnReportScreen)
        d.key(pygame.K_SPACE)
        d.key(pygame.K_SPACE)
    assert g.phase == "bid"

    # The bid: over the ceiling is warned about; cancelling submits nothing.
    bid = d.app.top
    assert isinstance(bid, BidScreen)
    d.type_text("1,300,000")
    price, problem, warnings = bid.reading()
    assert price == 1_300_000 and problem is None and "over_ceiling" in warnings
    d.click(en("bid.submit"))
    d.click(en("ui.cancel"))
    assert g.bids == {} and isinstance(d.app.top, BidScreen)
    d.click("95%")
    assert bid.reading()[0] == pytest.approx(0.95 * g.ceiling)
    d.click(en("bid.submit"))
    d.click(en("bid.submit"))  # the dialog's confirm button (the last one with this text)
    assert g.bids == {"player": pytest.approx(1_140_000)}
    assert g.phase == "done" and g.result is not None

    # The award: a click reveals everything; the numbers are the engine's.
    award = d.app.top
    assert isinstance(award, AwardScreen)
    assert award.result is g.result
    d.click_at((10, 400))
    assert award.shown_all
    # Same seed and decisions = same game: the window added nothing of its own.
    again = Game.replay(g.scenario, g.seed, g.log, g.humans, players=POLICIES)
    assert again.result == g.result
    d.click(en("award.title_screen"))
    assert isinstance(d.app.top, TitleScreen)


def test_hot_seat_teams_never_see_each_other(tmp_path: Path) -> None:
    d = Driver(SCENARIOS, size=(1280, 720), lang="en", seed=5, scenario_path=SCENARIOS / "rural_schools.yaml")
    try:
        assert isinstance(d.app.top, BriefingScreen)
        d.click(en("brief.team_off"))  # Kunlun joins as a second team
        d.click(en("brief.start"))
        curtain = d.app.top
        assert isinstance(curtain, CurtainScreen)
        match = curtain.match
        assert match.teams == ["incumbent", "national_brand"]
        # Nothing of any team on the curtain: only its two buttons.
        assert sorted(b.text for b in d.buttons()) == sorted([en("curtain.ready"), en("board.leave")])
        d.key(pygame.K_RETURN)
        board = board_of(d)
        assert board.vid == "incumbent"
        d.key(pygame.K_RETURN)  # a visit to the selected person
        assert len(match.game.pending["incumbent"]) == 1
        d.key(pygame.K_e)
        d.key(pygame.K_RETURN)
        assert isinstance(d.app.top, CurtainScreen) and match.game.turn == 1
        d.key(pygame.K_RETURN)
        board = board_of(d)
        assert board.vid == "national_brand" and board.pending() == []
        d.key(pygame.K_e)
        d.key(pygame.K_RETURN)
        assert match.game.turn == 2
        # Each team's report behind its own curtain.
        for vid in ("incumbent", "national_brand"):
            assert isinstance(d.app.top, CurtainScreen)
            d.key(pygame.K_RETURN)
            report = d.app.top
            assert isinstance(report, TurnReportScreen) and report.vid == vid
            d.key(pygame.K_SPACE)
            d.key(pygame.K_SPACE)
            assert board_of(d).vid == vid
            d.key(pygame.K_e)
            d.key(pygame.K_RETURN)
        assert match.game.turn == 3
        # Play the remaining turns to the bids; the bids open together.
        d.pass_turns(lambda: match.game.phase == "turn")
        for _vid in match.teams:
            while not isinstance(d.app.top, BidScreen):
                d.key(pygame.K_RETURN if isinstance(d.app.top, CurtainScreen) else pygame.K_SPACE)
            d.click("97%")
            d.click(en("bid.submit"))
            d.click(en("bid.submit"))
        assert isinstance(d.app.top, OpenBidsScreen)
        assert match.game.result is None
        d.key(pygame.K_RETURN)
        assert isinstance(d.app.top, AwardScreen) and match.game.result is not None
        assert set(match.game.bids) == {"incumbent", "national_brand"}
    finally:
        d.close()


def test_language_switch_applies_at_once(d: Driver) -> None:
    d.click("中文")
    assert d.app.ctx.lang == "zh"
    assert d.has_button(t("title.start", "zh"))
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)
    board = board_of(d)
    assert board.guide is not None
    assert d.has_button(t("guide.next", "zh"))
    d.key(pygame.K_F2)  # the guide stays open, now in English
    assert d.app.ctx.lang == "en" and board.guide is not None
    assert d.has_button(en("guide.next")) and d.has_button(en("board.end"))
    d.key(pygame.K_ESCAPE)
    assert board.guide is None
    d.click("中文")
    assert d.has_button(t("board.end", "zh")) and not d.has_button(en("board.end"))


def test_a_broken_scenario_file_shows_its_problems(d: Driver, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: bad\ntitle: Bad\nbriefing: b\nturns: 1\n", encoding="utf-8")
    title = d.app.top
    assert isinstance(title, TitleScreen) and title.path_entry is not None
    d.click_at(title.path_entry.rect.center)
    d.type_text(str(bad))
    d.key(pygame.K_RETURN)
    assert d.app.modals, "a window lists the problems"
    text = d.app.modals[-1].text.html_text  # type: ignore[attr-defined]  # the message box and its text box
    assert f"{bad}:5:" in text and "error" in text
    d.key(pygame.K_ESCAPE)
    assert not d.app.modals
    assert title.chosen is not None and title.chosen.scenario is None
    assert not d.button(en("title.start")).is_enabled
    # A path that does not exist is a message too, never a crash.
    d.click_at(title.path_entry.rect.center)
    d.type_text("x")
    d.key(pygame.K_RETURN)
    assert d.app.modals
    d.click(en("ui.ok"))


def test_leaving_a_game_asks_first(d: Driver) -> None:
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)
    d.key(pygame.K_ESCAPE)  # closes the guide
    board = board_of(d)
    d.key(pygame.K_RETURN)
    assert len(board.match.game.pending["player"]) == 1
    d.key(pygame.K_ESCAPE)  # asks
    assert d.app.modals
    d.key(pygame.K_ESCAPE)  # no: the plan is still there
    assert board_of(d) is board and len(board.match.game.pending["player"]) == 1
    d.click(en("board.leave"))
    d.click(en("board.leave_yes"))
    assert isinstance(d.app.top, TitleScreen)


def test_help_window_and_window_sizes(d: Driver) -> None:
    d.key(pygame.K_F1)
    assert d.app.modals
    d.key(pygame.K_F1)
    assert not d.app.modals
    for size in ((1920, 1080), (3840, 2160), (1280, 720)):
        d.frame([pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size)])
        d.app.set_display(size=size, fullscreen=False)
        assert d.app.ctx.metrics.size == size
        assert d.has_button(en("title.start"))
    assert d.app.ctx.metrics.scale == pytest.approx(1280 / 1440)


def test_every_button_has_a_tooltip(d: Driver) -> None:
    """Every button the screens and their windows make explains itself on hover."""
    import pygame_gui

    def check() -> None:
        screen = d.app.top
        assert screen is not None
        ours = [e for e in screen.elements if isinstance(e, pygame_gui.elements.UIButton)]
        for modal in d.app.modals:
            ours += getattr(modal, "buttons", [])
        assert ours
        for b in ours:
            assert b.tool_tip_text, f"{type(screen).__name__}: button {b.text!r} has no tooltip"

    check()  # title
    d.key(pygame.K_RETURN)
    check()  # briefing
    d.key(pygame.K_RETURN)
    check()  # board with the guide
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_RETURN)
    d.key(pygame.K_e)
    check()  # board with the end-of-turn question
    d.key(pygame.K_RETURN)
    check()  # turn report


def test_window_that_cannot_open_returns_none(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from game.ui import app as app_module

    def broken(*_a: object, **_k: object) -> None:
        raise pygame.error("no available video device")

    monkeypatch.setattr(pygame.display, "set_mode", broken)
    assert app_module.run_window(SCENARIOS) is None
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["The game window cannot open: no available video device."]


def test_missing_font_is_a_message(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from game.ui import context

    monkeypatch.setattr(context, "font_files", lambda _assets: None)
    driver = Driver(SCENARIOS, size=(1280, 720), lang="zh")
    try:
        assert driver.app.ctx.fonts.missing
        assert "Noto Sans SC" in capsys.readouterr().err
        driver.key(pygame.K_RETURN)
        assert isinstance(driver.app.top, BriefingScreen)
    finally:
        driver.close()


def test_every_chinese_string_has_glyphs() -> None:
    """No tofu: the window's font has a glyph for every character of every Chinese string."""
    from game.ui.theme import font_files

    files = font_files(ROOT / "assets")
    assert files is not None
    pygame.font.init()
    font = pygame.font.Font(str(files[0]), 20)
    chars = {ch for _en, zh in STRINGS.values() for ch in zh if not ch.isspace()}
    for f in sorted(SCENARIOS.glob("*.yaml")):
        chars |= {ch for ch in f.read_text(encoding="utf-8") if ord(ch) > 0x2E80}
    missing = sorted(ch for ch in chars if font.metrics(ch)[0] is None)
    assert not missing, f"characters without a glyph: {''.join(missing)}"


def test_chinese_lines_are_broken_before_pygame_gui_hyphenates(d: Driver) -> None:
    """pygame_gui breaks only at spaces and hyphenates Chinese; wrap_html breaks it properly first."""
    from game.ui.widgets.richtext import wrap_html

    fonts = d.app.ctx.fonts
    text = t("guide.chart", "zh") + "<br><b>" + t("board.leave_q", "zh") + "</b>"
    out = wrap_html(fonts, text, 300, 18)
    assert out.replace("<br>", "") == text.replace("<br>", "")  # only breaks are added
    for line in out.replace("<b>", "").replace("</b>", "").split("<br>"):
        assert fonts.width(line, 18) <= 300
        assert not line.startswith(("，", "。", "：", "）"))  # no closing punctuation first
    # A word longer than the box is split by characters, never with a hyphen.
    long = "/a/very/long/path/without/any/space/in/it/scenario.yaml"
    assert all(fonts.width(x, 18) <= 300 for x in wrap_html(fonts, long, 300, 18).split("<br>"))
    assert "-" not in wrap_html(fonts, long, 300, 18)


def test_closing_the_window_mid_game_asks_first(d: Driver) -> None:
    d.frame([pygame.event.Event(pygame.QUIT)])  # on the title: quits at once
    assert not d.app.running
    d.app.running = True
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)
    d.key(pygame.K_ESCAPE)
    board_of(d)
    d.frame([pygame.event.Event(pygame.QUIT)])
    assert d.app.running and d.app.modals
    d.key(pygame.K_ESCAPE)  # stay
    assert d.app.running and not d.app.modals
    d.frame([pygame.event.Event(pygame.QUIT)])
    d.frame([pygame.event.Event(pygame.QUIT)])  # closing twice quits
    assert not d.app.running


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_pool_seat_offers_no_action_and_says_why(lang: str) -> None:
    """The rural panel's outside experts are drawn from the pool: their card says so, every
    action button is disabled, the Add key does nothing, and the preview panel gives the
    engine's refusal in the player's language; another person's preview leads with the stance."""
    from game.ui.screens.board_paint import preview_lines

    d = Driver(SCENARIOS, size=(1280, 720), lang=lang, seed=4, scenario_path=SCENARIOS / "rural_schools.yaml")
    try:
        d.click(t("brief.start", lang))
        board = board_of(d)
        g = board.match.game
        click_person(d, "expert_liu")
        assert all(not b.is_enabled for b in board.action_buttons.values())
        assert not d.button(t("board.add", lang)).is_enabled
        d.key(pygame.K_RETURN)
        assert g.pending["incumbent"] == []
        texts = [text for text, _colour, _bold in preview_lines(board)]
        name = board.person("expert_liu").name.get(lang)
        assert t("err.pool_seat", lang, person=name) in texts
        click_person(d, "equipment_director")
        assert all(b.is_enabled for b in board.action_buttons.values())
        texts = [text for text, _colour, _bold in preview_lines(board)]
        stance = next(i for i, x in enumerate(texts) if x.startswith(t("preview.stance", lang, stance="")[:8]))
        assert t("change.stance", lang, d="") in texts[stance]
        through = t("preview.through", lang, items="")[:5]  # "What moves it: relationship ..., perceived fit ..."
        moved = next(i for i, x in enumerate(texts) if x.startswith(through))
        assert stance < moved and t("change.rel", lang, d="").strip() in texts[moved]
        d.key(pygame.K_RETURN)
        assert g.pending["incumbent"] == [Allocation("visit", "equipment_director", 1)]
    finally:
        d.close()
