"""The session file: checksums, torn last lines, corruption, foreign files, full disks, atomic writes."""

from __future__ import annotations

import errno
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from game.session.log import (
    SessionError,
    SessionFileError,
    SessionWriter,
    atomic_write,
    encode_line,
    read_log,
    write_recovered,
)
from tests.session_helpers import VISIT, FakeClock, make, reopen

HEADER = {
    "created": "2024-01-01T00:00:00+00:00",
    "scenario_id": "x",
    "scenario_sha256": "0" * 64,
    "scenario_path": "/nowhere.yaml",
    "config": {},
}


def snapshot(p: Path) -> tuple[bytes, int]:
    return p.read_bytes(), p.stat().st_mtime_ns


def write_log(p: Path, n: int) -> None:
    w = SessionWriter.create(p, HEADER)
    for i in range(n):
        w.append({"type": "pause", "time": 1.0 + i})
    w.close()


def test_round_trip_with_checksums(tmp_path: Path) -> None:
    p = tmp_path / "a.session.jsonl"
    write_log(p, 3)
    loaded = read_log(p)
    assert loaded.header["scenario_id"] == "x"
    assert [e["seq"] for e in loaded.entries] == [1, 2, 3]
    assert loaded.torn is None
    lines = p.read_bytes().splitlines()
    assert len(lines) == 4
    assert all(b'"crc":"' in line for line in lines)


def test_entry_line_is_canonical_and_checked() -> None:
    line = encode_line({"b": 1, "a": "统一"})
    obj = json.loads(line)
    assert list(obj) == ["a", "b", "crc"]
    assert line.endswith(b"\n") and "统一".encode() in line


def test_torn_last_line_is_reported_and_kept_aside(tmp_path: Path) -> None:
    p = tmp_path / "a.session.jsonl"
    write_log(p, 2)
    good = p.read_bytes()
    p.write_bytes(good + b'{"seq":3,"type":"pau')  # the crash cut this write
    loaded = read_log(p)
    assert [e["seq"] for e in loaded.entries] == [1, 2]
    assert loaded.torn is not None and loaded.torn.line == 4 and loaded.torn.size == 20
    assert "cut off" in loaded.torn.describe()
    assert p.read_bytes() == good + b'{"seq":3,"type":"pau'  # reading changed nothing
    w, note = SessionWriter.reopen(loaded)
    assert note is not None and "saved to" in note
    side = tmp_path / f"a.session.jsonl.torn-{len(good)}"
    assert side.read_bytes() == b'{"seq":3,"type":"pau'
    w.append({"type": "go", "time": 9.0})
    w.close()
    again = read_log(p)
    assert [e["type"] for e in again.entries] == ["pause", "pause", "go"]
    assert again.torn is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda lines: lines[:2] + [lines[2].replace(b'"time":2', b'"time":3')] + lines[3:],
        lambda lines: lines[:2] + [b"not json"] + lines[3:],
        lambda lines: lines[:2] + lines[3:],  # a line gone: the numbering jumps
        lambda lines: lines[:2] + [b""] + lines[2:],
    ],
    ids=["checksum", "garbage", "gap", "blank"],
)
def test_damage_in_the_middle_is_an_error_and_the_file_is_untouched(tmp_path: Path, damage: Callable[[list[bytes]], list[bytes]]) -> None:
    p = tmp_path / "a.session.jsonl"
    write_log(p, 4)
    lines = p.read_bytes().split(b"\n")[:-1]
    p.write_bytes(b"\n".join(damage(lines)) + b"\n")
    before = snapshot(p)
    with pytest.raises(SessionFileError) as exc:
        read_log(p)
    assert exc.value.code == "damaged"
    assert "was not modified" in str(exc.value) and "--recover" in str(exc.value)
    assert snapshot(p) == before


def test_salvage_keeps_every_intact_line(tmp_path: Path) -> None:
    p = tmp_path / "a.session.jsonl"
    write_log(p, 4)
    lines = p.read_bytes().split(b"\n")
    lines[3] = lines[3].replace(b"pause", b"pawse")
    p.write_bytes(b"\n".join(lines))
    before = snapshot(p)
    target = tmp_path / "a.recovered.session.jsonl"
    loaded = read_log(p, salvage=True)
    write_recovered(loaded, target)
    assert [e["seq"] for e in loaded.entries] == [1, 2, 4]  # entry 3 damaged, entry 4 kept
    assert loaded.notes == [
        "line 4 left out: its checksum does not match: the line was changed or damaged",
        "entry 3 is missing from the file (its line was lost or damaged)",
    ]
    assert [e["seq"] for e in read_log(target).entries] == [1, 2, 3]
    assert snapshot(p) == before


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02\xff binary", "not a JSON object"),
        (b"format: 1\nid: x\n", "not a JSON object"),
        (b'{"format": "something-else", "version": 1}\n', "'something-else'"),
        (b'{\n "format": "tender-session-export"\n}\n', "not a JSON object"),
        (b'{"format": "tender-session-export", "version": 1}\n', "export"),
        (b'{"hello": "world"}\n', "no session header"),
    ],
)
def test_foreign_files_are_refused_untouched(tmp_path: Path, content: bytes, why: str) -> None:
    p = tmp_path / "x.session.jsonl"
    p.write_bytes(content)
    before = snapshot(p)
    with pytest.raises(SessionFileError) as exc:
        read_log(p)
    assert exc.value.code == "foreign"
    assert why in str(exc.value)
    assert snapshot(p) == before


def test_newer_version_and_bad_header(tmp_path: Path) -> None:
    p = tmp_path / "a.session.jsonl"
    p.write_bytes(encode_line({"format": "tender-session", "version": 9, **HEADER}))
    with pytest.raises(SessionFileError, match="newer version"):
        read_log(p)
    p.write_bytes(encode_line({"format": "tender-session", "version": 1, **HEADER}).replace(b'"x"', b'"y"'))
    with pytest.raises(SessionFileError, match="header's checksum"):
        read_log(p)
    with pytest.raises(SessionFileError, match="no such session file"):
        read_log(tmp_path / "missing.session.jsonl")


def test_create_never_overwrites(tmp_path: Path) -> None:
    p = tmp_path / "a.session.jsonl"
    p.write_text("precious")
    with pytest.raises(SessionFileError, match="never overwrites"):
        SessionWriter.create(p, HEADER)
    assert p.read_text() == "precious"


def test_atomic_write_replaces_whole_and_guards_sessions(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    atomic_write(target, b"one")
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert not list(tmp_path.glob(".out.json.tmp-*"))
    p = tmp_path / "a.session.jsonl"
    write_log(p, 1)
    before = snapshot(p)
    with pytest.raises(SessionFileError, match="is a session file"):
        atomic_write(p, b"{}")
    assert snapshot(p) == before


@pytest.mark.skipif(sys.platform == "win32", reason="file locks are POSIX here")
def test_a_second_writer_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "a.session.jsonl"
    w = SessionWriter.create(p, HEADER)
    with pytest.raises(SessionFileError) as exc:
        SessionWriter.reopen(read_log(p))
    assert exc.value.code == "in_use"
    w.close()
    SessionWriter.reopen(read_log(p))[0].close()


def test_disk_full_rolls_back_and_the_session_does_not_move(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = FakeClock()
    p = tmp_path / "a.session.jsonl"
    s = make(p, clock=clock)
    s.open_round()
    s.submit("Red", [VISIT])
    size = p.stat().st_size
    version = s.version
    real_write = os.write

    def half_then_full(fd: int, data: bytes | memoryview) -> int:
        real_write(fd, bytes(data)[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("game.session.log.os.write", half_then_full)
    with pytest.raises(SessionError) as exc:
        s.submit("Blue", [VISIT])
    assert exc.value.code == "disk_full"
    assert "NOT saved" in str(exc.value) and "intact" in str(exc.value)
    monkeypatch.setattr("game.session.log.os.write", real_write)
    assert p.stat().st_size == size  # the half line was rolled back
    assert s.version == version and "Blue" not in s.submissions()
    s.submit("Blue", [VISIT])  # space again: it works and continues the numbering
    s.close()
    again = reopen(p)
    assert again.submissions() == {"Red": [VISIT], "Blue": [VISIT]}
    again.close()
