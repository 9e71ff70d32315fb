"""The Session API: set-up, rounds, the countdown, undo, live events, decisions files, bids, replay."""

from __future__ import annotations

from pathlib import Path

import pytest

from game import MODEL_VERSION
from game.engine.game import Allocation, DecisionError
from game.scenario import load_scenario
from game.session.config import build_config
from game.session.log import SessionError, SessionFileError
from game.session.session import Session
from tests.session_helpers import (
    RURAL,
    TECH,
    TUTORIAL,
    VISIT,
    WORKSHOP,
    FakeClock,
    make,
    records_json,
    reopen,
)

# -- set-up ---------------------------------------------------------------------------


def test_config_checks() -> None:
    sc = load_scenario(RURAL)
    cfg = build_config(sc, teams=["Red", "Blue=incumbent"], mode="head-to-head", seed=1)
    assert [(t.name, t.vendor) for t in cfg.teams] == [("Red", "national_brand"), ("Blue", "incumbent")]
    cases = [
        ({"teams": ["A", "B", "C"], "mode": "head-to-head"}, "at most 2"),
        ({"teams": ["A", "a "], "mode": "parallel"}, "two teams are called"),
        ({"teams": [], "mode": "parallel"}, "1 to 12 teams"),
        ({"teams": [f"T{i}" for i in range(13)], "mode": "parallel"}, "1 to 12 teams"),
        ({"teams": ["A=price_fighter"], "mode": "head-to-head"}, "not a playable vendor"),
        ({"teams": ["A=incumbent", "B=incumbent"], "mode": "head-to-head"}, "two teams chose"),
        ({"teams": ["A"], "mode": "parallel", "vendor": "nobody"}, "not a playable vendor"),
        ({"teams": ["A"], "mode": "solo"}, "unknown mode"),
        ({"teams": ["A"], "mode": "parallel", "at_zero": "explode"}, "'pass'"),
        ({"teams": ["\x07"], "mode": "parallel"}, "control character"),
        ({"teams": ["A=national_brand"], "mode": "parallel"}, "every team plays 'incumbent'"),
    ]
    for kw, msg in cases:
        with pytest.raises(SessionError, match=msg):
            build_config(sc, seed=1, **kw)  # type: ignore[arg-type]  # wrong values on purpose


def test_head_to_head_is_one_game_parallel_is_one_per_team(tmp_path: Path) -> None:
    h = make(tmp_path / "h.session.jsonl", mode="head-to-head")
    assert len(h.games) == 1 and set(h.games[0].humans) == {"incumbent", "national_brand"}
    p = make(tmp_path / "p.session.jsonl", teams=("A", "B", "C"))
    assert len(p.games) == 3 and all(g.humans == ("incumbent",) for g in p.games)


# -- rounds -------------------------------------------------------------------------------


def test_a_round_submit_replace_close(tmp_path: Path) -> None:
    s = make(tmp_path / "a.session.jsonl")
    assert s.phase == "idle" and s.round == 1
    with pytest.raises(SessionError, match="no round is open; open round 1"):
        s.submit("Red", [VISIT])
    assert s.open_round() == 1
    with pytest.raises(SessionError, match="already open"):
        s.open_round()
    assert s.submit("red ", [VISIT]) is False  # names match regardless of case and spaces
    assert s.submit("Red", [VISIT, TECH]) is True
    assert s.submissions() == {"Red": [VISIT, TECH]}
    with pytest.raises(SessionError, match="no team 'Green'"):
        s.submit("Green", [])
    with pytest.raises(DecisionError) as exc:
        s.submit("Blue", [Allocation("visit", "edu_vice_governor", 50)])
    assert exc.value.code == "not_enough"
    with pytest.raises(SessionError) as missing:
        s.close_round()
    assert missing.value.code == "teams_missing" and missing.value.params["teams"] == ["Blue"]
    s.close_round(force=True)
    assert s.phase == "idle" and s.round == 2
    assert s.decisions("Red") == {1: [VISIT, TECH]} and s.decisions("Blue") == {1: []}
    types = [e.type for e in s.entries]
    assert types == ["open", "submit", "submit", "close", "results"]  # both submissions stay in the log
    announced = s.recorded_results()[0]  # what the round announced, written beside it
    assert announced.round == 1 and announced.model_version == MODEL_VERSION
    assert [f.team for f in announced.teams] == ["Red", "Blue"] and announced.teams[0].turn == 1
    with pytest.raises(SessionError, match="Red's entry came too late"):
        s.submit("Red", [VISIT])


def test_parallel_worlds_share_the_dice(tmp_path: Path) -> None:
    s = make(tmp_path / "a.session.jsonl", teams=("A", "B", "C"))
    for _ in range(3):
        s.open_round()
        s.submit("A", [VISIT, TECH])
        s.submit("B", [VISIT, TECH])
        s.submit("C", [WORKSHOP])
        s.close_round()
    assert records_json(s, "A") == records_json(s, "B")
    assert records_json(s, "A") != records_json(s, "C")


def test_the_countdown_warns_and_passes_at_zero(tmp_path: Path) -> None:
    clock = FakeClock()
    s = make(tmp_path / "a.session.jsonl", clock=clock, round_seconds=300)
    s.open_round()
    s.submit("Red", [VISIT])
    clock.advance(200)
    assert s.tick() == [] and s.remaining() == pytest.approx(100)
    s.pause()
    clock.advance(1000)  # paused: no time passes on the round
    assert s.remaining() == pytest.approx(100) and s.tick() == []
    s.resume_clock()
    clock.advance(45)
    assert [t.kind for t in s.tick()] == ["warning"]
    assert s.tick() == []  # once
    clock.advance(60)
    assert [t.kind for t in s.tick()] == ["expired", "closed"]
    assert s.phase == "idle" and s.decisions("Blue") == {1: []}
    close, results = s.entries[-2:]
    assert close.type == "close" and close.by == "timer" and close.passed == ("Blue",)
    assert results.type == "results" and results.round == close.round


def test_wait_at_zero_keeps_the_round_open(tmp_path: Path) -> None:
    clock = FakeClock()
    s = make(tmp_path / "a.session.jsonl", clock=clock, round_seconds=120, at_zero="wait")
    s.open_round()
    clock.advance(130)
    assert [t.kind for t in s.tick()] == ["warning", "expired"]
    assert s.phase == "open" and s.status().expired
    s.submit("Red", [VISIT])  # late, but the round waits
    s.extend(60)
    assert s.remaining() == pytest.approx(50) and not s.status().expired
    with pytest.raises(SessionError, match="Blue"):
        s.close_round()
    s.submit("Blue", [])
    s.close_round()


def test_a_late_entry_after_the_timer_closed_is_refused(tmp_path: Path) -> None:
    clock = FakeClock()
    s = make(tmp_path / "a.session.jsonl", clock=clock, round_seconds=60)
    s.open_round()
    clock.advance(61)
    with pytest.raises(SessionError, match="too late"):
        s.submit("Red", [VISIT])  # the time-out is noticed first, then the entry is late
    assert s.phase == "idle"


# -- undo ------------------------------------------------------------------------------------


def test_undo_reopens_the_round_and_keeps_both_in_the_log(tmp_path: Path) -> None:
    a = make(tmp_path / "a.session.jsonl")
    a.open_round()
    a.submit("Red", [Allocation("hospitality", "finance_official", 1)])  # the mistake
    a.submit("Blue", [TECH])
    a.close_round()
    a.open_round()
    assert a.undo_last_resolution("Red meant a visit") == 1
    assert a.phase == "open" and a.round == 1
    assert a.submissions() == {"Red": [Allocation("hospitality", "finance_official", 1)], "Blue": [TECH]}
    assert not a.status().running and a.status().paused_after_restart
    a.submit("Red", [VISIT])
    a.close_round()
    b = make(tmp_path / "b.session.jsonl")
    b.open_round()
    b.submit("Red", [VISIT])
    b.submit("Blue", [TECH])
    b.close_round()
    assert records_json(a, "Red") == records_json(b, "Red")
    assert records_json(a, "Blue") == records_json(b, "Blue")
    undone = [x.type for x in a.audit() if x.undone]
    assert undone == ["close", "open"]
    assert [x.type for x in a.audit()].count("close") == 2
    a.close()
    again = reopen(tmp_path / "a.session.jsonl")
    assert records_json(again, "Red") == records_json(b, "Red")


def test_undo_is_refused_when_it_would_drop_entries(tmp_path: Path) -> None:
    s = make(tmp_path / "a.session.jsonl")
    with pytest.raises(SessionError, match="no round has been resolved"):
        s.undo_last_resolution()
    s.open_round()
    s.close_round(force=True)
    s.open_round()
    s.submit("Red", [VISIT])
    assert not s.status().can_undo
    with pytest.raises(SessionError, match="Red"):
        s.undo_last_resolution()


# -- live events ---------------------------------------------------------------------------


def test_inject_deck_card_and_forms(tmp_path: Path) -> None:
    s = make(tmp_path / "a.session.jsonl")
    ceiling = s.games[0].ceiling
    e1 = s.inject(card="leading_group_review")
    e2 = s.inject(event={"kind": "budget_cut", "ceiling_factor": 0.9}, secret=True)
    e3 = s.inject(event={"kind": "rumour", "reliability": 0.2, "text": {"en": "A price war"}})
    assert (e1.turn, e1.source, e1.secret) == (1, "deck", False)
    assert e2.secret and e3.event.kind == "rumour"
    with pytest.raises(SessionError, match="already been played"):
        s.inject(card=1)
    version = s.version
    for bad in (
        {"kind": "stakeholder_replaced", "stakeholder": "nobody"},
        {"kind": "rumour", "reliability": 3},
        {"kind": "budget_cut", "ceiling_factor": 0.9, "turn": 4},
        {"kind": "earthquake"},
    ):
        with pytest.raises(SessionError):
            s.inject(event=bad)
    assert s.version == version  # nothing refused was logged
    s.open_round()
    s.close_round(force=True)
    rec = s.game_of("Red").records[-1]
    fired = {(e.kind, e.secret) for e in rec.events}
    assert {("tender_delayed", False), ("budget_cut", True), ("rumour", False)} <= fired
    assert s.games[0].ceiling == pytest.approx(ceiling * 0.9)
    assert all(g.ceiling == pytest.approx(ceiling * 0.9) for g in s.games)
    s.close()
    again = reopen(tmp_path / "a.session.jsonl")
    assert [e.event.kind for e in again.injected()] == ["tender_delayed", "budget_cut", "rumour"]
    assert records_json(again, "Blue") == records_json(s, "Blue")


def test_a_secret_deck_card_override(tmp_path: Path) -> None:
    s = make(tmp_path / "a.session.jsonl")
    e = s.inject(card=1, secret=True)
    assert e.secret and e.index >= len(s.scenario.events)  # a secret copy of the card
    s.open_round()
    s.close_round(force=True)
    assert any(ev.kind == "tender_delayed" and ev.secret for ev in s.game_of("Red").records[-1].events)


# -- decisions files -------------------------------------------------------------------------


def write(p: Path, text: str) -> Path:
    p.write_text(text, encoding="utf-8")
    return p


def test_import_files(tmp_path: Path) -> None:
    s = make(tmp_path / "a.session.jsonl")
    good = write(
        tmp_path / "red1.yaml",
        "vendor: incumbent\nteam: Red\nround: 1\nscenario: rural-schools-tv\n"
        "turns:\n  1:\n    - {action: visit, stakeholder: edu_vice_governor, amount: 2}\n",
    )
    with pytest.raises(SessionError, match="no round is open"):
        s.import_file(good)
    s.open_round()
    res = s.import_file(good)
    assert (res.team, res.round, res.actions, res.replaced) == ("Red", 1, 1, False)
    assert s.import_file(good).replaced
    sub = [e for e in s.entries if e.type == "submit"][-1]
    assert sub.source == "file" and sub.file == "red1.yaml" and sub.sha256
    refused = {
        "vendor: incumbent\nteam: Green\nround: 1\n": "no team 'Green'",
        "vendor: incumbent\nround: 1\n": "no 'team:' line",
        "vendor: incumbent\nteam: Red\n": "no 'round:' line",
        "vendor: incumbent\nteam: Red\nround: 2\nturns: {2: []}\n": "round 2, but round 1 is open",
        "vendor: national_brand\nteam: Red\nround: 1\n": "no team plays|plays 'incumbent'",
        "vendor: incumbent\nteam: Red\nround: 1\nscenario: tutorial\n": "written for scenario 'tutorial'",
        "vendor: incumbent\nteam: Red\nround: 1\nturns:\n  1:\n    - {action: vist, stakeholder: edu_vice_governor}\n": "did you mean 'visit'",
        "vendor: [\n": "YAML syntax error",
    }
    for text, msg in refused.items():
        f = write(tmp_path / "bad.yaml", text)
        version = s.version
        with pytest.raises(SessionError, match=msg):
            s.import_file(f)
        assert s.version == version
    s.close_round(force=True)
    s.open_round()
    with pytest.raises(SessionError, match="round 1, which is over"):
        s.import_file(good)
    with pytest.raises(SessionError, match="cannot read"):
        s.import_file(tmp_path / "missing.yaml")


def test_head_to_head_file_without_team_name(tmp_path: Path) -> None:
    s = make(tmp_path / "a.session.jsonl", mode="head-to-head")
    s.open_round()
    f = write(tmp_path / "x.yaml", "vendor: incumbent\nround: 1\nturns: {1: [{action: visit, stakeholder: centre_director}]}\n")
    assert s.import_file(f).team == "Red"  # the team that plays incumbent


# -- bids, award, replay ---------------------------------------------------------------------


def play_out(s: Session, rounds: int | None = None) -> None:
    for _ in range(rounds or s.rounds):
        s.open_round()
        for t in s.teams:
            s.submit(t.name, [VISIT] if t.name == "Red" else [TECH])
        s.close_round()


def test_bids_and_award(tmp_path: Path) -> None:
    s = make(tmp_path / "a.session.jsonl", scenario=TUTORIAL, teams=("Red", "Blue"))
    with pytest.raises(SessionError, match="bids are due after the last round"):
        s.submit_bid("Red", 1_000_000)
    for _ in range(s.rounds):
        s.open_round()
        s.close_round(force=True)
    assert s.phase == "bids"
    with pytest.raises(SessionError, match="every round has been played"):
        s.open_round()
    assert "over_ceiling" in s.submit_bid("Red", 5_000_000)
    s.submit_bid("Red", 1_100_000)
    with pytest.raises(SessionError) as exc:
        s.finish()
    assert exc.value.code == "bids_missing"
    s.finish(force=True)
    assert s.phase == "done"  # type: ignore[comparison-overlap]  # finish() moved the phase on
    red, blue = s.result("Red"), s.result("Blue")
    assert red is not None and red.bid == 1_100_000 and blue is not None and blue.bid is None
    with pytest.raises(SessionError, match="cannot be undone"):
        s.undo_last_resolution()


def test_replay_gives_the_same_session(tmp_path: Path) -> None:
    clock = FakeClock()
    p = tmp_path / "a.session.jsonl"
    s = make(p, clock=clock, teams=("Red", "Blue", "Green"))
    s.inject(event={"kind": "rumour", "reliability": 0.5})
    play_out(s, 4)
    s.record_belief("Red", "centre_director", stance=0.4, cares={"picture_quality": 2, "service": 1})
    s.open_round()
    s.submit("Red", [WORKSHOP])
    clock.advance(90)
    s.close()
    again = reopen(p, FakeClock(5000))
    assert again.phase == "open" and again.round == 5
    assert again.submissions() == {"Red": [WORKSHOP]}
    for t in ("Red", "Blue", "Green"):
        assert records_json(again, t) == records_json(s, t)
    assert again.game_of("Red").beliefs == s.game_of("Red").beliefs
    st = again.status()
    assert not st.running and st.paused_after_restart
    assert st.remaining == pytest.approx(600)  # running time up to the last entry in the file
    again.resume_clock()
    again.close()
    with pytest.raises(SessionError, match="read-only"):
        ro = reopen(p, read_only=True)
        ro.resume_clock()


def test_a_changed_scenario_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "rural.yaml"
    copy.write_bytes(RURAL.read_bytes())
    sc = load_scenario(copy)
    cfg = build_config(sc, teams=["Red"], mode="parallel", seed=3)
    p = tmp_path / "a.session.jsonl"
    Session.create(p, copy, cfg).close()
    copy.write_bytes(RURAL.read_bytes() + b"\n# edited\n")
    with pytest.raises(SessionFileError, match="changed since the session started"):
        Session.open(p)
    s = Session.open(p, scenario_path=RURAL)  # the original content, elsewhere: fine
    s.close()
    s = Session.open(p, search=[RURAL.parent])
    assert s.scenario_path == RURAL.resolve()
    s.close()


def test_ticks_that_happened_inside_a_late_submit_are_handed_out(tmp_path: Path) -> None:
    clock = FakeClock()
    s = make(tmp_path / "a.session.jsonl", clock=clock, round_seconds=90)
    s.open_round()
    clock.advance(100)
    with pytest.raises(SessionError, match="too late"):
        s.submit("Red", [VISIT])
    assert [t.kind for t in s.tick()] == ["warning", "expired", "closed"]
    assert s.tick() == []


def test_resolution_uses_only_logged_entries(tmp_path: Path) -> None:
    """A plan left in a game by a front end (never handed in) is not resolved."""
    s = make(tmp_path / "s.session.jsonl", teams=("Red", "Blue"), mode="parallel", scenario=TUTORIAL)
    s.open_round()
    s.submit("Red", [Allocation("visit", "it_head", 1)])
    s.game_of("Blue").set_actions("player", [Allocation("visit", "president", 2)])  # never handed in
    s.close_round(force=True)
    blue = [o for o in s.game_of("Blue").records[-1].outcomes if o.vendor == "player"]
    assert blue == []
    red = [o for o in s.game_of("Red").records[-1].outcomes if o.vendor == "player"]
    assert [(o.stakeholder, o.amount) for o in red] == [("it_head", 1.0)]
    # ... and the resumed session agrees with the live one.
    s.close()
    again = reopen(tmp_path / "s.session.jsonl")
    assert records_json(again, "Blue") == records_json(s, "Blue")
    again.close()
