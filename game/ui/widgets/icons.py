"""Role icons and marks, drawn in code with pygame.draw (no image files needed).

Each icon is drawn at four times its size and smoothed down, then cached.
``python -m game.ui.widgets.icons assets/icons`` writes them as PNG files
(assets/README.md states their licence).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pygame

from game.ui.theme import ROLE_COLOURS, Colour

_CACHE: dict[tuple[str, int, Colour], pygame.Surface] = {}
SUPER = 4
ICON_NAMES = (*ROLE_COLOURS, "veto", "panel", "coach", "event", "flag", "bid", "lock")


def _crown(s: pygame.Surface, c: Colour, n: int) -> None:
    u = n / 16
    pts = [(2 * u, 12 * u), (2 * u, 5 * u), (5.5 * u, 8.5 * u), (8 * u, 3 * u), (10.5 * u, 8.5 * u), (14 * u, 5 * u), (14 * u, 12 * u)]
    pygame.draw.polygon(s, c, pts)
    pygame.draw.rect(s, c, pygame.Rect(2 * u, 12.8 * u, 12 * u, 1.8 * u))
    for x in (2, 8, 14):
        pygame.draw.circle(s, c, (x * u, (5 if x != 8 else 3) * u), 1.3 * u)


def _gear(s: pygame.Surface, c: Colour, n: int) -> None:
    u = n / 16
    cx = cy = 8 * u
    pts = []
    teeth = 8
    for i in range(teeth * 2):
        a = math.pi * 2 * i / (teeth * 2)
        for da, r in ((-0.16, 7.2 if i % 2 == 0 else 5.2), (0.16, 7.2 if i % 2 == 0 else 5.2)):
            pts.append((cx + r * u * math.cos(a + da), cy + r * u * math.sin(a + da)))
    pygame.draw.polygon(s, c, pts)
    pygame.draw.circle(s, (0, 0, 0, 0), (cx, cy), 2.4 * u)


def _person(s: pygame.Surface, c: Colour, n: int) -> None:
    u = n / 16
    pygame.draw.circle(s, c, (8 * u, 5 * u), 3.2 * u)
    pygame.draw.ellipse(s, c, pygame.Rect(2.5 * u, 9 * u, 11 * u, 10 * u))
    pygame.draw.rect(s, (0, 0, 0, 0), pygame.Rect(0, 15 * u, n, n))


def _document(s: pygame.Surface, c: Colour, n: int) -> None:
    u = n / 16
    pts = [(3 * u, 1.5 * u), (10 * u, 1.5 * u), (13 * u, 4.5 * u), (13 * u, 14.5 * u), (3 * u, 14.5 * u)]
    pygame.draw.polygon(s, c, pts)
    hole = (0, 0, 0, 0)
    for y in (6, 8.5, 11):
        pygame.draw.rect(s, hole, pygame.Rect(5 * u, y * u, 6 * u, 1.1 * u))
    pygame.draw.polygon(s, hole, [(10 * u, 1.5 * u), (10 * u, 4.5 * u), (13 * u, 4.5 * u)])


def _megaphone(s: pygame.Surface, c: Colour, n: int) -> None:
    u = n / 16
    pygame.draw.polygon(s, c, [(2 * u, 6 * u), (5 * u, 6 * u), (11 * u, 2.5 * u), (11 * u, 13.5 * u), (5 * u, 10 * u), (2 * u, 10 * u)])
    pygame.draw.rect(s, c, pygame.Rect(4 * u, 10 * u, 2.2 * u, 4 * u))
    for r in (2.2, 4.2):
        pygame.draw.arc(s, c, pygame.Rect((11.5 - r) * u, (8 - r) * u, 2 * r * u, 2 * r * u), -0.9, 0.9, max(1, int(1.1 * u)))


def _key(s: pygame.Surface, c: Colour, n: int) -> None:
    u = n / 16
    pygame.draw.circle(s, c, (5 * u, 8 * u), 3.8 * u)
    pygame.draw.circle(s, (0, 0, 0, 0), (5 * u, 8 * u), 1.6 * u)
    pygame.draw.rect(s, c, pygame.Rect(8 * u, 7 * u, 7 * u, 2 * u))
    pygame.draw.rect(s, c, pygame.Rect(12 * u, 9 * u, 1.6 * u, 3 * u))
    pygame.draw.rect(s, c, pygame.Rect(14.2 * u, 9 * u, 1.4 * u, 2.2 * u))


def _shield(s: pygame.Surface, c: Colour, n: int) -> None:
    u = n / 16
    pygame.draw.polygon(s, c, [(8 * u, 1 * u), (14 * u, 3 * u), (13 * u, 10 * u), (8 * u, 15 * u), (3 * u, 10 * u), (2 * u, 3 * u)])
    pygame.draw.line(s, (0, 0, 0, 0), (5 * u, 5 * u), (11 * u, 11 * u), max(1, int(2 * u)))
    pygame.draw.line(s, (0, 0, 0, 0), (11 * u, 5 * u), (5 * u, 11 * u), max(1, int(2 * u)))


def _ballot(s: pygame.Surface, c: Colour, n: int) -> None:
    u = n / 16
    pygame.draw.rect(s, c, pygame.Rect(2 * u, 6 * u, 12 * u, 9 * u), border_radius=int(u))
    pygame.draw.polygon(s, c, [(5 * u, 1 * u), (11 * u, 1 * u), (11 * u, 7 * u), (5 * u, 7 * u)])
    pygame.draw.lines(s, (0, 0, 0, 0), False, [(6 * u, 3.5 * u), (7.5 * u, 5 * u), (10 * u, 2 * u)], max(1, int(1.3 * u)))
    pygame.draw.rect(s, (0, 0, 0, 0), pygame.Rect(4 * u, 9 * u, 8 * u, 1.2 * u))


def _star(s: pygame.Surface, c: Colour, n: int) -> None:
    u = n / 16
    pts = []
    for i in range(10):
        r = 7 if i % 2 == 0 else 3
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((8 * u + r * u * math.cos(a), 8.5 * u + r * u * math.sin(a)))
    pygame.draw.polygon(s, c, pts)


def _bolt(s: pygame.Surface, c: Colour, n: int) -> None:
    u = n / 16
    pygame.draw.polygon(s, c, [(9 * u, 1 * u), (3 * u, 9 * u), (7.5 * u, 9 * u), (6 * u, 15 * u), (13 * u, 6.5 * u), (8.5 * u, 6.5 * u)])


def _flag(s: pygame.Surface, c: Colour, n: int) -> None:
    u = n / 16
    pygame.draw.rect(s, c, pygame.Rect(3 * u, 1 * u, 1.6 * u, 14 * u))
    pygame.draw.polygon(s, c, [(4.6 * u, 1.5 * u), (14 * u, 4.5 * u), (4.6 * u, 8.5 * u)])


def _envelope(s: pygame.Surface, c: Colour, n: int) -> None:
    u = n / 16
    pygame.draw.rect(s, c, pygame.Rect(1.5 * u, 4 * u, 13 * u, 9 * u), border_radius=int(u))
    pygame.draw.lines(s, (0, 0, 0, 0), False, [(2 * u, 4.8 * u), (8 * u, 9.5 * u), (14 * u, 4.8 * u)], max(1, int(1.3 * u)))


def _lock(s: pygame.Surface, c: Colour, n: int) -> None:
    """A padlock: a seat nobody may meet (drawn from the expert pool, names confidential)."""
    u = n / 16
    pygame.draw.rect(s, c, pygame.Rect(2.5 * u, 7 * u, 11 * u, 8 * u), border_radius=int(1.5 * u))
    pygame.draw.arc(s, c, pygame.Rect(4.5 * u, 1.5 * u, 7 * u, 11 * u), 0, math.pi, max(1, int(1.8 * u)))
    pygame.draw.line(s, c, (4.5 * u + 0.9 * u, 6 * u), (4.5 * u + 0.9 * u, 7.5 * u), max(1, int(1.8 * u)))
    pygame.draw.line(s, c, (11.5 * u - 0.9 * u, 6 * u), (11.5 * u - 0.9 * u, 7.5 * u), max(1, int(1.8 * u)))
    pygame.draw.circle(s, (0, 0, 0, 0), (8 * u, 10.5 * u), 1.4 * u)
    pygame.draw.rect(s, (0, 0, 0, 0), pygame.Rect(7.4 * u, 10.5 * u, 1.2 * u, 2.6 * u))


_DRAW = {
    "decision_maker": _crown,
    "technical": _gear,
    "user": _person,
    "procurement": _document,
    "influencer": _megaphone,
    "gatekeeper": _key,
    "veto": _shield,
    "panel": _ballot,
    "coach": _star,
    "event": _bolt,
    "flag": _flag,
    "bid": _envelope,
    "lock": _lock,
}


def icon(name: str, size: int, colour: Colour | None = None) -> pygame.Surface:
    """The icon ``name`` (a role or a mark) at ``size`` pixels, in ``colour`` (its role colour by default)."""
    size = max(6, int(size))
    col = colour or ROLE_COLOURS.get(name, (230, 230, 230))
    key = (name, size, col)
    surf = _CACHE.get(key)
    if surf is None:
        big = pygame.Surface((size * SUPER, size * SUPER), pygame.SRCALPHA)
        _DRAW.get(name, _star)(big, col, size * SUPER)
        surf = pygame.transform.smoothscale(big, (size, size))
        _CACHE[key] = surf
    return surf


def window_icon() -> pygame.Surface:
    s = pygame.Surface((64, 64), pygame.SRCALPHA)
    pygame.draw.rect(s, (31, 138, 122), s.get_rect(), border_radius=12)
    s.blit(icon("decision_maker", 44, (255, 255, 255)), (10, 8))
    return s


def export_icons(folder: Path, size: int = 128) -> list[Path]:
    """Write every icon as a PNG of ``size`` pixels into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name in ICON_NAMES:
        path = folder / f"{name}.png"
        pygame.image.save(icon(name, size), str(path))
        out.append(path)
    return out


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "assets/icons")
    for p in export_icons(target):
        print(p)
