"""The title screen: choose a scenario (bundled or any file), language, window size, seed."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.present import fmt
from game.scenario.schema import Scenario
from game.ui import entries
from game.ui.screens.base import Screen, Shortcut, ctrl
from game.ui.theme import (
    ACCENT,
    BAD,
    BODY,
    BORDER,
    DIM,
    H1,
    H2,
    LARGE,
    PANEL,
    PANEL_2,
    SMALL,
    TEXT,
    WINDOW_SIZES,
)
from game.ui.widgets import dialogs
from game.ui.widgets.draw import panel
from game.ui.widgets.files import FileChooser, same_file, typed_path

if TYPE_CHECKING:
    from game.ui.app import App

PAGE = 5
CARD_H = 74


class TitleScreen(Screen):
    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.entries = entries.bundled_entries(self.ctx.scenarios_dir)
        self.selected = 0 if self.entries else -1
        self.page = 0
        self.path_text = ""
        self.seed_text = "" if self.ctx.seed is None else str(self.ctx.seed)
        self._games_seen = self.ctx.games_started
        self.path_entry: pygame_gui.elements.UITextEntryLine | None = None
        self.seed_entry: pygame_gui.elements.UITextEntryLine | None = None
        self.size_menu: pygame_gui.elements.UIDropDownMenu | None = None
        self.card_buttons: list[pygame_gui.elements.UIButton] = []
        self.start_button: pygame_gui.elements.UIButton | None = None

    # -- scenario choice -----------------------------------------------------------------
    @property
    def chosen(self) -> entries.Entry | None:
        return self.entries[self.selected] if 0 <= self.selected < len(self.entries) else None

    def select_path(self, path: Path) -> entries.Entry:
        """Add the file at ``path`` to the list (or find it there) and select it."""
        path = Path(path)
        entry = entries.load_entry(path)
        for i, e in enumerate(self.entries):
            if same_file(e.path, path):
                self.entries[i] = entry
                self.select(i)
                return entry
        self.entries.append(entry)
        self.select(len(self.entries) - 1)
        return entry

    def select(self, i: int) -> None:
        if not self.entries:
            return
        self.selected = max(0, min(len(self.entries) - 1, i))
        page = self.selected // PAGE
        self.dirty = True
        if not self.elements:
            self.page = page
        elif page != self.page:
            self._read_fields()
            self.page = page
            self.rebuild()
        elif self.start_button is not None:
            if self.entry_ok():
                self.start_button.enable()
            else:
                self.start_button.disable()

    def open_selected(self) -> None:
        """Go to the briefing of the selected scenario, or show why it cannot be played."""
        entry = self.chosen
        if entry is None:
            return
        if entry.scenario is None:
            dialogs.problems_window(self.app, str(entry.path), entry.problems)
            return
        from game.ui.screens.briefing import BriefingScreen

        self._read_fields()
        self.app.push(BriefingScreen(self.app, entry.scenario, self.seed()))

    def open_typed_path(self) -> None:
        self._read_fields()
        path = typed_path(self.path_text)
        if path is None:
            dialogs.message(self.app, self.tr("title.open_label"), self.tr("title.path_empty"))
            return
        entry = self.select_path(path)
        if entry.scenario is None:
            dialogs.problems_window(self.app, str(entry.path), entry.problems)

    def browse(self) -> None:
        self._read_fields()
        FileChooser(self.app, self.tr("title.browse_title"), self.ctx.scenarios_dir, {".yaml", ".yml"}, self.picked)

    def picked(self, path: Path) -> None:
        self.path_text = str(path)
        if self.path_entry is not None and self.path_entry.alive():
            self.path_entry.set_text(self.path_text)
        self._picked(path)

    def seed(self) -> int | None:
        """The typed seed; None (a fresh one) when the box is empty or holds no plain whole number."""
        return entries.read_seed(self.seed_text)

    def _read_fields(self) -> None:
        if self.path_entry is not None and self.path_entry.alive():
            self.path_text = self.path_entry.get_text()
        if self.seed_entry is not None and self.seed_entry.alive():
            self.seed_text = self.seed_entry.get_text()

    # -- widgets ------------------------------------------------------------------------------
    def build(self) -> None:
        ctx, lang = self.ctx, self.ctx.lang
        if ctx.games_started != self._games_seen:  # a game was started with the seed: the next one gets a new seed
            self._games_seen = ctx.games_started
            self.seed_text = ""
        lw = ctx.metrics.lw
        # Language and display.
        x = lw - 60 - 2 * 120 - 10
        en = self.button((x, 40, 120, 44), "English", self.tr("title.lang.tip"), lambda: self.app.set_lang("en"))
        zh = self.button((x + 130, 40, 120, 44), "中文", self.tr("title.lang.tip"), lambda: self.app.set_lang("zh"))
        (en if lang == "en" else zh).select()
        full_text = self.tr("title.windowed") if ctx.fullscreen else self.tr("title.fullscreen")
        self.button(
            (x, 94, 120, 40),
            full_text,
            self.tr("title.display.tip"),
            lambda: self.app.set_display(fullscreen=not ctx.fullscreen),
            oid="#small",
        )
        sizes: list[str | tuple[str, str]] = [f"{w}×{h}" for w, h in WINDOW_SIZES]
        current = f"{ctx.metrics.size[0]}×{ctx.metrics.size[1]}"
        if current not in sizes:
            sizes.insert(0, current)
        self.size_menu = self.keep(
            pygame_gui.elements.UIDropDownMenu(sizes, current, self.rect(x + 130, 94, 120, 40), ctx.manager)
        )
        self.size_menu.set_tooltip(self.tip(self.tr("title.size.tip")))
        if ctx.fullscreen:
            self.size_menu.disable()
        # Trainers: a workshop session (game/ui/workshop.py), new or resumed.
        self.button((x - 16 - 240, 40, 240, 44), self.tr("wsw.title.workshop"), self.tr("wsw.title.workshop.tip"), self.workshop)
        self.button((x - 16 - 240, 94, 240, 40), self.tr("wsw.title.resume"), self.tr("wsw.title.resume.tip"), self.resume_session, oid="#small")

        # Scenario cards: invisible buttons over the drawn cards (click and tooltip).
        self.card_buttons = []
        first = self.page * PAGE
        for slot, i in enumerate(range(first, min(first + PAGE, len(self.entries)))):
            e = self.entries[i]
            tip = str(e.path) if e.scenario is None else f"{e.scenario.title.get(lang)}\n{e.path.name}"
            b = self.button((60, 196 + slot * (CARD_H + 8), 640, CARD_H), "", tip, partial(self._card, i), oid="#hotspot")
            self.card_buttons.append(b)
        pages = (len(self.entries) + PAGE - 1) // PAGE
        if pages > 1:
            self.button((600, 150, 46, 36), "▲", self.tr("title.prev.tip"), lambda: self._page(-1), oid="#small", enabled=self.page > 0)
            self.button((654, 150, 46, 36), "▼", self.tr("title.next.tip"), lambda: self._page(1), oid="#small", enabled=self.page < pages - 1)

        # Open any file.
        self.path_entry = self.text_entry((60, 660, 420, 44), self.path_text, self.tr("title.path.tip"))
        self.path_entry.set_text(self.path_text)
        self.button((490, 660, 100, 44), self.tr("title.open"), self.tr("title.open.tip"), self.open_typed_path)
        self.button((600, 660, 100, 44), self.tr("title.browse"), self.tr("title.browse.tip"), self.browse)

        # Seed, quit, start.
        self.seed_entry = self.text_entry((lw - 60 - 560 + 110, 620, 160, 40), self.seed_text, self.tr("title.seed.tip"))
        playable = self.entry_ok()
        self.button((lw - 60 - 560, 700, 180, 56), self.tr("title.quit"), self.tr("title.quit.tip"), lambda: self.app.quit(0))
        self.start_button = self.button(
            (lw - 60 - 360, 700, 360, 56),
            self.tr("title.start"),
            self.tr("title.start.tip"),
            self.open_selected,
            oid="#primary",
            enabled=playable,
        )

    def workshop(self) -> None:
        from game.ui.workshop import open_setup

        self._read_fields()
        e = self.chosen
        open_setup(self.app, e.path if e is not None and e.scenario is not None else None)

    def resume_session(self) -> None:
        from game.ui.workshop import open_resume

        self._read_fields()
        open_resume(self.app)

    def entry_ok(self) -> bool:
        e = self.chosen
        return e is not None and e.scenario is not None

    def _card(self, i: int) -> None:
        if i == self.selected:
            self.open_selected()
            return
        self._read_fields()
        self.select(i)
        e = self.chosen
        if e is not None and e.scenario is None:
            dialogs.problems_window(self.app, str(e.path), e.problems)

    def _page(self, d: int) -> None:
        self._read_fields()
        pages = (len(self.entries) + PAGE - 1) // PAGE
        self.page = max(0, min(pages - 1, self.page + d))
        self.selected = min(len(self.entries) - 1, self.page * PAGE)
        self.dirty = True
        self.rebuild()

    # -- events ---------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element is self.size_menu:
            w, h = (int(x) for x in event.text.split("×"))
            self.app.defer(lambda: self.app.set_display(size=(w, h), fullscreen=False))
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.path_entry:
            self.app.defer(self.open_typed_path)
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED:
            self._read_fields()
            return False
        if event.type != pygame.KEYDOWN or self.app.typing():
            return False
        if event.key in (pygame.K_DOWN, pygame.K_UP):
            self.select(self.selected + (1 if event.key == pygame.K_DOWN else -1))
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.open_selected()
            return True
        if event.key == pygame.K_o and ctrl(event):
            self.browse()
            return True
        if event.key == pygame.K_q and ctrl(event):
            self.app.quit(0)
            return True
        if event.key == pygame.K_w and not ctrl(event):
            self.workshop()
            return True
        return False

    def _picked(self, path: Path) -> None:
        entry = self.select_path(path)
        if entry.scenario is None:
            dialogs.problems_window(self.app, str(entry.path), entry.problems)

    def shortcuts(self) -> list[Shortcut]:
        return [
            ("↑ ↓", self.tr("keys.title.choose")),
            ("Enter", self.tr("keys.title.start")),
            ("Ctrl+O", self.tr("keys.title.open")),
            ("Ctrl+Q", self.tr("keys.title.quit")),
            ("W", self.tr("wsw.keys.workshop")),
        ]

    # -- drawing ------------------------------------------------------------------------------------
    def paint(self, surface: pygame.Surface) -> None:
        ctx, lang, f = self.ctx, self.ctx.lang, self.ctx.fonts
        m = ctx.metrics
        f.draw(surface, self.tr("title.heading"), (m.px(60), m.px(34)), ctx.fs(H1), TEXT, bold=True)
        f.draw(surface, self.tr("title.subtitle"), (m.px(62), m.px(96)), ctx.fs(LARGE), DIM)
        f.draw(surface, self.tr("title.scenarios"), (m.px(60), m.px(156)), ctx.fs(H2), TEXT, bold=True)
        first = self.page * PAGE
        for slot, i in enumerate(range(first, min(first + PAGE, len(self.entries)))):
            e = self.entries[i]
            r = m.rect(60, 196 + slot * (CARD_H + 8), 640, CARD_H)
            sel = i == self.selected
            panel(surface, r, PANEL_2 if sel else PANEL, ACCENT if sel else BORDER, m.px(8), m.px(3 if sel else 1))
            pad = m.px(16)
            if e.scenario is None:
                f.draw(surface, e.path.name, (r.x + pad, r.y + m.px(10)), ctx.fs(LARGE), TEXT, bold=True, max_width=r.w - 2 * pad)
                f.draw(surface, self.tr("title.card_problems", n=len(e.problems)), (r.x + pad, r.y + m.px(42)), ctx.fs(SMALL), BAD, max_width=r.w - 2 * pad)
                continue
            sc = e.scenario
            f.draw(surface, sc.title.get(lang), (r.x + pad, r.y + m.px(10)), ctx.fs(LARGE), TEXT, bold=True, max_width=r.w - 2 * pad)
            f.draw(surface, self.facts(sc), (r.x + pad, r.y + m.px(42)), ctx.fs(SMALL), DIM, max_width=r.w - 2 * pad)
        if not self.entries:
            f.draw(surface, self.tr("title.none", folder=str(ctx.scenarios_dir)), (m.px(60), m.px(200)), ctx.fs(BODY), DIM)
        f.draw(surface, self.tr("title.open_label"), (m.px(60), m.px(628)), ctx.fs(BODY), DIM)
        self.paint_details(surface)
        f.draw(surface, self.tr("title.keys"), (m.px(60), m.px(m.lh - 40)), ctx.fs(SMALL), DIM)

    def facts(self, sc: Scenario) -> str:
        lang = self.ctx.lang
        name = sc.turn_name.get(lang) if sc.turn_name is not None else ""
        return self.tr(
            "title.facts",
            people=len(sc.stakeholders),
            turns=sc.turns,
            turn_name=self.tr("title.turn_name", name=name) if name else "",
            vendors=len(sc.vendors),
            ceiling=fmt.short_money(sc.tender.ceiling, sc, lang),
        )

    def paint_details(self, surface: pygame.Surface) -> None:
        ctx, lang, f = self.ctx, self.ctx.lang, self.ctx.fonts
        m = ctx.metrics
        x0 = m.lw - 60 - 560
        box = m.rect(x0, 156, 560, 520)
        panel(surface, box, PANEL, BORDER, m.px(10), 1)
        e = self.chosen
        pad = m.px(20)
        inner = box.inflate(-2 * pad, -2 * pad)
        if e is None:
            return
        if e.scenario is None:
            f.draw(surface, e.path.name, inner.topleft, ctx.fs(H2), TEXT, bold=True, max_width=inner.w)
            f.draw_block(surface, "\n".join(e.problems[:8]), pygame.Rect(inner.x, inner.y + m.px(44), inner.w, m.px(380)), ctx.fs(SMALL), BAD)
            return
        sc = e.scenario
        y = inner.y
        y += f.draw_block(surface, sc.title.get(lang), pygame.Rect(inner.x, y, inner.w, m.px(100)), ctx.fs(H2), TEXT, bold=True, max_lines=2) + m.px(6)
        f.draw(surface, self.facts(sc), (inner.x, y), ctx.fs(SMALL), ACCENT, max_width=inner.w)
        y += m.px(30)
        pub = self.tr("title.pub", turn=sc.tender.published_turn)
        vendors = fmt.join_list([v.name.get(lang) for v in sc.vendors], lang)
        f.draw_block(surface, self.tr("title.vendors", vendors=vendors) + "\n" + pub, pygame.Rect(inner.x, y, inner.w, m.px(60)), ctx.fs(SMALL), DIM)
        y += m.px(66)
        story = sc.briefing.get(lang).strip().split("\n")[0]
        f.draw_block(surface, story, pygame.Rect(inner.x, y, inner.w, box.bottom - y - m.px(70)), ctx.fs(BODY), TEXT)
        f.draw(surface, self.tr("title.seed"), (inner.x, m.px(628)), ctx.fs(BODY), DIM)
