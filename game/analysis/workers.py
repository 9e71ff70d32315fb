"""Worker processes for the long analyses a trainer waits for (the class's debrief, its report).

One pool per call, started clean (a fork server where the system has one, else spawn), one
worker per core the process may use. Each job is independent and deterministic, so the
results are the same whatever the number of workers; where worker processes cannot be
started (a sandbox, a script without a main guard) the jobs run in this process instead.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.context
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

MAX_WORKERS = 8


def cores() -> int:
    """The cores this process may run on (its affinity where the system has one: a process
    pinned to one core, as ``bench`` is, gets no workers)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def available() -> int:
    """Workers a long analysis may start: one per core this process may use, at most
    ``MAX_WORKERS``."""
    return min(cores(), MAX_WORKERS)


def pool_context() -> multiprocessing.context.BaseContext:
    """Processes started clean (not forked from a process that may run threads: the window,
    the served session): a fork server where the system has one, else spawn (Windows)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def parallel_map(
    fn: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    *,
    done: Callable[[int], None] | None = None,
    order: Sequence[int] | None = None,
) -> list[R]:
    """``[fn(x) for x in items]`` on up to ``workers`` processes (``fn`` a module-level function,
    items and results picklable). ``done(i)`` is called in this process as item i finishes;
    ``order``: the order to hand items out (the largest first balances the workers).
    An exception from ``done`` (a cancelled job) stops the pool and propagates."""
    n = min(workers, len(items))
    sequence = list(order) if order is not None else list(range(len(items)))
    out: dict[int, R] = {}
    if n > 1:
        try:
            pool = ProcessPoolExecutor(max_workers=n, mp_context=pool_context())
        except (OSError, ValueError) as exc:
            log.info("no worker processes (%s); working in this process", exc)
        else:
            finished = False
            try:
                running: dict[Future[R], int] = {pool.submit(fn, items[i]): i for i in sequence}
                for future in as_completed(running):
                    i = running[future]
                    out[i] = future.result()
                    if done is not None:
                        done(i)
                finished = True
            except (OSError, RuntimeError) as exc:  # a broken pool (RuntimeError's kind) or pipe
                log.info("worker processes failed (%s); finishing in this process", exc)
            finally:
                pool.shutdown(wait=finished, cancel_futures=True)
    for i in sequence:
        if i not in out:
            out[i] = fn(items[i])
            if done is not None:
                done(i)
    return [out[i] for i in range(len(items))]
