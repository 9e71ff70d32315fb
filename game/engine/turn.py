"""Resolving one turn for all worlds at once, and the record of one world's turn.

Order within a turn: events fire; every vendor's actions resolve against the
state as it was at the turn's start (simultaneous moves); relationships
without contact decay; coaches emerge; readings are re-drawn.

The turn's dice are drawn first, in fixed shapes (one 64-bit word per [W,V,S,A] cell,
then [W,V,S], then [W,E]) whatever the decisions were, so changing one decision leaves
every other draw as it was (common random numbers). A cell's word gives both its meeting
draw and its action noise (``cell_dice``), computed only where an action was taken.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from game.engine import events as ev_mod
from game.engine.records import ActionOutcome, CoachNote, EventFired, Status, TurnRecord
from game.engine.state import State
from game.model import catalogue as cat
from game.model.compiled import Compiled
from game.model.influence import fail_chance, mix, own_stance, pull_toward, shares, support
from game.model.tender import current_spec, vetoes
from game.scenario.schema import ACTION_IDS, Event

F = NDArray[np.float64]

A_EXEC = ACTION_IDS.index("executive_meeting")
A_HOSP = ACTION_IDS.index("hospitality")
A_WORK = ACTION_IDS.index("solution_workshop")


A_INTEL = ACTION_IDS.index("intel")


def perceived_fit(c: Compiled, st: State) -> F:
    """P[W,S,V,K] as it counts for stance: pool seats judge the bid documents instead.

    A pool expert meets nobody; what they believe of vendor v is the prior moved toward
    v's true strengths by the share q[v] (proposal quality): a clear proposal shows a
    strong product as strong and a weak one as weak.
    """
    if not c.pool.any():
        return st.fit
    prior = c.params.fit_prior
    doc = prior + st.quality[:, :, None] * (c.strengths[None] - prior)  # [W,V,K]
    fit = st.fit.copy()
    fit[:, c.pool] = doc[:, None]
    return fit


def own(c: Compiled, st: State) -> F:
    """Own stance x_own[W,S,V] (before the committee's mixing)."""
    return own_stance(st.cares, perceived_fit(c, st), st.rel_weight, st.rel)


def stance(c: Compiled, st: State) -> F:
    """Mixed stance x[W,S,V] of every stakeholder toward every vendor."""
    return mix(own(c, st), c.listens, c.params.mixing_rounds)


def introduced(c: Compiled, st: State) -> NDArray[np.bool_]:
    """[W,S,V] v can be introduced to s: by someone s listens to with whom v's relationship
    reaches ``intro_threshold``, or by v's coach beside s (linked by listens_to either way)."""
    p = c.params
    listens = (c.listens > 0).astype(np.float64)  # [S,J]
    warm = (st.rel >= p.intro_threshold).astype(np.float64)  # [W,J,V]
    if st.coach.any():
        out: NDArray[np.bool_] = (listens @ warm + c.beside() @ st.coach.astype(np.float64)) > 0
        return out
    by_contact: NDArray[np.bool_] = (listens @ warm) > 0
    return by_contact


_U24 = np.float32(2.0**-24)
_U20 = 2.0**-20
_LOW20 = np.uint64(0xFFFFF)


def _paid_days(c: Compiled) -> NDArray[np.bool_]:
    """[A,4] the kinds of day (sales, pre-sales, PM, executive) each action is paid with."""
    out: NDArray[np.bool_] = c.cached("paid_days", lambda: c.cost_table[:, :4] > 0)
    return out


def cell_dice(words: NDArray[np.uint64]) -> tuple[NDArray[np.float32], F]:
    """(u, z): a meeting draw u in [0, 1) (the word's top 24 bits, as a float32 draw) and a
    standard normal z (Box-Muller on the next two 20-bit fields), from each cell's word.

    One word per cell instead of a normal and a uniform per cell: the dice of every cell
    are still drawn whatever the decisions, but the costly normals are made only for the
    cells an action uses. z's tails stop at 5.3 sigma, far past where the effect saturates.
    """
    u = (words >> np.uint64(40)).astype(np.float32) * _U24
    u1 = (((words >> np.uint64(20)) & _LOW20).astype(np.float64) + 0.5) * _U20
    u2 = (words & _LOW20).astype(np.float64) * _U20
    z: F = np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)
    return u, z


def resolve(
    c: Compiled,
    st: State,
    alloc: F,
    *,
    inject: tuple[int, ...] = (),
    extra_events: Sequence[Event] = (),
    record: bool = False,
    world: int = 0,
    intro: NDArray[np.bool_] | None = None,
) -> TurnRecord | None:
    """Play the current turn with allocations alloc[W,V,S,A] (amounts >= 0).

    ``inject`` are indices of events to fire now (deck events, or events the
    trainer added: ``extra_events`` follow the scenario's own). ``intro``: the turn's
    introductions (``introduced``) when the caller has them (recomputed if an event fires).
    """
    p = c.params
    W, V, S, A = st.W, c.V, c.S, len(ACTION_IDS)
    t = st.turn
    rng = st.streams.dice_rng(t)
    words = rng.integers(0, 2**64 - 1, size=(W, V, S, A), dtype=np.uint64, endpoint=True)
    u_back = rng.random((W, V, S), dtype=np.float32)
    events = ev_mod.all_events(c, extra_events)
    u_event = rng.random((W, len(events)))  # last: added events shift no other draw

    ev_mod.ensure_capacity(st, len(events))
    fire = ev_mod.due(events, st, u_event, inject)
    ev_mod.apply(c, st, fire, events)
    published = st.published()  # [W]

    before_rel = st.rel.copy() if record else None
    before_x_own = own(c, st) if record else None
    before_fit = st.fit.copy() if record else None
    before_quality = st.quality.copy() if record else None
    before_know = st.know.copy() if record else None
    before_coach = st.coach.copy()

    # Only cells with an allocation are computed; the dice above were drawn in full.
    # Pool seats nobody may meet are skipped (the game refuses such plans before).
    flat_alloc = np.ravel(alloc)
    cell = np.flatnonzero(flat_alloc > 0)  # faster than a 4-d nonzero; the same cells, same order
    locked = c.pool_locked(t)
    if locked.any():
        cell = cell[~locked[(cell // A) % S]]
    ai, rest = cell % A, cell // A
    si, rest = rest % S, rest // S
    wi, vi = rest // V, rest % V
    n = flat_alloc[cell]
    r = st.rel[wi, si, vi]
    if intro is None or fire.any():  # events may have moved relationships since
        intro = introduced(c, st)
    intro_c = intro[wi, si, vi]
    fail_c = fail_chance(p.fail_base, c.fail_factor[ai], r, c.fail_prob_base[si, ai])
    fail_c = np.where(intro_c, fail_c * p.intro_fail_factor, fail_c)
    refused_c = (ai == A_EXEC) & (r < p.exec_min_relationship) & ~intro_c
    fail_c = np.where(refused_c, 1.0, fail_c)
    u_fail_c, z_c = cell_dice(np.ravel(words)[cell])
    happened_c = u_fail_c >= fail_c

    sigma = p.noise_sigma
    noise_c = np.exp(sigma * z_c - 0.5 * sigma * sigma)
    eff_c = (1.0 - np.exp(-n / c.saturation[ai])) * noise_c * happened_c
    late = t >= st.pub_turn - 1  # [W] the decision is near
    exec_factor = np.where(late, cat.EXEC_LATE_FACTOR, cat.EXEC_EARLY_FACTOR)[wi]
    eff_c = np.where(ai == A_EXEC, eff_c * exec_factor, eff_c)
    quiet_c = np.where(published[wi] & c.panel[si], cat.QUIET_PERIOD_FACTOR, 1.0)
    eff_c = eff_c * quiet_c * c.seniority_effect[si, ai]
    # Intel works whatever one knows; every other action lands better when the message fits.
    intel_eff_c = eff_c
    fit_c = 1.0 - p.message_fit + p.message_fit * st.know[wi, si, vi]
    eff_c = np.where(ai == A_INTEL, eff_c, eff_c * fit_c)

    rel_c = eff_c * c.rel_base[si, ai]
    backfire_c = (
        (ai == A_HOSP)
        & happened_c
        & (u_back[wi, vi, si] < p.hospitality_backfire * c.compliance[si])
    )
    rel_c = np.where(backfire_c, -cat.BACKFIRE_LOSS * rel_c, rel_c)

    wvs = (wi * V + vi) * S + si  # flat [W,V,S] index of each cell
    size = W * V * S

    def per_wvs(weights: F) -> F:
        out: F = (
            np.bincount(wvs, weights=weights, minlength=size).astype(np.float64).reshape(W, V, S)
        )
        return out

    pos = per_wvs(np.maximum(rel_c, 0.0))
    neg = per_wvs(np.maximum(-rel_c, 0.0))
    contact = per_wvs(happened_c.astype(np.float64)) > 0
    r_vs = st.rel.transpose(0, 2, 1)
    gain = (1.0 - np.exp(-p.relationship_rate * pos)) * (1.0 - r_vs)
    loss = (1.0 - np.exp(-p.relationship_rate * neg)) * r_vs
    new_r = np.where(contact, r_vs + gain - loss, r_vs * (1.0 - c.decay[None, :, None]))
    st.rel = np.clip(new_r, 0.0, 1.0).transpose(0, 2, 1).copy()

    exp_eff: F = per_wvs(eff_c * c.exp_base[si, ai]).transpose(0, 2, 1)  # [W,S,V]
    st.fit = pull_toward(st.fit, c.strengths[None, None], p.exposure_rate * exp_eff[..., None])
    if p.fit_decay > 0:  # without contact, the view of the product drifts back to the prior
        forget = ~contact.transpose(0, 2, 1)[..., None] * p.fit_decay
        back = c.fit0[None] - st.fit  # in place from here: fit + forget x (fit0 - fit)
        back *= forget
        back += st.fit
        st.fit = back
    st.exposure = st.exposure + exp_eff

    wv = wi * V + vi
    late_ws = np.where((ai == A_WORK) & published[wi], cat.LATE_WORKSHOP_QUALITY, 1.0)
    qual = np.bincount(wv, weights=eff_c * c.qual_base[si, ai] * late_ws, minlength=W * V).reshape(
        W, V
    )
    st.quality = pull_toward(st.quality, np.ones_like(st.quality), p.quality_rate * qual)

    tilt_c = eff_c * c.tilt_base[si, ai] * ~published[wi]
    tilt = np.bincount(wv, weights=tilt_c, minlength=W * V).reshape(W, V)
    st.pull = np.minimum(p.max_tilt, st.pull + p.workshop_tilt * tilt)

    intel = per_wvs(intel_eff_c * c.intel_base[si, ai]).transpose(0, 2, 1)  # [W,S,V]
    st.know = pull_toward(st.know, np.ones_like(st.know), intel)
    st.coach = c.can_coach[None, :, None] & (st.rel >= p.coach_threshold)
    st.know = np.where(st.coach, 1.0, st.know)
    if st.coach.any():  # one matrix product over every (world, vendor): coach[W,S,V] -> [W,T,V]
        by_wv = st.coach.transpose(0, 2, 1).reshape(W * V, S).astype(np.float64)
        told = (by_wv @ c.neighbours.astype(np.float64)).reshape(W, V, S).transpose(0, 2, 1) > 0
        st.know = np.where(told, st.know + p.coach_info * (1.0 - st.know), st.know)

    # Whose days met whom (team checks): every kind of day an action that happened paid with.
    done = happened_c & (n > 0)
    if done.any():  # one assignment for every (cell, kind of day); repeats all write True
        pair = np.flatnonzero(done[:, None] & _paid_days(c)[ai])  # [cells x 4 kinds]
        paid, kind = pair // 4, pair % 4
        st.met_by[wi[paid], si[paid], vi[paid], kind] = True
    # What each vendor's coaches saw: rivals' meetings with the people beside them.
    met = per_wvs(happened_c.astype(np.float64))  # [W,V,S] meetings that happened
    if st.coach.any():
        beside = (st.coach.transpose(0, 2, 1).astype(np.float64) @ c.neighbours.astype(np.float64)) > 0
        rivals = met.sum(axis=1, keepdims=True) - met  # [W,V,S]
        st.contested = np.where(beside, rivals, 0.0).transpose(0, 2, 1)
    else:
        st.contested = np.zeros_like(st.contested)
    money = c.cost_table[:, 4]
    st.spent = st.spent + np.bincount(wv, weights=n * money[ai], minlength=W * V).reshape(W, V)
    st.last_contact = np.where(contact.transpose(0, 2, 1), t, st.last_contact)
    st.turn = t + 1

    if not record:
        return None
    assert before_rel is not None and before_x_own is not None  # set above when record
    assert before_fit is not None and before_quality is not None and before_know is not None
    cells = wi == world
    return _record(
        c,
        st,
        t,
        world,
        fire,
        published,
        events,
        (gain[world], loss[world]),
        (vi[cells], si[cells], ai[cells], n[cells]),
        happened_c[cells],
        refused_c[cells],
        fail_c[cells],
        eff_c[cells],
        intel_eff_c[cells],
        rel_c[cells],
        backfire_c[cells],
        before_rel,
        before_x_own,
        before_fit,
        before_quality,
        before_know,
        before_coach,
        contact,
    )


def _record(
    c: Compiled,
    st: State,
    t: int,
    w: int,
    fire: NDArray[np.bool_],
    published: NDArray[np.bool_],
    events: Sequence[Event],
    gain_loss: tuple[F, F],
    cells: tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64], F],
    happened: NDArray[np.bool_],
    refused: NDArray[np.bool_],
    fail: F,
    eff: F,
    raw_eff: F,
    rel_eff: F,
    backfire: NDArray[np.bool_],
    before_rel: F,
    before_x_own: F,
    before_fit: F,
    before_quality: F,
    before_know: F,
    before_coach: NDArray[np.bool_],
    contact: NDArray[np.bool_],
) -> TurnRecord:
    """The record of world w's turn, from its active cells (one per vendor, person, action)."""
    sids, vids = c.stakeholder_ids, c.vendor_ids
    x_own = own(c, st)
    x = mix(x_own, c.listens, c.params.mixing_rounds)
    pi = shares(x, c.params.temperature)
    sup = support(pi, c.influence)
    spec = current_spec(c, st.spec_base, st.pull)

    vi, si, ai, amount = cells
    gain_l, loss_l = gain_loss[0].tolist(), gain_loss[1].tolist()  # [V][S]
    d_fit = np.einsum("sk,svk->sv", st.cares[w], st.fit[w] - before_fit[w]).tolist()
    d_x = (x_own[w] - before_x_own[w]).tolist()
    d_q = (st.quality[w] - before_quality[w]).tolist()
    d_k = (st.know[w] - before_know[w]).tolist()
    contact_w = contact[w].tolist()  # [V][S]
    r_signed = rel_eff.tolist()
    x_part = (eff * (c.exp_base[si, ai] + c.rel_base[si, ai])).tolist()
    q_part = (eff * c.qual_base[si, ai]).tolist()
    k_part = (raw_eff * c.intel_base[si, ai]).tolist()
    spec_gain = (c.params.workshop_tilt * eff * c.tilt_base[si, ai] * (not published[w])).tolist()
    sums: dict[tuple[int, int], list[float]] = {}
    vl, sl, al = vi.tolist(), si.tolist(), ai.tolist()
    for i, key in enumerate(zip(vl, sl, strict=True)):
        acc = sums.setdefault(key, [0.0, 0.0, 0.0, 0.0])
        if r_signed[i] > 0:
            acc[0] += r_signed[i]
        else:
            acc[3] -= r_signed[i]
        acc[1] += x_part[i]
        acc[2] += k_part[i]
    q_sum: dict[int, float] = {}
    for i, v in enumerate(vl):
        q_sum[v] = q_sum.get(v, 0.0) + q_part[i]
    pub = bool(published[w])
    pub_turn = int(st.pub_turn[w])
    happened_l, refused_l, fail_l = happened.tolist(), refused.tolist(), fail.tolist()
    backfire_l, amount_l = backfire.tolist(), amount.tolist()

    def share(part: float, total: float) -> float:
        return part / total if total > 0 else 0.0

    outcomes: list[ActionOutcome] = []
    for i in range(len(vl)):
        v, s, a = vl[i], sl[i], al[i]
        notes: list[str] = []
        status: Status
        if refused_l[i]:
            status, reason = "refused", "no_relationship"
        elif not happened_l[i]:
            status, reason = "no_meeting", "unavailable"
        elif a == A_HOSP and backfire_l[i]:
            status, reason = "backfired", "compliance"
        else:
            status, reason = "done", "ok"
        if a == A_WORK and pub and happened_l[i]:
            notes.append("spec_frozen")
        if pub and c.panel[s] and happened_l[i]:
            notes.append("quiet_period")
        if a == A_EXEC and happened_l[i]:
            notes.append("late_exec" if t >= pub_turn - 1 else "early_exec")
            if c.seniority[s] < 2:
                notes.append("junior_host")
        pos_sum, x_sum, k_sum, neg_sum = sums[(v, s)]
        # Gains go to the actions that gained, losses (backfires) to those that lost.
        if r_signed[i] > 0:
            d_rel_i = gain_l[v][s] * share(r_signed[i], pos_sum)
        else:
            d_rel_i = -loss_l[v][s] * share(-r_signed[i], neg_sum)
        touched = contact_w[v][s]
        outcomes.append(
            ActionOutcome(
                vendor=vids[v],
                stakeholder=sids[s],
                action=ACTION_IDS[a],
                amount=float(amount_l[i]),
                status=status,
                reason=reason,
                fail_chance=float(fail_l[i]),
                d_relationship=d_rel_i if touched else 0.0,
                d_fit=d_fit[s][v] * share(x_part[i], x_sum),
                d_stance=d_x[s][v] * share(x_part[i], x_sum) if touched else 0.0,
                d_quality=d_q[v] * share(q_part[i], q_sum[v]),
                d_spec=float(spec_gain[i]),
                d_knowledge=d_k[s][v] * share(k_part[i], k_sum),
                notes=tuple(notes),
            )
        )
    fired = tuple(
        EventFired(
            index=e,
            id=ev.id or f"event{e + 1}",
            kind=ev.kind,
            secret=ev.secret,
            details=_event_details(ev),
            passed=(
                {vids[v]: bool(st.checks[w, e, v] > 0) for v in range(c.V)}
                if ev.kind == "team_check"
                else {}
            ),
        )
        for e, ev in enumerate(events)
        if fire[w, e]
    )
    new_coach = st.coach[w] & ~before_coach[w]
    lost = (before_rel[w] - st.rel[w]).tolist()
    decayed = tuple(
        (sids[s], vids[v], lost[s][v])
        for s in range(c.S)
        for v in range(c.V)
        if not contact_w[v][s] and lost[s][v] > 1e-3
    )

    told = _coach_notes(c, st, w, vetoes(c, x[w : w + 1], warning=True)[0], vl, sl, happened_l)

    def rows(arr: F) -> tuple[tuple[float, ...], ...]:
        return tuple(tuple(r) for r in arr.tolist())

    return TurnRecord(
        turn=t,
        published=pub,
        events=fired,
        outcomes=tuple(outcomes),
        stance=rows(x[w]),
        relationship=rows(st.rel[w]),
        support=tuple(sup[w].tolist()),
        quality=tuple(st.quality[w].tolist()),
        spent=tuple(st.spent[w].tolist()),
        spec=tuple(spec[w].tolist()),
        new_coaches=tuple((sids[s], vids[v]) for s, v in zip(*np.nonzero(new_coach), strict=True)),
        decayed=decayed,
        coach_notes=told,
    )


def _coach_notes(
    c: Compiled,
    st: State,
    w: int,
    risk: NDArray[np.bool_],
    vl: list[int],
    sl: list[int],
    happened: list[bool],
) -> tuple[CoachNote, ...]:
    """What each vendor's coaches tell it: rivals' meetings with the people beside a coach,
    and veto holders beside a coach who may block the vendor (``VETO_WARNING``)."""
    coach = st.coach[w]  # [S,V]
    if not coach.any():
        return ()
    sids, vids = c.stakeholder_ids, c.vendor_ids
    met: dict[tuple[int, int], int] = {}
    for v, s, ok in zip(vl, sl, happened, strict=True):
        if ok:
            met[(v, s)] = met.get((v, s), 0) + 1
    out: list[CoachNote] = []
    beside_of: list[list[int]] = c.cached("neighbour_lists", lambda: [np.nonzero(row)[0].tolist() for row in c.neighbours])
    for k, v in zip(*np.nonzero(coach), strict=True):
        for s in beside_of[k]:
            for u in range(c.V):
                n = met.get((u, s), 0)
                if u != v and n:
                    out.append(CoachNote(vids[v], sids[k], "rival_moves", sids[s], vids[u], n))
            if risk[s, v]:
                out.append(CoachNote(vids[v], sids[k], "veto_risk", sids[s]))
    return tuple(out)


def _event_details(ev: object) -> dict[str, str | float]:
    out: dict[str, str | float] = {}
    for key in (
        "stakeholder",
        "vendor",
        "ceiling",
        "ceiling_factor",
        "delay",
        "price_cut",
        "reliability",
        "role",
        "criterion",
        "relationship_loss",
        "fit_loss",
    ):
        val = getattr(ev, key, None)
        if isinstance(val, str | int | float) and not isinstance(val, bool):
            out[key] = val
    return out
