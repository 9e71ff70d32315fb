"""The command line in-process, and a strict JSON parser, for the tests of its output."""

from __future__ import annotations

import contextlib
import io
import json
from typing import Any

from game.cli import Paths, main
from tests.conftest import ROOT

PATHS = Paths.beside(ROOT / "main.py")


def run_cli(*argv: str) -> tuple[int, str, str]:
    """``python main.py ARGV`` in this process: exit code, stdout, stderr.

    An exception that escapes the command escapes here too, with its traceback.
    """
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv), PATHS)
    return code, out.getvalue(), err.getvalue()


def strict_json(text: str) -> Any:
    """Parse JSON as RFC 8259 does: NaN, Infinity and -Infinity are errors."""

    def refuse(constant: str) -> Any:
        raise AssertionError(f"{constant} in JSON output")

    return json.loads(text, parse_constant=refuse)
