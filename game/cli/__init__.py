"""The command line (DESIGN section 5): main.py calls :func:`main` and nothing else.

- :mod:`.common`: what every command module shares (paths, errors, loading scenarios, output)
- :mod:`.commands`: play, validate, simulate, balance, new, schema, bench; the parser and ``main``
- :mod:`.workshop`: workshop, resume, leaderboard, export
- :mod:`.debrief`: report, debrief
- :mod:`.bench`: the benchmarks behind ``bench``
"""

from game.cli.commands import build_parser, default_start, main
from game.cli.common import CliError, Paths

__all__ = ["CliError", "Paths", "build_parser", "default_start", "main"]
