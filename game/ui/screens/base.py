"""The Screen base class and helpers for building its widgets in logical coordinates.

A screen builds its pygame_gui widgets in :meth:`Screen.build` (from the current
language and window size) and may be rebuilt at any time: on a language switch,
a resize, or when it comes back to the top of the stack. Custom drawing is
prepared in :meth:`update` (cached layers) and blitted in :meth:`draw`, which
changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.ui.theme import BG, BODY
from game.ui.widgets.entry import TextEntry
from game.ui.widgets.richtext import box_width, tooltip, wrap_html

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.context import Context

Shortcut = tuple[str, str]  # (key label, what it does)


class Screen:
    """One full-window screen: enter / exit / build / handle_event / update / draw."""

    opaque = True

    def __init__(self, app: App) -> None:
        self.app = app
        self.elements: list[Any] = []
        self.dirty = True  # cached drawing must be redone
        self.layer: pygame.Surface | None = None

    @property
    def ctx(self) -> Context:
        return self.app.ctx

    def tr(self, key: str, **kw: object) -> str:
        return self.ctx.tr(key, **kw)

    # -- life cycle ------------------------------------------------------------------
    def enter(self) -> None:
        self.dirty = True
        self.build()

    def exit(self) -> None:
        self.clear()

    def suspend(self) -> None:
        self.clear()

    def resume(self) -> None:
        self.dirty = True
        self.build()

    def rebuild(self) -> None:
        """Build the widgets again (new language or size); the screen's own state is kept."""
        self.clear()
        self.dirty = True
        self.layer = None
        self.build()

    def clear(self) -> None:
        for e in self.elements:
            e.kill()
        self.elements.clear()

    def build(self) -> None:
        """Create the widgets; subclasses override."""

    # -- per frame -------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        return False

    def update(self, dt: float) -> None:
        if self.dirty or self.layer is None or self.layer.get_size() != self.ctx.metrics.size:
            self.layer = pygame.Surface(self.ctx.metrics.size)
            self.layer.fill(BG)
            self.paint(self.layer)
            self.dirty = False

    def paint(self, surface: pygame.Surface) -> None:
        """Draw the static part of the screen into its cached layer (called when dirty)."""

    def draw(self, surface: pygame.Surface) -> None:
        if self.layer is not None:
            surface.blit(self.layer, (0, 0))
        else:
            surface.fill(BG)
        self.draw_live(surface)

    def draw_live(self, surface: pygame.Surface) -> None:
        """Draw what changes every frame (animations, highlights) over the cached layer."""

    def shortcuts(self) -> list[Shortcut]:
        return []

    # -- widget helpers (logical coordinates) -------------------------------------------------
    def rect(self, x: float, y: float, w: float, h: float) -> pygame.Rect:
        return self.ctx.metrics.rect(x, y, w, h)

    def keep(self, element: Any) -> Any:
        self.elements.append(element)
        return element

    def button(
        self,
        rect: tuple[float, float, float, float],
        text: str,
        tip: str,
        command: Callable[[], None] | None,
        *,
        oid: str | None = None,
        enabled: bool = True,
        container: Any = None,
    ) -> pygame_gui.elements.UIButton:
        """A button whose command runs after the click is handled (so it may rebuild the screen)."""
        app = self.app

        def run(_data: object = None) -> None:
            if command is not None:
                app.defer(command)

        b = pygame_gui.elements.UIButton(
            self.rect(*rect),
            text,
            self.ctx.manager,
            container=container,
            tool_tip_text=self.tip(tip) or None,
            object_id=ObjectID(object_id=oid) if oid else None,
            command=run,
        )
        if not enabled:
            b.disable()
        return self.keep(b)

    def label(
        self, rect: tuple[float, float, float, float], text: str, *, oid: str | None = None, container: Any = None
    ) -> pygame_gui.elements.UILabel:
        lab = pygame_gui.elements.UILabel(
            self.rect(*rect),
            text,
            self.ctx.manager,
            container=container,
            object_id=ObjectID(object_id=oid) if oid else None,
        )
        return self.keep(lab)

    def textbox(
        self, rect: tuple[float, float, float, float], html: str, *, oid: str | None = None, container: Any = None
    ) -> pygame_gui.elements.UITextBox:
        r = self.rect(*rect)
        html = wrap_html(self.ctx.fonts, html, box_width(r.w, self.ctx.metrics.scale), self.ctx.fs(BODY))
        box = pygame_gui.elements.UITextBox(
            html,
            r,
            self.ctx.manager,
            container=container,
            object_id=ObjectID(object_id=oid) if oid else None,
        )
        return self.keep(box)

    def text_entry(
        self, rect: tuple[float, float, float, float], text: str, tip: str, *, oid: str | None = None
    ) -> TextEntry:
        line = TextEntry(
            self.rect(*rect),
            self.ctx.manager,
            object_id=ObjectID(object_id=oid) if oid else None,
            initial_text=text or None,
        )
        if tip:
            line.set_tooltip(self.tip(tip))
        return self.keep(line)

    def tip(self, text: str) -> str:
        """A tooltip with its line breaks in place (pygame_gui cannot break Chinese)."""
        return tooltip(self.ctx.fonts, text, self.ctx.metrics.scale) if text else text


def escape(text: str) -> str:
    """Text safe inside pygame_gui's HTML subset."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def key_of(event: pygame.event.Event) -> int | None:
    return event.key if event.type == pygame.KEYDOWN else None


def ctrl(event: pygame.event.Event) -> bool:
    return bool(getattr(event, "mod", 0) & (pygame.KMOD_CTRL | pygame.KMOD_META))
