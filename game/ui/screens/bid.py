"""The bid: a price with the ceiling, cost and margin shown, and the engine's warnings before submitting."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.engine.game import BidWarning, DecisionError, Game
from game.present import advice, fmt, words
from game.present.reading import NumberError
from game.present.reading import read_price as parse_price
from game.session.hotseat import Match
from game.ui.screens.base import Screen, Shortcut, escape
from game.ui.screens.board_team import ForecastBox
from game.ui.screens.nav import go
from game.ui.theme import ACCENT, BAD, BODY, BORDER, DIM, GOOD, H2, LARGE, PANEL, SMALL, TEXT, WARN
from game.ui.widgets import dialogs
from game.ui.widgets.draw import panel

if TYPE_CHECKING:
    from game.ui.app import App

SHARES = (1.0, 0.97, 0.95, 0.92, 0.9, 0.85)


class BidScreen(Screen):
    def __init__(self, app: App, match: Match) -> None:
        super().__init__(app)
        self.match = match
        self.vid = match.team
        self.text = ""
        self.price_entry: pygame_gui.elements.UITextEntryLine | None = None
        self.forecast = ForecastBox(self.game.ceiling)  # the team's chance to win with this bid

    @property
    def game(self) -> Game:
        return self.match.game

    # -- reading the price ------------------------------------------------------------------
    def reading(self) -> tuple[float | None, str | None, list[BidWarning]]:
        """(price, problem, warning codes) of the text typed so far; price None = no bid or unreadable."""
        raw = self.text.strip()
        if not raw:
            return None, "", []
        try:
            price = parse_price(raw, self.game.ceiling)
        except NumberError as exc:  # the window has a No bid button: no "type 'none'" here
            return None, self.tr("bidw.bad", word=exc.word) if exc.code == "price" else exc.message(self.ctx.lang), []
        try:
            warnings = self.game.check_bid(self.vid, price)
        except DecisionError:
            return None, self.tr("bidw.positive"), []
        return price, None, warnings

    def warning_text(self, code: BidWarning, price: float | None) -> str:
        return advice.bid_warning_text(code, price, self.game.ceiling, self.ctx.lang)

    # -- widgets ---------------------------------------------------------------------------------
    def build(self) -> None:
        self.price_entry = self.text_entry((40, 470, 470, 56), self.text, self.tr("bid.entry.tip"))
        self.price_entry.set_text(self.text)
        self.price_entry.focus()
        for i, share in enumerate(SHARES):
            self.button(
                (40 + i * 80, 536, 74, 38),
                fmt.pct(share),
                self.tr("bid.share.tip", share=fmt.pct(share)),
                partial(self.set_share, share),
                oid="#small",
            )
        self.forecast.build(self, (40, 676, 120, 44), None)
        lw = self.ctx.metrics.lw
        self.button((40, 744, 220, 52), self.tr("bid.briefing"), self.tr("board.brief.tip"), self.show_briefing, oid="#small")
        self.button((lw - 40 - 560, 744, 240, 52), self.tr("bid.none"), self.tr("bid.none.tip"), self.no_bid, oid="#danger")
        self.button((lw - 40 - 300, 744, 300, 52), self.tr("bid.submit"), self.tr("bid.submit.tip"), self.submit, oid="#primary")

    def set_share(self, share: float) -> None:
        self.text = f"{self.game.ceiling * share:,.0f}"
        if self.price_entry is not None:
            self.price_entry.set_text(self.text)
        self.dirty = True

    def show_briefing(self) -> None:
        from game.ui.screens.briefing import briefing_html

        dialogs.Modal(
            self.app,
            self.game.scenario.title.get(self.ctx.lang),
            briefing_html(self.game, self.match.teams, self.ctx.lang),
            size=(min(1100, self.ctx.metrics.lw - 80), self.ctx.metrics.lh - 80),
            buttons=[(self.tr("ui.close"), self.tr("ui.close.tip"), None, "#primary")],
            fit_text=False,
        )

    # -- decisions ---------------------------------------------------------------------------------
    def submit(self) -> None:
        _, _, wrong = self.forecast.reading(self.ctx.lang)
        if wrong is not None:
            dialogs.message(self.app, self.tr("fcu.title"), escape(wrong + " " + self.tr("fcu.fix")))
            return
        price, problem, warnings = self.reading()
        if price is None:
            dialogs.message(self.app, self.tr("bid.title_short"), escape(problem or self.tr("bid.enter_first")))
            return
        sc, lang = self.game.scenario, self.ctx.lang
        lines = [self.tr("bid.confirm_q", price=fmt.money(price, sc, lang))]
        lines += [f"<font color=#FFC247>! {escape(self.warning_text(w, price))}</font>" for w in warnings]
        dialogs.confirm(
            self.app,
            self.tr("bid.title_short"),
            "<br>".join(lines),
            yes=self.tr("bid.submit"),
            yes_tip=self.tr("bid.submit.tip"),
            on_yes=lambda: self._submit(price),
            danger=bool(warnings),
        )

    def no_bid(self) -> None:
        dialogs.confirm(
            self.app,
            self.tr("bid.none"),
            escape(self.tr("bidwarn.no_bid")) + "<br>" + escape(self.tr("bid.none_q")),
            yes=self.tr("bid.none"),
            yes_tip=self.tr("bid.none.tip"),
            on_yes=lambda: self._submit(None),
            danger=True,
        )

    def bid_forecast(self, price: float | None) -> None:
        """The chance typed with the bid, recorded with its price (nothing when left empty)."""
        win, _, wrong = self.forecast.reading(self.ctx.lang)
        if win is not None and wrong is None:
            crew = self.match.crew
            self.save_forecast(win, price, crew.me.name if crew is not None else None)

    def save_forecast(self, win: float, price: float | None, by: str | None) -> None:
        self.game.record_forecast(self.vid, win, price, by)

    def _submit(self, price: float | None) -> None:
        self.bid_forecast(price)
        self.game.submit_bid(self.vid, price)
        self.match.bid_entered()
        go(self.app, self.match)

    # -- events -------------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type in (pygame_gui.UI_TEXT_ENTRY_CHANGED, pygame_gui.UI_TEXT_ENTRY_FINISHED) and self.forecast.changed(event.ui_element):
            self.dirty = True
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.price_entry:
            self.text = self.price_entry.get_text()
            self.dirty = True
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.price_entry:
            self.text = self.price_entry.get_text()
            self.dirty = True
            self.app.defer(self.submit)
            return True
        if event.type == pygame.KEYDOWN and not self.app.typing() and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.submit()
            return True
        return False

    def shortcuts(self) -> list[Shortcut]:
        return [("Enter", self.tr("keys.bid.submit")), ("1.1m / 110万 / 95%", self.tr("keys.bid.formats"))]

    # -- drawing -------------------------------------------------------------------------------------
    def paint(self, surface: pygame.Surface) -> None:
        ctx, lang, f, m = self.ctx, self.ctx.lang, self.ctx.fonts, self.ctx.metrics
        g, sc = self.game, self.game.scenario
        v = sc.vendors[sc.vendor_index(self.vid)]
        spent = g.spent(self.vid)
        f.draw(surface, self.tr("bid.title", vendor=v.name.get(lang)), (m.px(40), m.px(24)), ctx.fs(H2 + 2), TEXT, bold=True)
        box = m.rect(40, 84, 640, 350)
        panel(surface, box, PANEL, BORDER, m.px(10), 1)
        tender = sc.tender
        facts = [
            self.tr("bid.ceiling", ceiling=fmt.money(g.ceiling, sc, lang)),
            self.tr("bid.cost", cost=fmt.money(v.cost, sc, lang), spent=fmt.money(spent, sc, lang)),
            self.tr("bid.scoring", weights=words.weights_text(g.weights(), lang)),
            self.tr("bid.low", low=fmt.pct(tender.abnormally_low), chance=fmt.pct(tender.disqualify_chance)),
        ]
        y = box.y + m.px(14)
        for line in facts:
            y += f.draw_block(surface, line, pygame.Rect(box.x + m.px(16), y, box.w - m.px(32), box.bottom - y), ctx.fs(BODY), TEXT) + m.px(8)
        f.draw(surface, self.tr("bid.your_price"), (m.px(40), m.px(444)), ctx.fs(SMALL), DIM)
        f.draw_block(surface, self.tr("bid.formats"), m.rect(40, 584, 640, 60), ctx.fs(SMALL - 1), DIM)
        self.forecast.paint_label(self, surface, (40, 650), 640, self.tr("fcu.bid_label"))
        self.paint_reading(surface)

    def paint_reading(self, surface: pygame.Surface) -> None:
        ctx, lang, f, m = self.ctx, self.ctx.lang, self.ctx.fonts, self.ctx.metrics
        g, sc = self.game, self.game.scenario
        box = m.rect(720, 84, m.lw - 760, 560)
        panel(surface, box, PANEL, BORDER, m.px(10), 1)
        x, w = box.x + m.px(18), box.w - m.px(36)
        y = box.y + m.px(14)
        f.draw(surface, self.tr("bid.reading"), (x, y), ctx.fs(LARGE), TEXT, bold=True)
        y += m.px(40)
        price, problem, warnings = self.reading()
        if price is None:
            text = problem or self.tr("bid.enter_first")
            f.draw_block(surface, text, pygame.Rect(x, y, w, m.px(200)), ctx.fs(BODY), BAD if problem else DIM)
            return
        v = sc.vendors[sc.vendor_index(self.vid)]
        spent = g.spent(self.vid)
        margin = price - v.cost
        f.draw(surface, fmt.money(price, sc, lang), (x, y), ctx.fs(H2 + 8), ACCENT, bold=True)
        y += m.px(50)
        # Where the price sits between the cost and the ceiling.
        bar = pygame.Rect(x, y, w, m.px(18))
        shown = min(price, 2 * g.ceiling)  # a price far above the ceiling sits at the bar's end
        lo, hi = min(v.cost, shown) * 0.9, max(g.ceiling, shown) * 1.02
        pygame.draw.rect(surface, (40, 55, 72), bar, border_radius=m.px(9))

        def at(value: float) -> int:
            share = (min(value, hi) - lo) / (hi - lo) if hi > lo else 0.5
            return bar.x + int(bar.w * max(0.0, min(1.0, share)))

        pygame.draw.rect(surface, GOOD, pygame.Rect(at(v.cost), bar.y, max(1, at(min(price, g.ceiling)) - at(v.cost)), bar.h), border_radius=m.px(4))
        for value, colour, key in ((v.cost, WARN, "bid.mark_cost"), (g.ceiling, BAD, "bid.mark_ceiling")):
            px = at(value)
            pygame.draw.line(surface, colour, (px, bar.y - m.px(6)), (px, bar.bottom + m.px(6)), m.px(3))
            f.draw(surface, self.tr(key), (px, bar.bottom + m.px(8)), ctx.fs(SMALL - 2), colour, align="center")
        pygame.draw.circle(surface, ACCENT, (at(price), bar.centery), m.px(10))
        y += m.px(60)
        text = self.tr(
            "bid.margin",
            price=fmt.money(price, sc, lang),
            margin=fmt.money(margin, sc, lang),
            share=fmt.pct(margin / price, 1),
            spent=fmt.money(spent, sc, lang),
            net=fmt.money(margin - spent, sc, lang),
            ceiling_share=fmt.pct(price / g.ceiling, 1),
        )
        y += f.draw_block(surface, text, pygame.Rect(x, y, w, m.px(120)), ctx.fs(BODY), TEXT) + m.px(12)
        for code in warnings:
            y += f.draw_block(surface, "! " + self.warning_text(code, price), pygame.Rect(x, y, w, box.bottom - y), ctx.fs(BODY), BAD if code.serious else WARN) + m.px(6)
        if not warnings:
            f.draw(surface, self.tr("bid.no_warnings"), (x, y), ctx.fs(BODY), GOOD)
