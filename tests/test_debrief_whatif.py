"""What-if replays: no change reproduces the game exactly; changes touch only one team; the search."""

from __future__ import annotations

import pytest

from game.analysis.debrief.replay import checkpoints
from game.analysis.debrief.screen import screen
from game.analysis.debrief.whatif import (
    AddAllocation,
    ChangeBid,
    MoveDays,
    NoChange,
    RemoveAllocation,
    ReplaceAllocations,
    WhatIfError,
    best_single_change,
    candidates,
    modified_log,
    what_if,
)
from game.engine.game import Allocation
from game.engine.teams import TeamGame
from game.present.debrief.text import Names, search_lines, whatif_lines
from tests.debrief_helpers import head_to_head, play, policy, scripted


@pytest.fixture(scope="module")
def game() -> TeamGame:
    return play(policy("balanced"), seed=5, vendor="national_brand", markup=0.1)


@pytest.fixture(scope="module")
def pair() -> list[TeamGame]:
    return head_to_head()


def test_no_change_reproduces_the_game_exactly(game: TeamGame) -> None:
    w = what_if(game, NoChange())
    assert w.game.records == game.game.records
    assert w.game.result == game.game.result
    assert w.game.log == game.game.log
    assert w.diffs == () and w.first_divergence is None and w.gain == 0.0


def test_no_change_in_a_head_to_head_game(pair: list[TeamGame]) -> None:
    for tg in pair:
        w = what_if(tg, NoChange())
        assert w.game.records == tg.game.records and w.game.result == tg.game.result


def test_a_change_touches_only_the_chosen_team(pair: list[TeamGame]) -> None:
    red, blue = pair
    first = red.game.log[0]["actions"]["incumbent"][0]
    target = "finance_official" if first["stakeholder"] != "finance_official" else "ndrc_official"
    change = MoveDays(1, first["action"], first["stakeholder"], target, 1)
    log = modified_log(red.game.log, "incumbent", change)
    for old, new in zip(red.game.log, log, strict=True):
        if "turn" in old:
            assert old["actions"]["national_brand"] == new["actions"]["national_brand"]
    w = what_if(red, change)
    assert w.first_divergence == 1
    for a, b in zip(red.game.records, w.game.records, strict=True):
        mine = [(o.action, o.stakeholder, o.amount) for o in a.outcomes if o.vendor == "national_brand"]
        theirs = [(o.action, o.stakeholder, o.amount) for o in b.outcomes if o.vendor == "national_brand"]
        assert mine == theirs, "the other team's moves are replayed as they were"
    assert any(d.stakeholder == target for d in w.diffs)


def test_common_random_numbers(game: TeamGame) -> None:
    # A different bid changes nothing before the award: every turn is replayed identically.
    w = what_if(game, ChangeBid(game.game.bids["national_brand"] * 0.97))  # type: ignore[operator]  # the team bid
    assert w.game.records == game.game.records
    assert w.first_divergence is None
    assert w.after is not None and w.after.bid != w.before.bid  # type: ignore[union-attr]  # finished: before is set
    # A change at turn 9 leaves turns 1-8 exactly as they were.
    acts = game.game.log[8]["actions"]["national_brand"]
    w9 = what_if(game, RemoveAllocation(9, Allocation(**acts[0])))
    assert w9.game.records[:8] == game.game.records[:8]
    assert w9.first_divergence == 9


def test_allocation_changes_edit_the_turn(game: TeamGame) -> None:
    g = game.game
    add = AddAllocation(2, Allocation("visit", "finance_official", 1))
    with pytest.raises(WhatIfError):
        what_if(game, add)  # every sales day of turn 2 is already spent
    logged = [Allocation(**a) for a in g.log[1]["actions"]["national_brand"]]
    fewer = RemoveAllocation(2, logged[0])
    w = what_if(game, fewer)
    new = w.game.log[1]["actions"]["national_brand"]
    assert sum(a["amount"] for a in new) == sum(a.amount for a in logged) - logged[0].amount
    w2 = what_if(game, ReplaceAllocations(3, ()))
    assert w2.game.log[2]["actions"]["national_brand"] == []
    with pytest.raises(WhatIfError, match="only"):
        what_if(game, RemoveAllocation(2, Allocation("hospitality", "finance_official", 5)))
    with pytest.raises(WhatIfError, match="not played"):
        what_if(game, ReplaceAllocations(40, ()))


def test_an_ai_vendor_cannot_be_changed(game: TeamGame) -> None:
    with pytest.raises(WhatIfError, match="AI"):
        what_if(TeamGame("AI", "incumbent", game.game), NoChange())


def test_candidates_never_move_days_to_a_pool_seat(game: TeamGame) -> None:
    # Nobody may meet the rural panel's outside experts: a change that does would not replay.
    pool = {s.id for s in game.game.scenario.stakeholders if s.pool}
    cands = candidates(game)
    targets = {c.target for c in cands if isinstance(c, MoveDays)}
    targets |= {c.allocation.stakeholder for c in cands if isinstance(c, AddAllocation)}
    assert pool and targets and not pool & targets


def test_screening_batch_equals_replays(game: TeamGame) -> None:
    g = game.game
    cps = checkpoints(g)
    cands = [c for c in candidates(game, cps=cps) if isinstance(c, MoveDays) and c.turn == 4][:6]
    assert cands
    cp = cps[3]
    old = [Allocation(**a) for a in g.log[cp.index]["actions"]["national_brand"]]
    from game.analysis.debrief.whatif import new_allocations

    firsts = [new_allocations(old, ch) for ch in cands]
    got = screen(g, cp.game, g.log[cp.index :], "national_brand", firsts, None, 2000)
    for ch, s in zip(cands, got, strict=True):
        full = what_if(game, ch)
        assert s is not None and full.after is not None
        assert s.p_win == pytest.approx(full.after.win_probability, abs=1e-12)
        assert s.expected == pytest.approx(full.after.expected_result, rel=1e-12, abs=1e-6)


def test_best_single_change_finds_a_real_gain(game: TeamGame) -> None:
    seen: list[tuple[int, int]] = []
    s = best_single_change(game, progress=lambda d, t: seen.append((d, t)))
    assert s.tried > 50 and s.ranked
    assert s.best is not None and s.best.gain > 0
    assert s.best.gain == pytest.approx(what_if(game, s.best.change).gain)
    assert s.ranked[0].gain >= s.ranked[-1].gain
    assert seen[-1][0] == seen[-1][1] and [d for d, _ in seen] == sorted(d for d, _ in seen)
    for lang in ("en", "zh"):
        n = Names.of(game.game, lang)
        lines = search_lines(s, n, game.game, "national_brand")
        assert len(lines) == 2 and "{" not in "".join(lines)
        assert whatif_lines(s.best, n, game.game, "national_brand")


def test_a_lost_cause_has_no_best_change() -> None:
    # Never meets either veto holder: no single change lifts the expected result.
    plan = scripted(
        {t: [("visit", "exec_vice_governor", 2), ("visit", "edu_dept_head", 2), ("technical_exchange", "ndrc_official", 2)] for t in range(1, 11)}
    )
    tg = play(plan, seed=2, vendor="incumbent", markup=0.2)
    s = best_single_change(tg)
    assert s.best is None and all(c.gain <= 0 for c in s.ranked[:5])
    assert search_lines(s, Names.of(tg.game, "en"), tg.game, "incumbent")[1].startswith("None")
