"""A team's own debrief for its page: the same sections and charts as the window's debrief screen
and the HTML report (game/present/debrief), charts as PNG data URLs.

Computing it takes a few seconds per team (the win chance after every turn), so
the server does it once per team, after the award, on a thread of its own.
"""

from __future__ import annotations

import base64

from game.analysis.debrief.bundle import TeamDebrief, debrief_teams
from game.engine.teams import TeamGame
from game.present.debrief.charts import pngs, team_figures
from game.present.debrief.text import (
    Names,
    belief_lines,
    curve_lines,
    explanation_lines,
    pitfall_lines,
    team_sections,
)
from game.strings import t

CHART_DPI = 80


def compute(tg: TeamGame) -> TeamDebrief:
    return debrief_teams([tg])[0]


def payload(d: TeamDebrief, lang: str) -> dict[str, object]:
    """The debrief of one team in one language: titled sections of sentences, and charts."""
    g = d.team.game
    n = Names.of(g, lang)
    sections: list[dict[str, object]] = []
    if d.explanation is not None:
        sections.append({"title": t("debrief.section.outcome", lang), "lines": explanation_lines(d.explanation, n)})
    if d.curve is not None:
        sections.append({"title": t("debrief.section.winprob", lang), "lines": curve_lines(d.curve, n)})
    pits = pitfall_lines(d.pitfalls, n, g)
    sections.append({"title": t("debrief.section.pitfalls", lang), "lines": pits[1:] if d.pitfalls else pits})
    if d.beliefs is not None:
        sections.append({"title": t("debrief.section.beliefs", lang), "lines": belief_lines(d.beliefs, n)})
    # The team's forecasts and how its roles worked; peer reviews are the trainer's, never here.
    for key, lines in team_sections(d, n, peers=False):
        sections.append({"title": t(f"debrief.section.{key}", lang), "lines": lines})
    charts = {
        name: "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        for name, png in pngs(team_figures(d, lang), dpi=CHART_DPI).items()
    }
    return {"t": "debrief", "lang": lang, "sections": sections, "charts": charts}
