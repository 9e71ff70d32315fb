"""Text for custom drawing: fonts by size, a cache of rendered lines, wrapping that knows Chinese.

pygame_gui draws the widgets; the board, cards and tables are drawn here with
the same font (Noto Sans SC, which has Latin and Chinese glyphs). Rendering text
is the slow part of a frame, so rendered lines are cached.
"""

from __future__ import annotations

import sys
import unicodedata
from collections import OrderedDict
from pathlib import Path

import pygame

from game.present.columns import tokens
from game.ui.theme import Colour

# Closing punctuation that must not start a line; opening punctuation that must not end one.
NO_START = set("，。、；：！？）」』”’》〉】,.;:!?)]}%")
NO_END = set("（「『“‘《〈【([{")
ELLIPSIS = "…"  # after Chinese text; Latin text gets "..." (the font centres "…")


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _ellipsis(before: str) -> str:
    kept = before.rstrip()
    return ELLIPSIS if kept and _wide(kept[-1]) else "..."


class Fonts:
    """pygame fonts by pixel size and weight, and a bounded cache of rendered text."""

    def __init__(self, files: tuple[Path, Path] | None, cache_size: int = 3000) -> None:
        self.files = files
        self._fonts: dict[tuple[int, bool], pygame.font.Font] = {}
        self._cache: OrderedDict[tuple[str, int, bool, Colour], pygame.Surface] = OrderedDict()
        self._cache_size = cache_size
        self.missing = files is None

    def font(self, size: int, bold: bool = False) -> pygame.font.Font:
        key = (size, bold)
        f = self._fonts.get(key)
        if f is None:
            f = self._load(size, bold)
            self._fonts[key] = f
        return f

    def _load(self, size: int, bold: bool) -> pygame.font.Font:
        if self.files is not None:
            try:
                return pygame.font.Font(str(self.files[1] if bold else self.files[0]), size)
            except (OSError, pygame.error) as exc:
                print(
                    f"note: cannot read the font {self.files[0]} ({exc}); Chinese text may not show",
                    file=sys.stderr,
                )
                self.files = None
                self.missing = True
        f = pygame.font.Font(None, int(size * 1.3))
        f.bold = bold
        return f

    def render(self, text: str, size: int, colour: Colour, bold: bool = False) -> pygame.Surface:
        key = (text, size, bold, colour)
        surf = self._cache.get(key)
        if surf is not None:
            self._cache.move_to_end(key)
            return surf
        font = self.font(size, bold)
        try:
            surf = font.render(text, True, colour)
        except pygame.error:  # only zero-width characters (a bidi mark, a zero-width space): nothing to see
            surf = pygame.Surface((0, font.get_linesize()), pygame.SRCALPHA)
        self._cache[key] = surf
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return surf

    def width(self, text: str, size: int, bold: bool = False) -> int:
        return int(self.font(size, bold).size(text)[0])

    def line_height(self, size: int) -> int:
        return int(self.font(size).get_linesize())

    # -- layout ---------------------------------------------------------------------
    def fit(self, text: str, size: int, width: int, bold: bool = False) -> str:
        """``text`` cut with an ellipsis to fit ``width`` pixels."""
        if width <= 0:
            return ""
        if self.width(text, size, bold) <= width:
            return text
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.width(text[:mid].rstrip() + _ellipsis(text[:mid]), size, bold) <= width:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo].rstrip() + _ellipsis(text[:lo]) if lo else ""

    def wrap(self, text: str, size: int, width: int, bold: bool = False) -> list[str]:
        """Lines of at most ``width`` pixels; keeps explicit line breaks."""
        lines: list[str] = []
        for para in text.split("\n"):
            if not para.strip():
                lines.append("")
                continue
            line = ""
            for tok in tokens(para):
                candidate = line + tok
                if (
                    not line
                    or self.width(candidate.rstrip(), size, bold) <= width
                    or tok[:1] in NO_START
                ):
                    line = candidate
                    continue
                carry = ""
                while len(line) > 1 and line.rstrip()[-1:] in NO_END:
                    stripped = line.rstrip()
                    line, carry = stripped[:-1], stripped[-1] + carry
                lines.append(line.rstrip())
                line = carry + tok.lstrip(" ")
            lines.append(line.rstrip())
        return lines

    # -- drawing --------------------------------------------------------------------
    def draw(
        self,
        surface: pygame.Surface,
        text: str,
        pos: tuple[int, int],
        size: int,
        colour: Colour,
        *,
        bold: bool = False,
        align: str = "left",
        max_width: int | None = None,
    ) -> pygame.Rect:
        """One line at ``pos`` (its top; left, centre or right as ``align`` says)."""
        if max_width is not None:
            text = self.fit(text, size, max_width, bold)
        if not text:
            return pygame.Rect(pos, (0, 0))
        surf = self.render(text, size, colour, bold)
        x, y = pos
        if align == "center":
            x -= surf.get_width() // 2
        elif align == "right":
            x -= surf.get_width()
        return surface.blit(surf, (x, y))

    def draw_block(
        self,
        surface: pygame.Surface,
        text: str,
        rect: pygame.Rect,
        size: int,
        colour: Colour,
        *,
        bold: bool = False,
        spacing: float = 1.0,
        max_lines: int | None = None,
    ) -> int:
        """Wrapped text inside ``rect`` (cut with an ellipsis when it runs out); returns the height used."""
        # Room for a closing mark that hangs past the line (it may not start the next one).
        lines = self.wrap(text, size, rect.width - size // 2, bold)
        step = int(self.line_height(size) * spacing)
        fit = max(1, rect.height // step) if rect.height > 0 else len(lines)
        if max_lines is not None:
            fit = min(fit, max_lines)
        if len(lines) > fit:
            lines = lines[:fit]
            lines[-1] = self.fit(lines[-1] + _ellipsis(lines[-1]), size, rect.width, bold)
        y = rect.y
        for line in lines:
            if line:
                surface.blit(self.render(line, size, colour, bold), (rect.x, y))
            y += step
        return y - rect.y
