"""The action catalogue: what each action costs and how strongly it works on each role.

Rows are actions in ``ACTION_IDS`` order; columns of the role tables are roles
in ``ROLES`` order (decision_maker, technical, user, procurement, influencer,
gatekeeper). docs/MODEL.md prints these tables; change both together.
"""

from __future__ import annotations

from dataclasses import dataclass

# Resource cost per unit of amount: sales, presales, pm, executive (days), money.
DEFAULT_COST: dict[str, dict[str, float]] = {
    "visit": {"sales": 1},
    "technical_exchange": {"presales": 1},
    "site_visit": {"sales": 1, "money": 30_000},
    "executive_meeting": {"executive": 1, "money": 10_000},
    "solution_workshop": {"presales": 1, "pm": 1, "money": 10_000},
    "hospitality": {"sales": 1, "money": 20_000},
    "intel": {"sales": 1},
}

#                        dm    tech  user  proc  infl  gate
RELATIONSHIP: dict[str, tuple[float, ...]] = {
    "visit": (0.50, 0.55, 0.70, 0.50, 0.70, 0.80),
    "technical_exchange": (0.10, 0.35, 0.25, 0.05, 0.15, 0.05),
    "site_visit": (0.45, 0.50, 0.65, 0.20, 0.45, 0.20),
    "executive_meeting": (0.90, 0.45, 0.30, 0.30, 0.60, 0.20),
    "solution_workshop": (0.30, 0.40, 0.50, 0.10, 0.30, 0.10),
    "hospitality": (0.80, 0.60, 0.65, 0.40, 0.75, 0.85),
    "intel": (0.05, 0.05, 0.05, 0.05, 0.05, 0.10),
}
EXPOSURE: dict[str, tuple[float, ...]] = {
    "visit": (0.10, 0.10, 0.15, 0.10, 0.10, 0.05),
    "technical_exchange": (0.35, 1.00, 0.75, 0.20, 0.50, 0.10),
    "site_visit": (0.70, 0.85, 1.00, 0.30, 0.60, 0.20),
    "executive_meeting": (0.30, 0.10, 0.10, 0.05, 0.20, 0.05),
    "solution_workshop": (0.50, 0.85, 0.90, 0.20, 0.40, 0.10),
    "hospitality": (0.00, 0.00, 0.00, 0.00, 0.00, 0.00),
    "intel": (0.00, 0.00, 0.00, 0.00, 0.00, 0.00),
}
# Proposal quality: learning the customer's real requirements.
QUALITY: dict[str, tuple[float, ...]] = {
    "visit": (0.00, 0.05, 0.05, 0.00, 0.00, 0.00),
    "technical_exchange": (0.10, 0.45, 0.35, 0.05, 0.15, 0.00),
    "site_visit": (0.05, 0.15, 0.20, 0.00, 0.05, 0.00),
    "executive_meeting": (0.05, 0.00, 0.00, 0.00, 0.00, 0.00),
    "solution_workshop": (0.50, 0.90, 0.90, 0.20, 0.30, 0.00),
    "hospitality": (0.00, 0.00, 0.00, 0.00, 0.00, 0.00),
    "intel": (0.00, 0.00, 0.00, 0.00, 0.00, 0.00),
}
# Spec shaping before publication (solution workshops only).
TILT: dict[str, tuple[float, ...]] = {
    "solution_workshop": (0.80, 1.00, 0.80, 0.30, 0.50, 0.10),
}
# Knowledge of the person's priorities and stance.
INTEL: dict[str, tuple[float, ...]] = {
    "visit": (0.10, 0.10, 0.15, 0.10, 0.15, 0.20),
    "technical_exchange": (0.05, 0.15, 0.10, 0.05, 0.05, 0.05),
    "site_visit": (0.10, 0.10, 0.10, 0.05, 0.10, 0.05),
    "executive_meeting": (0.20, 0.05, 0.05, 0.05, 0.10, 0.05),
    "solution_workshop": (0.10, 0.15, 0.15, 0.05, 0.05, 0.05),
    "hospitality": (0.20, 0.20, 0.20, 0.15, 0.25, 0.30),
    "intel": (0.80, 0.80, 0.80, 0.80, 0.80, 0.90),
}


@dataclass(frozen=True)
class ActionSpec:
    """Fixed properties of an action."""

    id: str
    saturation: float  # k in g(n) = 1 - exp(-n / k): the amount for 63% of the maximum effect
    visitor_seniority: int  # seniority of the person the vendor sends (1-3)
    fail_factor: float  # multiplies the base chance that the meeting does not happen


SPECS: dict[str, ActionSpec] = {
    "visit": ActionSpec("visit", 2.0, 1, 1.0),
    "technical_exchange": ActionSpec("technical_exchange", 1.5, 2, 0.8),
    "site_visit": ActionSpec("site_visit", 1.0, 1, 1.2),
    "executive_meeting": ActionSpec("executive_meeting", 1.0, 3, 1.0),
    "solution_workshop": ActionSpec("solution_workshop", 1.5, 2, 1.0),
    "hospitality": ActionSpec("hospitality", 1.5, 1, 1.2),
    "intel": ActionSpec("intel", 1.0, 1, 0.6),
}

# Executive meetings scale with the host's seniority (1, 2, 3) ...
EXEC_SENIORITY_FACTOR = (0.25, 0.8, 1.3)
# ... and with timing: less before the turn before publication, more from then on.
EXEC_EARLY_FACTOR = 0.4  # MODEL_VERSION 4 (0.6 before): an early one did 40-45% of the work in software_division
EXEC_LATE_FACTOR = 1.2
# Relationship lost, as a multiple of the would-be gain, when hospitality backfires.
BACKFIRE_LOSS = 1.5
# After publication, reaching evaluation panel members is harder (quiet period).
QUIET_PERIOD_FACTOR = 0.5
# Workshops after publication still improve the proposal, at this share.
LATE_WORKSHOP_QUALITY = 0.5
