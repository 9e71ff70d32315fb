"""Win probability over time: each team's chance of winning from every turn on, with AI play.

From the position after each turn, the world is copied into many futures
that play the remaining turns: AI vendors by their personas, every team's
seat (this team's and, in a head-to-head game, the others') by the
``best_practice`` stand-in, and each future's award is drawn several times.
Teams' bids are the prices they actually submitted (a policy bid where a team
has not bid yet). Futures draw from streams derived from the game's seed
(never the game's own dice), so the same game always gives the same curve.

Skill and luck (docs/MODEL.md, "Debrief"): p[t] is the chance after turn t,
q[t] the chance from position t-1 when turn t is played as the team actually
played it (the same futures as p[t-1], common random numbers) and the
stand-in plays on. Then

    decision[t] = q[t] - p[t-1]     (the team's move against the stand-in's)
    dice[t]     = p[t] - q[t]       (that turn's dice, and in a head-to-head game the other teams' moves)
    award luck  = won - p[T]        (the evaluation's dice)

and skill + luck = won - p[0] exactly. ``luck_share`` = |luck| / (|luck| + |skill|).

Speed: all teams' futures that start at the same turn run as one batch.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from game.ai import policies
from game.analysis.workers import available, parallel_map
from game.engine import batch
from game.engine.events import ensure_capacity
from game.engine.game import Game
from game.engine.state import State, StreamKey, Streams
from game.engine.teams import TeamGame
from game.engine.turn import resolve, stance
from game.model.compiled import Compiled
from game.model.tender import current_spec, evaluate
from game.scenario.schema import ACTION_IDS, Event

from .dice import BlockStreams, tiled
from .replay import Checkpoint, checkpoints

F = NDArray[np.float64]
I = NDArray[np.int64]  # noqa: E741 - the index arrays' type, named like F and B
B = NDArray[np.bool_]
Progress = Callable[[int, int], None]

STAND_IN = "best_practice"
SAMPLES = 2000
DRAWS = 10  # award draws per played-out future: SAMPLES = futures x DRAWS
KEY = StreamKey.DEBRIEF  # the debrief's own streams (engine.state.StreamKey)
NAMES: tuple[str, ...] = tuple(policies.Q_FUNCS)
# Worlds played side by side in one batch (whole blocks of futures): about the engine's
# block of worlds (game.ai.batch.BLOCK), whose arrays stay in the processor's cache.
BATCH_WORLDS = 2000


@dataclass(frozen=True)
class WinPoint:
    turn: int  # turns played (0 = the start)
    p_win: float  # chance of winning from here
    expected: float  # expected result (money) from here: E[won x margin - spent]
    p_decided: float | None  # q: from the previous position with this turn as played


@dataclass(frozen=True)
class WinCurve:
    team: str
    vendor: str
    stand_in: str
    samples: int
    futures: int
    points: tuple[WinPoint, ...]
    won: bool | None  # None while the game is not finished
    result: float | None  # actual result (money)

    @property
    def decisions(self) -> tuple[float, ...]:
        """Per turn 1..n: q[t] - p[t-1], the team's move against the stand-in's."""
        pts = self.points
        return tuple(
            (pts[i].p_decided or 0.0) - pts[i - 1].p_win for i in range(1, len(pts))
        )

    @property
    def dice(self) -> tuple[float, ...]:
        """Per turn 1..n: p[t] - q[t], the turn's dice (and other teams' moves)."""
        pts = self.points
        return tuple(pts[i].p_win - (pts[i].p_decided or 0.0) for i in range(1, len(pts)))

    @property
    def award_luck(self) -> float:
        if self.won is None:
            return 0.0
        return float(self.won) - self.points[-1].p_win

    @property
    def skill(self) -> float:
        return float(sum(self.decisions))

    @property
    def luck(self) -> float:
        return float(sum(self.dice)) + self.award_luck

    @property
    def luck_share(self) -> float:
        a, b = abs(self.luck), abs(self.skill)
        return a / (a + b) if a + b > 0 else 0.0

    @property
    def start(self) -> float:
        return self.points[0].p_win if self.points else 0.0


# -- jobs ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Job:
    """One team's block of futures from one position."""

    slot: int  # index of the team in the caller's list
    turn: int  # position: turns played
    cp: Checkpoint
    vendor: int
    humans: tuple[int, ...]
    names: tuple[str, ...]  # policy per vendor with humans replaced by the stand-in
    bids: tuple[float | None, ...]  # fixed bid per vendor (None = policy); nan = no bid
    first: F | None  # [V,S,A] the team's allocation for the first turn played (q-jobs)


def _play_signature(job: _Job) -> bytes:
    """What a block's futures depend on: the position, the policies, the teams and the first move."""
    h = hashlib.sha256()
    st = job.cp.game.st
    h.update(repr((st.turn, job.humans, job.names)).encode())
    for k, arr in sorted(st._arrays().items()):
        h.update(k.encode())
        h.update(np.ascontiguousarray(arr).tobytes())
    if job.first is not None:
        h.update(b"first")
        h.update(_as_fixed(job.first, job.vendor).tobytes())
    return h.digest()


def _group_key(g: Game) -> str:
    extra = [e.model_dump(mode="json", exclude_none=True) for e in g.extra_events]
    return f"{id(g.scenario)}|{g.scenario.id}|{json.dumps(extra, sort_keys=True)}"


def _fixed_bids(tg: TeamGame) -> tuple[float | None, ...]:
    g = tg.game
    out: list[float | None] = []
    for vid in g.c.vendor_ids:
        if vid in g.humans and vid in g.bids:
            b = g.bids[vid]
            out.append(float(b) if b else float("nan"))
        else:
            out.append(None)
    return tuple(out)


def _first_alloc(g: Game, cp: Checkpoint, vendor: int) -> F:
    c = g.c
    out = np.zeros((c.V, c.S, len(ACTION_IDS)))
    entry = g.log[cp.index]
    for a in entry["actions"].get(c.vendor_ids[vendor], []):
        out[vendor, c.stakeholder_ids.index(a["stakeholder"]), ACTION_IDS.index(a["action"])] += a[
            "amount"
        ]
    return out


# -- the batch ------------------------------------------------------------------------


def _streams(seed: int, key: tuple[int, ...], turns: int, vendors: int, block: int) -> Streams:
    """Streams derived from the seed (never the game's own), shared by every block of futures."""
    root = np.random.SeedSequence(seed, spawn_key=(1000 + KEY, *key))
    dice_root, ai_root, cosmetic = root.spawn(3)
    derived = Streams(
        seed=seed,
        dice=dice_root.spawn(turns + 2),
        ai=[v.spawn(turns + 2) for v in ai_root.spawn(vendors)],
        cosmetic=cosmetic,
    )
    return BlockStreams.of(derived, block)


def _rng(seed: int, block: int, *key: int) -> np.random.Generator:
    """A derived generator whose draws are the same for every block of ``block`` rows."""
    return tiled(np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(1000 + KEY, *key))), block)


def _stack(jobs: Sequence[_Job], futures: int, streams: Streams) -> State:
    parts = []
    n_events = max(j.cp.game.st.fired.shape[1] for j in jobs)
    for j in jobs:
        st = j.cp.game.st.tile(0, futures)
        ensure_capacity(st, n_events)
        parts.append(st)
    arrays: dict[str, Any] = {
        k: np.concatenate([getattr(p, k) for p in parts]) for k in parts[0]._arrays()
    }
    return replace(parts[0], W=futures * len(jobs), streams=streams, **arrays)


def _stance(c: Compiled, st: State, chunk: int = 256) -> F:
    """The engine's mixed stance, computed a few hundred worlds at a time.

    Committee mixing is a small matrix product per round; on thousands of worlds
    at once the BLAS library starts threads for it, which on a busy or pinned
    machine costs far more than the product itself (10x measured).
    """
    if chunk >= st.W:
        return stance(c, st)
    arrays = st._arrays()
    parts = [
        stance(c, replace(st, W=min(chunk, st.W - a), **_rows(arrays, slice(a, a + chunk))))
        for a in range(0, st.W, chunk)
    ]
    return np.concatenate(parts)


def _rows(arrays: dict[str, Any], sel: slice | I) -> dict[str, Any]:
    return {k: v[sel] for k, v in arrays.items()}


def _subset(st: State, idx: I) -> State:
    """The worlds ``idx`` of a state (views when they are one contiguous run)."""
    sel: slice | I = idx
    if len(idx) and idx[-1] - idx[0] + 1 == len(idx):
        sel = slice(int(idx[0]), int(idx[-1]) + 1)
    return replace(st, W=len(idx), **_rows(st._arrays(), sel))


def _per_world(jobs: Sequence[_Job], futures: int) -> tuple[I, B]:
    """Policy index [W,V] and human-seat mask [W,V]."""
    names = np.array([[NAMES.index(n) for n in j.names] for j in jobs], dtype=np.int64)
    seat = np.array([[v in j.humans for v in range(len(j.names))] for j in jobs], dtype=bool)
    return np.repeat(names, futures, axis=0), np.repeat(seat, futures, axis=0)


def _play(
    c: Compiled,
    st: State,
    names: I,
    first: F | None,
    extra: Sequence[Event],
    seed: int,
    key: tuple[int, ...],
    block: int,
    tick: Callable[[], None],
) -> None:
    """Play st to the end; ``first`` [W,V,S,A] (nan = planned) overrides the first turn."""
    start = st.turn
    while st.turn <= c.turns:
        alloc = np.zeros((st.W, c.V, c.S, len(ACTION_IDS)))
        sn = policies.seen(c, st, _stance(c, st))  # once a turn, for every vendor
        for v in range(c.V):
            for n in np.unique(names[:, v]):
                idx = np.nonzero(names[:, v] == n)[0]
                rng = _rng(seed, block, *key, 1, st.turn, v)
                if len(idx) == st.W:
                    obs = policies.observe(c, st, v, sn)
                    alloc[:, v] = policies.plan(NAMES[n], obs, rng)
                else:
                    obs = policies.observe(c, _subset(st, idx), v, sn.rows(idx))
                    alloc[idx, v] = policies.plan(NAMES[n], obs, rng)
        if first is not None and st.turn == start:
            fixed = ~np.isnan(first)
            alloc = np.where(fixed, first, alloc)
        resolve(c, st, alloc, extra_events=extra, intro=sn.intro)
        tick()


def _bids(
    c: Compiled,
    st: State,
    names: I,
    seat: B,
    fixed: F,
    seed: int,
    key: tuple[int, ...],
    block: int,
    x: F,
) -> F:
    """Bids [W,V] at the end of the futures; ``x`` is the final stance (``_stance``)."""
    bids = np.zeros((st.W, c.V))
    sn = policies.seen(c, st, x)
    for v in range(c.V):
        groups = names[:, v] * 2 + seat[:, v]
        for g in np.unique(groups):
            idx = np.nonzero(groups == g)[0]
            obs = policies.observe(c, _subset(st, idx), v, sn.rows(idx))
            rng = _rng(seed, block, *key, 2, v)
            bids[idx, v] = policies.bid(NAMES[g // 2], obs, rng, seat=bool(g % 2))
    return np.where(np.isinf(fixed), bids, fixed)  # inf marks "no fixed bid"


def _run(
    blocks: Sequence[_Job],
    evals: Sequence[tuple[int, _Job]],
    futures: int,
    draws: int,
    key: tuple[int, ...],
    tick: Callable[[], None],
) -> tuple[F, F]:
    """Play each block's futures once; evaluate each (block, job) with the job's bids.

    Returns (p_win, expected) per entry of ``evals``.
    """
    g0 = blocks[0].cp.game
    c = g0.c
    seed = g0.seed
    st = _stack(blocks, futures, _streams(seed, key, c.turns, c.V, futures))
    names, seat = _per_world(blocks, futures)
    first = None
    if any(j.first is not None for j in blocks):
        blank = np.full((c.V, c.S, len(ACTION_IDS)), np.nan)
        first = np.repeat(
            np.stack([blank if j.first is None else _as_fixed(j.first, j.vendor) for j in blocks]),
            futures,
            axis=0,
        )
    _play(c, st, names, first, g0.extra_events, seed, key, futures, tick)
    x_all = _stance(c, st)
    policy_bids = _bids(c, st, names, seat, np.full((st.W, c.V), np.inf), seed, key, futures, x_all)
    rows = np.concatenate([np.arange(b * futures, (b + 1) * futures) for b, _ in evals])
    price = policy_bids[rows]
    for i, (_, job) in enumerate(evals):
        for v, b in enumerate(job.bids):
            if b is not None:
                price[i * futures : (i + 1) * futures, v] = b
    rng = _rng(seed, futures * draws, *key, 3)
    n = len(rows) * draws
    x = x_all[rows]
    spec = current_spec(c, st.spec_base, st.pull)[rows]
    aw = evaluate(
        c,
        price=price,
        stance=x,
        spec=spec,
        quality=st.quality[rows],
        weights=st.weights[rows],
        ceiling=st.ceiling[rows],
        z_eval=rng.standard_normal((n, c.S, c.V)),
        u_disq=rng.random((n, c.V)),
        draws=draws,
    )
    tick()
    p = np.zeros(len(evals))
    e = np.zeros(len(evals))
    per = futures * draws
    spent = np.repeat(st.spent[rows], draws, axis=0)
    for i, (_, j) in enumerate(evals):
        sel = slice(i * per, (i + 1) * per)
        v = j.vendor
        won = aw.winner[sel] == v
        margin = np.nan_to_num(aw.price[sel, v] - c.cost[v])
        p[i] = won.mean()
        e[i] = float(np.mean(won * margin - spent[sel, v]))
    return p, e


def _as_fixed(first: F, vendor: int) -> F:
    out = np.full(first.shape, np.nan)
    out[vendor] = first[vendor]
    return out


# -- running the batches, here or in worker processes ---------------------------------------


@dataclass(frozen=True)
class _Task:
    """The arguments of one ``_run``: every block of futures that starts at one turn."""

    blocks: list[_Job]
    evals: list[tuple[int, _Job]]
    futures: int
    draws: int
    key: tuple[int, ...]

    @property
    def ticks(self) -> int:
        """Progress steps of the task: one per turn played, one for the award."""
        c = self.blocks[0].cp.game.c
        return max(0, c.turns - self.blocks[0].cp.game.st.turn + 1) + 1

    @property
    def work(self) -> int:
        """World-turns to play (the order tasks go to the workers: the largest first)."""
        return len(self.blocks) * self.futures * self.ticks


def _run_task(task: _Task) -> tuple[F, F]:
    """A worker's entry: one task, no progress (the parent ticks when it is done)."""
    return _run(task.blocks, task.evals, task.futures, task.draws, task.key, lambda: None)


# Below this many world-turns a debrief runs in one process: starting workers costs more.
PARALLEL_FROM = 150_000


def default_workers(work: int) -> int:
    """Worker processes for ``work`` world-turns: every core for a class-sized debrief."""
    if work < PARALLEL_FROM:
        return 1
    return available()


def _run_all(tasks: Sequence[_Task], n: int | None, tick: Callable[[], None]) -> list[tuple[F, F]]:
    """Every task's (p_win, expected), in order; in worker processes when there is enough work."""
    n = default_workers(sum(t.work for t in tasks)) if n is None else n
    if n <= 1:
        return [_run(t.blocks, t.evals, t.futures, t.draws, t.key, tick) for t in tasks]

    def finished(i: int) -> None:
        for _ in range(tasks[i].ticks):
            tick()

    order = sorted(range(len(tasks)), key=lambda i: -tasks[i].work)
    return parallel_map(_run_task, tasks, n, done=finished, order=order)


# -- public -----------------------------------------------------------------------------


def win_curves(
    teams: Sequence[TeamGame],
    *,
    samples: int = SAMPLES,
    draws: int = DRAWS,
    decompose: bool = True,
    stand_in: str = STAND_IN,
    progress: Progress | None = None,
    workers: int | None = None,
) -> list[WinCurve]:
    """Each team's win probability after every turn played (and q's when ``decompose``).

    ``samples`` per point = ``futures`` played-out futures x ``draws`` award
    draws each (futures = samples // draws, at least 1). ``workers``: processes that
    play the futures (``default_workers``: the machine's cores for a class-sized
    debrief, none for a small one); the figures are the same whatever the number.
    """
    if stand_in not in NAMES:
        raise ValueError(f"unknown stand-in policy '{stand_in}'; policies: {', '.join(NAMES)}")
    draws = max(1, min(draws, samples))
    futures = max(1, samples // draws)
    cps: dict[int, list[Checkpoint]] = {}
    for tg in teams:
        if id(tg.game) not in cps:
            cps[id(tg.game)] = checkpoints(tg.game)
    jobs: dict[tuple[str, int, str], list[_Job]] = {}
    for slot, tg in enumerate(teams):
        g = tg.game
        v = g.vendor_index(tg.vendor)
        base = batch.strategies_for(g.c, g.strategies)
        names = tuple(
            stand_in if vid in g.humans else base[i] for i, vid in enumerate(g.c.vendor_ids)
        )
        humans = tuple(g.c.vendor_ids.index(h) for h in g.humans)
        bids = _fixed_bids(tg)
        positions = cps[id(g)]
        for cp in positions:
            last = cp is positions[-1]
            if last and g.result is not None and cp.turns_played == g.c.turns:
                continue  # the final position's figures are the game's own
            job = _Job(slot, cp.turns_played, cp, v, humans, names, bids, None)
            key = _group_key(cp.game)
            jobs.setdefault((key, cp.turns_played + 1, "p"), []).append(job)
            if decompose and not last:
                q_job = replace(job, first=_first_alloc(g, cp, v))
                jobs.setdefault((key, cp.turns_played + 1, "q"), []).append(q_job)
    groups = sorted({k[0] for k in jobs})
    total = done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    p: dict[tuple[int, int], tuple[float, float]] = {}
    q: dict[tuple[int, int], float] = {}
    tasks: list[_Task] = []
    routes: list[tuple[dict[tuple[str, int, int], tuple[object, ...]], dict[tuple[object, ...], tuple[int, int]]]] = []
    for (gkey, start, kind), js in sorted(jobs.items()):
        if kind == "q":
            continue
        # Every block of futures draws the same dice (dice.py): a team's p and q futures
        # are common random numbers. Jobs at the same position (parallel worlds at the
        # start) share one block; each job is evaluated with its own bids.
        blocks: dict[bytes, int] = {}
        reps: list[_Job] = []
        evals: dict[tuple[object, ...], tuple[int, _Job]] = {}
        of: dict[tuple[str, int, int], tuple[object, ...]] = {}
        for j in [*js, *jobs.get((gkey, start, "q"), [])]:
            sig = _play_signature(j)
            if sig not in blocks:
                blocks[sig] = len(reps)
                reps.append(j)
            ekey = (sig, j.vendor, *j.bids)
            evals.setdefault(ekey, (blocks[sig], j))
            of[("q" if j.first is not None else "p", j.slot, j.turn)] = ekey
        # Worlds played by the same policies side by side: subsets are then slices.
        order = sorted(range(len(reps)), key=lambda b: (reps[b].names, reps[b].first is not None, b))
        position = {b: i for i, b in enumerate(order)}
        # Pieces of at most BATCH_WORLDS worlds (whole blocks of futures, so the same dice):
        # a piece's arrays stay in the processor's cache, and pieces share out evenly
        # between worker processes.
        per = max(1, BATCH_WORLDS // futures)
        at: dict[tuple[object, ...], tuple[int, int]] = {}
        for first_block in range(0, len(order), per):
            piece = range(first_block, min(first_block + per, len(order)))
            ekeys = [k for k in evals if position[evals[k][0]] in piece]
            at.update({k: (len(tasks), i) for i, k in enumerate(ekeys)})
            tasks.append(
                _Task(
                    [reps[order[b]] for b in piece],
                    [(position[evals[k][0]] - piece.start, evals[k][1]) for k in ekeys],
                    futures,
                    draws,
                    (start, groups.index(gkey)),
                )
            )
        routes.append((of, at))
    total = sum(t.ticks for t in tasks)
    results = _run_all(tasks, workers, tick)
    for of, at in routes:
        for (kind_, slot, turn), k in of.items():
            pw, ex = results[at[k][0]]
            i = at[k][1]
            if kind_ == "p":
                p[(slot, turn)] = (float(pw[i]), float(ex[i]))
            else:
                q[(slot, turn + 1)] = float(pw[i])
    out = []
    for slot, tg in enumerate(teams):
        g = tg.game
        n = len(cps[id(g)])
        res = g.result.vendor(tg.vendor) if g.result is not None else None
        pts = []
        for t in range(n):
            if (slot, t) in p:
                p_win, expected = p[(slot, t)]
            else:  # the final position of a finished game
                assert res is not None  # only skipped when finished
                p_win, expected = res.win_probability, res.expected_result
            pts.append(WinPoint(t, p_win, expected, q.get((slot, t))))
        out.append(
            WinCurve(
                team=tg.team,
                vendor=tg.vendor,
                stand_in=stand_in,
                samples=futures * draws,
                futures=futures,
                points=tuple(pts),
                won=None if res is None else res.won,
                result=None if res is None else res.result,
            )
        )
    return out


def win_curve(tg: TeamGame, **kw: Any) -> WinCurve:
    """One team's curve (see :func:`win_curves`)."""
    return win_curves([tg], **kw)[0]
