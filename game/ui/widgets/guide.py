"""The first-play guide: a step-by-step window pointing at the board's parts.

Shown once on the tutorial's first board (G shows it again on any board).
Enter goes on, Esc closes it; the part a step explains is outlined on the board.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pygame

from game.ui.theme import WARN
from game.ui.widgets.dialogs import Modal

if TYPE_CHECKING:
    from game.ui.screens.board import BoardScreen

W, H = 540, 260


def _steps() -> list[tuple[str, tuple[float, float, float, float]]]:
    from game.ui.screens import board_paint as bp

    c = bp.CHART
    return [
        ("chart", (c.x, c.y, c.w, c.h + 26)),
        ("card", bp.CARD),
        ("actions", (bp.RX, bp.ACT_Y, bp.RW, bp.COST_Y + 22 - bp.ACT_Y)),
        ("preview", bp.PREVIEW),
        ("plan", (bp.RES[0], bp.RES[1], bp.PLAN[0] + bp.PLAN[2] - bp.RES[0], bp.RES[3])),
        ("timeline", bp.TIMELINE),
        ("end", bp.END),
    ]


class Guide:
    def __init__(self, screen: BoardScreen) -> None:
        self.screen = screen
        self.step = 0
        self.t = 0.0
        self.modal: Modal | None = None

    @property
    def region(self) -> tuple[float, float, float, float]:
        return _steps()[self.step][1]

    def show(self) -> None:
        s = self.screen
        steps = _steps()
        key, (x, y, w, h) = steps[self.step]
        lw, lh = s.ctx.metrics.lw, s.ctx.metrics.lh
        # Beside the part it explains, never on top of it.
        px = min(lw - W - 12, x + w + 16) if x + w / 2 < lw / 2 else max(12, x - W - 16)
        py = max(70, min(lh - H - 12, y))
        last = self.step == len(steps) - 1
        buttons = [
            (s.tr("guide.skip"), s.tr("guide.skip.tip"), self.close, None),
            (s.tr("guide.back"), s.tr("guide.back.tip"), lambda: self.go(-1), None),
            (
                s.tr("guide.done") if last else s.tr("guide.next"),
                s.tr("guide.next.tip"),
                self.close if last else (lambda: self.go(1)),
                "#primary",
            ),
        ]
        title = s.tr("guide.title", n=self.step + 1, of=len(steps))
        self.modal = Modal(
            s.app,
            title,
            s.tr(f"guide.{key}"),
            size=(W, H),
            buttons=buttons,
            on_cancel=self.close,
            oid="#guide",
            pos=(px, py),
        )
        if self.step == 0:
            self.modal.buttons[1].disable()

    def go(self, d: int) -> None:
        self.step = max(0, min(len(_steps()) - 1, self.step + d))
        self.t = 0.0
        self.show()

    def close(self) -> None:
        if self.modal is not None:
            self.modal.dismiss()
        self.modal = None
        self.screen.guide_closed()

    def tick(self, dt: float) -> None:
        self.t += dt

    def draw(self, surface: pygame.Surface) -> None:
        m = self.screen.ctx.metrics
        r = m.rect(*self.region).inflate(m.px(10), m.px(10)).clip(surface.get_rect().inflate(-2, -2))
        glow = 0.5 + 0.5 * math.sin(self.t * 4.0)
        width = max(2, m.px(3 + 2 * glow))
        pygame.draw.rect(surface, WARN, r, width=width, border_radius=m.px(12))
