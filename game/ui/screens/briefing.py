"""The briefing: the story, the tender's facts and timeline, the vendors; who plays (hot-seat)."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.engine.game import DAY_RESOURCES, Game
from game.present import fmt, words
from game.present.crew import crew_line
from game.scenario.schema import Scenario
from game.session.hotseat import Match, parse_crew
from game.strings import t
from game.ui.screens.base import Screen, Shortcut, escape
from game.ui.screens.nav import go
from game.ui.theme import ACCENT, BORDER, DIM, FAINT, H2, PANEL, PANEL_2, SMALL, TEXT, WARN
from game.ui.widgets.draw import panel

if TYPE_CHECKING:
    from game.ui.app import App

RX, RW = 880, 520


def tender_html(sc: Scenario, lang: str, game: Game | None = None) -> str:
    """The tender's facts (as they stand now when a game is given)."""
    tender = sc.tender
    ceiling = game.ceiling if game is not None else tender.ceiling
    pub = game.pub_turn if game is not None else tender.published_turn
    weights = game.weights() if game is not None else {
        "technical": tender.weights.technical,
        "price": tender.weights.price,
        "commercial": tender.weights.commercial,
    }
    spec = game.spec() if game is not None else {c.id: c.weight for c in sc.criteria}
    turn_name = sc.turn_name.get(lang) if sc.turn_name is not None else None
    extra = t("tender.turn_is", lang, name=turn_name) if turn_name else ""
    lines = [
        t("tender.ceiling", lang, ceiling=fmt.money(ceiling, sc, lang)),
        t("tender.turns", lang, turns=sc.turns, extra=extra),
        t("tender.published", lang, turn=pub) if game is not None and game.published else t("tender.publish_at", lang, turn=pub),
        t("tender.weights", lang, weights=words.weights_text(weights, lang)),
        t(
            "tender.rules",
            lang,
            low=fmt.pct(tender.abnormally_low),
            chance=fmt.pct(tender.disqualify_chance),
            n=tender.min_valid_bids,
        ),
    ]
    parts = [f"• {escape(x)}" for x in words.parts_lines(sc, weights, spec, lang)]
    return "<br>".join(escape(x) for x in lines) + "<br><br><b>" + escape(t("parts.title", lang)) + "</b><br>" + "<br>".join(parts)


def briefing_html(game: Game, teams: Sequence[str], lang: str) -> str:
    """The story, the tender and each team's resources: the board's 'Briefing' window."""
    sc = game.scenario
    story = escape(sc.briefing.get(lang).strip()).replace("\n", "<br>")
    parts = [story, "", f"<b>{escape(t('brief.facts', lang))}</b>", tender_html(sc, lang, game)]
    for vid in teams:
        parts.append("")
        parts.append(escape(resources_text(sc, vid, lang)))
    return "<br>".join(parts)


def resources_text(sc: Scenario, vid: str, lang: str) -> str:
    v = sc.vendors[sc.vendor_index(vid)]
    r = v.resources
    days = fmt.join_list([words.res_amount(k, float(getattr(r, k)), sc, lang) for k in DAY_RESOURCES if getattr(r, k)], lang)
    return t(
        "brief.resources",
        lang,
        vendor=v.name.get(lang),
        days=days,
        budget=fmt.money(r.budget, sc, lang),
        cost=fmt.money(v.cost, sc, lang),
    )


class BriefingScreen(Screen):
    def __init__(self, app: App, scenario: Scenario, seed: int | None) -> None:
        super().__init__(app)
        self.scenario = scenario
        self.seed = seed if seed is not None else secrets.randbelow(1_000_000)
        playable = [v.id for v in scenario.playable_vendors()] or [scenario.vendors[0].id]
        self.playable = playable
        self.teams: list[str] = [playable[0]]
        self.note = ""
        # Team selling: each team's members and roles as typed ('Ada=am,executive; Bo=presales,pm'),
        # and what was typed but not saved yet (kept for the next visit).
        self.crew_texts: dict[str, str] = {}
        self.crew_drafts: dict[str, str] = {}

    def row_h(self) -> float:
        return 80 if len(self.scenario.vendors) <= 4 else max(40, 320 / len(self.scenario.vendors))

    def build(self) -> None:
        sc, lang = self.scenario, self.ctx.lang
        story = escape(sc.briefing.get(lang).strip()).replace("\n", "<br>")
        self.textbox((40, 84, 820, 636), story)
        self.textbox((RX, 84, RW, 300), tender_html(sc, lang))
        for i, v in enumerate(sc.vendors):
            y = 416 + i * self.row_h()
            if v.description is not None:
                width = RW - (156 if v.id in self.playable else 0)
                self.button((RX, y, width, self.row_h() - 6), "", v.description.get(lang), None, oid="#hotspot")
            if v.id not in self.playable:
                continue
            on = v.id in self.teams
            b = self.button(
                (RX + RW - 150, y + 8, 140, min(40, self.row_h() - 14)),
                self.tr("brief.team_on") if on else self.tr("brief.team_off"),
                self.tr("brief.team.tip", vendor=v.name.get(lang)),
                partial(self.toggle, v.id),
                oid="#small",
            )
            if on:
                b.select()
        self.button((40, 740, 200, 52), self.tr("brief.back"), self.tr("brief.back.tip"), self.back)
        self.button((RX + RW - 260 - 16 - 220, 740, 220, 52), self.tr("crewu.open"), self.tr("crewu.open.tip"), self.open_crews)
        self.button((RX + RW - 260, 740, 260, 52), self.tr("brief.start"), self.tr("brief.start.tip"), self.start, oid="#primary")

    def back(self) -> None:
        self.app.pop()

    def toggle(self, vid: str) -> None:
        if vid in self.teams:
            if len(self.teams) == 1:
                self.note = self.tr("brief.need_team")
                self.rebuild()
                return
            self.teams.remove(vid)
        else:
            self.teams.append(vid)
            self.teams.sort(key=self.playable.index)
        self.note = ""
        self.rebuild()

    def open_crews(self) -> None:
        from game.ui.screens.crew import CrewScreen

        self.app.push(CrewScreen(self.app, self))

    def start(self) -> None:
        match = Match(self.scenario, self.seed, list(self.teams))
        for vid in self.teams:
            text = self.crew_texts.get(vid, "")
            if text:
                match.set_crew(vid, parse_crew(text))  # checked when it was saved
        self.app.ctx.seed = None
        self.app.ctx.games_started += 1
        go(self.app, match)

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN or self.app.typing():
            return False
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.start()
            return True
        if event.key == pygame.K_ESCAPE:
            self.app.pop()
            return True
        return False

    def shortcuts(self) -> list[Shortcut]:
        return [("Enter", self.tr("keys.brief.start")), ("Esc", self.tr("keys.brief.back"))]

    def paint(self, surface: pygame.Surface) -> None:
        ctx, lang, f = self.ctx, self.ctx.lang, self.ctx.fonts
        m, sc = ctx.metrics, self.scenario
        f.draw(surface, sc.title.get(lang), (m.px(40), m.px(20)), ctx.fs(H2 + 4), TEXT, bold=True, max_width=m.px(1360))
        f.draw(surface, self.tr("brief.heading"), (m.px(42), m.px(56)), ctx.fs(SMALL), DIM)
        f.draw(surface, self.tr("brief.facts"), (m.px(RX), m.px(56)), ctx.fs(SMALL), DIM)
        f.draw(surface, self.tr("brief.vendors_title"), (m.px(RX), m.px(392)), ctx.fs(SMALL), DIM)
        rh = self.row_h()
        for i, v in enumerate(sc.vendors):
            r = m.rect(RX, 416 + i * rh, RW, rh - 6)
            team = v.id in self.teams
            panel(surface, r, PANEL_2 if team else PANEL, ACCENT if team else BORDER, m.px(8), m.px(2) if team else 1)
            who = self.tr("brief.team") if team else self.tr("brief.ai")
            text_w = r.w - m.px(24) - (m.px(150) if v.id in self.playable else 0)
            f.draw(surface, f"{v.name.get(lang)}  ·  {who}", (r.x + m.px(12), r.y + m.px(4)), ctx.fs(SMALL + 1), TEXT, bold=True, max_width=text_w)
            members = parse_crew(self.crew_texts[v.id]) if team and self.crew_texts.get(v.id) else []
            if rh >= 60 and members:  # the team's members and roles in place of the description
                f.draw_block(surface, crew_line(members, lang), pygame.Rect(r.x + m.px(12), r.y + m.px(28), text_w, r.h - m.px(30)),
                             ctx.fs(SMALL - 2), ACCENT, spacing=1.0)
            elif rh >= 60 and v.description is not None:
                f.draw_block(
                    surface,
                    v.description.get(lang),
                    pygame.Rect(r.x + m.px(12), r.y + m.px(28), text_w, r.h - m.px(30)),
                    ctx.fs(SMALL - 2),
                    DIM,
                    spacing=1.0,
                )
        seed = self.tr("brief.seed", seed=self.seed)
        note, colour = self.note, WARN
        if not note and len(self.teams) > 1:
            names = fmt.join_list([words.vendor_name(sc, vid, lang) for vid in self.teams], lang)
            note, colour = self.tr("brief.hotseat", n=len(self.teams), teams=names), ACCENT
        width = RX + RW - 280 - 260 - 236
        if note:
            f.draw_block(surface, note, m.rect(260, 738, width, 40), ctx.fs(SMALL - 1), colour, spacing=1.0, max_lines=2)
        f.draw(surface, seed, (m.px(260), m.px(776)), ctx.fs(SMALL - 2), FAINT, max_width=m.px(width))
