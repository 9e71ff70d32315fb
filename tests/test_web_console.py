"""The trainer's console over a served session: where teams join (address, PIN, QR code), who is
connected, what the teams did from their browsers, the projector's leaderboard; and the command
line's --serve options."""

from __future__ import annotations

import io
from pathlib import Path

from game.session.host import Host, JoinInfo, Notice
from game.session.room import Room
from game.terminal.app import Console
from game.terminal.workshop import SharedConsole, WorkshopConsole
from tests.cli_helpers import run_cli
from tests.session_helpers import make


def _console(tmp_path: Path, lines: str, served: bool = True) -> tuple[str, Host]:
    s = make(tmp_path / "c.session.jsonl")
    host = Host(s, Room.open(s.config, s.path))
    host.join = JoinInfo(("http://127.0.0.1:8765/?pin=" + host.room.pin,), host.room.pin, "127.0.0.1", 8765,
                         "http://127.0.0.1:8765/projector?key=" + host.room.key)
    out = io.StringIO()
    con = SharedConsole(io.StringIO(lines), out, host) if served else Console(io.StringIO(lines), out)
    ws = WorkshopConsole(s, con, "en", host if served else None)
    ada, _ = host.room.join(host.room.pin, "Red", "Ada")
    host.room.connected(ada.id, +1)
    host.notify(Notice("submitted", "Red", "Ada"))
    ws.run()
    return out.getvalue(), host


def test_the_room_command_shows_where_and_how_to_join(tmp_path: Path) -> None:
    out, host = _console(tmp_path, "room\n")
    assert "▀" in out or "█" in out  # the QR code, in the terminal
    assert f"?pin={host.room.pin}" in out and f"Room PIN: {host.room.pin}" in out
    assert f"projector?key={host.room.key}" in out
    assert "only this laptop can join" in out  # bound to 127.0.0.1: said plainly
    assert "Red: Ada" in out and "Blue: nobody" in out


def test_the_teams_doings_and_who_is_connected_reach_the_trainer(tmp_path: Path) -> None:
    out, _ = _console(tmp_path, "status\n")
    assert "* team Red handed in its plan (Ada)" in out
    assert "Connected now" in out and "Red: Ada" in out


def test_the_leaderboard_reaches_the_projector_only_when_the_trainer_says(tmp_path: Path) -> None:
    out, host = _console(tmp_path, "projector board\n")
    assert host.board_shown and "shown on the projector" in out
    out, host = _console(tmp_path / "b", "projector board\nprojector hide\nprojector\n")
    assert not host.board_shown and "projector board | projector hide" in out


def test_a_session_not_served_says_how_to_serve_it(tmp_path: Path) -> None:
    out, _ = _console(tmp_path, "room\nprojector board\n", served=False)
    assert out.count("start it with --serve") == 2


def test_port_and_bind_go_with_serve(tmp_path: Path) -> None:
    code, _, err = run_cli("workshop", "tutorial", "--text", "--port", "9000", "--teams", "A", "--mode", "parallel",
                           "--seed", "1", "--round-minutes", "0", "--at-zero", "pass", "--session", str(tmp_path / "x.session.jsonl"))
    assert code == 2 and "--port and --bind go with --serve" in err
