"""The buying committee as an organisation chart: a layout from the scenario, and its drawing.

Rows: decision makers on top, then the others by seniority (3, 2, 1); a row too
wide for the area is split. Within rows, people are ordered by the mean position
of those they listen to or who listen to them (a few barycentre sweeps), so
"who listens to whom" arrows cross less. The layout is in logical units.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pygame

from game.engine.game import PersonView
from game.scenario.schema import Scenario
from game.strings import t
from game.ui.text import Fonts
from game.ui.theme import (
    ACCENT,
    BG_2,
    BORDER,
    DIM,
    FAINT,
    GOLD,
    PANEL,
    PANEL_2,
    RANGE,
    ROLE_COLOURS,
    SMALL,
    TEXT,
    VETO,
    WARN,
    Metrics,
    mix,
)
from game.ui.widgets.draw import arrow, clip_to_rect, panel, range_bar
from game.ui.widgets.icons import icon

MIN_NODE_W = 180
MAX_NODE_W = 236
GAP = 16
NAME = 16


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2


def _row_key(role: str, seniority: int) -> int:
    return 0 if role == "decision_maker" else 1 + (3 - seniority)


def layout(scenario: Scenario, area: Box) -> dict[str, Box]:
    """Boxes (logical units) for every stakeholder inside ``area``."""
    people = scenario.stakeholders
    ids = [s.id for s in people]
    neighbours: dict[str, set[str]] = {sid: set() for sid in ids}
    for s in people:
        for j in s.listens_to:
            if j in neighbours:
                neighbours[s.id].add(j)
                neighbours[j].add(s.id)
    keys = sorted({_row_key(s.role, s.seniority) for s in people})
    per_row = max(1, int((area.w + GAP) // (MIN_NODE_W + GAP)))
    rows: list[list[str]] = []
    for k in keys:
        members = [s.id for s in people if _row_key(s.role, s.seniority) == k]
        for i in range(0, len(members), per_row):
            rows.append(members[i : i + per_row])
    # Barycentre sweeps: order each row by the mean slot of its neighbours elsewhere.
    pos = {sid: (r, i / max(1, len(row) - 1) if len(row) > 1 else 0.5) for r, row in enumerate(rows) for i, sid in enumerate(row)}
    order = list(range(len(rows))) + list(range(len(rows) - 1, -1, -1))
    for _ in range(3):
        for r in order:
            row = rows[r]

            def bary(sid: str, row: list[str] = row, r: int = r) -> float:
                xs = [pos[j][1] for j in neighbours[sid] if pos[j][0] != r]
                return sum(xs) / len(xs) if xs else pos[sid][1]

            row.sort(key=bary)
            for i, sid in enumerate(row):
                pos[sid] = (r, i / max(1, len(row) - 1) if len(row) > 1 else 0.5)
    n_rows = max(1, len(rows))
    row_h = area.h / n_rows
    node_h = min(108.0, row_h - 22)
    widest = max((len(r) for r in rows), default=1)
    node_w = max(MIN_NODE_W * 0.8, min(MAX_NODE_W, (area.w - GAP * (widest - 1)) / widest))
    out: dict[str, Box] = {}
    for r, row in enumerate(rows):
        total = len(row) * node_w + (len(row) - 1) * GAP
        # Spread short rows a little wider than packed, so arrows have room.
        spread = min(area.w, total + (area.w - total) * 0.5)
        step = (spread - node_w) / max(1, len(row) - 1) if len(row) > 1 else 0
        x0 = area.x + (area.w - spread) / 2
        y = area.y + r * row_h + (row_h - node_h) / 2
        for i, sid in enumerate(row):
            out[sid] = Box(x0 + i * step, y, node_w, node_h)
    return out


def draw_edges(surface: pygame.Surface, scenario: Scenario, boxes: Mapping[str, Box], m: Metrics, highlight: str | None) -> None:
    """Arrows from the person listened to toward the listener; thicker for a bigger share."""
    rects = {sid: m.rect(b.x, b.y, b.w, b.h) for sid, b in boxes.items()}
    for s in scenario.stakeholders:
        for j, share in s.listens_to.items():
            if j not in rects or s.id not in rects:
                continue
            src, dst = rects[j], rects[s.id]
            two_way = s.id in next((p.listens_to for p in scenario.stakeholders if p.id == j), {})
            on = highlight in (s.id, j)
            base = ACCENT if on else FAINT
            colour = mix(BG_2, base, 0.55 + min(0.45, share * 1.5))
            width = max(1, m.px(1 + share * 7))
            a: tuple[float, float] = src.center
            b: tuple[float, float] = dst.center
            if two_way:  # keep the two directions apart
                dx, dy = b[0] - a[0], b[1] - a[1]
                length = math.hypot(dx, dy) or 1.0
                off = m.px(6)
                ox, oy = -dy / length * off, dx / length * off
                a, b = (a[0] + ox, a[1] + oy), (b[0] + ox, b[1] + oy)
            start = clip_to_rect(a, b, src, m.px(2))
            end = clip_to_rect(b, a, dst, m.px(3))
            arrow(surface, start, end, colour, width, m.px(9 + share * 6))


def draw_node(
    surface: pygame.Surface,
    fonts: Fonts,
    m: Metrics,
    box: Box,
    p: PersonView,
    lang: str,
    *,
    selected: bool,
    planned: int,
) -> None:
    r = m.rect(box.x, box.y, box.w, box.h)
    role_col = ROLE_COLOURS.get(p.role, TEXT)
    panel(surface, r, PANEL_2 if selected else PANEL, ACCENT if selected else BORDER, m.px(10), m.px(3) if selected else 1)
    pygame.draw.rect(surface, role_col, pygame.Rect(r.x, r.y + m.px(10), m.px(5), r.h - m.px(20)), border_radius=m.px(3))
    pad = m.px(12)
    ic = m.px(30)
    pygame.draw.circle(surface, mix(PANEL, role_col, 0.25), (r.x + pad + ic // 2, r.y + pad + ic // 2), ic // 2 + m.px(4))
    surface.blit(icon(p.role, ic - m.px(4)), (r.x + pad + m.px(2), r.y + pad + m.px(2)))
    tx = r.x + pad + ic + m.px(10)
    name_w = r.right - tx - m.px(10)
    fonts.draw(surface, p.name.get(lang), (tx, r.y + m.px(8)), m.font(NAME), TEXT, bold=True, max_width=name_w)
    title = p.title.get(lang) if p.title is not None else t(f"role.{p.role}", lang)
    fonts.draw(surface, title, (tx, r.y + m.px(31)), m.font(SMALL - 2), DIM, max_width=r.right - tx - pad)
    # Seniority pips and influence.
    y = r.y + m.px(56)
    size = m.px(8)
    for i in range(3):
        c = (r.x + pad + size // 2 + i * (size + m.px(4)), y + size // 2)
        if i < p.seniority:
            pygame.draw.circle(surface, role_col, c, size // 2)
        else:
            pygame.draw.circle(surface, FAINT, c, size // 2, max(1, m.px(1)))
    marks_w = _marks(surface, fonts, m, p, r, y + size // 2, lang)
    infl = t("chart.influence", lang, pct=f"{p.influence * 100:.0f}%")
    ix = r.x + pad + 3 * (size + m.px(4)) + m.px(6)
    room = r.right - m.px(10) - marks_w - ix
    if fonts.width(infl, m.font(SMALL - 2)) > room:
        infl = f"{p.influence * 100:.0f}%"
    fonts.draw(surface, infl, (ix, y - m.px(5)), m.font(SMALL - 2), DIM, max_width=room)
    # Stance toward you (a range: fog of war).
    bar = pygame.Rect(r.x + pad, r.bottom - m.px(18), r.w - 2 * pad, max(4, m.px(7)))
    if bar.y > y + m.px(10):
        range_bar(surface, bar, p.stance[0], p.stance[1], RANGE, ticks=False)
    if planned:
        c = (r.right, r.y)
        pygame.draw.circle(surface, WARN, c, m.px(12))
        fonts.draw(surface, str(planned), (c[0], c[1] - m.px(10)), m.font(SMALL), (20, 20, 20), bold=True, align="center")


def _marks(
    surface: pygame.Surface, fonts: Fonts, m: Metrics, p: PersonView, r: pygame.Rect, cy: int, lang: str
) -> int:
    """Lock (nobody may meet them), veto, panel, coach and 'new' marks, right-aligned on the line centred at ``cy``; returns their width."""
    size = m.px(19)
    x = r.right - m.px(10)
    for name, show, colour in (
        ("lock", p.closed, WARN),
        ("veto", p.veto, VETO),
        ("panel", p.panel, (200, 210, 225)),
        ("coach", p.coach or p.can_coach, GOLD if p.coach else FAINT),
    ):
        if show:
            x -= size
            surface.blit(icon(name, size, colour), (x, cy - size // 2))
            x -= m.px(4)
    if p.replaced:
        label = fonts.render(t("mark.new", lang), m.font(SMALL - 3), WARN, True)
        x -= label.get_width()
        surface.blit(label, (x, cy - label.get_height() // 2))
        x -= m.px(4)
    return r.right - m.px(10) - x


def chart_hit(boxes: Mapping[str, Box], m: Metrics, pos: tuple[int, int]) -> str | None:
    for sid, b in boxes.items():
        if m.rect(b.x, b.y, b.w, b.h).collidepoint(pos):
            return sid
    return None


def planned_counts(pending: Sequence[object]) -> dict[str, int]:
    out: dict[str, int] = {}
    for al in pending:
        sid = getattr(al, "stakeholder", "")
        out[sid] = out.get(sid, 0) + int(getattr(al, "amount", 1))
    return out
