"""The font every front end draws Chinese and Latin text with: Noto Sans SC, found one way.

The window (pygame), the debrief's charts (matplotlib) and the HTML report all
use the same files: ``assets/fonts`` when the game ships its own copy, else the
copy in pygame_gui's package data, located through the installed package's
metadata (nothing is imported, so the layers below the window never load pygame).
"""

from __future__ import annotations

import io
from functools import cache
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

FONT_FILES = ("NotoSansSC-Regular.otf", "NotoSansSC-Bold.otf")
FONT_PACKAGE = "pygame_gui"  # a dependency that ships Noto Sans SC in its data folder
FONT_FOLDER = "pygame_gui/data"


def font_folders(assets: Path | None = None) -> list[Path]:
    """Where the font is looked for, in order: ``assets/fonts``, then pygame_gui's data."""
    places = [assets / "fonts"] if assets is not None else []
    package = package_font_folder()
    if package is not None:
        places.append(package)
    return places


@cache
def package_font_folder() -> Path | None:
    """pygame_gui's data folder, from the package's installed metadata (None if not installed)."""
    try:
        dist = distribution(FONT_PACKAGE)
    except PackageNotFoundError:
        return None
    return Path(str(dist.locate_file(FONT_FOLDER)))


def cjk_font_files(assets: Path | None = None) -> tuple[Path, Path] | None:
    """Noto Sans SC (regular, bold; bold falls back to regular), or None when no copy is found."""
    for folder in font_folders(assets):
        regular, bold = folder / FONT_FILES[0], folder / FONT_FILES[1]
        if regular.is_file():
            return regular, bold if bold.is_file() else regular
    return None


def subset_font(text: str, flavor: str = "woff", path: Path | None = None) -> bytes | None:
    """Noto Sans SC cut down to the characters of ``text`` (plus printable ASCII), as a WOFF file.

    For pages that must show Chinese on devices without a Chinese font, with nothing
    fetched from outside: the HTML report embeds it, a served session serves it. None
    when no copy of the font is found or it cannot be cut (the page then falls back to
    the device's fonts). fontTools comes with matplotlib, a dependency.
    """
    from fontTools import subset  # type: ignore[import-untyped]  # fontTools ships no type stubs
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # (as above)

    if path is None:
        found = cjk_font_files()
        if found is None:
            return None
        path = found[0]
    options = subset.Options()
    options.flavor = flavor
    try:
        font = TTFont(str(path), recalcTimestamp=False)  # the same bytes for the same text
        sub = subset.Subsetter(options)
        sub.populate(unicodes={ord(ch) for ch in set(text) if ord(ch) >= 32} | set(range(32, 127)))
        sub.subset(font)
        buf = io.BytesIO()
        font.flavor = flavor
        font.save(buf)
    except Exception:  # a font problem must not stop a page; browsers fall back to their own fonts
        return None
    return buf.getvalue()
