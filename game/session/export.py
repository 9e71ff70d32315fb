"""Exports of a session: one JSON file with everything, CSV tables for spreadsheets.

JSON (``format: tender-session-export``): the set-up, every team's decisions
per round, per-turn results (support, spending, proposal quality, each
person's relationship and stance toward the team), the result once awarded,
the leaderboard, the injected events and the audit trail.

CSV (one folder): ``decisions.csv`` (team, round, action, stakeholder,
amount), ``turns.csv`` (team, turn, support, spent, quality, coverage),
``people.csv`` (team, turn, stakeholder, relationship, stance),
``leaderboard.csv`` and ``audit.csv``.

Every file is written atomically; :func:`read_export` reads the JSON back for
``leaderboard`` merges.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from game import jsonsafe
from game.session import measures
from game.session.log import SUFFIX, SessionError, SessionFileError, atomic_write, load_json
from game.session.scoring import Row, leaderboard
from game.session.session import Session, file_sha256

FORMAT = "tender-session-export"
VERSION = 1


def export_data(session: Session, rows: Sequence[Row] | None = None) -> dict[str, Any]:
    """Everything about the session as plain JSON data."""
    rows = list(rows) if rows is not None else leaderboard(session)
    sc = session.scenario
    teams = []
    for t in session.teams:
        g = session.game_of(t.name)
        v = g.c.vendor_ids.index(t.vendor)
        decisions = session.decisions(t.name)
        turns = []
        for rec in g.records:
            turns.append(
                {
                    "turn": rec.turn,
                    "published": rec.published,
                    "support": rec.support[v],
                    "spent": rec.spent[v],
                    "quality": rec.quality[v],
                    "coverage": measures.coverage(sc, decisions, rec.turn),
                    "relationship": {
                        s.id: rec.relationship[i][v] for i, s in enumerate(sc.stakeholders)
                    },
                    "stance": {s.id: rec.stance[i][v] for i, s in enumerate(sc.stakeholders)},
                    "events": [
                        {"id": e.id, "kind": e.kind, "secret": e.secret} for e in rec.events
                    ],
                }
            )
        res = session.result(t.name)
        teams.append(
            {
                "name": t.name,
                "vendor": t.vendor,
                "decisions": [
                    {"round": r, "actions": [a.to_json() for a in acts]}
                    for r, acts in sorted(decisions.items())
                ],
                "bid": session.bids().get(t.name),
                "turns": turns,
                "beliefs": [b.to_json() for b in g.beliefs if b.vendor == t.vendor],
                "result": None if res is None else asdict(res),
            }
        )
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported": datetime.now(timezone.utc).isoformat(),
        "session_file": session.path.name if session.path else None,
        "scenario_id": sc.id,
        "scenario_sha256": _sha(session),
        "seed": session.config.seed,
        "mode": session.config.mode,
        "round_seconds": session.config.round_seconds,
        "at_zero": session.config.at_zero,
        "phase": session.phase,
        "rounds_played": len(session.games[0].records),
        "rounds": session.rounds,
        "teams": teams,
        "leaderboard": [r.to_json() for r in rows],
        "events": [
            {
                "seq": e.seq,
                "time": e.time,
                "turn": e.turn,
                "source": e.source,
                "secret": e.secret,
                "event": e.event.model_dump(mode="json", exclude_none=True),
            }
            for e in session.injected()
        ],
        "audit": [
            {
                "seq": a.seq,
                "time": a.time,
                "type": a.type,
                "round": a.round,
                "team": a.team,
                "undone": a.undone,
                "detail": a.detail,
            }
            for a in session.audit()
        ],
    }


def _sha(session: Session) -> str:
    try:
        return file_sha256(session.scenario_path)
    except OSError:
        return ""


def write_json(session: Session, path: str | Path, rows: Sequence[Row] | None = None) -> Path:
    p = Path(path)
    data = export_data(session, rows)
    atomic_write(p, (jsonsafe.dumps(data, indent=1) + "\n").encode("utf-8"))
    return p


def _csv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    # A byte-order mark, so spreadsheet programs read the Chinese names right.
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


# The tables write_csv writes into its folder, in this order (front ends ask before replacing them).
CSV_NAMES = ("decisions.csv", "turns.csv", "people.csv", "leaderboard.csv", "bids.csv", "audit.csv")


def write_csv(session: Session, folder: str | Path, rows: Sequence[Row] | None = None) -> list[Path]:
    """The CSV tables into ``folder`` (created if needed); returns the files written."""
    d = Path(folder)
    if d.exists() and not d.is_dir():
        raise SessionFileError(f"{d} is a file; give a folder for the CSV tables", "not_a_folder")
    d.mkdir(parents=True, exist_ok=True)
    data = export_data(session, rows)
    dec, turns, people = [], [], []
    for t in data["teams"]:
        for r in t["decisions"]:
            if not r["actions"]:
                dec.append([t["name"], t["vendor"], r["round"], "pass", "", 0])
            for a in r["actions"]:
                dec.append([t["name"], t["vendor"], r["round"], a["action"], a["stakeholder"], a["amount"]])
        for rec in t["turns"]:
            turns.append(
                [t["name"], t["vendor"], rec["turn"], _f(rec["support"]), _f(rec["spent"]),
                 _f(rec["quality"]), _f(rec["coverage"])]
            )
            for sid, rel in rec["relationship"].items():
                people.append([t["name"], rec["turn"], sid, _f(rel), _f(rec["stance"][sid])])
    audit = [
        [a["seq"], _iso(a["time"]), a["type"], a["round"] or "", a["team"] or "",
         "yes" if a["undone"] else "", json.dumps(a["detail"], ensure_ascii=False)]
        for a in data["audit"]
    ]
    files = {
        "decisions.csv": _csv(["team", "vendor", "round", "action", "stakeholder", "amount"], dec),
        "turns.csv": _csv(["team", "vendor", "turn", "support", "spent", "quality", "coverage"], turns),
        "people.csv": _csv(["team", "turn", "stakeholder", "relationship", "stance"], people),
        "leaderboard.csv": leaderboard_csv([Row.from_json(r) for r in data["leaderboard"]]),
        "bids.csv": _csv(BID_COLUMNS, bid_rows(session)),
        "audit.csv": _csv(["seq", "time", "type", "round", "team", "undone", "detail"], audit),
    }
    out = []
    for name in CSV_NAMES:
        atomic_write(d / name, files[name])
        out.append(d / name)
    return out


LEADERBOARD_COLUMNS = (
    "rank", "team", "vendor", "actual", "expected", "win_probability", "coverage",
    "timing", "focus", "process", "expected_score", "score", "source", "group",
)
BID_COLUMNS = [
    "team", "vendor", "played_by", "bid", "valid", "over_ceiling", "questioned", "disqualified",
    "vetoed_by", "technical", "price_score", "commercial", "total", "rank", "won", "failed",
]


def leaderboard_csv(rows: Sequence[Row]) -> bytes:
    """The leaderboard as CSV (one table, merged or not), numbers rounded for people to read."""
    out: list[list[object]] = []
    for r in rows:
        d = r.to_json()
        out.append([
            _f(v) if isinstance(v, float) else ("" if v is None else v)
            for v in (d[c] for c in LEADERBOARD_COLUMNS)
        ])
    return _csv(list(LEADERBOARD_COLUMNS), out)


def bid_rows(session: Session) -> list[list[object]]:
    """Every vendor's bid in every game of the session: validity, vetoes, scores (once awarded)."""
    out: list[list[object]] = []
    games = session.games
    for g in games:
        teams = [t for t in session.teams if session.game_of(t.name) is g]
        label = teams[0].name if len(games) > 1 else ""
        played = {t.vendor: t.name for t in teams}
        if g.result is None:
            for vid, price in g.bids.items():  # entered so far, not yet opened
                out.append([label, vid, played.get(vid, "AI"), "" if price is None else _f(price), *[""] * 12])
            continue
        for v in g.result.vendors:
            yes = {True: "yes", False: "no"}
            out.append([
                label, v.vendor, played.get(v.vendor, "AI"), "" if v.bid is None else _f(v.bid),
                yes[v.valid], yes[v.over_ceiling], yes[v.questioned], yes[v.disqualified],
                v.vetoed_by or "", _f(v.technical), _f(v.price_score), _f(v.commercial),
                _f(v.total), "" if v.rank is None else v.rank, yes[v.won], yes[g.result.failed],
            ])
    return out


def _f(x: float) -> str:
    """A number for a table: 6 significant digits, no '-0'."""
    return f"{round(x, 9) + 0.0:.6g}"


def _iso(t: float) -> str:
    return datetime.fromtimestamp(t, tz=timezone.utc).isoformat(timespec="seconds")


MAX_EXPORT = 50_000_000  # bytes of an export read back (a 12-team session's is well under 1 MB)


def read_export(path: str | Path) -> dict[str, Any]:
    """An export written by :func:`write_json`, or SessionFileError."""
    p = Path(path)
    try:
        if p.stat().st_size > MAX_EXPORT:
            raise ValueError(f"{p.stat().st_size:,} bytes; an export is at most {MAX_EXPORT:,}")
        data = load_json(p.read_bytes(), max_depth=32)
    except FileNotFoundError:
        raise SessionFileError(f"{p}: no such file", "missing") from None
    except (OSError, ValueError) as exc:
        raise SessionFileError(f"{p}: not a session export ({str(exc)[:200]})", "foreign") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SessionFileError(
            f"{p}: not a session export (no 'format: {FORMAT}'); give session files "
            f"(*.session.jsonl) or exports written by 'python main.py export'",
            "foreign",
        )
    if not isinstance(data.get("leaderboard"), list):
        raise SessionFileError(f"{p}: the export has no leaderboard", "foreign")
    return data


def export_rows(data: dict[str, Any], source: str) -> list[Row]:
    rows = []
    for i, raw in enumerate(data["leaderboard"], 1):
        try:
            row = Row.from_json(raw)
        except (TypeError, ValueError) as exc:
            raise SessionFileError(
                f"{source}: leaderboard row {i} cannot be used ({str(exc)[:300]})", "foreign"
            ) from None
        rows.append(row if row.source else Row(**{**row.to_json(), "source": source}))
    return rows


def handin_text(session: Session, team: str) -> tuple[str, str]:
    """A decisions file of the team's latest entry, for the trainer's session; (text, file name).

    The entry of the open round if the team has made one, else its decisions
    of the last resolved round; once bids are due, its bid. The team's forecast
    for that round (or with the bid) goes with it. Strings are written
    JSON-quoted (valid YAML whatever the team's name).
    """
    t = session.team(team)
    made = session.game_of(t.name).forecasts_of(t.vendor)
    head = [
        f"# Team {t.name}: hand this file to the trainer (scenario {session.scenario.id}, seed {session.config.seed}).",
        f"vendor: {json.dumps(t.vendor)}",
        f"team: {json.dumps(t.name, ensure_ascii=False)}",
        f"scenario: {json.dumps(session.scenario.id)}",
    ]
    slug = "".join(ch if ch.isalnum() else "-" for ch in t.name).strip("-") or "team"
    if session.phase in ("bids", "done"):
        if t.name not in session.bids():
            raise SessionError(f"team {t.name} has no bid yet", "nothing_to_hand_in")
        price = session.bids()[t.name]
        at_bid = next((f for f in reversed(made) if f.at_bid), None)
        win = f", win: {json.dumps(at_bid.win)}" if at_bid is not None and price is not None else ""
        return "\n".join([*head, f"bid: {{price: {json.dumps(price)}{win}}}", ""]), f"{slug}-bid.yaml"
    subs = session.submissions()
    if session.phase == "open" and t.name in subs:
        rnd, acts = session.round, subs[t.name]
    else:
        done = session.decisions(t.name)
        if not done:
            raise SessionError(f"team {t.name} has entered nothing yet", "nothing_to_hand_in")
        rnd = max(done)
        acts = done[rnd]
    lines = [*head, f"round: {rnd}", "turns:", f"  {rnd}:" + ("" if acts else " []")]
    lines += [
        f"    - {{action: {a.action}, stakeholder: {a.stakeholder}, amount: {a.amount}}}" for a in acts
    ]
    fc = next((f for f in reversed(made) if f.turn == rnd and not f.at_bid), None)
    if fc is not None:
        expected = f", price: {json.dumps(fc.price)}" if fc.price is not None else ""
        lines += ["forecasts:", f"  {rnd}: {{win: {json.dumps(fc.win)}{expected}}}"]
    return "\n".join([*lines, ""]), f"{slug}-round{rnd}.yaml"


def session_stem(path: Path | None) -> str:
    """A session file's name without its suffix (what export files are named after)."""
    name = path.name if path is not None else "session"
    return name[: -len(SUFFIX)] if name.endswith(SUFFIX) else Path(name).stem


def default_export_dir(session: Session) -> Path:
    """Where a session's exports go unless the trainer chooses: a folder beside its file."""
    p = session.path or Path("session")
    return p.parent / f"{session_stem(p)}-export"
