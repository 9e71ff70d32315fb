"""Plain-text screens of the terminal game, in English or Chinese.

Every function here is pure: it reads the game (views, records, results) and
returns text, worded by :mod:`game.present` (the same words as the window).
Tables pad by display width, so Chinese (double-width) text lines up with ASCII.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.engine.game import DAY_RESOURCES, Game, PersonView
from game.engine.records import ActionOutcome, GameResult, TurnRecord, VendorResult
from game.present import advice
from game.present.columns import pad, text_width, truncate, wrap
from game.present.events import describe_event
from game.present.fmt import (
    currency_label,
    join_list,
    money,
    number,
    pct,
    pct_range,
    score,
    tenths,
    tenths_adding_up,
)
from game.present.results import award_status, coverage_text, outcome_text, turn_notes, your_outcome
from game.present.words import (
    action_name,
    cares_text,
    coach_text,
    contact_text,
    cost_text,
    criterion_name,
    intro_text,
    marks,
    parts_lines,
    people_names,
    pool_text,
    res_amount,
    role_name,
    spec_text,
    vendor_name,
    ways_in_text,
    weights_text,
)
from game.scenario.schema import ACTION_IDS
from game.strings import t

DEFAULT_WIDTH = 120
MIN_SHRINK = 6

# -- tables -------------------------------------------------------------


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    align: str = "",
    max_width: int | None = None,
    shrink: Sequence[int] = (),
    floors: dict[int, int] | None = None,
    drop: Sequence[int] = (),
    wrap_cols: Sequence[int] = (),
    indent: int = 2,
) -> str:
    """An aligned plain-text table.

    To fit ``max_width``, the ``shrink`` columns are cut in that order (not below ``floors``,
    default 6 columns) and, if that is not enough, the ``drop`` columns are left
    out in that order. Cells of ``wrap_cols`` are wrapped onto more lines
    instead of being cut.
    """
    n = len(headers)
    aligns = (align + "l" * n)[:n]
    keep = list(range(n))
    widths = [max([text_width(headers[i]), *(text_width(row[i]) for row in rows)]) for i in range(n)]
    floor = {i: min(widths[i], max(MIN_SHRINK, (floors or {}).get(i, MIN_SHRINK))) for i in shrink}
    to_drop = list(drop)
    while max_width is not None:
        fitted = list(widths)
        over = indent + sum(fitted[i] for i in keep) + 2 * (len(keep) - 1) - max_width
        cuttable = [i for i in shrink if i in keep]
        for i in cuttable:  # in the given order: the first column gives way first
            cut = min(over, fitted[i] - floor[i])
            if cut > 0:
                fitted[i] -= cut
                over -= cut
        if over <= 0 or not to_drop:
            # Still too wide: the widest kept columns give way, down to MIN_SHRINK each
            # (cut cells end in an ellipsis), so the table fits the screen instead of wrapping.
            while over > 0:
                widest = max(keep, key=lambda i: fitted[i])
                if fitted[widest] <= MIN_SHRINK:
                    break
                fitted[widest] -= 1
                over -= 1
            widths = fitted
            break
        gone = to_drop.pop(0)
        if gone in keep:
            keep.remove(gone)
    lead = " " * indent

    def line(cells: Sequence[str]) -> str:
        return (lead + "  ".join(pad(truncate(cells[i], widths[i]), widths[i], aligns[i]) for i in keep)).rstrip()

    def row_lines(cells: Sequence[str]) -> list[str]:
        parts = {i: wrap(cells[i], widths[i]).split("\n") for i in wrap_cols if i in keep and text_width(cells[i]) > widths[i]}
        if not parts:
            return [line(cells)]
        height = max(len(p) for p in parts.values())

        def cell(i: int, k: int) -> str:
            if i in parts:
                return parts[i][k] if k < len(parts[i]) else ""
            return cells[i] if k == 0 else ""

        return [line([cell(i, k) for i in range(n)]) for k in range(height)]

    out = [line(headers), (lead + "  ".join("-" * widths[i] for i in keep)).rstrip()]
    for row in rows:
        out.extend(row_lines(row))
    return "\n".join(out)


def heading(title: str, char: str = "=") -> str:
    return f"{char * 3} {title} {char * 3}"


# -- briefing and tender ------------------------------------------------------------


def render_briefing(game: Game, teams: Sequence[str], lang: str, width: int = DEFAULT_WIDTH) -> str:
    sc = game.scenario
    wrap_at = min(width, 100)
    out = [heading(sc.title.get(lang)), "", wrap(sc.briefing.get(lang), wrap_at), ""]
    out.append(render_tender(game, lang, width, title=t("brief.facts", lang)))
    out.append("")
    out.append(t("brief.vendors", lang))
    for v in sc.vendors:
        who = t("brief.team", lang) if v.id in teams else t("brief.ai", lang)
        out.append("  " + t("brief.vendor_line", lang, name=v.name.get(lang), id=v.id, who=who))
        if v.description is not None:
            out.append(wrap(v.description.get(lang), wrap_at, indent=4))
    for vid in teams:
        v = sc.vendors[sc.vendor_index(vid)]
        r = v.resources
        out.append("")
        out.append(
            wrap(
                t(
                    "brief.resources",
                    lang,
                    vendor=v.name.get(lang),
                    days=join_list(
                        [res_amount(k, float(getattr(r, k)), sc, lang) for k in DAY_RESOURCES if getattr(r, k)], lang
                    ),
                    budget=money(r.budget, sc, lang),
                    cost=money(v.cost, sc, lang),
                ),
                wrap_at,
            )
        )
    return "\n".join(out)


def render_tender(game: Game, lang: str, width: int = DEFAULT_WIDTH, title: str | None = None) -> str:
    """The tender's facts as they stand now."""
    sc = game.scenario
    tender = sc.tender
    turn_name = sc.turn_name.get(lang) if sc.turn_name is not None else None
    lines = [title or t("tender.title", lang)]
    lines.append("  " + t("tender.ceiling", lang, ceiling=money(game.ceiling, sc, lang)))
    extra = t("tender.turn_is", lang, name=turn_name) if turn_name else ""
    lines.append("  " + t("tender.turns", lang, turns=sc.turns, extra=extra))
    if game.published:
        lines.append("  " + t("tender.published", lang, turn=game.pub_turn))
    else:
        lines.append("  " + t("tender.publish_at", lang, turn=game.pub_turn))
    lines.append("  " + t("tender.weights", lang, weights=weights_text(game.weights(), lang)))
    lines.append("  " + t("parts.title", lang))
    lines.extend(wrap("- " + x, min(width, 100), indent=4) for x in parts_lines(sc, game.weights(), game.spec(), lang))
    lines.append(
        "  "
        + t(
            "tender.rules",
            lang,
            low=pct(tender.abnormally_low),
            chance=pct(tender.disqualify_chance),
            n=tender.min_valid_bids,
        )
    )
    spec = game.spec()
    rows = []
    for c in sc.criteria:
        rows.append(
            [
                c.id,
                criterion_name(sc, c.id, lang),
                t(f"section.{c.section}", lang),
                pct(c.weight, 1),
                pct(spec[c.id], 1),
            ]
        )
    lines.append("")
    lines.append(
        table(
            [t("col.id", lang), t("col.criterion", lang), t("col.section", lang), t("col.spec0", lang), t("col.spec_now", lang)],
            rows,
            align="lllrr",
            max_width=width,
            shrink=(1,),
        )
    )
    return "\n".join(lines)


# -- the committee -----------------------------------------------------------------------


def render_people(game: Game, vid: str, lang: str, width: int = DEFAULT_WIDTH) -> str:
    """The committee with this vendor's readings."""
    sc = game.scenario
    views = game.view(vid)
    show_fav = any(p.favourite for p in views)
    headers = [
        "#",
        t("col.id", lang),
        t("col.name", lang),
        t("col.title", lang),
        t("col.role", lang),
        t("col.level", lang),
        t("col.influence", lang),
        t("col.marks", lang),
        t("col.stance", lang),
        t("col.relationship", lang),
        t("col.knowledge", lang),
        t("col.cares", lang),
        t("col.coach", lang),
    ]
    if show_fav:
        headers.append(t("col.favours", lang))
    headers.append(t("col.contact", lang))
    rows = []
    for i, p in enumerate(views, 1):
        row = [
            str(i),
            p.id,
            p.name.get(lang),
            p.title.get(lang) if p.title is not None else "",
            role_name(p.role, lang),
            str(p.seniority),
            pct(p.influence),
            marks(p, lang),
            pct_range(*p.stance),
            "-" if p.closed else pct_range(*p.relationship),  # nobody meets a closed pool seat
            "-" if p.closed else pct(p.knowledge),
            cares_text(p, sc, lang),
            coach_text(p, lang),
        ]
        if show_fav:
            row.append(vendor_name(sc, p.favourite, lang) if p.favourite else t("cares.unknown", lang))
        row.append(contact_text(p, lang))
        rows.append(row)
    align = "rllllrrllrrll" + ("l" if show_fav else "") + "l"
    shrink = (3, 11, 13, 4, 2) if show_fav else (3, 11, 4, 2)  # title, cares, favours, role, name
    floors = {3: 16, 11: 16, 13: 10, 4: 8, 2: 8}
    # Too narrow even so: title, coach, knowledge and level give way ("who ID" shows them all).
    body = table(headers, rows, align=align, max_width=width, shrink=shrink, floors=floors, drop=(3, 12, 10, 5))
    # 2 columns spare: a closing mark (。) may be kept on the line it ends
    legend = t("people.legend", lang, t=pct(sc.model.coach_threshold))
    if any(p.pool for p in views):
        legend += t("sent.sep", lang) + t("people.legend_pool", lang)
    return t("people.title", lang) + "\n" + body + "\n" + wrap(legend, min(width, 100) - 2, indent=2)


def render_person(game: Game, vid: str, sid: str, lang: str, width: int = DEFAULT_WIDTH) -> str:
    """One person in detail (the `who` command)."""
    sc = game.scenario
    p = next(x for x in game.view(vid) if x.id == sid)
    sh = sc.stakeholders[sc.stakeholder_index(sid)]
    wrap_at = min(width, 100)
    title = p.title.get(lang) if p.title is not None else ""
    out = [heading(f"{p.name.get(lang)} [{p.id}]" + (f" - {title}" if title else ""), "-")]
    facts = [
        role_name(p.role, lang),
        t("who.level", lang, n=p.seniority),
        t("who.influence", lang, pct=pct(p.influence)),
    ]
    if p.veto:
        facts.append(t("who.veto", lang))
    if p.panel:
        facts.append(t("who.panel", lang))
    if p.can_coach:
        facts.append(t("who.can_coach", lang, t=pct(sc.model.coach_threshold)))
    out.append("  " + t("list.sep", lang).join(facts))
    if p.replaced:
        out.append("  " + t("who.replaced", lang))
    elif sh.bio is not None:
        out.append(wrap(sh.bio.get(lang), wrap_at, indent=2))
    for text in (pool_text(game, p, lang), intro_text(game, vid, p, lang), ways_in_text(game, vid, p, lang)):
        if text:
            out.append(wrap(text, wrap_at, indent=2))
    if p.closed:  # nobody meets them: no relationship, nothing learnt first-hand
        out.append("  " + t("who.readings_pool", lang, stance=pct_range(*p.stance)))
    else:
        out.append("  " + t("who.readings", lang, stance=pct_range(*p.stance), rel=pct_range(*p.relationship), know=pct(p.knowledge)))
    out.append("  " + t("who.cares", lang, cares=cares_text(p, sc, lang)))
    if p.cares_level < 2 and not p.closed:
        out.append("  " + t("who.cares_hint", lang))
    fav = vendor_name(sc, p.favourite, lang) if p.favourite else t("who.fav_unknown", lang)
    out.append("  " + t("who.favours", lang, vendor=fav))
    out.append("  " + t("who.coach", lang, coach=coach_text(p, lang)))
    out.append("  " + t("who.contact", lang, contact=contact_text(p, lang)))
    return "\n".join(out)


# -- actions and resources ---------------------------------------------------------------


def render_costs(game: Game, lang: str, width: int = DEFAULT_WIDTH) -> str:
    """The action catalogue with what each unit costs."""
    sc = game.scenario
    rows = []
    for i, aid in enumerate(ACTION_IDS, 1):
        rows.append([str(i), aid, action_name(aid, lang), cost_text(game.cost_of(aid), sc, lang), t(f"action.{aid}.what", lang)])
    body = table(
        ["#", t("col.id", lang), t("col.action", lang), t("col.cost", lang), t("col.effect", lang)],
        rows,
        align="rllll",
        max_width=width,
        shrink=(4, 3),
        floors={4: 30, 3: 16},
        wrap_cols=(3, 4),
    )
    legend = t("costs.legend", lang, sid=sc.stakeholders[0].id)
    return t("costs.title", lang) + "\n" + body + "\n" + wrap(legend, min(width, 100), indent=2)


def render_remaining(game: Game, vid: str, lang: str) -> str:
    sc = game.scenario
    res = sc.vendors[sc.vendor_index(vid)].resources
    left = game.remaining(vid)
    days = t("list.sep", lang).join(
        t("left.part", lang, res=t(f"res.{r}.short", lang), left=number(left[r]), total=number(float(getattr(res, r))))
        for r in DAY_RESOURCES
        if getattr(res, r) > 0
    )
    return t("left.line", lang, days=days, money=money(left["money"], sc, lang), budget=money(res.budget, sc, lang))


def render_pending(game: Game, vid: str, lang: str) -> str:
    pending = game.pending.get(vid, [])
    if not pending:
        return t("pending.none", lang)
    names = people_names(game, vid, lang)
    sc = game.scenario
    lines = [t("pending.title", lang)]
    for i, al in enumerate(pending, 1):
        lines.append(
            f"  {i}. "
            + t(
                "pending.item",
                lang,
                action=action_name(al.action, lang),
                person=names.get(al.stakeholder, al.stakeholder),
                sid=al.stakeholder,
                n=al.amount,
                cost=cost_text(game.cost_of(al.action, al.amount), sc, lang),
            )
        )
    return "\n".join(lines)


def render_turn_header(game: Game, vid: str, lang: str) -> str:
    sc = game.scenario
    turn_name = sc.turn_name.get(lang) if sc.turn_name is not None else None
    if turn_name:
        head = t("turn.title_named", lang, turn=game.turn, turns=sc.turns, name=turn_name, vendor=vendor_name(sc, vid, lang))
    else:
        head = t("turn.title", lang, turn=game.turn, turns=sc.turns, vendor=vendor_name(sc, vid, lang))
    lines = [heading(head)]
    if game.published:
        if game.turn == game.pub_turn:
            lines.append(t("turn.just_published", lang))
            lines.append("  " + t("turn.spec_now", lang, spec=spec_text(sc, game.spec(), lang)))
        else:
            lines.append(t("turn.published", lang, turn=game.pub_turn))
    else:
        n = game.pub_turn - game.turn
        lines.append(t("turn.before_pub", lang, turn=game.pub_turn, n=n))
    lines.append(t("turn.bids_due", lang, turn=sc.turns) if game.turn < sc.turns else t("turn.last", lang))
    return "\n".join(lines)


# -- what happened in a turn ------------------------------------------------------------------


def _outcome_lines(o: ActionOutcome, names: dict[str, str], lang: str, wrap_at: int, money_cost: bool) -> list[str]:
    ot = outcome_text(o, names.get(o.stakeholder, o.stakeholder), lang, money_cost)
    lines = [f"  - {ot.head}", wrap(ot.reason, wrap_at, indent=4), wrap(ot.changes, wrap_at, indent=4)]
    lines.extend(wrap(note, wrap_at, indent=4) for note in ot.notes)
    return lines



def render_turn_report(
    game: Game,
    record: TurnRecord,
    vid: str,
    lang: str,
    *,
    before: Sequence[PersonView],
    previous: TurnRecord | None = None,
    width: int = DEFAULT_WIDTH,
) -> str:
    """What one vendor learns about a turn just played: events, its own actions, decay, coaches, rivals."""
    sc = game.scenario
    wrap_at = min(width, 100)
    after = game.view(vid)
    names = {p.id: p.name.get(lang) for p in after}
    out = [heading(t("report.title", lang, turn=record.turn, vendor=vendor_name(sc, vid, lang)))]

    news = [e for e in record.events if not e.secret]
    if news:
        out.append(t("report.news", lang))
        for e in news:
            out.append(wrap("- " + describe_event(game, e, vid, lang), wrap_at, indent=2))
    mine = [o for o in record.outcomes if o.vendor == vid]
    out.append(t("report.actions", lang) if mine else t("report.no_actions", lang))
    for o in mine:
        out.extend(_outcome_lines(o, names, lang, wrap_at, "money" in game.cost_of(o.action)))

    out.extend(wrap(line, wrap_at) for line in turn_notes(game, record, vid, lang, before=before, previous=previous))
    return "\n".join(out)


# -- bids --------------------------------------------------------------------------------


def render_bid_info(game: Game, vid: str, lang: str, width: int = DEFAULT_WIDTH) -> str:
    sc = game.scenario
    v = sc.vendors[sc.vendor_index(vid)]
    spent = game.spent(vid)
    tender = sc.tender
    lines = [heading(t("bid.title", lang, vendor=v.name.get(lang)))]
    lines.append("  " + t("bid.ceiling", lang, ceiling=money(game.ceiling, sc, lang)))
    lines.append("  " + t("bid.cost", lang, cost=money(v.cost, sc, lang), spent=money(spent, sc, lang)))
    lines.append("  " + t("bid.scoring", lang, weights=weights_text(game.weights(), lang)))
    lines.append("  " + t("bid.low", lang, low=pct(tender.abnormally_low), chance=pct(tender.disqualify_chance)))
    lines.append(wrap(t("bid.prompt_help", lang), min(width, 100)))
    return "\n".join(lines)


def render_margin(game: Game, vid: str, price: float, lang: str) -> str:
    return advice.margin_text(game, vid, price, lang)


# -- the award ------------------------------------------------------------------------------


def render_award(game: Game, result: GameResult, lang: str, teams: Sequence[str] = (), width: int = DEFAULT_WIDTH) -> str:
    """The award: winner or failed tender, every vendor's scores, panel scores, weights as tilted."""
    sc = game.scenario
    wrap_at = min(width, 100)
    names = {s.id: s.name.get(lang) for s in sc.stakeholders}
    if teams:
        names.update(people_names(game, teams[0], lang))
    out = [heading(t("award.title", lang))]
    if result.failed:
        reason = t(f"fail.{result.fail_reason}", lang, n=sc.tender.min_valid_bids)
        out.append(wrap(t("award.failed", lang, reason=reason), wrap_at))
    else:
        assert result.winner is not None  # not failed means a winner
        out.append(t("award.winner", lang, vendor=vendor_name(sc, result.winner, lang)))
    out.append("")
    rows = []
    ranked = sorted(result.vendors, key=lambda r: (r.rank is None, r.rank or 0))
    for r in ranked:
        label = vendor_name(sc, r.vendor, lang)
        if r.vendor in teams:
            label += t("award.you" if len(teams) == 1 else "award.team", lang)
        if r.won:
            label = "* " + label
        rows.append(
            [
                label,
                f"{r.bid:,.0f}" if r.bid is not None else "-",
                award_status(r, names, lang),
                score(r.technical),
                score(r.price_score),
                score(r.commercial),
                score(r.committee, signed=True),
                score(r.total),
                str(r.rank) if r.rank is not None else "-",
                pct(r.win_probability),
                f"{r.margin_if_won:,.0f}" if r.margin_if_won is not None else "-",
                f"{r.expected_result:,.0f}",
            ]
        )
    cur = currency_label(sc, lang)
    out.append(
        table(
            [
                t("col.vendor", lang),
                t("col.bid", lang, cur=cur),
                t("col.status", lang),
                t("col.technical", lang),
                t("col.price_score", lang),
                t("col.commercial", lang),
                t("col.committee", lang),
                t("col.total", lang),
                t("col.rank", lang),
                t("col.win", lang),
                t("col.margin", lang, cur=cur),
                t("col.expected", lang, cur=cur),
            ],
            rows,
            align="lrlrrrrrrrrr",
            max_width=width,
            shrink=(2, 0),
            floors={0: 12, 2: 12},
            wrap_cols=(0, 2),
        )
    )
    out.append(wrap(t("award.legend", lang, weights=weights_text(result.weights, lang)), wrap_at, indent=2))
    out.append("")
    out.append(render_points(game, result, ranked, lang, width))
    for r in result.vendors:
        if r.vetoed_by:
            out.append(
                wrap(
                    t("award.veto_note", lang, person=names.get(r.vetoed_by, r.vetoed_by), vendor=vendor_name(sc, r.vendor, lang)),
                    wrap_at,
                    indent=2,
                )
            )
        if r.questioned:
            key = "award.disq_note" if r.disqualified else "award.kept_note"
            out.append(wrap(t(key, lang, vendor=vendor_name(sc, r.vendor, lang), low=pct(sc.tender.abnormally_low)), wrap_at, indent=2))

    panel_ids = [s.id for s in sc.stakeholders if any(s.id in r.panel for r in result.vendors)]
    if panel_ids:
        out.append("")
        out.append(t("award.panel", lang))
        prow = []
        for sid in panel_ids:
            prow.append([names.get(sid, sid)] + [f"{r.panel[sid]:.1f}" if sid in r.panel else "-" for r in ranked])
        prow.append([t("award.panel_mean", lang)] + [f"{r.technical:.1f}" for r in ranked])
        out.append(
            table(
                [t("col.member", lang)] + [vendor_name(sc, r.vendor, lang) for r in ranked],
                prow,
                align="l" + "r" * len(ranked),
                max_width=width,
                shrink=tuple(range(1, len(ranked) + 1)),
            )
        )

    out.append("")
    base_w = sc.tender.weights
    wrows = []
    for k, base in (("technical", base_w.technical), ("price", base_w.price), ("commercial", base_w.commercial)):
        wrows.append([t("weight." + k, lang), pct(base), pct(result.weights[k])])
    out.append(t("award.weights", lang))
    out.append(table([t("col.part", lang), t("col.spec0", lang), t("col.final", lang)], wrows, align="lrr"))
    crow = []
    for c in sc.criteria:
        crow.append(
            [criterion_name(sc, c.id, lang), t(f"section.{c.section}", lang), pct(c.weight, 1), pct(result.spec.get(c.id, 0.0), 1)]
        )
    out.append("")
    out.append(t("award.spec", lang))
    out.append(
        table(
            [t("col.criterion", lang), t("col.section", lang), t("col.spec0", lang), t("col.final", lang)],
            crow,
            align="llrr",
            max_width=width,
            shrink=(0,),
        )
    )
    return "\n".join(out)


def render_points(game: Game, result: GameResult, ranked: Sequence[VendorResult], lang: str, width: int = DEFAULT_WIDTH) -> str:
    """Every vendor's total part by part, in points: weight x score for the technical, price and
    commercial parts, plus the committee's favour. As printed, each row adds up to its total."""
    sc = game.scenario
    w = result.weights
    heads = [t("col.vendor", lang)]
    for part in ("technical", "price", "commercial"):
        heads.append(t("col.points_part", lang, part=t(f"weight.{part}", lang), w=pct(w[part])))
    heads += [t("col.committee", lang), t("col.total", lang)]
    rows = []
    for r in ranked:
        parts = result.parts(r.vendor)
        shown = tenths_adding_up([x for _, x in parts.items()], r.total)
        cells = [tenths(n, lang, signed=i == 3) for i, n in enumerate(shown)]
        rows.append([vendor_name(sc, r.vendor, lang), *cells, score(r.total)])
    body = table(heads, rows, align="l" + "r" * 5, max_width=width, shrink=(0,), floors={0: 12})
    return wrap(t("award.points", lang), min(width, 100)) + "\n" + body


def render_your_result(game: Game, result: GameResult, vid: str, lang: str, width: int = DEFAULT_WIDTH) -> str:
    """One vendor's own result: won or lost, margin, spend, actual and expected result, coverage."""
    sc = game.scenario
    r = result.vendor(vid)
    wrap_at = min(width, 100)
    out = [heading(t("you.title", lang, vendor=vendor_name(sc, vid, lang)), "-")]
    out.append("  " + your_outcome(game, result, vid, lang))
    out.append("  " + t("you.bid", lang, bid=money(r.bid, sc, lang) if r.bid is not None else t("award.no_bid", lang), cost=money(r.cost, sc, lang)))
    if r.margin_if_won is not None:
        out.append("  " + t("you.margin", lang, margin=money(r.margin_if_won, sc, lang)))
    out.append("  " + t("you.spent", lang, spent=money(r.spent, sc, lang)))
    out.append("  " + t("you.result", lang, result=money(r.result, sc, lang)))
    out.append(
        wrap(
            t("you.expected", lang, p=pct(r.win_probability), expected=money(r.expected_result, sc, lang)),
            wrap_at,
            indent=2,
        )
    )
    out.append(wrap(coverage_text(game, vid, lang), wrap_at, indent=2))
    return "\n".join(out)


def render_result(game: Game, result: GameResult, vendor: str, lang: str) -> str:
    """The award with a score breakdown, and the given vendor's own result."""
    return render_award(game, result, lang, teams=(vendor,)) + "\n\n" + render_your_result(game, result, vendor, lang)
