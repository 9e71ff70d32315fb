"""The terminal game: full games driven through StringIO, bad input, EOF, rendering."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from game.ai.players import POLICIES
from game.engine.game import Allocation, Game
from game.engine.records import ActionOutcome
from game.present import columns, fmt, results, words
from game.present.reading import read_price as parse_price
from game.scenario import Scenario, load_scenario
from game.strings import t
from game.terminal import render
from game.terminal.app import run_terminal

ROOT = Path(__file__).resolve().parent.parent


@cache
def scenario(name: str) -> Scenario:
    return load_scenario(ROOT / "scenarios" / f"{name}.yaml")


def play(lines: list[str], *, lang: str = "en", name: str = "tutorial", teams: list[str] | None = None, seed: int = 3) -> tuple[int, str]:
    out = io.StringIO()
    code = run_terminal(
        scenario(name), seed=seed, teams=teams, lang=lang, stdin=io.StringIO("".join(f"{x}\n" for x in lines)), stdout=out
    )
    return code, out.getvalue()


# A whole tutorial game: an over-allocation, an undo, an unspent-resources
# confirmation (first refused, then accepted), a bid over the ceiling that is
# withdrawn, then a normal bid.
FULL_GAME = [
    "",  # press Enter to start
    "visit it_head 9",  # not enough sales days
    "visit it_head 2",
    "intel head_nurse",
    "undo",
    "list",
    "end",
    "n",  # keep playing this turn
    "solution_workshop head_nurse",
    "end",
    "y",
    "",  # after the turn 1 report
    "2 3 2",  # technical_exchange on head_nurse by numbers
    "visit it_head 4",
    "end",
    "y",
    "",
    "end",
    "y",
    "",
    "end",
    "y",
    "",  # after the turn 4 report
    "1300000",
    "n",
    "1,100,000",
    "y",
]


def test_full_game_in_english() -> None:
    code, out = play(FULL_GAME, lang="en")
    assert code == 0
    assert "Tutorial: self-service kiosks for a county hospital" in out
    assert "Ceiling price: 1,200,000 CNY" in out
    assert re.search(r"#\s+id\s+Name\s+.*Role\s+Lvl\s+Infl\.\s+Marks\s+Stance\s+Relation\s+Known\s+Cares about", out)
    assert "Not enough for Visit x9: it needs 9 sales days, you have 4 sales days left. You can afford at most x4 now." in out
    assert "Taken back: Intel → Zhou Hong (head_nurse) x1" in out
    assert "End the turn anyway? [y/N]" in out
    assert "You still have 2 sales days" in out
    for turn in range(1, 5):
        assert f"=== Results of turn {turn} - BrightPath Systems ===" in out
    assert "Added: Technical exchange → Zhou Hong (head_nurse) x2" in out
    assert "Above the ceiling: this bid will be invalid." in out
    assert "Bid submitted: 1,100,000 CNY." in out
    assert "=== The award ===" in out
    assert "Technical scores by panel member:" in out
    assert "--- Your result - BrightPath Systems ---" in out
    assert "Thank you for playing." in out
    assert "Traceback" not in out


def test_full_game_in_chinese() -> None:
    code, out = play(FULL_GAME, lang="zh")
    assert code == 0
    assert "教学关：县医院门诊自助服务系统" in out
    assert "采购委员会（你们掌握的情况）：" in out
    assert re.search(r"代号\s+姓名\s+角色\s+级别\s+影响力\s+标记\s+态度\s+关系\s+了解\s+关注点", out)
    assert "资源不够安排拜访 ×9：需要销售 9 人天，只剩销售 4 人天。目前最多只能安排 ×4。" in out
    assert "已撤销：打探情报 → 周红（head_nurse）×1" in out
    assert "仍然结束本回合吗？[y/N]" in out
    assert "=== 第 4 回合结果 - 明途系统 ===" in out
    assert "超过最高限价：这个报价将是无效标。" in out
    assert "=== 评标结果 ===" in out
    assert "你们的结果 - 明途系统" in out
    assert "游戏结束，感谢参与！" in out
    # Every English sentence of the interface stayed out of the Chinese game.
    for key in ("end.unspent", "pending.none", "report.actions", "award.title", "bid.title"):
        assert t(key, "en").split("{")[0].strip() not in out


def test_the_same_seed_and_moves_give_the_same_game() -> None:
    assert play(FULL_GAME)[1] == play(FULL_GAME)[1]


def test_bad_commands_say_what_is_allowed() -> None:
    code, out = play(
        [
            "",
            "ed",
            "vist it_head 2",
            "visit it_haed 2",
            "visit it_head zero",
            "visit",
            "it_head",
            "visit it_head 2 now",
            "visit 9 1",
            "who",
            "who buyr",
            "add",
        ]
    )
    assert code == 0
    assert "Unknown command 'ed' (did you mean 'end'?). Type 'help' for the commands." in out
    assert "Unknown action 'vist' (did you mean 'visit'?). Actions: visit, technical_exchange" in out
    assert "Unknown person 'it_haed' (did you mean 'it_head', Li Ming?). People: president, it_head, head_nurse, buyer" in out
    assert "The amount must be a whole number from 1 to 100, not 'zero'" in out
    assert "On whom? Name the person too, e.g. 'visit president 1'." in out
    assert "What should happen with Li Ming?" in out
    assert "Too many words." in out
    assert "Unknown person '9'" in out
    assert "Whom? e.g. 'who president'." in out
    assert "Unknown person 'buyr' (did you mean 'buyer', Chen Jing?)" in out
    assert "Write: action person [amount]" in out
    assert "Input ended; the game stops here." in out


def test_bad_commands_in_chinese() -> None:
    code, out = play(["", "ed", "visit it_haed 2"], lang="zh")
    assert code == 0
    assert "没有 'ed' 这个命令（是不是 'end'？）" in out
    assert "委员会里没有 'it_haed'（是不是 'it_head'，李明？）" in out
    assert "输入已结束，游戏到此为止。" in out


def test_eof_mid_game_exits_cleanly() -> None:
    code, out = play(["", "visit it_head 2"])
    assert code == 0
    assert out.rstrip().endswith("Input ended; the game stops here.")
    assert "Traceback" not in out
    code, out = play([])  # not even the start
    assert code == 0


def test_quit_asks_first() -> None:
    code, out = play(["", "quit", "n", "quit", "y"])
    assert code == 0
    assert out.count("Stop the game? Nothing is saved.") == 2
    assert "Game stopped." in out


def test_unknown_or_ai_team_is_refused() -> None:
    code, out = play([], teams=["swfit"])
    assert code == 2
    assert "Unknown vendor 'swfit' (did you mean 'swift'?)" in out
    code, out = play([], teams=["swift"])
    assert code == 2
    assert "played by the AI" in out


def test_hot_seat_teams_get_a_curtain_each() -> None:
    sc = scenario("rural_schools")
    ids = [v.id for v in sc.playable_vendors()]
    assert len(ids) == 2
    lines = ["1,2", ""]  # choose both playable vendors, press Enter to start
    for turn in range(1, sc.turns + 1):
        for team in range(2):
            lines.append("")  # curtain
            if turn > 1:
                lines.append("")  # after the report
            if turn == 1 and team == 0:
                lines.append(f"visit {sc.stakeholders[0].id} 1")
            lines += ["end", "y"]
    for _ in range(2):
        lines += ["", "", "25000000", "y"]  # curtain, report, bid
    lines.append("")  # open the bids
    code, out = play(lines, name="rural_schools", teams=None)
    assert code == 0
    names = [v.name.get("en") for v in sc.playable_vendors()]
    assert "Hot-seat game with 2 teams" in out
    for name in names:
        assert out.count(f"Team {name}: press Enter when only your team is watching.") == sc.turns + 1
    assert "\n" * 50 in out  # the screen is cleared (newlines, as the output is not a terminal)
    assert "\x1b[" not in out  # no escape codes outside a terminal
    assert "=== The award ===" in out
    # The first team's allocation shows only on its own screens.
    second_team_screen = out.split(f"Team {names[1]}: press Enter")[1].split("Moves entered.")[0]
    assert "Added:" not in second_team_screen


def test_render_result_shows_every_vendor() -> None:
    sc = scenario("tutorial")
    g = Game(sc, 5, ("player",), players=POLICIES)
    g.set_actions("player", [Allocation("visit", "it_head", 2), Allocation("technical_exchange", "it_head", 2)])
    for _ in range(sc.turns):
        g.end_turn()
    g.submit_bid("player", 1_100_000)
    result = g.finish()
    for lang in ("en", "zh"):
        text = render.render_result(g, result, "player", lang)
        for v in result.vendors:
            assert f"{v.total:.1f}" in text
            assert words.vendor_name(sc, v.vendor, lang) in text
    en = render.render_result(g, result, "player", "en")
    assert "=== The award ===" in en
    assert "Your bid: 1,100,000 CNY; delivery cost: 950,000 CNY." in en


def test_turn_report_explains_outcomes() -> None:
    sc = scenario("tutorial")
    g = Game(sc, 3, ("player",), players=POLICIES)
    g.set_actions("player", [Allocation("executive_meeting", "president", 1), Allocation("technical_exchange", "it_head", 1)])
    before = g.view("player")
    record = g.end_turn()
    text = render.render_turn_report(g, record, "player", "en", before=before)
    assert "Executive meeting → Wang Jianguo x1: refused" in text
    assert "turned down the executive meeting" in text
    assert "Changes (percentage points):" in text
    assert "You have nobody on the inside yet" in text


def test_people_table_fits_the_width() -> None:
    sc = scenario("rural_schools")
    g = Game(sc, 1, (sc.playable_vendors()[0].id,), players=POLICIES)
    vid = sc.playable_vendors()[0].id
    for lang in ("en", "zh"):
        wide = render.render_people(g, vid, lang, 160)
        assert t("col.title", lang) in wide.split("\n")[1]  # the header row
        assert max(columns.text_width(x) for x in wide.split("\n")) <= 160
        narrow = render.render_people(g, vid, lang, 110)
        assert t("col.title", lang) not in narrow.split("\n")[1]  # dropped first when it cannot fit


def test_turn_report_explains_notes_events_coaches_and_rivals() -> None:
    sc = scenario("rural_schools")
    vid = sc.playable_vendors()[0].id
    g = Game(sc, 1, (vid,), players=POLICIES)  # a seed whose intel meetings mostly happen
    for _ in range(3):
        g.set_actions(vid, [Allocation("intel", "equipment_director", 2)])
        g.end_turn()
    before = g.view(vid)
    record = g.end_turn()  # turn 4: the centre director is replaced
    assert any(e.kind == "stakeholder_replaced" for e in record.events)
    outcome = ActionOutcome(
        vendor=vid, stakeholder="equipment_director", action="hospitality", amount=1, status="backfired",
        reason="compliance", fail_chance=0.3, d_relationship=-0.02, d_fit=0, d_stance=-0.01, d_quality=0,
        d_spec=0, d_knowledge=0.05, notes=("quiet_period",),
    )
    workshop = ActionOutcome(
        vendor=vid, stakeholder="expert_liu", action="solution_workshop", amount=1, status="done",
        reason="ok", fail_chance=0.25, d_relationship=0.01, d_fit=0.01, d_stance=0.01, d_quality=0.02,
        d_spec=0, d_knowledge=0.01, notes=("spec_frozen",),
    )
    executive = ActionOutcome(
        vendor=vid, stakeholder="office_secretary", action="executive_meeting", amount=1, status="done",
        reason="ok", fail_chance=0.2, d_relationship=0.01, d_fit=0, d_stance=0, d_quality=0,
        d_spec=0, d_knowledge=0, notes=("early_exec", "junior_host"),
    )
    rival = replace(outcome, vendor="price_fighter", status="done", reason="ok", notes=())
    record = replace(
        record,
        outcomes=(outcome, workshop, executive, rival, rival),
        new_coaches=(("equipment_director", vid),),
    )
    en = " ".join(render.render_turn_report(g, record, vid, "en", before=before).split())
    assert next(p for p in g.view(vid) if p.id == "equipment_director").knowledge >= 0.5
    assert "Du Jianping has been moved" in en  # the event's own text
    assert "With Gao Wenjie your relationship and knowledge start from zero." in en
    assert "Hospitality → Ma Lixin x1: backfired" in en
    assert "rule-minded people distrust gifts" in en
    assert "relationship -2.0" in en  # a backfire shows as the loss the engine records
    assert "quiet period" in en
    assert "the spec is frozen: the workshop improved your proposal but no longer shapes the spec" in en
    assert "Early for an executive meeting" in en
    assert "is junior: an executive meeting with junior staff does little" in en
    assert "Ma Lixin has become your coach" in en
    assert "rivals met Ma Lixin 2 times this turn" in en
    zh = "".join(render.render_turn_report(g, record, vid, "zh", before=before).split())
    assert "马立新成了你们的内线" in zh
    assert "适得其反" in zh
    assert "静默期" in zh


def test_tables_align_chinese_by_display_width() -> None:
    text = render.table(["名字", "x"], [["李明", "1"], ["Li Ming", "22"], ["周", "3"]], align="lr")
    lines = text.split("\n")
    ends = {columns.text_width(line) for line in lines}
    assert len(ends) == 1
    assert columns.text_width("李明a") == 5
    assert columns.truncate("方案与技术", 6) == "方案.."


def test_wrap_keeps_chinese_within_width() -> None:
    zh = scenario("tutorial").briefing.get("zh")
    for line in columns.wrap(zh, 60).split("\n"):
        assert columns.text_width(line) <= 62  # closing punctuation may hang over


def test_money_and_prices() -> None:
    sc = scenario("tutorial")
    assert fmt.money(1_200_000, sc, "en") == "1,200,000 CNY"
    assert fmt.money(1_200_000, sc, "zh") == "1,200,000 元"
    assert parse_price("1,100,000", 1e6) == 1_100_000
    assert parse_price("110万", 1e6) == 1_100_000
    assert parse_price("1.1m", 1e6) == pytest.approx(1_100_000)
    assert parse_price("95%", 1_200_000) == pytest.approx(1_140_000)
    assert parse_price("none", 1e6) is None
    with pytest.raises(ValueError):
        parse_price("cheap", 1e6)


# -- the new model as the terminal shows it ------------------------------------------------


def test_a_pool_seat_is_refused_in_words_and_explained() -> None:
    """Nobody may meet the rural panel's outside experts: the terminal says why, in both
    languages, from the engine's refusal code (never its English message in Chinese)."""
    for lang, expected in (("en", "is drawn from the expert pool. Names are confidential"), ("zh", "从评标专家库随机抽取，名单保密")):
        code, out = play(["", "", "visit expert_liu 1", "list", "who expert_liu", "people"], lang=lang, name="rural_schools", seed=4)
        sep = " " if lang == "en" else ""
        flat = sep.join(out.split())  # wrapped lines joined again

        def said(text: str, sep: str = sep, flat: str = flat) -> bool:
            return sep.join(text.split()) in flat

        assert code == 0 and said(expected)
        assert not said("is an outside expert's seat drawn from the pool")  # the engine's own text
        assert said(t("pending.none", lang))  # nothing was added
        assert said(t("pool.confidential", lang))  # who: what the seat is
        assert said(t("people.legend_pool", lang))
    rows = [line for line in out.splitlines() if re.match(r"\s+\d+\s+expert_liu ", line)]
    assert rows and all(t("mark.pool", "zh") in row for row in rows)


def test_an_added_action_shows_its_likely_effect_stance_first() -> None:
    code, out = play(["", "visit it_head 2"], lang="en")
    added = out[out.index("Added: Visit"):]
    stance = added.index("If it happens (points, likely range): stance toward you ")
    assert stance < added.index("What moves it: relationship ") < added.index("Left this turn")
    code, out = play(["", "visit it_head 2"], lang="zh")
    assert "若顺利进行（百分点，可能范围）：对你们的态度 " in out and "推动它的是：关系 " in out


def test_the_turn_report_leads_with_the_stance_like_the_preview() -> None:
    o = ActionOutcome(
        vendor="player", stakeholder="it_head", action="visit", amount=2, status="done", reason="ok",
        fail_chance=0.2, d_relationship=0.05, d_fit=0.01, d_stance=0.02, d_quality=0, d_spec=0, d_knowledge=0.03,
    )
    assert results.changes_text(o, "en") == "stance toward you +2.0, relationship +5.0, perceived fit +1.0, knowledge +3.0"


def test_who_shows_the_ways_in_and_then_the_introduction() -> None:
    """A senior person whose door is closed: 'who' names the people they listen to; once the team
    knows one of them well, 'who' says who introduces it."""
    sc = scenario("rural_schools")
    g = Game(sc, 4, ("incumbent",), players=POLICIES)
    cold = render.render_person(g, "incumbent", "exec_vice_governor", "en")
    assert "Ways in: the people they listen to: Lin Hui, Zheng Zhiyuan, Wu Xiulan, and Qian Wei." in cold
    assert "Introduced by" not in cold
    work = [Allocation("visit", "edu_dept_head", 3), Allocation("technical_exchange", "edu_dept_head", 1), Allocation("site_visit", "edu_dept_head", 1)]
    while next(p for p in g.view("incumbent") if p.id == "exec_vice_governor").introduced_by is None:
        assert g.turn < 8
        g.set_actions("incumbent", work)
        g.end_turn()
    warm = render.render_person(g, "incumbent", "exec_vice_governor", "en")
    assert "Introduced by Zheng Zhiyuan (you know Zheng Zhiyuan well, and they listen to Zheng Zhiyuan)" in warm
    assert "Ways in" not in warm
    zh = render.render_person(g, "incumbent", "exec_vice_governor", "zh")
    assert "由郑志远引荐" in zh
    assert "Ways in" not in render.render_person(g, "incumbent", "equipment_director", "en")  # level 2


def test_your_result_counts_the_people_a_team_could_meet() -> None:
    """'You met N of M people': the three confidential pool seats are not people a team could meet."""
    g = Game(scenario("rural_schools"), 4, ("incumbent",), players=POLICIES)
    while g.phase == "turn":
        g.set_actions("incumbent", [Allocation("visit", "equipment_director", 2)])
        g.end_turn()
    g.submit_bid("incumbent", 0.9 * g.ceiling)
    result = g.finish()
    text = render.render_your_result(g, result, "incumbent", "en")
    assert "You met 1 of the 9 people" in text and "Outside expert" not in text
