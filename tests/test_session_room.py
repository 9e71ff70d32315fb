"""The rules of a served session, below the web: the room (PIN, trainer's key, members and their
tokens, kept beside the session file) and the teams' shared plans (attributed edits, hand-in and
taking back, what a crash keeps)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.game import Allocation, DecisionError
from game.session.log import SessionError
from game.session.plans import Plans
from game.session.room import MAX_MEMBERS, Room, room_path
from tests.session_helpers import VISIT, FakeClock, make, reopen

TECH = Allocation("technical_exchange", "centre_director", 1)


def test_the_room_comes_back_with_its_pin_key_and_members(tmp_path: Path) -> None:
    s = make(tmp_path / "r.session.jsonl")
    room = Room.open(s.config, s.path)
    assert len(room.pin) == 6 and room.pin.isdigit() and len(room.key) >= 16 and room.key != room.pin
    ada, token = room.join(room.pin, "red", "  Ada  ")  # team names match as the session's do
    assert (ada.team, ada.name) == ("Red", "Ada")
    room.set_port(8800)
    assert s.path is not None and token not in room_path(s.path).read_text()  # only a hash of the token is kept
    again = Room.open(s.config, s.path)
    assert (again.pin, again.key, again.port) == (room.pin, room.key, 8800)
    assert again.member(token) == ada
    with pytest.raises(SessionError) as e:
        again.member("x" * 30)
    assert e.value.code == "wrong_token"


@pytest.mark.parametrize(
    ("pin", "team", "name", "code"),
    [("wrong", "Red", "Ada", "wrong_pin"), (None, "Purple", "Ada", "unknown_team"),
     (None, "Red", "", "bad_display_name"), (None, "Red", "x" * 30, "bad_display_name"),
     (None, "Red", "A\x07", "bad_display_name")],
)
def test_joining_is_refused_with_its_reason(tmp_path: Path, pin: str | None, team: str, name: str, code: str) -> None:
    s = make(tmp_path / "j.session.jsonl")
    room = Room.open(s.config, s.path)
    with pytest.raises(SessionError) as e:
        room.join(pin or room.pin, team, name)
    assert e.value.code == code


def test_a_team_has_at_most_so_many_members(tmp_path: Path) -> None:
    s = make(tmp_path / "f.session.jsonl")
    room = Room.open(s.config, s.path)
    for k in range(MAX_MEMBERS):
        room.join(room.pin, "Red", f"M{k}")
    with pytest.raises(SessionError) as e:
        room.join(room.pin, "Red", "One more")
    assert e.value.code == "team_full"
    room.join(room.pin, "Blue", "Fine")  # another team is not full


def test_who_is_connected(tmp_path: Path) -> None:
    s = make(tmp_path / "o.session.jsonl")
    room = Room.open(s.config, s.path)
    ada, _ = room.join(room.pin, "Red", "Ada")
    room.join(room.pin, "Red", "Bo")
    room.connected(ada.id, +1)
    room.connected(ada.id, +1)
    room.connected(ada.id, -1)
    assert room.online() == {"Red": ["Ada"], "Blue": []}
    room.connected(ada.id, -1)
    assert room.online() == {"Red": [], "Blue": []}


def test_a_plan_is_shared_and_every_edit_says_who(tmp_path: Path) -> None:
    s = make(tmp_path / "p.session.jsonl")
    room = Room.open(s.config, s.path)
    ada, _ = room.join(room.pin, "Red", "Ada")
    bo, _ = room.join(room.pin, "Red", "Bo")
    plans = Plans(s)
    with pytest.raises(SessionError) as e:
        plans.add("Red", ada, "a", VISIT)
    assert e.value.code == "not_open"
    s.open_round()
    plans.add("Red", ada, "a", VISIT)
    plans.add("Red", bo, "b", TECH)
    plans.set_amount("Red", bo, "a", 3)
    st = plans.state("Red")
    assert [(i.id, i.amount, i.by) for i in st.items] == [("a", 3, "Ada"), ("b", 1, "Bo")]
    assert [(e.op, e.by, e.before) for e in st.edits] == [("add", "Ada", None), ("add", "Bo", None), ("amount", "Bo", 2)]
    with pytest.raises(DecisionError) as d:
        plans.set_amount("Red", ada, "a", 60)  # more days than the team has
    assert d.value.code == "not_enough"
    with pytest.raises(SessionError) as e:
        plans.submit("Red", ada, version="stale")
    assert e.value.code == "plan_changed"
    plans.submit("Red", ada, version=st.version)
    st = plans.state("Red")
    assert st.submitted and st.submitted_by == "Ada"
    with pytest.raises(SessionError) as e:
        plans.remove("Red", bo, "a")
    assert e.value.code == "submitted"
    plans.withdraw("Red", bo)
    assert not plans.state("Red").submitted and "Red" in s.missing()
    plans.remove("Red", bo, "b")
    assert [i.id for i in plans.state("Red").items] == ["a"]
    # the session log says who handed it in and who took it back
    audit = [(a.type, a.detail.get("by")) for a in s.audit() if a.type in ("submit", "withdraw")]
    assert audit == [("submit", "Ada"), ("withdraw", "Bo")]


def test_a_crash_keeps_the_plan_with_who_did_what(tmp_path: Path) -> None:
    clock = FakeClock()
    s = make(tmp_path / "c.session.jsonl", clock=clock, at_zero="pass")
    room = Room.open(s.config, s.path)
    ada, _ = room.join(room.pin, "Red", "Ada")
    s.open_round()
    Plans(s).add("Red", ada, "a", VISIT, cid="req-1")
    Plans(s).add("Blue", None, "z", TECH)
    s.close()  # the program stops (nothing more written)
    s2 = reopen(tmp_path / "c.session.jsonl", clock)
    plans = Plans(s2)
    assert [(i.id, i.by) for i in plans.state("Red").items] == [("a", "Ada")]
    assert plans.applied("Red", "req-1") and not plans.applied("Red", "req-2")
    # at zero, with 'teams pass', a served team's plan goes in as it stands (like a hot-seat draft)
    s2.resume_clock()
    clock.advance(601)
    s2.tick()
    assert s2.decisions("Red")[1] == [VISIT] and s2.decisions("Blue")[1] == [TECH]


def test_a_hot_seat_entry_over_a_served_plan(tmp_path: Path) -> None:
    """The trainer types a team's entry at the laptop (hot-seat): the plan shows it, by nobody."""
    s = make(tmp_path / "h.session.jsonl")
    room = Room.open(s.config, s.path)
    ada, _ = room.join(room.pin, "Red", "Ada")
    s.open_round()
    plans = Plans(s)
    plans.add("Red", ada, "a", VISIT)
    s.save_draft("Red", [VISIT, TECH])  # the hot-seat entry's scratch file, without the plan's notes
    assert [(i.action, i.by) for i in plans.state("Red").items] == [("visit", None), ("technical_exchange", None)]
    s.submit("Red", [TECH], source="hot-seat")
    st = plans.state("Red")
    assert st.submitted and st.source == "hot-seat" and [i.action for i in st.items] == ["technical_exchange"]


def test_roles_shape_the_plan_and_a_plan_at_zero_keeps_them(tmp_path: Path) -> None:
    """Team selling below the web: the room keeps each member's roles (and the file keeps them); a
    joint action proposed by one role reserves its days until the other confirms it; a plan handed
    in at zero says who added what and which proposals were still waiting."""
    from game.session.plans import Proposal
    from game.session.roles import Role, RoleError

    clock = FakeClock()
    s = make(tmp_path / "roles.session.jsonl", clock=clock, at_zero="pass", round_seconds=60)
    room = Room.open(s.config, s.path)
    ada, _ = room.join(room.pin, "Red", "Ada", ["am"])
    bo, _ = room.join(room.pin, "Red", "Bo", ["presales"])
    room.join(room.pin, "Red", "Cy", ["pm"])
    assert Room.open(s.config, s.path).get(bo.id) == bo and bo.roles == (Role.PRESALES,)
    with pytest.raises(RoleError) as r:
        room.join(room.pin, "Red", "Eve", ["observer", "am"])
    assert r.value.code == "bad_roles"
    plans = Plans(s, room)
    s.open_round()
    with pytest.raises(RoleError) as r:
        plans.add("Red", bo, "v", VISIT)
    assert (r.value.code, r.value.params["holders"]) == ("not_your_role", ["Ada"])
    plans.add("Red", ada, "v", VISIT)
    workshop = Allocation("solution_workshop", "equipment_director", 1)
    prop = plans.add("Red", bo, "w", workshop)
    assert isinstance(prop, Proposal) and prop.needs == ("pm",)
    with pytest.raises(DecisionError) as d:  # the proposal holds the PM's only day
        plans.add("Red", bo, "w2", Allocation("solution_workshop", "centre_director", 1))
    assert d.value.code == "not_enough"
    plans.add("Red", None, "t", TECH)  # the trainer's laptop: no role checks
    with pytest.raises(RoleError) as r:
        plans.submit("Red", bo)
    assert r.value.code == "not_account_manager"
    clock.advance(61)
    s.tick()  # zero: the plan goes in as it stands, the proposal unconfirmed
    entry = s.entries_of("Red")[1]
    assert entry is not None and [a.action for a in entry.actions] == ["visit", "technical_exchange"]
    assert [(i.by, i.roles) for i in entry.items] == [("Ada", ("am",)), (None, ("presales",))]
    assert [(u.action, u.by, u.needs) for u in entry.unconfirmed] == [("solution_workshop", "Bo", ("pm",))]
