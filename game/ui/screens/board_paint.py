"""The board's layout, widgets and drawing (kept apart from its decisions in board.py).

Regions are in logical units (1440x810). The static drawing goes into the
screen's cached layer and is redone only when something changed; ``draw_live``
adds the few things that move (status line, guide highlight).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.engine.game import DAY_RESOURCES
from game.present import advice, events, fmt, words
from game.scenario.schema import ACTION_IDS
from game.session.roles import RESOURCE
from game.ui.screens import board_team as bt
from game.ui.theme import (
    ACCENT,
    BAD,
    BG_2,
    BODY,
    BORDER,
    DIM,
    FAINT,
    GOLD,
    GOOD,
    H2,
    PANEL,
    PANEL_2,
    RANGE,
    SMALL,
    TEXT,
    VETO,
    WARN,
)
from game.ui.widgets.cards import empty_card, person_card
from game.ui.widgets.draw import arrow, meter, panel
from game.ui.widgets.icons import icon
from game.ui.widgets.orgchart import Box, draw_edges, draw_node, planned_counts

if TYPE_CHECKING:
    from game.ui.screens.board import BoardScreen

TOP_H = 60
CHART = Box(12, 70, 860, 470)
CHART_NODES = Box(CHART.x + 8, CHART.y + 26, CHART.w - 16, CHART.h - 30)
LEGEND_Y = 546
TIMELINE = (12, 578, 860, 64)
# The panels under the timeline: rows are spaced for the font's line height at the smallest window
# (1280x720, where a 15-point label is 13 px and its line 19 px, 21 logical units).
RES = (12, 650, 404, 150)
RES_ROW = 22
PLAN = (426, 650, 446, 150)
PLAN_ROW = 26
RX, RW = 884, 544
CARD = (RX, 70, RW, 286)
ACT_Y = 364
ACT_ROW = 40
ACT_COLS = 3
AMOUNT_Y = ACT_Y + 3 * ACT_ROW + 4
COST_Y = AMOUNT_Y + 44  # the cost of the allocation being prepared: its own line, the panel's width
PREVIEW = (RX, COST_Y + 26, RW, 740 - 8 - COST_Y - 26)
FORECAST = (RX, 740, 300, 60)  # the team's forecast: chance to win (%), the price it expects to bid
END = (RX + 310, 740, RW - 310, 60)
PLAN_ROWS = 4


def build_widgets(s: BoardScreen) -> None:
    lang = s.ctx.lang
    # Top bar.
    x = 1428 - 6 * 110 - 5 * 8
    items = [
        (s.tr("board.report"), s.tr("board.report.tip"), s.show_report, None),
        (s.tr("board.brief"), s.tr("board.brief.tip"), s.show_briefing, None),
        (s.tr("board.guide"), s.tr("board.guide.tip"), s.start_guide, None),
        (s.tr("board.help"), s.tr("board.help.tip"), s.app.toggle_help, None),
        ("English" if lang == "zh" else "中文", s.tr("board.lang.tip"), lambda: s.app.set_lang("en" if lang == "zh" else "zh"), None),
        (s.tr("board.leave"), s.tr("board.leave.tip"), s.leave, "#danger"),
    ]
    for i, (text, tip, cmd, oid) in enumerate(items):
        b = s.button((x + i * 118, 10, 110, 40), text, tip, cmd, oid=oid or "#small")
        if cmd == s.show_report and s.vid not in s.match.reports:
            b.disable()
    # People: invisible buttons over the drawn nodes (click, tooltip).
    for p in s.views():
        box = s.boxes[p.id]
        tip = s.tr("board.node.tip", name=p.name.get(lang), role=words.role_name(p.role, lang))
        if p.can_coach and not p.coach:
            tip += "\n" + words.coach_how(s.scenario, lang)
        s.button((box.x, box.y, box.w, box.h), "", tip, partial(s.select_person, p.id), oid="#hotspot")
    # Timeline hot spots.
    for turn, (cx, tip) in timeline_spots(s).items():
        del turn
        s.button((cx - 18, TIMELINE[1] + 14, 36, 36), "", tip, None, oid="#hotspot")
    # Actions.
    s.action_buttons = {}
    closed = s.person(s.selected).closed  # a pool seat nobody may meet: no action reaches them
    w = (RW - 8 * (ACT_COLS - 1)) / ACT_COLS
    for i, aid in enumerate(ACTION_IDS):
        col, row = i % ACT_COLS, i // ACT_COLS
        cost = words.cost_text(s.game.cost_of(aid), s.scenario, lang)
        tip = f"{s.tr('action.' + aid + '.what')}\n{s.tr('board.cost_per_unit', cost=cost)}"
        b = s.button(
            (RX + col * (w + 8), ACT_Y + row * ACT_ROW, w, ACT_ROW - 4),
            f"{i + 1} {words.action_name(aid, lang)}",
            tip,
            partial(s.choose_action, aid),
            enabled=not closed,
        )
        if aid == s.action:
            b.select()
        s.action_buttons[aid] = b
    s.button((RX, AMOUNT_Y, 44, 40), "−", s.tr("board.less.tip"), lambda: s.change_amount(-1))
    s.button((RX + 104, AMOUNT_Y, 44, 40), "+", s.tr("board.more.tip"), lambda: s.change_amount(1))
    s.add_button = s.button(
        (RX + RW - 170, AMOUNT_Y, 170, 40),
        s.tr("board.add"),
        s.tr("board.add.tip"),
        s.add,
        oid="#primary",
        enabled=s.problem is None,
    )
    s.plan_elements = build_plan_widgets(s)
    fx, fy, _, _ = FORECAST
    s.forecast.build(s, (fx, fy + 20, 86, 40), (fx + 92, fy + 20, 208, 40))
    s.button(END, s.tr("board.end"), s.tr("board.end.tip"), s.end_turn, oid="#primary")


def build_plan_widgets(s: BoardScreen) -> list[pygame_gui.elements.UIButton]:
    """The plan's buttons (undo, clear, remove one): rebuilt alone when the plan changes."""
    px, py, pw, _ = PLAN
    plan = s.pending()
    out = [
        s.button((px + pw - 196, py, 100, 30), s.tr("board.undo"), s.tr("board.undo.tip"), s.undo, oid="#small", enabled=bool(plan)),
        s.button((px + pw - 90, py, 90, 30), s.tr("board.clear"), s.tr("board.clear.tip"), s.clear_plan, oid="#small", enabled=bool(plan)),
    ]
    first = max(0, len(plan) - 2 * PLAN_ROWS)
    for slot, i in enumerate(range(first, len(plan))):
        rx, ry = plan_slot(slot, len(plan))
        tip = s.tr("board.remove.tip", item=s.item_text(plan[i]))
        out.append(s.button((rx + plan_col_w(len(plan)) - 30, ry, 26, 24), "×", tip, partial(s.remove, i), oid="#small"))
    return out


def plan_col_w(n: int) -> float:
    """One wide column for a short plan, two for a long one."""
    return PLAN[2] if n <= PLAN_ROWS else PLAN[2] / 2


def plan_slot(slot: int, n: int = 2 * PLAN_ROWS) -> tuple[float, float]:
    px, py, _, _ = PLAN
    col, row = slot // PLAN_ROWS, slot % PLAN_ROWS
    return px + col * plan_col_w(n), py + 36 + row * PLAN_ROW


def timeline_spots(s: BoardScreen) -> dict[int, tuple[float, str]]:
    """Turn -> (centre x, tooltip) for the timeline."""
    g, lang = s.game, s.ctx.lang
    n = s.scenario.turns
    x0, _, w, _ = TIMELINE
    step = (w - 150) / max(1, n)
    out: dict[int, tuple[float, str]] = {}
    for turn in range(1, n + 1):
        cx = x0 + 24 + (turn - 0.5) * step
        lines = [s.tr("timeline.turn", turn=turn)]
        if turn == g.pub_turn:
            lines.append(s.tr("timeline.pub"))
        if turn < g.turn and turn <= len(g.records):
            for ev in g.records[turn - 1].events:
                if not ev.secret:
                    lines.append("• " + events.describe_event(g, ev, s.vid, lang))
        if turn == g.turn:
            lines.append(s.tr("timeline.now"))
        out[turn] = (cx, "\n".join(lines))
    out[n + 1] = (x0 + 24 + n * step + 40, s.tr("timeline.bid", turn=n))
    return out


# -- painting ------------------------------------------------------------------------------------


def paint_board(s: BoardScreen, surface: pygame.Surface) -> None:
    ctx = s.ctx
    m, f, lang = ctx.metrics, ctx.fonts, ctx.lang
    g, sc = s.game, s.scenario
    surface.fill(BG_2, m.rect(0, 0, m.lw, TOP_H))
    turn_name = sc.turn_name.get(lang) if sc.turn_name is not None else None
    vendor = words.vendor_name(sc, s.vid, lang)
    if turn_name:
        head = s.tr("turn.title_named", turn=g.turn, turns=sc.turns, name=turn_name, vendor=vendor)
    else:
        head = s.tr("turn.title", turn=g.turn, turns=sc.turns, vendor=vendor)
    f.draw(surface, head, (m.px(14), m.px(4)), ctx.fs(H2 - 2), TEXT, bold=True, max_width=m.px(690))
    if g.published:
        sub = s.tr("board.sub_published", turn=g.pub_turn)
    else:
        sub = s.tr("board.sub_before", turn=g.pub_turn, n=g.pub_turn - g.turn)
    if g.turn >= sc.turns:
        sub = s.tr("board.sub_last") + "  ·  " + sub
    f.draw(surface, sub, (m.px(14), m.px(35)), ctx.fs(SMALL - 1), DIM, max_width=m.px(690))

    # The committee.
    area = m.rect(CHART.x, CHART.y, CHART.w, CHART.h)
    panel(surface, area, (24, 33, 44), None, m.px(10), 0)
    f.draw(surface, s.tr("board.committee"), (area.x + m.px(10), area.y + m.px(6)), ctx.fs(SMALL), DIM)
    draw_edges(surface, s.routes, m, s.selected)
    counts = planned_counts(s.pending())
    for p in s.views():
        draw_node(surface, f, m, s.boxes[p.id], p, lang, selected=p.id == s.selected, planned=counts.get(p.id, 0))
    paint_legend(s, surface)
    paint_timeline(s, surface)
    paint_resources(s, surface)
    paint_plan(s, surface)
    # The selected person and the action being prepared.
    card = m.rect(*CARD)
    sid = s.selected
    chosen = next((x for x in s.views() if x.id == sid), None)
    if chosen is None:
        empty_card(surface, f, m, card, lang)
    else:
        sh = sc.stakeholders[sc.stakeholder_index(sid)]
        bio = "" if chosen.replaced or sh.bio is None else sh.bio.get(lang)
        notes = [
            (words.pool_text(g, chosen, lang), WARN),
            (words.intro_text(g, s.vid, chosen, lang), GOOD),
            (words.ways_in_text(g, s.vid, chosen, lang), ACCENT),
        ]
        person_card(surface, f, m, card, chosen, sc, lang, bio, [(text, c) for text, c in notes if text])
    amount = m.rect(RX + 48, AMOUNT_Y, 52, 40)
    f.draw(surface, str(s.amount), (amount.centerx, amount.y + m.px(5)), ctx.fs(H2), TEXT, bold=True, align="center")
    cost = s.tr("board.costs", cost=words.cost_text(g.cost_of(s.action, s.amount), sc, lang))
    f.draw(surface, cost, (m.px(RX + 4), m.px(COST_Y)), ctx.fs(SMALL), DIM, max_width=m.px(RW - 8))
    paint_preview(s, surface)
    s.forecast.paint_label(s, surface, (FORECAST[0] + 2, FORECAST[1] - 1), FORECAST[2], s.tr("fcu.label"))
    bt.paint_members_label(s, surface)


def paint_legend(s: BoardScreen, surface: pygame.Surface) -> None:
    ctx = s.ctx
    m, f = ctx.metrics, ctx.fonts
    x, y = m.px(CHART.x + 8), m.px(LEGEND_Y)
    size = m.px(16)
    fs = ctx.fs(SMALL - 2)
    marks = [("veto", VETO, "legend.veto"), ("panel", (200, 210, 225), "legend.panel"), ("coach", GOLD, "legend.coach")]
    if any(p.closed for p in s.views()):
        marks.insert(0, ("lock", WARN, "legend.pool"))
    for name, colour, key in marks:
        surface.blit(icon(name, size, colour), (x, y + m.px(1)))
        r = f.draw(surface, s.tr(key), (x + size + m.px(4), y), fs, DIM)
        x = r.right + m.px(14)
    arrow(surface, (x, y + m.px(9)), (x + m.px(30), y + m.px(9)), FAINT, m.px(2), m.px(9))
    r = f.draw(surface, s.tr("legend.listens"), (x + m.px(36), y), fs, DIM)
    x = r.right + m.px(14)
    pygame.draw.rect(surface, RANGE, pygame.Rect(x, y + m.px(5), m.px(26), m.px(7)), border_radius=m.px(3))
    r = f.draw(surface, s.tr("legend.stance"), (x + m.px(32), y), fs, DIM)
    x = r.right + m.px(14)
    pygame.draw.circle(surface, WARN, (x + m.px(8), y + m.px(9)), m.px(8))
    f.draw(surface, s.tr("legend.planned"), (x + m.px(20), y), fs, DIM, max_width=m.px(CHART.x + CHART.w) - x - m.px(20))


def paint_timeline(s: BoardScreen, surface: pygame.Surface) -> None:
    ctx = s.ctx
    m, f, g = ctx.metrics, ctx.fonts, s.game
    box = m.rect(*TIMELINE)
    panel(surface, box, PANEL, BORDER, m.px(10), 1)
    title = s.tr("timeline.title") + "  ·  " + s.tr("turn.bids_due", turn=s.scenario.turns)
    f.draw(surface, title, (box.x + m.px(10), box.y + m.px(4)), ctx.fs(SMALL - 2), DIM)
    spots = timeline_spots(s)
    cy = box.y + m.px(38)
    n = s.scenario.turns
    xs = [m.px(spots[t][0]) for t in range(1, n + 2)]
    pygame.draw.line(surface, BORDER, (xs[0], cy), (xs[-1], cy), m.px(3))
    rad = m.px(13)
    for turn in range(1, n + 1):
        x = xs[turn - 1]
        past, now = turn < g.turn, turn == g.turn
        fill = ACCENT if now else (PANEL_2 if past else PANEL)
        pygame.draw.circle(surface, fill, (x, cy), rad)
        pygame.draw.circle(surface, ACCENT if now else BORDER, (x, cy), rad, max(1, m.px(2)))
        f.draw(surface, str(turn), (x, cy - m.px(11)), ctx.fs(SMALL - 1), TEXT if not past else DIM, bold=now, align="center")
        if turn == g.pub_turn:
            surface.blit(icon("flag", m.px(18), WARN), (x + rad - m.px(4), cy - rad - m.px(14)))
        if past and turn <= len(g.records) and any(not e.secret for e in g.records[turn - 1].events):
            # Below the circle's left edge: above it the icon would cover the timeline's title.
            surface.blit(icon("event", m.px(16), GOLD), (x - rad - m.px(10), cy + rad - m.px(8)))
    surface.blit(icon("bid", m.px(26), GOLD), (xs[-1] - m.px(13), cy - m.px(13)))


def paint_resources(s: BoardScreen, surface: pygame.Surface) -> None:
    ctx = s.ctx
    m, f, sc, lang = ctx.metrics, ctx.fonts, s.scenario, ctx.lang
    box = m.rect(*RES)
    panel(surface, box, PANEL, BORDER, m.px(10), 1)
    f.draw(surface, s.tr("board.left_title"), (box.x + m.px(10), box.y + m.px(5)), ctx.fs(SMALL), DIM)
    res = sc.vendors[sc.vendor_index(s.vid)].resources
    left = s.game.remaining(s.vid)
    y = box.y + m.px(30)
    crew = s.match.crew
    who = {RESOURCE[role]: fmt.join_list(names, lang) for role, names in crew.left_by_role()} if crew is not None else {}
    label_w = m.px(150 if crew is not None else 100)
    for r in DAY_RESOURCES:
        total = float(getattr(res, r))
        if total <= 0:
            continue
        label = s.tr(f"res.{r}.short") + (f" · {who[r]}" if who.get(r) else "")
        f.draw(surface, f.fit(label, ctx.fs(SMALL), label_w - m.px(4)), (box.x + m.px(10), y), ctx.fs(SMALL), TEXT, max_width=label_w)
        value = f"{fmt.number(left[r])}/{fmt.number(total)}"
        bar = pygame.Rect(box.x + m.px(10) + label_w, y + m.px(6), box.w - label_w - m.px(84), m.px(10))
        meter(surface, bar, left[r] / total, ACCENT if left[r] > 0 else FAINT)
        f.draw(surface, value, (box.right - m.px(10), y), ctx.fs(SMALL), TEXT if left[r] > 0 else DIM, align="right")
        y += m.px(RES_ROW)
    y += m.px(2)
    label = s.tr("board.money") + (f" · {who['sales']}" if who.get("sales") else "")
    f.draw(surface, f.fit(label, ctx.fs(SMALL), label_w - m.px(4)), (box.x + m.px(10), y), ctx.fs(SMALL), TEXT, max_width=label_w)
    money = fmt.short_money(left["money"], sc, lang)
    bar = pygame.Rect(box.x + m.px(10) + label_w, y + m.px(6), box.w - label_w - m.px(130), m.px(10))
    meter(surface, bar, left["money"] / res.budget if res.budget else 0.0, GOLD)
    f.draw(surface, money, (box.right - m.px(10), y), ctx.fs(SMALL), TEXT, align="right")


def paint_plan(s: BoardScreen, surface: pygame.Surface) -> None:
    ctx = s.ctx
    m, f, lang = ctx.metrics, ctx.fonts, ctx.lang
    box = m.rect(*PLAN)
    panel(surface, box, PANEL, BORDER, m.px(10), 1)
    plan = s.pending()
    f.draw(surface, s.tr("board.plan_title", n=len(plan)), (box.x + m.px(10), box.y + m.px(5)), ctx.fs(SMALL), DIM)
    if not plan:
        f.draw_block(surface, s.tr("board.plan_empty"), m.rect(PLAN[0] + 10, PLAN[1] + 40, PLAN[2] - 20, 80), ctx.fs(SMALL), FAINT)
        return
    first = max(0, len(plan) - 2 * PLAN_ROWS)
    if first:
        f.draw(surface, s.tr("board.plan_more", n=first), (box.x + m.px(150), box.y + m.px(5)), ctx.fs(SMALL - 2), WARN)
    for slot, i in enumerate(range(first, len(plan))):
        al = plan[i]
        x, y = plan_slot(slot, len(plan))
        name = s.person(al.stakeholder).name.get(lang)
        text = f"{i + 1}. {words.action_name(al.action, lang)} → {name} ×{al.amount}"
        f.draw(surface, text, (m.px(x + 10), m.px(y + 1)), ctx.fs(SMALL - 1), TEXT, max_width=m.px(plan_col_w(len(plan)) - 44))


TONES = {"head": TEXT, "key": TEXT, "dim": DIM, "text": TEXT, "good": GOOD, "warn": WARN, "bad": BAD}
WARNINGS = ("bad", "warn")  # the preview's tones shown right after its heading


def preview_lines(s: BoardScreen) -> list[tuple[str, tuple[int, int, int], bool]]:
    """(text, colour, bold) lines describing the allocation being prepared: the terminal's
    words (advice.preview_lines), stance toward the team first.

    Why it cannot be added and the warnings come right after the heading, so a small window
    never cuts them (the likely effects come last).
    """
    pv, lang = s.preview_now, s.ctx.lang
    lines = advice.preview_lines(s.game, s.vid, pv, lang) if pv is not None else []
    # Nobody may meet this person: the card says why, and so does the refusal.
    head = lines[:1] or [(s.person(s.selected).name.get(lang), "head")]
    out = [(text, TONES[tone], True) for text, tone in head]
    if s.problem:
        out.append((s.problem, BAD, True))
    rest = lines[1:]
    warnings = [line for line in rest if line[1] in WARNINGS]
    out.extend((text, TONES[tone], False) for text, tone in warnings)
    out.extend((text, TONES[tone], tone == "key") for text, tone in rest if tone not in WARNINGS)
    return out


def preview_font(s: BoardScreen, lines: list[tuple[str, tuple[int, int, int], bool]]) -> tuple[int, bool]:
    """(font size, all lines fit): the largest size, down to the smallest readable, at which they fit."""
    ctx = s.ctx
    m, f = ctx.metrics, ctx.fonts
    box = m.rect(*PREVIEW)
    pad = m.px(10)
    inner_w, room = box.w - 2 * pad, box.h - m.px(10)
    fs = ctx.fs(SMALL - 1)
    for logical in (SMALL - 1, SMALL - 2, SMALL - 3):
        fs = ctx.fs(logical)
        step = int(f.line_height(fs) * 1.05)
        need = sum(len(f.wrap(text, fs, inner_w - fs // 2, bold)) * step for text, _, bold in lines)
        if need <= room:
            return fs, True
    return fs, False


def paint_preview(s: BoardScreen, surface: pygame.Surface) -> None:
    """The preview's lines in the largest size (down to the smallest readable) at which all of them fit."""
    ctx = s.ctx
    m, f = ctx.metrics, ctx.fonts
    box = m.rect(*PREVIEW)
    panel(surface, box, PANEL, BORDER, m.px(10), 1)
    pad = m.px(10)
    inner_w = box.w - 2 * pad
    lines = preview_lines(s)
    fs, _ = preview_font(s, lines)
    y = box.y + m.px(6)
    for text, colour, bold in lines:
        left = box.bottom - m.px(4) - y
        if left < f.line_height(fs):
            break
        y += f.draw_block(surface, text, pygame.Rect(box.x + pad, y, inner_w, left), fs, colour, bold=bold, spacing=1.05)


def draw_live(s: BoardScreen, surface: pygame.Surface) -> None:
    ctx = s.ctx
    m, f = ctx.metrics, ctx.fonts
    if s.status is not None:
        say, colour, left = s.status
        text = say()
        alpha = int(255 * min(1.0, left / 0.6))
        surf = f.render(f.fit(text, ctx.fs(BODY), m.px(CHART.w - 40), True), ctx.fs(BODY), colour, True)
        box = pygame.Rect(0, 0, surf.get_width() + m.px(24), surf.get_height() + m.px(10))
        # Over the legend line, so it never hides a person.
        box.center = (m.px(CHART.x + CHART.w / 2), m.px(LEGEND_Y + 10))
        bg = pygame.Surface(box.size, pygame.SRCALPHA)
        bg.fill((10, 16, 22, min(230, alpha)))
        surf = surf.copy()
        surf.set_alpha(alpha)
        surface.blit(bg, box)
        surface.blit(surf, (box.x + m.px(12), box.y + m.px(5)))
    if s.guide is not None:
        s.guide.draw(surface)

