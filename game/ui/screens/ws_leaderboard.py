"""The leaderboard for the projector: rank, team, actual and expected result, process score, score.

Rows are :func:`game.session.scoring.leaderboard` 's, from the dashboard the
workshop computes off the UI thread; nothing is computed here. "Show to the
room" hides every control, goes full screen and sets the table in large type;
Esc (or F) comes back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.present import fmt, words
from game.session.scoring import Row
from game.ui.screens.base import Shortcut
from game.ui.screens.ws_common import HEADER_H, Workshop, WsScreen, dots
from game.ui.theme import (
    ACCENT,
    BAD,
    BORDER,
    DIM,
    FAINT,
    GOLD,
    GOOD,
    H1,
    H2,
    PANEL,
    PANEL_2,
    SMALL,
    TEXT,
    WARN,
    Colour,
)
from game.ui.widgets.draw import panel

if TYPE_CHECKING:
    from game.ui.app import App

ROOM_FULLSCREEN = True  # "show to the room" also switches the window to full screen
MEDALS: dict[int, Colour] = {1: GOLD, 2: (200, 206, 214), 3: (214, 144, 88)}
# Columns: key, share of the table's width, alignment.
COLUMNS: tuple[tuple[str, float, str], ...] = (
    ("rank", 0.07, "center"),
    ("team", 0.25, "left"),
    ("actual", 0.165, "right"),
    ("expected", 0.165, "right"),
    ("win", 0.10, "right"),
    ("process", 0.11, "right"),
    ("score", 0.14, "right"),
)


class WsLeaderboardScreen(WsScreen):
    def __init__(self, app: App, ws: Workshop) -> None:
        super().__init__(app, ws)
        self.room = False
        self._went_full = False
        self.rows: list[Row] | None = None
        self.fresh = False

    def build(self) -> None:
        if self.room:
            return
        self._right = self.header_buttons(
            [
                (self.tr("wsw.board.room"), self.tr("wsw.board.room.tip"), self.enter_room, "#primary"),
                (self.tr("wsw.board.dashboard"), self.tr("wsw.nav.dashboard.tip"), self.show_dashboard, None),
            ]
        )

    def show_dashboard(self) -> None:
        from game.ui.screens.ws_dashboard import WsDashboardScreen

        self.app.replace(WsDashboardScreen(self.app, self.ws))

    # -- the room ------------------------------------------------------------------------
    def enter_room(self) -> None:
        self.room = True
        self.app.close_modals()
        if ROOM_FULLSCREEN and not self.ctx.fullscreen:
            self._went_full = True
            self.app.set_display(fullscreen=True)
            if self.ctx.fullscreen:
                return
            self._went_full = False
        self.rebuild()

    def leave_room(self) -> None:
        self.room = False
        if self._went_full:
            self._went_full = False
            self.app.set_display(fullscreen=False)
            if not self.ctx.fullscreen:
                return
        self.rebuild()

    def update(self, dt: float) -> None:
        rows = self.ws.rows()
        if rows is not None and rows is not self.rows:
            self.rows = rows
            self.dirty = True
        fresh = rows is not None
        if fresh != self.fresh:
            self.fresh = fresh
            self.dirty = True
        super().update(dt)

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN or self.app.typing():
            return False
        if event.key == pygame.K_f:
            if self.room:
                self.leave_room()
            else:
                self.enter_room()
            return True
        if event.key == pygame.K_ESCAPE:
            if self.room:
                self.leave_room()
            else:
                self.back()
            return True
        if event.key == pygame.K_d and not self.room:
            self.show_dashboard()
            return True
        return False

    def shortcuts(self) -> list[Shortcut]:
        return [
            ("F", self.tr("wsw.keys.room")),
            ("D", self.tr("wsw.keys.dashboard")),
            ("Esc", self.tr("wsw.keys.room_back") if self.room else self.tr("wsw.keys.back")),
        ]

    # -- drawing ---------------------------------------------------------------------------------
    def paint(self, surface: pygame.Surface) -> None:
        ctx, f, m, lang = self.ctx, self.ctx.fonts, self.ctx.metrics, self.ctx.lang
        s = self.session
        title = self.tr("ws.board.title", scenario=s.scenario.title.get(lang))
        if self.room:
            f.draw(surface, title, (m.px(m.lw / 2), m.px(22)), ctx.fs(H1), TEXT, bold=True, align="center", max_width=m.px(m.lw - 60))
            top = 104.0
        else:
            self.paint_header(surface, title, self.sub_line(), self._right)
            top = HEADER_H + 20.0
        legend_h = 64.0 if self.room else 56.0
        bottom = m.lh - 16 - legend_h
        self.paint_table(surface, top, bottom)
        f.draw_block(surface, self.tr("ws.board.legend"), m.rect(40, bottom + 8, m.lw - 80, legend_h), ctx.fs(SMALL + (3 if self.room else 0)), DIM, max_lines=2)

    def sub_line(self) -> str:
        s = self.session
        st = s.status()
        if st.phase == "done":
            return self.tr("wsw.board.final")
        return self.tr("wsw.board.sub", round=min(st.round, st.rounds) if st.phase == "open" else len(s.games[0].records), rounds=st.rounds)

    def paint_table(self, surface: pygame.Surface, top: float, bottom: float) -> None:
        ctx, f, m, lang = self.ctx, self.ctx.fonts, self.ctx.metrics, self.ctx.lang
        sc = self.session.scenario
        x0, width = 40.0, m.lw - 80
        big = self.room
        head_size = ctx.fs(H2 if big else SMALL + 2)
        xs: list[tuple[str, float, float, str]] = []
        x = x0
        for key, share, align in COLUMNS:
            xs.append((key, x, width * share, align))
            x += width * share

        def at(cx: float, cw: float, align: str) -> int:
            return {"left": m.px(cx + 12), "center": m.px(cx + cw / 2), "right": m.px(cx + cw - 12)}[align]

        for key, cx, cw, align in xs:
            label = self.tr(f"ws.col.{key}") if key != "rank" else self.tr("wsw.board.rank")
            f.draw(surface, label, (at(cx, cw, align), m.px(top)), head_size, DIM, bold=True, align=align, max_width=m.px(cw - 16))
        line_y = top + (44 if big else 32)
        pygame.draw.line(surface, BORDER, (m.px(x0), m.px(line_y)), (m.px(x0 + width), m.px(line_y)), max(1, m.px(2)))
        rows = self.rows
        if rows is None:
            text = self.tr("wsw.board.computing") + dots()
            f.draw(surface, text, (m.px(m.lw / 2), m.px((line_y + bottom) / 2)), ctx.fs(H2), WARN, align="center")
            return
        stale = not self.fresh
        n = max(1, len(rows))
        row_h = max(30.0, min(96.0 if big else 64.0, (bottom - line_y - 10) / n))
        size = max(ctx.fs(SMALL), min(ctx.fs(H1 + 4 if big else H2 + 2), m.px(row_h * 0.5)))
        # One size for the whole table, small enough that every figure fits its column.
        for key, _, cw, _ in xs:
            if key in ("rank", "team"):
                continue
            room = m.px(cw - 20)
            widest = max((f.width(self.cell(row, key, sc, lang)[0], size, key == "score") for row in rows), default=0)
            while widest > room and size > ctx.fs(SMALL):
                size -= 1
                widest = max(f.width(self.cell(row, key, sc, lang)[0], size, key == "score") for row in rows)
        y = line_y + 8
        for i, row in enumerate(rows):
            band = m.rect(x0, y, width, row_h - 6)
            panel(surface, band, PANEL_2 if i % 2 == 0 else PANEL, None, m.px(8), 0)
            mid = band.centery
            colour = FAINT if stale else TEXT
            medal = MEDALS.get(row.rank)
            for key, cx, cw, align in xs:
                value, tint, bold = self.cell(row, key, sc, lang)
                if key == "rank":
                    rad = min(band.h // 2 - m.px(4), size * 3 // 4)
                    centre = (at(cx, cw, align), mid)
                    if medal is not None and not stale:
                        pygame.draw.circle(surface, medal, centre, rad)
                        tint = (20, 28, 38)
                    else:
                        pygame.draw.circle(surface, BORDER, centre, rad, max(1, m.px(2)))
                    surf = f.render(value, max(ctx.fs(SMALL), int(rad * 1.1)), FAINT if stale or tint is None else tint, True)
                    surface.blit(surf, (centre[0] - surf.get_width() // 2, mid - surf.get_height() // 2))
                    continue
                if key == "actual" and row.actual is None:
                    align = "center"  # the blank sits in the middle of its column
                f.draw(surface, value, (at(cx, cw, align), mid - f.line_height(size) // 2), size, colour if tint is None or stale else tint, bold=bold, align=align, max_width=m.px(cw - 20))
            y += row_h

    def cell(self, row: Row, key: str, sc: object, lang: str) -> tuple[str, Colour | None, bool]:
        scenario = self.session.scenario
        if key == "rank":
            return str(row.rank), TEXT, True
        if key == "team":
            name = row.team
            if self.session.config.mode == "head-to-head":
                name += " · " + words.vendor_name(scenario, row.vendor, lang)
            return name, None, True
        if key == "actual":
            if row.actual is None:
                return "—", FAINT, False  # not awarded yet
            return fmt.short_money(row.actual, scenario, lang), GOOD if row.won else (BAD if row.actual < 0 else DIM), False
        if key == "expected":
            return fmt.short_money(row.expected, scenario, lang), BAD if row.expected < 0 else None, False
        if key == "win":
            return fmt.pct(row.win_probability), None, False
        if key == "process":
            return f"{row.process:.0f}", None, False
        return f"{row.score:.1f}", ACCENT, True
