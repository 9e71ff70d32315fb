"""The award reveal: every bid's scores row by row, the winner, and the breakdown.

Rows appear from the last place up and their score bars fill; Space, Enter or a
click shows everything at once. The numbers are the engine's
:class:`~game.engine.records.GameResult` (and the award detail for the
proposal's own technical score); nothing is computed here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.engine.records import GameResult, VendorResult
from game.present import fmt, results, words
from game.session.hotseat import Match
from game.ui.screens.base import Screen, Shortcut
from game.ui.screens.nav import to_title
from game.ui.theme import (
    ACCENT,
    BAD,
    BODY,
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
from game.ui.widgets.draw import meter, panel

if TYPE_CHECKING:
    from game.ui.app import App

X0, W = 40, 1360
ROW_DELAY, ROW_FILL = 0.55, 0.6
COLS: tuple[tuple[str, float, str], ...] = (
    ("col.vendor", 214, "l"),
    ("col.bid", 134, "r"),
    ("col.status", 200, "l"),
    ("col.technical", 84, "r"),
    ("col.price_score", 84, "r"),
    ("col.commercial", 84, "r"),
    ("col.committee", 92, "r"),
    ("col.total", 112, "r"),
    ("col.rank", 58, "r"),
    ("col.win", 78, "r"),
    ("col.margin", 110, "r"),
    ("col.expected", 110, "r"),
)


class AwardScreen(Screen):
    def __init__(self, app: App, match: Match) -> None:
        super().__init__(app)
        self.match = match
        result = match.game.result
        if result is None:  # defensive: the flow awards before showing this screen
            result = match.game.finish()
        self.result: GameResult = result
        self.rows: list[VendorResult] = sorted(result.vendors, key=lambda r: (r.rank is None, r.rank or 0))
        self.t = 0.0
        self.shown_all = False

    # -- widgets ------------------------------------------------------------------------------
    def build(self) -> None:
        lw = self.ctx.metrics.lw
        self.button((lw - 40 - 220, 752, 220, 46), self.tr("award.quit"), self.tr("award.quit.tip"), lambda: self.app.quit(0), oid="#small")
        self.button((lw - 40 - 470, 752, 240, 46), self.tr("award.title_screen"), self.tr("award.title_screen.tip"), lambda: to_title(self.app), oid="#primary")
        self.button((lw - 40 - 720, 752, 240, 46), self.tr("dbw.open"), self.tr("dbw.open.tip"), self.open_debrief, oid="#primary")

    def open_debrief(self) -> None:
        # Imported on demand: the debrief's analysis is only needed from here.
        from game.ui.screens.debrief import DebriefScreen

        self.app.push(DebriefScreen(self.app, self.match))

    def row_h(self) -> float:
        return min(44.0, 260 / (len(self.rows) + 1))

    def reveal_time(self) -> float:
        return len(self.rows) * ROW_DELAY + ROW_FILL

    # -- events ---------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        self.t += dt
        if not self.shown_all and self.t >= self.reveal_time():
            self.reveal()
        super().update(dt)

    def reveal(self) -> None:
        self.shown_all = True
        self.dirty = True

    def handle_event(self, event: pygame.event.Event) -> bool:
        skip = (event.type == pygame.MOUSEBUTTONDOWN and event.button == 1) or (
            event.type == pygame.KEYDOWN and event.key in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER)
        )
        if skip and not self.shown_all:
            self.reveal()
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_r:
            self.t, self.shown_all, self.dirty = 0.0, False, True
            return True
        return False

    def shortcuts(self) -> list[Shortcut]:
        return [("Space / Enter", self.tr("keys.award.skip")), ("R", self.tr("keys.award.replay"))]

    # -- drawing ---------------------------------------------------------------------------------
    def names(self) -> dict[str, str]:
        lang, g = self.ctx.lang, self.match.game
        out = {s.id: s.name.get(lang) for s in g.scenario.stakeholders}
        out.update({p.id: p.name.get(lang) for p in g.view(self.match.teams[0])})
        return out

    def status(self, r: VendorResult) -> tuple[str, Colour]:
        if r.bid is None:
            return self.tr("award.no_bid"), DIM
        if r.over_ceiling:
            return self.tr("award.over_ceiling"), BAD
        if r.disqualified:
            return self.tr("award.disqualified"), BAD
        colour = BAD if r.vetoed_by else WARN if r.questioned else GOOD
        return results.award_status(r, self.names(), self.ctx.lang), colour

    def paint(self, surface: pygame.Surface) -> None:
        ctx, f, m = self.ctx, self.ctx.fonts, self.ctx.metrics
        f.draw(surface, self.tr("award.title"), (m.px(X0), m.px(18)), ctx.fs(H2 + 4), TEXT, bold=True)
        x: float = X0
        y = 108
        for key, w, align in COLS:
            label = self.tr(key, cur=fmt.currency_label(self.match.game.scenario, ctx.lang))
            pos = (m.px(x + 6), m.px(y)) if align == "l" else (m.px(x + w - 6), m.px(y))
            f.draw(surface, label, pos, ctx.fs(SMALL - 1), DIM, align="left" if align == "l" else "right", max_width=m.px(w - 8))
            x += w
        pygame.draw.line(surface, BORDER, (m.px(X0), m.px(y + 26)), (m.px(X0 + W), m.px(y + 26)))
        if not self.shown_all:  # the breakdown comes with the verdict
            return
        bottom = 140 + self.row_h() * len(self.rows)
        self.paint_notes(surface, bottom + 8)
        top = bottom + 66
        self.paint_panel(surface, pygame.Rect(m.px(X0), m.px(top), m.px(600), m.px(740 - top)))
        self.paint_weights(surface, pygame.Rect(m.px(X0 + 616), m.px(top), m.px(330), m.px(740 - top)))
        self.paint_results(surface, pygame.Rect(m.px(X0 + 962), m.px(top), m.px(W - 962), m.px(740 - top)))

    def paint_notes(self, surface: pygame.Surface, y: float) -> None:
        ctx, f, m, lang = self.ctx, self.ctx.fonts, self.ctx.metrics, self.ctx.lang
        sc = self.match.game.scenario
        notes = []
        for r in self.result.vendors:
            if r.vetoed_by:
                notes.append(self.tr("award.veto_note", person=self.names().get(r.vetoed_by, r.vetoed_by), vendor=words.vendor_name(sc, r.vendor, lang)))
            if r.questioned:
                key = "award.disq_note" if r.disqualified else "award.kept_note"
                notes.append(self.tr(key, vendor=words.vendor_name(sc, r.vendor, lang), low=fmt.pct(sc.tender.abnormally_low)))
        notes.append(self.tr("award.legend_short", weights=words.weights_text(self.result.weights, lang)))
        f.draw_block(surface, " ".join(notes), m.rect(X0, y, W, 56), ctx.fs(SMALL - 2), DIM, spacing=1.05)

    def paint_panel(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        ctx, f, m, lang = self.ctx, self.ctx.fonts, self.ctx.metrics, self.ctx.lang
        sc = self.match.game.scenario
        panel(surface, box, PANEL, BORDER, m.px(10), 1)
        pad = m.px(12)
        f.draw(surface, self.tr("award.panel"), (box.x + pad, box.y + m.px(8)), ctx.fs(SMALL), TEXT, bold=True, max_width=box.w - 2 * pad)
        names = self.names()
        members = [s.id for s in sc.stakeholders if any(s.id in r.panel for r in self.rows)]
        name_w = m.px(170)
        col_w = (box.w - 2 * pad - name_w) // max(1, len(self.rows))
        y = box.y + m.px(36)
        fs = ctx.fs(SMALL - 1)
        for i, r in enumerate(self.rows):
            cx = box.x + pad + name_w + i * col_w + col_w - m.px(4)
            f.draw(surface, words.vendor_name(sc, r.vendor, lang), (cx, y), fs, DIM, align="right", max_width=col_w - m.px(6))
        y += m.px(24)
        step = max(m.px(18), min(m.px(30), (box.bottom - y - m.px(30)) // max(1, len(members) + 2)))
        detail = self.match.game.award_detail
        rows: list[tuple[str, list[str], bool]] = []
        for sid in members:
            rows.append((names.get(sid, sid), [f"{r.panel[sid]:.1f}" if sid in r.panel else "-" for r in self.rows], False))
        rows.append((self.tr("award.panel_mean"), [f"{r.technical:.1f}" for r in self.rows], True))
        if detail is not None:
            vids = self.match.game.c.vendor_ids
            rows.append((self.tr("award.proposal_alone"), [f"{float(detail.doc_technical[0, vids.index(r.vendor)]):.1f}" for r in self.rows], False))
        for label, cells, bold in rows:
            if y + step > box.bottom - m.px(6):
                break
            f.draw(surface, label, (box.x + pad, y), fs, TEXT, bold=bold, max_width=name_w - m.px(6))
            for i, cell in enumerate(cells):
                cx = box.x + pad + name_w + i * col_w + col_w - m.px(4)
                f.draw(surface, cell, (cx, y), fs, TEXT, bold=bold, align="right")
            y += step

    def paint_weights(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        ctx, f, m, lang = self.ctx, self.ctx.fonts, self.ctx.metrics, self.ctx.lang
        sc = self.match.game.scenario
        panel(surface, box, PANEL, BORDER, m.px(10), 1)
        pad = m.px(12)
        fs = ctx.fs(SMALL - 1)
        f.draw(surface, self.tr("award.weights_short"), (box.x + pad, box.y + m.px(8)), ctx.fs(SMALL), TEXT, bold=True, max_width=box.w - 2 * pad)
        f.draw(surface, self.tr("award.weights_note"), (box.x + pad, box.y + m.px(32)), ctx.fs(SMALL - 3), DIM, max_width=box.w - 2 * pad)
        y = box.y + m.px(56)
        base = sc.tender.weights
        # Each part, and under it its criteria's shares of that part (as the award counts them).
        before = words.section_shares(sc, {c.id: c.weight for c in sc.criteria})
        after = words.section_shares(sc, self.result.spec)
        rows: list[tuple[str, float, float, bool]] = []
        for part in words.PARTS:
            name = self.tr("weight." + part)
            rows.append((name[:1].upper() + name[1:], getattr(base, part), self.result.weights[part], False))
            if part != "price":
                rows += [(words.criterion_name(sc, k, lang), a, b, True) for (k, a), (_, b) in zip(before[part], after[part], strict=True)]
        step = max(m.px(17), min(m.px(28), (box.bottom - y - m.px(8)) // max(1, len(rows))))
        for label, start, end, inner in rows:
            if y + step > box.bottom:
                break
            indent = m.px(14) if inner else 0
            f.draw(surface, label, (box.x + pad + indent, y), fs, DIM if inner else TEXT, bold=not inner, max_width=box.w - m.px(140) - indent)
            a, b = fmt.pct(start, 1), fmt.pct(end, 1)
            f.draw(surface, f"{a} → {b}", (box.right - pad, y), fs, ACCENT if a != b else DIM, align="right")
            y += step

    def paint_results(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        ctx, f, m, lang = self.ctx, self.ctx.fonts, self.ctx.metrics, self.ctx.lang
        sc, g = self.match.game.scenario, self.match.game
        teams = self.match.teams
        each = (box.h - m.px(8) * (len(teams) - 1)) // len(teams)
        for i, vid in enumerate(teams):
            r = self.result.vendor(vid)
            card = pygame.Rect(box.x, box.y + i * (each + m.px(8)), box.w, each)
            panel(surface, card, PANEL_2 if r.won else PANEL, GOLD if r.won else BORDER, m.px(10), m.px(2) if r.won else 1)
            pad = m.px(12)
            y = card.y + m.px(8)
            f.draw(surface, self.tr("you.title", vendor=words.vendor_name(sc, vid, lang)), (card.x + pad, y), ctx.fs(SMALL), TEXT, bold=True, max_width=card.w - 2 * pad)
            y += m.px(26)
            lines = [(self.verdict(r), GOLD if r.won else TEXT)]
            bid = fmt.money(r.bid, sc, lang) if r.bid is not None else self.tr("award.no_bid")
            lines.append((self.tr("you.bid", bid=bid, cost=fmt.money(r.cost, sc, lang)), TEXT))
            if r.margin_if_won is not None:
                lines.append((self.tr("you.margin", margin=fmt.money(r.margin_if_won, sc, lang)), TEXT))
            lines.append((self.tr("you.spent", spent=fmt.money(r.spent, sc, lang)), TEXT))
            lines.append((self.tr("you.result", result=fmt.money(r.result, sc, lang)), GOOD if r.result > 0 else (BAD if r.result < 0 else TEXT)))
            lines.append((self.tr("you.expected_short", p=fmt.pct(r.win_probability), expected=fmt.money(r.expected_result, sc, lang)), ACCENT))
            views = g.meetable(vid)
            met = sum(1 for p in views if p.last_contact > 0)
            lines.append((self.tr("you.coverage", met=met, n=len(views)), DIM))
            fs = ctx.fs(SMALL - 1 if len(teams) == 1 else SMALL - 3)
            for text, colour in lines:
                if y >= card.bottom - m.px(16):
                    break
                y += f.draw_block(surface, text, pygame.Rect(card.x + pad, y, card.w - 2 * pad, card.bottom - y - m.px(6)), fs, colour, spacing=1.05)

    def verdict(self, r: VendorResult) -> str:
        if r.won:
            return self.tr("you.won")
        if r.bid is None:
            return self.tr("you.no_bid")
        if r.over_ceiling:
            return self.tr("you.over_ceiling")
        if r.disqualified:
            return self.tr("you.disqualified")
        if r.vetoed_by:
            return self.tr("you.vetoed", person=self.names().get(r.vetoed_by, r.vetoed_by))
        if self.result.failed:
            return self.tr("you.failed")
        return self.tr("you.lost", rank=r.rank if r.rank is not None else "-")

    def draw_live(self, surface: pygame.Surface) -> None:
        ctx, f, m, lang = self.ctx, self.ctx.fonts, self.ctx.metrics, self.ctx.lang
        sc = self.match.game.scenario
        n = len(self.rows)
        rh = self.row_h()
        fs = ctx.fs(SMALL if rh >= 40 else SMALL - 2)
        for idx in range(n - 1, -1, -1):  # the last place first
            order = n - 1 - idx
            start = order * ROW_DELAY
            if not self.shown_all and self.t < start:
                continue
            fill = 1.0 if self.shown_all else min(1.0, (self.t - start) / ROW_FILL)
            r = self.rows[idx]
            y = 140 + idx * rh
            row = m.rect(X0, y, W, rh - 4)
            won = r.won and self.shown_all
            panel(surface, row, PANEL_2 if won else PANEL, GOLD if won else None, m.px(6), m.px(2))
            self.draw_row(surface, r, y, rh, fill, fs)
        # The verdict once every row is in.
        if self.shown_all:
            if self.result.failed:
                reason = self.tr(f"fail.{self.result.fail_reason}", n=sc.tender.min_valid_bids)
                text, colour = self.tr("award.failed", reason=reason), BAD
            else:
                assert self.result.winner is not None  # not failed means a winner
                text, colour = self.tr("award.winner", vendor=words.vendor_name(sc, self.result.winner, lang)), GOLD
            f.draw(surface, text, (m.px(X0), m.px(56)), ctx.fs(H1 - 10), colour, bold=True, max_width=m.px(W))
        else:
            f.draw(surface, self.tr("award.opening"), (m.px(X0), m.px(62)), ctx.fs(BODY), DIM)

    def draw_row(self, surface: pygame.Surface, r: VendorResult, y: float, rh: float, fill: float, fs: int) -> None:
        ctx, f, m, lang = self.ctx, self.ctx.fonts, self.ctx.metrics, self.ctx.lang
        sc = self.match.game.scenario
        label = words.vendor_name(sc, r.vendor, lang)
        if r.vendor in self.match.teams:
            label += self.tr("award.you" if len(self.match.teams) == 1 else "award.team")
        status, status_col = self.status(r)
        won = r.won and self.shown_all
        cells: list[tuple[str, Colour]] = [
            (label, GOLD if won else TEXT),
            (fmt.short_money(r.bid, sc, lang) if r.bid is not None else "-", TEXT),
            (status, status_col),
            (f"{r.technical * fill:.1f}", TEXT),
            (f"{r.price_score * fill:.1f}", TEXT),
            (f"{r.commercial * fill:.1f}", TEXT),
            (f"{r.committee * fill:+.1f}", TEXT),
            (f"{r.total * fill:.1f}", TEXT),
            (str(r.rank) if r.rank is not None and fill >= 1 else "-", TEXT),
            (fmt.pct(r.win_probability) if fill >= 1 else "", ACCENT),
            (fmt.short_money(r.margin_if_won, sc, lang) if r.margin_if_won is not None else "-", TEXT),
            (fmt.short_money(r.expected_result, sc, lang) if fill >= 1 else "", TEXT),
        ]
        x: float = X0
        ty = m.px(y + (rh - 4) / 2) - f.line_height(fs) // 2
        for (key, w, align), (text, colour) in zip(COLS, cells, strict=True):
            if key == "col.total":
                bar = m.rect(x + 8, y + rh - 14, w - 16, 5)
                meter(surface, bar, r.total / 100 * fill, GOLD if won else ACCENT, track=FAINT)
            if key == "col.status":
                lines = f.wrap(text, fs, m.px(w - 10))
                if len(lines) > 1 and rh >= 40:
                    f.draw_block(surface, text, pygame.Rect(m.px(x + 6), m.px(y + 2), m.px(w - 10), m.px(rh - 6)), ctx.fs(SMALL - 3), colour, spacing=1.0, max_lines=2)
                    x += w
                    continue
            pos = (m.px(x + 6), ty) if align == "l" else (m.px(x + w - 6), ty)
            bold = key in ("col.vendor", "col.total")
            f.draw(surface, text, pos, fs, colour, bold=bold, align="left" if align == "l" else "right", max_width=m.px(w - 8))
            x += w
