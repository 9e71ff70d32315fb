"""AI competitors and baseline strategies: pure functions of what a vendor can see.

A policy turns an observation (public facts about the committee, the vendor's
own fog-of-war readings, its own relationships and contacts, its remaining
budget) and its own generator into allocations [W,S,A] and a bid [W]. Each
policy scores every (person, action) pair, then spends its days one unit at a
time on the best marginal value (effort saturates, so focus emerges where the
scores are high and spreading where they are even).

Personas (assigned to AI vendors in scenarios): price_aggressive,
relationship, technical, balanced. Baselines (for a player's seat, used by
simulate, balance and tests): passive, spread_even, focus_decision_maker,
price_cutter, best_practice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from game.engine.fog import ALL_CARES_AT, FAVOURITE_AT, TOP_CARE_AT, Readings, readings
from game.engine.state import State
from game.engine.turn import introduced, stance
from game.model import catalogue as cat
from game.model.compiled import Compiled
from game.model.influence import fail_chance, max_last, shares
from game.model.tender import vetoes
from game.scenario.schema import ACTION_IDS, DEFAULT_COMPLIANCE, ROLES

F = NDArray[np.float64]
B = NDArray[np.bool_]

A: dict[str, int] = {a: i for i, a in enumerate(ACTION_IDS)}
R: dict[str, int] = {r: i for i, r in enumerate(ROLES)}

PERSONAS = ("price_aggressive", "relationship", "technical", "balanced")
BASELINES = ("passive", "spread_even", "focus_decision_maker", "price_cutter", "best_practice")


@dataclass(frozen=True)
class Obs:
    """What vendor ``vendor`` sees in W worlds: public facts, its readings and its own records.

    Nothing here is hidden truth: relationships are reading midpoints, priorities
    and compliance are known only as far as the vendor's knowledge reaches,
    introductions are what its contacts offer, warnings are what its coach says.
    """

    c: Compiled
    vendor: int
    turn: int
    pub_turn: NDArray[np.int64]  # [W]
    read: Readings
    rel_own: F  # [W,S] reading midpoint of own relationship
    last_contact: NDArray[np.int64]  # [W,S] own last contact turn
    budget_left: F  # [W]
    ceiling: F  # [W]
    price_cut: F  # [W] own announced cut (offensive)
    introduced: B  # [W,S] a contact (or the coach) will introduce the vendor
    compliance: F  # [W,S] how rule-minded: the role's usual value until knowledge reveals it
    veto_risk: B  # [W,S] a veto holder the coach (or full knowledge) says may block the vendor
    favourite: NDArray[np.int64]  # [W,S] the vendor a person prefers, where known (-1 unknown)
    quality: F  # [W] own proposal quality (the team knows its own documents)
    exposure: F  # [W,S] own exposure so far (the vendor's records of what it showed them)
    contested: F  # [W,S] rivals' meetings last turn that the vendor's coach reported
    edge: F  # [W,S] how far the vendor believes its product outshines a first impression in
    #          what each person cares about: sum_k c_k (strength_k - prior) over the priorities
    #          it knows, the rest spread evenly over the criteria it does not know
    pull: F  # [W] how far own workshops have pulled the spec
    reachable: B  # [S] not a pool seat closed to everyone this turn

    @property
    def W(self) -> int:
        return int(self.budget_left.shape[0])

    @property
    def published(self) -> B:
        out: B = self.turn >= self.pub_turn
        return out

    @property
    def turns_left(self) -> int:
        return self.c.turns - self.turn + 1


@dataclass(frozen=True)
class Seen:
    """What every vendor's observation of one turn is computed from (once per turn)."""

    x: F  # [W,S,V] mixed stance
    pi: F  # [W,S,V] preference shares
    intro: B  # [W,S,V] introductions on offer
    top: F  # [W,S,K] priorities as knowing only the top one reveals them
    warned: B  # [W,S,V] veto holders close to blocking a vendor (what a coach would say)
    favourite: NDArray[np.int64]  # [W,S] each person's favourite vendor (shown where known)

    def rows(self, idx: NDArray[np.int64]) -> Seen:
        """The same for the worlds ``idx`` only."""
        return Seen(
            self.x[idx], self.pi[idx], self.intro[idx], self.top[idx], self.warned[idx],
            self.favourite[idx],
        )


def seen(c: Compiled, st: State, x: F | None = None) -> Seen:
    if x is None:
        x = stance(c, st)
    pi = shares(x, c.params.temperature)
    warned = vetoes(c, x, warning=True, pi=pi)
    return Seen(x, pi, introduced(c, st), top_cares(st.cares), warned, pi.argmax(axis=-1))


def top_cares(cares: F) -> F:
    """[W,S,K] what knowing only the top priority tells: its weight, the rest spread evenly."""
    K = cares.shape[-1]
    top = cares.argmax(axis=-1)[..., None]
    top_w = np.take_along_axis(cares, top, axis=-1)
    out: F = np.where(np.arange(K) == top, top_w, (1.0 - top_w) / max(K - 1, 1))
    return out


def believed_cares(cares: F, know: F, top: F | None = None) -> F:
    """[W,S,K] priorities as far as knowledge reveals them (fog.py's thresholds): all of them
    from ALL_CARES_AT, the top one from TOP_CARE_AT (``top_cares``), the rest spread evenly."""
    K = cares.shape[-1]
    one = top_cares(cares) if top is None else top
    level = know[..., None]
    out: F = np.where(level >= ALL_CARES_AT, cares, np.where(level >= TOP_CARE_AT, one, 1.0 / K))
    return out


def believed_edge(c: Compiled, cares: F, know: F, top: F, vendor: int) -> F:
    """[W,S] ``believed_cares(...) @ (strength - prior)`` without building the [W,S,K] array."""
    d = c.strengths[vendor] - c.params.fit_prior  # [K]
    out: F = np.where(
        know >= ALL_CARES_AT, cares @ d, np.where(know >= TOP_CARE_AT, top @ d, float(d.mean()))
    )
    return out


def observe(c: Compiled, st: State, vendor: int, x: F | Seen | None = None) -> Obs:
    """What ``vendor`` sees now; pass the turn's ``Seen`` when observing for several vendors."""
    sn = x if isinstance(x, Seen) else seen(c, st, x)
    rd = readings(c, st, vendor, sn.x, full=False)
    know = st.know[:, :, vendor]
    role_compliance = np.array([DEFAULT_COMPLIANCE[ROLES[r]] for r in c.role])
    compliance = np.where(know >= TOP_CARE_AT, c.compliance[None], role_compliance[None])
    told = st.coach[:, :, vendor] @ c.neighbours.astype(np.float64) > 0  # beside a coach
    seen_ = told | (know >= FAVOURITE_AT)
    veto_risk = seen_ & sn.warned[:, :, vendor]  # the coach's warning
    favourite = np.where(know >= FAVOURITE_AT, sn.favourite, -1)
    return Obs(
        c=c,
        vendor=vendor,
        turn=st.turn,
        pub_turn=st.pub_turn,
        read=rd,
        rel_own=(rd.rel_lo + rd.rel_hi) / 2,
        last_contact=st.last_contact[:, :, vendor],
        budget_left=c.budget[vendor] - st.spent[:, vendor],
        ceiling=st.ceiling,
        price_cut=st.price_cut[:, vendor],
        introduced=sn.intro[:, :, vendor],
        compliance=compliance,
        veto_risk=veto_risk,
        reachable=~c.pool_locked(st.turn),
        favourite=favourite,
        quality=st.quality[:, vendor],
        exposure=st.exposure[:, :, vendor],
        contested=st.contested[:, :, vendor],
        edge=believed_edge(c, st.cares, know, sn.top, vendor),
        pull=st.pull[:, vendor],
    )


def allocate(
    obs: Obs,
    q: F,
    pace: float = 1.5,
    min_value: float = 1e-3,
    money_limit: F | None = None,
    money_price: float = 0.0,
    first_contact: F | None = None,
) -> F:
    """Spend days and money one unit at a time on the best marginal value q [W,S,A].

    Actions are taken pool by pool (executive, then project-manager, pre-sales
    and sales days); money is shared and paced over the turns left. With a
    ``money_price``, a unit's value is its marginal value less its money cost
    times that price: money goes only where it buys more than it costs.
    ``first_contact`` [W,S] is added to the first unit of any action (that the strategy
    values at all) on a person this turn only (any meeting keeps the relationship from
    decaying).

    The values of every cell are kept up to date as units are taken (only the cell taken,
    and the person it touched, change), so each unit costs one pass over the cells.
    """
    c = obs.c
    W, S, Aa = q.shape
    money = np.minimum(obs.budget_left, obs.budget_left / max(obs.turns_left, 1) * pace)
    if money_limit is not None:
        money = np.minimum(money, np.maximum(money_limit, 0.0))
    if W == 1:  # one world (a played game): plain Python is faster than arrays this small
        return _allocate_one(c, obs.vendor, q[0], float(money[0]), min_value, money_price, first_contact)
    days = np.broadcast_to(c.per_turn[obs.vendor], (W, 4)).copy()
    cost_days = c.cost_table[:, :4]
    cost_money = c.cost_table[:, 4]
    step = np.exp(-1.0 / c.saturation)  # marginal value of the next unit relative to this one
    alloc = np.zeros((W, S, Aa))
    alloc_flat = alloc.reshape(-1)  # views: one flat index per world is faster than three
    rows = np.arange(W)
    touched = np.zeros((W, S), dtype=bool)
    touched_flat = touched.reshape(-1)
    bonus = None if first_contact is None else np.asarray(first_contact, dtype=np.float64)
    for pool, acts in c.pools:
        val = q[:, :, acts] * (1.0 - step[acts])  # [W,S,n_a] the next unit's value
        first = None if bonus is None else bonus * ~touched  # [W,S]
        if not (val > min_value).any() and (first is None or not (first > min_value).any()):
            continue
        n_a = len(acts)
        need_days = cost_days[acts]  # [n_a,4]
        need_money = cost_money[acts]  # [n_a]
        charge = need_money * money_price  # [n_a]
        cur = val - charge[None, None, :]
        wanted = val > 0  # the bonus goes only to actions the strategy wants at all
        if first is not None:
            cur = cur + first[:, :, None] * wanted
        feasible = np.ones((W, n_a), dtype=bool)
        feasible_flat = feasible.reshape(-1)
        cur = np.ascontiguousarray(cur)
        flat = cur.reshape(W, S * n_a)  # a view: updates to cur show here
        cur_flat = cur.reshape(-1)
        val = np.ascontiguousarray(val)
        val_flat = val.reshape(-1)
        used = [r for r in range(4) if need_days[:, r].any()]
        pays = bool(need_money.any())
        dearest = [float(need_days[:, r].max()) for r in range(4)]
        dearest_money = float(need_money.max())
        units = int(c.per_turn[obs.vendor, pool]) if pool >= 0 else 4
        for _ in range(units):
            # Affordability changes only when some world is short of the dearest action.
            tight = any(float(days[:, r].min()) < dearest[r] for r in used) or (
                pays and float(money.min()) < dearest_money
            )
            if tight:
                ok = np.ones((W, n_a), dtype=bool)
                for r in used:
                    ok &= days[:, r : r + 1] >= need_days[None, :, r]
                if pays:
                    ok &= money[:, None] >= need_money[None]
                lost = feasible & ~ok
                if lost.any():  # an action no longer affordable in some worlds
                    wi, ai = np.nonzero(lost)
                    cur[wi, :, ai] = -np.inf
                    feasible &= ok
            idx = flat.argmax(axis=1)
            go = flat[rows, idx] > min_value
            everyone = bool(go.all())
            if not everyone and not go.any():
                break
            s_all, j_all = idx // n_a, idx % n_a
            if everyone:  # every world takes a unit: no selection needed
                for r in used:
                    days[:, r] -= need_days[j_all, r]
                if pays:
                    money -= need_money[j_all]
                w, s_, j, picked = rows, s_all, j_all, idx
            else:
                g = go.astype(np.float64)
                for r in used:
                    days[:, r] -= need_days[j_all, r] * g
                if pays:
                    money -= need_money[j_all] * g
                w, s_, j, picked = rows[go], s_all[go], j_all[go], idx[go]
            a_j = acts[j]
            alloc_flat[(w * S + s_) * Aa + a_j] += 1.0  # one unit per world: no repeats
            cell = w * (S * n_a) + picked  # = (w, s_, j) in cur and val
            val_flat[cell] *= step[a_j]
            ws = w * S + s_
            if first is not None:  # the person is met: their other cells lose the bonus
                fresh = ~touched_flat[ws]
                fw, fs = w[fresh], s_[fresh]
                cur[fw, fs, :] -= first[fw, fs][:, None] * wanted[fw, fs, :]
            touched_flat[ws] = True
            cur_flat[cell] = np.where(feasible_flat[w * n_a + j], val_flat[cell] - charge[j], -np.inf)
    return alloc


def _allocate_one(
    c: Compiled,
    vendor: int,
    q: F,
    money: float,
    min_value: float,
    money_price: float,
    first_contact: F | None,
) -> F:
    """``allocate`` for one world, with the same choices in the same order."""
    S, Aa = q.shape
    step = np.exp(-1.0 / c.saturation).tolist()
    costs = c.cost_table.tolist()  # [A][5]
    days = c.per_turn[vendor].tolist()
    qv = q.tolist()
    bonus = [0.0] * S if first_contact is None else np.asarray(first_contact, dtype=np.float64)[0].tolist()
    touched = [False] * S
    alloc = np.zeros((1, S, Aa))
    for pool, acts_arr in c.pools:
        acts = acts_arr.tolist()
        units = int(c.per_turn[vendor, pool]) if pool >= 0 else 4
        val = [[qv[s][a] * (1.0 - step[a]) for s in range(S)] for a in acts]  # [j][s]
        for _ in range(units):
            best, pick = -np.inf, None
            open_bonus = [0.0 if t else b for b, t in zip(bonus, touched, strict=True)]
            for j, a in enumerate(acts):
                cost = costs[a]
                if (
                    days[0] < cost[0] or days[1] < cost[1] or days[2] < cost[2] or days[3] < cost[3]
                    or money < cost[4]
                ):
                    continue
                charge = cost[4] * money_price
                row = [r + (b if r > 0 else 0.0) - charge for r, b in zip(val[j], open_bonus, strict=True)]
                v = max(row)
                s = row.index(v)  # the first person with the best value of action j
                # The arrays' argmax runs person by person, action by action; ties go first.
                if v > best or (v == best and pick is not None and (s, j) < pick):
                    best, pick = v, (s, j)
            if pick is None or not best > min_value:
                break
            s, j = pick
            a = acts[j]
            alloc[0, s, a] += 1.0
            touched[s] = True
            cost = costs[a]
            for r in range(4):
                days[r] -= cost[r]
            money -= cost[4]
            val[j][s] *= step[a]
    return alloc


# -- features ---------------------------------------------------------------


def importance(c: Compiled) -> F:
    """[S] how much a person matters: influence, veto and panel seat."""
    imp = c.influence * (1.0 + 0.5 * c.veto + 0.5 * c.panel)
    out: F = imp / imp.max()
    return out


@dataclass(frozen=True)
class Weights:
    """The weights of the valuation every strategy shares (``valued``); tuned once across all
    bundled scenarios against the exploit search (docs/MODEL.md section 8), never per scenario."""

    focus: float = 1.1  # importance is raised to this power: above 1 concentrates on the key people
    show: float = 1.81  # weight of the view of the product against the relationship in a gain
    flow: float = 0.72  # share of what flows to others through a person that counts as theirs
    veto: float = 0.66  # extra importance of a veto holder
    panel: float = 0.7  # extra importance of a panel seat
    contest: float = 0.17  # how fast a person's importance falls as the reading rises
    door: float = 0.33  # share of a closed senior person's importance given to their contacts
    warned: float = 0.34  # extra importance of a veto holder the coach warns about
    rivals: float = 0.17  # extra importance per rival meeting the coach reported (up to 3)
    keep_warm: float = 0.45  # scale of the decay a visit saves
    tilt: float = 0.3  # scale of a workshop's spec shaping
    quality: float = 0.3  # scale of the proposal's improvement
    intel: float = 0.83  # scale of what knowledge pays back
    won: float = 0.86  # importance left of a person known to favour the vendor already
    coach: float = 0.2  # importance a possible coach gains from the people beside them
    visit: float = 1.05  # scale of each action's value (best_practice's own emphasis)
    technical_exchange: float = 1.53
    site_visit: float = 0.67
    executive_meeting: float = 1.57
    solution_workshop: float = 1.08
    hospitality: float = 0.69
    money: float = 0.16  # what a unit of money is worth against the target margin
    room: float = 0.527  # best_practice bids cost + this share of the room up to the ceiling ...
    ceiling_share: float = 0.95  # ... at most this share of the ceiling


WEIGHTS = Weights()


def sensitivity(c: Compiled) -> F:
    """[S,S] how much each person's mixed stance moves per unit of each person's own stance:
    the derivative of section 2's Friedkin-Johnsen mixing (public: who listens to whom)."""
    L = c.listens
    anchor = np.diag(1.0 - L.sum(axis=1))
    m = np.eye(c.S)
    for _ in range(c.params.mixing_rounds):
        m = anchor + L @ m
    return m


def reach(c: Compiled, w: Weights = WEIGHTS) -> F:
    """[S] importance counting what flows through a person: the weight of every person who
    counts (influence, more for a veto or a panel seat) times how much their mixed stance
    moves with this person's own; what flows from others counts ``w.flow`` of its share."""
    out: F = c.cached(("reach", w), lambda: _reach(c, w))
    return out


def _reach(c: Compiled, w: Weights) -> F:
    direct = c.influence * (1.0 + w.veto * c.veto + w.panel * c.panel)
    m = sensitivity(c)
    own = np.diag(m).copy()
    imp = direct * own + w.flow * (direct @ (m - np.diag(own)))
    out: F = imp / imp.max()
    return out


def _role_mask(c: Compiled, *roles: str) -> F:
    return np.isin(c.role, [R[r] for r in roles]).astype(float)


def _blank(obs: Obs) -> F:
    return np.zeros((obs.W, obs.c.S, len(ACTION_IDS)))


def _door(obs: Obs) -> B:
    """[W,S] an executive meeting would be accepted: a relationship, or an introduction."""
    out: B = obs.introduced | (obs.rel_own >= obs.c.params.exec_min_relationship + 0.05)
    return out


def _exec_ok(obs: Obs) -> F:
    """[W,S] an executive meeting would be accepted and worth it (a senior host)."""
    return (_door(obs) & obs.c.exec_ok[None]).astype(float)


def _stale(obs: Obs, gap: int = 2) -> F:
    """[W,S] 1 where the last contact is at least ``gap`` turns ago (or never)."""
    return ((obs.turn - obs.last_contact) >= gap).astype(float)


def effectiveness(obs: Obs, *, seniority: bool = True) -> F:
    """[W,S,A] the share of an action's effect a vendor can expect, from the public rules:
    the meeting happens (relationship reading, seniority gap, introductions), the visitor
    is senior enough for the host, and the message fits what the vendor knows of them.
    ``seniority=False`` is a vendor that forgets rank: it expects a junior visitor to do as
    well as a senior one and a stranger's visit to a leader to be received."""
    c, p = obs.c, obs.c.params
    # fail_chance's formula, in fewer passes over the [W,S,A] cells.
    # One [W,S,A] array worked in place (the same operations in the same order).
    out: F = (p.fail_base * c.fail_factor)[None, None, :] * (1.0 - obs.rel_own)[..., None]
    if seniority:
        out += c.fail_prob_base[None]
    np.maximum(out, 0.0, out=out)
    np.minimum(out, 0.95, out=out)  # the failure chance
    out *= np.where(obs.introduced, p.intro_fail_factor, 1.0)[..., None]
    np.subtract(1.0, out, out=out)
    fit = 1.0 - p.message_fit + p.message_fit * obs.read.know
    out *= fit[..., None]
    if seniority:
        out *= c.seniority_effect[None]
    out[..., A["intel"]] /= fit
    return out


def q_passive(obs: Obs) -> F:
    return _blank(obs)


def q_spread_even(obs: Obs) -> F:
    q = _blank(obs)
    q[..., A["visit"]] = 1.0
    q[..., A["technical_exchange"]] = 1.0
    return q


def q_focus_decision_maker(obs: Obs) -> F:
    c = obs.c
    dm = _role_mask(c, "decision_maker")
    top = dm * (c.seniority == c.seniority[dm > 0].max()) if dm.any() else importance(c)
    q = _blank(obs)
    q[..., A["visit"]] = top
    q[..., A["executive_meeting"]] = top * 1.3 * _exec_ok(obs)
    q[..., A["hospitality"]] = top * 0.9
    q[..., A["technical_exchange"]] = top * 0.5
    return q


def q_price_cutter(obs: Obs) -> F:
    q = _blank(obs)
    c = obs.c
    q[..., A["visit"]] = 0.3 * (_role_mask(c, "procurement", "decision_maker") + 0.2)
    return q


# A typical person's relationship weight: the public expectation best_practice plans with.
TYPICAL_RHO = 0.3


def _fit_table(c: Compiled) -> tuple[F, F]:
    """[2,S,A] share of the relationship each action's full effect buys, early and near the
    decision (executive meetings' timing), and [S,A] the share of the product's gap shown."""
    p = c.params
    rel_b = np.stack([c.public_base[0].copy(), c.public_base[0].copy()])
    rel_b[0, :, A["executive_meeting"]] *= cat.EXEC_EARLY_FACTOR
    rel_b[1, :, A["executive_meeting"]] *= cat.EXEC_LATE_FACTOR
    rel: F = 1.0 - np.exp(-p.relationship_rate * rel_b)
    shown: F = 1.0 - np.exp(-p.exposure_rate * c.public_base[1])
    return rel, shown


def stance_gain(obs: Obs) -> F:
    """[W,S,A] the stance gain to expect from the full effect of each action on each person,
    from the public rules (role tables, timing, seniority) and the vendor's own readings.

    The view of the product: what is left to show is the vendor's own strengths against
    where it believes the person's view stands (the prior, moved by what it has shown
    them), weighted by what it believes they care about: (1 - shown) x sum_k c_k (s_k - prior).
    A weak product shown to someone who cares about its weakness loses.
    """
    c, p = obs.c, obs.c.params
    rel_t, shown_t = c.cached("fit_table", lambda: _fit_table(c))
    late = (obs.turn >= obs.pub_turn - 1).astype(np.int64)  # [W]
    room = (1.0 - obs.rel_own)[..., None]
    shown = np.exp(-p.exposure_rate * obs.exposure)  # [W,S] share of the first impression left
    gap = shown * obs.edge  # [W,S]
    out: F = rel_t[late]  # a new array (fancy index), worked in place from here
    out *= TYPICAL_RHO
    out *= room
    out += shown_t[None] * (WEIGHTS.show * gap)[..., None]
    quiet = obs.published[:, None] & c.panel[None]
    out *= np.where(quiet, 0.5 / (1.0 + TYPICAL_RHO), 1.0 / (1.0 + TYPICAL_RHO))[..., None]
    return out


@dataclass(frozen=True)
class Style:
    """How a strategy weighs the public rules' expected effects (see ``valued``)."""

    actions: dict[str, float]  # multiplier per action (1 when left out)
    roles: dict[str, float]  # multiplier per buying role (1 when left out)
    reach: bool = True  # count what flows through a person (else own influence, veto, panel)
    doors: bool = True  # value the contacts who open senior people's doors
    warnings: bool = True  # act on the coach's veto warnings and on known favourites
    keep_warm: bool = True  # value saving a relationship from decay
    intel_turns: int = 99  # gather intel only up to this turn
    mind_compliance: bool = True  # count hospitality's expected backfire
    evenness: float = 1.0  # importance raised to this power: lower spreads effort more evenly
    vetoes: float = 1.0  # extra weight on veto holders (a vendor that fears being blocked)
    rank_aware: bool = True  # match the visitor's seniority to the host's (门当户对)
    contest: bool = True  # put less where the reading says the person stands well already


BEST_STYLE = Style(actions={}, roles={})
STYLES: dict[str, Style] = {
    "best_practice": BEST_STYLE,
    # Balanced: a bit of everything, spread evenly, no door-opening or coach's warnings.
    "balanced": Style(
        actions={"hospitality": 0.6, "site_visit": 0.7}, roles={}, reach=False, doors=False,
        warnings=False, keep_warm=False, intel_turns=1, evenness=0.5, rank_aware=False,
        contest=False,
    ),
    "relationship": Style(
        actions={"visit": 1.3, "hospitality": 1.6, "executive_meeting": 1.5, "site_visit": 0.8,
                 "technical_exchange": 0.3, "solution_workshop": 0.3, "intel": 0.5},
        roles={"decision_maker": 1.3, "influencer": 1.2, "gatekeeper": 1.2},
        reach=False, doors=False, warnings=False, intel_turns=2, mind_compliance=False,
        rank_aware=False, contest=False,
    ),
    "technical": Style(
        actions={"technical_exchange": 1.5, "solution_workshop": 1.5, "site_visit": 1.3,
                 "visit": 0.4, "executive_meeting": 0.3, "hospitality": 0.0, "intel": 0.5},
        roles={"technical": 1.3, "user": 1.3, "procurement": 0.6, "gatekeeper": 0.5},
        reach=False, doors=False, warnings=False, keep_warm=False, intel_turns=2,
        rank_aware=False, contest=False,
    ),
    "price_aggressive": Style(
        actions={"technical_exchange": 0.6, "solution_workshop": 0.3, "site_visit": 0.4,
                 "hospitality": 0.5, "intel": 0.3},
        roles={"procurement": 1.6, "decision_maker": 1.3},
        reach=False, doors=False, warnings=False, keep_warm=False, intel_turns=1, vetoes=1.5,
        rank_aware=False, contest=False,
    ),
}


def valued(obs: Obs, style: Style, focus: F | float = 1.0) -> F:
    """Value every (person, action) by what the rules say it will do for the person's stance,
    times how much the person matters, weighted by a style. ``focus`` ([W,1] or a number)
    sharpens (> 1) or flattens (< 1) the differences in importance.

    How much a person matters counts what flows through them (others listen to them); a
    contact whom a senior person listens to is worth part of that person's importance while
    the door is closed; a veto holder the coach warns about is worth more; a person known to
    favour the vendor already is worth less. The expected effect (``effectiveness``) counts
    the meeting's chance, seniority and how well the message fits what the vendor knows.
    Workshops before publication also shape the spec and the proposal; exchanges and site
    visits improve the proposal; intel pays back through every later action on the person;
    hospitality is discounted by its expected backfire on rule-minded people.
    """
    c, p, wt = obs.c, obs.c.params, WEIGHTS
    eff = effectiveness(obs, seniority=style.rank_aware)
    sharp = wt.focus if style is BEST_STYLE else 1.0
    base = (reach(c, wt) if style.reach else importance(c))[None, :] ** (style.evenness * sharp * focus)
    # Where the reading says the person already stands well with the vendor, more is worth less.
    mid = (obs.read.stance_lo + obs.read.stance_hi) / 2
    imp = base * np.clip(1.0 + wt.contest * (0.4 - mid), 0.3, 1.0) if style.contest else base
    if style.doors:
        closed = ((c.seniority[None, :] >= 3) & ~_door(obs)).astype(float)
        imp = imp + wt.door * (closed * base) @ (c.listens > 0).astype(float)
    if style.warnings:
        won = obs.favourite == obs.vendor
        lost = (obs.favourite >= 0) & ~won
        imp = (
            imp
            * (1.0 + wt.warned * obs.veto_risk)
            * np.where(won, wt.won, np.where(lost, 1.2, 1.0))
            * (1.0 + wt.rivals * np.minimum(obs.contested, 3.0))  # the coach saw rivals there
        )
    if style.doors:  # a possible coach tells about everyone beside them once they are one
        coachable = c.can_coach[None, :] & (obs.rel_own < p.coach_threshold) & ~obs.read.coach
        closeness = 0.25 + 0.75 * np.clip(obs.rel_own / p.coach_threshold, 0.0, 1.0) ** 2
        worth = coachable * closeness * (base @ c.beside().T)  # [W,S]
        # One coach at a time: the most promising candidate, less once the vendor has one.
        pick = worth >= worth.max(axis=1, keepdims=True) - 1e-12
        has_one = obs.read.coach.any(axis=1, keepdims=True)
        imp = imp + wt.coach * np.where(pick & (worth > 0), worth, 0.0) * np.where(has_one, 0.3, 1.0)
    role_w = np.array([style.roles.get(r, 1.0) for r in ROLES])[c.role]
    imp = imp * (role_w * np.where(c.veto, style.vetoes, 1.0))[None, :]
    early = (~obs.published)[:, None].astype(float)
    gain = stance_gain(obs)
    q: F = imp[..., None] * gain
    # Shaping the spec and the proposal: worth something to every panel score.
    panel_weight = float(c.influence[c.panel].sum()) if c.panel.any() else 1.0
    tilt_room = np.clip(p.max_tilt - obs.pull, 0.0, None)[:, None]
    q[..., A["solution_workshop"]] += wt.tilt * (
        early * p.workshop_tilt * c.public_base[3][None, :, A["solution_workshop"]] * tilt_room
    )
    q_room = (1.0 - obs.quality)[:, None, None]
    q += wt.quality * panel_weight * p.quality_rate * c.public_base[2][None] * q_room
    # Executive meetings need an open door and a senior host.
    q[..., A["executive_meeting"]] *= _exec_ok(obs)
    # Intel: what the vendor learns makes every later action on the person land better.
    later = max(obs.turns_left - 1, 0) / max(c.turns, 1) * (obs.turn <= style.intel_turns)
    q[..., A["intel"]] = (
        wt.intel * imp * max_last(gain) * p.message_fit * (1.0 - obs.read.know) * later
    )
    if style.mind_compliance:  # hospitality backfires on rule-minded people
        risk = p.hospitality_backfire * obs.compliance
        q[..., A["hospitality"]] *= np.clip(1.0 - risk * (1.0 + cat.BACKFIRE_LOSS), 0.0, None)
    act_w = np.array([style.actions.get(a, 1.0) for a in ACTION_IDS])
    if style is BEST_STYLE:
        act_w = act_w * np.array([getattr(wt, a, 1.0) for a in ACTION_IDS])
    q *= eff
    q *= act_w
    return q


def keep_warm(obs: Obs, style: Style = BEST_STYLE) -> F | None:
    """[W,S] what the first meeting of a turn with each person is worth: it saves the decay of
    the relationship there is (the first only: any meeting keeps it from decaying)."""
    if not style.keep_warm:
        return None
    c, p, wt = obs.c, obs.c.params, WEIGHTS
    base = reach(c, wt)[None, :] ** (style.evenness * (wt.focus if style is BEST_STYLE else 1.0))
    fail = fail_chance(p.fail_base, c.fail_factor[A["visit"]], obs.rel_own, c.fail_prob_base[None, :, A["visit"]])
    saved = wt.keep_warm * base * p.decay * obs.rel_own * TYPICAL_RHO / (1.0 + TYPICAL_RHO)
    out: F = saved * (1.0 - fail) * obs.reachable[None, :]
    return out


def q_best_practice(obs: Obs) -> F:
    """Learn first, cover every role, open doors to senior people, shape early, escalate with
    seniority near the decision, keep relationships warm, avoid risky gifts (``valued``)."""
    return valued(obs, BEST_STYLE)


def q_balanced(obs: Obs) -> F:
    return valued(obs, STYLES["balanced"])


def q_relationship(obs: Obs) -> F:
    return valued(obs, STYLES["relationship"])


def q_technical(obs: Obs) -> F:
    return valued(obs, STYLES["technical"])


def q_price_aggressive(obs: Obs) -> F:
    return valued(obs, STYLES["price_aggressive"])


Q_FUNCS: dict[str, Callable[[Obs], F]] = {
    "passive": q_passive,
    "spread_even": q_spread_even,
    "focus_decision_maker": q_focus_decision_maker,
    "price_cutter": q_price_cutter,
    "price_aggressive": q_price_aggressive,
    "relationship": q_relationship,
    "technical": q_technical,
    "balanced": q_balanced,
    "best_practice": q_best_practice,
}

# Bid markup over cost for baselines (AI personas use the vendor's bid rule).
BASELINE_MARKUP = {
    "passive": 0.12,
    "spread_even": 0.12,
    "focus_decision_maker": 0.12,
    "price_cutter": 0.0,
    "best_practice": 0.13,  # unused: best_practice bids best_price
}
# A baseline in a player's seat never bids above this share of the ceiling (public, as
# cut by events): a bid at the ceiling leaves nothing to win on price.
BASELINE_CAP = 0.95


def best_price(c: Compiled, vendor: int, ceiling: F | float) -> F:
    """best_practice's bid: its cost plus ``WEIGHTS.room`` of the room between its cost and
    the published ceiling, at most ``WEIGHTS.ceiling_share`` of the ceiling as cut by events.
    Where the room is narrow the bid stays close to cost and the campaign must win the deal;
    where it is wide a little more of it is kept."""
    cost = c.cost[vendor]
    planned = cost + WEIGHTS.room * max(c.ceiling0 - cost, 0.0)
    out: F = np.minimum(planned, WEIGHTS.ceiling_share * np.asarray(ceiling, dtype=np.float64))
    return out


Modifier = Callable[[Obs, F], F]


def plan(name: str, obs: Obs, rng: np.random.Generator, modify: Modifier | None = None) -> F:
    """Allocations [W,S,A] for one turn; small jitter breaks ties differently per world.

    ``modify`` edits the strategy's values q[W,S,A] before allocation (analysis uses it
    to take one lesson out of a strategy: no intel, no executive meetings, ...).
    """
    q = Q_FUNCS[name](obs) * obs.reachable[None, :, None]
    if modify is not None:
        q = modify(obs, q)
    if name not in ("passive", "spread_even"):
        q = q * (0.9 + 0.2 * rng.random(q.shape, dtype=np.float32))  # jitter in 0.9..1.1
    limit = None
    price = 0.0
    if name == "best_practice":
        # Spend on the campaign at most half the margin the bid aims for, and money only
        # where it buys more than it costs against that margin.
        c = obs.c
        margin = float(best_price(c, obs.vendor, c.ceiling0) - c.cost[obs.vendor])
        spent = c.budget[obs.vendor] - obs.budget_left
        limit = 0.5 * margin - spent
        price = WEIGHTS.money / max(margin, 1.0)
    style = STYLES.get(name)
    warm = keep_warm(obs, style) if style is not None else None
    return allocate(obs, q, money_limit=limit, money_price=price, first_contact=warm)


def bid(name: str, obs: Obs, rng: np.random.Generator, *, seat: bool = False) -> F:
    """Bid price [W] for one vendor.

    AI vendors use their scenario bid rule; a baseline strategy in a player's
    seat (``seat=True``) uses the baseline's own markup, capped at 95% of the ceiling.
    """
    c = obs.c
    rule = c.scenario.vendors[obs.vendor].bid
    baseline = seat and name in BASELINE_MARKUP
    markup = BASELINE_MARKUP[name] if baseline else rule.markup
    cap = BASELINE_CAP if baseline else rule.max_share_of_ceiling
    jitter = rng.uniform(-0.015, 0.015, size=obs.W)
    price = c.cost[obs.vendor] * (1.0 + markup + jitter) * (1.0 - obs.price_cut)
    if baseline and name == "best_practice":
        price = best_price(c, obs.vendor, obs.ceiling) * (1.0 + jitter)
    out: F = np.minimum(price, obs.ceiling * cap)
    return out
