"""The class report: one self-contained, printable HTML file.

A class overview page (comparison table, win probability of every team,
skill and luck, pitfall counts, how to read it) followed by one page per
team (the explained outcome, win probability, pitfalls, the best single
change when it was searched, the team's map against the truth, charts).
Charts are embedded as base64 PNG and the CSS is inline, so the file can be
e-mailed or shown on a wall screen; @media print puts each page on its own
sheet.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from datetime import datetime

from matplotlib.figure import Figure

from game.analysis.debrief.bundle import TeamDebrief
from game.analysis.debrief.pitfalls import KINDS
from game.present.debrief import charts
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

CSS = """
:root { --ink: #1d2733; --muted: #5b6776; --line: #d8dee6; --won: #2e7d32; --lost: #b23b3b; --accent: #1f5f99; }
* { box-sizing: border-box; }
body { font-family: "TG Sans", "Noto Sans SC", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "Segoe UI", Arial, sans-serif;
       color: var(--ink); margin: 0; background: #eef1f5; font-size: 14px; line-height: 1.45; }
.page { background: white; max-width: 1120px; margin: 18px auto; padding: 26px 32px; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 0 0 8px; display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
h3 { font-size: 15px; margin: 16px 0 6px; color: var(--accent); border-bottom: 1px solid var(--line); padding-bottom: 2px; }
p { margin: 4px 0; }
.meta { color: var(--muted); margin-bottom: 12px; }
nav { margin: 8px 0 4px; color: var(--muted); }
nav a { color: var(--accent); margin-right: 10px; text-decoration: none; }
.badge { font-size: 13px; padding: 2px 10px; border-radius: 12px; color: white; font-weight: 600; }
.badge.won { background: var(--won); } .badge.lost { background: var(--lost); } .badge.pending { background: var(--muted); }
.vendor { color: var(--muted); font-weight: normal; font-size: 16px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: right; white-space: nowrap; }
th { background: #f4f6f9; font-weight: 600; }
td.l, th.l { text-align: left; }
tr.won td { background: #eef7ee; }
.kpis { display: flex; gap: 10px; flex-wrap: wrap; margin: 6px 0 8px; }
.kpi { border: 1px solid var(--line); border-radius: 6px; padding: 5px 12px; min-width: 120px; }
.kpi .v { font-size: 18px; font-weight: 700; } .kpi .k { color: var(--muted); font-size: 12px; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 18px; align-items: start; }
.cols > div { min-width: 0; }
ul { margin: 4px 0; padding-left: 18px; } li { margin: 2px 0; }
li .sub { color: var(--muted); display: block; }
.pit { margin: 6px 0; } .pit b { color: var(--lost); } .pit .better { color: var(--won); }
.none { color: var(--won); }
img { width: 100%; height: auto; display: block; margin: 4px 0; }
img.stance { max-width: 100%; }
.method { color: var(--muted); font-size: 12px; margin-top: 12px; }
.count { font-weight: 700; color: var(--lost); } .zero { color: #b8c0ca; }
@page { size: A4; margin: 10mm; }
@media print {
  body { background: white; font-size: 10.5px; }
  .page { box-shadow: none; margin: 0; padding: 0; max-width: none; page-break-after: always; break-after: page; }
  .page:last-child { page-break-after: auto; break-after: auto; }
  nav { display: none; }
  h1 { font-size: 18px; } h2 { font-size: 15px; } h3 { font-size: 12px; margin-top: 8px; }
  table { font-size: 9.5px; } .kpi .v { font-size: 13px; } .kpi { padding: 3px 8px; min-width: 90px; }
  img { break-inside: avoid; max-height: 52mm; width: auto; max-width: 100%; }
  img.stance { max-height: 64mm; margin: 0 auto; }
  img.res { max-height: 38mm; }
  .keep { break-inside: avoid; }
  .page.team { zoom: 0.86; }
  li .sub { font-size: 9.5px; } li { margin: 1px 0; } p { margin: 2px 0; }
  .cols { gap: 10px; }
}
"""


FONT_FAMILY = "TG Sans"


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


def _e(s: object) -> str:
    return html.escape(str(s), quote=True)


def _img(fig: Figure, alt: str, cls: str = "") -> str:
    data = base64.b64encode(charts.png_bytes(fig, dpi=110)).decode("ascii")
    klass = f' class="{cls}"' if cls else ""
    return f'<img{klass} alt="{_e(alt)}" src="data:image/png;base64,{data}">'


def _ul(lines: Sequence[str]) -> str:
    if not lines:
        return ""
    return "<ul>" + "".join(f"<li>{_e(x.strip())}</li>" for x in lines) + "</ul>"


def _anchor(i: int) -> str:
    return f"team-{i + 1}"


def _outcome_key(d: TeamDebrief) -> str:
    return d.explanation.outcome if d.explanation is not None else "pending"


def _badge(d: TeamDebrief, n: Names) -> str:
    key = _outcome_key(d)
    if key == "pending":
        return '<span class="badge pending">…</span>'
    cls = "won" if key == "won" else "lost"
    return f'<span class="badge {cls}">{_e(n.tr(f"debrief.report.outcome.{key}"))}</span>'


# -- the class page ------------------------------------------------------------------------------


def class_page(debriefs: Sequence[TeamDebrief], n: Names, title: str, meta: str) -> str:
    rows = []
    for i, d in enumerate(debriefs):
        tg = d.team
        res = tg.game.result.vendor(tg.vendor) if tg.game.result is not None else None
        cv = d.curve
        won = res is not None and res.won
        cells = [
            f'<td class="l"><a href="#{_anchor(i)}">{_e(tg.team)}</a></td>',
            f'<td class="l">{_e(n.vendor(tg.vendor))}</td>',
            f'<td class="l">{_e(n.tr("debrief.report.outcome." + _outcome_key(d))) if res else "-"}</td>',
            f"<td>{_e(n.money(res.bid)) if res and res.bid is not None else '-'}</td>",
            f"<td>{res.total:.1f}</td>" if res else "<td>-</td>",
            f"<td>{res.rank if res and res.rank is not None else '-'}</td>",
            f"<td>{pct(res.win_probability)}</td>" if res else "<td>-</td>",
            f"<td>{_e(n.money(res.result))}</td>" if res else "<td>-</td>",
            f"<td>{_e(n.money(res.expected_result))}</td>" if res else "<td>-</td>",
            f"<td>{pp(cv.skill)}</td>" if cv and cv.won is not None else "<td>-</td>",
            f"<td>{pp(cv.luck)}</td>" if cv and cv.won is not None else "<td>-</td>",
            f"<td>{len(d.pitfalls)}</td>",
        ]
        rows.append(f'<tr class="{"won" if won else ""}">' + "".join(cells) + "</tr>")
    heads = ["team", "vendor", "outcome", "bid", "total", "rank", "p_win", "result", "expected", "skill", "luck", "pitfalls"]
    head = "".join(
        f'<th class="{"l" if h in ("team", "vendor", "outcome") else ""}">{_e(n.tr("debrief.report.col." + h))}</th>'
        for h in heads
    )
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    curves = [d.curve for d in debriefs if d.curve is not None]
    pit_head = "".join(f"<th>{_e(n.tr(f'pitfall.{k}.short'))}</th>" for k in KINDS)
    pit_rows = []
    for i, d in enumerate(debriefs):
        kinds = {f.kind for f in d.pitfalls}
        marks = "".join(
            '<td class="count">●</td>' if k in kinds else '<td class="zero">·</td>' for k in KINDS
        )
        pit_rows.append(f'<tr><td class="l"><a href="#{_anchor(i)}">{_e(d.team.team)}</a></td>{marks}</tr>')
    totals = "".join(f"<th>{sum(1 for d in debriefs if any(f.kind == k for f in d.pitfalls))}</th>" for k in KINDS)
    pit_table = (
        f'<table><thead><tr><th class="l">{_e(n.tr("debrief.report.col.team"))}</th>{pit_head}</tr></thead>'
        f'<tbody>{"".join(pit_rows)}<tr><th class="l">Σ</th>{totals}</tr></tbody></table>'
    )
    figs = charts.class_figures(debriefs, n.lang)
    charts_html = ""
    if figs:
        charts_html = (
            '<div class="cols"><div>'
            + _img(figs["winprob"], n.tr("debrief.chart.wp_title"))
            + "</div><div>"
            + _img(figs["luck"], n.tr("debrief.chart.luck_title"))
            + "</div></div>"
        )
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
    nav = " ".join(f'<a href="#{_anchor(i)}">{_e(d.team.team)}</a>' for i, d in enumerate(debriefs))
    return (
        '<section class="page class-view" id="class">'
        f"<h1>{_e(title)}</h1><p class=\"meta\">{_e(meta)}</p><nav>{nav}</nav>"
        f"<h3>{_e(n.tr('debrief.report.class'))}</h3>{table}{charts_html}"
        f"<h3>{_e(n.tr('debrief.report.pitfall_counts'))}</h3>{pit_table}"
        f'<p class="method">{_e(method)}</p></section>'
    )


# -- a team's page ---------------------------------------------------------------------------------


def _kpis(d: TeamDebrief, n: Names) -> str:
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
    return '<div class="kpis">' + "".join(
        f'<div class="kpi"><div class="v">{_e(v)}</div><div class="k">{_e(k)}</div></div>' for k, v in items
    ) + "</div>"


def _explanation_html(d: TeamDebrief, n: Names, people: int = 2) -> tuple[str, str]:
    """(why: outcome, score gaps and people; price: vetoes and the price effect)."""
    e = d.explanation
    if e is None:
        return f"<p>{_e(n.tr('debrief.report.no_award'))}</p>", ""
    parts = [f"<p><b>{_e(outcome_line(e, n))}</b></p>"]
    gaps = gap_lines(e, n)
    if gaps:
        parts.append(f"<p>{_e(gaps[0])}</p>" + _ul(gaps[1:]))  # every part: they add up to the gap
    if e.people:
        items = []
        for p in e.people[:people]:
            lines = person_lines(p, e, n)
            sub = "".join(f'<span class="sub">{_e(x)}</span>' for x in lines[1:])
            items.append(f"<li>{_e(lines[0])}{sub}</li>")
        parts.append(f"<p>{_e(n.tr('debrief.people.head'))}</p><ul>{''.join(items)}</ul>")
    price = "".join(f"<p>{_e(line)}</p>" for line in veto_lines(e, n) + price_lines(e, n))
    return "".join(parts), price


def _pitfalls_html(d: TeamDebrief, n: Names) -> str:
    if not d.pitfalls:
        return f'<p class="none">{_e(n.tr("debrief.pitfalls.none"))}</p>'
    out = []
    g = d.team.game
    for f in d.pitfalls:
        title, what, better = finding_lines(f, n, g)
        out.append(
            f'<div class="pit"><b>{_e(title)}</b> — {_e(what)}<br><span class="better">{_e(better)}</span></div>'
        )
    return "".join(out)


def team_page(i: int, d: TeamDebrief, n: Names) -> str:
    tg = d.team
    g = tg.game
    why, price = _explanation_html(d, n)
    figs = charts.team_figures(d, n.lang)
    top_left = [f"<h3>{_e(n.tr('debrief.section.outcome'))}</h3>", why, price]
    top_right = []
    if "score" in figs:
        top_right.append(_img(figs["score"], n.tr("debrief.chart.score_title")))
    if "winprob" in figs:
        top_right.append(_img(figs["winprob"], n.tr("debrief.chart.wp_title")))
    if d.curve is not None:
        top_right.append(_ul(curve_lines(d.curve, n)))
    low_left = [f"<h3>{_e(n.tr('debrief.section.pitfalls'))}</h3>", _pitfalls_html(d, n)]
    low_left.append(f"<h3>{_e(n.tr('debrief.section.beliefs'))}</h3>")
    low_left.append(_ul(belief_lines(d.beliefs, n)))
    low_right = []
    if d.search is not None:
        low_right.append(f"<h3>{_e(n.tr('debrief.section.change'))}</h3>")
        lines = search_lines(d.search, n, g, tg.vendor)
        low_right.append(f"<p>{_e(lines[0])}</p>" + _ul(lines[1:]))
    low_right.append(_img(figs["resources"], n.tr("debrief.chart.resources_title"), "res"))
    return (
        f'<section class="page team" id="{_anchor(i)}">'
        f'<h2>{_e(tg.team)} <span class="vendor">{_e(n.vendor(tg.vendor))}</span> {_badge(d, n)}</h2>'
        + _kpis(d, n)
        + f'<div class="cols"><div>{"".join(top_left)}</div><div>{"".join(top_right)}</div></div>'
        + f'<div class="cols"><div>{"".join(low_left)}</div><div>{"".join(low_right)}</div></div>'
        + f'<div class="keep"><h3>{_e(n.tr("debrief.chart.stance_title"))}</h3>'
        + _img(figs["stance"], n.tr("debrief.chart.stance_title"), "stance")
        + "</div></section>"
    )


def render_report(debriefs: Sequence[TeamDebrief], lang: str = "en", generated: datetime | None = None) -> str:
    """The whole report as one HTML document."""
    if not debriefs:
        raise ValueError("no teams to report on")
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
    pages = [class_page(debriefs, n, title, meta)]
    pages.extend(team_page(i, d, Names.of(d.team.game, lang)) for i, d in enumerate(debriefs))
    body = "\n".join(pages)
    font = embedded_font(title + body)
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{_e(title)}</title>\n'
        f"<style>{font}{CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
