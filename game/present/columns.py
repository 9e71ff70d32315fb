"""Text by display width: Chinese characters take two columns, combining marks none.

Line breaking that keeps closing punctuation off the start of a line and
opening punctuation off its end, for the terminal (columns) and the window
(pixels, through :func:`tokens`).
"""

from __future__ import annotations

import unicodedata

ELLIPSIS = ".."
# Closing punctuation that should not start a wrapped line.
NO_LINE_START = set("，。、；：！？）」』”’》〉】,.;:!?)]}%")
# Opening punctuation that should not end a wrapped line.
NO_LINE_END = set("（「『“‘《〈【")


def char_width(ch: str) -> int:
    """Columns a character takes in a terminal: 2 for wide East Asian, 0 for combining."""
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def text_width(s: str) -> int:
    return sum(char_width(ch) for ch in s)


def truncate(s: str, width: int) -> str:
    """``s`` cut to at most ``width`` columns, marked with '..' when cut."""
    if text_width(s) <= width:
        return s
    if width <= len(ELLIPSIS):
        return ELLIPSIS[:width]
    out, used = [], 0
    for ch in s:
        w = char_width(ch)
        if used + w > width - len(ELLIPSIS):
            break
        out.append(ch)
        used += w
    return "".join(out).rstrip() + ELLIPSIS


def pad(s: str, width: int, align: str = "l") -> str:
    gap = max(0, width - text_width(s))
    return " " * gap + s if align == "r" else s + " " * gap


def tokens(s: str) -> list[str]:
    """Break points: every wide (Chinese) character alone, Latin words with their trailing space."""
    out: list[str] = []
    buf = ""
    for ch in s:
        if char_width(ch) == 2:
            if buf:
                out.append(buf)
                buf = ""
            out.append(ch)
        elif ch == " ":
            out.append(buf + ch)
            buf = ""
        else:
            buf += ch
    if buf:
        out.append(buf)
    return out


def _hanging(line: str) -> int:
    """Indent for continuation lines of a list item ('  - x', '1. x') or an indented line."""
    stripped = line.lstrip(" ")
    lead = len(line) - len(stripped)
    for marker in ("- ", "* ", "• "):
        if stripped.startswith(marker):
            return lead + len(marker)
    head = stripped.split(" ", 1)[0]
    if len(head) <= 4 and head[:-1].isdigit() and head.endswith((".", ")")) and " " in stripped:
        return lead + len(head) + 1
    return lead


def wrap(text: str, width: int = 100, indent: int = 0) -> str:
    """Wrap text to ``width`` columns (East Asian aware); keeps blank lines and list indents."""
    width = max(4, width)
    out: list[str] = []
    for raw in text.rstrip("\n").split("\n"):
        raw = raw.rstrip()
        if not raw:
            out.append("")
            continue
        hang = " " * (indent + _hanging(raw))
        line = " " * indent
        for tok in tokens(raw):
            candidate = line + tok
            fits = text_width(candidate.rstrip()) <= width
            if fits or not line.strip() or tok.strip()[:1] in NO_LINE_START:
                line = candidate
                continue
            kept, carry = line.rstrip(), ""
            while len(kept) > len(hang) + 1 and kept[-1] in NO_LINE_END:
                kept, carry = kept[:-1], kept[-1] + carry
            out.append(kept.rstrip())
            line = hang + carry + tok.lstrip(" ")
        out.append(line.rstrip())
    return "\n".join(out)


