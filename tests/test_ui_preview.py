"""game.engine.preview: the likely effect the window shows before an allocation is added."""

from __future__ import annotations

import math

import pytest

from game.ai.players import POLICIES
from game.engine.game import Allocation, Game
from game.engine.preview import preview, saturation_share, ways_in
from game.scenario import Scenario


def test_saturation_share_is_the_engines_g() -> None:
    assert saturation_share(0, 2.0) == 0.0
    assert saturation_share(2, 2.0) == pytest.approx(1 - math.exp(-1))  # "2 days buy 63%"
    assert saturation_share(10, 2.0) > saturation_share(4, 2.0) > saturation_share(2, 2.0)


def test_planned_units_count_toward_saturation(tutorial: Scenario) -> None:
    g = Game(tutorial, 3, ("player",), players=POLICIES)
    first = preview(g, "player", Allocation("visit", "it_head", 2))
    assert first.total == 2 and first.added_share == pytest.approx(first.share)
    g.add("player", Allocation("visit", "it_head", 2))
    more = preview(g, "player", Allocation("visit", "it_head", 2))
    assert more.total == 4
    assert more.added_share == pytest.approx(saturation_share(4, 2.0) - saturation_share(2, 2.0))
    assert more.added_share < first.added_share  # diminishing returns


def test_ranges_are_ordered_and_channels_match_the_action(tutorial: Scenario) -> None:
    g = Game(tutorial, 3, ("player",), players=POLICIES)
    workshop = preview(g, "player", Allocation("solution_workshop", "it_head", 1))
    for lo, hi in (
        workshop.stance, workshop.relationship, workshop.fit, workshop.knowledge, workshop.quality, workshop.spec_pull
    ):
        assert lo <= hi
    assert workshop.stance[1] > 0 and workshop.relationship[1] > 0
    assert workshop.spec_pull[1] > 0 and workshop.quality[1] > 0
    intel = preview(g, "player", Allocation("intel", "it_head", 1))
    assert intel.quality == (0.0, 0.0) and intel.spec_pull == (0.0, 0.0)
    assert intel.knowledge[0] > workshop.knowledge[0]
    hosp = preview(g, "player", Allocation("hospitality", "buyer", 1))
    assert "compliance" in hosp.notes and hosp.relationship[0] <= 0.0


def test_executive_meeting_with_a_stranger_may_be_refused(tutorial: Scenario) -> None:
    """With no relationship the reading straddles the floor: refusal is possible, up to certain."""
    g = Game(tutorial, 3, ("player",), players=POLICIES)
    p = preview(g, "player", Allocation("executive_meeting", "president", 1))
    assert p.refusal == "possible" and p.fail_chance[1] == 1.0
    assert "early_exec" in p.notes


def test_published_tender_notes(tutorial: Scenario) -> None:
    g = Game(tutorial, 3, ("player",), players=POLICIES)
    while not g.published:
        g.end_turn()
    p = preview(g, "player", Allocation("solution_workshop", "head_nurse", 1))
    assert {"spec_frozen", "quiet_period"} <= set(p.notes)
    assert p.spec_pull == (0.0, 0.0)


def test_fail_chance_range_contains_the_engines(tutorial: Scenario) -> None:
    """The engine's chance that the meeting falls through lies inside the previewed range."""
    for seed in range(20):
        g = Game(tutorial, seed, ("player",), players=POLICIES)
        al = Allocation("visit", "head_nurse", 2)
        lo, hi = preview(g, "player", al).fail_chance
        g.add("player", al)
        record = g.end_turn()
        out = next(o for o in record.outcomes if o.vendor == "player")
        assert lo - 1e-9 <= out.fail_chance <= hi + 1e-9


@pytest.mark.parametrize(
    ("action", "person", "amount"),
    [("visit", "it_head", 2), ("technical_exchange", "head_nurse", 1), ("solution_workshop", "it_head", 1), ("intel", "buyer", 1)],
)
def test_realised_changes_mostly_inside_the_ranges(tutorial: Scenario, action: str, person: str, amount: int) -> None:
    """The preview and the turn's record speak of the same quantities: over 200 seeds, the
    realised stance, relationship and fit changes of an action that happened fall inside the
    previewed likely ranges (5th-95th percentiles) at least 80% of the time (measured: 87-100%;
    the margin allows for rivals' moves the team cannot foresee)."""
    fields = {"stance": "d_stance", "relationship": "d_relationship", "fit": "d_fit"}
    inside = dict.fromkeys(fields, 0)
    total = 0
    for seed in range(200):
        g = Game(tutorial, seed, ("player",), players=POLICIES)
        al = Allocation(action, person, amount)
        pv = preview(g, "player", al)
        g.add("player", al)
        out = next(o for o in g.end_turn().outcomes if o.vendor == "player")
        if out.status != "done":
            continue
        total += 1
        for name, field in fields.items():
            lo, hi = getattr(pv, name)
            inside[name] += lo - 1e-9 <= getattr(out, field) <= hi + 1e-9
    assert total > 100
    for name, n in inside.items():
        assert n / total >= 0.8, (name, n / total)


def test_an_introduction_lowers_the_failure_chance_and_is_named(rural: Scenario) -> None:
    """Warm up the education department head until he introduces the team to the executive
    vice-governor: the preview names him, its failure range shrinks by the introduction factor,
    executive meetings are no longer refused, and the engine's chance lies inside the range."""
    g = Game(rural, 4, ("incumbent",), players=POLICIES)
    cold = preview(g, "incumbent", Allocation("visit", "exec_vice_governor", 1))
    assert cold.introduced_by is None
    work = [
        Allocation("visit", "edu_dept_head", 3),
        Allocation("technical_exchange", "edu_dept_head", 1),
        Allocation("site_visit", "edu_dept_head", 1),
    ]
    while next(p for p in g.view("incumbent") if p.id == "exec_vice_governor").introduced_by is None:
        assert g.turn < 8, "six turns of work on a contact open the door"
        g.set_actions("incumbent", work)
        g.end_turn()
    warm = preview(g, "incumbent", Allocation("visit", "exec_vice_governor", 1))
    assert warm.introduced_by == "edu_dept_head"
    factor = rural.model.intro_fail_factor
    assert warm.fail_chance[1] <= cold.fail_chance[1] * factor + 0.02  # the seniority part is unchanged
    meeting = preview(g, "incumbent", Allocation("executive_meeting", "exec_vice_governor", 1))
    assert meeting.refusal == "none" and meeting.introduced_by == "edu_dept_head"
    g.add("incumbent", Allocation("visit", "exec_vice_governor", 1))
    out = next(o for o in g.end_turn().outcomes if o.vendor == "incumbent" and o.stakeholder == "exec_vice_governor")
    assert warm.fail_chance[0] - 1e-9 <= out.fail_chance <= warm.fail_chance[1] + 1e-9


def test_ways_in_to_a_senior_person_with_a_closed_door(rural: Scenario) -> None:
    g = Game(rural, 4, ("incumbent",), players=POLICIES)
    views = {p.id: p for p in g.view("incumbent")}
    top = views["exec_vice_governor"]
    assert top.seniority == 3 and top.introduced_by is None
    assert ways_in(g, top) == top.listens_to and "edu_dept_head" in top.listens_to
    assert ways_in(g, views["equipment_director"]) == ()  # seniority 2: no closed door to open
    assert ways_in(g, views["expert_liu"]) == ()  # a pool seat: nobody may meet them at all


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
        "from game.ai.players import POLICIES\n"
        "g = Game(load_scenario('scenarios/tutorial.yaml'), 1, ('player',), players=POLICIES)\n"
        "print(preview(g, 'player', Allocation('visit', 'it_head', 2)).share > 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "True"
