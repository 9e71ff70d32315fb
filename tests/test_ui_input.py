"""What a user can type into the window, and the screen boundary that keeps the game going.

Text entries take anything a keyboard, an input method or a paste can produce:
zero-width and bidi characters are refused (pygame could not draw them alone),
a selection never outlives a text the game puts in, and a seed typed with
Unicode digits is not a crash. An exception a screen still raises is caught at
the screen boundary: logged, shown once, and the game goes on.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import logging
from collections.abc import Iterator

import pygame
import pytest

from game.scenario import load_scenario
from game.session.hotseat import Match
from game.strings import t
from game.ui.driver import Driver
from game.ui.screens.bid import BidScreen
from game.ui.screens.briefing import BriefingScreen
from game.ui.screens.nav import go, to_title
from game.ui.screens.title import TitleScreen
from game.ui.widgets.entry import MAX_CHARS, clean, typable
from tests.conftest import SCENARIOS

ZERO_WIDTH = ["\u202e", "\u202d", "\u200b", "\u200d", "\u2066", "\ufeff", "\u00ad", "\ufe0f", "\u034f", "\U000e0001"]


@pytest.fixture
def d() -> Iterator[Driver]:
    driver = Driver(SCENARIOS, size=(1280, 720), lang="en", seed=None)
    yield driver
    driver.close()


def title_of(d: Driver) -> TitleScreen:
    top = d.app.top
    assert isinstance(top, TitleScreen)
    return top


def test_zero_width_characters_are_refused_by_the_path_box(d: Driver) -> None:
    """U+202E typed alone into the title's path box raised 'pygame.error: Text has zero width'."""
    title = title_of(d)
    assert title.path_entry is not None
    d.click_at(title.path_entry.rect.center)
    assert d.app.typing()
    for ch in ZERO_WIDTH:
        d.type_text(ch)
        d.key(pygame.K_BACKSPACE)
    assert title.path_entry.get_text() == ""
    d.type_text("a\u202eb\u200b")  # mixed in: the marks are dropped, the letters kept
    assert title.path_entry.get_text() == "ab"
    d.key(pygame.K_HOME)
    d.key(pygame.K_DELETE)
    d.key(pygame.K_DELETE)
    assert title.path_entry.get_text() == ""
    assert d.app.errors == []


def test_the_rules_of_what_an_entry_takes() -> None:
    assert all(not typable(ch) for ch in ZERO_WIDTH)
    assert all(typable(ch) for ch in "aZ0中文万%,.-_/\\:é")
    assert clean("\u202escenarios/\u200brural.yaml\n") == "scenarios/rural.yaml"
    assert len(clean("x" * 10_000)) == MAX_CHARS


def test_a_very_long_paste_or_stuck_key_stops_at_the_limit(d: Driver) -> None:
    title = title_of(d)
    assert title.path_entry is not None
    d.click_at(title.path_entry.rect.center)
    d.frame([pygame.event.Event(pygame.TEXTINPUT, text="y" * 50) for _ in range(12)])
    assert len(title.path_entry.get_text()) == MAX_CHARS
    title.path_entry.set_text("z" * 5000)
    assert title.path_entry.get_text() == "z" * MAX_CHARS
    d.frame()
    assert d.app.errors == []


def test_a_share_button_over_a_selected_price_then_shift_delete(d: Driver) -> None:
    """IndexError 'No selected rows' escaped the bid screen: a selection kept across set_text."""
    m = Match(load_scenario(SCENARIOS / "tutorial.yaml"), 4, ["player"])
    for _ in range(m.game.scenario.turns):
        m.game.end_turn()
    go(d.app, m)
    d.frame()
    bid = d.app.top
    assert isinstance(bid, BidScreen) and bid.price_entry is not None
    d.click_at(bid.price_entry.rect.center)
    d.type_text("123")
    d.key(pygame.K_HOME, pygame.KMOD_SHIFT)
    d.click("90%")
    assert bid.price_entry.get_text() == f"{bid.game.ceiling * 0.9:,.0f}"
    d.click_at(bid.price_entry.rect.center)
    d.key(pygame.K_DELETE, pygame.KMOD_SHIFT)
    d.key(pygame.K_8)
    d.key(pygame.K_DELETE, pygame.KMOD_SHIFT)
    assert d.app.errors == []


@pytest.mark.parametrize(
    "typed", ["²", "➁", "٣", pytest.param("9" * 5000, id="5000-digits"), "9" * 19, "-3", "1e5", "inf"]
)
def test_a_seed_that_is_not_a_plain_number_is_not_used(d: Driver, typed: str) -> None:
    """'²'.isdigit() is True but int('²') raises; a 5,000-digit seed passes the int() digit limit."""
    title = title_of(d)
    title.seed_text = typed
    if title.seed_entry is not None:
        title.seed_entry.set_text(typed)
    title.open_selected()
    d.frame()
    brief = d.app.top
    assert isinstance(brief, BriefingScreen)
    assert 0 <= brief.seed < 1_000_000  # a fresh seed, as when the box is empty
    assert d.app.errors == []


def test_a_new_game_gets_a_new_seed_unless_one_is_typed() -> None:
    """Back on the title after a game, the seed box no longer holds the last game's seed."""
    d = Driver(SCENARIOS, size=(1280, 720), lang="en", seed=4242)  # as `python main.py --seed 4242`
    try:
        _new_seed_each_game(d)
    finally:
        d.close()


def _new_seed_each_game(d: Driver) -> None:
    title = title_of(d)
    assert title.seed_text == "4242"
    title.open_selected()
    d.frame()
    brief = d.app.top
    assert isinstance(brief, BriefingScreen) and brief.seed == 4242
    brief.start()
    d.frame()
    to_title(d.app)
    d.frame()
    title = title_of(d)
    assert title.seed_text == ""
    assert title.seed_entry is not None and title.seed_entry.get_text() == ""
    title.open_selected()
    d.frame()
    brief = d.app.top
    assert isinstance(brief, BriefingScreen) and brief.seed != 4242
    # A seed typed for the next game is used for it, and only for it.
    d.app.pop()
    title = title_of(d)
    assert title.seed_entry is not None
    title.seed_entry.set_text("77")
    title.seed_text = "77"
    title.open_selected()
    brief = d.app.top
    assert isinstance(brief, BriefingScreen) and brief.seed == 77


class Boom(RuntimeError):
    pass


def test_an_exception_in_a_screen_is_caught_logged_and_shown(d: Driver, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    d.app.strict = False

    def bad_event(self: TitleScreen, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_k:
            raise Boom("a bug in handle_event")
        return False

    monkeypatch.setattr(TitleScreen, "handle_event", bad_event)
    with caplog.at_level(logging.ERROR, logger="game.ui"):
        d.key(pygame.K_k)
    assert d.app.running and isinstance(d.app.top, TitleScreen)
    assert [type(e) for e in d.app.errors] == [Boom]
    assert "a bug in handle_event" in caplog.text and "Traceback" in caplog.text
    # One message, in the player's language, naming what failed.
    assert len(d.app.modals) == 1
    shown = d.app.modals[0].text.html_text  # type: ignore[attr-defined]
    assert t("error.where.event", "en") in shown and "Boom" in shown
    d.key(pygame.K_RETURN)  # OK closes it
    assert not d.app.modals
    # The same failure again is logged and kept, but not shown again.
    d.key(pygame.K_k)
    assert len(d.app.errors) == 2 and not d.app.modals


def test_a_screen_that_cannot_draw_leaves_a_blank_screen_and_working_buttons(d: Driver, monkeypatch: pytest.MonkeyPatch) -> None:
    d.app.strict = False

    def bad_paint(self: TitleScreen, surface: pygame.Surface) -> None:
        raise Boom("a bug in paint")

    monkeypatch.setattr(TitleScreen, "paint", bad_paint)
    title_of(d).dirty = True
    for _ in range(5):
        d.frame()
    assert len(d.app.errors) == 5  # every frame tried again
    assert len(d.app.modals) == 1  # one message
    d.key(pygame.K_RETURN)
    assert not d.app.modals
    monkeypatch.undo()
    title_of(d).dirty = True
    d.frame()
    n = len(d.app.errors)
    d.frame()
    assert len(d.app.errors) == n  # drawn again once the bug is gone
    d.click(t("title.start", "en"))  # the buttons still work
    assert isinstance(d.app.top, BriefingScreen)


def test_strict_mode_raises_for_the_tests(d: Driver, monkeypatch: pytest.MonkeyPatch) -> None:
    def bad_update(self: TitleScreen, dt: float) -> None:
        raise Boom("a bug in update")

    monkeypatch.setattr(TitleScreen, "update", bad_update)
    with pytest.raises(Boom):
        d.frame()


@pytest.mark.parametrize("typed", ["1e308", "1e308万", "inf", "nan", "-inf", "1e-300", "１２３", "➁"])
def test_an_extreme_price_is_drawn_and_submitted_without_a_crash(d: Driver, typed: str) -> None:
    """1e308 is a finite price the engine takes; the bar's ceiling marker overflowed int() drawing it."""
    m = Match(load_scenario(SCENARIOS / "tutorial.yaml"), 4, ["player"])
    for _ in range(m.game.scenario.turns):
        m.game.end_turn()
    go(d.app, m)
    bid = d.app.top
    assert isinstance(bid, BidScreen) and bid.price_entry is not None
    bid.price_entry.set_text(typed)
    bid.text = typed
    bid.dirty = True
    d.frame()
    d.click(t("bid.submit", "en"))
    assert d.app.modals  # a confirmation with its warnings, or why the price cannot be read
    assert d.app.errors == []


def test_the_live_event_form_reads_only_finite_numbers() -> None:
    from game.ui.screens.ws_events import form_value

    assert form_value("share", "30%") == pytest.approx(0.3)
    assert form_value("factor", "0.9") == pytest.approx(0.9)
    assert form_value("money", "1,000,000") == 1_000_000
    assert form_value("turns", "3") == 3
    for kind, raw in [("money", "inf"), ("share", "nan%"), ("factor", "1e400"), ("turns", "➁"), ("turns", "9" * 5000), ("turns", "1.5")]:
        with pytest.raises(ValueError):
            form_value(kind, raw)


def test_a_screen_that_cannot_open_leaves_the_one_below(d: Driver, monkeypatch: pytest.MonkeyPatch) -> None:
    d.app.strict = False

    def bad_build(self: BriefingScreen) -> None:
        raise Boom("a bug in build")

    monkeypatch.setattr(BriefingScreen, "build", bad_build)
    d.click(t("title.start", "en"))
    assert isinstance(d.app.top, TitleScreen) and len(d.app.stack) == 1
    assert [type(e) for e in d.app.errors] == [Boom] and d.app.modals
    d.key(pygame.K_RETURN)
    monkeypatch.undo()
    d.click(t("title.start", "en"))
    assert isinstance(d.app.top, BriefingScreen)
