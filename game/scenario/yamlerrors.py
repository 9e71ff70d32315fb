"""YAML syntax errors in words that say what to do.

PyYAML reports a broken file in the parser's terms ("expected <block end>, but
found '<block sequence start>'", "found character '\\t' that cannot start any
token"). Authors need to know what to change: the indentation, a tab, a colon
or comma in text that needs quotes, a quote or bracket left open. The common
errors are translated here, keeping the position; the rare ones keep the
parser's words.
"""

from __future__ import annotations

from collections.abc import Callable

import yaml

from game.scenario.problems import Problem

_INDENT = "use spaces only, the same number for every line of one list or map"


def _line(text: str, line: int) -> str:
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _indent(s: str) -> int:
    return len(s) - len(s.lstrip(" "))


def _previous_content_line(text: str, line: int, *, items: bool = False) -> tuple[int, str]:
    """The nearest line above ``line`` that is neither blank nor a comment (a '- ' item)."""
    lines = text.splitlines()
    for n in range(min(line - 1, len(lines)), 0, -1):
        s = lines[n - 1].lstrip()
        if s and not s.startswith("#") and (not items or s.startswith("- ")):
            return n, lines[n - 1]
    return 0, ""


class _Err:
    """The parts of a MarkedYAMLError, with 1-based positions."""

    def __init__(self, exc: yaml.MarkedYAMLError, text: str) -> None:
        self.problem = exc.problem or ""
        self.context = exc.context or ""
        mark = exc.problem_mark or exc.context_mark
        self.line, self.col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        cm = exc.context_mark
        self.ctx_pos = (cm.line + 1, cm.column + 1) if cm is not None else None
        self.text = text

    def started(self) -> str:
        return f"line {self.ctx_pos[0]}, column {self.ctx_pos[1]}" if self.ctx_pos else "above"


def _tab(e: _Err) -> str | None:
    if "'\\t'" not in e.problem:
        return None
    return (
        "a tab character: YAML indents with spaces only; replace the tab with spaces "
        "(set your editor to insert spaces for Tab)"
    )


def _bad_start(e: _Err) -> str | None:
    if "that cannot start any token" not in e.problem:
        return None
    ch = e.problem.split("'")[1] if e.problem.count("'") >= 2 else "this character"
    return (
        f"a value cannot start with {ch!r} in YAML; put the text in quotes, "
        f'e.g. "{ch}..."'
    )


def _colon(e: _Err) -> str | None:
    if e.problem != "mapping values are not allowed here":
        return None
    here = _line(e.text, e.line)
    before = here[: e.col - 1]
    if ": " in before or before.rstrip().endswith(":"):
        key = before.split(":", 1)[0].strip() or "key"
        value = here.split(":", 1)[1].strip() if ":" in here else "..."
        return (
            f"a second ': ' in one line: text that contains a colon must be quoted, "
            f'e.g. {key}: "{value}"'
        )
    n, above = _previous_content_line(e.text, e.line)
    if n and _indent(here) > _indent(above):
        return (
            f"this line is indented more than line {n} above it, so it cannot start a key "
            f"there: line it up with the keys of its map ({_INDENT}); if it belongs under "
            f"line {n}, end line {n} with the colon and give it no value"
        )
    return (
        "a key where none can start: the line above is not a 'key: value' line, or this "
        "line's indentation is off; quote text that contains ': '"
    )


def _block_end(e: _Err) -> str | None:
    if not e.problem.startswith("expected <block end>"):
        return None
    found = e.problem.split("but found ", 1)[-1].strip("'")
    here = _line(e.text, e.line)
    if found == "<scalar>" and any(q in here[: e.col - 1] for q in "'\""):
        return (
            "text goes on after a closing quote: quote the whole text; inside '...' write a "
            "quote as two ('it''s'), or use \"...\" instead"
        )
    if found in ("}", "]"):
        return f"an extra {found!r}: remove it, or check the brackets opened before it"
    if found == "-" and "mapping" in e.context:
        return (
            f"a list item ('- ') where a key was expected (in the map that starts at "
            f"{e.started()}): indent the item under the key it belongs to, and leave that "
            "key's value empty"
        )
    n, above = _previous_content_line(e.text, e.line)
    if here.lstrip().startswith("- "):  # compare an item with the item above it
        n, above = _previous_content_line(e.text, e.line, items=True)
        if n and _indent(here) != _indent(above):
            return (
                f"this '- ' item starts in column {_indent(here) + 1} but the one on line {n} in "
                f"column {_indent(above) + 1}: the items of one list start in the same column "
                f"({_INDENT})"
            )
    elif n and here.strip():
        col, col_above = _indent(here) + 1, _key_column(above)
        if col != col_above:
            return (
                f"this line starts in column {col} but line {n} above it in column "
                f"{col_above}: the keys of one map, and the '- ' items of one list, start in the "
                f"same column ({_INDENT})"
            )
    return (
        f"the indentation does not match the list or map that starts at {e.started()}: "
        f"{_INDENT} (a '- ' item or a key here starts in another column than its neighbours)"
    )


def _key_column(line: str) -> int:
    """1-based column where a line's key starts, after its indentation and any '- '."""
    i = _indent(line)
    while line[i : i + 2] == "- ":
        i += 2
        while i < len(line) and line[i] == " ":
            i += 1
    return i + 1


def _flow(e: _Err) -> str | None:
    if not (e.problem.startswith("expected ','") and "flow" in e.context):
        return None
    kind = "[...]" if "sequence" in e.context else "{...}"
    close = "]" if kind == "[...]" else "}"
    if e.problem.endswith("'<stream end>'"):
        return f"the {kind} that opens at {e.started()} is never closed: add the closing '{close}'"
    if e.ctx_pos is not None and e.ctx_pos[0] != e.line:
        return (
            f"the {kind} that opens at {e.started()} is not closed before this line: add the "
            f"closing '{close}' at the end of its entries (or, if it goes on, quote text that "
            "contains ': ' or a comma)"
        )
    return (
        f"inside the {kind} that opens at {e.started()}: a comma or ': ' in text ends the "
        f"entry, so quote such text (\"Director, procurement\"); or the '{close}' is missing "
        "before this point"
    )


def _open_quote(e: _Err) -> str | None:
    if "quoted scalar" not in e.context or "end of stream" not in e.problem:
        return None
    return f"the quoted text that opens at {e.started()} is never closed: add the closing quote"


def _escape(e: _Err) -> str | None:
    if "unknown escape character" not in e.problem:
        return None
    return (
        "a backslash in \"...\" starts an escape such as \\n; write \\\\ for a backslash, "
        "or quote the text with '...' instead"
    )


def _simple_key(e: _Err) -> str | None:
    if e.problem != "could not find expected ':'":
        return None
    if e.ctx_pos is not None:
        e.line, e.col = e.ctx_pos
    return (
        "this line is neither 'key: value' nor a list item ('- ...'): add ': ' after the "
        "key; if it continues the text above, indent it further or quote the whole text"
    )


def _name_at(e: _Err, sigil: str) -> str:
    """The anchor or alias name written at the error's place (``&name`` / ``*name``)."""
    here = _line(e.text, e.line)[e.col - 1 :]
    if not here.startswith(sigil):
        return ""
    name = here[1:].split()[0] if here[1:].split() else ""
    return name.rstrip(",]}")


def _alias(e: _Err) -> str | None:
    if e.problem.startswith("found undefined alias"):
        name = _name_at(e, "*") or "name"
        return (
            f"*{name} refers to no anchor: mark an earlier value with &{name}, or write the "
            "value out (quote text that starts with '*')"
        )
    if "duplicate anchor" in e.context:
        name = _name_at(e, "&")
        return (
            f"the anchor {'&' + name + ' ' if name else ''}is defined twice (first at "
            f"{e.started()}): give each anchor its own name"
        )
    return None


def _documents(e: _Err) -> str | None:
    if "another document" in e.problem or "document start" in e.problem:
        return (
            "a second document ('---' or '...'): a file holds one document; remove the marker "
            "line and keep everything in one"
        )
    return None


_TRANSLATORS: tuple[Callable[[_Err], str | None], ...] = (
    _tab,
    _bad_start,
    _colon,
    _block_end,
    _flow,
    _open_quote,
    _escape,
    _simple_key,
    _alias,
    _documents,
)


def syntax_problem(exc: yaml.YAMLError, filename: str, text: str) -> Problem:
    """One problem for a YAML syntax error, at its place, saying what to do."""
    if not isinstance(exc, yaml.MarkedYAMLError):
        return Problem(filename, 1, 1, f"YAML error: {exc}")
    e = _Err(exc, text)
    for translate in _TRANSLATORS:
        advice = translate(e)
        if advice is not None:
            return Problem(filename, e.line, e.col, f"YAML syntax error: {advice}")
    ctx = ""
    if e.context:
        at = f" that started at {e.started()}" if e.ctx_pos and e.ctx_pos != (e.line, e.col) else ""
        ctx = f" ({e.context}{at})"
    return Problem(filename, e.line, e.col, f"YAML syntax error: {e.problem or exc}{ctx}")
