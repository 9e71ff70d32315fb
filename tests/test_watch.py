"""Hot reload: `play SCENARIO --watch` restarts on a valid save, shows problems on a bad one."""

from __future__ import annotations

import io
from pathlib import Path

from game.terminal.watch import ScenarioWatcher, run_watch
from tests.conftest import SCENARIOS


class ScriptedInput(io.StringIO):
    """Lines of input; before a given line, rewrite the scenario file (an author saving)."""

    def __init__(self, lines: list[str], edits: dict[int, tuple[Path, str]]) -> None:
        super().__init__("")
        self.lines = lines
        self.edits = edits
        self.n = 0

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]  # a stand-in for a text stream
        if self.n in self.edits:
            path, text = self.edits.pop(self.n)
            path.write_text(text, encoding="utf-8")
        if self.n >= len(self.lines):
            return ""
        line = self.lines[self.n]
        self.n += 1
        return line + "\n"


def test_watcher_notices_content_changes_only(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text("a: 1\n")
    w = ScenarioWatcher(f)
    assert not w.changed()
    f.write_text("a: 1\n")  # same content
    assert not w.changed()
    f.write_text("a: 2\n")
    assert w.changed() and not w.changed()


def test_reload_on_valid_save_and_errors_in_place_on_bad_save(tmp_path: Path) -> None:
    original = (SCENARIOS / "tutorial.yaml").read_text(encoding="utf-8")
    f = tmp_path / "tutorial.yaml"
    f.write_text(original, encoding="utf-8")
    broken = original.replace("turns: 4", "turns: four", 1)
    renamed = original.replace("turns: 4", "turns: 5", 1)
    assert broken != original and renamed != original
    lines = ["", "visit it_head 2", "end", "y", "", "", "visit president 1", "end", "y", "quit", "y"]
    # Before line 3 ("y" confirming the end of turn 1...) the author breaks the file, then fixes it.
    edits = {2: (f, broken), 5: (f, renamed)}
    out = io.StringIO()
    code = run_watch(f, seed=3, teams=["player"], lang="en", start_turn=2, stdin=ScriptedInput(lines, edits), stdout=out)
    text = out.getvalue()
    assert code == 0
    assert "problem(s); the game goes on with the last valid version" in text
    assert f"{f}:" in text and "turns: expected a whole number" in text
    assert "restarting on the new version" in text
    assert "Turn 2 of 5" in text  # restarted on the five-turn version at turn 2, turn 1 replayed
