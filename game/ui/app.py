"""The game window: opening it, the stack of screens and the main loop.

:func:`run_window` is what ``python main.py`` calls. :class:`App` holds the
screen stack (push / pop / replace) and a steppable loop: ``step(events, dt)``
handles events and advances time, ``draw()`` renders a frame, so tests drive the
window with synthetic events and no real clock. Screens never compute game
results: they call :class:`game.engine.game.Game` and show what it returns.

The screen boundary: an exception raised while an event is handled, a command
runs, or a screen updates or draws is caught there (:meth:`App.guard`), logged
with its traceback (the ``game.ui`` logger, stderr by default), kept in
``App.errors`` and shown once in a message; the game carries on. With
``TENDER_DEBUG=1`` (or ``App.strict``, which the tests' Driver sets) it is
raised instead.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
import time
import traceback
import warnings
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui

from game.ui.context import Context, make_context, make_manager
from game.ui.theme import BG, MAX_SIZE, WINDOW_SIZES, Metrics

if TYPE_CHECKING:
    from game.ui.screens.base import Screen
    from game.ui.widgets.dialogs import ModalLike

CAPTION = "Tender Game · 招投标沙盘"
FPS = 60
# Set by the startup bench: quit right after the first title frame and say so on stdout.
QUIT_AFTER_TITLE = "TENDER_QUIT_AFTER_TITLE"
log = logging.getLogger("game.ui")


class App:
    """The screen stack and the loop. Only the top screen has widgets and gets events."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.stack: list[Screen] = []
        self.modals: list[ModalLike] = []
        self.running = True
        self.exit_code = 0
        self.clock_time = 0.0
        self._deferred: list[Callable[[], None]] = []
        self._help: ModalLike | None = None
        self._quit_asked = False
        # Exceptions caught at the screen boundary (see guard); strict re-raises them (tests, TENDER_DEBUG).
        self.errors: list[Exception] = []
        self.strict = bool(os.environ.get("TENDER_DEBUG"))
        self._told: set[tuple[str, str, str]] = set()
        # A served session (teams in their own browsers): how to start serving a session, whether
        # the command line asked for it, and, once served, the lock the window holds while it
        # handles a frame (the web server answers the teams between frames) and how to stop.
        self.serve: Callable[[Any], tuple[Any, Callable[[], None]]] | None = None
        self.serve_default = False
        self.shared_lock: threading.Lock | None = None
        self.stop_serving: list[Callable[[], None]] = []

    # -- the stack ---------------------------------------------------------------------
    @property
    def top(self) -> Screen | None:
        return self.stack[-1] if self.stack else None

    def push(self, screen: Screen) -> None:
        self.close_modals()
        below = self.top
        if below is not None:
            below.suspend()
        self._open(screen, below, put_back=False)

    def pop(self) -> Screen | None:
        self.close_modals()
        if not self.stack:
            return None
        screen = self.stack.pop()
        screen.exit()
        if self.top is not None:
            self.top.resume()
        return screen

    def replace(self, screen: Screen) -> None:
        self.close_modals()
        old = self.stack.pop() if self.stack else None
        if old is not None:
            old.exit()
        self._open(screen, old, put_back=True)

    def _open(self, screen: Screen, back: Screen | None, *, put_back: bool) -> None:
        """Put ``screen`` on top; if it cannot open, ``back`` is shown again (and the boundary reports why)."""
        self.stack.append(screen)
        try:
            screen.enter()
        except Exception:
            screen.clear()
            self.stack.remove(screen)
            if back is not None:
                if put_back:
                    self.stack.append(back)
                back.resume()
            raise

    def set_stack(self, screens: list[Screen]) -> None:
        """Replace the whole stack; only the new top is entered (the others on resume)."""
        self.close_modals()
        while self.stack:
            self.stack.pop().exit()
        self.stack.extend(screens)
        if self.top is not None:
            self.top.enter()

    def defer(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` once the current event is handled (buttons call this, not the action itself)."""
        self._deferred.append(fn)

    def quit(self, code: int = 0) -> None:
        self.running = False
        self.exit_code = code

    def request_quit(self) -> None:
        """The window's close box: asks first while a game is under way (a second close quits)."""
        match = getattr(self.top, "match", None)
        game = getattr(match, "game", None)
        if game is None or game.phase == "done" or self._quit_asked:
            self.quit(0)
            return
        from game.ui.widgets.dialogs import confirm

        self.close_modals()
        self._quit_asked = True

        def stay() -> None:
            self._quit_asked = False

        confirm(
            self,
            self.ctx.tr("quit.title"),
            self.ctx.tr("quit.question"),
            yes=self.ctx.tr("quit.yes"),
            yes_tip=self.ctx.tr("quit.yes.tip"),
            on_yes=lambda: self.quit(0),
            on_no=stay,
            danger=True,
        )

    # -- modal windows -----------------------------------------------------------------
    def open_modal(self, modal: ModalLike) -> None:
        self.modals.append(modal)

    def close_modals(self) -> None:
        while self.modals:
            self.modals.pop().dismiss()
        self._help = None

    def _prune_modals(self) -> None:
        for m in list(self.modals):
            if not m.alive():
                self.modals.remove(m)
                m.closed_by_window()
        if self._help is not None and not self._help.alive():
            self._help = None

    def toggle_help(self) -> None:
        from game.ui.widgets.dialogs import help_window

        if self._help is not None and self._help.alive():
            self._help.close()
            self._help = None
            return
        screen = self.top
        self._help = help_window(self, screen.shortcuts() if screen is not None else [])
        self.open_modal(self._help)

    # -- language and window ---------------------------------------------------------------
    def set_lang(self, lang: str) -> None:
        """Switch the language at once: the current screen is rebuilt in it."""
        if lang == self.ctx.lang:
            return
        self.ctx.lang = lang
        self.ctx.manager.set_locale(lang)
        self.close_modals()
        if self.top is not None:
            self.top.rebuild()

    def resize(self, size: tuple[int, int]) -> None:
        """New window size: a theme scaled to it, and the current screen laid out again."""
        size = (max(320, min(MAX_SIZE[0], size[0])), max(240, min(MAX_SIZE[1], size[1])))
        self.close_modals()
        if self.top is not None:
            self.top.clear()
        self.ctx.metrics = Metrics.for_size(size)
        self.ctx.manager = make_manager(size, self.ctx.theme_template, self.ctx.font_paths, self.ctx.lang)
        if self.top is not None:
            self.top.rebuild()

    def set_display(self, size: tuple[int, int] | None = None, fullscreen: bool | None = None) -> None:
        """Windowed at ``size`` or fullscreen; keeps the current size when a mode cannot be set."""
        ctx = self.ctx
        full = ctx.fullscreen if fullscreen is None else fullscreen
        want = size or ctx.windowed_size
        try:
            if full:
                surface = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            else:
                surface = pygame.display.set_mode(want, pygame.RESIZABLE)
        except pygame.error as exc:
            print(f"note: cannot change the window ({exc}); keeping it as it is", file=sys.stderr)
            return
        ctx.fullscreen = full
        if not full:
            ctx.windowed_size = surface.get_size()
        ctx.surface = surface
        self.resize(surface.get_size())

    # -- the loop ------------------------------------------------------------------------------
    def typing(self) -> bool:
        """True while a text entry has the keyboard (shortcuts stay off)."""
        focus = self.ctx.manager.get_focus_set()
        return any(isinstance(e, pygame_gui.elements.UITextEntryLine) for e in focus or ())

    # -- the screen boundary ---------------------------------------------------------------
    def guard(self, where: str, fn: Callable[[], None]) -> bool:
        """Run ``fn``; an exception is logged, kept and shown, and the game goes on. True if it ran."""
        try:
            fn()
        except Exception as exc:  # the screen boundary: nothing escapes to the player
            if not self.errors or self.errors[-1] is not exc:  # a nested guard already kept it
                self.errors.append(exc)
            if self.strict:
                raise
            self._report(where, exc)
            return False
        return True

    def _report(self, where: str, exc: Exception) -> None:
        screen = type(self.top).__name__ if self.top is not None else "-"
        log.error("%s failed on %s: %s: %s", where, screen, type(exc).__name__, exc, exc_info=exc)
        key = (where, screen, type(exc).__name__)
        if key in self._told:  # once per kind: a failing draw must not open a message every frame
            return
        self._told.add(key)
        from game.ui.widgets.dialogs import message

        try:
            message(
                self,
                self.ctx.tr("error.title"),
                self.ctx.tr("error.body", what=self.ctx.tr(f"error.where.{where}"), error=f"{type(exc).__name__}: {exc}"),
            )
        except Exception as inner:  # the message itself could not open: the log has it
            log.error("the error message could not open: %s", inner)

    def step(self, events: Iterable[pygame.event.Event] | None = None, dt: float = 1.0 / FPS) -> None:
        """Handle ``events`` (the real queue when None), then what the widgets posted; advance by dt."""
        batch = list(pygame.event.get()) if events is None else list(events)
        for _ in range(4):
            for event in batch:
                self.guard("event", partial(self.handle, event))
                if not self.running:
                    return
            batch = pygame.event.get()
            if not batch:
                break
        self._prune_modals()
        self.guard("widgets", lambda: self.ctx.manager.update(dt))
        self._prune_modals()
        self.clock_time += dt
        top = self.top
        if top is not None:
            self.guard("update", lambda: top.update(dt))
        self._run_deferred()

    def _run_deferred(self) -> None:
        while self._deferred:
            fn = self._deferred.pop(0)
            self.guard("command", fn)

    def handle(self, event: pygame.event.Event) -> None:
        ctx = self.ctx
        if event.type == pygame.QUIT:
            self.request_quit()
            return
        if event.type == pygame.VIDEORESIZE and not ctx.fullscreen:
            size = (int(event.w), int(event.h))
            if size != ctx.metrics.size:
                ctx.surface = pygame.display.get_surface() or ctx.surface
                ctx.windowed_size = size
                self.resize(ctx.surface.get_size())
            return
        if event.type == pygame.KEYDOWN and self._global_key(event):
            return
        consumed = ctx.manager.process_events(event)
        self._run_deferred()
        self._prune_modals()
        if self.modals:
            modal = self.modals[-1]
            if modal.handle_event(event):
                self._run_deferred()
                return
            enter = event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER)
            if enter and not self.typing():
                modal.accept()
            self._run_deferred()
            return
        screen = self.top
        if screen is not None and not (consumed and event.type in _INPUT_EVENTS):
            screen.handle_event(event)
        self._run_deferred()

    def _global_key(self, event: pygame.event.Event) -> bool:
        key = event.key
        if key == pygame.K_ESCAPE and self.modals:
            self.modals[-1].close()
            self._prune_modals()
            return True
        if key == pygame.K_F1 or (key == pygame.K_SLASH and event.mod & pygame.KMOD_SHIFT and not self.typing()):
            self.toggle_help()
            return True
        if key == pygame.K_F11:
            self.set_display(fullscreen=not self.ctx.fullscreen)
            return True
        if key == pygame.K_F2:
            self.set_lang("en" if self.ctx.lang == "zh" else "zh")
            return True
        return False

    def draw(self) -> None:
        """Render one frame into the window surface (nothing in the game changes)."""
        surface = self.ctx.surface
        first = len(self.stack) - 1
        while first > 0 and not self.stack[first].opaque:
            first -= 1
        if not self.stack:
            surface.fill(BG)
        for screen in self.stack[max(first, 0):]:
            if not self.guard("draw", partial(screen.draw, surface)):
                surface.fill(BG)  # the widgets still work (Back, Leave) over a blank screen
        self.guard("widgets", lambda: self.ctx.manager.draw_ui(surface))

    def run(self, on_first_frame: Callable[[], None] | None = None) -> int:
        clock = pygame.time.Clock()
        first = True
        while self.running:
            dt = clock.tick(FPS) / 1000.0
            with self.shared_lock or contextlib.nullcontext():
                self.step(None, min(dt, 0.1))
                if not self.running:
                    break
                self.draw()
            pygame.display.flip()
            if first and on_first_frame is not None:
                on_first_frame()
            first = False
        return self.exit_code


_INPUT_EVENTS = {
    pygame.MOUSEBUTTONDOWN,
    pygame.MOUSEBUTTONUP,
    pygame.KEYDOWN,
    pygame.KEYUP,
    pygame.TEXTINPUT,
    pygame.MOUSEWHEEL,
}


def _assets_dir(scenarios_dir: Path) -> Path | None:
    for candidate in (scenarios_dir.parent / "assets", Path(__file__).resolve().parents[2] / "assets"):
        if candidate.is_dir():
            return candidate
    return None


def _window_size() -> tuple[int, int]:
    """The window size: TENDER_WINDOW=WxH, else the largest listed size that fits the desktop."""
    wanted = os.environ.get("TENDER_WINDOW", "")
    if "x" in wanted:
        try:
            w, h = (int(x) for x in wanted.lower().split("x", 1))
            return max(320, w), max(240, h)
        except ValueError:
            print(f"note: TENDER_WINDOW={wanted!r} is not WIDTHxHEIGHT; using the default size", file=sys.stderr)
    try:
        desk = pygame.display.get_desktop_sizes()[0]
    except (pygame.error, IndexError):
        desk = WINDOW_SIZES[0]
    fitting = [s for s in WINDOW_SIZES if s[0] <= desk[0] * 0.92 and s[1] <= desk[1] * 0.92]
    return fitting[-1] if fitting else WINDOW_SIZES[0]


def open_app(
    scenarios_dir: Path,
    *,
    scenario_path: Path | None = None,
    seed: int | None = None,
    lang: str = "en",
    size: tuple[int, int] | None = None,
    fullscreen: bool = False,
) -> App:
    """Open the window and the first screens; raises pygame.error when no window can open."""
    # pygame_gui warns about fonts it loads on demand; that is expected here, not a problem.
    warnings.filterwarnings("ignore", category=UserWarning, module=r"pygame_gui\..*")
    pygame.display.init()
    pygame.font.init()
    pygame.key.set_repeat(400, 35)
    want = size or _window_size()
    flags = pygame.FULLSCREEN if fullscreen else pygame.RESIZABLE
    surface = pygame.display.set_mode((0, 0) if fullscreen else want, flags)
    pygame.display.set_caption(CAPTION)
    from game.ui.widgets.icons import window_icon

    pygame.display.set_icon(window_icon())
    assets = _assets_dir(scenarios_dir)
    ctx = make_context(surface, scenarios_dir, assets, "zh" if lang == "zh" else "en", seed)
    ctx.fullscreen = fullscreen
    if ctx.fonts.missing:
        print(
            "note: the font Noto Sans SC was not found (it ships with pygame_gui); "
            "Chinese text will not show. Reinstall with: python -m pip install --force-reinstall pygame_gui",
            file=sys.stderr,
        )
    app = App(ctx)
    from game.ui.screens.title import TitleScreen

    title = TitleScreen(app)
    if scenario_path is None:
        app.set_stack([title])
    else:
        title.select_path(scenario_path)
        app.set_stack([title])
        title.open_selected()
    return app


def run_window(
    scenarios_dir: Path, *, scenario_path: Path | None = None, seed: int | None = None, lang: str = "en"
) -> int | None:
    """Play in the window; None when it cannot open (the caller falls back to the terminal game)."""
    started = time.perf_counter()
    try:
        app = open_app(
            Path(scenarios_dir),
            scenario_path=scenario_path,
            seed=seed,
            lang=lang,
            fullscreen=os.environ.get("TENDER_FULLSCREEN", "") == "1",
        )
    except pygame.error as exc:
        print(f"The game window cannot open: {exc}.", file=sys.stderr)
        pygame.quit()
        return None
    first_frame: Callable[[], None] | None = None
    if os.environ.get(QUIT_AFTER_TITLE):

        def first_frame() -> None:
            print(f"title frame after {time.perf_counter() - started:.3f} s in the window code", flush=True)
            app.quit(0)

    try:
        return app.run(first_frame)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the player gets a message, not a traceback
        if os.environ.get("TENDER_DEBUG"):
            raise
        print(
            f"error: the game window stopped unexpectedly ({type(exc).__name__}: {exc}). "
            "Run again with TENDER_DEBUG=1 to see the details, and please report them.",
            file=sys.stderr,
        )
        if os.environ.get("TENDER_TRACE"):
            traceback.print_exc()
        return 1
    finally:
        pygame.quit()
