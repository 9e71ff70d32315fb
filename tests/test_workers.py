"""Worker processes for the long analyses: same results as in-process, and a way out when
processes cannot be started."""

from __future__ import annotations

import pytest

from game.analysis import workers


def square(x: int) -> int:
    return x * x


def test_the_pool_gives_the_results_in_order_and_reports_each() -> None:
    done: list[int] = []
    out = workers.parallel_map(square, [3, 1, 2, 5], 2, done=done.append, order=[3, 0, 1, 2])
    assert out == [9, 1, 4, 25]
    assert sorted(done) == [0, 1, 2, 3]


def test_without_worker_processes_the_jobs_run_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_processes() -> object:
        raise OSError("no processes in this sandbox")

    monkeypatch.setattr(workers, "pool_context", no_processes)
    done: list[int] = []
    assert workers.parallel_map(square, [1, 2, 3], 2, done=done.append) == [1, 4, 9]
    assert done == [0, 1, 2]


def test_a_cancelled_job_stops_the_pool() -> None:
    class Cancelled(Exception):
        pass

    def cancel(_: int) -> None:
        raise Cancelled

    with pytest.raises(Cancelled):
        workers.parallel_map(square, list(range(6)), 2, done=cancel)


def test_one_worker_or_one_core_means_no_processes() -> None:
    done: list[int] = []
    assert workers.parallel_map(square, [4], 8, done=done.append) == [16]  # one item: no pool
    assert workers.cores() >= 1
