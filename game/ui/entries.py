"""The scenario files the window lists: each loaded, or its problems (title screen, workshop set-up);
and the seed typed beside them.

Numbers and names are worded by :mod:`game.present`, the same for every front end.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.scenario.load import ScenarioError, load_scenario
from game.scenario.schema import Scenario


@dataclass(frozen=True)
class Entry:
    """A scenario file as the title screen lists it: loaded, or its problems."""

    path: Path
    scenario: Scenario | None
    problems: tuple[str, ...] = ()


def load_entry(path: Path) -> Entry:
    try:
        return Entry(path, load_scenario(path))
    except ScenarioError as exc:
        return Entry(
            path,
            None,
            tuple(str(p) for p in exc.problems if p.severity == "error")
            or tuple(str(p) for p in exc.problems),
        )
    except (OSError, ValueError) as exc:  # defensive: a broken file is a message, never a crash
        return Entry(path, None, (f"{path}:1:1: error: cannot read scenario: {exc}",))


def bundled_entries(folder: Path) -> list[Entry]:
    """The scenarios in ``folder``, tutorial first, then by file name."""
    if not folder.is_dir():
        return []
    files = sorted(
        [*folder.glob("*.yaml"), *folder.glob("*.yml")],
        key=lambda p: (p.stem != "tutorial", p.name),
    )
    return [load_entry(f) for f in files]


SEED_DIGITS = 18  # below 2**63, what a session's configuration accepts


def read_seed(text: str) -> int | None:
    """A seed typed by a user: plain ASCII digits (',' and '_' allowed between them); None otherwise.

    ``str.isdigit`` is not enough: it is True for '²' and '➁', which ``int`` refuses.
    """
    raw = text.strip().replace(",", "").replace("_", "")
    if not raw or len(raw) > SEED_DIGITS or not (raw.isascii() and raw.isdigit()):
        return None
    return int(raw)
