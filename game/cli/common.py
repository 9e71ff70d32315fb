"""What the command-line modules share: paths, errors, finding and loading scenarios, output.

:mod:`game.cli.commands`, :mod:`game.cli.workshop` and :mod:`game.cli.debrief` import
these; none imports another's private names.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from game import jsonsafe
from game.scenario.load import ScenarioError, load_scenario
from game.scenario.problems import Problem, did_you_mean, listed, one_of
from game.scenario.schema import Scenario

if TYPE_CHECKING:
    from game.session.session import Session

DEFAULT_SCENARIO = "tutorial"


@dataclass(frozen=True)
class Paths:
    """Locations passed in from main.py."""

    root: Path
    scenarios: Path

    @classmethod
    def beside(cls, main_file: str | Path) -> Paths:
        root = Path(main_file).resolve().parent
        return cls(root=root, scenarios=root / "scenarios")


class CliError(Exception):
    """A user-facing error: printed as 'error: ...' with exit code 2 (or given)."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def bundled(paths: Paths) -> list[Path]:
    return sorted(paths.scenarios.glob("*.yaml")) if paths.scenarios.is_dir() else []


def resolve_scenario(arg: str, paths: Paths) -> Path:
    """A scenario path, or the name or id of a bundled scenario."""
    p = Path(arg)
    if p.exists():
        return p
    files = bundled(paths)
    for f in files:
        if arg in (f.stem, f.name):
            return f
    for f in files:
        try:
            if load_scenario(f).id == arg:
                return f
        except ScenarioError:
            continue
    names = [f.stem for f in files]
    raise CliError(
        f"no scenario '{arg}': not a file, nor a bundled scenario{did_you_mean(arg, names)}; "
        f"bundled: {one_of(names) or '(none)'}"
    )


def load_or_explain(arg: str, paths: Paths) -> Scenario:
    path = resolve_scenario(arg, paths)
    try:
        return load_scenario(path)
    except ScenarioError as exc:
        raise CliError(
            f"{problems_text(exc.problems)}\nthe scenario has {exc.total:,} problem(s); fix them, "
            f"then check with 'python main.py validate {path}'",
            code=1,
        ) from None


def err(msg: str) -> None:
    print(msg, file=sys.stderr)


def print_json(data: Any, *, indent: int | None = None) -> None:
    """Print one JSON object on stdout: strict JSON, never NaN or Infinity (null instead)."""
    print(jsonsafe.dumps(data, indent=indent))


def display_available() -> tuple[bool, str]:
    if os.environ.get("SDL_VIDEODRIVER"):
        return True, ""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        return False, "no display found (DISPLAY is not set)"
    return True, ""



def try_window(
    paths: Paths, *, scenario_path: Path | None, seed: int | None, lang: str
) -> int | None:
    """Open the game window; None when it cannot open (the caller falls back)."""
    from game.ui.app import run_window

    return run_window(paths.scenarios, scenario_path=scenario_path, seed=seed, lang=lang)


def fresh_seed() -> int:
    return secrets.randbelow(1_000_000)



class ProgressBar:
    """A one-line bar on a terminal's stderr, shown only once a run has taken a second."""

    def __init__(self, stream: TextIO, delay: float = 1.0, unit: str = "games") -> None:
        self._clock = time.perf_counter
        self.stream = stream
        self.start = self._clock()
        self.delay = delay
        self.unit = unit
        self.shown = False
        self.live = bool(getattr(stream, "isatty", lambda: False)())

    def __call__(self, done: int, total: int) -> None:
        if not self.live or self._clock() - self.start < self.delay:
            return
        width = 30
        filled = int(width * done / max(total, 1))
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r[{bar}] {done:,}/{total:,} {self.unit}")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()



SEED_MAX = 2**63 - 1


def seed_arg(text: str) -> int:
    """argparse type of --seed: a whole number from 0 to 2^63 - 1."""
    try:
        value = int(text.strip().replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text[:40]}' is not a seed; give a whole number such as 7"
        ) from None
    if not 0 <= value <= SEED_MAX:
        raise argparse.ArgumentTypeError(
            f"{text[:40]} is out of range; a seed is a whole number from 0 to {SEED_MAX:,}"
        )
    return value



def problems_text(problems: Sequence[Problem]) -> str:
    """Problems one per line, at most MAX_LISTED of them and a line saying how many more."""
    return "\n".join(str(p) for p in listed(problems))


def open_session(path: str, paths: Paths, *, scenario: str | None = None, read_only: bool = False) -> Session:
    """A workshop session file opened for the command line; its problems become a CliError."""
    from game.session.log import SessionError
    from game.session.session import Session

    try:
        return Session.open(
            path,
            scenario_path=resolve_scenario(scenario, paths) if scenario else None,
            search=[paths.scenarios],
            read_only=read_only,
        )
    except SessionError as exc:
        raise CliError(str(exc), code=1) from None
