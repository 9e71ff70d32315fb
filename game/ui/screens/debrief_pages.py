"""The debrief screen's pages: what each section shows, laid out on a :class:`Page`.

Sentences come from the debrief's own wording (``game.present.debrief.text``)
and the numbers from its frozen results; charts are the debrief's PNGs scaled
to fit. Nothing here computes a result: it arranges what the API returned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import pygame

from game.analysis.debrief.explain import GROUPS, Explanation, ScorePart
from game.analysis.debrief.pitfalls import Evidence, Finding
from game.present import fmt
from game.present.debrief.text import (
    Names,
    belief_lines,
    curve_lines,
    finding_lines,
    outcome_line,
    person_lines,
    pp,
    price_lines,
    team_sections,
    veto_lines,
)
from game.ui.theme import (
    ACCENT,
    BAD,
    BLUE,
    BODY,
    BORDER,
    DIM,
    FAINT,
    GOLD,
    GOOD,
    GRID,
    LARGE,
    PANEL_2,
    SMALL,
    TEXT,
    WARN,
    Colour,
)
from game.ui.widgets.draw import panel
from game.ui.widgets.page import Page, Painter

if TYPE_CHECKING:
    from game.analysis.debrief.bundle import TeamDebrief
    from game.ui.screens.debrief import DebriefScreen

TOP_PEOPLE = 5
HARD_LOSS = ("vetoed", "disqualified", "over_ceiling", "no_bid", "failed")


def build(s: DebriefScreen, page: Page, d: TeamDebrief, view_h: int) -> None:
    n = Names.of(s.game, s.ctx.lang)
    {
        "outcome": outcome_page,
        "winprob": winprob_page,
        "stance": stance_page,
        "days": days_page,
        "score": score_page,
        "pitfalls": pitfalls_page,
        "beliefs": beliefs_page,
        "team": team_page,
    }[s.section](s, page, d, n, view_h)


def signed_colour(x: float, eps: float = 0.05) -> Colour:
    return GOOD if x >= eps else BAD if x <= -eps else DIM


def heading(s: DebriefScreen, page: Page, text: str, colour: Colour = TEXT) -> None:
    page.text(text, s.ctx.fs(LARGE), colour, bold=True, after=6)


def note(s: DebriefScreen, page: Page, text: str) -> None:
    page.text(text, s.ctx.fs(SMALL - 1), DIM, after=6)


def waiting_for_charts(s: DebriefScreen, page: Page) -> None:
    from game.ui.screens.debrief import progress_bar

    job = s.chart_job
    page.text(s.tr("dbw.charts_wait"), s.ctx.fs(BODY), DIM, after=10)

    def bar(surface: pygame.Surface, rect: pygame.Rect) -> None:
        progress_bar(surface, pygame.Rect(rect.x, rect.y, min(rect.w, s.ctx.px(600)), rect.h), job.fraction if job is not None else None, s.t)

    page.paint(14, bar)


def chart(s: DebriefScreen, page: Page, name: str, max_w: int, max_h: int) -> bool:
    surf = s.fitted_chart(name, max_w, max_h)
    if surf is None:
        waiting_for_charts(s, page)
        return False
    pad = s.ctx.px(6)

    def paper(surface: pygame.Surface, rect: pygame.Rect) -> None:
        pygame.draw.rect(surface, (255, 255, 255), rect, border_radius=pad)

    # White paper behind the chart (the charts are drawn for print).
    page.paint_at(pygame.Rect(page.x, page.y, surf.get_width() + 2 * pad, surf.get_height() + 2 * pad), paper)
    page.y += pad
    page.image(surf, indent=pad, after=0)
    page.y += pad + s.ctx.px(10)
    return True


# -- outcome ----------------------------------------------------------------------------------------


def part_name(p: ScorePart, n: Names) -> str:
    if p.group in ("technical_doc", "commercial"):
        return n.criteria.get(p.key, p.key)
    return n.person(p.key)


def outcome_page(s: DebriefScreen, page: Page, d: TeamDebrief, n: Names, view_h: int) -> None:
    e = d.explanation
    if e is None:
        page.text(s.tr("debrief.report.no_award"), s.ctx.fs(BODY), DIM)
        return
    e = replace(e, team=s.team_name())
    colour = GOLD if e.outcome == "won" else BAD if e.outcome in HARD_LOSS else TEXT
    page.text(outcome_line(e, n), s.ctx.fs(LARGE + 2), colour, bold=True, after=10)
    cw = page.w / s.ctx.metrics.scale
    left_w = min(640.0, cw * 0.55)
    left = page.column(0, left_w)
    right = page.column(left_w + 24, cw - left_w - 24)
    parts_table(s, left, e, n)
    people_column(s, right, e, n)
    page.join(left, right)


def parts_table(s: DebriefScreen, page: Page, e: Explanation, n: Names) -> None:
    ctx = s.ctx
    if e.rival is None:
        note(s, page, s.tr("dbw.no_rival"))
        return
    heading(s, page, s.tr("debrief.gap.head", gap=f"{e.total - e.rival_total:+.1f}", rival=n.vendor(e.rival)))
    w = page.w / ctx.metrics.scale
    cols = (w - 300, w - 210, w - 120)  # right edges of: you, rival, gap (the bar takes the rest)
    fs, fsb = ctx.fs(SMALL - 1), ctx.fs(SMALL - 1)
    row = 23
    page.line(s.tr("dbw.col.part"), fs, DIM, width=cols[0] - 90)
    page.line(s.tr("dbw.col.you"), fs, DIM, x=cols[0] - 90, width=90, right=True)
    page.line(s.tr(f"dbw.col.{e.rival_role}"), fs, DIM, x=cols[1] - 100, width=100, right=True)
    page.line(s.tr("dbw.col.gap"), fs, DIM, x=cols[2] - 90, width=90, right=True)
    page.down(row + 2)
    mine, theirs = e.group_points(), e.group_points(rival=True)
    scale = max([abs(mine[g] - theirs[g]) for g in GROUPS] + [1.0])
    for g in GROUPS:
        details = [p for p in e.parts if p.group == g and p.key and max(abs(p.points), abs(p.rival_points)) >= 0.05]
        if abs(mine[g]) < 0.05 and abs(theirs[g]) < 0.05 and not details:
            continue
        gap = mine[g] - theirs[g]
        table_row(s, page, s.tr(f"debrief.group.{g}"), mine[g], theirs[g], gap, cols, fsb, True, scale, w)
        page.down(row)
        for p in sorted(details, key=lambda p: -abs(p.gap)):
            table_row(s, page, "   " + part_name(p, n), p.points, p.rival_points, p.gap, cols, fs, False, scale, w)
            page.down(row - 2)
    page.down(2)

    def rule(surface: pygame.Surface, rect: pygame.Rect) -> None:
        pygame.draw.line(surface, BORDER, (rect.x, rect.y), (rect.right, rect.y))

    page.paint(2, rule, after=4)
    table_row(s, page, s.tr("dbw.total"), e.total, e.rival_total, e.total - e.rival_total, cols, ctx.fs(SMALL), True, scale, w)
    page.down(row + 8)


def table_row(
    s: DebriefScreen, page: Page, label: str, mine: float, theirs: float, gap: float,
    cols: tuple[float, float, float], fs: int, bold: bool, scale: float, w: float,
) -> None:
    colour = TEXT if bold else DIM
    page.line(label, fs, colour, width=cols[0] - 96, bold=bold)
    page.line(f"{mine:.1f}", fs, colour, x=cols[0] - 90, width=90, right=True, bold=bold)
    page.line(f"{theirs:.1f}", fs, colour, x=cols[1] - 90, width=90, right=True, bold=bold)
    page.line(f"{gap:+.1f}", fs, signed_colour(gap), x=cols[2] - 90, width=90, right=True, bold=bold)
    m = s.ctx.metrics
    x0 = page.x + m.px(cols[2] + 14)
    half = m.px((w - cols[2] - 14) / 2)
    y = page.y + m.px(7)

    def bar(surface: pygame.Surface, rect: pygame.Rect) -> None:
        mid = rect.x + half
        pygame.draw.line(surface, GRID, (mid, rect.y - m.px(3)), (mid, rect.bottom + m.px(3)))
        length = int(half * min(1.0, abs(gap) / scale))
        if length > 0:
            r = pygame.Rect(mid if gap > 0 else mid - length, rect.y, length, rect.h)
            pygame.draw.rect(surface, GOOD if gap > 0 else BAD, r, border_radius=m.px(2))

    page.paint_at(pygame.Rect(x0, y, 2 * half, m.px(8 if bold else 6)), bar)


def people_column(s: DebriefScreen, page: Page, e: Explanation, n: Names) -> None:
    ctx = s.ctx
    heading(s, page, s.tr("debrief.people.head"))
    for p in e.people[:TOP_PEOPLE]:
        lines = person_lines(p, e, n)
        page.text(lines[0], ctx.fs(SMALL), BAD if p.blocked_team else TEXT, bold=True, after=2)
        for line in lines[1:]:
            page.text(line, ctx.fs(SMALL - 1), DIM, indent=14, after=1)
        page.space(8)
    vetoes = veto_lines(e, n)
    if vetoes:
        heading(s, page, s.tr("dbw.veto_head"), BAD)
        for line in vetoes:
            page.text(line, ctx.fs(SMALL), BAD, after=4)
        page.space(4)
    heading(s, page, s.tr("dbw.price_head"))
    for line in price_lines(e, n):
        page.text(line, ctx.fs(SMALL), TEXT, after=4)


# -- win probability ----------------------------------------------------------------------------------


def winprob_page(s: DebriefScreen, page: Page, d: TeamDebrief, n: Names, view_h: int) -> None:
    ctx, m = s.ctx, s.ctx.metrics
    cv = d.curve
    if cv is None:
        note(s, page, s.tr("dbw.no_curve"))
        return
    cw = page.w / m.scale
    chart_w = min(760.0, cw * 0.62)
    left = page.column(0, chart_w)
    right = page.column(chart_w + 24, cw - chart_w - 24)
    chart(s, left, "winprob", left.w - m.px(12), int(view_h * 0.62))
    heading(s, right, s.tr("dbw.skill_head"))
    if cv.won is not None:
        rows = [
            (s.tr("debrief.chart.skill"), cv.skill, ACCENT),
            (s.tr("debrief.chart.dice"), float(sum(cv.dice)), FAINT),
            (s.tr("debrief.chart.award"), cv.award_luck, WARN),
        ]
        net = cv.skill + cv.luck
        split_bars(s, right, rows, net)
    for line in curve_lines(cv, n):
        right.text(line, ctx.fs(SMALL - 1), DIM, after=6)
    left.space(4)
    turn_table(s, left, d)
    page.join(left, right)


def split_bars(s: DebriefScreen, page: Page, rows: Sequence[tuple[str, float, Colour]], net: float) -> None:
    ctx, m = s.ctx, s.ctx.metrics
    f = ctx.fonts
    fs = ctx.fs(SMALL - 1)
    big = max([abs(v) for _, v, _ in rows] + [abs(net), 0.05])
    items = [*rows, (s.tr("dbw.net"), net, TEXT)]

    def draw(surface: pygame.Surface, rect: pygame.Rect) -> None:
        label_w = int(rect.w * 0.56)
        mid = rect.x + label_w + (rect.w - label_w - m.px(60)) // 2
        half = (rect.w - label_w - m.px(60)) // 2
        y = rect.y
        step = m.px(30)
        pygame.draw.line(surface, GRID, (mid, rect.y), (mid, rect.y + step * len(items)))
        for i, (label, value, colour) in enumerate(items):
            f.draw(surface, label, (rect.x, y + m.px(4)), fs, TEXT if i == len(items) - 1 else DIM, bold=i == len(items) - 1, max_width=label_w - m.px(6))
            length = int(half * abs(value) / big)
            bar = pygame.Rect(mid if value >= 0 else mid - length, y + m.px(8), max(1, length), m.px(12))
            pygame.draw.rect(surface, colour, bar, border_radius=m.px(3))
            f.draw(surface, pp(value), (rect.right, y + m.px(4)), fs, signed_colour(value, 0.005), align="right", bold=i == len(items) - 1)
            y += step

    page.paint(30 * len(items) + 4, draw, after=8)
    page.text(s.tr("dbw.skill_note"), ctx.fs(SMALL - 2), DIM, after=8)


def turn_table(s: DebriefScreen, page: Page, d: TeamDebrief) -> None:
    cv = d.curve
    assert cv is not None  # checked by the caller
    ctx = s.ctx
    heading(s, page, s.tr("dbw.turns_head"))
    fs = ctx.fs(SMALL - 1)
    w = page.w / ctx.metrics.scale
    cols = ((s.tr("dbw.col.turn"), w * 0.16), (s.tr("dbw.col.chance"), w * 0.28), (s.tr("dbw.col.move"), w * 0.28), (s.tr("dbw.col.dice"), w * 0.28))
    x = 0.0
    for label, w in cols:
        page.line(label, fs, DIM, x=x, width=w - 10, right=x > 0)
        x += w
    page.down(24)
    dec, dice = cv.decisions, cv.dice
    for i, p in enumerate(cv.points):
        cells = [
            (s.tr("dbw.start") if p.turn == 0 else str(p.turn), TEXT),
            (fmt.pct(p.p_win), ACCENT),
            (pp(dec[i - 1]) if i > 0 else "", signed_colour(dec[i - 1], 0.005) if i > 0 else DIM),
            (pp(dice[i - 1]) if i > 0 else "", DIM),
        ]
        x = 0.0
        for (text, colour), (_, w) in zip(cells, cols, strict=True):
            page.line(text, fs, colour, x=x, width=w - 10, right=x > 0)
            x += w
        page.down(22)


# -- charts --------------------------------------------------------------------------------------------


def chart_page(s: DebriefScreen, page: Page, name: str, caption: str, view_h: int) -> None:
    m = s.ctx.metrics
    note(s, page, caption)
    chart(s, page, name, page.w - m.px(12), view_h - m.px(60))


def stance_page(s: DebriefScreen, page: Page, d: TeamDebrief, n: Names, view_h: int) -> None:
    m = s.ctx.metrics
    note(s, page, s.tr("dbw.stance_note"))
    rows = -(-s.game.c.S // 4)
    # Up to two rows of people fit the view; more scroll (the text would get too small).
    limit = view_h - m.px(60) if rows <= 2 else int((view_h - m.px(60)) * rows / 2.2)
    chart(s, page, "stance", page.w - m.px(12), limit)


def days_page(s: DebriefScreen, page: Page, d: TeamDebrief, n: Names, view_h: int) -> None:
    chart_page(s, page, "resources", s.tr("dbw.days_note"), view_h)


def score_page(s: DebriefScreen, page: Page, d: TeamDebrief, n: Names, view_h: int) -> None:
    chart_page(s, page, "score", s.tr("dbw.score_note"), view_h)


# -- pitfalls ----------------------------------------------------------------------------------------------


def evidence_text(s: DebriefScreen, ev: Evidence, n: Names) -> str:
    person = n.person(ev.stakeholder)
    if ev.action:
        return s.tr(
            "dbw.ev.action",
            turn=ev.turn,
            action=n.action(ev.action),
            n=fmt.number(ev.amount),
            person=person,
            status=s.tr(f"status.{ev.status}") if ev.status else "",
        )
    if ev.status in ("peak", "decayed", "final"):
        value = fmt.pct(ev.value) if ev.status != "decayed" else fmt.points(-ev.value)
        return s.tr(f"dbw.ev.{ev.status}", turn=ev.turn, person=person, value=value)
    return s.tr("dbw.ev.days", person=person, n=fmt.number(ev.value))


def pitfalls_page(s: DebriefScreen, page: Page, d: TeamDebrief, n: Names, view_h: int) -> None:
    ctx = s.ctx
    if not d.pitfalls:
        page.text(s.tr("debrief.pitfalls.none"), ctx.fs(LARGE), GOOD, bold=True)
        note(s, page, s.tr("dbw.pitfalls_none_note"))
        return
    note(s, page, s.tr("dbw.pitfalls_note", n=len(d.pitfalls)))
    for f in d.pitfalls:
        finding_card(s, page, f, n)
        page.space(10)


def finding_card(s: DebriefScreen, page: Page, f: Finding, n: Names) -> None:
    ctx, m = s.ctx, s.ctx.metrics
    title, what, better = finding_lines(f, n, s.game)
    start = len(page.ops)
    top = page.y
    page.space(10)
    inner = page.column(22, page.w / m.scale - 36)
    inner.text(title, ctx.fs(LARGE), BAD, bold=True, after=4)
    inner.text(what, ctx.fs(SMALL + 1), TEXT, after=4)
    if f.evidence:
        items = [evidence_text(s, ev, n) for ev in f.evidence[:8]]
        more = len(f.evidence) - len(items)
        text = s.tr("dbw.evidence", items=s.tr("list.sep").join(items))
        if more > 0:
            text += s.tr("dbw.more", n=more)
        inner.text(text, ctx.fs(SMALL - 1), DIM, after=4)
    inner.text(better, ctx.fs(SMALL + 1), GOOD, after=10)
    page.join(inner)
    rect = pygame.Rect(page.x, top, page.w, page.y - top)

    def card(surface: pygame.Surface, r: pygame.Rect) -> None:
        panel(surface, r, PANEL_2, BORDER, m.px(8), 1)
        pygame.draw.rect(surface, BAD, pygame.Rect(r.x, r.y + m.px(8), m.px(6), r.h - m.px(16)), border_radius=m.px(3))

    page.paint_at(rect, card, index=start)


# -- beliefs ------------------------------------------------------------------------------------------------


def beliefs_page(s: DebriefScreen, page: Page, d: TeamDebrief, n: Names, view_h: int) -> None:
    ctx, m = s.ctx, s.ctx.metrics
    r = d.beliefs
    if r is None:
        page.text(s.tr("dbw.beliefs_none"), ctx.fs(BODY), DIM)
        return
    for line in belief_lines(r, n):
        page.text(line, ctx.fs(SMALL), TEXT, after=4)
    by_turn = r.by_turn()
    if by_turn:
        items = [s.tr("dbw.err_turn", turn=t, err=f"{e * 100:.0f}") for t, e in by_turn]
        note(s, page, s.tr("dbw.err_by_turn", items=s.tr("list.sep").join(items)))
    page.space(6)
    heading(s, page, s.tr("dbw.map_head"))
    w = page.w / m.scale
    fs = ctx.fs(SMALL)
    name_w, track_w = 230.0, min(400.0, w - 230 - 460)
    col_err = name_w + track_w + 20
    col_top = col_err + 90
    page.line(s.tr("dbw.col.person"), fs, DIM, width=name_w - 10)
    page.line(s.tr("dbw.col.estimate_truth"), fs, DIM, x=name_w, width=track_w)
    page.line(s.tr("dbw.col.error"), fs, DIM, x=col_err, width=80, right=True)
    page.line(s.tr("dbw.col.top"), fs, DIM, x=col_top + 10, width=w - col_top - 10)
    page.down(26)
    order = {sid: i for i, sid in enumerate(s.game.c.stakeholder_ids)}
    latest = sorted(r.latest.values(), key=lambda c: order.get(c.stakeholder, 0))
    for ch in latest:
        page.line(n.person(ch.stakeholder), fs, TEXT, width=name_w - 10)
        track = pygame.Rect(page.x + m.px(name_w), page.y + m.px(7), m.px(track_w), m.px(10))
        page.paint_at(track, _dot_plot(s, ch.stance, ch.true_stance))
        if ch.error is not None:
            page.line(pp(ch.error), fs, BAD if abs(ch.error) >= 0.1 else TEXT, x=col_err, width=80, right=True)
        if ch.top is not None:
            mark = "✓" if ch.top_hit else "×"
            text = s.tr("dbw.top_vs", mine=n.criteria.get(ch.top, ch.top), truth=n.criteria.get(ch.true_top, ch.true_top), mark=mark)
            page.line(text, fs, GOOD if ch.top_hit else WARN, x=col_top + 10, width=w - col_top - 10)
        else:
            page.line(s.tr("dbw.top_truth", truth=n.criteria.get(ch.true_top, ch.true_top)), fs, FAINT, x=col_top + 10, width=w - col_top - 10)
        page.down(32)
    page.space(6)
    legend(s, page)


def _dot_plot(s: DebriefScreen, belief: float | None, truth: float) -> Painter:
    m = s.ctx.metrics

    def draw(surface: pygame.Surface, rect: pygame.Rect) -> None:
        pygame.draw.rect(surface, PANEL_2, rect, border_radius=rect.h // 2)
        for q in (0.25, 0.5, 0.75):
            x = rect.x + int(rect.w * q)
            pygame.draw.line(surface, GRID, (x, rect.y), (x, rect.bottom - 1))
        cy = rect.centery
        tx = rect.x + int(rect.w * max(0.0, min(1.0, truth)))
        if belief is not None:
            bx = rect.x + int(rect.w * max(0.0, min(1.0, belief)))
            pygame.draw.line(surface, WARN, (min(bx, tx), cy), (max(bx, tx), cy), m.px(3))
            pygame.draw.circle(surface, BLUE, (bx, cy), m.px(7))
        pygame.draw.circle(surface, GOLD, (tx, cy), m.px(6))
        pygame.draw.circle(surface, (20, 28, 38), (tx, cy), m.px(6), max(1, m.px(2)))

    return draw


def legend(s: DebriefScreen, page: Page) -> None:
    ctx, m, f = s.ctx, s.ctx.metrics, s.ctx.fonts
    fs = ctx.fs(SMALL - 2)

    def draw(surface: pygame.Surface, rect: pygame.Rect) -> None:
        x, y = rect.x, rect.y
        for colour, key in ((BLUE, "dbw.legend.estimate"), (GOLD, "dbw.legend.truth")):
            pygame.draw.circle(surface, colour, (x + m.px(7), y + m.px(9)), m.px(6))
            r = f.draw(surface, s.tr(key), (x + m.px(18), y), fs, DIM)
            x = r.right + m.px(20)

    page.paint(22, draw)


# -- the team: forecasts and how the roles worked ------------------------------------------------------


def team_page(s: DebriefScreen, page: Page, d: TeamDebrief, n: Names, view_h: int) -> None:
    """The team's forecasts against the model and the outcome, and how its roles worked (the
    terminal debrief's and the report's sentences; peer reviews are the trainer's report only)."""
    ctx = s.ctx
    sections = team_sections(d, n, peers=False)
    if not sections:
        page.text(s.tr("dbw.team_none"), ctx.fs(BODY), DIM)
        return
    for key, lines in sections:
        heading(s, page, s.tr(f"debrief.section.{key}"))
        for line in lines:
            page.text(line, ctx.fs(SMALL), TEXT, after=4)
        page.space(8)
