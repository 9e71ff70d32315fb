"""Balance tournaments: every baseline strategy in every playable seat, against the AI.

For each playable seat, each baseline strategy (``game.ai.policies.BASELINES``)
plays that seat in ``runs`` games while the scenario's AI personas play every
other vendor (other playable seats included). All strategies in a seat face
the same dice (the same seeds), so their differences come from play, not luck.
Games run in fixed chunks (so progress can be reported without changing the
results); chunk seeds are spawned from one SeedSequence.

The verdicts (``B001`` ...) flag a seat whose results say the scenario does
not teach: luck decides, one lever decides, the seat cannot win, or it cannot
lose, or the lessons do not pay. They weigh win rates and, like the
leaderboard, the expected result (win probability x margin - money spent, the
mean over games of the margin if won minus the spend): a strategy that wins
more often but spends more than its wins earn is not the better one.
Thresholds are the constants below; docs/AUTHORING.md explains them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import numpy as np

from game.ai.batch import run
from game.ai.policies import BASELINES
from game.analysis.simulate import results, summarise
from game.engine.stats import wilson
from game.model.compiled import Compiled, compile_scenario
from game.scenario.problems import did_you_mean, one_of
from game.scenario.schema import Scenario

CHUNK = 500  # games per batch; results do not depend on it being reported

# Verdict thresholds (win rates are shares of games, 0-1).
LUCK_RATIO = 0.5  # passive wins at least this share of what the best strategy wins ...
LUCK_FLOOR = 0.10  # ... and at least this often
DOMINANCE_GAP = 0.30  # the best beats the second best by this much (absolute) ...
DOMINANCE_RATIO = 2.0  # ... and wins at least this many times as often
UNWINNABLE = 0.05  # the best strategy wins less often than this
TRIVIAL = 0.70  # the worst strategy still wins at least this often
FRAGILE = 0.20  # the tender fails at least this often whatever the seat does
# best_practice earns less than a one-lever baseline: by at least this share of what the
# seat can make (ceiling - cost), and by at least PAY_Z standard errors (not dice).
PAY_GAP = 0.03
PAY_Z = 2.0

# Baselines that pull one lever. best_practice is the lessons combined (learn, shape
# early, cover every role, escalate late), so its lead is what a scenario should show;
# a single lever that leads everything by far means the scenario has one dimension.
SINGLE_LEVER = ("passive", "spread_even", "focus_decision_maker", "price_cutter")


class Verdict(NamedTuple):
    name: str
    explanation: str


CODES: dict[str, Verdict] = {
    "B001": Verdict(
        "luck-driven",
        f"Doing nothing (passive) wins at least {LUCK_FLOOR:.0%} of games and at least "
        f"{LUCK_RATIO:.0%} as often as the best strategy: play decides too little.",
    ),
    "B002": Verdict(
        "one-dimensional",
        f"A one-lever strategy (not best_practice) beats every other by {DOMINANCE_GAP:.0%} or "
        f"more and wins at least {DOMINANCE_RATIO:g}x as often, or price_cutter is the best: "
        "one lever decides.",
    ),
    "B003": Verdict(
        "unwinnable",
        f"No strategy wins this seat in {UNWINNABLE:.0%} of games.",
    ),
    "B004": Verdict(
        "trivially-won",
        f"Even the worst strategy wins this seat in {TRIVIAL:.0%} of games or more.",
    ),
    "B005": Verdict(
        "fragile-tender",
        f"The tender fails (废标) in {FRAGILE:.0%} of games or more whatever the seat does.",
    ),
    "B006": Verdict(
        "lessons-do-not-pay",
        "A one-lever strategy's expected result (win probability x margin - money spent) beats "
        f"best_practice's by {PAY_GAP:.0%} or more of what the seat can make (ceiling - cost), "
        "beyond the dice: winning more often costs more than it earns, so the leaderboard "
        "ranks the pitfall above the lessons.",
    ),
}


def chunk_seeds(seed: int, n_chunks: int) -> list[int]:
    """One seed per chunk, spawned (never seed + i); chunk i's seed does not depend on n."""
    return [
        int(child.generate_state(1)[0]) for child in np.random.SeedSequence(seed).spawn(n_chunks)
    ]


Progress = Callable[[int, int], None]


class _Acc:
    """Weighted sums of summarise()'s per-chunk figures for one seat and strategy."""

    def __init__(self, vendor_ids: Sequence[str]) -> None:
        self.n = 0
        self.wins = 0.0
        self.failed = 0.0
        self.result = 0.0
        self.spent = 0.0
        self.vetoed = 0.0
        self.won_margin = 0.0
        self.result_sq = 0.0  # sum of squared per-game results, for the standard error
        self.all_wins = dict.fromkeys(vendor_ids, 0.0)

    def add(self, summary: dict[str, Any], seat: str, result: np.ndarray) -> None:
        """One chunk: its summary and the seat's per-game results."""
        self.result_sq += float(np.square(result).sum())
        w = int(summary["runs"])
        me = summary["vendors"][seat]
        wins = me["win_rate"] * w
        self.n += w
        self.wins += wins
        self.failed += summary["failed_rate"] * w
        self.result += me["mean_result"] * w
        self.spent += me["mean_spent"] * w
        self.vetoed += me["vetoed_rate"] * w
        if me["mean_margin_when_won"] is not None:
            self.won_margin += me["mean_margin_when_won"] * wins
        for vid, rate in summary["win_rate"].items():
            self.all_wins[vid] += rate * w

    def row(self) -> dict[str, Any]:
        n = max(self.n, 1)
        lo, hi = wilson(round(self.wins), self.n)
        mean = self.result / n
        var = max(self.result_sq / n - mean * mean, 0.0)
        return {
            "win_rate": self.wins / n,
            "ci_low": lo,
            "ci_high": hi,
            "mean_margin": mean,  # the expected result
            "margin_se": math.sqrt(var / n),
            "margin_if_won": self.won_margin / self.wins if self.wins > 0 else None,
            "failed_rate": self.failed / n,
            "vetoed_rate": self.vetoed / n,
            "mean_spent": self.spent / n,
            "win_rates": {vid: w / n for vid, w in self.all_wins.items()},
        }


def verdicts(rows: dict[str, dict[str, Any]], room: float | None = None) -> list[dict[str, str]]:
    """The balance warnings for one seat's table (strategy -> row).

    ``room`` is what the seat can make (ceiling - cost); without it, or without
    expected results in the rows, the checks on expected results are skipped.
    """
    out: list[dict[str, str]] = []

    def warn(code: str, message: str) -> None:
        out.append({"code": code, "name": CODES[code].name, "message": message})

    rates = {name: r["win_rate"] for name, r in rows.items()}
    ranked = sorted(rates, key=lambda k: rates[k], reverse=True)
    best = ranked[0]
    top = rates[best]
    if "passive" in rates and top > 0:
        p = rates["passive"]
        if p >= LUCK_FLOOR and p >= LUCK_RATIO * top and best != "passive":
            warn(
                "B001",
                f"passive wins {p:.1%}, {p / top:.0%} of what {best} wins ({top:.1%}): luck "
                "decides too much; widen the vendors' strength gaps, lower model.eval_noise "
                "or model.prior_noise, or weaken this seat's head start",
            )
        elif best == "passive":
            warn(
                "B001",
                f"passive is the best strategy here ({p:.1%}): effort does not pay; check that "
                "this seat's actions can move the people who score",
            )
    if len(ranked) > 1:
        second = rates[ranked[1]]
        if best == "price_cutter":
            warn(
                "B002",
                f"price_cutter is the best strategy ({top:.1%}): price decides; lower "
                "tender.weights.price, narrow the cost gaps, or make fit and relationships count more",
            )
        elif (
            best in SINGLE_LEVER
            and top - second >= DOMINANCE_GAP
            and top >= DOMINANCE_RATIO * max(second, 1e-9)
        ):
            warn(
                "B002",
                f"{best} wins {top:.1%}, the next best ({ranked[1]}) {second:.1%}: one lever "
                "decides; give the others (relationships, fit, early shaping, price) a real effect",
            )
    if top < UNWINNABLE:
        warn(
            "B003",
            f"the best strategy ({best}) wins only {top:.1%}: this seat is hopeless; give it an "
            "edge (a strength, a starting relationship, a lower cost) or weaken a rival",
        )
    worst = ranked[-1]
    if rates[worst] >= TRIVIAL:
        warn(
            "B004",
            f"even {worst} wins {rates[worst]:.1%}: this seat cannot lose; strengthen a rival, "
            "lower its head start, or add a risk (a veto holder, a replaced ally)",
        )
    low_fail = min(r["failed_rate"] for r in rows.values())
    if low_fail >= FRAGILE:
        warn(
            "B005",
            f"the tender fails in at least {low_fail:.1%} of games whatever this seat does; check "
            "min_valid_bids against the number of vendors, the ceiling against the costs, and "
            "how often bids are disqualified as abnormally low",
        )
    payoff = _lessons_do_not_pay(rows, room)
    if payoff:
        warn("B006", payoff)
    return out


def _lessons_do_not_pay(rows: dict[str, dict[str, Any]], room: float | None) -> str:
    """B006's message when a one-lever baseline clearly out-earns best_practice, else ''."""
    bp = rows.get("best_practice")
    if not room or room <= 0 or bp is None or "mean_margin" not in bp:
        return ""
    worst_gap, rival = 0.0, ""
    for name in SINGLE_LEVER:
        r = rows.get(name)
        if r is None or "mean_margin" not in r:
            continue
        gap = r["mean_margin"] - bp["mean_margin"]
        se = math.hypot(r.get("margin_se", 0.0), bp.get("margin_se", 0.0))
        if gap >= PAY_GAP * room and gap >= PAY_Z * se and gap > worst_gap:
            worst_gap, rival = gap, name
    if not rival:
        return ""
    r = rows[rival]
    spent = bp.get("mean_spent")
    spend = f", spending {spent:,.0f} a game" if spent is not None else ""
    return (
        f"{rival}'s expected result ({r['mean_margin']:+,.0f}) beats best_practice's "
        f"({bp['mean_margin']:+,.0f}{spend}) by {worst_gap:,.0f}, {worst_gap / room:.0%} of the "
        f"{room:,.0f} this seat can make, although best_practice wins {bp['win_rate']:.1%} "
        f"against {r['win_rate']:.1%}: the lessons cost more than they earn; make the money "
        "actions cheaper (actions:), the campaign budget smaller, or the room between cost "
        "and ceiling larger"
    )


def balance(
    scenario: Scenario,
    runs: int,
    seed: int,
    *,
    strategies: Sequence[str] = BASELINES,
    seats: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """The tournament: rows per seat and strategy, verdicts per seat, as plain data."""
    if runs < 1:
        raise ValueError("runs must be at least 1")
    playable = [v.id for v in scenario.vendors if v.playable]
    chosen = list(seats) if seats else playable
    for s in chosen:
        if s not in playable:
            raise ValueError(
                f"'{s}' is not a playable vendor{did_you_mean(s, playable)}; playable: "
                f"{one_of(playable)}"
            )
    for name in strategies:
        if name not in BASELINES:
            raise ValueError(
                f"unknown baseline '{name}'{did_you_mean(name, BASELINES)}; baselines: "
                f"{', '.join(BASELINES)}"
            )
    c: Compiled = compile_scenario(scenario)
    ceiling = scenario.tender.ceiling
    sizes = [CHUNK] * (runs // CHUNK) + ([runs % CHUNK] if runs % CHUNK else [])
    seeds = chunk_seeds(seed, len(sizes))
    total = runs * len(strategies) * len(chosen)
    done = 0
    out_seats: dict[str, Any] = {}
    all_warnings: list[dict[str, str]] = []
    for seat in chosen:
        rows: dict[str, dict[str, Any]] = {}
        for name in strategies:
            acc = _Acc(c.vendor_ids)
            for size, chunk_seed in zip(sizes, seeds, strict=True):
                res = run(c, size, chunk_seed, seat_strategy={seat: name})
                acc.add(summarise(c, res), seat, results(c, res)[2][:, c.vendor_ids.index(seat)])
                done += size
                if progress is not None:
                    progress(done, total)
            rows[name] = acc.row()
        room = ceiling - next(v.cost for v in scenario.vendors if v.id == seat)
        warns = verdicts(rows, room)
        best = max(rows, key=lambda k: rows[k]["win_rate"])
        best_expected = max(rows, key=lambda k: rows[k]["mean_margin"])
        out_seats[seat] = {
            "strategies": rows,
            "best": best,
            "best_expected": best_expected,
            "room": room,
            "warnings": warns,
        }
        all_warnings.extend({"seat": seat, **w} for w in warns)
    return {
        "scenario": scenario.id,
        "runs": runs,
        "seed": seed,
        "strategies": list(strategies),
        "rivals": {v.id: v.strategy for v in scenario.vendors},
        "seats": out_seats,
        "warnings": all_warnings,
        "ok": not all_warnings,
    }


def _money(x: float | None) -> str:
    return "-" if x is None else f"{x:,.0f}"


def balance_text(report: dict[str, Any]) -> str:
    """The report as the plain-text table printed by ``python main.py balance``."""
    lines = [
        f"{report['scenario']}: {report['runs']:,} games per strategy and seat, seed {report['seed']}",
    ]
    for seat, data in report["seats"].items():
        rivals = ", ".join(f"{v} ({s})" for v, s in report["rivals"].items() if v != seat)
        lines += [
            "",
            f"seat {seat} against {rivals}",
            f"  {'strategy':22s} {'win rate':>8s} {'95% interval':>16s} {'expected result':>15s} "
            f"{'margin if won':>14s} {'failed':>7s} {'vetoed':>7s}",
        ]
        for name, r in data["strategies"].items():
            interval = f"{r['ci_low']:.1%}-{r['ci_high']:.1%}"
            lines.append(
                f"  {name:22s} {r['win_rate']:8.1%} {interval:>16s} {_money(r['mean_margin']):>15s} "
                f"{_money(r['margin_if_won']):>14s} {r['failed_rate']:7.1%} {r['vetoed_rate']:7.1%}"
            )
        if data.get("best_expected", data["best"]) != data["best"]:
            lines.append(
                f"  most wins: {data['best']}; best expected result: {data['best_expected']}"
            )
        for w in data["warnings"]:
            lines.append(f"  warning [{w['code']}] {w['name']}: {w['message']}")
    lines.append("")
    n = len(report["warnings"])
    lines.append("balance: no warnings" if n == 0 else f"balance: {n} warning(s)")
    return "\n".join(lines)
