"""A scrolling page of drawn content: text laid out top to bottom, tables, pictures.

A :class:`Page` is laid out once (in real pixels, for one window size and
language) as a list of drawing operations with their positions; ``draw`` blits
only the visible ones with a scroll offset, clipped to the viewport. Rendered
text lines come from the :class:`~game.ui.text.Fonts` cache, so drawing a page
every frame costs a few blits, and a page taller than the window needs no
surface of its own (a 4K page would be hundreds of megabytes).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.ui.text import Fonts
from game.ui.theme import FAINT, PANEL_2, Colour, Metrics

Painter = Callable[[pygame.Surface, pygame.Rect], None]


@dataclass(frozen=True)
class _Text:
    text: str
    x: int
    y: int
    size: int
    colour: Colour
    bold: bool
    right: bool = False


@dataclass(frozen=True)
class _Image:
    surface: pygame.Surface
    x: int
    y: int


@dataclass(frozen=True)
class _Paint:
    fn: Painter
    rect: pygame.Rect


Op = _Text | _Image | _Paint


class Page:
    """Content of a fixed width; ``y`` grows as things are added. Columns share the page's list."""

    def __init__(self, fonts: Fonts, metrics: Metrics, width: int, *, x: int = 0, ops: list[Op] | None = None) -> None:
        self.f = fonts
        self.m = metrics
        self.x = x
        self.w = width
        self.y = 0
        self.ops: list[Op] = [] if ops is None else ops

    # -- layout ---------------------------------------------------------------------------
    def px(self, v: float) -> int:
        return self.m.px(v)

    def space(self, logical: float) -> None:
        self.y += self.px(logical)

    def text(
        self,
        text: str,
        size: int,
        colour: Colour,
        *,
        bold: bool = False,
        indent: float = 0,
        spacing: float = 1.08,
        after: float = 4,
        bullet: str = "",
    ) -> int:
        """Wrapped text (``size`` in real pixels); returns the height used. A ``bullet`` hangs
        before the first line and the wrapped lines align with the text, not the bullet."""
        ind = self.px(indent)
        if bullet:
            self.ops.append(_Text(bullet, self.x + ind, self.y, size, colour, bold))
            ind += self.f.width(bullet + " ", size, bold)
        # Room for a closing mark that hangs past the line (as Fonts.draw_block leaves).
        lines = self.f.wrap(text, size, max(20, self.w - ind - size // 2), bold)
        step = int(self.f.line_height(size) * spacing)
        top = self.y
        for line in lines:
            if line:
                self.ops.append(_Text(line, self.x + ind, self.y, size, colour, bold))
            self.y += step
        self.y += self.px(after)
        return self.y - top

    def line(self, text: str, size: int, colour: Colour, *, x: float = 0, bold: bool = False, width: float | None = None, right: bool = False) -> None:
        """One line at the current y without moving down (cells of a table row); cut to ``width``."""
        left = self.x + self.px(x)
        room = self.px(width) if width is not None else self.x + self.w - left
        fitted = self.f.fit(text, size, room, bold)
        if fitted:
            anchor = left + room if right else left
            self.ops.append(_Text(fitted, anchor, self.y, size, colour, bold, right))

    def down(self, logical: float) -> None:
        self.y += self.px(logical)

    def image(self, surface: pygame.Surface, *, centre: bool = False, indent: int = 0, after: float = 8) -> None:
        """A picture at the current y (``indent`` in real pixels)."""
        x = self.x + indent + ((self.w - surface.get_width()) // 2 if centre else 0)
        self.ops.append(_Image(surface, x, self.y))
        self.y += surface.get_height() + self.px(after)

    def paint(self, height: float, fn: Painter, *, after: float = 6) -> pygame.Rect:
        """Custom drawing in a box of the page's width and ``height`` logical units."""
        rect = pygame.Rect(self.x, self.y, self.w, self.px(height))
        self.ops.append(_Paint(fn, rect))
        self.y += rect.h + self.px(after)
        return rect

    def paint_at(self, rect: pygame.Rect, fn: Painter, *, index: int | None = None) -> None:
        """Custom drawing in ``rect`` (page pixels) without moving down; ``index`` puts it under earlier ops."""
        op = _Paint(fn, rect)
        if index is None:
            self.ops.append(op)
        else:
            self.ops.insert(index, op)

    def column(self, x: float, width: float) -> Page:
        """A column starting at the current y, ``x`` and ``width`` logical units inside this page."""
        col = Page(self.f, self.m, self.px(width), x=self.x + self.px(x), ops=self.ops)
        col.y = self.y
        return col

    def join(self, *cols: Page) -> None:
        """Continue below the longest of ``cols``."""
        self.y = max([self.y, *(c.y for c in cols)])

    @property
    def height(self) -> int:
        return self.y

    def texts(self) -> list[str]:
        """Every line of text on the page, in order (tests read what a page shows)."""
        return [op.text for op in self.ops if isinstance(op, _Text)]

    def images(self) -> int:
        return sum(isinstance(op, _Image) for op in self.ops)

    # -- drawing ----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, view: pygame.Rect, scroll: int) -> None:
        """The part of the page inside ``view`` (the page's top-left at view.topleft - scroll)."""
        old = surface.get_clip()
        surface.set_clip(view.clip(old) if old.w and old.h else view)
        ox, oy = view.x, view.y - scroll
        top, bottom = scroll - self.px(40), scroll + view.h
        for op in self.ops:
            if isinstance(op, _Text):
                if top <= op.y <= bottom:
                    img = self.f.render(op.text, op.size, op.colour, op.bold)
                    x = op.x - img.get_width() if op.right else op.x
                    surface.blit(img, (ox + x, oy + op.y))
            elif isinstance(op, _Image):
                if op.y + op.surface.get_height() >= scroll and op.y <= bottom:
                    surface.blit(op.surface, (ox + op.x, oy + op.y))
            elif op.rect.bottom >= scroll and op.rect.y <= bottom:
                op.fn(surface, op.rect.move(ox, oy))
        surface.set_clip(old)

    def max_scroll(self, view_h: int) -> int:
        return max(0, self.height - view_h)


def scroll_bar(surface: pygame.Surface, view: pygame.Rect, page_h: int, scroll: int, width: int) -> None:
    """A thin bar at the right of ``view`` when the page is taller than it."""
    if page_h <= view.h or view.h <= 0:
        return
    track = pygame.Rect(view.right - width, view.y, width, view.h)
    pygame.draw.rect(surface, PANEL_2, track, border_radius=width // 2)
    h = max(width * 2, int(view.h * view.h / page_h))
    y = view.y + int((view.h - h) * scroll / max(1, page_h - view.h))
    pygame.draw.rect(surface, FAINT, pygame.Rect(track.x, y, width, h), border_radius=width // 2)
