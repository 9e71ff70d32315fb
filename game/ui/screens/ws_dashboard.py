"""The trainer's dashboard: per team win % (with its interval), expected result, coverage, resources, alerts.

The figures are :func:`game.session.dashboard` 's, computed by a
:class:`DashboardJob` on a worker thread (see :class:`Workshop`); this screen
shows the last one and "updating..." while a new one runs (the session's
version changed). It computes nothing itself. The teams must not see it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.present import fmt, words
from game.present.events import alert_text
from game.session.dashboard import Dashboard, TeamDashboard
from game.strings import strategy_name
from game.ui.screens.base import Shortcut
from game.ui.screens.ws_common import HEADER_H, Workshop, WsScreen, dots, tick_mark
from game.ui.theme import (
    ACCENT,
    BAD,
    BLUE,
    BODY,
    BORDER,
    DIM,
    FAINT,
    GOOD,
    GRID,
    LARGE,
    PANEL,
    PANEL_2,
    SMALL,
    TEXT,
    WARN,
)
from game.ui.widgets.draw import meter, panel

if TYPE_CHECKING:
    from game.ui.app import App

TABLE_Y = HEADER_H + 44
# Columns: key, left edge, width (logical), alignment.
COLUMNS: tuple[tuple[str, float, float, str], ...] = (
    ("team", 24, 170, "left"),
    ("in", 194, 44, "center"),
    ("win", 238, 250, "left"),
    ("expected", 488, 150, "right"),
    ("coverage", 648, 120, "left"),
    ("days", 778, 110, "right"),
    ("money", 898, 170, "right"),
    ("alerts", 1080, 336, "left"),
)


class WsDashboardScreen(WsScreen):
    def __init__(self, app: App, ws: Workshop) -> None:
        super().__init__(app, ws)
        self.shown: Dashboard | None = None
        self.was_updating = False

    def build(self) -> None:
        self._right = self.header_buttons(
            [(self.tr("wsw.dash.leaderboard"), self.tr("wsw.nav.leaderboard.tip"), self.show_leaderboard, None)]
        )
        if self.ws.dash_error:
            self.button((24, HEADER_H + 8, 160, 32), self.tr("wsw.dash.retry"), self.tr("wsw.dash.retry.tip"), self.retry, oid="#small")

    def retry(self) -> None:
        self.ws.retry()
        self.rebuild()

    def show_leaderboard(self) -> None:
        from game.ui.screens.ws_leaderboard import WsLeaderboardScreen

        self.app.replace(WsLeaderboardScreen(self.app, self.ws))

    def update(self, dt: float) -> None:
        d = self.ws.current_dashboard()
        if d is not None and d is not self.shown:
            self.shown = d
            self.dirty = True
        elif d is None and self.ws.dashboard is not None and self.ws.dashboard is not self.shown:
            self.shown = self.ws.dashboard  # an older one, shown dimmed until the new one is in
            self.dirty = True
        updating = self.ws.updating
        if updating != self.was_updating:
            self.was_updating = updating
            self.dirty = True
            if not updating and self.ws.dash_error:
                self.rebuild()
        super().update(dt)

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.back()
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_l and not self.app.typing():
            self.show_leaderboard()
            return True
        return False

    def shortcuts(self) -> list[Shortcut]:
        return [("L", self.tr("wsw.keys.leaderboard")), ("Esc", self.tr("wsw.keys.back"))]

    # -- drawing -------------------------------------------------------------------------------
    def status_line(self) -> tuple[str, tuple[int, int, int]]:
        d = self.shown
        if self.ws.dash_error and not self.ws.updating:
            return self.tr("wsw.dash.failed", msg=self.ws.dash_error), BAD
        if d is None:
            return self.tr("wsw.dash.first"), WARN
        phase = self.tr(f"ws.phase.{d.phase}")
        if d.teams and d.teams[0].final:
            return self.tr("wsw.dash.final", phase=phase), GOOD
        return self.tr("wsw.dash.status", round=d.round, phase=phase, worlds=d.worlds, assumption=strategy_name(d.assumption, self.ctx.lang), seconds=f"{d.seconds:.1f}"), DIM

    def paint(self, surface: pygame.Surface) -> None:
        ctx, f, m, lang = self.ctx, self.ctx.fonts, self.ctx.metrics, self.ctx.lang
        s = self.session
        self.paint_header(surface, self.tr("wsw.dash.title", scenario=s.scenario.title.get(lang)), self.tr("wsw.dash.sub"), self._right)
        text, colour = self.status_line()
        x0 = 200 if self.ws.dash_error else 24
        f.draw(surface, text, (m.px(x0), m.px(HEADER_H + 12)), ctx.fs(SMALL), colour, max_width=m.px(m.lw - 24 - x0 - 260))
        d = self.shown
        stale = d is not None and d.version != s.version
        # Column heads.
        for key, x, w, align in COLUMNS:
            label = self.tr(f"ws.col.{key}")
            pos = {"left": m.px(x), "center": m.px(x + w / 2), "right": m.px(x + w - 8)}[align]
            f.draw(surface, label, (pos, m.px(TABLE_Y)), ctx.fs(SMALL), DIM, bold=True, align=align, max_width=m.px(w - 8))
        pygame.draw.line(surface, BORDER, (m.px(24), m.px(TABLE_Y + 26)), (m.px(m.lw - 24), m.px(TABLE_Y + 26)), 1)
        if d is None:
            return
        n = max(1, len(d.teams))
        top = TABLE_Y + 32
        h = min(70.0, (m.lh - 24 - top) / n)
        for i, row in enumerate(d.teams):
            self.paint_row(surface, row, top + i * h, h, stale)

    def paint_row(self, surface: pygame.Surface, x: TeamDashboard, y: float, h: float, stale: bool) -> None:
        ctx, f, m, lang = self.ctx, self.ctx.fonts, self.ctx.metrics, self.ctx.lang
        sc = self.session.scenario
        band = m.rect(16, y + 2, m.lw - 32, h - 4)
        panel(surface, band, PANEL, None, m.px(6), 0)
        text = FAINT if stale else TEXT
        mid = band.centery

        def cell(key: str) -> tuple[float, float, str]:
            _, cx, cw, al = next(c for c in COLUMNS if c[0] == key)
            return cx, cw, al

        def put(key: str, value: str, colour: tuple[int, int, int] = text, size: int = ctx.fs(BODY), bold: bool = False) -> None:
            cx, cw, al = cell(key)
            pos = {"left": m.px(cx), "center": m.px(cx + cw / 2), "right": m.px(cx + cw - 8)}[al]
            f.draw(surface, value, (pos, mid - f.line_height(size) // 2), size, colour, bold=bold, align=al, max_width=m.px(cw - 8))

        if self.session.config.mode == "head-to-head":  # the vendor under the name
            cx, cw, _ = cell("team")
            big, small = ctx.fs(LARGE), ctx.fs(SMALL - 1)
            top = mid - (f.line_height(big) + f.line_height(small)) // 2
            f.draw(surface, x.team, (m.px(cx), top), big, text, bold=True, max_width=m.px(cw - 8))
            f.draw(surface, words.vendor_name(sc, x.vendor, lang), (m.px(cx), top + f.line_height(big)), small, DIM, max_width=m.px(cw - 8))
        else:
            put("team", x.team, text, ctx.fs(LARGE), True)
        cx, cw, _ = cell("in")
        tick_mark(surface, (m.px(cx + cw / 2), mid), min(m.px(26), band.h - m.px(8)), x.submitted)
        # Win % with its interval.
        cx, cw, _ = cell("win")
        label = f"{fmt.pct(x.win_probability)}"
        interval = f"{fmt.pct(x.win_low)}-{fmt.pct(x.win_high)}"
        lw_ = f.width(label, ctx.fs(LARGE), True)
        f.draw(surface, label, (m.px(cx), mid - f.line_height(ctx.fs(LARGE)) // 2), ctx.fs(LARGE), ACCENT if not stale else FAINT, bold=True)
        bar = pygame.Rect(m.px(cx) + lw_ + m.px(10), mid - m.px(5), m.px(cw) - lw_ - m.px(18), m.px(10))
        pygame.draw.rect(surface, PANEL_2, bar, border_radius=bar.h // 2)
        lo, hi = bar.x + int(bar.w * x.win_low), bar.x + int(bar.w * x.win_high)
        pygame.draw.rect(surface, GRID if stale else BLUE, pygame.Rect(lo, bar.y, max(2, hi - lo), bar.h), border_radius=bar.h // 2)
        pygame.draw.line(surface, TEXT, (bar.x + int(bar.w * x.win_probability), bar.y - m.px(4)), (bar.x + int(bar.w * x.win_probability), bar.bottom + m.px(3)), max(2, m.px(3)))
        f.draw(surface, interval, (bar.x, bar.bottom + m.px(2)), ctx.fs(SMALL - 3), DIM, max_width=bar.w)
        put("expected", fmt.short_money(x.expected_result, sc, lang), BAD if x.expected_result < 0 and not stale else text)
        # Coverage with a small meter.
        cx, cw, _ = cell("coverage")
        cov = fmt.pct(x.coverage)
        f.draw(surface, cov, (m.px(cx), mid - f.line_height(ctx.fs(BODY)) // 2 - m.px(4)), ctx.fs(BODY), text)
        meter(surface, pygame.Rect(m.px(cx), mid + m.px(12), m.px(cw - 20), m.px(6)), x.coverage, GOOD if x.coverage >= 0.5 else WARN)
        put("days", f"{x.days_used:g} / {x.days_available:g}")
        put("money", f"{fmt.short_money(x.money_spent, sc, lang)} / {fmt.short_money(x.budget, sc, lang)}", text, ctx.fs(SMALL))
        # Alerts, wrapped into the row.
        cx, cw, _ = cell("alerts")
        alerts = [alert_text(self.session.scenario, a.code, a.params, self.ctx.lang) for a in x.alerts]
        alert_line = self.tr("list.sep").join(alerts) if alerts else self.tr("wsw.dash.no_alerts")
        size = ctx.fs(SMALL - 1)
        step = f.line_height(size)
        lines_room = max(1, int((band.h - m.px(4)) // step))
        block = pygame.Rect(m.px(cx), 0, m.px(cw - 8), lines_room * step)
        lines = min(lines_room, len(f.wrap(alert_line, size, block.w - size // 2)))
        block.y = mid - lines * step // 2
        f.draw_block(surface, alert_line, block, size, (WARN if alerts else DIM) if not stale else FAINT, max_lines=lines_room)

    def draw_live(self, surface: pygame.Surface) -> None:
        if not self.ws.updating:
            return
        ctx, f, m = self.ctx, self.ctx.fonts, self.ctx.metrics
        text = self.tr("wsw.dash.updating") + dots()
        size = ctx.fs(BODY)
        surf = f.render(text, size, WARN, True)
        box = pygame.Rect(0, 0, surf.get_width() + m.px(28), surf.get_height() + m.px(10))
        box.topright = (m.px(m.lw - 24), m.px(HEADER_H + 6))
        pygame.draw.rect(surface, (12, 18, 26), box, border_radius=box.h // 2)
        pygame.draw.rect(surface, WARN, box, width=max(1, m.px(2)), border_radius=box.h // 2)
        surface.blit(surf, (box.x + m.px(14), box.y + m.px(5)))
