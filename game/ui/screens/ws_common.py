"""What the workshop screens share: the session, the countdown's notices, the dashboard job, helpers.

A :class:`Workshop` wraps one open :class:`game.session.session.Session` for
the window. Screens call the session for everything (it computes, they show);
the workshop adds what a window needs on top: notices of what happened (in
either language, kept as string keys), which team has seen which turn report,
and the dashboard computed off the UI thread (:class:`DashboardJob` is built
on the UI thread, its ``run()`` goes on a worker thread; the screens never
wait for it).

:class:`WsScreen` is the base of the trainer's screens: it drives the
countdown (``session.tick()`` every frame, so the at-zero policy applies
whichever trainer's screen is up) and repaints when the session's version
changes.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.engine.game import DecisionError
from game.present import fmt
from game.session.clock import mmss
from game.session.dashboard import Dashboard, DashboardJob
from game.session.export import default_export_dir
from game.session.host import Host
from game.session.log import SessionError
from game.session.scoring import Row, leaderboard
from game.session.session import Session, Tick
from game.strings import t
from game.ui.screens.base import Screen, Shortcut, escape
from game.ui.theme import (
    ACCENT,
    BAD,
    BG_2,
    BODY,
    BORDER,
    DIM,
    GOOD,
    H2,
    PANEL,
    SMALL,
    TEXT,
    WARN,
    Colour,
)
from game.ui.widgets import dialogs
from game.ui.widgets.draw import panel
from game.ui.widgets.entry import TextEntry
from game.ui.widgets.richtext import box_width, tooltip, wrap_html

if TYPE_CHECKING:
    from game.ui.app import App

HEADER_H = 60
WARN_AT = 60.0  # seconds: the countdown turns to the warning colour


@dataclass(frozen=True)
class Notice:
    """One line of 'what happened', worded when drawn (so a language switch rewords it)."""

    key: str
    params: dict[str, object]  # values, or functions of the language (worded when drawn)
    colour: Colour
    when: float  # wall-clock seconds
    raw: str | None = None  # a message of the session layer, shown as it is

    def text(self, lang: str) -> str:
        """Worded in ``lang``; a parameter that is a function of the language is called with it."""
        if self.raw is not None:
            return t("ws.error", lang, msg=self.raw)
        return t(self.key, lang, **{k: v(lang) if callable(v) else v for k, v in self.params.items()})


@dataclass
class Workshop:
    """The window's handle on one session (see the module's docstring)."""

    session: Session
    host: Host | None = None  # a served session: the teams' browsers share it (game/session/host.py)
    notices: list[Notice] = field(default_factory=list)
    seen: dict[str, int] = field(default_factory=dict)  # team -> turn of the last report it was shown
    dashboard: Dashboard | None = None
    dash_error: str | None = None
    export_dir: Path | None = None
    closed: bool = False
    _thread: threading.Thread | None = None
    _out: list[Dashboard | BaseException] = field(default_factory=list)
    _job_version: int = -1
    _error_version: int = -1
    _rows: tuple[int, list[Row]] | None = None

    def __post_init__(self) -> None:
        OPEN.append(self)
        if self.host is not None:
            self.host.listen("window")
        if self.export_dir is None:
            self.export_dir = default_export_dir(self.session)

    # -- notices ------------------------------------------------------------------------
    def note(self, key: str, colour: Colour = TEXT, **params: object) -> None:
        self.notices.append(Notice(key, dict(params), colour, time.time()))
        del self.notices[:-40]

    def note_error(self, exc: BaseException) -> None:
        self.notices.append(Notice("", {}, BAD, time.time(), raw=str(exc)))
        del self.notices[:-40]

    # -- the countdown -------------------------------------------------------------------
    def tick(self) -> list[Tick]:
        """The session's countdown: the one-minute warning, the time-out, the at-zero policy."""
        if self.closed:
            return []
        ticks = self.host.ticks("window") if self.host is not None else self.session.tick()
        if self.host is not None:
            for n in self.host.notices("window"):
                self.note(f"web.notice.{n.kind}", GOOD, team=n.team, by=n.by)
        for tk in ticks:
            if tk.kind == "warning":
                self.note("wsw.tick.warning", WARN, round=tk.round)
            elif tk.kind == "draft_in":
                self.note("ws.tick.draft_in", WARN, team=tk.team or "", round=tk.round)
            elif tk.kind == "expired":
                self.note("wsw.tick.expired", BAD, round=tk.round)
                missing = self.session.missing() if self.session.phase == "open" else []
                if missing:
                    self.note("wsw.tick.wait", WARN, teams=", ".join(missing))
            else:
                self.note("wsw.tick.closed", WARN, round=tk.round)
                self.after_close(tk.round)
        return ticks

    def after_close(self, rnd: int) -> None:
        self.note("wsw.closed", GOOD, round=rnd)
        closes = [e for e in self.session.audit() if e.type == "close" and e.round == rnd]
        passed = closes[-1].detail.get("passed") if closes else None
        if passed:
            self.note("wsw.passed", WARN, teams=", ".join(passed))
        if self.session.phase == "bids":
            self.note("wsw.bids_due", ACCENT)

    # -- the dashboard, off the UI thread -----------------------------------------------------
    @property
    def updating(self) -> bool:
        self.poll()
        return self._thread is not None

    def poll(self) -> None:
        """Take the worker's result once it is done."""
        th = self._thread
        if th is None or th.is_alive():
            return
        self._thread = None
        out = self._out.pop() if self._out else None
        self._out.clear()
        if isinstance(out, Dashboard):
            self.dashboard = out
            self.dash_error = None
        elif out is not None:
            self.dash_error = f"{type(out).__name__}: {out}"
            self._error_version = self._job_version

    def current_dashboard(self) -> Dashboard | None:
        """The dashboard of the session as it is now; None while a refresh runs (one is started)."""
        self.poll()
        v = self.session.version
        if self.dashboard is not None and self.dashboard.version == v:
            return self.dashboard
        if self._thread is None and self._error_version != v and not self.closed:
            self._start(v)
        return None

    def _start(self, version: int) -> None:
        job = DashboardJob(self.session)  # copies the session's state here, on the UI thread
        box = self._out

        def run() -> None:
            try:
                box.append(job.run())
            except Exception as exc:  # shown on the dashboard, never a crash
                box.append(exc)

        self._job_version = version
        self._thread = threading.Thread(target=run, name="workshop-dashboard", daemon=True)
        self._thread.start()

    def retry(self) -> None:
        """Try a failed refresh again."""
        self._error_version = -1
        self.dash_error = None

    def rows(self) -> list[Row] | None:
        """The leaderboard of the session as it is now (None while the dashboard refreshes)."""
        d = self.current_dashboard()
        if d is None:
            return None
        if self._rows is None or self._rows[0] != d.version:
            self._rows = (d.version, leaderboard(self.session, d))
        return self._rows[1]

    def wait(self, timeout: float = 30.0) -> bool:
        """Block until the running refresh is done (tests and exit only; screens never wait)."""
        th = self._thread
        if th is not None:
            th.join(timeout)
        self.poll()
        return self._thread is None

    # -- the end ---------------------------------------------------------------------------------
    def close(self) -> None:
        """Release the session file (everything is on disk already)."""
        if self.closed:
            return
        self.closed = True
        self.session.close()
        if self in OPEN:
            OPEN.remove(self)


OPEN: list[Workshop] = []  # workshops whose session file is open in this window


def close_all() -> None:
    for ws in list(OPEN):
        ws.close()


# -- wording ---------------------------------------------------------------------------------------


def error_text(exc: BaseException, lang: str) -> str:
    """A refusal of the session or the engine: its own message (it says what to do instead)."""
    return t("ws.error", lang, msg=str(exc))


def clock_text(session: Session) -> str:
    if session.phase != "open":
        return "--:--"
    return mmss(session.remaining())


def clock_colour(session: Session) -> Colour:
    left = session.remaining()
    if session.phase != "open" or math.isinf(left):
        return DIM
    if left <= 0:
        return BAD
    if left <= WARN_AT:
        return WARN
    return TEXT


def audit_line(session: Session, a: Any, lang: str) -> str:
    """One line of the audit trail: time, what, round, team and the detail that matters."""
    when = datetime.fromtimestamp(a.time).strftime("%H:%M:%S")
    d = a.detail
    what = t(f"wsw.audit.{a.type}", lang) if f"wsw.audit.{a.type}" in _KNOWN else a.type
    parts: list[str] = []
    if a.type == "submit":
        parts.append(t("wsw.audit.actions", lang, n=len(d.get("actions", ()))))
        parts.append(t(f"wsw.source.{d.get('source', 'ui')}", lang))
        if d.get("file"):
            parts.append(str(d["file"]))
    elif a.type == "close":
        parts.append(t("wsw.audit.by_timer" if d.get("by") == "timer" else "wsw.audit.by_trainer", lang))
        if d.get("passed"):
            parts.append(t("wsw.audit.passed", lang, teams=", ".join(d["passed"])))
    elif a.type == "undo":
        if d.get("reason"):
            parts.append(t("wsw.audit.reason", lang, reason=d["reason"]))
    elif a.type == "extend":
        parts.append(t("wsw.audit.seconds", lang, n=f"{int(d.get('seconds', 0)):+d}"))
    elif a.type == "inject":
        if d.get("deck") is not None:
            cards = {c.index: c.id for c in session.deck()}
            parts.append(t("wsw.audit.card", lang, card=cards.get(int(d["deck"]), str(d["deck"]))))
        elif isinstance(d.get("event"), dict):
            parts.append(t(f"wsw.kind.{d['event'].get('kind')}", lang) if f"wsw.kind.{d['event'].get('kind')}" in _KNOWN else str(d["event"].get("kind")))
        parts.append(t("wsw.secret" if d.get("secret") else "wsw.announced", lang))
    elif a.type == "bid":
        price = d.get("price")
        parts.append(t("award.no_bid", lang) if price is None else fmt.short_money(float(price), session.scenario, lang))
    elif a.type == "finish" and d.get("no_bid"):
        parts.append(t("wsw.audit.no_bid", lang, teams=", ".join(d["no_bid"])))
    elif a.type == "belief":
        parts.append(str(d.get("stakeholder", "")))
    head = f"#{a.seq}  {when}  {what}"
    if a.round:
        head += "  " + t("wsw.audit.round", lang, round=a.round)
    if a.team:
        head += f"  {a.team}"
    line = head + (" · " + t("list.sep", lang).join(parts) if parts else "")
    if a.undone:
        line += "  " + t("wsw.audit.undone", lang)
    return line


def _known() -> set[str]:
    from game.strings import STRINGS

    return set(STRINGS)


_KNOWN = _known()


def session_facts(session: Session, lang: str) -> str:
    """Mode, seed, round length, at-zero policy and the session file, on one line."""
    cfg = session.config
    secs = cfg.round_seconds
    clock = t("wsw.facts.clock", lang, n=f"{secs / 60:g}") if secs else t("wsw.facts.untimed", lang)
    return t(
        "wsw.facts",
        lang,
        mode=t(f"ws.mode.{cfg.mode}", lang),
        seed=cfg.seed,
        clock=clock,
        at_zero=t(f"ws.at_zero.{cfg.at_zero}", lang),
        path=str(session.path or ""),
    )


# -- widgets ------------------------------------------------------------------------------------------


class EntryDialog(dialogs.WindowModal):
    """A modal with a question, one line of text to type, and OK / Cancel (Esc cancels)."""

    def __init__(
        self,
        app: App,
        title: str,
        html: str,
        *,
        initial: str,
        tip: str,
        ok: str,
        ok_tip: str,
        on_ok: Callable[[str], None],
        danger: bool = False,
        size: tuple[float, float] = (680, 330),
    ) -> None:
        self.app = app
        ctx = app.ctx
        m = ctx.metrics
        w, h = size
        x, y = (m.lw - w) / 2, (m.lh - h) / 2
        self.window = pygame_gui.elements.UIWindow(
            m.rect(x, y, w, h), ctx.manager, window_display_title=title, draggable=False
        )
        self.window.set_blocking(True)
        inner = self.window.get_container().get_size()
        iw, ih = inner[0] / m.scale, inner[1] / m.scale
        text_rect = m.rect(10, 10, iw - 20, ih - 140)
        pygame_gui.elements.UITextBox(
            wrap_html(ctx.fonts, html, box_width(text_rect.w, m.scale), ctx.fs(BODY)),
            text_rect,
            ctx.manager,
            container=self.window,
        )
        self.entry = TextEntry(
            m.rect(10, ih - 120, iw - 20, 44), ctx.manager, container=self.window, initial_text=initial or None
        )
        self.entry.set_tooltip(tooltip(ctx.fonts, tip, m.scale))
        self.entry.focus()
        self._on_ok = on_ok
        self._done = False
        bw = 200.0
        pygame_gui.elements.UIButton(
            m.rect(iw - 20 - 2 * bw, ih - 60, bw, 48),
            ctx.tr("ui.cancel"),
            ctx.manager,
            container=self.window,
            tool_tip_text=tooltip(ctx.fonts, ctx.tr("ui.cancel.tip"), m.scale),
            command=lambda _d=None: app.defer(self.close),
        )
        self.ok_button = pygame_gui.elements.UIButton(
            m.rect(iw - 10 - bw, ih - 60, bw, 48),
            ok,
            ctx.manager,
            container=self.window,
            tool_tip_text=tooltip(ctx.fonts, ok_tip, m.scale),
            object_id=ObjectID(object_id="#danger" if danger else "#primary"),
            command=lambda _d=None: app.defer(self.accept_click),
        )
        self.danger = danger
        app.open_modal(self)

    def text(self) -> str:
        return str(self.entry.get_text())

    def accept_click(self) -> None:
        if self._done:
            return
        self._done = True
        text = self.text()
        self.window.kill()
        self._on_ok(text)

    def accept(self) -> None:
        """Enter outside the entry: a risky action needs its button clicked."""
        if not self.danger:
            self.accept_click()



# -- the base screen ---------------------------------------------------------------------------------


class WsBase(Screen):
    """The workshop screens' header (title, Help, language, Back), panels and messages."""

    _right: float = 1000.0  # left edge of the header's buttons (logical), set by header_buttons

    def back(self) -> None:
        self.app.pop()

    def header_buttons(
        self,
        extra: Sequence[tuple[str, str, Callable[[], None], str | None]] = (),
        back: tuple[str, str, str | None] | None = None,
    ) -> float:
        """``extra``, Help, language and Back at the top right; returns their left edge (logical)."""
        lang = self.ctx.lang
        back_text, back_tip, back_oid = back or (self.tr("wsw.back"), self.tr("wsw.back.tip"), None)
        items: list[tuple[str, str, Callable[[], None], str | None]] = [
            *extra,
            (self.tr("wsw.help"), self.tr("wsw.help.tip"), self.app.toggle_help, None),
            ("English" if lang == "zh" else "中文", self.tr("board.lang.tip"), lambda: self.app.set_lang("en" if lang == "zh" else "zh"), None),
            (back_text, back_tip, self.back, back_oid),
        ]
        gap = 8
        widths = [self.button_width(text, oid) for text, _, _, oid in items]
        x = self.ctx.metrics.lw - 12 - sum(widths) - gap * (len(items) - 1)
        left = x
        for (text, tip, cmd, oid), w in zip(items, widths, strict=True):
            self.button((x, 10, w, 40), text, tip, cmd, oid=oid or "#small")
            x += w + gap
        return left

    def button_width(self, text: str, oid: str | None, least: float = 120) -> float:
        """A header button's logical width: its text with room to spare (the #primary face is bold 18)."""
        ctx = self.ctx
        size, bold = (ctx.fs(18), True) if oid == "#primary" else (ctx.fs(15), False)
        return max(least, ctx.fonts.width(text, size, bold) / ctx.metrics.scale + 30)

    def paint_header(self, surface: pygame.Surface, title: str, sub: str, right: float) -> None:
        ctx, f, m = self.ctx, self.ctx.fonts, self.ctx.metrics
        surface.fill(BG_2, m.rect(0, 0, m.lw, HEADER_H))
        width = m.px(right - 40)
        f.draw(surface, title, (m.px(16), m.px(4)), ctx.fs(H2 - 2), TEXT, bold=True, max_width=width)
        f.draw(surface, sub, (m.px(16), m.px(35)), ctx.fs(SMALL - 1), DIM, max_width=width)

    def paint_panel(self, surface: pygame.Surface, rect: tuple[float, float, float, float], heading: str | None = None) -> pygame.Rect:
        ctx, f, m = self.ctx, self.ctx.fonts, self.ctx.metrics
        box = m.rect(*rect)
        panel(surface, box, PANEL, BORDER, m.px(10), 1)
        if heading:
            f.draw(surface, heading, (box.x + m.px(14), box.y + m.px(8)), ctx.fs(BODY), DIM, bold=True, max_width=box.w - m.px(28))
        return box

    def message(self, title: str, text: str) -> None:
        dialogs.message(self.app, title, escape(text).replace("\n", "<br>"), size=(760, 260))

    def shortcuts(self) -> list[Shortcut]:
        return [("Esc", self.tr("wsw.keys.back"))]


class WsScreen(WsBase):
    """A trainer's screen over one workshop session: drives the countdown, repaints on changes."""

    def __init__(self, app: App, ws: Workshop) -> None:
        super().__init__(app)
        self.ws = ws
        self._version = -1
        self._clock_shown = ""

    @property
    def session(self) -> Session:
        return self.ws.session

    def update(self, dt: float) -> None:
        if self.ws.tick():
            self.dirty = True
        v = self.session.version
        if v != self._version:
            self._version = v
            self.session_changed()
        shown = clock_text(self.session)
        if shown != self._clock_shown:
            self._clock_shown = shown
            self.clock_changed()
        super().update(dt)

    def session_changed(self) -> None:
        """The session changed (an entry was logged); subclasses rebuild what depends on it."""
        self.dirty = True

    def clock_changed(self) -> None:
        """The countdown's shown value changed (once a second while it runs)."""

    def refusal(self, exc: BaseException) -> None:
        """A request the session refused: its message in a window, and in the notices."""
        self.ws.note_error(exc)
        self.message(self.tr("wsw.refused"), error_text(exc, self.ctx.lang))


def is_refusal(exc: BaseException) -> bool:
    return isinstance(exc, SessionError | DecisionError | OSError)


def tick_mark(surface: pygame.Surface, centre: tuple[int, int], size: int, done: bool) -> None:
    """A filled circle with a check mark (done), or an empty ring (not yet); no font glyphs needed."""
    cx, cy = centre
    rad = size // 2
    if done:
        pygame.draw.circle(surface, GOOD, centre, rad)
        w = max(2, size // 7)
        pts = [(cx - rad * 0.5, cy + rad * 0.02), (cx - rad * 0.12, cy + rad * 0.4), (cx + rad * 0.52, cy - rad * 0.38)]
        pygame.draw.lines(surface, (16, 40, 24), False, pts, w)
    else:
        pygame.draw.circle(surface, DIM, centre, rad, max(2, size // 9))


def dots(now: float | None = None) -> str:
    """'.', '..', '...' in turn: something is being computed."""
    n = int((time.monotonic() if now is None else now) * 3) % 3 + 1
    return "." * n
