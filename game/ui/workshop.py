"""The workshop in the game window: what ``python main.py workshop`` / ``resume`` open when they can.

:func:`run_workshop_window` is the hook :mod:`game.cli.workshop` calls. It
opens the window on the session set-up (a new session) or on the trainer's
round control (a session the command line opened), with the title screen
underneath; it returns None, having printed why, when no window can open, so
the caller falls back to the terminal console. Every session file it holds
is released when the window closes (everything was saved as it happened).

The screens are in ``game/ui/screens/ws_*.py``; :func:`open_setup` and
:func:`open_resume` are what the title screen's Workshop buttons call.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.session.config import SetupOptions
from game.session.host import Host
from game.session.log import SessionError
from game.session.session import Session

if TYPE_CHECKING:
    from game.ui.app import App


def open_setup(app: App, scenario_path: Path | None = None, options: SetupOptions | None = None) -> None:
    """Push the set-up screen of a new session."""
    from game.ui.screens.ws_setup import WsSetupScreen

    app.push(WsSetupScreen(app, scenario_path=scenario_path, options=options))


def open_resume(app: App) -> None:
    """Push the screen that reopens a session file."""
    from game.ui.screens.ws_resume import WsResumeScreen

    app.push(WsResumeScreen(app))


def open_session(app: App, session: Session) -> None:
    """Push the trainer's round control over an already opened session."""
    from game.ui.screens.ws_resume import open_control

    open_control(app, session, replace=False)


def start_serving(app: App, session: Session) -> tuple[Host | None, str | None]:
    """Serve the session to the teams' browsers (the web server the command line handed over):
    the shared host, or None and why it could not start."""
    if app.serve is None:
        return None, None
    try:
        host, stop = app.serve(session)
    except SessionError as exc:
        return None, str(exc)
    app.shared_lock = host.lock
    app.stop_serving.append(stop)
    return host, None


def run_workshop_window(
    *,
    scenarios: Path,
    scenario_path: Path | None = None,
    options: SetupOptions | None = None,
    session: Session | None = None,
    lang: str | None = None,
    serve: Callable[[Session], tuple[Host, Callable[[], None]]] | None = None,
    served: bool = False,
) -> int | None:
    """Run the workshop in the window; None (nothing raised) when the window cannot open.

    ``serve`` starts the web server for a session (teams join from their own devices): the
    set-up screen offers it, and with ``served`` (``--serve``) it is chosen already."""
    from game.ui.app import open_app
    from game.ui.screens.ws_common import close_all

    language = lang or (session.config.lang if session is not None else "en")
    try:
        app = open_app(
            Path(scenarios),
            lang="zh" if language == "zh" else "en",
            fullscreen=os.environ.get("TENDER_FULLSCREEN", "") == "1",
        )
    except pygame.error as exc:
        print(f"The game window cannot open: {exc}.", file=sys.stderr)
        pygame.quit()
        return None
    app.serve, app.serve_default = serve, served
    try:
        if session is not None:
            open_session(app, session)
        else:
            open_setup(app, scenario_path, options)
        return app.run()
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the trainer gets a message, not a traceback
        if os.environ.get("TENDER_DEBUG"):
            raise
        where = f" The session is saved in {session.path}." if session is not None and session.path else ""
        print(
            f"error: the workshop window stopped unexpectedly ({type(exc).__name__}: {exc}).{where} "
            "Resume it with 'python main.py resume SESSION'; run with TENDER_DEBUG=1 to see the details, "
            "and please report them.",
            file=sys.stderr,
        )
        if os.environ.get("TENDER_TRACE"):
            traceback.print_exc()
        return 1
    finally:
        close_all()
        if session is not None:
            session.close()
        for stop in app.stop_serving:
            stop()
        pygame.quit()
