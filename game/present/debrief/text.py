"""The debrief in words: sentences in English or Chinese from the debrief's data.

Every sentence comes from a key in :mod:`game.strings` (the "debrief"
section); this module only picks the keys and fills in names and numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.analysis.debrief.beliefs import BeliefReport
from game.analysis.debrief.bundle import TeamDebrief
from game.analysis.debrief.explain import GROUPS, Explanation, PersonImpact
from game.analysis.debrief.pitfalls import Finding
from game.analysis.debrief.whatif import (
    AddAllocation,
    Change,
    ChangeBid,
    ChangeSearch,
    MoveDays,
    NoChange,
    RemoveAllocation,
    ReplaceAllocations,
    WhatIf,
)
from game.analysis.debrief.winprob import WinCurve
from game.engine.game import Game
from game.present import fmt
from game.scenario.schema import Scenario
from game.strings import strategy_name, t

TOP_PARTS = 2  # criteria or people named inside a group's line
TOP_PEOPLE = 3


@dataclass(frozen=True)
class Names:
    """Display names in one language: people (successors after a replacement), vendors, criteria."""

    lang: str
    scenario: Scenario
    people: dict[str, str]
    roles: dict[str, str]
    vendors: dict[str, str]
    criteria: dict[str, str]

    @classmethod
    def of(cls, g: Game, lang: str) -> Names:
        sc = g.scenario
        views = g.view(g.c.vendor_ids[0])
        return cls(
            lang=lang,
            scenario=sc,
            people={p.id: p.name.get(lang) for p in views},
            roles={p.id: t(f"role.{p.role}", lang) for p in views},
            vendors={v.id: v.name.get(lang) for v in sc.vendors},
            criteria={c.id: (c.name.get(lang) if c.name is not None else c.id) for c in sc.criteria},
        )

    def tr(self, key: str, **kw: object) -> str:
        return t(key, self.lang, **kw)

    def person(self, sid: str) -> str:
        return self.people.get(sid, sid)

    def vendor(self, vid: str | None) -> str:
        return self.vendors.get(vid, vid) if vid else "-"

    def join(self, items: Sequence[str]) -> str:
        return fmt.join_list(items, self.lang)

    def money(self, x: float) -> str:
        """Compact money, as every front end shows it in sentences (2,450万元 / 24.5M CNY)."""
        return fmt.short_money(x, self.scenario, self.lang)

    def signed_money(self, x: float) -> str:
        return fmt.signed_money(x, self.scenario, self.lang)

    def action(self, aid: str) -> str:
        return t(f"action.{aid}", self.lang)

    def turns(self, turns: Sequence[int]) -> str:
        return ", ".join(str(x) for x in sorted(turns))


def pts(x: float) -> str:
    """Score points, signed: +2.3."""
    return fmt.score(x, signed=True)


def pct(x: float) -> str:
    return fmt.pct(x)


def pp(x: float) -> str:
    """A change of a 0-1 quantity in signed percentage points: +3.1."""
    return fmt.points(x)


# -- explained outcome ----------------------------------------------------------------------


def outcome_line(e: Explanation, n: Names) -> str:
    holder = ""
    for p in e.people:
        if p.blocked_team:
            holder = n.person(p.stakeholder)
    return n.tr(
        f"debrief.outcome.{e.outcome}",
        team=e.team,
        vendor=n.vendor(e.vendor),
        total=f"{e.total:.1f}",
        rival=n.vendor(e.rival),
        rival_total=f"{e.rival_total:.1f}",
        role=n.tr(f"debrief.rival.{e.rival_role}"),
        holder=holder,
        winner=n.vendor(e.winner),
    )


def _part_name(group: str, key: str, n: Names) -> str:
    if group in ("technical_doc", "commercial"):
        return n.criteria.get(key, key)
    return n.person(key)


def shown_tenths(values: Sequence[float], total: float) -> list[int]:
    """Each value in tenths, rounded so that the printed lines add up to the printed total
    (:func:`game.present.fmt.tenths_adding_up`)."""
    return fmt.tenths_adding_up(values, total)


def gap_lines(e: Explanation, n: Names) -> list[str]:
    """The gap to the rival and every part of it; the parts, as printed, add up to the gap."""
    if e.rival is None:
        return []
    gaps = e.group_gaps()
    order = sorted(GROUPS, key=lambda g: -abs(gaps[g]))
    tenths = dict(zip(order, shown_tenths([gaps[g] for g in order], e.total - e.rival_total), strict=True))
    out = [n.tr("debrief.gap.head", gap=pts(round(e.total - e.rival_total, 1)), rival=n.vendor(e.rival))]
    for g in order:
        if tenths[g] == 0 and abs(gaps[g]) < 0.05:
            continue
        parts = sorted((p for p in e.parts if p.group == g and p.key), key=lambda p: -abs(p.gap))
        detail = n.tr("list.sep").join(
            f"{_part_name(g, p.key, n)} {pts(p.gap)}" for p in parts[:TOP_PARTS] if abs(p.gap) >= 0.05
        )
        out.append(
            n.tr(
                "debrief.gap.line" if detail else "debrief.gap.line_plain",
                group=n.tr(f"debrief.group.{g}"),
                gap=pts(tenths[g] / 10),
                detail=detail,
            )
        )
    return out


def _effect_items(effects: Sequence[object], n: Names, rivals: bool) -> str:
    items = []
    visible = [ef for ef in effects if abs(float(getattr(ef, "d_stance", 0.0))) >= 0.0005] or list(effects)
    for ef in visible[:3]:
        vendor = getattr(ef, "vendor", "")
        missed = int(getattr(ef, "missed", 0)) >= len(getattr(ef, "turns", ()))
        items.append(
            n.tr(
                "debrief.item.missed" if missed and not rivals else "debrief.item.rival" if rivals else "debrief.item",
                action=n.action(getattr(ef, "action", "")),
                turns=n.turns(getattr(ef, "turns", ())),
                d=pp(float(getattr(ef, "d_stance", 0.0))),
                vendor=n.vendor(vendor),
            )
        )
    return n.tr("list.sep").join(items)


def person_lines(p: PersonImpact, e: Explanation, n: Names) -> list[str]:
    marks = ""
    if p.veto:
        marks += n.tr("debrief.mark.veto")
    if p.panel_weight > 0:
        marks += n.tr("debrief.mark.panel")
    out = [
        n.tr(
            "debrief.person",
            name=n.person(p.stakeholder),
            role=n.roles.get(p.stakeholder, ""),
            marks=marks,
            points=pts(p.points),
            rival=n.vendor(e.rival),
            stance=pct(p.stance),
            rival_stance=pct(p.rival_stance),
        )
    ]
    if p.blocked_team:
        out.append(n.tr("debrief.person.blocked"))
    if p.team_actions:
        out.append(n.tr("debrief.person.yours", items=_effect_items(p.team_actions, n, False)))
    else:
        out.append(n.tr("debrief.person.none"))
    if p.rival_actions:
        out.append(n.tr("debrief.person.rivals", items=_effect_items(p.rival_actions, n, True)))
    if p.decay > 0.01:
        out.append(n.tr("debrief.person.decay", d=pp(-p.decay)))
    if p.replaced_turn is not None:
        out.append(n.tr("debrief.person.replaced", turn=p.replaced_turn))
    return out


def price_lines(e: Explanation, n: Names) -> list[str]:
    pe = e.price
    out = []
    if pe.price is not None and e.rival is not None:
        out.append(
            n.tr(
                "debrief.price",
                price=n.money(pe.price),
                ps=f"{pe.price_score:.1f}",
                rival=n.vendor(e.rival),
                rprice=n.money(pe.rival_price) if pe.rival_price is not None else "-",
                rps=f"{pe.rival_price_score:.1f}",
                points=pts(pe.points),
                weight=pct(pe.weight),
            )
        )
    if pe.flip_price is None:
        if e.outcome != "won":
            out.append(n.tr("debrief.price.no_flip"))
        return out
    gap = pe.flip_price - pe.cost
    vs = n.tr("debrief.vs_cost.above" if gap >= 0 else "debrief.vs_cost.below", gap=n.money(abs(gap)))
    if e.outcome == "won" and pe.price is not None:
        if pe.flip_price > pe.price * 1.001:
            out.append(
                n.tr("debrief.price.flip_won", flip=n.money(pe.flip_price), more=n.money(pe.flip_price - pe.price))
            )
    elif e.outcome != "won":
        out.append(n.tr("debrief.price.flip_lost", flip=n.money(pe.flip_price), vs_cost=vs))
    return out


def veto_lines(e: Explanation, n: Names) -> list[str]:
    return [
        n.tr(
            "debrief.veto",
            holder=n.person(v.holder),
            vendor=n.vendor(v.vendor),
            share=pct(v.shares[v.vendor]),
            threshold=pct(v.threshold),
        )
        for v in e.vetoes
    ]


def explanation_lines(e: Explanation, n: Names, people: int = TOP_PEOPLE) -> list[str]:
    out = [outcome_line(e, n)]
    out.extend(gap_lines(e, n))
    if e.people:
        out.append(n.tr("debrief.people.head"))
        for p in e.people[:people]:
            lines = person_lines(p, e, n)
            out.append("- " + lines[0])
            out.extend("  " + x for x in lines[1:])
    out.extend(veto_lines(e, n))
    out.extend(price_lines(e, n))
    return out


# -- win probability --------------------------------------------------------------------------


def curve_lines(c: WinCurve, n: Names) -> list[str]:
    if not c.points:
        return []
    out = [
        n.tr(
            "debrief.wp.line",
            stand_in=strategy_name(c.stand_in, n.lang),
            start=pct(c.points[0].p_win),
            end=pct(c.points[-1].p_win),
        )
    ]
    if c.won is not None:
        out.append(
            n.tr(
                "debrief.wp.skill",
                skill=pp(c.skill),
                dice=pp(sum(c.dice)),
                award=pp(c.award_luck),
                share=pct(c.luck_share),
            )
        )
    dec = c.decisions
    if dec:
        best = max(range(len(dec)), key=lambda i: dec[i])
        worst = min(range(len(dec)), key=lambda i: dec[i])
        out.append(
            n.tr("debrief.wp.turns", best=best + 1, bd=pp(dec[best]), worst=worst + 1, wd=pp(dec[worst]))
        )
    if c.result is not None:
        out.append(
            n.tr("debrief.wp.money", result=n.money(c.result), expected=n.money(c.points[-1].expected))
        )
    return out


# -- pitfalls -------------------------------------------------------------------------------------


def finding_lines(f: Finding, n: Names, g: Game) -> list[str]:
    m = f.measure
    people = n.join([n.person(s) for s in f.people])
    focus = n.join([n.person(s) for s in f.focus])
    kw: dict[str, object] = {"people": people, "focus": focus, "turns": n.turns(f.turns)}
    if f.kind == "piecemeal":
        kw.update(n=int(m["people"]), m=int(m["contacted"]))
    elif f.kind == "spread_even":
        kw.update(n=int(m["people"]), entropy=f"{m['entropy']:.2f}", alignment=f"{m['alignment']:.2f}")
    elif f.kind == "uncovered":
        tried = len(f.evidence)
        kw["tried"] = n.tr("pitfall.uncovered.tried", n=tried) if tried else ""
        vetoes = [n.person(s) for s in f.people if g.c.veto[g.c.stakeholder_ids.index(s)]]
        kw["veto"] = n.tr("pitfall.uncovered.veto", people=n.join(vetoes)) if vetoes else ""
    elif f.kind == "late":
        pub = int(m["pub_turn"])
        first = int(m["first"])
        kw.update(pub=pub, last=max(1, pub - 1))
        kw["first"] = n.tr("pitfall.late.first", turn=first) if first else n.tr("pitfall.late.never")
    elif f.kind == "decay":
        items = []
        for sid in f.people:
            ev = [e for e in f.evidence if e.stakeholder == sid]
            peak = next(e for e in ev if e.status == "peak")
            final = next(e for e in ev if e.status == "final")
            gaps = [e.turn for e in ev if e.status == "decayed"]
            fell = [e.turn for e in ev if e.status == "fell_through"]
            common = {"name": n.person(sid), "peak": pct(peak.value), "turn": peak.turn, "final": pct(final.value)}
            if gaps:
                text = n.tr("pitfall.decay.item", n=len(gaps), turns=n.turns(gaps), **common)
                if fell:
                    text += n.tr("pitfall.decay.item_also_tried", turns=n.turns(fell))
            else:
                text = n.tr("pitfall.decay.item_tried", turns=n.turns(fell), **common)
            items.append(text)
        kw["items"] = n.tr("list.sep").join(items)
        if m.get("tried_only"):
            return [
                n.tr("pitfall.decay.title_tried"),
                n.tr("pitfall.decay.what", **kw),
                n.tr("debrief.better", text=n.tr("pitfall.decay.better_tried", **kw)),
            ]
    elif f.kind == "below_cost":
        kw.update(price=n.money(m["price"]), cost=n.money(m["cost"]), gap=n.money(-m["margin"]))
    elif f.kind == "backfired":
        kw.update(risk=pct(m["risk"]))
    return [
        n.tr(f"pitfall.{f.kind}.title"),
        n.tr(f"pitfall.{f.kind}.what", **kw),
        n.tr("debrief.better", text=n.tr(f"pitfall.{f.kind}.better", **kw)),
    ]


def pitfall_lines(findings: Sequence[Finding], n: Names, g: Game) -> list[str]:
    if not findings:
        return [n.tr("debrief.pitfalls.none")]
    out = [n.tr("debrief.pitfalls.head")]
    for f in findings:
        lines = finding_lines(f, n, g)
        out.append("- " + lines[0])
        out.extend("  " + x for x in lines[1:])
    return out


# -- what-if ------------------------------------------------------------------------------------------


def change_text(ch: Change, n: Names, g: Game, vendor: str) -> str:
    if isinstance(ch, MoveDays):
        return n.tr(
            "debrief.change.move",
            turn=ch.turn,
            n=ch.amount,
            action=n.action(ch.action),
            source=n.person(ch.source),
            target=n.person(ch.target),
        )
    if isinstance(ch, AddAllocation | RemoveAllocation):
        a = ch.allocation
        key = "debrief.change.add" if isinstance(ch, AddAllocation) else "debrief.change.remove"
        return n.tr(key, turn=ch.turn, n=a.amount, action=n.action(a.action), person=n.person(a.stakeholder))
    if isinstance(ch, ReplaceAllocations):
        return n.tr("debrief.change.replace", turn=ch.turn)
    if isinstance(ch, ChangeBid):
        old = g.bids.get(vendor)
        if ch.price is None:
            return n.tr("debrief.change.nobid")
        return n.tr(
            "debrief.change.bid", price=n.money(ch.price), old=n.money(old) if old else n.tr("debrief.no_bid")
        )
    assert isinstance(ch, NoChange)  # the union is exhausted
    return n.tr("debrief.change.nothing")


def whatif_lines(w: WhatIf, n: Names, g: Game, vendor: str) -> list[str]:
    if w.before is None or w.after is None:
        return [change_text(w.change, n, g, vendor)]
    return [
        n.tr(
            "debrief.change.result",
            change=change_text(w.change, n, g, vendor),
            before=n.money(w.before.expected_result),
            after=n.money(w.after.expected_result),
            gain=n.signed_money(w.gain),
            p0=pct(w.before.win_probability),
            p1=pct(w.after.win_probability),
            winner=n.vendor(w.winner_after) if w.winner_after else n.tr("debrief.failed"),
        )
    ]


def search_lines(s: ChangeSearch, n: Names, g: Game, vendor: str) -> list[str]:
    out = [n.tr("debrief.change.head", tried=s.tried)]
    if s.best is None:
        out.append(n.tr("debrief.change.none"))
    else:
        out.extend(whatif_lines(s.best, n, g, vendor))
    return out


# -- beliefs ----------------------------------------------------------------------------------------------


def belief_lines(r: BeliefReport | None, n: Names) -> list[str]:
    if r is None:
        return [n.tr("debrief.beliefs.none")]
    latest = r.latest
    out = []
    err, bias = r.mean_abs_error, r.bias
    if err is not None and bias is not None:
        lean = n.tr(
            "debrief.beliefs.optimistic" if bias >= 0 else "debrief.beliefs.pessimistic",
            x=f"{abs(bias) * 100:.0f}",
        )
        out.append(
            n.tr("debrief.beliefs.summary", n=len(latest), m=r.people, err=f"{err * 100:.0f}", lean=lean)
        )
    else:
        out.append(n.tr("debrief.beliefs.count", n=len(latest), m=r.people))
    hit, judged = r.top_hits
    if judged:
        out.append(n.tr("debrief.beliefs.top", hit=hit, n=judged))
    for d in r.drifts()[:3]:
        ch = next(c for c in reversed(r.checks) if c.stakeholder == d.stakeholder and c.stance is not None)
        out.append(
            n.tr(
                "debrief.beliefs.drift" if d.first_turn != d.last_turn else "debrief.beliefs.off",
                name=n.person(d.stakeholder),
                belief=pct(ch.stance or 0.0),
                truth=pct(ch.true_stance),
                turn=d.last_turn,
                first=pp(d.first_error),
                first_turn=d.first_turn,
                last=pp(d.last_error),
            )
        )
    return out


# -- the whole debrief as text ----------------------------------------------------------------


def team_sections(d: TeamDebrief, n: Names, *, peers: bool) -> list[tuple[str, list[str]]]:
    """The team's forecasts and how it worked, as (section key, sentences); peer reviews only
    for the trainer's eyes (``peers``: the terminal debrief and the report, never a team's page)."""
    from game.present.debrief import team_text as tt  # it words with this module's Names

    out: list[tuple[str, list[str]]] = []
    if d.forecasts is not None:
        out.append(("forecasts", tt.forecast_lines(d.forecasts, n)))
    if d.work is not None:
        out.append(("team", tt.teamwork_lines(d.work, n)))
        if peers and d.work.reviews:
            out.append(("peers", tt.peer_lines(d.work, n)))
    return out


def debrief_text(debriefs: Sequence[TeamDebrief], lang: str) -> str:
    """The debrief of each team as text: outcome explained, win chance per turn, pitfalls, the best
    single change, the team's map against the truth, its forecasts and how the team worked (the
    terminal and ``debrief``); with several teams, the class's bottleneck roles and forecasts."""
    from game.present.debrief import team_text as tt  # it words with this module's Names

    out: list[str] = []
    for d in debriefs:
        tg = d.team
        n = Names.of(tg.game, lang)
        out.append(t("debrief.team_head", lang, team=tg.team, vendor=n.vendor(tg.vendor)))
        sections: list[tuple[str, list[str]]] = []
        if d.explanation is not None:
            sections.append(("outcome", explanation_lines(d.explanation, n)))
        if d.curve is not None:
            sections.append(("winprob", curve_lines(d.curve, n)))
        pits = pitfall_lines(d.pitfalls, n, tg.game)
        sections.append(("pitfalls", pits[1:] if d.pitfalls else pits))
        if d.search is not None:
            sections.append(("change", search_lines(d.search, n, tg.game, tg.vendor)))
        if d.beliefs is not None:
            sections.append(("beliefs", belief_lines(d.beliefs, n)))
        sections.extend(team_sections(d, n, peers=True))
        for key, lines in sections:
            out.append("")
            out.append(t("debrief.section_head", lang, title=t(f"debrief.section.{key}", lang)))
            out.extend("  " + x for x in lines)
        out.append("")
    if len(debriefs) > 1:
        out.extend(tt.class_lines(debriefs, lang))
    return "\n".join(out)
