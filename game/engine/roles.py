"""The roles of a vendor's team and the kind of days each owns (team selling).

The engine records who played which role (``Game.crew``, ``Game.credits``) and
knows what each action costs, so the roles sit here, below the session's rules
for members (:mod:`game.session.roles`) and the debrief's view of the team's
work (:mod:`game.analysis.debrief.teamwork`), which both read them.
"""

from __future__ import annotations

from enum import Enum

from game.engine.game import Game


class Role(str, Enum):
    AM = "am"
    PRESALES = "presales"
    PM = "pm"
    EXECUTIVE = "executive"
    OBSERVER = "observer"


PLAYING: tuple[Role, ...] = (Role.AM, Role.PRESALES, Role.PM, Role.EXECUTIVE)
ALL: tuple[Role, ...] = (*PLAYING, Role.OBSERVER)
RESOURCE: dict[Role, str] = {Role.AM: "sales", Role.PRESALES: "presales", Role.PM: "pm", Role.EXECUTIVE: "executive"}
ROLE_OF_RESOURCE: dict[str, Role] = {r: role for role, r in RESOURCE.items()}


def action_roles(game: Game, action: str) -> tuple[Role, ...]:
    """The roles whose days the action costs (money only: the account manager)."""
    cost = game.cost_of(action)
    roles = tuple(role for role in PLAYING if cost.get(RESOURCE[role], 0.0) > 0)
    return roles or (Role.AM,)
