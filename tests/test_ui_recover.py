"""The window's resume screen recovers a damaged session file as `resume --recover` does, and says what it left out."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path

import pytest

from game.ui.driver import Driver
from game.ui.screens.ws_common import OPEN
from game.ui.screens.ws_control import WsControlScreen
from game.ui.screens.ws_resume import WsResumeScreen
from tests.conftest import SCENARIOS
from tests.session_helpers import TECH, VISIT, make


def test_recovery_in_the_window_keeps_the_entries_after_a_duplicated_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "w.session.jsonl"
    s = make(path)
    for _ in range(3):
        s.open_round()
        s.submit("Red", [VISIT])
        s.submit("Blue", [TECH])
        s.close_round()
    n = len(s.entries)
    s.close()
    lines = path.read_bytes().split(b"\n")
    lines.insert(3, lines[2])  # entry 2 twice
    path.write_bytes(b"\n".join(lines))
    d = Driver(SCENARIOS, size=(1280, 720), lang="en", seed=3)
    try:
        screen = WsResumeScreen(d.app)
        d.app.push(screen)
        d.frame()
        screen.resume_file(path)
        assert d.app.modals  # the damage, and the offer to recover
        screen._recover(path, tmp_path / "w.recovered.session.jsonl")
        ctl = d.app.top
        assert isinstance(ctl, WsControlScreen)
        assert len(ctl.session.entries) == n
        assert any("a second copy of entry 2" in note for note in ctl.session.notes)
    finally:
        for ws in list(OPEN):
            ws.close()
        d.close()
