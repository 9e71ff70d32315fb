"""The team's debrief (issue 13): the forecasts' calibration against the model and the outcome,
each role's days, joint actions and people, each member's part, the class's bottleneck roles,
peer reviews, and all of it in the terminal debrief and the HTML report (both languages, and
looked at in Chromium)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from game.ai.players import POLICIES
from game.analysis.debrief.bundle import debrief_teams, to_json
from game.analysis.debrief.forecasts import LEAN_MARGIN, calibration, class_calibration
from game.analysis.debrief.teamwork import (
    MEASURES,
    ROLE_DAYS,
    PeerReview,
    RoleTurn,
    RoleWork,
    TeamWork,
    bottlenecks,
    team_work,
)
from game.analysis.debrief.winprob import WinCurve, WinPoint
from game.engine.game import DAY_RESOURCES, Allocation, Credit, Game
from game.engine.teams import TeamGame
from game.present.debrief.team_text import bottleneck_lines, forecast_lines, teamwork_lines
from game.present.debrief.text import Names, debrief_text
from game.scenario import load_scenario
from game.session.roles import RESOURCE
from tests.conftest import ROOT
from tests.debrief_helpers import play, policy
from tests.session_helpers import TUTORIAL, FakeClock, make
from tests.test_cli import cli

V = "player"
A = Allocation


def _credit(action: str, person: str, amount: int, member: str | None, by: str | None, roles: tuple[str, ...],
            confirmed_by: str | None = None, done: bool = True) -> Credit:
    return Credit(0, "", action, person, amount, member, by, roles, confirmed_by, done)


def crafted() -> TeamGame:
    """The tutorial played by a team of four (Ada am, Bo pre-sales, Cy pm, Dee observer), with
    forecasts in turns 1, 2 and 4 and with the bid, one joint action confirmed and one missed.

    Days per turn (the tutorial's player): sales 4, pre-sales 2, PM 1, executive 1; 4 turns.
    turn 1: Ada visit president x2; Bo technical exchange it_head; Bo solution workshop it_head (Cy confirms)
    turn 2: Ada visit head_nurse; the trainer's laptop: executive meeting president;
            Bo proposes a workshop with head_nurse that the PM never confirms
    turn 3: Ada visit it_head x3; Bo technical exchange head_nurse x2 (no forecast this turn)
    turn 4: an executive meeting with president and a visit to buyer, nobody credited
    """
    g = Game(load_scenario(TUTORIAL), 3, (V,), players=POLICIES)
    for mid, name, roles in (("m1", "Ada", ["am"]), ("m2", "Bo", ["presales"]), ("m3", "Cy", ["pm"]), ("m4", "Dee", ["observer"])):
        g.record_member(V, mid, name, roles)
    turns = {
        1: ([A("visit", "president", 2), A("technical_exchange", "it_head", 1), A("solution_workshop", "it_head", 1)],
            [_credit("visit", "president", 2, "m1", "Ada", ("am",)),
             _credit("technical_exchange", "it_head", 1, "m2", "Bo", ("presales",)),
             _credit("solution_workshop", "it_head", 1, "m2", "Bo", ("presales",), confirmed_by="Cy")]),
        2: ([A("visit", "head_nurse", 1), A("executive_meeting", "president", 1)],
            [_credit("visit", "head_nurse", 1, "m1", "Ada", ("am",)),
             _credit("executive_meeting", "president", 1, None, None, ()),
             _credit("solution_workshop", "head_nurse", 1, "m2", "Bo", ("pm",), done=False)]),
        3: ([A("visit", "it_head", 3), A("technical_exchange", "head_nurse", 2)],
            [_credit("visit", "it_head", 3, "m1", "Ada", ("am",)),
             _credit("technical_exchange", "head_nurse", 2, "m2", "Bo", ("presales",))]),
        4: ([A("executive_meeting", "president", 1), A("visit", "buyer", 1)], []),
    }
    forecasts = {1: (0.6, 1_100_000.0, "Ada"), 2: (0.7, None, "Ada"), 4: (0.5, None, "Cy")}
    for t, (plan, credits) in turns.items():
        if t in forecasts:
            win, price, by = forecasts[t]
            g.record_forecast(V, win, price, by)
        g.set_actions(V, plan)
        if credits:
            g.record_credits(V, credits)
        g.end_turn()
    g.record_forecast(V, 0.55, 1_020_000.0, "Ada")
    g.submit_bid(V, 1_000_000)
    g.finish()
    return TeamGame("Owls", V, g)


MODEL = (0.5, 0.4, 0.5, 0.45, 0.3)  # the model's chance after 0..4 turns, made up for the sums


def curve(tg: TeamGame) -> WinCurve:
    res = tg.game.result.vendor(V) if tg.game.result else None
    pts = tuple(WinPoint(t, p, 0.0, None) for t, p in enumerate(MODEL))
    return WinCurve(tg.team, V, "best_practice", 100, 10, pts, res.won if res else None, res.result if res else None)


@pytest.fixture(scope="module")
def owls() -> TeamGame:
    return crafted()


def test_the_roles_days_are_the_sessions() -> None:
    assert {r.value: k for r, k in RESOURCE.items()} == ROLE_DAYS  # the analysis's copy holds


def test_brier_score_and_the_gap_to_the_model_by_hand(owls: TeamGame) -> None:
    c = calibration(owls, curve(owls))
    result = owls.game.result
    assert result is not None
    won = result.vendor(V).won
    assert not won  # the crafted game is lost: outcome 0
    assert [(p.turn, p.at_bid, p.win, p.model) for p in c.points] == [
        (1, False, 0.6, 0.4), (2, False, 0.7, 0.5), (4, False, 0.5, 0.3), (5, True, 0.55, 0.3),
    ]
    assert c.missing == (3,) and not c.bid_missing  # turn 3 is said, not invented
    # Brier: (0.6² + 0.7² + 0.5² + 0.55²) / 4 = (0.36 + 0.49 + 0.25 + 0.3025) / 4
    assert c.brier == pytest.approx(1.4025 / 4)
    # the model's line at the same turns: (0.4² + 0.5² + 0.3² + 0.3²) / 4
    assert c.model_brier == pytest.approx(0.59 / 4)
    # gap: (0.2² + 0.2² + 0.2² + 0.25²) / 4; bias: (0.2 + 0.2 + 0.2 + 0.25) / 4
    assert c.gap == pytest.approx(0.1825 / 4)
    assert c.bias == pytest.approx(0.85 / 4)
    assert c.bias is not None and c.bias > LEAN_MARGIN and c.lean == "over"
    assert c.price is not None and c.price.forecasts == 2 and c.price.last_at_bid
    assert c.price.last == 1_020_000 and c.price.bid == 1_000_000
    assert c.price.error == pytest.approx(0.02)


def test_forecasts_without_a_model_or_an_award() -> None:
    g = Game(load_scenario(TUTORIAL), 3, (V,), players=POLICIES)
    g.end_turn()
    g.record_forecast(V, 0.2, None)  # made while planning turn 2, never played
    c = calibration(TeamGame("Half", V, g), None)
    assert c.missing == (1,) and c.points[0].model is None
    assert c.brier is None and c.gap is None and c.lean is None and c.price is None
    assert not c.bid_missing
    none = calibration(play(policy("best_practice"), name="tutorial", vendor=V), None)
    assert none.points == () and none.missing == (1, 2, 3, 4) and none.bid_missing
    cc = class_calibration([c, none])
    assert (cc.teams, cc.forecasting, cc.brier) == (2, 1, None)


def test_each_roles_days_joint_actions_and_people(owls: TeamGame) -> None:
    w = team_work(owls)
    am, ps, pm, ex = (w.role(r) for r in ("am", "presales", "pm", "executive"))
    assert [(t.turn, t.available, t.used) for t in am.turns] == [(1, 4, 2), (2, 4, 1), (3, 4, 3), (4, 4, 1)]
    assert (am.available, am.used, am.unspent) == (16, 7, 9)
    assert (ps.used, ps.unspent) == (4, 4)
    assert (pm.used, pm.unspent, pm.unspent_share) == (1, 3, 0.75)
    assert [t.unspent for t in pm.turns] == [0, 1, 1, 1]
    assert (ex.used, ex.unspent) == (2, 2)
    assert (ps.joint_done, pm.joint_done, am.joint_done) == (1, 1, 0)
    assert (pm.joint_missed, ps.joint_missed) == (1, 0)  # the PM did not confirm
    missed = [j for j in w.joint if not j.done]
    assert [(j.turn, j.action, j.stakeholder, j.by, j.missing) for j in missed] == [
        (2, "solution_workshop", "head_nurse", "Bo", ("pm",))
    ]
    done = [j for j in w.joint if j.done]
    assert [(j.turn, j.by, j.confirmed_by, j.roles) for j in done] == [(1, "Bo", "Cy", ("presales", "pm"))]
    # people met with each role's days: exactly the engine's own record of whose days met whom
    g = owls.game
    v = g.vendor_index(V)
    for r in w.roles:
        k = DAY_RESOURCES.index(r.days)
        engine = {s for i, s in enumerate(g.c.stakeholder_ids) if g.st.met_by[0, i, v, k]}
        assert set(r.met) == engine, r.role
    assert pm.counterparts == ("head_nurse",) and pm.uncovered == ("head_nurse",)  # the PM met only the IT head
    assert ps.counterparts == ("it_head",) and ex.counterparts == ("president",)
    assert am.counterparts == ("president", "it_head", "head_nurse", "buyer")
    assert {m: w.worst(m) for m in MEASURES} == {"unspent": "pm", "missed": "pm", "uncovered": "pm", "checks": None}


def test_each_members_part(owls: TeamGame) -> None:
    w = team_work(owls)
    got = {m.name: (m.roles, m.proposed, m.counted, m.missed, m.confirmed, m.forecasts) for m in w.members}
    assert got == {
        "Ada": (("am",), 3, 3, 0, 0, 3),
        "Bo": (("presales",), 4, 3, 1, 0, 0),
        "Cy": (("pm",), 0, 0, 0, 1, 1),
        "Dee": (("observer",), 0, 0, 0, 0, 0),
    }
    bo = next(m for m in w.members if m.name == "Bo")
    assert bo.days == {"presales": 4, "pm": 1} and bo.money == 3000  # the workshop that counted
    assert w.unattributed == 3  # the trainer's executive meeting and turn 4's two actions
    assert not w.solo


def test_a_team_of_one_gets_the_roles_from_its_plans() -> None:
    tg = play(policy("best_practice"), name="tutorial", vendor=V, seed=2)
    w = team_work(tg)
    assert w.solo and w.members == () and w.joint == tuple(j for j in w.joint if j.done)
    plans = [e["actions"][V] for e in tg.game.log if "turn" in e]
    sales = sum(a["amount"] for p in plans for a in p if tg.game.cost_of(a["action"]).get("sales"))
    assert w.role("am").used == sales
    workshops = sum(1 for p in plans for a in p if a["action"] == "solution_workshop")
    assert w.role("pm").joint_done == w.role("presales").joint_done == workshops
    lines = teamwork_lines(w, Names.of(tg.game, "en"))
    assert lines[0].startswith("A team of one")


def _role(role: str, available: float, used: float, missed: int = 0, counterparts: int = 1, uncovered: int = 0,
          failed: int = 0) -> RoleWork:
    people = tuple(f"p{i}" for i in range(counterparts))
    return RoleWork(role, (), (RoleTurn(1, available, used),), 0, missed, people[uncovered:], people, 0, failed)


def test_the_class_bottleneck_by_hand() -> None:
    a = TeamWork("A", V, (
        _role("am", 10, 10, counterparts=4), _role("presales", 4, 4), _role("pm", 4, 1, missed=2, uncovered=1),
        _role("executive", 2, 2, counterparts=3),
    ), (), (), 0)
    b = TeamWork("B", V, (
        _role("am", 10, 6, counterparts=4), _role("presales", 4, 4, missed=1), _role("pm", 4, 4, failed=1),
        _role("executive", 2, 0, counterparts=3, uncovered=2),
    ), (), (), 0)
    assert {m: a.worst(m) for m in MEASURES} == {"unspent": "pm", "missed": "pm", "uncovered": "pm", "checks": None}
    assert {m: b.worst(m) for m in MEASURES} == {
        "unspent": "executive", "missed": "presales", "uncovered": "executive", "checks": "pm",
    }
    bn = bottlenecks([a, b])
    # unspent shares summed: am 4/20, presales 0/8, pm 3/8, executive 2/4
    assert bn.leaders == {"unspent": "executive", "missed": "pm", "uncovered": "pm", "checks": "pm"}
    assert bn.tally("pm").uncovered_share == 0.5 and bn.tally("executive").uncovered_share == pytest.approx(2 / 6)
    assert [t.worst for t in bn.tallies] == [0, 1, 4, 2]  # B: presales 1; pm 3 + 1; executive 2
    assert bn.role == "pm"
    lines = bottleneck_lines(bn, Names.of(crafted_game(), "en"))
    assert "the project manager" in lines[0] and lines[-1].startswith("Lesson: brief the project manager")
    quiet = bottlenecks([TeamWork("C", V, tuple(_role(r, 1, 1) for r in ROLE_DAYS), (), (), 0)])
    assert quiet.role is None and bottleneck_lines(quiet, Names.of(crafted_game(), "zh"))[0].startswith("没有突出的瓶颈")


def crafted_game() -> Game:
    return Game(load_scenario(TUTORIAL), 1, (V,), players=POLICIES)


def test_peer_scores_and_json(owls: TeamGame) -> None:
    reviews = [PeerReview("m1", "Ada", {"m2": 4, "m3": 5}, "Cy briefed us"), PeerReview("m2", "Bo", {"m1": 3, "m3": 4})]
    w = team_work(owls, reviews)
    assert [(s.name, s.mean, s.ratings) for s in w.peer_scores()] == [("Cy", 4.5, (5, 4)), ("Bo", 4.0, (4,)), ("Ada", 3.0, (3,))]
    d = debrief_teams([owls], samples=20, reviews={"Owls": reviews})[0]
    doc = json.loads(json.dumps(to_json(d), allow_nan=False))
    assert doc["forecasts"]["brier"] == pytest.approx(d.forecasts.brier if d.forecasts else 0.0)
    assert doc["forecasts"]["missing"] == [3]
    assert doc["team_work"]["roles"][2]["role"] == "pm" and doc["team_work"]["roles"][2]["unspent"] == 3
    assert doc["team_work"]["worst"]["missed"] == "pm"
    assert doc["team_work"]["peer_scores"][0]["name"] == "Cy"


def test_the_terminal_debrief_says_it_in_both_languages(owls: TeamGame) -> None:
    d = debrief_teams([owls, play(policy("best_practice"), name="tutorial", vendor=V, team="Solo")], samples=20)
    en = debrief_text(d, "en")
    assert "Your forecasts:" in en and "How the team worked:" in en and "Bottleneck roles:" in en
    assert "No forecast in turn(s) 3" in en and "Brier score" in en
    assert "Missed in turn 2: Solution workshop with" in en and "the project manager did not confirm" in en
    assert "Ada (account manager): proposed 3, 3 counted" in en
    zh = debrief_text(d, "zh")
    assert "你们的预测：" in zh and "团队是怎样协作的：" in zh and "瓶颈角色：" in zh and "布里尔分数" in zh
    n = Names.of(owls.game, "en")
    fc = forecast_lines(d[0].forecasts, n) if d[0].forecasts else []
    assert fc[0] == "Forecasts for 3 of 4 turns played and with the bid."
    assert any("Price: your last forecast" in x and "above it" in x for x in fc)
    assert forecast_lines(d[1].forecasts, n)[0].startswith("No forecasts were recorded") if d[1].forecasts else False


# -- a served team's session, reported ------------------------------------------------------------


def team_session(path: Path) -> None:
    """A tutorial session: Red has three members with roles, forecasts (none in round 3), a joint
    action confirmed and one missed, and peer reviews; Blue plays alone."""
    s = make(path, teams=("Red", "Blue"), scenario=TUTORIAL, seed=5, clock=FakeClock())
    s.set_roles("Red", "m1", "Ada", ["am"])
    s.set_roles("Red", "m2", "Bo", ["presales"])
    s.set_roles("Red", "m3", "Cy", ["pm", "executive"])
    while s.phase == "idle":
        r = s.open_round()
        if r != 3:
            s.forecast("Red", 0.3 + 0.1 * r, 1_040_000 if r == 1 else None, member="m1", by="Ada")
        workshop = r == 1
        acts = [A("visit", "it_head", 2), A("technical_exchange", "head_nurse", 1)]
        items = [{"member": "m1", "by": "Ada", "roles": ["am"]}, {"member": "m2", "by": "Bo", "roles": ["presales"]}]
        if workshop:
            acts.append(A("solution_workshop", "it_head", 1))
            items.append({"member": "m2", "by": "Bo", "roles": ["presales"], "confirmed_by": "Cy"})
        unconfirmed = [{"action": "solution_workshop", "stakeholder": "head_nurse", "amount": 1,
                        "member": "m2", "by": "Bo", "needs": ["pm"]}] if r == 2 else []
        s.submit("Red", acts, member="m1", by="Ada", items=items, unconfirmed=unconfirmed)
        s.submit("Blue", [A("visit", "president", 1)])
        s.close_round(force=True)
    s.forecast("Red", 0.6, 1_050_000, member="m1", by="Ada")
    s.submit_bid("Red", 1_050_000)
    s.submit_bid("Blue", 1_000_000)
    s.finish()
    s.peer_review("Red", "m1", "Ada", {"m2": 4, "m3": 5}, note="Cy knew the nurses")
    s.peer_review("Red", "m2", "Bo", {"m1": 3, "m3": 4})
    s.close()


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("team-report")
    path = folder / "team.session.jsonl"
    team_session(path)
    out = {}
    for lang in ("en", "zh"):
        html = folder / f"report-{lang}.html"
        run = cli("report", str(path), "-o", str(html), "--samples", "100", "--lang", lang)
        assert run.returncode == 0, run.stderr
        out[lang] = html.read_text(encoding="utf-8")
    return out


def _page(html: str, anchor: str) -> str:
    start = html.index(f'<section class="page team" id="{anchor}"')
    return html[start : html.index("</section>", start)]


def test_the_reports_team_page_shows_how_the_team_worked(reports: dict[str, str]) -> None:
    en, zh = reports["en"], reports["zh"]
    red, blue = _page(en, "team-1"), _page(en, "team-2")
    for section in ("How the team worked", "Days used per turn", "Joint actions", "Members", "Your forecasts"):
        assert section in red, section
    assert "Peer reviews (for the trainer only)" in red and "Cy knew the nurses" in red
    assert "Ada" in red and "Bo" in red and "Cy" in red
    assert "missed: the project manager did not confirm" in red
    assert "No forecast in turn(s) 3" in red and "Brier" in red
    assert red.count("<img") == 5  # score, win chance, days, stance, forecasts
    # Blue played alone: the roles from its plans, no forecasts, no reviews
    assert "A team of one" in blue and "No forecasts were recorded" in blue and "Peer reviews" not in blue
    assert blue.count("<img") == 4
    cls = en[: en.index('<section class="page team"')]
    assert "Bottleneck roles" in cls and "Forecasts" in cls and "1 of 2 team(s) forecast" in cls
    zred = _page(zh, "team-1")
    for section in ("团队是怎样协作的", "每回合用掉的人天", "联合行动", "成员", "你们的预测", "组员互评（仅供培训师查看）", "布里尔分数"):
        assert section in zred, section
    assert "瓶颈角色" in zh[: zh.index('<section class="page team"')]


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="Debian's Chromium is not installed (apt-get install -y chromium)")
@pytest.mark.skipif(importlib.util.find_spec("playwright") is None, reason="Playwright for Python is not installed")
def test_the_team_page_in_chromium(reports: dict[str, str], tmp_path: Path) -> None:
    """The team's work, forecasts and reviews laid out in a real browser; screenshots in
    build/screenshots/report/ for people to look at."""
    from playwright.sync_api import sync_playwright

    shots = ROOT / "build" / "screenshots" / "report"
    shots.mkdir(parents=True, exist_ok=True)
    args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=args, headless=True)
        try:
            page = b.new_page(viewport={"width": 1280, "height": 900})
            for lang, html in reports.items():
                f = tmp_path / f"report-{lang}.html"
                f.write_text(html, encoding="utf-8")
                page.goto(f.as_uri())
                for part in ("team-1-work", "team-1-forecasts", "team-1-peers", "bottleneck"):
                    el = page.locator(f"#{part}")
                    assert el.is_visible(), part
                    box = el.bounding_box()
                    assert box is not None and box["width"] > 600 and box["height"] > 40, (part, box)
                    el.screenshot(path=str(shots / f"{part}-{lang}.png"))
                # each chart has loaded (a broken data URL has no natural width)
                widths = page.eval_on_selector_all("#team-1-forecasts img", "imgs => imgs.map(i => i.naturalWidth)")
                assert widths and all(w > 300 for w in widths)
        finally:
            b.close()


def test_turns_per_role_add_up(owls: TeamGame) -> None:
    w = team_work(owls)
    per_turn = np.array([[t.used for t in r.turns] for r in w.roles])
    plans = [e["actions"][V] for e in owls.game.log if "turn" in e]
    for i, r in enumerate(w.roles):
        assert per_turn[i].sum() == sum(owls.game.cost_of(a["action"], a["amount"]).get(r.days, 0.0) for p in plans for a in p)


def test_the_customers_check_on_the_project_manager() -> None:
    """software_division asks at turn 4 whether the PM has met the production side (pm_check)."""
    from tests.debrief_helpers import scripted

    alone = team_work(play(scripted({t: [("visit", "vp_gu", 2)] for t in range(1, 10)}), name="software_division", vendor="hongtu", seed=4))
    assert [(r.role, r.checks_passed, r.checks_failed) for r in alone.roles] == [
        ("am", 0, 0), ("presales", 0, 0), ("pm", 0, 1), ("executive", 0, 0),
    ]
    assert alone.worst("checks") == "pm"
    met = scripted({t: [("solution_workshop", "production_director", 1)] for t in (1, 2)})
    together = team_work(play(met, name="software_division", vendor="hongtu", seed=4))
    assert together.role("pm").met == ("production_director",)  # a workshop is paid with PM days too
    assert (together.role("pm").checks_passed, together.role("pm").checks_failed) == (1, 0)
