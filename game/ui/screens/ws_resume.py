"""Resuming a workshop session from its file: a path (typed, picked or recent) and the session's verdict.

``Session.open`` replays the file; what it refuses (not a session file, a
damaged one, one open in another program, a changed scenario) is shown with
the session layer's own message. A damaged file can be recovered: its intact
entries are copied to ``NAME.recovered.session.jsonl`` beside it (the
original is left as it is), and that copy is resumed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game import MODEL_VERSION
from game.present.results import recorded_lines
from game.session.log import SUFFIX, SessionError
from game.session.session import Session
from game.ui.screens.base import Shortcut, escape
from game.ui.screens.ws_common import HEADER_H, Workshop, WsBase, error_text, is_refusal
from game.ui.theme import (
    ACCENT,
    BAD,
    BODY,
    BORDER,
    DIM,
    FAINT,
    GOOD,
    LARGE,
    PANEL,
    SMALL,
    TEXT,
    WARN,
)
from game.ui.widgets import dialogs
from game.ui.widgets.draw import panel
from game.ui.widgets.files import FileChooser, typed_path

if TYPE_CHECKING:
    from game.ui.app import App

PATH_Y = HEADER_H + 56
RECENT_Y = PATH_Y + 100
RECENT_H, RECENT_GAP = 52, 8
RECENT_MAX = 8


def recent_sessions(folder: Path = Path("sessions"), most: int = RECENT_MAX) -> list[Path]:
    """Session files in ``folder``, the latest first."""
    try:
        files = [p for p in folder.glob(f"*{SUFFIX}") if p.is_file()]
        files.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return []
    return files[:most]


class WsResumeScreen(WsBase):
    def __init__(
        self,
        app: App,
        *,
        folder: Path = Path("sessions"),
        mono: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(app)
        self.mono, self.wall = mono, wall
        self.folder = folder
        self.path_text = ""
        self.path_entry: pygame_gui.elements.UITextEntryLine | None = None
        self.recent = recent_sessions(folder)

    def build(self) -> None:
        self._right = self.header_buttons()
        lw = self.ctx.metrics.lw
        self.path_entry = self.text_entry((24, PATH_Y, lw - 48 - 2 * 168, 44), self.path_text, self.tr("wsw.resume.path.tip"))
        self.path_entry.set_text(self.path_text)
        self.path_entry.focus()
        self.button((lw - 24 - 2 * 168 + 8, PATH_Y, 160, 44), self.tr("wsw.browse"), self.tr("wsw.resume.browse.tip"), self.browse_file)
        self.button((lw - 24 - 160, PATH_Y, 160, 44), self.tr("wsw.resume.go"), self.tr("wsw.resume.go.tip"), self.resume_typed, oid="#primary")
        for i, p in enumerate(self.recent):
            self.button((24, RECENT_Y + 34 + i * (RECENT_H + RECENT_GAP), lw - 48, RECENT_H), "", self.tr("wsw.resume.recent.tip", path=str(p)), partial(self.resume_file, p), oid="#hotspot")

    def read_fields(self) -> None:
        if self.path_entry is not None and self.path_entry.alive():
            self.path_text = self.path_entry.get_text()

    def browse_file(self) -> None:
        self.read_fields()
        FileChooser(self.app, self.tr("wsw.resume.browse_title"), self.folder, {".jsonl"}, self.picked)

    def picked(self, path: Path) -> None:
        self.path_text = str(path)
        if self.path_entry is not None:
            self.path_entry.set_text(self.path_text)

    def resume_typed(self) -> None:
        self.read_fields()
        path = typed_path(self.path_text)
        if path is None:
            self.message(self.tr("wsw.resume.title"), self.tr("wsw.resume.empty"))
            return
        self.resume_file(path)

    def resume_file(self, path: Path, recovered: tuple[str, ...] = ()) -> None:
        try:
            session = Session.open(path, search=[self.ctx.scenarios_dir], mono=self.mono, wall=self.wall)
            session.notes[:0] = recovered  # what recovery left out, shown with the other notes
        except Exception as exc:
            if not is_refusal(exc):
                raise
            if isinstance(exc, SessionError) and exc.code == "damaged":
                self.offer_recovery(path, exc)
            else:
                self.message(self.tr("wsw.resume.failed"), error_text(exc, self.ctx.lang))
            return
        if session.rules_changed:
            self.offer_replay(session)
            return
        open_control(self.app, session, replace=True)

    def offer_replay(self, session: Session) -> None:
        """Played under another model version: replay it under the current rules (its results
        may differ from those announced), or show the results as the file recorded them."""
        lang = self.ctx.lang
        lines = recorded_lines(session.scenario, session.recorded_rounds(), session.model_version, session.game_version, lang)

        def replay() -> None:
            open_control(self.app, session, replace=True)

        def show() -> None:
            session.close()
            dialogs.message(self.app, self.tr("wsw.resume.recorded_title"), "<br>".join(escape(x) for x in lines), size=(1000, 620))

        dialogs.confirm(
            self.app,
            self.tr("wsw.resume.rules_title"),
            escape(self.tr("recorded.rules_changed", old=session.model_version, game=session.game_version, new=MODEL_VERSION)),
            yes=self.tr("wsw.resume.replay"),
            yes_tip=self.tr("wsw.resume.replay.tip"),
            on_yes=replay,
            no=self.tr("wsw.resume.show_recorded"),
            no_tip=self.tr("wsw.resume.show_recorded.tip"),
            on_no=show,
        )

    def offer_recovery(self, path: Path, exc: SessionError) -> None:
        target = path.with_name(path.name.removesuffix(SUFFIX) + ".recovered" + SUFFIX)
        html = escape(error_text(exc, self.ctx.lang)) + "<br><br>" + escape(self.tr("wsw.resume.recover_q", target=str(target)))
        dialogs.confirm(
            self.app,
            self.tr("wsw.resume.failed"),
            html,
            yes=self.tr("wsw.resume.recover"),
            yes_tip=self.tr("wsw.resume.recover.tip"),
            on_yes=partial(self._recover, path, target),
        )

    def _recover(self, path: Path, target: Path) -> None:
        try:
            rec = Session.recover(path, target, search=[self.ctx.scenarios_dir])
        except Exception as exc:
            if not is_refusal(exc):
                raise
            self.message(self.tr("wsw.resume.failed"), error_text(exc, self.ctx.lang))
            return
        self.resume_file(target, rec.dropped)

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.path_entry:
            self.app.defer(self.resume_typed)
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.path_entry:
            self.read_fields()
            return False
        if event.type == pygame.KEYDOWN and not self.app.typing():
            if event.key == pygame.K_ESCAPE:
                self.back()
                return True
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.resume_typed()
                return True
            if pygame.K_1 <= event.key <= pygame.K_8 and event.key - pygame.K_1 < len(self.recent):
                self.resume_file(self.recent[event.key - pygame.K_1])
                return True
        return False

    def shortcuts(self) -> list[Shortcut]:
        return [("Enter", self.tr("wsw.keys.resume")), ("1 … 8", self.tr("wsw.keys.recent")), ("Esc", self.tr("wsw.keys.back"))]

    def paint(self, surface: pygame.Surface) -> None:
        ctx, f, m = self.ctx, self.ctx.fonts, self.ctx.metrics
        self.paint_header(surface, self.tr("wsw.resume.title"), self.tr("wsw.resume.sub"), self._right)
        f.draw(surface, self.tr("wsw.resume.path"), (m.px(24), m.px(PATH_Y - 28)), ctx.fs(BODY), DIM)
        f.draw(surface, self.tr("wsw.resume.recent", folder=str(self.folder)), (m.px(24), m.px(RECENT_Y)), ctx.fs(LARGE), TEXT, bold=True)
        if not self.recent:
            f.draw(surface, self.tr("wsw.resume.none"), (m.px(24), m.px(RECENT_Y + 40)), ctx.fs(BODY), FAINT)
        for i, p in enumerate(self.recent):
            r = m.rect(24, RECENT_Y + 34 + i * (RECENT_H + RECENT_GAP), m.lw - 48, RECENT_H)
            panel(surface, r, PANEL, BORDER, m.px(8), 1)
            pad = m.px(14)
            f.draw(surface, str(i + 1), (r.x + pad, r.y + m.px(12)), ctx.fs(LARGE), ACCENT, bold=True)
            try:
                when = datetime.fromtimestamp(p.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
            except OSError:
                when = ""
            f.draw(surface, p.name, (r.x + pad * 3, r.y + m.px(4)), ctx.fs(BODY), TEXT, bold=True, max_width=r.w - pad * 4 - m.px(200))
            f.draw(surface, str(p.parent), (r.x + pad * 3, r.y + m.px(28)), ctx.fs(SMALL - 2), DIM, max_width=r.w - pad * 4 - m.px(200))
            f.draw(surface, when, (r.right - pad, r.y + m.px(14)), ctx.fs(SMALL), DIM, align="right")


def open_control(app: App, session: Session, *, replace: bool) -> Workshop:
    """The trainer's control screen over an opened session (with what opening it found)."""
    from game.ui.screens.ws_control import WsControlScreen
    from game.ui.workshop import start_serving

    host, why = start_serving(app, session) if app.serve_default else (None, None)
    ws = Workshop(session, host=host)
    ws.note("wsw.resumed", GOOD, n=len(session.entries), path=str(session.path or ""))
    if why is not None:
        ws.note("web.cannot_serve", BAD, msg=why)
    for note in session.notes:
        ws.note("wsw.note", WARN, note=note)
    st = session.status()
    if st.phase == "open" and st.paused_after_restart:
        from game.session.clock import mmss

        ws.note("wsw.resumed_paused", WARN, round=st.round, left=mmss(st.remaining))
    screen = WsControlScreen(app, ws)
    if replace:
        app.replace(screen)
    else:
        app.push(screen)
    return ws
