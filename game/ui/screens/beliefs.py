"""Our map of the committee (Blue-Sheet style): the team's own estimate of each person.

Opened from the board ("Our map", M). Per person: how much they favour the
team (0-100 %, by +/- or a slider) and their top priorities among the
scenario's criteria (clicked in order of importance), beside the team's
readings from :meth:`Game.view` (ranges, not the truth) for comparison.
Saving calls :meth:`Game.record_belief` for the team's vendor, for every
person whose estimate changed: it is logged (and replayed) and the debrief
compares it with the truth. Nothing here reads the truth.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.engine.game import Game, PersonView
from game.present import fmt, words
from game.session.hotseat import Match
from game.ui.screens.base import Screen, Shortcut, ctrl, escape
from game.ui.theme import (
    ACCENT,
    BG_2,
    BLUE,
    BORDER,
    DIM,
    FAINT,
    GOLD,
    GOOD,
    GRID,
    H2,
    LARGE,
    PANEL,
    PANEL_2,
    RANGE,
    ROLE_COLOURS,
    SMALL,
    TEXT,
    VETO,
    WARN,
    Colour,
    mix,
)
from game.ui.widgets import dialogs
from game.ui.widgets.draw import meter, panel, range_bar

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.screens.board import BoardScreen

STEP = 0.05
SELECTED: Colour = mix(PANEL, ACCENT, 0.16)  # the chosen row (tracks stay visible on it)
SEGMENTS = 21  # the slider's stops: 0 %, 5 %, ..., 100 %
LIST = (12, 70, 920, 664)
DX = 944
TOP_Y = 104
# Columns of the list (logical x inside it).
C_READ, C_EST, C_TOP = 240, 420, 740
EST_BAR = (C_EST + 40, 170)  # x, width of the estimate bar between - and +


@dataclass(frozen=True)
class Estimate:
    stance: float | None = None
    cares: tuple[str, ...] = ()  # criteria, most important first

    def weights(self) -> dict[str, float] | None:
        """As the terminal's belief command: the first named counts most."""
        n = len(self.cares)
        return {k: float(n - i) for i, k in enumerate(self.cares)} or None


def saved_estimates(game: Game, vid: str) -> tuple[dict[str, Estimate], dict[str, int]]:
    """The latest recorded estimate of each person (each field's latest value) and its turn."""
    out: dict[str, Estimate] = {}
    turns: dict[str, int] = {}
    for b in game.beliefs:
        if b.vendor != vid:
            continue
        prev = out.get(b.stakeholder, Estimate())
        given = b.cares
        cares = tuple(sorted(given, key=lambda k: -given[k])) if given else prev.cares
        out[b.stakeholder] = Estimate(b.stance if b.stance is not None else prev.stance, cares)
        turns[b.stakeholder] = b.turn
    return out, turns


def open_map(board: BoardScreen) -> None:
    """The board's 'Our map' button and M key."""
    board.app.push(BeliefMapScreen(board.app, board.match, board.vid))


def add_map_button(board: BoardScreen) -> None:
    """The 'Our map' button at the top right of the board's committee chart."""
    from game.ui.screens.board_paint import CHART

    board.button((CHART.x + CHART.w - 176, CHART.y + 1, 168, 26), board.tr("map.open"), board.tr("map.open.tip"), partial(open_map, board), oid="#small")


class BeliefMapScreen(Screen):
    def __init__(self, app: App, match: Match, vid: str) -> None:
        super().__init__(app)
        self.match = match
        self.vid = vid
        self.saved, self.saved_turns = saved_estimates(match.game, vid)
        self.edits: dict[str, Estimate] = dict(self.saved)
        views = self.views()
        top = next((p for p in views if p.role == "decision_maker"), views[0])
        self.selected = top.id
        self.status: tuple[str, Colour] | None = None

    # -- reading the game ------------------------------------------------------------------------
    @property
    def game(self) -> Game:
        return self.match.game

    def views(self) -> list[PersonView]:
        return self.game.view(self.vid)

    def person(self, sid: str) -> PersonView:
        return next(p for p in self.views() if p.id == sid)

    def estimate(self, sid: str) -> Estimate:
        return self.edits.get(sid, Estimate())

    def changed(self) -> list[str]:
        """People whose estimate differs from the last saved one (and says something)."""
        out = []
        for p in self.views():
            e = self.estimate(p.id)
            if e != self.saved.get(p.id, Estimate()) and (e.stance is not None or e.cares):
                out.append(p.id)
        return out

    # -- widgets -----------------------------------------------------------------------------------
    def build(self) -> None:
        lang, lw = self.ctx.lang, self.ctx.metrics.lw
        self.button((lw - 12 - 160, 10, 160, 40), self.tr("map.back"), self.tr("map.back.tip"), self.back, oid="#small")
        self.button((lw - 12 - 160 - 118, 10, 110, 40), self.tr("board.help"), self.tr("board.help.tip"), self.app.toggle_help, oid="#small")
        self.button((lw - 12 - 160 - 236, 10, 110, 40), "English" if lang == "zh" else "中文", self.tr("board.lang.tip"), lambda: self.app.set_lang("en" if lang == "zh" else "zh"), oid="#small")
        x0 = LIST[0]
        rh = self.row_h()
        for i, p in enumerate(self.views()):
            y = TOP_Y + i * rh
            name = p.name.get(lang)
            self.button((x0 + 4, y + 2, C_READ - 12, rh - 4), "", self.tr("map.row.tip", person=name), partial(self.select, p.id), oid="#hotspot")
            bh = min(34.0, rh - 12)
            by = y + (rh - bh) / 2
            self.button((x0 + C_EST, by, 34, bh), "−", self.tr("map.less.tip", person=name), partial(self.nudge, p.id, -1), oid="#small")
            self.button((x0 + EST_BAR[0] + EST_BAR[1] + 62, by, 34, bh), "+", self.tr("map.more.tip", person=name), partial(self.nudge, p.id, 1), oid="#small")
        self.build_detail()
        self.button((lw - 12 - 300, 744, 300, 52), self.tr("map.save"), self.tr("map.save.tip", turn=self.game.turn), self.save, oid="#primary")

    def build_detail(self) -> None:
        lang = self.ctx.lang
        sc = self.game.scenario
        p = self.person(self.selected)
        name = p.name.get(lang)
        dx, dw = DX + 16, self.detail_w() - 32
        # The slider: one stop per 5 %, over the drawn bar.
        seg = dw / SEGMENTS
        for i in range(SEGMENTS):
            value = i / (SEGMENTS - 1)
            self.button((dx + i * seg, self.slider_y() - 8, seg, 34), "", self.tr("map.segment.tip", person=name, pct=fmt.pct(value)), partial(self.set_stance, self.selected, value), oid="#hotspot")
        self.button((dx + dw - 140, self.slider_y() + 42, 140, 30), self.tr("map.reset"), self.tr("map.reset.tip", person=name), partial(self.reset, self.selected), oid="#small")
        ranks = self.estimate(self.selected).cares
        y = self.cares_y() + 28
        step = min(42.0, (724 - y) / max(1, len(sc.criteria)))
        for i, c in enumerate(sc.criteria):
            cname = words.criterion_name(sc, c.id, lang)
            text = f"{ranks.index(c.id) + 1}. {cname}" if c.id in ranks else cname
            tip = self.tr("map.crit.tip", criterion=cname, person=name, n=i + 1)
            b = self.button((dx, y + i * step, dw, step - 6), text, tip, partial(self.toggle_care, self.selected, c.id))
            if c.id in ranks:
                b.select()

    # -- geometry ------------------------------------------------------------------------------------
    def row_h(self) -> float:
        return min(54.0, (LIST[1] + LIST[3] - 6 - TOP_Y) / max(1, len(self.views())))

    def detail_w(self) -> float:
        return self.ctx.metrics.lw - DX - 12

    def slider_y(self) -> float:
        return LIST[1] + 284

    def cares_y(self) -> float:
        return LIST[1] + 364

    # -- decisions ------------------------------------------------------------------------------------
    def select(self, sid: str) -> None:
        if sid != self.selected:
            self.selected = sid
            self.rebuild()

    def step_person(self, d: int) -> None:
        ids = [p.id for p in self.views()]
        self.select(ids[(ids.index(self.selected) + d) % len(ids)])

    def set_stance(self, sid: str, value: float) -> None:
        e = self.estimate(sid)
        self.edits[sid] = Estimate(round(round(max(0.0, min(1.0, value)) / STEP) * STEP, 2), e.cares)
        self.status = None
        self.dirty = True

    def nudge(self, sid: str, d: int) -> None:
        e = self.estimate(sid)
        base = 0.5 if e.stance is None else e.stance
        self.set_stance(sid, base + d * STEP)

    def toggle_care(self, sid: str, cid: str) -> None:
        e = self.estimate(sid)
        cares = tuple(c for c in e.cares if c != cid) if cid in e.cares else (*e.cares, cid)
        self.edits[sid] = Estimate(e.stance, cares)
        self.status = None
        self.rebuild()

    def reset(self, sid: str) -> None:
        self.edits[sid] = self.saved.get(sid, Estimate())
        self.status = None
        self.rebuild()

    def save(self) -> None:
        changed = self.changed()
        if not changed:
            self.status = (self.tr("map.nothing"), DIM)
            self.dirty = True
            return
        for sid in changed:
            e = self.estimate(sid)
            old = self.saved.get(sid, Estimate())
            stance = e.stance if e.stance != old.stance else None
            cares = e.weights() if e.cares != old.cares else None
            self.game.record_belief(self.vid, sid, stance=stance, cares=cares)
        self.saved, self.saved_turns = saved_estimates(self.game, self.vid)
        self.edits = {**self.saved, **{k: v for k, v in self.edits.items() if k not in self.saved}}
        self.status = (self.tr("map.saved", n=len(changed), turn=self.game.turn), GOOD)
        self.dirty = True

    def back(self) -> None:
        changed = self.changed()
        if not changed:
            self.app.pop()
            return
        dialogs.confirm(
            self.app,
            self.tr("map.unsaved_title"),
            escape(self.tr("map.unsaved_q", n=len(changed))),
            yes=self.tr("map.leave_anyway"),
            yes_tip=self.tr("map.leave_anyway.tip"),
            on_yes=self.leave,
            no=self.tr("map.stay"),
            no_tip=self.tr("map.stay.tip"),
            danger=True,
        )

    def leave(self) -> None:
        self.app.pop()

    # -- events ------------------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN or self.app.typing():
            return False
        k = event.key
        if k in (pygame.K_DOWN, pygame.K_TAB) and not event.mod & pygame.KMOD_SHIFT:
            self.step_person(1)
        elif k in (pygame.K_UP, pygame.K_TAB):
            self.step_person(-1)
        elif k in (pygame.K_RIGHT, pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.nudge(self.selected, 1)
        elif k in (pygame.K_LEFT, pygame.K_MINUS, pygame.K_KP_MINUS):
            self.nudge(self.selected, -1)
        elif pygame.K_1 <= k <= pygame.K_9:
            crit = self.game.scenario.criteria
            i = k - pygame.K_1
            if i < len(crit):
                self.toggle_care(self.selected, crit[i].id)
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER) or (k == pygame.K_s and ctrl(event)):
            self.save()
        elif k in (pygame.K_ESCAPE, pygame.K_m):
            self.back()
        else:
            return False
        return True

    def shortcuts(self) -> list[Shortcut]:
        n = len(self.game.scenario.criteria)
        return [
            ("↑ ↓ / Tab", self.tr("keys.map.person")),
            ("← → / − +", self.tr("keys.map.estimate")),
            (f"1 … {n}", self.tr("keys.map.crit")),
            ("Enter / Ctrl+S", self.tr("keys.map.save")),
            ("Esc / M", self.tr("keys.map.back")),
        ]

    # -- drawing ------------------------------------------------------------------------------------------------
    def paint(self, surface: pygame.Surface) -> None:
        ctx, f, m = self.ctx, self.ctx.fonts, self.ctx.metrics
        lang, sc = ctx.lang, self.game.scenario
        surface.fill(BG_2, m.rect(0, 0, m.lw, 60))
        title = self.tr("map.title", vendor=words.vendor_name(sc, self.vid, lang), turn=self.game.turn)
        room = m.px(m.lw - 12 - 400 - 24)
        f.draw(surface, title, (m.px(14), m.px(4)), ctx.fs(H2 - 2), TEXT, bold=True, max_width=room)
        f.draw(surface, self.tr("map.intro"), (m.px(14), m.px(35)), ctx.fs(SMALL - 1), DIM, max_width=room)
        self.paint_list(surface)
        self.paint_detail(surface)
        if self.status is not None:
            text, colour = self.status
        else:
            n = len(self.changed())
            text, colour = (self.tr("map.unsaved", n=n), WARN) if n else (self.tr("map.hint"), DIM)
        f.draw_block(surface, text, m.rect(14, 748, m.lw - 12 - 300 - 40, 48), ctx.fs(SMALL), colour, max_lines=2)

    def paint_list(self, surface: pygame.Surface) -> None:
        ctx, f, m = self.ctx, self.ctx.fonts, self.ctx.metrics
        x0, y0, w, h = LIST
        panel(surface, m.rect(x0, y0, w, h), PANEL, BORDER, m.px(10), 1)
        fs = ctx.fs(SMALL - 1)
        for x, key, width in ((14, "map.col.person", C_READ - 20), (C_READ, "map.col.readings", C_EST - C_READ - 10), (C_EST, "map.col.estimate", C_TOP - C_EST - 10), (C_TOP, "map.col.top", w - C_TOP - 10)):
            f.draw(surface, self.tr(key), (m.px(x0 + x), m.px(y0 + 8)), fs, DIM, max_width=m.px(width))
        rh = self.row_h()
        for i, p in enumerate(self.views()):
            y = TOP_Y + i * rh
            row = m.rect(x0 + 4, y, w - 8, rh - 2)
            if p.id == self.selected:
                panel(surface, row, SELECTED, ACCENT, m.px(6), max(1, m.px(2)))
            elif i % 2:
                pygame.draw.rect(surface, (26, 36, 48), row, border_radius=m.px(6))
            self.paint_row(surface, p, y, rh)

    def paint_row(self, surface: pygame.Surface, p: PersonView, y: float, rh: float) -> None:
        ctx, f, m = self.ctx, self.ctx.fonts, self.ctx.metrics
        lang, sc = ctx.lang, self.game.scenario
        x0 = LIST[0]
        two = rh >= 44
        name_y = y + (4 if two else (rh - 22) / 2)
        pygame.draw.rect(surface, ROLE_COLOURS.get(p.role, TEXT), m.rect(x0 + 10, y + 8, 4, rh - 18), border_radius=m.px(2))
        f.draw(surface, p.name.get(lang), (m.px(x0 + 20), m.px(name_y)), ctx.fs(SMALL), TEXT, bold=True, max_width=m.px(C_READ - 40))
        if two:
            marks = [words.role_name(p.role, lang)]
            if p.veto:
                marks.append(self.tr("card.veto"))
            if p.panel:
                marks.append(self.tr("card.panel"))
            f.draw(surface, self.tr("list.sep").join(marks), (m.px(x0 + 20), m.px(y + 25)), ctx.fs(SMALL - 3), VETO if p.veto else DIM, max_width=m.px(C_READ - 40))
        mid = y + rh / 2
        # Readings (ranges: the truth is somewhere inside).
        bar = m.rect(x0 + C_READ, mid - 5, C_EST - C_READ - 84, 10)
        range_bar(surface, bar, p.stance[0], p.stance[1], RANGE)
        f.draw(surface, fmt.pct_range(*p.stance), (m.px(x0 + C_EST - 14), m.px(mid - 10)), ctx.fs(SMALL - 2), DIM, align="right")
        # Our estimate.
        e = self.estimate(p.id)
        bx, bw = EST_BAR
        track = m.rect(x0 + bx, mid - 6, bw, 12)
        self.estimate_bar(surface, track, e.stance, p.stance)
        value = fmt.pct(e.stance) if e.stance is not None else self.tr("map.unset")
        changed = e != self.saved.get(p.id, Estimate())
        f.draw(surface, value, (m.px(x0 + bx + bw + 56), m.px(mid - 11)), ctx.fs(SMALL), WARN if changed else (TEXT if e.stance is not None else FAINT), bold=e.stance is not None, align="right")
        # Top priority.
        top = words.criterion_name(sc, e.cares[0], lang) if e.cares else self.tr("map.unset")
        fs = ctx.fs(SMALL - 2)
        lines = f.wrap(top, fs, m.px(LIST[2] - C_TOP - 14))
        ty = m.px(mid) - (f.line_height(fs) * min(2, len(lines))) // 2
        box = pygame.Rect(m.px(x0 + C_TOP), ty, m.px(LIST[2] - C_TOP - 12), f.line_height(fs) * 2)
        f.draw_block(surface, top, box, fs, TEXT if e.cares else FAINT, max_lines=2 if two else 1)

    def estimate_bar(self, surface: pygame.Surface, track: pygame.Rect, stance: float | None, reading: tuple[float, float]) -> None:
        """The estimate on a 0-100 % track, over a faint band of the readings for comparison."""
        m = self.ctx.metrics
        pygame.draw.rect(surface, PANEL_2, track, border_radius=track.h // 2)
        lo, hi = reading
        band = pygame.Rect(track.x + int(track.w * lo), track.y, max(2, int(track.w * (hi - lo))), track.h)
        shade = pygame.Surface(band.size, pygame.SRCALPHA)
        shade.fill((*RANGE, 70))
        surface.blit(shade, band)
        for q in (0.25, 0.5, 0.75):
            x = track.x + int(track.w * q)
            pygame.draw.line(surface, GRID, (x, track.y), (x, track.bottom - 1))
        if stance is not None:
            x = track.x + int(track.w * stance)
            pygame.draw.circle(surface, BLUE, (x, track.centery), max(4, track.h // 2 + m.px(3)))
            pygame.draw.circle(surface, TEXT, (x, track.centery), max(4, track.h // 2 + m.px(3)), max(1, m.px(2)))

    def paint_detail(self, surface: pygame.Surface) -> None:
        ctx, f, m = self.ctx, self.ctx.fonts, self.ctx.metrics
        lang, sc = ctx.lang, self.game.scenario
        p = self.person(self.selected)
        box = m.rect(DX, LIST[1], self.detail_w(), LIST[3])
        panel(surface, box, PANEL, BORDER, m.px(10), 1)
        x, w = m.px(DX + 16), m.px(self.detail_w() - 32)
        y = m.px(LIST[1] + 10)
        name = p.name.get(lang)
        f.draw(surface, name, (x, y), ctx.fs(LARGE), TEXT, bold=True, max_width=w)
        y += m.px(30)
        facts = [words.role_name(p.role, lang), self.tr("who.influence", pct=fmt.pct(p.influence))]
        if p.veto:
            facts.append(self.tr("card.veto"))
        if p.panel:
            facts.append(self.tr("card.panel"))
        title = p.title.get(lang) if p.title is not None else ""
        f.draw(surface, title, (x, y), ctx.fs(SMALL - 1), DIM, max_width=w)
        y += m.px(22)
        f.draw(surface, self.tr("list.sep").join(facts), (x, y), ctx.fs(SMALL - 1), ROLE_COLOURS.get(p.role, TEXT), max_width=w)
        y += m.px(30)
        f.draw(surface, self.tr("map.readings_head"), (x, y), ctx.fs(SMALL), GOLD, bold=True, max_width=w)
        y += m.px(26)
        label_w = m.px(150)
        for key, (lo, hi), colour in (("card.stance", p.stance, RANGE), ("card.relationship", p.relationship, ACCENT)):
            f.draw(surface, self.tr(key), (x, y), ctx.fs(SMALL - 1), DIM, max_width=label_w - m.px(6))
            range_bar(surface, pygame.Rect(x + label_w, y + m.px(5), w - label_w - m.px(80), m.px(10)), lo, hi, colour)
            f.draw(surface, fmt.pct_range(lo, hi), (x + w, y), ctx.fs(SMALL - 1), TEXT, align="right")
            y += m.px(24)
        f.draw(surface, self.tr("card.knowledge"), (x, y), ctx.fs(SMALL - 1), DIM, max_width=label_w - m.px(6))
        meter(surface, pygame.Rect(x + label_w, y + m.px(5), w - label_w - m.px(80), m.px(10)), p.knowledge, GOLD)
        f.draw(surface, fmt.pct(p.knowledge), (x + w, y), ctx.fs(SMALL - 1), TEXT, align="right")
        y += m.px(24)
        cares = self.tr("who.cares", cares=words.cares_text(p, sc, lang))
        f.draw_block(surface, cares, pygame.Rect(x, y, w, m.px(44)), ctx.fs(SMALL - 1), TEXT, max_lines=2)
        # Our estimate: the slider.
        e = self.estimate(p.id)
        sy = self.slider_y()
        f.draw(surface, self.tr("map.estimate", person=name), (x, m.px(sy - 36)), ctx.fs(SMALL), GOLD, bold=True, max_width=w - m.px(90))
        value = fmt.pct(e.stance) if e.stance is not None else self.tr("map.unset")
        f.draw(surface, value, (x + w, m.px(sy - 40)), ctx.fs(LARGE), TEXT if e.stance is not None else FAINT, bold=True, align="right")
        track = pygame.Rect(x, m.px(sy), w, m.px(16))
        self.estimate_bar(surface, track, e.stance, p.stance)
        for q in (0.0, 0.5, 1.0):
            f.draw(surface, fmt.pct(q), (track.x + int(track.w * q), track.bottom + m.px(4)), ctx.fs(SMALL - 3), FAINT, align="center" if 0 < q < 1 else ("left" if q == 0 else "right"))
        ly = track.bottom + m.px(22)
        pygame.draw.circle(surface, BLUE, (x + m.px(6), ly + m.px(8)), m.px(6))
        band = pygame.Surface((m.px(22), m.px(10)), pygame.SRCALPHA)
        band.fill((*RANGE, 110))
        r = f.draw(surface, self.tr("map.legend.estimate"), (x + m.px(16), ly), ctx.fs(SMALL - 3), DIM)
        surface.blit(band, (r.right + m.px(14), ly + m.px(4)))
        f.draw(surface, self.tr("map.legend.readings"), (r.right + m.px(40), ly), ctx.fs(SMALL - 3), DIM, max_width=x + w - m.px(150) - r.right - m.px(40))
        f.draw(surface, self.tr("map.priorities", person=name), (x, m.px(self.cares_y())), ctx.fs(SMALL), GOLD, bold=True, max_width=w)
        last = self.saved_turns.get(p.id)
        if last is not None:
            f.draw(surface, self.tr("map.last", turn=last), (x + w, m.px(LIST[1] + 14)), ctx.fs(SMALL - 2), FAINT, align="right")
