"""Scenario events: which fire at a turn's start, and what they change.

Scripted events (``turn``) fire in every world; random ones (``chance``) fire
where the turn's event draw falls below the chance, at most once; deck events
fire only when a trainer injects them. A trainer may also add events during
play (``extra``); they follow the scenario's in index order. All changes are
masked per world.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from game.engine.state import State
from game.model.compiled import Compiled
from game.scenario import schema

B = NDArray[np.bool_]


def all_events(c: Compiled, extra: Sequence[schema.Event] = ()) -> list[schema.Event]:
    """The scenario's events followed by events added during play (a trainer's form)."""
    return [*c.scenario.events, *extra]


def ensure_capacity(st: State, n_events: int) -> None:
    """Grow the fired[W,E] array when events were added during play."""
    have = st.fired.shape[1]
    if n_events > have:
        st.fired = np.pad(st.fired, ((0, 0), (0, n_events - have)))
        st.checks = np.pad(st.checks, ((0, 0), (0, n_events - have), (0, 0)))


def due(
    events: Sequence[schema.Event], st: State, u_event: NDArray[np.float64], inject: tuple[int, ...]
) -> B:
    """[W,E] events that fire at the start of the current turn."""
    t = st.turn
    E = len(events)
    out = np.zeros((st.W, E), dtype=bool)
    for e, ev in enumerate(events):
        if e in inject:
            out[:, e] = True
        elif ev.deck:
            continue
        elif ev.turn is not None:
            out[:, e] = ev.turn == t
        elif ev.chance is not None:
            in_window = t >= ev.from_turn and (ev.until_turn is None or t <= ev.until_turn)
            if in_window:
                out[:, e] = u_event[:, e] < ev.chance
    out &= ~st.fired
    return out


def apply(c: Compiled, st: State, fire: B, events: Sequence[schema.Event]) -> None:
    """Apply the events in ``fire`` [W,E] to the state, in file order."""
    crit = c.scenario.criterion_ids()
    sids = c.stakeholder_ids
    vids = c.vendor_ids
    for e, ev in enumerate(events):
        m = fire[:, e]
        if not m.any():
            continue
        st.fired[m, e] = True
        if isinstance(ev, schema.StakeholderReplaced):
            s: int = sids.index(ev.stakeholder)
            if ev.cares is not None:
                new = np.zeros(c.K)
                for k, w in ev.cares.items():
                    new[crit.index(k)] = w
                st.cares[m, s] = new
            if ev.relationship_weight is not None:
                st.rel_weight[m, s] = ev.relationship_weight
            rel = np.zeros(c.V)
            for vid, r0 in ev.relationship.items():
                rel[vids.index(vid)] = r0
            st.rel[m, s] = rel
            st.fit[m, s] = c.params.fit_prior
            st.know[m, s] = 0.0
            st.coach[m, s] = False
            st.last_contact[m, s] = 0
            st.exposure[m, s] = 0.0
            st.replaced[m, s] = e
        elif isinstance(ev, schema.BudgetCut):
            if ev.ceiling is not None:
                st.ceiling[m] = ev.ceiling
            if ev.ceiling_factor is not None:
                st.ceiling[m] *= ev.ceiling_factor
        elif isinstance(ev, schema.CompetitorOffensive):
            vi = vids.index(ev.vendor)
            targets = [sids.index(t) for t in ev.targets] or [
                i
                for i, person in enumerate(c.scenario.stakeholders)
                if person.role == "decision_maker"
            ]
            for ti in targets:
                r = st.rel[m, ti, vi]
                st.rel[m, ti, vi] = r + ev.relationship_gain * (1.0 - r)
                st.last_contact[m, ti, vi] = st.turn
            st.price_cut[m, vi] = np.maximum(st.price_cut[m, vi], ev.price_cut)
        elif isinstance(ev, schema.SpecChange):
            if ev.criteria:
                spec = st.spec_base[m]
                for k, w in ev.criteria.items():
                    spec[:, crit.index(k)] = w
                spec /= spec.sum(axis=1, keepdims=True)
                st.spec_base[m] = spec
            if ev.weights is not None:
                st.weights[m] = (ev.weights.technical, ev.weights.price, ev.weights.commercial)
        elif isinstance(ev, schema.TeamCheck):
            r = schema.RESOURCE_IDS.index(ev.role)
            who = [sids.index(p) for p in ev.stakeholders]
            passed = st.met_by[:, :, :, r][:, who].any(axis=1)  # [W,V]
            fail = m[:, None] & ~passed  # [W,V]
            st.checks[:, e] = np.where(m[:, None], np.where(passed, 1, -1), st.checks[:, e])
            keep = np.where(fail, 1.0 - ev.relationship_loss, 1.0)  # [W,V]
            doubt = np.where(fail, 1.0 - ev.fit_loss, 1.0)
            for s in set(who):
                st.rel[:, s, :] *= keep
                if ev.criterion is not None:
                    st.fit[:, s, :, crit.index(ev.criterion)] *= doubt
        elif isinstance(ev, schema.TenderDelayed):
            later = m & (st.pub_turn > st.turn)
            st.pub_turn[later] += ev.delay
        # Rumours change nothing; they are announcements.
