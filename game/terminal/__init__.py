"""The terminal game: a text front end on :class:`game.engine.game.Game`.

``app.run_terminal`` plays a scenario interactively (one team or hot-seat
teams); ``render`` turns the engine's views and records into plain-text screens
in English or Chinese; ``strings`` is the catalogue of interface strings.
"""
