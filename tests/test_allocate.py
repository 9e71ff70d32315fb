"""The fast allocation (each world's few best cells, with a fallback) equals the plain
one-unit-at-a-time choice over every cell."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from game.ai import batch, policies
from game.ai.policies import Obs
from game.engine.state import new_state
from game.model.compiled import compile_scenario
from game.scenario.load import load_scenario
from tests.conftest import SCENARIOS

F = np.ndarray
Kw = dict[str, Any]


def reference(
    obs: Obs,
    q: F,
    pace: float = 1.5,
    min_value: float = 1e-3,
    money_limit: F | None = None,
    money_price: float = 0.0,
    first_contact: F | None = None,
) -> F:
    """The plain greedy: every cell, one unit at a time."""
    c = obs.c
    W, S, Aa = q.shape
    days = np.broadcast_to(c.per_turn[obs.vendor], (W, 4)).copy()
    money = np.minimum(obs.budget_left, obs.budget_left / max(obs.turns_left, 1) * pace)
    if money_limit is not None:
        money = np.minimum(money, np.maximum(money_limit, 0.0))
    cost_days = c.cost_table[:, :4]
    cost_money = c.cost_table[:, 4]
    step = np.exp(-1.0 / c.saturation)
    alloc = np.zeros((W, S, Aa))
    rows = np.arange(W)
    touched = np.zeros((W, S), dtype=bool)
    bonus = np.zeros((W, S)) if first_contact is None else first_contact
    for pool, acts in c.pools:
        sub = q[:, :, acts] * (1.0 - step[acts])
        n_a = len(acts)
        val = sub.reshape(W, S * n_a).copy()
        step_c = np.tile(step[acts], S)
        need_days = cost_days[acts][None]
        need_money = cost_money[acts][None]
        units = int(c.per_turn[obs.vendor, pool]) if pool >= 0 else 4
        charge = np.tile(cost_money[acts] * money_price, S)[None]
        for _ in range(units):
            ok = (days[:, None, :] >= need_days).all(axis=-1) & (money[:, None] >= need_money)
            first = (bonus * ~touched)[:, :, None]
            v3 = val.reshape(W, S, n_a)
            value = v3 + first * (v3 > 0) - charge.reshape(1, S, n_a)
            masked = np.where(ok[:, None, :], value, -np.inf).reshape(W, S * n_a)
            idx = masked.argmax(axis=1)
            go = masked[rows, idx] > min_value
            if not go.any():
                break
            j = idx % n_a
            g = go.astype(float)
            alloc[rows, idx // n_a, acts[j]] += g
            touched[rows, idx // n_a] |= go
            days -= cost_days[acts][j] * g[:, None]
            money -= cost_money[acts][j] * g
            val[rows, idx] *= np.where(go, step_c[idx], 1.0)
    return alloc


@pytest.mark.parametrize("name", ["tutorial", "rural_schools", "group_defence", "software_division"])
def test_fast_allocation_equals_the_plain_greedy(name: str) -> None:
    c = compile_scenario(load_scenario(SCENARIOS / f"{name}.yaml"))
    st = new_state(c, 300, 5)
    names = batch.strategies_for(c)
    rng = np.random.default_rng(1)
    checked = 0
    while st.turn <= c.turns:
        sn = policies.seen(c, st)
        for v in range(c.V):
            obs = policies.observe(c, st, v, sn)
            q = policies.q_best_practice(obs) * rng.uniform(0.5, 1.5, size=(st.W, c.S, 7))
            q[rng.random(q.shape) < 0.2] *= -1  # some actions not worth taking
            warm = rng.random((st.W, c.S)) * 0.02
            limit = rng.uniform(0, c.budget[v] + 1, size=st.W)
            options: list[Kw] = [{}, {"money_price": 2e-7, "first_contact": warm, "money_limit": limit}]
            for kwargs in options:
                got = policies.allocate(obs, q, **kwargs)
                want = reference(obs, q, **kwargs)
                assert np.array_equal(got, want), (name, st.turn, v, kwargs.keys())
                checked += 1
        batch.play_turns(c, st, names, until=st.turn)
    assert checked == 2 * c.V * c.turns


@pytest.mark.parametrize("name", ["tutorial", "rural_schools", "group_defence", "software_division"])
def test_one_world_allocation_equals_the_arrays(name: str) -> None:
    """The plain-Python path for one world gives the arrays' choice, world by world."""
    c = compile_scenario(load_scenario(SCENARIOS / f"{name}.yaml"))
    st = new_state(c, 60, 9)
    names = batch.strategies_for(c)
    rng = np.random.default_rng(3)
    while st.turn <= c.turns:
        sn = policies.seen(c, st)
        for v in range(c.V):
            obs = policies.observe(c, st, v, sn)
            q = policies.q_best_practice(obs) * rng.uniform(0.5, 1.5, size=(st.W, c.S, 7))
            warm = rng.random((st.W, c.S)) * 0.02
            options: list[Kw] = [{}, {"money_price": 2e-7, "first_contact": warm}]
            for kwargs in options:
                many = reference(obs, q, **kwargs)
                for w in range(0, st.W, 7):
                    one = policies.Obs(
                        **{
                            k: (getattr(obs, k)[w : w + 1] if isinstance(getattr(obs, k), np.ndarray) and getattr(obs, k).ndim and getattr(obs, k).shape[0] == st.W else getattr(obs, k))
                            for k in obs.__dataclass_fields__
                        }
                    )
                    kw: Kw = dict(kwargs)
                    if "first_contact" in kw:
                        kw["first_contact"] = warm[w : w + 1]
                    got = policies.allocate(one, q[w : w + 1], **kw)
                    assert np.array_equal(got[0], many[w]), (name, st.turn, v, w)
        batch.play_turns(c, st, names, until=st.turn)
