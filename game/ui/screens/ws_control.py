"""The trainer's round control: the countdown, the round's buttons, who is in, the audit trail.

The teams do not see this screen. Everything goes through the session: the
buttons call ``open_round``, ``close_round``, ``pause``/``resume_clock``,
``extend``, ``undo_last_resolution``, ``import_file`` and ``finish``; a click on a
team opens its hot-seat entry behind a curtain. The countdown is the
session's (``tick()`` every frame, in :class:`WsScreen`); at zero the session
applies the at-zero policy and the screen says what happened.
"""

from __future__ import annotations

import glob
import math
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.present import crew as cw
from game.present import fmt, words
from game.present.events import announcement
from game.session.clock import mmss
from game.strings import t
from game.ui.screens.base import Shortcut, ctrl, escape
from game.ui.screens.ws_common import (
    HEADER_H,
    Workshop,
    WsScreen,
    audit_line,
    clock_colour,
    clock_text,
    is_refusal,
    session_facts,
    tick_mark,
)
from game.ui.theme import (
    ACCENT,
    BAD,
    BODY,
    BORDER,
    DIM,
    FAINT,
    GOOD,
    H2,
    LARGE,
    PANEL,
    PANEL_2,
    SMALL,
    TEXT,
    WARN,
)
from game.ui.widgets import dialogs
from game.ui.widgets.draw import panel
from game.ui.widgets.files import FileChooser, typed_path

if TYPE_CHECKING:
    from game.ui.app import App

LX, LW = 24, 680  # the left column: round, countdown, buttons
RX = 728  # the right column: teams and the audit trail
CLOCK = (LX, 108, LW, 180)
ROW1, ROW2 = 300, 354
IMPORT_Y = 438
NOTES = (LX, 494, LW, 156)
NAV_Y = 664
TEAMS_Y, TEAMS_H = 100, 324
AUDIT_Y = 438
CARD_H, CARD_GAP = 48, 6
JOIN_H = 150  # a served session's join panel (QR code, address, PIN) above the audit trail


class WsControlScreen(WsScreen):
    """The trainer's main screen (see the module's docstring)."""

    def __init__(self, app: App, ws: Workshop) -> None:
        super().__init__(app, ws)
        self.import_text = ""
        self._qr: tuple[tuple[str, int], pygame.Surface] | None = None
        self.import_entry: pygame_gui.elements.UITextEntryLine | None = None
        self.audit_scroll = 0  # lines scrolled up from the newest
        self.team_buttons: list[pygame_gui.elements.UIButton] = []
        self.b_open: pygame_gui.elements.UIButton | None = None
        self.b_close: pygame_gui.elements.UIButton | None = None
        self.b_undo: pygame_gui.elements.UIButton | None = None
        self.b_pause: pygame_gui.elements.UIButton | None = None
        self.b_plus: pygame_gui.elements.UIButton | None = None
        self.b_minus: pygame_gui.elements.UIButton | None = None
        self.b_finish: pygame_gui.elements.UIButton | None = None
        self.b_import: pygame_gui.elements.UIButton | None = None
        self._notes_seen = 0
        self._audit: tuple[int, str, list[str]] | None = None  # (version, lang, lines)

    # -- widgets ------------------------------------------------------------------------
    def build(self) -> None:
        self._right = self.header_buttons(
            [(self.tr("wsw.brief"), self.tr("wsw.brief.tip"), self.show_briefing, None)],
            back=(self.tr("wsw.leave"), self.tr("wsw.leave.tip"), "#danger"),
        )
        w3 = (LW - 2 * 10) / 3
        self.b_open = self.button((LX, ROW1, w3, 46), self.tr("wsw.open"), self.tr("wsw.open.tip"), self.open_round, oid="#primary")
        self.b_close = self.button((LX + w3 + 10, ROW1, w3, 46), self.tr("wsw.close"), self.tr("wsw.close.tip"), self.close_round, oid="#primary")
        self.b_undo = self.button((LX + 2 * (w3 + 10), ROW1, w3, 46), self.tr("wsw.undo"), self.tr("wsw.undo.tip"), self.undo, oid="#danger")
        w4 = (LW - 3 * 8) / 4
        self.b_pause = self.button((LX, ROW2, w4, 44), self.tr("wsw.pause"), self.tr("wsw.pause.tip"), self.toggle_clock)
        self.b_plus = self.button((LX + (w4 + 8), ROW2, w4, 44), self.tr("wsw.plus"), self.tr("wsw.plus.tip"), partial(self.extend, 60))
        self.b_minus = self.button((LX + 2 * (w4 + 8), ROW2, w4, 44), self.tr("wsw.minus"), self.tr("wsw.minus.tip"), partial(self.extend, -60))
        self.b_finish = self.button((LX + 3 * (w4 + 8), ROW2, w4, 44), self.tr("wsw.finish"), self.tr("wsw.finish.tip"), self.finish, oid="#primary")
        self.import_entry = self.text_entry((LX, IMPORT_Y, LW - 2 * 112 - 16, 42), self.import_text, self.tr("wsw.import.entry.tip"))
        self.import_entry.set_text(self.import_text)
        self.b_import = self.button((LX + LW - 2 * 112 - 8, IMPORT_Y, 112, 42), self.tr("wsw.import"), self.tr("wsw.import.tip"), self.do_import)
        self.button((LX + LW - 112, IMPORT_Y, 112, 42), self.tr("wsw.browse"), self.tr("wsw.browse.tip"), self.browse_files)
        nav = [
            (self.tr("wsw.nav.events"), self.tr("wsw.nav.events.tip"), self.show_events),
            (self.tr("wsw.nav.dashboard"), self.tr("wsw.nav.dashboard.tip"), self.show_dashboard),
            (self.tr("wsw.nav.leaderboard"), self.tr("wsw.nav.leaderboard.tip"), self.show_leaderboard),
            (self.tr("wsw.nav.export"), self.tr("wsw.nav.export.tip"), self.show_export),
        ]
        for i, (text, tip, cmd) in enumerate(nav):
            self.button((LX + i * (w4 + 8), NAV_Y, w4, 50), text, tip, cmd)
        self.team_buttons = []
        for i, tm in enumerate(self.session.teams):
            x, y, w, h = self.team_rect(i)
            key = f"{i + 1}. " if i < 9 else ""
            tip = self.tr("wsw.team.tip", shortcut=key, team=tm.name)
            self.team_buttons.append(self.button((x, y, w, h), "", tip, partial(self.enter_team, tm.name), oid="#hotspot"))
        self.refresh_buttons()

    def team_rect(self, i: int) -> tuple[float, float, float, float]:
        n = len(self.session.teams)
        rw = self.ctx.metrics.lw - 24 - RX
        cols = 1 if n <= 6 else 2
        w = (rw - (cols - 1) * 8) / cols
        per_col = math.ceil(n / cols)
        col, row = divmod(i, per_col)
        h = min(CARD_H, (TEAMS_H - (per_col - 1) * CARD_GAP) / per_col)
        return (RX + col * (w + 8), TEAMS_Y + row * (h + CARD_GAP), w, h)

    def refresh_buttons(self) -> None:
        """Which buttons work now (the phase, the clock, whether undo is possible)."""
        s = self.session
        st = s.status()
        timed = s.config.round_seconds > 0
        is_open = st.phase == "open"

        def able(b: pygame_gui.elements.UIButton | None, on: bool) -> None:
            if b is None:
                return
            if on:
                b.enable()
            else:
                b.disable()

        able(self.b_open, st.phase == "idle")
        able(self.b_close, is_open)
        able(self.b_undo, st.can_undo)
        able(self.b_pause, is_open and timed)
        able(self.b_plus, is_open and timed)
        able(self.b_minus, is_open and timed)
        able(self.b_finish, st.phase == "bids")
        able(self.b_import, st.phase in ("open", "bids"))
        if self.b_pause is not None:
            self.b_pause.set_text(self.tr("wsw.pause" if st.running or not is_open else "wsw.resume"))

    def session_changed(self) -> None:
        super().session_changed()
        self.refresh_buttons()

    def update(self, dt: float) -> None:
        if len(self.ws.notices) != self._notes_seen:
            self._notes_seen = len(self.ws.notices)
            self.dirty = True
        super().update(dt)

    # -- the round -------------------------------------------------------------------------
    def open_round(self) -> None:
        s = self.session
        try:
            rnd = s.open_round()
        except Exception as exc:
            if not is_refusal(exc):
                raise
            self.refusal(exc)
            return
        secs = s.config.round_seconds

        def clock(lang: str) -> str:
            return t("wsw.opened.clock", lang, minutes=t("ws.minutes", lang, n=f"{secs / 60:g}")) if secs else ""

        self.ws.note("wsw.opened", ACCENT, round=rnd, rounds=s.rounds, clock=clock)
        news = [announcement(s, e, self.ctx.lang) for e in s.injected() if e.turn == rnd and not e.secret]
        if news:
            self.message(self.tr("wsw.news.title", round=rnd), "\n\n".join(news))

    def close_round(self) -> None:
        s = self.session
        if s.phase != "open":
            return
        missing = s.missing()
        if missing:
            dialogs.confirm(
                self.app,
                self.tr("wsw.close"),
                escape(self.tr("wsw.close.missing", teams=", ".join(missing))),
                yes=self.tr("wsw.close.anyway"),
                yes_tip=self.tr("wsw.close.anyway.tip"),
                on_yes=self._close_now,
                danger=True,
            )
            return
        self._close_now()

    def _close_now(self) -> None:
        s = self.session
        rnd = s.round
        try:
            s.close_round(force=True)
        except Exception as exc:
            if not is_refusal(exc):
                raise
            self.refusal(exc)
            return
        self.ws.after_close(rnd)

    def toggle_clock(self) -> None:
        s = self.session
        try:
            if s.status().running:
                s.pause()
                self.ws.note("wsw.paused", WARN, left=mmss(s.remaining()))
            else:
                s.resume_clock()
                self.ws.note("wsw.going", GOOD, left=mmss(s.remaining()))
        except Exception as exc:
            if not is_refusal(exc):
                raise
            self.refusal(exc)

    def extend(self, seconds: int) -> None:
        s = self.session
        try:
            s.extend(seconds)
        except Exception as exc:
            if not is_refusal(exc):
                raise
            self.refusal(exc)
            return
        self.ws.note("wsw.extended", TEXT, round=s.round, left=mmss(s.remaining()))

    def undo(self) -> None:
        s = self.session
        if not s.status().can_undo:
            try:
                s.undo_last_resolution()  # refused, with the reason
            except Exception as exc:
                if not is_refusal(exc):
                    raise
                self.refusal(exc)
            return
        from game.ui.screens.ws_common import EntryDialog

        last = max(a.round or 0 for a in s.audit() if a.type == "close" and not a.undone)
        EntryDialog(
            self.app,
            self.tr("wsw.undo.title", round=last),
            escape(self.tr("wsw.undo.question", round=last)),
            initial="",
            tip=self.tr("wsw.undo.reason.tip"),
            ok=self.tr("wsw.undo.ok"),
            ok_tip=self.tr("wsw.undo.ok.tip"),
            on_ok=self._undo_now,
            danger=True,
        )

    def _undo_now(self, reason: str) -> None:
        try:
            rnd = self.session.undo_last_resolution(reason.strip() or None)
        except Exception as exc:
            if not is_refusal(exc):
                raise
            self.refusal(exc)
            return
        self.ws.note("wsw.undone", WARN, round=rnd)

    def finish(self) -> None:
        s = self.session
        if s.phase != "bids":
            return
        missing = s.missing()
        text = self.tr("wsw.finish.missing", teams=", ".join(missing)) if missing else self.tr("wsw.finish.question")
        dialogs.confirm(
            self.app,
            self.tr("wsw.finish"),
            escape(text),
            yes=self.tr("wsw.finish.yes"),
            yes_tip=self.tr("wsw.finish.tip"),
            on_yes=self._finish_now,
            danger=bool(missing),
        )

    def _finish_now(self) -> None:
        s = self.session
        try:
            s.finish(force=True)
        except Exception as exc:
            if not is_refusal(exc):
                raise
            self.refusal(exc)
            return
        self.ws.note("wsw.finished", GOOD)
        lines = [self.result_text(tm.name) for tm in s.teams]
        self.message(self.tr("wsw.finished"), "\n".join(lines))

    def result_text(self, team: str) -> str:
        s, lang = self.session, self.ctx.lang
        res = s.result(team)
        if res is None:
            return team
        result = fmt.short_money(res.result, s.scenario, lang)
        return self.tr("wsw.result.won" if res.won else "wsw.result.lost", team=team, result=result)

    # -- teams' entries ------------------------------------------------------------------------
    def enter_team(self, team: str) -> None:
        s = self.session
        if s.phase == "idle":
            self.message(self.tr("wsw.entry.title", team=team), self.tr("wsw.entry.not_open", round=s.round))
            return
        if s.phase == "done":
            self.message(self.tr("wsw.entry.title", team=team), self.result_text(team))
            return
        from game.ui.screens.ws_entry import WsCurtainScreen

        self.read_fields()
        self.app.push(WsCurtainScreen(self.app, self.ws, team))

    def read_fields(self) -> None:
        if self.import_entry is not None and self.import_entry.alive():
            self.import_text = self.import_entry.get_text()

    def do_import(self) -> None:
        self.read_fields()
        s = self.session
        names = split_paths(self.import_text)
        if not names:
            self.message(self.tr("wsw.import.title"), self.tr("wsw.import.empty"))
            return
        refused: list[str] = []
        kept: list[str] = []  # the refused files stay in the entry, to be fixed and imported again
        for name in names:
            try:
                res = s.import_file(name)
            except Exception as exc:
                if not is_refusal(exc):
                    raise
                refused.append(self.tr("wsw.import.refused", file=name) + "\n" + str(exc))
                kept.append(name)
                self.ws.note("wsw.import.refused_note", BAD, file=Path(name).name)
                continue
            again = replaced_text(res.replaced)
            if res.kind == "bid":
                self.ws.note("wsw.imported_bid", GOOD, file=Path(name).name, team=res.team)
            else:
                self.ws.note("wsw.imported", GOOD, file=Path(name).name, team=res.team, round=res.round, n=res.actions, replaced=again)
            for note in res.notes:
                self.ws.note("wsw.note", WARN, note=note)
            if res.forecast:
                g, vid = s.game_of(res.team), s.team(res.team).vendor
                made = cw.this_turn(g, vid)
                if made is not None:  # worded when drawn, in the language of the moment
                    self.ws.note("crews.forecast_saved", GOOD, team=res.team, forecast=partial(cw.forecast_text, made, g))
        self.import_text = "; ".join(kept)
        if self.import_entry is not None:
            self.import_entry.set_text(self.import_text)
        if refused:
            self.message(self.tr("wsw.import.title"), "\n\n".join(refused))

    def browse_files(self) -> None:
        self.read_fields()
        start = self.session.path.parent if self.session.path is not None else Path.cwd()
        FileChooser(self.app, self.tr("wsw.import.browse_title"), start, {".yaml", ".yml"}, self.picked)

    def picked(self, path: Path) -> None:
        """A decisions file from the chooser joins the import line (several can be listed)."""
        self.read_fields()
        self.import_text = "; ".join(x for x in (self.import_text.strip(), str(path)) if x)
        if self.import_entry is not None:
            self.import_entry.set_text(self.import_text)

    # -- other screens ---------------------------------------------------------------------------
    def show_events(self) -> None:
        from game.ui.screens.ws_events import WsEventsScreen

        self.read_fields()
        self.app.push(WsEventsScreen(self.app, self.ws))

    def show_dashboard(self) -> None:
        from game.ui.screens.ws_dashboard import WsDashboardScreen

        self.read_fields()
        self.app.push(WsDashboardScreen(self.app, self.ws))

    def show_leaderboard(self) -> None:
        from game.ui.screens.ws_leaderboard import WsLeaderboardScreen

        self.read_fields()
        self.app.push(WsLeaderboardScreen(self.app, self.ws))

    def show_export(self) -> None:
        from game.ui.screens.ws_export import WsExportScreen

        self.read_fields()
        self.app.push(WsExportScreen(self.app, self.ws))

    def show_briefing(self) -> None:
        from game.ui.screens.briefing import briefing_html

        s = self.session
        vendors = list(dict.fromkeys(tm.vendor for tm in s.teams))
        dialogs.Modal(
            self.app,
            s.scenario.title.get(self.ctx.lang),
            briefing_html(s.games[0], vendors, self.ctx.lang),
            size=(min(1100, self.ctx.metrics.lw - 80), self.ctx.metrics.lh - 80),
            buttons=[(self.tr("ui.close"), self.tr("ui.close.tip"), None, "#primary")],
            fit_text=False,
        )

    def back(self) -> None:
        dialogs.confirm(
            self.app,
            self.tr("wsw.leave"),
            escape(self.tr("wsw.leave.question", path=str(self.session.path or ""))),
            yes=self.tr("wsw.leave.yes"),
            yes_tip=self.tr("wsw.leave.tip"),
            on_yes=self._leave_now,
        )

    def _leave_now(self) -> None:
        from game.ui.screens.nav import to_title

        self.ws.close()
        to_title(self.app)

    # -- events ------------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.import_entry:
            self.app.defer(self.do_import)
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.import_entry:
            self.read_fields()
            return False
        if event.type == pygame.MOUSEWHEEL:
            pos = pygame.mouse.get_pos()
            if self.audit_rect().collidepoint(pos):
                self.scroll_audit(int(event.y) * 3)
                return True
            return False
        if event.type != pygame.KEYDOWN or self.app.typing():
            return False
        k = event.key
        if ctrl(event):
            return False
        actions = {
            pygame.K_o: self.open_round,
            pygame.K_c: self.close_round,
            pygame.K_p: self.toggle_clock,
            pygame.K_u: self.undo,
            pygame.K_f: self.finish,
            pygame.K_e: self.show_events,
            pygame.K_d: self.show_dashboard,
            pygame.K_l: self.show_leaderboard,
            pygame.K_x: self.show_export,
            pygame.K_b: self.show_briefing,
            pygame.K_ESCAPE: self.back,
        }
        if k in actions:
            b = {pygame.K_o: self.b_open, pygame.K_c: self.b_close, pygame.K_u: self.b_undo, pygame.K_f: self.b_finish, pygame.K_p: self.b_pause}.get(k)
            if b is None or b.is_enabled:
                actions[k]()
            return True
        if k in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS, pygame.K_MINUS, pygame.K_KP_MINUS):
            b = self.b_minus if k in (pygame.K_MINUS, pygame.K_KP_MINUS) else self.b_plus
            if b is not None and b.is_enabled:
                self.extend(-60 if b is self.b_minus else 60)
            return True
        if k == pygame.K_i and self.import_entry is not None:
            self.import_entry.focus()
            return True
        i = team_index(k, event.mod)
        if i is not None:
            if i < len(self.session.teams):
                self.enter_team(self.session.teams[i].name)
            return True
        if k in (pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END):
            step = {pygame.K_PAGEUP: 8, pygame.K_PAGEDOWN: -8, pygame.K_HOME: 10_000, pygame.K_END: -10_000}[k]
            self.scroll_audit(step)
            return True
        return False

    def scroll_audit(self, d: int) -> None:
        self.audit_scroll = max(0, min(self.audit_scroll + d, max(0, len(self.audit_lines()) - 1)))
        self.dirty = True

    def shortcuts(self) -> list[Shortcut]:
        return [
            ("O", self.tr("wsw.keys.open")),
            ("C", self.tr("wsw.keys.close")),
            ("P", self.tr("wsw.keys.pause")),
            ("+ / −", self.tr("wsw.keys.extend")),
            ("U", self.tr("wsw.keys.undo")),
            ("I", self.tr("wsw.keys.import")),
            ("1 … 9, 0, ⇧1 ⇧2", self.tr("wsw.keys.team")),
            ("F", self.tr("wsw.keys.finish")),
            ("E / D / L / X", self.tr("wsw.keys.nav")),
            ("B", self.tr("wsw.keys.brief")),
            ("PgUp / PgDn", self.tr("wsw.keys.audit")),
            ("Esc", self.tr("wsw.keys.leave")),
        ]

    # -- drawing -------------------------------------------------------------------------------------
    def audit_rect(self) -> pygame.Rect:
        """Below the teams' cards (and the join panel of a served session), down to the bottom."""
        m = self.ctx.metrics
        n = len(self.session.teams)
        last = max((self.team_rect(i)[1] + self.team_rect(i)[3] for i in range(n)), default=float(TEAMS_Y))
        top = min(AUDIT_Y, last + 14)
        if self.ws.host is not None and self.ws.host.join is not None:
            top += JOIN_H + 10
        return m.rect(RX, top, m.lw - 24 - RX, m.lh - 24 - top)

    def paint_join(self, surface: pygame.Surface) -> None:
        """A served session: where and how the teams join (QR code, address, PIN), who is here."""
        host = self.ws.host
        if host is None or host.join is None:
            return
        ctx, f, m = self.ctx, self.ctx.fonts, self.ctx.metrics
        audit = self.audit_rect()
        box = pygame.Rect(audit.x, audit.y - m.px(JOIN_H + 10), audit.w, m.px(JOIN_H))
        panel(surface, box, PANEL, ACCENT, m.px(10), 1)
        side = box.h - m.px(16)
        qr = self._qr_surface(host.join.url, side)
        surface.blit(qr, (box.x + m.px(8), box.y + m.px(8)))
        x = box.x + side + m.px(22)
        width = box.right - x - m.px(12)
        y = box.y + m.px(8)
        f.draw(surface, self.tr("wsw.join.title"), (x, y), ctx.fs(SMALL), DIM, bold=True, max_width=width)
        y += f.line_height(ctx.fs(SMALL)) + m.px(2)
        f.draw(surface, host.join.url.split("?")[0], (x, y), ctx.fs(BODY), TEXT, bold=True, max_width=width)
        y += f.line_height(ctx.fs(BODY)) + m.px(2)
        f.draw(surface, self.tr("wsw.join.pin", pin=host.join.pin), (x, y), ctx.fs(H2), ACCENT, bold=True, max_width=width)
        y += f.line_height(ctx.fs(H2))
        n = sum(host.room.connections(t.name) for t in self.session.teams)
        note = self.tr("wsw.join.local") if host.join.bound.startswith("127.") else self.tr("wsw.join.online", n=n)
        f.draw(surface, note, (x, y), ctx.fs(SMALL), WARN if host.join.bound.startswith("127.") else DIM, max_width=width)

    def _qr_surface(self, url: str, side: int) -> pygame.Surface:
        if self._qr is None or self._qr[0] != (url, side):
            import io

            import segno

            buf = io.BytesIO()
            segno.make(url, error="m").save(buf, kind="png", scale=8, border=2)
            buf.seek(0)
            image = pygame.image.load(buf, "qr.png")
            self._qr = ((url, side), pygame.transform.scale(image, (side, side)))
        return self._qr[1]

    def audit_lines(self) -> list[str]:
        key = (self.session.version, self.ctx.lang)
        if self._audit is None or self._audit[:2] != key:
            lines = [audit_line(self.session, a, self.ctx.lang) for a in self.session.audit()]
            self._audit = (key[0], key[1], lines)
        return self._audit[2]

    def paint(self, surface: pygame.Surface) -> None:
        ctx, f, m, lang = self.ctx, self.ctx.fonts, self.ctx.metrics, self.ctx.lang
        s = self.session
        st = s.status()
        title = self.tr("wsw.control.title", scenario=s.scenario.title.get(lang))
        self.paint_header(surface, title, session_facts(s, lang), self._right)
        # The round and its phase.
        if st.phase == "open":
            head = self.tr("wsw.round.open", round=st.round, rounds=st.rounds)
        elif st.phase == "idle":
            head = self.tr("wsw.round.next", round=st.round, rounds=st.rounds)
        elif st.phase == "bids":
            head = self.tr("wsw.round.bids", rounds=st.rounds)
        else:
            head = self.tr("wsw.round.done")
        chip = self.tr(f"ws.phase.{st.phase}")
        chip_w = f.width(chip, ctx.fs(SMALL), True) + m.px(24)
        f.draw(surface, head, (m.px(LX), m.px(HEADER_H + 8)), ctx.fs(H2), TEXT, bold=True, max_width=m.px(LW) - chip_w - m.px(12))
        chip_r = pygame.Rect(m.px(LX + LW) - chip_w, m.px(HEADER_H + 12), chip_w, m.px(28))
        colour = {"open": ACCENT, "idle": DIM, "bids": WARN, "done": GOOD}[st.phase]
        panel(surface, chip_r, PANEL_2, colour, chip_r.h // 2, max(1, m.px(2)))
        f.draw(surface, chip, (chip_r.centerx, chip_r.y + (chip_r.h - f.line_height(ctx.fs(SMALL))) // 2), ctx.fs(SMALL), colour, bold=True, align="center")
        # The countdown's panel (the number is drawn live).
        box = m.rect(*CLOCK)
        panel(surface, box, PANEL, BORDER, m.px(12), 1)
        text, colour = self.clock_note(st)
        f.draw(surface, text, (box.centerx, box.bottom - m.px(34)), ctx.fs(BODY), colour, align="center", max_width=box.w - m.px(24))
        # Import.
        f.draw(surface, self.tr("wsw.import.label"), (m.px(LX), m.px(IMPORT_Y - 24)), ctx.fs(SMALL), DIM, max_width=m.px(LW))
        self.paint_notes(surface)
        self.paint_teams(surface, st)
        self.paint_join(surface)
        self.paint_audit(surface)
        f.draw(surface, self.tr("wsw.control.keys"), (m.px(LX), m.px(NAV_Y + 62)), ctx.fs(SMALL - 1), FAINT, max_width=m.px(LW))

    def clock_note(self, st: object) -> tuple[str, tuple[int, int, int]]:
        s = self.session
        phase = s.phase
        secs = s.config.round_seconds
        if phase == "idle":
            minutes = self.tr("ws.minutes", n=f"{secs / 60:g}") if secs else self.tr("ws.untimed")
            return self.tr("wsw.clock.idle", minutes=minutes), DIM
        if phase == "bids":
            return self.tr("wsw.clock.bids"), WARN
        if phase == "done":
            return self.tr("wsw.clock.done"), GOOD
        if not secs:
            return self.tr("wsw.clock.untimed"), DIM
        status = s.status()
        if not status.running:
            key = "wsw.clock.paused_restart" if status.paused_after_restart else "wsw.clock.paused"
            return self.tr(key), WARN
        if s.remaining() <= 0:
            return self.tr("wsw.clock.overtime"), BAD
        return self.tr(f"wsw.clock.at_zero.{s.config.at_zero}"), DIM

    def paint_notes(self, surface: pygame.Surface) -> None:
        ctx, f, m = self.ctx, self.ctx.fonts, self.ctx.metrics
        box = self.paint_panel(surface, NOTES, self.tr("wsw.notes"))
        size = ctx.fs(SMALL)
        step = f.line_height(size)
        top = box.y + m.px(36)
        room = max(1, (box.bottom - m.px(8) - top) // step)
        lines: list[tuple[str, tuple[int, int, int]]] = []
        for n in reversed(self.ws.notices):
            for ln in reversed(f.wrap(n.text(ctx.lang), size, box.w - m.px(28))):
                lines.append((ln, n.colour))
            if len(lines) >= room:
                break
        if not lines:
            f.draw(surface, self.tr("wsw.notes.none"), (box.x + m.px(14), top), size, FAINT)
            return
        for i, (ln, colour) in enumerate(reversed(lines[:room])):
            f.draw(surface, ln, (box.x + m.px(14), top + i * step), size, colour, max_width=box.w - m.px(28))

    def paint_teams(self, surface: pygame.Surface, st: object) -> None:
        ctx, f, m, lang = self.ctx, self.ctx.fonts, self.ctx.metrics, self.ctx.lang
        s = self.session
        status = s.status()
        done_n = sum(1 for x in status.teams if x.submitted)
        key = {"bids": "wsw.teams.bids", "done": "wsw.teams.done"}.get(status.phase, "wsw.teams.round")
        f.draw(surface, self.tr(key, n=done_n, m=len(status.teams)), (m.px(RX), m.px(HEADER_H + 10)), ctx.fs(LARGE), TEXT, bold=True, max_width=m.px(m.lw - 24 - RX))
        subs = s.submissions()
        for i, x in enumerate(status.teams):
            r = m.rect(*self.team_rect(i))
            active = status.phase in ("open", "bids")
            panel(surface, r, PANEL_2 if x.submitted else PANEL, GOOD if x.submitted else BORDER, m.px(8), 1)
            pad = m.px(10)
            size = min(r.h - m.px(12), m.px(28))
            tick_mark(surface, (r.x + pad + size // 2, r.centery), size, x.submitted)
            tx = r.x + pad * 2 + size
            key_label = team_key(i)
            name_size = ctx.fs(LARGE) if r.h >= m.px(40) else ctx.fs(BODY)
            right_text, right_colour = self.team_state(x.name, x.submitted, x.actions, x.source, status.phase, subs)
            rw = min(f.width(right_text, ctx.fs(SMALL)), r.w // 2)
            name = x.name
            if s.config.mode == "head-to-head":
                name += " · " + words.vendor_name(s.scenario, x.vendor, lang)
            if key_label:
                f.draw(surface, key_label, (r.right - pad, r.y + m.px(3)), ctx.fs(SMALL - 3), FAINT, align="right")
            f.draw(surface, name, (tx, r.centery - f.line_height(name_size) // 2), name_size, TEXT if active or x.submitted else DIM, bold=True, max_width=r.right - tx - rw - pad * 3)
            f.draw(surface, right_text, (r.right - pad * 2, r.centery - f.line_height(ctx.fs(SMALL)) // 2), ctx.fs(SMALL), right_colour, align="right", max_width=r.w // 2)

    def team_state(self, team: str, submitted: bool, actions: int, source: str | None, phase: str, subs: object) -> tuple[str, tuple[int, int, int]]:
        text, colour = self._team_state(team, submitted, actions, source, phase)
        host = self.ws.host
        if host is not None and phase in ("open", "idle", "bids"):  # who is in the room, per team
            text += " · " + self.tr("wsw.team.online", n=len(host.room.online().get(team, [])))
        return text, colour

    def _team_state(self, team: str, submitted: bool, actions: int, source: str | None, phase: str) -> tuple[str, tuple[int, int, int]]:
        s = self.session
        if phase == "open":
            if not submitted:
                return self.tr("wsw.team.not_in"), WARN
            src = self.tr(f"wsw.source.{source}") if source else ""
            return self.tr("wsw.team.in", n=actions, source=src), GOOD
        if phase == "bids":
            return (self.tr("wsw.team.bid_in"), GOOD) if submitted else (self.tr("wsw.team.no_bid"), WARN)
        if phase == "done":
            res = s.result(team)
            if res is None:
                return "", DIM
            result = fmt.short_money(res.result, s.scenario, self.ctx.lang)
            return (self.tr("wsw.team.won", result=result), GOOD) if res.won else (self.tr("wsw.team.lost", result=result), DIM)
        decided = s.decisions(team)
        if not decided:
            return self.tr("wsw.team.waiting"), DIM
        last = max(decided)
        n = len(decided[last])
        return (self.tr("wsw.team.last", round=last, n=n) if n else self.tr("wsw.team.passed", round=last)), DIM

    def paint_audit(self, surface: pygame.Surface) -> None:
        ctx, f, m = self.ctx, self.ctx.fonts, self.ctx.metrics
        box = self.audit_rect()
        panel(surface, box, PANEL, BORDER, m.px(10), 1)
        lines = self.audit_lines()
        head = self.tr("wsw.audit.title", n=len(lines))
        f.draw(surface, head, (box.x + m.px(14), box.y + m.px(8)), ctx.fs(BODY), DIM, bold=True, max_width=box.w - m.px(28))
        size = ctx.fs(SMALL - 1)
        step = f.line_height(size)
        top = box.y + m.px(38)
        room = max(1, (box.bottom - m.px(8) - top) // step)
        end = len(lines) - self.audit_scroll
        shown = lines[max(0, end - room) : end]
        if not shown:
            f.draw(surface, self.tr("wsw.audit.none"), (box.x + m.px(14), top), size, FAINT)
        for i, ln in enumerate(shown):
            undone = ln.endswith(self.tr("wsw.audit.undone"))
            f.draw(surface, ln, (box.x + m.px(14), top + i * step), size, FAINT if undone else TEXT, max_width=box.w - m.px(28))
        if self.audit_scroll:
            more = self.tr("wsw.audit.more", n=self.audit_scroll)
            f.draw(surface, more, (box.right - m.px(14), box.y + m.px(10)), ctx.fs(SMALL - 2), WARN, align="right")

    def draw_live(self, surface: pygame.Surface) -> None:
        ctx, f, m = self.ctx, self.ctx.fonts, self.ctx.metrics
        box = m.rect(*CLOCK)
        text = clock_text(self.session)
        colour = clock_colour(self.session)
        size = ctx.fs(104)
        surf = f.render(text, size, colour, True)
        y = box.y + (box.h - m.px(40) - surf.get_height()) // 2
        surface.blit(surf, (box.centerx - surf.get_width() // 2, y))


def replaced_text(replaced: bool) -> Callable[[str], str]:
    """' (replaces the earlier one)' in the notice's language, or nothing."""

    def text(lang: str) -> str:
        return t("ws.entry_replaced", lang) if replaced else ""

    return text


def team_key(i: int) -> str:
    """The key for the i-th team's hot-seat entry (0-based): 1-9, 0 for the tenth, then ⇧1, ⇧2..."""
    if i < 9:
        return str(i + 1)
    if i == 9:
        return "0"
    return f"⇧{i - 9}" if i < 19 else ""


def team_index(key: int, mod: int) -> int | None:
    """The team (0-based) a digit key stands for (see team_key); None for other keys."""
    if not pygame.K_0 <= key <= pygame.K_9:
        return None
    digit = key - pygame.K_0
    if mod & pygame.KMOD_SHIFT:
        return 9 + digit if digit else None
    return 9 if digit == 0 else digit - 1


def split_paths(raw: str) -> list[str]:
    """File names typed or picked, separated by ';' or new lines; wildcards expanded."""
    out: list[str] = []
    for part in raw.replace("\n", ";").split(";"):
        path = typed_path(part)
        if path is None:
            continue
        name = str(path)
        if any(ch in name for ch in "*?["):
            found = sorted(glob.glob(name))
            out.extend(found if found else [name])
        else:
            out.append(name)
    return out


