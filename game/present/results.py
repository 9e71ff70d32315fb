"""The results of a turn in words: what each action did and why, how the draft specification moved
and by whose doing, what rivals were seen doing; a bid's standing at the award; and the results a
file recorded as they were announced (a file played under other rules).

The same sentences in the terminal's turn report and on the window's result cards.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from game.engine.game import Game, PersonView
from game.engine.records import ActionOutcome, GameResult, TeamFigures, TurnRecord, VendorResult
from game.present.fmt import changed, join_list, money, number, pct, points, score, short_money
from game.present.words import action_name, criterion_name, people_names, vendor_name
from game.scenario.schema import Scenario
from game.strings import t


def changes_text(o: ActionOutcome, lang: str) -> str:
    """The changes an action caused, in words: the person's stance toward you first, then what
    moved it (relationship, perceived fit), then quality, spec and knowledge (the preview's order)."""
    parts = []
    for key, value in (
        ("stance", o.d_stance),
        ("rel", o.d_relationship),
        ("fit", o.d_fit),
        ("quality", o.d_quality),
        ("spec", o.d_spec),
        ("know", o.d_knowledge),
    ):
        if changed(value):
            parts.append(t("change." + key, lang, d=points(value)))
        elif key == "rel" and o.status == "backfired":  # the damage, even when there was nothing to lose
            parts.append(t("change.rel_backfire_none", lang))
    if not parts:
        return t("change.none", lang)
    return t("list.sep", lang).join(parts)


@dataclass(frozen=True)
class OutcomeText:
    """What a team is told about one of its actions: heading, why, what changed, notes."""

    head: str
    reason: str
    changes: str
    notes: tuple[str, ...]


def outcome_text(o: ActionOutcome, person: str, lang: str, money_cost: bool) -> OutcomeText:
    """The words for an action's outcome, the same in the terminal's report and the window's cards."""
    head = t(
        "outcome.head",
        lang,
        action=action_name(o.action, lang),
        person=person,
        n=number(o.amount, lang),
        status=t(f"status.{o.status}", lang),
    )
    reason = t(f"reason.{o.reason}", lang, person=person, chance=pct(o.fail_chance))
    if o.status in ("no_meeting", "refused", "backfired"):
        reason += t("sent.sep", lang) + t("spent.money" if money_cost else "spent.days", lang)
    notes = tuple(
        t(f"note.{note}", lang, person=person)
        for note in o.notes
        if not (note == "spec_frozen" and o.status != "done")  # the engine notes it for every late workshop, held or not
    )
    return OutcomeText(head, reason, t("outcome.changes", lang, changes=changes_text(o, lang)), notes)


def spec_report(sc: Scenario, record: TurnRecord, previous: TurnRecord | None, vid: str, lang: str) -> str | None:
    """How the draft specification moved this turn and by whose doing; None when no weight moved
    by as much as its shown precision (29.9% → 29.9% is no change)."""
    prev_spec = previous.spec if previous is not None else tuple(c.weight for c in sc.criteria)
    moves = [
        f"{criterion_name(sc, c, lang)} {pct(b, 1)} → {pct(a, 1)}"
        for c, a, b in zip(sc.criterion_ids(), record.spec, prev_spec, strict=True)
        if pct(a, 1) != pct(b, 1)
    ]
    if not moves:
        return None
    causes = []
    if any(o.vendor == vid and o.d_spec > 1e-6 for o in record.outcomes):
        causes.append(t("spec.by.yours", lang))
    if any(o.vendor != vid and o.d_spec > 1e-6 for o in record.outcomes):
        causes.append(t("spec.by.others", lang))
    if any(e.kind == "spec_change" and not e.secret for e in record.events):
        causes.append(t("spec.by.event", lang))
    spec = t("list.sep", lang).join(moves)
    if not causes:
        return t("report.spec", lang, spec=spec)
    return t("report.spec_by", lang, spec=spec, by=join_list(causes, lang))


def rival_hint(game: Game, record: TurnRecord, vid: str, lang: str, views: Sequence[PersonView]) -> str:
    """A coarse hint of rivals' meetings, only with people you know well (knowledge >= 0.5 or coach)."""
    insiders = [p for p in views if p.coach or p.knowledge >= 0.5]
    if not insiders:
        return t("rivals.blind", lang)
    inside = {p.id: p.name.get(lang) for p in insiders}
    counts: dict[str, int] = {}
    for o in record.outcomes:
        if o.vendor != vid and o.stakeholder in inside and o.status in ("done", "backfired"):
            counts[o.stakeholder] = counts.get(o.stakeholder, 0) + 1
    watched = join_list(list(inside.values()), lang)
    if not counts:
        return t("rivals.none", lang, people=watched)
    items = [t("rivals.item.one" if n == 1 else "rivals.item.many", lang, person=inside[s], n=n) for s, n in counts.items()]
    return t("rivals.seen", lang, people=watched, items=join_list(items, lang))


# -- the award ------------------------------------------------------------------------------------


def award_status(r: VendorResult, names: Mapping[str, str], lang: str) -> str:
    """A bid's standing at the award in one phrase: no bid, invalid, questioned, valid, or vetoed."""
    if r.bid is None:
        return t("award.no_bid", lang)
    if r.over_ceiling:
        return t("award.over_ceiling", lang)
    if r.disqualified:
        return t("award.disqualified", lang)
    if r.vetoed_by:
        key = "award.vetoed_questioned" if r.questioned else "award.vetoed_valid"
        return t(key, lang, person=names.get(r.vetoed_by, r.vetoed_by))
    return t("award.questioned" if r.questioned else "award.valid", lang)


def turn_notes(
    game: Game, record: TurnRecord, vid: str, lang: str, *, before: Sequence[PersonView], previous: TurnRecord | None
) -> list[str]:
    """What a team learns about a turn beside its own actions, one sentence each: coaches won and
    lost, relationships that faded, what it saw of its rivals, its proposal quality and spending,
    and how the draft specification moved (the terminal's turn report and the served page)."""
    sc = game.scenario
    after = game.view(vid)
    names = {p.id: p.name.get(lang) for p in after}
    out = [t("report.new_coach", lang, person=names.get(s, s)) for s, v in record.new_coaches if v == vid]
    old_coach = {p.id for p in before if p.coach}
    now_coach = {p.id for p in after if p.coach}
    out.extend(t("report.lost_coach", lang, person=names.get(s, s)) for s in sorted(old_coach - now_coach))
    decayed = [(s, loss) for s, v, loss in record.decayed if v == vid and changed(-loss)]
    if decayed:
        items = [t("report.decay_item", lang, person=names.get(s, s), d=points(-loss)) for s, loss in decayed]
        out.append(t("report.decayed", lang, items=t("list.sep", lang).join(items)))
    out.append(rival_hint(game, record, vid, lang, after))
    vi = game.vendor_index(vid)
    budget = sc.vendors[vi].resources.budget
    prev_q = previous.quality[vi] if previous is not None else sc.model.quality_start
    change = ""
    if changed(record.quality[vi] - prev_q):
        change = t("report.quality_change", lang, d=points(record.quality[vi] - prev_q))
    q_line = t("report.quality", lang, q=pct(record.quality[vi]), change=change)
    out.append(q_line + t("sent.sep", lang) + t("report.spent", lang, spent=money(record.spent[vi], sc, lang), budget=money(budget, sc, lang)))
    spec = spec_report(sc, record, previous, vid, lang)
    if spec:
        out.append(spec)
    return out


# -- the award, as a team reads it -------------------------------------------------------------------


def your_outcome(game: Game, result: GameResult, vid: str, lang: str) -> str:
    """Won, or why not: no bid, over the ceiling, disqualified, vetoed, a failed tender, the rank."""
    r = result.vendor(vid)
    if r.won:
        return t("you.won", lang)
    if r.bid is None:
        return t("you.no_bid", lang)
    if r.over_ceiling:
        return t("you.over_ceiling", lang)
    if r.disqualified:
        return t("you.disqualified", lang)
    if r.vetoed_by:
        return t("you.vetoed", lang, person=people_names(game, vid, lang).get(r.vetoed_by, r.vetoed_by))
    if result.failed:
        return t("you.failed", lang)
    return t("you.lost", lang, rank=r.rank if r.rank is not None else "-")


def coverage_text(game: Game, vid: str, lang: str) -> str:
    """'You met 7 of the 9 people you could meet; never: ...'."""
    views = game.meetable(vid)
    never = [p.name.get(lang) for p in views if p.last_contact <= 0]
    line = t("you.coverage", lang, met=len(views) - len(never), n=len(views))
    if never:
        line += t("sent.sep", lang) + t("you.never", lang, people=join_list(never, lang))
    return line


# -- results as a file recorded them -------------------------------------------------------------


def recorded_lines(
    scenario: Scenario,
    rounds: Sequence[tuple[int | None, Sequence[TeamFigures]]],
    model_version: int,
    game_version: str,
    lang: str,
) -> list[str]:
    """The results a session or game file recorded as they were announced, round by round and at
    the award, without replaying anything (a file played under other rules)."""
    out = [t("recorded.title", lang, v=model_version, g=game_version)]
    if not any(figures for _, figures in rounds):
        return [*out, t("recorded.none", lang)]
    for round_, figures in rounds:
        out.append(t("recorded.round", lang, round=round_) if round_ is not None else t("recorded.award", lang))
        for f in figures:
            vendor = vendor_name(scenario, f.vendor, lang)
            if round_ is not None:
                out.append("  " + t(
                    "recorded.round_line", lang, team=f.team, vendor=vendor, support=pct(f.support or 0.0),
                    quality=pct(f.quality or 0.0), spent=short_money(f.spent or 0.0, scenario, lang),
                ))
                continue
            if f.failed:
                outcome = t("recorded.failed", lang)
            elif f.won:
                outcome = t("recorded.won", lang)
            else:
                outcome = t("recorded.lost", lang, winner=vendor_name(scenario, f.winner or "-", lang))
            out.append("  " + t(
                "recorded.award_line", lang, team=f.team, vendor=vendor, outcome=outcome,
                bid=short_money(f.bid, scenario, lang) if f.bid is not None else t("award.no_bid", lang),
                total=score(f.total or 0.0), rank=f.rank if f.rank is not None else "-",
                p=pct(f.win_probability or 0.0), result=short_money(f.result or 0.0, scenario, lang),
                expected=short_money(f.expected_result or 0.0, scenario, lang),
            ))
    return out
