"""The window's debrief screen and belief map, driven headless (SDL dummy driver).

The debrief's computations run in background threads; tests poll the window
frame by frame (bounded by a deadline) until they are done, then check that
what the screen shows is what the debrief API returns. Screenshots of every
section and of the belief map, at 1280x720 and 1920x1080 in both languages,
go to $TENDER_SCREENSHOTS/debrief or build/screenshots/debrief for people to
look at (overlap, cut text, contrast, missing glyphs).
"""

from __future__ import annotations

import os

from game.ai.players import POLICIES

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pygame_gui
import pytest

from game.analysis.debrief.bundle import debrief_teams
from game.analysis.debrief.explain import GROUPS
from game.analysis.debrief.whatif import MoveDays, NoChange, best_single_change
from game.engine.game import Allocation, Belief, Game
from game.engine.teams import TeamGame
from game.present import fmt, words
from game.present.debrief.team_text import forecast_lines
from game.present.debrief.text import Names, outcome_line
from game.scenario import load_scenario
from game.session.hotseat import Match
from game.strings import STRINGS, t
from game.ui.driver import Driver
from game.ui.screens.award import AwardScreen
from game.ui.screens.beliefs import BeliefMapScreen
from game.ui.screens.board import BoardScreen
from game.ui.screens.debrief import SECTIONS, DebriefScreen
from game.ui.screens.nav import go
from tests.conftest import ROOT, SCENARIOS

DEADLINE = 60.0  # seconds a background job may take before a test gives up


def en(key: str, **kw: object) -> str:
    return t(key, "en", **kw)


def finished_match(name: str = "tutorial", teams: tuple[str, ...] = ("player",), seed: int = 3) -> Match:
    """A game played to the award through the engine: a visit and a technical exchange a turn (to
    people a team can meet: not the pool seats), some beliefs."""
    m = Match(load_scenario(SCENARIOS / f"{name}.yaml"), seed, list(teams))
    g = m.game
    sids = [sid for sid, closed in zip(g.c.stakeholder_ids, g.c.pool_locked(g.c.turns), strict=True) if not closed]
    crit = g.scenario.criterion_ids()
    while g.phase == "turn":
        for i, v in enumerate(teams):
            g.set_actions(v, [Allocation("visit", sids[(g.turn + i) % len(sids)], 1), Allocation("technical_exchange", sids[1], 1)])
            g.record_forecast(v, min(0.9, 0.3 + 0.1 * g.turn), g.ceiling * 0.95)  # the team's forecast each turn
            if g.turn == 2:
                g.record_belief(v, sids[0], stance=0.6, cares={crit[0]: 2, crit[1]: 1})
                g.record_belief(v, sids[1], stance=0.3)
        g.end_turn()
    for v in teams:
        g.submit_bid(v, g.ceiling * 0.93)
    g.finish()
    return m


def until(d: Driver, done: Callable[[], bool], what: str, seconds: float = DEADLINE) -> None:
    """Frames until ``done()`` (the UI keeps running while the threads work)."""
    end = time.monotonic() + seconds
    while not done():
        if time.monotonic() > end:
            raise AssertionError(f"{what}: not done after {seconds:.0f} s")
        d.frame()
        time.sleep(0.005)
    d.frame()


def open_debrief(d: Driver, match: Match, lang: str = "en") -> DebriefScreen:
    go(d.app, match)
    award = d.app.top
    assert isinstance(award, AwardScreen)
    d.click_at((10, 400))  # show the whole award
    d.click(t("dbw.open", lang))
    screen = d.app.top
    assert isinstance(screen, DebriefScreen)
    until(d, lambda: screen.found.debriefs is not None, "the debrief")
    return screen


def shown(screen: DebriefScreen) -> list[str]:
    assert screen.page is not None
    return screen.page.texts()


@pytest.fixture
def d() -> Iterator[Driver]:
    driver = Driver(SCENARIOS, size=(1280, 720), lang="en", seed=3)
    yield driver
    driver.close()


def test_the_team_section_shows_the_forecasts_as_the_api_scores_them(d: Driver) -> None:
    match = finished_match()
    s = open_debrief(d, match)
    api = debrief_teams([TeamGame("player", "player", match.game)])[0]
    assert api.forecasts is not None and api.forecasts.brier is not None
    s.choose_section("team")
    d.frame()
    texts = shown(s)
    n = Names.of(match.game, "en")
    assert all(line in texts for line in forecast_lines(api.forecasts, n))
    assert en("debrief.section.forecasts") in texts


def test_the_debrief_shows_what_the_api_returns(d: Driver) -> None:
    match = finished_match()
    s = open_debrief(d, match)
    g = match.game
    mine = s.found.debriefs
    assert mine is not None and len(mine) == 1
    api = debrief_teams([TeamGame("player", "player", g)])[0]
    e, e_api = mine[0].explanation, api.explanation
    assert e is not None and e_api is not None
    # The same numbers as the API (the screen adds none of its own).
    assert e.total == pytest.approx(e_api.total) and e.rival == e_api.rival
    assert e.group_points() == pytest.approx(e_api.group_points())
    assert sum(p.points for p in e.parts) == pytest.approx(e.total, abs=1e-6)
    assert mine[0].curve is not None and api.curve is not None
    assert [p.p_win for p in mine[0].curve.points] == pytest.approx([p.p_win for p in api.curve.points])
    assert [f.kind for f in mine[0].pitfalls] == [f.kind for f in api.pitfalls]
    # Why: the outcome sentence, every group's points for both sides, the total.
    text = shown(s)
    from dataclasses import replace

    # The line may be wrapped on the page: compare the words, not the lines.
    assert outcome_line(replace(e, team=en("dbw.you")), Names.of(g, "en")) in " ".join(text)
    points = e.group_points()
    rival = e.group_points(rival=True)
    for grp in GROUPS:
        if abs(points[grp]) >= 0.05 or abs(rival[grp]) >= 0.05:
            assert en(f"debrief.group.{grp}") in text
            assert f"{points[grp]:.1f}" in text and f"{rival[grp]:.1f}" in text
    assert f"{e.total:.1f}" in text and f"{e.rival_total:.1f}" in text
    # Win chance: every turn's chance as the curve says.
    d.key(pygame.K_2)
    assert s.section == "winprob"
    text = shown(s)
    for p in mine[0].curve.points:
        assert fmt.pct(p.p_win) in text
    # Pitfalls and the map against the truth.
    d.key(pygame.K_6)
    text = shown(s)
    names = Names.of(g, "en")
    for f in mine[0].pitfalls:
        assert en(f"pitfall.{f.kind}.title") in text
    d.key(pygame.K_7)
    text = shown(s)
    assert mine[0].beliefs is not None
    for sid in mine[0].beliefs.latest:
        assert names.person(sid) in text
    # The charts arrive from their thread and are blitted.
    until(d, lambda: s.chart_job is None and bool(s.found.charts), "the charts")
    for key in ("3", "4", "5"):
        d.key(getattr(pygame, f"K_{key}"))
        assert s.page is not None and s.page.images() == 1, s.section
    d.key(pygame.K_ESCAPE)
    assert isinstance(d.app.top, AwardScreen)
    # Opened again: what was computed is still there (no second computation).
    d.click(en("dbw.open"))
    again = d.app.top
    assert isinstance(again, DebriefScreen) and again.job is None and again.found.debriefs is mine


def test_what_if_and_the_best_single_change(d: Driver) -> None:
    match = finished_match()
    g = match.game
    s = open_debrief(d, match)
    d.key(pygame.K_8)
    assert s.section == "whatif"
    wi = s.whatif
    # No change: the replay reproduces the game exactly.
    d.click(en("dbw.wi.kind.none"))
    d.click(en("dbw.wi.run"))
    until(d, lambda: wi.run_job is None, "the what-if")
    w = s.found.whatifs["player"]
    assert w.change == NoChange()
    assert w.after == w.before and w.winner_after == w.winner_before and w.first_divergence is None
    assert en("dbw.wi.same") in shown(s)
    # Move a day: the change is built from the clicks, and replayed.
    d.click(en("dbw.wi.kind.move"))
    allocs = wi.allocations(wi.turn)
    first = allocs[0]
    label = f"{words.action_name(first.action, 'en')} → {wi.person(first.stakeholder)} ×{first.amount}"
    d.click(label)
    target_id, target_name = next((sid, name) for sid, name in wi.people() if sid != first.stakeholder)
    d.click(target_name)
    d.key(pygame.K_RETURN)  # Enter runs it
    until(d, lambda: wi.run_job is None, "the what-if")
    found = s.found.whatifs.get("player")
    expected = MoveDays(wi.turn, first.action, first.stakeholder, target_id, 1)
    if found is not None:
        assert found.change == expected
        assert en("dbw.wi.result_head") in shown(s)
    else:  # the engine refused the changed game: said so, in words
        assert wi.errors["player"].startswith(en("dbw.wi.cannot", msg="")[:20])
    # The best single change: progress while it runs, then its result.
    d.click(en("dbw.best.run"))
    assert d.has_button(en("dbw.best.stop"))
    until(d, lambda: wi.search_job is None, "the best-change search")
    searched = s.found.searches["player"]
    api = best_single_change(TeamGame("player", "player", g))
    assert searched.tried == api.tried > 0
    assert [c.change for c in searched.ranked[:5]] == [c.change for c in api.ranked[:5]]
    assert en("dbw.best.head") in shown(s)
    assert d.has_button(en("dbw.best.run"))
    # Leaving while a search runs: the job is cancelled and its thread ends; nothing is written back.
    d.click(en("dbw.best.run"))
    job = wi.search_job
    assert job is not None
    d.key(pygame.K_ESCAPE)
    assert isinstance(d.app.top, AwardScreen)
    assert job.state == "cancelled" and job.wait(DEADLINE)
    assert "player" not in s.found.searches  # the cancelled search left nothing behind


def test_export_report_writes_the_file_or_says_why_not(d: Driver, tmp_path: Path) -> None:
    s = open_debrief(d, finished_match())
    d.key(pygame.K_x)
    assert s.export_open and s.export_entry is not None
    target = tmp_path / "out" / "class.html"
    s.export_entry.set_text(str(target))
    d.click(en("dbw.export.write"))
    until(d, lambda: s.export_job is None, "the report")
    assert target.is_file() and target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert s.export_msg is not None and str(target) in s.export_msg[0]
    assert s.export_msg[0].startswith(en("dbw.export.done", path="", kb="")[:5])
    # Writing again over it asks first: Cancel keeps the old file, "Replace it" writes the report.
    target.write_text("an older report", encoding="utf-8")
    d.click(en("dbw.export.write"))
    assert s.export_job is None and d.app.modals
    assert "class.html" in d.app.modals[-1].text.html_text  # type: ignore[attr-defined]
    d.key(pygame.K_RETURN)  # Enter does not replace a file
    assert d.app.modals and s.export_job is None
    d.click(en("ui.cancel"))
    assert target.read_text(encoding="utf-8") == "an older report"
    d.click(en("dbw.export.write"))
    d.click(en("dbw.export.replace_yes"))
    until(d, lambda: s.export_job is None, "the report")
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    # A folder that cannot be made (a file is in the way): a clear message, no crash.
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    s.export_entry.set_text(str(blocker / "class.html"))
    d.click_at(s.export_entry.rect.center)
    d.key(pygame.K_RETURN)  # the entry has the keyboard: Enter writes
    until(d, lambda: s.export_job is None, "the report")
    assert s.export_msg is not None and s.export_msg[0].startswith("Could not write")
    # A folder: the report goes inside it under the usual name.
    s.export_entry.set_text(str(tmp_path))
    d.click(en("dbw.export.write"))
    until(d, lambda: s.export_job is None, "the report")
    assert (tmp_path / Path(s.default_path).name).is_file()
    d.key(pygame.K_ESCAPE)  # closes the bar first
    assert not s.export_open and d.app.top is s


def test_hot_seat_teams_get_a_tab_each(d: Driver) -> None:
    match = finished_match("rural_schools", ("incumbent", "national_brand"))
    s = open_debrief(d, match)
    api = debrief_teams([TeamGame(v, v, match.game) for v in match.teams])
    sc = match.game.scenario
    for i, vid in enumerate(match.teams):
        assert s.team_i == i and s.vid == vid
        e = api[i].explanation
        assert e is not None
        assert f"{e.total:.1f}" in shown(s)
        name = t("curtain.team", "en", vendor=words.vendor_name(sc, vid, "en"))
        assert any(line.startswith(name) for line in shown(s))
        d.key(pygame.K_TAB)
    assert s.team_i == 0
    d.click(words.vendor_name(sc, "national_brand", "en"))
    assert s.vid == "national_brand"


def test_language_and_window_size_change_on_the_debrief(d: Driver) -> None:
    from game.ui.screens.debrief import chart_dpi

    s = open_debrief(d, finished_match())
    d.key(pygame.K_5)  # the score chart
    d.key(pygame.K_F2)  # Chinese at once: the page again, the charts drawn again in Chinese
    assert d.app.ctx.lang == "zh" and d.app.top is s
    d.frame()
    assert "".join(shown(s)).startswith(t("dbw.score_note", "zh"))
    until(d, lambda: any(k[0] == "zh" for k in s.found.charts) and s.chart_job is None, "the Chinese charts")
    assert s.page is not None and s.page.images() == 1
    d.app.set_display(size=(1920, 1080), fullscreen=False)
    assert d.app.top is s and d.has_button(t("dbw.export", "zh"))
    until(d, lambda: ("zh", chart_dpi(d.app.ctx.metrics.scale)) in s.found.charts, "the charts at the new size")
    d.frame()
    assert s.page is not None and s.page.images() == 1
    assert s.page.w > 1200  # laid out for the bigger window


def test_every_control_has_a_tooltip(d: Driver) -> None:
    s = open_debrief(d, finished_match())
    kinds = ("none", "remove", "move", "add_exec", "bid")

    def check(where: str) -> None:
        buttons = [e for e in s.elements if isinstance(e, pygame_gui.elements.UIButton)]
        assert buttons
        for b in buttons:
            assert b.tool_tip_text, f"{where}: button {b.text!r} has no tooltip"
        for e in s.elements:
            if isinstance(e, pygame_gui.elements.UITextEntryLine):
                assert e.tool_tip_text, f"{where}: a text entry has no tooltip"

    for i, sec in enumerate(SECTIONS):
        d.key(pygame.K_1 + i)
        check(sec)
    d.key(pygame.K_1 + SECTIONS.index("whatif"))
    for kind in kinds:
        d.click(en(f"dbw.wi.kind.{kind}"))
        check(kind)
    d.key(pygame.K_ESCAPE)
    go(d.app, _board_match())
    board = d.app.top
    assert isinstance(board, BoardScreen)
    d.key(pygame.K_m)
    m = d.app.top
    assert isinstance(m, BeliefMapScreen)
    for b in (e for e in m.elements if isinstance(e, pygame_gui.elements.UIButton)):
        assert b.tool_tip_text, f"belief map: button {b.text!r} has no tooltip"


def _board_match() -> Match:
    m = Match(load_scenario(SCENARIOS / "tutorial.yaml"), 3, ["player"])
    m.game.end_turn()
    m.reports.clear()
    return m


def test_the_belief_map_records_estimates_for_the_debrief(d: Driver) -> None:
    d.key(pygame.K_RETURN)  # title -> briefing
    d.key(pygame.K_RETURN)  # -> the board, with the first-play guide
    d.key(pygame.K_ESCAPE)
    board = d.app.top
    assert isinstance(board, BoardScreen)
    g: Game = board.match.game
    d.click(en("map.open"))
    m = d.app.top
    assert isinstance(m, BeliefMapScreen)
    sc = g.scenario
    views = g.view("player")
    # Our readings are shown beside our estimate (from Game.view, not the truth).
    person = next(p for p in views if p.id == "it_head")
    d.click_at(d.app.ctx.metrics.rect(20, 104 + m.row_h() * views.index(person) + 10, 100, 20).center)
    assert m.selected == "it_head"
    pluses = [b for b in m.elements if isinstance(b, pygame_gui.elements.UIButton) and b.text == "+"]
    d.click(pluses[views.index(person)])
    d.click(pluses[views.index(person)])  # unset counts as 50 %: 55 %, then 60 %
    crit = sc.criteria
    d.click(words.criterion_name(sc, crit[1].id, "en"))
    d.key(pygame.K_1)  # the first criterion, ranked second
    assert m.estimate("it_head").stance == pytest.approx(0.6)
    assert m.estimate("it_head").cares == (crit[1].id, crit[0].id)
    assert g.beliefs == []  # nothing recorded before saving
    # Leaving with unsaved estimates asks first; staying keeps them.
    d.key(pygame.K_ESCAPE)
    assert d.app.modals
    d.key(pygame.K_ESCAPE)
    assert d.app.top is m and not d.app.modals
    d.click(en("map.save"))
    assert g.beliefs == [Belief(1, "player", "it_head", 0.6, {crit[1].id: 2 / 3, crit[0].id: 1 / 3})]
    assert {"belief": g.beliefs[0].to_json()} in g.log  # logged, so it is replayed
    again = Game.replay(g.scenario, g.seed, g.log, g.humans, players=POLICIES)
    assert again.beliefs == g.beliefs
    # Only what changed is recorded again.
    d.click(en("map.save"))
    assert len(g.beliefs) == 1 and m.status is not None and m.status[0] == en("map.nothing")
    d.key(pygame.K_DOWN)
    d.key(pygame.K_LEFT)
    d.key(pygame.K_RETURN)
    nxt = views[(views.index(person) + 1) % len(views)]
    assert g.beliefs[-1] == Belief(1, "player", nxt.id, 0.45, None)
    d.key(pygame.K_ESCAPE)
    assert d.app.top is board  # type: ignore[comparison-overlap]  # Esc closed the map
    # M on the board opens it again with what was saved.
    d.key(pygame.K_m)
    m2 = d.app.top
    assert isinstance(m2, BeliefMapScreen) and m2.estimate("it_head").stance == pytest.approx(0.6)
    d.key(pygame.K_m)
    assert d.app.top is board  # type: ignore[comparison-overlap]  # M closed the map


def test_debrief_and_map_glyphs() -> None:
    """Every character of this screen's strings (both languages) and marks has a glyph in the font."""
    from game.ui.theme import font_files

    files = font_files(ROOT / "assets")
    assert files is not None
    pygame.font.init()
    font = pygame.font.Font(str(files[0]), 20)
    tofu = font.metrics("\ue000")[0]  # a private-use character: the font's 'missing' box
    prefixes = ("dbw.", "map.", "keys.dbw.", "keys.map.", "keys.board.map")
    chars = {ch for k, pair in STRINGS.items() if k.startswith(prefixes) for s in pair for ch in s if not ch.isspace()}
    chars |= set("✓×●▲★◀▶−→•…")
    missing = sorted(ch for ch in chars if font.metrics(ch)[0] == tofu)
    assert not missing, f"characters without a glyph: {''.join(missing)}"


# -- screenshots ----------------------------------------------------------------------------------


def folder() -> Path:
    return Path(os.environ.get("TENDER_SCREENSHOTS") or ROOT / "build" / "screenshots") / "debrief"


@pytest.mark.parametrize("size", ((1280, 720), (1920, 1080)), ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ("en", "zh"))
def test_screenshots_of_the_debrief_and_the_map(lang: str, size: tuple[int, int]) -> None:
    d = Driver(SCENARIOS, size=size, lang=lang, seed=3)
    paths: list[Path] = []
    w, h = size

    def shot(name: str) -> None:
        d.frame()
        paths.append(d.screenshot(folder() / f"{lang}_{w}x{h}_{len(paths) + 1:02d}_{name}.png"))

    try:
        s = open_debrief(d, finished_match("tutorial"), lang)
        until(d, lambda: s.chart_job is None and bool(s.found.charts), "the charts")
        for i, sec in enumerate(SECTIONS):
            d.key(pygame.K_1 + i)
            shot(sec)
        d.key(pygame.K_1 + SECTIONS.index("whatif"))
        wi = s.whatif
        d.click(t("dbw.wi.kind.move", lang))
        first = wi.allocations(wi.turn)[0]
        d.click(f"{words.action_name(first.action, lang)} → {wi.person(first.stakeholder)} ×{first.amount}")
        d.click(next(name for sid, name in wi.people() if sid != first.stakeholder))
        d.click(t("dbw.wi.run", lang))
        until(d, lambda: wi.run_job is None, "the what-if")
        d.click(t("dbw.best.run", lang))
        until(d, lambda: wi.search_job is None, "the best-change search")
        shot("whatif_results")
        d.click(t("dbw.wi.kind.bid", lang))
        shot("whatif_bid")
        d.key(pygame.K_1)
        d.key(pygame.K_x)
        shot("export_bar")
        d.key(pygame.K_ESCAPE)
        d.key(pygame.K_ESCAPE)
        # Two teams: the tabs, on the twelve-person tender.
        s2 = open_debrief(d, finished_match("rural_schools", ("incumbent", "national_brand")), lang)
        d.key(pygame.K_TAB)
        shot("two_teams_why")
        until(d, lambda: s2.chart_job is None and bool(s2.found.charts), "the charts")
        d.key(pygame.K_3)
        shot("two_teams_stances")
        # The belief map over a twelve-person board.
        m = Match(load_scenario(SCENARIOS / "rural_schools.yaml"), 3, ["incumbent"])
        m.game.end_turn()
        m.reports.clear()
        go(d.app, m)
        shot("board_with_map_button")
        d.key(pygame.K_m)
        d.key(pygame.K_RIGHT)
        d.key(pygame.K_RIGHT)
        d.key(pygame.K_2)
        d.key(pygame.K_1)
        d.key(pygame.K_RETURN)
        d.key(pygame.K_DOWN)
        d.key(pygame.K_LEFT)
        d.key(pygame.K_3)
        shot("belief_map")
    finally:
        d.close()
    assert len(paths) == len(SECTIONS) + 7
    for p in paths:
        img = pygame.image.load(str(p))
        assert img.get_size() == size
        small = pygame.transform.scale(img, (160, 90))
        colours = {small.get_at((x, y))[:3] for x in range(0, 160, 3) for y in range(0, 90, 3)}
        assert len(colours) > 5, f"{p.name} looks blank"
