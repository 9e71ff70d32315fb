"""What players read, in both languages: whole phrases, no ids, nothing a window player cannot do.

Each test pins a wording defect that was found in use (issue 10): a Chinese list
built from verb phrases, a raw policy id, a vetoed bid called "valid", a window
told to type 'none', a backfire whose damage was not shown, a change that
rounds to nothing, spec moves with no cause, the tender's two sets of weights
never related, the coach never explained.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from dataclasses import replace

import pytest

from game.ai.players import POLICIES
from game.ai.policies import Q_FUNCS
from game.analysis.debrief.winprob import WinCurve, WinPoint
from game.engine.game import Allocation, Game
from game.engine.records import ActionOutcome, EventFired, VendorResult
from game.present import fmt, results, words
from game.present.debrief.text import Names, curve_lines
from game.scenario import Scenario
from game.strings import STRINGS, strategy_name, t
from game.terminal import render as r


def test_rival_meetings_read_as_one_list_in_chinese() -> None:
    """'本回合对手与马立新见了 6 次和与杜建平见了 3 次' joined verb phrases with 和."""
    items = [t("rivals.item.many", "zh", person=p, n=n) for p, n in (("马立新", 6), ("杜建平", 3), ("许婷", 1))]
    text = t("rivals.seen", "zh", people="马立新、杜建平、许婷", items=fmt.join_list(items, "zh"))
    assert "对手见了马立新 6 次、杜建平 3 次和许婷 1 次。" in text
    assert "和与" not in text and "见了 6 次" not in text
    en = t("rivals.seen", "en", people="a", items=fmt.join_list([t("rivals.item.many", "en", person="Ma Lixin", n=6)], "en"))
    assert "rivals met Ma Lixin 6 times this turn" in en


def _result(**kw: object) -> VendorResult:
    base: dict[str, object] = dict(
        vendor="v", bid=1.0, valid=True, over_ceiling=False, questioned=False, disqualified=False, vetoed_by=None,
        technical=0.0, price_score=0.0, commercial=0.0, committee=0.0, total=0.0, rank=1, won=False, cost=0.0,
        spent=0.0, margin_if_won=0.0, result=0.0, win_probability=0.0, expected_result=0.0,
    )
    base.update(kw)
    return VendorResult(**base)  # type: ignore[arg-type]


def test_a_vetoed_bid_reads_as_one_phrase() -> None:
    """'有效，被马立新否决' read as two contradicting verdicts."""
    names = {"ma": "马立新"}
    assert results.award_status(_result(vetoed_by="ma"), names, "zh") == "投标有效，但被马立新否决"
    assert results.award_status(_result(vetoed_by="ma", questioned=True), names, "zh") == "被质询后仍有效，但被马立新否决"
    assert results.award_status(_result(vetoed_by="ma"), {"ma": "Ma Lixin"}, "en") == "valid, but vetoed by Ma Lixin"
    assert results.award_status(_result(), names, "zh") == "有效"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_play_style_has_a_name_in_both_languages(lang: str) -> None:
    for name in Q_FUNCS:
        assert f"strategy.{name}" in STRINGS
        assert "_" not in strategy_name(name, lang)
    assert strategy_name("best_practice", "zh") == "最佳实践"


def test_the_debrief_names_its_stand_in_in_the_players_language(tutorial: Scenario) -> None:
    """The debrief and the report said: your seat by the 'best_practice' stand-in."""
    g = Game(tutorial, 1, ("player",), players=POLICIES)
    curve = WinCurve("player", "player", "best_practice", 100, 10, (WinPoint(0, 0.4, 0.0, None), WinPoint(1, 0.5, 0.0, 0.5)), None, None)
    zh = " ".join(curve_lines(curve, Names.of(g, "zh")))
    assert "最佳实践" in zh and "best_practice" not in zh
    assert "best practice" in " ".join(curve_lines(curve, Names.of(g, "en")))


def test_window_players_are_not_told_to_type_commands() -> None:
    for lang in ("en", "zh"):
        for key in ("bidw.bad", "bidw.positive", "debrief.beliefs.none", "brief.hotseat"):
            text = t(key, lang, word="x", n=2, teams="a, b")
            assert "'none'" not in text and "输入 none" not in text, key
        assert "belief 命令" not in t("debrief.beliefs.none", lang).split("或")[0]  # the window's way comes first


def _outcome(**kw: object) -> ActionOutcome:
    base: dict[str, object] = dict(
        vendor="v", stakeholder="s", action="hospitality", amount=2.0, status="backfired", reason="compliance",
        fail_chance=0.2, d_relationship=0.0, d_fit=0.0, d_stance=0.0, d_quality=0.0, d_spec=0.0, d_knowledge=0.1,
    )
    base.update(kw)
    return ActionOutcome(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_backfire_shows_its_damage(lang: str) -> None:
    """With no relationship yet, a backfire's change line listed only the knowledge gained."""
    hurt = results.changes_text(_outcome(d_relationship=-0.014), lang)
    assert fmt.points(-0.014) in hurt
    none = results.changes_text(_outcome(d_relationship=-0.0), lang)
    assert "±0.0" in none and fmt.points(0.1) in none
    ot = results.outcome_text(_outcome(), "Ma Lixin", lang, money_cost=True)
    assert t("spent.money", lang) in ot.reason  # the money went all the same


def test_a_change_that_rounds_to_nothing_is_not_shown(tutorial: Scenario) -> None:
    """'29.9% -> 29.9%' was shown as a move of the spec; '+0.0' as a change."""
    assert not fmt.changed(0.0004) and not fmt.changed(-0.00049) and fmt.changed(0.0006)
    assert results.changes_text(_outcome(status="done", reason="ok", d_knowledge=0.0004, d_relationship=0.00049), "en") == t("change.none", "en")
    g = Game(tutorial, 3, ("player",), players=POLICIES)
    rec = g.end_turn()
    base = tuple(c.weight for c in tutorial.criteria)
    tiny = replace(rec, spec=tuple(w + 0.0004 * (-1) ** i for i, w in enumerate(base)), outcomes=())
    assert results.spec_report(tutorial, tiny, None, "player", "en") is None


def test_spec_moves_say_whose_workshops_moved_them(tutorial: Scenario) -> None:
    g = Game(tutorial, 3, ("player",), players=POLICIES)
    rec = g.end_turn()
    base = tuple(c.weight for c in tutorial.criteria)
    moved = tuple(w + (0.03 if i == 0 else -0.03 / (len(base) - 1)) for i, w in enumerate(base))
    ws = _outcome(vendor="player", action="solution_workshop", status="done", reason="ok", d_spec=0.02)
    rival = replace(ws, vendor="rival")
    mine = results.spec_report(tutorial, replace(rec, spec=moved, outcomes=(ws,), events=()), None, "player", "en")
    assert mine is not None and "by your solution workshops;" in mine
    both = results.spec_report(tutorial, replace(rec, spec=moved, outcomes=(ws, rival), events=()), None, "player", "zh")
    assert both is not None and "源于你们的方案研讨和其他厂商的方案研讨" in both
    event = EventFired(0, "e1", "spec_change", False)
    theirs = results.spec_report(tutorial, replace(rec, spec=moved, outcomes=(rival,), events=(event,)), None, "player", "en")
    assert theirs is not None and "other vendors' solution workshops and the announced change" in theirs


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_criteria_are_shown_inside_the_parts_of_the_score(rural: Scenario, lang: str) -> None:
    g = Game(rural, 1, ("incumbent",), players=POLICIES)
    shares = words.section_shares(rural, g.spec())
    for part, items in shares.items():
        assert {k for k, _ in items} == {c.id for c in rural.criteria if c.section == part}
        assert sum(x for _, x in items) == pytest.approx(1.0)
    lines = words.parts_lines(rural, g.weights(), g.spec(), lang)
    assert len(lines) == 3
    name = words.criterion_name(rural, shares["technical"][0][0], lang)
    assert name in lines[0] and fmt.pct(g.weights()["technical"]) in lines[0]
    text = r.render_tender(g, lang)
    assert t("parts.title", lang) in text and name in text
    from game.ui.screens.briefing import tender_html

    assert fmt.pct(shares["technical"][0][1]) in tender_html(rural, lang, g)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_how_a_person_becomes_a_coach_is_explained(rural: Scenario, lang: str) -> None:
    threshold = fmt.pct(rural.model.coach_threshold)
    how = words.coach_how(rural, lang)
    assert threshold in how and ("内线" in how)
    g = Game(rural, 1, ("incumbent",), players=POLICIES)
    can = next(p for p in g.view("incumbent") if p.can_coach)
    assert threshold in r.render_person(g, "incumbent", can.id, lang)
    assert threshold in r.render_people(g, "incumbent", lang)


def test_a_hospitality_game_turn_report_names_the_damage(rural: Scenario) -> None:
    """End to end: a backfired hospitality in a played turn reads as a loss in both front ends' text."""
    for seed in range(200):
        g = Game(rural, seed, ("incumbent",), players=POLICIES)
        g.add("incumbent", Allocation("hospitality", "tender_agent_pm", 2))
        rec = g.end_turn()
        hit = [o for o in rec.outcomes if o.vendor == "incumbent" and o.status == "backfired"]
        if hit:
            text = r.render_turn_report(g, rec, "incumbent", "en", before=g.view("incumbent"))
            assert "relationship" in text.split("backfired", 1)[1].split("\n- ")[0]
            return
    pytest.fail("no backfire in 200 seeds")
