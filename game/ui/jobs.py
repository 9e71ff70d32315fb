"""Background work for the window: one computation in a thread, its progress and its result.

The UI thread starts a :class:`Job` and reads it every frame (``state``,
``fraction``, ``result``). The worker never touches a screen or pygame: it
writes only into its Job, under a lock. ``cancel`` asks the worker to stop at
its next progress report (the callback raises :class:`Cancelled`), and a
cancelled job's result is dropped, so leaving a screen never leaves a thread
writing into it. Threads are daemons: quitting the window does not wait for
them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, Literal, TypeVar, cast

T = TypeVar("T")
Progress = Callable[[int, int], None]
State = Literal["running", "done", "failed", "cancelled"]


class Cancelled(Exception):
    """Raised inside the worker by its progress callback once the job is cancelled."""


class Job(Generic[T]):
    """``fn(progress)`` run in a daemon thread; ``progress(done, total)`` may be called any number of times."""

    def __init__(self, fn: Callable[[Progress], T], name: str = "job") -> None:
        self.name = name
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self._done = 0
        self._total = 0
        self._state: State = "running"
        self._result: T | None = None
        self._error: BaseException | None = None
        self.started = time.monotonic()
        self.thread = threading.Thread(target=self._run, args=(fn,), name=f"tender-{name}", daemon=True)
        self.thread.start()

    # -- the worker's side -------------------------------------------------------------
    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled
        with self._lock:
            self._done, self._total = int(done), int(total)

    def _run(self, fn: Callable[[Progress], T]) -> None:
        try:
            result = fn(self._progress)
        except Cancelled:
            with self._lock:
                self._state = "cancelled"
            return
        except Exception as exc:  # the screen shows it; the thread must not die loudly
            with self._lock:
                self._state = "cancelled" if self._cancel.is_set() else "failed"
                self._error = exc
            return
        with self._lock:
            if self._cancel.is_set():
                self._state = "cancelled"
            else:
                self._result = result
                self._state = "done"

    # -- the UI's side --------------------------------------------------------------------
    @property
    def state(self) -> State:
        with self._lock:
            return self._state

    @property
    def running(self) -> bool:
        return self.state == "running"

    @property
    def fraction(self) -> float | None:
        """Share done (0..1); None while the worker has not said how much there is."""
        with self._lock:
            if self._total <= 0:
                return None
            return max(0.0, min(1.0, self._done / self._total))

    @property
    def error(self) -> BaseException | None:
        with self._lock:
            return self._error

    def result(self) -> T:
        with self._lock:
            if self._state != "done":
                raise RuntimeError(f"job {self.name} is {self._state}, not done")
            return cast(T, self._result)  # done: the worker set it (None is a result too)

    def cancel(self) -> None:
        """Ask the worker to stop; whatever it still returns is dropped."""
        self._cancel.set()
        with self._lock:
            if self._state == "running":
                self._state = "cancelled"

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the thread ends (tests and shutdown); True when it has."""
        self.thread.join(timeout)
        return not self.thread.is_alive()

    def elapsed(self) -> float:
        return time.monotonic() - self.started
