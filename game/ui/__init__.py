"""The game window (pygame-ce + pygame_gui): the only package that imports pygame.

- ``app``: :func:`~game.ui.app.run_window` (what ``python main.py`` calls) and
  :class:`~game.ui.app.App`, the stack of screens (push / pop / replace /
  set_stack) with a steppable loop, ``step(events, dt)`` then ``draw()``.
- ``context``: the shared :class:`~game.ui.context.Context` (language, window
  metrics, the pygame_gui manager, fonts, paths).
- ``screens``: one module per screen, each a :class:`~game.ui.screens.base.Screen`
  with enter / exit / build / handle_event / update / draw; ``nav`` moves a
  game between its screens, ``flow.Match`` says which comes next.
- ``widgets``: drawing helpers (org chart, person card, icons, rich text) and
  modal windows.
- ``theme`` and ``text``: colours, scaling, the pygame_gui theme, fonts.
- ``driver``: drives the window headless for tests, benchmarks and screenshots.

Screens read the engine's views, records and results and send decisions;
they never compute a game result. New screens (a trainer's dashboard, a
debrief) subclass Screen and are pushed onto the same App.
"""
