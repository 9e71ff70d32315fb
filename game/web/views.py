"""What a team's page and the projector page are sent: plain JSON built only from what the team
may see, every word from game/present and game/strings.

Fog of war is enforced here, on the server: a team's payload is built from its
own game's view (:meth:`Game.view` for its vendor: readings, not the truth), its
own plan, records and results, the tender's public facts and the events the
trainer announced. Nothing here reads another team's plan, another vendor's
actions or the hidden model state; tests/test_web_protocol.py walks every
message of a whole game and checks it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from typing import Any

from game.engine.game import DAY_RESOURCES, Allocation, BidWarning, DecisionError, Game, PersonView
from game.engine.preview import preview
from game.engine.records import TurnRecord
from game.present import advice
from game.present.events import announcement, describe_event
from game.present.fmt import join_list, money, number, pct, pct_range, score
from game.present.results import award_status, coverage_text, outcome_text, turn_notes, your_outcome
from game.present.words import (
    action_name,
    cares_text,
    coach_text,
    contact_text,
    cost_text,
    intro_text,
    people_names,
    pool_text,
    res_amount,
    role_name,
    spec_text,
    vendor_name,
    ways_in_text,
    weights_text,
)
from game.scenario.schema import ACTION_IDS
from game.session.host import Host
from game.session.log import SessionError
from game.session.plans import Edit, PlanState
from game.session.roles import RoleError, action_roles
from game.session.room import Member
from game.session.scoring import Row
from game.session.session import Session
from game.strings import STRINGS, t
from game.web import teamwork

Json = dict[str, Any]
UI_PREFIX = "web.ui."


def _r(x: float) -> float:
    return round(float(x), 4)


def ui_strings(lang: str) -> dict[str, str]:
    """The page's own labels (buttons, headings) in one language."""
    return {k[len(UI_PREFIX):]: t(k, lang) for k in STRINGS if k.startswith(UI_PREFIX)}


def clock(session: Session, lang: str) -> Json:
    """The countdown as the server sees it now: pages count down from ``ends`` (server time, ms)
    when it runs, so every page shows the trainer's clock, whatever the device's own."""
    st = session.status()
    timed = session.config.round_seconds > 0 and st.phase == "open" and math.isfinite(st.remaining)
    now = time.time()
    return {
        "phase": st.phase,
        "round": min(st.round, st.rounds),
        "rounds": st.rounds,
        "round_text": t("web.round", lang, round=min(st.round, st.rounds), rounds=st.rounds),
        "timed": timed,
        "running": st.running and timed,
        "remaining": round(st.remaining, 2) if timed else None,
        "ends": round((now + st.remaining) * 1000) if timed and st.running else None,
        "now": round(now * 1000),
        "at_zero": session.config.at_zero,
    }


# -- the team's page --------------------------------------------------------------------------


def person(game: Game, vid: str, p: PersonView, lang: str) -> Json:
    sc = game.scenario
    sh = sc.stakeholders[sc.stakeholder_index(p.id)]
    return {
        "id": p.id,
        "name": p.name.get(lang),
        "title": p.title.get(lang) if p.title is not None else "",
        "role": p.role,
        "role_name": role_name(p.role, lang),
        "seniority": p.seniority,
        "influence": pct(p.influence),
        "veto": p.veto,
        "panel": p.panel,
        "pool": p.pool,
        "closed": p.closed,
        "replaced": p.replaced,
        "coach": p.coach,
        "can_coach": p.can_coach,
        "stance": [_r(p.stance[0]), _r(p.stance[1])],
        "stance_text": pct_range(*p.stance),
        "relationship": None if p.closed else [_r(p.relationship[0]), _r(p.relationship[1])],
        "relationship_text": "-" if p.closed else pct_range(*p.relationship),
        "knowledge": None if p.closed else _r(p.knowledge),
        "knowledge_text": "-" if p.closed else pct(p.knowledge),
        "cares": cares_text(p, sc, lang),
        "favourite": vendor_name(sc, p.favourite, lang) if p.favourite else None,
        "coach_text": coach_text(p, lang),
        "contact": contact_text(p, lang),
        "bio": sh.bio.get(lang) if sh.bio is not None and not p.replaced else "",
        "notes": [x for x in (pool_text(game, p, lang), intro_text(game, vid, p, lang), ways_in_text(game, vid, p, lang)) if x],
        "listens_to": list(p.listens_to),
    }


def _briefing(session: Session, game: Game, vid: str, lang: str) -> Json:
    sc = game.scenario
    v = sc.vendors[sc.vendor_index(vid)]
    r = v.resources
    days = join_list([res_amount(k, float(getattr(r, k)), sc, lang) for k in DAY_RESOURCES if getattr(r, k)], lang)
    return {
        "title": sc.title.get(lang),
        "text": sc.briefing.get(lang),
        "vendor": v.name.get(lang),
        "vendor_text": v.description.get(lang) if v.description is not None else "",
        "resources": t("brief.resources", lang, vendor=v.name.get(lang), days=days, budget=money(r.budget, sc, lang), cost=money(v.cost, sc, lang)),
        "rivals": [x.name.get(lang) for x in sc.vendors if x.id != vid],
    }


def _tender(game: Game, lang: str) -> list[str]:
    sc = game.scenario
    tender = sc.tender
    turn_name = sc.turn_name.get(lang) if sc.turn_name is not None else None
    lines = [
        t("tender.ceiling", lang, ceiling=money(game.ceiling, sc, lang)),
        t("tender.turns", lang, turns=sc.turns, extra=t("tender.turn_is", lang, name=turn_name) if turn_name else ""),
        t("tender.published", lang, turn=game.pub_turn) if game.published else t("tender.publish_at", lang, turn=game.pub_turn),
        t("tender.weights", lang, weights=weights_text(game.weights(), lang)),
        t("tender.rules", lang, low=pct(tender.abnormally_low), chance=pct(tender.disqualify_chance), n=tender.min_valid_bids),
        t("web.spec_now", lang, spec=spec_text(sc, game.spec(), lang)),
    ]
    return lines


def _left(game: Game, vid: str, plan: Sequence[Allocation], lang: str) -> list[Json]:
    sc = game.scenario
    res = sc.vendors[sc.vendor_index(vid)].resources
    left = game.left_after(vid, plan)
    out: list[Json] = [
        {"id": r, "label": t(f"res.{r}.short", lang), "left": number(left[r]), "total": number(float(getattr(res, r))),
         "low": left[r] < 1e-9}
        for r in DAY_RESOURCES
        if getattr(res, r) > 0
    ]
    out.append({"id": "money", "label": t("web.money", lang), "left": money(left["money"], sc, lang),
                "total": money(res.budget, sc, lang), "low": left["money"] < 1e-9})
    return out


def edit_text(e: Edit, names: dict[str, str], lang: str) -> str:
    """'Li added 2 x Visit with Zhang' (who changed what in the plan)."""
    who = e.by or t("web.someone", lang)
    person = names.get(e.stakeholder or "", e.stakeholder or "")
    act = action_name(e.action, lang) if e.action else ""
    if e.op == "amount":
        return t("web.edit.amount", lang, who=who, action=act, person=person, n=e.amount, before=e.before)
    if e.op in ("add", "remove", "propose", "confirm", "decline", "retract"):
        return t(f"web.edit.{e.op}", lang, who=who, action=act, person=person, n=e.amount)
    return t(f"web.edit.{e.op}", lang, who=who)


def _plan(game: Game, vid: str, ps: PlanState, people: Sequence[Json], lang: str) -> Json:
    sc = game.scenario
    names = people_names(game, vid, lang)
    items = [
        {
            "id": i.id,
            "action": i.action,
            "stakeholder": i.stakeholder,
            "amount": i.amount,
            "text": t("web.item", lang, action=action_name(i.action, lang), person=names.get(i.stakeholder, i.stakeholder), n=i.amount),
            "cost": cost_text(game.cost_of(i.action, i.amount), sc, lang),
            "by": i.by or t("web.by_trainer", lang),
            "member": i.member,
            "roles": [r.value for r in action_roles(game, i.action)],
            "badges": [teamwork.role_short(r.value, lang) for r in action_roles(game, i.action)],
            "confirmed_by": i.confirmed_by,
        }
        for i in ps.items
    ]
    left = game.left_after(vid, ps.reserved)
    unspent = {r: left[r] for r in DAY_RESOURCES if left[r] > 1e-9}
    unspent_text = join_list([res_amount(r, x, sc, lang) for r, x in unspent.items()], lang)
    return {
        "open": ps.open,
        "items": items,
        "pending": teamwork.pending(game, vid, ps, lang),
        "ready": list(ps.ready),
        "hand_in": teamwork.hand_in(ps, people),
        "submitted": ps.submitted,
        "submitted_by": ps.submitted_by or (t(f"web.source.{ps.source}", lang) if ps.source else None),
        "version": ps.version,
        "edits": [{"n": e.n, "member": e.member, "text": edit_text(e, names, lang)} for e in ps.edits][-12:],
        "unspent": t("web.unspent", lang, days=unspent_text) if unspent_text and ps.open else "",
    }


def _report(game: Game, session: Session, team: str, vid: str, lang: str) -> Json | None:
    rep = session.report(team)
    if rep is None:
        return None
    sc = game.scenario
    record: TurnRecord = rep.record
    after = game.view(vid)
    names = {p.id: p.name.get(lang) for p in after}
    news = [describe_event(game, e, vid, lang) for e in record.events if not e.secret]
    outcomes = []
    for o in record.outcomes:
        if o.vendor != vid:
            continue
        ot = outcome_text(o, names.get(o.stakeholder, o.stakeholder), lang, "money" in game.cost_of(o.action))
        outcomes.append({"head": ot.head, "reason": ot.reason, "changes": ot.changes, "notes": list(ot.notes), "status": o.status})
    lines = turn_notes(game, record, vid, lang, before=rep.before, previous=rep.previous)
    return {
        "turn": record.turn,
        "title": t("report.title", lang, turn=record.turn, vendor=vendor_name(sc, vid, lang)),
        "news": news,
        "outcomes": outcomes,
        "none": t("report.no_actions", lang) if not outcomes else "",
        "lines": lines,
    }


def _turn_lines(game: Game, lang: str) -> list[str]:
    sc = game.scenario
    lines = []
    if game.published:
        lines.append(t("turn.just_published", lang) if game.turn == game.pub_turn else t("turn.published", lang, turn=game.pub_turn))
    else:
        lines.append(t("turn.before_pub", lang, turn=game.pub_turn, n=game.pub_turn - game.turn))
    lines.append(t("turn.bids_due", lang, turn=sc.turns) if game.turn < sc.turns else t("turn.last", lang))
    return lines


def bid_warnings(game: Game, vid: str, price: float | None, lang: str) -> list[Json]:
    return [
        {"code": str(w), "serious": w.serious, "text": advice.bid_warning_text(w, price, game.ceiling, lang)}
        for w in game.check_bid(vid, price)
        if w != BidWarning.NO_BID
    ]


def _bid(session: Session, game: Game, team: str, vid: str, lang: str) -> Json:
    sc = game.scenario
    v = sc.vendors[sc.vendor_index(vid)]
    tender = sc.tender
    bids = session.bids()
    price = bids.get(team) if team in bids else None
    out: Json = {
        "facts": [
            t("bid.ceiling", lang, ceiling=money(game.ceiling, sc, lang)),
            t("bid.cost", lang, cost=money(v.cost, sc, lang), spent=money(game.spent(vid), sc, lang)),
            t("bid.scoring", lang, weights=weights_text(game.weights(), lang)),
            t("bid.low", lang, low=pct(tender.abnormally_low), chance=pct(tender.disqualify_chance)),
        ],
        "in": team in bids,
        "price": price,
        "price_text": (money(price, sc, lang) if price is not None else t("award.no_bid", lang)) if team in bids else "",
        "warnings": bid_warnings(game, vid, price, lang) if team in bids else [],
        "margin": advice.margin_text(game, vid, price, lang) if price is not None else "",
    }
    return out


def _award(game: Game, vid: str, lang: str) -> Json | None:
    result = game.result
    if result is None:
        return None
    sc = game.scenario
    names = people_names(game, vid, lang)
    r = result.vendor(vid)
    if result.failed:
        head = t("award.failed", lang, reason=t(f"fail.{result.fail_reason}", lang, n=sc.tender.min_valid_bids))
    else:
        head = t("award.winner", lang, vendor=vendor_name(sc, result.winner or "", lang))
    you = your_outcome(game, result, vid, lang)
    rows = []
    for x in sorted(result.vendors, key=lambda x: (x.rank is None, x.rank or 0)):
        rows.append({
            "vendor": vendor_name(sc, x.vendor, lang),
            "you": x.vendor == vid,
            "won": x.won,
            "bid": money(x.bid, sc, lang) if x.bid is not None else "-",
            "status": award_status(x, names, lang),
            "total": score(x.total),
            "rank": x.rank,
        })
    parts = result.parts(vid)
    coverage = coverage_text(game, vid, lang)
    lines = [
        t("you.bid", lang, bid=money(r.bid, sc, lang) if r.bid is not None else t("award.no_bid", lang), cost=money(r.cost, sc, lang)),
        *([t("you.margin", lang, margin=money(r.margin_if_won, sc, lang))] if r.margin_if_won is not None else []),
        t("you.spent", lang, spent=money(r.spent, sc, lang)),
        t("you.result", lang, result=money(r.result, sc, lang)),
        t("you.expected", lang, p=pct(r.win_probability), expected=money(r.expected_result, sc, lang)),
        coverage,
        t("web.points", lang, parts=t("list.sep", lang).join(
            f"{t(f'web.part.{k}', lang)} {score(x, signed=k == 'committee')}" for k, x in parts.items()
        ), total=score(r.total)),
    ]
    return {"head": head, "you": you, "won": r.won, "rows": rows, "lines": lines}


def team_state(host: Host, team: str, lang: str) -> Json:
    """Everything a team's page shows, for one team in one language (the same for its members)."""
    s = host.session
    tm = s.team(team)
    game, vid = s.game_of(tm.name), tm.vendor
    ps = host.plans.state(tm.name)
    people = teamwork.members(host, tm.name, ps.ready, lang)
    sc = game.scenario
    news = [
        {"seq": e.seq, "turn": e.turn, "text": announcement(s, e, lang)}
        for e in s.injected()
        if not e.secret
    ]
    out: Json = {
        "t": "state",
        "lang": lang,
        "clock": clock(s, lang),
        "mode": s.config.mode,
        "team": {
            "name": tm.name,
            "vendor": vendor_name(sc, vid, lang),
            "members": people,
        },
        "brief": _briefing(s, game, vid, lang),
        "tender": _tender(game, lang),
        "turn": {"title": t("turn.title", lang, turn=min(game.turn, sc.turns), turns=sc.turns, vendor=vendor_name(sc, vid, lang)),
                 "lines": _turn_lines(game, lang)} if game.phase == "turn" else None,
        "people": [person(game, vid, p, lang) for p in game.view(vid)],
        "left": _left(game, vid, ps.reserved, lang) if game.phase == "turn" else [],
        "roles": teamwork.role_left(game, vid, ps.reserved, people, lang) if game.phase == "turn" else [],
        "plan": _plan(game, vid, ps, people, lang),
        "forecast": teamwork.forecast(host, tm.name, game, lang),
        "news": news,
        "report": _report(game, s, tm.name, vid, lang),
        "bid": _bid(s, game, tm.name, vid, lang) if s.phase in ("bids", "done") else None,
        "award": _award(game, vid, lang) if s.phase == "done" else None,
    }
    return out


def actions(game: Game, lang: str) -> list[Json]:
    """The action catalogue: what each action costs per unit and what it does."""
    return [
        {"id": a, "name": action_name(a, lang), "cost": cost_text(game.cost_of(a), game.scenario, lang), "what": t(f"action.{a}.what", lang),
         "roles": [r.value for r in action_roles(game, a)]}
        for a in ACTION_IDS
    ]


def welcome(host: Host, member: Member, lang: str) -> Json:
    tm = host.session.team(member.team)
    game = host.session.game_of(tm.name)
    return {
        "t": "welcome",
        "me": member.to_json(),
        "lang": lang,
        "ui": ui_strings(lang),
        "actions": actions(game, lang),
        "roles": teamwork.catalogue(lang),
        "title": host.session.scenario.title.get(lang),
    }


def preview_lines(game: Game, vid: str, al: Allocation, plan: Sequence[Allocation], lang: str) -> Json:
    """The likely effect of adding ``al`` to the plan, or the engine's refusal (the window's preview)."""
    try:
        game.check(vid, al, pending=list(plan))
    except DecisionError as exc:
        return {"refusal": advice.decision_text(exc, game, vid, lang, al.action, al.amount), "lines": []}
    pv = preview(game, vid, al, pending=list(plan))
    lines = advice.preview_lines(game, vid, pv, lang)
    return {"refusal": None, "lines": [{"text": text, "tone": tone} for text, tone in lines]}


def refusal(exc: Exception, lang: str, game: Game | None = None, vid: str | None = None, al: Allocation | None = None) -> Json:
    """A refused request in the member's words: the engine's and the session's codes translated."""
    if isinstance(exc, DecisionError) and game is not None and vid is not None:
        msg = advice.decision_text(exc, game, vid, lang, al.action if al else "", al.amount if al else 0)
        return {"code": str(exc.code) or "refused", "msg": msg}
    if isinstance(exc, RoleError):
        return teamwork.refusal(exc, lang, game)
    code = getattr(exc, "code", "") or "refused"
    key = f"web.err.{code}"
    params = dict(getattr(exc, "params", {}) or {})
    if key in STRINGS:
        return {"code": code, "msg": t(key, lang, **{k: v for k, v in params.items() if isinstance(v, str | int | float)})}
    return {"code": code, "msg": t("web.err.other", lang, msg=str(exc))}


def session_error(code: str, lang: str, **params: object) -> Json:
    return refusal(SessionError(code, code, **params), lang)


# -- the projector --------------------------------------------------------------------------


def projector_state(host: Host, lang: str, rows: Sequence[Row] | None = None) -> Json:
    """What the room sees: the countdown, who has handed in, announced events, and the leaderboard
    only when the trainer shows it."""
    s = host.session
    st = s.status()
    online = host.room.online()
    teams = [
        {"name": x.name, "in": x.submitted, "online": len(online.get(x.name, []))}
        for x in st.teams
    ]
    board = None
    if rows is not None:
        board = [
            {"rank": r.rank, "team": r.team, "actual": money(r.actual, s.scenario, lang) if r.actual is not None else "-",
             "expected": money(r.expected, s.scenario, lang), "win": pct(r.win_probability), "score": f"{r.score:.1f}"}
            for r in rows
        ]
    return {
        "t": "projector",
        "lang": lang,
        "title": s.scenario.title.get(lang),
        "clock": clock(s, lang),
        "phase_text": t(f"ws.phase.{st.phase}", lang),
        "teams": teams,
        "news": [{"seq": e.seq, "turn": e.turn, "text": announcement(s, e, lang)} for e in s.injected() if not e.secret],
        "board": board,
        "ui": ui_strings(lang),
        "join": {"url": host.join.url, "pin": host.room.pin} if host.join is not None else None,
    }
