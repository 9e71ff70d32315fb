"""Team selling on a team's page: what each member holds and may do, what each role has left, the
proposals waiting for a confirmation, who is ready, the team's forecasts, and the words of a
refusal of the roles' rules.

The rules are the session's (:mod:`game.session.roles`, :mod:`game.session.plans`); this module
only says them. A team's state is the same for all its members (it is built once per team and
language), so what differs per member (may I confirm this, may I hand in) is sent as data the
page reads with its own member id: each member's ``acts`` (the roles it acts for now) and the
roles each proposal ``needs``. Peer reviews are never part of a team's page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from game.engine.game import DAY_RESOURCES, Allocation, Game
from game.present.crew import role_name
from game.present.fmt import join_list, money, number, pct
from game.present.words import action_name, cost_text, people_names
from game.session.host import Host
from game.session.plans import Plans, PlanState
from game.session.roles import ALL, PLAYING, RESOURCE, Role, RoleError, action_roles, effective
from game.strings import t

Json = dict[str, Any]


def role_short(role: str, lang: str) -> str:
    return t(f"web.role.{role}.short", lang)


def roles_text(roles: Sequence[str], lang: str, style: str = "standard") -> str:
    """'the pre-sales consultant and the project manager' (style 'or': '... or ...')."""
    return join_list([role_name(r, lang) for r in roles], lang, "or" if style == "or" else "standard")


def catalogue(lang: str) -> list[Json]:
    """The roles a member may take, for the join form and the Team tab."""
    return [{"id": r.value, "name": role_name(r.value, lang, title=True), "short": role_short(r.value, lang),
             "what": t(f"web.role.{r.value}.what", lang)} for r in ALL]


def members(host: Host, team: str, ready: Sequence[str], lang: str) -> list[Json]:
    """The team's members: name, connected, roles taken, the roles each acts for now, ready."""
    tm = host.room.team_roles(team)
    out = []
    for p in host.room.members(team):
        m = p.member
        acts = effective(m.roles, tm)
        out.append({
            "id": m.id, "name": m.name, "online": p.online,
            "roles": [r.value for r in m.roles],
            "badges": [role_short(r.value, lang) for r in m.roles],
            "acts": [r.value for r in PLAYING if r in acts],
            "ready": m.id in ready,
        })
    return out


def role_left(game: Game, vid: str, reserved: Sequence[Allocation], people: Sequence[Json], lang: str) -> list[Json]:
    """Per role: the days it has left after the plan and the proposals (money: the account
    manager's), and who acts for it."""
    sc = game.scenario
    res = sc.vendors[sc.vendor_index(vid)].resources
    left = game.left_after(vid, list(reserved))
    out: list[Json] = []
    for role in PLAYING:
        r = RESOURCE[role]
        total = float(getattr(res, r))
        chips = []
        if r in DAY_RESOURCES and total > 0:
            chips.append({"label": t(f"res.{r}.short", lang), "left": number(left[r]), "total": number(total), "low": left[r] < 1e-9})
        if role is Role.AM:
            chips.append({"label": t("web.money", lang), "left": money(left["money"], sc, lang),
                          "total": money(res.budget, sc, lang), "low": left["money"] < 1e-9})
        if not chips:
            continue
        out.append({
            "id": role.value, "name": role_name(role.value, lang), "short": role_short(role.value, lang),
            "who": [p["name"] for p in people if role.value in p["acts"]], "chips": chips,
        })
    return out


def _item_roles(game: Game, action: str, lang: str) -> Json:
    roles = [r.value for r in action_roles(game, action)]
    return {"roles": roles, "badges": [role_short(r, lang) for r in roles]}


def pending(game: Game, vid: str, ps: PlanState, lang: str) -> list[Json]:
    """The joint actions proposed and waiting for a confirmation."""
    sc = game.scenario
    names = people_names(game, vid, lang)
    return [
        {
            "id": p.id, "action": p.action, "stakeholder": p.stakeholder, "amount": p.amount,
            "text": t("web.item", lang, action=action_name(p.action, lang), person=names.get(p.stakeholder, p.stakeholder), n=p.amount),
            "cost": cost_text(game.cost_of(p.action, p.amount), sc, lang),
            "by": p.by or t("web.by_trainer", lang), "member": p.member,
            "needs": list(p.needs),
            "needs_text": t("web.needs", lang, roles=roles_text(p.needs, lang)),
            **_item_roles(game, p.action, lang),
        }
        for p in ps.pending
    ]


def hand_in(ps: PlanState, people: Sequence[Json]) -> Json:
    """Who may hand the plan in, and whom it waits for (the page leaves its own member out)."""
    return {
        "am": [p["id"] for p in people if Role.AM.value in p["acts"]],
        "am_names": [p["name"] for p in people if Role.AM.value in p["acts"]],
        "waiting": [
            {"id": p["id"], "name": p["name"]} for p in people
            if p["online"] and p["roles"] and Role.OBSERVER.value not in p["roles"] and p["id"] not in ps.ready
        ],
        "pending": len(ps.pending),
    }


def propose_text(needs: Sequence[str], plans: Plans, team: str, lang: str) -> str:
    """What adding an action the member shares with another role does: it becomes a proposal."""
    who = plans.who(team, [Role(r) for r in needs])
    return t("web.propose_note", lang, roles=roles_text(needs, lang),
             holders=join_list(who, lang) if who else t("web.nobody_holds", lang))


def forecast(host: Host, team: str, game: Game, lang: str) -> Json:
    """The team's forecast for now (this round, or with the bid) and the ones before."""
    s = host.session
    sc = game.scenario
    open_ = s.phase in ("open", "bids")
    key = s.round if s.phase == "open" else None

    def row(rnd: int | None, f: Any) -> Json:
        return {
            "round": rnd,
            "when": t("web.round", lang, round=rnd, rounds=s.rounds) if rnd is not None else t("web.with_bid", lang),
            "win": pct(f.win, lang=lang),
            "price": money(f.price, sc, lang) if f.price is not None else "",
            "by": f.by or t("web.by_trainer", lang),
        }

    made = s.forecasts(team)
    history = [row(r, f) for r, f in sorted(made.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))]
    now = made.get(key) if open_ else None
    return {
        "open": open_,
        "now": row(key, now) if now is not None else None,
        "history": history,
    }


def refusal(exc: RoleError, lang: str, game: Game | None) -> Json:
    """A refusal of the roles' rules in the member's words: whose part it is and who acts for it."""
    p: Mapping[str, Any] = exc.params
    action = str(p.get("action") or "")
    roles = [str(r) for r in p.get("roles", []) if isinstance(r, str)]
    who = [str(x) for x in p.get("holders", [])]
    holders = join_list(who, lang) if who else t("web.nobody_holds", lang)
    kw: dict[str, object] = {
        "action": action_name(action, lang) if action else "",
        "roles": roles_text(roles, lang, "or"),
        "holders": holders,
        "cost": cost_text(game.cost_of(action), game.scenario, lang) if game is not None and action else "",
        "waiting": join_list([str(x) for x in p.get("waiting", [])], lang),
        "by": str(p.get("by") or ""),
    }
    key = f"web.err.{exc.code}"
    return {"code": exc.code, "msg": t(key, lang, **kw), "params": {k: v for k, v in p.items() if k != "action"}}
