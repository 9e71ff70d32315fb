"""Live events through a whole session: every kind, injected every way, shown in both front ends.

An event a trainer adds during play (the form, or a deck card whose secrecy
was changed) gets an index past the scenario's own events; every place that
looks up an EventFired's index must know those added events. Each session
here injects every form kind announced and secret, before a round and while
it is open, plus the deck card as it is and with its secrecy swapped, then
plays to the award; after every round each team's report (terminal) and the
people view are rendered in both languages, and the console and the window
show the same session.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from game.present.events import announcement, describe_event
from game.scenario import load_scenario
from game.session.session import Session
from game.terminal import render as r
from game.terminal.workshop import resume_workshop
from tests.conftest import SCENARIOS
from tests.session_helpers import TUTORIAL, FakeClock, make, reopen

FORM_KINDS = ("stakeholder_replaced", "budget_cut", "competitor_offensive", "rumour", "tender_delayed", "spec_change")


def form(kind: str, sc: Any) -> dict[str, Any]:
    """A valid form event of ``kind`` for the scenario."""
    person = sc.stakeholders[0].id
    rival = next(v.id for v in sc.vendors if not v.playable)
    return {
        "stakeholder_replaced": {"kind": kind, "stakeholder": person, "name": {"en": "Zhao New", "zh": "赵新"}},
        "budget_cut": {"kind": kind, "ceiling_factor": 0.95},
        "competitor_offensive": {"kind": kind, "vendor": rival, "targets": [person]},
        "rumour": {"kind": kind, "reliability": 0.4},
        "tender_delayed": {"kind": kind, "delay": 1},
        "spec_change": {"kind": kind, "weights": {"technical": 0.4, "price": 0.4, "commercial": 0.2}},
    }[kind]


def show_everything(s: Session) -> None:
    """What both front ends render for every team after a round (raises on a bad event index)."""
    for team in s.config.teams:
        g = s.game_of(team.name)
        rep = s.report(team.name)
        for lang in ("en", "zh"):
            g.view(team.vendor)
            for e in s.injected():
                announcement(s, e, lang)
            if rep is not None:
                r.render_turn_report(g, rep.record, team.vendor, lang, before=rep.before, previous=rep.previous)
            for rec in g.records:
                for ev in rec.events:
                    describe_event(g, ev, team.vendor, lang)


def play_with_every_event(path: Path, scenario: Path, deck_secret: bool | None) -> Session:
    sc = load_scenario(scenario)
    s = make(path, scenario=scenario, teams=("Red", "Blue"), mode="parallel", seed=5)
    plan = [(k, sec) for k in FORM_KINDS for sec in (False, True)]
    deck = s.deck()
    n = 0
    while s.phase == "idle":
        if n < len(plan):  # before the round: announced, then secret of the same kind
            kind, secret = plan[n]
            s.inject(event=form(kind, sc), secret=secret)
            n += 1
        if s.round == 2 and deck:
            s.inject(card=1, secret=deck_secret)
        s.open_round()
        if n < len(plan):  # mid-round
            kind, secret = plan[n]
            s.inject(event=form(kind, sc), secret=secret)
            n += 1
        s.close_round(force=True)
        show_everything(s)
    assert s.phase == "bids"
    kinds = {(e.event.kind, e.secret) for e in s.injected() if e.source == "form"}
    if s.rounds * 2 >= len(plan):
        assert kinds == set(plan)
    for team in s.config.teams:
        s.submit_bid(team.name, 0.9 * s.game_of(team.name).ceiling)
    s.finish()
    show_everything(s)
    return s


@pytest.mark.parametrize(
    ("scenario", "deck_secret"),
    [
        (SCENARIOS / "rural_schools.yaml", None),  # the card as it is
        (SCENARIOS / "software_division.yaml", True),  # an announced card played secretly: a new event
        (SCENARIOS / "group_defence.yaml", False),
        (TUTORIAL, None),  # no deck; 4 rounds
    ],
)
def test_every_event_kind_injected_every_way_through_a_session(tmp_path: Path, scenario: Path, deck_secret: bool | None) -> None:
    path = tmp_path / "e.session.jsonl"
    s = play_with_every_event(path, scenario, deck_secret)
    fired = [ev for rec in s.game_of("Red").records for ev in rec.events]
    events = s.game_of("Red").events
    assert fired and all(0 <= ev.index < len(events) for ev in fired)
    assert any(ev.index >= len(s.scenario.events) for ev in fired)  # added events did fire
    s.close()
    # The same session replayed from its file, and in the console (report of every team, audit, events).
    again = reopen(path, read_only=True)
    show_everything(again)
    again.close()
    clock = FakeClock(10_000)
    out = io.StringIO()
    lines = iter(["status", "events", "report Red", "report Blue", "audit", "leaderboard", "quit"])

    class Stdin:
        def isatty(self) -> bool:
            return False

        def readline(self) -> str:
            return next(lines, "") + "\n"

    code = resume_workshop(reopen(path, clock), lang="en", stdin=Stdin(), stdout=out)  # type: ignore[arg-type]  # a scripted stdin
    text = out.getvalue()
    assert code == 0 and "Traceback" not in text, text
    if scenario.stem == "software_division":  # the debrief report and the exports of the same session
        from game.analysis.debrief.bundle import debrief_teams
        from game.present.debrief.report import render_report
        from game.session.export import write_csv, write_json

        done = reopen(path, read_only=True)
        html = render_report(debrief_teams(done.team_games(), samples=10, search=False), "zh")
        assert "赵新" in html or "Zhao New" in html
        write_csv(done, tmp_path / "csv")
        write_json(done, tmp_path / "e.json")
        done.close()


def test_the_issue_repro_announced_form_event_then_report(tmp_path: Path) -> None:
    """`inject form budget_cut` announced, a round, then `report Red` in the console."""
    from game.session.config import SetupOptions
    from tests.test_session_console import console

    path = tmp_path / "x.session.jsonl"
    opts = SetupOptions(teams=["Red"], mode="parallel", seed=1, round_minutes=0, at_zero="pass", session_path=path)
    lines = ["inject form budget_cut", "0.9", "", "a", "open", "close", "y", "open", "report Red", "quit"]
    code, out = console(lines, scenario=TUTORIAL, options=opts)
    assert code == 0, out
    assert "The budget has been cut" in out or "budget" in out.lower()


def test_every_event_kind_in_the_window(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The window's hot-seat entry (report, board with its timeline, bid) after every round of events."""
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from game.strings import t
    from game.ui.driver import Driver
    from game.ui.screens.turn_report import TurnReportScreen
    from game.ui.screens.ws_common import OPEN
    from game.ui.screens.ws_control import WsControlScreen
    from game.ui.screens.ws_entry import SessionBidScreen, SessionBoardScreen
    from game.ui.screens.ws_resume import open_control

    monkeypatch.chdir(tmp_path)
    scenario = SCENARIOS / "rural_schools.yaml"
    sc = load_scenario(scenario)
    s = make(tmp_path / "w.session.jsonl", scenario=scenario, teams=("Red", "Blue"), seed=6)
    d = Driver(SCENARIOS, size=(1280, 720), lang="en", seed=3)
    try:
        open_control(d.app, s, replace=False)
        plan = [(k, sec) for k in FORM_KINDS for sec in (False, True)]
        seen_reports = 0
        while s.phase == "idle":
            for _ in range(2):
                if plan:
                    kind, secret = plan.pop(0)
                    s.inject(event=form(kind, sc), secret=secret)
            if s.round == 3:
                s.inject(card=1, secret=True)
            d.click(t("wsw.open", "en"))
            while d.app.modals:  # the announcements
                d.key(pygame.K_RETURN)
            assert s.phase == "open"  # type: ignore[comparison-overlap]  # the click opened the round
            for lang in ("en", "zh"):
                d.app.set_lang(lang)
                d.key(pygame.K_1)
                d.key(pygame.K_RETURN)
                while isinstance(d.app.top, TurnReportScreen):
                    seen_reports += 1
                    d.frame()
                    d.key(pygame.K_SPACE)
                assert isinstance(d.app.top, SessionBoardScreen), type(d.app.top).__name__
                d.frame()  # the board with its timeline of past events
                d.key(pygame.K_ESCAPE)
                if d.app.modals:
                    d.click(t("wsw.entry.cancel_yes", lang))
                assert isinstance(d.app.top, WsControlScreen)
            d.app.set_lang("en")
            s.close_round(force=True)
            d.frame()
        assert seen_reports > 0
        d.key(pygame.K_1)
        d.key(pygame.K_RETURN)
        while isinstance(d.app.top, TurnReportScreen):
            d.key(pygame.K_SPACE)
        assert isinstance(d.app.top, SessionBidScreen)
        d.frame()
    finally:
        for ws in list(OPEN):
            ws.close()
        d.close()
