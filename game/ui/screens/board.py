"""The board: the committee as an org chart, a person's card, allocating actions, the turn's plan.

Everything shown is read from the game (views, remaining resources, pending
allocations, records) or from :func:`game.engine.preview.preview`; the screen
only sends decisions (add, undo, set_actions) and ends the team's turn.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.engine.game import Allocation, DecisionError, Game, Member, PersonView
from game.engine.preview import Preview, preview
from game.present import advice, words
from game.present import crew as cw
from game.scenario.schema import ACTION_IDS, Scenario
from game.session.hotseat import Match
from game.session.roles import RoleError
from game.ui.screens import board_paint as bp
from game.ui.screens import board_team as bt
from game.ui.screens.base import Screen, Shortcut, ctrl, escape
from game.ui.screens.nav import go
from game.ui.theme import ACCENT, BAD, GOOD, WARN
from game.ui.widgets import dialogs
from game.ui.widgets.guide import Guide
from game.ui.widgets.orgchart import Box, Route, layout, route_edges

if TYPE_CHECKING:
    from game.ui.app import App

MAX_AMOUNT = 20


class BoardScreen(Screen):
    def __init__(self, app: App, match: Match) -> None:
        super().__init__(app)
        self.match = match
        self.vid = match.team
        self._views: list[PersonView] | None = None
        self._views_key: tuple[int, int] = (-1, -1)
        views = self.views()
        top = next((p for p in views if p.role == "decision_maker"), views[0])
        self.selected: str = top.id
        self.action: str = ACTION_IDS[0]
        self.amount = 1
        self.status: tuple[Callable[[], str], tuple[int, int, int], float] | None = None
        self.boxes: dict[str, Box] = layout(self.scenario, bp.CHART_NODES)
        self.routes: list[Route] = route_edges(self.scenario, self.boxes, bp.CHART_NODES)
        self.action_buttons: dict[str, pygame_gui.elements.UIButton] = {}
        self.add_button: pygame_gui.elements.UIButton | None = None
        self.plan_elements: list[pygame_gui.elements.UIButton] = []
        self.guide: Guide | None = None
        self.preview_now: Preview | None = None  # of the allocation being prepared
        self.problem: str | None = None  # why it cannot be added, if it cannot
        made = cw.this_turn(self.game, self.vid)  # a forecast made earlier this turn (hot-seat: entered again)
        self.forecast = bt.ForecastBox(
            self.game.ceiling,
            f"{made.win * 100:g}" if made is not None else "",
            f"{made.price:,.0f}" if made is not None and made.price is not None else "",
        )

    # -- reading the game ---------------------------------------------------------------
    @property
    def game(self) -> Game:
        return self.match.game

    @property
    def scenario(self) -> Scenario:
        return self.match.game.scenario

    def views(self) -> list[PersonView]:
        key = (self.game.turn, len(self.game.records))
        if self._views is None or key != self._views_key:
            self._views = self.game.view(self.vid)
            self._views_key = key
        return self._views

    def person(self, sid: str) -> PersonView:
        return next(p for p in self.views() if p.id == sid)

    def pending(self) -> list[Allocation]:
        return list(self.game.pending.get(self.vid, []))

    def allocation(self) -> Allocation:
        return Allocation(self.action, self.selected, self.amount)

    def recompute(self) -> None:
        """Preview and affordability of the allocation being prepared (no preview for a person
        nobody may meet: the engine's refusal says why)."""
        al = self.allocation()
        closed = self.person(al.stakeholder).closed
        self.preview_now = None if closed else preview(self.game, self.vid, al)
        try:
            self.game.check(self.vid, al)
            self.problem = bt.role_problem(self, al)  # the member at the keyboard's roles
        except DecisionError as exc:
            self.problem = self._decision_text(exc, al)

    def _decision_text(self, exc: DecisionError, al: Allocation) -> str:
        return advice.decision_text(exc, self.game, self.vid, self.ctx.lang, al.action, al.amount)

    # -- widgets --------------------------------------------------------------------------
    def enter(self) -> None:
        super().enter()
        sc = self.scenario
        if sc.id == "tutorial" and not self.ctx.seen_guide and self.game.turn == 1:
            self.ctx.seen_guide = True
            self.app.defer(self.start_guide)

    def build(self) -> None:
        self.recompute()
        bp.build_widgets(self)
        bt.build_members(self)
        from game.ui.screens.beliefs import add_map_button  # "Our map": the team's own estimates

        add_map_button(self)
        if self.guide is not None:
            self.guide.show()

    def refresh(self) -> None:
        """Selection, action or amount changed: preview, button states and the drawing."""
        self.recompute()
        closed = self.person(self.selected).closed  # a pool seat: no action can reach them
        for aid, b in self.action_buttons.items():
            if aid == self.action:
                b.select()
            else:
                b.unselect()
            if closed:
                b.disable()
            else:
                b.enable()
        if self.add_button is not None:
            if self.problem is None:
                self.add_button.enable()
            else:
                self.add_button.disable()
        self.dirty = True

    def plan_changed(self) -> None:
        """The plan changed: its buttons again, then the preview and the drawing."""
        for e in self.plan_elements:
            e.kill()
            if e in self.elements:
                self.elements.remove(e)
        self.plan_elements = bp.build_plan_widgets(self)
        self.refresh()

    # -- decisions --------------------------------------------------------------------------
    def select_person(self, sid: str) -> None:
        self.selected = sid
        self.refresh()

    def step_person(self, d: int) -> None:
        ids = [p.id for p in self.views()]
        self.select_person(ids[(ids.index(self.selected) + d) % len(ids)])

    def choose_action(self, aid: str) -> None:
        self.action = aid
        self.refresh()

    def change_amount(self, d: int) -> None:
        self.amount = max(1, min(MAX_AMOUNT, self.amount + d))
        self.refresh()

    def add(self) -> None:
        bt.add_as_member(self, self.allocation())  # a team's member: their roles, a joint action confirmed

    def add_now(self, al: Allocation, confirmed_by: Member | None) -> None:
        crew = self.match.crew
        try:
            if crew is None:
                self.game.add(self.vid, al)
            else:
                crew.add(al, confirmed_by)
        except DecisionError as exc:
            err = exc
            self.say(lambda: self._decision_text(err, al), BAD)
            return
        if confirmed_by is not None:
            who = confirmed_by.name
            self.say(lambda: self.tr("crewt.confirmed", who=who) + "  " + self.tr("added", item=self.item_text(al)), GOOD)
        else:
            self.say(lambda: self.tr("added", item=self.item_text(al)), GOOD)
        self.amount = 1
        self.plan_changed()

    def undo(self) -> None:
        crew = self.match.crew
        al = self.game.undo(self.vid) if crew is None else crew.undo()
        if al is None:
            if crew is None:
                self.say(lambda: self.tr("undo.nothing"), WARN)
            else:
                name = crew.me.name
                self.say(lambda: self.tr("crewt.nothing_mine", member=name), WARN)
            return
        self.say(lambda: self.tr("undone", item=self.item_text(al)), ACCENT)
        self.plan_changed()

    def remove(self, index: int) -> None:
        plan = self.pending()
        if not 0 <= index < len(plan):
            return
        crew = self.match.crew
        if crew is None:
            gone = plan.pop(index)
            self.game.set_actions(self.vid, plan)
        else:
            try:
                gone = crew.remove(index)
            except RoleError as exc:
                err, name = exc, crew.me.name
                self.say(lambda: cw.refusal_text(err, self.ctx.lang, name, "crewu.refused"), BAD)
                return
        self.say(lambda: self.tr("undone", item=self.item_text(gone)), ACCENT)
        self.plan_changed()

    def clear_plan(self) -> None:
        if not self.pending():
            self.say(lambda: self.tr("undo.nothing"), WARN)
            return
        dialogs.confirm(
            self.app,
            self.tr("board.clear"),
            self.tr("board.clear_q"),
            yes=self.tr("board.clear_yes"),
            yes_tip=self.tr("board.clear.tip"),
            on_yes=self._clear_now,
            danger=True,
        )

    def _clear_now(self) -> None:
        crew = self.match.crew
        if crew is None:
            self.game.set_actions(self.vid, [])
            self.say(lambda: self.tr("cleared"), ACCENT)
        else:
            n, name = len(crew.clear()), crew.me.name
            self.say(lambda: self.tr("crewt.cleared_mine", n=n, member=name), ACCENT)
        self.plan_changed()

    def end_turn(self) -> None:
        _, _, problem = self.forecast.reading(self.ctx.lang)
        if problem is not None:
            dialogs.message(self.app, self.tr("fcu.title"), escape(problem + " " + self.tr("fcu.fix")))
            return
        if not bt.may_end(self):
            return
        text = advice.unspent_text(self.game, self.vid, self.ctx.lang)
        if text:
            dialogs.confirm(
                self.app,
                self.tr("board.end_title"),
                self.tr("board.unspent", left=text),
                yes=self.tr("board.end_anyway"),
                yes_tip=self.tr("board.end.tip"),
                on_yes=self._finish,
                no=self.tr("board.keep_planning"),
                no_tip=self.tr("board.keep.tip"),
            )
            return
        self._finish()

    def _finish(self) -> None:
        """The forecast, if one was typed, then the end of the team's turn."""
        win, price, problem = self.forecast.reading(self.ctx.lang)
        if win is not None and problem is None:
            crew = self.match.crew
            self.save_forecast(win, price, crew.me.name if crew is not None else None)
        self._end_now()

    def save_forecast(self, win: float, price: float | None, by: str | None) -> None:
        """Record the team's forecast in its game (a workshop's hot-seat: in the session)."""
        self.game.record_forecast(self.vid, win, price, by)

    def _end_now(self) -> None:
        self.match.end_team_turn()
        go(self.app, self.match)

    def leave(self) -> None:
        dialogs.confirm(
            self.app,
            self.tr("board.leave"),
            self.tr("board.leave_q"),
            yes=self.tr("board.leave_yes"),
            yes_tip=self.tr("board.leave.tip"),
            on_yes=self._leave_now,
            danger=True,
        )

    def _leave_now(self) -> None:
        from game.ui.screens.nav import to_title

        to_title(self.app)

    def show_briefing(self) -> None:
        from game.ui.screens.briefing import briefing_html

        dialogs.Modal(
            self.app,
            self.scenario.title.get(self.ctx.lang),
            briefing_html(self.game, self.match.teams, self.ctx.lang),
            size=(min(1100, self.ctx.metrics.lw - 80), self.ctx.metrics.lh - 80),
            buttons=[(self.tr("ui.close"), self.tr("ui.close.tip"), None, "#primary")],
            fit_text=False,
        )

    def show_report(self) -> None:
        """The last turn's results again (Esc or Continue comes back here)."""
        if self.vid not in self.match.reports:
            return
        from game.ui.screens.turn_report import TurnReportScreen

        self.app.push(TurnReportScreen(self.app, self.match, review=True))

    def start_guide(self) -> None:
        self.guide = Guide(self)
        self.guide.show()

    def guide_closed(self) -> None:
        self.guide = None
        self.dirty = True

    # -- feedback ----------------------------------------------------------------------------
    def say(self, text: Callable[[], str], colour: tuple[int, int, int]) -> None:
        """A short message over the chart; ``text`` is asked again after a language switch."""
        self.status = (text, colour, 4.0)

    def item_text(self, al: Allocation) -> str:
        lang = self.ctx.lang
        name = self.person(al.stakeholder).name.get(lang)
        return self.tr(
            "board.item",
            action=words.action_name(al.action, lang),
            person=name,
            n=al.amount,
            cost=words.cost_text(self.game.cost_of(al.action, al.amount), self.scenario, lang),
        )

    # -- events -----------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type in (pygame_gui.UI_TEXT_ENTRY_CHANGED, pygame_gui.UI_TEXT_ENTRY_FINISHED):
            if self.forecast.changed(event.ui_element):
                self.dirty = True
                return True
            return False
        if event.type != pygame.KEYDOWN or self.app.typing():
            return False
        k = event.key
        if k == pygame.K_z and ctrl(event) or k == pygame.K_BACKSPACE:
            self.undo()
        elif k in (pygame.K_TAB, pygame.K_RIGHT, pygame.K_LEFT):
            back = k == pygame.K_LEFT or (k == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT)
            self.step_person(-1 if back else 1)
        elif pygame.K_1 <= k <= pygame.K_7:
            self.choose_action(ACTION_IDS[k - pygame.K_1])
        elif k in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS, pygame.K_UP):
            self.change_amount(1)
        elif k in (pygame.K_MINUS, pygame.K_KP_MINUS, pygame.K_DOWN):
            self.change_amount(-1)
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if ctrl(event):
                self.end_turn()
            else:
                self.add()
        elif k == pygame.K_e:
            self.end_turn()
        elif k == pygame.K_b:
            self.show_briefing()
        elif k == pygame.K_r:
            self.show_report()
        elif k == pygame.K_g:
            self.start_guide()
        elif k == pygame.K_m:
            from game.ui.screens.beliefs import open_map

            open_map(self)
        elif k == pygame.K_ESCAPE:
            self.leave()
        else:
            return False
        return True

    def shortcuts(self) -> list[Shortcut]:
        return [
            ("Tab / ← →", self.tr("keys.board.person")),
            ("1 … 7", self.tr("keys.board.action")),
            ("+ / −  (↑ ↓)", self.tr("keys.board.amount")),
            ("Enter", self.tr("keys.board.add")),
            ("Ctrl+Z / Backspace", self.tr("keys.board.undo")),
            ("E / Ctrl+Enter", self.tr("keys.board.end")),
            ("B", self.tr("keys.board.brief")),
            ("R", self.tr("keys.board.report")),
            ("G", self.tr("keys.board.guide")),
            ("M", self.tr("keys.board.map")),
            ("Esc", self.tr("keys.board.leave")),
        ]

    # -- drawing -------------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        if self.status is not None:
            text, colour, left = self.status
            left -= dt
            self.status = (text, colour, left) if left > 0 else None
        if self.guide is not None:
            self.guide.tick(dt)
        super().update(dt)

    def paint(self, surface: pygame.Surface) -> None:
        bp.paint_board(self, surface)

    def draw_live(self, surface: pygame.Surface) -> None:
        bp.draw_live(self, surface)
