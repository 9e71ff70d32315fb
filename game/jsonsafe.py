"""Strict JSON out: never NaN or Infinity, which JSON (RFC 8259) does not have.

Python's ``json`` writes ``NaN`` and ``Infinity`` by default, and most other
parsers then refuse the whole document. Every ``--json`` output and JSON file
the game writes goes through :func:`dumps`: a number that is not finite is
written as ``null``, the same value used for a figure that does not exist
(a margin when a vendor never won). Validation keeps scenario and decisions
files finite, so in practice a ``null`` means "no such figure"; this is the
last line of defence, so that a bug can never make the output unreadable.
"""

from __future__ import annotations

import json
import math
from typing import Any


def finite(data: Any) -> Any:
    """``data`` with every non-finite float (numpy's too) replaced by None."""
    if isinstance(data, float):  # numpy.float64 is a float too
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {k: finite(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [finite(v) for v in data]
    if hasattr(data, "item") and callable(data.item) and getattr(data, "shape", None) == ():
        return finite(data.item())  # a numpy scalar (float32, int64, ...)
    return data


def dumps(data: Any, *, indent: int | None = None) -> str:
    """Strict JSON text of ``data`` (UTF-8 characters kept, non-finite numbers as null)."""
    return json.dumps(finite(data), ensure_ascii=False, allow_nan=False, indent=indent)
