"""Speed of the window (``python main.py bench --only ui``): frame time on the board, start-up time.

Both run in a child process with the SDL dummy driver, so a real display (or
none) does not change the figures:

- frames: the board of rural_schools (12 people) at 1920x1080, 600 frames of
  the idle window with the mouse moving over it; mean and 99th percentile.
- start-up: ``python main.py`` until the first title frame is on screen (the
  window quits there and says so), the median of three starts.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FRAME_CODE = """
import json, os, time
os.environ["SDL_VIDEODRIVER"] = "dummy"
from pathlib import Path
from game.ui.bench import board_frames
print(json.dumps(board_frames(Path({scenarios!r}), {frames})))
"""


def board_frames(scenarios: Path, frames: int = 600, size: tuple[int, int] = (1920, 1080)) -> dict[str, Any]:
    """Frame times (ms) on the rural board; call with the dummy driver already chosen."""
    import numpy as np
    import pygame

    from game.ui.driver import Driver
    from game.ui.screens.board import BoardScreen

    d = Driver(scenarios, size=size, lang="en", seed=1, scenario_path=scenarios / "rural_schools.yaml")
    d.key(pygame.K_RETURN)  # briefing -> board
    if not isinstance(d.app.top, BoardScreen):
        raise RuntimeError(f"the bench expected the board, got {type(d.app.top).__name__}")
    people = len(d.app.top.views())
    app = d.app
    w, h = size
    for _ in range(30):  # warm caches (text, shapes)
        app.step([], 1 / 60)
        app.draw()
    times = []
    for i in range(frames):
        x = int((i * 37) % w)
        y = int((i * 23) % h)
        events = [pygame.event.Event(pygame.MOUSEMOTION, pos=(x, y), rel=(2, 1), buttons=(0, 0, 0))] if i % 2 else []
        t = time.perf_counter()
        app.step(events, 1 / 60)
        app.draw()
        times.append((time.perf_counter() - t) * 1000)
    d.close()
    arr = np.array(times)
    return {"mean_ms": float(arr.mean()), "p99_ms": float(np.percentile(arr, 99)), "people": people, "frames": frames}


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["SDL_VIDEODRIVER"] = "dummy"
    env["SDL_AUDIODRIVER"] = "dummy"
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def frame_bench(scenarios: Path, frames: int) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-c", FRAME_CODE.format(scenarios=str(scenarios), frames=frames)],
        capture_output=True,
        text=True,
        env=_child_env(),
        cwd=ROOT,
        timeout=600,
    )
    if out.returncode != 0:
        raise RuntimeError(f"the frame bench failed: {out.stderr.strip()[-400:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def startup_once(main: Path) -> float:
    """Seconds from starting ``python main.py`` to its first title frame."""
    env = _child_env()
    env["TENDER_QUIT_AFTER_TITLE"] = "1"
    t = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(main)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=main.parent
    )
    assert proc.stdout is not None  # PIPE was asked for
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - t
    proc.communicate(timeout=60)
    if "title frame" not in line:
        raise RuntimeError(f"python main.py did not show the title screen (exit {proc.returncode})")
    return elapsed


def run_ui_bench(scenarios: Path, quick: bool) -> list[dict[str, Any]]:
    frames = frame_bench(scenarios, 200 if quick else 600)
    starts = [startup_once(ROOT / "main.py") for _ in range(2 if quick else 3)]
    start = statistics.median(starts)
    return [
        {
            "name": "ui_board_frame_mean",
            "value": frames["mean_ms"],
            "unit": "ms",
            "target": f"<= 8 ms ({frames['people']} people, 1920x1080, dummy driver)",
            "ok": frames["mean_ms"] <= 8.0,
            "frames": frames["frames"],
        },
        {
            "name": "ui_board_frame_p99",
            "value": frames["p99_ms"],
            "unit": "ms",
            "target": "<= 16 ms",
            "ok": frames["p99_ms"] <= 16.0,
        },
        {
            "name": "ui_startup_to_title",
            "value": start,
            "unit": "s",
            "target": "<= 2 s from python main.py to the title screen",
            "ok": start <= 2.0,
            "runs": [round(s, 3) for s in starts],
        },
    ]
