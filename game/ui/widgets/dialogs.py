"""Modal windows: confirmations, messages, the list of a scenario's problems, the help.

Every modal blocks the widgets under it; Esc closes it (as "cancel") and Enter
accepts it. Commands run after the click is handled (through ``App.defer``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.present import words
from game.scenario.schema import Scenario
from game.ui.screens.base import Shortcut, escape
from game.ui.theme import BODY
from game.ui.widgets.richtext import box_width, tooltip, wrap_html

if TYPE_CHECKING:
    from game.ui.app import App


class ModalLike(Protocol):
    """What the App needs of a modal window (Esc, Enter, rebuilds)."""

    def alive(self) -> bool: ...

    def close(self) -> None: ...

    def dismiss(self) -> None: ...

    def accept(self) -> None: ...

    def closed_by_window(self) -> None: ...

    def handle_event(self, event: pygame.event.Event) -> bool:
        """Events the modal's own widgets posted (a list's double click, a finished entry); True if used."""
        ...


class WindowModal:
    """A modal around one pygame_gui window: Esc, the close box and a rebuild just close it.

    Subclasses set ``self.window`` and define :meth:`accept` (Enter)."""

    window: pygame_gui.elements.UIWindow
    _done: bool = False

    def alive(self) -> bool:
        return bool(self.window.alive())

    def accept(self) -> None:
        """Enter: nothing unless the subclass says."""

    def close(self) -> None:
        self._done = True
        self.window.kill()

    def dismiss(self) -> None:
        self.close()

    def closed_by_window(self) -> None:
        self._done = True

    def handle_event(self, event: pygame.event.Event) -> bool:
        return False


class Modal:
    """A blocking pygame_gui window with an accept and a cancel action."""

    def __init__(
        self,
        app: App,
        title: str,
        html: str,
        *,
        size: tuple[float, float] = (600, 280),
        buttons: Sequence[tuple[str, str, Callable[[], None] | None, str | None]] = (),
        on_cancel: Callable[[], None] | None = None,
        oid: str | None = None,
        fit_text: bool = True,
        pos: tuple[float, float] | None = None,
        enter_accepts: bool = True,
    ) -> None:
        self.app = app
        ctx = app.ctx
        m = ctx.metrics
        w, h = size
        if fit_text:
            text_w = m.px(w - 40)
            plain = html.replace("<br>", "\n").replace("<b>", "").replace("</b>", "")
            lines = len(ctx.fonts.wrap(plain, ctx.fs(BODY), text_w)) + 1
            need = lines * ctx.fonts.line_height(ctx.fs(BODY)) * 1.3 / m.scale + 140
            h = max(h, min(m.lh - 60, need))
        x, y = pos if pos is not None else ((m.lw - w) / 2, (m.lh - h) / 2)
        y = max(10, min(y, m.lh - h - 10))
        self.window = pygame_gui.elements.UIWindow(
            m.rect(x, y, w, h),
            ctx.manager,
            window_display_title=title,
            object_id=ObjectID(object_id=oid) if oid else None,
            draggable=False,
        )
        self.window.set_blocking(True)
        ctx.manager.set_focus_set(self.window)
        inner = self.window.get_container().get_size()
        iw, ih = inner[0] / m.scale, inner[1] / m.scale
        text_rect = m.rect(10, 10, iw - 20, ih - 80)
        self.text = pygame_gui.elements.UITextBox(
            wrap_html(ctx.fonts, html, box_width(text_rect.w, m.scale), ctx.fs(BODY)),
            text_rect,
            ctx.manager,
            container=self.window,
        )
        self._on_cancel = on_cancel
        self.enter_accepts = enter_accepts
        self._done = False
        self._accept: Callable[[], None] | None = None
        self.buttons: list[pygame_gui.elements.UIButton] = []
        n = max(1, len(buttons))
        bw = min(200.0, (iw - 20 - 10 * (n - 1)) / n)
        bx = iw - 10 - bw * len(buttons) - 10 * (len(buttons) - 1)
        for i, (text, tip, command, boid) in enumerate(buttons):
            fn = self._wrap(command)
            b = pygame_gui.elements.UIButton(
                m.rect(bx + i * (bw + 10), ih - 60, bw, 48),
                text,
                ctx.manager,
                container=self.window,
                tool_tip_text=tooltip(ctx.fonts, tip, m.scale) if tip else None,
                object_id=ObjectID(object_id=boid) if boid else None,
                command=_deferred(app, fn),
            )
            self.buttons.append(b)
            if i == len(buttons) - 1:
                self._accept = fn
        app.open_modal(self)

    def _wrap(self, command: Callable[[], None] | None) -> Callable[[], None]:
        def run() -> None:
            if self._done:
                return
            self._done = True
            self.window.kill()
            if command is not None:
                command()

        return run

    def alive(self) -> bool:
        return bool(self.window.alive())

    def accept(self) -> None:
        """Enter: the last (main) button; never a risky one (those need a click)."""
        if self._accept is not None and self.enter_accepts:
            self._accept()

    def close(self) -> None:
        """Esc or the window's close box: cancel."""
        if self._done:
            return
        self._done = True
        self.window.kill()
        if self._on_cancel is not None:
            self._on_cancel()

    def dismiss(self) -> None:
        """Close without a decision (the screen is being rebuilt)."""
        self._done = True
        self.window.kill()

    def closed_by_window(self) -> None:
        """The title bar's close box killed the window: treat it as cancel."""
        if not self._done:
            self._done = True
            if self._on_cancel is not None:
                self._on_cancel()

    def handle_event(self, event: pygame.event.Event) -> bool:
        return False


def _deferred(app: App, fn: Callable[[], None]) -> Callable[[object], None]:
    def run(_data: object = None) -> None:
        app.defer(fn)

    return run


def confirm(
    app: App,
    title: str,
    html: str,
    *,
    yes: str,
    yes_tip: str,
    on_yes: Callable[[], None],
    no: str | None = None,
    no_tip: str | None = None,
    on_no: Callable[[], None] | None = None,
    danger: bool = False,
) -> Modal:
    """Yes / no; Enter says yes, Esc says no."""
    ctx = app.ctx
    return Modal(
        app,
        title,
        html,
        buttons=[
            (no or ctx.tr("ui.cancel"), no_tip or ctx.tr("ui.cancel.tip"), on_no, None),
            (yes, yes_tip, on_yes, "#danger" if danger else "#primary"),
        ],
        on_cancel=on_no,
        enter_accepts=not danger,
    )


def message(app: App, title: str, html: str, *, size: tuple[float, float] = (620, 260), oid: str | None = None) -> Modal:
    ctx = app.ctx
    return Modal(app, title, html, size=size, buttons=[(ctx.tr("ui.ok"), ctx.tr("ui.ok.tip"), None, "#primary")], oid=oid)


def problems_window(app: App, path: str, problems: Sequence[str]) -> Modal:
    """A scenario that failed validation: every problem as FILE:LINE:COL: message, scrollable."""
    ctx = app.ctx
    items = "<br>".join(escape(p) for p in problems)
    html = (
        f"{escape(ctx.tr('problems.intro', path=path, n=len(problems)))}<br><br>"
        f"<font color=#FFB4AA>{items}</font><br><br>{escape(ctx.tr('problems.fix'))}"
    )
    return Modal(
        app,
        ctx.tr("problems.title", n=len(problems)),
        html,
        size=(min(1100, ctx.metrics.lw - 80), min(560, ctx.metrics.lh - 80)),
        buttons=[(ctx.tr("ui.ok"), ctx.tr("ui.ok.tip"), None, "#primary")],
        oid="#problems",
        fit_text=False,
    )


def help_window(app: App, screen_keys: Sequence[Shortcut]) -> Modal:
    """The keys of the screen and the window; during a game, what a coach (内线) is and how to get one."""
    ctx = app.ctx
    own = {k for k, _ in screen_keys}
    rows = [*screen_keys, *(row for row in global_shortcuts(ctx.tr) if row[0] not in own)]
    html = "<br>".join(f"<b>{escape(k)}</b>  —  {escape(v)}" for k, v in rows)
    scenario = _scenario_on_screen(app)
    if scenario is not None and any(p.can_coach for p in scenario.stakeholders):
        html += f"<br><br><b>{escape(ctx.tr('help.words'))}</b><br>{escape(words.coach_how(scenario, ctx.lang))}"
    return Modal(
        app,
        ctx.tr("help.window_title"),
        html,
        size=(760, 420),
        buttons=[(ctx.tr("ui.close"), ctx.tr("ui.close.tip"), None, "#primary")],
    )


def _scenario_on_screen(app: App) -> Scenario | None:
    """The scenario of the game or session the top screen shows, if any."""
    top = app.top
    match = getattr(top, "match", None)
    if match is not None:
        return match.scenario
    ws = getattr(top, "ws", None)
    session = getattr(ws, "session", None)
    return getattr(session, "scenario", None)


def global_shortcuts(tr: Callable[..., str]) -> list[Shortcut]:
    return [
        ("F1  /  ?", tr("keys.help")),
        ("F2", tr("keys.lang")),
        ("F11", tr("keys.fullscreen")),
        ("Esc", tr("keys.esc")),
        ("Enter", tr("keys.enter")),
    ]
