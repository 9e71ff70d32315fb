"""Team selling in the session (issue 13): the roles and what each may do, forecasts and peer
reviews kept in the log, who put each action in a plan handed in at zero."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.ai.players import POLICIES
from game.engine.game import Allocation, Game
from game.session.log import SessionError
from game.session.roles import Role, RoleError, action_roles, effective, needs, parse_roles
from tests.session_helpers import VISIT, FakeClock, make, reopen

AM, PS, PM, EX, OBS = Role.AM, Role.PRESALES, Role.PM, Role.EXECUTIVE, Role.OBSERVER


def test_an_action_belongs_to_the_roles_whose_days_it_costs(tmp_path: Path) -> None:
    g = make(tmp_path / "a.session.jsonl").game_of("Red")
    assert action_roles(g, "visit") == (AM,)
    assert action_roles(g, "technical_exchange") == (PS,)
    assert action_roles(g, "solution_workshop") == (PS, PM)
    assert action_roles(g, "executive_meeting") == (EX,)
    assert needs(g, "solution_workshop", {PS}) == (PM,)
    assert needs(g, "solution_workshop", {PS, PM}) == ()


def test_open_roles_fall_to_the_account_manager_or_to_everyone_while_nobody_holds_it() -> None:
    team = {"a": (AM,), "b": (PS,)}
    assert effective(team["a"], team) == {AM, PM, EX}  # pm and executive are nobody's: the AM's
    assert effective(team["b"], team) == {PS}
    alone = {"b": (PS,), "c": ()}
    assert effective((), alone) == {AM, PM, EX}  # nobody is AM: the open roles are everyone's
    assert effective((OBS,), {"o": (OBS,)}) == frozenset()
    assert effective((), {"solo": ()}) == set(Role) - {OBS}  # a team of one holds them all


@pytest.mark.parametrize("bad", [["boss"], ["observer", "am"]])
def test_roles_are_checked(bad: list[str]) -> None:
    with pytest.raises(RoleError) as e:
        parse_roles(bad)
    assert e.value.code == "bad_roles"


def test_roles_forecasts_and_reviews_are_kept_in_the_log(tmp_path: Path) -> None:
    clock = FakeClock()
    s = make(tmp_path / "f.session.jsonl", clock=clock)
    assert s.set_roles("Red", "m1", "Ada", ["pm", "presales"]) == ("presales", "pm")
    with pytest.raises(SessionError) as e:
        s.forecast("Red", 0.4, None)
    assert e.value.code == "no_forecast_now"
    s.open_round()
    assert s.forecast("Red", 0.4, 2_400_000, member="m1", by="Ada") == 1
    s.forecast("Red", 0.5, None)
    for bad in (-0.1, 1.5, float("nan")):
        with pytest.raises(SessionError) as e:
            s.forecast("Red", bad, None)
        assert e.value.code == "bad_forecast"
    with pytest.raises(SessionError) as e:
        s.peer_review("Red", "m1", "Ada", {"m2": 4})
    assert e.value.code == "not_yet"
    s.close()
    s2 = reopen(tmp_path / "f.session.jsonl", clock=clock)
    assert s2.roles("Red")["m1"].roles == ("presales", "pm")
    assert s2.forecasts("Red")[1].win == 0.5  # the last one of the round counts
    g = s2.game_of("Red")
    assert [(f.turn, f.win) for f in g.forecasts_of("incumbent")] == [(1, 0.5)]
    assert g.crew["incumbent"]["m1"].roles == ("presales", "pm")


def test_a_plan_handed_in_at_zero_keeps_who_added_each_action(tmp_path: Path) -> None:
    clock = FakeClock()
    s = make(tmp_path / "z.session.jsonl", clock=clock, at_zero="pass", round_seconds=60)
    s.open_round()
    meta = {
        "items": [{"id": "i1", "action": VISIT.action, "stakeholder": VISIT.stakeholder, "amount": 1,
                   "member": "m1", "by": "Ada", "roles": ["am"]}],
        "pending": [{"action": "solution_workshop", "stakeholder": VISIT.stakeholder, "amount": 1,
                     "member": "m2", "by": "Bo", "needs": ["pm"]}],
    }
    s.save_draft("Red", [VISIT], meta=meta)
    clock.advance(61)
    s.tick()  # at zero the round closes and the draft counts as the team's entry
    entry = s.entries_of("Red")[1]
    assert entry is not None and [a.action for a in entry.actions] == [VISIT.action]
    assert entry.items[0].by == "Ada" and entry.items[0].roles == ("am",)
    assert entry.unconfirmed[0].action == "solution_workshop" and entry.unconfirmed[0].needs == ("pm",)
    assert Allocation("solution_workshop", VISIT.stakeholder, 1) not in s.decisions("Red")[1]
    credits = s.game_of("Red").credits
    assert [(c.action, c.by, c.done) for c in credits] == [("visit", "Ada", True), ("solution_workshop", "Bo", False)]
    again = Game.replay(s.scenario, s.config.seed, s.game_of("Red").log, ("incumbent",), players=POLICIES)
    assert again.credits == credits  # a game file keeps them
