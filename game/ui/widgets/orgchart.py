"""The buying committee as an organisation chart: a layout from the scenario, and its drawing.

Rows: decision makers on top, then the others by seniority (3, 2, 1); a row too
wide for the area is split. Within rows, people are ordered by the mean position
of those they listen to or who listen to them (a few barycentre sweeps), so
"who listens to whom" arrows cross less. The layout is in logical units.
"""

from __future__ import annotations

import heapq
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
from game.ui.widgets.draw import arrow, panel, range_bar
from game.ui.widgets.icons import icon

MIN_NODE_W = 180
MAX_NODE_W = 236
GAP = 28  # between cards in a row: room for the arrows that pass
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


Point = tuple[float, float]


@dataclass(frozen=True)
class Route:
    """One "listens to" arrow in logical units: from the person listened to (``src``) to the listener."""

    src: str
    dst: str
    share: float
    points: tuple[Point, ...]  # from the edge of src's card to the edge of dst's


# Bends tried first for an arrow that would cross a card, as a share of its length (0: straight).
BENDS = (0.0, 0.14, -0.14, 0.28, -0.28, 0.42, -0.42)
SAMPLES = 40
CLEARANCE = 5.0  # logical units kept free around the cards an arrow passes
CELL = 8.0  # the grid a detour is searched on (logical units)


def _inside(p: Point, b: Box, pad: float) -> bool:
    return b.x - pad <= p[0] <= b.x + b.w + pad and b.y - pad <= p[1] <= b.y + b.h + pad


def _curve(a: Point, c: Point, b: Point, n: int = SAMPLES) -> list[Point]:
    out = []
    for i in range(n + 1):
        t = i / n
        u = 1 - t
        out.append((u * u * a[0] + 2 * u * t * c[0] + t * t * b[0], u * u * a[1] + 2 * u * t * c[1] + t * t * b[1]))
    return out


def _detour(a: Point, b: Point, others: Sequence[Box], area: Box) -> list[Point] | None:
    """A path from a to b around the cards: A* on a grid over ``area``, straightened, corners rounded."""
    cols, rows = int(area.w // CELL) + 1, int(area.h // CELL) + 1

    def centre(c: tuple[int, int]) -> Point:
        return area.x + (c[0] + 0.5) * CELL, area.y + (c[1] + 0.5) * CELL

    def cell(p: Point) -> tuple[int, int]:
        return max(0, min(cols - 1, int((p[0] - area.x) // CELL))), max(0, min(rows - 1, int((p[1] - area.y) // CELL)))

    free: dict[tuple[int, int], float] = {}  # a cell's cost factor; inf: blocked by a card

    def weight(c: tuple[int, int]) -> float:
        if c not in free:
            p = centre(c)
            if not (0 <= c[0] < cols and 0 <= c[1] < rows) or any(_inside(p, box, CLEARANCE) for box in others):
                free[c] = math.inf
            else:  # close to a card costs more: wide lanes are preferred to narrow gaps
                free[c] = 2.5 if any(_inside(p, box, CLEARANCE + 2 * CELL) for box in others) else 1.0
        return free[c]

    start, goal = cell(a), cell(b)
    heap: list[tuple[float, float, tuple[int, int]]] = [(0.0, 0.0, start)]
    came: dict[tuple[int, int], tuple[int, int] | None] = {start: None}
    cost = {start: 0.0}
    steps = [(dx, dy, math.hypot(dx, dy)) for dx in (-1, 0, 1) for dy in (-1, 0, 1) if dx or dy]
    while heap:
        _, g, c = heapq.heappop(heap)
        if c == goal:
            break
        if g > cost.get(c, math.inf):
            continue
        for dx, dy, w in steps:
            n = (c[0] + dx, c[1] + dy)
            f = 1.0 if n == goal else weight(n)
            if f == math.inf:
                continue
            ng = g + w * f
            if ng < cost.get(n, math.inf):
                cost[n], came[n] = ng, c
                heapq.heappush(heap, (ng + math.hypot(goal[0] - n[0], goal[1] - n[1]), ng, n))
    if goal not in came:
        return None
    path: list[Point] = [b]
    c2: tuple[int, int] | None = came[goal]
    while c2 is not None and c2 != start:
        path.append(centre(c2))
        c2 = came[c2]
    path.append(a)
    path.reverse()

    def clear(p: Point, q: Point) -> bool:
        n = max(1, int(math.hypot(q[0] - p[0], q[1] - p[1]) / (CELL / 2)))
        return all(
            not any(_inside((p[0] + (q[0] - p[0]) * i / n, p[1] + (q[1] - p[1]) * i / n), box, CLEARANCE) for box in others)
            for i in range(n + 1)
        )

    pulled = [path[0]]  # keep only the corners the path needs: go straight as far as the view is clear
    i = 0
    while i < len(path) - 1:
        j = i + 1
        while j + 1 < len(path) and clear(path[i], path[j + 1]):
            j += 1
        pulled.append(path[j])
        i = j
    rounded = _round_corners(pulled)
    if any(_inside(p, box, 1) for p in rounded for box in others):
        rounded = _round_corners(pulled, radius=0)  # a rounded corner would clip a card: keep it sharp
    return rounded


def _round_corners(points: Sequence[Point], radius: float = 14.0) -> list[Point]:
    """The polyline in even small steps, each corner replaced by a curve ``radius`` long on each side."""
    out: list[Point] = [points[0]]
    n = len(points)
    for i in range(1, n):
        p, q = out[-1], points[i]
        corner = i < n - 1 and radius > 0
        if corner:
            r = points[i + 1]
            d1 = math.hypot(q[0] - p[0], q[1] - p[1]) or 1.0
            d2 = math.hypot(r[0] - q[0], r[1] - q[1]) or 1.0
            cut = min(radius, d1 / 2, d2 / 2)
            enter = (q[0] - (q[0] - p[0]) * cut / d1, q[1] - (q[1] - p[1]) * cut / d1)
            leave = (q[0] + (r[0] - q[0]) * cut / d2, q[1] + (r[1] - q[1]) * cut / d2)
        else:
            enter = q
        steps = max(1, int(math.hypot(enter[0] - p[0], enter[1] - p[1]) / 6))
        out += [(p[0] + (enter[0] - p[0]) * k / steps, p[1] + (enter[1] - p[1]) * k / steps) for k in range(1, steps + 1)]
        if corner:
            out += _curve(enter, q, leave, 6)[1:]
    return out


_ROUTES: dict[tuple[object, ...], list[Route]] = {}


def route_edges(scenario: Scenario, boxes: Mapping[str, Box], area: Box) -> list[Route]:
    """The chart's arrows, each kept off the other cards: straight or gently bent where that is
    enough (a quadratic curve, bent as little as works), else a detour found on a grid.

    Remembered per layout (a board is built every turn; the search takes a tenth of a second)."""
    key = (
        tuple((p.id, tuple(sorted(p.listens_to.items()))) for p in scenario.stakeholders),
        tuple(sorted(boxes.items())),
        area,
    )
    if key not in _ROUTES:
        if len(_ROUTES) > 16:
            _ROUTES.clear()
        _ROUTES[key] = _route_edges(scenario, boxes, area)
    return _ROUTES[key]


def _route_edges(scenario: Scenario, boxes: Mapping[str, Box], area: Box) -> list[Route]:
    out: list[Route] = []
    listens = {p.id: p.listens_to for p in scenario.stakeholders}
    for s in scenario.stakeholders:
        for j, share in s.listens_to.items():
            if j not in boxes or s.id not in boxes:
                continue
            src, dst = boxes[j], boxes[s.id]
            a, b = src.centre, dst.centre
            dx, dy = b[0] - a[0], b[1] - a[1]
            length = math.hypot(dx, dy) or 1.0
            nx, ny = -dy / length, dx / length
            if s.id in listens.get(j, {}):  # two ways: keep the directions apart
                a, b = (a[0] + nx * 6, a[1] + ny * 6), (b[0] + nx * 6, b[1] + ny * 6)
            others = [box for sid, box in boxes.items() if sid not in (j, s.id)]

            def hits(pts: Sequence[Point], others: list[Box] = others) -> int:
                return sum(1 for p in pts for box in others if _inside(p, box, CLEARANCE)) + sum(1 for p in pts if not _inside(p, area, 0))

            def ends(pts: Sequence[Point], src: Box = src, dst: Box = dst) -> list[Point]:
                return [p for p in pts if not _inside(p, src, 2) and not _inside(p, dst, 3)]

            best: list[Point] | None = None
            for k in BENDS:
                mid = ((a[0] + b[0]) / 2 + nx * k * length, (a[1] + b[1]) / 2 + ny * k * length)
                run = ends(_curve(a, mid, b))
                if not hits(run):
                    best = run
                    break
            if best is None:
                path = _detour(a, b, others, area)
                best = ends(path) if path is not None else ends(_curve(a, ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2), b))
            if len(best) >= 2:
                out.append(Route(j, s.id, share, tuple(best)))
    return out


def draw_edges(surface: pygame.Surface, routes: Sequence[Route], m: Metrics, highlight: str | None) -> None:
    """Arrows from the person listened to toward the listener; thicker for a bigger share."""
    for r in routes:
        on = highlight in (r.src, r.dst)
        colour = mix(BG_2, ACCENT if on else FAINT, 0.55 + min(0.45, r.share * 1.5))
        width = max(1, m.px(1 + r.share * 7))
        pts = [(p[0] * m.scale, p[1] * m.scale) for p in r.points]
        head = m.px(9 + r.share * 6)
        if len(pts) > 2:
            # The curve up to where the head starts, then the head along the last stretch.
            pygame.draw.lines(surface, colour, False, pts[:-2], max(1, width))
            arrow(surface, pts[-3], pts[-1], colour, width, head)
        else:
            arrow(surface, pts[0], pts[-1], colour, width, head)


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
