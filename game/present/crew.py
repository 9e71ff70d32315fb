"""How a team's members, roles and forecasts are said, for the terminal game and the window alike.

The rules are the session's (:mod:`game.session.roles`, :mod:`game.session.hotseat`);
this module only words them: a member and their roles, why a role may not add an
action (a :class:`RoleError`'s code and parameters), what each role has left, a
forecast.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from game.engine.game import Forecast, Game, Member
from game.present.fmt import join_list, money, number, pct
from game.present.words import action_name
from game.session.hotseat import Crew, CrewError
from game.session.roles import RESOURCE, Role, RoleError
from game.strings import t


def role_name(role: Role | str, lang: str, *, title: bool = False) -> str:
    """'account manager' (as a title: 'Account manager')."""
    key = f"team_role.{Role(role).value}"
    return t(key + ".title" if title else key, lang)


def roles_text(roles: Iterable[Role | str], lang: str) -> str:
    return join_list([role_name(r, lang) for r in roles], lang)


def member_text(m: Member, lang: str) -> str:
    """'Ada (account manager, executive)'."""
    return t("crew.member", lang, name=m.name, roles=roles_text(m.roles, lang) or t("crew.no_role", lang))


def crew_line(members: Sequence[Member], lang: str) -> str:
    return t("list.sep", lang).join(member_text(m, lang) for m in members)


def crew_error_text(exc: CrewError, lang: str, syntax: bool = True) -> str:
    """What is wrong with typed members (and, with ``syntax``, how they are written)."""
    said = t(f"crew.err.{exc.code}", lang, **exc.params)
    return said + " " + t("crew.syntax", lang) if syntax else said


def refusal_text(exc: RoleError, lang: str, member: str = "", how: str = "crew.refused") -> str:
    """Why a member may not add (or take back) an action, and who can (``how``: the sentence
    saying what to do, the terminal's by default)."""
    p = exc.params
    action = action_name(str(p.get("action", "")), lang)
    roles = roles_text(_strs(p.get("roles")), lang)
    names = _strs(p.get("holders"))
    if not names:
        return t("crew.refused_nobody", lang, action=action, roles=roles)
    return t(how, lang, action=action, roles=roles, member=member, holders=join_list(names, lang, "or"), first=names[0])


def _strs(v: object) -> list[str]:
    return [str(x) for x in v] if isinstance(v, list | tuple) else []


def left_lines(game: Game, crew: Crew, lang: str) -> list[str]:
    """'account manager (Ada): sales 4/6, money 300,000 CNY' for each role the team has days for."""
    sc = game.scenario
    res = sc.vendors[sc.vendor_index(crew.vendor)].resources
    left = game.remaining(crew.vendor)
    out = []
    for role, who in crew.left_by_role():
        r = RESOURCE[role]
        total = float(getattr(res, r))
        if total <= 0 and role != Role.AM:
            continue
        parts = [t("left.part", lang, res=t(f"res.{r}.short", lang), left=number(left[r]), total=number(total))]
        if role == Role.AM:
            parts.append(t("crew.money_left", lang, money=money(left["money"], sc, lang)))
        out.append(t("crew.left_line", lang, role=role_name(role, lang), who=join_list(who, lang) or t("crew.nobody", lang),
                     left=t("list.sep", lang).join(parts)))
    return out


def forecast_text(f: Forecast, game: Game, lang: str) -> str:
    """'40% to win, expected bid 24,000,000 CNY'."""
    price = t("crew.forecast_price", lang, price=money(f.price, game.scenario, lang)) if f.price is not None else ""
    return t("crew.forecast", lang, win=pct(f.win), price=price)


def this_turn(game: Game, vid: str) -> Forecast | None:
    """The team's forecast for the turn being planned (or with the bid), if it made one."""
    bid = game.phase != "turn"
    return next((f for f in reversed(game.forecasts) if f.vendor == vid and f.turn == game.turn and f.at_bid == bid), None)
