"""The served session: the trainer's laptop serves a workshop session to the teams' own browsers.

``server`` runs uvicorn on a thread beside the trainer's console or window; ``app`` is the
Starlette application (pages, the join API, WebSockets); ``hub`` carries every request to the
session under the host's lock (game/session/host.py) and sends each page its state; ``views``
builds what a team's page and the projector page show, fog of war enforced here; ``protocol``
checks every message a browser sends. docs/WORKSHOP.md section 13 is the trainer's guide.
"""
