"""Who is in each team (team selling): a line of members and roles per team, from the briefing.

Each line is read as the terminal's ``--team`` is (``Ada=am,executive; Bo=presales,pm``,
:func:`game.session.hotseat.parse_crew`); an empty line keeps one player holding
every role. A line that cannot be read says why under it, and nothing typed is lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.present import crew as cw
from game.present.words import vendor_name
from game.session.hotseat import CrewError, parse_crew
from game.ui.screens.base import Screen, Shortcut
from game.ui.theme import ACCENT, BAD, BORDER, DIM, GOOD, H2, PANEL, SMALL, TEXT
from game.ui.widgets.draw import panel
from game.ui.widgets.entry import TextEntry

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.screens.briefing import BriefingScreen

X, W = 60, 1320
ROW_Y = 250


def row_h(n: int) -> float:
    return min(130.0, 480.0 / max(1, n))


class CrewScreen(Screen):
    def __init__(self, app: App, briefing: BriefingScreen) -> None:
        super().__init__(app)
        self.briefing = briefing
        self.texts: dict[str, str] = {
            vid: briefing.crew_drafts.get(vid, briefing.crew_texts.get(vid, "")) for vid in briefing.teams
        }
        self.problems: dict[str, str] = {}
        self.entries: dict[str, TextEntry] = {}

    def build(self) -> None:
        self.entries = {}
        for i, vid in enumerate(self.briefing.teams):
            y = ROW_Y + i * row_h(len(self.briefing.teams))
            e = self.text_entry((X + 20, y + 40, W - 40, 44), self.texts[vid], self.tr("crewu.entry.tip"))
            self.entries[vid] = e
        if self.entries:
            next(iter(self.entries.values())).focus()
        self.button((X, 740, 220, 52), self.tr("crewu.back"), self.tr("crewu.back.tip"), self.back)
        self.button((X + W - 260, 740, 260, 52), self.tr("crewu.save"), self.tr("crewu.save.tip"), self.save, oid="#primary")

    def back(self) -> None:
        """Leave without saving (what was typed stays for next time)."""
        self.briefing.crew_drafts.update(self.texts)
        self.app.pop()

    def save(self) -> None:
        self.problems = {}
        for vid, text in self.texts.items():
            if not text.strip():
                continue
            try:
                parse_crew(text)
            except CrewError as exc:
                self.problems[vid] = cw.crew_error_text(exc, self.ctx.lang, syntax=False)
        if self.problems:
            self.dirty = True
            return
        self.briefing.crew_texts = {vid: text.strip() for vid, text in self.texts.items() if text.strip()}
        self.briefing.crew_drafts = {}
        self.app.pop()

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type in (pygame_gui.UI_TEXT_ENTRY_CHANGED, pygame_gui.UI_TEXT_ENTRY_FINISHED):
            for vid, e in self.entries.items():
                if event.ui_element is e:
                    self.texts[vid] = e.get_text()
                    self.problems.pop(vid, None)
                    self.dirty = True
                    if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
                        self.app.defer(self.save)
                    return True
            return False
        if event.type != pygame.KEYDOWN or self.app.typing():
            return False
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.save()
            return True
        if event.key == pygame.K_ESCAPE:
            self.back()
            return True
        return False

    def shortcuts(self) -> list[Shortcut]:
        return [("Enter", self.tr("crewu.save.tip")), ("Esc", self.tr("crewu.back.tip"))]

    def paint(self, surface: pygame.Surface) -> None:
        ctx, f, m = self.ctx, self.ctx.fonts, self.ctx.metrics
        sc, lang = self.briefing.scenario, ctx.lang
        f.draw(surface, self.tr("crewu.title"), (m.px(X), m.px(24)), ctx.fs(H2 + 4), TEXT, bold=True)
        f.draw_block(surface, self.tr("crewu.intro"), m.rect(X, 74, W, 90), ctx.fs(SMALL + 1), DIM)
        f.draw_block(surface, self.tr("crew.syntax"), m.rect(X, 170, W, 70), ctx.fs(SMALL), ACCENT)
        for i, vid in enumerate(self.briefing.teams):
            y = ROW_Y + i * row_h(len(self.briefing.teams))
            problem = self.problems.get(vid)
            panel(surface, m.rect(X, y, W, row_h(len(self.briefing.teams)) - 10), PANEL, BAD if problem else BORDER, m.px(8), m.px(2) if problem else 1)
            f.draw(surface, vendor_name(sc, vid, lang), (m.px(X + 20), m.px(y + 8)), ctx.fs(SMALL + 2), TEXT, bold=True)
            if problem:
                note, colour = problem, BAD
            else:
                try:
                    text = self.texts[vid]
                    members = parse_crew(text) if text.strip() else []
                    note, colour = (cw.crew_line(members, lang), GOOD) if members else (self.tr("crewu.empty"), DIM)
                except CrewError:
                    note, colour = self.tr("crewu.unsaved"), DIM
            f.draw_block(surface, note, m.rect(X + 20, y + 88, W - 40, 32), ctx.fs(SMALL - 1), colour, max_lines=1)
