"""Belief versus truth: how accurate a team's map of the committee was, and where it drifted.

Teams record estimates of people during play (``Game.record_belief``: a
stance toward the team, 0..1, and what the person cares about). A belief
recorded when the game is at turn t describes the position after t - 1
turns; it is compared with the truth there (``Game.truth`` on the replayed
position). Within one turn the latest estimate of each field counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.game import Belief, Game
from game.engine.teams import TeamGame

from .replay import checkpoints


@dataclass(frozen=True)
class BeliefCheck:
    turn: int  # the game's turn when recorded (position after turn - 1)
    stakeholder: str
    stance: float | None
    true_stance: float
    cares: dict[str, float] | None
    true_cares: dict[str, float]

    @property
    def error(self) -> float | None:
        """Believed minus true stance (positive: too optimistic)."""
        return None if self.stance is None else self.stance - self.true_stance

    @property
    def top(self) -> str | None:
        if not self.cares:
            return None
        cares = self.cares
        return max(cares, key=cares.__getitem__)

    @property
    def true_top(self) -> str:
        return max(self.true_cares, key=lambda k: self.true_cares[k])

    @property
    def top_hit(self) -> bool | None:
        return None if self.top is None else self.top == self.true_top

    @property
    def cares_error(self) -> float | None:
        """Half the L1 distance between believed and true priorities (0 exact .. 1 disjoint)."""
        if not self.cares:
            return None
        keys = set(self.cares) | set(self.true_cares)
        return 0.5 * sum(abs(self.cares.get(k, 0.0) - self.true_cares.get(k, 0.0)) for k in keys)


@dataclass(frozen=True)
class Drift:
    """Where a belief moved away from the truth: the gap at the first and the last estimate."""

    stakeholder: str
    first_turn: int
    first_error: float
    last_turn: int
    last_error: float


@dataclass(frozen=True)
class BeliefReport:
    team: str
    vendor: str
    people: int  # committee size
    checks: tuple[BeliefCheck, ...]  # one per (turn, person) with an estimate, in order

    @property
    def latest(self) -> dict[str, BeliefCheck]:
        out: dict[str, BeliefCheck] = {}
        for ch in self.checks:
            prev = out.get(ch.stakeholder)
            out[ch.stakeholder] = BeliefCheck(
                ch.turn,
                ch.stakeholder,
                ch.stance if ch.stance is not None else (prev.stance if prev else None),
                ch.true_stance,
                ch.cares if ch.cares is not None else (prev.cares if prev else None),
                ch.true_cares,
            )
        return out

    @property
    def mean_abs_error(self) -> float | None:
        errs = [abs(e) for ch in self.latest.values() if (e := ch.error) is not None]
        return sum(errs) / len(errs) if errs else None

    @property
    def bias(self) -> float | None:
        """Mean signed error of the latest estimates (positive: the team was optimistic)."""
        errs = [e for ch in self.latest.values() if (e := ch.error) is not None]
        return sum(errs) / len(errs) if errs else None

    @property
    def top_hits(self) -> tuple[int, int]:
        """(right, judged): latest estimates whose top priority was the person's real one."""
        hits = [h for ch in self.latest.values() if (h := ch.top_hit) is not None]
        return sum(hits), len(hits)

    def by_turn(self) -> list[tuple[int, float]]:
        """Mean absolute stance error of the estimates recorded at each turn."""
        acc: dict[int, list[float]] = {}
        for ch in self.checks:
            if ch.error is not None:
                acc.setdefault(ch.turn, []).append(abs(ch.error))
        return [(t, sum(v) / len(v)) for t, v in sorted(acc.items())]

    def drifts(self, threshold: float = 0.1) -> list[Drift]:
        """People whose stance estimate ended further than ``threshold`` from the truth
        and further than it started: the map drifted away from the person."""
        first: dict[str, BeliefCheck] = {}
        last: dict[str, BeliefCheck] = {}
        for ch in self.checks:
            if ch.error is None:
                continue
            first.setdefault(ch.stakeholder, ch)
            last[ch.stakeholder] = ch
        out = []
        for sid, a in first.items():
            b = last[sid]
            ea, eb = a.error or 0.0, b.error or 0.0
            if abs(eb) >= threshold and (b is a or abs(eb) > abs(ea) + 1e-9):
                out.append(Drift(sid, a.turn, ea, b.turn, eb))
        out.sort(key=lambda d: -abs(d.last_error))
        return out


def _merged(beliefs: list[Belief], vendor: str) -> list[Belief]:
    """One belief per (turn, person): the latest value of each field within the turn."""
    acc: dict[tuple[int, str], Belief] = {}
    for b in beliefs:
        if b.vendor != vendor:
            continue
        key = (b.turn, b.stakeholder)
        prev = acc.get(key)
        if prev is None:
            acc[key] = b
        else:
            acc[key] = Belief(
                b.turn,
                vendor,
                b.stakeholder,
                b.stance if b.stance is not None else prev.stance,
                b.cares if b.cares is not None else prev.cares,
            )
    return sorted(acc.values(), key=lambda b: (b.turn, b.stakeholder))


def belief_report(tg: TeamGame) -> BeliefReport | None:
    """The team's recorded map against the truth; None when the team recorded nothing."""
    g: Game = tg.game
    mine = _merged(g.beliefs, tg.vendor)
    if not mine:
        return None
    cps = checkpoints(g)
    checks = []
    for b in mine:
        pos = min(max(b.turn - 1, 0), len(cps) - 1)
        x, cares = cps[pos].game.truth(b.stakeholder, tg.vendor)
        checks.append(BeliefCheck(b.turn, b.stakeholder, b.stance, x, b.cares, cares))
    return BeliefReport(tg.team, tg.vendor, g.c.S, tuple(checks))
