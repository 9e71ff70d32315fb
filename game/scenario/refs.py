"""Cross-reference checks on raw scenario data: ids, sums and event targets.

These run on the parsed YAML (before and independently of the schema), so a
file with a type error still gets every reference problem reported too. Each
check is defensive: a value of the wrong type is left to the schema's message.
"""

from __future__ import annotations

import math
from typing import Any, TypeGuard

from game.scenario.problems import Problem, did_you_mean, one_of
from game.scenario.yamlsrc import Located

TOL = 1e-3


def _num(value: Any) -> TypeGuard[int | float]:
    """A number the sums can use: not a boolean, finite and of a sane size.

    Anything else (.inf, .nan, a 400-digit integer) is out of range, which the
    schema reports; adding it up would only print 'sums to inf' or overflow.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if isinstance(value, int):
        return abs(value) <= 10**6
    return math.isfinite(value) and abs(value) <= 1e6


class _Checker:
    def __init__(self, located: Located, filename: str) -> None:
        self.loc = located
        self.file = filename
        self.problems: list[Problem] = []

    def err(self, path: tuple[str | int, ...], msg: str, *, key: bool = False) -> None:
        line, col = self.loc.where(path, key=key)
        self.problems.append(Problem(self.file, line, col, msg))

    def ref(
        self,
        path: tuple[str | int, ...],
        value: Any,
        known: list[str],
        what: str,
        *,
        key: bool = False,
    ) -> None:
        if not isinstance(value, str) or value in known or not known:
            return  # with no known ids, the list itself is broken and reported already
        self.err(
            path,
            f"unknown {what} '{value}'{did_you_mean(value, known)}; known: {one_of(known)}",
            key=key,
        )

    def ids(self, items: Any, section: str) -> list[str]:
        out: list[str] = []
        if not isinstance(items, list):
            return out
        for i, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                ident = item["id"]
                if ident in out:
                    self.err(
                        (section, i, "id"),
                        f"duplicate id '{ident}' in {section}; ids must be unique",
                    )
                out.append(ident)
        return out

    def weight_map(
        self,
        path: tuple[str | int, ...],
        value: Any,
        known: list[str],
        what: str,
        *,
        total: float | None,
    ) -> None:
        if not isinstance(value, dict):
            return
        if total is not None and not value:
            self.err(
                path,
                f"{'.'.join(map(str, path))} is empty; give at least one {what} with a weight (weights sum to {total:g})",
            )
            return
        for k in value:
            self.ref((*path, k), k, known, what, key=True)
        nums = [v for v in value.values() if _num(v)]
        if total is not None and len(nums) == len(value) and value and abs(sum(nums) - total) > TOL:
            self.err(
                path,
                f"{'.'.join(map(str, path))}: weights sum to {sum(nums):.3g}; they must sum to {total:g}",
            )


def check(located: Located, filename: str) -> list[Problem]:
    data = located.data
    c = _Checker(located, filename)
    if not isinstance(data, dict):
        return c.problems
    crit = c.ids(data.get("criteria"), "criteria")
    people = c.ids(data.get("stakeholders"), "stakeholders")
    vendors = c.ids(data.get("vendors"), "vendors")
    c.ids(data.get("events"), "events")
    turns = data.get("turns") if isinstance(data.get("turns"), int) else None

    criteria = data.get("criteria")
    if isinstance(criteria, list):
        ws = [x.get("weight") for x in criteria if isinstance(x, dict)]
        nums = [w for w in ws if _num(w)]
        if nums and len(nums) == len(criteria) and abs(sum(nums) - 1) > TOL:
            c.err(("criteria",), f"criteria weights sum to {sum(nums):.3g}; they must sum to 1")

    tender = data.get("tender")
    vlist_raw = data.get("vendors")
    if isinstance(tender, dict) and isinstance(vlist_raw, list):
        mvb = tender.get("min_valid_bids", 3)
        if isinstance(mvb, int) and not isinstance(mvb, bool) and mvb > len(vlist_raw):
            c.err(
                ("tender", "min_valid_bids"),
                f"min_valid_bids is {mvb} but there are only {len(vlist_raw)} vendors; every tender would fail "
                "(the default is 3: set it explicitly for small tenders)",
            )
    if isinstance(tender, dict) and isinstance(criteria, list):
        raw_w = tender.get("weights")
        w: dict[str, Any] = raw_w if isinstance(raw_w, dict) else {}
        sections = {
            sec
            for x in criteria
            if isinstance(x, dict) and isinstance(sec := x.get("section", "technical"), str)
        }
        for part, default in (("technical", 0.5), ("commercial", 0.2)):
            val = w.get(part, default)
            if _num(val) and val > 0 and part not in sections:
                c.err(
                    ("tender", "weights") if "weights" in tender else ("tender",),
                    f"the {part} weight is {val:g} but no criterion has 'section: {part}'; add one or set the weight to 0",
                )
    if (
        isinstance(stakeholders := data.get("stakeholders"), list)
        and stakeholders
        and not any(isinstance(s, dict) and s.get("panel") is True for s in stakeholders)
    ):
        c.err(
            ("stakeholders",),
            "nobody sits on the evaluation panel; mark the scorers with 'panel: true'",
        )
    if isinstance(tender, dict):
        tw = tender.get("weights")
        if isinstance(tw, dict):
            vals = [
                tw.get(k, d) for k, d in (("technical", 0.5), ("price", 0.3), ("commercial", 0.2))
            ]
            if (
                all(_num(v) for v in vals)
                and abs(sum(vals) - 1) > TOL
            ):
                c.err(
                    ("tender", "weights"),
                    f"tender.weights sum to {sum(vals):.3g}; technical + price + commercial must sum to 1",
                )

    stakeholders = data.get("stakeholders")
    if isinstance(stakeholders, list):
        for i, s in enumerate(stakeholders):
            if not isinstance(s, dict):
                continue
            base = ("stakeholders", i)
            c.weight_map((*base, "cares"), s.get("cares"), crit, "criterion", total=1.0)
            lt = s.get("listens_to")
            if isinstance(lt, dict):
                c.weight_map((*base, "listens_to"), lt, people, "stakeholder", total=None)
                if isinstance(s.get("id"), str) and s["id"] in lt:
                    c.err(
                        (*base, "listens_to", s["id"]),
                        "a person cannot listen to themselves",
                        key=True,
                    )
                nums = [v for v in lt.values() if _num(v)]
                if sum(nums) > 1 + TOL:
                    c.err(
                        (*base, "listens_to"),
                        f"listens_to shares sum to {sum(nums):.3g}; they must sum to at most 1",
                    )
            start = s.get("start")
            if isinstance(start, dict):
                rel = start.get("relationship")
                if isinstance(rel, dict):
                    for k in rel:
                        c.ref((*base, "start", "relationship", k), k, vendors, "vendor", key=True)
                fit = start.get("fit")
                if isinstance(fit, dict):
                    for k, v in fit.items():
                        c.ref((*base, "start", "fit", k), k, vendors, "vendor", key=True)
                        if isinstance(v, dict):
                            for kk in v:
                                c.ref(
                                    (*base, "start", "fit", k, kk), kk, crit, "criterion", key=True
                                )

    vlist = data.get("vendors")
    if isinstance(vlist, list):
        if vendors and not any(isinstance(v, dict) and v.get("playable") is True for v in vlist):
            c.err(
                ("vendors",), "no vendor is playable; mark the teams' vendor with 'playable: true'"
            )
        for i, v in enumerate(vlist):
            if not isinstance(v, dict):
                continue
            st = v.get("strengths")
            if isinstance(st, dict):
                for k in st:
                    c.ref(("vendors", i, "strengths", k), k, crit, "criterion", key=True)
                missing = [k for k in crit if k not in st]
                if missing:
                    c.err(
                        ("vendors", i, "strengths"),
                        f"strengths lack {', '.join(missing)}; give a strength (0-1) for every criterion",
                    )

    events = data.get("events")
    if isinstance(events, list):
        for i, e in enumerate(events):
            if isinstance(e, dict):
                _check_event(c, ("events", i), e, people, vendors, crit, turns)
    _check_pool(c, data, turns)
    return c.problems


def _check_pool(c: _Checker, data: dict[str, Any], turns: int | None) -> None:
    """Pool seats (stakeholders with pool: true) sit on the panel and are met by nobody."""
    stakeholders = data.get("stakeholders")
    if not isinstance(stakeholders, list):
        return
    pool = {
        s["id"]: i
        for i, s in enumerate(stakeholders)
        if isinstance(s, dict) and s.get("pool") is True and isinstance(s.get("id"), str)
    }
    for sid, i in pool.items():
        s = stakeholders[i]
        base = ("stakeholders", i)
        if s.get("panel") is not True:
            c.err((*base, "pool"), f"'{sid}' is a pool seat but not on the panel; pool seats are "
                  "panel seats drawn from the expert pool: add 'panel: true'")
        if s.get("can_coach") is True:
            c.err((*base, "can_coach"), f"'{sid}' is a pool seat: nobody meets them, so they "
                  "cannot become a coach; remove 'can_coach'")
        if s.get("veto") is True:
            c.err((*base, "veto"), f"'{sid}' is a pool seat; a drawn outside expert holds no "
                  "veto: remove 'veto' or 'pool'")
        start = s.get("start")
        if isinstance(start, dict) and start.get("relationship"):
            c.err((*base, "start", "relationship"), f"'{sid}' is a pool seat: who sits there is "
                  "unknown until the draw, so nobody starts with a relationship; remove it")
        if isinstance(start, dict) and start.get("fit"):
            c.err((*base, "start", "fit"), f"'{sid}' is a pool seat: they judge the bid "
                  "documents, not first impressions; remove start.fit")
    events = data.get("events")
    if pool and isinstance(events, list):
        for j, e in enumerate(events):
            if not isinstance(e, dict):
                continue
            if e.get("kind") == "stakeholder_replaced" and e.get("stakeholder") in pool:
                c.err(("events", j, "stakeholder"), f"'{e['stakeholder']}' is a pool seat; its "
                      "expert is drawn anew in every game, so it cannot be replaced")
            who = e.get("stakeholders")
            if e.get("kind") == "team_check" and isinstance(who, list):
                for k, t in enumerate(who):
                    if t in pool:
                        c.err(("events", j, "stakeholders", k), f"'{t}' is a pool seat: "
                              "nobody can meet them, so every vendor would fail the check")
            targets = e.get("targets")
            if e.get("kind") == "competitor_offensive" and isinstance(targets, list):
                for k, t in enumerate(targets):
                    if t in pool:
                        c.err(("events", j, "targets", k), f"'{t}' is a pool seat: nobody can "
                              "lobby a drawn expert; remove it from the targets")
    tender = data.get("tender")
    ep = tender.get("expert_pool") if isinstance(tender, dict) else None
    draw = ep.get("draw_turn") if isinstance(ep, dict) else None
    pub = tender.get("published_turn") if isinstance(tender, dict) else None
    if isinstance(draw, int) and not isinstance(draw, bool):
        if isinstance(pub, int) and draw < pub:
            c.err(("tender", "expert_pool", "draw_turn"), f"the experts are drawn at turn {draw}, "
                  f"before the tender is published (turn {pub}); the draw comes at or after "
                  "publication")
        if turns is not None and draw > turns + 1:
            c.err(("tender", "expert_pool", "draw_turn"), f"draw_turn {draw} is after the bids "
                  f"(turn {turns + 1} at the latest); leave it out to draw just before the "
                  "evaluation")
        if not pool:
            c.err(("tender", "expert_pool"), "expert_pool is set but no stakeholder has "
                  "'pool: true'")


def _check_event(
    c: _Checker,
    base: tuple[str | int, ...],
    e: dict[str, Any],
    people: list[str],
    vendors: list[str],
    crit: list[str],
    turns: int | None,
) -> None:
    turn, chance, deck = e.get("turn"), e.get("chance"), e.get("deck") is True
    if turn is not None and chance is not None:
        c.err(base, "an event has either 'turn' (scripted) or 'chance' (random), not both")
    if deck and turn is not None:
        c.err(
            (*base, "turn"),
            "a deck event fires only when the trainer injects it; remove 'turn' or 'deck: true'",
        )
    if turn is None and chance is None and not deck:
        c.err(
            base,
            "an event needs 'turn' (scripted), 'chance' (random) or 'deck: true' (trainer's deck)",
        )
    if isinstance(turn, int) and turns is not None and turn > turns:
        c.err((*base, "turn"), f"turn {turn} is after the last turn ({turns}); it would never fire")
    kind = e.get("kind")
    if kind == "stakeholder_replaced":
        c.ref((*base, "stakeholder"), e.get("stakeholder"), people, "stakeholder")
        c.weight_map((*base, "cares"), e.get("cares"), crit, "criterion", total=1.0)
        rel = e.get("relationship")
        if isinstance(rel, dict):
            for k in rel:
                c.ref((*base, "relationship", k), k, vendors, "vendor", key=True)
    elif kind == "competitor_offensive":
        c.ref((*base, "vendor"), e.get("vendor"), vendors, "vendor")
        targets = e.get("targets")
        if isinstance(targets, list):
            for j, t in enumerate(targets):
                c.ref((*base, "targets", j), t, people, "stakeholder")
    elif kind == "team_check":
        who = e.get("stakeholders")
        if isinstance(who, list):
            for j, t in enumerate(who):
                c.ref((*base, "stakeholders", j), t, people, "stakeholder")
        crit_ = e.get("criterion")
        if crit_ is not None:
            c.ref((*base, "criterion"), crit_, crit, "criterion")
    elif kind == "spec_change":
        crits = e.get("criteria")
        if isinstance(crits, dict):
            full = set(crits) == set(crit)
            c.weight_map((*base, "criteria"), crits, crit, "criterion", total=1.0 if full else None)
    elif kind == "budget_cut" and e.get("ceiling") is None and e.get("ceiling_factor") is None:
        c.err(base, "budget_cut needs 'ceiling' (a new ceiling) or 'ceiling_factor' (e.g. 0.9)")
    elif (
        kind == "budget_cut"
        and e.get("ceiling") is not None
        and e.get("ceiling_factor") is not None
    ):
        c.err(base, "budget_cut takes 'ceiling' or 'ceiling_factor', not both")
