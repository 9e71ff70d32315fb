"""The debrief's subcommands: report (the class's HTML report) and debrief (one scripted game in
the terminal). ``game.cli.commands`` adds them to its parser with :func:`add_parsers`.

    python main.py report SESSION... -o report.html [--lang en|zh] [--samples N] [--best-change]
    python main.py debrief SCENARIO --decisions FILE [--decisions FILE ...] --seed S
                           [--lang en|zh] [--json] [--save GAMES.json] [--samples N] [--no-search]
    python main.py debrief GAMES.json [--lang en|zh] [--json] [--samples N] [--no-search]

SESSION is a workshop session file or a game file written by ``debrief --save`` or ``play --save``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from game.analysis.debrief.teamwork import PeerReview
from game.cli.common import (
    CliError,
    Paths,
    ProgressBar,
    err,
    load_or_explain,
    open_session,
    print_json,
    problems_text,
    resolve_scenario,
    seed_arg,
)
from game.engine.teams import TeamGame


class _Bar(ProgressBar):
    """The balance command's bar as a percentage of steps; ``unit`` names them (the debrief,
    the report's pages)."""

    def __call__(self, done: int, total: int) -> None:
        if not self.live or self._clock() - self.start < self.delay:
            return
        width = 30
        filled = int(width * done / max(total, 1))
        self.stream.write(f"\r[{'#' * filled}{'-' * (width - filled)}] {100 * done // max(total, 1):3d}% {self.unit}")
        self.stream.flush()
        self.shown = True


def _samples(n: int) -> int:
    if not 10 <= n <= 100_000:
        raise CliError("--samples must be between 10 and 100,000")
    return n


def load_team_games(files: Sequence[str], paths: Paths, scenario: str | None = None) -> list[TeamGame]:
    """Team games from session files and/or game files (the order of the files, then of teams)."""
    return load_class(files, paths, scenario)[0]


def load_class(
    files: Sequence[str], paths: Paths, scenario: str | None = None
) -> tuple[list[TeamGame], dict[str, list[PeerReview]]]:
    """Team games from session files and/or game files, and the peer reviews the sessions hold
    (team name -> reviews; the trainer's report shows them, nothing else does)."""
    from game.analysis.debrief.gamefile import GameFileError, is_game_file, load_games, recorded

    teams: list[TeamGame] = []
    reviews: list[list[PeerReview]] = []
    for f in files:
        if not Path(f).is_file():
            raise CliError(f"{f}: no such file; give a session file or a game file (debrief --save)")
        if is_game_file(f):
            sc = load_or_explain(scenario, paths) if scenario else None
            try:
                found = load_games(f, sc)[1]
                said = recorded(f)
            except GameFileError as exc:
                raise CliError(str(exc), code=1) from None
            teams.extend(found)
            reviews.extend([] for _ in found)
            if said.rules_changed:
                err(said.note(f))
        else:
            session = open_session(f, paths, scenario=scenario, read_only=True)
            if session.rules_changed:
                err(next(n for n in session.notes if "model version" in n))
            for tg in session.team_games():
                teams.append(tg)
                reviews.append(
                    [PeerReview(e.member, e.by, dict(e.ratings), e.note) for e in session.peer_reviews(tg.team).values()]
                )
    names = [t.team for t in teams]
    if len(set(names)) < len(names):  # the same team name in two files: keep them apart
        teams = [TeamGame(f"{t.team} ({i + 1})", t.vendor, t.game) for i, t in enumerate(teams)]
    return teams, {t.team: r for t, r in zip(teams, reviews, strict=True) if r}


# -- report --------------------------------------------------------------------------------------


def cmd_report(args: argparse.Namespace, paths: Paths) -> int:
    from game.analysis.debrief.bundle import debrief_teams
    from game.present.debrief.report import render_report

    teams, reviews = load_class(args.files, paths, args.scenario)
    if len({id(t.game.scenario) for t in teams}) > 1 and len({t.game.scenario.id for t in teams}) > 1:
        raise CliError("the files are games of different scenarios; report on one scenario at a time")
    bar = _Bar(sys.stderr, unit="debrief")
    try:
        debriefs = debrief_teams(
            teams, samples=_samples(args.samples), search=bool(args.best_change), progress=bar, reviews=reviews
        )
    finally:
        bar.close()
    pages = _Bar(sys.stderr, unit="report pages")
    try:
        html = render_report(debriefs, args.lang, progress=pages)
    finally:
        pages.close()
    out = Path(args.output)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".tmp")
        tmp.write_text(html, encoding="utf-8")
        tmp.replace(out)
    except OSError as exc:
        raise CliError(f"{out}: cannot write ({exc.strerror or exc})", code=1) from None
    err(f"wrote {out}: {len(teams)} team(s), {len(html) // 1024:,} KB; open it in a browser (print: one page per team)")
    return 0


# -- debrief ------------------------------------------------------------------------------------------


def _scripted(args: argparse.Namespace, paths: Paths) -> tuple[Path, list[TeamGame]]:
    from game.session.decisions import DecisionsError, load_decisions, play_decisions

    scenario_path = resolve_scenario(args.scenario, paths)
    scenario = load_or_explain(str(scenario_path), paths)
    teams: list[TeamGame] = []
    for i, f in enumerate(args.decisions):
        try:
            dec = load_decisions(f, scenario)
            g = play_decisions(scenario, dec, args.seed)
        except DecisionsError as exc:
            raise CliError(
                f"{problems_text(exc.problems)}\n{f}: the decisions file has {exc.total:,} problem(s)",
                code=1,
            ) from None
        g.finish()
        name = dec.team or next(v.name.get(args.lang) for v in scenario.vendors if v.id == dec.vendor)
        if any(t.team == name for t in teams):
            name = f"{name} ({i + 1})"
        teams.append(TeamGame(name, dec.vendor, g))
    return scenario_path, teams


def _print_recorded(args: argparse.Namespace) -> int:
    """A game file's awards as they were announced when it was played (nothing replayed)."""
    from game.analysis.debrief.gamefile import GameFileError, is_game_file, recorded
    from game.present.results import recorded_lines
    from game.scenario.load import ScenarioError, load_scenario

    if not is_game_file(args.scenario):
        raise CliError("--recorded reads a game file (play --save, debrief --save); for a session: resume SESSION --recorded")
    try:
        said = recorded(args.scenario)
        scenario_path = _scenario_of(args.scenario)
        scenario = load_scenario(scenario_path)
    except (GameFileError, ScenarioError, OSError) as exc:
        raise CliError(str(exc), code=1) from None
    print("\n".join(recorded_lines(scenario, [(None, said.results)], said.model_version, said.game_version, args.lang)))
    return 0


def _scenario_of(game_file: str) -> Path:
    """The scenario a game file names (to name vendors); its content is not checked here."""
    import json

    doc = json.loads(Path(game_file).read_text(encoding="utf-8"))
    raw = Path(str(doc.get("scenario_path", "")))
    return raw if raw.is_absolute() else Path(game_file).resolve().parent / raw


def cmd_debrief(args: argparse.Namespace, paths: Paths) -> int:
    from game.analysis.debrief.bundle import debrief_teams, to_json
    from game.analysis.debrief.gamefile import is_game_file, save_games

    if args.recorded:
        return _print_recorded(args)
    if is_game_file(args.scenario):  # a game saved by 'play --save' or 'debrief --save'
        if args.decisions:
            raise CliError(f"{args.scenario} is a game file: it needs no --decisions")
        scenario_path, teams = Path(args.scenario), load_team_games([args.scenario], paths)
    elif not args.decisions:
        raise CliError("give at least one --decisions FILE (one team's scripted turns and bid), or a game file")
    elif args.seed is None:
        raise CliError("give --seed S: the decisions files are played with this seed")
    else:
        scenario_path, teams = _scripted(args, paths)
    if args.save and is_game_file(args.scenario):
        raise CliError("--save is for scripted games; the game file is saved already")
    if args.save:
        try:
            save_games(args.save, scenario_path, teams)
        except OSError as exc:
            raise CliError(f"{args.save}: cannot write ({exc.strerror or exc})", code=1) from None
        err(f"wrote {args.save}: make the class report with 'python main.py report {args.save} -o report.html'")
    bar = _Bar(sys.stderr, unit="debrief")
    try:
        debriefs = debrief_teams(
            teams, samples=_samples(args.samples), search=not args.no_search, progress=bar
        )
    finally:
        bar.close()
    if args.json:
        doc = {
            "scenario": teams[0].game.scenario.id,
            "seed": teams[0].game.seed,
            "teams": [to_json(d) for d in debriefs],
        }
        print_json(doc)
    else:
        from game.present.debrief.text import debrief_text

        print(debrief_text(debriefs, args.lang))
    return 0


def add_parsers(sub: Any) -> None:
    """Add report and debrief to ``game.cli``'s subparsers."""
    rp = sub.add_parser("report", help="the class's debrief as one printable HTML file")
    rp.add_argument("files", nargs="+", metavar="SESSION", help="session file(s) or game file(s) (debrief --save)")
    rp.add_argument("-o", "--output", required=True, metavar="FILE", help="the HTML file to write")
    rp.add_argument("--lang", choices=["en", "zh"], default="en")
    rp.add_argument("--samples", type=int, default=2000, help="simulated endings per turn for win probabilities")
    rp.add_argument("--best-change", action="store_true", help="also search each team's best single change (a few seconds per team)")
    rp.add_argument("--scenario", help="the scenario file, when it is no longer where the file says")
    rp.set_defaults(func=cmd_report)

    db = sub.add_parser("debrief", help="explain a scripted or saved game: outcome, pitfalls, best single change")
    db.add_argument("scenario", help="scenario file or bundled name, or a game file (play --save, debrief --save)")
    db.add_argument("--decisions", action="append", metavar="FILE", help="a team's decisions file (repeat for more teams, each in its own game with the same seed)")
    db.add_argument("--seed", type=seed_arg, help="random seed (with --decisions)")
    db.add_argument("--lang", choices=["en", "zh"], default="en")
    db.add_argument("--json", action="store_true", help="print the debrief as one JSON object")
    db.add_argument("--save", metavar="FILE", help="also save the games (for 'report')")
    db.add_argument("--samples", type=int, default=2000, help="simulated endings per turn for win probabilities")
    db.add_argument("--no-search", action="store_true", help="skip the best-single-change search")
    db.add_argument(
        "--recorded", action="store_true",
        help="a game file: print the awards as they were announced (a game played under another model version)",
    )
    db.set_defaults(func=cmd_debrief)
