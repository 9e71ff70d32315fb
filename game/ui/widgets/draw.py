"""Small drawing primitives: panels, range bars, meters, arrows, pips."""

from __future__ import annotations

import math

import pygame

from game.ui.theme import BORDER, FAINT, GRID, PANEL_2, Colour


def panel(
    surface: pygame.Surface, rect: pygame.Rect, fill: Colour, border: Colour | None = BORDER, radius: int = 8, width: int = 1
) -> None:
    pygame.draw.rect(surface, fill, rect, border_radius=radius)
    if border is not None and width > 0:
        pygame.draw.rect(surface, border, rect, width=width, border_radius=radius)


def range_bar(
    surface: pygame.Surface,
    rect: pygame.Rect,
    lo: float,
    hi: float,
    colour: Colour,
    *,
    track: Colour = PANEL_2,
    ticks: bool = True,
) -> None:
    """A 0-1 track with the range [lo, hi] filled: the truth is somewhere inside."""
    r = max(1, rect.h // 2)
    pygame.draw.rect(surface, track, rect, border_radius=r)
    if ticks:
        for q in (0.25, 0.5, 0.75):
            x = rect.x + int(rect.w * q)
            pygame.draw.line(surface, GRID, (x, rect.y), (x, rect.bottom - 1))
    lo, hi = max(0.0, min(1.0, lo)), max(0.0, min(1.0, hi))
    x0 = rect.x + int(rect.w * lo)
    x1 = rect.x + max(int(rect.w * hi), int(rect.w * lo) + max(3, rect.h // 2))
    band = pygame.Rect(x0, rect.y, min(x1, rect.right) - x0, rect.h)
    pygame.draw.rect(surface, colour, band, border_radius=r)


def meter(surface: pygame.Surface, rect: pygame.Rect, value: float, colour: Colour, track: Colour = PANEL_2) -> None:
    """A 0-1 bar filled from the left."""
    r = max(1, rect.h // 2)
    pygame.draw.rect(surface, track, rect, border_radius=r)
    w = int(rect.w * max(0.0, min(1.0, value)))
    if w > 0:
        pygame.draw.rect(surface, colour, pygame.Rect(rect.x, rect.y, max(w, rect.h), rect.h), border_radius=r)


def pips(surface: pygame.Surface, pos: tuple[int, int], n: int, of: int, size: int, colour: Colour) -> int:
    """``n`` of ``of`` small filled circles from ``pos`` (their left centre); returns the width."""
    x, y = pos
    for i in range(of):
        c = colour if i < n else FAINT
        pygame.draw.circle(surface, c, (x + size // 2 + i * (size + size // 2), y), size // 2, 0 if i < n else max(1, size // 5))
    return of * (size + size // 2)


def arrow(
    surface: pygame.Surface,
    start: tuple[float, float],
    end: tuple[float, float],
    colour: Colour,
    width: int,
    head: int,
) -> None:
    """A straight arrow from start to end with a filled head at the end."""
    sx, sy = start
    ex, ey = end
    ang = math.atan2(ey - sy, ex - sx)
    bx, by = ex - head * math.cos(ang), ey - head * math.sin(ang)
    pygame.draw.line(surface, colour, (sx, sy), (bx, by), max(1, width))
    left = (bx + head * 0.55 * math.cos(ang + math.pi / 2), by + head * 0.55 * math.sin(ang + math.pi / 2))
    right = (bx + head * 0.55 * math.cos(ang - math.pi / 2), by + head * 0.55 * math.sin(ang - math.pi / 2))
    pygame.draw.polygon(surface, colour, [(ex, ey), left, right])


def dim(surface: pygame.Surface, alpha: int = 150) -> None:
    shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    shade.fill((0, 0, 0, alpha))
    surface.blit(shade, (0, 0))
