"""game.engine.preview: the likely effect the window shows before an allocation is added."""

from __future__ import annotations

import math

import pytest

from game.engine.game import Allocation, Game
from game.engine.preview import preview, saturation_share
from game.scenario import Scenario


def test_saturation_share_is_the_engines_g() -> None:
    assert saturation_share(0, 2.0) == 0.0
    assert saturation_share(2, 2.0) == pytest.approx(1 - math.exp(-1))  # "2 days buy 63%"
    assert saturation_share(10, 2.0) > saturation_share(4, 2.0) > saturation_share(2, 2.0)


def test_planned_units_count_toward_saturation(tutorial: Scenario) -> None:
    g = Game(tutorial, 3, ("player",))
    first = preview(g, "player", Allocation("visit", "it_head", 2))
    assert first.total == 2 and first.added_share == pytest.approx(first.share)
    g.add("player", Allocation("visit", "it_head", 2))
    more = preview(g, "player", Allocation("visit", "it_head", 2))
    assert more.total == 4
    assert more.added_share == pytest.approx(saturation_share(4, 2.0) - saturation_share(2, 2.0))
    assert more.added_share < first.added_share  # diminishing returns


def test_ranges_are_ordered_and_channels_match_the_action(tutorial: Scenario) -> None:
    g = Game(tutorial, 3, ("player",))
    workshop = preview(g, "player", Allocation("solution_workshop", "it_head", 1))
    for lo, hi in (workshop.relationship, workshop.knowledge, workshop.quality, workshop.spec_pull, workshop.exposure):
        assert lo <= hi
    assert workshop.spec_pull[1] > 0 and workshop.quality[1] > 0
    intel = preview(g, "player", Allocation("intel", "it_head", 1))
    assert intel.quality == (0.0, 0.0) and intel.spec_pull == (0.0, 0.0)
    assert intel.knowledge[0] > workshop.knowledge[0]
    hosp = preview(g, "player", Allocation("hospitality", "buyer", 1))
    assert "compliance" in hosp.notes and hosp.relationship[0] <= 0.0


def test_executive_meeting_with_a_stranger_may_be_refused(tutorial: Scenario) -> None:
    """With no relationship the reading straddles the floor: refusal is possible, up to certain."""
    g = Game(tutorial, 3, ("player",))
    p = preview(g, "player", Allocation("executive_meeting", "president", 1))
    assert p.refusal == "possible" and p.fail_chance[1] == 1.0
    assert "early_exec" in p.notes


def test_published_tender_notes(tutorial: Scenario) -> None:
    g = Game(tutorial, 3, ("player",))
    while not g.published:
        g.end_turn()
    p = preview(g, "player", Allocation("solution_workshop", "head_nurse", 1))
    assert {"spec_frozen", "quiet_period"} <= set(p.notes)
    assert p.spec_pull == (0.0, 0.0)


def test_fail_chance_range_contains_the_engines(tutorial: Scenario) -> None:
    """The engine's chance that the meeting falls through lies inside the previewed range."""
    for seed in range(20):
        g = Game(tutorial, seed, ("player",))
        al = Allocation("visit", "head_nurse", 2)
        lo, hi = preview(g, "player", al).fail_chance
        g.add("player", al)
        record = g.end_turn()
        out = next(o for o in record.outcomes if o.vendor == "player")
        assert lo - 1e-9 <= out.fail_chance <= hi + 1e-9


def test_relationship_change_mostly_inside_the_range(tutorial: Scenario) -> None:
    """Over 200 seeds, the relationship gained by a visit that happened falls in the previewed
    range at least 70% of the time (the range is the 10th-90th percentile of the noise, widened
    by the relationship reading; the margin allows for the hidden receptiveness)."""
    inside = total = 0
    for seed in range(200):
        g = Game(tutorial, seed, ("player",))
        al = Allocation("visit", "it_head", 2)
        lo, hi = preview(g, "player", al).relationship
        g.add("player", al)
        out = next(o for o in g.end_turn().outcomes if o.vendor == "player")
        if out.status == "done":
            total += 1
            inside += lo - 1e-9 <= out.d_relationship <= hi + 1e-9
    assert total > 100
    assert inside / total >= 0.7


def test_preview_imports_without_pygame() -> None:
    """The preview is engine code: it runs with pygame blocked."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.startswith('pygame'):\n"
        "            raise ImportError('blocked')\n"
        "sys.meta_path.insert(0, Block())\n"
        "from game.scenario import load_scenario\n"
        "from game.engine.game import Allocation, Game\n"
        "from game.engine.preview import preview\n"
        "g = Game(load_scenario('scenarios/tutorial.yaml'), 1, ('player',))\n"
        "print(preview(g, 'player', Allocation('visit', 'it_head', 2)).share > 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "True"
