"""The layers (DESIGN section 2) hold: import-linter's contracts in pyproject.toml, and no global RNG.

The contracts forbid every import against the direction of the layers (the
engine importing the AI, the window importing the terminal, ...) and pygame
outside the window. CI runs `lint-imports` too; these tests keep a plain
`pytest` run honest about the contracts, and show that they can fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

RUN = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True, no_logo=True))"


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [sys.executable, "-c", RUN], cwd=root, capture_output=True, text=True, timeout=120, env=env
    )


def test_import_contracts_hold() -> None:
    out = lint_imports(ROOT)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "0 broken" in out.stdout


def test_a_wrong_import_breaks_a_contract(tmp_path: Path) -> None:
    """A copy of the game whose window imports the terminal, and whose engine imports pygame."""
    shutil.copytree(ROOT / "game", tmp_path / "game", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    with (tmp_path / "game" / "ui" / "entries.py").open("a", encoding="utf-8") as fh:
        fh.write("\nfrom game.terminal import render  # the window must not import the terminal\n")
    with (tmp_path / "game" / "engine" / "fog.py").open("a", encoding="utf-8") as fh:
        fh.write("\nimport pygame  # only the window imports pygame\n")
    out = lint_imports(tmp_path)
    assert out.returncode != 0
    assert "game.ui.entries -> game.terminal.render" in out.stdout
    assert "game.engine.fog -> pygame" in out.stdout
    assert "2 broken" in out.stdout


def test_no_global_random_module() -> None:
    for path in (ROOT / "game").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import random" not in text, path
        assert "np.random.seed" not in text, path
