"""Numbers and names as players read them, shared with the terminal game (one wording).

The formatting helpers of :mod:`game.terminal.render` are pure functions of
the game and the language; the window reuses them so both front ends say the
same things the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.engine.game import PersonView
from game.scenario.load import ScenarioError, load_scenario
from game.scenario.schema import Scenario
from game.strings import t
from game.terminal.render import (
    PARTS,
    action_name,
    award_status,
    changed,
    changes_text,
    coach_how,
    cost_text,
    criterion_name,
    currency_label,
    describe_event,
    join_list,
    money,
    number,
    outcome_text,
    parts_lines,
    pct,
    pct_range,
    points,
    res_amount,
    rival_hint,
    role_name,
    section_shares,
    spec_report,
    spec_text,
    vendor_name,
    weights_text,
)

__all__ = [
    "action_name",
    "award_status",
    "cost_text",
    "criterion_name",
    "currency_label",
    "describe_event",
    "join_list",
    "money",
    "PARTS",
    "number",
    "outcome_text",
    "parts_lines",
    "pct",
    "pct_range",
    "points",
    "res_amount",
    "role_name",
    "section_shares",
    "spec_report",
    "spec_text",
    "vendor_name",
    "weights_text",
    "Entry",
    "load_entry",
    "bundled_entries",
    "cares_text",
    "changed",
    "changes_text",
    "coach_how",
    "rival_hint",
    "short_money",
]


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


def short_money(x: float, scenario: Scenario, lang: str) -> str:
    """1.2 million CNY / 120万元: for tight places."""
    cur = currency_label(scenario, lang)
    if lang == "zh" and cur == "元":
        if abs(x) >= 1e8:
            return f"{x / 1e8:.2f}亿元"
        if abs(x) >= 1e4:
            return f"{x / 1e4:,.1f}万元".replace(".0万", "万")
        return f"{x:,.0f}元"
    if abs(x) >= 1e6:
        return f"{x / 1e6:,.2f}m {cur}"
    if abs(x) >= 1e4:
        return f"{x / 1e3:,.0f}k {cur}"
    return f"{x:,.0f} {cur}"


def cares_text(p: PersonView, scenario: Scenario, lang: str) -> str:
    if p.cares_level == 0 or not p.cares:
        return t("cares.unknown", lang)
    items = sorted(p.cares.items(), key=lambda kv: -kv[1])
    text = t("list.sep", lang).join(
        f"{criterion_name(scenario, k, lang)} {pct(w)}" for k, w in items
    )
    return t("cares.top", lang, cares=text) if p.cares_level == 1 else text
