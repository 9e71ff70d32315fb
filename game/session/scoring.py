"""The leaderboard: actual result, expected result and process score, ranked so luck cannot decide.

Per team:

actual
    the game's result once awarded: margin if won (bid - delivery cost) minus
    the money spent; blank before the award.
expected
    win probability x margin - money spent: after the award the game's own
    figure (2,000 re-runs of the evaluation from the final position), before
    it the dashboard's Monte Carlo from the current position. It separates
    decisions from dice.
process
    0-100, the mean of coverage, timing and focus (:mod:`game.session.measures`).

The rank orders teams by ``score = 0.6 * expected_score + 0.4 * process``,
where ``expected_score = 100 * clip(expected / (ceiling - cost), 0, 1)`` puts
the expected result on a 0-100 scale of the best imaginable outcome (winning
for sure at the ceiling without spending). The actual result is shown but not
ranked: one lucky award (or one unlucky veto) cannot decide the table. Scores
depend on nothing but the team's own game, so tables from several laptops
merge by sorting.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from pydantic import ConfigDict, TypeAdapter, ValidationError

from game.session import measures
from game.session.dashboard import Dashboard, refresh
from game.session.session import Session

W_EXPECTED = 0.6
W_PROCESS = 0.4


@dataclass(frozen=True)
class Row:
    team: str
    vendor: str
    source: str  # the session file (or export) the row comes from
    scenario_id: str
    seed: int
    finished: bool
    won: bool | None
    actual: float | None
    expected: float
    win_probability: float
    coverage: float  # 0-100
    timing: float  # 0-100
    focus: float  # 0-100
    process: float  # 0-100
    expected_score: float  # 0-100
    score: float  # what the rank sorts by
    rank: int = 0
    mode: str = ""  # head-to-head or parallel ("" in exports written before it was recorded)
    events: str = ""  # the live events the trainer injected, as "round kind id" items ("" none)
    group: str = ""  # set by merge when tables that cannot be compared are kept apart
    # Read back from exports (pydantic, in from_json): finite numbers, bounded text.
    __pydantic_config__ = ConfigDict(allow_inf_nan=False, str_max_length=1000)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> Row:
        """A row read back from an export: checked field by field (ValueError names the first wrong one)."""
        if not isinstance(data, dict):
            raise ValueError("a row is a JSON object")
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        try:
            return _ROW.validate_python(known)
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            raise ValueError(f"{'.'.join(map(str, first['loc']))}: {first['msg']}") from None


# Rows read back from exports: finite numbers, bounded text, the right types.
_ROW: TypeAdapter[Row] = TypeAdapter(Row)


def rank(rows: Iterable[Row]) -> list[Row]:
    """Sort by score, then process, then name; equal scores (to 0.1) share a rank."""
    ordered = sorted(rows, key=lambda r: (-round(r.score, 1), -r.process, r.team.casefold()))
    out: list[Row] = []
    for i, r in enumerate(ordered):
        same = out and round(out[-1].score, 1) == round(r.score, 1)
        out.append(replace(r, rank=out[-1].rank if same else i + 1))
    return out


def leaderboard(session: Session, dashboard: Dashboard | None = None) -> list[Row]:
    """The session's rows, ranked (a dashboard refresh is computed when not given)."""
    board = dashboard if dashboard is not None and dashboard.version == session.version else None
    if board is None:
        board = refresh(session)
    by_team = {t.team: t for t in board.teams}
    source = session.path.name if session.path is not None else ""
    rows = []
    for t in session.teams:
        g = session.game_of(t.name)
        played = len(g.records)
        proc = measures.process(session.scenario, session.decisions(t.name), played, g.pub_turn)
        res = session.result(t.name)
        v = g.c.vendor_ids.index(t.vendor)
        best = float(g.c.ceiling0 - g.c.cost[v])
        expected = res.expected_result if res is not None else by_team[t.name].expected_result
        p_win = res.win_probability if res is not None else by_team[t.name].win_probability
        exp_score = 100.0 * min(1.0, max(0.0, expected / best)) if best > 0 else 0.0
        rows.append(
            Row(
                team=t.name,
                vendor=t.vendor,
                source=source,
                scenario_id=session.scenario.id,
                seed=session.config.seed,
                finished=res is not None,
                won=res.won if res is not None else None,
                actual=res.result if res is not None else None,
                expected=expected,
                win_probability=p_win,
                coverage=100.0 * proc.coverage,
                timing=100.0 * proc.timing,
                focus=100.0 * proc.focus,
                process=proc.score,
                expected_score=exp_score,
                score=W_EXPECTED * exp_score + W_PROCESS * proc.score,
                mode=session.config.mode,
                events=events_played(session),
            )
        )
    return rank(rows)


def events_played(session: Session) -> str:
    """The live events of a session as one comparable text: 'round kind id [secret]; ...'."""
    items = []
    for e in session.injected():
        items.append(f"{e.turn} {e.event.kind} {e.event.id or e.source}{' secret' if e.secret else ''}")
    return "; ".join(items)


class MergeError(ValueError):
    """Rows that cannot go into one table (another scenario)."""


def merge(tables: Sequence[Sequence[Row]]) -> tuple[list[Row], list[str]]:
    """One ranked table from several (laptops); returns it with warnings.

    Different scenarios cannot be merged (MergeError). Different seeds are
    merged with a warning: the teams then faced different dice. A team name
    seen in two tables gets its source appended.
    """
    warnings: list[str] = []
    rows: list[Row] = []
    seen: set[tuple[str, str, str]] = set()
    for table in tables:
        for r in table:
            key = (r.source, r.team.casefold(), r.vendor)
            if r.source and key in seen:
                warnings.append(f"{r.team} of {r.source} was given twice (a session and its export?); counted once")
                continue
            seen.add(key)
            rows.append(r)
    if not rows:
        return [], warnings
    scenarios = sorted({r.scenario_id for r in rows})
    if len(scenarios) > 1:
        raise MergeError(
            f"the results come from different scenarios ({', '.join(scenarios)}); a leaderboard "
            f"compares one tender - merge the files of each scenario separately"
        )
    seeds = sorted({r.seed for r in rows})
    if len(seeds) > 1:
        warnings.append(
            f"the sessions used different seeds ({', '.join(map(str, seeds))}): the teams faced "
            f"different dice, so compare the expected results and process scores, not the actual results"
        )
    groups: dict[tuple[str, str], list[Row]] = {}
    for r in rows:
        groups.setdefault((r.mode, r.events), []).append(r)
    modes = sorted({r.mode for r in rows if r.mode})
    if len(modes) > 1:
        warnings.append(
            "head-to-head and parallel-worlds sessions cannot be ranked together (the teams did not "
            "face the same tender): they are ranked in separate tables"
        )
    played = sorted({r.events for r in rows})
    if len(played) > 1:
        warnings.append(
            "the sessions ran different live events ("
            + " | ".join(f"{x or 'none'}" for x in played)
            + "): they are ranked in separate tables"
        )
    counts: dict[str, int] = {}
    for r in rows:
        counts[r.team.casefold()] = counts.get(r.team.casefold(), 0) + 1
    named = [
        replace(r, team=f"{r.team} ({r.source})") if counts[r.team.casefold()] > 1 and r.source else r
        for r in rows
    ]
    unfinished = sorted({r.source for r in rows if not r.finished})
    if unfinished:
        warnings.append(
            f"not yet awarded: {', '.join(unfinished)}; their expected results are Monte Carlo estimates"
        )
    if len(groups) == 1:
        return rank(named), warnings
    out: list[Row] = []
    for n, group in enumerate(sorted(groups), 1):
        members = {id(r) for r in groups[group]}
        mode, events = group
        label = f"{n}: {mode or 'mode not recorded'}; events: {events or 'none'}"
        out.extend(replace(r, group=label) for r in rank(x for x, orig in zip(named, rows, strict=True) if id(orig) in members))
    return out, warnings
