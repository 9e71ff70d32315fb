"""The session file: an append-only JSON Lines log with checksums, written crash-safe.

Format, version 1 (one JSON object per line, UTF-8, ``\\n`` line ends)::

    {"format": "tender-session", "version": 1, "created": "...", "scenario_id": ...,
     "scenario_sha256": ..., "scenario_path": ..., "config": {...}, "crc": "1a2b3c4d"}
    {"seq": 1, "type": "open", "time": 1718000000.5, "round": 1, "crc": "..."}
    ...

``crc`` is the CRC-32 (8 hex digits) of the object's canonical JSON without
the ``crc`` key (sorted keys, no spaces, UTF-8), so a damaged or truncated
line is detected. ``seq`` runs 1, 2, 3, ... without gaps.

Writing: each entry is one ``write`` of the whole line, then ``fsync``; the
call returns only once the entry is on disk, so a committed entry survives a
crash. A failed write (disk full) is rolled back to the last complete entry
and raised as :class:`SessionError`; the caller applies an entry only after
it was written. Exports and any other rewrite go through :func:`atomic_write`
(temporary file, fsync, rename).

Reading: a last line without its newline is a write the crash interrupted; it
is reported (:class:`TornTail`) and left out, and its bytes are kept in a side
file before the session file is written to again. Anything else that is wrong
(a foreign file, a bad header, a checksum mismatch or a gap in the middle)
raises :class:`SessionFileError`, and the file is left exactly as it was.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sys
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FORMAT = "tender-session"
VERSION = 1
SUFFIX = ".session.jsonl"
MAX_LINE = 1 << 20  # a line longer than 1 MiB is not something this program wrote

if sys.platform != "win32":  # POSIX: one writer per session file
    import fcntl


class SessionError(Exception):
    """A request the session cannot carry out; the message says what to do instead.

    ``code`` and ``params`` let front ends word it in either language.
    """

    def __init__(self, message: str, code: str = "", **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


class SessionFileError(SessionError):
    """A session file that cannot be read or written as it is; it has not been modified."""


@dataclass(frozen=True)
class TornTail:
    """An incomplete last line (a write interrupted by a crash), left out on reading."""

    line: int  # 1-based line number in the file
    offset: int  # byte offset where the incomplete line starts
    size: int  # its length in bytes
    preview: str  # its start, for the message

    def describe(self) -> str:
        return (
            f"line {self.line} was cut off while it was being written ({self.size} bytes, "
            f"starting {self.preview!r}); it was never confirmed, so it is left out"
        )


@dataclass
class LoadedLog:
    path: Path
    header: dict[str, Any]
    entries: list[dict[str, Any]]  # without their "crc"
    good_size: int  # bytes up to the end of the last complete line
    torn: TornTail | None = None
    notes: list[str] = field(default_factory=list)


# -- encoding ------------------------------------------------------------------


def canonical(obj: Mapping[str, Any]) -> bytes:
    return json.dumps(
        obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def checksum(obj: Mapping[str, Any]) -> str:
    return f"{zlib.crc32(canonical(obj)) & 0xFFFFFFFF:08x}"


def encode_line(obj: Mapping[str, Any]) -> bytes:
    """One log line: the object with its checksum, and the newline."""
    body = {k: v for k, v in obj.items() if k != "crc"}
    return canonical({**body, "crc": checksum(body)}) + b"\n"


# -- reading --------------------------------------------------------------------


def _foreign(path: Path, why: str) -> SessionFileError:
    return SessionFileError(
        f"{path}: not a Tender Game session file ({why}); a session file is written by "
        f"'python main.py workshop' and ends in {SUFFIX}. The file was not modified.",
        "foreign",
        path=str(path),
        why=why,
    )


def _damaged(path: Path, line: int, why: str, good: int) -> SessionFileError:
    return SessionFileError(
        f"{path}:{line}: the session file is damaged ({why}). It was not modified. "
        f"'python main.py resume {path} --recover' copies every intact entry (1-{good} "
        f"before that line, and those after it that still fit) to a new session file, lists "
        f"what it leaves out, and resumes from there.",
        "damaged",
        path=str(path),
        line=line,
        why=why,
        good=good,
    )


MAX_DEPTH = 20  # nesting of a line's JSON: entries written here nest 4 deep at most


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _too_deep(raw: bytes, most: int = MAX_DEPTH) -> bool:
    """More than ``most`` open brackets at once (checked before parsing: no deep recursion)."""
    depth = 0
    in_str = escaped = False
    for b in raw:
        if in_str:
            if escaped:
                escaped = False
            elif b == 0x5C:  # backslash
                escaped = True
            elif b == 0x22:
                in_str = False
        elif b == 0x22:
            in_str = True
        elif b in (0x5B, 0x7B):
            depth += 1
            if depth > most:
                return True
        elif b in (0x5D, 0x7D):
            depth -= 1
    return False


def load_json(raw: bytes, *, max_depth: int = MAX_DEPTH) -> Any:
    """JSON from bytes someone may have damaged: ValueError for anything that is not plain JSON
    (not UTF-8, NaN or Infinity, nested deeper than ``max_depth``, too large an integer)."""
    if _too_deep(raw, max_depth):
        raise ValueError(f"nested more than {max_depth} levels deep")
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except RecursionError:
        raise ValueError("nested too deep") from None


def _parse_line(raw: bytes) -> dict[str, Any] | None:
    """The line's JSON object; None for anything else (not JSON, NaN, too deep, too long)."""
    if len(raw) > MAX_LINE:
        return None
    try:
        obj = load_json(raw)
    except ValueError:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return None
    return obj if isinstance(obj, dict) else None


def _crc_ok(obj: dict[str, Any]) -> bool:
    crc = obj.get("crc")
    body = {k: v for k, v in obj.items() if k != "crc"}
    try:
        return isinstance(crc, str) and crc == checksum(body)
    except ValueError:  # NaN or infinity: never written by us
        return False


def read_log(path: str | Path, *, salvage: bool = False) -> LoadedLog:
    """Read and check a session file; never writes to it.

    With ``salvage`` (for ``--recover``) a damaged line does not stop the
    reading: every line whose checksum holds is kept, in the order of its
    entry number (a duplicated line once, swapped lines put back in order),
    and ``notes`` lists each line left out and why. The entries keep their
    ``seq``; :func:`write_recovered` numbers them 1, 2, 3, ... again.
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise SessionFileError(
            f"{p}: no such session file; sessions are listed with 'ls sessions/' "
            f"(or wherever --session put them)",
            "missing",
            path=str(p),
        ) from None
    except OSError as exc:
        raise SessionFileError(
            f"{p}: cannot read it ({exc.strerror or exc})", "unreadable", path=str(p)
        ) from None
    if not data:
        raise _foreign(p, "the file is empty")
    first_end = data.find(b"\n")
    first = data[: first_end if first_end >= 0 else min(len(data), MAX_LINE)]
    header = _parse_line(first) if len(first) <= MAX_LINE else None
    if header is None:
        raise _foreign(p, "its first line is not a JSON object")
    fmt = header.get("format")
    if fmt != FORMAT:
        what = f"its format is {fmt!r}" if fmt is not None else "it has no session header"
        if fmt == "tender-session-export":
            what = "it is an export of a session, not the session itself"
        raise _foreign(p, what)
    version = header.get("version")
    if not isinstance(version, int) or version < 1:
        raise _damaged(p, 1, "the header has no valid version", 0)
    if version > VERSION:
        raise SessionFileError(
            f"{p}: written by a newer version of the game (session format {version}; this "
            f"version reads {VERSION}); update the game to open it. The file was not modified.",
            "newer",
            path=str(p),
            version=version,
        )
    if first_end < 0:
        # Only a header, cut off: the session was never created completely.
        raise _damaged(p, 1, "the header line is incomplete", 0)
    if not _crc_ok(header):
        raise _damaged(p, 1, "the header's checksum does not match", 0)
    for key in ("scenario_id", "scenario_sha256", "scenario_path", "config"):
        if key not in header:
            raise _damaged(p, 1, f"the header has no '{key}'", 0)
    header.pop("crc")
    out = LoadedLog(path=p, header=header, entries=[], good_size=first_end + 1)
    found: dict[int, tuple[int, dict[str, Any]]] = {}  # salvage: seq -> (line, entry)
    pos = first_end + 1
    line_no = 1
    while pos < len(data):
        line_no += 1
        end = data.find(b"\n", pos)
        if end < 0:
            raw = data[pos:]
            out.torn = TornTail(
                line=line_no,
                offset=pos,
                size=len(raw),
                preview=raw[:60].decode("utf-8", "replace"),
            )
            break
        raw = data[pos:end]
        pos = end + 1
        obj = _parse_line(raw)
        why = ""
        if obj is None:
            why = "the line is not a JSON object"
        elif not _crc_ok(obj):
            why = "its checksum does not match: the line was changed or damaged"
        elif not isinstance(obj.get("type"), str) or not isinstance(obj.get("time"), int | float):
            why = "the entry has no type or time"
        elif not salvage and obj.get("seq") != len(out.entries) + 1:
            why = f"entry number {_short(obj.get('seq'))} where {len(out.entries) + 1} was expected"
        elif salvage and (not isinstance(obj.get("seq"), int) or isinstance(obj.get("seq"), bool) or obj["seq"] < 1):
            why = f"the entry number {_short(obj.get('seq'))} is not a number from 1 up"
        if why:
            if salvage:
                out.notes.append(f"line {line_no} left out: {why}")
                continue
            raise _damaged(p, line_no, why, len(out.entries))
        assert obj is not None  # narrowed by the checks above
        obj.pop("crc")
        if salvage:
            seq = obj["seq"]
            if seq in found:
                first_line, kept = found[seq]
                what = "a second copy of" if kept == obj else "another version of"
                out.notes.append(
                    f"line {line_no} left out: {what} entry {seq} (line {first_line} was kept)"
                )
                continue
            found[seq] = (line_no, obj)
        else:
            out.entries.append(obj)
        out.good_size = pos
    if salvage:
        _put_in_order(out, found)
    return out


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 24 else text[:23] + "…"


def _put_in_order(out: LoadedLog, found: Mapping[int, tuple[int, dict[str, Any]]]) -> None:
    """Salvaged entries by entry number; notes on what moved or is missing."""
    lines = [found[k][0] for k in sorted(found)]
    if lines != sorted(lines):
        moved = [k for k, (a, b) in zip(sorted(found), zip(lines, sorted(lines), strict=True), strict=True) if a != b]
        out.notes.append(
            f"entries {', '.join(map(str, moved[:10]))}{' ...' if len(moved) > 10 else ''} were out of "
            f"order in the file; they are put back in the order of their numbers"
        )
    expected = 1
    for k in sorted(found):
        if k > expected:
            gap = f"{expected}" if k == expected + 1 else f"{expected}-{k - 1}"
            out.notes.append(f"entry {gap} is missing from the file (its line was lost or damaged)")
        expected = k + 1
        out.entries.append(found[k][1])


# -- writing --------------------------------------------------------------------


def _fsync_dir(directory: Path) -> None:
    """Make a new or renamed directory entry durable (not possible on every platform)."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        if n <= 0:  # pragma: no cover - a write that makes no progress
            raise OSError(errno.EIO, "write made no progress")
        view = view[n:]


def _write_error(path: Path, exc: OSError, what: str) -> SessionError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return SessionError(
            f"{path}: the disk is full, so {what} was NOT saved. Everything saved before "
            f"is intact. Free some space (or copy the session file to another disk and "
            f"resume it there), then repeat the last action.",
            "disk_full",
            path=str(path),
        )
    return SessionError(
        f"{path}: cannot write ({exc.strerror or exc}), so {what} was NOT saved. Everything "
        f"saved before is intact; fix the problem, then repeat the last action.",
        "write_failed",
        path=str(path),
    )


def atomic_write(path: str | Path, data: bytes, *, guard: bool = True, sync: bool = True) -> None:
    """Write ``path`` as a whole: a temporary file, fsync, then rename over the target.

    With ``guard`` an existing session file is never replaced (an export aimed at
    the session file by mistake fails instead of destroying it). Without ``sync``
    the file is still replaced whole, but not synced to disk (what a crash may lose
    is only worth keeping, not needed: a side file's note beside a synced entry).
    """
    p = Path(path)
    if guard and p.is_file():
        with contextlib.suppress(OSError), p.open("rb") as fh:
            head = fh.read(MAX_LINE).split(b"\n", 1)[0]
            if b'"format":"tender-session"' in head:
                raise SessionFileError(
                    f"{p} is a session file; choose another name for the export "
                    f"(the session file was not touched)",
                    "would_overwrite",
                    path=str(p),
                )
    tmp = p.with_name(f".{p.name}.tmp-{os.getpid()}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            _write_all(fd, data)
            if sync:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, p)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise _write_error(p, exc, "the file") from None
    if sync:
        _fsync_dir(p.parent)


class SessionWriter:
    """Appends entries to one session file; holds an exclusive lock while open."""

    def __init__(self, path: Path, fd: int, size: int, next_seq: int) -> None:
        self.path = path
        self._fd: int | None = fd
        self._size = size
        self.next_seq = next_seq

    @classmethod
    def create(cls, path: str | Path, header: Mapping[str, Any]) -> SessionWriter:
        """A new session file with its header; an existing file is never overwritten."""
        p = Path(path)
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o644)
        except FileExistsError:
            raise SessionFileError(
                f"{p} already exists; a new session never overwrites a file. Resume it with "
                f"'python main.py resume {p}', or give another --session name.",
                "exists",
                path=str(p),
            ) from None
        except OSError as exc:
            raise _write_error(p, exc, "the new session") from None
        line = encode_line({"format": FORMAT, "version": VERSION, **header})
        try:
            _lock(fd, p)
            _write_all(fd, line)
            os.fsync(fd)
        except (OSError, SessionError) as exc:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(p)
            if isinstance(exc, SessionError):
                raise
            raise _write_error(p, exc, "the new session") from None
        _fsync_dir(p.parent)
        return cls(p, fd, len(line), 1)

    @classmethod
    def reopen(cls, loaded: LoadedLog) -> tuple[SessionWriter, str | None]:
        """Append to a file read with :func:`read_log`.

        A torn last line is first saved to a side file ``<name>.torn-<offset>``
        and cut off, so new entries start on a fresh line; the returned note says so.
        """
        p = loaded.path
        try:
            fd = os.open(p, os.O_RDWR | os.O_APPEND)
        except OSError as exc:
            raise SessionFileError(
                f"{p}: cannot open it for writing ({exc.strerror or exc}); copy it somewhere "
                f"writable and resume the copy",
                "unwritable",
                path=str(p),
            ) from None
        try:
            _lock(fd, p)
            size = os.fstat(fd).st_size
            note = None
            if loaded.torn is not None or size != loaded.good_size:
                if size < loaded.good_size:
                    raise SessionFileError(
                        f"{p} changed while it was being opened; open it again", "changed"
                    )
                os.lseek(fd, loaded.good_size, os.SEEK_SET)
                tail = os.read(fd, size - loaded.good_size)
                side = p.with_name(f"{p.name}.torn-{loaded.good_size}")
                atomic_write(side, tail, guard=False)
                os.ftruncate(fd, loaded.good_size)
                os.fsync(fd)
                note = (
                    f"{loaded.torn.describe() if loaded.torn else 'extra bytes at the end'}; "
                    f"its bytes were saved to {side} before the session continued"
                )
        except OSError as exc:
            os.close(fd)
            raise _write_error(p, exc, "the session") from None
        except SessionError:
            os.close(fd)
            raise
        return cls(p, fd, loaded.good_size, len(loaded.entries) + 1), note

    def append(self, entry: Mapping[str, Any]) -> dict[str, Any]:
        """Write one entry (``seq`` is set here) and fsync; returns the entry as written."""
        if self._fd is None:
            raise SessionError("the session file is closed", "closed")
        obj = {**entry, "seq": self.next_seq}
        line = encode_line(obj)
        try:
            _write_all(self._fd, line)
            os.fsync(self._fd)
        except OSError as exc:
            # Roll back a partial line, so the file ends with the last complete entry.
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, self._size)
                os.fsync(self._fd)
            raise _write_error(self.path, exc, f"the last action ({entry.get('type')})") from None
        self._size += len(line)
        self.next_seq += 1
        return obj

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _lock(fd: int, path: Path) -> None:
    if sys.platform == "win32":  # pragma: no cover - no advisory locks there
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise SessionFileError(
            f"{path} is open in another program (another 'workshop' or 'resume'); close that "
            f"one first, so that two programs never write the same session",
            "in_use",
            path=str(path),
        ) from None


def write_recovered(loaded: LoadedLog, target: str | Path) -> None:
    """A new session file with ``loaded``'s header and entries (never over an existing file)."""
    lines = [encode_line({"format": FORMAT, "version": VERSION, **loaded.header})]
    lines.extend(encode_line({**e, "seq": i}) for i, e in enumerate(loaded.entries, 1))
    t = Path(target)
    if t.exists():
        raise SessionFileError(
            f"{t} already exists; remove it or recover to another name", "exists", path=str(t)
        )
    atomic_write(t, b"".join(lines))
