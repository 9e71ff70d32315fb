"""The workshop's subcommands: workshop, resume, leaderboard, export (DESIGN section 5).

``game.cli.commands`` adds them to its parser with :func:`add_parsers`; each command
returns an exit code and prints problems as messages (``CliError``), never as
tracebacks. The window (``game.ui.workshop.run_workshop_window``) takes over
``workshop``/``resume`` when a display is available; otherwise (and with
``--text``) the terminal console runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.cli.common import (
    CliError,
    Paths,
    bundled,
    display_available,
    err,
    open_session,
    print_json,
    resolve_scenario,
    seed_arg,
)
from game.session.log import (
    SUFFIX,
    SessionError,
    SessionFileError,
    atomic_write,
    read_log,
)
from game.session.scoring import MergeError, Row, leaderboard, merge
from game.session.session import Session


def _use_window(args: argparse.Namespace) -> Callable[..., int | None] | None:
    """The window's workshop (``game.ui.workshop.run_workshop_window``) unless ``--text`` or no display."""
    if args.text or not display_available()[0]:
        return None
    from game.ui.workshop import run_workshop_window

    return run_workshop_window


def _serve(args: argparse.Namespace, paths: Paths) -> Callable[[Session], tuple[Any, Callable[[], None]]]:
    """How to start game.web's server for a session (the teams' browsers), bound to ``--bind``
    (default: the laptop's address on its network, else 127.0.0.1) and ``--port``. The console
    serves with ``--serve``; the window offers it on its set-up screen (chosen with ``--serve``)."""

    def start(session: Session) -> tuple[Any, Callable[[], None]]:
        from game.session.host import Host
        from game.session.room import Room
        from game.web.server import ServeError, Server

        host = Host(session, Room.open(session.config, session.path))
        server = Server(host, bind=args.bind, port=args.port, scenario_files=bundled(paths))
        try:
            server.start()
        except ServeError as exc:
            raise SessionError(str(exc), "cannot_serve") from None
        return host, server.stop

    return start


def cmd_workshop(args: argparse.Namespace, paths: Paths) -> int:
    from game.session.config import SetupOptions
    from game.terminal.workshop import run_workshop

    scenario_path = resolve_scenario(args.scenario, paths) if args.scenario else None
    teams = [x.strip() for x in args.teams.split(",") if x.strip()] if args.teams else None
    options = SetupOptions(
        teams=teams,
        mode=args.mode,
        seed=args.seed,
        round_minutes=args.round_minutes,
        at_zero=args.at_zero,
        vendor=args.vendor,
        session_path=Path(args.session) if args.session else None,
    )
    if options.session_path is not None and options.session_path.exists():
        raise CliError(
            f"{options.session_path} already exists; a new session never overwrites a file "
            f"(resume it with 'python main.py resume {options.session_path}')"
        )
    if args.round_minutes is not None and not 0 <= args.round_minutes <= 1440:
        raise CliError("--round-minutes is 0 (no countdown) to 1440")
    _check_serve(args)
    hook = _use_window(args)
    if hook is not None:
        code = hook(scenarios=paths.scenarios, scenario_path=scenario_path, options=options, session=None, lang=args.lang,
                    serve=_serve(args, paths), served=args.serve)
        if code is not None:  # None: the window could not open (it said why); the console takes over
            return int(code)
    return run_workshop(
        scenarios=bundled(paths),
        scenario_path=scenario_path,
        options=options,
        lang=args.lang,
        stdin=sys.stdin,
        stdout=sys.stdout,
        serve=_serve(args, paths) if args.serve else None,
    )


def _check_serve(args: argparse.Namespace) -> None:
    if (args.port is not None or args.bind is not None) and not args.serve:
        raise CliError("--port and --bind go with --serve (the teams join from their own browsers)")
    if args.port is not None and not 0 <= args.port <= 65535:
        raise CliError("--port is a port number from 1 to 65535 (default 8765; 0: any free port)")


def cmd_resume(args: argparse.Namespace, paths: Paths) -> int:
    from game.terminal.workshop import resume_workshop

    path = Path(args.session)
    if args.recover:
        target = path.with_name(path.name.removesuffix(SUFFIX) + ".recovered" + SUFFIX)
        try:
            rec = Session.recover(
                path,
                target,
                scenario_path=resolve_scenario(args.scenario, paths) if args.scenario else None,
                search=[paths.scenarios],
            )
        except SessionError as exc:
            raise CliError(str(exc), code=1) from None
        if rec.dropped:
            err(f"{path}: what could not be kept:")
        for note in rec.dropped:
            err(f"  - {note}")
        err(f"copied {rec.kept} intact entries of {path} to {target}; {path} was not changed")
        path = target
    if args.recorded:
        return print_recorded(open_session(str(path), paths, scenario=args.scenario, read_only=True), args.lang)
    _check_serve(args)
    session = open_session(str(path), paths, scenario=args.scenario)
    hook = _use_window(args)
    if hook is not None:
        code = hook(scenarios=paths.scenarios, scenario_path=None, options=None, session=session, lang=args.lang,
                    serve=_serve(args, paths), served=args.serve)
        if code is not None:  # None: the window could not open (it said why); the console takes over
            return int(code)
    return resume_workshop(session, lang=args.lang, stdin=sys.stdin, stdout=sys.stdout, serve=_serve(args, paths) if args.serve else None)


def _rows_of(name: str, paths: Paths, scenario: str | None = None) -> tuple[list[Row], str]:
    """Rows of a session file or an export, and the scenario title for the heading."""
    from game.session.export import export_rows, read_export

    try:
        read_log(name)
    except SessionFileError as exc:
        if exc.code != "foreign":
            raise CliError(str(exc), code=1) from None
        try:
            data = read_export(name)
        except SessionFileError:
            raise CliError(
                f"{name}: neither a session file ({SUFFIX}) nor an export written by "
                f"'python main.py export'",
                code=1,
            ) from None
        return export_rows(data, Path(name).name), str(data.get("scenario_id", ""))
    session = open_session(name, paths, scenario=scenario, read_only=True)
    try:
        return leaderboard(session), session.scenario.title.get("en")
    finally:
        session.close()


def cmd_leaderboard(args: argparse.Namespace, paths: Paths) -> int:
    from game.terminal.workshop import render_leaderboard

    tables = []
    title = ""
    for name in args.files:
        rows, title = _rows_of(name, paths, args.scenario)
        tables.append(rows)
    try:
        merged, warnings = merge(tables)
    except MergeError as exc:
        raise CliError(str(exc), code=1) from None
    if args.csv:
        from game.session.export import leaderboard_csv

        try:
            atomic_write(args.csv, leaderboard_csv(merged))
        except SessionError as exc:
            raise CliError(str(exc), code=1) from None
        err(f"wrote {args.csv}")
    if args.json:
        out: dict[str, Any] = {"rows": [r.to_json() for r in merged], "warnings": warnings}
        print_json(out)
    else:
        print(render_leaderboard(merged, title, args.lang, warnings=warnings))
    return 0


def cmd_export(args: argparse.Namespace, paths: Paths) -> int:
    from game.session.export import session_stem, write_csv, write_json

    session = open_session(args.session, paths, scenario=args.scenario, read_only=True)
    try:
        for note in session.notes:
            err(f"note: {note}")
        session_path = Path(args.session)
        folder = session_path.parent / f"{session_stem(session_path)}-export"
        rows = leaderboard(session)
        written: list[Path] = []
        csv_dir = Path(args.csv) if args.csv else (folder if not args.json else None)
        json_file = Path(args.json) if args.json else (
            folder / f"{session_stem(session_path)}.json" if not args.csv else None
        )
        if csv_dir is not None:
            written.extend(write_csv(session, csv_dir, rows))
        if json_file is not None:
            json_file.parent.mkdir(parents=True, exist_ok=True)
            written.append(write_json(session, json_file, rows))
    except SessionError as exc:
        raise CliError(str(exc), code=1) from None
    finally:
        session.close()
    for f in written:
        err(f"wrote {f}")
    return 0


def _serve_args(p: Any) -> None:
    p.add_argument("--serve", action="store_true", help="teams join from their own browsers (phone, tablet, laptop) over the room's network")
    p.add_argument("--port", type=int, help="with --serve: the port (default 8765, or the next free one; a resumed session keeps its port)")
    p.add_argument("--bind", metavar="ADDR", help="with --serve: the address to listen on (default: this laptop's address on its network, else 127.0.0.1)")


def add_parsers(sub: Any) -> None:
    """Add workshop, resume, leaderboard and export to ``game.cli``'s subparsers."""
    ws = sub.add_parser("workshop", help="run a trainer's workshop session (teams, rounds, timer)")
    ws.add_argument("scenario", nargs="?", help="scenario file or bundled name (asked when left out)")
    ws.add_argument("--teams", help='team names, comma-separated, e.g. "Red,Blue,Green" (head-to-head: "Red=incumbent")')
    ws.add_argument("--mode", choices=["head-to-head", "parallel"], help="teams share one tender, or each plays its own copy")
    ws.add_argument("--vendor", help="parallel worlds: the vendor every team plays (default: the first playable)")
    ws.add_argument("--seed", type=seed_arg, help="random seed (shown; same seed = same dice)")
    ws.add_argument("--round-minutes", type=float, help="countdown per round in minutes (0: none)")
    ws.add_argument("--at-zero", choices=["pass", "wait"], help="at zero: teams without an entry pass, or the round waits")
    ws.add_argument("--session", metavar="FILE", help=f"session file to create (default: sessions/SCENARIO-TIME{SUFFIX})")
    ws.add_argument("--text", action="store_true", help="the terminal console, even where a display exists")
    ws.add_argument("--lang", choices=["en", "zh"], default="en")
    _serve_args(ws)
    ws.set_defaults(func=cmd_workshop)

    rs = sub.add_parser("resume", help="reopen a workshop session file where it stopped")
    rs.add_argument("session", metavar="SESSION")
    rs.add_argument("--scenario", help="the scenario file, when it is no longer where the session says (a copy beside the session file is found by itself)")
    rs.add_argument("--recover", action="store_true", help="a damaged file: copy its intact entries to a new file and resume that")
    rs.add_argument("--text", action="store_true", help="the terminal console, even where a display exists")
    rs.add_argument("--lang", choices=["en", "zh"], help="language (default: the session's)")
    rs.add_argument(
        "--recorded", action="store_true",
        help="print the results as they were announced (a session played under another model version) and stop",
    )
    _serve_args(rs)
    rs.set_defaults(func=cmd_resume)

    lb = sub.add_parser("leaderboard", help="one table from session files and/or exports (several laptops)")
    lb.add_argument("files", nargs="+", metavar="SESSION_OR_FILES")
    lb.add_argument("--json", action="store_true", help="print the table as one JSON object")
    lb.add_argument("--csv", metavar="FILE", help="also write the table as CSV")
    lb.add_argument("--lang", choices=["en", "zh"], default="en")
    lb.add_argument("--scenario", help="the scenario file, when it is no longer where the session says (a copy beside the session file is found by itself)")
    lb.set_defaults(func=cmd_leaderboard)

    ex = sub.add_parser("export", help="CSV tables and a JSON file of a session's decisions and results")
    ex.add_argument("session", metavar="SESSION")
    ex.add_argument("--csv", metavar="DIR", help="folder for the CSV tables")
    ex.add_argument("--json", metavar="FILE", help="the JSON file")
    ex.add_argument("--scenario", help="the scenario file, when it is no longer where the session says (a copy beside the session file is found by itself)")
    ex.set_defaults(func=cmd_export)


def print_recorded(session: Session, lang: str | None) -> int:
    """The session's results as the file recorded them when they were announced (nothing replayed)."""
    from game.present.results import recorded_lines

    language = lang or session.config.lang
    lines = recorded_lines(session.scenario, session.recorded_rounds(), session.model_version, session.game_version, language)
    print("\n".join(lines))
    return 0
