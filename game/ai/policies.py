"""AI competitors and baseline strategies: pure functions of what a vendor can see.

A policy turns an observation (public facts about the committee, the vendor's
own fog-of-war readings, its own relationships and contacts, its remaining
budget) and its own generator into allocations [W,S,A] and a bid [W]. Each
policy scores every (person, action) pair, then spends its days one unit at a
time on the best marginal value (effort saturates, so focus emerges where the
scores are high and spreading where they are even).

Personas (assigned to AI vendors in scenarios): price_aggressive,
relationship, technical, balanced. Baselines (for a player's seat, used by
simulate, balance and tests): passive, spread_even, focus_decision_maker,
price_cutter, best_practice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from game.engine.fog import Readings, readings
from game.engine.state import State
from game.model.compiled import Compiled
from game.scenario.schema import ACTION_IDS, ROLES

F = NDArray[np.float64]
B = NDArray[np.bool_]

A: dict[str, int] = {a: i for i, a in enumerate(ACTION_IDS)}
R: dict[str, int] = {r: i for i, r in enumerate(ROLES)}

PERSONAS = ("price_aggressive", "relationship", "technical", "balanced")
BASELINES = ("passive", "spread_even", "focus_decision_maker", "price_cutter", "best_practice")


@dataclass(frozen=True)
class Obs:
    """What vendor ``vendor`` sees in W worlds."""

    c: Compiled
    vendor: int
    turn: int
    pub_turn: NDArray[np.int64]  # [W]
    read: Readings
    rel_own: F  # [W,S] reading midpoint of own relationship
    last_contact: NDArray[np.int64]  # [W,S] own last contact turn
    budget_left: F  # [W]
    ceiling: F  # [W]
    price_cut: F  # [W] own announced cut (offensive)

    @property
    def W(self) -> int:
        return int(self.budget_left.shape[0])

    @property
    def published(self) -> B:
        out: B = self.turn >= self.pub_turn
        return out

    @property
    def turns_left(self) -> int:
        return self.c.turns - self.turn + 1


def observe(c: Compiled, st: State, vendor: int, x: F | None = None) -> Obs:
    rd = readings(c, st, vendor, x, full=False)
    return Obs(
        c=c,
        vendor=vendor,
        turn=st.turn,
        pub_turn=st.pub_turn,
        read=rd,
        rel_own=(rd.rel_lo + rd.rel_hi) / 2,
        last_contact=st.last_contact[:, :, vendor],
        budget_left=c.budget[vendor] - st.spent[:, vendor],
        ceiling=st.ceiling,
        price_cut=st.price_cut[:, vendor],
    )


def allocate(
    obs: Obs, q: F, pace: float = 1.5, min_value: float = 1e-3, money_limit: F | None = None
) -> F:
    """Spend days and money one unit at a time on the best marginal value q [W,S,A].

    Actions are taken pool by pool (executive, then project-manager, pre-sales
    and sales days); money is shared and paced over the turns left.
    """
    c = obs.c
    W, S, Aa = q.shape
    days = np.broadcast_to(c.per_turn[obs.vendor], (W, 4)).copy()
    money = np.minimum(obs.budget_left, obs.budget_left / max(obs.turns_left, 1) * pace)
    if money_limit is not None:
        money = np.minimum(money, np.maximum(money_limit, 0.0))
    cost_days = c.cost_table[:, :4]
    cost_money = c.cost_table[:, 4]
    step = np.exp(-1.0 / c.saturation)  # marginal value of the next unit relative to this one
    alloc = np.zeros((W, S, Aa))
    rows = np.arange(W)
    for pool, acts in c.pools:
        sub = q[:, :, acts] * (1.0 - step[acts])
        if not (sub > min_value).any():
            continue
        n_a = len(acts)
        val = sub.reshape(W, S * n_a)
        step_c = np.tile(step[acts], S)
        need_days = cost_days[acts][None]
        need_money = cost_money[acts][None]
        cells_days = cost_days[acts]
        cells_money = cost_money[acts]
        units = int(c.per_turn[obs.vendor, pool]) if pool >= 0 else 4
        for _ in range(units):
            ok = (days[:, None, :] >= need_days).all(axis=-1) & (money[:, None] >= need_money)
            masked = (val.reshape(W, S, n_a) * ok[:, None, :]).reshape(W, S * n_a)
            idx = masked.argmax(axis=1)
            best = masked[rows, idx]
            go = best > min_value
            if not go.any():
                break
            j = idx % n_a
            g = go.astype(float)
            alloc[rows, idx // n_a, acts[j]] += g
            days -= cells_days[j] * g[:, None]
            money -= cells_money[j] * g
            val[rows, idx] *= np.where(go, step_c[idx], 1.0)
    return alloc


# -- features ---------------------------------------------------------------


def importance(c: Compiled) -> F:
    """[S] how much a person matters: influence, veto and panel seat."""
    imp = c.influence * (1.0 + 1.0 * c.veto + 0.5 * c.panel)
    out: F = imp / imp.max()
    return out


def reach(c: Compiled) -> F:
    """[S] importance counting what flows through a person: own influence plus the
    influence of those who listen to them, times their share; veto and panel seat weigh extra."""
    flow = c.listens.T @ c.influence
    imp = (c.influence + flow) * (1.0 + 1.0 * c.veto + 0.5 * c.panel)
    out: F = imp / imp.max()
    return out


def _role_mask(c: Compiled, *roles: str) -> F:
    return np.isin(c.role, [R[r] for r in roles]).astype(float)


def _blank(obs: Obs) -> F:
    return np.zeros((obs.W, obs.c.S, len(ACTION_IDS)))


def _exec_ok(obs: Obs) -> F:
    """[W,S] an executive meeting would be accepted and worth it."""
    return (
        (obs.rel_own >= obs.c.params.exec_min_relationship + 0.05) & obs.c.exec_ok[None]
    ).astype(float)


def _stale(obs: Obs, gap: int = 2) -> F:
    """[W,S] 1 where the last contact is at least ``gap`` turns ago (or never)."""
    return ((obs.turn - obs.last_contact) >= gap).astype(float)


# -- personas and baselines ---------------------------------------------------


def q_passive(obs: Obs) -> F:
    return _blank(obs)


def q_spread_even(obs: Obs) -> F:
    q = _blank(obs)
    q[..., A["visit"]] = 1.0
    q[..., A["technical_exchange"]] = 1.0
    return q


def q_focus_decision_maker(obs: Obs) -> F:
    c = obs.c
    dm = _role_mask(c, "decision_maker")
    top = dm * (c.seniority == c.seniority[dm > 0].max()) if dm.any() else importance(c)
    q = _blank(obs)
    q[..., A["visit"]] = top
    q[..., A["executive_meeting"]] = top * 1.3 * _exec_ok(obs)
    q[..., A["hospitality"]] = top * 0.9
    q[..., A["technical_exchange"]] = top * 0.5
    return q


def q_price_cutter(obs: Obs) -> F:
    q = _blank(obs)
    c = obs.c
    q[..., A["visit"]] = 0.3 * (_role_mask(c, "procurement", "decision_maker") + 0.2)
    return q


def q_price_aggressive(obs: Obs) -> F:
    c = obs.c
    imp = importance(c)
    q = _blank(obs)
    q[..., A["visit"]] = imp * (0.4 + _role_mask(c, "procurement", "decision_maker"))
    q[..., A["technical_exchange"]] = 0.3 * imp * _role_mask(c, "technical")
    return q


def q_relationship(obs: Obs) -> F:
    c = obs.c
    imp = importance(c)
    senior = (c.seniority / 3.0)[None]
    q = _blank(obs)
    q[..., A["visit"]] = imp * (
        0.6 + 0.4 * _role_mask(c, "decision_maker", "influencer", "gatekeeper")
    )
    q[..., A["hospitality"]] = imp * senior * (1.0 - 0.6 * c.compliance)
    q[..., A["executive_meeting"]] = 1.4 * imp * senior * _exec_ok(obs)
    q[..., A["technical_exchange"]] = 0.3 * imp * _role_mask(c, "technical")
    q[..., A["intel"]] = 0.4 * imp * (obs.read.know < 0.35) * (obs.turn <= 2)
    return q


def q_technical(obs: Obs) -> F:
    c = obs.c
    imp = importance(c)
    early = (~obs.published)[:, None].astype(float)
    tech = _role_mask(c, "technical", "user")
    q = _blank(obs)
    q[..., A["technical_exchange"]] = imp * (0.4 + tech)
    q[..., A["solution_workshop"]] = imp * (0.3 + tech) * (0.4 + early)
    q[..., A["site_visit"]] = 0.8 * imp * _role_mask(c, "user", "technical", "decision_maker")
    q[..., A["visit"]] = 0.5 * imp
    return q


def q_balanced(obs: Obs) -> F:
    c = obs.c
    imp = importance(c)
    early = (~obs.published)[:, None].astype(float)
    late = (obs.turn >= obs.pub_turn - 1)[:, None].astype(float)
    q = _blank(obs)
    q[..., A["visit"]] = imp * (0.5 + 0.5 * _stale(obs))
    q[..., A["technical_exchange"]] = imp * _role_mask(c, "technical", "user")
    q[..., A["solution_workshop"]] = (
        0.8 * imp * _role_mask(c, "technical", "user", "decision_maker") * early
    )
    q[..., A["executive_meeting"]] = imp * _exec_ok(obs) * (0.5 + late)
    q[..., A["site_visit"]] = 0.5 * imp * _role_mask(c, "user", "decision_maker")
    q[..., A["intel"]] = 0.5 * imp * (obs.read.know < 0.35) * (obs.turn <= 2)
    return q


def q_best_practice(obs: Obs) -> F:
    """Learn first, cover every role, shape early, escalate with seniority, keep warm, avoid risky gifts.

    Importance counts what flows through a person (others listen to them), not
    only their own influence.
    """
    c = obs.c
    imp = reach(c)
    early = (~obs.published)[:, None].astype(float)
    late = (obs.turn >= obs.pub_turn - 1)[:, None].astype(float)
    unknown = (obs.read.know < 0.35).astype(float)
    key = (imp >= 0.4).astype(float)
    cover = 0.3 + imp  # every role gets some attention
    warm = np.clip(1.15 - obs.rel_own, 0.2, 1.0)  # little to gain where the relationship is already strong
    q = _blank(obs)
    q[..., A["intel"]] = (
        0.7 * imp * key * unknown * early * (obs.turn <= 2)
        + 0.5 * c.can_coach * (obs.rel_own < 0.6) * early
    )
    q[..., A["visit"]] = cover * warm * (0.6 + 0.6 * _stale(obs))
    q[..., A["technical_exchange"]] = (
        cover * _role_mask(c, "technical", "user", "influencer") * (0.5 + early)
    )
    q[..., A["solution_workshop"]] = (
        1.6 * imp * _role_mask(c, "technical", "user", "decision_maker") * early
    )
    q[..., A["site_visit"]] = (
        imp * _role_mask(c, "user", "decision_maker", "technical") * (0.5 + 0.5 * early)
    )
    # Executive meetings with senior people: building access early, pressing late.
    q[..., A["executive_meeting"]] = (
        1.6 * imp * warm * _exec_ok(obs) * (0.5 + 0.5 * late) * (c.seniority >= 2)
    )
    q[..., A["hospitality"]] = 0.4 * imp * warm * (c.compliance < 0.35) * (obs.rel_own > 0.2)
    return q


Q_FUNCS: dict[str, Callable[[Obs], F]] = {
    "passive": q_passive,
    "spread_even": q_spread_even,
    "focus_decision_maker": q_focus_decision_maker,
    "price_cutter": q_price_cutter,
    "price_aggressive": q_price_aggressive,
    "relationship": q_relationship,
    "technical": q_technical,
    "balanced": q_balanced,
    "best_practice": q_best_practice,
}

# Bid markup over cost for baselines (AI personas use the vendor's bid rule).
BASELINE_MARKUP = {
    "passive": 0.12,
    "spread_even": 0.12,
    "focus_decision_maker": 0.12,
    "price_cutter": 0.0,
    "best_practice": 0.12,
}


def plan(name: str, obs: Obs, rng: np.random.Generator) -> F:
    """Allocations [W,S,A] for one turn; small jitter breaks ties differently per world."""
    q = Q_FUNCS[name](obs)
    if name not in ("passive", "spread_even"):
        q = q * rng.uniform(0.9, 1.1, size=q.shape)
    limit = None
    if name == "best_practice":
        # Spend on the campaign at most half the margin the bid aims for.
        c = obs.c
        cap = 0.5 * BASELINE_MARKUP["best_practice"] * c.cost[obs.vendor]
        spent = c.budget[obs.vendor] - obs.budget_left
        limit = cap - spent
    return allocate(obs, q, money_limit=limit)


def bid(name: str, obs: Obs, rng: np.random.Generator, *, seat: bool = False) -> F:
    """Bid price [W] for one vendor.

    AI vendors use their scenario bid rule; a baseline strategy in a player's
    seat (``seat=True``) uses the baseline's own markup, capped at 97% of the ceiling.
    """
    c = obs.c
    rule = c.scenario.vendors[obs.vendor].bid
    baseline = seat and name in BASELINE_MARKUP
    markup = BASELINE_MARKUP[name] if baseline else rule.markup
    cap = 0.97 if baseline else rule.max_share_of_ceiling
    jitter = rng.uniform(-0.015, 0.015, size=obs.W)
    price = c.cost[obs.vendor] * (1.0 + markup + jitter) * (1.0 - obs.price_cut)
    out: F = np.minimum(price, obs.ceiling * cap)
    return out
