"""Team selling: the roles a team's members hold and what each role may do.

A key account is won by a team (FIELD_NOTES 1.3): the account manager, the
pre-sales consultant, the project manager and an executive act on one plan.
Each role owns one kind of the vendor's days:

========================  ======================================================
role                      owns
========================  ======================================================
account manager (``am``)  sales days, the campaign money, the bid, handing in
pre-sales (``presales``)  pre-sales consultant days
project manager (``pm``)  project manager days
executive                 executive days
observer                  nothing (reads the plan, forecasts, reviews)
========================  ======================================================

An action belongs to the roles whose days it costs (the scenario's costs,
overrides included); an action that costs only money belongs to the account
manager. An action of two roles (a solution workshop: pre-sales and PM) is
*joint*: proposed by one and confirmed by the other before it counts.

A role nobody in the team has taken is *open*: the account manager acts for
it, or, while nobody has taken the account manager's role, every member does.
So a team of one holds every role (as in a game without roles), and a member
who has not chosen yet can still play. The trainer's console, the window's
hot-seat and a decisions file act for the whole team (``member`` None).

These are the session's rules; the web layer and the other front ends only
carry them (:class:`RoleError` carries a code and parameters for wording).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from game.engine.game import Game
from game.engine.roles import ALL, PLAYING, RESOURCE, ROLE_OF_RESOURCE, Role, action_roles
from game.session.log import SessionError

# The roles themselves and the days each owns are the engine's (game.engine.roles); the
# rules for a team's members are here.
__all__ = [
    "ALL", "PLAYING", "RESOURCE", "ROLE_OF_RESOURCE", "Role", "RoleError", "action_roles", "effective",
    "holders", "needs", "parse_roles",
]


class RoleError(SessionError):
    """A member's request that another role owns. Codes: ``not_your_role`` (params: action,
    roles, holders), ``not_account_manager`` (handing in, taking back or bidding; params:
    holders), ``not_ready`` (params: waiting: display names), ``bad_roles``, ``nothing_to_confirm``."""


def parse_roles(raw: Iterable[str]) -> tuple[Role, ...]:
    """Roles as kept (sorted in the table's order, no repeats); RoleError ``bad_roles`` otherwise.
    An observer holds no other role."""
    try:
        got = {Role(str(r)) for r in raw}
    except ValueError:
        raise RoleError(
            f"a role is one of {', '.join(r.value for r in ALL)}", "bad_roles", roles=[r.value for r in ALL]
        ) from None
    if Role.OBSERVER in got and len(got) > 1:
        raise RoleError("an observer holds no other role", "bad_roles", roles=[r.value for r in ALL])
    return tuple(r for r in ALL if r in got)


def effective(mine: Iterable[Role], team: Mapping[str, Iterable[Role]]) -> frozenset[Role]:
    """The roles a member acts for: its own, and the open ones (nobody in the team holds them)
    when it is the account manager or when nobody is. ``team``: member id -> roles, the member
    included. A member with no roles chosen yet holds none itself but acts for the open ones."""
    own = frozenset(mine)
    if Role.OBSERVER in own:
        return frozenset()
    taken = frozenset(r for roles in team.values() for r in roles)
    open_ = frozenset(r for r in PLAYING if r not in taken)
    if Role.AM in own or Role.AM not in taken:
        return own | open_
    return own


def holders(role: Role, team: Mapping[str, Iterable[Role]], names: Mapping[str, str]) -> list[str]:
    """Display names of the members who act for ``role``."""
    return [names.get(mid, mid) for mid, roles in team.items() if role in effective(roles, team)]


def needs(game: Game, action: str, acting: Iterable[Role]) -> tuple[Role, ...]:
    """The roles of the action the member does not act for (empty: it may add it alone)."""
    have = set(acting)
    return tuple(r for r in action_roles(game, action) if r not in have)
