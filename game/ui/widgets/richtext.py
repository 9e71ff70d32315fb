"""Line breaks for pygame_gui text boxes that Chinese needs.

pygame_gui breaks lines only at spaces; a run of Chinese has none, so it is cut
anywhere and marked with hyphens ("箭-" / "-头"). :func:`wrap_html` puts the
line breaks in first, with the same font and size the box uses: between any
two Chinese characters (never before closing or after opening punctuation),
at spaces in Latin text, and inside a word only when the word alone is wider
than the box. The box then has nothing left to break.
"""

from __future__ import annotations

import html as htmllib
import re
import unicodedata

from game.ui.text import NO_END, NO_START, Fonts

_MARKUP = re.compile(r"<[^>]+>|&(?:amp|lt|gt|quot|#\d+|#x[0-9a-fA-F]+);")
_BREAK = re.compile(r"<br\s*/?>|\n", re.IGNORECASE)
SAFETY = 8  # pixels kept free on every line (pygame_gui counts a line break as ~4 px wide)


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def wrap_html(fonts: Fonts, html: str, width: int, size: int) -> str:
    """``html`` (pygame_gui's subset) with <br> wherever a line would not fit in ``width`` pixels."""
    if width <= 20:
        return html
    return "<br>".join(_wrap_paragraph(fonts, p, width - SAFETY, size) for p in _BREAK.split(html))


def _units(para: str) -> list[tuple[str, str | None, bool]]:
    """(html, visible character or None for markup, bold) for every piece of a paragraph."""
    units: list[tuple[str, str | None, bool]] = []
    bold = False
    pos = 0
    for m in _MARKUP.finditer(para):
        units.extend((ch, ch, bold) for ch in para[pos : m.start()])
        tok = m.group()
        if tok.startswith("&"):
            units.append((tok, htmllib.unescape(tok), bold))
        else:
            low = tok.lower().replace(" ", "")
            if low.startswith("<b>") or low == "<b>":
                bold = True
            elif low.startswith("</b"):
                bold = False
            units.append((tok, None, bold))
        pos = m.end()
    units.extend((ch, ch, bold) for ch in para[pos:])
    return units


def _tokens(units: list[tuple[str, str | None, bool]]) -> list[list[tuple[str, str | None, bool]]]:
    """Units grouped so that a line may break before any group."""
    out: list[list[tuple[str, str | None, bool]]] = []
    prev: str | None = None
    for u in units:
        ch = u[1]
        if ch is None or not out:
            if not out:
                out.append([])
            out[-1].append(u)
            continue
        breakable = prev is not None and (
            (prev == " " and ch != " ")
            or (_wide(ch) and ch not in NO_START and prev not in NO_END)
            or (_wide(prev) and prev not in NO_END and ch not in NO_START and ch != " ")
        )
        if breakable:
            out.append([u])
        else:
            out[-1].append(u)
        prev = ch
    return out


def _width(fonts: Fonts, token: list[tuple[str, str | None, bool]], size: int, strip: bool = False) -> int:
    """Pixel width of a token's visible text, measured per run of the same weight."""
    total = 0
    run, run_bold = "", False
    chars = [(ch, b) for _h, ch, b in token if ch is not None]
    if strip:
        while chars and chars[-1][0] == " ":
            chars.pop()
    for ch, b in chars:
        if run and b != run_bold:
            total += fonts.width(run, size, run_bold)
            run = ""
        run, run_bold = run + ch, b
    if run:
        total += fonts.width(run, size, run_bold)
    return total


def _wrap_paragraph(fonts: Fonts, para: str, width: int, size: int) -> str:
    tokens = _tokens(_units(para))
    lines: list[list[tuple[str, str | None, bool]]] = [[]]
    used = 0
    for token in tokens:
        w = _width(fonts, token, size)
        fit = _width(fonts, token, size, strip=True)
        if lines[-1] and used + fit > width:
            lines.append([])
            used = 0
        if fit > width:  # one word wider than the box: split it by characters
            for u in token:
                cw = 0 if u[1] is None else fonts.width(u[1], size, u[2])
                if lines[-1] and u[1] is not None and used + cw > width:
                    lines.append([])
                    used = 0
                lines[-1].append(u)
                used += cw
            continue
        lines[-1].extend(token)
        used += w
    return "<br>".join("".join(h for h, _c, _b in line).rstrip(" ") for line in lines)


def box_width(rect_width: int, scale: float, padding: float = 10, scroll_bar: bool = True) -> int:
    """The width a themed pygame_gui text box gives its text (assets/theme.json's padding and border)."""
    pad = max(1, int(round(padding * scale)))
    border = max(1, int(round(scale)))
    return rect_width - 2 * pad - 2 * border - (20 if scroll_bar else 0)


def tooltip(fonts: Fonts, text: str, scale: float) -> str:
    """A tooltip's text with its line breaks put in (the theme's tooltip is 330 logical px wide)."""
    width = box_width(max(1, int(round(330 * scale))), scale, padding=8, scroll_bar=False)
    return wrap_html(fonts, text, width, max(11, int(round(15 * scale))))
