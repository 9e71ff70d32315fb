"""The debrief: why each team won or lost, its chance over time, pitfalls, its map against the truth, what-ifs.

Reached from the award (its Debrief button); Esc goes back to it. Everything
shown comes from the debrief API (``game/analysis/debrief``): ``debrief_teams``
once, charts from ``charts.team_figures``/``pngs``, ``what_if`` and
``best_single_change`` on demand, the HTML report from ``report.render_report``.
Those run in background threads (:mod:`game.ui.jobs`) behind a progress bar;
the screen computes no result itself. Sections are scrolling pages
(:mod:`game.ui.widgets.page`, laid out in debrief_pages.py); several teams
(hot-seat) get a tab each. What was computed is kept per game, so opening the
debrief again shows it at once.
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui

from game.engine.game import Game
from game.engine.teams import TeamGame
from game.present import fmt, words
from game.session.hotseat import Match
from game.ui.jobs import Job, Progress
from game.ui.screens.base import Screen, Shortcut, escape
from game.ui.theme import (
    ACCENT,
    BAD,
    BG_2,
    BODY,
    BORDER,
    DIM,
    GOLD,
    GOOD,
    H2,
    PANEL,
    SMALL,
    TEXT,
    Colour,
)
from game.ui.widgets import dialogs
from game.ui.widgets.draw import meter, panel
from game.ui.widgets.files import is_dir, is_file, typed_path
from game.ui.widgets.page import Page, scroll_bar

if TYPE_CHECKING:
    from game.analysis.debrief.bundle import TeamDebrief
    from game.analysis.debrief.whatif import ChangeSearch, WhatIf
    from game.ui.app import App
    from game.ui.screens.debrief_whatif import WhatIfPanel

SECTIONS = ("outcome", "winprob", "stance", "days", "score", "pitfalls", "beliefs", "whatif", "team")
CHART_SECTIONS = {"winprob": "winprob", "stance": "stance", "days": "resources", "score": "score"}
TOP_H = 60
SIDE_X, SIDE_W = 12, 236
CX, CY = 260, 70  # the content panel's top-left (logical)
BOTTOM = 800
EXPORT_H = 100  # the export bar at the bottom of the content panel
SCROLL_STEP = 60
# Charts are drawn (in a thread) at a resolution near the window's, so they stay sharp.
DPI_PER_SCALE = 115
# matplotlib keeps global state (rcParams); one chart job at a time.
CHART_LOCK = threading.Lock()

ChartKey = tuple[str, int]  # (language, dpi)


@dataclass
class Found:
    """What was computed for one game: kept while the game lives (the screen may be opened again)."""

    debriefs: list[TeamDebrief] | None = None
    charts: dict[ChartKey, list[dict[str, bytes]]] = field(default_factory=dict)
    searches: dict[str, ChangeSearch] = field(default_factory=dict)
    whatifs: dict[str, WhatIf] = field(default_factory=dict)


# The last few games' results (a Found refers to its game, so a weak dictionary would never let go).
_FOUND: OrderedDict[int, tuple[Game, Found]] = OrderedDict()
KEEP_GAMES = 3


def found_for(game: Game) -> Found:
    hit = _FOUND.get(id(game))
    if hit is not None and hit[0] is game:
        _FOUND.move_to_end(id(game))
        return hit[1]
    found = Found()
    _FOUND[id(game)] = (game, found)
    while len(_FOUND) > KEEP_GAMES:
        _FOUND.popitem(last=False)
    return found


def chart_dpi(scale: float) -> int:
    return int(min(300, max(90, round(DPI_PER_SCALE * scale / 10) * 10)))


def render_charts(debriefs: list[TeamDebrief], lang: str, dpi: int, first: int, progress: Progress) -> list[dict[str, bytes]]:
    """Every team's charts as PNG bytes (the worker's side: no pygame here)."""
    from game.present.debrief import charts

    out: list[dict[str, bytes]] = [{} for _ in debriefs]
    order = [first, *(i for i in range(len(debriefs)) if i != first)]
    with CHART_LOCK:
        for n, i in enumerate(order):
            progress(n, len(order))
            out[i] = charts.pngs(charts.team_figures(debriefs[i], lang), dpi)
    progress(len(order), len(order))
    return out


def write_report(
    debriefs: list[TeamDebrief], lang: str, path: Path, progress: Progress | None = None
) -> tuple[Path, int]:
    """Render the class report and write it (atomically); (absolute path, size in bytes)."""
    from game.present.debrief.report import render_report

    with CHART_LOCK:
        html = render_report(debriefs, lang, progress=progress)
    path = path.expanduser()
    if path.is_dir():
        raise IsADirectoryError(21, "it is a folder", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    data = html.encode("utf-8")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path.resolve(), len(data)


def relabel(d: TeamDebrief, name: str, search: ChangeSearch | None) -> TeamDebrief:
    """The same debrief under a display name (the API keeps the name it was given)."""
    return replace(
        d,
        team=replace(d.team, team=name),
        explanation=replace(d.explanation, team=name) if d.explanation is not None else None,
        curve=replace(d.curve, team=name) if d.curve is not None else None,
        beliefs=replace(d.beliefs, team=name) if d.beliefs is not None else None,
        search=search if search is not None else d.search,
    )


class DebriefScreen(Screen):
    def __init__(self, app: App, match: Match) -> None:
        super().__init__(app)
        from game.ui.screens.debrief_whatif import WhatIfPanel

        self.match = match
        self.teams: list[str] = list(match.teams)
        self.found = found_for(match.game)
        self.team_i = 0
        self.section = "outcome"
        self.scroll = 0
        self.page: Page | None = None
        self.job: Job[list[TeamDebrief]] | None = None
        self.chart_job: Job[list[dict[str, bytes]]] | None = None
        self.chart_key: ChartKey | None = None
        self.export_job: Job[tuple[Path, int]] | None = None
        self.export_open = False
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        self.default_path = str(Path.cwd() / f"debrief-{match.game.scenario.id}-{stamp}.html")
        self.export_path = self.default_path
        self.export_msg: tuple[str, Colour] | None = None
        self.export_target: Path | None = None
        self.failure: str | None = None
        self.export_entry: pygame_gui.elements.UITextEntryLine | None = None
        self._loaded: dict[tuple[Any, ...], pygame.Surface] = {}
        self.whatif: WhatIfPanel = WhatIfPanel(self)
        self.t = 0.0
        if self.found.debriefs is None:
            self.start_debrief()

    # -- the data ------------------------------------------------------------------------------
    @property
    def game(self) -> Game:
        return self.match.game

    @property
    def vid(self) -> str:
        return self.teams[self.team_i]

    def team_name(self, vid: str | None = None) -> str:
        """'You' when one team played, else 'Team <vendor>' (as the curtain calls them)."""
        if len(self.teams) == 1:
            return self.tr("dbw.you")
        return self.tr("curtain.team", vendor=words.vendor_name(self.game.scenario, vid or self.vid, self.ctx.lang))

    def team_game(self, vid: str | None = None) -> TeamGame:
        vid = vid or self.vid
        return TeamGame(vid, vid, self.game)

    @property
    def debrief(self) -> TeamDebrief | None:
        ds = self.found.debriefs
        return ds[self.team_i] if ds is not None else None

    def start_debrief(self) -> None:
        from game.analysis.debrief.bundle import debrief_teams

        teams = [self.team_game(v) for v in self.teams]
        self.job = Job(lambda progress: debrief_teams(teams, progress=progress), "debrief")

    def ensure_charts(self) -> None:
        """Start drawing the charts for this language and window size unless they exist or are on their way."""
        ds = self.found.debriefs
        if ds is None:
            return
        key = (self.ctx.lang, chart_dpi(self.ctx.metrics.scale))
        if key in self.found.charts or (self.chart_job is not None and self.chart_job.running and self.chart_key == key):
            return
        if self.chart_job is not None:
            self.chart_job.cancel()
        lang, dpi, first = key[0], key[1], self.team_i
        self.chart_key = key
        self.chart_job = Job(lambda progress: render_charts(ds, lang, dpi, first, progress), "charts")

    def chart_surface(self, name: str) -> pygame.Surface | None:
        """The current team's chart ``name`` in this language (the nearest resolution there is)."""
        lang, dpi = self.ctx.lang, chart_dpi(self.ctx.metrics.scale)
        keys = sorted((k for k in self.found.charts if k[0] == lang), key=lambda k: abs(k[1] - dpi))
        if not keys:
            return None
        key = keys[0]
        pngs = self.found.charts[key][self.team_i]
        if name not in pngs:
            return None
        cache = (key, self.team_i, name)
        surf = self._loaded.get(cache)
        if surf is None:
            surf = pygame.image.load(io.BytesIO(pngs[name])).convert()
            self._loaded[cache] = surf
        return surf

    def fitted_chart(self, name: str, max_w: int, max_h: int) -> pygame.Surface | None:
        """The chart scaled to fit ``max_w`` x ``max_h`` real pixels (aspect kept)."""
        surf = self.chart_surface(name)
        if surf is None:
            return None
        w, h = surf.get_size()
        k = min(max_w / w, max_h / h)
        size = (max(1, int(w * k)), max(1, int(h * k)))
        cache = ("fit", id(surf), size)
        out = self._loaded.get(cache)
        if out is None:
            out = pygame.transform.smoothscale(surf, size)
            self._loaded[cache] = out
        return out

    # -- life cycle ----------------------------------------------------------------------------
    def exit(self) -> None:
        for job in (self.job, self.chart_job, self.export_job, *self.whatif.jobs()):
            if job is not None:
                job.cancel()
        super().exit()

    def rebuild(self) -> None:
        self.page = None
        super().rebuild()

    def build(self) -> None:
        lang, lw = self.ctx.lang, self.ctx.metrics.lw
        self.ensure_charts()
        # Top bar.
        right = lw - 12
        self.button((right - 150, 10, 150, 40), self.tr("dbw.back"), self.tr("dbw.back.tip"), self.back, oid="#small")
        self.button((right - 150 - 118, 10, 110, 40), "English" if lang == "zh" else "中文", self.tr("board.lang.tip"), lambda: self.app.set_lang("en" if lang == "zh" else "zh"), oid="#small")
        self.button((right - 150 - 236, 10, 110, 40), self.tr("board.help"), self.tr("board.help.tip"), self.app.toggle_help, oid="#small")
        # Sidebar: teams, then sections, then the report.
        y = CY
        if len(self.teams) > 1:
            y += 24
            step = 46 if len(self.teams) <= 4 else 36
            for i, vid in enumerate(self.teams):
                name = words.vendor_name(self.game.scenario, vid, lang)
                b = self.button((SIDE_X, y, SIDE_W, step - 6), name, self.tr("dbw.team.tip", team=self.team_name(vid)), partial(self.choose_team, i), oid="#small")
                if i == self.team_i:
                    b.select()
                y += step
            y += 8
        y += 24
        step = min(44, (BOTTOM - 56 - y) // len(SECTIONS))  # several teams above: closer together
        for i, sec in enumerate(SECTIONS):
            b = self.button((SIDE_X, y, SIDE_W, step - 6), f"{i + 1}  {self.tr('dbw.sec.' + sec)}", self.tr(f"dbw.sec.{sec}.tip"), partial(self.choose_section, sec))
            if sec == self.section:
                b.select()
            y += step
        self.button((SIDE_X, BOTTOM - 46, SIDE_W, 46), self.tr("dbw.export"), self.tr("dbw.export.tip"), self.toggle_export, oid="#primary")
        if self.section == "whatif":
            self.whatif.build()
        if self.export_open:
            self.build_export()

    def build_export(self) -> None:
        x, w = CX + 14, self.content_w() - 28
        y = BOTTOM - 56
        self.export_entry = self.text_entry((x, y, w - 330, 46), self.export_path, self.tr("dbw.export.path.tip"))
        self.button((x + w - 320, y, 190, 46), self.tr("dbw.export.write"), self.tr("dbw.export.write.tip"), self.write_export, oid="#primary", enabled=self.found.debriefs is not None)
        self.button((x + w - 120, y, 120, 46), self.tr("ui.close"), self.tr("dbw.export.close.tip"), self.toggle_export, oid="#small")

    # -- geometry ------------------------------------------------------------------------------
    def content_w(self) -> float:
        return self.ctx.metrics.lw - CX - 12

    def content_rect(self) -> pygame.Rect:
        return self.ctx.metrics.rect(CX, CY, self.content_w(), BOTTOM - CY)

    def view_rect(self) -> pygame.Rect:
        """Where the section's page shows (real pixels)."""
        m = self.ctx.metrics
        bottom = BOTTOM - (EXPORT_H + 8 if self.export_open else 0) - 12
        if self.section == "whatif":
            x, y, w, _ = self.whatif.result_area()
            return m.rect(x, y, w, bottom - y)
        return m.rect(CX + 18, CY + 14, self.content_w() - 30, bottom - CY - 14)

    # -- choices -------------------------------------------------------------------------------
    def choose_team(self, i: int) -> None:
        if i == self.team_i or not 0 <= i < len(self.teams):
            return
        self.team_i = i
        self.scroll = 0
        self.whatif.reset()
        self.rebuild()

    def choose_section(self, sec: str) -> None:
        if sec == self.section:
            return
        self.section = sec
        self.scroll = 0
        self.rebuild()

    def step_section(self, d: int) -> None:
        i = SECTIONS.index(self.section)
        self.choose_section(SECTIONS[(i + d) % len(SECTIONS)])

    def back(self) -> None:
        self.app.pop()

    def toggle_export(self) -> None:
        if self.export_entry is not None:
            self.export_path = self.export_entry.get_text()
        self.export_open = not self.export_open
        self.export_entry = None
        if not self.export_open:
            self.export_msg = None
        self.rebuild()

    def write_export(self) -> None:
        if self.export_entry is not None:
            self.export_path = self.export_entry.get_text()
        typed = typed_path(self.export_path)
        ds = self.found.debriefs
        if typed is None:
            self.export_msg = (self.tr("dbw.export.empty"), BAD)
            return
        if ds is None:
            self.export_msg = (self.tr("dbw.computing_short"), DIM)
            return
        path = typed
        if is_dir(path):  # a folder: the report goes inside it, under the usual name
            path = path / Path(self.default_path).name
        elif path.suffix.lower() not in (".html", ".htm"):
            path = path.with_name(path.name + ".html")
        if is_file(path):
            target = path
            dialogs.confirm(
                self.app,
                self.tr("dbw.export.replace_title"),
                escape(self.tr("dbw.export.replace_q", path=str(path))),
                yes=self.tr("dbw.export.replace_yes"),
                yes_tip=self.tr("dbw.export.replace_yes.tip"),
                on_yes=lambda: self.start_export(target),
                danger=True,
            )
            return
        self.start_export(path)

    def start_export(self, path: Path) -> None:
        """Write the class report to ``path`` off the UI thread (asked first when it was there)."""
        ds = self.found.debriefs
        if ds is None:
            return
        sc, lang = self.game.scenario, self.ctx.lang
        names = [self.tr("curtain.team", vendor=words.vendor_name(sc, v, lang)) for v in self.teams]
        teams = [relabel(d, name, self.found.searches.get(v)) for d, v, name in zip(ds, self.teams, names, strict=True)]
        if self.export_job is not None:
            self.export_job.cancel()
        self.export_msg = (self.tr("dbw.export.writing", path=str(path)), DIM)
        self.export_job = Job(lambda progress: write_report(teams, lang, path, progress), "report")
        self.export_target = path

    # -- per frame -----------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        self.t += dt
        self.poll()
        if self.page is None and self.found.debriefs is not None:
            self.page = self.layout()
            self.scroll = max(0, min(self.scroll, self.page.max_scroll(self.view_rect().h)))
            self.dirty = True
        super().update(dt)

    def poll(self) -> None:
        job = self.job
        if job is not None and job.state != "running":
            self.job = None
            if job.state == "done":
                self.found.debriefs = job.result()
                self.page = None
                self.ensure_charts()
                self.rebuild()
            elif job.state == "failed":
                self.failure = str(job.error)
                self.dirty = True
        cj = self.chart_job
        if cj is not None and cj.state != "running":
            self.chart_job = None
            if cj.state == "done" and self.chart_key is not None:
                self.found.charts[self.chart_key] = cj.result()
                self.page = None
        ej = self.export_job
        if ej is not None and ej.state != "running":
            self.export_job = None
            if ej.state == "done":
                path, size = ej.result()
                self.export_msg = (self.tr("dbw.export.done", path=str(path), kb=f"{max(1, size // 1024):,}"), GOOD)
            elif ej.state == "failed":
                err = ej.error
                reason = (getattr(err, "strerror", None) or str(err)) if err is not None else "?"
                self.export_msg = (self.tr("dbw.export.error", path=str(self.export_target or self.export_path), reason=reason), BAD)
        if self.whatif.poll():
            self.page = None

    def layout(self) -> Page:
        from game.ui.screens import debrief_pages as pages

        view = self.view_rect()
        page = Page(self.ctx.fonts, self.ctx.metrics, view.w - self.ctx.px(14))
        d = self.debrief
        if d is None:
            return page
        if self.section == "whatif":
            self.whatif.layout(page, d)
        else:
            pages.build(self, page, d, view.h)
        return page

    # -- events --------------------------------------------------------------------------------
    def scroll_by(self, d: int) -> None:
        if self.page is None:
            return
        self.scroll = max(0, min(self.page.max_scroll(self.view_rect().h), self.scroll + d))

    def handle_event(self, event: pygame.event.Event) -> bool:
        m = self.ctx.metrics
        if event.type == pygame.MOUSEWHEEL:
            self.scroll_by(-event.y * m.px(SCROLL_STEP))
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            if event.ui_element is self.export_entry:
                self.app.defer(self.write_export)
                return True
            return self.whatif.entry_finished(event)
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED:
            return self.whatif.entry_changed(event)
        if event.type != pygame.KEYDOWN:
            return False
        k = event.key
        if k == pygame.K_ESCAPE and self.export_open:  # even while typing the file name
            self.toggle_export()
            return True
        if self.app.typing():
            return False
        view_h = self.view_rect().h
        if k == pygame.K_ESCAPE:
            self.back()
        elif pygame.K_1 <= k <= pygame.K_9:
            self.choose_section(SECTIONS[k - pygame.K_1])
        elif k == pygame.K_TAB:
            if len(self.teams) > 1:
                d = -1 if event.mod & pygame.KMOD_SHIFT else 1
                self.choose_team((self.team_i + d) % len(self.teams))
            else:
                self.step_section(-1 if event.mod & pygame.KMOD_SHIFT else 1)
        elif k == pygame.K_DOWN:
            self.scroll_by(m.px(SCROLL_STEP))
        elif k == pygame.K_UP:
            self.scroll_by(-m.px(SCROLL_STEP))
        elif k in (pygame.K_PAGEDOWN, pygame.K_SPACE):
            self.scroll_by(int(view_h * 0.85))
        elif k == pygame.K_PAGEUP:
            self.scroll_by(-int(view_h * 0.85))
        elif k == pygame.K_HOME:
            self.scroll = 0
        elif k == pygame.K_x:
            self.toggle_export()
        else:
            return self.section == "whatif" and self.whatif.key(event)
        return True

    def shortcuts(self) -> list[Shortcut]:
        keys = [
            ("1 … 8", self.tr("keys.dbw.section")),
            ("Tab", self.tr("keys.dbw.team") if len(self.teams) > 1 else self.tr("keys.dbw.next")),
            ("↑ ↓ / PgUp PgDn / wheel", self.tr("keys.report.scroll")),
            ("X", self.tr("keys.dbw.export")),
            ("Esc", self.tr("keys.dbw.back")),
        ]
        if self.section == "whatif":
            keys += self.whatif.shortcuts()
        return keys

    # -- drawing -------------------------------------------------------------------------------
    def summary(self) -> tuple[str, Colour]:
        d = self.debrief
        sc, lang = self.game.scenario, self.ctx.lang
        e = d.explanation if d is not None else None
        if e is None:
            return self.team_name(), DIM
        outcome = self.tr(f"debrief.report.outcome.{e.outcome}")
        rival = words.vendor_name(sc, e.rival, lang) if e.rival else "-"
        text = self.tr("dbw.summary", team=self.team_name(), outcome=outcome, total=f"{e.total:.1f}", rival=rival, rival_total=f"{e.rival_total:.1f}")
        return text, GOLD if e.outcome == "won" else DIM

    def paint(self, surface: pygame.Surface) -> None:
        ctx, f, m = self.ctx, self.ctx.fonts, self.ctx.metrics
        sc, lang = self.game.scenario, ctx.lang
        surface.fill(BG_2, m.rect(0, 0, m.lw, TOP_H))
        title = self.tr("dbw.title", scenario=sc.title.get(lang))
        room = m.px(m.lw - 12 - 400 - 20)
        f.draw(surface, title, (m.px(14), m.px(4)), ctx.fs(H2 - 2), TEXT, bold=True, max_width=room)
        text, colour = self.summary()
        f.draw(surface, text, (m.px(14), m.px(35)), ctx.fs(SMALL - 1), colour, max_width=room)
        fs = ctx.fs(SMALL - 1)
        if len(self.teams) > 1:
            f.draw(surface, self.tr("dbw.teams"), (m.px(SIDE_X + 4), m.px(CY + 2)), fs, DIM)
        y = CY + (24 + len(self.teams) * (46 if len(self.teams) <= 4 else 36) + 8 if len(self.teams) > 1 else 0)
        f.draw(surface, self.tr("dbw.sections"), (m.px(SIDE_X + 4), m.px(y + 2)), fs, DIM)
        panel(surface, self.content_rect(), PANEL, BORDER, m.px(10), 1)
        if self.section == "whatif":
            self.whatif.paint(surface)
        if self.export_open:
            box = m.rect(CX + 8, BOTTOM - EXPORT_H - 4, self.content_w() - 16, EXPORT_H - 4)
            panel(surface, box, BG_2, ACCENT, m.px(8), 1)
            f.draw(surface, self.tr("dbw.export.label"), (box.x + m.px(8), box.y + m.px(6)), ctx.fs(SMALL - 1), DIM, max_width=box.w - m.px(16))

    def draw_live(self, surface: pygame.Surface) -> None:
        ctx, f, m = self.ctx, self.ctx.fonts, self.ctx.metrics
        view = self.view_rect()
        if self.found.debriefs is None:
            self.draw_waiting(surface, view)
        elif self.page is not None:
            self.page.draw(surface, view, self.scroll)
            scroll_bar(surface, view, self.page.height, self.scroll, m.px(6))
        if self.section == "whatif":
            self.whatif.draw_live(surface)
        if self.export_open:
            box = m.rect(CX + 8, BOTTOM - EXPORT_H - 4, self.content_w() - 16, EXPORT_H - 4)
            y = box.y + m.px(6)
            label_w = f.width(self.tr("dbw.export.label"), ctx.fs(SMALL - 1)) + m.px(20)
            if self.export_job is not None and self.export_job.running:
                bar = pygame.Rect(box.x + label_w, y + m.px(6), m.px(160), m.px(10))
                progress_bar(surface, bar, self.export_job.fraction, self.t)
                label_w += m.px(176)
            if self.export_msg is not None:
                text, colour = self.export_msg
                f.draw(surface, text, (box.x + label_w, y), ctx.fs(SMALL - 1), colour, max_width=box.w - label_w - m.px(10))

    def draw_waiting(self, surface: pygame.Surface, view: pygame.Rect) -> None:
        ctx, f, m = self.ctx, self.ctx.fonts, self.ctx.metrics
        failure = self.failure
        x, y, w = view.x + m.px(20), view.y + m.px(40), min(view.w - m.px(40), m.px(700))
        if failure:
            f.draw_block(surface, self.tr("dbw.failed", msg=failure), pygame.Rect(x, y, w, m.px(200)), ctx.fs(BODY), BAD)
            return
        f.draw_block(surface, self.tr("dbw.computing", n=len(self.teams)), pygame.Rect(x, y, w, m.px(90)), ctx.fs(BODY), TEXT)
        job = self.job
        bar = pygame.Rect(x, y + m.px(96), w, m.px(16))
        frac = job.fraction if job is not None else None
        progress_bar(surface, bar, frac, self.t)
        if frac is not None:
            f.draw(surface, fmt.pct(frac), (bar.right, bar.bottom + m.px(6)), ctx.fs(SMALL), DIM, align="right")


def progress_bar(surface: pygame.Surface, rect: pygame.Rect, fraction: float | None, t: float) -> None:
    """A 0-1 bar; without a fraction, a block that runs back and forth."""
    if fraction is not None:
        meter(surface, rect, fraction, ACCENT)
        return
    meter(surface, rect, 0.0, ACCENT)
    w = max(rect.h * 2, rect.w // 4)
    phase = (t * 0.8) % 2.0
    pos = phase if phase <= 1.0 else 2.0 - phase
    block = pygame.Rect(rect.x + int((rect.w - w) * pos), rect.y, w, rect.h)
    pygame.draw.rect(surface, ACCENT, block, border_radius=rect.h // 2)
