"""Tender Game: a turn-based sales-training simulation of key-account tenders."""

__version__ = "0.1.0"

# The version of the rules that turn decisions into results: the influence model and its
# parameters, the engine's rules, the AI's policies. Bump it in the commit that changes any
# of them in a way that moves a result (a golden file in tests/golden fails when it does;
# regenerate them with `python -m tests.golden regenerate`). Session and game files record
# it, so a file played under other rules says so when opened (docs/MODEL.md, README).
MODEL_VERSION = 4
