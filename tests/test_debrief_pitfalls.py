"""Each pitfall fires on a scripted game that commits it and stays silent on best practice."""

from __future__ import annotations

import pytest

from game.analysis.debrief.pitfalls import KINDS, pitfalls
from game.engine.teams import TeamGame
from game.present.debrief.text import Names, finding_lines, pitfall_lines
from tests.debrief_helpers import Plan, play, policy, scenario, scripted

PEOPLE = [s.id for s in scenario().stakeholders if not s.pool]  # the nine a team can meet
N = len(PEOPLE)
LEADERS = ("exec_vice_governor", "edu_dept_head", "edu_vice_governor")


def _piecemeal() -> Plan:
    # Two single visits a turn, rotating through everyone: nobody gets more than two or three days.
    return scripted({t: [("visit", PEOPLE[(2 * t - 2) % N], 1), ("visit", PEOPLE[(2 * t - 1) % N], 1)] for t in range(1, 11)})


def _spread() -> Plan:
    # Half the committee one turn, the other half the next; exchanges rotate: all get ~7 days.
    return scripted(
        {
            t: [("visit", PEOPLE[i], 1) for i in (range(0, N // 2) if t % 2 else range(N // 2, N))]
            + [("technical_exchange", PEOPLE[(3 * t + j) % N], 1) for j in range(3)]
            for t in range(1, 11)
        }
    )


def _uncovered() -> Plan:
    # Leaders and two minor officials only: the equipment and centre directors (both vetoes) never met.
    return scripted(
        {
            t: [(("visit", p, 2)) for p in LEADERS]
            + [("technical_exchange", "ndrc_official", 2), ("solution_workshop", "finance_official", 1)]
            for t in range(1, 11)
        }
    )


def _late() -> Plan:
    # Visits only until publication (turn 6); workshops and exchanges after it.
    before = [("visit", p, 1) for p in ("equipment_director", "centre_director", *LEADERS, "finance_official")]
    after = [
        ("solution_workshop", "equipment_director", 1),
        ("technical_exchange", "centre_director", 2),
        ("visit", "equipment_director", 2),
        ("visit", "exec_vice_governor", 2),
    ]
    return scripted({t: before if t < 6 else after for t in range(1, 11)})


def _decay() -> Plan:
    # Three busy turns with the department head and the equipment director, then never again.
    early = [
        ("visit", "edu_dept_head", 3),
        ("visit", "equipment_director", 3),
        ("technical_exchange", "equipment_director", 2),
        ("solution_workshop", "centre_director", 1),
    ]
    later = [("visit", "exec_vice_governor", 3), ("visit", "centre_director", 3), ("technical_exchange", "ndrc_official", 2)]
    return scripted({t: early if t <= 3 else later for t in range(1, 11)})


def _hospitality() -> Plan:
    # Dinners for the finance department's director (procurement, compliance 0.8), six turns running.
    return scripted(
        {
            t: [("hospitality", "finance_official", 1), ("visit", "equipment_director", 2), ("technical_exchange", "centre_director", 2)]
            for t in range(1, 7)
        }
    )


COMMITTED: dict[str, TeamGame] = {}


def committed(kind: str) -> TeamGame:
    if kind not in COMMITTED:
        plans = {
            "piecemeal": lambda: play(_piecemeal()),
            "spread_even": lambda: play(_spread()),
            "uncovered": lambda: play(_uncovered()),
            "late": lambda: play(_late()),
            "decay": lambda: play(_decay()),
            "below_cost": lambda: play(policy("best_practice"), price=20_000_000),
            "backfired": lambda: play(_hospitality(), seed=2),  # a seed whose dinners happen and backfire
        }
        COMMITTED[kind] = plans[kind]()
    return COMMITTED[kind]


@pytest.mark.parametrize("kind", KINDS)
def test_pitfall_fires_on_a_game_that_commits_it(kind: str) -> None:
    tg = committed(kind)
    found = {f.kind: f for f in pitfalls(tg)}
    assert kind in found, f"{kind} not detected; found {sorted(found)}"
    f = found[kind]
    if kind != "below_cost":
        assert f.people or f.evidence, "a finding shows the people or actions behind it"
    for lang in ("en", "zh"):
        lines = finding_lines(f, Names.of(tg.game, lang), tg.game)
        assert len(lines) == 3 and all(lines) and "{" not in "".join(lines)


def test_evidence_points_at_the_turns_and_actions() -> None:
    f = next(x for x in pitfalls(committed("late")) if x.kind == "late")
    assert f.measure["pub_turn"] == 6 and f.measure["first"] == 6
    assert all(e.turn >= 6 for e in f.evidence)
    d = next(x for x in pitfalls(committed("decay")) if x.kind == "decay")
    assert "edu_dept_head" in d.people or "equipment_director" in d.people
    assert all(t > 3 for t in d.turns)
    u = next(x for x in pitfalls(committed("uncovered")) if x.kind == "uncovered")
    assert {"equipment_director", "centre_director"} <= set(u.people)
    pool = {s.id for s in scenario().stakeholders if s.pool}
    assert pool and not pool & set(u.people), "nobody can meet a pool seat: not neglect"
    h = next(x for x in pitfalls(committed("backfired")) if x.kind == "backfired")
    assert h.people == ("finance_official",) and h.measure["risk"] >= 0.2
    assert all(e.status == "backfired" for e in h.evidence)
    b = next(x for x in pitfalls(committed("below_cost")) if x.kind == "below_cost")
    assert b.measure["margin"] == pytest.approx(-1_000_000)


@pytest.mark.parametrize(
    ("name", "vendor", "seed"),
    [
        ("rural_schools", "incumbent", 1),
        ("rural_schools", "incumbent", 2),  # showed a pitfall under models 2-3; silent since 4
        ("rural_schools", "national_brand", 1),
        ("tutorial", "player", 1),
        ("tutorial", "player", 3),
    ],
)
def test_best_practice_is_silent(name: str, vendor: str, seed: int) -> None:
    tg = play(policy("best_practice"), seed=seed, name=name, vendor=vendor)
    found = pitfalls(tg)
    assert not found, [(f.kind, f.people) for f in found]
    assert pitfall_lines(found, Names.of(tg.game, "en"), tg.game) == ["No pitfalls found."]


def test_hospitality_with_a_low_risk_person_is_luck_not_a_pitfall() -> None:
    # The office secretary's compliance is 0.3: a backfire there is bad luck (chance 0.18).
    plan = scripted({t: [("hospitality", "office_secretary", 1)] for t in range(1, 8)})
    for seed in range(1, 12):
        tg = play(plan, seed=seed)
        if any(o.status == "backfired" for r in tg.game.records for o in r.outcomes if o.vendor == tg.vendor):
            assert "backfired" not in {f.kind for f in pitfalls(tg)}
            return
    pytest.skip("no backfire in these seeds")


def test_planned_meetings_that_fell_through_are_not_neglect() -> None:
    """The same cooling, but the team had planned a visit every turn and the meetings fell through."""
    import copy
    from dataclasses import replace

    tg = committed("decay")
    d = next(x for x in pitfalls(tg) if x.kind == "decay")
    assert d.measure["tried_only"] == 0.0
    neglect = finding_lines(d, Names.of(tg.game, "en"), tg.game)
    assert neglect[0].startswith("Relationships left to cool")
    sample = next(o for r in tg.game.records for o in r.outcomes if o.vendor == tg.vendor)
    cooled = {(e.turn, e.stakeholder) for e in d.evidence if e.status == "decayed"}
    records = []
    for r in tg.game.records:
        planned = [
            replace(sample, stakeholder=sid, action="visit", status="no_meeting", reason="no_meeting")
            for (t, sid) in sorted(cooled) if t == r.turn
        ]
        records.append(replace(r, outcomes=(*r.outcomes, *planned)))
    g = copy.copy(tg.game)
    g.records = records
    tried = next(x for x in pitfalls(TeamGame(tg.team, tg.vendor, g)) if x.kind == "decay")
    assert tried.measure["tried_only"] == 1.0
    assert all(e.status in ("peak", "final", "fell_through") for e in tried.evidence)
    for lang in ("en", "zh"):
        lines = finding_lines(tried, Names.of(g, lang), g)
        assert lines[0] != finding_lines(d, Names.of(g, lang), g)[0] and "{" not in "".join(lines)
    en = finding_lines(tried, Names.of(g, "en"), g)
    assert en[0] == "Relationships cooled although meetings were planned" and "fell through" in en[1]
