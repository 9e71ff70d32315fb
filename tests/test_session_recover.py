"""Damaged session files: what `resume --recover` keeps, and what reading refuses without a traceback.

Before, recovery kept only the entries before the first damaged line: a
duplicated line dropped 4.7 later entries on average, two swapped lines 8.
Now every line whose checksum holds is kept in the order of its number, each
entry must still replay after the ones kept, and every line left out is
listed with its reason.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.session.log import SessionFileError, checksum, read_log
from game.session.session import Session
from tests.conftest import ROOT
from tests.session_helpers import TECH, VISIT, WORKSHOP, make, records_json, reopen


def played(path: Path) -> Session:
    """Four rounds of two teams with entries, an event, an undo; then left open."""
    s = make(path)
    for rnd in range(1, 5):
        s.open_round()
        s.submit("Red", [VISIT] if rnd % 2 else [TECH])
        s.submit("Blue", [WORKSHOP] if rnd < 3 else [VISIT, TECH])
        if rnd == 2:
            s.inject(card=1)
        s.close_round(force=True)
    s.undo_last_resolution("a test")
    s.close_round(force=True)
    return s


def mutate(path: Path, how: str, k: int) -> None:
    lines = path.read_bytes().split(b"\n")[:-1]  # the header is line 0
    if how == "duplicate":
        lines.insert(k + 1, lines[k])
    elif how == "swap":
        lines[k], lines[k + 1] = lines[k + 1], lines[k]
    elif how == "flip":
        b = bytearray(lines[k])
        b[len(b) // 2] ^= 0x01
        lines[k] = bytes(b)
    path.write_bytes(b"\n".join(lines) + b"\n")


@pytest.mark.parametrize("how", ["duplicate", "swap"])
def test_a_duplicated_or_swapped_line_loses_nothing(tmp_path: Path, how: str) -> None:
    original = tmp_path / "o.session.jsonl"
    s = played(original)
    n = len(s.entries)
    want = {t: records_json(s, t) for t in ("Red", "Blue")}
    s.close()
    for k in range(1, n):  # every entry line but the last (swap needs a next one)
        p = tmp_path / f"{how}{k}.session.jsonl"
        p.write_bytes(original.read_bytes())
        mutate(p, how, k)
        before = p.read_bytes()
        with pytest.raises(SessionFileError):
            reopen(p)
        rec = Session.recover(p, tmp_path / f"{how}{k}.recovered.session.jsonl")
        assert p.read_bytes() == before  # the damaged file is left as it was
        assert rec.kept == n, rec.dropped
        if how == "duplicate":
            assert rec.dropped == (f"line {k + 2} left out: a second copy of entry {k} (line {k + 1} was kept)",)
        else:
            assert rec.dropped == (f"entries {k}, {k + 1} were out of order in the file; they are put back in the order of their numbers",)
        again = reopen(rec.target, read_only=True)
        assert {t: records_json(again, t) for t in ("Red", "Blue")} == want
        again.close()


def test_a_damaged_line_loses_only_what_depended_on_it(tmp_path: Path) -> None:
    original = tmp_path / "o.session.jsonl"
    s = played(original)
    entries = [e.type for e in s.entries]
    n = len(entries)
    s.close()
    lost_before, lost_now = [], []
    for k in range(1, n + 1):
        p = tmp_path / f"flip{k}.session.jsonl"
        p.write_bytes(original.read_bytes())
        mutate(p, "flip", k)
        rec = Session.recover(p, tmp_path / f"flip{k}.recovered.session.jsonl")
        lost_before.append(n - (k - 1))
        lost_now.append(n - rec.kept)
        assert rec.dropped[0].startswith(f"line {k + 1} left out:")
        if k < n:  # a lost last entry leaves no gap to see
            assert f"entry {k} is missing from the file" in rec.dropped[1]
        if entries[k - 1] in ("submit", "pause", "go", "inject"):
            assert rec.kept == n - 1, rec.dropped  # nothing else depended on it
        reopen(rec.target, read_only=True).close()  # the copy opens
    assert sum(lost_now) < sum(lost_before) / 2, (lost_now, lost_before)


def rewrite_entry(path: Path, k: int, **changes: object) -> None:
    """Change entry k and give it a valid checksum (as a tool or a person could)."""
    lines = path.read_bytes().split(b"\n")
    obj = json.loads(lines[k])
    obj.pop("crc")
    obj.update(changes)
    lines[k] = json.dumps({**obj, "crc": checksum(obj)}, separators=(",", ":")).encode()
    path.write_bytes(b"\n".join(lines))


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, timeout=300, cwd=ROOT)


@pytest.mark.parametrize(
    "damage",
    ["time", "nested", "nested_header", "price"],
)
def test_absurd_values_and_deep_nesting_are_refused_with_a_message(tmp_path: Path, damage: str) -> None:
    p = tmp_path / "d.session.jsonl"
    s = played(p)
    s.close()
    if damage == "time":
        rewrite_entry(p, 3, time=1e18)  # OSError in datetime before
    elif damage == "price":
        rewrite_entry(p, 3, price=1e308, type="bid", team="Red")
    else:
        lines = p.read_bytes().split(b"\n")
        deep = b'{"seq":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
        lines[0 if damage == "nested_header" else 4] = deep
        p.write_bytes(b"\n".join(lines))
    before = p.read_bytes()
    for args in (
        ("export", str(p), "--json", str(tmp_path / "x.json")),
        ("leaderboard", str(p), "--json"),
        ("report", str(p), "-o", str(tmp_path / "r.html"), "--samples", "10"),
        ("resume", str(p), "--text"),
    ):
        r = cli(*args)
        assert r.returncode in (1, 2), (args, r.stderr[-3000:])
        assert "Traceback" not in r.stderr and "Error:" not in r.stderr.split("\n")[-2:][0], r.stderr[-2000:]
        assert str(p) in r.stderr
    assert p.read_bytes() == before
    if damage != "nested_header":
        rec = Session.recover(p, tmp_path / "d.recovered.session.jsonl")
        assert rec.kept == len(read_log(rec.target).entries) and rec.dropped
