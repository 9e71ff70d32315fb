"""Monte Carlo over whole games: win rates, failed tenders, prices and margins."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from game.ai.batch import BatchResult, Script, run
from game.ai.policies import BASELINES, PERSONAS
from game.engine.game import Allocation
from game.engine.state import State
from game.model.compiled import Compiled, compile_scenario
from game.scenario.problems import did_you_mean
from game.scenario.schema import ACTION_IDS, Scenario


@dataclass(frozen=True)
class Scripted:
    """One vendor's scripted turns and bid (a decisions file, read by the caller)."""

    vendor: str
    turns: dict[int, list[Allocation]]
    bid: float | None

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


@dataclass(frozen=True)
class BidSpec:
    """A bid forced on one seat: a price, or a markup over the seat's cost (``+12%``)."""

    price: float | None = None
    markup: float | None = None

    def text(self) -> str:
        return f"{self.markup:+.1%} over cost" if self.markup is not None else f"{self.price:,.0f}"


def parse_bid(text: str) -> BidSpec:
    """``24900000``, ``24,900,000``, ``+12%`` or ``12%`` (a markup over cost); ValueError otherwise."""
    raw = text.strip().replace(",", "").replace("_", "").replace(" ", "")
    try:
        if raw.endswith("%"):
            value = float(raw[:-1]) / 100.0
            if not math.isfinite(value) or not -0.5 <= value <= 3.0:
                raise ValueError
            return BidSpec(markup=value)
        price = float(raw)
    except ValueError:
        raise ValueError(
            f"--bid '{text}' is neither a price (24900000) nor a markup over cost (+12%)"
        ) from None
    if not math.isfinite(price) or price <= 0 or price > 1e15:
        raise ValueError(f"--bid '{text}' must be a positive price (or a markup such as +12%)")
    return BidSpec(price=price)


def _decisions_script(c: Compiled, dec: Scripted) -> Script:
    """The decisions file's allocations, the same in every world."""
    per_turn: dict[int, NDArray[np.float64]] = {}
    for t, allocs in dec.turns.items():
        a = np.zeros((c.S, len(ACTION_IDS)))
        for al in allocs:
            a[c.stakeholder_ids.index(al.stakeholder), ACTION_IDS.index(al.action)] += al.amount
        per_turn[t] = a

    def script(turn: int, st: State) -> NDArray[np.float64]:
        one = per_turn.get(turn)
        if one is None:
            return np.zeros((st.W, c.S, len(ACTION_IDS)))
        return np.broadcast_to(one, (st.W, *one.shape)).copy()

    return script


def simulate(
    scenario: Scenario,
    runs: int,
    seed: int,
    *,
    strategy: str | None = None,
    seat: str | None = None,
    decisions: Scripted | None = None,
    bid: BidSpec | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Monte Carlo of whole games. ``decisions`` scripts its vendor's turns (and bid, unless
    ``bid`` overrides it); ``bid`` forces one seat's bid (``seat``, the decisions' vendor, or
    the only playable vendor)."""
    c = compile_scenario(scenario)
    if decisions is not None and seat is not None and seat != decisions.vendor:
        raise ValueError(
            f"--seat {seat} differs from the decisions file's vendor '{decisions.vendor}'"
        )
    scripted = decisions.vendor if decisions is not None else None
    if scripted is not None and strategy is not None and seat is None:
        seat = None  # --strategy then plays the other playable seats
    seats = seat_map(scenario, strategy, seat if scripted is None else None)
    if scripted is not None:
        seats.pop(scripted, None)
    target = seat or scripted
    if bid is not None and target is None:
        playable = [v.id for v in scenario.vendors if v.playable]
        if len(playable) != 1:
            raise ValueError(
                f"--bid needs --seat: which vendor bids? playable: {', '.join(playable)}"
            )
        target = playable[0]
    scripts = {}
    overrides: dict[int, float] = {}
    if decisions is not None:
        v = c.vendor_ids.index(decisions.vendor)
        scripts[v] = _decisions_script(c, decisions)
        overrides[v] = decisions.bid if decisions.bid is not None else float("nan")
    if bid is not None and target is not None:
        v = c.vendor_ids.index(target)
        if bid.price is not None and not 0.5 * c.cost[v] <= bid.price <= 10 * c.ceiling0:
            raise ValueError(
                f"--bid {bid.price:,.0f} is far from {target}'s cost ({c.cost[v]:,.0f}) and the "
                f"ceiling ({c.ceiling0:,.0f}): check the zeros, or give a markup such as +12%"
            )
        overrides[v] = bid.price if bid.price is not None else float(c.cost[v]) * (1 + (bid.markup or 0.0))
    res = run(
        c, runs, seed, seat_strategy=seats, scripts=scripts, bid_override=overrides, progress=progress
    )
    out = summarise(c, res)
    names = _names(c, seats)
    if scripted is not None:
        names[c.vendor_ids.index(scripted)] = "decisions file"
    out.update(
        {
            "scenario": scenario.id,
            "seed": seed,
            "strategies": dict(zip(c.vendor_ids, names, strict=True)),
        }
    )
    if bid is not None and target is not None:
        out["bid_override"] = {"vendor": target, "bid": bid.text()}
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
