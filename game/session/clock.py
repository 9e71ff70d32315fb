"""The countdown of a round, driven by times passed in (no sleeping, no threads).

A ``RoundClock`` counts the seconds a round has been running; pausing stops
the count. Every method takes ``now`` from one clock function (the session's
``time.monotonic`` while live), so tests drive it with made-up times.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

WARNING_SECONDS = 60.0  # the one-minute warning


@dataclass
class RoundClock:
    length: float  # seconds; 0 means no countdown
    elapsed: float = 0.0  # seconds run before ``since``
    since: float | None = None  # when it last started running; None while paused

    @property
    def timed(self) -> bool:
        return self.length > 0

    @property
    def running(self) -> bool:
        return self.since is not None

    def spent(self, now: float) -> float:
        return self.elapsed + (max(0.0, now - self.since) if self.since is not None else 0.0)

    def remaining(self, now: float) -> float:
        """Seconds left (negative: overtime); infinite without a countdown."""
        return self.length - self.spent(now) if self.timed else math.inf

    def expired(self, now: float) -> bool:
        return self.timed and self.remaining(now) <= 0

    def start(self, now: float) -> None:
        if self.since is None:
            self.since = now

    def pause(self, now: float) -> None:
        if self.since is not None:
            self.elapsed = self.spent(now)
            self.since = None

    def extend(self, seconds: float) -> None:
        """Give the round more time (or less, with a negative number)."""
        if self.timed:
            self.length = max(1.0, self.length + seconds)

    def frozen(self, now: float) -> RoundClock:
        """A paused copy, as it stands at ``now``."""
        return RoundClock(self.length, self.spent(now), None)


def mmss(seconds: float) -> str:
    """'12:05', '-0:30' for overtime, '--:--' without a countdown."""
    if math.isinf(seconds):
        return "--:--"
    sign = "-" if seconds < 0 else ""
    s = int(math.ceil(abs(seconds))) if seconds >= 0 else int(abs(seconds))
    return f"{sign}{s // 60}:{s % 60:02d}"
