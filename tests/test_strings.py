"""The string catalogue: every key the game uses exists in English and Chinese, and a missing one
never stops the game (it shows as its key, with a logged warning)."""

from __future__ import annotations

import logging
import re
import string
from typing import get_args

import pytest

from game.engine.game import BidWarning, Refusal
from game.engine.records import Status
from game.model.tender import FAIL_REASONS
from game.scenario.schema import ACTION_IDS, RESOURCE_IDS, ROLES
from game.strings import STRINGS, t
from tests.conftest import ROOT

# t("key", ...), self.tr("key", ...), n.tr("key"): a literal key as the first argument.
LITERAL = re.compile(r'\b(?:t|tr)\(\s*"([a-z0-9_.]+)"')
# t(f"prefix.{...}"): a key made at run time; its literal prefix must name some keys.
PREFIX = re.compile(r'\b(?:t|tr)\(\s*f"([a-z0-9_.]*)\{')


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def _sources() -> dict[str, str]:
    return {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in sorted((ROOT / "game").rglob("*.py"))}


def test_both_languages_have_the_same_placeholders() -> None:
    for key, (en, zh) in STRINGS.items():
        assert zh or key == "sent.sep", key  # Chinese sentences join without a space
        assert en or key == "help.zh_aliases", key  # only Chinese has command aliases to mention
        if en and key != "turn.before_pub":  # the Chinese one also says how many turns are left
            assert _fields(en) == _fields(zh), key


def test_every_key_used_in_game_exists() -> None:
    missing = []
    for path, text in _sources().items():
        for key in LITERAL.findall(text):
            if key.endswith("."):  # t("weight." + k): a prefix, checked below
                continue
            if key not in STRINGS:
                missing.append(f"{path}: {key}")
    assert not missing, missing


def test_every_prefix_of_a_made_key_names_keys() -> None:
    prefixes = {p for text in _sources().values() for p in PREFIX.findall(text)}
    prefixes |= {k for text in _sources().values() for k in LITERAL.findall(text) if k.endswith(".")}
    assert len(prefixes) > 20  # the scan finds them
    unknown = sorted(p for p in prefixes if not any(k.startswith(p) for k in STRINGS))
    assert not unknown, unknown


def test_the_engines_codes_all_have_words() -> None:
    """Every value the engine hands a front end as a code is in the catalogue."""
    wanted = [f"action.{a}" for a in ACTION_IDS] + [f"action.{a}.what" for a in ACTION_IDS]
    wanted += [f"role.{r}" for r in ROLES]
    wanted += [f"bidwarn.{w.value}" for w in BidWarning]
    wanted += [f"status.{s}" for s in get_args(Status)]
    wanted += [f"fail.{r}" for r in FAIL_REASONS]
    wanted += [f"res.{r}.{n}" for r in RESOURCE_IDS[:4] for n in ("one", "many", "short")]
    wanted += [f"preview.note.{n}" for n in ("spec_frozen", "quiet_period", "early_exec", "late_exec", "junior_host", "compliance")]
    wanted += ["err.pool_seat", "err.pool_seat_before", "err.short", "err.short_max", "err.short_none", "err.engine"]
    assert Refusal.POOL_SEAT and Refusal.NOT_ENOUGH  # the refusals worded by name (the rest quote the engine)
    assert [k for k in wanted if k not in STRINGS] == []


def test_a_missing_key_shows_as_itself_and_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="game.strings"):
        assert t("no.such.string.here", "zh", n=3) == "no.such.string.here"
        assert t("no.such.string.here", "en") == "no.such.string.here"  # logged once
    assert [r.getMessage() for r in caplog.records] == [
        "no string 'no.such.string.here' in game/strings.py; showing the key"
    ]


def test_a_placeholder_left_unfilled_shows_the_template(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="game.strings"):
        text = t("end.ok", "en", wrong=1)  # 'Turn {turn} entered.' without its turn
    assert text == STRINGS["end.ok"][0]
    assert "end.ok" in caplog.text
