"""A monkey test: random mouse and keyboard events and random typing across every screen, no exception.

The events are drawn from a fixed-seed numpy Generator. The run is split into
phases that each start on a different screen (title, briefing, boards of both
bundled sizes, curtain, turn report, bid, award, debrief, belief map, the
workshop's screens) or with a file chooser open (Browse on the title, the
workshop's Resume and Import), so every screen and dialog gets its share.

Text goes into every text box: a random entry is clicked now and then, and
what is typed mixes digits, prices, Chinese, control characters, bidi marks,
zero-width characters, emoji and very long strings. The window runs on a
scratch copy of the scenarios, and the test asserts that no file there was
deleted or changed, and that no exception reached the screen boundary (the
window's safety net catches them; the test fails on any it caught).
Bounded to about a minute on one core.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import hashlib
import shutil
import traceback
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pygame
import pygame_gui
import pytest

from game.scenario import load_scenario
from game.session.hotseat import Match
from game.ui.driver import Driver
from game.ui.screens import title as title_module
from game.ui.screens.nav import go, to_title
from game.ui.widgets import files as files_module
from tests.conftest import SCENARIOS

EVENTS = 24_000
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
    pygame.K_DELETE,
    pygame.K_HOME,
    pygame.K_END,
    pygame.K_a,
    pygame.K_x,
    pygame.K_w,
    *range(pygame.K_0, pygame.K_9 + 1),
]
TEXT = list("0123456789,.%mk万 ab中文") + ["none", "/", "..", "~"]
ODD = [
    "\u202e", "\u202d", "\u200b", "\u200d", "\u2066", "\ufeff", "\u00ad", "\ufe0f", "\u034f",  # bidi, zero width
    "😀", "👍🏽", "🇨🇳", "👨\u200d👩\u200d👧", "\U0001f9ea",  # emoji (not in the font)
    "\t", "\n", "\r", "\x00", "\x1b", "\x7f", "\x08",  # control characters
    "é", "e\u0301", "Ω", "①", "²", "٣", "ー", "ｱ", "\ue000",  # other scripts, compatibility digits, private use
]
# F11 (fullscreen) and F2 (language) rebuild everything; they come a tenth as often as other keys.
KEY_P = np.array([0.1 if k in (pygame.K_F11, pygame.K_F2) else 1.0 for k in KEYS])
KEY_P /= KEY_P.sum()


def _match(folder: Path, teams: list[str], scenario: str = "tutorial.yaml", seed: int = 4) -> Match:
    return Match(load_scenario(folder / scenario), seed, teams)


def _played(folder: Path, turns: int | None) -> Match:
    m = _match(folder, ["player"])
    g = m.game
    for _ in range(turns if turns is not None else g.scenario.turns):
        g.end_turn()
    m.reports.clear()
    return m


Phase = tuple[Callable[[], None], Callable[[], None] | None]  # its start, and what to do again when idle


def _setups(d: Driver, folder: Path, work: Path) -> list[Phase]:
    """Each phase's start (and, for the choosers, reopening them when closed); ``folder`` is the
    scratch scenarios, ``work`` the current folder (sessions go there)."""
    app = d.app

    def title() -> None:
        to_title(app)

    def title_browse() -> None:
        """The file chooser over the title screen (Browse..., Ctrl+O)."""
        to_title(app)
        app.top.browse()  # type: ignore[union-attr]

    def briefing() -> None:
        to_title(app)
        app.top.select_path(folder / "rural_schools.yaml")  # type: ignore[union-attr]  # the title screen is on top
        app.top.open_selected()  # type: ignore[union-attr]  # (the title screen)

    def board_small() -> None:
        to_title(app)
        go(app, _match(folder, ["player"]))

    def board_big_hot_seat() -> None:
        to_title(app)
        go(app, _match(folder, ["incumbent", "national_brand"], "rural_schools.yaml"))

    def report() -> None:
        to_title(app)
        m = _match(folder, ["player"])
        m.end_team_turn()
        go(app, m)

    def bid() -> None:
        to_title(app)
        go(app, _played(folder, None))

    def award() -> None:
        to_title(app)
        m = _played(folder, None)
        m.game.submit_bid("player", 1_100_000)
        m.bid_entered()
        go(app, m)

    def debrief() -> None:
        """The debrief of a finished game (game/ui/screens/debrief.py); its jobs run in threads."""
        from game.ui.screens.debrief import DebriefScreen

        award()
        app.push(DebriefScreen(app, app.top.match))  # type: ignore[union-attr]

    def debrief_export() -> None:
        """The debrief with its report bar open: the file name box takes the typing."""
        debrief()
        app.top.toggle_export()  # type: ignore[union-attr]

    def belief_map() -> None:
        """Our map of the committee over the board (game/ui/screens/beliefs.py)."""
        from game.ui.screens.beliefs import BeliefMapScreen

        to_title(app)
        m = _match(folder, ["player"])
        go(app, m)
        app.push(BeliefMapScreen(app, m, "player"))

    def workshop_setup() -> None:
        from game.ui.workshop import open_setup

        to_title(app)
        open_setup(app, folder / "rural_schools.yaml")

    def session(name: str) -> object:
        from game.session.config import build_config
        from game.session.session import Session

        path = folder / "rural_schools.yaml"
        cfg = build_config(load_scenario(path), teams=["Red", "Blue", "Green"], mode="parallel", seed=5, round_seconds=60)
        target = work / "sessions" / f"{name}.session.jsonl"
        target.parent.mkdir(exist_ok=True)
        s = Session.create(target, path, cfg)
        s.open_round()
        return s

    def workshop_round() -> None:
        """The trainer's round control, a round open with a one-minute countdown (game/ui/workshop.py)."""
        from game.ui.workshop import open_session

        to_title(app)
        open_session(app, session(f"round{len(seen_sessions)}"))  # type: ignore[arg-type]
        seen_sessions.append(1)

    def workshop_import() -> None:
        """Round control with the Import chooser open (decisions files)."""
        workshop_round()
        app.top.browse_files()  # type: ignore[union-attr]

    def workshop_events() -> None:
        workshop_round()
        app.top.show_events()  # type: ignore[union-attr]

    def workshop_export() -> None:
        workshop_round()
        app.top.show_export()  # type: ignore[union-attr]

    def resume_browse() -> None:
        """The workshop's Resume screen with its chooser open on the sessions folder."""
        from game.ui.screens.ws_resume import WsResumeScreen

        to_title(app)
        screen = WsResumeScreen(app, folder=work / "sessions")
        app.push(screen)
        screen.browse_file()

    def free() -> None:
        """Carry on from wherever the previous phase left off."""

    def reopen(screen: str, open_it: Callable[[], None]) -> Callable[[], None]:
        """Open the chooser again when it was closed (a pick, Cancel, Esc) and its screen is on top."""

        def again() -> None:
            if not app.modals and type(app.top).__name__ == screen:
                open_it()

        return again

    seen_sessions: list[int] = []
    plain: list[Callable[[], None]] = [
        title, briefing, board_small, board_big_hot_seat, report, bid, award, debrief, debrief_export,
        belief_map, workshop_setup, workshop_round, workshop_events, workshop_export,
    ]
    return [
        *((p, None) for p in plain),
        (title_browse, reopen("TitleScreen", lambda: app.top.browse())),  # type: ignore[union-attr]
        (workshop_import, reopen("WsControlScreen", lambda: app.top.browse_files())),  # type: ignore[union-attr]
        (resume_browse, reopen("WsResumeScreen", lambda: app.top.browse_file())),  # type: ignore[union-attr]
        (free, None),
    ]


def _text(rng: np.random.Generator) -> str:
    """What a user might type or an input method commit: mostly ordinary, sometimes odd or huge."""
    r = rng.random()
    if r < 0.55:
        return TEXT[int(rng.integers(len(TEXT)))]
    if r < 0.85:
        return ODD[int(rng.integers(len(ODD)))]
    if r < 0.95:  # a burst of mixed characters
        pool = TEXT + ODD
        return "".join(pool[int(i)] for i in rng.integers(len(pool), size=int(rng.integers(2, 12))))
    return str(rng.choice(["9", "x", "中", "\u202e", "/"])) * int(rng.integers(200, 3000))  # a stuck key, a huge paste


def _entries(d: Driver) -> list[pygame_gui.elements.UITextEntryLine]:
    return [e for e in d.elements() if isinstance(e, pygame_gui.elements.UITextEntryLine) and e.rect.w > 0]


def _random_events(rng: np.random.Generator, d: Driver) -> list[pygame.event.Event]:
    w, h = d.app.ctx.metrics.size
    r = rng.random()
    if r < 0.36:
        buttons = [b for b in d.buttons() if b.rect.w > 0]
        if buttons and rng.random() < 0.75:
            b = buttons[int(rng.integers(len(buttons)))]
            pos = (b.rect.centerx + int(rng.integers(-3, 4)), b.rect.centery + int(rng.integers(-3, 4)))
        else:
            pos = (int(rng.integers(0, w)), int(rng.integers(0, h)))
        button = 1 if rng.random() < 0.9 else int(rng.integers(2, 4))
        clicks = 2 if rng.random() < 0.15 else 1  # double clicks open folders and pick files in the chooser
        out = [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))]
        for _ in range(clicks):
            out += [
                pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button),
                pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button),
            ]
        return out
    if r < 0.42:
        entries = _entries(d)
        if entries:  # give a text box the keyboard
            e = entries[int(rng.integers(len(entries)))]
            pos = e.rect.center
            return [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1), pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)]
    if r < 0.48:
        pos = (int(rng.integers(0, w)), int(rng.integers(0, h)))
        return [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0))]
    if r < 0.52:
        return [pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=int(rng.integers(-3, 4)), flipped=False, precise_x=0.0, precise_y=0.0)]
    if r < 0.82:
        key = KEYS[int(rng.choice(len(KEYS), p=KEY_P))]
        mod = pygame.KMOD_CTRL if rng.random() < 0.1 else (pygame.KMOD_SHIFT if rng.random() < 0.1 else 0)
        return [
            pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0),
            pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0),
        ]
    return [pygame.event.Event(pygame.TEXTINPUT, text=_text(rng))]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with a hash of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_monkey_events_and_typing_no_exception_and_no_file_touched(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)  # sessions and exports the workshop screens write go here
    scratch = tmp_path / "scenarios"
    shutil.copytree(SCENARIOS, scratch)
    (scratch / "decisions").mkdir()
    (scratch / "decisions" / "red.yaml").write_text("vendor: incumbent\nturns: {}\n", encoding="utf-8")
    before = snapshot(scratch)
    # The choosers stay inside the test's folder: a random walk must not read (or pick) files elsewhere.
    real_list = files_module.list_folder

    def fenced(path: Path, suffixes: object, limit: int = files_module.MAX_ITEMS) -> files_module.Listing:
        if not path.resolve().is_relative_to(tmp_path.resolve()):
            return files_module.Listing(path, (), (), 0, "outside the test's folder")
        return real_list(path, suffixes, limit)  # type: ignore[arg-type]

    monkeypatch.setattr(files_module, "list_folder", fenced)
    # Window sizes up to 1440x810 only, to keep the run short (4K is covered by test_ui.py).
    monkeypatch.setattr(title_module, "WINDOW_SIZES", ((1280, 720), (1440, 810)))
    # The debrief's Export report writes nothing here (the button's path is typed at random).
    monkeypatch.setattr("game.ui.screens.debrief.write_report", lambda _ds, _lang, path: (path, 0))
    rng = np.random.default_rng(20_240_601)
    d = Driver(scratch, size=(1280, 720), lang="en", seed=1, strict=False)  # the boundary catches; errors are counted
    seen: set[str] = set()
    choosers = 0
    try:
        setups = _setups(d, scratch, work)
        per_phase = EVENTS // len(setups)
        fed = 0
        for phase, (setup, again) in enumerate(setups):
            setup()
            d.frame()
            while fed < per_phase * (phase + 1) or (phase == len(setups) - 1 and fed < EVENTS):
                if again is not None:
                    again()
                batch = _random_events(rng, d) + _random_events(rng, d)  # two actions per frame
                fed += len(batch)
                d.app.step(batch, float(rng.uniform(0.0, 0.12)))
                if not d.app.running:  # a Quit button: start again on the title
                    d.app.running = True
                    to_title(d.app)
                if fed % 7 < len(batch):
                    d.app.draw()
                seen.add(type(d.app.top).__name__)
                choosers += any(isinstance(m, files_module.FileChooser) for m in d.app.modals)
        assert fed >= EVENTS
    finally:
        from game.ui.screens.ws_common import close_all

        close_all()
        d.close()
    caught = ["".join(traceback.format_exception(e)) for e in d.app.errors]
    assert not caught, f"{len(caught)} exception(s) reached the screen boundary; the first:\n{caught[0]}"
    after = snapshot(scratch)
    assert {k: v for k, v in before.items() if after.get(k) != v} == {}, "files in the scenarios folder were deleted or changed"
    expected = {"TitleScreen", "BriefingScreen", "BoardScreen", "CurtainScreen", "TurnReportScreen", "BidScreen", "AwardScreen"}
    expected |= {"WsSetupScreen", "WsControlScreen", "WsEventsScreen", "WsExportScreen", "WsResumeScreen"}
    expected |= {"DebriefScreen", "BeliefMapScreen"}
    assert expected <= seen, f"screens never reached: {expected - seen}"
    assert choosers > 300, "the file choosers got too few events"
