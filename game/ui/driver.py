"""Driving the window without a screen or a clock: for tests, benchmarks and screenshots.

Set ``SDL_VIDEODRIVER=dummy`` before pygame opens a window. :class:`Driver`
feeds synthetic mouse and keyboard events to :meth:`App.step` and finds widgets
by their text, so a test reads like a player's actions ("click 'End the turn'").
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pygame
import pygame_gui

from game.ui.app import App, open_app


class Driver:
    def __init__(
        self,
        scenarios: Path,
        *,
        size: tuple[int, int] = (1280, 720),
        lang: str = "en",
        seed: int | None = 7,
        scenario_path: Path | None = None,
        strict: bool = True,
    ) -> None:
        """``strict``: an exception at the screen boundary is raised (tests fail on it) instead of shown."""
        self.app: App = open_app(scenarios, size=size, lang=lang, seed=seed, scenario_path=scenario_path)
        self.app.strict = strict
        self.frame()

    # -- time ----------------------------------------------------------------------------
    def frame(self, events: Iterable[pygame.event.Event] = (), dt: float = 1 / 60) -> None:
        with self.app.shared_lock or contextlib.nullcontext():  # as App.run holds it (a served session)
            self.app.step(list(events), dt)
            if self.app.running:
                self.app.draw()

    def wait(self, seconds: float, dt: float = 1 / 30) -> None:
        t = 0.0
        while t < seconds and self.app.running:
            self.frame(dt=dt)
            t += dt

    # -- finding widgets -------------------------------------------------------------------
    def elements(self) -> list[Any]:
        return [e for e in self.app.ctx.manager.get_sprite_group().sprites() if e.alive() and getattr(e, "visible", True)]

    def buttons(self) -> list[pygame_gui.elements.UIButton]:
        return [e for e in self.elements() if isinstance(e, pygame_gui.elements.UIButton)]

    def button(self, text: str) -> pygame_gui.elements.UIButton:
        """The visible button whose text is ``text`` (or starts with it)."""
        found = [b for b in self.buttons() if b.text == text] or [b for b in self.buttons() if b.text.startswith(text)]
        if not found:
            raise LookupError(f"no button {text!r}; buttons: {[b.text for b in self.buttons()]}")
        return found[-1]

    def has_button(self, text: str) -> bool:
        try:
            self.button(text)
        except LookupError:
            return False
        return True

    # -- input --------------------------------------------------------------------------------
    def click_at(self, pos: tuple[int, int], button: int = 1) -> None:
        self.frame([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))])
        self.frame([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button)])
        self.frame([pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button)])
        self.frame()

    def click(self, target: str | pygame_gui.core.UIElement) -> None:
        element = self.button(target) if isinstance(target, str) else target
        if not element.is_enabled:
            raise AssertionError(f"button {getattr(element, 'text', element)!r} is disabled")
        self.click_at(element.rect.center)

    def key(self, key: int, mod: int = 0, unicode: str = "") -> None:
        self.frame([pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0)])
        self.frame([pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=unicode, scancode=0)])

    def type_text(self, text: str) -> None:
        for ch in text:
            self.frame([pygame.event.Event(pygame.TEXTINPUT, text=ch)])

    # -- output --------------------------------------------------------------------------------
    def pass_turns(self, keep_going: Callable[[], bool]) -> None:
        """End turns without actions (through curtains and turn reports) while keep_going() holds."""
        from game.ui.screens.curtain import CurtainScreen
        from game.ui.screens.turn_report import TurnReportScreen

        while keep_going():
            top = self.app.top
            if isinstance(top, CurtainScreen):
                self.key(pygame.K_RETURN)
            elif isinstance(top, TurnReportScreen):
                self.key(pygame.K_SPACE)
                self.key(pygame.K_SPACE)
            else:
                self.key(pygame.K_e)
                self.key(pygame.K_RETURN)

    def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.app.draw()
        pygame.image.save(self.app.ctx.surface, str(path))
        return path

    def close(self) -> None:
        pygame.display.quit()
