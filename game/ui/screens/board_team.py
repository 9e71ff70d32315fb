"""Team selling on the board: who is at the keyboard (a team's members), and the team's forecast box.

The rules are the session's (:class:`game.session.hotseat.Crew`): the board asks
the crew whether the member at the keyboard may add an action, asks the other
role's holder to confirm a joint action, and takes back only the member's own
actions. The forecast box (the chance to win in %, the price the team expects to
bid) is read with the terminal's readers and recorded when the team ends its turn.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame
from pygame_gui.core import ObjectID

from game.present import crew as cw
from game.present.fmt import join_list
from game.present.reading import NumberError, read_chance, read_expected_price
from game.present.words import action_name
from game.session.roles import Role, RoleError
from game.ui.screens.base import escape
from game.ui.theme import BAD, DIM, GOOD, SMALL, WARN
from game.ui.widgets import dialogs
from game.ui.widgets.entry import TextEntry

if TYPE_CHECKING:
    from game.engine.game import Allocation
    from game.ui.screens.base import Screen
    from game.ui.screens.board import BoardScreen

MEMBERS_X = 340  # the members' buttons, on the committee's title line
MEMBERS_W = 350


class ForecastBox:
    """Two entries (chance to win %, expected bid) on a screen; ``reading`` says what they hold."""

    def __init__(self, ceiling: float, win: str = "", price: str = "") -> None:
        self.ceiling = ceiling
        self.win_text = win
        self.price_text = price
        self.win_entry: TextEntry | None = None
        self.price_entry: TextEntry | None = None

    def build(self, s: Screen, win_rect: tuple[float, float, float, float], price_rect: tuple[float, float, float, float] | None) -> None:
        ctx = s.ctx

        def entry(rect: tuple[float, float, float, float], text: str, placeholder: str, tip: str) -> TextEntry:
            e = TextEntry(s.rect(*rect), ctx.manager, initial_text=text or None, placeholder_text=placeholder,
                          object_id=ObjectID(object_id="#forecast"), limit=40)
            e.set_tooltip(s.tip(tip))
            s.keep(e)
            return e

        self.win_entry = entry(win_rect, self.win_text, s.tr("fcu.win.placeholder"), s.tr("fcu.win.tip"))
        if price_rect is not None:
            self.price_entry = entry(price_rect, self.price_text, s.tr("fcu.price.placeholder"), s.tr("fcu.price.tip"))

    def changed(self, element: object) -> bool:
        """A text-entry event: True when it was one of the box's (its text is kept)."""
        if self.win_entry is not None and element is self.win_entry:
            self.win_text = self.win_entry.get_text()
            return True
        if self.price_entry is not None and element is self.price_entry:
            self.price_text = self.price_entry.get_text()
            return True
        return False

    def reading(self, lang: str) -> tuple[float | None, float | None, str | None]:
        """(chance, price, problem): chance None when left empty; problem the sentence saying what is wrong."""
        try:
            win = read_chance(self.win_text) if self.win_text.strip() else None
            price = read_expected_price(self.price_text, self.ceiling)
        except NumberError as exc:
            return None, None, exc.message(lang)
        return win, price, None

    def paint_label(self, s: Screen, surface: pygame.Surface, at: tuple[float, float], width: float, label: str) -> None:
        ctx, m = s.ctx, s.ctx.metrics
        _, _, problem = self.reading(ctx.lang)
        text, colour = (problem, BAD) if problem else (label, DIM)
        ctx.fonts.draw(surface, ctx.fonts.fit(text, ctx.fs(SMALL - 2), m.px(width)), (m.px(at[0]), m.px(at[1])), ctx.fs(SMALL - 2), colour)


# -- members at the keyboard -----------------------------------------------------------------------


def build_members(s: BoardScreen) -> None:
    """A button per member on the committee's title line; the one at the keyboard is selected."""
    crew = s.match.crew
    if crew is None:
        return
    n = len(crew.members)
    w = min(110.0, MEMBERS_W / n - 4)
    y = 72
    for i, m in enumerate(crew.members):
        b = s.button((MEMBERS_X + i * (w + 4), y, w, 24), m.name, s.tr("crewu.member.tip", member=cw.member_text(m, s.ctx.lang)),
                     partial(take_keyboard, s, i), oid="#small")
        if i == crew.current:
            b.select()


def paint_members_label(s: BoardScreen, surface: pygame.Surface) -> None:
    if s.match.crew is None:
        return
    ctx, m = s.ctx, s.ctx.metrics
    label = ctx.fonts.fit(s.tr("crewu.at_keys"), ctx.fs(SMALL - 2), m.px(MEMBERS_X - 200))
    ctx.fonts.draw(surface, label, (m.px(MEMBERS_X - 6), m.px(76)), ctx.fs(SMALL - 2), DIM, align="right")


def take_keyboard(s: BoardScreen, i: int) -> None:
    crew = s.match.crew
    if crew is None:
        return
    crew.current = i
    s.say(lambda: s.tr("crewt.now", member=cw.member_text(crew.me, s.ctx.lang)), GOOD)
    s.rebuild()
    s.recompute()
    s.refresh()


def role_problem(s: BoardScreen, al: Allocation) -> str | None:
    """Why the member at the keyboard may not add ``al`` (None: they may, perhaps with a confirmation)."""
    crew = s.match.crew
    if crew is None:
        return None
    try:
        crew.check(al.action)
    except RoleError as exc:
        return cw.refusal_text(exc, s.ctx.lang, crew.me.name, "crewu.refused")
    return None


def add_as_member(s: BoardScreen, al: Allocation) -> None:
    """Add for the member at the keyboard; a joint action asks the other role's holder first."""
    crew = s.match.crew
    if crew is None:
        s.add_now(al, None)
        return
    problem = role_problem(s, al)
    if problem is not None:
        s.say(lambda: problem, BAD)
        return
    v = crew.check(al.action)
    confirmer = v.confirmer if v.missing else None
    if confirmer is None:
        s.add_now(al, None)
        return
    lang = s.ctx.lang
    q = s.tr("crewu.joint_q", who=confirmer.name, roles=cw.roles_text(v.missing, lang), action=action_name(al.action, lang),
             person=s.person(al.stakeholder).name.get(lang))

    def declined() -> None:
        crew.decline(al)
        s.say(lambda: s.tr("crewt.declined", who=confirmer.name), WARN)

    dialogs.confirm(
        s.app, s.tr("crewu.joint_title"), escape(q),
        yes=s.tr("crewu.joint_yes", who=confirmer.name), yes_tip=s.tr("crewu.joint_yes.tip"),
        on_yes=lambda: s.add_now(al, confirmer),
        no=s.tr("crewu.joint_no"), no_tip=s.tr("crewu.joint_no.tip"), on_no=declined,
    )


def may_end(s: BoardScreen) -> bool:
    """Only the account manager hands in the turn (a team without members: anyone)."""
    crew = s.match.crew
    if crew is None or Role.AM in crew.acting():
        return True
    who = crew.holders(Role.AM)
    s.say(lambda: s.tr("crewu.end_by_am", who=join_list(who, s.ctx.lang), first=who[0] if who else "?"), BAD)
    return False

