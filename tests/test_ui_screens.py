"""Screenshots of every screen at 1280x720 and 1920x1080, in English and Chinese.

They are written to $TENDER_SCREENSHOTS, or build/screenshots (ignored by git),
named LANG_WxH_NN_screen.png, for people to look at: overlap, cut text,
contrast, missing glyphs. The test checks that each one was drawn (not blank).
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path

import pygame
import pytest

from game.strings import t
from game.ui.driver import Driver
from game.ui.screens.bid import BidScreen
from game.ui.screens.board import BoardScreen
from game.ui.screens.turn_report import TurnReportScreen
from tests.conftest import ROOT, SCENARIOS

SIZES = ((1280, 720), (1920, 1080))
LANGS = ("en", "zh")


def folder() -> Path:
    return Path(os.environ.get("TENDER_SCREENSHOTS") or ROOT / "build" / "screenshots")


class Shots:
    def __init__(self, d: Driver, lang: str, size: tuple[int, int]) -> None:
        self.d, self.lang, self.size = d, lang, size
        self.n = 0
        self.paths: list[Path] = []

    def __call__(self, name: str) -> None:
        self.n += 1
        w, h = self.size
        self.paths.append(self.d.screenshot(folder() / f"{self.lang}_{w}x{h}_{self.n:02d}_{name}.png"))


def _until(d: Driver, kind: type, keys: tuple[int, ...] = (pygame.K_RETURN,)) -> None:
    for _ in range(40):
        if isinstance(d.app.top, kind):
            return
        for k in keys:
            d.key(k)
    raise AssertionError(f"never reached {kind.__name__}, at {type(d.app.top).__name__}")


def tutorial_tour(lang: str, size: tuple[int, int], tmp: Path) -> list[Path]:
    d = Driver(SCENARIOS, size=size, lang=lang, seed=2)
    shot = Shots(d, lang, size)
    try:
        shot("title")
        bad = tmp / f"broken_{lang}.yaml"
        bad.write_text("format: 1\nid: x\ntitle: X\nturns: 40\nstakeholders: []\n", encoding="utf-8")
        d.click_at(d.app.top.path_entry.rect.center)  # type: ignore[union-attr]  # the title screen is on top
        d.type_text(str(bad))
        d.key(pygame.K_RETURN)
        shot("title_problems")
        d.key(pygame.K_ESCAPE)
        d.key(pygame.K_UP)
        d.key(pygame.K_UP)
        d.key(pygame.K_UP)
        d.key(pygame.K_UP)
        d.key(pygame.K_UP)
        d.key(pygame.K_RETURN)
        shot("briefing")
        d.key(pygame.K_RETURN)
        d.wait(0.3)
        shot("board_guide")
        d.key(pygame.K_RETURN)
        d.key(pygame.K_RETURN)
        shot("board_guide_3")
        d.key(pygame.K_ESCAPE)
        board = d.app.top
        assert isinstance(board, BoardScreen)
        d.key(pygame.K_TAB)
        d.key(pygame.K_EQUALS)
        d.key(pygame.K_RETURN)
        d.key(pygame.K_TAB)
        d.key(pygame.K_5)
        d.key(pygame.K_RETURN)
        d.key(pygame.K_4)
        d.wait(0.2)
        shot("board_plan")
        d.key(pygame.K_F1)
        shot("help")
        d.key(pygame.K_ESCAPE)
        d.key(pygame.K_e)
        shot("board_end_question")
        d.key(pygame.K_RETURN)
        d.wait(0.5)
        shot("turn_report_sliding")
        d.wait(4)
        shot("turn_report")
        for _turn in range(3):
            _until(d, BoardScreen, (pygame.K_SPACE,))
            d.key(pygame.K_e)
            d.key(pygame.K_RETURN)
        _until(d, BidScreen, (pygame.K_SPACE,))
        d.type_text("700000")
        shot("bid_warnings")
        d.key(pygame.K_RETURN)
        shot("bid_confirm")
        d.key(pygame.K_ESCAPE)
        d.click("95%")
        shot("bid")
        d.click(t("bid.submit", lang))
        d.click(t("bid.submit", lang))
        d.wait(1.2)
        shot("award_opening")
        d.wait(4)
        shot("award")
        return shot.paths
    finally:
        d.close()


def hot_seat_tour(lang: str, size: tuple[int, int]) -> list[Path]:
    d = Driver(SCENARIOS, size=size, lang=lang, seed=6, scenario_path=SCENARIOS / "rural_schools.yaml")
    shot = Shots(d, lang, size)
    shot.n = 50
    try:
        d.click(t("brief.team_off", lang))
        shot("briefing_two_teams")
        d.key(pygame.K_RETURN)
        shot("curtain")
        d.key(pygame.K_RETURN)
        d.key(pygame.K_RIGHT)
        d.key(pygame.K_3)
        d.key(pygame.K_RETURN)
        d.wait(0.2)
        shot("board_12_people")
        g = d.app.top.match.game  # type: ignore[union-attr]  # a game screen is on top
        d.pass_turns(lambda: g.turn < 5)
        _until(d, TurnReportScreen)
        d.wait(6)
        shot("turn_report_rural")
        d.key(pygame.K_SPACE)
        d.wait(0.2)
        shot("board_rural_turn5")
        d.pass_turns(lambda: g.phase == "turn")
        for _team in range(2):
            _until(d, BidScreen, (pygame.K_RETURN, pygame.K_SPACE))
            d.click("92%")
            d.click(t("bid.submit", lang))
            d.click(t("bid.submit", lang))
        shot("open_bids")
        d.key(pygame.K_RETURN)
        d.wait(5)
        shot("award_two_teams")
        return shot.paths
    finally:
        d.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_screenshots_of_every_screen(lang: str, size: tuple[int, int], tmp_path: Path) -> None:
    paths = tutorial_tour(lang, size, tmp_path) + hot_seat_tour(lang, size)
    assert len(paths) >= 20
    for p in paths:
        img = pygame.image.load(str(p))
        assert img.get_size() == size
        small = pygame.transform.scale(img, (160, 90))
        colours = {small.get_at((x, y))[:3] for x in range(0, 160, 3) for y in range(0, 90, 3)}
        assert len(colours) > 5, f"{p.name} looks blank"
