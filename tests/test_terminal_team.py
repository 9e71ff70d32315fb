"""Team selling in the terminal game and the trainer's console: members and roles at one keyboard,
joint actions confirmed, forecasts asked and stored (in the game file, in the session's log)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from game.analysis.debrief.gamefile import load_games
from game.engine.game import Allocation
from game.present.reading import NumberError, read_chance, read_expected_price, read_forecast
from game.scenario import load_scenario
from game.session.config import SetupOptions
from game.session.hotseat import Crew, CrewError, Match, parse_crew
from game.session.log import read_log
from game.session.roles import Role, RoleError
from game.terminal.app import run_terminal
from tests.conftest import ROOT
from tests.test_session_console import console

TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"
TEAM = "Ada=am,executive; Bo=presales; Cy=pm"


def play(lines: list[str], tmp: Path, *, crews: tuple[str, ...] = (TEAM,), lang: str = "en") -> tuple[int, str, Path]:
    out = io.StringIO()
    save = tmp / "game.json"
    code = run_terminal(
        load_scenario(TUTORIAL), seed=5, teams=None, lang=lang, stdin=io.StringIO("".join(f"{x}\n" for x in lines)),
        stdout=out, scenario_path=TUTORIAL, save=save, crews=crews,
    )
    return code, out.getvalue(), save


def later_turns(n: int) -> list[str]:
    """Turns passed by the account manager, forecast skipped: report, end, unspent? y, forecast Enter."""
    return ["", "end", "y", ""] * n


FIRST_TURN = [
    "",  # press Enter to start
    "technical_exchange head_nurse 1",  # Ada (account manager) may not: pre-sales' days
    "as bo",
    "technical_exchange head_nurse 1",
    "solution_workshop head_nurse",  # joint: Cy (PM) confirms
    "y",
    "solution_workshop it_head",  # not enough days left anyway: the engine refuses first
    "team",
    "end",  # Bo may not hand in the turn
    "as Ada",
    "visit it_head 1",
    "end",
    "y",  # unspent: end anyway
    "abc",  # not a chance
    "150",
    "-5",
    "1e400",
    "99999999999999999999999999999999999999",
    "40%",
    "lots",  # not a price
    "-3",
    "1.1m",
]


def test_a_team_plays_role_by_role_and_its_forecasts_are_saved(tmp_path: Path) -> None:
    lines = [*FIRST_TURN, *later_turns(3), "", "45000", "y", "55", "n"]
    code, out, save = play(lines, tmp_path)
    assert code == 0, out[-3000:]
    assert "Team BrightPath Systems: Ada (account manager and executive), Bo (pre-sales consultant), Cy (project manager)" in out
    assert "[BrightPath Systems · Ada] turn 1>" in out and "[BrightPath Systems · Bo] turn 1>" in out
    # Another role's action: refused with whose it is and what to type.
    assert "Technical exchange is the pre-sales consultant's to prepare (Bo), not Ada's: type 'as Bo' and add it there." in out
    # A joint action: the other role's holder confirms at the keyboard.
    assert "Cy (project manager) confirms? y/n" in out and "Confirmed by Cy." in out
    assert "account manager (Ada): sales" in out and "project manager (Cy): PM 0/1" in out
    assert "The account manager (Ada) hands in the team's turn: type 'as Ada' first." in out
    # The forecast: each bad answer said clearly and asked again.
    assert "'abc' is not a chance: type a percentage from 0 to 100, e.g. 40%." in out
    assert "'150' is not a chance" in out and "'-5' is not a chance" in out and "'1e400' is not a chance" in out
    assert "is too long for a number" in out
    assert "Cannot read 'lots' as the price you expect to bid" in out and "Cannot read '-3' as the price" in out
    assert "Forecast recorded: 40% to win, expected bid 1,100,000" in out
    assert "Forecast recorded: 55% to win, expected bid 45,000" in out
    assert "Traceback" not in out
    # The game file keeps the members, who put each action in, and the forecasts.
    _, teams = load_games(save)
    g = teams[0].game
    assert {m.name: m.roles for m in g.crew["player"].values()} == {
        "Ada": ("am", "executive"), "Bo": ("presales",), "Cy": ("pm",)
    }
    fc = g.forecasts_of("player")
    assert [(f.turn, round(f.win, 2), f.price, f.at_bid) for f in fc] == [(1, 0.4, 1_100_000.0, False), (5, 0.55, 45000.0, True)]
    assert fc[0].by == "Ada"
    turn1 = [c for c in g.credits if c.turn == 1]
    assert [(c.action, c.by, c.roles, c.confirmed_by, c.done) for c in turn1] == [
        ("technical_exchange", "Bo", ("presales",), None, True),
        ("solution_workshop", "Bo", ("presales",), "Cy", True),
        ("visit", "Ada", ("am",), None, True),
    ]
    raw = json.loads(save.read_text(encoding="utf-8"))
    assert "forecast" in json.dumps(raw) and "credits" in json.dumps(raw)


def test_a_joint_action_not_confirmed_is_kept_as_missed(tmp_path: Path) -> None:
    lines = ["", "as Bo", "solution_workshop head_nurse", "n", "undo", "as Ada", "end", "y", "", "quit", "y"]
    code, out, _ = play(lines, tmp_path)
    assert code == 0
    assert "Not added: Cy did not confirm." in out
    assert "Bo has nothing in the plan to take back." in out
    assert "No forecast this time." in out


def test_the_team_option_is_checked(tmp_path: Path) -> None:
    code, out, _ = play([""], tmp_path, crews=("Ada=boss",))
    assert code == 2 and "'boss' (for Ada) is not a role." in out and "Write the members as NAME=ROLES" in out
    code, out, _ = play([""], tmp_path, crews=("nobody: Ada=am",))
    assert code == 2 and "no team 'nobody'" in out
    code, out, _ = play([""], tmp_path, crews=(TEAM, TEAM))
    assert code == 2 and "--team was given 2 times for 1 team(s)" in out
    code, out, _ = play(["", "as Cy", "visit it_head", "quit", "y"], tmp_path, crews=("player: Ada=am; Cy=pm",), lang="zh")
    assert "客户经理" in out and "Cy" in out and "Traceback" not in out


def test_team_and_forecast_commands_without_members(tmp_path: Path) -> None:
    lines = ["", "team", "forecast", "forecast 250%", "forecast 30 lots", "forecast 30% 900k", "team Ada=am,pm; Bo=presales",
             "as Zed", "as b", "visit it_head", "quit", "y"]
    code, out, _ = play(lines, tmp_path, crews=())
    assert code == 0
    assert "One player holds every role. To play as a team" in out
    assert "No forecast yet this turn." in out and "forecast CHANCE [PRICE]" in out
    assert "'250%' is not a chance" in out and "Cannot read 'lots' as the price you expect to bid" in out
    assert "Forecast recorded: 30% to win, expected bid 900,000" in out
    assert "Team set: Ada (account manager and project manager), Bo (pre-sales consultant)." in out
    assert "No member 'Zed' in the team; members: Ada and Bo." in out
    assert "Visit is the account manager's to prepare (Ada), not Bo's" in out


# -- the rules at one keyboard (game.session.hotseat) -------------------------------------------


def test_parse_crew_reads_words_in_both_languages_and_refuses_clearly() -> None:
    got = parse_crew("Ada = account manager + 高层；Bo=pre-sales, 项目经理; Cy=观察员")
    assert [(m.name, m.roles) for m in got] == [("Ada", ("am", "executive")), ("Bo", ("presales", "pm")), ("Cy", ("observer",))]
    for text, code in [("", "empty"), ("=am", "no_name"), ("Ada", "no_roles"), ("Ada=boss", "bad_role"),
                       ("Ada=am,observer", "observer"), ("Ada=am; ADA=pm", "twice"), ("A" * 41 + "=am", "long_name"),
                       ("; ".join(f"P{i}=pm" for i in range(9)), "too_many")]:
        with pytest.raises(CrewError) as err:
            parse_crew(text)
        assert err.value.code == code, text


def test_a_crew_credits_each_action_and_open_roles_fall_to_the_account_manager() -> None:
    match = Match(load_scenario(TUTORIAL), 1, ["player"])
    crew = match.set_crew("player", parse_crew("Ada=am; Bo=presales"))  # nobody is PM or executive
    assert crew.me.name == "Ada" and crew.acting() == {Role.AM, Role.PM, Role.EXECUTIVE}
    crew.add(Allocation("executive_meeting", "president", 1))
    with pytest.raises(RoleError) as err:
        crew.add(Allocation("technical_exchange", "it_head", 1))
    assert err.value.code == "not_your_role" and err.value.params["holders"] == ["Bo"]
    crew.current = 1
    v = crew.check("solution_workshop")  # pre-sales + PM: Ada acts for the open PM role
    assert v.missing == (Role.PM,) and v.confirmer is not None and v.confirmer.name == "Ada"
    with pytest.raises(RoleError):
        crew.add(Allocation("solution_workshop", "head_nurse", 1))  # not confirmed
    crew.add(Allocation("solution_workshop", "head_nurse", 1), confirmed_by=crew.members[0])
    with pytest.raises(RoleError):
        crew.remove(0)  # the executive meeting is Ada's
    match.end_team_turn()
    credits = [c for c in match.game.credits if c.turn == 1]
    assert [(c.action, c.by, c.confirmed_by) for c in credits] == [("executive_meeting", "Ada", None), ("solution_workshop", "Bo", "Ada")]
    assert crew.current == 0 and crew.notes == []


def test_an_observer_prepares_nothing() -> None:
    match = Match(load_scenario(TUTORIAL), 1, ["player"])
    crew: Crew = match.set_crew("player", parse_crew("Ada=am,presales,pm,executive; Obi=observer"))
    crew.current = 1
    with pytest.raises(RoleError):
        crew.check("visit")


def test_forecast_readers() -> None:
    assert read_chance("40") == pytest.approx(0.4) and read_chance("40 %") == pytest.approx(0.4)
    assert read_chance("０") == 0 and read_chance("100%") == 1
    for bad in ("abc", "150", "-1", "nan", "inf", "1e400", ""):
        with pytest.raises(NumberError):
            read_chance(bad)
    assert read_expected_price("", 1e6) is None and read_expected_price("none", 1e6) is None
    assert read_expected_price("90%", 1e6) == pytest.approx(900_000)
    for bad in ("0", "-5", "lots", "1e999"):
        with pytest.raises(NumberError):
            read_expected_price(bad, 1e6)
    win, price = read_forecast(["35%", "2.4m"], 3e6)
    assert win == pytest.approx(0.35) and price == pytest.approx(2.4e6)


# -- the trainer's console: forecasts with a hot-seat entry --------------------------------------


def test_console_forecast_command_is_stored_in_the_session_log(tmp_path: Path) -> None:
    path = tmp_path / "f.session.jsonl"
    opts = SetupOptions(teams=["Red", "Blue Team"], mode="parallel", seed=1, round_minutes=0, at_zero="pass", session_path=path)
    lines = [
        "forecast Red 40%",  # no round open
        "open",
        "forecast Red 40% 24m",
        "forecast Blue Team 1e400",
        "forecast Blue Team 65",
        "forecast Nobody 20%",
        "forecast",
        "submit Red",
        "",  # curtain
        "visit centre_director 1",
        "forecast 150%",
        "forecast 35% 23.5m",
        "team Ada=am",
        "end",
        "y",
        "quit",
    ]
    code, out = console(lines, options=opts)
    assert code == 0, out
    assert "a forecast is made while a round is open" in out
    assert "Forecast of team Red recorded: 40% to win, expected bid 24,000,000 CNY." in out
    assert "'1e400' is not a chance" in out
    assert "Forecast of team Blue Team recorded: 65% to win." in out
    assert "forecast TEAM CHANCE [PRICE]" in out
    assert "'150%' is not a chance" in out and "Forecast recorded: 35% to win, expected bid 23,500,000 CNY." in out
    assert "At the trainer's laptop the team enters its plan together" in out
    assert "Traceback" not in out
    entries = [e for e in read_log(path).entries if e.get("type") == "forecast"]
    assert [(e["team"], e["round"], e["win"], e.get("price")) for e in entries] == [
        ("Red", 1, 0.4, 24_000_000.0), ("Blue Team", 1, 0.65, None), ("Red", 1, 0.35, 23_500_000.0)
    ]


def test_console_import_records_and_says_the_files_forecast(tmp_path: Path) -> None:
    f = tmp_path / "red1.yaml"
    f.write_text("vendor: incumbent\nteam: Red\nround: 1\nturns:\n  1: [{action: visit, stakeholder: centre_director}]\n"
                 "forecasts:\n  1: {win: 0.35, price: 23500000}\n", encoding="utf-8")
    for lang, said in (("en", "Forecast of team Red recorded: 35% to win, expected bid 23,500,000 CNY."),
                       ("zh", "Red 队的预测已记录：胜算 35%，预计报价 23,500,000 元。")):
        path = tmp_path / f"{lang}.session.jsonl"
        opts = SetupOptions(teams=["Red", "Blue"], mode="parallel", seed=1, round_minutes=0, at_zero="pass", session_path=path)
        code, out = console(["open", f"import {f}", "quit"], options=opts, lang=lang)
        assert code == 0 and said in out and "Traceback" not in out, out
        entries = [e for e in read_log(path).entries if e.get("type") == "forecast"]
        assert [(e["team"], e["round"], e["win"], e.get("price")) for e in entries] == [("Red", 1, 0.35, 23_500_000.0)]


def test_the_command_line_takes_team_members() -> None:
    from tests.cli_helpers import run_cli

    code, out, err = run_cli("play", "tutorial", "--team", "Ada=boss", "--seed", "1")
    assert code == 2 and "'boss' (for Ada) is not a role." in out, (out, err)
    code, out, err = run_cli("play", "tutorial", "--decisions", "x.yaml", "--team", "Ada=am")
    assert code != 0 and "--team is for the interactive terminal game" in err


# -- a team of one is asked too (issue 13: each turn the team records its forecast) --------------


class Terminal(io.StringIO):
    """Lines typed at a terminal: the game reads them as a person's answers, not a script."""

    def isatty(self) -> bool:
        return True


SOLO = [
    "",  # press Enter to start
    "visit it_head 2",
    "end", "y",  # unspent: end anyway
    "abc",  # not a chance: said, asked again; the plan stays as it was
    "40% lots",  # the price part cannot be read
    "40% 1.1m",  # both on one line
    "",  # the report
    "end", "y", "",  # turn 2: Enter skips
    "", "forecast 50%", "end", "y",  # turn 3: made with 'forecast', not asked again
    "", "end", "y", "55 %", "",  # turn 4: a chance, no price
    "", "1.05m", "y", "45",  # the report, the bid and the chance with it
    "n",  # no debrief
]


def test_a_team_of_one_at_a_terminal_is_asked_its_forecast_every_turn(tmp_path: Path) -> None:
    out = io.StringIO()
    save = tmp_path / "game.json"
    code = run_terminal(load_scenario(TUTORIAL), seed=5, teams=None, lang="en", stdin=Terminal("".join(f"{x}\n" for x in SOLO)),
                        stdout=out, scenario_path=TUTORIAL, save=save)
    text = out.getvalue()
    assert code == 0 and "Traceback" not in text, text[-3000:]
    assert text.count("Team forecast for this tender: your chance to win, in % (Enter skips)> ") == 5
    assert "'abc' is not a chance: type a percentage from 0 to 100, e.g. 40%." in text
    assert "Cannot read 'lots' as the price you expect to bid" in text
    assert "Forecast recorded: 40% to win, expected bid 1,100,000 CNY." in text
    assert "Your last forecast (turn 1): 40% to win, expected bid 1,100,000 CNY." in text and "No forecast this time." in text
    assert "Your chance to win with this bid, in % (Enter skips)> " in text
    _, teams = load_games(save)
    g = teams[0].game
    assert [(f.turn, f.win, f.price, f.at_bid, f.by) for f in g.forecasts_of("player")] == [
        (1, 0.4, 1_100_000.0, False, None), (3, 0.5, None, False, None), (4, 0.55, None, False, None),
        (5, 0.45, 1_050_000.0, True, None),
    ]
    # The bad answers lost nothing of the turn: the visit was played.
    assert [(o.action, o.stakeholder) for o in g.records[0].outcomes if o.vendor == "player"] == [("visit", "it_head")]


def test_a_script_piped_in_is_not_asked_unless_told(tmp_path: Path) -> None:
    """Piped lines are moves: a team of one is not asked (the scripts written before still play);
    ``ask_forecasts`` asks all the same, and in Chinese too."""
    lines = ["", "end", "y", "quit", "y"]
    out = io.StringIO()
    code = run_terminal(load_scenario(TUTORIAL), seed=5, teams=None, lang="en", stdin=io.StringIO("".join(f"{x}\n" for x in lines)), stdout=out)
    assert code == 0 and "Team forecast" not in out.getvalue() and "Unknown command" not in out.getvalue()
    lines = ["", "end", "y", "abc", "30", "", "", "end", "y", "", "quit", "y"]
    out = io.StringIO()
    code = run_terminal(load_scenario(TUTORIAL), seed=5, teams=None, lang="zh", stdin=io.StringIO("".join(f"{x}\n" for x in lines)),
                        stdout=out, ask_forecasts=True)
    zh = out.getvalue()
    assert code == 0 and "Traceback" not in zh
    assert "团队预测：你们赢得这次招标的把握（%，直接回车跳过）> " in zh and "'abc' 不是有效的把握：请输入 0 到 100 的百分比，例如 40%。" in zh
    assert "预测已记录：胜算 30%。" in zh and "上一次的预测（第 1 回合）：胜算 30%。" in zh and "这次没有预测。" in zh
