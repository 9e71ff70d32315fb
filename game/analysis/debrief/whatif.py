"""What-if replays: change one decision of one team, replay the rest with the same dice.

A change edits the team's entries in the game's log (allocations of one
turn, or the bid); the modified log is replayed with the same seed. Every
draw of the game is the same (common random numbers: the engine draws each
turn's dice in fixed shapes whatever the decisions), so the new game differs
only through the change and what follows from it: AI rivals see a different
position and may move differently. Other teams' decisions in a head-to-head
game are replayed as they were.

``best_single_change`` tries a bounded set of single changes (days moved
from one person to another, one more executive meeting, other bid prices)
and ranks them by the team's expected result (win probability over the
award's dice x margin - spend), not by one lucky award.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np

from game.ai import policies
from game.engine.game import Allocation, DecisionError, Game
from game.engine.records import GameResult, VendorResult
from game.engine.teams import TeamGame

from .explain import NotFinished
from .replay import Checkpoint, checkpoints
from .screen import Screened, screen

Progress = Callable[[int, int], None]
SCREEN_SAMPLES = 500  # award draws per candidate while screening (the same draws for all)
FINALISTS = 5  # candidates re-checked with the full sample


@dataclass(frozen=True)
class NoChange:
    """Replay the game as it was (a check: it must reproduce the game exactly)."""


@dataclass(frozen=True)
class ReplaceAllocations:
    turn: int
    allocations: tuple[Allocation, ...]


@dataclass(frozen=True)
class AddAllocation:
    turn: int
    allocation: Allocation


@dataclass(frozen=True)
class RemoveAllocation:
    """Remove up to ``allocation.amount`` units of that action on that person."""

    turn: int
    allocation: Allocation


@dataclass(frozen=True)
class MoveDays:
    """Move ``amount`` units of one action from one person to another in one turn."""

    turn: int
    action: str
    source: str
    target: str
    amount: int = 1


@dataclass(frozen=True)
class ChangeBid:
    price: float | None  # None: no bid


Change = NoChange | ReplaceAllocations | AddAllocation | RemoveAllocation | MoveDays | ChangeBid


class WhatIfError(ValueError):
    """The change cannot be replayed (it breaks a rule, or a later decision becomes impossible)."""


def _merge(allocs: Sequence[Allocation]) -> list[Allocation]:
    out: dict[tuple[str, str], int] = {}
    for a in allocs:
        out[(a.action, a.stakeholder)] = out.get((a.action, a.stakeholder), 0) + a.amount
    return [Allocation(k[0], k[1], n) for k, n in out.items() if n > 0]


def _remove(allocs: Sequence[Allocation], action: str, sid: str, amount: int) -> list[Allocation]:
    have = sum(a.amount for a in allocs if a.action == action and a.stakeholder == sid)
    if have < amount:
        raise WhatIfError(f"there are only {have} unit(s) of {action} on {sid} to remove")
    merged = _merge(allocs)
    return [
        Allocation(a.action, a.stakeholder, a.amount - amount)
        if (a.action, a.stakeholder) == (action, sid)
        else a
        for a in merged
        if not ((a.action, a.stakeholder) == (action, sid) and a.amount == amount)
    ]


def new_allocations(old: Sequence[Allocation], change: Change) -> list[Allocation]:
    """The team's allocations of the changed turn after ``change``."""
    if isinstance(change, ReplaceAllocations):
        return list(change.allocations)
    if isinstance(change, AddAllocation):
        return _merge([*old, change.allocation])
    if isinstance(change, RemoveAllocation):
        a = change.allocation
        return _remove(old, a.action, a.stakeholder, a.amount)
    if isinstance(change, MoveDays):
        out = _remove(old, change.action, change.source, change.amount)
        return _merge([*out, Allocation(change.action, change.target, change.amount)])
    return list(old)


def modified_log(log: Sequence[Mapping[str, Any]], vendor: str, change: Change) -> list[dict[str, Any]]:
    """A copy of ``log`` with the team's decision changed."""
    out: list[dict[str, Any]] = copy.deepcopy([dict(e) for e in log])
    if isinstance(change, NoChange):
        return out
    if isinstance(change, ChangeBid):
        for e in out:
            if "bid" in e and e["bid"]["vendor"] == vendor:
                e["bid"]["price"] = change.price
                return out
        at = next((i for i, e in enumerate(out) if "finish" in e), len(out))
        out.insert(at, {"bid": {"vendor": vendor, "price": change.price}})
        return out
    for e in out:
        if "turn" in e and e["turn"] == change.turn:
            if vendor not in e["actions"]:
                raise WhatIfError(f"'{vendor}' is not a team in this game")
            old = [Allocation(**a) for a in e["actions"][vendor]]
            e["actions"][vendor] = [a.to_json() for a in new_allocations(old, change)]
            return out
    raise WhatIfError(f"turn {change.turn} was not played in this game")


@dataclass(frozen=True)
class StanceDiff:
    turn: int
    stakeholder: str
    before: float  # the team's stance in the game as played
    after: float  # in the what-if


@dataclass(frozen=True)
class WhatIf:
    change: Change
    game: Game  # the replayed game
    before: VendorResult | None
    after: VendorResult | None
    winner_before: str | None
    winner_after: str | None
    diffs: tuple[StanceDiff, ...]  # the team's stances that changed, turn by turn
    first_divergence: int | None  # first turn whose record differs

    @property
    def gain(self) -> float:
        """Change of the team's expected result (money)."""
        if self.before is None or self.after is None:
            return 0.0
        return self.after.expected_result - self.before.expected_result

    @property
    def p_gain(self) -> float:
        if self.before is None or self.after is None:
            return 0.0
        return self.after.win_probability - self.before.win_probability


def _replay(g: Game, log: Sequence[Mapping[str, Any]]) -> Game:
    try:
        return Game.replay(g.scenario, g.seed, log, g.humans, g.strategies, players=g.players)
    except DecisionError as exc:
        raise WhatIfError(f"the changed game cannot be replayed: {exc}") from None


def _vendor(res: GameResult | None, vid: str) -> VendorResult | None:
    return res.vendor(vid) if res is not None else None


def compare(tg: TeamGame, change: Change, new: Game) -> WhatIf:
    g = tg.game
    v = g.vendor_index(tg.vendor)
    diffs = []
    first = None
    for a, b in zip(g.records, new.records, strict=False):
        if a != b and first is None:
            first = a.turn
        for s, sid in enumerate(g.c.stakeholder_ids):
            x0, x1 = a.stance[s][v], b.stance[s][v]
            if abs(x1 - x0) > 1e-12:
                diffs.append(StanceDiff(a.turn, sid, x0, x1))
    if first is None and len(g.records) != len(new.records):
        first = min(len(g.records), len(new.records)) + 1
    return WhatIf(
        change=change,
        game=new,
        before=_vendor(g.result, tg.vendor),
        after=_vendor(new.result, tg.vendor),
        winner_before=g.result.winner if g.result else None,
        winner_after=new.result.winner if new.result else None,
        diffs=tuple(diffs),
        first_divergence=first,
    )


def what_if(tg: TeamGame, change: Change) -> WhatIf:
    """Replay the team's game with ``change`` and the same dice; compare with the game as played."""
    g = tg.game
    if tg.vendor not in g.humans:
        raise WhatIfError(f"'{tg.vendor}' is played by the AI in this game, not by a team")
    new = _replay(g, modified_log(g.log, tg.vendor, change))
    return compare(tg, change, new)


# -- best single change ---------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    change: Change
    gain: float  # expected result gained (screening estimate)
    p_win: float  # win probability (screening estimate)


@dataclass(frozen=True)
class ChangeSearch:
    tried: int  # candidates replayed
    skipped: int  # candidates that broke a rule later (money ran out, ...)
    ranked: tuple[Candidate, ...]  # best first (screening)
    best: WhatIf | None  # the best change replayed in full; None when nothing gains


def candidates(
    tg: TeamGame,
    people: int = 4,
    prices: Sequence[float] = (1.03, 1.08, 1.12, 1.16, 1.2),
    cps: list[Checkpoint] | None = None,
) -> list[Change]:
    """The bounded set: per turn, 1-2 days of each action moved to one of the ``people`` most
    important people; one more executive meeting on them where resources allow; other bids."""
    g = tg.game
    c = g.c
    imp = policies.importance(c)
    never = c.pool_locked(c.turns)  # pool seats nobody may meet during the game
    top = [c.stakeholder_ids[s] for s in np.argsort(-imp) if not never[s]][:people]
    out: list[Change] = []
    for cp in (cps or checkpoints(g))[:-1]:
        entry = g.log[cp.index]
        turn = int(entry["turn"])
        locked = c.pool_locked(turn)
        open_now = [s for s in top if not locked[c.stakeholder_ids.index(s)]]
        seniors = [s for s in open_now if c.seniority[c.stakeholder_ids.index(s)] >= 2]
        allocs = _merge([Allocation(**a) for a in entry["actions"].get(tg.vendor, [])])
        for a in allocs:
            for n in sorted({1, min(2, a.amount)}):
                for target in open_now:
                    if target != a.stakeholder:
                        out.append(MoveDays(turn, a.action, a.stakeholder, target, n))
        left = cp.game.remaining(tg.vendor, allocs)
        cost = cp.game.cost_of("executive_meeting")
        if all(left.get(r, 0.0) >= x - 1e-9 for r, x in cost.items()):
            out.extend(AddAllocation(turn, Allocation("executive_meeting", s, 1)) for s in seniors)
    if g.result is not None:
        v = g.vendor_index(tg.vendor)
        actual = g.bids.get(tg.vendor)
        ceiling = float(g.st.ceiling[0])
        for m in prices:
            price = round(min(float(c.cost[v]) * m, 0.99 * ceiling), -3)
            if actual is None or abs(price - actual) > 0.005 * actual:
                out.append(ChangeBid(price))
    return out


def _screen_all(
    tg: TeamGame, cps: list[Checkpoint], cands: Sequence[Change], samples: int, tick: Callable[[int], None]
) -> tuple[Screened, list[Screened | None]]:
    """The baseline and every candidate, one batch per changed turn (see screen.py)."""
    g = tg.game
    bid_cp = cps[-1]
    rest = g.log[bid_cp.index :]
    base = screen(g, bid_cp.game, rest, tg.vendor, None, None, samples)[0]
    assert base is not None  # the game as played fits its budget
    out: list[Screened | None] = [None] * len(cands)
    by_turn: dict[int, list[int]] = {}
    for i, ch in enumerate(cands):
        by_turn.setdefault(-1 if isinstance(ch, ChangeBid) else getattr(ch, "turn", -1), []).append(i)
    for turn, idx in sorted(by_turn.items()):
        if turn < 0:
            prices = [cast(ChangeBid, cands[i]).price for i in idx]
            res = screen(g, bid_cp.game, rest, tg.vendor, None, prices, samples)
        else:
            cp = next(x for x in cps if "turn" in g.log[x.index] and g.log[x.index]["turn"] == turn)
            old = [Allocation(**a) for a in g.log[cp.index]["actions"][tg.vendor]]
            firsts: list[list[Allocation]] = []
            keep: list[int] = []
            for i in idx:
                try:
                    firsts.append(new_allocations(old, cands[i]))
                    keep.append(i)
                except WhatIfError:
                    continue
            idx = keep
            res = screen(g, cp.game, g.log[cp.index :], tg.vendor, firsts, None, samples) if idx else []
        for i, r in zip(idx, res, strict=True):
            out[i] = r
        tick(len(idx))
    return base, out


def best_single_change(
    tg: TeamGame,
    *,
    people: int = 4,
    screen_samples: int = SCREEN_SAMPLES,
    finalists: int = FINALISTS,
    progress: Progress | None = None,
) -> ChangeSearch:
    """Try every candidate change; the one that raises the team's expected result most.

    Candidates are screened side by side with the game's own dice and
    ``screen_samples`` award draws (the same draws for every candidate, so
    their differences are precise); the top ``finalists`` are replayed in full
    (:func:`what_if`, 2,000 award draws) and the best is returned.
    """
    g = tg.game
    if g.result is None:
        raise NotFinished(f"{tg.team}: finish the game (bids and award) before searching for changes")
    if tg.vendor not in g.humans:
        raise WhatIfError(f"'{tg.vendor}' is played by the AI in this game, not by a team")
    cps = checkpoints(g)
    cands = candidates(tg, people, cps=cps)
    total = len(cands) + finalists
    done = 0

    def tick(k: int) -> None:
        nonlocal done
        done += k
        if progress is not None:
            progress(min(done, total), total)

    base, screened = _screen_all(tg, cps, cands, screen_samples, tick)
    ranked = [
        Candidate(ch, r.expected - base.expected, r.p_win)
        for ch, r in zip(cands, screened, strict=True)
        if r is not None
    ]
    skipped = len(cands) - len(ranked)
    ranked.sort(key=lambda x: -x.gain)
    best: WhatIf | None = None
    for cand in ranked[:finalists]:
        if cand.gain > 0:
            try:
                full = what_if(tg, cand.change)
            except WhatIfError:
                continue
            if full.gain > 0 and (best is None or full.gain > best.gain):
                best = full
        tick(1)
    if progress is not None:
        progress(total, total)
    return ChangeSearch(len(cands), skipped, tuple(ranked), best)
