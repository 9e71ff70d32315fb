"""The layers below the UI import and run with pygame blocked."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

CODE = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == 'pygame' or name.startswith('pygame.') or name.startswith('pygame_gui'):
            raise ImportError('pygame is blocked in this test')
        return None
sys.meta_path.insert(0, Block())
import game.scenario, game.model.compiled, game.model.influence, game.model.tender
import game.engine.game, game.engine.batch, game.ai.policies, game.analysis.simulate
import game.session.decisions, game.cli, game.terminal.app
from game.scenario import load_scenario
from game.ai.batch import run
from game.model.compiled import compile_scenario
c = compile_scenario(load_scenario('scenarios/tutorial.yaml'))
run(c, 10, 1)
assert not any(m.startswith('pygame') for m in sys.modules)
print('ok')
"""


def test_core_layers_import_without_pygame() -> None:
    out = subprocess.run(
        [sys.executable, "-c", CODE], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_no_global_random_module() -> None:
    for path in (ROOT / "game").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import random" not in text, path
        assert "np.random.seed" not in text, path
