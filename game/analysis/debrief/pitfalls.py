"""Pitfalls, with evidence: what a team did that good key-account practice avoids.

Each detector reads the game's turn records (and the team's bid) and returns
findings: the turns, actions and people that show the pitfall, the numbers
behind it and what a better move would have been. Detectors never read
hidden state that the records do not hold, except the person's true
influence, veto and compliance, which the debrief may reveal.

Thresholds are module constants (documented in docs/MODEL.md, "Debrief"), chosen
so that each detector fires on a game that commits the pitfall and stays
silent on the ``best_practice`` baseline (tests/test_debrief_pitfalls.py).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from game.ai import policies
from game.engine.game import Game
from game.engine.records import ActionOutcome
from game.engine.teams import TeamGame

KINDS = ("piecemeal", "spread_even", "uncovered", "late", "decay", "below_cost", "backfired")
SHAPING = ("solution_workshop", "technical_exchange", "site_visit")
MET = ("done", "backfired")

# piecemeal: people touched only once or twice with a single day, never built up
PIECEMEAL_MIN_PEOPLE = 4  # at least this many one-off people
PIECEMEAL_SHARE = 0.5  # ... and at least this share of everyone contacted
# spread evenly: effort over the people contacted nearly uniform while importance is not
SPREAD_MIN_PEOPLE = 4  # at least this many people (and half the committee) contacted
SPREAD_ENTROPY = 0.9  # normalised entropy of days over the people contacted above this
SPREAD_IMPORTANCE_RATIO = 1.5  # ... their importance differs at least this much
SPREAD_ALIGNMENT = 0.8  # ... unless days clearly follow importance (correlation at least this)
# uncovered: a key person (veto, or influence above the average) never met nor tried repeatedly
UNCOVERED_TRIES = 2
# decay: a relationship that fell from its peak mostly for lack of contact
DECAY_MIN_PEAK = 0.25
DECAY_MIN_DROP = 0.1
DECAY_SHARE_OF_PEAK = 0.3
# backfired hospitality counts when the backfire chance was foreseeably high
BACKFIRE_RISK = 0.2


@dataclass(frozen=True)
class Evidence:
    turn: int
    stakeholder: str
    action: str = ""
    amount: float = 0.0
    status: str = ""
    value: float = 0.0  # a number the text shows (relationship, chance, ...)


@dataclass(frozen=True)
class Finding:
    kind: str  # one of KINDS
    turns: tuple[int, ...]
    people: tuple[str, ...]  # the people concerned
    evidence: tuple[Evidence, ...]
    measure: dict[str, float] = field(default_factory=dict)
    focus: tuple[str, ...] = ()  # people a better move would work on


def _team_outcomes(g: Game, vid: str) -> list[tuple[int, ActionOutcome]]:
    return [(r.turn, o) for r in g.records for o in r.outcomes if o.vendor == vid]


def reachable(g: Game) -> NDArray[np.bool_]:
    """[S] people a team could meet at some turn: all but pool seats closed to the last turn."""
    out: NDArray[np.bool_] = ~g.c.pool_locked(g.c.turns)
    return out


def key_people(g: Game) -> list[int]:
    """Veto holders and people whose influence is above the average (1/S), among those a team
    could meet (a pool seat nobody may meet is judged by the documents, not neglected)."""
    c = g.c
    ok = reachable(g)
    return [s for s in range(c.S) if ok[s] and (c.veto[s] or c.influence[s] >= 1.0 / c.S - 1e-12)]


def _replaced_at(g: Game) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in g.records:
        for ev in r.events:
            sid = ev.details.get("stakeholder")
            if ev.kind == "stakeholder_replaced" and isinstance(sid, str):
                out[sid] = r.turn
    return out


# -- detectors ------------------------------------------------------------------------


def piecemeal(g: Game, vid: str) -> Finding | None:
    """Many single days scattered over many people with no repeat contact (零打碎敲)."""
    touches: dict[str, list[tuple[int, ActionOutcome]]] = {}
    for t, o in _team_outcomes(g, vid):
        touches.setdefault(o.stakeholder, []).append((t, o))
    if not touches:
        return None
    one_off = []
    for sid, ts in touches.items():
        turns = {t for t, _ in ts}
        units = sum(o.amount for _, o in ts)
        if len(turns) <= 2 and units <= 2 and all(o.amount <= 1 for _, o in ts):
            one_off.append(sid)
    if len(one_off) < PIECEMEAL_MIN_PEOPLE or len(one_off) < PIECEMEAL_SHARE * len(touches):
        return None
    ev = tuple(
        Evidence(t, o.stakeholder, o.action, o.amount, o.status, o.d_relationship)
        for sid in one_off
        for t, o in touches[sid]
    )
    c = g.c
    focus = sorted(key_people(g), key=lambda s: -c.influence[s])[:4]
    return Finding(
        "piecemeal",
        tuple(sorted({e.turn for e in ev})),
        tuple(one_off),
        ev,
        {"people": len(one_off), "contacted": len(touches)},
        tuple(c.stakeholder_ids[s] for s in focus),
    )


def _entropy(x: np.ndarray) -> float:
    p = x[x > 0] / x.sum()
    return float(-(p * np.log(p)).sum() / math.log(len(x))) if len(x) > 1 else 0.0


def spread_even(g: Game, vid: str) -> Finding | None:
    """Days spread evenly over the people contacted although they matter unequally (平铺资源).

    Fires when the normalised entropy of days over the people the team
    contacted is above SPREAD_ENTROPY, their importance (influence, veto,
    panel seat) is unequal, and effort does not follow importance
    (correlation below SPREAD_ALIGNMENT).
    """
    c = g.c
    sids = c.stakeholder_ids
    days = np.zeros(c.S)
    turns: set[int] = set()
    for t, o in _team_outcomes(g, vid):
        days[sids.index(o.stakeholder)] += o.amount
        turns.add(t)
    touched = np.nonzero(days)[0]
    ok = reachable(g)
    if len(touched) < max(SPREAD_MIN_PEOPLE, math.ceil(ok.sum() / 2)):
        return None  # a few people worked evenly is focus, not spreading
    imp = policies.importance(c)
    h = _entropy(days[touched])
    unequal = imp[touched].max() >= SPREAD_IMPORTANCE_RATIO * imp[touched].min()
    d, i = days[touched], imp[touched]
    align = float(np.corrcoef(d, i)[0, 1]) if d.std() > 0 and i.std() > 0 else 0.0
    if h <= SPREAD_ENTROPY or not unequal or align >= SPREAD_ALIGNMENT:
        return None
    top = [int(s) for s in np.argsort(-imp) if ok[s]][: max(2, int(ok.sum()) // 3)]
    ev = tuple(Evidence(0, sids[s], value=float(days[s])) for s in np.argsort(-days) if days[s] > 0)
    return Finding(
        "spread_even",
        tuple(sorted(turns)),
        tuple(sids[s] for s in touched),
        ev,
        {
            "entropy": h,
            "alignment": align,
            "effort_share": float(days[top].sum() / days.sum()),
            "people": float(len(touched)),
        },
        tuple(sids[s] for s in top),
    )


def uncovered(g: Game, vid: str) -> Finding | None:
    """A key person (a veto holder, or influence above the average) the team never worked on.

    Covered means met at least once (since a replacement, the successor), or
    tried in at least UNCOVERED_TRIES different turns: a senior person whose
    door stayed shut despite repeated attempts is a seniority lesson, not neglect.
    """
    c = g.c
    sids = c.stakeholder_ids
    since = _replaced_at(g)
    met: set[str] = set()
    tried: dict[str, list[Evidence]] = {}
    for t, o in _team_outcomes(g, vid):
        if t < since.get(o.stakeholder, 0):
            continue
        if o.status in MET:
            met.add(o.stakeholder)
        else:
            tried.setdefault(o.stakeholder, []).append(
                Evidence(t, o.stakeholder, o.action, o.amount, o.status)
            )
    missing = [
        s
        for s in key_people(g)
        if sids[s] not in met and len({e.turn for e in tried.get(sids[s], [])}) < UNCOVERED_TRIES
    ]
    if not missing:
        return None
    missing.sort(key=lambda s: (not c.veto[s], -c.influence[s]))
    people = tuple(sids[s] for s in missing)
    ev = tuple(e for sid in people for e in tried.get(sid, []))
    return Finding(
        "uncovered",
        tuple(sorted({e.turn for e in ev})),
        people,
        ev,
        {"veto": float(sum(c.veto[s] for s in missing)), "influence": float(c.influence[missing].sum())},
        people,
    )


def publication_turn(g: Game) -> int:
    for r in g.records:
        if r.published:
            return r.turn
    return g.pub_turn


def late(g: Game, vid: str) -> Finding | None:
    """No shaping effort (workshop, technical exchange, site visit) before publication."""
    pub = publication_turn(g)
    if pub <= 1:
        return None
    shaping = [(t, o) for t, o in _team_outcomes(g, vid) if o.action in SHAPING and o.status in MET]
    if any(t < pub for t, _ in shaping):
        return None
    c = g.c
    ev = tuple(Evidence(t, o.stakeholder, o.action, o.amount, o.status) for t, o in shaping[:6])
    imp = policies.importance(c)
    ok = reachable(g)
    tech = [s for s in np.argsort(-imp) if ok[s] and g.scenario.stakeholders[s].role in ("technical", "user")][:2]
    return Finding(
        "late",
        tuple(sorted({e.turn for e in ev})),
        (),
        ev,
        {"pub_turn": float(pub), "first": float(shaping[0][0]) if shaping else 0.0},
        tuple(c.stakeholder_ids[s] for s in tech),
    )


def decay(g: Game, vid: str) -> Finding | None:
    """Relationships built and then left to cool (熊掰玉米): fell from the peak for lack of contact."""
    c = g.c
    if not g.records:
        return None
    v = g.vendor_index(vid)
    keys = set(key_people(g)) | {s for s in range(c.S) if c.panel[s]}
    ev: list[Evidence] = []
    people: list[str] = []
    drops: dict[str, float] = {}
    for s in sorted(keys):
        sid = c.stakeholder_ids[s]
        rel = [r.relationship[s][v] for r in g.records]
        peak_i = int(np.argmax(rel))
        peak, final = rel[peak_i], rel[-1]
        drop = peak - final
        if peak < DECAY_MIN_PEAK or drop < max(DECAY_MIN_DROP, DECAY_SHARE_OF_PEAK * peak):
            continue
        losses = [
            (r.turn, loss)
            for r in g.records[peak_i + 1 :]
            for ds, dv, loss in r.decayed
            if ds == sid and dv == vid
        ]
        if sum(x for _, x in losses) < 0.5 * drop:
            continue  # mostly lost some other way (a backfire, a replacement)
        people.append(sid)
        drops[sid] = drop
        # A turn without contact is neglect only when nothing was planned: a planned meeting
        # that fell through (no meeting, refused) cools the relationship too, for another reason.
        tried = {t for t, o in _team_outcomes(g, vid) if o.stakeholder == sid and o.status not in MET}
        ev.append(Evidence(g.records[peak_i].turn, sid, status="peak", value=peak))
        ev.extend(
            Evidence(t, sid, status="fell_through" if t in tried else "decayed", value=loss)
            for t, loss in losses
        )
        ev.append(Evidence(g.records[-1].turn, sid, status="final", value=final))
    if not people:
        return None
    people.sort(key=lambda p: -drops[p])
    neglected = sorted({e.turn for e in ev if e.status == "decayed"})
    fell = sorted({e.turn for e in ev if e.status == "fell_through"})
    return Finding(
        "decay",
        tuple(sorted({*neglected, *fell})),
        tuple(people),
        tuple(ev),
        # tried_only: every cooling turn had a meeting planned that did not happen
        {"drop": max(drops.values()), "tried_only": float(not neglected)},
        tuple(people),
    )


def below_cost(g: Game, vid: str) -> Finding | None:
    """A bid below the delivery cost: winning it loses money (食之寡味)."""
    price = g.bids.get(vid)
    v = g.vendor_index(vid)
    cost = float(g.c.cost[v])
    if price is None or price >= cost:
        return None
    return Finding(
        "below_cost",
        (g.c.turns,),
        (),
        (),
        {"price": float(price), "cost": cost, "margin": float(price) - cost},
    )


def backfired(g: Game, vid: str) -> Finding | None:
    """Hospitality that backfired with someone likely to take it badly (or repeated after a backfire)."""
    c = g.c
    p = c.params
    sids = c.stakeholder_ids
    hits: list[Evidence] = []
    warned: set[str] = set()
    for t, o in _team_outcomes(g, vid):
        if o.action != "hospitality":
            continue
        s = sids.index(o.stakeholder)
        risk = p.hospitality_backfire * float(c.compliance[s])
        if o.status == "backfired" and (risk >= BACKFIRE_RISK or o.stakeholder in warned):
            hits.append(Evidence(t, o.stakeholder, o.action, o.amount, o.status, risk))
        if o.status == "backfired":
            warned.add(o.stakeholder)
    if not hits:
        return None
    people = tuple(dict.fromkeys(e.stakeholder for e in hits))
    return Finding(
        "backfired",
        tuple(sorted({e.turn for e in hits})),
        people,
        tuple(hits),
        {"risk": max(e.value for e in hits)},
        people,
    )


DETECTORS: dict[str, Callable[[Game, str], Finding | None]] = {
    "piecemeal": piecemeal,
    "spread_even": spread_even,
    "uncovered": uncovered,
    "late": late,
    "decay": decay,
    "below_cost": below_cost,
    "backfired": backfired,
}


def pitfalls(tg: TeamGame) -> list[Finding]:
    """Every pitfall the team's game shows, in the order of KINDS."""
    out = []
    for kind in KINDS:
        found = DETECTORS[kind](tg.game, tg.vendor)
        if found is not None:
            out.append(found)
    return out
