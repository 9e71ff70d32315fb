"""Debrief and learning analytics: why each team won or lost, and what it can learn.

Modules (each takes a :class:`game.engine.teams.TeamGame` or a Game and returns
frozen data; :mod:`game.present.debrief` words and draws it):

- ``explain``: the total split into parts that add up to it, people, vetoes, the price effect
- ``winprob``: win probability after every turn with AI play, split into skill and luck
- ``whatif``: replays with one decision changed and the same dice; the best single change
- ``pitfalls``: the key-account pitfalls a game shows, with evidence and a better move
- ``beliefs``: a team's recorded map of the committee against the truth
- ``forecasts``: the team's forecasts against the model's win probability and the outcome (Brier score)
- ``teamwork``: how the team worked: each role's days, joint actions and people, each member's part,
  peer reviews, and the roles that held the class back
- ``bundle``: everything for a class in one call (``debrief_teams``), for front ends
- ``gamefile``: saving and loading played games outside a workshop session

docs/MODEL.md section 11 documents the method and the measures.
"""
