"""Terminal details a trainee meets (issue 10): names with spaces, numbers in order, Ctrl-D,
'Press Enter to continue', a bid with a slip in its zeros, tables that fit the screen."""

from __future__ import annotations

import io

import pytest

from game.ai.players import POLICIES
from game.engine.game import Game
from game.present import columns
from game.terminal import render
from game.terminal.app import Console
from tests.conftest import SCENARIOS
from tests.test_terminal import play, scenario

TURN_END = ["end", "y", ""]


def test_a_person_by_name_with_spaces() -> None:
    code, out = play(["", "visit Li Ming 1", "Li Ming visit 1", "visit Li Minh 1", "quit", "y"])
    assert code == 0
    assert out.count("Added: Visit → Li Ming (it_head) x1") == 2
    assert "Unknown person 'Li Minh' (did you mean 'it_head', Li Ming?)" in out


def test_numbers_are_read_in_the_order_action_person_amount() -> None:
    code, out = play(["", "8 1 1", "list", "quit", "y"], name="rural_schools", teams=["incumbent"])
    assert code == 0
    assert "Unknown action '8'" in out and "No allocations yet this turn." in out


def test_a_command_typed_at_press_enter_is_run_not_lost() -> None:
    code, out = play(["", *TURN_END[:2], "visit it_head 1", "list", "quit", "y"])
    assert code == 0
    assert "('visit it_head 1' is run now.)" in out
    assert "Added: Visit → Li Ming (it_head) x1" in out


@pytest.mark.parametrize(("price", "code"), [(99_999_999, "huge"), (12_000, "tiny"), (1_100_000, None)])
def test_a_slip_in_the_zeros_is_the_engines_warning(price: float, code: str | None) -> None:
    g = Game(scenario("tutorial"), 1, ("player",), players=POLICIES)
    warnings = g.check_bid("player", price)
    assert (code in warnings) if code else not ({"tiny", "huge"} & set(warnings))


def test_the_terminal_bid_says_check_the_zeros() -> None:
    lines = ["", *TURN_END, *TURN_END, *TURN_END, *TURN_END, "99,999,999", "n", "1,100,000", "y"]
    code, out = play(lines)
    assert code == 0 and "check the number of zeros" in out


def test_ctrl_d_on_a_terminal_asks_first(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter([EOFError, "n", "visit it_head 1", EOFError, EOFError])

    def fake_input(prompt: str = "") -> str:
        a = next(answers)
        if a is EOFError:
            raise EOFError
        return str(a)

    monkeypatch.setattr("builtins.input", fake_input)
    out = io.StringIO()
    c = Console(io.StringIO(), out)
    c.use_input = True
    assert c.ask("> ") == ""  # Ctrl-D, then 'n': back to the game
    assert c.ask("> ") == "visit it_head 1"
    from game.terminal.app import EndOfInput

    with pytest.raises(EndOfInput):  # Ctrl-D twice leaves
        c.ask("> ")


@pytest.mark.parametrize("width", [80, 100, 120, 160])
@pytest.mark.parametrize("name", ["tutorial", "rural_schools", "group_defence", "software_division"])
def test_the_people_table_fits_the_screen(name: str, width: int) -> None:
    from game.scenario import load_scenario

    sc = load_scenario(SCENARIOS / f"{name}.yaml")
    g = Game(sc, 1, (sc.playable_vendors()[0].id,), players=POLICIES)
    for lang in ("en", "zh"):
        text = render.render_people(g, g.humans[0], lang, width)
        assert max(columns.text_width(ln) for ln in text.split("\n")) <= width
