"""Files played under another model version: opening one says so and offers to replay it under
the current rules (results may differ) or to show the results as they were recorded."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

from game import MODEL_VERSION, __version__
from game.session.log import encode_line, read_log
from game.session.session import Session
from game.terminal.workshop import resume_workshop
from tests.cli_helpers import run_cli
from tests.golden.build import HERE, SCENARIOS, Clock

OLD = MODEL_VERSION + 41  # some other version of the rules


def older_session(tmp_path: Path, version: int | None = OLD) -> Path:
    """The golden tutorial session with its header saying another model version (or none)."""
    path = tmp_path / "old.session.jsonl"
    lines = (HERE / "tutorial-parallel.session.jsonl").read_bytes().split(b"\n")
    header = json.loads(lines[0])
    if version is None:
        header.pop("model_version")
        header.pop("game_version")
    else:
        header["model_version"] = version
    lines[0] = encode_line(header).rstrip(b"\n")
    path.write_bytes(b"\n".join(lines))
    shutil.copy(SCENARIOS / "tutorial.yaml", tmp_path / "tutorial.yaml")  # beside it, as moved files are found
    return path


def test_a_new_session_records_the_game_and_model_versions(tmp_path: Path) -> None:
    header = read_log(HERE / "tutorial-parallel.session.jsonl").header
    assert header["model_version"] == MODEL_VERSION and header["game_version"] == __version__


def test_opening_a_session_of_other_rules_says_so(tmp_path: Path) -> None:
    clock = Clock()
    s = Session.open(older_session(tmp_path), read_only=True, mono=clock.mono, wall=clock.wall)
    assert s.rules_changed and s.model_version == OLD
    assert any(f"model version {OLD}" in n and "--recorded" in n for n in s.notes)
    # Before versions were recorded: version 0, and said so too.
    (tmp_path / "v0").mkdir()
    s0 = Session.open(older_session(tmp_path / "v0", None), read_only=True)
    assert s0.rules_changed and s0.model_version == 0 and s0.game_version == "before 0.1.0"


def test_resume_recorded_prints_the_results_as_announced(tmp_path: Path) -> None:
    path = older_session(tmp_path)
    before = path.read_bytes()
    code, out, err = run_cli("resume", str(path), "--recorded")
    assert code == 0, err
    assert f"model version {OLD}" in out and "After round 4:" in out and "At the award:" in out
    assert "Scripted (BrightPath Systems): won; bid 1.06M CNY" in out
    assert path.read_bytes() == before  # nothing written


def test_the_console_offers_replay_or_the_recorded_results(tmp_path: Path) -> None:
    path = older_session(tmp_path)
    before = path.read_bytes()
    for lang, answer in (("en", "s"), ("zh", "s")):
        out = io.StringIO()
        clock = Clock()
        s = Session.open(path, mono=clock.mono, wall=clock.wall)
        code = resume_workshop(s, lang=lang, stdin=io.StringIO(answer + "\n"), stdout=out)
        s.close()
        text = out.getvalue()
        assert code == 0
        if lang == "en":
            assert "Type 'r' to replay it under the current rules" in text and "At the award:" in text
        else:
            assert "按现行规则重新推演" in text and "开标评标：" in text
    assert path.read_bytes() == before
    # 'r': replayed under the current rules, the console carries on.
    out = io.StringIO()
    clock = Clock()
    s = Session.open(path, mono=clock.mono, wall=clock.wall)
    code = resume_workshop(s, lang="en", stdin=io.StringIO("r\nquit\n"), stdout=out)
    s.close()
    assert code == 0 and "Session" in out.getvalue() and "At the award:" not in out.getvalue()


def test_a_game_file_of_other_rules(tmp_path: Path) -> None:
    doc = json.loads((HERE / "tutorial.games.json").read_text(encoding="utf-8"))
    doc["model_version"] = OLD
    doc["scenario_path"] = str((SCENARIOS / "tutorial.yaml").resolve())
    path = tmp_path / "old.games.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, out, err = run_cli("debrief", str(path), "--recorded")
    assert code == 0, err
    assert f"model version {OLD}" in out and "tutorial-decisions (BrightPath Systems): won" in out
    code, out, err = run_cli("debrief", str(path), "--no-search", "--samples", "10")
    assert code == 0, err
    assert f"played under model version {OLD}" in err and "debrief FILE --recorded" in err
    assert "Why you won or lost" in out
