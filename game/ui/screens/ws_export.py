"""Exports: the CSV tables and the JSON file of a session, written by :mod:`game.session.export`.

The leaderboard inside them comes from the workshop's dashboard (computed off
the UI thread); the buttons wait for it. Every file is written atomically;
the paths written, or the reason nothing was, are shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.session.export import CSV_NAMES, session_stem, write_csv, write_json
from game.session.scoring import Row
from game.ui.screens.base import Shortcut, escape
from game.ui.screens.ws_common import HEADER_H, Workshop, WsScreen, dots, error_text, is_refusal
from game.ui.theme import BAD, BODY, DIM, FAINT, GOOD, SMALL, TEXT, WARN
from game.ui.widgets import dialogs
from game.ui.widgets.files import is_file, typed_path

if TYPE_CHECKING:
    from game.ui.app import App

FOLDER_Y = HEADER_H + 50
BUTTONS_Y = FOLDER_Y + 62
PANELS_Y = BUTTONS_Y + 72


class WsExportScreen(WsScreen):
    def __init__(self, app: App, ws: Workshop) -> None:
        super().__init__(app, ws)
        self.folder_text = str(ws.export_dir or "")
        self.folder_entry: pygame_gui.elements.UITextEntryLine | None = None
        self.buttons: list[pygame_gui.elements.UIButton] = []
        self.written: list[Path] = []
        self.error: str | None = None
        self.ready = False

    def build(self) -> None:
        self._right = self.header_buttons()
        lw = self.ctx.metrics.lw
        self.folder_entry = self.text_entry((24, FOLDER_Y, lw - 48, 44), self.folder_text, self.tr("wsw.export.folder.tip"))
        self.folder_entry.set_text(self.folder_text)
        w = (lw - 48 - 2 * 12) / 3
        self.buttons = [
            self.button((24, BUTTONS_Y, w, 52), self.tr("wsw.export.csv"), self.tr("wsw.export.csv.tip"), lambda: self.write(csv=True, json=False), oid="#primary"),
            self.button((24 + w + 12, BUTTONS_Y, w, 52), self.tr("wsw.export.json"), self.tr("wsw.export.json.tip"), lambda: self.write(csv=False, json=True), oid="#primary"),
            self.button((24 + 2 * (w + 12), BUTTONS_Y, w, 52), self.tr("wsw.export.both"), self.tr("wsw.export.both.tip"), lambda: self.write(csv=True, json=True), oid="#primary"),
        ]
        self.refresh_buttons()

    def refresh_buttons(self) -> None:
        for b in self.buttons:
            if self.ready:
                b.enable()
            else:
                b.disable()

    def update(self, dt: float) -> None:
        ready = self.ws.rows() is not None
        if ready != self.ready:
            self.ready = ready
            self.refresh_buttons()
            self.dirty = True
        super().update(dt)

    def read_fields(self) -> None:
        if self.folder_entry is not None and self.folder_entry.alive():
            self.folder_text = self.folder_entry.get_text()

    def write(self, *, csv: bool, json: bool) -> None:
        self.read_fields()
        rows = self.ws.rows()
        if rows is None:
            return
        folder = typed_path(self.folder_text)
        self.written, self.error = [], None
        if folder is None:
            self.error = self.tr("wsw.export.no_folder")
            self.dirty = True
            return
        targets = ([folder / n for n in CSV_NAMES] if csv else []) + ([self.json_path(folder)] if json else [])
        existing = [p for p in targets if is_file(p)]
        if existing:
            names = "\n".join(f"• {p.name}" for p in existing)
            dialogs.confirm(
                self.app,
                self.tr("wsw.export.replace_title"),
                escape(self.tr("wsw.export.replace_q", n=len(existing), folder=str(folder), names=names)).replace("\n", "<br>"),
                yes=self.tr("wsw.export.replace_yes"),
                yes_tip=self.tr("wsw.export.replace_yes.tip"),
                on_yes=lambda: self.write_now(folder, rows, csv=csv, json=json),
                danger=True,
            )
            return
        self.write_now(folder, rows, csv=csv, json=json)

    def json_path(self, folder: Path) -> Path:
        return folder / f"{session_stem(self.session.path)}.json"

    def write_now(self, folder: Path, rows: list[Row], *, csv: bool, json: bool) -> None:
        """Write the chosen files into ``folder`` (asked first when any was there already)."""
        s = self.session
        self.written, self.error = [], None
        try:
            if csv:
                self.written.extend(write_csv(s, folder, rows))
            if json:
                if folder.exists() and not folder.is_dir():
                    raise NotADirectoryError(f"{folder} is a file; give a folder for the export")
                folder.mkdir(parents=True, exist_ok=True)
                self.written.append(write_json(s, self.json_path(folder), rows))
        except Exception as exc:
            if not is_refusal(exc):
                raise
            self.error = error_text(exc, self.ctx.lang)
            self.ws.note_error(exc)
        else:
            self.ws.export_dir = folder
            self.ws.note("wsw.export.done", GOOD, n=len(self.written), folder=str(folder))
        self.dirty = True

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.folder_entry:
            self.read_fields()
            return False
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.folder_entry:
            self.read_fields()
            if self.ready:
                self.app.defer(lambda: self.write(csv=True, json=True))
            return True
        if event.type == pygame.KEYDOWN and not self.app.typing():
            if event.key == pygame.K_ESCAPE:
                self.back()
                return True
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.ready:
                self.write(csv=True, json=True)
                return True
        return False

    def shortcuts(self) -> list[Shortcut]:
        return [("Enter", self.tr("wsw.keys.export")), ("Esc", self.tr("wsw.keys.back"))]

    def paint(self, surface: pygame.Surface) -> None:
        ctx, f, m, lang = self.ctx, self.ctx.fonts, self.ctx.metrics, self.ctx.lang
        s = self.session
        self.paint_header(surface, self.tr("wsw.export.title", scenario=s.scenario.title.get(lang)), str(s.path or ""), self._right)
        f.draw(surface, self.tr("wsw.export.folder"), (m.px(24), m.px(FOLDER_Y - 26)), ctx.fs(SMALL), DIM)
        half = (m.lw - 48 - 24) / 2
        box = self.paint_panel(surface, (24, PANELS_Y, half, m.lh - 24 - PANELS_Y), self.tr("wsw.export.about_title"))
        f.draw_block(surface, self.tr("wsw.export.about"), pygame.Rect(box.x + m.px(14), box.y + m.px(40), box.w - m.px(28), box.h - m.px(50)), ctx.fs(SMALL), TEXT)
        box = self.paint_panel(surface, (24 + half + 24, PANELS_Y, half, m.lh - 24 - PANELS_Y), self.tr("wsw.export.result_title"))
        inner = pygame.Rect(box.x + m.px(14), box.y + m.px(40), box.w - m.px(28), box.h - m.px(50))
        if not self.ready:
            return  # "waiting..." is drawn live
        if self.error:
            f.draw_block(surface, self.error, inner, ctx.fs(BODY), BAD)
            return
        if not self.written:
            f.draw_block(surface, self.tr("wsw.export.nothing"), inner, ctx.fs(BODY), FAINT)
            return
        y = inner.y
        f.draw(surface, self.tr("wsw.export.written", n=len(self.written)), (inner.x, y), ctx.fs(BODY), GOOD, bold=True)
        y += m.px(32)
        size = ctx.fs(SMALL)
        for p in self.written:
            y += f.draw_block(surface, str(p), pygame.Rect(inner.x, y, inner.w, inner.bottom - y), size, TEXT, max_lines=2) + m.px(4)

    def draw_live(self, surface: pygame.Surface) -> None:
        if self.ready:
            return
        ctx, f, m = self.ctx, self.ctx.fonts, self.ctx.metrics
        half = (m.lw - 48 - 24) / 2
        x = m.px(24 + half + 24 + 14)
        y = m.px(PANELS_Y + 40)
        text = self.tr("wsw.export.waiting") + dots()
        f.draw(surface, text, (x, y), ctx.fs(BODY), WARN)
