"""What every screen shares: language, window metrics, the pygame_gui manager, fonts and paths."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pygame
import pygame_gui

from game.strings import t
from game.ui.text import Fonts
from game.ui.theme import Metrics, build_theme, font_files, load_theme_file, theme_font_sizes


@dataclass
class Context:
    """Shared state of the window. Screens read it; the App changes it (language, size)."""

    scenarios_dir: Path
    assets_dir: Path | None
    lang: str
    seed: int | None
    surface: pygame.Surface
    metrics: Metrics
    manager: pygame_gui.UIManager
    fonts: Fonts
    fullscreen: bool = False
    windowed_size: tuple[int, int] = (1280, 720)
    theme_template: dict[str, Any] = field(default_factory=dict)
    font_paths: tuple[Path, Path] | None = None
    seen_guide: bool = False  # the first-play guide was shown once this session
    games_started: int = 0  # the title screen's seed is for one game: a new game gets a new seed

    def tr(self, key: str, **kw: object) -> str:
        return t(key, self.lang, **kw)

    def px(self, v: float) -> int:
        return self.metrics.px(v)

    def fs(self, logical: float) -> int:
        """A font size in real pixels."""
        return self.metrics.font(logical)


def make_manager(
    size: tuple[int, int], template: dict[str, Any], fonts: tuple[Path, Path] | None, lang: str
) -> pygame_gui.UIManager:
    """A UIManager themed for the window size, its fonts preloaded."""
    metrics = Metrics.for_size(size)
    theme = build_theme(template, metrics.scale, fonts)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        manager = pygame_gui.UIManager(size, theme, enable_live_theme_updates=False, starting_language=lang)
        if fonts is not None:
            manager.add_font_paths("noto_sc", str(fonts[0]), str(fonts[1]), str(fonts[0]), str(fonts[1]))
            manager.preload_fonts(
                [
                    {"name": "noto_sc", "point_size": size_, "style": "bold" if bold else "regular"}
                    for size_, bold in sorted(theme_font_sizes(theme))
                ]
            )
    return manager


def make_context(
    surface: pygame.Surface,
    scenarios_dir: Path,
    assets_dir: Path | None,
    lang: str,
    seed: int | None,
) -> Context:
    size = surface.get_size()
    template = load_theme_file(assets_dir)
    fonts = font_files(assets_dir)
    manager = make_manager(size, template, fonts, lang)
    return Context(
        scenarios_dir=scenarios_dir,
        assets_dir=assets_dir,
        lang=lang,
        seed=seed,
        surface=surface,
        metrics=Metrics.for_size(size),
        manager=manager,
        fonts=Fonts(fonts),
        windowed_size=size,
        theme_template=template,
        font_paths=fonts,
    )
