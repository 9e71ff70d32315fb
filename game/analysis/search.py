"""An exploit search for authors: the plan with the best expected result in one seat.

A plan is best_practice with knobs, deciding like every built-in strategy only
from what its team can see: a weight per action, buying role and phase (before
the decision is near, and from the turn before publication on), a focus that
sharpens or flattens how much more the important people get than the others,
how fast money is spent and how much of the budget may go, and the bid's
markup over cost. Each turn it values every (person, action) pair as

    q[s, a] = weight[phase, role(s), a] x best_practice's value[s, a] (importance ^ focus)

and spends its days and money one unit at a time on the best marginal value,
as every policy does. With every weight at 1 it plays best_practice's campaign;
weights near 0 drop roles or actions, a large focus works a few people only, so
one-action plans, plans that ignore most of the committee, plans that spend
nothing and ceiling bids are all in reach. Pool seats closed to everyone are
never chosen. The weight is factored as action x phase times action x role
(log-additive), 56 numbers.

The search is the cross-entropy method: each round samples a population of
plans around a mean (starting at best_practice), plays every plan in the same
worlds (common random numbers: blocks of worlds share their dice), keeps the
best quarter and moves the mean and spread toward them. The best plan found is
then played against best_practice in fresh worlds, and described: people met,
days and money by action and phase, the bid, with warnings when it beats
best_practice by more than 15% or looks degenerate.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from game.ai import batch, policies
from game.engine.state import State, new_state
from game.model.compiled import Compiled
from game.scenario.schema import ACTION_IDS, ROLES

from .debrief.dice import BlockStreams
from .lessons import BEST, SeatResult, seat_result

F = NDArray[np.float64]
A = len(ACTION_IDS)

# A plan found by the search is flagged when it beats best_practice's expected result
# by more than this share (of best_practice's expected result, or of its margin at stake
# when that is small) ...
BEATS = 0.15
# ... or looks degenerate:
ONE_ACTION = 0.8  # one action type takes at least this share of the days used
IGNORED = 0.5  # the plan meets fewer than this share of the people it could meet
CEILING_GAP = 0.03  # the bid is within 3% of the ceiling
IDLE_DAYS = 0.2  # no money spent and fewer than a fifth of the days used

Progress = Callable[[int, int], None]


R = len(ROLES)


@dataclass(frozen=True)
class Plan:
    """One parametric plan (see the module docstring)."""

    phase: F  # [2, A] log-weight per phase (early, late) and action
    role: F  # [R, A] log-weight per buying role and action
    focus: float  # exponent of best_practice's importance (1 = as it is)
    pace: float  # money per turn, as a multiple of the even share of what is left
    money_share: float  # share of the budget the campaign may spend, 0-1
    markup: float  # bid = cost x (1 + markup), at most the ceiling

    SIZE = 2 * A + R * A + 4

    @classmethod
    def from_vector(cls, x: F) -> Plan:
        phase = np.clip(x[: 2 * A], -6, 4).reshape(2, A)
        role = np.clip(x[2 * A : 2 * A + R * A], -6, 4).reshape(R, A)
        focus, pace, share, markup = x[2 * A + R * A :]
        return cls(
            phase=phase,
            role=role,
            focus=float(np.exp(np.clip(focus, -2.5, 2.5))),
            pace=float(np.exp(np.clip(pace, -3, 3))),
            money_share=float(1.0 / (1.0 + math.exp(-share))),
            markup=float(np.clip(markup, -0.1, 1.0)),
        )

    def weights(self, c: Compiled) -> F:
        """[2, S, A] the multiplier of best_practice's value per phase, person and action."""
        out: F = np.exp(self.phase[:, None, :] + self.role[c.role][None, :, :])
        return out

    def to_json(self) -> dict[str, Any]:
        def table(rows: F, names: tuple[str, ...]) -> dict[str, dict[str, float]]:
            return {
                n: {a: round(float(np.exp(rows[i, k])), 3) for k, a in enumerate(ACTION_IDS)}
                for i, n in enumerate(names)
            }

        return {
            "by_phase": table(self.phase, ("early", "late")),
            "by_role": table(self.role, ROLES),
            "focus": round(self.focus, 3),
            "pace": round(self.pace, 3),
            "money_share": round(self.money_share, 3),
            "markup": round(self.markup, 4),
        }

    def leaning(self, c: Compiled) -> tuple[list[str], list[str]]:
        """(role/action pairs it weights at 1.5x or more, those at 0.6x or less) against
        best_practice, averaged over the phases, for the roles the scenario has."""
        w = np.exp(self.role + self.phase.mean(axis=0)[None])
        present = sorted(set(int(r) for r in c.role))
        pairs = [(i, k) for i in present for k in range(A)]
        order = sorted(pairs, key=lambda ik: -abs(math.log(w[ik])))
        more = [f"{ACTION_IDS[k]} with {ROLES[i]}" for i, k in order if w[i, k] >= 1.5]
        less = [f"{ACTION_IDS[k]} with {ROLES[i]}" for i, k in order if w[i, k] <= 0.6]
        return more, less


def start_vector(c: Compiled, v: int) -> F:
    """best_practice: every weight 1, focus 1, its money pace and cap, its markup."""
    x = np.zeros(Plan.SIZE)
    x[-3] = math.log(1.5)
    cap = 0.5 * (policies.best_price(c, v, c.ceiling0) - c.cost[v])
    share = float(np.clip(cap / c.budget[v], 0.02, 0.98)) if c.budget[v] > 0 else 0.5
    x[-2] = math.log(share / (1.0 - share))
    x[-1] = float(policies.best_price(c, v, c.ceiling0) / c.cost[v] - 1.0)
    return x


def _late(obs: policies.Obs) -> NDArray[np.bool_]:
    out: NDArray[np.bool_] = obs.turn >= obs.pub_turn - 1
    return out


def plan_script(c: Compiled, v: int, weights: F, focus: F, pace: F, share: F) -> batch.Script:
    """A scripted vendor playing per-world plans: weights [W, 2, S, A], focus, pace, share [W]."""

    def script(turn: int, st: State) -> F:
        obs = policies.observe(c, st, v)
        phase = _late(obs).astype(np.int64)  # [W]
        w = weights[np.arange(st.W), phase]  # [W, S, A]
        q = w * policies.valued(obs, policies.BEST_STYLE, focus[:, None])
        q = q * obs.reachable[None, :, None]
        spent = c.budget[v] - obs.budget_left
        limit = np.minimum(
            obs.budget_left / max(obs.turns_left, 1) * pace, share * c.budget[v] - spent
        )
        warm = policies.keep_warm(obs)
        return policies.allocate(obs, q, pace=1e9, money_limit=limit, first_contact=warm)

    return script


def _one(plan: Plan, c: Compiled, n: int) -> tuple[F, F, F, F]:
    return (
        np.repeat(plan.weights(c)[None], n, axis=0),
        np.full(n, plan.focus),
        np.full(n, plan.pace),
        np.full(n, plan.money_share),
    )


@dataclass(frozen=True)
class Played:
    """Per-block results of plans played side by side."""

    expected: F  # [P] mean result per plan
    win: F  # [P]


def _tiled_state(c: Compiled, block: int, reps: int, seed: int) -> State:
    """``reps`` copies of the same ``block`` worlds, whose future dice are shared too."""
    one = new_state(c, block, seed)
    arrays: dict[str, Any] = {
        k: np.tile(a, (reps,) + (1,) * (a.ndim - 1)) for k, a in one._arrays().items()
    }
    return replace(one, W=block * reps, streams=BlockStreams.of(one.streams, block), **arrays)


def play_plans(c: Compiled, seat: str, plans: list[Plan], block: int, seed: int) -> Played:
    """Play each plan in the same ``block`` worlds (common random numbers)."""
    v = c.vendor_ids.index(seat)
    P = len(plans)
    st = _tiled_state(c, block, P, seed)

    def per_world(values: list[Any]) -> F:
        return np.repeat(np.asarray(values, dtype=np.float64), block, axis=0)

    script = plan_script(
        c,
        v,
        per_world([p.weights(c) for p in plans]),
        per_world([p.focus for p in plans]),
        per_world([p.pace for p in plans]),
        per_world([p.money_share for p in plans]),
    )
    names = batch.strategies_for(c, {seat: BEST})
    batch.play_turns(c, st, names, scripts={v: script})
    bids = batch.policy_bids(c, st, names, frozenset({v}))
    bids[:, v] = np.minimum(c.cost[v] * (1.0 + per_world([p.markup for p in plans])), st.ceiling)
    aw = batch.award(c, st, bids)
    won = aw.winner == v
    result = np.where(won, bids[:, v] - c.cost[v], 0.0) - st.spent[:, v]
    return Played(
        expected=result.reshape(P, block).mean(axis=1), win=won.reshape(P, block).mean(axis=1)
    )


@dataclass(frozen=True)
class Description:
    """What a plan does, over the worlds it was played in."""

    people_met: float  # share of the people it could meet that it met at least once
    influence_met: float  # share of the committee's influence among them
    days_by_action: dict[str, float]  # share of the days used, per action
    days_by_phase: dict[str, float]  # share of the days used, early / late
    money_by_action: dict[str, float]  # mean money spent per action
    days_used: float  # share of the days available
    money_spent: float  # mean money spent
    bid_markup: float  # mean bid over cost
    bid_to_ceiling: float  # mean bid as a share of the ceiling


def describe(c: Compiled, seat: str, n: int, seed: int, script: batch.Script,
             markup: float | None) -> tuple[SeatResult, Description]:
    """Play a scripted seat in n worlds, recording what it does."""
    v = c.vendor_ids.index(seat)
    days = np.zeros((2, A))
    money = np.zeros(A)
    met = np.zeros((n, c.S), dtype=bool)
    avail = 0.0

    def recorder(turn: int, st: State) -> F:
        nonlocal avail
        alloc = script(turn, st)
        if alloc is None:
            alloc = np.zeros((st.W, c.S, A))
        late = bool(turn >= int(np.median(st.pub_turn)) - 1)
        used = alloc.sum(axis=(0, 1))  # [A] units over worlds
        days[int(late)] += used * c.cost_table[:, :4].sum(axis=1)
        money[:] += used * c.cost_table[:, 4]
        met[:] |= alloc.sum(axis=2) > 0
        avail += c.per_turn[v].sum() * st.W
        return alloc

    names = batch.strategies_for(c, {seat: BEST})
    st = new_state(c, n, seed)
    batch.play_turns(c, st, names, scripts={v: recorder})
    bids = batch.policy_bids(c, st, names, frozenset({v}))
    if markup is not None:
        bids[:, v] = np.minimum(c.cost[v] * (1.0 + markup), st.ceiling)
    aw = batch.award(c, st, bids)
    res = seat_result(c, batch.BatchResult(aw, st, bids, st.spent.copy()), v)
    total_days = float(days.sum())
    open_to_all = ~c.pool
    reachable = open_to_all if open_to_all.any() else np.ones(c.S, dtype=bool)
    met_share = met[:, reachable].mean(axis=0)
    infl = c.influence[reachable]
    return res, Description(
        people_met=float(met_share.mean()),
        influence_met=float((met_share * infl).sum() / max(infl.sum(), 1e-12)),
        days_by_action={a: float(days[:, k].sum() / total_days) if total_days else 0.0
                        for k, a in enumerate(ACTION_IDS)},
        days_by_phase={"early": float(days[0].sum() / total_days) if total_days else 0.0,
                       "late": float(days[1].sum() / total_days) if total_days else 0.0},
        money_by_action={a: float(money[k] / n) for k, a in enumerate(ACTION_IDS)},
        days_used=total_days / avail if avail else 0.0,
        money_spent=res.spent,
        bid_markup=float(np.mean(bids[:, v] / c.cost[v] - 1.0)),
        bid_to_ceiling=float(np.mean(bids[:, v] / st.ceiling)),
    )


def warnings(c: Compiled, found: SeatResult, best: SeatResult, d: Description,
             stake: float) -> list[dict[str, str]]:
    """Why a found plan deserves the author's attention (codes S001-S005)."""
    out: list[dict[str, str]] = []
    gain = found.expected - best.expected
    scale = max(abs(best.expected), BEATS * stake)
    if gain > BEATS * scale:
        out.append({"code": "S001", "name": "beats-best-practice", "message":
                    f"the plan found earns {found.expected:,.0f} against best_practice's "
                    f"{best.expected:,.0f} (+{gain / scale:.0%}): a trainee can find a better "
                    "plan than good practice; see what it does above"})
    top = max(d.days_by_action, key=lambda a: d.days_by_action[a])
    if d.days_by_action[top] >= ONE_ACTION:
        out.append({"code": "S002", "name": "one-action", "message":
                    f"{d.days_by_action[top]:.0%} of its days go to {top}"})
    if d.people_met < IGNORED:
        out.append({"code": "S003", "name": "committee-ignored", "message":
                    f"it meets only {d.people_met:.0%} of the people it could meet"})
    if d.bid_to_ceiling >= 1.0 - CEILING_GAP:
        out.append({"code": "S004", "name": "ceiling-bid", "message":
                    f"it bids {d.bid_to_ceiling:.1%} of the ceiling"})
    if d.money_spent <= 0.0 and d.days_used < IDLE_DAYS:
        out.append({"code": "S005", "name": "nothing-spent", "message":
                    f"it spends no money and uses {d.days_used:.0%} of its days"})
    return out


def search(c: Compiled, seat: str, *, budget_s: float = 60.0, seed: int = 1, block: int = 200,
           population: int = 24, elite: float = 0.25, runs: int = 2000,
           progress: Progress | None = None) -> dict[str, Any]:
    """Cross-entropy search for the seat's best plan; the report compares it with best_practice."""
    v = c.vendor_ids.index(seat)
    D = Plan.SIZE
    mean = start_vector(c, v)
    sd = np.full(D, 1.0)
    sd[-1] = 0.06  # markup
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(77,)))
    seeds = np.random.SeedSequence(seed, spawn_key=(78,))
    n_elite = max(2, int(round(population * elite)))
    started = time.monotonic()
    rounds = 0
    history: list[float] = []
    best_x, best_score = mean.copy(), -math.inf
    while True:
        xs = mean + sd * rng.standard_normal((population, D))
        xs[0] = mean  # the mean itself is always in the population
        round_seed = int(seeds.spawn(1)[0].generate_state(1)[0])
        played = play_plans(c, seat, [Plan.from_vector(x) for x in xs], block, round_seed)
        order = np.argsort(-played.expected)
        top = xs[order[:n_elite]]
        if played.expected[order[0]] > best_score:
            best_score = float(played.expected[order[0]])
            best_x = xs[order[0]].copy()
        mean = 0.3 * mean + 0.7 * top.mean(axis=0)
        sd = np.maximum(0.3 * sd + 0.7 * top.std(axis=0), 0.05)
        sd[-1] = max(sd[-1], 0.005)
        history.append(float(played.expected[0]))
        rounds += 1
        elapsed = time.monotonic() - started
        if progress is not None:
            progress(min(int(elapsed), int(budget_s)), int(budget_s))
        if elapsed >= budget_s * 0.8:
            break
    # Judge the final mean and the best single plan in fresh worlds; keep the better.
    judge_seed = seed + 1_000_003
    candidates = [Plan.from_vector(mean), Plan.from_vector(best_x)]
    judged = play_plans(c, seat, candidates, min(runs, 2000), judge_seed)
    plan = candidates[int(np.argmax(judged.expected))]
    script = plan_script(c, v, *_one(plan, c, runs))
    found, desc = describe(c, seat, runs, judge_seed, script, plan.markup)
    best_script: batch.Script = _best_practice_script(c, v)
    best, best_desc = describe(c, seat, runs, judge_seed, best_script, None)
    # The same campaign with best_practice's bid: how much of the gain is the price.
    with_best_bid, _ = describe(c, seat, runs, judge_seed, script, best_desc.bid_markup)
    stake = float(policies.best_price(c, v, c.ceiling0) - c.cost[v])
    return {
        "seat": seat,
        "rounds": rounds,
        "seconds": round(time.monotonic() - started, 1),
        "runs": runs,
        "seed": seed,
        "found": {
            "result": _row(found),
            "with_best_practice_bid": _row(with_best_bid),
            "does": _desc(desc),
            "plan": plan.to_json(),
            "leans": dict(zip(("more", "less"), plan.leaning(c), strict=True)),
        },
        "best_practice": {"result": _row(best), "does": _desc(best_desc)},
        "warnings": warnings(c, found, best, desc, stake),
    }


def _best_practice_script(c: Compiled, v: int) -> batch.Script:
    def script(turn: int, st: State) -> F:
        obs = policies.observe(c, st, v)
        return policies.plan(BEST, obs, st.streams.ai_rng(v, turn))
    return script


def _row(r: SeatResult) -> dict[str, float]:
    return {"win_rate": r.win, "expected_result": r.expected, "spent": r.spent, "vetoed": r.vetoed}


def _desc(d: Description) -> dict[str, Any]:
    return {
        "people_met": d.people_met,
        "influence_met": d.influence_met,
        "days_used": d.days_used,
        "days_by_action": d.days_by_action,
        "days_by_phase": d.days_by_phase,
        "money_by_action": d.money_by_action,
        "money_spent": d.money_spent,
        "bid_markup": d.bid_markup,
        "bid_to_ceiling": d.bid_to_ceiling,
    }


def search_text(report: dict[str, Any]) -> str:
    """The search's report for one or more seats, as plain text."""
    out = [f"{report['scenario']}: exploit search, {report['runs']:,} games to judge each plan, seed {report['seed']}"]
    for seat in report["seats"]:
        f, b = seat["found"], seat["best_practice"]
        out.append("")
        out.append(f"seat {seat['seat']} ({seat['rounds']} rounds in {seat['seconds']:g} s)")
        out.append(f"  {'':30s} {'best_practice':>14s} {'plan found':>14s}")

        def row(label: str, a: str, z: str) -> None:
            out.append(f"  {label:30s} {a:>14s} {z:>14s}")

        row("win rate", f"{b['result']['win_rate']:.1%}", f"{f['result']['win_rate']:.1%}")
        row("expected result", f"{b['result']['expected_result']:,.0f}", f"{f['result']['expected_result']:,.0f}")
        row("  with best_practice's bid", "", f"{f['with_best_practice_bid']['expected_result']:,.0f}")
        row("money spent", f"{b['does']['money_spent']:,.0f}", f"{f['does']['money_spent']:,.0f}")
        row("people met", f"{b['does']['people_met']:.0%}", f"{f['does']['people_met']:.0%}")
        row("days used", f"{b['does']['days_used']:.0%}", f"{f['does']['days_used']:.0%}")
        row("days before the decision", f"{b['does']['days_by_phase']['early']:.0%}", f"{f['does']['days_by_phase']['early']:.0%}")
        for a in ACTION_IDS:
            ba, fa = b["does"]["days_by_action"][a], f["does"]["days_by_action"][a]
            if max(ba, fa) >= 0.005:
                row(f"  days on {a}", f"{ba:.0%}", f"{fa:.0%}")
        row("bid over cost", f"{b['does']['bid_markup']:+.1%}", f"{f['does']['bid_markup']:+.1%}")
        row("bid / ceiling", f"{b['does']['bid_to_ceiling']:.1%}", f"{f['does']['bid_to_ceiling']:.1%}")
        more, less = f["leans"]["more"], f["leans"]["less"]
        focus = f["plan"]["focus"]
        if focus >= 1.3 or focus <= 0.75:
            out.append(f"  it {'concentrates on the most important people' if focus > 1 else 'spreads more evenly'} (focus {focus:.2f})")
        if more:
            out.append(f"  it does more {'; '.join(more[:6])}")
        if less:
            out.append(f"  it does less {'; '.join(less[:6])}")
        if seat["warnings"]:
            for w in seat["warnings"]:
                out.append(f"  {w['code']} {w['name']}: {w['message']}")
        else:
            out.append("  nothing found beats best_practice by more than "
                       f"{BEATS:.0%}, and the plan found is not degenerate")
    return "\n".join(out)
