"""Hot reload for authors: `play SCENARIO --watch [--start-turn K]`.

The scenario file is checked before every prompt (and every half second while
a terminal waits for input). When it is saved with changes:

* if it no longer validates, the problems are printed in place
  (FILE:LINE:COL) and the current game goes on;
* if it validates, the game restarts on the new version: from turn 1, or from
  turn K with the decisions of turns 1..K-1 replayed (as far as the edited
  scenario allows).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any, TextIO

from game.scenario.load import ScenarioError, load_scenario
from game.scenario.schema import Scenario
from game.strings import t
from game.terminal.app import Console, EndOfInput, QuitGame, TerminalGame


class Reload(Exception):
    """The scenario file changed and validates: restart on the new version."""

    def __init__(self, scenario: Scenario) -> None:
        super().__init__("reload")
        self.scenario = scenario


class ScenarioWatcher:
    """Notices when a file's content changes (by hash, so a touch alone does nothing)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.digest = self._digest()

    def _digest(self) -> str | None:
        try:
            return hashlib.sha256(self.path.read_bytes()).hexdigest()
        except OSError:
            return None

    def changed(self) -> bool:
        now = self._digest()
        if now is None or now == self.digest:
            return False
        self.digest = now
        return True


def run_watch(
    path: Path,
    *,
    seed: int,
    teams: list[str] | None,
    lang: str,
    start_turn: int = 1,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    """The terminal game on ``path``, restarted whenever the file is saved valid."""
    lang = "zh" if lang == "zh" else "en"
    out = sys.stdout if stdout is None else stdout
    watcher = ScenarioWatcher(path)

    def say(text: str) -> None:
        out.write(text + "\n")
        out.flush()

    def poll() -> None:
        if not watcher.changed():
            return
        try:
            scenario = load_scenario(path)
        except ScenarioError as exc:
            say("")
            say(t("watch.invalid", lang, file=str(path), n=len(exc.problems)))
            for p in exc.problems:
                say(f"  {p}")
            say(t("watch.keep_playing", lang))
            return
        raise Reload(scenario)

    try:
        scenario = load_scenario(path)
    except ScenarioError as exc:
        for p in exc.problems:
            say(str(p))
        say(t("watch.fix_first", lang, file=str(path)))
        return 1
    console = Console(sys.stdin if stdin is None else stdin, out, poll=poll)
    log: list[dict[str, Any]] = []
    chosen = teams
    while True:
        app = TerminalGame(scenario, seed, lang, console)
        try:
            return app.run(chosen, replay=log)
        except Reload as reload:
            scenario = reload.scenario
            chosen = app.teams or chosen
            log = [e for e in app.game.log if "turn" in e and e["turn"] < start_turn]
            say("")
            say(t("watch.reloaded", lang, file=str(path), turn=min(start_turn, app.game.turn)))
        except EndOfInput:
            say("")
            say(t("eof", lang))
            return 0
        except QuitGame:
            say(t("bye", lang))
            return 0
        except KeyboardInterrupt:
            say("")
            say(t("interrupted", lang))
            return 130
