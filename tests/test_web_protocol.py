"""A served session at the protocol level: a whole game over real WebSockets on loopback, with fog of
war checked on every message each team receives; every kind of bad message refused with its reason
and nothing changed; joining, tokens and the trainer's key."""

from __future__ import annotations

import json
import math
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from game.engine.game import Allocation, Game
from game.engine.turn import stance
from game.present.results import outcome_text
from game.session.plans import Plans
from game.session.session import Session
from game.strings import t
from tests.session_helpers import make
from tests.web_helpers import WAIT, cid, join, serve

TEAMS = ("Tigers", "Otters")
SECRET_TEXT = "QX-SECRET-RUMOUR-7781"
ANNOUNCED_TEXT = "The province brings the decision forward"


def _floats(x: Any, out: set[float], skip: frozenset[str] = frozenset({"clock"})) -> set[float]:
    """Every float in a message (the countdown's times left out)."""
    if isinstance(x, dict):
        for k, v in x.items():
            if k not in skip:
                _floats(v, out, skip)
    elif isinstance(x, list):
        for v in x:
            _floats(v, out, skip)
    elif isinstance(x, float) and not isinstance(x, bool):
        out.add(round(x, 4))
    return out


def _hidden(game: Game, vid: str) -> tuple[set[float], set[float]]:
    """(values the team must not see, values its own view shows) in the game as it is now."""
    c, st = game.c, game.st
    hidden: set[float] = set()
    x = stance(c, st)[0]
    hidden.update(round(float(v), 4) for v in x.ravel())
    hidden.update(round(float(v), 4) for v in st.cares[0].ravel())
    hidden.update(round(float(v), 4) for v in st.rel[0].ravel())
    me = game.vendor_index(vid)
    for v in range(c.V):
        if v != me:
            hidden.add(round(float(st.quality[0, v]), 4))
    shown: set[float] = set()
    for p in game.view(vid):
        shown.update(round(v, 4) for v in (*p.stance, *p.relationship, p.knowledge, *p.cares.values()))
    return hidden - {0.0, 1.0}, shown


def _plan_for(game: Game, vid: str) -> list[Allocation]:
    """What the team's members add this round: the engine's suggestion, as far as it is allowed."""
    out: list[Allocation] = []
    for al in game.ai_allocations(vid)[:4]:
        try:
            game.check(vid, al, pending=out)
        except ValueError:
            continue
        out.append(al)
    return out


def _hidden_of(s: Session, *, team: str, vid: str) -> tuple[set[float], set[float]]:
    return _hidden(s.game_of(team), vid)


def _plan_of(s: Session, *, team: str, vid: str) -> list[Allocation]:
    return _plan_for(s.game_of(team), vid)


def _items_are(st: dict[str, Any], *, n: int) -> bool:
    return len(st["plan"]["items"]) == n


def _report_of(st: dict[str, Any], *, rnd: int) -> bool:
    return st["report"] is not None and st["report"]["turn"] == rnd


def test_a_whole_game_leaks_nothing_to_another_team(tmp_path: Path) -> None:
    """Head-to-head (one tender, two teams): every message a team receives, from joining to its
    debrief, is checked against the other team's plan, its members and ids, a secret event and the
    hidden model state (true stances, priorities, relationships, rivals' proposal quality)."""
    session = make(tmp_path / "h2h.session.jsonl", teams=TEAMS, mode="head-to-head", round_seconds=0)
    with serve(session) as sv:
        pin = sv.host.room.pin
        a1 = join(sv.base, pin, "Tigers", "Ada").connect()
        a2 = join(sv.base, pin, "Tigers", "Bo", lang="zh").connect()
        b1 = join(sv.base, pin, "Otters", "Zed").connect()
        members = {"Tigers": [a1, a2], "Otters": [b1]}
        vid = {tm.name: tm.vendor for tm in session.teams}
        hidden: dict[str, set[float]] = {k: set() for k in TEAMS}
        shown: dict[str, set[float]] = {k: set() for k in TEAMS}
        ids: dict[str, set[str]] = {k: set() for k in TEAMS}
        foreign_sentences: dict[str, set[str]] = {k: set() for k in TEAMS}

        def look() -> None:
            for team in TEAMS:
                h, s = sv.trainer(partial(_hidden_of, team=team, vid=vid[team]))
                hidden[team] |= h
                shown[team] |= s

        sv.trainer(lambda s: s.inject(event={"kind": "rumour", "reliability": 0.4, "text": {"en": SECRET_TEXT}}, secret=True))
        for rnd in range(1, session.rounds + 1):
            sv.trainer(lambda s: s.open_round())
            if rnd == 3:  # an event announced while the round is open reaches every page
                sv.trainer(lambda s: s.inject(event={"kind": "rumour", "reliability": 0.6, "text": {"en": ANNOUNCED_TEXT}}, secret=False))
                for m in (a1, a2, b1):
                    m.state_where(lambda st: any(ANNOUNCED_TEXT in n["text"] for n in st["news"]))
            look()
            for team in TEAMS:
                plan = sv.trainer(partial(_plan_of, team=team, vid=vid[team]))
                for k, al in enumerate(plan):
                    who = members[team][k % len(members[team])]
                    item = f"{team}Item{rnd}x{k}"
                    ids[team].add(item)
                    ack = who.request({"t": "add", "id": item, "action": al.action, "stakeholder": al.stakeholder, "amount": al.amount})
                    assert ack["t"] == "ack", ack
                if team == "Tigers" and rnd == 2:  # a refresh mid-round: the page comes back as it was
                    a2.close()
                    a2.connect()
                    assert [i["id"] for i in a2.state_where(lambda st: st["plan"]["items"] != [])["plan"]["items"]] == [
                        f"TigersItem2x{k}" for k in range(len(plan))
                    ]
                n = len(plan)
                version = members[team][0].state_where(partial(_items_are, n=n))["plan"]["version"]
                ack = members[team][-1].request({"t": "submit", "version": version})
                assert ack["t"] == "ack", ack
            # the other member sees who handed it in, live
            a1.state_where(lambda st: st["plan"]["submitted"] and st["plan"]["submitted_by"] == "Bo")
            sv.trainer(lambda s: s.close_round())
            look()
            for team in TEAMS:  # what each team's outcomes read like to the other team: never sent to it
                other = next(x for x in TEAMS if x != team)
                g = session.game_of(team)
                names = {p.id: p.name.get("en") for p in g.view(vid[other])}
                for o in g.records[-1].outcomes:
                    if o.vendor == vid[team]:
                        ot = outcome_text(o, names.get(o.stakeholder, o.stakeholder), "en", "money" in g.cost_of(o.action))
                        foreign_sentences[other].add(ot.head + " " + ot.reason)
            for m in (a1, a2, b1):
                m.state_where(partial(_report_of, rnd=rnd))
        # bids, with the engine's warnings first, then the award
        for m in (a1, b1):
            low = m.request({"t": "bid", "price": "1000"})
            assert low["t"] == "bid_check" and {w["code"] for w in low["warnings"]} >= {"below_cost", "tiny"}
            ok = m.request({"t": "bid", "price": "95%"})
            if ok["t"] == "bid_check":
                ok = m.request({"t": "bid", "price": "95%", "confirm": True})
            assert ok["t"] == "ack", ok
        sv.trainer(lambda s: s.finish())
        for m in (a1, a2, b1):
            award = m.state_where(lambda st: st["award"] is not None)["award"]
            assert any(r["you"] for r in award["rows"])
        a1.send({"t": "debrief"})
        deb = a1.until(lambda m: m["t"] == "debrief", timeout=120)
        assert deb["sections"] and set(deb["charts"]) >= {"stance", "resources"}
        for m in (a1, a2, b1):
            m.drain(0.3)

        for team, ms in members.items():
            other = next(x for x in TEAMS if x != team)
            other_names = {m.name for m in members[other]}
            leaks = hidden[team] - shown[team]
            for m in ms:
                assert m.log, m.name
                for text, msg in zip(m.raw, m.log, strict=True):
                    assert SECRET_TEXT not in text, (m.name, msg["t"])
                    assert other not in text, (m.name, msg["t"], "the other team's name")
                    for name in other_names:
                        assert f'"{name}"' not in text, (m.name, msg["t"], "the other team's member")
                    for item in ids[other]:
                        assert item not in text, (m.name, msg["t"], "the other team's plan")
                    for sentence in foreign_sentences[team]:
                        assert sentence not in text, (m.name, "the other team's outcome", sentence)
                    if msg["t"] in ("state", "preview") and msg.get("award") is None:
                        assert not (_floats(msg, set()) & leaks), (m.name, msg["t"], sorted(_floats(msg, set()) & leaks)[:5])
            # and what a team does see: its own plan, its own reports, the announced event
            assert any(ANNOUNCED_TEXT in json.dumps(x) for x in ms[0].log)
            assert any(i in "".join(ms[0].raw) for i in ids[team])
        for m in (a1, a2, b1):
            m.close()


def test_the_state_holds_only_the_teams_own_keys(tmp_path: Path) -> None:
    """The shape of a team's state: these sections and nothing else (a new field is a decision)."""
    session = make(tmp_path / "keys.session.jsonl", teams=("Red", "Blue"))
    with serve(session) as sv:
        m = join(sv.base, sv.host.room.pin, "Red", "Ada").connect()
        sv.trainer(lambda s: s.open_round())
        st = m.state_where(lambda s: s["clock"]["phase"] == "open")
        assert set(st) == {"t", "lang", "clock", "mode", "team", "brief", "tender", "turn", "people", "left", "roles", "plan",
                           "forecast", "news", "report", "bid", "award"}
        assert set(st["team"]) == {"name", "vendor", "members"}
        assert set(st["team"]["members"][0]) == {"id", "name", "online", "roles", "badges", "acts", "ready"}
        assert set(st["plan"]) == {"open", "items", "pending", "ready", "hand_in", "submitted", "submitted_by", "version", "edits", "unspent"}
        assert {x["name"] for x in st["team"]["members"]} == {"Ada"}
        person = st["people"][0]
        assert set(person) == {
            "id", "name", "title", "role", "role_name", "seniority", "influence", "veto", "panel", "pool", "closed",
            "replaced", "coach", "can_coach", "stance", "stance_text", "relationship", "relationship_text", "knowledge",
            "knowledge_text", "cares", "favourite", "coach_text", "contact", "bio", "notes", "listens_to",
        }
        m.close()


# -- bad messages: each refused with its reason, and nothing changed ------------------------------------


def _snapshot(s: Session, plans: Plans) -> tuple[int, str, bool]:
    ps = plans.state("Red")
    return s.version, ps.version, ps.submitted


BAD: list[tuple[str, Any, str]] = [
    ("not JSON", "{not json", "malformed"),
    ("not an object", "[1, 2]", "malformed"),
    ("unknown type", {"t": "teleport", "cid": "abcdef123"}, "malformed"),
    ("extra field", {"t": "remove", "cid": "abcdef123", "id": "x", "sql": "drop"}, "malformed"),
    ("amount not a number", {"t": "add", "cid": "abcdef123", "id": "x", "action": "visit", "stakeholder": "edu_vice_governor", "amount": "2"}, "malformed"),
    ("amount zero", {"t": "add", "cid": "abcdef123", "id": "x", "action": "visit", "stakeholder": "edu_vice_governor", "amount": 0}, "malformed"),
    ("a path as an id", {"t": "remove", "cid": "abcdef123", "id": "../../etc/passwd"}, "malformed"),
    ("NaN", '{"t": "time", "c": NaN}', "malformed"),
    ("oversize", {"t": "rename", "cid": "abcdef123", "name": "x" * 5000}, "oversize"),
    ("unknown person", {"t": "add", "cid": "abcdef124", "id": "x1", "action": "visit", "stakeholder": "nobody_here", "amount": 1}, "unknown_stakeholder"),
    ("unknown action", {"t": "add", "cid": "abcdef125", "id": "x2", "action": "bribe", "stakeholder": "edu_vice_governor", "amount": 1}, "unknown_action"),
    ("over budget", {"t": "add", "cid": "abcdef126", "id": "x3", "action": "visit", "stakeholder": "edu_vice_governor", "amount": 50}, "not_enough"),
    ("unknown item", {"t": "remove", "cid": "abcdef127", "id": "nosuchitem"}, "unknown_item"),
    ("nothing to take back", {"t": "withdraw", "cid": "abcdef128"}, "nothing_to_withdraw"),
    ("a bid before its time", {"t": "bid", "cid": "abcdef129", "price": "1m"}, "not_bid_time"),
    ("a second hello", {"t": "hello", "token": "whatever"}, "already_hello"),
]


def test_each_bad_message_is_refused_with_its_reason_and_changes_nothing(tmp_path: Path) -> None:
    session = make(tmp_path / "bad.session.jsonl", teams=("Red", "Blue"))
    with serve(session) as sv:
        m = join(sv.base, sv.host.room.pin, "Red", "Ada").connect()
        sv.trainer(lambda s: s.open_round())
        m.state_where(lambda s: s["clock"]["phase"] == "open")
        assert m.request({"t": "add", "id": "keep", "action": "visit", "stakeholder": "edu_vice_governor", "amount": 1})["t"] == "ack"
        for what, msg, code in BAD:
            before = sv.trainer(lambda s: _snapshot(s, sv.host.plans))
            m.send(msg if isinstance(msg, str) else json.dumps(msg))
            got = m.until(lambda x: x["t"] == "refused")
            assert got["code"] == code, (what, got)
            assert got["msg"] and "Traceback" not in got["msg"], what
            assert sv.trainer(lambda s: _snapshot(s, sv.host.plans)) == before, what
        # the same in Chinese: the reason is translated
        m.send({"t": "lang", "lang": "zh"})
        m.until(lambda x: x["t"] == "state" and x["lang"] == "zh")
        m.send(json.dumps({"t": "add", "cid": "abcdef130", "id": "x4", "action": "visit", "stakeholder": "edu_vice_governor", "amount": 50}))
        got = m.until(lambda x: x["t"] == "refused")
        assert "人天" in got["msg"]
        # after the round closes: too late, and nothing changes
        sv.trainer(lambda s: s.close_round(force=True))
        m.state_where(lambda s: s["clock"]["phase"] == "idle")
        before = sv.trainer(lambda s: s.version)
        got = m.request({"t": "submit"})
        assert got["t"] == "refused" and got["code"] == "not_open"
        got = m.request({"t": "add", "id": "late", "action": "visit", "stakeholder": "edu_vice_governor", "amount": 1})
        assert got["t"] == "refused" and got["code"] == "not_open"
        assert sv.trainer(lambda s: s.version) == before
        m.close()


def test_a_frame_far_too_large_closes_the_connection_and_changes_nothing(tmp_path: Path) -> None:
    """Past the protocol's own limit (refused, above) the server does not even read a frame: a
    frame over 64 KiB closes the connection (1009); the browser reconnects, nothing changed."""
    session = make(tmp_path / "huge.session.jsonl", teams=("Red",))
    with serve(session) as sv:
        m = join(sv.base, sv.host.room.pin, "Red", "Ada").connect()
        before = sv.trainer(lambda s: s.version)
        m.send(json.dumps({"t": "rename", "cid": cid(), "name": "x" * 100_000}))
        with pytest.raises(ConnectionClosed):
            m.until(lambda x: False, timeout=5)
        assert sv.trainer(lambda s: s.version) == before
        m.connect()  # and the member comes back
        assert m.state is not None and m.state["team"]["name"] == "Red"
        m.close()


def test_tokens_pins_and_the_trainers_key(tmp_path: Path) -> None:
    session = make(tmp_path / "keys2.session.jsonl", teams=("Red", "Blue"))
    with serve(session) as sv:
        base, pin, key = sv.base, sv.host.room.pin, sv.host.room.key
        wrong_pin = "000000" if pin != "000000" else "111111"
        r = httpx.post(f"{base}/api/join", json={"pin": wrong_pin, "team": "Red", "name": "Eve"})
        assert r.status_code == 403 and r.json()["code"] == "wrong_pin"
        r = httpx.post(f"{base}/api/join", json={"pin": pin, "team": "Purple", "name": "Eve"})
        assert r.status_code == 400 and r.json()["code"] == "unknown_team"
        r = httpx.post(f"{base}/api/join", json={"pin": pin, "team": "Red", "name": "\x00"})
        assert r.status_code == 400 and r.json()["code"] == "bad_display_name"
        r = httpx.post(f"{base}/api/join", content=b"x" * 10_000, headers={"content-type": "application/json"})
        assert r.status_code == 413 and r.json()["code"] == "oversize"
        r = httpx.post(f"{base}/api/join?lang=zh", json={"pin": pin})
        assert r.status_code == 400 and r.json()["code"] == "malformed"
        # the trainer's key, never the PIN, opens the projector
        assert httpx.get(f"{base}/projector?key={pin}").status_code == 403
        assert httpx.get(f"{base}/projector").status_code == 403
        page = httpx.get(f"{base}/projector?key={key}")
        assert page.status_code == 200 and "<svg" in page.text and pin in page.text
        assert "content-security-policy" in page.headers
        with connect(base.replace("http", "ws") + "/ws/projector", open_timeout=WAIT) as ws:
            ws.send(json.dumps({"t": "hello", "key": pin}))
            got = json.loads(ws.recv(timeout=WAIT))
            assert got["t"] == "refused" and got["code"] == "wrong_key"
        # a token reaches its own team only; a wrong or missing one is refused
        red = join(base, pin, "Red", "Ada")
        with connect(base.replace("http", "ws") + "/ws", open_timeout=WAIT) as ws:
            ws.send(json.dumps({"t": "hello", "token": "not-a-real-token-at-all"}))
            got = json.loads(ws.recv(timeout=WAIT))
            assert got["t"] == "refused" and got["code"] == "wrong_token" and got["fatal"]
        with connect(base.replace("http", "ws") + "/ws", open_timeout=WAIT) as ws:
            ws.send(json.dumps({"t": "hello"}))
            got = json.loads(ws.recv(timeout=WAIT))
            assert got["t"] == "refused" and got["code"] == "malformed"
            with pytest.raises(ConnectionClosed):
                ws.recv(timeout=WAIT)
        red.connect()
        st = red.state
        assert st is not None and st["team"]["name"] == "Red"
        assert "Blue" not in json.dumps(st)
        red.close()
        # too many wrong PINs from one address: it waits
        codes = [httpx.post(f"{base}/api/room", json={"pin": wrong_pin}).status_code for _ in range(14)]
        assert codes[-1] == 429 and codes[0] == 403


def test_a_retried_request_is_done_once(tmp_path: Path) -> None:
    """The browser sends a request again when its answer was lost: the same cid is answered again
    (dup) and nothing happens twice, in the plan or in the session log."""
    session = make(tmp_path / "retry.session.jsonl", teams=("Red", "Blue"))
    with serve(session) as sv:
        m = join(sv.base, sv.host.room.pin, "Red", "Ada").connect()
        sv.trainer(lambda s: s.open_round())
        add = {"t": "add", "cid": cid(), "id": "once", "action": "visit", "stakeholder": "edu_vice_governor", "amount": 1}
        assert m.request(add)["dup"] is False
        assert m.request(add)["dup"] is True
        sub = {"t": "submit", "cid": cid()}
        assert m.request(sub)["dup"] is False
        n = sv.trainer(lambda s: s.version)
        assert m.request(sub)["dup"] is True
        assert sv.trainer(lambda s: s.version) == n
        assert len(sv.trainer(lambda s: s.submissions()["Red"])) == 1
        m.close()


def test_every_countdown_agrees_with_the_trainers(tmp_path: Path) -> None:
    """The page counts down from the server's 'ends' (server time), not from the device's clock."""
    s = make(tmp_path / "clock.session.jsonl", teams=("Red",), round_seconds=300)
    with serve(s) as sv:
        m = join(sv.base, sv.host.room.pin, "Red", "Ada").connect()
        sv.trainer(lambda se: se.open_round())
        st = m.state_where(lambda x: x["clock"]["phase"] == "open")
        c = st["clock"]
        assert c["timed"] and c["running"] and math.isclose(c["remaining"], 300, abs_tol=1)
        assert c["ends"] - c["now"] == pytest.approx(c["remaining"] * 1000, abs=5)
        sv.trainer(lambda se: se.pause())
        c = m.state_where(lambda x: not x["clock"]["running"])["clock"]
        assert c["ends"] is None and c["remaining"] is not None
        m.send({"t": "time", "c": 1000.0})
        got = m.until(lambda x: x["t"] == "time")
        assert got["c"] == 1000.0 and got["s"] > 1e12
        assert st["clock"]["round_text"] == t("web.round", "en", round=1, rounds=10)
        m.close()
