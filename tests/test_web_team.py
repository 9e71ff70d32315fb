"""Team selling in a served session, at the protocol level (real WebSockets on loopback): each
member's roles decide what it may do in the team's plan, on the server; a joint action is
proposed by one role and confirmed or declined by the other; the account manager hands the plan
in once the others are ready; forecasts are stored each round; peer reviews reach the trainer
only; roles are in the log; another team sees none of it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from game.session.session import Session
from tests.session_helpers import make
from tests.web_helpers import Member, Served, cid, serve

WORKSHOP = {"action": "solution_workshop", "stakeholder": "equipment_director", "amount": 1}
VISIT = {"action": "visit", "stakeholder": "edu_vice_governor", "amount": 1}
TECH = {"action": "technical_exchange", "stakeholder": "centre_director", "amount": 1}
EXEC = {"action": "executive_meeting", "stakeholder": "edu_vice_governor", "amount": 1}
NOTE = "QX-PEER-NOTE-5512"


def join_as(base: str, pin: str, team: str, name: str, roles: list[str], lang: str = "en") -> Member:
    r = httpx.post(f"{base}/api/join", json={"pin": pin, "team": team, "name": name, "roles": roles}, timeout=20)
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["member"]["roles"] == roles
    return Member(base, team, name, data["token"], data["member"]["id"], lang).connect()


@dataclass
class Team:
    sv: Served
    ada: Member  # account manager
    bo: Member  # pre-sales
    cy: Member  # project manager
    di: Member  # executive
    zed: Member  # the other team's only member

    @property
    def red(self) -> list[Member]:
        return [self.ada, self.bo, self.cy, self.di]

    def snapshot(self) -> tuple[int, Any, Any]:
        def look(s: Session) -> tuple[int, Any, Any]:
            ps = self.sv.host.plans.state("Red")
            return s.version, [(i.id, i.amount) for i in ps.items], [p.id for p in ps.pending]

        return self.sv.trainer(look)  # type: ignore[no-any-return]


@pytest.fixture()
def team(tmp_path: Path) -> Iterator[Team]:
    session = make(tmp_path / "team.session.jsonl", teams=("Red", "Blue"), round_seconds=0)
    with serve(session) as sv:
        pin = sv.host.room.pin
        t = Team(
            sv,
            join_as(sv.base, pin, "Red", "Ada", ["am"]),
            join_as(sv.base, pin, "Red", "Bo", ["presales"]),
            join_as(sv.base, pin, "Red", "Cy", ["pm"]),
            join_as(sv.base, pin, "Red", "Di", ["executive"], lang="zh"),
            join_as(sv.base, pin, "Blue", "Zed", []),
        )
        sv.trainer(lambda s: s.open_round())
        for m in (*t.red, t.zed):
            m.state_where(lambda st: st["clock"]["phase"] == "open")
        yield t
        for m in (*t.red, t.zed):
            m.close()


def _add(m: Member, item: str, what: dict[str, Any]) -> dict[str, Any]:
    return m.request({"t": "add", "id": item, **what})


def test_a_role_cannot_spend_another_roles_days(team: Team) -> None:
    """Refused on the server, with whose part it is and who acts for it; nothing changed."""
    ada, bo, di = team.ada, team.bo, team.di
    assert _add(ada, "v1", VISIT)["t"] == "ack"
    for who, item, what, names in ((ada, "t1", TECH, ["pre-sales consultant", "Bo"]), (bo, "v2", VISIT, ["account manager", "Ada"]),
                                   (ada, "w1", WORKSHOP, ["pre-sales consultant or project manager", "Bo and Cy"])):
        before = team.snapshot()
        got = _add(who, item, what)
        assert got["t"] == "refused" and got["code"] == "not_your_role", got
        assert all(n in got["msg"] for n in names), got["msg"]
        assert team.snapshot() == before
    got = _add(di, "t2", TECH)  # in Chinese
    assert got["code"] == "not_your_role" and "售前顾问" in got["msg"] and "Bo" in got["msg"]
    # changing or removing another role's action: refused too
    before = team.snapshot()
    assert bo.request({"t": "amount", "id": "v1", "amount": 2})["code"] == "not_your_role"
    assert bo.request({"t": "remove", "id": "v1"})["code"] == "not_your_role"
    assert team.snapshot() == before
    # the preview says so before the member even tries
    bo.send({"t": "preview", **VISIT})
    pv = bo.until(lambda m: m["t"] == "preview")
    assert pv["refusal"] and "Ada" in pv["refusal"] and pv["lines"] == []
    # each role adds its own: the plan keeps who and as which role
    assert _add(bo, "t1", TECH)["t"] == "ack" and _add(di, "x1", EXEC)["t"] == "ack"
    assert ada.request({"t": "amount", "id": "v1", "amount": 2})["t"] == "ack"
    items = ada.state_where(lambda st: len(st["plan"]["items"]) == 3 and st["plan"]["items"][0]["amount"] == 2)["plan"]["items"]
    assert [(i["id"], i["by"], i["roles"]) for i in items] == [("v1", "Ada", ["am"]), ("t1", "Bo", ["presales"]), ("x1", "Di", ["executive"])]
    st = ada.state
    assert st is not None
    left = {r["id"]: r for r in st["roles"]}
    assert set(left) == {"am", "presales", "pm", "executive"} and left["presales"]["who"] == ["Bo"]
    assert left["presales"]["chips"][0]["left"] == "2" and any(c["label"] == "money" for c in left["am"]["chips"])


def test_a_joint_action_is_proposed_then_confirmed_or_declined(team: Team) -> None:
    ada, bo, cy = team.ada, team.bo, team.cy
    bo.send({"t": "preview", **WORKSHOP})
    pv = bo.until(lambda m: m["t"] == "preview")
    assert pv["needs"] == ["pm"] and "Cy" in pv["propose"] and pv["lines"]
    got = _add(bo, "w1", WORKSHOP)
    assert got["t"] == "ack" and got["proposed"]
    st = cy.state_where(lambda s: len(s["plan"]["pending"]) == 1)
    prop = st["plan"]["pending"][0]
    assert (prop["id"], prop["by"], prop["needs"], prop["member"]) == ("w1", "Bo", ["pm"], bo.member_id)
    assert st["plan"]["items"] == []
    pm = next(r for r in st["roles"] if r["id"] == "pm")
    assert pm["chips"][0]["left"] == "0"  # the proposal holds the PM's only day
    assert _add(bo, "w2", {**WORKSHOP, "stakeholder": "centre_director"})["code"] == "not_enough"
    # nobody else answers for the PM: the AM cannot confirm it, nor take it back (not its proposal)
    before = team.snapshot()
    got = ada.request({"t": "confirm", "id": "w1"})
    assert got["code"] == "nothing_to_confirm" and "project manager" in got["msg"] and "Cy" in got["msg"]
    assert ada.request({"t": "remove", "id": "w1"})["code"] == "not_proposer"
    assert team.snapshot() == before
    # the PM confirms (a retry changes nothing twice)
    confirm = {"t": "confirm", "id": "w1", "cid": cid()}
    assert cy.request(confirm)["dup"] is False
    assert cy.request(confirm)["dup"] is True
    st = bo.state_where(lambda s: len(s["plan"]["items"]) == 1)
    item = st["plan"]["items"][0]
    assert (item["id"], item["by"], item["confirmed_by"], item["roles"]) == ("w1", "Bo", "Cy", ["presales", "pm"])
    assert st["plan"]["pending"] == []
    assert any("Cy confirmed" in e["text"] for e in st["plan"]["edits"])
    # declined, and taken back by its proposer
    assert cy.request({"t": "remove", "id": "w1"})["t"] == "ack"  # the PM acts for one of its roles
    assert _add(bo, "w3", WORKSHOP)["proposed"]
    assert cy.request({"t": "decline", "id": "w3"})["t"] == "ack"
    assert _add(bo, "w4", WORKSHOP)["proposed"]
    assert bo.request({"t": "remove", "id": "w4"})["t"] == "ack"
    st = bo.state_where(lambda s: s["plan"]["pending"] == [] and s["plan"]["items"] == [] and len(s["plan"]["edits"]) >= 6)
    ops = [e["text"] for e in st["plan"]["edits"]]
    assert any("Cy declined" in x for x in ops) and any("Bo took back the proposal" in x for x in ops)


def test_the_account_manager_hands_in_once_the_others_are_ready(team: Team) -> None:
    ada, bo, cy, di = team.red
    assert _add(ada, "v1", VISIT)["t"] == "ack"
    assert _add(bo, "t1", TECH)["t"] == "ack"
    assert _add(bo, "w1", WORKSHOP)["proposed"]  # left waiting: it goes in as unconfirmed
    before = team.snapshot()
    got = bo.request({"t": "submit"})
    assert got["code"] == "not_account_manager" and "Ada" in got["msg"]
    got = ada.request({"t": "submit"})
    assert got["code"] == "not_ready" and all(n in got["msg"] for n in ("Bo", "Cy", "Di"))
    assert team.snapshot() == before
    for m in (bo, cy, di):
        assert m.request({"t": "ready", "ready": True})["t"] == "ack"
    st = ada.state_where(lambda s: len(s["plan"]["ready"]) == 3)
    assert [p["name"] for p in st["plan"]["hand_in"]["waiting"]] == ["Ada"]  # the page leaves itself out
    assert st["plan"]["hand_in"]["am_names"] == ["Ada"] and st["plan"]["hand_in"]["pending"] == 1
    # a member's own edit clears its own mark only
    assert bo.request({"t": "amount", "id": "t1", "amount": 2})["t"] == "ack"
    st = ada.state_where(lambda s: len(s["plan"]["ready"]) == 2)
    assert bo.member_id not in st["plan"]["ready"]
    got = ada.request({"t": "submit", "version": st["plan"]["version"]})
    assert got["code"] == "not_ready" and "Bo" in got["msg"] and "Cy" not in got["msg"]
    assert bo.request({"t": "ready", "ready": True})["t"] == "ack"
    assert di.request({"t": "ready", "ready": False})["t"] == "ack"
    di.close()  # a member who is not connected is not waited for
    ada.state_where(lambda s: not next(m for m in s["team"]["members"] if m["name"] == "Di")["online"])
    sub = {"t": "submit", "cid": cid()}
    assert ada.request(sub)["dup"] is False
    assert ada.request(sub)["dup"] is True
    bo.state_where(lambda s: s["plan"]["submitted"] and s["plan"]["submitted_by"] == "Ada")
    entry = team.sv.trainer(lambda s: next(e for e in reversed(s.audit()) if e.type == "submit"))
    assert entry.detail.get("by") == "Ada"
    logged = team.sv.trainer(lambda s: s._entries["Red"])  # the entry as the log keeps it
    assert [(i.by, i.roles) for i in logged.items] == [("Ada", ("am",)), ("Bo", ("presales",))]
    assert [(u.action, u.by, u.needs) for u in logged.unconfirmed] == [("solution_workshop", "Bo", ("pm",))]
    # taking it back is the account manager's too
    assert bo.request({"t": "withdraw"})["code"] == "not_account_manager"
    assert ada.request({"t": "withdraw"})["t"] == "ack"
    di.connect()


def test_forecasts_are_stored_each_round_and_with_the_bid(team: Team) -> None:
    ada, bo, zed = team.ada, team.bo, team.zed
    once = {"t": "forecast", "win": 40, "price": "95%", "cid": cid()}
    n = team.sv.trainer(lambda s: s.version)
    assert ada.request(once)["dup"] is False
    assert ada.request(once)["dup"] is True  # a retry: answered again, logged once
    assert team.sv.trainer(lambda s: s.version) == n + 1
    assert bo.request({"t": "forecast", "win": 35})["t"] == "ack"  # the last one of the round counts
    st = ada.state_where(lambda s: s["forecast"]["now"] is not None and s["forecast"]["now"]["by"] == "Bo")
    assert st["forecast"]["now"]["win"] == "35%" and st["forecast"]["now"]["price"] == ""
    assert ada.request({"t": "forecast", "win": 120})["code"] == "malformed"
    assert ada.request({"t": "forecast", "win": 50, "price": "lots"})["code"] == "bad_price"
    ceiling = team.sv.trainer(lambda s: s.game_of("Red").ceiling)
    assert zed.request({"t": "forecast", "win": 10, "price": "90%"})["t"] == "ack"
    team.sv.trainer(lambda s: s.close_round(force=True))
    ada.state_where(lambda s: s["clock"]["phase"] == "idle")
    assert ada.request({"t": "forecast", "win": 50})["code"] == "no_forecast_now"
    while team.sv.trainer(lambda s: s.phase) != "bids":
        team.sv.trainer(lambda s: (s.open_round(), s.close_round(force=True)))
    ada.state_where(lambda s: s["clock"]["phase"] == "bids")
    assert ada.request({"t": "forecast", "win": 55, "price": "24m"})["t"] == "ack"
    st = ada.state_where(lambda s: s["forecast"]["now"] is not None)
    assert st["forecast"]["now"]["win"] == "55%" and [h["win"] for h in st["forecast"]["history"]] == ["35%", "55%"]
    made = team.sv.trainer(lambda s: s.forecasts("Red"))
    assert (made[1].win, made[1].price, made[1].by) == (0.35, None, "Bo")
    assert (made[None].win, made[None].price) == (0.55, 24_000_000)
    assert team.sv.trainer(lambda s: s.forecasts("Blue"))[1].price == pytest.approx(0.9 * ceiling)


def test_peer_reviews_go_to_the_trainer_only(team: Team) -> None:
    ada, bo, cy, di = team.red
    mates = {bo.member_id: 4, cy.member_id: 5, di.member_id: 3}
    assert ada.request({"t": "review", "ratings": mates, "note": NOTE})["code"] == "not_yet"
    while team.sv.trainer(lambda s: s.phase) != "bids":
        team.sv.trainer(lambda s: (s.open_round() if s.phase == "idle" else None, s.close_round(force=True)))
    assert ada.request({"t": "bid", "price": "95%", "confirm": True})["t"] == "ack"
    assert bo.request({"t": "bid", "price": "96%", "confirm": True})["code"] == "not_account_manager"
    team.sv.trainer(lambda s: s.finish(force=True))
    for m in team.red:
        m.state_where(lambda s: s["award"] is not None)
    assert ada.request({"t": "review", "ratings": {**mates, ada.member_id: 5}})["code"] == "bad_review"
    assert ada.request({"t": "review", "ratings": {team.zed.member_id: 1}})["code"] == "bad_review"  # not a teammate
    assert ada.request({"t": "review", "ratings": {bo.member_id: 9}})["code"] == "malformed"
    assert ada.request({"t": "review", "ratings": mates, "note": NOTE})["t"] == "ack"
    assert bo.request({"t": "review", "ratings": {ada.member_id: 5, cy.member_id: 4, di.member_id: 4}})["t"] == "ack"
    reviews = team.sv.trainer(lambda s: s.peer_reviews("Red"))
    assert reviews[ada.member_id].ratings == mates and reviews[ada.member_id].note == NOTE
    for m in (*team.red, team.zed):
        m.drain(0.3)
        assert m.raw and not any(NOTE in text for text in m.raw), m.name
        assert not any('"ratings"' in text for text in m.raw if '"t":"state"' in text), m.name


def test_roles_are_in_the_room_the_log_and_the_trainers_view(team: Team) -> None:
    sv = team.sv
    roles = sv.trainer(lambda s: s.roles("Red"))
    assert {e.by: e.roles for e in roles.values()} == {"Ada": ("am",), "Bo": ("presales",), "Cy": ("pm",), "Di": ("executive",)}
    assert sv.host.room.online()["Red"] == ["Ada (account manager)", "Bo (pre-sales consultant)", "Cy (project manager)", "Di (executive)"]
    assert sv.host.room.online("zh")["Red"][0] == "Ada（客户经理）"
    # a member takes other roles: the room, the log and what it may do follow
    assert team.cy.request({"t": "roles", "roles": ["pm", "presales"]})["roles"] == ["presales", "pm"]
    assert _add(team.cy, "w1", WORKSHOP)["proposed"] is False  # both its roles now: in the plan at once
    assert sv.trainer(lambda s: s.roles("Red"))[team.cy.member_id].roles == ("presales", "pm")
    got = team.cy.request({"t": "roles", "roles": ["observer", "pm"]})
    assert got["code"] == "bad_roles" and got["msg"].startswith("Pick one or more roles")
    st = team.ada.state_where(lambda s: next(m for m in s["team"]["members"] if m["name"] == "Cy")["roles"] == ["presales", "pm"])
    cy = next(m for m in st["team"]["members"] if m["name"] == "Cy")
    assert cy["badges"] == ["Pre-sales", "PM"] and cy["acts"] == ["presales", "pm"]
    # a room that comes back keeps the roles (a crash and resume --serve)
    from game.session.room import Room

    again = Room.open(sv.session.config, sv.session.path)
    assert {m.member.name: [r.value for r in m.member.roles] for m in again.members("Red")}["Cy"] == ["presales", "pm"]
    r = httpx.post(f"{sv.base}/api/join", json={"pin": sv.host.room.pin, "team": "Red", "name": "Eve", "roles": ["boss"]})
    assert r.status_code == 400 and r.json()["code"] == "malformed"
    r = httpx.post(f"{sv.base}/api/room", json={"pin": sv.host.room.pin})
    assert "Ada (account manager)" in next(x for x in r.json()["teams"] if x["name"] == "Red")["members"]


def test_a_team_without_roles_plays_as_before(tmp_path: Path) -> None:
    """Nobody took a role: every member acts for every role (a team of one holds them all)."""
    session = make(tmp_path / "free.session.jsonl", teams=("Red",), round_seconds=0)
    with serve(session) as sv:
        from tests.web_helpers import join

        a = join(sv.base, sv.host.room.pin, "Red", "Ada").connect()
        b = join(sv.base, sv.host.room.pin, "Red", "Bo").connect()
        sv.trainer(lambda s: s.open_round())
        for m, item, what in ((a, "t1", TECH), (b, "v1", VISIT), (b, "w1", WORKSHOP)):
            got = _add(m, item, what)
            assert got["t"] == "ack" and not got["proposed"], got
        assert b.request({"t": "submit"})["t"] == "ack"  # nobody holds a role: nobody is waited for
        a.close()
        b.close()


def test_nothing_of_a_teams_roles_forecasts_or_proposals_reaches_another_team(team: Team) -> None:
    ada, bo = team.ada, team.bo
    assert _add(bo, "SecretW1", WORKSHOP)["proposed"]
    assert ada.request({"t": "forecast", "win": 33, "price": "23456789"})["t"] == "ack"
    assert ada.request({"t": "ready", "ready": True})["t"] == "ack"
    team.zed.drain(0.5)
    for text in team.zed.raw:
        for secret in ("SecretW1", '"Ada"', '"Bo"', '"Cy"', '"Di"', "23,456,789", "33%", team.ada.member_id, "Ada ("):
            assert secret not in text, (secret, json.loads(text)["t"])
