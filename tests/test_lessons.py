"""The lessons of key-account selling, checked by Monte Carlo on every bundled scenario and seat.

Fixed seeds; every variant of one measurement plays the same worlds (common
random numbers), so differences come from play. Each test states its target
(from issue 9 and docs/MODEL.md section 12) and the margin the measured value
keeps above it. With n = 2,000 worlds a win rate's standard error is at most
0.011; a paired difference of two win rates (same dice) has a smaller one, at
most about 0.016 even were the two uncorrelated. "Observed" figures in the
comments are what these seeds give with the model of this writing.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from game.ai import policies
from game.analysis import lessons as L
from game.model.compiled import Compiled, compile_scenario
from game.scenario.load import load_scenario
from game.scenario.schema import Scenario
from tests.conftest import SCENARIOS

N = 2000
SEED = 2024
SEATS = [
    (name, v.id)
    for name in ("tutorial", "rural_schools", "group_defence", "software_division")
    for v in load_scenario(SCENARIOS / f"{name}.yaml").vendors
    if v.playable
]
IDS = [f"{n}-{s}" for n, s in SEATS]
MARKUPS = [i / 100 for i in range(0, 31)]


@cache
def scenario(name: str) -> Scenario:
    return load_scenario(SCENARIOS / f"{name}.yaml")


@cache
def compiled(name: str) -> Compiled:
    return compile_scenario(scenario(name))


@cache
def table(name: str, seat: str) -> dict[str, L.SeatResult]:
    return L.strategy_table(compiled(name), seat, N, SEED)


@cache
def best(name: str, seat: str) -> L.SeatResult:
    c = compiled(name)
    return L.play(c, seat, N, SEED, script=L.variant(c, c.vendor_ids.index(seat)))


def without(name: str, seat: str, modify: policies.Modifier) -> L.SeatResult:
    c = compiled(name)
    return L.play(c, seat, N, SEED, script=L.variant(c, c.vendor_ids.index(seat), modify))


# -- 1. Price is a real trade-off -----------------------------------------------------------


@pytest.mark.parametrize(("name", "seat"), SEATS, ids=IDS)
def test_price_has_an_interior_best_bid(name: str, seat: str) -> None:
    c = compiled(name)
    curve, ceiling = L.price_curve(c, seat, N, SEED, MARKUPS)
    best_point = max(curve, key=lambda p: p.expected)
    top = c.ceiling0 / c.cost[c.vendor_ids.index(seat)] - 1.0
    # Target: the best bid strictly inside (cost + 3%, ceiling - 3%); margin: at least one
    # grid step (1 point of markup) inside on each side (observed +9% to +17%).
    assert 0.03 + 0.01 <= best_point.markup <= top - 0.03 - 0.01, (best_point, top)
    # Target: a ceiling bid earns at most 1.1x the best interior bid (observed 0.12-0.47x, below 0 in group_defence).
    assert ceiling.expected <= 1.1 * best_point.expected, (ceiling, best_point)


@pytest.mark.parametrize("name", ["tutorial", "rural_schools", "group_defence", "software_division"])
def test_a_price_led_rival_wins_a_credible_share(name: str) -> None:
    sc = scenario(name)
    rivals = [v.id for v in sc.vendors if v.strategy == "price_aggressive" and not v.playable]
    assert rivals, "every bundled scenario has a price-led rival"
    seats = [s for n, s in SEATS if n == name]
    for rival in rivals:
        shares = {seat: table(name, seat)["best_practice"].win_rates[rival] for seat in seats}
        seat = max(shares, key=lambda k: shares[k])
        # Target: at least 15% in some seat (observed 16-24%); margin 1 point.
        assert shares[seat] >= 0.16, (rival, shares)
        c = compiled(name)
        r = c.vendor_ids.index(rival)
        res = L.batch.run(c, N, SEED, seat_strategy={seat: "best_practice"})
        # ... and in that seat it is not vetoed in most games (observed 1-40%); margin 5 points.
        assert float((res.award.vetoed_by[:, r] >= 0).mean()) <= 0.45


@pytest.mark.parametrize(("name", "seat"), SEATS, ids=IDS)
def test_price_cutter_never_out_earns_best_practice(name: str, seat: str) -> None:
    t = table(name, seat)
    # Bidding at cost leaves no margin: its expected result is what it spent, below zero.
    assert t["price_cutter"].expected < t["best_practice"].expected
    assert t["price_cutter"].expected <= 0.0


# -- 2. Coverage pays -------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "seat"), SEATS, ids=IDS)
def test_leaving_out_the_leaders_off_the_panel_costs(name: str, seat: str) -> None:
    drop = L.coverage_drop(compiled(name))
    assert drop.any()
    cost = best(name, seat).win - without(name, seat, L.without_people(drop)).win
    # Target: at least 3 points of win rate (observed 11-65 points); margin: 5 points.
    assert cost >= 0.03 + 0.05, cost


# -- 4. Knowledge pays --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "seat"),
    [s for s in SEATS if s[0] in ("rural_schools", "software_division")],
    ids=[i for s, i in zip(SEATS, IDS, strict=True) if s[0] in ("rural_schools", "software_division")],
)
def test_intelligence_is_worth_points(name: str, seat: str) -> None:
    cost = best(name, seat).win - without(name, seat, L.without_actions("intel")).win
    # Target: at least 2 points of win rate (observed 4.9-11.9); margin: 1 point.
    assert cost >= 0.02 + 0.01, cost


# -- 5. Relationships decay ----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "seat"), SEATS, ids=IDS)
def test_decay_explains_a_third_of_going_silent(name: str, seat: str) -> None:
    d = L.decay_share(scenario(name), seat, N, SEED)
    assert d.cost_with_decay > 0.1  # going silent for the last third costs clearly
    # Target: decay explains at least a third of it (observed 0.39-0.62); margin 0.02.
    assert d.share >= 1 / 3 + 0.02, d


# -- 6. Seniority and timing -----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "seat"), SEATS, ids=IDS)
def test_executive_meetings_pay_near_the_decision_and_waste_early_or_junior(
    name: str, seat: str
) -> None:
    full = best(name, seat).win
    none = without(name, seat, L.without_actions("executive_meeting")).win
    early = without(name, seat, L.only_when(False, "executive_meeting")).win
    late = without(name, seat, L.only_when(True, "executive_meeting")).win
    junior = without(name, seat, L.executive_on_junior).win
    if name in ("rural_schools", "software_division"):
        # Target: at least 5 points over none (observed 38-46); margin 10 points.
        assert full - none >= 0.05 + 0.10, (full, none)
    # Every seat: they add at least 5 points (observed 14-46, group_defence 38).
    assert full - none >= 0.05, (full, none)
    # On junior people they do nothing (observed: never better than none); margin 1 point.
    assert junior <= none + 0.01, (junior, none)
    # Near the decision they do most of the work (observed: late-only keeps 79-100% of it) ...
    assert late - none >= 0.6 * (full - none), (late, none, full)
    # ... too early they do little: at most 40% of it (observed 0-11%, software_division 31%;
    # model 4 counts an early one x 0.4, see docs/MODEL.md section 12); margin 5 points.
    assert early - none <= (0.4 - 0.05) * (full - none), (early, none, full)


# -- Team selling (issue 13): roles that act together ------------------------------------------


@pytest.mark.parametrize(
    ("name", "seat"),
    [s for s in SEATS if s[0] != "group_defence"],
    ids=[i for s, i in zip(SEATS, IDS, strict=True) if s[0] != "group_defence"],
)
def test_roles_acting_together_beat_roles_acting_alone(name: str, seat: str) -> None:
    """A team whose pre-sales consultant and project manager run workshops (and, in the
    software deal, reference visits) together, and whose project manager has met the plants
    before the customer asks (the software division's team check), against the same team
    with every joint action left out. group_defence's project manager has one day a month
    and the deal turns on the chairman and the handsets: there the joint actions add little."""
    c = compiled(name)
    alone = without(name, seat, L.roles_alone(c)).win
    together = best(name, seat).win
    # Observed 12-51 points; target: clearly (10 points), margin 2 points.
    assert together - alone >= 0.10 + 0.02, (together, alone)


# -- 7. No dead ends ----------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "seat"), SEATS, ids=IDS)
def test_an_introduction_opens_the_door(name: str, seat: str) -> None:
    intro = L.introduction_rate(compiled(name), seat, 500, SEED)
    assert intro.first_meetings >= 100
    # Target: the first meeting after an introduction happens at least 70% of the time
    # (observed 85-98%); margin 10 points.
    assert intro.rate >= 0.70 + 0.10, intro


# -- 8. Good practice wins ------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "seat"), SEATS, ids=IDS)
def test_best_practice_has_the_best_expected_result(name: str, seat: str) -> None:
    t = table(name, seat)
    bp = t["best_practice"]
    others = {k: r for k, r in t.items() if k != "best_practice"}
    runner = max(others, key=lambda k: others[k].expected)
    stake = compiled(name).ceiling0 - compiled(name).cost[compiled(name).vendor_ids.index(seat)]
    # Target: the highest expected result of every built-in strategy (observed lead 12-230%
    # of the runner-up's); margin: 1% of what the seat can make (ceiling - cost).
    assert bp.expected >= others[runner].expected + 0.01 * stake, (runner, others[runner], bp)


@pytest.mark.parametrize(("name", "seat"), SEATS, ids=IDS)
def test_best_practice_clearly_beats_spreading_evenly(name: str, seat: str) -> None:
    t = table(name, seat)
    lead = t["best_practice"].win - t["spread_even"].win
    # Target: a lead of at least 0.30 (observed 0.41-0.78); margin 3 points.
    assert lead >= 0.30 + 0.03, lead


def test_the_tutorial_rewards_spending_well_over_spending_nothing() -> None:
    t = table("tutorial", "player")
    assert t["best_practice"].spent > 0
    thrifty = max(t["passive"].expected, t["spread_even"].expected)  # they spend no money
    # Observed 34,000 against 23,000; margin 5,000 (about 2 standard errors).
    assert t["best_practice"].expected >= thrifty + 5000


# -- what the model shows -------------------------------------------------------------------------


def test_the_incumbent_can_win_while_bidding_above_a_rival() -> None:
    c = compiled("rural_schools")
    inc = c.vendor_ids.index("incumbent")
    res = L.batch.run(c, N, SEED, seat_strategy={"incumbent": "best_practice"})
    aw = res.award
    won = aw.winner == inc
    cheaper = aw.valid & (np.nan_to_num(aw.price, nan=np.inf) < aw.price[:, [inc]])
    cheaper[:, inc] = False
    assert won.sum() > 200
    # FIELD_NOTES 1.1: it won while bidding about 3% above a rival. Margin: half of its wins.
    assert (cheaper.any(axis=1) & won).sum() / won.sum() >= 0.5
