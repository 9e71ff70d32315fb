"""``python -m tests.golden regenerate``: rewrite the golden files and the results they replay to."""

from __future__ import annotations

import sys

from tests.golden.build import EXPECTED, HERE, regenerate

USAGE = "usage: python -m tests.golden regenerate   (rewrites tests/golden/*; read the diff, then commit)"


def main(argv: list[str]) -> int:
    if argv != ["regenerate"]:
        print(USAGE, file=sys.stderr)
        return 2
    files = regenerate()
    for name, teams in files.items():
        totals = ", ".join(f"{team} {d['total']}" for team, d in teams.items())
        print(f"{HERE.name}/{name}: {totals}")
    print(f"wrote {EXPECTED.relative_to(HERE.parent.parent)}; 'git diff tests/golden' shows what moved")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
