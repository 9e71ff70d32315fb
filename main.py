"""Tender Game entry point: parses the command line, nothing else."""

import os
import sys

# Small matrices: one BLAS thread is faster and keeps benchmarks on one core.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from game.cli import Paths, main  # noqa: E402 - the environment must be set first

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], Paths.beside(__file__)))
