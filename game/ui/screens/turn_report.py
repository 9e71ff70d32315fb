"""End of turn: the news, then each of the team's actions with the engine's reasons, one by one.

Cards slide in one after another; Space, Enter or a click shows them all at
once, and then Enter goes on. Everything comes from the turn's record (codes
turned into sentences by game/strings.py); rivals are seen only coarsely,
through people the team knows well.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.engine.records import ActionOutcome
from game.present import events, fmt, results, words
from game.session.hotseat import Match
from game.ui.screens.base import Screen, Shortcut
from game.ui.screens.nav import go
from game.ui.theme import (
    ACCENT,
    BAD,
    BODY,
    BORDER,
    DIM,
    GOLD,
    GOOD,
    H2,
    PANEL,
    SMALL,
    TEXT,
    WARN,
    Colour,
)
from game.ui.widgets.draw import panel
from game.ui.widgets.icons import icon

if TYPE_CHECKING:
    from game.ui.app import App

STATUS_COLOURS: dict[str, Colour] = {"done": GOOD, "no_meeting": WARN, "refused": BAD, "backfired": BAD}
LEFT_X, LEFT_W = 40, 880
SUB_Y = 56  # the subtitle ("Next: turn 2")
TOP_Y, BOTTOM_Y = 88, 730
DELAY, SLIDE = 0.45, 0.35


@dataclass(frozen=True)
class Card:
    icon: str
    accent: Colour
    title: str
    lines: tuple[tuple[str, Colour], ...]


class TurnReportScreen(Screen):
    def __init__(self, app: App, match: Match, *, review: bool = False) -> None:
        super().__init__(app)
        self.match = match
        self.review = review  # shown again from the board: Continue goes back to it
        self.vid = match.team
        self.report = match.reports[self.vid]
        self.t = 0.0
        self.shown_all = False
        self.scroll = 0
        self.cards: list[Card] = []
        self.surfaces: list[pygame.Surface] = []
        self.continue_button: pygame_gui.elements.UIButton | None = None

    # -- content ---------------------------------------------------------------------------
    def make_cards(self) -> list[Card]:
        g, lang, sc = self.match.game, self.ctx.lang, self.match.game.scenario
        rec, vid = self.report.record, self.vid
        after = g.view(vid)
        names = {p.id: p.name.get(lang) for p in after}
        cards: list[Card] = []
        for ev in rec.events:
            if not ev.secret:
                cards.append(Card("event", GOLD, self.tr("report.card_news"), ((events.describe_event(g, ev, vid, lang), TEXT),)))
        mine = [o for o in rec.outcomes if o.vendor == vid]
        if not mine:
            cards.append(Card("flag", DIM, self.tr("report.no_actions"), ()))
        for o in mine:
            cards.append(self.outcome_card(o, names, "money" in g.cost_of(o.action)))
        lines: list[tuple[str, Colour]] = []
        for s, who in rec.new_coaches:
            if who == vid:
                lines.append((self.tr("report.new_coach", person=names.get(s, s)), GOLD))
        old = {p.id for p in self.report.before if p.coach}
        now = {p.id for p in after if p.coach}
        for sid in sorted(old - now):
            lines.append((self.tr("report.lost_coach", person=names.get(sid, sid)), BAD))
        decayed = [(s, loss) for s, who, loss in rec.decayed if who == vid and fmt.changed(-loss)]
        if decayed:
            items = [self.tr("report.decay_item", person=names.get(s, s), d=fmt.points(-loss)) for s, loss in decayed]
            lines.append((self.tr("report.decayed", items=self.tr("list.sep").join(items)), WARN))
        v = g.vendor_index(vid)
        prev = self.report.previous
        prev_q = prev.quality[v] if prev is not None else sc.model.quality_start
        change = ""
        if fmt.changed(rec.quality[v] - prev_q):
            change = self.tr("report.quality_change", d=fmt.points(rec.quality[v] - prev_q))
        budget = sc.vendors[v].resources.budget
        lines.append((self.tr("report.quality", q=fmt.pct(rec.quality[v]), change=change), TEXT))
        lines.append((self.tr("report.spent", spent=fmt.money(rec.spent[v], sc, lang), budget=fmt.money(budget, sc, lang)), TEXT))
        spec = results.spec_report(sc, rec, prev, vid, lang)
        if spec:
            lines.append((spec, ACCENT))
        cards.append(Card("panel", ACCENT, self.tr("report.card_position"), tuple(lines)))
        cards.append(Card("coach", DIM, self.tr("report.card_rivals"), ((results.rival_hint(g, rec, vid, lang, after), TEXT),)))
        return cards

    def outcome_card(self, o: ActionOutcome, names: dict[str, str], money_cost: bool) -> Card:
        ot = results.outcome_text(o, names.get(o.stakeholder, o.stakeholder), self.ctx.lang, money_cost)
        lines: list[tuple[str, Colour]] = [(ot.reason, TEXT), (ot.changes, DIM), *((note, WARN) for note in ot.notes)]
        colour = STATUS_COLOURS.get(o.status, TEXT)
        return Card("event" if o.status != "done" else "coach", colour, ot.head, tuple(lines))

    # -- widgets and drawing ------------------------------------------------------------------
    def build(self) -> None:
        self.cards = self.make_cards()
        self.surfaces = [self.render_card(c) for c in self.cards]
        lw = self.ctx.metrics.lw
        text = self.tr("report.continue") if self.shown_all else self.tr("report.show_all")
        tip = self.tr("report.continue.tip") if self.shown_all else self.tr("report.show_all.tip")
        self.continue_button = self.button((lw - 40 - 300, 744, 300, 52), text, tip, self.advance, oid="#primary")
        self.button((40, 744, 200, 52), self.tr("report.replay"), self.tr("report.replay.tip"), self.replay, oid="#small")

    def render_card(self, card: Card) -> pygame.Surface:
        ctx, f, m = self.ctx, self.ctx.fonts, self.ctx.metrics
        w = m.px(LEFT_W)
        pad = m.px(14)
        text_x = pad + m.px(40)
        text_w = w - text_x - pad
        body = ctx.fs(SMALL + 1)
        head = ctx.fs(BODY + 1)
        wrapped: list[tuple[list[str], Colour]] = [(f.wrap(text, body, text_w), col) for text, col in card.lines]
        line_h = int(f.line_height(body) * 1.1)
        h = pad * 2 + int(f.line_height(head) * 1.1) + sum(len(ls) * line_h for ls, _ in wrapped) + m.px(4) * len(wrapped)
        surf = pygame.Surface((w, h), pygame.SRCALPHA)
        panel(surf, surf.get_rect(), PANEL, BORDER, m.px(10), 1)
        pygame.draw.rect(surf, card.accent, pygame.Rect(0, m.px(8), m.px(6), h - m.px(16)), border_radius=m.px(3))
        surf.blit(icon(card.icon, m.px(28), card.accent), (pad, pad))
        f.draw(surf, card.title, (text_x, pad - m.px(2)), head, card.accent if card.accent != DIM else TEXT, bold=True, max_width=text_w)
        y = pad + int(f.line_height(head) * 1.1)
        for lines, col in wrapped:
            for line in lines:
                if line:
                    surf.blit(f.render(line, body, col), (text_x, y))
                y += line_h
            y += m.px(4)
        return surf

    def paint(self, surface: pygame.Surface) -> None:
        ctx, lang, f, m = self.ctx, self.ctx.lang, self.ctx.fonts, self.ctx.metrics
        sc = self.match.game.scenario
        title = self.tr("report.title", turn=self.report.record.turn, vendor=words.vendor_name(sc, self.vid, lang))
        f.draw(surface, title, (m.px(40), m.px(16)), ctx.fs(H2 + 2), TEXT, bold=True, max_width=m.px(1360))
        g = self.match.game
        nxt = self.tr("report.next_bid") if g.phase == "bid" else self.tr("report.next_turn", turn=g.turn)
        f.draw(surface, nxt, (m.px(40), m.px(SUB_Y)), ctx.fs(SMALL), DIM)
        # The right column: a short guide to reading the cards.
        x = m.px(LEFT_X + LEFT_W + 30)
        box = pygame.Rect(x, m.px(TOP_Y), m.px(m.lw - 40) - x, m.px(360))
        panel(surface, box, PANEL, BORDER, m.px(10), 1)
        f.draw(surface, self.tr("report.legend_title"), (box.x + m.px(14), box.y + m.px(12)), ctx.fs(BODY), TEXT, bold=True)
        y = box.y + m.px(44)
        for status in ("done", "no_meeting", "refused", "backfired"):
            pygame.draw.circle(surface, STATUS_COLOURS[status], (box.x + m.px(22), y + m.px(11)), m.px(7))
            f.draw(surface, self.tr(f"status.{status}"), (box.x + m.px(38), y), ctx.fs(SMALL), TEXT)
            y += m.px(28)
        f.draw_block(surface, self.tr("report.legend"), pygame.Rect(box.x + m.px(14), y + m.px(6), box.w - m.px(28), box.bottom - y - m.px(12)), ctx.fs(SMALL - 1), DIM)

    def positions(self) -> list[int]:
        m = self.ctx.metrics
        ys, y = [], max(m.px(TOP_Y), self.cards_top() + m.px(4)) - self.scroll
        for s in self.surfaces:
            ys.append(y)
            y += s.get_height() + m.px(10)
        return ys

    def visible_count(self) -> int:
        if self.shown_all:
            return len(self.surfaces)
        return min(len(self.surfaces), int(self.t / DELAY) + 1)

    def cards_top(self) -> int:
        """Where the cards' area starts (real pixels): under the subtitle's line, whatever the font."""
        m = self.ctx.metrics
        return max(m.px(TOP_Y - 4), m.px(SUB_Y) + self.ctx.fonts.line_height(self.ctx.fs(SMALL)) + m.px(4))

    def draw_live(self, surface: pygame.Surface) -> None:
        m = self.ctx.metrics
        top = self.cards_top()
        clip = pygame.Rect(0, top, m.px(LEFT_X + LEFT_W + 4), m.px(BOTTOM_Y) - top)
        old = surface.get_clip()
        surface.set_clip(clip)
        for i, (s, y) in enumerate(zip(self.surfaces, self.positions(), strict=True)):
            if i >= self.visible_count():
                break
            age = 1.0 if self.shown_all else min(1.0, (self.t - i * DELAY) / SLIDE)
            ease = 1 - (1 - age) ** 3
            x = m.px(LEFT_X) + int((1 - ease) * m.px(120))
            if age < 1.0:
                s = s.copy()
                s.set_alpha(int(255 * ease))
            surface.blit(s, (x, y))
        surface.set_clip(old)

    # -- events -----------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        self.t += dt
        if not self.shown_all and self.t >= (len(self.surfaces) - 1) * DELAY + SLIDE:
            self.finish_animation()
        super().update(dt)

    def finish_animation(self) -> None:
        if self.shown_all:
            return
        self.shown_all = True
        if self.continue_button is not None:
            self.continue_button.set_text(self.tr("report.continue"))
            self.continue_button.set_tooltip(self.tr("report.continue.tip"))

    def advance(self) -> None:
        if not self.shown_all:
            self.finish_animation()
            return
        if self.review:
            self.app.pop()
            return
        self.match.read_report()
        go(self.app, self.match)

    def replay(self) -> None:
        self.t = 0.0
        self.scroll = 0
        self.shown_all = False
        self.rebuild()

    def scroll_by(self, d: int) -> None:
        m = self.ctx.metrics
        total = sum(s.get_height() + m.px(10) for s in self.surfaces)
        room = m.px(BOTTOM_Y) - max(m.px(TOP_Y), self.cards_top() + m.px(4))
        self.scroll = max(0, min(max(0, total - room), self.scroll + d))

    def handle_event(self, event: pygame.event.Event) -> bool:
        m = self.ctx.metrics
        if event.type == pygame.MOUSEWHEEL:
            self.scroll_by(-event.y * m.px(60))
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and not self.shown_all:
            self.finish_animation()
            return True
        if event.type != pygame.KEYDOWN:
            return False
        if event.key in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER):
            self.advance()
        elif event.key in (pygame.K_DOWN, pygame.K_PAGEDOWN):
            self.scroll_by(m.px(60 if event.key == pygame.K_DOWN else 400))
        elif event.key in (pygame.K_UP, pygame.K_PAGEUP):
            self.scroll_by(-m.px(60 if event.key == pygame.K_UP else 400))
        elif event.key == pygame.K_r:
            self.replay()
        elif event.key == pygame.K_ESCAPE and self.review:
            self.app.pop()
        else:
            return False
        return True

    def shortcuts(self) -> list[Shortcut]:
        return [
            ("Space / Enter", self.tr("keys.report.skip")),
            ("↑ ↓ / wheel", self.tr("keys.report.scroll")),
            ("R", self.tr("keys.report.replay")),
        ]
