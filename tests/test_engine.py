"""Determinism, common random numbers, replay and the interactive Game's rules."""

from __future__ import annotations

import numpy as np
import pytest

from game.ai.players import POLICIES
from game.engine.game import Allocation, DecisionError, Game
from game.scenario import Scenario


def _play(sc: Scenario, seed: int, first: list[Allocation]) -> Game:
    g = Game(sc, seed, ("incumbent",), players=POLICIES)
    g.set_actions("incumbent", first)
    g.end_turn()
    g.set_actions("incumbent", [Allocation("technical_exchange", "centre_director", 2)])
    while g.phase == "turn":
        g.end_turn()
    g.submit_bid("incumbent", 24_000_000)
    g.finish()
    return g


FIRST = [Allocation("visit", "equipment_director", 2), Allocation("intel", "office_secretary", 1)]


def test_same_seed_same_game(rural: Scenario) -> None:
    a = _play(rural, 7, FIRST)
    b = _play(rural, 7, FIRST)
    assert a.records == b.records
    assert a.result == b.result


def test_different_seed_different_game(rural: Scenario) -> None:
    a = _play(rural, 7, FIRST)
    b = _play(rural, 8, FIRST)
    assert a.records != b.records


def test_replay_from_log_is_exact(rural: Scenario) -> None:
    a = _play(rural, 21, FIRST)
    b = Game.replay(rural, 21, a.log, ("incumbent",), players=POLICIES)
    assert b.records == a.records and b.result == a.result


def test_replay_part_then_continue(rural: Scenario) -> None:
    """Save after three turns, load, and continue: the same game as one played straight."""
    full = _play(rural, 5, FIRST)
    turns_log = [e for e in full.log if "turn" in e][:3]
    resumed = Game.replay(rural, 5, turns_log, ("incumbent",), players=POLICIES)
    while resumed.phase == "turn":
        resumed.end_turn()
    resumed.submit_bid("incumbent", 24_000_000)
    resumed.finish()
    assert resumed.records == full.records
    assert resumed.result == full.result


def test_common_random_numbers(rural: Scenario) -> None:
    """Changing one decision leaves every other draw as it was."""
    a = _play(rural, 3, FIRST)
    b = _play(rural, 3, [*FIRST, Allocation("visit", "finance_official", 1)])
    # Turn 1: the AI vendors decided on identical positions, so their cells are identical.
    rivals_a = [o for o in a.records[0].outcomes if o.vendor != "incumbent"]
    rivals_b = [o for o in b.records[0].outcomes if o.vendor != "incumbent"]
    assert rivals_a == rivals_b
    # The incumbent's unchanged cells met the same dice (same status, same fail chance).
    same = [o for o in a.records[0].outcomes if o.vendor == "incumbent"]
    other = {(o.stakeholder, o.action): o for o in b.records[0].outcomes if o.vendor == "incumbent"}
    for o in same:
        p = other[(o.stakeholder, o.action)]
        assert (o.status, o.fail_chance) == (p.status, p.fail_chance)
    # Random events fire on the same turns in both games.
    assert [[e.id for e in r.events] for r in a.records] == [
        [e.id for e in r.events] for r in b.records
    ]


def test_over_allocation_is_refused_with_what_remains(tutorial: Scenario) -> None:
    g = Game(tutorial, 1, ("player",), players=POLICIES)
    g.add("player", Allocation("visit", "president", 3))
    with pytest.raises(DecisionError, match=r"sales needs 2, 1 left"):
        g.add("player", Allocation("visit", "it_head", 2))
    assert g.remaining("player")["sales"] == 1


def test_unknown_ids_get_did_you_mean(tutorial: Scenario) -> None:
    g = Game(tutorial, 1, ("player",), players=POLICIES)
    with pytest.raises(DecisionError, match="did you mean 'it_head'"):
        g.add("player", Allocation("visit", "it_haed", 1))
    with pytest.raises(DecisionError, match="did you mean 'hospitality'"):
        g.add("player", Allocation("hospitalty", "it_head", 1))
    with pytest.raises(DecisionError, match="at least 1"):
        g.add("player", Allocation("visit", "it_head", 0))


def test_undo_restores_resources(tutorial: Scenario) -> None:
    g = Game(tutorial, 1, ("player",), players=POLICIES)
    before = g.remaining("player")
    g.add("player", Allocation("site_visit", "head_nurse", 1))
    assert g.remaining("player")["money"] < before["money"]
    assert g.undo("player") == Allocation("site_visit", "head_nurse", 1)
    assert g.remaining("player") == before


def test_turn_record_explains_actions(tutorial: Scenario) -> None:
    g = Game(tutorial, 4, ("player",), players=POLICIES)
    g.add("player", Allocation("visit", "it_head", 2))
    g.add("player", Allocation("executive_meeting", "president", 1))
    rec = g.end_turn()
    mine = [o for o in rec.outcomes if o.vendor == "player"]
    assert {(o.stakeholder, o.action) for o in mine} == {
        ("it_head", "visit"),
        ("president", "executive_meeting"),
    }
    for o in mine:
        assert o.status in ("done", "no_meeting", "refused", "backfired")
        assert 0 <= o.fail_chance <= 1
        if o.status == "done" and o.action == "visit":
            assert o.d_relationship > 0
    # No relationship with the president yet: the executive meeting is refused, with the reason.
    ex = next(o for o in mine if o.action == "executive_meeting")
    assert ex.status == "refused" and ex.reason == "no_relationship"


def test_result_has_scores_margins_and_expectation(tutorial: Scenario) -> None:
    g = Game(tutorial, 2, ("player",), players=POLICIES)
    while g.phase == "turn":
        g.end_turn()
    g.submit_bid("player", 1_000_000)
    res = g.finish()
    assert abs(sum(v.win_probability for v in res.vendors) + 0.0 - 1.0) < 0.05 or res.failed
    me = res.vendor("player")
    assert me.margin_if_won is not None
    assert me.margin_if_won == pytest.approx(1_000_000 - me.cost)
    assert me.expected_result == pytest.approx(me.win_probability * me.margin_if_won - me.spent)
    w = res.weights
    for v in res.vendors:
        if v.valid:
            expect = (
                w["technical"] * v.technical
                + w["price"] * v.price_score
                + w["commercial"] * v.commercial
                + v.committee
            )
            assert v.total == pytest.approx(expect)


def test_bid_over_ceiling_is_invalid(tutorial: Scenario) -> None:
    g = Game(tutorial, 2, ("player",), players=POLICIES)
    while g.phase == "turn":
        g.end_turn()
    assert "over_ceiling" in g.check_bid("player", g.ceiling * 1.01)
    g.submit_bid("player", g.ceiling * 1.01)
    res = g.finish()
    assert res.vendor("player").over_ceiling and not res.vendor("player").valid
    assert res.winner != "player"


def test_fog_hides_cares_until_intel(tutorial: Scenario) -> None:
    g = Game(tutorial, 9, ("player",), players=POLICIES)
    view = {p.id: p for p in g.view("player")}
    assert all(p.cares_level == 0 and p.cares == {} for p in view.values())
    lo, hi = view["it_head"].stance
    assert hi - lo > 0.3  # a wide range when nothing is known
    for _ in range(3):
        g.add("player", Allocation("intel", "it_head", 2))
        g.end_turn()
        if {p.id: p for p in g.view("player")}["it_head"].cares_level == 2:
            break
    known = {p.id: p for p in g.view("player")}["it_head"]
    assert known.cares_level >= 1 and known.cares
    assert known.stance[1] - known.stance[0] < hi - lo


def test_events_fire_and_change_state(rural: Scenario) -> None:
    g = Game(rural, 1, ("incumbent",), players=POLICIES)
    replaced_turn = next(e.turn for e in rural.events if e.kind == "stakeholder_replaced")
    assert replaced_turn is not None
    while g.turn <= replaced_turn:
        g.end_turn()
    fired = [e.kind for r in g.records for e in r.events]
    assert "stakeholder_replaced" in fired
    assert any(p.replaced for p in g.view("incumbent"))


def test_ai_allocations_respect_resources(rural: Scenario) -> None:
    g = Game(rural, 1, ("incumbent",), players=POLICIES)
    for _ in range(4):
        for al in g.ai_allocations("incumbent"):
            g.add("incumbent", al)  # raises if the AI overspent
        assert all(v >= -1e-9 for v in g.remaining("incumbent").values())
        g.end_turn()
    spent = np.asarray(g.records[-1].spent)
    assert (spent <= np.array([v.resources.budget for v in rural.vendors]) + 1e-6).all()


def test_trainer_event_added_during_play_replays(tutorial: Scenario) -> None:
    g = Game(tutorial, 6, ("player",), players=POLICIES)
    g.end_turn()
    idx = g.add_event(
        {"kind": "budget_cut", "ceiling_factor": 0.9, "text": {"en": "Cut", "zh": "削减"}}
    )
    rec = g.end_turn(inject=(idx,))
    assert "budget_cut" in [e.kind for e in rec.events]
    assert g.ceiling == pytest.approx(tutorial.tender.ceiling * 0.9)
    again = Game.replay(tutorial, 6, g.log, ("player",), players=POLICIES)
    assert again.records == g.records
    with pytest.raises(DecisionError, match="did you mean 'it_head'"):
        g.add_event({"kind": "stakeholder_replaced", "stakeholder": "it_haed"})
    with pytest.raises(DecisionError, match="event"):
        g.add_event({"kind": "budget_cutt"})


def test_added_events_shift_no_other_dice(tutorial: Scenario) -> None:
    a = Game(tutorial, 8, ("player",), players=POLICIES)
    b = Game(tutorial, 8, ("player",), players=POLICIES)
    b.add_event({"kind": "rumour", "deck": True, "reliability": 0.3})
    for g in (a, b):
        g.add("player", Allocation("visit", "it_head", 2))
    ra, rb = a.end_turn(), b.end_turn()
    assert ra.outcomes == rb.outcomes


def test_beliefs_are_recorded_and_replayed(tutorial: Scenario) -> None:
    g = Game(tutorial, 3, ("player",), players=POLICIES)
    g.record_belief("player", "it_head", stance=0.4, cares={"technical": 3, "service": 1})
    g.end_turn()
    b = g.beliefs[0]
    assert b.turn == 1 and b.cares == {"technical": 0.75, "service": 0.25}
    again = Game.replay(tutorial, 3, g.log, ("player",), players=POLICIES)
    assert again.beliefs == g.beliefs and again.records == g.records
    with pytest.raises(DecisionError, match="between 0 and 1"):
        g.record_belief("player", "it_head", stance=1.5)
    true_stance, cares = g.truth("it_head", "player")
    assert 0 <= true_stance <= 1 and abs(sum(cares.values()) - 1) < 1e-9


def test_cell_dice_are_uniform_and_normal() -> None:
    """Each cell's 64-bit word gives a uniform meeting draw and a standard normal noise
    (MODEL_VERSION 4). 200,000 words, fixed seed; margins are 5+ standard errors."""
    from game.engine.turn import cell_dice

    words = np.random.default_rng(7).integers(0, 2**64 - 1, size=200_000, dtype=np.uint64, endpoint=True)
    u, z = cell_dice(words)
    assert u.dtype == np.float32 and u.min() >= 0.0 and u.max() < 1.0
    assert abs(float(u.mean()) - 0.5) < 0.004  # se 0.00065
    assert abs(float(z.mean())) < 0.012  # se 0.0022
    assert abs(float(z.std()) - 1.0) < 0.01  # se 0.0016
    assert abs(float(np.mean(z > 1.96)) - 0.025) < 0.002  # the tails are there ...
    assert float(np.abs(z).max()) < 5.4  # ... and bounded
    # u and z come from separate bits: no correlation.
    assert abs(float(np.corrcoef(u, z)[0, 1])) < 0.012
