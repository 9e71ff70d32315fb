"""What the served pages load, all from the game itself (no CDN, no internet): the templates,
the script and style sheet, the icons, and a cut-down Noto Sans SC.

The font is cut with fontTools to the characters of every interface string, the
served scenario and the bundled scenarios, and the 3,755 common characters of
GB 2312's first level (so that what a trainer types into a live event shows on
a device without a Chinese font too): about two megabytes instead of sixteen,
once per server, on a thread of its own so the server answers at once; until it
is ready, and for any rarer character, pages use the device's own fonts.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path

from game.present.fonts import subset_font
from game.strings import STRINGS

HERE = Path(__file__).parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"
MAX_SCENARIO_TEXT = 2_000_000  # characters read from one scenario file for the font


def _gb2312_level_1() -> str:
    """The 3,755 most common Chinese characters (GB 2312 level 1: rows 0xB0-0xD7)."""
    out = []
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                out.append(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(out)


COMMON_HANZI = _gb2312_level_1()


def font_text(scenario_files: Iterable[Path], extra: str = "") -> str:
    """Every character the pages may need to draw in Chinese (``extra``: the teams' names)."""
    chars = set(extra)
    for en, zh in STRINGS.values():
        chars.update(en)
        chars.update(zh)
    for p in scenario_files:
        try:
            chars.update(p.read_text(encoding="utf-8")[:MAX_SCENARIO_TEXT])
        except (OSError, UnicodeDecodeError):
            continue
    chars.update("０１２３４５６７８９，。：；！？（）【】《》、“”‘’…—·￥")
    chars.update(COMMON_HANZI)
    return "".join(sorted(chars))


class UiFont:
    """The cut-down font, made once in the background; ``data`` is None until it is ready (or when
    no font can be found: the pages then use the device's fonts)."""

    def __init__(self, scenario_files: Iterable[Path], extra: str = "") -> None:
        self._files = list(scenario_files)
        self._extra = extra
        self.data: bytes | None = None
        self.ready = threading.Event()
        self._thread = threading.Thread(target=self._make, name="ui-font", daemon=True)

    def start(self) -> UiFont:
        self._thread.start()
        return self

    def _make(self) -> None:
        try:
            self.data = subset_font(font_text(self._files, self._extra), "woff")
        finally:
            self.ready.set()
