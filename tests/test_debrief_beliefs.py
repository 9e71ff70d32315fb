"""Belief versus truth: errors against the position where each estimate was made; drift;
and the terminal's belief command that records them."""

from __future__ import annotations

import io

import pytest

from game.ai.players import POLICIES
from game.analysis.debrief.beliefs import belief_report
from game.engine.game import Game
from game.engine.teams import TeamGame
from game.present.debrief.text import Names, belief_lines
from game.terminal.app import Console, TerminalGame
from tests.debrief_helpers import policy, scenario

PEOPLE = ("equipment_director", "exec_vice_governor", "expert_liu")


def _game(offset: float, drift: float = 0.0, cares_right: bool = True) -> TeamGame:
    """Best practice; at turns 2, 5 and 8 the team records the truth shifted by offset (+ drift per record)."""
    g = Game(scenario(), 6, ("incumbent",), players=POLICIES)
    plan = policy("best_practice")
    k = 0
    while g.phase == "turn":
        if g.turn in (2, 5, 8):
            for sid in PEOPLE:
                x, cares = g.truth(sid, "incumbent")
                top = max(cares, key=cares.__getitem__)
                if not cares_right:
                    top = min(cares, key=cares.__getitem__)
                g.record_belief("incumbent", sid, stance=min(1.0, max(0.0, x + offset + drift * k)), cares={top: 1.0})
            k += 1
        g.set_actions("incumbent", plan(g, "incumbent"))
        g.end_turn()
    g.submit_bid("incumbent", 23_500_000)
    g.finish()
    return TeamGame("Mappers", "incumbent", g)


def test_exact_beliefs_have_no_error() -> None:
    r = belief_report(_game(0.0))
    assert r is not None and len(r.checks) == 9
    assert all(abs(c.error or 0.0) < 1e-12 for c in r.checks)
    assert r.mean_abs_error == pytest.approx(0.0, abs=1e-12)
    assert r.top_hits == (3, 3)
    assert r.drifts() == []


def test_offset_beliefs_show_the_offset_and_its_sign() -> None:
    r = belief_report(_game(0.1, cares_right=False))
    assert r is not None
    assert r.mean_abs_error == pytest.approx(0.1, abs=1e-9)
    assert r.bias == pytest.approx(0.1, abs=1e-9)
    assert r.top_hits == (0, 3)
    assert all(ch.cares_error is not None and ch.cares_error > 0 for ch in r.checks)


def test_a_map_that_drifts_away_is_named() -> None:
    tg = _game(0.0, drift=0.08)
    r = belief_report(tg)
    assert r is not None
    drifts = r.drifts()
    assert {d.stakeholder for d in drifts} == set(PEOPLE)
    d = drifts[0]
    assert d.first_turn == 2 and d.last_turn == 8
    assert abs(d.last_error) == pytest.approx(0.16, abs=1e-9)
    assert [t for t, _ in r.by_turn()] == [2, 5, 8]
    for lang in ("en", "zh"):
        lines = belief_lines(r, Names.of(tg.game, lang))
        assert len(lines) >= 3 and "{" not in "".join(lines)


def test_no_beliefs_no_report() -> None:
    g = Game(scenario(), 6, ("incumbent",), players=POLICIES)
    assert belief_report(TeamGame("Blank", "incumbent", g)) is None
    assert belief_lines(None, Names.of(g, "en"))[0].startswith("No estimates")


def _terminal(lines: list[str], lang: str = "en") -> tuple[TerminalGame, str]:
    out = io.StringIO()
    console = Console(io.StringIO("".join(f"{x}\n" for x in lines)), out)
    app = TerminalGame(scenario("tutorial"), 3, lang, console)
    app.game = Game(scenario("tutorial"), 3, ("player",), players=POLICIES)
    app.teams = ["player"]
    for line in lines:
        app.command("player", line)
    return app, out.getvalue()


def test_terminal_belief_command_records_the_map() -> None:
    app, text = _terminal(["belief it_head 60% technical service", "belief head_nurse 0.35", "belief"])
    beliefs = app.game.beliefs
    assert [(b.stakeholder, b.stance) for b in beliefs] == [("it_head", 0.6), ("head_nurse", 0.35)]
    assert beliefs[0].cares is not None and list(beliefs[0].cares) == ["technical", "service"]
    assert beliefs[0].cares["technical"] > beliefs[0].cares["service"]
    assert "Noted for Li Ming" in text and "Your map of the committee" in text
    # The log carries them, so the debrief sees them after a replay.
    again = Game.replay(app.game.scenario, 3, app.game.log, ("player",), players=POLICIES)
    assert again.beliefs == beliefs


def test_terminal_belief_command_explains_mistakes() -> None:
    app, text = _terminal(["belief", "belief nobody 50%", "belief it_head 150%", "belief it_head colour", "belief it_head"])
    assert not app.game.beliefs
    assert "No estimates yet" in text
    assert "150%" in text and "colour" in text and "Usage: belief" in text
    _, zh = _terminal(["belief it_head 60% technical", "判断"], lang="zh")
    assert "已记录" in zh and "你们对采购委员会的判断" in zh
