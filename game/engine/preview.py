"""What a team can expect from one allocation, judged from what the team can see.

The window (and every front end) shows this before an allocation is added. It
speaks of the same quantities as the turn's results (``ActionOutcome``), in the
same units: first the person's own stance toward the team (``d_stance``), then
what moves it, the relationship (``d_relationship``) and the perceived fit
weighted by what the person cares about (``d_fit``), then knowledge, proposal
quality and spec pull.

Ranges are predictive intervals: the action is played out in ``SAMPLES``
imagined versions of the person that agree with everything the team can see
(its relationship reading, what it knows of their priorities, its own record
of what it has shown them, the person's role and seniority, its introductions,
the timing) and draw what it cannot see (how much relationship sways them,
how receptive they are, the priorities it does not know, where their view of
the product stands, how rule-minded they are when it does not know, the
action's luck and the fate of the team's other meetings with them this turn)
from the public rules. The range runs from the 5th to the 95th percentile of
those outcomes, assuming the meeting happens (``fail_chance`` is separate).
The samples come from a stream derived from the game's seed, so the preview of
the same plan never flickers and never touches the game's dice.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from game.engine.game import Allocation, Game, PersonView
from game.engine.state import StreamKey
from game.model import catalogue as cat
from game.model.influence import fail_chance
from game.scenario.schema import ACTION_IDS, DEFAULT_COMPLIANCE

F = NDArray[np.float64]

SAMPLES = 600
LOW, HIGH = 5.0, 95.0  # percentiles of a likely range
RHO_RANGE = (0.05, 0.5)  # how much relationship sways a person: the rules' usual range
RECEPTIVE_RANGE = (0.6, 1.4)  # how receptive a person is to actions

Refusal = Literal["none", "possible", "certain"]
Range = tuple[float, float]


@dataclass(frozen=True)
class Preview:
    """The likely effect of one allocation, for one team (all changes on a 0-1 scale)."""

    action: str
    stakeholder: str
    amount: int  # units added
    total: int  # units of this action on this person this turn, with those already planned
    saturation: float  # k: the amount that buys 63% of the full effect
    share: float  # g(total) = 1 - exp(-total / k), share of the full effect
    added_share: float  # what the added units add to that share
    fail_chance: Range  # chance the meeting does not happen, over the relationship reading
    refusal: Refusal  # executive meetings: turned down below the relationship floor
    stance: Range  # change of the person's own stance toward the team (d_stance)
    relationship: Range  # change of the relationship if the meeting happens (d_relationship)
    fit: Range  # change of perceived fit weighted by the person's priorities (d_fit)
    knowledge: Range  # change of the team's knowledge of the person
    quality: Range  # change of the team's proposal quality
    spec_pull: Range  # pull of the specification toward the team's strengths
    introduced_by: str | None  # the contact whose introduction lowers the failure chance
    notes: tuple[str, ...]  # spec_frozen, quiet_period, early_exec, late_exec, junior_host, compliance


def ways_in(game: Game, person: PersonView) -> tuple[str, ...]:
    """The people who can open a senior person's closed door: those the person listens to
    (a contact the team knows well, relationship at least ``intro_threshold``, introduces it).

    Empty unless the person is at the top (seniority 3), nobody introduces the team yet, and
    the team's relationship reading is below the executive-meeting floor (visits mostly fall
    through and an executive meeting may be turned down). Closed pool seats are no route.
    """
    if person.seniority < 3 or person.introduced_by is not None or person.closed:
        return ()
    if person.relationship[0] >= game.scenario.model.exec_min_relationship:
        return ()
    locked = game.c.pool_locked(game.turn)
    ids = game.c.stakeholder_ids
    return tuple(j for j in person.listens_to if not locked[ids.index(j)])


def saturation_share(amount: float, k: float) -> float:
    """g(n) = 1 - exp(-n / k): the share of an action's full effect that ``amount`` units buy."""
    return 1.0 - math.exp(-amount / k) if amount > 0 else 0.0


def _range(x: F) -> Range:
    lo, hi = np.percentile(x, [LOW, HIGH])
    return float(lo), float(hi)


def preview(
    game: Game, vid: str, al: Allocation, *, pending: Sequence[Allocation] | None = None
) -> Preview:
    """The likely effect of adding ``al`` for vendor ``vid`` now, with its pending allocations
    (``pending``: the plan to count, the vendor's pending plan unless given).

    Raises DecisionError for an unknown vendor; the action and stakeholder must exist
    (front ends only offer those that do).
    """
    v = game.vendor_index(vid)
    c, p = game.c, game.scenario.model
    s = game.c.stakeholder_ids.index(al.stakeholder)
    person = next(x for x in game.view(vid) if x.id == al.stakeholder)
    plan = list(game.pending.get(vid, []) if pending is None else pending)
    on_person: dict[str, int] = {}
    for x in plan:
        if x.stakeholder == al.stakeholder:
            on_person[x.action] = on_person.get(x.action, 0) + x.amount
    planned = on_person.get(al.action, 0)
    on_person[al.action] = planned + al.amount
    spec = cat.SPECS[al.action]
    total = on_person[al.action]
    share = saturation_share(total, spec.saturation)
    added = share - saturation_share(planned, spec.saturation)

    published = game.published
    late = game.turn >= game.pub_turn - 1
    notes: list[str] = []
    if al.action == "executive_meeting":
        notes.append("late_exec" if late else "early_exec")
        if person.seniority < 2:
            notes.append("junior_host")
    if published and person.panel:
        notes.append("quiet_period")
    if al.action == "solution_workshop" and published:
        notes.append("spec_frozen")
    known_compliance = person.knowledge >= 0.35
    compliance = float(c.compliance[s]) if known_compliance else DEFAULT_COMPLIANCE[person.role]
    if al.action == "hospitality" and compliance * p.hospitality_backfire > 0:
        notes.append("compliance")

    # The failure chance over the relationship reading (known facts: seniority, introductions).
    intro = person.introduced_by is not None
    gap_part = float(c.fail_prob_base[s, ACTION_IDS.index(al.action)])

    def fail(r: float) -> float:
        f = float(fail_chance(p.fail_base, spec.fail_factor, r, gap_part))
        return f * p.intro_fail_factor if intro else f

    r_lo, r_hi = person.relationship
    refusal: Refusal = "none"
    fail_range = (fail(r_hi), fail(r_lo))
    if al.action == "executive_meeting" and not intro:
        floor = p.exec_min_relationship
        if r_hi < floor:
            refusal, fail_range = "certain", (1.0, 1.0)
        elif r_lo < floor:
            refusal, fail_range = "possible", (fail_range[0], 1.0)

    ch = _sample(game, v, s, person, on_person, al.action, compliance, known_compliance, intro)
    return Preview(
        action=al.action,
        stakeholder=al.stakeholder,
        amount=al.amount,
        total=total,
        saturation=spec.saturation,
        share=share,
        added_share=added,
        fail_chance=fail_range,
        refusal=refusal,
        stance=_range(ch["stance"]),
        relationship=_range(ch["rel"]),
        fit=_range(ch["fit"]),
        knowledge=_range(ch["know"]),
        quality=_range(ch["quality"]),
        spec_pull=_range(ch["spec"]),
        introduced_by=person.introduced_by,
        notes=tuple(notes),
    )


def _sample(
    game: Game,
    v: int,
    s: int,
    person: PersonView,
    on_person: dict[str, int],
    action: str,
    compliance: float,
    known_compliance: bool,
    intro: bool,
) -> dict[str, F]:
    """Each channel's change for ``action`` in SAMPLES imagined versions of the person."""
    c, st, p = game.c, game.st, game.scenario.model
    K = SAMPLES
    rng = st.streams.derived_rng(StreamKey.PREVIEW, game.turn)
    acts = sorted(on_person, key=ACTION_IDS.index)
    me = acts.index(action)
    # What the team cannot see, drawn in fixed shapes.
    u_rel = rng.random(K)
    rho = rng.uniform(*RHO_RANGE, size=K)
    recept = rng.uniform(*RECEPTIVE_RANGE, size=K)
    dirichlet = rng.gamma(1.0, size=(K, c.K))
    z_fit = rng.standard_normal((K, c.K))
    z = rng.standard_normal((K, len(acts)))
    u_fail = rng.random((K, len(acts)))
    u_back = rng.random(K)
    u_comp = rng.random(K)

    r_lo, r_hi = person.relationship
    R = r_lo + (r_hi - r_lo) * u_rel
    crit = game.scenario.criterion_ids()
    known = np.array([k in person.cares for k in crit])
    cares = np.where(known, [person.cares.get(k, 0.0) for k in crit], 0.0)[None, :].repeat(K, 0)
    rest = 1.0 - cares.sum(axis=1, keepdims=True)
    if (~known).any():
        d = dirichlet * ~known
        d /= np.maximum(d.sum(axis=1, keepdims=True), 1e-12)
        top = max(person.cares.values()) if person.cares else 1.0
        d = np.minimum(d * rest, top) if person.cares_level == 1 else d * rest
        cares = cares + d
    cares /= np.maximum(cares.sum(axis=1, keepdims=True), 1e-12)
    # The team's own record of what it has shown the person: how far their view has moved
    # from a first impression toward the product's true strengths.
    strength = c.strengths[v]
    shown = 1.0 - math.exp(-p.exposure_rate * float(st.exposure[0, s, v]))
    prior = p.fit_prior + z_fit * p.prior_noise * (1.0 - shown)
    P = np.clip(prior + (strength[None] - prior) * shown, 0.0, 1.0)
    if not known_compliance:
        compliance = float(np.clip(compliance, 0.0, 1.0))
    comp = np.full(K, compliance) if known_compliance else np.clip(compliance + 0.3 * (u_comp - 0.5), 0, 1)

    a_idx = np.array([ACTION_IDS.index(a) for a in acts])
    n = np.array([on_person[a] for a in acts], dtype=float)
    sat = np.array([cat.SPECS[a].saturation for a in acts])
    sigma = p.noise_sigma
    eps = np.exp(sigma * z - 0.5 * sigma * sigma)
    late = game.turn >= game.pub_turn - 1
    m = np.ones(len(acts))
    m[a_idx == ACTION_IDS.index("executive_meeting")] *= (
        cat.EXEC_LATE_FACTOR if late else cat.EXEC_EARLY_FACTOR
    )
    if game.published and c.panel[s]:
        m *= cat.QUIET_PERIOD_FACTOR
    m *= c.seniority_effect[s, a_idx]
    know = float(st.know[0, s, v])
    fit_factor = np.where(a_idx == ACTION_IDS.index("intel"), 1.0, 1.0 - p.message_fit + p.message_fit * know)
    # The other planned meetings with the person may not happen; this one is assumed to.
    f_a = np.array([cat.SPECS[a].fail_factor for a in acts])
    fails = fail_chance(p.fail_base, f_a[None], R[:, None], c.fail_prob_base[s, a_idx][None])
    if intro:
        fails = fails * p.intro_fail_factor
    happened = u_fail >= fails
    happened[:, me] = True
    eff = (1.0 - np.exp(-n / sat))[None] * eps * m[None] * happened  # [K, n_acts]
    eff_fit = eff * fit_factor[None]
    rel_b = c.public_base[0][s, a_idx][None] * recept[:, None]
    exp_b = c.public_base[1][s, a_idx][None] * recept[:, None]
    qual_b = c.public_base[2][s, a_idx][None] * recept[:, None]
    tilt_b = c.public_base[3][s, a_idx][None] * recept[:, None]
    rel_e = eff_fit * rel_b
    hosp = a_idx == ACTION_IDS.index("hospitality")
    back = (u_back < p.hospitality_backfire * comp)[:, None] & hosp[None]
    rel_e = np.where(back, -cat.BACKFIRE_LOSS * rel_e, rel_e)
    pos = np.maximum(rel_e, 0.0).sum(axis=1)
    neg = np.maximum(-rel_e, 0.0).sum(axis=1)
    gain = (1.0 - np.exp(-p.relationship_rate * pos)) * (1.0 - R)
    loss = (1.0 - np.exp(-p.relationship_rate * neg)) * R
    d_rel_total = gain - loss
    exp_e = (eff_fit * exp_b).sum(axis=1)
    dP = (1.0 - np.exp(-p.exposure_rate * exp_e))[:, None] * (strength[None] - P)
    d_fit_total = (cares * dP).sum(axis=1)
    d_x = (d_fit_total + rho * d_rel_total) / (1.0 + rho)

    def part(weights: F, total: F) -> F:
        """This action's share of a person's total change, as the turn's record splits it."""
        mine = weights[:, me]
        whole = weights.sum(axis=1)
        out: F = np.where(whole > 0, total * mine / np.where(whole > 0, whole, 1.0), 0.0)
        return out

    x_w = eff_fit * (exp_b + rel_b)
    signed = rel_e[:, me]
    d_rel = np.where(
        signed > 0,
        gain * signed / np.where(pos > 0, pos, 1.0),
        -loss * -signed / np.where(neg > 0, neg, 1.0),
    )
    intel_b = np.array([cat.INTEL[a][c.role[s]] for a in acts])[None]
    k_w = eff * intel_b  # what the team learns does not depend on knowing them already
    d_know_total = (1.0 - np.exp(-k_w.sum(axis=1))) * (1.0 - know)
    q_now = float(st.quality[0, v])
    late_ws = np.where((a_idx == ACTION_IDS.index("solution_workshop")) & game.published, cat.LATE_WORKSHOP_QUALITY, 1.0)
    q_w = eff_fit * qual_b * late_ws[None]
    d_q_total = (1.0 - np.exp(-p.quality_rate * q_w.sum(axis=1))) * (1.0 - q_now)
    room = max(0.0, p.max_tilt - float(st.pull[0, v]))
    spec = np.minimum(room, p.workshop_tilt * eff_fit[:, me] * tilt_b[:, me] * (not game.published))
    return {
        "stance": part(x_w, d_x),
        "rel": d_rel,
        "fit": part(x_w, d_fit_total),
        "know": part(k_w, d_know_total),
        "quality": part(q_w, d_q_total),
        "spec": spec,
    }
