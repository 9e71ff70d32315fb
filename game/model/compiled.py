"""A scenario turned into numpy arrays, once, for the engine's hot paths.

Shapes use S stakeholders, V vendors, K criteria, A actions (7), R resources
(5: sales, presales, pm, executive, money). Indices follow the order of the
scenario's lists and of ``ACTION_IDS`` / ``ROLES`` / ``RESOURCE_IDS``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from game.model import catalogue as cat
from game.scenario.schema import ACTION_IDS, RESOURCE_IDS, ROLES, ModelParams, Scenario

F = NDArray[np.float64]
B = NDArray[np.bool_]
I = NDArray[np.int64]  # noqa: E741 - short alias for index arrays


def _role_table(table: dict[str, tuple[float, ...]], roles: I) -> F:
    """[S, A] per-stakeholder base effect from a per-role table."""
    out = np.zeros((len(roles), len(ACTION_IDS)))
    for a, aid in enumerate(ACTION_IDS):
        if aid in table:
            out[:, a] = np.asarray(table[aid])[roles]
    return out


@dataclass(frozen=True)
class Compiled:
    scenario: Scenario
    params: ModelParams
    S: int
    V: int
    K: int
    turns: int
    # stakeholders
    role: I  # [S] index into ROLES
    seniority: I  # [S] 1..3
    influence: F  # [S] normalised to sum 1
    veto: B  # [S]
    panel: B  # [S]
    compliance: F  # [S]
    price_sensitivity: F  # [S]
    receptiveness: F  # [S]
    can_coach: B  # [S]
    pool: B  # [S] panel seat drawn from the expert pool
    pool_draw_turn: int  # turn at whose start the pool seats are drawn (turns + 1: at evaluation)
    pool_confidential: bool  # drawn experts cannot be met
    cares0: F  # [S, K]
    rel_weight0: F  # [S]
    listens: F  # [S, S] row s: share of s's stance taken from each j
    neighbours: B  # [S, S] linked by listens_to either way (and self)
    rel0: F  # [S, V]
    fit0: F  # [S, V, K]
    # vendors
    strengths: F  # [V, K]
    cost: F  # [V]
    decay: F  # [V] share of relationship lost in a turn without contact (params.decay;
    #           analysis may switch it off for one vendor)
    per_turn: F  # [V, 4] days per turn: sales, presales, pm, executive
    budget: F  # [V]
    # criteria and tender
    technical_k: B  # [K] criterion scored by the panel
    spec0: F  # [K] criteria weights, sum 1
    spec_targets: F  # [V, K] where each vendor's workshops pull the spec
    weights0: F  # [3] technical, price, commercial
    ceiling0: float
    # actions
    cost_table: F  # [A, R]
    rel_base: F  # [S, A]
    exp_base: F  # [S, A]
    qual_base: F  # [S, A]
    tilt_base: F  # [S, A]
    intel_base: F  # [S, A]
    public_base: F  # [4, S, A] relationship, exposure, quality and tilt bases as the public
    #                 rules give them by role and seniority (no hidden receptiveness)
    saturation: F  # [A]
    fail_prob_base: F  # [S, A] seniority-gap part of the failure chance
    fail_factor: F  # [A]
    seniority_effect: F  # [S, A] share of the effect left for a visitor junior to the host
    exec_ok: B  # [S] seniority >= 2
    pools: tuple[
        tuple[int, I], ...
    ]  # actions grouped by their scarcest day resource (AI allocation)

    def cached(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """A value derived from this scenario alone (its arrays never change), made once and
        kept on it; arrays come back read-only. A variant made with ``dataclasses.replace``
        starts with nothing kept. Saves recomputing public tables on every turn of a game."""
        kept: dict[Hashable, Any] = self.__dict__.setdefault("_cached", {})
        if key not in kept:
            value = make()
            for part in value if isinstance(value, tuple) else (value,):
                if isinstance(part, np.ndarray):
                    part.setflags(write=False)
            kept[key] = value
        return kept[key]

    def beside(self) -> F:
        """[S,S] 1 where two different people are linked by listens_to either way (a coach
        tells about, and introduces, the people beside them); read-only, made once."""
        out: F = self.cached("beside", lambda: (self.neighbours & ~np.eye(self.S, dtype=bool)).astype(np.float64))
        return out

    def pool_locked(self, turn: int) -> B:
        """[S] pool seats nobody can meet at ``turn``: before the draw, or drawn and confidential."""
        out: B = self.pool & (self.pool_confidential or turn < self.pool_draw_turn)
        return out

    @property
    def vendor_ids(self) -> list[str]:
        return [v.id for v in self.scenario.vendors]

    @property
    def stakeholder_ids(self) -> list[str]:
        return [s.id for s in self.scenario.stakeholders]


def _spec_targets(spec0: F, strengths: F, technical_k: B) -> F:
    """Spec each vendor would write: weights moved toward its strong criteria, per section."""
    V, K = strengths.shape
    out = np.zeros((V, K))
    for sec in (technical_k, ~technical_k):
        if not sec.any():
            continue
        raw = spec0[sec][None, :] * strengths[:, sec] ** 2
        total = raw.sum(axis=1, keepdims=True)
        total[total == 0] = 1.0
        out[:, sec] = raw / total * spec0[sec].sum()
    return out


def _pools(cost_table: F) -> tuple[tuple[int, I], ...]:
    """Actions grouped by the scarcest day resource they use (executive, pm, presales, sales)."""
    pools: dict[int, list[int]] = {}
    for a in range(len(ACTION_IDS)):
        used = [r for r in (3, 2, 1, 0) if cost_table[a, r] > 0]
        pools.setdefault(used[0] if used else -1, []).append(a)
    return tuple((k, np.array(pools[k], dtype=np.int64)) for k in (3, 2, 1, 0, -1) if k in pools)


def compile_scenario(sc: Scenario) -> Compiled:
    crit = sc.criterion_ids()
    sids = [s.id for s in sc.stakeholders]
    vids = [v.id for v in sc.vendors]
    S, V, K = len(sids), len(vids), len(crit)
    p = sc.model

    role = np.array([ROLES.index(s.role) for s in sc.stakeholders], dtype=np.int64)
    seniority = np.array([s.seniority for s in sc.stakeholders], dtype=np.int64)
    infl = np.array([s.influence for s in sc.stakeholders], dtype=float)
    infl = infl / infl.sum() if infl.sum() > 0 else np.full(S, 1.0 / S)

    cares = np.zeros((S, K))
    listens = np.zeros((S, S))
    rel0 = np.zeros((S, V))
    fit0 = np.full((S, V, K), p.fit_prior)
    for i, s in enumerate(sc.stakeholders):
        for k, w in s.cares.items():
            cares[i, crit.index(k)] = w
        for j, w in s.listens_to.items():
            listens[i, sids.index(j)] = w
        for v, r in s.start.relationship.items():
            rel0[i, vids.index(v)] = r
        for v, fits in s.start.fit.items():
            for k, f in fits.items():
                fit0[i, vids.index(v), crit.index(k)] = f
    neighbours = (listens > 0) | (listens.T > 0) | np.eye(S, dtype=bool)

    strengths = np.array([[v.strengths.get(k, 0.0) for k in crit] for v in sc.vendors])
    technical_k = np.array([c.section == "technical" for c in sc.criteria])
    spec0 = np.array([c.weight for c in sc.criteria], dtype=float)
    spec0 = spec0 / spec0.sum()

    cost_table = np.zeros((len(ACTION_IDS), len(RESOURCE_IDS)))
    for a, aid in enumerate(ACTION_IDS):
        override = sc.actions.get(aid)
        costs = override.model_dump() if override is not None else cat.DEFAULT_COST[aid]
        for r, rid in enumerate(RESOURCE_IDS):
            cost_table[a, r] = float(costs.get(rid, 0.0))

    specs = [cat.SPECS[a] for a in ACTION_IDS]
    visitor = np.array([sp.visitor_seniority for sp in specs])
    gap = np.maximum(0, seniority[:, None] - visitor[None, :])
    rel_base = _role_table(cat.RELATIONSHIP, role)
    exec_a = ACTION_IDS.index("executive_meeting")
    rel_base[:, exec_a] *= np.asarray(cat.EXEC_SENIORITY_FACTOR)[seniority - 1]
    recept = np.array([s.receptiveness for s in sc.stakeholders])

    return Compiled(
        scenario=sc,
        params=p,
        S=S,
        V=V,
        K=K,
        turns=sc.turns,
        role=role,
        seniority=seniority,
        influence=infl,
        veto=np.array([s.veto for s in sc.stakeholders]),
        panel=np.array([s.panel for s in sc.stakeholders]),
        compliance=np.array([s.compliance_value() for s in sc.stakeholders]),
        price_sensitivity=np.array([s.price_sensitivity_value() for s in sc.stakeholders]),
        receptiveness=recept,
        can_coach=np.array([s.can_coach for s in sc.stakeholders]),
        pool=np.array([s.pool for s in sc.stakeholders], dtype=bool),
        pool_draw_turn=int(
            sc.tender.expert_pool.draw_turn
            if sc.tender.expert_pool.draw_turn is not None
            else sc.turns + 1
        ),
        pool_confidential=sc.tender.expert_pool.confidential,
        cares0=cares,
        rel_weight0=np.array([s.relationship_weight for s in sc.stakeholders]),
        listens=listens,
        neighbours=neighbours,
        rel0=rel0,
        fit0=fit0,
        strengths=strengths,
        cost=np.array([v.cost for v in sc.vendors], dtype=float),
        decay=np.full(V, p.decay),
        per_turn=np.array(
            [
                [v.resources.sales, v.resources.presales, v.resources.pm, v.resources.executive]
                for v in sc.vendors
            ],
            dtype=float,
        ),
        budget=np.array([v.resources.budget for v in sc.vendors], dtype=float),
        technical_k=technical_k,
        spec0=spec0,
        spec_targets=_spec_targets(spec0, strengths, technical_k),
        weights0=np.array(
            [sc.tender.weights.technical, sc.tender.weights.price, sc.tender.weights.commercial]
        ),
        ceiling0=float(sc.tender.ceiling),
        cost_table=cost_table,
        rel_base=rel_base * recept[:, None],
        exp_base=_role_table(cat.EXPOSURE, role) * recept[:, None],
        qual_base=_role_table(cat.QUALITY, role) * recept[:, None],
        tilt_base=_role_table(cat.TILT, role) * recept[:, None],
        intel_base=_role_table(cat.INTEL, role),
        public_base=np.stack(
            [
                rel_base,
                _role_table(cat.EXPOSURE, role),
                _role_table(cat.QUALITY, role),
                _role_table(cat.TILT, role),
            ]
        ),
        saturation=np.array([sp.saturation for sp in specs]),
        fail_prob_base=p.seniority_gap_fail * gap,
        fail_factor=np.array([sp.fail_factor for sp in specs]),
        seniority_effect=np.clip(1.0 - p.seniority_gap_effect * gap, 0.0, 1.0),
        exec_ok=seniority >= 2,
        pools=_pools(cost_table),
    )
