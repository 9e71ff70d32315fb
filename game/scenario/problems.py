"""Problems found in a file, printed as ``FILE:LINE:COL: severity: message``."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]

# At most this many problems of one file are listed; a line then says how many more
# there are. A broken file (or an alias-expanded one) can hold tens of thousands.
MAX_LISTED = 100


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at a place in a file. Code is a stable id for warnings (W0xx)."""

    file: str
    line: int
    col: int
    message: str
    severity: Severity = "error"
    code: str = ""

    def __str__(self) -> str:
        code = f" [{self.code}]" if self.code else ""
        return f"{self.file}:{self.line}:{self.col}: {self.severity}{code}: {self.message}"

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' suffix for a near-miss name, or ''."""
    options = [c for c in choices if isinstance(c, str)]
    w = str(word)
    close = [c for c in options if c.startswith(w) and c != w][:1] if len(w) >= 3 else []
    if not close:
        close = difflib.get_close_matches(w, options, n=1, cutoff=0.6)
    if not close and len(w) >= 4:
        close = [c for c in options if w in c][:1]
    if not close:
        low = {c.lower(): c for c in options}
        if str(word).lower() in low:
            close = [low[str(word).lower()]]
    return f" (did you mean {close[0]!r}?)" if close else ""


def one_of(choices: Iterable[str]) -> str:
    items = sorted({c for c in choices if isinstance(c, str)})
    if len(items) > 12:
        return ", ".join(items[:12]) + f", ... ({len(items)} in all)"
    return ", ".join(items)


@dataclass(frozen=True, order=True)
class MoreProblems(Problem):
    """The closing line of a listing that stops at MAX_LISTED: how many more there are."""


def listed(problems: Sequence[Problem], limit: int = MAX_LISTED) -> list[Problem]:
    """The first ``limit`` problems and, when there are more, one line saying how many.

    The closing line is a problem at the first one left out, so that every list
    printed anywhere stays short and still says that it is not complete.
    """
    if len(problems) <= limit or isinstance(problems[-1], MoreProblems):
        return list(problems)  # short, or listed already
    rest = problems[limit:]
    errors = sum(1 for p in rest if p.severity == "error")
    warnings = len(rest) - errors
    parts = [f"{n:,} {word}{'s' if n != 1 else ''}" for n, word in ((errors, "error"), (warnings, "warning")) if n]
    first = rest[0]
    note = MoreProblems(
        first.file,
        first.line,
        first.col,
        f"... and {len(rest):,} more problem{'s' if len(rest) != 1 else ''} ({', '.join(parts)}) "
        "not listed; fix the ones above first (one mistake often causes many), then check again",
        severity="error" if errors else "warning",
    )
    return [*problems[:limit], note]
