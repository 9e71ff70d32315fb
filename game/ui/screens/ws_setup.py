"""Setting up a workshop session: scenario, mode, teams, seed, countdown, at-zero policy, session file.

Every field is checked as it is typed and the problems are listed (the
"Create" button waits until there are none); the last word is
:func:`game.session.config.build_config` and ``Session.create``, whose
refusals are shown as they are. Nothing crashes on a bad value.
"""

from __future__ import annotations

import math
import secrets
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.present import fmt, words
from game.scenario.schema import Scenario
from game.session.config import (
    MAX_NAME,
    MAX_TEAMS,
    NameProblem,
    SessionConfig,
    SetupOptions,
    build_config,
    default_session_path,
    duplicate_names,
    name_problem,
    tidy_name,
)
from game.session.session import Session
from game.ui import entries
from game.ui.screens.base import Shortcut
from game.ui.screens.ws_common import HEADER_H, Workshop, WsBase, error_text, is_refusal
from game.ui.theme import ACCENT, BAD, BODY, BORDER, DIM, GOOD, LARGE, PANEL, PANEL_2, SMALL, TEXT
from game.ui.widgets.draw import panel
from game.ui.widgets.files import exists, is_dir, same_file, typed_path

if TYPE_CHECKING:
    from game.ui.app import App

LX, LW = 24, 680
RX = 728
CARD_W, CARD_H, CARD_GAP = 336, 56, 8
CARDS_Y = 102
CARDS_MAX = 6
PATH_Y = 292
MODE_Y = 398
TEAMS_Y = 488
NAMES_Y = 534
NAME_H, NAME_GAP = 38, 8
PROBLEMS = (RX, 466, 688, 232)
DEFAULT_NAMES = {
    "en": ["Red", "Blue", "Green", "Gold", "Purple", "Orange", "Teal", "Silver", "Pink", "Navy", "Olive", "Coral"],
    "zh": ["红队", "蓝队", "绿队", "金队", "紫队", "橙队", "青队", "银队", "粉队", "藏青队", "橄榄队", "珊瑚队"],
}


class WsSetupScreen(WsBase):
    """The trainer's choices before the first round (see the module's docstring)."""

    def __init__(
        self,
        app: App,
        *,
        scenario_path: Path | None = None,
        options: SetupOptions | None = None,
        mono: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(app)
        opts = options or SetupOptions()
        self.mono, self.wall = mono, wall
        self.entries: list[entries.Entry] = entries.bundled_entries(self.ctx.scenarios_dir)
        self.selected = next((i for i, e in enumerate(self.entries) if e.path.stem == "rural_schools"), 0 if self.entries else -1)
        if scenario_path is not None:
            self.select_path(Path(scenario_path))
        self.path_text = ""
        self.serve_on = app.serve_default  # teams join from their own devices (a served session)
        self.mode = opts.mode if opts.mode in ("head-to-head", "parallel") else "parallel"
        self.vendor: str | None = opts.vendor
        names = list(DEFAULT_NAMES["zh" if self.ctx.lang == "zh" else "en"])
        self.team_vendors: list[str | None] = [None] * MAX_TEAMS
        self.n = 3
        if opts.teams:
            given = list(opts.teams)[:MAX_TEAMS]
            self.n = max(1, len(given))
            for i, raw in enumerate(given):
                name, _, v = raw.partition("=")
                names[i] = name.strip()
                self.team_vendors[i] = v.strip() or None
        self.names = names
        self.seed_text = str(opts.seed if opts.seed is not None else secrets.randbelow(1_000_000))
        self.minutes_text = f"{opts.round_minutes:g}" if opts.round_minutes is not None else "6"
        self.at_zero = opts.at_zero if opts.at_zero in ("pass", "wait") else "pass"
        self.session_edited = opts.session_path is not None
        self.session_text = str(opts.session_path) if opts.session_path is not None else ""
        self.fit_choices()
        self.default_path()
        # Widgets (rebuilt on every layout change).
        self.name_entries: list[pygame_gui.elements.UITextEntryLine] = []
        self.vendor_menus: list[tuple[pygame_gui.elements.UIDropDownMenu, dict[str, str]]] = []
        self.parallel_menu: tuple[pygame_gui.elements.UIDropDownMenu, dict[str, str]] | None = None
        self.seed_entry: pygame_gui.elements.UITextEntryLine | None = None
        self.minutes_entry: pygame_gui.elements.UITextEntryLine | None = None
        self.session_entry: pygame_gui.elements.UITextEntryLine | None = None
        self.path_entry: pygame_gui.elements.UITextEntryLine | None = None
        self.create_button: pygame_gui.elements.UIButton | None = None
        self.problems: list[str] = []
        self.config: SessionConfig | None = None

    # -- the scenario -----------------------------------------------------------------------
    @property
    def scenario(self) -> Scenario | None:
        e = self.chosen
        return e.scenario if e is not None else None

    @property
    def chosen(self) -> entries.Entry | None:
        return self.entries[self.selected] if 0 <= self.selected < len(self.entries) else None

    def playable(self) -> list[str]:
        sc = self.scenario
        return [v.id for v in sc.playable_vendors()] if sc is not None else []

    def select_path(self, path: Path) -> entries.Entry:
        entry = entries.load_entry(path)
        for i, e in enumerate(self.entries):
            if same_file(e.path, path):
                self.entries[i] = entry
                self.selected = i
                return entry
        self.entries.append(entry)
        self.selected = len(self.entries) - 1
        return entry

    def choose(self, i: int) -> None:
        self.read_fields()
        self.selected = i
        self.fit_choices()
        self.default_path()
        self.rebuild()

    def open_path(self) -> None:
        self.read_fields()
        path = typed_path(self.path_text)
        if path is None:
            self.message(self.tr("wsw.setup.scenario"), self.tr("title.path_empty"))
            return
        entry = self.select_path(path)
        self.fit_choices()
        self.default_path()
        self.rebuild()
        if entry.scenario is None:
            from game.ui.widgets import dialogs

            dialogs.problems_window(self.app, str(entry.path), entry.problems)

    def fit_choices(self) -> None:
        """Keep the vendors and the number of teams possible for the scenario and the mode."""
        playable = self.playable()
        if not playable:
            return
        if self.vendor not in playable:
            self.vendor = playable[0]
        if self.mode == "head-to-head":
            self.n = min(self.n, len(playable))
            used: list[str] = []
            for i in range(self.n):
                v = self.team_vendors[i]
                if v not in playable or v in used:
                    v = next((p for p in playable if p not in used), playable[0])
                self.team_vendors[i] = v
                used.append(v)

    def default_path(self) -> None:
        sc = self.scenario
        if not self.session_edited and sc is not None:
            self.session_text = str(default_session_path(sc.id, self.wall))

    # -- fields --------------------------------------------------------------------------------
    def read_fields(self) -> None:
        for i, e in enumerate(self.name_entries):
            if e.alive():
                self.names[i] = e.get_text()
        for i, (menu, options) in enumerate(self.vendor_menus):
            if menu.alive():
                self.team_vendors[i] = _picked(menu, options) or self.team_vendors[i]
        if self.parallel_menu is not None and self.parallel_menu[0].alive():
            self.vendor = _picked(*self.parallel_menu) or self.vendor
        for attr, entry in (("seed_text", self.seed_entry), ("minutes_text", self.minutes_entry), ("path_text", self.path_entry)):
            if entry is not None and entry.alive():
                setattr(self, attr, entry.get_text())
        if self.session_entry is not None and self.session_entry.alive():
            text = self.session_entry.get_text()
            if text != self.session_text:
                self.session_edited = True
                self.session_text = text

    def set_mode(self, mode: str) -> None:
        self.read_fields()
        self.mode = mode
        self.fit_choices()
        self.rebuild()

    def set_at_zero(self, at_zero: str) -> None:
        self.read_fields()
        self.at_zero = at_zero
        self.rebuild()

    def change_teams(self, d: int) -> None:
        self.read_fields()
        most = len(self.playable()) if self.mode == "head-to-head" else MAX_TEAMS
        self.n = max(1, min(most or 1, self.n + d))
        self.fit_choices()
        self.rebuild()

    def new_seed(self) -> None:
        self.read_fields()
        self.seed_text = str(secrets.randbelow(1_000_000))
        if self.seed_entry is not None:
            self.seed_entry.set_text(self.seed_text)
        self.validate()

    # -- checking ------------------------------------------------------------------------------------
    def validate(self) -> list[str]:
        """The problems of the set-up as it stands (empty: it can be created); also sets ``config``."""
        self.problems, self.config = [], None
        p = self.problems
        sc = self.scenario
        e = self.chosen
        if sc is None or e is None:
            p.append(self.tr("wsw.setup.p.scenario", path=str(e.path) if e else ""))
        seed = entries.read_seed(self.seed_text)
        if seed is None:
            p.append(self.tr("wsw.setup.p.seed", word=self.seed_text.strip()))
        try:
            minutes = float(self.minutes_text.strip().replace(",", "."))
            if not (0 <= minutes <= 1440) or math.isnan(minutes):
                raise ValueError
        except ValueError:
            minutes = -1.0
            p.append(self.tr("wsw.setup.p.minutes", word=self.minutes_text.strip()))
        names = [tidy_name(self.names[i]) for i in range(self.n)]
        for i, name in enumerate(names):
            problem = name_problem(name)
            if problem == NameProblem.EMPTY:
                p.append(self.tr("wsw.setup.p.name_empty", n=i + 1))
            elif problem == NameProblem.BAD_CHARS:
                p.append(self.tr("wsw.setup.p.name_chars", name=name))
            elif problem == NameProblem.TOO_LONG:
                p.append(self.tr("wsw.setup.p.name_long", name=name[:20], most=MAX_NAME))
        dups = duplicate_names(names)
        if dups:
            p.append(self.tr("wsw.setup.p.name_dup", names=", ".join(dups)))
        playable = self.playable()
        if sc is not None and self.mode == "head-to-head":
            if self.n > len(playable):
                p.append(self.tr("wsw.setup.p.too_many", n=len(playable)))
            chosen = [self.team_vendors[i] for i in range(self.n)]
            if len(set(chosen)) < len(chosen):
                p.append(self.tr("wsw.setup.p.vendor_twice"))
        target = typed_path(self.session_text)
        if target is None:
            p.append(self.tr("wsw.setup.p.path_empty"))
        else:
            if exists(target):
                p.append(self.tr("wsw.setup.p.path_exists", path=str(target)))
            elif any(exists(parent) and not is_dir(parent) for parent in target.parents):
                p.append(self.tr("wsw.setup.p.path_folder", path=str(target)))
        if p or sc is None or seed is None:
            return p
        teams = [f"{n}={self.team_vendors[i]}" if self.mode == "head-to-head" else n for i, n in enumerate(names)]
        try:
            self.config = build_config(
                sc,
                teams=teams,
                mode=self.mode,
                seed=seed,
                round_seconds=int(round(minutes * 60)),
                at_zero=self.at_zero,
                vendor=self.vendor if self.mode == "parallel" else None,
                lang=self.ctx.lang,
            )
        except Exception as exc:
            if not is_refusal(exc):
                raise
            p.append(error_text(exc, self.ctx.lang))
        return p

    def refresh(self) -> None:
        self.validate()
        if self.create_button is not None:
            if self.problems:
                self.create_button.disable()
            else:
                self.create_button.enable()
        self.dirty = True

    def create(self) -> None:
        self.read_fields()
        if self.validate() or self.config is None:
            self.refresh()
            self.message(self.tr("wsw.setup.title"), "\n".join(self.problems))
            return
        e = self.chosen
        assert e is not None  # validate() checked the scenario
        try:
            session = Session.create(typed_path(self.session_text) or Path(), e.path, self.config, mono=self.mono, wall=self.wall)
        except Exception as exc:
            if not is_refusal(exc):
                raise
            self.message(self.tr("wsw.setup.title"), error_text(exc, self.ctx.lang))
            return
        from game.ui.screens.ws_control import WsControlScreen
        from game.ui.workshop import start_serving

        host, why = start_serving(self.app, session) if self.serve_on else (None, None)
        ws = Workshop(session, host=host)
        ws.note("wsw.created", GOOD, path=str(session.path or ""), seed=session.config.seed)
        if why is not None:
            ws.note("web.cannot_serve", BAD, msg=why)
        self.app.replace(WsControlScreen(self.app, ws))

    def toggle_serve(self) -> None:
        """Teams join from their own devices (served), or play at this laptop (hot-seat, files)."""
        self.serve_on = not self.serve_on
        self.rebuild()

    # -- widgets ----------------------------------------------------------------------------------------
    def build(self) -> None:
        lang = self.ctx.lang
        self._right = self.header_buttons()
        # Scenarios: invisible buttons over the drawn cards.
        for slot, i in enumerate(self.card_indexes()):
            e = self.entries[i]
            x = LX + (slot % 2) * (CARD_W + CARD_GAP)
            y = CARDS_Y + (slot // 2) * (CARD_H + CARD_GAP)
            tip = str(e.path) if e.scenario is None else f"{e.scenario.title.get(lang)}\n{e.path.name}"
            self.button((x, y, CARD_W, CARD_H), "", tip, partial(self.choose, i), oid="#hotspot")
        self.path_entry = self.text_entry((LX, PATH_Y, LW - 120, 40), self.path_text, self.tr("wsw.setup.path.tip"))
        self.path_entry.set_text(self.path_text)
        self.button((LX + LW - 112, PATH_Y, 112, 40), self.tr("title.open"), self.tr("wsw.setup.open.tip"), self.open_path)
        # Mode.
        half = (LW - 8) / 2
        for j, mode in enumerate(("head-to-head", "parallel")):
            b = self.button((LX + j * (half + 8), MODE_Y, half, 40), self.tr(f"wsw.mode.{mode}"), self.tr(f"wsw.mode.{mode}.tip"), partial(self.set_mode, mode), oid="#small")
            if mode == self.mode:
                b.select()
        # Teams: how many, then names (and vendors head-to-head).
        self.button((LX + 150, TEAMS_Y, 40, 36), "−", self.tr("wsw.setup.fewer.tip"), partial(self.change_teams, -1), oid="#small", enabled=self.n > 1)
        most = len(self.playable()) if self.mode == "head-to-head" else MAX_TEAMS
        self.button((LX + 240, TEAMS_Y, 40, 36), "+", self.tr("wsw.setup.more.tip"), partial(self.change_teams, 1), oid="#small", enabled=self.n < most)
        self.name_entries, self.vendor_menus, self.parallel_menu = [], [], None
        chosen_sc = self.scenario
        vendor_names = {v.id: v.name.get(lang) for v in chosen_sc.vendors} if chosen_sc is not None else {}
        options = {vendor_names[v]: v for v in self.playable()}
        if self.mode == "parallel" and options:
            shown = vendor_names.get(self.vendor or "", next(iter(options)))
            menu = self.keep(pygame_gui.elements.UIDropDownMenu(list(options), shown, self.rect(LX + 430, TEAMS_Y, LW - 430, 36), self.ctx.manager))
            menu.set_tooltip(self.tip(self.tr("wsw.setup.vendor.tip")))
            self.parallel_menu = (menu, options)
        for i in range(self.n):
            cx, cy, cw = self.name_rect(i)
            if self.mode == "head-to-head" and options:
                nw = cw * (0.45 if cw > 400 else 0.52)
                line = self.text_entry((cx, cy, nw - 6, NAME_H), self.names[i], self.tr("wsw.setup.name.tip", n=i + 1))
                shown = vendor_names.get(self.team_vendors[i] or "", next(iter(options)))
                menu = self.keep(pygame_gui.elements.UIDropDownMenu(list(options), shown, self.rect(cx + nw, cy, cw - nw, NAME_H), self.ctx.manager))
                menu.set_tooltip(self.tip(self.tr("wsw.setup.team_vendor.tip")))
                self.vendor_menus.append((menu, options))
            else:
                line = self.text_entry((cx, cy, cw, NAME_H), self.names[i], self.tr("wsw.setup.name.tip", n=i + 1))
            line.set_text(self.names[i])
            self.name_entries.append(line)
        # Seed, minutes, at zero, the session file.
        self.seed_entry = self.text_entry((RX, 102, 220, 40), self.seed_text, self.tr("wsw.setup.seed.tip"))
        self.seed_entry.set_text(self.seed_text)
        self.button((RX + 228, 102, 170, 40), self.tr("wsw.setup.new_seed"), self.tr("wsw.setup.new_seed.tip"), self.new_seed, oid="#small")
        self.minutes_entry = self.text_entry((RX, 210, 120, 40), self.minutes_text, self.tr("wsw.setup.minutes.tip"))
        self.minutes_entry.set_text(self.minutes_text)
        rw = self.ctx.metrics.lw - 24 - RX
        hw = (rw - 8) / 2
        for j, policy in enumerate(("pass", "wait")):
            b = self.button((RX + j * (hw + 8), 296, hw, 40), self.tr(f"wsw.at_zero.{policy}"), self.tr(f"wsw.at_zero.{policy}.tip"), partial(self.set_at_zero, policy), oid="#small")
            if policy == self.at_zero:
                b.select()
        self.session_entry = self.text_entry((RX, 386, rw, 40), self.session_text, self.tr("wsw.setup.session.tip"))
        self.session_entry.set_text(self.session_text)
        self.create_button = self.button((self.ctx.metrics.lw - 24 - 380, 716, 380, 56), self.tr("wsw.setup.create"), self.tr("wsw.setup.create.tip"), self.create, oid="#primary")
        if self.app.serve is not None:  # the web server can be started (teams' own devices)
            serve = self.button((RX, 716, rw - 380 - 12, 56), self.tr("wsw.setup.serve"), self.tr("wsw.setup.serve.tip"), self.toggle_serve, oid="#small")
            if self.serve_on:
                serve.select()
        self.refresh()

    def card_indexes(self) -> list[int]:
        """The scenarios shown as cards (the chosen one always among them)."""
        idx = list(range(min(CARDS_MAX, len(self.entries))))
        if self.selected >= CARDS_MAX:
            idx[-1] = self.selected
        return idx

    def name_rect(self, i: int) -> tuple[float, float, float]:
        cols = (1 if self.n <= 4 else 2) if self.mode == "head-to-head" else 3
        w = (LW - (cols - 1) * 8) / cols
        row, col = divmod(i, cols)
        return LX + col * (w + 8), NAMES_Y + row * (NAME_H + NAME_GAP), w

    # -- events -----------------------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type in (pygame_gui.UI_TEXT_ENTRY_CHANGED, pygame_gui.UI_DROP_DOWN_MENU_CHANGED):
            self.read_fields()
            self.refresh()
            return False
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            if event.ui_element is self.path_entry:
                self.app.defer(self.open_path)
                return True
            self.read_fields()
            self.refresh()
            return False
        if event.type != pygame.KEYDOWN or self.app.typing():
            return False
        if event.key == pygame.K_ESCAPE:
            self.back()
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.create()
            return True
        if event.key == pygame.K_n:
            self.new_seed()
            return True
        if event.key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS, pygame.K_MINUS, pygame.K_KP_MINUS):
            self.change_teams(-1 if event.key in (pygame.K_MINUS, pygame.K_KP_MINUS) else 1)
            return True
        if event.key == pygame.K_m:
            self.set_mode("parallel" if self.mode == "head-to-head" else "head-to-head")
            return True
        return False

    def shortcuts(self) -> list[Shortcut]:
        return [
            ("Enter", self.tr("wsw.keys.create")),
            ("M", self.tr("wsw.keys.mode")),
            ("+ / −", self.tr("wsw.keys.teams")),
            ("N", self.tr("wsw.keys.seed")),
            ("Esc", self.tr("wsw.keys.back")),
        ]

    # -- drawing ---------------------------------------------------------------------------------------------------
    def paint(self, surface: pygame.Surface) -> None:
        ctx, f, m, lang = self.ctx, self.ctx.fonts, self.ctx.metrics, self.ctx.lang
        self.paint_header(surface, self.tr("wsw.setup.title"), self.tr("wsw.setup.sub"), self._right)
        head = ctx.fs(LARGE)
        f.draw(surface, self.tr("wsw.setup.scenario"), (m.px(LX), m.px(HEADER_H + 10)), head, TEXT, bold=True)
        for slot, i in enumerate(self.card_indexes()):
            e = self.entries[i]
            r = m.rect(LX + (slot % 2) * (CARD_W + CARD_GAP), CARDS_Y + (slot // 2) * (CARD_H + CARD_GAP), CARD_W, CARD_H)
            sel = i == self.selected
            panel(surface, r, PANEL_2 if sel else PANEL, ACCENT if sel else BORDER, m.px(8), m.px(3 if sel else 1))
            pad = m.px(12)
            title = e.scenario.title.get(lang) if e.scenario is not None else e.path.name
            f.draw(surface, title, (r.x + pad, r.y + m.px(5)), ctx.fs(BODY), TEXT, bold=True, max_width=r.w - 2 * pad)
            if e.scenario is None:
                line = self.tr("title.card_problems", n=len(e.problems))
                f.draw(surface, line, (r.x + pad, r.y + m.px(30)), ctx.fs(SMALL - 1), BAD, max_width=r.w - 2 * pad)
            else:
                card = e.scenario
                line = self.tr("wsw.setup.card", turns=card.turns, people=len(card.stakeholders), playable=len(card.playable_vendors()))
                f.draw(surface, line, (r.x + pad, r.y + m.px(30)), ctx.fs(SMALL - 1), DIM, max_width=r.w - 2 * pad)
        f.draw(surface, self.tr("wsw.setup.path"), (m.px(LX), m.px(PATH_Y - 22)), ctx.fs(SMALL), DIM)
        sc = self.scenario
        if sc is not None:
            vendors = fmt.join_list([v.name.get(lang) for v in sc.playable_vendors()], lang)
            f.draw(surface, self.tr("wsw.setup.playable", vendors=vendors), (m.px(LX), m.px(PATH_Y + 48)), ctx.fs(SMALL), ACCENT, max_width=m.px(LW))
        f.draw(surface, self.tr("wsw.setup.mode"), (m.px(LX), m.px(MODE_Y - 30)), head, TEXT, bold=True)
        n_play = len(self.playable())
        explain = self.tr(f"wsw.mode.{self.mode}.explain", n=n_play)
        f.draw_block(surface, explain, m.rect(LX, MODE_Y + 44, LW, 48), ctx.fs(SMALL), DIM, max_lines=2)
        f.draw(surface, self.tr("wsw.setup.teams"), (m.px(LX), m.px(TEAMS_Y + 2)), head, TEXT, bold=True, max_width=m.px(140))
        f.draw(surface, str(self.n), (m.px(LX + 215), m.px(TEAMS_Y + 4)), head, ACCENT, bold=True, align="center")
        if self.mode == "parallel":
            f.draw(surface, self.tr("wsw.setup.all_play"), (m.px(LX + 422), m.px(TEAMS_Y + 6)), ctx.fs(SMALL), DIM, align="right", max_width=m.px(120))
        # The right column.
        f.draw(surface, self.tr("wsw.setup.seed"), (m.px(RX), m.px(HEADER_H + 10)), head, TEXT, bold=True)
        rw = m.lw - 24 - RX
        f.draw(surface, self.tr("wsw.setup.seed.hint"), (m.px(RX), m.px(148)), ctx.fs(SMALL), DIM, max_width=m.px(rw))
        f.draw(surface, self.tr("wsw.setup.minutes"), (m.px(RX), m.px(178)), head, TEXT, bold=True)
        f.draw(surface, self.tr("wsw.setup.minutes.hint"), (m.px(RX + 134), m.px(220)), ctx.fs(SMALL), DIM, max_width=m.px(rw - 134))
        f.draw(surface, self.tr("wsw.setup.at_zero"), (m.px(RX), m.px(264)), head, TEXT, bold=True)
        f.draw(surface, self.tr("wsw.setup.session"), (m.px(RX), m.px(354)), head, TEXT, bold=True)
        f.draw(surface, self.tr("wsw.setup.session.hint"), (m.px(RX), m.px(432)), ctx.fs(SMALL), DIM, max_width=m.px(rw))
        box = self.paint_panel(surface, PROBLEMS, self.tr("wsw.setup.problems") if self.problems else self.tr("wsw.setup.ready"))
        inner = pygame.Rect(box.x + m.px(14), box.y + m.px(38), box.w - m.px(28), box.h - m.px(46))
        if self.problems:
            text = "\n".join("• " + q for q in self.problems)
            f.draw_block(surface, text, inner, ctx.fs(SMALL), BAD)
        elif self.config is not None and sc is not None:
            cfg = self.config
            minutes = self.tr("ws.minutes", n=f"{cfg.round_seconds / 60:g}") if cfg.round_seconds else self.tr("ws.untimed")
            teams = self.tr("list.sep").join(t.name if cfg.mode == "parallel" else f"{t.name} ({words.vendor_name(sc, t.vendor, lang)})" for t in cfg.teams)
            summary = self.tr(
                "wsw.setup.summary",
                scenario=sc.title.get(lang),
                mode=self.tr(f"ws.mode.{cfg.mode}"),
                vendor=self.tr("wsw.setup.vendor_part", vendor=words.vendor_name(sc, cfg.teams[0].vendor, lang)) if cfg.mode == "parallel" else "",
                seed=cfg.seed,
                rounds=sc.turns,
                minutes=minutes,
                at_zero=self.tr(f"ws.at_zero.{cfg.at_zero}"),
                teams=teams,
            )
            f.draw_block(surface, summary, inner, ctx.fs(SMALL), GOOD)


def _picked(menu: pygame_gui.elements.UIDropDownMenu, options: dict[str, str]) -> str | None:
    sel = menu.selected_option
    shown = sel[0] if isinstance(sel, tuple) else sel
    return options.get(shown)
