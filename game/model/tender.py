"""Tender evaluation (综合评分法): validity, price score, panel scores, vetoes, award.

Batch-first: every input has a leading world axis W. The noise arrays are
passed in so that callers control the dice (common random numbers).
docs/MODEL.md section "Award" gives the formulas.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from game.model.compiled import Compiled
from game.model.influence import shares, support

F = NDArray[np.float64]
B = NDArray[np.bool_]
I = NDArray[np.int64]  # noqa: E741

# Why a tender failed, as codes (index into FAIL_REASONS); -1 means it did not fail.
FAIL_REASONS = ("too_few_valid_bids", "all_vetoed")


@dataclass(frozen=True)
class Award:
    """Outcome of the evaluation in W worlds (arrays with leading axis W)."""

    price: F  # [W,V] bid (nan = no bid)
    bid: B  # [W,V] a bid was made
    over_ceiling: B  # [W,V]
    questioned: B  # [W,V] abnormally low
    disqualified: B  # [W,V] questioned and ruled invalid
    valid: B  # [W,V]
    vetoed_by: I  # [W,V] stakeholder index that blocked the vendor, -1 if none
    panel_scores: F  # [W,S,V] technical score by each panel member (nan off panel)
    technical: F  # [W,V] panel's technical score (0-100)
    price_score: F  # [W,V]
    commercial: F  # [W,V]
    committee: F  # [W,V] points from the committee's favour (committee_sway)
    total: F  # [W,V]
    weights: F  # [W,3] technical, price, commercial
    spec: F  # [W,K] criteria weights as tilted
    winner: I  # [W] vendor index, -1 when the tender failed
    fail_reason: I  # [W] index into FAIL_REASONS, -1 when awarded
    doc_technical: F  # [W,V] technical score from the proposal alone
    stance: F  # [W,S,V] stance toward each bid at the award: trust less the price's chill
    trust: F  # [W,S,V] mixed stance before the prices are seen (vetoes use it)
    price_chill: F  # [W,S,V] stance lost to a price above the lowest valid one


# A coach warns of a veto while the vendor is within this multiple of the veto's lines.
VETO_WARNING = 1.5


def vetoes(c: Compiled, trust: F, *, warning: bool = False, pi: F | None = None) -> B:
    """[W,S,V] veto holders who block a vendor (or, with ``warning``, may soon).

    A holder blocks a vendor whose preference share is far below an even share
    (``veto_share`` / V) and whom they distrust: their stance toward it (before the
    prices) is below a stranger's with an ordinary product, fit_prior / (1 + rho),
    plus ``veto_distrust``. Another vendor's popularity alone never blocks anyone.
    ``pi``: the shares of ``trust`` when the caller has them already.
    """
    p = c.params
    V = trust.shape[-1]
    widen = VETO_WARNING if warning else 1.0
    low_share = (shares(trust, p.temperature) if pi is None else pi) < widen * p.veto_share / V
    neutral = p.fit_prior / (1.0 + c.rel_weight0) + p.veto_distrust + (0.05 if warning else 0.0)
    out: B = c.veto[None, :, None] & low_share & (trust < neutral[None, :, None])
    return out


def current_spec(c: Compiled, spec_base: F, pull: F) -> F:
    """Criteria weights after workshop pulls: spec_base + sum_v c_v (target_v - spec_base)."""
    total = pull.sum(axis=1, keepdims=True)
    coef = pull / np.maximum(1.0, total)  # [W,V]
    delta = (
        np.einsum("wv,vk->wk", coef, c.spec_targets) - coef.sum(axis=1, keepdims=True) * spec_base
    )
    out: F = spec_base + delta
    return out


def _within(spec: F) -> F:
    """A section's criteria weights rescaled to sum 1; even weights where they sum to 0
    (a spec_change may zero every criterion of a section)."""
    total = spec.sum(axis=1, keepdims=True)
    even = np.full_like(spec, 1.0 / spec.shape[1])
    out: F = np.divide(spec, total, out=even, where=total > 0)
    return out


def section_scores(c: Compiled, spec: F, quality: F) -> tuple[F, F]:
    """(doc_technical, commercial) [W,V] on 0-100 from true strengths, spec and proposal quality."""
    tk = c.technical_k
    qf = 0.6 + 0.4 * quality  # [W,V]
    if tk.any():
        w = _within(spec[:, tk])
        doc = np.einsum("wk,vk->wv", w, c.strengths[:, tk]) * qf
    else:
        doc = np.full(quality.shape, 50.0 / 100.0)
    if (~tk).any():
        w = _within(spec[:, ~tk])
        com = np.einsum("wk,vk->wv", w, c.strengths[:, ~tk])
    else:
        com = np.full(quality.shape, 0.5)
    return 100.0 * doc, 100.0 * com


def _valid_scores(c: Compiled, valid: B, price: F, trust: F) -> tuple[F, F, F]:
    """(price_score [W,V], stance at the award [W,S,V], committee points [W,V]) given which
    bids are valid: the price score against the lowest valid bid, budget holders' chill
    toward a bid above it, and the committee's favour (influence-weighted preference share
    above an even share)."""
    p = c.params
    V = price.shape[1]
    low = np.where(valid, price, np.inf).min(axis=1)
    price_score = np.where(valid, 100.0 * low[:, None] / np.where(valid, price, 1.0), 0.0)
    # Budget holders cool toward a bid above the lowest valid one.
    over_low = np.where(valid, price / np.where(np.isfinite(low), low, 1.0)[:, None] - 1.0, 0.0)
    chill = c.price_sensitivity[None, :, None] * over_low[:, None, :]
    stance = np.clip(trust - chill, 0.0, 1.0)
    pi = shares(stance, p.temperature)
    committee = p.committee_sway * 100.0 * (support(pi, c.influence) - 1.0 / V)
    return price_score, stance, committee


def evaluate(
    c: Compiled,
    *,
    price: F,
    stance: F,
    spec: F,
    quality: F,
    weights: F,
    ceiling: F,
    z_eval: F,
    u_disq: F,
    blocked: B | None = None,
    draws: int = 1,
) -> Award:
    """Award the tender in each world. price [W,V] (nan or <= 0: no bid).

    ``blocked``: ``vetoes(c, stance)`` when the caller has it already.
    ``draws``: evaluation draws per position. The position arrays (price, stance, spec,
    quality, weights, ceiling, blocked) have one row per position, the dice (z_eval,
    u_disq) and the award ``draws`` rows per position, position-major (row = position x
    draws + draw): the same award as the positions repeated ``draws`` times, with what
    does not depend on the dice worked out once per position.
    """
    p = c.params
    tender = c.scenario.tender
    W, V = price.shape

    def rep(a: Any) -> Any:
        return a if draws == 1 else np.repeat(a, draws, axis=0)

    bid = np.isfinite(price) & (price > 0)
    over = bid & (price > ceiling[:, None])
    ok = bid & ~over
    nvalid = ok.sum(axis=1)
    mean = np.where(
        nvalid > 0, np.where(ok, price, 0.0).sum(axis=1) / np.maximum(nvalid, 1), np.nan
    )
    threshold = tender.abnormally_low * mean[:, None]
    questioned = ok & (price < threshold)
    # The further below the threshold, the harder to justify: certain at half of it.
    depth = np.clip(2.0 * (threshold - price) / np.where(threshold > 0, threshold, 1.0), 0.0, 1.0)
    p_disq = tender.disqualify_chance + (1.0 - tender.disqualify_chance) * depth
    disq = rep(questioned) & (u_disq < rep(p_disq))
    valid = rep(ok) & ~disq

    trust = stance  # before the prices are seen
    doc, commercial = section_scores(c, spec, quality)
    beta = p.panel_stance_blend

    def panel_base(x: F, doc: F) -> F:
        """A panel member's score before the evaluation's noise."""
        out: F = (1.0 - beta) * doc[:, None, :] + beta * 100.0 * x
        return out

    # Once per position with every in-budget bid valid, again for the draws where a
    # questioned bid was ruled out.
    ps, x, cm = _valid_scores(c, ok, price, trust)
    price_score, stance, committee, base = rep(ps), rep(x), rep(cm), rep(panel_base(x, doc))
    redo = np.nonzero(disq.any(axis=1))[0]
    if len(redo):
        at = redo // draws
        ps, x, cm = _valid_scores(c, valid[redo], price[at], trust[at])
        price_score[redo], stance[redo], committee[redo] = ps, x, cm
        base[redo] = panel_base(x, doc[at])
    if blocked is None:
        blocked = vetoes(c, trust)
    trust = rep(trust)
    price, ceiling, spec, weights, doc, commercial = (
        rep(a) for a in (price, ceiling, spec, weights, doc, commercial)
    )
    bid, over, ok, questioned = (rep(a) for a in (bid, over, ok, questioned))
    member = base + p.eval_noise * z_eval
    member = np.clip(member, 0.0, 100.0)
    pw = np.where(c.panel, c.influence, 0.0)
    if pw.sum() <= 0:
        pw = np.where(c.panel, 1.0, 0.0) if c.panel.any() else np.ones(c.S)
    pw = pw / pw.sum()
    technical = np.einsum("wsv,s->wv", member, pw)
    panel_scores = np.where((pw > 0)[None, :, None], member, np.nan)

    total = (
        weights[:, 0:1] * technical
        + weights[:, 1:2] * price_score
        + weights[:, 2:3] * commercial
        + committee
    )

    # The most influential blocking holder is named.
    weight = np.where(blocked, c.influence[None, :, None] + 1.0, 0.0)
    vetoed_by = rep(np.where(blocked.any(axis=1), weight.argmax(axis=1), -1))

    eligible = valid & (vetoed_by < 0)
    too_few = valid.sum(axis=1) < tender.min_valid_bids
    masked = np.where(eligible, total, -np.inf)
    winner = masked.argmax(axis=1)
    none_left = ~eligible.any(axis=1)
    fail = np.where(too_few, 0, np.where(none_left, 1, -1))
    winner = np.where(fail >= 0, -1, winner)
    return Award(
        price=np.where(bid, price, np.nan),
        bid=bid,
        over_ceiling=over,
        questioned=questioned,
        disqualified=disq,
        valid=valid,
        vetoed_by=vetoed_by.astype(np.int64),
        panel_scores=panel_scores,
        technical=technical,
        price_score=price_score,
        commercial=commercial,
        committee=committee,
        total=total,
        weights=weights,
        spec=spec,
        winner=winner.astype(np.int64),
        fail_reason=fail.astype(np.int64),
        doc_technical=doc,
        stance=stance,
        trust=trust,
        price_chill=trust - stance,
    )
