"""Shared fixtures: bundled scenarios and compiled forms."""

from __future__ import annotations

import os

# As main.py does: one BLAS thread (the engine's matrices are small), set before numpy loads.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from pathlib import Path  # noqa: E402 - numpy must see the thread settings first

import pytest  # noqa: E402 - as above

from game.model.compiled import Compiled, compile_scenario  # noqa: E402 - as above
from game.scenario import Scenario, load_scenario  # noqa: E402 - as above

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"


@pytest.fixture(scope="session")
def rural() -> Scenario:
    return load_scenario(SCENARIOS / "rural_schools.yaml")


@pytest.fixture(scope="session")
def tutorial() -> Scenario:
    return load_scenario(SCENARIOS / "tutorial.yaml")


@pytest.fixture(scope="session")
def rural_c(rural: Scenario) -> Compiled:
    return compile_scenario(rural)


@pytest.fixture(scope="session")
def tutorial_c(tutorial: Scenario) -> Compiled:
    return compile_scenario(tutorial)
