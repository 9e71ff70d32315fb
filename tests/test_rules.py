"""One rulebook under every front end: the engine and the session answer with typed values, and the
terminal and the window say the same thing from them (issue 11)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from game.ai.players import POLICIES
from game.engine.game import Allocation, BidWarning, Game, Refusal
from game.present import advice, fmt
from game.scenario import Scenario
from game.session.config import MAX_NAME, NameProblem, duplicate_names, name_problem
from game.session.hotseat import Match, ScratchEntry
from game.strings import t
from game.terminal.app import run_terminal
from game.terminal.render import render_award


def tutorial_game(tutorial: Scenario) -> Game:
    return Game(tutorial, 3, ("player",), players=POLICIES)


def test_a_refusal_is_typed_and_says_how_many_fit(tutorial: Scenario) -> None:
    """The window used to say only 'not enough'; the terminal added how many fit. Both say it now."""
    g = tutorial_game(tutorial)
    refused = g.refusal("player", Allocation("visit", "it_head", 9))
    assert refused is not None and refused.code is Refusal.NOT_ENOUGH and refused.params["most"] == 4
    text = advice.decision_text(refused, g, "player", "en", "visit", 9)
    assert text.endswith("You can afford at most x4 now.")
    assert g.refusal("player", Allocation("visit", "it_head", 4)) is None
    assert f"{Refusal.POOL_SEAT}" == "pool_seat"  # codes read as their value in keys and files


def test_bid_warnings_are_typed(tutorial: Scenario) -> None:
    g = tutorial_game(tutorial)
    assert g.check_bid("player", None) == [BidWarning.NO_BID]
    tiny = g.check_bid("player", 0.1 * g.ceiling)
    assert BidWarning.TINY in tiny and all(isinstance(w, BidWarning) for w in tiny)
    assert BidWarning.TINY.serious and BidWarning.OVER_CEILING.serious and not BidWarning.BELOW_COST.serious
    assert advice.bid_warning_text(BidWarning.OVER_CEILING, 2e6, g.ceiling, "zh") == t("bidwarn.over_ceiling", "zh")


def test_unspent_days_one_rule(tutorial: Scenario) -> None:
    g = tutorial_game(tutorial)
    assert g.unspent("player") == {"sales": 4.0, "presales": 2.0, "pm": 1.0, "executive": 1.0}
    g.add("player", Allocation("visit", "it_head", 4))
    assert "sales" not in g.unspent("player")
    assert advice.unspent_text(g, "player", "en") == "2 pre-sales days, 1 project-manager day, and 1 executive day"
    assert advice.unspent_text(g, "player", "zh") == "售前 2 人天、项目经理 1 人天和高层 1 人天"


@pytest.mark.parametrize(
    ("name", "problem"),
    [("Red", None), ("  ", NameProblem.EMPTY), ("Red,Blue", NameProblem.BAD_CHARS), ("Red，Blue", NameProblem.BAD_CHARS),
     ("A=B", NameProblem.BAD_CHARS), ("a\u200bb", NameProblem.BAD_CHARS), ("x" * (MAX_NAME + 1), NameProblem.TOO_LONG),
     ("Ｒｅｄ", None)],
)
def test_team_names_one_rule(name: str, problem: NameProblem | None) -> None:
    """The window's set-up and the session refused different names; both ask name_problem now."""
    assert name_problem(name) == problem


def test_duplicate_team_names() -> None:
    assert duplicate_names(["Red", "Blue", "red "]) == ["Red", "red "]
    assert duplicate_names(["Red", "Blue"]) == []


def test_the_hot_seat_order(tutorial: Scenario) -> None:
    m = Match(tutorial, 3, ["player"])
    assert m.step() == "board"
    for _ in range(tutorial.turns):
        m.end_team_turn()
        assert m.step() == "report"
        m.read_report()
    assert m.step() == "bid"
    m.game.submit_bid("player", 1_000_000)
    m.bid_entered()
    assert m.step() == "award"


def test_a_scratch_entry_keeps_the_game_as_it_was(tutorial: Scenario) -> None:
    g = tutorial_game(tutorial)
    saved: list[list[Allocation]] = []
    visit = Allocation("visit", "it_head", 1)
    scratch = ScratchEntry.open(g, "player", [visit], save=saved.append)
    assert g.pending["player"] == [visit]  # the draft is the plan to go on from
    scratch.sync()
    assert saved == []  # nothing changed since the draft
    g.add("player", Allocation("intel", "head_nurse", 1))
    scratch.sync()
    scratch.sync()
    assert len(saved) == 1 and len(saved[0]) == 2  # saved once per change
    assert scratch.close() == saved[0] and g.pending["player"] == []


def test_the_terminal_gives_the_engines_advice_on_hospitality() -> None:
    """The terminal warned about hospitality only for procurement; the engine's preview (the window)
    warns wherever compliance may make it backfire. The terminal shows the preview's notes now."""
    from game.scenario import load_scenario
    from tests.conftest import SCENARIOS

    out = io.StringIO()
    lines = ["", "hospitality president 1", "quit", "y"]
    run_terminal(load_scenario(SCENARIOS / "tutorial.yaml"), seed=3, teams=None, lang="en", stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out)
    flat = " ".join(out.getvalue().split())
    assert " ".join(t("preview.note.compliance", "en").split()) in flat
    assert "works in procurement" not in flat


def test_the_award_shows_every_part_of_each_total(tutorial: Scenario) -> None:
    """The terminal hid the committee's points; its rows now add up, as printed, to each total."""
    g = tutorial_game(tutorial)
    while g.phase == "turn":
        g.end_turn()
    g.submit_bid("player", 1_100_000)
    result = g.finish()
    for r in result.vendors:
        assert result.parts(r.vendor).total == pytest.approx(r.total, abs=1e-9)
    text = render_award(g, result, "en", ("player",), width=140)
    assert "Committee" in text
    table = text.split("How each total adds up")[1].split("\n\n")[0]
    rows = [ln for ln in table.splitlines() if re.search(r"\d+\.\d\s*$", ln)]
    assert len(rows) == len(result.vendors)
    for row in rows:
        *parts, total = (float(x) for x in re.findall(r"[+-]?\d+\.\d", row))
        assert round(sum(parts), 1) == total, row


def test_money_reads_in_each_language(tutorial: Scenario) -> None:
    """Babel's CLDR units: compact money as each language counts it, every unit where it matters."""
    assert fmt.short_money(24_500_000, tutorial, "zh") == "2,450万元"
    assert fmt.short_money(123_000_000, tutorial, "zh") == "1.23亿元"
    assert fmt.short_money(24_500_000, tutorial, "en") == "24.5M CNY"
    assert fmt.short_money(5_000, tutorial, "en") == "5,000 CNY"
    assert fmt.short_money(-0.3, tutorial, "en") == "0 CNY"  # never '-0'
    assert fmt.money(24_500_000, tutorial, "zh") == "24,500,000 元"
    assert fmt.join_list(["a", "b", "c"], "zh") == "a、b和c"


def test_huge_figures_are_formatted_in_full(tutorial: Scenario) -> None:
    """A price typed as 1e308, or the margin over a price of 1e-300, raised decimal.InvalidOperation
    in Babel (28 digits of precision) and stopped the bid screen; every finite float is written out."""
    assert fmt.money(1e308, tutorial, "en") == "100" + ",000" * 102 + " CNY"
    assert fmt.pct(-9.5e307, 1) == "-9,500" + ",000" * 102 + ".0%"
    assert fmt.short_money(1e30, tutorial, "zh") == "1" + ",000" * 6 + "万亿元"
    assert fmt.points(3e27) == "+300" + ",000" * 9 + ".0"


def test_the_terminal_saves_the_game_and_ends_with_the_debrief(tmp_path: Path) -> None:
    """The window's debrief at the end of a terminal game, and a game file for debrief and report."""
    from game.analysis.debrief.gamefile import load_games
    from game.scenario import load_scenario
    from tests.cli_helpers import run_cli
    from tests.conftest import SCENARIOS

    saved = tmp_path / "mine.games.json"
    lines = ["", "visit it_head 2", "belief it_head 70% technical", "end", "y", "", "end", "y", "", "end", "y", "", "end", "y", "", "95%", "y", "y"]
    out = io.StringIO()
    code = run_terminal(
        load_scenario(SCENARIOS / "tutorial.yaml"), seed=3, teams=None, lang="en",
        stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out,
        scenario_path=SCENARIOS / "tutorial.yaml", save=saved,
    )
    text = out.getvalue()
    assert code == 0 and f"Game saved to {saved}" in text
    for head in ("Why you won or lost", "Win probability over time", "Pitfalls", "What if", "Your map against the truth"):
        assert head in text, head
    assert text.rstrip().endswith("Thank you for playing.")
    _, teams = load_games(saved)
    assert [tg.vendor for tg in teams] == ["player"] and teams[0].game.result is not None
    code, stdout, stderr = run_cli("debrief", str(saved), "--no-search", "--samples", "10")
    assert code == 0, stderr
    assert "Why you won or lost" in stdout
