"""The trainer's dashboard: each team's win probability, coverage, resources and alerts.

The teams never see it. Win probability is Monte Carlo from each team's
current position: its game state is copied into N worlds, fresh random
streams (derived from the seed and the turn, so no game dice are used and the
same position gives the same figure) play the remaining turns with the AI for
every vendor, the team's seat played by the session's ``assumption`` (a
persona, ``balanced`` by default) except that the team's entry for the open
round, and its bid once handed in, are used as entered. Every game of the
session is stacked into one batch, so the whole refresh is one numpy run.

``DashboardJob`` copies what it needs from the session (fast, on the caller's
thread) and ``run()`` computes (slow part; safe on a worker thread).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
from numpy.typing import NDArray

from game.ai import policies
from game.ai.batch import award, policy_bids, strategies_for
from game.engine.game import DAY_RESOURCES, Allocation
from game.engine.state import State, StreamKey, Streams
from game.engine.stats import wilson
from game.engine.turn import resolve, stance
from game.model.compiled import Compiled
from game.scenario.schema import ACTION_IDS, Event
from game.session import measures
from game.session.session import Session

F = NDArray[np.float64]
# Worlds x turns per refresh: about 0.95 s on one core for 12 teams at the first round of
# rural_schools (bench "workshop": 136 worlds a team, the Wilson interval shown beside each
# figure); a front end may run a second, larger DashboardJob(worlds=...) to refine.
WORLD_TURNS = 18_000
MIN_WORLDS, MAX_WORLDS = 100, 2000
BUDGET_ALERT = 0.85  # share of the campaign budget spent with two or more rounds to go
VETO_GAP = 3  # rounds without an action on a veto holder
DECAY_ALERT = 0.01  # relationship lost by a decision maker in the last turn


@dataclass(frozen=True)
class Alert:
    team: str
    code: str  # not_submitted, no_actions, veto_untouched, budget_low, dm_decaying
    params: dict[str, Any]


@dataclass(frozen=True)
class TeamDashboard:
    team: str
    vendor: str
    win_probability: float
    win_low: float  # 95% interval (Wilson) of the Monte Carlo estimate
    win_high: float
    expected_result: float  # mean of won x (bid - cost) - money spent, over the worlds
    support: float  # committee support now (influence-weighted preference share)
    coverage: float  # 0-1, influence-weighted people touched in the last two rounds
    roles_covered: tuple[str, ...]
    roles_missing: tuple[str, ...]
    days_used: float  # people's days put into actions in the rounds played
    days_available: float
    money_spent: float
    budget: float
    submitted: bool
    final: bool  # the tender is awarded: the figures are the game's result
    alerts: tuple[Alert, ...]


@dataclass(frozen=True)
class Dashboard:
    version: int  # the session's version it shows; refresh when the session's differs
    phase: str
    round: int
    worlds: int  # per game
    assumption: str
    seconds: float  # time the refresh took
    teams: tuple[TeamDashboard, ...]

    @property
    def alerts(self) -> list[Alert]:
        return [a for t in self.teams for a in t.alerts]


@dataclass
class _Seat:
    team: str
    vendor: int
    game: int  # index into the job's games
    entry: list[Allocation] | None  # the open round's entry, if in
    bid: float | None | bool  # the bid handed in; False: none yet


def _stack(states: list[State], streams: Streams) -> State:
    """One State whose worlds are the given states' worlds, one after another."""
    width = max(s.fired.shape[1] for s in states)
    parts: dict[str, Any] = {}
    for f in fields(State):
        first = getattr(states[0], f.name)
        if isinstance(first, np.ndarray):
            arrays = [getattr(s, f.name) for s in states]
            if f.name == "fired":
                arrays = [np.pad(a, ((0, 0), (0, width - a.shape[1]))) for a in arrays]
            parts[f.name] = np.concatenate(arrays, axis=0)
    return State(W=sum(s.W for s in states), turn=states[0].turn, streams=streams, **parts)


class DashboardJob:
    """A snapshot of the session for one refresh; ``run()`` may go on a worker thread."""

    def __init__(self, session: Session, worlds: int | None = None) -> None:
        self.session = session
        self.version = session.version
        self.phase = session.phase
        self.round = session.round
        self.assumption = session.config.assumption
        games = session.games
        self.c: Compiled = games[0].c
        self.turn = games[0].turn
        self.seed = session.config.seed
        self.states = [g.st.copy() for g in games]
        self.extra: list[Event] = list(games[0].extra_events)
        self.inject = tuple(session.status().queued)
        self.humans = list(games[0].humans)
        subs = session.submissions()
        bids = session.bids()
        self.seats: list[_Seat] = []
        for t in session.teams:
            g = session.game_of(t.name)
            self.seats.append(
                _Seat(
                    t.name,
                    self.c.vendor_ids.index(t.vendor),
                    next(i for i, x in enumerate(games) if x is g),
                    subs.get(t.name) if self.phase == "open" else None,
                    bids.get(t.name, False) if t.name in bids else False,
                )
            )
        left = max(0, self.c.turns - self.turn + 1)
        per_game = WORLD_TURNS // (len(games) * (left + 1))
        self.worlds = worlds if worlds is not None else int(np.clip(per_game, MIN_WORLDS, MAX_WORLDS))
        self.results = [g.result for g in games]
        self.facts = [_facts(session, t.name) for t in session.teams]

    def run(self) -> Dashboard:
        t0 = time.perf_counter()
        final = all(r is not None for r in self.results)
        if final:
            wins = []
            for seat in self.seats:
                res = self.results[seat.game]
                assert res is not None  # every game is finished here
                vr = res.vendor(self.c.vendor_ids[seat.vendor])
                wins.append((vr.win_probability, vr.expected_result))
            n = 2000  # Game.finish's evaluation samples
        else:
            wins = self._monte_carlo()
            n = self.worlds
        teams = []
        for seat, (p, expected), facts in zip(self.seats, wins, self.facts, strict=True):
            lo, hi = wilson(p * n, n)
            teams.append(
                TeamDashboard(
                    team=seat.team,
                    vendor=self.c.vendor_ids[seat.vendor],
                    win_probability=p,
                    win_low=lo,
                    win_high=hi,
                    expected_result=expected,
                    final=final,
                    **facts,
                )
            )
        return Dashboard(
            version=self.version,
            phase=self.phase,
            round=self.round,
            worlds=n,
            assumption=self.assumption,
            seconds=time.perf_counter() - t0,
            teams=tuple(teams),
        )

    def _monte_carlo(self) -> list[tuple[float, float]]:
        c, n = self.c, self.worlds
        key = np.random.SeedSequence(self.seed, spawn_key=(StreamKey.DASHBOARD, self.turn))
        streams = Streams.from_seed(int(key.generate_state(1, np.uint64)[0] >> 1), c.turns, c.V)
        st = _stack([s.tile(0, n) for s in self.states], streams)
        names = strategies_for(c, {v: self.assumption for v in self.humans})
        first = True
        while st.turn <= c.turns:
            alloc = np.zeros((st.W, c.V, c.S, len(ACTION_IDS)))
            x = stance(c, st)
            for v, name in enumerate(names):
                obs = policies.observe(c, st, v, x)
                alloc[:, v] = policies.plan(name, obs, st.streams.ai_rng(v, st.turn))
            if first and self.phase == "open":
                for seat in self.seats:
                    if seat.entry is not None:
                        block = slice(seat.game * n, (seat.game + 1) * n)
                        alloc[block, seat.vendor] = self._entry_array(seat.entry)
            resolve(c, st, alloc, inject=self.inject if first else (), extra_events=self.extra)
            first = False
        seats = frozenset(self.c.vendor_ids.index(v) for v in self.humans)
        bids = policy_bids(c, st, names, seats)
        for seat in self.seats:
            if seat.bid is not False:
                block = slice(seat.game * n, (seat.game + 1) * n)
                bids[block, seat.vendor] = np.nan if seat.bid is None else float(seat.bid)
        aw = award(c, st, bids, np.random.default_rng(key.spawn(1)[0]))
        out = []
        for seat in self.seats:
            block = slice(seat.game * n, (seat.game + 1) * n)
            won = aw.winner[block] == seat.vendor
            margin = np.nan_to_num(bids[block, seat.vendor] - c.cost[seat.vendor])
            expected = float(np.mean(won * margin) - np.mean(st.spent[block, seat.vendor]))
            out.append((float(np.mean(won)), expected))
        return out

    def _entry_array(self, entry: list[Allocation]) -> F:
        c = self.c
        a: F = np.zeros((c.S, len(ACTION_IDS)))
        for al in entry:
            a[c.stakeholder_ids.index(al.stakeholder), ACTION_IDS.index(al.action)] += al.amount
        return a


def _facts(session: Session, team: str) -> dict[str, Any]:
    """Coverage, resources, support and alerts of one team (no Monte Carlo)."""
    sc = session.scenario
    t = session.team(team)
    g = session.game_of(team)
    c = g.c
    v = c.vendor_ids.index(t.vendor)
    decisions: dict[int, list[Allocation]] = session.decisions(team)
    subs = session.submissions()
    submitted = team in subs if session.phase == "open" else team in session.bids()
    if session.phase == "open" and team in subs:
        decisions[session.round] = subs[team]
    latest = max(decisions, default=0)
    cov = measures.coverage(sc, decisions, latest) if latest else 0.0
    got, missing = measures.roles_covered(sc, decisions, latest) if latest else ([], [])
    played = len(g.records)
    days_used = sum(
        g.cost_of(a.action, a.amount).get(r, 0.0)
        for rnd in range(1, played + 1)
        for a in decisions.get(rnd, ())
        for r in DAY_RESOURCES
    )
    days_available = float(c.per_turn[v].sum()) * played
    spent = g.spent(c.vendor_ids[v])
    budget = float(c.budget[v])
    alerts: list[Alert] = []
    if session.phase == "open" and not submitted:
        alerts.append(Alert(team, "not_submitted", {"round": session.round}))
    if played >= 2 and not decisions.get(played) and not decisions.get(played - 1):
        alerts.append(Alert(team, "no_actions", {"rounds": 2}))
    now = session.round if session.phase == "open" else played
    if session.phase in ("open", "idle") and now >= VETO_GAP:
        for s in sc.stakeholders:
            if s.veto:
                last = measures.last_touch(decisions, s.id)
                if now - last >= VETO_GAP:
                    alerts.append(
                        Alert(team, "veto_untouched", {"person": s.id, "rounds": now - last if last else now})
                    )
    left = c.turns - played
    if budget > 0 and spent >= BUDGET_ALERT * budget and left >= 2:
        alerts.append(Alert(team, "budget_low", {"share": spent / budget, "rounds_left": left}))
    if len(g.records) >= 1:
        rec = g.records[-1]
        prev = g.records[-2].relationship if len(g.records) >= 2 else None
        for i, s in enumerate(sc.stakeholders):
            if s.role != "decision_maker":
                continue
            before = prev[i][v] if prev is not None else float(c.rel0[i, v])
            drop = before - rec.relationship[i][v]
            if drop >= DECAY_ALERT:
                alerts.append(Alert(team, "dm_decaying", {"person": s.id, "drop": drop}))
    support = g.records[-1].support[v] if g.records else 0.0
    return {
        "support": float(support),
        "coverage": cov,
        "roles_covered": tuple(got),
        "roles_missing": tuple(missing),
        "days_used": days_used,
        "days_available": days_available,
        "money_spent": spent,
        "budget": budget,
        "submitted": submitted,
        "alerts": tuple(alerts),
    }


def refresh(session: Session, worlds: int | None = None) -> Dashboard:
    """Compute the dashboard now (on this thread)."""
    return DashboardJob(session, worlds).run()
