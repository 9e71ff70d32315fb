"""Games for the debrief tests: played by a baseline policy, or scripted turn by turn."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache

import numpy as np

from game.ai import policies
from game.ai.players import POLICIES
from game.engine.game import Allocation, Game
from game.engine.teams import TeamGame
from game.scenario import Scenario, load_scenario
from game.scenario.schema import ACTION_IDS
from tests.conftest import SCENARIOS

Plan = Callable[[Game, str], Sequence[Allocation]]


@cache
def scenario(name: str = "rural_schools") -> Scenario:
    return load_scenario(SCENARIOS / f"{name}.yaml")


def policy(name: str) -> Plan:
    """A team that plays like a baseline policy (from what the team can see)."""

    def plan(g: Game, vid: str) -> list[Allocation]:
        v = g.vendor_index(vid)
        obs = policies.observe(g.c, g.st, v)
        alloc = policies.plan(name, obs, g.st.streams.derived_rng(7, g.turn))[0]
        return [
            Allocation(ACTION_IDS[a], g.c.stakeholder_ids[s], int(alloc[s, a]))
            for s, a in zip(*np.nonzero(alloc), strict=True)
        ]

    return plan


def scripted(turns: Mapping[int, Sequence[tuple[str, str, int]]]) -> Plan:
    """A team that plays (action, person, amount) lists by turn; other turns pass."""

    def plan(g: Game, vid: str) -> list[Allocation]:
        return [Allocation(a, s, n) for a, s, n in turns.get(g.turn, [])]

    return plan


def play(
    plan: Plan,
    *,
    seed: int = 1,
    vendor: str = "incumbent",
    name: str = "rural_schools",
    markup: float | None = 0.12,
    price: float | None = None,
    team: str = "Team",
) -> TeamGame:
    """A finished game: ``plan`` every turn, then a bid (cost x (1 + markup), or ``price``)."""
    g = Game(scenario(name), seed, (vendor,), players=POLICIES)
    while g.phase == "turn":
        g.set_actions(vendor, plan(g, vendor))
        g.end_turn()
    v = g.vendor_index(vendor)
    bid = price if price is not None else (float(g.c.cost[v]) * (1 + markup) if markup is not None else None)
    g.submit_bid(vendor, bid)
    g.finish()
    return TeamGame(team, vendor, g)


def head_to_head(seed: int = 3, price_a: float = 23.6e6, price_b: float = 24.0e6) -> list[TeamGame]:
    """One rural_schools game with two teams (incumbent: best practice; national brand: technical)."""
    g = Game(scenario(), seed, ("incumbent", "national_brand"), players=POLICIES)
    a, b = policy("best_practice"), policy("technical")
    while g.phase == "turn":
        g.set_actions("incumbent", a(g, "incumbent"))
        g.set_actions("national_brand", b(g, "national_brand"))
        g.end_turn()
    g.submit_bid("incumbent", price_a)
    g.submit_bid("national_brand", price_b)
    g.finish()
    return [TeamGame("Red", "incumbent", g), TeamGame("Blue", "national_brand", g)]
