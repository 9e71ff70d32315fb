"""Scenario files: schema, safe YAML loading with positions, validation errors."""

from game.scenario.load import ScenarioError, check_file, load_scenario, validate_text
from game.scenario.problems import Problem
from game.scenario.schema import Scenario

__all__ = ["Problem", "Scenario", "ScenarioError", "check_file", "load_scenario", "validate_text"]
