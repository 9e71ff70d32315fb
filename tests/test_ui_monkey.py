"""A monkey test: 20,000 random mouse and keyboard events across every screen, no exception.

The events are drawn from a fixed-seed numpy Generator. The run is split into
phases that each start on a different screen (title, briefing, boards of both
bundled sizes, curtain, turn report, bid, award), so every screen gets its share.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pygame
import pytest

from game.scenario import load_scenario
from game.session.hotseat import Match
from game.ui.driver import Driver
from game.ui.screens import title as title_module
from game.ui.screens.nav import go, to_title
from tests.conftest import SCENARIOS

EVENTS = 20_000
KEYS = [
    pygame.K_RETURN,
    pygame.K_ESCAPE,
    pygame.K_TAB,
    pygame.K_SPACE,
    pygame.K_BACKSPACE,
    pygame.K_LEFT,
    pygame.K_RIGHT,
    pygame.K_UP,
    pygame.K_DOWN,
    pygame.K_PAGEDOWN,
    pygame.K_PAGEUP,
    pygame.K_EQUALS,
    pygame.K_MINUS,
    pygame.K_e,
    pygame.K_b,
    pygame.K_g,
    pygame.K_r,
    pygame.K_z,
    pygame.K_o,
    pygame.K_SLASH,
    pygame.K_F1,
    pygame.K_F2,
    pygame.K_F11,
    *range(pygame.K_0, pygame.K_9 + 1),
]
TEXT = list("0123456789,.%mk万 ab中文") + ["none"]
# F11 (fullscreen) and F2 (language) rebuild everything; they come a tenth as often as other keys.
KEY_P = np.array([0.1 if k in (pygame.K_F11, pygame.K_F2) else 1.0 for k in KEYS])
KEY_P /= KEY_P.sum()


def _match(teams: list[str], scenario: str = "tutorial.yaml", seed: int = 4) -> Match:
    return Match(load_scenario(SCENARIOS / scenario), seed, teams)


def _played(turns: int | None) -> Match:
    m = _match(["player"])
    g = m.game
    for _ in range(turns if turns is not None else g.scenario.turns):
        g.end_turn()
    m.reports.clear()
    return m


def _setups(d: Driver) -> list[Callable[[], None]]:
    app = d.app

    def title() -> None:
        to_title(app)

    def briefing() -> None:
        to_title(app)
        app.top.select_path(SCENARIOS / "rural_schools.yaml")  # type: ignore[union-attr]  # the title screen is on top
        app.top.open_selected()  # type: ignore[union-attr]  # (the title screen)

    def board_small() -> None:
        to_title(app)
        go(app, _match(["player"]))

    def board_big_hot_seat() -> None:
        to_title(app)
        go(app, _match(["incumbent", "national_brand"], "rural_schools.yaml"))

    def report() -> None:
        to_title(app)
        m = _match(["player"])
        m.end_team_turn()
        go(app, m)

    def bid() -> None:
        to_title(app)
        go(app, _played(None))

    def award() -> None:
        to_title(app)
        m = _played(None)
        m.game.submit_bid("player", 1_100_000)
        m.bid_entered()
        go(app, m)

    def workshop_setup() -> None:
        from game.ui.workshop import open_setup

        to_title(app)
        open_setup(app, SCENARIOS / "rural_schools.yaml")

    def workshop_round() -> None:
        """The trainer's round control, a round open with a one-minute countdown (game/ui/workshop.py)."""
        from game.session.config import build_config
        from game.session.session import Session
        from game.ui.workshop import open_session

        to_title(app)
        path = SCENARIOS / "rural_schools.yaml"
        cfg = build_config(load_scenario(path), teams=["Red", "Blue", "Green"], mode="parallel", seed=5, round_seconds=60)
        session = Session.create(Path("monkey.session.jsonl").resolve(), path, cfg)
        session.open_round()
        open_session(app, session)

    def debrief() -> None:
        """The debrief of a finished game (game/ui/screens/debrief.py); its jobs run in threads."""
        from game.ui.screens.debrief import DebriefScreen

        to_title(app)
        m = _played(None)
        m.game.submit_bid("player", 1_100_000)
        m.bid_entered()
        go(app, m)
        app.push(DebriefScreen(app, m))

    def belief_map() -> None:
        """Our map of the committee over the board (game/ui/screens/beliefs.py)."""
        from game.ui.screens.beliefs import BeliefMapScreen

        to_title(app)
        m = _match(["player"])
        go(app, m)
        app.push(BeliefMapScreen(app, m, "player"))

    def free() -> None:
        """Carry on from wherever the previous phase left off."""

    return [title, briefing, board_small, board_big_hot_seat, report, bid, award, debrief, belief_map, workshop_setup, workshop_round, free]


def _random_events(rng: np.random.Generator, d: Driver) -> list[pygame.event.Event]:
    w, h = d.app.ctx.metrics.size
    r = rng.random()
    if r < 0.4:
        buttons = [b for b in d.buttons() if b.rect.w > 0]
        if buttons and rng.random() < 0.75:
            b = buttons[int(rng.integers(len(buttons)))]
            pos = (b.rect.centerx + int(rng.integers(-3, 4)), b.rect.centery + int(rng.integers(-3, 4)))
        else:
            pos = (int(rng.integers(0, w)), int(rng.integers(0, h)))
        button = 1 if rng.random() < 0.9 else int(rng.integers(2, 4))
        return [
            pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
            pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button),
            pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button),
        ]
    if r < 0.5:
        pos = (int(rng.integers(0, w)), int(rng.integers(0, h)))
        return [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0))]
    if r < 0.55:
        return [pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=int(rng.integers(-3, 4)), flipped=False, precise_x=0.0, precise_y=0.0)]
    if r < 0.88:
        key = KEYS[int(rng.choice(len(KEYS), p=KEY_P))]
        mod = pygame.KMOD_CTRL if rng.random() < 0.1 else (pygame.KMOD_SHIFT if rng.random() < 0.1 else 0)
        return [
            pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0),
            pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0),
        ]
    return [pygame.event.Event(pygame.TEXTINPUT, text=TEXT[int(rng.integers(len(TEXT)))])]


def test_monkey_20000_events_no_exception(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # sessions and exports the workshop screens write go there
    # Window sizes up to 1440x810 only, to keep the run short (4K is covered by test_ui.py).
    monkeypatch.setattr(title_module, "WINDOW_SIZES", ((1280, 720), (1440, 810)))
    # The debrief's Export report writes nothing here (the button's path is typed at random).
    monkeypatch.setattr("game.ui.screens.debrief.write_report", lambda _ds, _lang, path: (path, 0))
    rng = np.random.default_rng(20_240_601)
    d = Driver(SCENARIOS, size=(1280, 720), lang="en", seed=1)
    seen: set[str] = set()
    try:
        setups = _setups(d)
        per_phase = EVENTS // len(setups)
        fed = 0
        for phase, setup in enumerate(setups):
            setup()
            d.frame()
            while fed < per_phase * (phase + 1) or (phase == len(setups) - 1 and fed < EVENTS):
                batch = _random_events(rng, d) + _random_events(rng, d)  # two actions per frame
                fed += len(batch)
                d.app.step(batch, float(rng.uniform(0.0, 0.12)))
                if not d.app.running:  # a Quit button: start again on the title
                    d.app.running = True
                    to_title(d.app)
                if fed % 7 < len(batch):
                    d.app.draw()
                seen.add(type(d.app.top).__name__)
        assert fed >= EVENTS
    finally:
        from game.ui.screens.ws_common import close_all

        close_all()
        d.close()
    expected = {"TitleScreen", "BriefingScreen", "BoardScreen", "CurtainScreen", "TurnReportScreen", "BidScreen", "AwardScreen"}
    expected |= {"WsSetupScreen", "WsControlScreen"}
    expected |= {"DebriefScreen", "BeliefMapScreen"}
    assert expected <= seen, f"screens never reached: {expected - seen}"
