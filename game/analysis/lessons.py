"""Measuring the lessons the game must teach, by Monte Carlo on one scenario and seat.

Each function plays the seat with ``best_practice`` (or a variant of it with
one lesson taken out) against the scenario's AI, in ``n`` worlds with a fixed
seed: every variant of one measurement faces the same dice (common random
numbers), so differences come from play. tests/test_lessons.py states the
targets and margins; docs/MODEL.md section 12 reports the figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from game.ai import batch, policies
from game.engine.batch import BatchResult, Script
from game.engine.state import State, new_state
from game.engine.turn import stance
from game.model.compiled import Compiled, compile_scenario
from game.model.tender import current_spec, evaluate, vetoes
from game.scenario.schema import ACTION_IDS, Scenario

F = NDArray[np.float64]
A: dict[str, int] = {a: i for i, a in enumerate(ACTION_IDS)}
BEST = "best_practice"


@dataclass(frozen=True)
class SeatResult:
    """One seat's results over n worlds."""

    win: float  # share of worlds won
    expected: float  # mean result: won x (price - cost) - money spent
    spent: float  # mean money spent
    vetoed: float  # share of worlds the seat was vetoed
    win_rates: dict[str, float]  # every vendor's share of worlds won


def seat_result(c: Compiled, res: BatchResult, v: int) -> SeatResult:
    aw = res.award
    won = aw.winner == v
    margin = np.where(aw.bid[:, v], np.nan_to_num(aw.price[:, v]) - c.cost[v], 0.0)
    result = np.where(won, margin, 0.0) - res.spent[:, v]
    return SeatResult(
        win=float(won.mean()),
        expected=float(result.mean()),
        spent=float(res.spent[:, v].mean()),
        vetoed=float((aw.vetoed_by[:, v] >= 0).mean()),
        win_rates={vid: float((aw.winner == i).mean()) for i, vid in enumerate(c.vendor_ids)},
    )


def variant(c: Compiled, v: int, modify: policies.Modifier | None = None, *,
            silent_from: int | None = None) -> Script:
    """best_practice for vendor v with its values edited by ``modify``, silent from a turn on."""

    def script(turn: int, st: State) -> F:
        if silent_from is not None and turn >= silent_from:
            return np.zeros((st.W, c.S, len(ACTION_IDS)))
        obs = policies.observe(c, st, v)
        return policies.plan(BEST, obs, st.streams.ai_rng(v, turn), modify)

    return script


def play(c: Compiled, seat: str, n: int, seed: int, *, strategy: str = BEST,
         script: Script | None = None) -> SeatResult:
    v = c.vendor_ids.index(seat)
    res = batch.run(c, n, seed, seat_strategy={seat: strategy},
                    scripts={v: script} if script is not None else None)
    return seat_result(c, res, v)


def strategy_table(c: Compiled, seat: str, n: int, seed: int,
                   strategies: Sequence[str] = (*policies.BASELINES, *policies.PERSONAS)
                   ) -> dict[str, SeatResult]:
    """Every built-in strategy in the seat, the scenario's AI elsewhere."""
    return {name: play(c, seat, n, seed, strategy=name) for name in strategies}


@dataclass(frozen=True)
class PricePoint:
    markup: float  # over cost; the bid is min(cost x (1 + markup), the world's ceiling)
    win: float
    expected: float


def price_curve(c: Compiled, seat: str, n: int, seed: int,
                markups: Sequence[float]) -> tuple[list[PricePoint], PricePoint]:
    """Expected result against the bid, best_practice's campaign held fixed.

    The campaign is played once; the award is evaluated again at every bid with the same
    dice. Returns the curve and the point for a bid at each world's ceiling.
    """
    v = c.vendor_ids.index(seat)
    names = batch.strategies_for(c, {seat: BEST})
    st = new_state(c, n, seed)
    batch.play_turns(c, st, names)
    bids = batch.policy_bids(c, st, names, frozenset({v}))
    rng = st.streams.dice_rng(0)
    z = rng.standard_normal((n, c.S, c.V))
    u = rng.random((n, c.V))
    x = stance(c, st)
    spec = current_spec(c, st.spec_base, st.pull)
    spent = float(st.spent[:, v].mean())
    blocked = vetoes(c, x)  # the same position at every bid

    def at(price: F) -> tuple[float, float]:
        bb = bids.copy()
        bb[:, v] = price
        aw = evaluate(c, price=bb, stance=x, spec=spec, quality=st.quality,
                      weights=st.weights, ceiling=st.ceiling, z_eval=z, u_disq=u,
                      blocked=blocked)
        won = aw.winner == v
        return float(won.mean()), float((won * (price - c.cost[v])).mean()) - spent

    curve = []
    for m in markups:
        w, e = at(np.minimum(c.cost[v] * (1.0 + m), st.ceiling))
        curve.append(PricePoint(m, w, e))
    w, e = at(st.ceiling.copy())
    return curve, PricePoint(float(np.mean(st.ceiling / c.cost[v] - 1.0)), w, e)


def coverage_drop(c: Compiled) -> NDArray[np.bool_]:
    """[S] people with influence >= 0.08 who hold no veto and sit on no panel."""
    out: NDArray[np.bool_] = (c.influence >= 0.08) & ~c.veto & ~c.panel
    return out


def without_people(mask: NDArray[np.bool_]) -> policies.Modifier:
    def modify(obs: policies.Obs, q: F) -> F:
        q = q.copy()
        q[:, mask] = 0.0
        return q
    return modify


def without_actions(*actions: str) -> policies.Modifier:
    def modify(obs: policies.Obs, q: F) -> F:
        q = q.copy()
        for a in actions:
            q[..., A[a]] = 0.0
        return q
    return modify


def with_params(sc: Scenario, **params: float) -> Compiled:
    """The scenario compiled with some model parameters changed (for ablations)."""
    model = sc.model.model_copy(update=params)
    return compile_scenario(sc.model_copy(update={"model": model}))


@dataclass(frozen=True)
class Ablation:
    full: SeatResult
    without: SeatResult

    @property
    def cost(self) -> float:
        """Win rate lost by taking the lesson out."""
        return self.full.win - self.without.win


def ablation(c: Compiled, seat: str, n: int, seed: int, modify: policies.Modifier) -> Ablation:
    v = c.vendor_ids.index(seat)
    return Ablation(play(c, seat, n, seed),
                    play(c, seat, n, seed, script=variant(c, v, modify)))


@dataclass(frozen=True)
class DecayShare:
    cost_with_decay: float  # win rate lost by going silent for the last third
    cost_without_decay: float  # the same with decay = 0

    @property
    def share(self) -> float:
        if self.cost_with_decay <= 0:
            return 0.0
        return (self.cost_with_decay - self.cost_without_decay) / self.cost_with_decay


def decay_share(sc: Scenario, seat: str, n: int, seed: int) -> DecayShare:
    """How much of the cost of going silent for the last third is relationships decaying:
    the same plans played again with no decay."""
    costs = []
    for c in (compile_scenario(sc), with_params(sc, decay=0.0, fit_decay=0.0)):
        v = c.vendor_ids.index(seat)
        silent_from = c.turns - c.turns // 3 + 1
        full = play(c, seat, n, seed)
        silent = play(c, seat, n, seed, script=variant(c, v, silent_from=silent_from))
        costs.append(full.win - silent.win)
    return DecayShare(costs[0], costs[1])





def only_when(late: bool, action: str) -> policies.Modifier:
    """best_practice using ``action`` only near the decision (late) or only before it."""

    def modify(obs: policies.Obs, q: F) -> F:
        q = q.copy()
        near = obs.turn >= obs.pub_turn - 1  # [W]
        keep = near if late else ~near
        q[..., A[action]] *= keep[:, None]
        return q

    return modify


def executive_on_junior(obs: policies.Obs, q: F) -> F:
    """best_practice sending its executive to the junior people instead of senior ones."""
    q = q.copy()
    junior = obs.c.seniority == 1
    q[..., A["executive_meeting"]] = np.where(junior, q[..., A["visit"]].max(axis=1, keepdims=True), 0.0)
    return q


@dataclass(frozen=True)
class Introductions:
    first_meetings: int  # first meetings tried after an introduction
    happened: int

    @property
    def rate(self) -> float:
        return self.happened / self.first_meetings if self.first_meetings else float("nan")


def introduction_rate(c: Compiled, seat: str, n: int, seed: int) -> Introductions:
    """How often a first meeting happens when the seat (playing best_practice) was introduced."""
    from game.engine.turn import resolve

    v = c.vendor_ids.index(seat)
    names = batch.strategies_for(c, {seat: BEST})
    st = new_state(c, n, seed)
    tried = done = 0
    while st.turn <= c.turns:
        t = st.turn
        alloc = np.zeros((st.W, c.V, c.S, len(ACTION_IDS)))
        sn = policies.seen(c, st)
        for u, name in enumerate(names):
            alloc[:, u] = policies.plan(name, policies.observe(c, st, u, sn), st.streams.ai_rng(u, t))
        first = sn.intro[:, :, v] & (st.last_contact[:, :, v] == 0) & (alloc[:, v].sum(axis=-1) > 0)
        resolve(c, st, alloc)
        tried += int(first.sum())
        done += int((first & (st.last_contact[:, :, v] == t)).sum())
    return Introductions(tried, done)


def joint_actions(c: Compiled) -> tuple[str, ...]:
    """Actions that need the days of two kinds of people (a workshop: pre-sales and PM)."""
    return tuple(a for i, a in enumerate(ACTION_IDS) if (c.cost_table[i, :4] > 0).sum() > 1)


def roles_alone(c: Compiled) -> policies.Modifier:
    """best_practice as a team whose roles act alone: no action that needs two of them, so
    nobody brings the project manager along."""
    return without_actions(*joint_actions(c))
