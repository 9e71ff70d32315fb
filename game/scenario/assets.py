"""Files a scenario refers to (portraits): they must stay inside the scenario's folder.

A scenario from anyone may be opened, so a path in it must not reach other
files on the machine: absolute paths, ``..`` steps out of the folder and
symbolic links that lead outside it are refused. :func:`resolve_asset` is the
one way to turn such a path into a file to open; the checks below report the
same refusals as positioned problems when the scenario is validated.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from game.scenario.problems import Problem
from game.scenario.yamlsrc import Located

MAX_ASSET_PATH = 255


class AssetRefused(ValueError):
    """A referenced path is unsafe or names no file inside the scenario's folder."""


def _shape_problem(rel: str) -> str | None:
    """Why a path is refused whatever the folder, or None."""
    if not rel.strip():
        return "is empty; give a file name relative to the scenario's folder, e.g. portraits/li.png"
    if len(rel) > MAX_ASSET_PATH:
        return f"is longer than {MAX_ASSET_PATH} characters; use a short relative path"
    if "\x00" in rel:
        return "contains a NUL character; use a plain relative path"
    win = PureWindowsPath(rel)
    if PurePosixPath(rel).is_absolute() or win.is_absolute() or win.drive:
        return (
            "is an absolute path; give a path relative to the scenario's folder, "
            "e.g. portraits/li.png, and put the file there"
        )
    if ".." in PurePosixPath(rel.replace("\\", "/")).parts:
        return (
            "leads out of the scenario's folder ('..'); put the file inside the folder "
            "(or a sub-folder) and refer to it from there"
        )
    return None


def resolve_asset(base_dir: Path, rel: str) -> Path:
    """The file ``rel`` names inside ``base_dir``, or AssetRefused saying why not."""
    why = _shape_problem(rel)
    if why:
        raise AssetRefused(f"'{rel}' {why}")
    root = base_dir.resolve()
    try:
        target = (root / rel.replace("\\", "/")).resolve()
    except (OSError, RuntimeError) as exc:  # symlink loops and the like
        raise AssetRefused(f"'{rel}' cannot be resolved ({exc})") from None
    if not target.is_relative_to(root):
        raise AssetRefused(
            f"'{rel}' resolves to {target}, outside the scenario's folder {root} "
            "(through a symbolic link); copy the file into the folder"
        )
    if not target.is_file():
        raise AssetRefused(
            f"'{rel}' is not a file in the scenario's folder {root}; "
            "put the image there or remove the key"
        )
    return target


def check_assets(located: Located, filename: str, base_dir: Path | None) -> list[Problem]:
    """Errors for referenced paths that are unsafe; with ``base_dir``, also for ones that escape
    it through links. A path that is safe but names no file is left to the linter (a warning)."""
    problems: list[Problem] = []
    for path, rel in referenced_files(located.data):
        line, col = located.where(path)
        key = ".".join(str(p) for p in path)
        why = _shape_problem(rel)
        if why:
            problems.append(Problem(filename, line, col, f"{key}: '{rel}' {why}"))
            continue
        if base_dir is None:
            continue
        try:
            resolve_asset(base_dir, rel)
        except AssetRefused as exc:
            if "outside the scenario's folder" in str(exc) or "cannot be resolved" in str(exc):
                problems.append(Problem(filename, line, col, f"{key}: {exc}"))
    return problems


def missing_assets(data: Any, base_dir: Path) -> list[tuple[tuple[str | int, ...], str]]:
    """Safe references that name no file inside ``base_dir`` (path in the data, value)."""
    out = []
    for path, rel in referenced_files(data):
        if _shape_problem(rel):
            continue
        try:
            resolve_asset(base_dir, rel)
        except AssetRefused as exc:
            if "is not a file" in str(exc):
                out.append((path, rel))
    return out


def referenced_files(data: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """(path, value) of every file reference in raw scenario data (stakeholder portraits)."""
    out: list[tuple[tuple[str | int, ...], str]] = []
    people = data.get("stakeholders") if isinstance(data, dict) else None
    if isinstance(people, list):
        for i, s in enumerate(people):
            if isinstance(s, dict) and isinstance(s.get("portrait"), str):
                out.append((("stakeholders", i, "portrait"), s["portrait"]))
    return out
