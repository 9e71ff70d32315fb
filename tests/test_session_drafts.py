"""A hot-seat entry in the console as it is typed: the clock in the prompt, the minute's warning,
what happens at zero (said before it happens), and a draft that survives a crash.

Before, the hot-seat prompt showed no clock and no warning; at zero with
--at-zero pass the team's whole typed entry was lost, and so was a half-typed
entry on a crash (resume did not mention it).
"""

from __future__ import annotations

import io
from pathlib import Path

from game.engine.game import Allocation
from game.session.config import SetupOptions
from game.terminal.workshop import resume_workshop
from tests.session_helpers import TUTORIAL, FakeClock, reopen
from tests.test_session_console import Line, Script, console


def opts(path: Path, at_zero: str = "pass") -> SetupOptions:
    return SetupOptions(teams=["Red", "Blue"], mode="parallel", seed=4, round_minutes=2, at_zero=at_zero, session_path=path)


def test_clock_warning_and_zero_hand_in_the_typed_entry(tmp_path: Path) -> None:
    path = tmp_path / "c.session.jsonl"
    clock = FakeClock()
    lines: list[Line] = [
        "open",
        ("submit Red", 5),
        "",  # curtain
        "visit it_head 2",
        ("intel head_nurse", 60),  # a minute later: the warning comes with the next prompt
        ("visit buyer 1", 70),  # past zero: the entry goes in as it stood (two actions)
        "status",
        "quit",
    ]
    code, out = console(lines, scenario=TUTORIAL, options=opts(path), clock=clock)
    assert code == 0, out
    assert "[Red 1:55]" in out  # the clock in the hot-seat prompt
    assert "At zero, the actions you have listed then are handed in as they are" in out
    assert "*** One minute left. At zero your 1 listed action(s) are handed in as they are. ***" in out
    assert "Time is up: team Red's entry for round 1 was handed in as it stood." in out
    assert "Round 1 was closed by the timer." in out
    s = reopen(path, read_only=True)
    assert s.decisions("Red")[1] == [Allocation("visit", "it_head", 2), Allocation("intel", "head_nurse", 1)]
    assert s.decisions("Blue")[1] == []
    assert not list(tmp_path.glob("*.draft-*"))  # the draft is gone once handed in
    s.close()


def test_a_half_typed_entry_survives_a_crash_and_resume_says_so(tmp_path: Path) -> None:
    path = tmp_path / "d.session.jsonl"
    code, out = console(["open", "submit Red", "", "visit it_head 2", "visit buyer 1"], scenario=TUTORIAL, options=opts(path, "wait"))
    assert code == 0  # input ended mid-entry, as a crash would leave it
    assert len(list(tmp_path.glob("*.draft-*"))) == 1
    clock = FakeClock(500)
    s = reopen(path, clock)
    assert s.drafts() == {"Red": [Allocation("visit", "it_head", 2), Allocation("visit", "buyer", 1)]}
    assert any("team Red had 2 action(s) typed but not handed in" in n for n in s.notes)
    text = io.StringIO()
    code = resume_workshop(s, lang="en", stdin=Script(["submit Red", "", "end", "y", "quit"], clock), stdout=text)  # type: ignore[arg-type]  # a scripted stdin
    out = text.getvalue()
    assert code == 0, out
    assert "team Red had 2 action(s) typed but not handed in" in out
    assert "Your entry from before (2 action(s), typed but not handed in) is back:" in out
    assert "Entry saved for team Red: 2 action(s)." in out
    again = reopen(path, read_only=True)
    assert again.submissions() == {"Red": [Allocation("visit", "it_head", 2), Allocation("visit", "buyer", 1)]}
    assert again.drafts() == {}


def test_a_cancelled_entry_leaves_no_draft(tmp_path: Path) -> None:
    path = tmp_path / "e.session.jsonl"
    code, out = console(["open", "submit Red", "", "visit it_head 2", "cancel", "y", "quit"], scenario=TUTORIAL, options=opts(path))
    assert code == 0, out
    assert not list(tmp_path.glob("*.draft-*"))
    assert reopen(path, read_only=True).drafts() == {}
