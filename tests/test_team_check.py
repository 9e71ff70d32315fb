"""A team check: the customer asks whether a vendor's people of one kind have met the right people."""

from __future__ import annotations

import numpy as np
import pytest

from game.ai.players import POLICIES
from game.engine.game import Allocation, Game
from game.scenario.load import load_scenario
from game.scenario.schema import Scenario
from tests.conftest import SCENARIOS


@pytest.fixture(scope="module")
def software() -> Scenario:
    return load_scenario(SCENARIOS / "software_division.yaml")


def _play(sc: Scenario, plan: list[Allocation]) -> Game:
    g = Game(sc, 11, ("hongtu",), players=POLICIES)
    for _ in range(3):
        g.set_actions("hongtu", plan)
        g.end_turn()
    return g


def test_a_project_manager_who_met_the_plant_passes(software: Scenario) -> None:
    met = _play(software, [Allocation("solution_workshop", "production_director", 1)])
    away = _play(software, [Allocation("technical_exchange", "production_director", 1)])
    sid = [p.id for p in software.stakeholders].index("production_director")
    before_met = float(met.st.rel[0, sid, 0])
    before_away = float(away.st.rel[0, sid, 0])
    rec_met, rec_away = met.end_turn(), away.end_turn()  # the check fires at turn 4's start
    (check_met,) = [e for e in rec_met.events if e.kind == "team_check"]
    (check_away,) = [e for e in rec_away.events if e.kind == "team_check"]
    assert check_met.passed["hongtu"] is True
    assert check_away.passed["hongtu"] is False
    # The vendor that failed lost 35% of its relationship with the production director
    # (before this turn's own actions, which are none on her here).
    assert float(away.st.rel[0, sid, 0]) == pytest.approx(before_away * 0.65 * (1 - away.c.params.decay))
    assert float(met.st.rel[0, sid, 0]) == pytest.approx(before_met * (1 - met.c.params.decay))


def test_the_team_reads_its_own_verdict(software: Scenario) -> None:
    from game.present.events import describe_event

    g = _play(software, [Allocation("technical_exchange", "production_director", 1)])
    rec = g.end_turn()
    (check,) = [e for e in rec.events if e.kind == "team_check"]
    en = describe_event(g, check, "hongtu", "en")
    zh = describe_event(g, check, "hongtu", "zh")
    assert "project manager had met none of" in en and "lost standing" in en
    assert "项目经理" in zh and "准备不足" in zh


def test_a_check_on_a_pool_seat_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from game.scenario.load import ScenarioError

    text = (SCENARIOS / "rural_schools.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "events:\n",
        "events:\n  - {kind: team_check, turn: 7, role: pm, stakeholders: [expert_liu]}\n",
        1,
    )
    f = tmp_path / "bad.yaml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as exc:
        load_scenario(f)
    assert any("pool seat" in p.message for p in exc.value.problems)


def test_met_by_records_whose_days_met_whom(software: Scenario) -> None:
    g = _play(software, [Allocation("site_visit", "plant_manager", 1)])
    s = [p.id for p in software.stakeholders].index("plant_manager")
    met = g.st.met_by[0, s, 0]  # sales, presales, pm, executive
    # A reference visit here takes the account manager and a project manager (when it happened).
    assert met[1] == False and met[3] == False  # noqa: E712 - numpy booleans
    assert met[0] == met[2]
    assert np.any(g.st.last_contact[0, s, 0] > 0) == bool(met[2])
