"""Process measures, the leaderboard, merging laptops' results, and exports."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

import pytest

from game.engine.game import Allocation
from game.scenario import load_scenario
from game.session import measures
from game.session.export import export_rows, read_export, write_csv, write_json
from game.session.log import SessionError, SessionFileError
from game.session.scoring import MergeError, Row, leaderboard, merge, rank
from game.session.session import Session
from tests.session_helpers import RURAL, TECH, TUTORIAL, VISIT, WORKSHOP, make


def A(action: str, who: str, n: int = 1) -> Allocation:
    return Allocation(action, who, n)


def test_coverage_formula() -> None:
    sc = load_scenario(RURAL)
    pool = {s.id for s in sc.stakeholders if s.pool}
    assert pool == {"expert_liu", "expert_zhao", "expert_sun"}
    # Coverage counts the people a team can meet: the confidential pool seats are left out.
    total = sum(s.influence for s in sc.stakeholders if s.id not in pool)
    eq = next(s.influence for s in sc.stakeholders if s.id == "equipment_director")
    dm = next(s.influence for s in sc.stakeholders if s.id == "edu_vice_governor")
    decisions = {1: [A("visit", "equipment_director")], 2: [A("visit", "edu_vice_governor")], 3: []}
    assert measures.coverage(sc, decisions, 1) == pytest.approx(eq / total)
    assert measures.coverage(sc, decisions, 2) == pytest.approx((eq + dm) / total)
    assert measures.coverage(sc, decisions, 3) == pytest.approx(dm / total)  # round 1 is out of the window
    everyone = {1: [A("visit", s.id) for s in sc.stakeholders if s.id not in pool]}
    assert measures.coverage(sc, everyone, 1) == pytest.approx(1.0)  # reachable, unlike before
    got, missing = measures.roles_covered(sc, decisions, 2)
    assert set(got) == {"technical", "decision_maker"} and "procurement" in missing
    assert not pool & set(measures.importance(sc))


def test_focus_and_timing() -> None:
    sc = load_scenario(RURAL)
    imp = measures.importance(sc)
    top = max(imp, key=lambda k: imp[k])
    even = {r: [A("visit", s.id) for s in sc.stakeholders if not s.pool] for r in (1, 2)}
    assert measures.process(sc, even, 2, 6).focus == pytest.approx(0.0, abs=1e-9)
    narrow = {1: [A("visit", top, 3)], 2: [A("visit", top, 3)]}
    p = measures.process(sc, narrow, 2, 6)
    assert p.focus == pytest.approx(1.0)
    assert p.coverage < 0.5  # focus alone is not everything
    shaped = {1: [A("solution_workshop", top)], 2: [A("solution_workshop", top)], 6: [A("executive_meeting", top)]}
    assert measures.process(sc, shaped, 6, 6).timing == pytest.approx(1.0)
    late = {6: [A("solution_workshop", top)], 2: [A("executive_meeting", top)]}
    assert measures.process(sc, late, 6, 6).timing == pytest.approx(0.0)
    assert measures.process(sc, {}, 0, 6).score == 0.0


def row(team: str, score: float, process: float = 50.0, **kw: object) -> Row:
    base = dict(
        team=team, vendor="v", source="s", scenario_id="x", seed=1, finished=True, won=False,
        actual=0.0, expected=0.0, win_probability=0.0, coverage=0.0, timing=0.0, focus=0.0,
        process=process, expected_score=0.0, score=score,
    )
    base.update(kw)
    return Row(**base)  # type: ignore[arg-type]  # a dict of mixed values, as the test builds it


def test_rank_sorts_by_score_then_process_and_shares_ties() -> None:
    ranked = rank([row("b", 40), row("a", 60), row("c", 40, process=70), row("d", 40.04)])
    assert [(r.team, r.rank) for r in ranked] == [("a", 1), ("c", 2), ("b", 2), ("d", 2)]


def test_luck_does_not_decide_the_rank(tmp_path: Path) -> None:
    lucky = row("lucky", 20.0, actual=3_000_000.0, won=True)
    sound = row("sound", 55.0, actual=-100_000.0, won=False)
    assert [r.team for r in rank([lucky, sound])] == ["sound", "lucky"]


def finished_session(path: Path, teams: tuple[str, ...] = ("Red", "Blue"), seed: int = 11) -> Session:
    s = make(path, scenario=TUTORIAL, teams=teams, seed=seed)
    plans = {
        "Red": [Allocation("visit", "it_head", 2), Allocation("technical_exchange", "head_nurse", 1)],
        "Blue": [Allocation("visit", "buyer", 1)],
    }
    for _ in range(s.rounds):
        s.open_round()
        for t in s.teams:
            s.submit(t.name, plans.get(t.name, []))
        s.close_round()
    for t in s.teams:
        s.submit_bid(t.name, 1_100_000)
    s.finish()
    return s


def test_leaderboard_of_a_session(tmp_path: Path) -> None:
    s = finished_session(tmp_path / "a.session.jsonl")
    rows = leaderboard(s)
    assert [r.rank for r in rows] == [1, 2]
    for r in rows:
        res = s.result(r.team)
        assert res is not None and r.finished
        assert r.actual == res.result and r.expected == res.expected_result
        assert 0 <= r.process <= 100 and 0 <= r.expected_score <= 100
        assert r.score == pytest.approx(0.6 * r.expected_score + 0.4 * r.process)
        assert r.source == "a.session.jsonl"
    live = make(tmp_path / "b.session.jsonl", teams=("Red",))
    live.open_round()
    live.submit("Red", [VISIT, TECH, WORKSHOP])
    (r,) = leaderboard(live)
    assert not r.finished and r.actual is None and r.win_probability > 0


def test_merge_laptops(tmp_path: Path) -> None:
    one = leaderboard(finished_session(tmp_path / "l1.session.jsonl", teams=("Red",)))
    two = leaderboard(finished_session(tmp_path / "l2.session.jsonl", teams=("Blue",)))
    merged, warnings = merge([one, two])
    assert {r.team for r in merged} == {"Red", "Blue"} and not warnings
    again, warnings = merge([one, one])
    assert len(again) == 1 and "counted once" in warnings[0]
    same_name = [replace(r, source="l3.session.jsonl") for r in one]
    named, _ = merge([one, same_name])
    assert {r.team for r in named} == {"Red (l1.session.jsonl)", "Red (l3.session.jsonl)"}
    _, warnings = merge([one, [replace(r, seed=99, source="x") for r in two]])
    assert any("different seeds" in w for w in warnings)
    with pytest.raises(MergeError, match="different scenarios"):
        merge([one, [replace(r, scenario_id="other") for r in two]])


def test_exports(tmp_path: Path) -> None:
    s = finished_session(tmp_path / "a.session.jsonl")
    s.close()
    files = write_csv(s, tmp_path / "out")
    assert {f.name for f in files} == {"decisions.csv", "turns.csv", "people.csv", "leaderboard.csv", "audit.csv", "bids.csv"}
    with (tmp_path / "out" / "bids.csv").open(encoding="utf-8-sig") as fh:
        bids = list(csv.DictReader(fh))
    result = s.games[0].result
    assert result is not None
    assert len(bids) == 2 * len(result.vendors)  # every vendor of each team's game
    red = next(b for b in bids if b["team"] == "Red" and b["played_by"] == "Red")
    assert red["bid"] == "1.1e+06" and red["valid"] in ("yes", "no") and "vetoed_by" in red and red["total"]
    assert {b["played_by"] for b in bids} == {"Red", "Blue", "AI"}
    with (tmp_path / "out" / "decisions.csv").open(encoding="utf-8-sig") as fh:
        dec = list(csv.DictReader(fh))
    assert dec[0] == {"team": "Red", "vendor": "player", "round": "1", "action": "visit", "stakeholder": "it_head", "amount": "2"}
    assert sum(1 for d in dec if d["team"] == "Blue") == s.rounds
    with (tmp_path / "out" / "turns.csv").open(encoding="utf-8-sig") as fh:
        turns = list(csv.DictReader(fh))
    assert len(turns) == 2 * s.rounds and set(turns[0]) >= {"support", "spent", "quality", "coverage"}
    j = write_json(s, tmp_path / "a.json")
    data = read_export(j)
    assert data["scenario_id"] == "tutorial-kiosks" or data["scenario_id"] == s.scenario.id
    assert data["teams"][0]["result"]["bid"] == 1_100_000
    assert len(data["teams"][0]["turns"]) == s.rounds
    assert data["audit"][0]["type"] == "open"
    rows = export_rows(data, "a.json")
    assert [r.team for r in rows] == [r.team for r in leaderboard(s)]
    with pytest.raises(SessionFileError, match="is a session file"):
        write_json(s, tmp_path / "a.session.jsonl")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "nope"}))
    with pytest.raises(SessionFileError, match="not a session export"):
        read_export(bad)


def test_handin_files_keep_the_trainer_and_the_laptop_in_step(tmp_path: Path) -> None:
    from game.session.export import handin_text

    laptop = make(tmp_path / "laptop.session.jsonl", teams=("Red: the \"best\" #1",), seed=21)
    trainer = make(tmp_path / "trainer.session.jsonl", teams=("Red: the \"best\" #1", "Blue"), seed=21)
    team = laptop.teams[0].name
    with pytest.raises(SessionError, match="entered nothing"):
        handin_text(laptop, team)
    plans = [[VISIT, TECH], [], [WORKSHOP]]
    for rnd, plan in enumerate(plans, 1):
        laptop.open_round()
        laptop.submit(team, plan)
        text, name = handin_text(laptop, team)
        assert name.endswith(f"round{rnd}.yaml")
        f = tmp_path / name
        f.write_text(text, encoding="utf-8")
        trainer.open_round()
        res = trainer.import_file(f)
        assert (res.team, res.round, res.actions) == (team, rnd, len(plan))
        laptop.close_round()
        trainer.close_round(force=True)
    assert [r.to_json() for r in laptop.game_of(team).records] == [
        r.to_json() for r in trainer.game_of(team).records
    ]


def test_merge_keeps_modes_and_events_apart(tmp_path: Path) -> None:
    one = leaderboard(finished_session(tmp_path / "l1.session.jsonl", teams=("Red",)))
    two = leaderboard(finished_session(tmp_path / "l2.session.jsonl", teams=("Blue",)))
    h2h = [replace(r, mode="head-to-head", source="h.session.jsonl", team="Green") for r in two]
    merged, warnings = merge([one, h2h])
    assert any("ranked in separate tables" in w and "head-to-head" in w for w in warnings)
    assert len({r.group for r in merged}) == 2 and all(r.rank == 1 for r in merged)
    evented = [replace(r, events="2 budget_cut cut", source="e.session.jsonl", team="Gold") for r in two]
    merged, warnings = merge([one, two, evented])
    assert any("different live events" in w and "2 budget_cut cut" in w for w in warnings)
    groups = {r.group: [x.team for x in merged if x.group == r.group] for r in merged}
    assert sorted(map(sorted, groups.values())) == [["Blue", "Red"], ["Gold"]]
    from game.terminal.workshop import render_leaderboard

    text = render_leaderboard(merged, "T", "en")
    assert text.count("Table ") == 2


def test_leaderboard_csv_rounds_and_has_no_negative_zero(tmp_path: Path) -> None:
    from game.session.export import leaderboard_csv

    one = leaderboard(finished_session(tmp_path / "l1.session.jsonl", teams=("Red",)))
    odd = [replace(r, score=31.999999999999996, expected=-0.0, actual=-1e-12) for r in one]
    text = leaderboard_csv(odd).decode("utf-8-sig")
    assert "31.999999999999996" not in text and ",32," in text
    assert ",-0," not in text and "-0\n" not in text and "e-12" not in text
