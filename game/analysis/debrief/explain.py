"""Explained outcome: why a team won or lost, as data.

The team's total is split into parts that add up to it exactly (docs/MODEL.md
section 6):

    total = w_tech * technical + w_price * price_score + w_comm * commercial + committee

- technical, per panel member m with panel weight pw[m] and blend b:
  the proposal's part (1 - b) * doc, split by technical criterion (strength x
  spec weight) and the proposal quality's share of it; the stance part
  b * 100 * x[m]; the evaluation noise (what is left, clipping included);
- price: w_price * price_score;
- commercial, split by commercial criterion;
- committee, per person: sway * 100 * influence[s] * (share[s] - 1/V).

The same split of the reference rival (the winner, or the runner-up when the
team won) shows which parts made the difference. People are ranked by the
points their stance was worth to the team minus to the rival (panel stance
part + committee part); the team's and rivals' recorded actions on them say
what moved them. The price effect replays the award with the same dice at
other prices of the team's bid, everything else held.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from game.engine.game import Game
from game.engine.teams import TeamGame
from game.model.influence import shares
from game.model.tender import evaluate, vetoes

F = NDArray[np.float64]

GROUPS = (
    "technical_doc",
    "technical_quality",
    "technical_stance",
    "technical_noise",
    "price",
    "commercial",
    "committee",
)
# Which share of the doc score the proposal quality is: doc = base * (0.6 + 0.4 q).
QUALITY_BASE, QUALITY_SLOPE = 0.6, 0.4
PRICE_GRID = 401


class NotFinished(ValueError):
    """The game has not been awarded yet; finish it (bids) before the debrief."""


@dataclass(frozen=True)
class ScorePart:
    group: str  # one of GROUPS
    key: str  # criterion id, stakeholder id, or "" for the whole group
    points: float  # the team's points from this part
    rival_points: float  # the rival's

    @property
    def gap(self) -> float:
        return self.points - self.rival_points


@dataclass(frozen=True)
class ActionEffect:
    """One kind of action by one vendor on one person, summed over the game."""

    vendor: str
    action: str
    turns: tuple[int, ...]
    amount: float
    d_stance: float  # own stance change caused (0-1 scale)
    d_relationship: float
    backfired: int  # times it backfired
    missed: int  # meetings that did not happen (or were refused)


@dataclass(frozen=True)
class PersonImpact:
    stakeholder: str
    points: float  # stance-driven points for the team minus for the rival
    panel_points: float  # of which through the panel's technical score
    committee_points: float  # of which through the committee
    stance: float  # final mixed stance toward the team (0-1)
    rival_stance: float
    share: float  # preference share of the team
    rival_share: float
    panel_weight: float  # weight in the panel's technical score (0 off the panel)
    influence: float
    veto: bool
    blocked_team: bool  # this person vetoed the team
    team_actions: tuple[ActionEffect, ...]
    rival_actions: tuple[ActionEffect, ...]  # every other vendor's actions on them
    decay: float  # relationship the team lost to turns without contact
    replaced_turn: int | None  # a successor took over at this turn


@dataclass(frozen=True)
class Veto:
    holder: str
    vendor: str  # the vendor blocked
    shares: dict[str, float]  # the holder's preference shares, by vendor
    threshold: float  # a share below this blocks


@dataclass(frozen=True)
class PriceEffect:
    price: float | None
    rival_price: float | None
    price_score: float
    rival_price_score: float
    points: float  # w_price * (price score - rival's)
    weight: float  # w_price
    cost: float
    # The highest price that wins with everything else (and every die) held:
    # for a loser the price that would have flipped the result, for a winner
    # the most it could have asked. None when no price on the grid wins.
    flip_price: float | None


@dataclass(frozen=True)
class Explanation:
    team: str
    vendor: str
    outcome: str  # won, lost, vetoed, disqualified, over_ceiling, no_bid, failed
    winner: str | None
    fail_reason: str | None
    rival: str | None  # the vendor compared with
    rival_role: str  # winner, runner_up, best_other
    total: float
    rival_total: float
    weights: dict[str, float]
    parts: tuple[ScorePart, ...]
    people: tuple[PersonImpact, ...]  # largest |points| first
    vetoes: tuple[Veto, ...]
    price: PriceEffect

    def group_points(self, rival: bool = False) -> dict[str, float]:
        out = dict.fromkeys(GROUPS, 0.0)
        for p in self.parts:
            out[p.group] += p.rival_points if rival else p.points
        return out

    def group_gaps(self) -> dict[str, float]:
        mine, theirs = self.group_points(), self.group_points(rival=True)
        return {g: mine[g] - theirs[g] for g in GROUPS}


# -- the split ---------------------------------------------------------------------------


def _section_parts(base: float, weights: F, strengths: F) -> F:
    """Split ``base`` over criteria in proportion to weight x strength (even when all 0)."""
    raw = weights * strengths
    total = raw.sum()
    return base * (raw / total if total > 0 else np.full(len(raw), 1.0 / max(len(raw), 1)))


def score_parts(g: Game, v: int) -> list[tuple[str, str, float]]:
    """(group, key, points) of vendor v's total in the game's award; they sum to the total."""
    aw = g.award_detail
    if aw is None:
        raise NotFinished("the game has no award yet")
    c, p = g.c, g.c.params
    crit = g.scenario.criterion_ids()
    sids = c.stakeholder_ids
    w_tech, w_price, w_comm = (float(x) for x in aw.weights[0])
    beta = p.panel_stance_blend
    out: list[tuple[str, str, float]] = []

    doc = float(aw.doc_technical[0, v])
    q = g.quality(c.vendor_ids[v])
    qf = QUALITY_BASE + QUALITY_SLOPE * q
    doc_points = w_tech * (1.0 - beta) * doc
    quality_points = doc_points * (QUALITY_SLOPE * q / qf) if qf > 0 else 0.0
    tk = c.technical_k
    spec = aw.spec[0]
    if tk.any():
        split = _section_parts(doc_points - quality_points, spec[tk], c.strengths[v, tk])
        for k, pts in zip(np.nonzero(tk)[0], split, strict=True):
            out.append(("technical_doc", crit[k], float(pts)))
    else:
        out.append(("technical_doc", "", doc_points - quality_points))
    out.append(("technical_quality", "", quality_points))

    pw = _panel_weights(g)
    for s in range(c.S):
        if pw[s] <= 0:
            continue
        member = float(aw.panel_scores[0, s, v])
        stance_pts = beta * 100.0 * float(aw.stance[0, s, v])
        out.append(("technical_stance", sids[s], w_tech * float(pw[s]) * stance_pts))
        noise = member - (1.0 - beta) * doc - stance_pts  # evaluation noise, clipping included
        out.append(("technical_noise", sids[s], w_tech * float(pw[s]) * noise))

    out.append(("price", "", w_price * float(aw.price_score[0, v])))
    com = w_comm * float(aw.commercial[0, v])
    if (~tk).any():
        split = _section_parts(com, spec[~tk], c.strengths[v, ~tk])
        for k, pts in zip(np.nonzero(~tk)[0], split, strict=True):
            out.append(("commercial", crit[k], float(pts)))
    else:
        out.append(("commercial", "", com))

    pi = shares(aw.stance[0:1], p.temperature)[0]
    for s in range(c.S):
        pts = p.committee_sway * 100.0 * float(c.influence[s]) * (float(pi[s, v]) - 1.0 / c.V)
        out.append(("committee", sids[s], pts))
    return out


def _panel_weights(g: Game) -> F:
    """Each person's weight in the panel's technical score (as the evaluation computes it)."""
    c = g.c
    pw = np.where(c.panel, c.influence, 0.0)
    if pw.sum() <= 0:
        pw = np.where(c.panel, 1.0, 0.0) if c.panel.any() else np.ones(c.S)
    out: F = pw / pw.sum()
    return out


# -- people -----------------------------------------------------------------------------


@dataclass
class _Acc:
    turns: list[int]
    amount: float = 0.0
    d_stance: float = 0.0
    d_rel: float = 0.0
    backfired: int = 0
    missed: int = 0


def _effects(g: Game, sid: str) -> dict[tuple[str, str], ActionEffect]:
    """Every vendor's actions on one person, summed by (vendor, action)."""
    acc: dict[tuple[str, str], _Acc] = {}
    for rec in g.records:
        for o in rec.outcomes:
            if o.stakeholder != sid:
                continue
            a = acc.setdefault((o.vendor, o.action), _Acc([]))
            if rec.turn not in a.turns:
                a.turns.append(rec.turn)
            a.amount += o.amount
            a.d_stance += o.d_stance
            a.d_rel += o.d_relationship
            a.backfired += o.status == "backfired"
            a.missed += o.status in ("no_meeting", "refused")
    return {
        k: ActionEffect(k[0], k[1], tuple(a.turns), a.amount, a.d_stance, a.d_rel, a.backfired, a.missed)
        for k, a in acc.items()
    }


def _replaced(g: Game, sid: str) -> int | None:
    for rec in g.records:
        for ev in rec.events:
            if ev.kind == "stakeholder_replaced" and ev.details.get("stakeholder") == sid:
                return rec.turn
    return None


def _people(g: Game, v: int, r: int | None) -> list[PersonImpact]:
    aw = g.award_detail
    assert aw is not None  # checked by the caller
    c, p = g.c, g.c.params
    vid = c.vendor_ids[v]
    pw = _panel_weights(g)
    beta = p.panel_stance_blend
    w_tech = float(aw.weights[0, 0])
    x = aw.stance[0]
    pi = shares(aw.stance[0:1], p.temperature)[0]
    out = []
    for s, sid in enumerate(c.stakeholder_ids):
        rx = float(x[s, r]) if r is not None else 0.0
        rpi = float(pi[s, r]) if r is not None else 1.0 / c.V
        panel_pts = w_tech * pw[s] * beta * 100.0 * (float(x[s, v]) - rx)
        comm_pts = p.committee_sway * 100.0 * float(c.influence[s]) * (float(pi[s, v]) - rpi)
        eff = _effects(g, sid)
        decay = sum(loss for rec in g.records for (ds, dv, loss) in rec.decayed if ds == sid and dv == vid)
        out.append(
            PersonImpact(
                stakeholder=sid,
                points=float(panel_pts + comm_pts),
                panel_points=float(panel_pts),
                committee_points=float(comm_pts),
                stance=float(x[s, v]),
                rival_stance=rx,
                share=float(pi[s, v]),
                rival_share=rpi,
                panel_weight=float(pw[s]),
                influence=float(c.influence[s]),
                veto=bool(c.veto[s]),
                blocked_team=int(aw.vetoed_by[0, v]) == s,
                team_actions=tuple(sorted((e for k, e in eff.items() if k[0] == vid), key=lambda e: -abs(e.d_stance))),
                rival_actions=tuple(sorted((e for k, e in eff.items() if k[0] != vid), key=lambda e: -abs(e.d_stance))),
                decay=float(decay),
                replaced_turn=_replaced(g, sid),
            )
        )
    out.sort(key=lambda pi_: (not pi_.blocked_team, -abs(pi_.points)))
    return out


# -- price ------------------------------------------------------------------------------


def award_dice(g: Game) -> tuple[F, F]:
    """The award's own dice (z_eval [1,S,V], u_disq [1,V]), drawn again from the award stream."""
    rng = g.st.streams.dice_rng(0)
    z = rng.standard_normal((1, g.c.S, g.c.V))
    u = rng.random((1, g.c.V))
    return z, u


def reaward(g: Game, prices: F) -> tuple[NDArray[np.int64], F]:
    """(winner [N], total [N,V]) of the award with the bids ``prices`` [N,V], the same dice."""
    from game.engine.turn import stance
    from game.model.tender import current_spec

    c, st = g.c, g.st
    n = prices.shape[0]
    z, u = award_dice(g)
    x = stance(c, st)
    aw = evaluate(
        c,
        price=prices,
        stance=np.broadcast_to(x, (n, c.S, c.V)),
        spec=np.broadcast_to(current_spec(c, st.spec_base, st.pull), (n, c.K)),
        quality=np.broadcast_to(st.quality, (n, c.V)),
        weights=np.broadcast_to(st.weights, (n, 3)),
        ceiling=np.broadcast_to(st.ceiling, (n,)),
        z_eval=np.broadcast_to(z, (n, c.S, c.V)),
        u_disq=np.broadcast_to(u, (n, c.V)),
        blocked=np.broadcast_to(vetoes(c, x), (n, c.S, c.V)),
    )
    return aw.winner, aw.total


def _price(g: Game, v: int, r: int | None) -> PriceEffect:
    aw = g.award_detail
    assert aw is not None
    c = g.c
    price = float(aw.price[0, v]) if aw.bid[0, v] else None
    rprice = float(aw.price[0, r]) if r is not None and aw.bid[0, r] else None
    ps = float(aw.price_score[0, v])
    rps = float(aw.price_score[0, r]) if r is not None else 0.0
    w = float(aw.weights[0, 1])
    ceiling = float(g.st.ceiling[0])
    lo = min(float(c.cost[v]) * 0.7, 0.5 * ceiling)
    grid = np.linspace(lo, ceiling, PRICE_GRID)
    prices = np.repeat(aw.price[0:1], PRICE_GRID, axis=0)
    prices[:, v] = grid
    winner, _ = reaward(g, prices)
    wins = grid[winner == v]
    return PriceEffect(
        price=price,
        rival_price=rprice,
        price_score=ps,
        rival_price_score=rps,
        points=w * (ps - rps),
        weight=w,
        cost=float(c.cost[v]),
        flip_price=float(wins.max()) if len(wins) else None,
    )


# -- the explanation ------------------------------------------------------------------------


def _outcome(g: Game, v: int) -> str:
    res = g.result
    assert res is not None
    vr = res.vendors[v]
    if vr.won:
        return "won"
    if vr.bid is None:
        return "no_bid"
    if vr.over_ceiling:
        return "over_ceiling"
    if vr.disqualified:
        return "disqualified"
    if vr.vetoed_by is not None:
        return "vetoed"
    if res.failed:
        return "failed"
    return "lost"


def _rival(g: Game, v: int) -> tuple[int | None, str]:
    aw = g.award_detail
    assert aw is not None
    winner = int(aw.winner[0])
    if winner >= 0 and winner != v:
        return winner, "winner"
    total = aw.total[0].copy()
    total[v] = -np.inf
    eligible = aw.valid[0] & (aw.vetoed_by[0] < 0)
    eligible[v] = False
    if eligible.any():
        return int(np.argmax(np.where(eligible, total, -np.inf))), "runner_up" if winner == v else "best_other"
    if g.c.V > 1:
        return int(np.argmax(total)), "best_other"
    return None, "best_other"


def explain(tg: TeamGame, people: int | None = None) -> Explanation:
    """Why the team's vendor won or lost; ``people`` keeps only the top N people."""
    g = tg.game
    if g.result is None or g.award_detail is None:
        raise NotFinished(
            f"{tg.team}: the game is at turn {g.turn} and has no award yet; submit the bids and finish it first"
        )
    aw = g.award_detail
    c = g.c
    v = g.vendor_index(tg.vendor)
    r, role = _rival(g, v)
    mine = score_parts(g, v)
    theirs = score_parts(g, r) if r is not None else [(grp, k, 0.0) for grp, k, _ in mine]
    rmap = {(grp, k): x for grp, k, x in theirs}
    parts = tuple(ScorePart(grp, k, x, rmap.get((grp, k), 0.0)) for grp, k, x in mine)
    pi = shares(aw.stance[0:1], c.params.temperature)[0]
    vetoes = tuple(
        Veto(
            holder=c.stakeholder_ids[int(aw.vetoed_by[0, u])],
            vendor=c.vendor_ids[u],
            shares={c.vendor_ids[j]: float(pi[int(aw.vetoed_by[0, u]), j]) for j in range(c.V)},
            threshold=c.params.veto_share / c.V,
        )
        for u in range(c.V)
        if aw.vetoed_by[0, u] >= 0
    )
    ranked = _people(g, v, r)
    res = g.result
    return Explanation(
        team=tg.team,
        vendor=tg.vendor,
        outcome=_outcome(g, v),
        winner=res.winner,
        fail_reason=res.fail_reason,
        rival=c.vendor_ids[r] if r is not None else None,
        rival_role=role,
        total=float(aw.total[0, v]),
        rival_total=float(aw.total[0, r]) if r is not None else 0.0,
        weights=dict(res.weights),
        parts=parts,
        people=tuple(ranked[:people] if people else ranked),
        vetoes=vetoes,
        price=_price(g, v, r),
    )
