"""The window's file chooser (game/ui/widgets/files.py) and every place the window writes a file.

The chooser replaced pygame_gui's file dialog, whose Delete button removed the
selected file (a random-input test deleted a bundled scenario through it). It
must only read: every button of it, with every line selected, leaves the
folder as it was. Writing a file (the debrief's report, the workshop's
exports) over an existing one asks first.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import hashlib
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pygame_gui
import pytest

from game.scenario import load_scenario
from game.session.config import build_config
from game.session.session import Session
from game.strings import t
from game.ui.driver import Driver
from game.ui.screens.title import TitleScreen
from game.ui.screens.ws_control import WsControlScreen
from game.ui.screens.ws_resume import WsResumeScreen
from game.ui.widgets.files import FileChooser, list_folder, typed_path
from game.ui.workshop import open_session
from tests.conftest import SCENARIOS


def en(key: str, **kw: object) -> str:
    return t(key, "en", **kw)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones too) with a hash of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A copy of the scenarios with a subfolder, a hidden file, a text file and a session file."""
    root = tmp_path / "scenarios"
    shutil.copytree(SCENARIOS, root)
    (root / "sub").mkdir()
    (root / "sub" / "inner.yaml").write_text((SCENARIOS / "tutorial.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (root / ".hidden.yaml").write_text("x: 1\n", encoding="utf-8")
    (root / "notes.txt").write_text("not a scenario\n", encoding="utf-8")
    return root


@pytest.fixture
def d(scratch: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Driver]:
    monkeypatch.chdir(scratch.parent)
    driver = Driver(scratch, size=(1280, 720), lang="en", seed=3)
    yield driver
    from game.ui.screens.ws_common import close_all

    close_all()
    driver.close()


def chooser(d: Driver) -> FileChooser:
    assert d.app.modals, "no chooser open"
    top = d.app.modals[-1]
    assert isinstance(top, FileChooser)
    return top


def lines(fc: FileChooser) -> list[str]:
    return [str(it["text"]).strip() for it in fc.list.item_list]


def line_button(d: Driver, fc: FileChooser, text: str) -> pygame_gui.elements.UIButton:
    d.frame()  # the list makes its buttons on update
    for it in fc.list.item_list:
        if str(it["text"]).strip() == text and it["button_element"] is not None:
            button: pygame_gui.elements.UIButton = it["button_element"]
            return button
    raise LookupError(f"no line {text!r}: {lines(fc)}")


def double_click(d: Driver, element: pygame_gui.core.UIElement) -> None:
    pos = element.rect.center
    for _ in range(2):
        d.frame([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)])
        d.frame([pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)])
    d.frame()
    d.frame()


def chooser_buttons(d: Driver, fc: FileChooser) -> list[pygame_gui.elements.UIButton]:
    inside = fc.window.get_container().get_rect()
    return [b for b in d.buttons() if inside.colliderect(b.rect) and b.ui_root_container is not None]


def test_the_chooser_lists_folders_and_matching_files_only(d: Driver, scratch: Path) -> None:
    d.key(pygame.K_o, pygame.KMOD_CTRL)
    fc = chooser(d)
    assert fc.folder == scratch.resolve()
    shown = lines(fc)
    assert shown[0].startswith("..")
    assert "sub/" in shown and "tutorial.yaml" in shown and "rural_schools.yaml" in shown
    assert not any("notes.txt" in x or "hidden" in x for x in shown)  # other kinds and hidden files left out
    assert shown.index("sub/") < shown.index("tutorial.yaml")  # folders first


def test_double_clicks_open_a_folder_and_pick_a_file(d: Driver, scratch: Path) -> None:
    title = d.app.top
    assert isinstance(title, TitleScreen)
    d.click(en("title.browse"))
    fc = chooser(d)
    double_click(d, line_button(d, fc, "sub/"))
    assert fc.folder == (scratch / "sub").resolve()
    assert lines(fc)[1:] == ["inner.yaml"]
    double_click(d, line_button(d, fc, "inner.yaml"))
    assert not d.app.modals
    assert title.chosen is not None and title.chosen.path.name == "inner.yaml"
    assert title.path_entry is not None and title.path_entry.get_text().endswith("inner.yaml")


def test_the_keyboard_moves_opens_goes_up_and_cancels(d: Driver, scratch: Path) -> None:
    d.key(pygame.K_o, pygame.KMOD_CTRL)
    fc = chooser(d)
    d.click_at(fc.list.rect.center)  # out of the path line
    while fc.selected() is None or fc.selected().strip() != "sub/":  # type: ignore[union-attr]
        d.key(pygame.K_DOWN)
    d.key(pygame.K_RETURN)
    assert fc.folder == (scratch / "sub").resolve()
    d.key(pygame.K_BACKSPACE)
    assert fc.folder == scratch.resolve()
    d.key(pygame.K_ESCAPE)
    assert not d.app.modals and isinstance(d.app.top, TitleScreen)


def test_a_typed_path_opens_a_folder_or_picks_a_file_and_says_what_is_wrong(d: Driver, scratch: Path) -> None:
    d.key(pygame.K_o, pygame.KMOD_CTRL)
    fc = chooser(d)
    d.click_at(fc.path_entry.rect.center)
    fc.path_entry.set_text("")
    d.type_text("sub")
    d.key(pygame.K_RETURN)
    assert fc.folder == (scratch / "sub").resolve()
    fc.path_entry.set_text(str(scratch / "notes.txt"))
    d.click_at(fc.path_entry.rect.center)
    d.key(pygame.K_RETURN)
    assert fc.alive() and "notes.txt is not a .yaml, .yml file" in fc.note.text
    fc.path_entry.set_text(str(scratch / "nowhere"))
    d.click_at(fc.path_entry.rect.center)
    d.key(pygame.K_RETURN)
    assert fc.alive() and "There is no file or folder" in fc.note.text
    fc.path_entry.set_text(str(scratch / "tutorial.yaml"))
    d.click_at(fc.path_entry.rect.center)
    d.key(pygame.K_RETURN)
    assert not d.app.modals


def test_a_folder_that_cannot_be_read_is_said_not_raised(tmp_path: Path) -> None:
    listing = list_folder(tmp_path / "missing", {".yaml"})
    assert listing.error and not listing.files
    many = tmp_path / "many"
    many.mkdir()
    for i in range(30):
        (many / f"f{i:02d}.yaml").write_text("", encoding="utf-8")
    cut = list_folder(many, {".yaml"}, limit=10)
    assert len(cut.files) == 10 and cut.more == 20


def _every_button_with_every_line(d: Driver, open_it: Callable[[], None], folder: Path) -> None:
    """Open the chooser, select each line in turn and click each of its buttons but Cancel/close."""
    before = snapshot(folder)
    open_it()
    fc = chooser(d)
    names = [en("files.up"), en("files.open")]
    texts = {b.text for b in chooser_buttons(d, fc)}
    assert not any("Delete" in x or "删除" in x for x in texts), texts
    for i in range(len(fc.list.item_list)):
        if not d.app.modals:
            open_it()
            fc = chooser(d)
        fc.go(folder)
        if i >= len(fc.list.item_list):
            break
        label = str(fc.list.item_list[i]["text"]).strip()
        d.click_at(line_button(d, fc, label).rect.center)
        for b in chooser_buttons(d, fc):
            if b in d.buttons() and b.text not in (en("ui.cancel"), "×") and b.text in names:
                d.click(b)
                break
        assert snapshot(folder) == before
    d.app.close_modals()
    assert snapshot(folder) == before


def test_no_file_dialog_of_the_window_can_delete_a_file(d: Driver, scratch: Path) -> None:
    """Title -> Browse..., the workshop's Resume and its Import: each chooser only reads."""
    title = d.app.top
    assert isinstance(title, TitleScreen)
    _every_button_with_every_line(d, title.browse, scratch)

    sessions = scratch.parent / "sessions"
    sessions.mkdir()
    cfg = build_config(load_scenario(scratch / "tutorial.yaml"), teams=["Red", "Blue"], mode="parallel", seed=2, round_seconds=0)
    Session.create(sessions / "a.session.jsonl", scratch / "tutorial.yaml", cfg).close()
    resume = WsResumeScreen(d.app, folder=sessions)
    d.app.push(resume)
    _every_button_with_every_line(d, resume.browse_file, sessions)

    session = Session.create(sessions / "b.session.jsonl", scratch / "tutorial.yaml", cfg)
    open_session(d.app, session)
    control = d.app.top
    assert isinstance(control, WsControlScreen)
    _every_button_with_every_line(d, control.browse_files, sessions)


def test_a_typed_path_of_an_unknown_users_home_is_a_message(d: Driver) -> None:
    """'~someone/x' raised RuntimeError from Path.expanduser (the random-input test found it on Resume)."""
    assert typed_path('  "~no_such_user_here/a.yaml" ') == Path("~no_such_user_here/a.yaml")
    assert typed_path("  ''  ") is None
    resume = WsResumeScreen(d.app, folder=Path("sessions"))
    d.app.push(resume)
    assert resume.path_entry is not None
    resume.path_entry.set_text("~no_such_user_here/s.session.jsonl")
    d.click(en("wsw.resume.go"))
    assert d.app.modals and d.app.errors == []  # the session layer's "no such file", in a message
    d.key(pygame.K_RETURN)
    title = TitleScreen(d.app)
    d.app.push(title)
    assert title.path_entry is not None
    title.path_entry.set_text("~no_such_user_here/" + "x" * 300 + ".yaml")  # an unknown home and a name too long
    d.click(en("title.open"))
    assert d.app.modals and d.app.errors == []
