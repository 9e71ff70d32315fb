"""Colours, scaling and the pygame_gui theme of the window.

Layouts are written for a logical 1440x810 window; :class:`Metrics` maps them to
the real window with one ``scale`` factor (1280x720 is 0.89, 1920x1080 is 1.33,
3840x2160 is 2.67, so 4K looks like 1080p at twice the size). Font sizes are
chosen to stay readable from the back of a room on a projector.
"""

from __future__ import annotations

import contextlib
import copy
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygame

from game.present.fonts import cjk_font_files

BASE_W, BASE_H = 1440, 810
MIN_SIZE = (1280, 720)
MAX_SIZE = (3840, 2160)
WINDOW_SIZES: tuple[tuple[int, int], ...] = (
    (1280, 720),
    (1600, 900),
    (1920, 1080),
    (2560, 1440),
    (3840, 2160),
)

Colour = tuple[int, int, int]

BG: Colour = (20, 28, 38)
BG_2: Colour = (26, 36, 48)
PANEL: Colour = (30, 41, 54)
PANEL_2: Colour = (40, 55, 72)
BORDER: Colour = (79, 102, 128)
GRID: Colour = (52, 68, 86)
TEXT: Colour = (238, 243, 247)
DIM: Colour = (174, 189, 203)
FAINT: Colour = (120, 137, 153)
ACCENT: Colour = (63, 196, 176)
ACCENT_DARK: Colour = (31, 138, 122)
BLUE: Colour = (110, 175, 255)
WARN: Colour = (255, 194, 71)
BAD: Colour = (240, 100, 90)
GOOD: Colour = (120, 215, 130)
VETO: Colour = (240, 85, 80)
GOLD: Colour = (245, 195, 80)
RANGE: Colour = (100, 170, 240)

ROLE_COLOURS: dict[str, Colour] = {
    "decision_maker": (245, 190, 70),
    "technical": (100, 170, 250),
    "user": (120, 210, 130),
    "procurement": (190, 145, 240),
    "influencer": (245, 145, 80),
    "gatekeeper": (110, 200, 200),
}

# Logical font sizes (px at 1440x810).
SMALL, BODY, LARGE, H2, H1 = 15, 17, 20, 24, 40

FONT_NAME = "noto_sc"


@dataclass(frozen=True)
class Metrics:
    """The window's size and the factor from logical to real pixels."""

    size: tuple[int, int]
    scale: float

    @classmethod
    def for_size(cls, size: tuple[int, int]) -> Metrics:
        w, h = size
        return cls((w, h), max(0.5, min(w / BASE_W, h / BASE_H)))

    @property
    def lw(self) -> float:
        """Logical width of the window (1440 for 16:9)."""
        return self.size[0] / self.scale

    @property
    def lh(self) -> float:
        return self.size[1] / self.scale

    def px(self, v: float) -> int:
        return int(round(v * self.scale))

    def rect(self, x: float, y: float, w: float, h: float) -> pygame.Rect:
        """A real-pixel rectangle from logical coordinates (edges rounded, so rows tile)."""
        s = self.scale
        x0, y0 = int(round(x * s)), int(round(y * s))
        return pygame.Rect(x0, y0, int(round((x + w) * s)) - x0, int(round((y + h) * s)) - y0)

    def font(self, logical: float) -> int:
        return max(11, int(round(logical * self.scale)))


def font_files(assets: Path | None) -> tuple[Path, Path] | None:
    """Noto Sans SC (regular, bold): from assets/fonts if present, else pygame_gui's own copy
    (:func:`game.present.fonts.cjk_font_files`, the lookup the charts use too)."""
    return cjk_font_files(assets)


def _scaled_int(value: Any, scale: float, minimum: int) -> Any:
    try:
        return str(max(minimum, int(round(float(value) * scale))))
    except (TypeError, ValueError):
        return value


def load_theme_file(assets: Path | None) -> dict[str, Any]:
    """The theme template from assets/theme.json ({} with a message when it is missing or broken)."""
    if assets is None:
        return {}
    path = assets / "theme.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        print(f"note: {path} is missing; the window uses plain colours", file=sys.stderr)
        return {}
    except (OSError, ValueError) as exc:
        print(f"note: {path} cannot be read ({exc}); the window uses plain colours", file=sys.stderr)
        return {}
    return data if isinstance(data, dict) else {}


def build_theme(template: dict[str, Any], scale: float, fonts: tuple[Path, Path] | None) -> dict[str, Any]:
    """The pygame_gui theme for one scale: font sizes, borders and radii scaled, font files set."""
    theme = copy.deepcopy(template)
    theme.pop("_comment", None)
    for block in theme.values():
        if not isinstance(block, dict):
            continue
        font = block.get("font")
        if isinstance(font, dict):
            font["size"] = _scaled_int(font.get("size", BODY), scale, 11)
            if fonts is not None:
                font["name"] = FONT_NAME
                font["regular_path"] = str(fonts[0])
                font["bold_path"] = str(fonts[1])
                font["italic_path"] = str(fonts[0])
                font["bold_italic_path"] = str(fonts[1])
            else:
                font.pop("name", None)
        misc = block.get("misc")
        if isinstance(misc, dict):
            for key in ("border_width", "shape_corner_radius", "title_bar_height", "rect_width", "list_item_height"):
                if key in misc:
                    misc[key] = _scaled_int(misc[key], scale, 1)
            if "text_horiz_alignment_padding" in misc:
                misc["text_horiz_alignment_padding"] = _scaled_int(
                    misc["text_horiz_alignment_padding"], scale, 2
                )
            if "padding" in misc and isinstance(misc["padding"], str):
                parts = [_scaled_int(p, scale, 1) for p in misc["padding"].split(",")]
                misc["padding"] = ",".join(parts)
    return theme


def theme_font_sizes(theme: dict[str, Any]) -> set[tuple[int, bool]]:
    """(size, bold) fonts to preload: the bold face of text boxes, for their <b> text.

    The theme's own fonts are loaded with the theme; every load of the Chinese font
    costs about 12 ms, so nothing else is preloaded.
    """
    out: set[tuple[int, bool]] = set()
    block = theme.get("text_box")
    font = block.get("font") if isinstance(block, dict) else None
    if isinstance(font, dict):
        with contextlib.suppress(KeyError, ValueError):
            out.add((int(font["size"]), True))
    return out


def mix(a: Colour, b: Colour, t: float) -> Colour:
    """Colour between a (t=0) and b (t=1)."""
    return (
        int(a[0] + (b[0] - a[0]) * t),
        int(a[1] + (b[1] - a[1]) * t),
        int(a[2] + (b[2] - a[2]) * t),
    )
