"""The trainer's dashboard: Monte Carlo win probabilities, coverage, resources, alerts."""

from __future__ import annotations

import threading
from pathlib import Path

from game.engine.game import Allocation
from game.session.dashboard import DashboardJob, refresh
from tests.session_helpers import TECH, TUTORIAL, VISIT, make, records_json


def test_fresh_session_gives_the_pre_game_estimate(tmp_path: Path) -> None:
    s = make(tmp_path / "a.session.jsonl", teams=("Red", "Blue"))
    d = refresh(s, worlds=300)
    assert d.version == s.version and d.phase == "idle" and d.round == 1
    assert [t.team for t in d.teams] == ["Red", "Blue"]
    for t in d.teams:
        assert 0.0 <= t.win_low <= t.win_probability <= t.win_high <= 1.0
        assert t.coverage == 0.0 and t.days_used == 0 and t.money_spent == 0.0
    # Parallel worlds with no decisions yet: every team's position is the same.
    assert abs(d.teams[0].win_probability - d.teams[1].win_probability) < 0.12


def test_refresh_is_repeatable_and_uses_no_game_dice(tmp_path: Path) -> None:
    a = make(tmp_path / "a.session.jsonl")
    b = make(tmp_path / "b.session.jsonl")
    for s in (a, b):
        s.open_round()
        s.submit("Red", [VISIT])
        s.submit("Blue", [TECH])
    first = refresh(a, worlds=200)
    assert refresh(a, worlds=200).teams == first.teams
    for s in (a, b):
        s.close_round()
        s.open_round()
        s.close_round(force=True)
    assert records_json(a, "Red") == records_json(b, "Red")


def test_alerts(tmp_path: Path) -> None:
    s = make(tmp_path / "a.session.jsonl")
    for _ in range(3):
        s.open_round()
        s.submit("Red", [VISIT, Allocation("visit", "equipment_director", 1)])
        s.close_round(force=True)  # Blue passes three times
    s.open_round()
    d = refresh(s, worlds=100)
    codes = {t.team: {(a.code, a.params.get("person")) for a in t.alerts} for t in d.teams}
    assert ("not_submitted", None) in codes["Red"] and ("not_submitted", None) in codes["Blue"]
    assert ("no_actions", None) in codes["Blue"] and ("no_actions", None) not in codes["Red"]
    # centre_director holds a veto; nobody has touched her for three rounds.
    assert ("veto_untouched", "centre_director") in codes["Red"]
    assert ("veto_untouched", "equipment_director") not in codes["Red"]
    assert ("veto_untouched", "equipment_director") in codes["Blue"]
    red = next(t for t in d.teams if t.team == "Red")
    assert red.days_used == 9 and red.days_available == 3 * 11
    assert 0 < red.coverage < 1 and "decision_maker" in red.roles_covered
    s.submit("Red", [VISIT])
    d2 = refresh(s, worlds=100)
    assert d2.version != d.version
    assert not any(a.code == "not_submitted" for a in d2.teams[0].alerts)


def test_budget_alert(tmp_path: Path) -> None:
    s = make(tmp_path / "a.session.jsonl", teams=("Red",))
    for who in ("exec_vice_governor", "edu_vice_governor", "edu_dept_head"):
        s.open_round()
        s.submit("Red", [Allocation("hospitality", who, 6)])  # 6 x 20,000 a round
        s.close_round()
    d = refresh(s, worlds=100)
    budget = d.teams[0]
    assert budget.money_spent >= 0.85 * budget.budget
    assert any(a.code == "budget_low" for a in budget.alerts)


def test_finished_game_shows_its_result(tmp_path: Path) -> None:
    s = make(tmp_path / "a.session.jsonl", scenario=TUTORIAL, teams=("Red",))
    for _ in range(s.rounds):
        s.open_round()
        s.close_round(force=True)
    s.submit_bid("Red", 1_100_000)
    s.finish()
    d = refresh(s)
    res = s.result("Red")
    assert res is not None and d.teams[0].final
    assert d.teams[0].win_probability == res.win_probability
    assert d.teams[0].expected_result == res.expected_result


def test_twelve_teams_refresh_in_about_a_second(tmp_path: Path) -> None:
    s = make(tmp_path / "a.session.jsonl", teams=tuple(f"T{i}" for i in range(12)))
    s.open_round()
    for i, t in enumerate(s.teams):
        s.submit(t.name, [VISIT] if i % 2 else [TECH])
    d = refresh(s)
    assert len(d.teams) == 12
    # The bench holds the 1 s target on one core; here only a generous ceiling.
    assert d.seconds < 4.0


def test_the_job_can_run_on_a_worker_thread(tmp_path: Path) -> None:
    s = make(tmp_path / "a.session.jsonl")
    job = DashboardJob(s, worlds=150)
    out = []
    worker = threading.Thread(target=lambda: out.append(job.run()))
    worker.start()
    s.open_round()  # the session moves on meanwhile; the job works on its copies
    s.submit("Red", [VISIT])
    worker.join(timeout=30)
    assert out and out[0].version == job.version < s.version
