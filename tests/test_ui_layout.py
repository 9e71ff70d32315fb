"""The window's layout at the smallest size (1280x720) and the largest common one, in both languages.

Geometry checks that do not need eyes: the org chart's arrows never run through
another person's card, and the board's panels hold their rows, the cost of the
allocation being prepared and every preview line without cutting them.
Screenshots for people to look at are made by test_ui_screens.py.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game.present import words
from game.scenario import load_scenario
from game.scenario.schema import ACTION_IDS
from game.session.hotseat import Match
from game.strings import t
from game.ui.driver import Driver
from game.ui.screens import board_paint as bp
from game.ui.screens.board import BoardScreen
from game.ui.screens.nav import go
from game.ui.theme import BAD, SMALL, WARN, Metrics
from game.ui.widgets.orgchart import Box, layout, route_edges
from tests.conftest import SCENARIOS

BUNDLED = sorted(SCENARIOS.glob("*.yaml"))


def inside(p: tuple[float, float], b: Box) -> bool:
    return b.x < p[0] < b.x + b.w and b.y < p[1] < b.y + b.h


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_no_arrow_runs_through_another_card(path: Path) -> None:
    sc = load_scenario(path)
    boxes = layout(sc, bp.CHART_NODES)
    routes = route_edges(sc, boxes, bp.CHART_NODES)
    assert len(routes) == sum(len(p.listens_to) for p in sc.stakeholders)
    crossing = [
        (r.src, r.dst, sid) for r in routes for sid, b in boxes.items() if sid not in (r.src, r.dst) and any(inside(p, b) for p in r.points)
    ]
    assert crossing == []
    for r in routes:  # each arrow starts at its source's card and ends at its listener's
        assert not inside(r.points[0], boxes[r.src]) and not inside(r.points[-1], boxes[r.dst])
        assert min(abs(r.points[-1][0] - x) + abs(r.points[-1][1] - y) for x, y in _edge_points(boxes[r.dst])) < 12


def _edge_points(b: Box) -> list[tuple[float, float]]:
    n = 20
    out = []
    for i in range(n + 1):
        out += [(b.x + b.w * i / n, b.y), (b.x + b.w * i / n, b.y + b.h), (b.x, b.y + b.h * i / n), (b.x + b.w, b.y + b.h * i / n)]
    return out


@pytest.fixture(scope="module")
def d() -> Iterator[Driver]:
    driver = Driver(SCENARIOS, size=(1280, 720), lang="en", seed=1)
    yield driver
    driver.close()


def board(d: Driver, scenario: str, lang: str, size: tuple[int, int]) -> BoardScreen:
    if d.app.ctx.metrics.size != size:
        d.app.resize(size)
    d.app.set_lang(lang)
    sc = load_scenario(SCENARIOS / scenario)
    go(d.app, Match(sc, 3, [next(v.id for v in sc.vendors if v.playable)]))
    d.frame()
    top = d.app.top
    assert isinstance(top, BoardScreen)
    return top


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_resources_and_plan_panels_hold_their_rows(size: tuple[int, int]) -> None:
    """At 1280x720 the Money row and the plan's 4th row ran past their panels' bottom edge."""
    from game.ui.text import Fonts
    from game.ui.theme import font_files

    pygame.font.init()
    m = Metrics.for_size(size)
    fonts = Fonts(font_files(None))
    res = m.rect(*bp.RES)
    money_top = res.y + m.px(30) + 4 * m.px(bp.RES_ROW) + m.px(2)
    assert money_top + fonts.line_height(m.font(SMALL)) <= res.bottom - m.px(2)
    plan = m.rect(*bp.PLAN)
    _, last_y = bp.plan_slot(bp.PLAN_ROWS - 1)
    assert m.px(last_y + 1) + fonts.line_height(m.font(SMALL - 1)) <= plan.bottom - m.px(2)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_cost_line_is_never_cut(d: Driver, lang: str) -> None:
    """'1 pre-sales day + 1 project-manager day + 10,000 CNY' was cut in a 210-unit corner at 1280x720."""
    for path in BUNDLED:
        s = board(d, path.name, lang, (1280, 720))
        m, f = d.app.ctx.metrics, d.app.ctx.fonts
        for aid in ACTION_IDS:
            for n in (1, 3, 12):
                cost = t("board.costs", lang, cost=words.cost_text(s.game.cost_of(aid, n), s.scenario, lang))
                assert f.width(cost, d.app.ctx.fs(SMALL)) <= m.px(bp.RW - 8), (path.name, cost)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_preview_fits_its_panel_at_1280x720(d: Driver, lang: str) -> None:
    """Warnings come right after the heading, and the font steps down so no line is cut."""
    for name in ("rural_schools.yaml", "software_division.yaml"):
        s = board(d, name, lang, (1280, 720))
        for p in s.views():
            for aid in ACTION_IDS:
                s.selected, s.action, s.amount = p.id, aid, 1
                s.recompute()
                lines = bp.preview_lines(s)
                _, fits = bp.preview_font(s, lines)
                assert fits, (name, p.id, aid, [x[0] for x in lines])
                warn_at = [i for i, (_, colour, _) in enumerate(lines) if colour in (WARN, BAD)]
                assert all(i <= len(warn_at) for i in warn_at)  # right after the heading
    d.key(pygame.K_ESCAPE)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_scrolled_result_cards_stay_under_the_subtitle(d: Driver, lang: str) -> None:
    """At 1280x720 a scrolled card's edge ran into the 'Next: turn 2' line."""
    from game.engine.game import Allocation
    from game.ui.screens.turn_report import SUB_Y, TurnReportScreen

    d.app.resize((1280, 720))
    d.app.set_lang(lang)
    sc = load_scenario(SCENARIOS / "rural_schools.yaml")
    m = Match(sc, 4, ["incumbent"])
    for p in list(m.game.meetable("incumbent"))[:6]:  # pool seats nobody may meet are left out
        m.game.add("incumbent", Allocation("visit" if p.seniority < 3 else "technical_exchange", p.id, 1))
    m.end_team_turn()
    go(d.app, m)
    d.key(pygame.K_SPACE)
    rep = d.app.top
    assert isinstance(rep, TurnReportScreen)
    rep.scroll_by(10_000)
    assert rep.scroll > 0
    metrics, fonts = d.app.ctx.metrics, d.app.ctx.fonts
    subtitle_bottom = metrics.px(SUB_Y) + fonts.line_height(d.app.ctx.fs(SMALL))
    assert rep.cards_top() >= subtitle_bottom
    d.key(pygame.K_ESCAPE)


def test_a_twelve_team_workshop_reaches_every_team_from_the_keyboard(d: Driver, tmp_path: Path) -> None:
    """Number keys reached teams 1-9 only: 0 is team 10, Shift+1 and Shift+2 are teams 11 and 12."""
    from game.session.config import build_config
    from game.session.session import Session
    from game.ui.screens.ws_common import close_all
    from game.ui.screens.ws_control import WsControlScreen, team_index, team_key
    from game.ui.screens.ws_entry import WsCurtainScreen
    from game.ui.workshop import open_session

    assert [team_key(i) for i in range(12)] == [*"123456789", "0", "⇧1", "⇧2"]
    for i in range(12):
        label = team_key(i)
        shift = label.startswith("⇧")
        key = pygame.K_0 + int(label[-1])
        assert team_index(key, pygame.KMOD_SHIFT if shift else 0) == i
    assert team_index(pygame.K_0, pygame.KMOD_SHIFT) is None and team_index(pygame.K_a, 0) is None

    d.app.resize((1280, 720))
    d.app.set_lang("en")
    path = SCENARIOS / "rural_schools.yaml"
    names = [f"Team{i + 1}" for i in range(12)]
    cfg = build_config(load_scenario(path), teams=names, mode="parallel", seed=5, round_seconds=0)
    session = Session.create(tmp_path / "twelve.session.jsonl", path, cfg)
    session.open_round()
    try:
        open_session(d.app, session)
        control = d.app.top
        assert isinstance(control, WsControlScreen)
        for key, mod, team in ((pygame.K_0, 0, "Team10"), (pygame.K_1, pygame.KMOD_SHIFT, "Team11"), (pygame.K_2, pygame.KMOD_SHIFT, "Team12")):
            d.key(key, mod)
            curtain = d.app.top
            assert isinstance(curtain, WsCurtainScreen) and curtain.team == team
            d.app.pop()
        # The twelve team cards sit inside the window, one under the other without overlapping.
        rects = [d.app.ctx.metrics.rect(*control.team_rect(i)) for i in range(12)]
        assert all(r.bottom <= 720 for r in rects)
        assert all(not a.colliderect(b) for a, b in zip(rects, rects[1:], strict=False))
    finally:
        close_all()
        session.close()
