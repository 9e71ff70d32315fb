"""Hot-seat entry in a workshop: a curtain, the team's last report, its board or bid, then the session.

The team plays on the game's own board (:class:`BoardScreen`) and bid screen
(:class:`BidScreen`), bound to its game in the session. Their plan lives in
the game's pending allocations while the team types, exactly as in a normal
game (:class:`game.session.hotseat.ScratchEntry`, the terminal console's too), and
is kept as the team's draft after every change, so a crash loses nothing typed;
handing in restores what the session had and sends the plan to
``Session.submit`` (or ``submit_bid``), which checks it, logs it and applies
it. Cancelling restores what the session had, so nothing unlogged ever
reaches a resolution. The countdown is not driven while a team types (a
round closed by the timer would otherwise resolve an unsaved plan): at zero
the session refuses the entry as late when it is handed in, as documented.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import pygame

from game.engine.game import Allocation, Game
from game.present import fmt, words
from game.session.hotseat import Match, Report, ScratchEntry
from game.strings import STRINGS, t
from game.ui.screens.base import Shortcut, escape
from game.ui.screens.bid import BidScreen
from game.ui.screens.board import BoardScreen
from game.ui.screens.board_paint import CHART
from game.ui.screens.ws_common import (
    Workshop,
    WsScreen,
    clock_colour,
    clock_text,
    error_text,
    is_refusal,
)
from game.ui.screens.ws_control import replaced_text
from game.ui.theme import ACCENT, BAD, DIM, GOOD, H1, LARGE, SMALL, TEXT, WARN
from game.ui.widgets import dialogs

if TYPE_CHECKING:
    from game.ui.app import App


class SessionMatch(Match):
    """A Match over a team's game in the session (the board and the report read it)."""

    def __post_init__(self) -> None:
        """The game is the session's (set after construction); nothing is created here."""


def team_match(ws: Workshop, team: str) -> SessionMatch:
    s = ws.session
    tm = s.team(team)
    match = SessionMatch(s.scenario, s.config.seed, [tm.vendor])
    match.game = s.game_of(tm.name)
    rep = s.report(tm.name)
    if rep is not None:
        match.reports[tm.vendor] = Report(rep.record, rep.before, rep.previous)
    return match


def _pill(surface: pygame.Surface, screen: BoardScreen | BidScreen, ws: Workshop, team: str, rect: pygame.Rect) -> None:
    """The team's name and the countdown, so nobody enters for the wrong team or past the time."""
    ctx, f, m = screen.ctx, screen.ctx.fonts, screen.ctx.metrics
    s = ws.session
    left = s.remaining()
    over = s.phase == "open" and left <= 0 and s.config.round_seconds > 0
    if over and s.config.at_zero == "pass":
        clock = screen.tr("wsw.pill.late")
    else:
        clock = clock_text(s) if s.config.round_seconds > 0 and s.phase == "open" else ""
    text = f"{team}  ·  {clock}" if clock else team
    size = ctx.fs(SMALL + 1)
    surf = f.render(f.fit(text, size, rect.w - m.px(20), True), size, BAD if over else clock_colour(s) if clock else TEXT, True)
    bg = pygame.Rect(0, 0, surf.get_width() + m.px(20), rect.h)
    bg.topright = rect.topright
    pygame.draw.rect(surface, (12, 18, 26), bg, border_radius=bg.h // 2)
    pygame.draw.rect(surface, ACCENT, bg, width=max(1, m.px(2)), border_radius=bg.h // 2)
    surface.blit(surf, (bg.x + m.px(10), bg.centery - surf.get_height() // 2))


def _forecast(ws: Workshop, team: str, win: float, price: float | None, by: str | None) -> None:
    """A team's forecast typed at its hot-seat entry goes to the session's log (and so to its game)."""
    try:
        ws.session.forecast(team, win, price, by=by)
    except Exception as exc:
        if not is_refusal(exc):
            raise
        ws.note_error(exc)


class _LoggedBeliefs:
    """A team's game for the belief map: everything as the game's, but an estimate goes to the session.

    ``Session.record_belief`` logs it and applies it to the game, so it is
    replayed on resume and exported for the debrief.
    """

    def __init__(self, game: Game, ws: Workshop, team: str) -> None:
        self._game = game
        self._ws = ws
        self._team = team

    def record_belief(
        self, vendor: str, stakeholder: str, *, stance: float | None = None, cares: dict[str, float] | None = None
    ) -> None:
        try:
            self._ws.session.record_belief(self._team, stakeholder, stance=stance, cares=cares)
        except Exception as exc:
            if not is_refusal(exc):
                raise
            self._ws.note_error(exc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._game, name)


class WsCurtainScreen(WsScreen):
    """'Team Red: press Enter when only your team can see the screen.'"""

    def __init__(self, app: App, ws: Workshop, team: str) -> None:
        super().__init__(app, ws)
        self.team = ws.session.team(team).name

    def build(self) -> None:
        lw = self.ctx.metrics.lw
        self.button((lw / 2 - 200, 540, 400, 64), self.tr("curtain.ready"), self.tr("curtain.ready.tip"), self.ready, oid="#primary")
        self.button((lw - 300, 740, 270, 44), self.tr("wsw.curtain.back"), self.tr("wsw.curtain.back.tip"), self.back, oid="#small")

    def ready(self) -> None:
        s, app = self.session, self.app
        if s.phase == "open":
            board = SessionBoardScreen(app, self.ws, self.team)
            app.replace(board)
            rep = s.report(self.team)
            if rep is not None and self.ws.seen.get(self.team) != rep.record.turn:
                from game.ui.screens.turn_report import TurnReportScreen

                self.ws.seen[self.team] = rep.record.turn
                app.push(TurnReportScreen(app, board.match, review=True))
        elif s.phase == "bids":
            app.replace(SessionBidScreen(app, self.ws, self.team))
        else:
            app.pop()
            dialogs.message(app, self.tr("wsw.entry.title", team=self.team), escape(self.tr("wsw.entry.closed")))

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN:
            return False
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self.ready()
            return True
        if event.key == pygame.K_ESCAPE:
            self.back()
            return True
        return False

    def shortcuts(self) -> list[Shortcut]:
        return [("Enter", self.tr("keys.curtain")), ("Esc", self.tr("wsw.keys.curtain_back"))]

    def paint(self, surface: pygame.Surface) -> None:
        ctx, f, m = self.ctx, self.ctx.fonts, self.ctx.metrics
        s = self.session
        cx = m.px(m.lw / 2)
        f.draw(surface, self.tr("wsw.curtain.team", team=self.team), (cx, m.px(180)), ctx.fs(H1 + 8), ACCENT, bold=True, align="center", max_width=m.px(m.lw - 80))
        if s.config.mode == "head-to-head":
            vendor = words.vendor_name(s.scenario, s.team(self.team).vendor, ctx.lang)
            f.draw(surface, vendor, (cx, m.px(252)), ctx.fs(LARGE), DIM, align="center")
        stage = self.tr("curtain.bid") if s.phase == "bids" else self.tr("wsw.curtain.round", round=s.round, rounds=s.rounds)
        f.draw(surface, stage, (cx, m.px(300)), ctx.fs(LARGE + 2), TEXT, bold=True, align="center")
        f.draw_block(surface, self.tr("wsw.curtain.text", team=self.team), m.rect(m.lw / 2 - 440, 400, 880, 110), ctx.fs(LARGE), DIM)

    def draw_live(self, surface: pygame.Surface) -> None:
        s = self.session
        if s.phase != "open" or s.config.round_seconds <= 0:
            return
        ctx, f, m = self.ctx, self.ctx.fonts, self.ctx.metrics
        text = self.tr("wsw.curtain.clock", clock=clock_text(s))
        f.draw(surface, text, (m.px(m.lw / 2), m.px(344)), ctx.fs(LARGE), clock_colour(s), align="center")


class SessionBoardScreen(BoardScreen):
    """The game's board for one team of the session; 'End the turn' hands the plan to the session."""

    def __init__(self, app: App, ws: Workshop, team: str) -> None:
        self.ws = ws
        self.team = ws.session.team(team).name
        match = team_match(ws, self.team)
        vid = match.teams[0]
        session = ws.session
        self.scratch = ScratchEntry.open(
            match.game, vid, session.drafts().get(self.team), save=lambda plan: session.save_draft(self.team, plan)
        )
        super().__init__(app, match)

    def plan_changed(self) -> None:
        """The plan changed: kept as the team's draft at once (a crash loses nothing typed)."""
        super().plan_changed()
        self.scratch.sync()

    def build(self) -> None:
        super().build()
        leave = self.tr("board.leave")
        the_map = self.tr("map.open") if "map.open" in STRINGS else None
        for e in list(self.elements):
            text = getattr(e, "text", None)
            if text == leave:
                e.set_tooltip(self.tip(self.tr("wsw.entry.cancel.tip")))
            elif the_map is not None and text == the_map:
                # The team's map of the committee, with its estimates logged in the session.
                rect = e.relative_rect
                e.kill()
                self.elements.remove(e)
                m = self.ctx.metrics
                self.button((rect.x / m.scale, rect.y / m.scale, rect.w / m.scale, rect.h / m.scale), the_map, self.tr("map.open.tip"), self.open_map, oid="#small")

    def open_map(self) -> None:
        """The board's belief map, over the team's game; saving an estimate goes to the session."""
        from game.ui.screens.beliefs import BeliefMapScreen

        match = team_match(self.ws, self.team)
        match.game = cast(Game, _LoggedBeliefs(self.game, self.ws, self.team))
        self.app.push(BeliefMapScreen(self.app, match, self.vid))

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_m and not self.app.typing():
            self.open_map()
            return True
        return super().handle_event(event)

    def save_forecast(self, win: float, price: float | None, by: str | None) -> None:
        _forecast(self.ws, self.team, win, price, by)

    def restore(self) -> list[Allocation]:
        """Put back what the session had (the team's entry so far, or nothing); the plan typed here."""
        return self.scratch.close()

    def _end_now(self) -> None:
        entry = self.restore()
        s, app, team = self.ws.session, self.app, self.team
        try:
            replaced = s.submit(team, entry, source="hot-seat")
        except Exception as exc:
            if not is_refusal(exc):
                raise
            app.pop()
            self.ws.note("wsw.entry_lost_note", BAD, team=team)
            dialogs.message(app, self.tr("wsw.entry.title", team=team), escape(self.tr("wsw.entry_lost", msg=error_text(exc, self.ctx.lang))), size=(760, 260))
            return
        self.ws.note("wsw.entry_saved", GOOD, team=team, n=len(entry), replaced=replaced_text(replaced))
        app.pop()

    def leave(self) -> None:
        dialogs.confirm(
            self.app,
            self.tr("wsw.entry.cancel"),
            escape(self.tr("wsw.entry.cancel_q", team=self.team)),
            yes=self.tr("wsw.entry.cancel_yes"),
            yes_tip=self.tr("wsw.entry.cancel.tip"),
            on_yes=self._leave_now,
            danger=True,
        )

    def _leave_now(self) -> None:
        self.restore()
        self.ws.session.drop_draft(self.team)  # cancelled: the draft goes too (as in the console)
        self.ws.note("wsw.entry_cancelled", WARN, team=self.team)
        self.app.pop()

    def shortcuts(self) -> list[Shortcut]:
        return [(k, self.tr("wsw.keys.entry_cancel") if k == "Esc" else v) for k, v in super().shortcuts()]

    def draw_live(self, surface: pygame.Surface) -> None:
        super().draw_live(surface)
        m = self.ctx.metrics
        _pill(surface, self, self.ws, self.team, m.rect(CHART.x + CHART.w - 184 - 330, CHART.y + 2, 330, 24))


class SessionBidScreen(BidScreen):
    """The game's bid screen for one team of the session; the bid goes to ``Session.submit_bid``."""

    def __init__(self, app: App, ws: Workshop, team: str) -> None:
        self.ws = ws
        self.team = ws.session.team(team).name
        super().__init__(app, team_match(ws, self.team))
        bids = ws.session.bids()
        if self.team in bids and bids[self.team] is not None:
            self.text = f"{bids[self.team]:,.0f}"

    def build(self) -> None:
        super().build()
        self.button((280, 744, 260, 52), self.tr("wsw.entry.cancel"), self.tr("wsw.entry.cancel.tip"), self.leave, oid="#small")

    def save_forecast(self, win: float, price: float | None, by: str | None) -> None:
        _forecast(self.ws, self.team, win, price, by)

    def _submit(self, price: float | None) -> None:
        s, app, team = self.ws.session, self.app, self.team
        self.bid_forecast(price)
        try:
            s.submit_bid(team, price, source="hot-seat")
        except Exception as exc:
            if not is_refusal(exc):
                raise
            app.pop()
            self.ws.note("wsw.entry_lost_note", BAD, team=team)
            dialogs.message(app, self.tr("wsw.entry.title", team=team), escape(self.tr("wsw.entry_lost", msg=error_text(exc, self.ctx.lang))), size=(760, 260))
            return
        def shown(lang: str) -> str:
            return fmt.short_money(price, s.scenario, lang) if price is not None else t("award.no_bid", lang)

        self.ws.note("wsw.bid_saved", GOOD, team=team, price=shown)
        app.pop()

    def leave(self) -> None:
        dialogs.confirm(
            self.app,
            self.tr("wsw.entry.cancel"),
            escape(self.tr("wsw.bid.cancel_q", team=self.team)),
            yes=self.tr("wsw.entry.cancel_yes"),
            yes_tip=self.tr("wsw.entry.cancel.tip"),
            on_yes=self._leave_now,
        )

    def _leave_now(self) -> None:
        self.ws.note("wsw.bid_cancelled", WARN, team=self.team)
        self.app.pop()

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.leave()
            return True
        return super().handle_event(event)

    def shortcuts(self) -> list[Shortcut]:
        return [*super().shortcuts(), ("Esc", self.tr("wsw.keys.entry_cancel"))]

    def draw_live(self, surface: pygame.Surface) -> None:
        super().draw_live(surface)
        m = self.ctx.metrics
        _pill(surface, self, self.ws, self.team, m.rect(m.lw - 40 - 400, 26, 400, 32))
