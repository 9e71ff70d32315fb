"""Process measures of a team's decisions: coverage, timing and focus (0-1 each).

They read only what the team decided (its allocations per round), never the
dice, so they measure decisions. The dashboard shows coverage live; the
leaderboard turns all three into the process score. The formulas:

coverage (at round r)
    the influence-weighted share of the committee the team put any action on
    in rounds r-1 and r: ``sum(influence[s] for s touched) / sum(influence)``,
    over the people a team can meet (pool seats closed all game are left out).
    The game's coverage is the mean over its rounds (keeping everyone in touch
    all along scores 1; talking to one person scores that person's influence).

timing
    ``0.6 * shaping + 0.4 * escalation``, or ``shaping`` alone for a team that
    held no executive meeting (nothing to judge). shaping = solution-workshop
    units placed before the tender's publication, two or more counting fully
    (``min(1, units / 2)``). escalation = the share of executive-meeting units
    placed from the turn before publication on.

focus
    how far effort went to the people who matter, rather than evenly: with
    e[s] the share of the team's action units on s and m[s] = importance
    (influence, doubled for a veto, +50% for a panel seat) scaled to max 1,
    ``(sum(e * m) - mean(m)) / (max(m) - mean(m))``, clipped to 0-1. Spread
    evenly scores 0; everything on the most important person scores 1 (and
    poor coverage, which is why both count). Also over the people a team can meet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from game.engine.game import Allocation
from game.scenario.schema import Scenario, Stakeholder

Rounds = Mapping[int, Sequence[Allocation]]


@dataclass(frozen=True)
class Process:
    coverage: float
    timing: float
    focus: float

    @property
    def score(self) -> float:
        """The process score, 0-100: the mean of the three."""
        return 100.0 * (self.coverage + self.timing + self.focus) / 3.0


def meetable(scenario: Scenario) -> list[Stakeholder]:
    """The people a team can meet at some turn: all but pool seats closed to the last turn
    (confidential, or drawn after it; the rule of ``Compiled.pool_locked``)."""
    pool = scenario.tender.expert_pool
    closed = pool.confidential or pool.draw_turn is None or pool.draw_turn > scenario.turns
    return [s for s in scenario.stakeholders if not (s.pool and closed)]


def importance(scenario: Scenario) -> dict[str, float]:
    """Influence, x2 for a veto, x1.5 for a panel seat, scaled so the top person is 1 (the
    people a team can meet)."""
    raw = {s.id: s.influence * (1.0 + 1.0 * s.veto + 0.5 * s.panel) for s in meetable(scenario)}
    top = max(raw.values()) or 1.0
    return {k: v / top for k, v in raw.items()}


def touched(decisions: Rounds, rounds: Sequence[int]) -> set[str]:
    return {a.stakeholder for r in rounds for a in decisions.get(r, ())}


def coverage(scenario: Scenario, decisions: Rounds, at: int) -> float:
    """Influence-weighted share of people with any action in rounds at-1 and at."""
    seen = touched(decisions, [at - 1, at])
    people = meetable(scenario)
    total = sum(s.influence for s in people) or 1.0
    return sum(s.influence for s in people if s.id in seen) / total


def roles_covered(scenario: Scenario, decisions: Rounds, at: int) -> tuple[list[str], list[str]]:
    """(roles touched in rounds at-1 and at, roles of the committee not touched)."""
    seen = touched(decisions, [at - 1, at])
    people = meetable(scenario)
    roles = list(dict.fromkeys(s.role for s in people))
    got = {s.role for s in people if s.id in seen}
    return [r for r in roles if r in got], [r for r in roles if r not in got]


def last_touch(decisions: Rounds, stakeholder: str) -> int:
    """The last round with an action on the person (0: never)."""
    return max((r for r, acts in decisions.items() if any(a.stakeholder == stakeholder for a in acts)), default=0)


def process(scenario: Scenario, decisions: Rounds, played: int, pub_turn: int) -> Process:
    """The three measures over rounds 1..played (``pub_turn``: the turn of publication)."""
    if played <= 0:
        return Process(0.0, 0.0, 0.0)
    cov = float(np.mean([coverage(scenario, decisions, r) for r in range(1, played + 1)]))
    acts = [a for r in range(1, played + 1) for a in decisions.get(r, ())]
    workshops = sum(
        a.amount
        for r in range(1, min(played, pub_turn - 1) + 1)
        for a in decisions.get(r, ())
        if a.action == "solution_workshop"
    )
    shaping = min(1.0, workshops / 2.0)
    execs = [(r, a.amount) for r in range(1, played + 1) for a in decisions.get(r, ()) if a.action == "executive_meeting"]
    total_exec = sum(n for _, n in execs)
    if total_exec:
        escalation = sum(n for r, n in execs if r >= pub_turn - 1) / total_exec
        timing = 0.6 * shaping + 0.4 * escalation
    else:
        timing = shaping
    imp = importance(scenario)
    units = sum(a.amount for a in acts)
    if units == 0:
        focus = 0.0
    else:
        m = np.array(list(imp.values()))
        on = {k: 0.0 for k in imp}
        for a in acts:
            if a.stakeholder in on:
                on[a.stakeholder] += a.amount / units
        e = np.array([on[k] for k in imp])
        spread = float(m.max() - m.mean())
        focus = float(np.clip((e @ m - m.mean()) / spread, 0.0, 1.0)) if spread > 0 else 1.0
    return Process(cov, timing, focus)
