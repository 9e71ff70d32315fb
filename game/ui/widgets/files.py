"""A read-only file chooser: list a folder's subfolders and matching files, move about, pick one.

It replaces pygame_gui's UIFileDialog, whose Delete button removed any selected
file after two more clicks (a random-input test deleted a bundled scenario that
way). This chooser only reads the disk: it lists, it never deletes, moves,
renames, creates or writes anything. What the user picks goes to ``on_pick``;
the screen that opened it decides what to do with the path.

Mouse: click to select, double-click a folder to open it or a file to pick it,
"Up" for the parent folder. Keyboard: the path line takes a folder (Enter opens
it) or a file (Enter picks it); outside it, ↑/↓ move the selection, Enter opens
or picks, Backspace goes up, Esc cancels.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.ui.widgets.dialogs import WindowModal
from game.ui.widgets.entry import TextEntry
from game.ui.widgets.richtext import tooltip

if TYPE_CHECKING:
    from game.ui.app import App

MAX_ITEMS = 1000  # a folder with more is cut (the path line still reaches any file)
UP = ".."
PAD = "  "  # the list's text starts this far in (pygame_gui ignores the theme's padding there)


@dataclass(frozen=True)
class Listing:
    """One folder as the chooser shows it: subfolders and matching files, by name; what was left out."""

    folder: Path
    folders: tuple[str, ...]
    files: tuple[str, ...]
    more: int = 0  # items cut at MAX_ITEMS
    error: str | None = None  # the folder could not be read (the OS's reason)


def matches(name: str, suffixes: Collection[str] | None) -> bool:
    return not suffixes or any(name.lower().endswith(s.lower()) for s in suffixes)


def list_folder(folder: Path, suffixes: Collection[str] | None, limit: int = MAX_ITEMS) -> Listing:
    """The folder's visible subfolders and files with a wanted suffix, each sorted by name (case-blind)."""
    folders: list[str] = []
    files: list[str] = []
    try:
        with os.scandir(folder) as it:
            for entry in it:
                if entry.name.startswith("."):
                    continue
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    continue
                if is_dir:
                    folders.append(entry.name)
                elif matches(entry.name, suffixes):
                    files.append(entry.name)
    except OSError as exc:
        return Listing(folder, (), (), 0, exc.strerror or type(exc).__name__)
    folders.sort(key=str.casefold)
    files.sort(key=str.casefold)
    total = len(folders) + len(files)
    keep_f = folders[:limit]
    keep_files = files[: max(0, limit - len(keep_f))]
    return Listing(folder, tuple(keep_f), tuple(keep_files), total - len(keep_f) - len(keep_files))


def typed_path(text: str) -> Path | None:
    """A path as a user typed or pasted it: quotes around it dropped, ``~`` expanded where it can be.

    None when nothing is left. ``~name`` for a user this system does not know stays as typed
    (``Path.expanduser`` raises RuntimeError for it).
    """
    raw = text.strip().strip('"').strip("'").strip()
    if not raw:
        return None
    try:
        return Path(raw).expanduser()
    except RuntimeError:
        return Path(raw)


def is_file(path: Path) -> bool:
    """``path.is_file()``, False where the OS refuses to say (a name too long, a bad character)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return a == b


def _absolute(path: Path) -> Path:
    try:
        return path.expanduser().resolve()
    except (OSError, RuntimeError):
        return path.expanduser().absolute()


class FileChooser(WindowModal):
    """The chooser as a modal window (see the module docstring). ``on_pick`` gets an existing file."""

    def __init__(
        self,
        app: App,
        title: str,
        start: Path,
        suffixes: Collection[str] | None,
        on_pick: Callable[[Path], None],
    ) -> None:
        self.app = app
        ctx = app.ctx
        m = ctx.metrics
        self.suffixes = tuple(sorted(suffixes or ()))
        self.on_pick = on_pick
        self._done = False
        w, h = min(900.0, m.lw - 40), m.lh - 80
        self.window = pygame_gui.elements.UIWindow(
            m.rect((m.lw - w) / 2, 40, w, h), ctx.manager, window_display_title=title, draggable=False
        )
        self.window.set_blocking(True)
        inner = self.window.get_container().get_size()
        iw, ih = inner[0] / m.scale, inner[1] / m.scale
        self.path_entry = TextEntry(m.rect(10, 10, iw - 20 - 130, 42), ctx.manager, container=self.window)
        self.path_entry.set_tooltip(tooltip(ctx.fonts, ctx.tr("files.path.tip"), m.scale))
        self._button((iw - 10 - 120, 10, 120, 42), ctx.tr("files.up"), ctx.tr("files.up.tip"), self.go_up)
        self.list = pygame_gui.elements.UISelectionList(
            m.rect(10, 62, iw - 20, ih - 62 - 120), [], ctx.manager, container=self.window
        )
        self.note = pygame_gui.elements.UILabel(
            m.rect(10, ih - 112, iw - 20, 40), "", ctx.manager, container=self.window, object_id=ObjectID(object_id="#dim_label")
        )
        self._button((iw - 10 - 2 * 190 - 10, ih - 60, 190, 48), ctx.tr("ui.cancel"), ctx.tr("ui.cancel.tip"), self.close)
        self.open_button = self._button(
            (iw - 10 - 190, ih - 60, 190, 48), ctx.tr("files.open"), ctx.tr("files.open.tip"), self.open_selected, oid="#primary"
        )
        self.listing = Listing(start, (), ())
        self._lines: dict[str, tuple[str, str]] = {}
        start = _absolute(start)
        self.go(start if is_dir(start) else _absolute(Path.cwd()))
        app.open_modal(self)

    def _button(
        self, rect: tuple[float, float, float, float], text: str, tip: str, fn: Callable[[], None], oid: str | None = None
    ) -> pygame_gui.elements.UIButton:
        ctx, app = self.app.ctx, self.app
        return pygame_gui.elements.UIButton(
            ctx.metrics.rect(*rect),
            text,
            ctx.manager,
            container=self.window,
            tool_tip_text=tooltip(ctx.fonts, tip, ctx.metrics.scale),
            object_id=ObjectID(object_id=oid) if oid else None,
            command=lambda _d=None: app.defer(fn),
        )

    # -- what is shown ---------------------------------------------------------------------
    @property
    def folder(self) -> Path:
        return self.listing.folder

    def lines(self) -> dict[str, tuple[str, str]]:
        """The list's lines, each to (kind, name): the folder above, 'name/' for folders, then the files."""
        out: dict[str, tuple[str, str]] = {}
        if self.folder.parent != self.folder:
            out[f"{PAD}{UP}   {self.app.ctx.tr('files.parent')}"] = ("up", UP)
        for n in self.listing.folders:
            out[f"{PAD}{n}/"] = ("folder", n)
        for n in self.listing.files:
            out[f"{PAD}{n}"] = ("file", n)
        return out

    def go(self, folder: Path) -> bool:
        """Show ``folder``; when it cannot be read, stay where we are and say why."""
        listing = list_folder(folder, self.suffixes)
        if listing.error is not None:
            self.say(self.app.ctx.tr("files.cannot_read", folder=str(folder), reason=listing.error))
            return False
        self.listing = listing
        self._lines = self.lines()
        self.list.set_item_list(list(self._lines))
        self.path_entry.set_text(str(folder))
        ctx = self.app.ctx
        kinds = ", ".join(self.suffixes) if self.suffixes else ctx.tr("files.any")
        text = ctx.tr("files.showing", kinds=kinds)
        if listing.more:
            text += " " + ctx.tr("files.more", n=listing.more)
        if not listing.folders and not listing.files:
            text = ctx.tr("files.empty", kinds=kinds)
        self.say(text)
        return True

    def say(self, text: str) -> None:
        self.note.set_text(text)

    # -- moves -------------------------------------------------------------------------------
    def go_up(self) -> None:
        if self.folder.parent != self.folder:
            self.go(self.folder.parent)

    def selected(self) -> str | None:
        item = self.list.get_single_selection()
        return item if isinstance(item, str) else None

    def choose(self, label: str) -> None:
        """Open a folder line, pick a file line."""
        kind, name = self._lines.get(label, ("", ""))
        if kind == "up":
            self.go_up()
        elif kind == "folder":
            self.go(self.folder / name)
        elif kind == "file":
            self.pick(self.folder / name)

    def open_selected(self) -> None:
        label = self.selected()
        if label is not None:
            self.choose(label)
            return
        self.open_typed()

    def open_typed(self) -> None:
        """The path line: a folder is opened, an existing matching file is picked."""
        path = typed_path(self.path_entry.get_text())
        if path is None:
            return
        if not path.is_absolute():
            path = self.folder / path
        if is_dir(path):
            self.go(_absolute(path))
        elif is_file(path):
            self.pick(path)
        else:
            self.say(self.app.ctx.tr("files.missing", path=str(path)))

    def pick(self, path: Path) -> None:
        if not matches(path.name, self.suffixes):
            self.say(self.app.ctx.tr("files.wrong_kind", name=path.name, kinds=", ".join(self.suffixes)))
            return
        if not is_file(path):
            self.say(self.app.ctx.tr("files.missing", path=str(path)))
            return
        self._done = True
        self.window.kill()
        self.on_pick(path)

    def step_selection(self, d: int) -> None:
        """↑ / ↓: the line above or below the selected one (the first or last when none is)."""
        items = self.list.item_list
        if not items:
            return
        now = next((i for i, it in enumerate(items) if it["selected"]), None)
        i = (0 if d > 0 else len(items) - 1) if now is None else max(0, min(len(items) - 1, now + d))
        for j, it in enumerate(items):
            it["selected"] = j == i
            button = it["button_element"]
            if button is not None:
                if j == i:
                    button.select()
                else:
                    button.unselect()
        bar = self.list.scroll_bar
        if bar is not None and len(items) > 1:
            bar.set_scroll_from_start_percentage(max(0.0, min(1.0, (i - 3) / len(items))))

    # -- the modal protocol (App, dialogs.WindowModal) ------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION and event.ui_element is self.list:
            label = str(event.text)
            self.app.defer(lambda: self.choose(label))
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.path_entry:
            self.app.defer(self.open_typed)
            return True
        if event.type == pygame.KEYDOWN and not self.app.typing():
            if event.key in (pygame.K_UP, pygame.K_DOWN):
                self.step_selection(1 if event.key == pygame.K_DOWN else -1)
                return True
            if event.key == pygame.K_BACKSPACE:
                self.go_up()
                return True
        return False

    def accept(self) -> None:
        """Enter outside the path line: open or pick the selected line."""
        if not self._done:
            self.open_selected()
