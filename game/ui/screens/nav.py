"""Moving between the game's screens: the Match says which step comes next, nav shows it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.session.hotseat import Match

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.screens.base import Screen


def screen_for(app: App, match: Match) -> Screen:
    """The screen for the match's current step."""
    step = match.step()
    if step == "curtain":
        from game.ui.screens.curtain import CurtainScreen

        return CurtainScreen(app, match)
    if step == "open_bids":
        from game.ui.screens.curtain import OpenBidsScreen

        return OpenBidsScreen(app, match)
    if step == "report":
        from game.ui.screens.turn_report import TurnReportScreen

        return TurnReportScreen(app, match)
    if step == "board":
        from game.ui.screens.board import BoardScreen

        return BoardScreen(app, match)
    if step == "bid":
        from game.ui.screens.bid import BidScreen

        return BidScreen(app, match)
    from game.ui.screens.award import AwardScreen

    return AwardScreen(app, match)


def go(app: App, match: Match) -> None:
    """Show the match's current step in place of the current game screen."""
    app.replace(screen_for(app, match))


def to_title(app: App) -> None:
    """Back to the title screen (the bottom of the stack)."""
    from game.ui.screens.title import TitleScreen

    title = next((s for s in app.stack if isinstance(s, TitleScreen)), None)
    app.set_stack([title if title is not None else TitleScreen(app)])
