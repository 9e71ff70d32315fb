"""Curtains for hot-seat play: nothing of any team is on screen until the next team is ready."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.present import words
from game.session.hotseat import Match
from game.ui.screens.base import Screen, Shortcut
from game.ui.screens.nav import go, to_title
from game.ui.theme import ACCENT, DIM, H1, LARGE, TEXT
from game.ui.widgets import dialogs

if TYPE_CHECKING:
    from game.ui.app import App


class CurtainScreen(Screen):
    """'Team X: press Enter when only your team can see the screen.'"""

    def __init__(self, app: App, match: Match) -> None:
        super().__init__(app)
        self.match = match

    def build(self) -> None:
        lw = self.ctx.metrics.lw
        self.button((lw / 2 - 180, 520, 360, 64), self.tr("curtain.ready"), self.tr("curtain.ready.tip"), self.ready, oid="#primary")
        self.button((lw - 200, 740, 170, 44), self.tr("board.leave"), self.tr("board.leave.tip"), self.leave, oid="#small")

    def ready(self) -> None:
        self.match.pass_curtain()
        go(self.app, self.match)

    def leave(self) -> None:
        dialogs.confirm(
            self.app,
            self.tr("board.leave"),
            self.tr("board.leave_q"),
            yes=self.tr("board.leave_yes"),
            yes_tip=self.tr("board.leave.tip"),
            on_yes=lambda: to_title(self.app),
            danger=True,
        )

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self.ready()
            return True
        return False

    def shortcuts(self) -> list[Shortcut]:
        return [("Enter", self.tr("keys.curtain"))]

    def paint(self, surface: pygame.Surface) -> None:
        ctx, lang, f = self.ctx, self.ctx.lang, self.ctx.fonts
        m, g = ctx.metrics, self.match.game
        sc = g.scenario
        cx = m.px(m.lw / 2)
        name = words.vendor_name(sc, self.match.team, lang)
        f.draw(surface, self.tr("curtain.team", vendor=name), (cx, m.px(220)), ctx.fs(H1), ACCENT, bold=True, align="center")
        stage = self.tr("curtain.bid") if g.phase == "bid" else self.tr("curtain.turn", turn=g.turn, turns=sc.turns)
        f.draw(surface, stage, (cx, m.px(300)), ctx.fs(LARGE), TEXT, align="center")
        f.draw_block(
            surface,
            self.tr("curtain.text", vendor=name),
            m.rect(m.lw / 2 - 420, 360, 840, 120),
            ctx.fs(LARGE),
            DIM,
        )


class OpenBidsScreen(Screen):
    """After the last team's bid: the room opens the bids together."""

    def __init__(self, app: App, match: Match) -> None:
        super().__init__(app)
        self.match = match

    def build(self) -> None:
        lw = self.ctx.metrics.lw
        self.button((lw / 2 - 180, 480, 360, 64), self.tr("open_bids.go"), self.tr("open_bids.go.tip"), self.open, oid="#primary")

    def open(self) -> None:
        self.match.open_bids()
        go(self.app, self.match)

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self.open()
            return True
        return False

    def shortcuts(self) -> list[Shortcut]:
        return [("Enter", self.tr("keys.open_bids"))]

    def paint(self, surface: pygame.Surface) -> None:
        ctx, f, m = self.ctx, self.ctx.fonts, self.ctx.metrics
        cx = m.px(m.lw / 2)
        f.draw(surface, self.tr("open_bids.title"), (cx, m.px(260)), ctx.fs(H1), ACCENT, bold=True, align="center")
        f.draw(surface, self.tr("open_bids.text"), (cx, m.px(340)), ctx.fs(LARGE), TEXT, align="center")
