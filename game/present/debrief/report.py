"""The class report: one self-contained, printable HTML file, from Jinja2 templates.

A class overview page (comparison table, win probability of every team,
skill and luck, pitfall counts, the bottleneck roles, the forecasts, how to
read it) followed by one page per team (the explained outcome, win
probability, pitfalls, the best single change when it was searched, the
team's map against the truth, charts, how the team worked and its forecasts;
the peer reviews when a session has them: the report is the trainer's).

This module builds each page's data (sentences from :mod:`.text` and
:mod:`.team_text`, charts from :mod:`.charts` as base64 PNG); the templates
in ``templates/`` lay it out (autoescaped). The CSS is inline and the CJK font
embedded, so the file can be e-mailed or shown on a wall screen; @media print
puts each page on its own sheet.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from matplotlib.figure import Figure

from game.analysis.debrief.bundle import TeamDebrief
from game.analysis.debrief.forecasts import Calibration, class_calibration
from game.analysis.debrief.pitfalls import KINDS
from game.analysis.debrief.teamwork import MEASURES, Bottlenecks, TeamWork, bottlenecks
from game.analysis.workers import available, parallel_map
from game.present.debrief import charts
from game.present.debrief import team_text as tt
from game.present.debrief.text import (
    Names,
    belief_lines,
    curve_lines,
    finding_lines,
    gap_lines,
    outcome_line,
    pct,
    person_lines,
    pp,
    price_lines,
    search_lines,
    veto_lines,
)
from game.present.fonts import subset_font
from game.strings import strategy_name

TEMPLATES = Path(__file__).with_name("templates")
FONT_FAMILY = "TG Sans"


@cache
def environment() -> Environment:
    """The report's templates (autoescaped; an undefined name is an error, not a blank)."""
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def embedded_font(text: str) -> str:
    """An @font-face rule with the CJK font cut down to the characters of ``text`` (WOFF, base64).

    Chinese must render on machines without Chinese fonts (and in the test's
    headless browser); the cut-down font keeps the file small. Empty when the
    font is missing: browsers then fall back to their own fonts. fontTools
    comes with matplotlib, a dependency.
    """
    path = charts.cjk_font_file()
    if path is None:
        return ""
    woff = subset_font(text, "woff", path)
    if woff is None:
        return ""
    data = base64.b64encode(woff).decode("ascii")
    return f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url(data:font/woff;base64,{data}) format("woff"); }}\n'


# -- the pieces the templates lay out --------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    text: object
    cls: str = ""
    href: str = ""


@dataclass(frozen=True)
class Row:
    cells: Sequence[Cell]
    cls: str = ""
    head: bool = False  # a row of <th> (a total)


@dataclass(frozen=True)
class Table:
    heads: Sequence[Cell]
    rows: Sequence[Row]


@dataclass(frozen=True)
class Img:
    src: str
    alt: str
    cls: str = ""


def _img(fig: Figure, alt: str, cls: str = "") -> Img:
    data = base64.b64encode(charts.png_bytes(fig, dpi=110)).decode("ascii")
    return Img(f"data:image/png;base64,{data}", alt, cls)


def _heads(n: Names, prefix: str, keys: Sequence[str], left: Sequence[str] = ()) -> list[Cell]:
    return [Cell(n.tr(f"{prefix}{k}"), "l" if k in left else "") for k in keys]


def _anchor(i: int) -> str:
    return f"team-{i + 1}"


def _outcome_key(d: TeamDebrief) -> str:
    return d.explanation.outcome if d.explanation is not None else "pending"


def _badge(d: TeamDebrief, n: Names) -> dict[str, str]:
    key = _outcome_key(d)
    if key == "pending":
        return {"cls": "pending", "text": "…"}
    return {"cls": "won" if key == "won" else "lost", "text": n.tr(f"debrief.report.outcome.{key}")}


# -- the class page ------------------------------------------------------------------------------


def _class_table(debriefs: Sequence[TeamDebrief], n: Names) -> Table:
    rows = []
    for i, d in enumerate(debriefs):
        tg = d.team
        res = tg.game.result.vendor(tg.vendor) if tg.game.result is not None else None
        cv = d.curve
        done = cv is not None and cv.won is not None
        cells = [
            Cell(tg.team, "l", f"#{_anchor(i)}"),
            Cell(n.vendor(tg.vendor), "l"),
            Cell(n.tr("debrief.report.outcome." + _outcome_key(d)) if res else "-", "l"),
            Cell(n.money(res.bid) if res and res.bid is not None else "-"),
            Cell(f"{res.total:.1f}" if res else "-"),
            Cell(res.rank if res and res.rank is not None else "-"),
            Cell(pct(res.win_probability) if res else "-"),
            Cell(n.money(res.result) if res else "-"),
            Cell(n.money(res.expected_result) if res else "-"),
            Cell(pp(cv.skill) if cv is not None and done else "-"),
            Cell(pp(cv.luck) if cv is not None and done else "-"),
            Cell(len(d.pitfalls)),
        ]
        rows.append(Row(cells, "won" if res is not None and res.won else ""))
    keys = ["team", "vendor", "outcome", "bid", "total", "rank", "p_win", "result", "expected", "skill", "luck", "pitfalls"]
    return Table(_heads(n, "debrief.report.col.", keys, ("team", "vendor", "outcome")), rows)


def _pitfall_table(debriefs: Sequence[TeamDebrief], n: Names) -> Table:
    rows = []
    for i, d in enumerate(debriefs):
        kinds = {f.kind for f in d.pitfalls}
        marks = [Cell("●", "count") if k in kinds else Cell("·", "zero") for k in KINDS]
        rows.append(Row([Cell(d.team.team, "l", f"#{_anchor(i)}"), *marks]))
    totals = [Cell(sum(1 for d in debriefs if any(f.kind == k for f in d.pitfalls))) for k in KINDS]
    rows.append(Row([Cell("Σ", "l"), *totals], head=True))
    heads = [Cell(n.tr("debrief.report.col.team"), "l")] + [Cell(n.tr(f"pitfall.{k}.short")) for k in KINDS]
    return Table(heads, rows)


def _role_cell(role: str | None, n: Names) -> Cell:
    return Cell(tt.role_name(role, n), "") if role is not None else Cell("·", "zero")


def _bottleneck_view(b: Bottlenecks, n: Names) -> dict[str, Any]:
    lines = tt.bottleneck_lines(b, n)
    lesson = lines.pop() if b.role is not None else ""
    tallies = []
    for t in b.tallies:
        lead = {m: b.leaders.get(m) == t.role for m in MEASURES}
        tallies.append(
            Row(
                [
                    Cell(tt.role_name(t.role, n, title=True), "l"),
                    Cell(f"{tt.days(t.unspent, n)} ({pct(t.unspent_share or 0.0)})", "short" if lead["unspent"] else ""),
                    Cell(t.joint_missed, "short" if lead["missed"] else ""),
                    Cell(f"{t.uncovered} / {t.counterparts}", "short" if lead["uncovered"] else ""),
                    Cell(t.checks_failed, "short" if lead["checks"] else ""),
                    Cell(t.worst, "short" if t.role == b.role else ""),
                ]
            )
        )
    heads = _heads(n, "debrief.bn.col.", ["role", "unspent", "missed", "uncovered", "checks", "worst"], ("role",))
    per_team = [
        Row([Cell(team, "l")] + [_role_cell(worst[m], n) for m in MEASURES]) for team, worst in b.teams
    ]
    team_heads = [Cell(n.tr("debrief.report.col.team"), "l")] + [Cell(n.tr(f"debrief.bn.col.{m}")) for m in MEASURES]
    return {
        "head": n.tr("debrief.class.bottleneck"),
        "lines": lines,
        "lesson": lesson,
        "tallies": Table(heads, tallies),
        "per_team_head": n.tr("debrief.bn.per_team"),
        "per_team": Table(team_heads, per_team),
    }


def _price_error(c: Calibration) -> str:
    err = c.price.error if c.price is not None else None
    return "-" if err is None else f"{err * 100:+.1f}%"


def _forecasts_view(debriefs: Sequence[TeamDebrief], n: Names) -> dict[str, Any]:
    cals = [d.forecasts for d in debriefs if d.forecasts is not None]
    cc = class_calibration(cals)
    rows = []
    for i, d in enumerate(debriefs):
        c = d.forecasts
        if c is None or not c.points:
            continue
        rows.append(
            Row(
                [
                    Cell(d.team.team, "l", f"#{_anchor(i)}-forecasts"),
                    Cell(len(c.points)),
                    Cell(tt.brier(c.brier)),
                    Cell(tt.brier(c.model_brier)),
                    Cell(tt.brier(c.gap)),
                    Cell(n.tr(f"debrief.cf.lean.{c.lean}") if c.lean else "-", "l"),
                    Cell(_price_error(c)),
                ]
            )
        )
    heads = [Cell(n.tr("debrief.report.col.team"), "l")] + _heads(
        n, "debrief.cf.col.", ["forecasts", "brier", "model", "gap", "lean", "price"], ("lean",)
    )
    return {
        "head": n.tr("debrief.class.forecasts"),
        "lines": tt.class_forecast_lines(cc, n),
        "table": Table(heads, rows) if rows else None,
    }


def class_view(debriefs: Sequence[TeamDebrief], n: Names, title: str, meta: str) -> dict[str, Any]:
    curves = [d.curve for d in debriefs if d.curve is not None]
    figs = charts.class_figures(debriefs, n.lang)
    imgs = [_img(figs["winprob"], n.tr("debrief.chart.wp_title")), _img(figs["luck"], n.tr("debrief.chart.luck_title"))] if figs else []
    cv0 = curves[0] if curves else None
    method = (
        n.tr(
            "debrief.report.method",
            samples=f"{cv0.samples:,}",
            futures=f"{cv0.futures:,}",
            draws=cv0.samples // max(cv0.futures, 1),
            stand_in=strategy_name(cv0.stand_in, n.lang),
        )
        if cv0
        else ""
    )
    works = [d.work for d in debriefs if d.work is not None]
    return {
        "title": title,
        "meta": meta,
        "nav": [{"anchor": _anchor(i), "team": d.team.team} for i, d in enumerate(debriefs)],
        "class_head": n.tr("debrief.report.class"),
        "table": _class_table(debriefs, n),
        "charts": imgs,
        "pitfall_head": n.tr("debrief.report.pitfall_counts"),
        "pitfalls": _pitfall_table(debriefs, n),
        "bottleneck": _bottleneck_view(bottlenecks(works), n) if works else None,
        "forecasts": _forecasts_view(debriefs, n),
        "method": method,
    }


# -- a team's page ---------------------------------------------------------------------------------


def _kpis(d: TeamDebrief, n: Names) -> list[dict[str, str]]:
    tg = d.team
    res = tg.game.result.vendor(tg.vendor) if tg.game.result is not None else None
    items: list[tuple[str, str]] = []
    if res is not None:
        items.append((n.tr("debrief.report.col.result"), n.money(res.result)))
        items.append((n.tr("debrief.report.col.expected"), n.money(res.expected_result)))
        items.append((n.tr("debrief.report.col.p_win"), pct(res.win_probability)))
        items.append((n.tr("debrief.report.col.total"), f"{res.total:.1f}"))
    cv = d.curve
    if cv is not None and cv.won is not None:
        items.append((n.tr("debrief.report.col.skill"), pp(cv.skill)))
        items.append((n.tr("debrief.report.col.luck"), pp(cv.luck)))
    return [{"label": k, "value": v} for k, v in items]


def _why(d: TeamDebrief, n: Names, people: int = 2) -> dict[str, Any]:
    """The outcome, score gaps and people; vetoes and the price effect."""
    e = d.explanation
    if e is None:
        return {"no_award": n.tr("debrief.report.no_award"), "price": []}
    items = []
    for p in e.people[:people]:
        lines = person_lines(p, e, n)
        items.append({"head": lines[0], "subs": lines[1:]})
    return {
        "no_award": "",
        "outcome": outcome_line(e, n),
        "gaps": gap_lines(e, n),  # every part: they add up to the gap
        "people_head": n.tr("debrief.people.head"),
        "people": items,
        "price": veto_lines(e, n) + price_lines(e, n),
    }


def _roles_table(w: TeamWork, n: Names) -> Table:
    rows = []
    for r in w.roles:
        short = {m: w.worst(m) == r.role for m in MEASURES}
        checks = f"{r.checks_passed} ✓ / {r.checks_failed} ✗" if r.checks_passed or r.checks_failed else "-"
        holders = "-" if w.solo else n.join(list(r.holders)) or n.tr("debrief.tw.nobody_cell")
        rows.append(
            Row(
                [
                    Cell(tt.role_name(r.role, n, title=True), "l"),
                    Cell(holders, "l"),
                    Cell(f"{tt.days(r.used, n)} / {tt.days(r.available, n)}"),
                    Cell(tt.days(r.unspent, n), "short" if short["unspent"] else ""),
                    Cell(r.joint_done),
                    Cell(r.joint_missed, "short" if short["missed"] else ""),
                    Cell(
                        f"{len(r.counterparts) - len(r.uncovered)} / {len(r.counterparts)}" if r.counterparts else len(r.met),
                        "short" if short["uncovered"] else "",
                    ),
                    Cell(checks, "short" if short["checks"] else ""),
                ]
            )
        )
    keys = ["role", "holders", "days", "unspent", "joint_done", "joint_missed", "met", "checks"]
    return Table(_heads(n, "debrief.tw.col.", keys, ("role", "holders")), rows)


def _per_turn_table(w: TeamWork, n: Names) -> Table:
    turns = [t.turn for t in w.roles[0].turns] if w.roles else []
    rows = []
    for r in w.roles:
        cells = [Cell(tt.role_name(r.role, n, title=True), "l")]
        for t in r.turns:
            cells.append(Cell(f"{tt.days(t.used, n)}/{tt.days(t.available, n)}", "short" if t.unspent > 1e-9 else ""))
        rows.append(Row(cells))
    heads = [Cell(n.tr("debrief.tw.col.role"), "l")] + [Cell(t) for t in turns]
    return Table(heads, rows)


def _joint_table(w: TeamWork, n: Names) -> Table | None:
    if not w.joint:
        return None
    rows = []
    for j in w.joint:
        if j.done:
            status = Cell(j.confirmed_by or (n.tr("debrief.tw.by_self") if j.by else "✓"), "ok")
        else:
            status = Cell(n.tr("debrief.tw.missed_mark", roles=n.join([tt.role_name(r, n) for r in j.missing])), "short l")
        rows.append(
            Row([Cell(j.turn), Cell(n.action(j.action), "l"), Cell(n.person(j.stakeholder), "l"), Cell(j.by or "-", "l"), status])
        )
    keys = ["turn", "action", "person", "by", "status"]
    return Table(_heads(n, "debrief.tw.col.", keys, ("action", "person", "by", "status")), rows)


def _members_table(w: TeamWork, n: Names) -> Table | None:
    if w.solo:
        return None
    rows = []
    for m in w.members:
        spent = n.tr("list.item_sep").join(
            n.tr(f"res.{k}.{'one' if v == 1 else 'many'}", n=tt.days(v, n)) for k, v in m.days.items()
        )
        rows.append(
            Row(
                [
                    Cell(m.name, "l"),
                    Cell(tt.roles_text(m.roles, n), "l"),
                    Cell(m.proposed),
                    Cell(m.counted),
                    Cell(m.missed, "short" if m.missed else ""),
                    Cell(m.confirmed),
                    Cell(spent or "-", "l"),
                    Cell(m.forecasts),
                ]
            )
        )
    keys = ["member", "roles", "proposed", "counted", "missed", "confirmed", "member_days", "forecasts"]
    return Table(_heads(n, "debrief.tw.col.", keys, ("member", "roles", "member_days")), rows)


def _work_view(w: TeamWork, n: Names) -> dict[str, Any]:
    lines = tt.teamwork_lines(w, n)
    done = sum(1 for j in w.joint if j.done)
    checks = [
        n.tr("debrief.tw.check_failed" if r.checks_failed else "debrief.tw.check_passed",
             role=tt.role_name(r.role, n), n=r.checks_failed or r.checks_passed)
        for r in w.roles if r.checks_failed or r.checks_passed
    ]
    return {
        "head": n.tr("debrief.section.team"),
        "intro": [lines[0]],  # a team of one, or its members
        "roles": _roles_table(w, n),
        "per_turn_head": n.tr("debrief.tw.per_turn"),
        "per_turn": _per_turn_table(w, n),
        "joint_line": n.tr("debrief.tw.joint", done=done, missed=len(w.joint) - done),
        "joint": _joint_table(w, n),
        "checks": checks,
        "members_head": n.tr("debrief.tw.members_head"),
        "members": _members_table(w, n),
        "unattributed": [n.tr("debrief.tw.unattributed", n=w.unattributed)] if w.unattributed and not w.solo else [],
        "shortfall": tt.shortfall_line(w, n),
    }


def _peers_view(w: TeamWork, n: Names) -> dict[str, Any] | None:
    if not w.reviews:
        return None
    reviewed = [s.member for s in w.peer_scores()]
    rows = [
        Row([Cell(r.by, "l")] + [Cell(r.ratings.get(mid, "·")) for mid in reviewed]) for r in w.reviews
    ]
    rows.append(
        Row([Cell(n.tr("debrief.peer.col.mean"), "l")] + [Cell(f"{s.mean:.1f}") for s in w.peer_scores()], head=True)
    )
    heads = [Cell(n.tr("debrief.peer.col.reviewer"), "l")] + [Cell(w.name_of(mid)) for mid in reviewed]
    notes = [n.tr("debrief.peer.note", by=r.by, note=r.note) for r in w.reviews if r.note]
    return {
        "head": n.tr("debrief.section.peers"),
        "scale": n.tr("debrief.peer.scale"),
        "table": Table(heads, rows),
        "lines": notes,
    }


def team_view(i: int, d: TeamDebrief, n: Names) -> dict[str, Any]:
    tg = d.team
    g = tg.game
    figs = charts.team_figures(d, n.lang)
    alts = {"score": "debrief.chart.score_title", "winprob": "debrief.chart.wp_title"}
    top = [_img(figs[k], n.tr(key)) for k, key in alts.items() if k in figs]
    work = charts.work_figures(d, n.lang)
    forecasts = None
    if d.forecasts is not None:
        chart = work.get("forecast")
        forecasts = {
            "head": n.tr("debrief.section.forecasts"),
            "lines": tt.forecast_lines(d.forecasts, n),
            "chart": _img(chart, n.tr("debrief.chart.fc_title_plain")) if chart is not None else None,
        }
    return {
        "anchor": _anchor(i),
        "team": tg.team,
        "vendor": n.vendor(tg.vendor),
        "badge": _badge(d, n),
        "kpis": _kpis(d, n),
        "heads": {
            k: n.tr(f"debrief.section.{k}") for k in ("outcome", "pitfalls", "beliefs", "change")
        } | {"stance": n.tr("debrief.chart.stance_title")},
        "why": _why(d, n),
        "top_charts": top,
        "curve": curve_lines(d.curve, n) if d.curve is not None else [],
        "pitfalls": [dict(zip(("title", "what", "better"), finding_lines(f, n, g), strict=True)) for f in d.pitfalls],
        "no_pitfalls": n.tr("debrief.pitfalls.none"),
        "beliefs": belief_lines(d.beliefs, n),
        "search": search_lines(d.search, n, g, tg.vendor) if d.search is not None else [],
        "resources": _img(figs["resources"], n.tr("debrief.chart.resources_title"), "res"),
        "stance": _img(figs["stance"], n.tr("debrief.chart.stance_title"), "stance"),
        "work": _work_view(d.work, n) if d.work is not None else None,
        "forecasts": forecasts,
        "peers": _peers_view(d.work, n) if d.work is not None else None,
    }


# From this many teams the teams' pages (their charts: about 0.7 s a team) are drawn in
# worker processes, one per core.
PARALLEL_FROM = 4


def _team_page(job: tuple[int, TeamDebrief, str]) -> dict[str, Any]:
    """A worker's entry: one team's page (``team_view``)."""
    i, d, lang = job
    return team_view(i, d, Names.of(d.team.game, lang))


def render_report(
    debriefs: Sequence[TeamDebrief],
    lang: str = "en",
    generated: datetime | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
) -> str:
    """The whole report as one HTML document. ``progress(done, total)`` counts the class page
    and each team's page; ``workers``: processes that draw the teams' pages (default: every
    core for a class of ``PARALLEL_FROM`` teams or more). The document is the same either way."""
    if not debriefs:
        raise ValueError("no teams to report on")
    total = len(debriefs) + 1
    tell = progress or (lambda done, total: None)
    tell(0, total)
    g = debriefs[0].team.game
    n = Names.of(g, lang)
    title = f"{n.tr('debrief.report.title')}: {g.scenario.title.get(lang)}"
    seeds = sorted({d.team.game.seed for d in debriefs})
    meta = n.tr(
        "debrief.report.meta",
        scenario=g.scenario.id,
        seed=", ".join(str(s) for s in seeds),
        teams=len(debriefs),
        date=(generated or datetime.now()).strftime("%Y-%m-%d %H:%M"),
    )
    env = environment()
    the_class = class_view(debriefs, n, title, meta)
    tell(1, total)
    counted = iter(range(2, total + 1))  # each team's page as it is done, in any order
    if workers is None:
        workers = available() if len(debriefs) >= PARALLEL_FROM else 1
    jobs = [(i, d, lang) for i, d in enumerate(debriefs)]
    pages = parallel_map(_team_page, jobs, workers, done=lambda _: tell(next(counted), total))
    body = env.get_template("body.html").render(class_view=the_class, teams=pages)
    return env.get_template("report.html").render(
        html_lang="zh-CN" if lang == "zh" else "en",
        title=title,
        font_css=Markup(embedded_font(title + body)),  # built here: a font name and base64
        body=Markup(body),  # rendered, and escaped, by the templates above
    )
