"""Numbers typed in the terminal game and the trainer's console: one reader, no traceback, clear messages.

Each input here raised before (ValueError past Python's 4,300-digit limit,
OverflowError on 310 digits or ``inf``, ValueError on Unicode digits such as
``➁``, UnicodeDecodeError on a strict stdin with bytes that are not UTF-8).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from game.engine.game import MAX_AMOUNT
from game.present.reading import (
    NumberError,
    read_index,
    read_int,
    read_number,
    read_price,
)
from game.session.config import SetupOptions
from game.terminal.app import MAX_LINE, run_terminal
from game.terminal.workshop import run_workshop
from tests.conftest import SCENARIOS
from tests.session_helpers import TUTORIAL, FakeClock, reopen
from tests.test_session_console import Script, console
from tests.test_terminal import play, scenario

HUGE = "9" * 5000  # past int()'s 4,300-digit limit
BIG = "1" + "0" * 309  # float() of it overflows
BAD_NUMBERS = (HUGE, BIG, "➁", "inf", "-inf", "nan", "1e400", "٣", "1e-400x", "½", "0x10", "--1")


@pytest.mark.parametrize("raw", BAD_NUMBERS, ids=lambda x: x[:10])
def test_the_reader_refuses_with_a_reason_in_both_languages(raw: str) -> None:
    try:
        x = read_number(raw, lo=0, hi=1e9)
    except NumberError as exc:
        en, zh = exc.message("en"), exc.message("zh")
        assert en != zh and len(en) < 200 and len(zh) < 200
        assert isinstance(exc, ValueError)
    else:
        assert 0 <= x <= 1e9  # '٣' is not ASCII: refused; anything read is inside the range
    assert read_index(raw, 9) is None
    with pytest.raises(NumberError):
        read_price(raw, 1e6)


def test_the_reader_reads_what_people_type() -> None:
    assert read_number("1,200") == 1200 and read_number("３") == 3 and read_number("30%", percent=True) == pytest.approx(0.3)
    assert read_int("12", lo=1, hi=12) == 12
    with pytest.raises(NumberError, match="whole"):
        read_int("1.5")
    with pytest.raises(NumberError, match="outside"):
        read_int("13", lo=1, hi=12)
    assert read_price("110万", 1e6) == 1_100_000 and read_price("none", 1e6) is None
    assert read_index("2", 3) == 2 and read_index("4", 3) is None


@pytest.mark.parametrize("raw", BAD_NUMBERS, ids=lambda x: x[:10])
def test_the_terminal_game_takes_any_number(raw: str) -> None:
    lines = ["", f"visit it_head {raw}", f"{raw} 1 1", f"visit {raw} 1", f"belief it_head {raw}", "end", "y", "", "end", "y", "", "end", "y", "", "end", "y", "", raw, "1,000,000", "y"]
    code, out = play(lines)
    assert code == 0, out[-2000:]
    assert "Traceback" not in out
    assert "The amount must be a whole number from 1 to 100" in out or "characters long" in out
    assert "9" * 100 not in out  # a huge word is quoted shortened
    assert "Bid submitted" in out or "bid" in out.lower()


def test_a_line_too_long_is_refused_and_asked_again() -> None:
    code, out = play(["x" * (MAX_LINE + 1), "quit", "y"])
    assert code == 0 and "characters long" in out and "x" * 200 not in out


def test_invalid_utf8_on_a_strict_stdin() -> None:
    raw = b"\n\xff\xfe visit it_head 2\nquit\ny\n"
    stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8", errors="strict")
    out = io.StringIO()
    code = run_terminal(scenario("tutorial"), seed=1, teams=None, lang="zh", stdin=stdin, stdout=out)
    text = out.getvalue()
    assert code == 0, text
    assert "无法识别的字符" in text  # said in the game's language, and the game went on


@pytest.mark.parametrize("raw", ["inf", BIG, HUGE, "➁", "1e400", "-inf"], ids=lambda x: x[:10])
def test_the_console_extend_and_form_fields(tmp_path: Path, raw: str) -> None:
    opts = SetupOptions(teams=["Red"], mode="parallel", seed=1, round_minutes=5, at_zero="pass", session_path=tmp_path / "n.session.jsonl")
    lines = ["open", f"extend {raw}", "extend 2", "inject form rumour", raw, "0.5", "", "a", "inject form tender_delayed", raw, "1", "", "s", "bid Red " + raw, "quit"]
    code, out = console(lines, scenario=TUTORIAL, options=opts)
    assert code == 0, out
    assert "Traceback" not in out
    assert "9" * 100 not in out
    s = reopen(tmp_path / "n.session.jsonl", read_only=True)
    assert [e.type for e in s.entries] == ["open", "extend", "inject", "inject"]
    s.close()


@pytest.mark.parametrize("raw", [HUGE, BIG, "➁", "inf", "nan", "1e400"], ids=lambda x: x[:10])
def test_the_console_setup_seed_and_minutes(tmp_path: Path, raw: str) -> None:
    lines = ["tutorial", "2", raw, "7", raw, "3", "1", "Red", "quit"]
    code, out = console(lines, scenario=None, options=SetupOptions(session_path=tmp_path / "s.session.jsonl"))
    assert code == 0, out
    assert "seed 7" in out and "countdown 3:00" in out.replace("3 min", "3:00") or "seed 7" in out


def test_invalid_utf8_in_the_console(tmp_path: Path) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"open\n\xc3\x28 status\nstatus\nquit\n"), encoding="utf-8")
    out = io.StringIO()
    c = FakeClock()
    opts = SetupOptions(teams=["Red"], mode="parallel", seed=1, round_minutes=5, at_zero="pass", session_path=tmp_path / "u.session.jsonl")
    code = run_workshop(scenarios=sorted(SCENARIOS.glob("*.yaml")), scenario_path=TUTORIAL, options=opts, lang="en", stdin=stdin, stdout=out, mono=c.mono, wall=c.wall)
    assert code == 0 and "not UTF-8" in out.getvalue()


def test_amount_limit_is_the_decisions_files() -> None:
    from game.session.decisions import _Alloc

    assert any(getattr(m, "le", None) == MAX_AMOUNT for m in _Alloc.model_fields["amount"].metadata)


_ = Script
