"""The linter: every warning code fires on a small crafted scenario and on no bundled one;
suppressions, the JSON format and the exit codes of `validate`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.analysis.lint import CODES, explain, lint_file, lint_text
from tests.conftest import SCENARIOS
from tests.test_cli import cli

BUNDLED = sorted(SCENARIOS.glob("*.yaml"))

# A small scenario with no warnings; each case below changes one thing.
BASE = """\
format: 1
id: lint-base
title: {en: Lint base, zh: 检查样例}
briefing: {en: A small tender., zh: 一个小招标。}
turns: 4
tender: {published_turn: 3, ceiling: 100, min_valid_bids: 2}
criteria:
  - {id: tech, name: {en: Technology, zh: 技术}, weight: 0.6}
  - {id: service, name: {en: Service, zh: 服务}, weight: 0.4, section: commercial}
stakeholders:
  - id: boss
    name: {en: Boss, zh: 老板}
    role: decision_maker
    seniority: 3
    cares: {tech: 0.5, service: 0.5}
  - id: expert
    name: {en: Expert, zh: 专家}
    role: technical
    panel: true
    veto: true
    cares: {tech: 1.0}
    listens_to: {boss: 0.3}
vendors:
  - {id: us, name: {en: Us, zh: 我方}, playable: true, strengths: {tech: 0.7, service: 0.6}, cost: 80}
  - {id: them, name: {en: Them, zh: 对手}, strengths: {tech: 0.6, service: 0.7}, cost: 75}
  - {id: other, name: {en: Other, zh: 另一家}, strengths: {tech: 0.5, service: 0.5}, cost: 78}
events:
  - id: gossip
    kind: rumour
    chance: 0.3
    from_turn: 2
    text: {en: Talk in the corridor., zh: 走廊里的闲话。}
"""


def _lint(text: str, base_dir: Path | None = None) -> list[str]:
    sc, problems, _ = lint_text(text, "f.yaml", base_dir)
    return [str(p) for p in problems]


def _codes(text: str, base_dir: Path | None = None) -> list[str]:
    _, problems, _ = lint_text(text, "f.yaml", base_dir)
    return [p.code for p in problems if p.severity == "warning"]


def test_base_is_clean() -> None:
    assert _lint(BASE) == []


# (code, (old, new) replacements of BASE or text appended to it, a fragment of the message)
CASES: list[tuple[str, list[tuple[str, str]], str]] = [
    (
        "W001",
        [("    cares: {tech: 1.0}\n", "    cares: {tech: 1.0}\n    receptiveness: 0\n")],
        "f.yaml:22:20: warning [W001]: nothing any vendor does reaches Expert (expert): receptiveness is 0",
    ),
    (
        "W001",
        [
            (
                "playable: true, strengths",
                "playable: true, resources: {sales: 0, presales: 0, executive: 0, pm: 0}, strengths",
            )
        ],
        "no playable vendor can afford an action that moves Boss (boss)",
    ),
    (
        "W002",
        [
            ("    seniority: 3\n", "    seniority: 3\n    veto: true\n"),
            ("listens_to: {boss: 0.3}", "listens_to: {}"),
        ],
        "holds a veto but sits off the panel, and no panel member listens to them",
    ),
    (
        "W003",
        [("ceiling: 100", "ceiling: 70")],
        "f.yaml:6:38: warning [W003]: the ceiling 70 is below every vendor's cost",
    ),
    (
        "W004",
        [("    chance: 0.3\n", "    chance: 0\n")],
        "event 'gossip' has chance 0 and never fires",
    ),
    (
        "W004",
        [("    from_turn: 2\n", "    from_turn: 3\n    until_turn: 2\n")],
        "can fire from turn 3 to turn 2, which holds no turn of the game",
    ),
    (
        "W005",
        [("cares: {tech: 0.5, service: 0.5}", "cares: {tech: 1.0}")],
        "nobody cares about criterion 'service'",
    ),
    (
        "W006",
        [("published_turn: 3", "published_turn: 5")],
        "published at turn 5, after the last turn (4)",
    ),
    (
        "W007",
        [("title: {en: Lint base, zh: 检查样例}", "title: {en: Lint base}")],
        "title has English (en) but no Chinese (zh)",
    ),
    (
        "W009",
        [("min_valid_bids: 2", "min_valid_bids: 3")],
        "min_valid_bids is 3, the number of vendors",
    ),
    ("W010", [("cost: 80}", "cost: 100}")], "us's cost 100 is at or above the ceiling 100"),
    (
        "W012",
        [
            (
                "events:\n",
                "events:\n  - {id: late, kind: tender_delayed, turn: 3, text: {en: Late., zh: 推迟。}}\n",
            )
        ],
        "event 'late' fires at turn 3 or later, when the tender is already published",
    ),
    (
        "W013",
        [("    text: {en: Talk in the corridor., zh: 走廊里的闲话。}\n", "")],
        "is announced to the teams but has no text",
    ),
    (
        "W014",
        [("  - id: gossip\n    kind: rumour", "  - kind: rumour")],
        "event 1 (rumour) has no id",
    ),
    (
        "W015",
        [("cost: 78}", "cost: 98, bid: {max_share_of_ceiling: 1.2}}")],
        "other bids about 110, above the ceiling 100",
    ),
    (
        "W016",
        [("cost: 75}", "cost: 60, bid: {markup: -0.2}}")],
        "them bids about 48, below the abnormally-low line",
    ),
    (
        "W017",
        [("min_valid_bids: 2", "min_valid_bids: 0_2")],
        "tender.min_valid_bids: '0_2' is read as 2 here but as text by editors (YAML 1.2); "
        "write 2, which both read the same way",
    ),
    ("W017", [("veto: true", "veto: on")], "write true, which both read the same way"),
]


def _apply(changes: list[tuple[str, str]]) -> str:
    text = BASE
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    return text


@pytest.mark.parametrize(
    ("code", "changes", "fragment"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_each_warning_fires(code: str, changes: list[tuple[str, str]], fragment: str) -> None:
    text = _apply(changes)
    msgs = _lint(text)
    assert any(fragment in m for m in msgs), msgs
    assert code in _codes(text)
    assert all(m.startswith("f.yaml:") for m in msgs)
    assert not any(": error:" in m for m in msgs), msgs


def test_missing_portrait_warns_and_escaping_one_is_an_error(tmp_path: Path) -> None:
    text = BASE.replace(
        "    role: decision_maker\n", "    role: decision_maker\n    portrait: boss.png\n"
    )
    assert _codes(text, tmp_path) == ["W011"]
    (tmp_path / "boss.png").write_bytes(b"\x89PNG")
    assert _codes(text, tmp_path) == []
    bad = text.replace("portrait: boss.png", "portrait: ../boss.png")
    msgs = _lint(bad, tmp_path)
    assert any(
        "error: stakeholders.0.portrait: '../boss.png' leads out of the scenario's folder" in m
        for m in msgs
    ), msgs


def test_every_code_is_tested_and_explained() -> None:
    tested = {c[0] for c in CASES} | {"W008", "W011"}
    assert tested == set(CODES)
    for code, entry in CODES.items():
        line = explain(code)
        assert line.startswith(f"{code} {entry.name}: ") and "\n" not in line
    assert len(explain("all").splitlines()) == len(CODES)
    with pytest.raises(KeyError, match="did you mean 'W012'"):
        explain("w12")


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_scenarios_have_no_warnings(path: Path) -> None:
    result = lint_file(path)
    assert [str(p) for p in result.problems] == []


def test_suppression_silences_and_is_reported() -> None:
    text = _apply([("min_valid_bids: 2", "min_valid_bids: 3")])
    text += 'lint:\n  W009: "Three vendors and the legal minimum: any slip fails the tender."\n'
    sc, problems, suppressed = lint_text(text, "f.yaml")
    assert problems == [] and suppressed == ["W009"] and sc is not None


def test_unused_suppression_is_a_warning() -> None:
    text = BASE + 'lint:\n  W003: "kept for later"\n'
    msgs = _lint(text)
    assert msgs == [
        "f.yaml:34:3: warning [W008]: lint.W003 silences nothing: no W003 warning in this file; remove the entry"
    ]


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            '  w009: "ok"\n',
            "f.yaml:34:3: error: lint: unknown warning code 'w009' (did you mean 'W009'?)",
        ),
        ('  W999: "ok"\n', "unknown warning code 'W999'"),
        (
            '  W009: ""\n',
            "f.yaml:34:9: error: lint.W009: the reason is empty; write why this warning is accepted",
        ),
        ('  W009: "   "\n', "the reason is empty"),
    ],
)
def test_bad_suppressions_are_errors(entry: str, expected: str) -> None:
    text = _apply([("min_valid_bids: 2", "min_valid_bids: 3")]) + "lint:\n" + entry
    sc, problems, _ = lint_text(text, "f.yaml")
    msgs = [str(p) for p in problems]
    assert sc is None
    assert any(expected in m for m in msgs), msgs


def test_odd_but_valid_scenarios_never_crash_the_linter() -> None:
    odd = (  # numbers at the ends of their ranges
        BASE.replace("ceiling: 100", "ceiling: 1")
        .replace("cost: 80}", "cost: 1000000000000}")
        .replace(
            "    cares: {tech: 1.0}\n",
            "    cares: {tech: 1.0}\n    influence: 0\n    receptiveness: 0\n",
        )
        .replace("    seniority: 3\n", "    seniority: 3\n    influence: 0\n")
    )
    sc, problems, _ = lint_text(odd, "f.yaml")
    assert sc is not None
    assert all(p.severity == "warning" and p.code for p in problems), [str(p) for p in problems]


# -- the command line ------------------------------------------------------------


@pytest.fixture(scope="module")
def warned_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    f = tmp_path_factory.mktemp("lint") / "warned.yaml"
    f.write_text(_apply([("ceiling: 100", "ceiling: 70")]), encoding="utf-8")
    return f


def test_validate_exit_codes(warned_file: Path) -> None:
    out = cli("validate", str(warned_file))
    assert out.returncode == 0, out.stderr
    assert f"{warned_file}:6:38: warning [W003]:" in out.stdout
    assert "0 error(s), 1 warning(s)" in out.stderr
    strict = cli("validate", "--strict", str(warned_file))
    assert strict.returncode == 1 and "--strict: warnings fail" in strict.stderr


def test_validate_json_with_warnings(warned_file: Path) -> None:
    out = cli("validate", "--format", "json", str(warned_file), "scenarios/tutorial.yaml")
    assert out.returncode == 0
    data = json.loads(out.stdout)
    assert data["errors"] == 0 and data["warnings"] == 1 and data["ok"] is True
    first = data["files"][0]
    assert first["valid"] is True and first["suppressed"] == []
    assert first["problems"] == [
        {
            "file": str(warned_file),
            "line": 6,
            "col": 38,
            "message": first["problems"][0]["message"],
            "severity": "warning",
            "code": "W003",
        }
    ]
    strict = json.loads(cli("validate", "--format", "json", "--strict", str(warned_file)).stdout)
    assert strict["ok"] is False


def test_validate_explain() -> None:
    out = cli("validate", "--explain", "W003")
    assert out.returncode == 0 and out.stdout.startswith("W003 ceiling-below-all-costs: ")
    assert len(cli("validate", "--explain", "all").stdout.splitlines()) == len(CODES)
    bad = cli("validate", "--explain", "W3")
    assert bad.returncode == 2 and "unknown warning code" in bad.stderr
