"""Explained outcome: the parts add up to the actual totals; people, vetoes and price effects."""

from __future__ import annotations

import numpy as np
import pytest

from game.ai.players import POLICIES
from game.analysis.debrief.explain import GROUPS, NotFinished, explain, reaward, score_parts
from game.engine.game import Game
from game.engine.teams import TeamGame
from game.present.debrief.text import Names, explanation_lines
from tests.debrief_helpers import head_to_head, play, policy, scenario


@pytest.fixture(scope="module")
def games() -> list[TeamGame]:
    return [
        play(policy("best_practice"), seed=1),
        play(policy("technical"), seed=2, vendor="national_brand", markup=0.08),
        play(policy("spread_even"), seed=4, markup=-0.05),
        play(policy("best_practice"), seed=3, name="tutorial", vendor="player"),
        *head_to_head(),
    ]


def test_parts_add_up_to_every_vendors_total(games: list[TeamGame]) -> None:
    for tg in games:
        g = tg.game
        aw = g.award_detail
        assert aw is not None
        for v in range(g.c.V):
            total = sum(x for _, _, x in score_parts(g, v))
            assert abs(total - aw.total[0, v]) < 1e-9, (tg.team, v)


def test_explanation_adds_up_for_the_team_and_its_rival(games: list[TeamGame]) -> None:
    for tg in games:
        e = explain(tg)
        assert abs(sum(p.points for p in e.parts) - e.total) < 1e-9
        assert abs(sum(p.rival_points for p in e.parts) - e.rival_total) < 1e-9
        assert abs(sum(e.group_gaps().values()) - (e.total - e.rival_total)) < 1e-9
        assert {p.group for p in e.parts} <= set(GROUPS)
        vr = tg.game.result.vendor(tg.vendor)  # type: ignore[union-attr]  # every game here is finished
        assert e.total == pytest.approx(vr.total, abs=1e-12)
        assert (e.outcome == "won") == vr.won
        if vr.won:
            assert e.rival_role == "runner_up"
        elif tg.game.result.winner is not None:  # type: ignore[union-attr]  # (finished)
            assert e.rival == tg.game.result.winner  # type: ignore[union-attr]  # (finished)


def test_people_points_are_the_stance_parts_gap(games: list[TeamGame]) -> None:
    e = explain(games[0])
    panel = {p.key: p.gap for p in e.parts if p.group == "technical_stance"}
    committee = {p.key: p.gap for p in e.parts if p.group == "committee"}
    for person in e.people:
        expected = panel.get(person.stakeholder, 0.0) + committee[person.stakeholder]
        assert person.points == pytest.approx(expected, abs=1e-9)
    # Ranked by how much they moved the result.
    pts = [abs(p.points) for p in e.people if not p.blocked_team]
    assert pts == sorted(pts, reverse=True)


def test_actions_on_a_person_come_from_the_records(games: list[TeamGame]) -> None:
    tg = games[0]
    e = explain(tg)
    person = next(p for p in e.people if p.team_actions)
    recorded = sum(
        o.d_stance
        for r in tg.game.records
        for o in r.outcomes
        if o.vendor == tg.vendor and o.stakeholder == person.stakeholder
    )
    assert sum(a.d_stance for a in person.team_actions) == pytest.approx(recorded, abs=1e-12)
    assert all(a.vendor != tg.vendor for a in person.rival_actions)


def test_award_replayed_with_the_same_dice_is_the_award(games: list[TeamGame]) -> None:
    for tg in games:
        aw = tg.game.award_detail
        assert aw is not None
        winner, total = reaward(tg.game, aw.price[0:1].copy())
        assert int(winner[0]) == int(aw.winner[0])
        assert np.array_equal(total, aw.total)


def test_flip_price_wins_with_everything_else_held(games: list[TeamGame]) -> None:
    seen_loser = False
    for tg in games:
        e = explain(tg)
        g = tg.game
        v = g.vendor_index(tg.vendor)
        if e.price.flip_price is None:
            assert e.outcome != "won"
            continue
        prices = g.award_detail.price[0:1].copy()  # type: ignore[union-attr]  # finished: it has an award
        prices[0, v] = e.price.flip_price
        winner, _ = reaward(g, prices)
        assert int(winner[0]) == v
        if e.outcome == "won":
            assert e.price.flip_price >= (e.price.price or 0) - 1e-6
        else:
            seen_loser = True
            assert e.price.flip_price < (e.price.price or np.inf)
    assert seen_loser, "the fixture should hold a game the team lost on points"


def test_a_veto_names_the_holder_and_the_shares() -> None:
    # Kunlun never meets the equipment director or the centre director (both hold vetoes).
    tg = play(lambda g, v: [], seed=11, vendor="national_brand", markup=0.02)
    e = explain(tg)
    assert e.outcome == "vetoed"
    blocked = [v for v in e.vetoes if v.vendor == "national_brand"]
    assert blocked and blocked[0].shares["national_brand"] < blocked[0].threshold
    assert e.people[0].blocked_team and e.people[0].stakeholder == blocked[0].holder
    lines = explanation_lines(e, Names.of(tg.game, "en"))
    assert any("veto" in line.lower() for line in lines)


def test_explanation_text_in_both_languages(games: list[TeamGame]) -> None:
    for lang in ("en", "zh"):
        for tg in games[:3]:
            lines = explanation_lines(explain(tg), Names.of(tg.game, lang))
            assert lines and all(isinstance(x, str) and x for x in lines)
            assert "{" not in "".join(lines)
    zh = "".join(explanation_lines(explain(games[0]), Names.of(games[0].game, "zh")))
    assert "分" in zh


def test_unfinished_game_is_refused() -> None:
    g = Game(scenario(), 1, ("incumbent",), players=POLICIES)
    g.end_turn()
    with pytest.raises(NotFinished, match="finish"):
        explain(TeamGame("T", "incumbent", g))


def _many_games() -> list[TeamGame]:
    out = []
    for name, vendor in (("rural_schools", "incumbent"), ("tutorial", "player"), ("group_defence", None), ("software_division", None)):
        sc = scenario(name)
        vid = vendor or sc.playable_vendors()[0].id
        for pol in ("best_practice", "spread_even", "technical"):
            for seed in (1, 2, 3):
                for markup in (0.05, 0.3):
                    out.append(play(policy(pol), seed=seed, name=name, vendor=vid, markup=markup))
    return out


def test_every_breakdown_adds_up_to_1e9_and_as_printed() -> None:
    """The gap's parts add up to the gap (to 1e-9), and the printed lines to the printed gap (issue 10:
    the report showed five of seven parts, leaving out price and the panel's noise)."""
    import re

    from game.present.debrief.text import gap_lines, shown_tenths

    checked = 0
    for tg in _many_games():
        g = tg.game
        for v in range(g.c.V):
            if g.award_detail is not None:
                assert sum(x for _, _, x in score_parts(g, v)) == pytest.approx(float(g.award_detail.total[0, v]), abs=1e-9)
        e = explain(tg)
        if e.rival is None:
            continue
        gaps = e.group_gaps()
        assert sum(gaps.values()) == pytest.approx(e.total - e.rival_total, abs=1e-9)
        for lang in ("en", "zh"):
            lines = gap_lines(e, Names.of(g, lang))
            head = float(re.findall(r"[+-]\d+\.\d", lines[0])[0])
            shown = [float(re.findall(r"[:：]\s*([+-]\d+\.\d)", ln)[0]) for ln in lines[1:]]
            assert round(sum(shown), 1) == head, (lines, gaps)
        checked += 1
    assert checked >= 60
    assert shown_tenths([0.04, 0.04, 0.04], 0.12) == [0, 0, 1] or sum(shown_tenths([0.04, 0.04, 0.04], 0.12)) == 1
    assert sum(shown_tenths([-0.26, 0.55, 1.04], 1.33)) == 13


def test_the_report_lists_every_part_of_the_gap() -> None:
    import html as html_lib

    from game.analysis.debrief.bundle import debrief_teams
    from game.present.debrief.report import render_report
    from game.present.debrief.text import gap_lines

    tg = play(policy("best_practice"), seed=1)
    d = debrief_teams([tg], samples=20)
    assert d[0].explanation is not None
    n = Names.of(tg.game, "en")
    page = render_report(d, "en")
    team = html_lib.unescape(page[page.index('<section class="page team"') :])
    for line in gap_lines(d[0].explanation, n)[1:]:
        assert line.strip() in team
    assert "price:" in team and "scoring noise" in team
