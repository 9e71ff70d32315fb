"""The command line (DESIGN section 5). main.py calls :func:`main` and nothing else.

Every subcommand returns an exit code; problems are printed as messages, never
as tracebacks. ``--json`` output is one JSON object on stdout (strict JSON, see
:mod:`game.jsonsafe`); messages go to stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from game.cli.common import (
    DEFAULT_SCENARIO,
    CliError,
    Paths,
    ProgressBar,
    bundled,
    display_available,
    err,
    fresh_seed,
    load_or_explain,
    print_json,
    problems_text,
    resolve_scenario,
    seed_arg,
    try_window,
)
from game.scenario.load import ScenarioError, load_scenario
from game.scenario.problems import MAX_LISTED, listed
from game.scenario.schema import Scenario

# -- validate ---------------------------------------------------------------


def cmd_validate(args: argparse.Namespace, paths: Paths) -> int:
    from game.analysis.lint import explain, lint_file

    if args.explain:
        try:
            print(explain(args.explain))
        except KeyError as exc:
            raise CliError(str(exc.args[0])) from None
        return 0
    if not args.paths:
        raise CliError("give scenario files or folders to validate (or --explain CODE)")
    files: list[Path] = []
    for raw in args.paths:
        given = Path(raw)
        if given.is_dir():
            found = sorted([*given.glob("*.yaml"), *given.glob("*.yml")])
            if not found:
                err(f"{raw}: no .yaml files in this folder")
            files.extend(found)
        else:
            files.append(given)
    if not files:
        err("error: nothing to validate; give scenario files or folders")
        return 1
    report: list[dict[str, Any]] = []
    n_err = n_warn = 0
    for f in files:
        linted = lint_file(f)
        problems = linted.problems
        errs, warns = linted.errors, linted.warnings
        n_err += len(errs)
        n_warn += len(warns)
        shown = listed(problems)
        report.append(
            {
                "file": str(f),
                "valid": not errs,
                "problems": [p.to_json() for p in shown],
                "omitted": max(0, len(problems) - MAX_LISTED),
                "suppressed": linted.suppressed,
            }
        )
        if args.format == "text":
            for p in shown:
                print(p)
    failed = n_err > 0 or (args.strict and n_warn > 0)
    if args.format == "json":
        print_json(
            {"files": report, "errors": n_err, "warnings": n_warn, "ok": not failed}, indent=2
        )
    else:
        bad = sum(1 for r in report if not r["valid"])
        err(
            f"{len(files)} file(s) checked: {len(files) - bad} valid, {bad} with errors; "
            f"{n_err} error(s), {n_warn} warning(s)"
            + (" (--strict: warnings fail)" if args.strict and n_warn else "")
        )
    return 1 if failed else 0


# -- play ---------------------------------------------------------------------


def cmd_play(args: argparse.Namespace, paths: Paths) -> int:
    if args.watch:
        return _play_watch(args, paths)
    scenario = load_or_explain(args.scenario, paths)
    seed = args.seed if args.seed is not None else fresh_seed()
    if args.decisions:
        if args.team:
            raise CliError("--team is for the interactive terminal game; a decisions file plays one vendor alone")
        return _play_scripted(scenario, Path(args.decisions), seed, args.json)
    if args.json:
        raise CliError("--json needs --decisions FILE (a scripted game)")
    teams = [t.strip() for t in args.teams.split(",")] if args.teams else None
    if not args.text and not args.save and not args.team:  # --save, --team: the terminal game
        ok, why = display_available()
        if ok:
            code = try_window(
                paths,
                scenario_path=resolve_scenario(args.scenario, paths),
                seed=seed,
                lang=args.lang,
            )
            if code is not None:
                return code
            why = "the game window could not open"
        err(f"Starting the terminal game: {why}.")
    from game.terminal.app import run_terminal

    save = Path(args.save) if args.save else None
    if save is not None and save.exists():
        raise CliError(f"{save} already exists; choose another name (a game file is never overwritten)")
    return run_terminal(
        scenario,
        seed=seed,
        teams=teams,
        lang=args.lang,
        scenario_path=resolve_scenario(args.scenario, paths),
        save=save,
        crews=args.team or (),
    )


def _play_watch(args: argparse.Namespace, paths: Paths) -> int:
    """Hot reload (terminal game): restart whenever the scenario file is saved."""
    from game.terminal.watch import run_watch

    if args.decisions or args.json:
        raise CliError("--watch is for interactive play; it does not combine with --decisions or --json")
    if args.team:
        raise CliError("--watch restarts the game on every save; play a team's members without --watch")
    if args.start_turn < 1:
        raise CliError("--start-turn must be 1 or more")
    path = resolve_scenario(args.scenario, paths)
    seed = args.seed if args.seed is not None else fresh_seed()
    teams = [t.strip() for t in args.teams.split(",")] if args.teams else None
    err(f"Watching {path}: save it to restart the game on the new version (Ctrl-C to stop).")
    return run_watch(path, seed=seed, teams=teams, lang=args.lang, start_turn=args.start_turn)


def _play_scripted(scenario: Scenario, file: Path, seed: int, as_json: bool) -> int:
    from game.session.decisions import DecisionsError, load_decisions, play_decisions

    try:
        dec = load_decisions(file, scenario)
        g = play_decisions(scenario, dec, seed)
    except DecisionsError as exc:
        err(problems_text(exc.problems))
        err(f"the decisions file has {exc.total:,} problem(s); fix them and run it again")
        return 1
    result = g.finish()
    if as_json:
        out = {
            "scenario": scenario.id,
            "seed": seed,
            "vendor": dec.vendor,
            "winner": result.winner,
            "failed": result.failed,
            "fail_reason": result.fail_reason,
            "result": result.to_json(),
            "turns": [r.to_json() for r in g.records],
        }
        print_json(out)
    else:
        from game.terminal.render import render_result

        print(render_result(g, result, dec.vendor, "en"))
    return 0


# -- simulate -------------------------------------------------------------------


def cmd_simulate(args: argparse.Namespace, paths: Paths) -> int:
    from game.analysis.simulate import Scripted, parse_bid, simulate, simulate_text

    scenario = load_or_explain(args.scenario, paths)
    if args.runs < 1 or args.runs > 1_000_000:
        raise CliError("--runs must be between 1 and 1,000,000")
    scripted = None
    if args.decisions:
        from game.session.decisions import DecisionsError, load_decisions

        try:
            dec = load_decisions(args.decisions, scenario)
        except DecisionsError as exc:
            for p in exc.problems:
                err(str(p))
            raise CliError(f"the decisions file has {len(exc.problems)} problem(s)", 1) from None
        scripted = Scripted(dec.vendor, dec.turns, dec.bid)
    bar = ProgressBar(sys.stderr)
    try:
        bid = parse_bid(args.bid) if args.bid is not None else None
        summary = simulate(
            scenario,
            args.runs,
            args.seed,
            strategy=args.strategy,
            seat=args.seat,
            decisions=scripted,
            bid=bid,
            progress=bar,
        )
    except ValueError as exc:
        raise CliError(str(exc)) from None
    finally:
        bar.close()
    if args.json:
        print_json(summary)
    else:
        print(simulate_text(summary))
    return 0


# -- balance ----------------------------------------------------------------------


def cmd_balance(args: argparse.Namespace, paths: Paths) -> int:
    from game.analysis.balance import balance, balance_text

    scenario = load_or_explain(args.scenario, paths)
    if args.runs < 1 or args.runs > 1_000_000:
        raise CliError("--runs must be between 1 and 1,000,000")
    seats = [s.strip() for s in args.seat.split(",")] if args.seat else None
    if args.search:
        return _balance_search(args, scenario, seats)
    bar = ProgressBar(sys.stderr)
    try:
        report = balance(scenario, args.runs, args.seed, seats=seats, progress=bar)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    finally:
        bar.close()
    if args.json:
        print_json(report)
    else:
        print(balance_text(report))
    return 1 if args.strict and report["warnings"] else 0


def _balance_search(args: argparse.Namespace, scenario: Scenario, seats: list[str] | None) -> int:
    from game.analysis.search import search, search_text
    from game.model.compiled import compile_scenario
    from game.scenario.problems import did_you_mean, one_of

    if not 5 <= args.budget_s <= 3600:
        raise CliError("--budget-s must be between 5 and 3,600 seconds (per seat)")
    playable = [v.id for v in scenario.vendors if v.playable]
    for seat in seats or []:
        if seat not in playable:
            raise CliError(
                f"'{seat}' is not a playable vendor{did_you_mean(seat, playable)}; playable: {one_of(playable)}"
            )
    c = compile_scenario(scenario)
    bar = ProgressBar(sys.stderr, unit="s")
    out = []
    try:
        for seat in seats or playable:
            out.append(
                search(c, seat, budget_s=args.budget_s, seed=args.seed, runs=min(args.runs, 4000), progress=bar)
            )
    finally:
        bar.close()
    report = {"scenario": scenario.id, "runs": min(args.runs, 4000), "seed": args.seed, "seats": out}
    if args.json:
        print_json(report)
    else:
        print(search_text(report))
    warned = any(seat["warnings"] for seat in out)
    return 1 if args.strict and warned else 0


# -- new --------------------------------------------------------------------------


def cmd_new(args: argparse.Namespace, paths: Paths) -> int:
    from game.analysis.lint import lint_file
    from game.scenario.load import read_file
    from game.scenario.starter import copy_text, scenario_id_for, starter_text
    from game.scenario.yamlsrc import YamlRefused

    target = Path(args.path)
    if target.suffix.lower() not in (".yaml", ".yml"):
        raise CliError(f"{target}: give a file name ending in .yaml, e.g. {target.with_suffix('.yaml')}")
    if target.exists():
        raise CliError(
            f"{target} already exists; choose another name or remove it first (new never overwrites)"
        )
    taken: set[str] = set()
    for f in bundled(paths):
        with contextlib.suppress(ScenarioError):
            taken.add(load_scenario(f).id)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        schema_file = (paths.root / "docs" / "tender-scenario.schema.json").resolve()
        try:
            schema_ref = Path(os.path.relpath(schema_file, target.parent.resolve())).as_posix()
        except ValueError:  # another drive (Windows): an absolute reference
            schema_ref = schema_file.as_uri()
        if args.source:
            source = resolve_scenario(args.source, paths)
            try:
                text, name = read_file(source)
                taken.add(load_scenario(source).id)
            except ScenarioError as exc:
                raise CliError(
                    problems_text(exc.problems)
                    + f"\n{source} has errors; fix them before copying it",
                    code=1,
                ) from None
            new_id = scenario_id_for(target.stem, taken)
            try:
                content = copy_text(text, name, new_id, schema_ref)
            except YamlRefused as exc:
                raise CliError(problems_text(exc.problems), code=1) from None
        else:
            new_id = scenario_id_for(target.stem, taken)
            content = starter_text(new_id, schema_ref)
        with target.open("x", encoding="utf-8", newline="\n") as fh:
            fh.write(content)
    except FileExistsError:
        raise CliError(f"{target} already exists; new never overwrites") from None
    except OSError as exc:
        raise CliError(f"{target}: cannot write ({exc.strerror or exc})") from None
    linted = lint_file(target)
    for p in linted.problems:
        err(str(p))
    origin = f"a copy of {args.source}" if args.source else "the starter scenario"
    err(f"wrote {target}: {origin}, id '{new_id}'")
    if not linted.problems:
        err(f"it validates as written; edit it, then run 'python main.py validate {target}'")
    if args.source:
        err("change its title and briefing so players can tell the copy from the original")
    return 1 if linted.errors else 0


# -- schema / bench ---------------------------------------------------------------


def cmd_schema(args: argparse.Namespace, paths: Paths) -> int:
    from game.analysis.lint import code_descriptions
    from game.scenario.jsonschema import scenario_json_schema

    print_json(scenario_json_schema(code_descriptions()), indent=2)
    return 0


def cmd_bench(args: argparse.Namespace, paths: Paths) -> int:
    from game.cli.bench import run_bench

    # One core, as the targets say (not available on every platform).
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    results = run_bench(paths, only=args.only, quick=args.quick, progress=sys.stderr)
    if args.json:
        print_json(results, indent=2)
    else:
        for r in results["results"]:
            mark = "ok " if r["ok"] else "MISS"
            print(f"[{mark}] {r['name']}: {r['value']:.4g} {r['unit']} (target {r['target']})")
    return 0


# -- main -------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse's hook
        self.print_usage(sys.stderr)
        raise CliError(
            f"{message}; see 'python main.py {self.prog.split()[-1]} --help'"
            if " " in self.prog
            else message
        )


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="main.py",
        description="Tender Game: a sales-training simulation of key-account tenders.",
    )
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    pl = sub.add_parser("play", help="play a scenario (window, terminal, or scripted)")
    pl.add_argument(
        "scenario", nargs="?", default=DEFAULT_SCENARIO, help="scenario file or bundled name"
    )
    pl.add_argument(
        "--text", action="store_true", help="the terminal game, even where a display exists"
    )
    pl.add_argument(
        "--seed", type=seed_arg, help="random seed (same seed and decisions = same game)"
    )
    pl.add_argument("--decisions", metavar="FILE", help="play a scripted decisions file")
    pl.add_argument(
        "--json", action="store_true", help="with --decisions: print the game as one JSON object"
    )
    pl.add_argument("--teams", help="comma-separated playable vendor ids for hot-seat teams")
    pl.add_argument(
        "--team",
        action="append",
        metavar="MEMBERS",
        help='terminal game: a team\'s members and roles, e.g. "Ada=am,executive; Bo=presales,pm" '
        "(roles: am, presales, pm, executive, observer); once per team, in the order of --teams, "
        'or as "VENDOR: NAME=ROLES; ..."',
    )
    pl.add_argument("--lang", choices=["en", "zh"], default="en", help="language of the interface")
    pl.add_argument(
        "--save", metavar="FILE", help="terminal game: save the game there at the end (for 'debrief' and 'report')"
    )
    pl.add_argument(
        "--watch", action="store_true", help="terminal game that restarts whenever the scenario file is saved"
    )
    pl.add_argument(
        "--start-turn", type=int, default=1, metavar="K", help="with --watch: restart at turn K, replaying earlier decisions"
    )
    pl.set_defaults(func=cmd_play)

    va = sub.add_parser("validate", help="check scenario files; exit 0 when all are valid")
    va.add_argument("paths", nargs="*", metavar="PATH")
    va.add_argument("--format", choices=["text", "json"], default="text")
    va.add_argument("--strict", action="store_true", help="warnings fail too")
    va.add_argument(
        "--explain", metavar="CODE", help="explain a warning code (W001 ...), or 'all'"
    )
    va.set_defaults(func=cmd_validate)

    si = sub.add_parser("simulate", help="Monte Carlo: win rates per vendor")
    si.add_argument("scenario")
    si.add_argument("--runs", type=int, default=1000)
    si.add_argument("--seed", type=seed_arg, default=1)
    si.add_argument("--strategy", help="baseline or persona for the playable seat(s)")
    si.add_argument("--seat", help="only this playable vendor uses --strategy (and --bid)")
    si.add_argument(
        "--decisions",
        metavar="FILE",
        help="its vendor plays this decisions file's turns (and bid) in every game",
    )
    si.add_argument(
        "--bid",
        metavar="PRICE|+N%",
        help="the seat bids this price, or this markup over its cost (+12%%), whatever its strategy",
    )
    si.add_argument("--json", action="store_true")
    si.set_defaults(func=cmd_simulate)

    ba = sub.add_parser(
        "balance", help="every baseline strategy in every playable seat: is play deciding?"
    )
    ba.add_argument("scenario")
    ba.add_argument("--runs", type=int, default=2000, help="games per strategy and seat")
    ba.add_argument("--seed", type=seed_arg, default=1)
    ba.add_argument("--seat", help="only these playable vendors (comma-separated)")
    ba.add_argument("--json", action="store_true")
    ba.add_argument("--strict", action="store_true", help="exit 1 when there are warnings")
    ba.add_argument(
        "--search",
        action="store_true",
        help="search for the plan with the best expected result in each seat and compare it "
        "with best_practice (an exploit search; --runs judges the plan found)",
    )
    ba.add_argument(
        "--budget-s", type=float, default=60.0, metavar="S", help="seconds of search per seat (default 60)"
    )
    ba.set_defaults(func=cmd_balance)

    nw = sub.add_parser("new", help="write a starter scenario (or a copy of one) to PATH")
    nw.add_argument("path", metavar="PATH")
    nw.add_argument(
        "--from", dest="source", metavar="SCENARIO", help="copy this file or bundled scenario"
    )
    nw.set_defaults(func=cmd_new)

    sc = sub.add_parser("schema", help="print the JSON Schema of scenario files")
    sc.set_defaults(func=cmd_schema)

    be = sub.add_parser("bench", help="measure speed against the targets")
    be.add_argument("--json", action="store_true")
    be.add_argument("--only", help="comma-separated benchmark names")
    be.add_argument("--quick", action="store_true", help="smaller runs (for a smoke test)")
    be.set_defaults(func=cmd_bench)

    from game.cli.workshop import add_parsers as add_workshop_parsers

    add_workshop_parsers(sub)  # workshop, resume, leaderboard, export
    from game.cli.debrief import add_parsers as add_debrief_parsers

    add_debrief_parsers(sub)  # report, debrief
    return p


def main(argv: Sequence[str] | None, paths: Paths, stdout: TextIO | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            return default_start(paths)
        code: int = args.func(args, paths)
        return code
    except CliError as exc:
        err(f"error: {exc}" if exc.code == 2 else str(exc))
        return exc.code
    except KeyboardInterrupt:
        err("interrupted")
        return 130
    except BrokenPipeError:
        return 0


def default_start(paths: Paths) -> int:
    """`python main.py`: the window on the default scenario, or the terminal game."""
    scenario_path = resolve_scenario(DEFAULT_SCENARIO, paths)
    ok, why = display_available()
    if ok:
        code = try_window(paths, scenario_path=None, seed=None, lang="en")
        if code is not None:
            return code
        why = "the game window could not open"
    err(f"Starting the terminal game on the default scenario: {why}.")
    scenario = load_or_explain(str(scenario_path), paths)
    from game.terminal.app import run_terminal

    return run_terminal(scenario, seed=fresh_seed(), teams=None, lang="en")
