"""Monte Carlo over whole games: win rates, failed tenders, prices and margins."""

from __future__ import annotations

from typing import Any

import numpy as np

from game.ai.policies import BASELINES, PERSONAS
from game.engine.batch import BatchResult, run
from game.model.compiled import Compiled, compile_scenario
from game.scenario.problems import did_you_mean
from game.scenario.schema import Scenario

STRATEGIES = (*BASELINES, *PERSONAS)


def seat_map(scenario: Scenario, strategy: str | None, seat: str | None) -> dict[str, str]:
    """Which playable vendors use ``strategy`` (all playable ones unless ``seat``)."""
    if strategy is None:
        if seat is not None:
            raise ValueError("--seat needs --strategy")
        return {}
    if strategy not in STRATEGIES:
        raise ValueError(
            f"unknown strategy '{strategy}'{did_you_mean(strategy, STRATEGIES)}; strategies: {', '.join(STRATEGIES)}"
        )
    playable = [v.id for v in scenario.vendors if v.playable]
    if seat is not None:
        if seat not in playable:
            raise ValueError(
                f"'{seat}' is not a playable vendor{did_you_mean(seat, playable)}; playable: {', '.join(playable)}"
            )
        return {seat: strategy}
    return dict.fromkeys(playable, strategy)


def results(c: Compiled, res: BatchResult) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per world and vendor: won (bool), margin of the bid (price - cost) and the result
    (the margin if won, else 0, minus the money spent: what the leaderboard expects)."""
    aw = res.award
    won = aw.winner[:, None] == np.arange(c.V)[None, :]
    margin = np.where(aw.bid, np.nan_to_num(aw.price) - c.cost[None, :], 0.0)
    return won, margin, np.where(won, margin, 0.0) - res.spent


def summarise(c: Compiled, res: BatchResult) -> dict[str, Any]:
    aw = res.award
    W = aw.winner.shape[0]
    won, margin, result = results(c, res)
    win_rate = {vid: float(won[:, v].mean()) for v, vid in enumerate(c.vendor_ids)}
    failed = float((aw.winner < 0).mean())
    winning_price = np.where(
        aw.winner >= 0,
        np.take_along_axis(np.nan_to_num(aw.price), np.maximum(aw.winner, 0)[:, None], 1)[:, 0],
        np.nan,
    )
    vendors = {}
    for v, vid in enumerate(c.vendor_ids):
        wins = won[:, v]
        vendors[vid] = {
            "win_rate": win_rate[vid],
            "mean_bid": float(np.nanmean(aw.price[:, v])) if aw.bid[:, v].any() else None,
            "mean_margin_when_won": float(margin[wins, v].mean()) if wins.any() else None,
            "mean_result": float(result[:, v].mean()),
            "mean_spent": float(res.spent[:, v].mean()),
            "vetoed_rate": float((aw.vetoed_by[:, v] >= 0).mean()),
            "disqualified_rate": float(aw.disqualified[:, v].mean()),
            "mean_total": float(aw.total[:, v].mean()),
        }
    return {
        "runs": W,
        "win_rate": win_rate,
        "failed_rate": failed,
        "mean_winning_price": float(np.nanmean(winning_price)) if (aw.winner >= 0).any() else None,
        "mean_margin": {vid: vendors[vid]["mean_result"] for vid in c.vendor_ids},
        "vendors": vendors,
    }


def simulate(
    scenario: Scenario,
    runs: int,
    seed: int,
    *,
    strategy: str | None = None,
    seat: str | None = None,
) -> dict[str, Any]:
    c = compile_scenario(scenario)
    seats = seat_map(scenario, strategy, seat)
    res = run(c, runs, seed, seat_strategy=seats)
    out = summarise(c, res)
    out.update(
        {
            "scenario": scenario.id,
            "seed": seed,
            "strategies": {vid: s for vid, s in zip(c.vendor_ids, _names(c, seats), strict=True)},
        }
    )
    return out


def _names(c: Compiled, seats: dict[str, str]) -> list[str]:
    return [seats.get(v.id, v.strategy) for v in c.scenario.vendors]


def simulate_text(summary: dict[str, Any]) -> str:
    lines = [
        f"{summary['scenario']}: {summary['runs']:,} games, seed {summary['seed']}",
        f"{'vendor':18s} {'strategy':22s} {'win rate':>9s} {'mean bid':>14s} {'margin if won':>14s} {'mean result':>13s} {'vetoed':>7s}",
    ]
    for vid, v in summary["vendors"].items():
        bid = f"{v['mean_bid']:,.0f}" if v["mean_bid"] is not None else "-"
        mw = f"{v['mean_margin_when_won']:,.0f}" if v["mean_margin_when_won"] is not None else "-"
        lines.append(
            f"{vid:18s} {summary['strategies'][vid]:22s} {v['win_rate']:9.1%} {bid:>14s} {mw:>14s} {v['mean_result']:13,.0f} {v['vetoed_rate']:7.1%}"
        )
    lines.append(f"failed tenders: {summary['failed_rate']:.1%}")
    if summary["mean_winning_price"] is not None:
        lines.append(f"mean winning price: {summary['mean_winning_price']:,.0f}")
    return "\n".join(lines)
