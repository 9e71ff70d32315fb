"""Mutated session files and typed lines: nothing escapes, no NaN in --json, nothing changed, output bounded.

Hypothesis mutates a real session file (lines dropped, duplicated, swapped,
truncated, bytes flipped, huge numbers and deep nesting, with and without a
valid checksum) and drives export, leaderboard, report, resume (with the
console's status and audit) and resume --recover with it, in-process; and it
mutates the lines typed into the terminal game and the trainer's console.
Derandomized (the same examples every run) and bounded: about a minute here.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from collections.abc import Callable
from typing import cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.cli import Paths, main
from game.session.config import SetupOptions
from game.session.log import checksum
from tests.conftest import ROOT
from tests.session_helpers import TECH, TUTORIAL, VISIT, FakeClock, make
from tests.test_session_console import console
from tests.test_terminal import play

PATHS = Paths(root=ROOT, scenarios=ROOT / "scenarios")
MAX_OUTPUT = 300_000  # characters printed for one command
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A finished 2-team session of the tutorial with entries, an event, an undo, beliefs and bids."""
    path = tmp_path_factory.mktemp("pristine") / "p.session.jsonl"
    s = make(path, scenario=TUTORIAL, teams=("Red", "Blue"), seed=3)
    for rnd in range(1, s.rounds + 1):
        s.open_round()
        s.submit("Red", [VISIT.__class__("visit", "it_head", 2)])
        s.submit("Blue", [TECH.__class__("technical_exchange", "head_nurse", 1)])
        if rnd == 2:
            s.inject(event={"kind": "budget_cut", "ceiling_factor": 0.95}, secret=False)
            s.record_belief("Red", "it_head", stance=0.6)
        s.close_round()
        if rnd == 1:
            s.undo_last_resolution("test")
            s.close_round()
    s.submit_bid("Red", 1_100_000)
    s.submit_bid("Blue", 1_050_000)
    s.finish()
    s.close()
    return path.read_bytes()


def _strict_json(text: str) -> object:
    def bad(name: str) -> object:
        raise AssertionError(f"{name} in --json output")

    return json.loads(text, parse_constant=bad)


NUMBER = re.compile(rb"(?<![\w.])-?\d+(\.\d+)?(e[+-]?\d+)?")
HUGE = (b"1e308", b"-1e308", b"1" + b"0" * 400, b"1e18", b"-5", b"0", b"1.5", b"99999999999999999999")


@st.composite
def mutations(draw: Callable[..., object]) -> list[tuple[object, ...]]:
    ops = st.one_of(
        st.tuples(st.just("drop"), st.integers(0, 60)),
        st.tuples(st.just("dup"), st.integers(0, 60)),
        st.tuples(st.just("swap"), st.integers(0, 60), st.integers(0, 60)),
        st.tuples(st.just("truncate"), st.integers(0, 20_000)),
        st.tuples(st.just("flip"), st.integers(0, 20_000), st.integers(0, 7)),
        st.tuples(st.just("number"), st.integers(0, 60), st.integers(0, 20), st.sampled_from(HUGE), st.booleans()),
        st.tuples(st.just("deep"), st.integers(0, 60), st.integers(30, 200_000)),
        st.tuples(st.just("nan"), st.integers(0, 60), st.booleans()),
    )
    return cast(list[tuple[object, ...]], draw(st.lists(ops, min_size=1, max_size=3)))


def _recrc(line: bytes) -> bytes:
    """The line with a valid checksum again (as a careful tool would write it), when it is JSON."""
    try:
        obj = json.loads(line)
    except ValueError:
        return line
    if not isinstance(obj, dict):
        return line
    obj.pop("crc", None)
    try:
        return json.dumps({**obj, "crc": checksum(obj)}, separators=(",", ":"), allow_nan=False).encode()
    except (ValueError, OverflowError):
        return line


def num(x: object) -> int:
    """A drawn operand that is a whole number."""
    assert isinstance(x, int)
    return x


def raw(x: object) -> bytes:
    """A drawn operand that is bytes."""
    assert isinstance(x, bytes)
    return x


def mutate(data: bytes, ops: list[tuple[object, ...]]) -> bytes:
    lines = data.split(b"\n")
    for op in ops:
        kind = op[0]
        n = len(lines)
        if kind == "drop" and n > 1:
            lines.pop(num(op[1]) % n)
        elif kind == "dup":
            i = num(op[1]) % n
            lines.insert(i, lines[i])
        elif kind == "swap":
            i, j = num(op[1]) % n, num(op[2]) % n
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "truncate":
            blob = b"\n".join(lines)
            lines = blob[: num(op[1]) % (len(blob) + 1)].split(b"\n")
        elif kind == "flip":
            flipped = bytearray(b"\n".join(lines))
            if flipped:
                flipped[num(op[1]) % len(flipped)] ^= 1 << num(op[2])
            lines = bytes(flipped).split(b"\n")
        elif kind == "number":
            i = num(op[1]) % n
            found = list(NUMBER.finditer(lines[i]))
            if found:
                m = found[num(op[2]) % len(found)]
                lines[i] = lines[i][: m.start()] + raw(op[3]) + lines[i][m.end() :]
                if op[4]:
                    lines[i] = _recrc(lines[i])
        elif kind == "deep":
            depth = num(op[2])
            lines[num(op[1]) % n] = b'{"seq":' + b"[" * depth + b"]" * depth + b"}"
        elif kind == "nan":
            i = num(op[1]) % n
            lines[i] = lines[i].replace(b'"time":', b'"time":NaN,"x":', 1)
            if op[2]:
                lines[i] = _recrc(lines[i])
    return b"\n".join(lines)


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args), PATHS)
    return code, out.getvalue(), err.getvalue()


@settings(SETTINGS, max_examples=80)
@given(ops=mutations())
def test_mutated_session_files(pristine: bytes, tmp_path_factory: pytest.TempPathFactory, ops: list[tuple[object, ...]]) -> None:
    d = tmp_path_factory.mktemp("m")
    path = d / "m.session.jsonl"
    data = mutate(pristine, ops)
    path.write_bytes(data)
    for args in (
        ("export", str(path), "--json", str(d / "e.json"), "--csv", str(d / "csv")),
        ("leaderboard", str(path), "--json"),
        ("leaderboard", str(path), str(d / "e.json"), "--json", "--csv", str(d / "lb.csv")),
    ):
        code, out, err = run_cli(*args)
        assert code in (0, 1, 2), (args, err[-2000:])
        assert len(out) + len(err) < MAX_OUTPUT
        assert "Traceback" not in err
        if code == 0 and "--json" in args and args[0] == "leaderboard":
            _strict_json(out)
        assert path.read_bytes() == data  # reading never changes the file
    if code == 0:  # the file opens: the report and the console's audit too
        code, out, err = run_cli("report", str(path), "-o", str(d / "r.html"), "--samples", "10")
        assert code in (0, 1), err[-2000:]
        assert path.read_bytes() == data
    work = d / "w.session.jsonl"
    shutil.copy(path, work)
    from game.session.session import Session
    from game.terminal.workshop import resume_workshop
    from tests.test_session_console import Script

    clock = FakeClock(5_000)
    try:
        s = Session.open(work, search=[PATHS.scenarios], mono=clock.mono, wall=clock.wall)
    except Exception as exc:  # a refusal is fine; it must be a SessionError with a message
        from game.session.log import SessionError

        assert isinstance(exc, SessionError), repr(exc)
        assert str(exc) and len(str(exc)) < 5_000
        try:
            rec = Session.recover(work, d / "w.recovered.session.jsonl", search=[PATHS.scenarios])
        except SessionError as again:
            assert str(again)
        else:
            Session.open(rec.target, search=[PATHS.scenarios], read_only=True).close()
        return
    out_text = io.StringIO()
    code = resume_workshop(s, lang="en", stdin=Script(["status", "audit", "events", "leaderboard", "quit"], clock), stdout=out_text)  # type: ignore[arg-type]  # a scripted stdin
    assert code == 0 and len(out_text.getvalue()) < MAX_OUTPUT


LINE_PIECES = st.sampled_from(
    [
        "visit", "it_head", "2", "➁", "inf", "nan", "1e400", "9" * 5000, "1" + "0" * 309, "-1", "0", "end", "y", "n",
        "", "undo", "list", "people", "who", "belief", "60%", "technical", "bid", "none", "110万", "95%", "\u202e",
        "\x00", "\ufffd", "李明", "１２", "extend", "inject", "form", "rumour", "open", "close", "submit", "Red",
        "report", "audit", "status", "cancel", "help", "x" * 2000, "8", "1", "quit",
    ]
)
LINES = st.lists(st.lists(LINE_PIECES, min_size=0, max_size=4).map(" ".join), min_size=1, max_size=25)


@SETTINGS
@given(lines=LINES)
def test_mutated_lines_in_the_terminal_game(lines: list[str]) -> None:
    code, out = play(["", *lines])
    assert code == 0 and len(out) < MAX_OUTPUT


@SETTINGS
@given(lines=LINES)
def test_mutated_lines_in_the_console(tmp_path_factory: pytest.TempPathFactory, lines: list[str]) -> None:
    d = tmp_path_factory.mktemp("c")
    opts = SetupOptions(teams=["Red", "Blue"], mode="parallel", seed=1, round_minutes=3, at_zero="pass", session_path=d / "c.session.jsonl")
    code, out = console(["open", *lines], scenario=TUTORIAL, options=opts)
    assert code == 0 and len(out) < MAX_OUTPUT
