"""What a team can expect from one allocation, judged from what the team can see.

The window shows this before an allocation is added: the chance the meeting
does not happen, how much of the action's full effect the amount buys, and the
likely change of each channel as a range. It is computed from the public rules
(the action catalogue in :mod:`game.model.catalogue`, the scenario's model
parameters) and the team's own readings (relationship range, knowledge, its
proposal quality), never from hidden facts: the person's true relationship,
their receptiveness and compliance stay hidden, so a range may not contain the
outcome for an unusual person. Ranges span the 10th to 90th percentile of the
effect's log-normal noise and the ends of the relationship reading; they assume
the meeting happens (``fail_chance`` is separate).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from game.engine.game import Allocation, Game
from game.model import catalogue as cat
from game.model.influence import fail_chance
from game.scenario.schema import DEFAULT_COMPLIANCE, ROLES

# z of the 90th percentile of a standard normal: the range is the 10th-90th percentile.
Z90 = 1.2815515655446004

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
    relationship: Range  # change of the relationship if the meeting happens
    knowledge: Range  # change of the team's knowledge of the person
    quality: Range  # change of the team's proposal quality
    spec_pull: Range  # pull of the specification toward the team's strengths
    exposure: Range  # share of the gap between perceived and true fit closed
    notes: tuple[str, ...]  # spec_frozen, quiet_period, early_exec, late_exec, junior_host, compliance


def saturation_share(amount: float, k: float) -> float:
    """g(n) = 1 - exp(-n / k): the share of an action's full effect that ``amount`` units buy."""
    return 1.0 - math.exp(-amount / k) if amount > 0 else 0.0


def preview(game: Game, vid: str, al: Allocation) -> Preview:
    """The likely effect of adding ``al`` for vendor ``vid`` now, with its pending allocations.

    Raises DecisionError for an unknown vendor; the action and stakeholder must exist
    (the window only offers those that do).
    """
    v = game.vendor_index(vid)
    person = next(p for p in game.view(vid) if p.id == al.stakeholder)
    p = game.scenario.model
    role = ROLES.index(person.role)
    spec = cat.SPECS[al.action]
    planned = sum(
        x.amount
        for x in game.pending.get(vid, [])
        if x.action == al.action and x.stakeholder == al.stakeholder
    )
    total = planned + al.amount
    share = saturation_share(total, spec.saturation)
    added = share - saturation_share(planned, spec.saturation)

    published = game.published
    notes: list[str] = []
    m = 1.0
    rel_base = cat.RELATIONSHIP[al.action][role]
    if al.action == "executive_meeting":
        late = game.turn >= game.pub_turn - 1
        m *= cat.EXEC_LATE_FACTOR if late else cat.EXEC_EARLY_FACTOR
        notes.append("late_exec" if late else "early_exec")
        rel_base *= cat.EXEC_SENIORITY_FACTOR[person.seniority - 1]
        if person.seniority < 2:
            notes.append("junior_host")
    if published and person.panel:
        m *= cat.QUIET_PERIOD_FACTOR
        notes.append("quiet_period")
    if al.action == "solution_workshop" and published:
        notes.append("spec_frozen")
    backfire = al.action == "hospitality" and DEFAULT_COMPLIANCE[person.role] * p.hospitality_backfire > 0
    if backfire:
        notes.append("compliance")

    sigma = p.noise_sigma
    eps = (math.exp(-sigma * Z90 - 0.5 * sigma * sigma), math.exp(sigma * Z90 - 0.5 * sigma * sigma))
    e_lo, e_hi = share * m * eps[0], share * m * eps[1]
    r_lo, r_hi = person.relationship

    def gain(e: float, base: float, rate: float, level: float) -> float:
        return (1.0 - math.exp(-rate * e * base)) * (1.0 - level)

    rel = (
        gain(e_lo, rel_base, p.relationship_rate, r_hi),
        gain(e_hi, rel_base, p.relationship_rate, r_lo),
    )
    if backfire:
        worst = (1.0 - math.exp(-p.relationship_rate * cat.BACKFIRE_LOSS * e_hi * rel_base)) * r_hi
        rel = (-worst, rel[1])
    know_base = cat.INTEL[al.action][role]
    knowledge = (
        gain(e_lo, know_base, 1.0, person.knowledge),
        gain(e_hi, know_base, 1.0, person.knowledge),
    )
    q_now = float(game.st.quality[0, v])
    q_base = cat.QUALITY[al.action][role] * (
        cat.LATE_WORKSHOP_QUALITY if al.action == "solution_workshop" and published else 1.0
    )
    quality = (gain(e_lo, q_base, p.quality_rate, q_now), gain(e_hi, q_base, p.quality_rate, q_now))
    tilt = 0.0 if published else cat.TILT.get(al.action, (0.0,) * len(ROLES))[role]
    room = max(0.0, p.max_tilt - float(game.st.pull[0, v]))
    spec_pull = (min(room, p.workshop_tilt * e_lo * tilt), min(room, p.workshop_tilt * e_hi * tilt))
    x_base = cat.EXPOSURE[al.action][role]
    exposure = (gain(e_lo, x_base, p.exposure_rate, 0.0), gain(e_hi, x_base, p.exposure_rate, 0.0))

    gap = p.seniority_gap_fail * max(0, person.seniority - spec.visitor_seniority)

    def fail(r: float) -> float:
        return float(fail_chance(p.fail_base, spec.fail_factor, r, gap))

    refusal: Refusal = "none"
    fail_range = (fail(r_hi), fail(r_lo))
    if al.action == "executive_meeting":
        floor = p.exec_min_relationship
        if r_hi < floor:
            refusal = "certain"
            fail_range = (1.0, 1.0)
        elif r_lo < floor:
            refusal = "possible"
            fail_range = (fail_range[0], 1.0)
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
        relationship=rel,
        knowledge=knowledge,
        quality=quality,
        spec_pull=spec_pull,
        exposure=exposure,
        notes=tuple(notes),
    )
