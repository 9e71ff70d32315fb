"""Mutation test: broken copies of the bundled scenarios and example decisions files.

Each example takes a bundled scenario or an example decisions file, breaks a
copy of it (a number made extreme, NaN, infinite, a boolean or text; a key
deleted or duplicated; a value of the wrong type; nesting far too deep;
aliases; invalid UTF-8; a truncated file; a tab) and runs it through
`validate`, `simulate --json` and `play --decisions --json`, in-process. For
every command:

* no exception escapes and no traceback is printed: the exit code is 0, 1 or
  2, and anything but 0 comes with a message;
* `--json` output is strict JSON: no NaN or Infinity;
* the output stays bounded (OUTPUT_LIMIT characters);
* and when a broken scenario still validates, its Monte Carlo figures are
  finite before any clean-up for JSON.

Hypothesis runs derandomized (the same examples every run), 16 examples for
each kind of mutation, about 40 seconds in all. The originals are never
touched: the copies live in tmp_path, and the test compares the originals'
bytes before and after.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli_helpers import run_cli, strict_json
from tests.conftest import ROOT, SCENARIOS

NAMES = sorted(p.stem for p in SCENARIOS.glob("*.yaml"))
ORIGINALS = sorted(SCENARIOS.glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))
SCENARIO_TEXT = {n: (SCENARIOS / f"{n}.yaml").read_bytes() for n in NAMES}
DECISIONS_TEXT = {n: (ROOT / "examples" / f"{n}-decisions.yaml").read_bytes() for n in NAMES}
OUTPUT_LIMIT = 200_000  # characters of stdout + stderr per command
SETTINGS = settings(
    max_examples=16,  # per kind of mutation: 15 kinds, two tests, about 40 s in all
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

EXTREMES: list[Any] = [
    math.inf,
    -math.inf,
    math.nan,
    1e308,
    -1e308,
    5e-324,
    0,
    -1,
    0.5,
    10**20,
    10**400,
    True,
    False,
    "text",
    "12,000,000",
    "",
    None,
    [],
    {},
    {"en": "x"},
]


def _digest() -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in ORIGINALS}


BEFORE = _digest()


# -- mutations ---------------------------------------------------------------------------------


def _leaves(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of every value (scalars and containers) below the top."""
    out: list[tuple[Any, ...]] = []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for k, v in items:
        out.append((*path, k))
        out += _leaves(v, (*path, k))
    return out


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for k in path:
        data = data[k]
    return data


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value


DATA_KINDS = ("number", "last", "shallow", "delete", "type", "nest", "alias", "unknown")
TEXT_KINDS = ("duplicate", "utf8", "truncate", "tab", "indent", "bomb")
KINDS = DATA_KINDS + TEXT_KINDS


def _data_mutation(raw: bytes, kind: str, draw: Any) -> bytes:
    data = yaml.safe_load(raw.decode("utf-8"))
    paths = _leaves(data)
    numeric = [p for p in paths if isinstance(_get(data, p), int | float)] or paths
    if kind == "number":
        _set(data, draw(st.sampled_from(numeric)), draw(st.sampled_from(EXTREMES[:12])))
    elif kind == "last":  # the last number: a decisions file's bid price
        _set(data, numeric[-1], draw(st.sampled_from(EXTREMES[:12])))
    elif kind == "shallow":  # the global numbers: turns, tender.*, model.*, a bid's price
        shallow = [p for p in numeric if len(p) <= 2] or numeric
        _set(data, draw(st.sampled_from(shallow)), draw(st.sampled_from(EXTREMES[:12])))
    elif kind == "delete":
        p = draw(st.sampled_from(paths))
        del _get(data, p[:-1])[p[-1]]
    elif kind == "type":
        _set(data, draw(st.sampled_from(paths)), draw(st.sampled_from(EXTREMES)))
    elif kind == "nest":
        deep: Any = draw(st.sampled_from(EXTREMES[:6]))
        for _ in range(draw(st.integers(30, 300))):
            deep = [deep]
        _set(data, draw(st.sampled_from(paths)), deep)
    elif kind == "alias":
        # The same object in many places: yaml.dump writes one anchor and many aliases.
        shared = copy.deepcopy(_get(data, draw(st.sampled_from(paths))))
        for p in draw(st.lists(st.sampled_from(paths), min_size=1, max_size=40)):
            with contextlib.suppress(KeyError, IndexError, TypeError):
                _set(data, p, shared)
    else:
        parent = draw(st.sampled_from([p for p in paths if isinstance(_get(data, p), dict)] or [()]))
        target = _get(data, parent) if parent else data
        target[draw(st.sampled_from(["nmae", "amount", "price", "cares", "x" * 70]))] = 1
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


def _text_mutation(raw: bytes, kind: str, draw: Any) -> bytes:
    lines = raw.split(b"\n")
    at = draw(st.integers(0, max(len(lines) - 1, 0)))
    if kind == "duplicate":  # a key given twice
        lines.insert(at, lines[at])
    elif kind == "utf8":
        pos = draw(st.integers(0, len(raw)))
        bad: bytes = draw(st.sampled_from([b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\x00"]))
        return raw[:pos] + bad + raw[pos:]
    elif kind == "truncate":
        return raw[: draw(st.integers(0, len(raw)))]
    elif kind == "tab":
        lines[at] = b"\t" + lines[at]
    elif kind == "indent":
        lines[at] = lines[at][1:] if lines[at].startswith(b" ") else b"   " + lines[at]
    else:  # an alias bomb appended
        bomb = [b'b0: &b0 ["x","x","x","x","x","x","x","x","x","x"]']
        bomb += [f"b{i}: &b{i} [{', '.join([f'*b{i - 1}'] * 10)}]".encode() for i in range(1, 7)]
        lines += bomb
    return b"\n".join(lines)


@st.composite
def _mutated(draw: Any, source: dict[str, bytes], kind: str) -> tuple[str, bytes]:
    name = draw(st.sampled_from(NAMES))
    raw = source[name]
    if kind in DATA_KINDS:
        return name, _data_mutation(raw, kind, draw)
    return name, _text_mutation(raw, kind, draw)


# -- running the commands --------------------------------------------------------------------


def _run(*argv: str, json_out: bool) -> tuple[int, str, str]:
    code, stdout, stderr = run_cli(*argv)  # an exception here fails the test with its traceback
    assert code in (0, 1, 2), (argv, code)
    assert "Traceback" not in stdout + stderr, (argv, stderr[-2000:])
    assert len(stdout) + len(stderr) < OUTPUT_LIMIT, (argv, len(stdout), len(stderr))
    if code != 0:
        assert stderr.strip() or stdout.strip(), argv  # a refusal always says why
    if json_out and stdout.strip():
        strict_json(stdout)
    return code, stdout, stderr


def _finite_figures(path: Path) -> None:
    """A broken scenario that still validates gives finite figures, before any JSON clean-up."""
    from game.analysis.simulate import simulate
    from game.scenario import load_scenario

    summary = simulate(load_scenario(path), 3, 1)

    def walk(x: Any) -> None:
        if isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
        elif isinstance(x, float):
            assert math.isfinite(x), summary

    walk(summary)


@pytest.mark.parametrize("kind", KINDS)
@SETTINGS
@given(data=st.data())
def test_broken_scenarios_never_escape(tmp_path: Path, kind: str, data: st.DataObject) -> None:
    name, raw = data.draw(_mutated(SCENARIO_TEXT, kind))
    scenario = tmp_path / f"{name}.yaml"
    scenario.write_bytes(raw)
    decisions = tmp_path / "d.yaml"
    decisions.write_bytes(DECISIONS_TEXT[name])
    code, _, _ = _run("validate", str(scenario), json_out=False)
    _run("validate", "--format", "json", str(scenario), json_out=True)
    _run("simulate", str(scenario), "--runs", "3", "--seed", "1", "--json", json_out=True)
    _run("play", str(scenario), "--decisions", str(decisions), "--seed", "1", "--json", json_out=True)
    if code == 0:
        _finite_figures(scenario)


@pytest.mark.parametrize("kind", KINDS)
@SETTINGS
@given(data=st.data())
def test_broken_decisions_files_never_escape(
    tmp_path: Path, kind: str, data: st.DataObject
) -> None:
    name, raw = data.draw(_mutated(DECISIONS_TEXT, kind))
    decisions = tmp_path / "d.yaml"
    decisions.write_bytes(raw)
    scenario = SCENARIOS / f"{name}.yaml"
    code, out, err = _run("play", str(scenario), "--decisions", str(decisions), "--seed", "1", "--json", json_out=True)
    if code == 1:
        assert out == "" and "problem(s)" in err  # reported before anything is played
        assert f"{decisions}:" in err  # as FILE:LINE:COL


def test_the_originals_are_unchanged() -> None:
    """Runs after the mutation tests (file order): the bundled files are as they were."""
    assert _digest() == BEFORE


def test_one_broken_file_in_a_real_process(tmp_path: Path) -> None:
    """The same contract through `python main.py`, for what in-process calls cannot see."""
    import subprocess
    import sys

    f = tmp_path / "tutorial.yaml"
    f.write_bytes(SCENARIO_TEXT["tutorial"].replace(b"ceiling: 1200000", b"ceiling: .nan", 1))
    d = tmp_path / "d.yaml"
    d.write_bytes(DECISIONS_TEXT["tutorial"].replace(b"amount: 1}", b"amount: true}", 1))
    for argv in (["simulate", str(f), "--runs", "3", "--json"], ["play", "tutorial", "--decisions", str(d), "--json"]):
        out = subprocess.run(
            [sys.executable, "main.py", *argv], cwd=ROOT, capture_output=True, text=True, timeout=120
        )
        assert out.returncode == 1 and out.stdout == "", out.stderr
        assert "Traceback" not in out.stderr and "error:" in out.stderr
