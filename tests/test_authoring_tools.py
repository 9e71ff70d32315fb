"""Authoring tools: `new`, `balance`, the JSON Schema, safe opening of any file,
and the bundled scenarios written with them."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import jsonschema
import numpy as np
import pytest
import yaml

from game.ai.players import POLICIES
from game.analysis.balance import CODES as BALANCE_CODES
from game.analysis.balance import balance, balance_text, chunk_seeds, verdicts
from game.analysis.lint import code_descriptions, lint_file, lint_text
from game.engine.game import Game
from game.engine.stats import wilson
from game.scenario import check_file, load_scenario, validate_text
from game.scenario.assets import AssetRefused, resolve_asset
from game.scenario.jsonschema import scenario_json_schema
from game.scenario.starter import starter_text
from tests.conftest import ROOT, SCENARIOS
from tests.test_cli import cli

BUNDLED = sorted(SCENARIOS.glob("*.yaml"))
SCHEMA_FILE = ROOT / "docs" / "tender-scenario.schema.json"
NEW_SCENARIOS = {"group_defence": "group-account-defence", "software_division": "software-division"}


# -- new ---------------------------------------------------------------------------


def test_new_writes_a_starter_that_validates(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "er" / "my tender.yaml"
    out = cli("new", str(target))
    assert out.returncode == 0, out.stderr
    assert "validates as written" in out.stderr
    result = lint_file(target)
    assert result.problems == []
    sc = load_scenario(target)
    assert sc.id == "my-tender"
    first = target.read_text(encoding="utf-8").splitlines()[0]
    ref = first.split("$schema=")[1]
    assert (target.parent / ref).resolve() == SCHEMA_FILE.resolve()


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    target.write_text("keep me", encoding="utf-8")
    out = cli("new", str(target))
    assert out.returncode == 2
    assert "already exists" in out.stderr and "never overwrites" in out.stderr
    assert target.read_text(encoding="utf-8") == "keep me"
    bad = cli("new", str(tmp_path / "x.txt"))
    assert bad.returncode == 2 and "ending in .yaml" in bad.stderr


def test_new_from_bundled_keeps_comments_and_changes_the_id(tmp_path: Path) -> None:
    target = tmp_path / "tutorial.yaml"
    out = cli("new", str(target), "--from", "tutorial")
    assert out.returncode == 0, out.stderr
    copy = target.read_text(encoding="utf-8")
    original = (SCENARIOS / "tutorial.yaml").read_text(encoding="utf-8")
    assert load_scenario(target).id == "tutorial-2"  # the bundled id is taken
    assert (
        copy.replace("id: tutorial-2\n", "id: tutorial\n", 1).splitlines()[1:]
        == (original.splitlines()[1:])
    )
    assert lint_file(target).problems == []
    missing = cli("new", str(tmp_path / "y.yaml"), "--from", "tutorail")
    assert missing.returncode == 2 and "did you mean 'tutorial'" in missing.stderr


def test_starter_text_is_clean_and_schema_valid() -> None:
    text = starter_text("starter", "../docs/tender-scenario.schema.json")
    sc, problems, _ = lint_text(text, "starter.yaml")
    assert sc is not None and problems == []
    _schema_validator().validate(yaml.safe_load(text))


# -- balance -------------------------------------------------------------------------


def test_wilson_interval() -> None:
    lo, hi = wilson(50, 100)
    assert lo == pytest.approx(0.4038, abs=1e-4) and hi == pytest.approx(0.5962, abs=1e-4)
    assert wilson(0, 20)[0] == 0.0 and wilson(20, 20)[1] == 1.0
    assert wilson(0, 0) == (0.0, 1.0)


def test_chunk_seeds_are_spawned_and_stable() -> None:
    assert chunk_seeds(7, 3) == chunk_seeds(7, 5)[:3]
    assert len(set(chunk_seeds(7, 5))) == 5 and chunk_seeds(7, 1) != chunk_seeds(8, 1)


def test_balance_json_shape_and_determinism(tutorial: Any) -> None:
    calls: list[tuple[int, int]] = []
    report = balance(tutorial, 60, 3, progress=lambda done, total: calls.append((done, total)))
    assert report == balance(tutorial, 60, 3)  # progress changes nothing
    assert calls[-1] == (300, 300)
    assert set(report) == {
        "scenario",
        "runs",
        "seed",
        "strategies",
        "rivals",
        "seats",
        "warnings",
        "ok",
    }
    seat = report["seats"]["player"]
    assert set(seat["strategies"]) == set(report["strategies"])
    for row in seat["strategies"].values():
        assert 0 <= row["ci_low"] <= row["win_rate"] <= row["ci_high"] <= 1
        assert {"mean_margin", "margin_if_won", "failed_rate", "vetoed_rate"} <= set(row)
        assert sum(row["win_rates"].values()) + row["failed_rate"] == pytest.approx(1.0)
    assert seat["best"] in report["strategies"]
    text = balance_text(report)
    assert "95% interval" in text and "seat player" in text


def test_balance_cli_json_and_errors() -> None:
    out = cli("balance", "tutorial", "--runs", "40", "--seed", "2", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["runs"] == 40 and data["seed"] == 2 and "player" in data["seats"]
    assert "\r" not in out.stderr  # no progress bar when stderr is not a terminal
    bad = cli("balance", "tutorial", "--runs", "10", "--seat", "swift")
    assert bad.returncode == 2 and "'swift' is not a playable vendor" in bad.stderr
    worse = cli("balance", "tutorial", "--runs", "0")
    assert worse.returncode == 2 and "--runs" in worse.stderr


def _rows(**rates: float) -> dict[str, dict[str, float]]:
    return {name: {"win_rate": r, "failed_rate": 0.0} for name, r in rates.items()}


BASE_RATES = {
    "passive": 0.02,
    "spread_even": 0.15,
    "focus_decision_maker": 0.2,
    "price_cutter": 0.1,
    "best_practice": 0.45,
}


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"passive": 0.3}, "B001"),
        ({"focus_decision_maker": 0.95}, "B002"),
        ({"price_cutter": 0.5}, "B002"),
        ({k: 0.01 for k in BASE_RATES}, "B003"),
        ({k: 0.9 for k in BASE_RATES}, "B004"),
    ],
)
def test_each_balance_verdict(changes: dict[str, float], code: str) -> None:
    assert verdicts(_rows(**BASE_RATES)) == []
    found = [w["code"] for w in verdicts(_rows(**{**BASE_RATES, **changes}))]
    assert code in found


def test_fragile_tender_verdict() -> None:
    rows = {k: {"win_rate": v, "failed_rate": 0.3} for k, v in BASE_RATES.items()}
    assert [w["code"] for w in verdicts(rows)] == ["B005"]
    assert set(BALANCE_CODES) == {"B001", "B002", "B003", "B004", "B005", "B006"}


# -- the JSON Schema -------------------------------------------------------------------


def _schema_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator: jsonschema.protocols.Validator = cls(schema)
    return validator


def test_schema_file_is_in_step_with_the_code() -> None:
    current = json.dumps(scenario_json_schema(code_descriptions()), ensure_ascii=False, indent=2)
    assert SCHEMA_FILE.read_text(encoding="utf-8") == current + "\n", (
        "regenerate it: python main.py schema > docs/tender-scenario.schema.json"
    )


def _undescribed(node: Any, path: str = "") -> list[str]:
    out: list[str] = []
    if isinstance(node, dict):
        for key, prop in node.get("properties", {}).items():
            if "description" not in prop:
                out.append(f"{path}/{key}")
        for key, value in node.items():
            out += _undescribed(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _undescribed(value, f"{path}/{i}")
    return out


def test_every_schema_field_has_a_description() -> None:
    assert _undescribed(json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_scenario_validates_against_the_schema(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    _schema_validator().validate(yaml.safe_load(text))
    first = text.splitlines()[0]
    assert first == "# yaml-language-server: $schema=../docs/tender-scenario.schema.json"


def test_schema_catches_mistakes() -> None:
    data = yaml.safe_load((SCENARIOS / "tutorial.yaml").read_text(encoding="utf-8"))
    data["stakeholders"][0]["relationship_wieght"] = 0.3
    data["lint"] = {"W999": "no such code"}
    errors = list(_schema_validator().iter_errors(data))
    assert len(errors) >= 2


# -- safe to open any file -------------------------------------------------------------


def test_alias_bomb_is_refused_in_under_a_second(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 12)]
    f = tmp_path / "bomb.yaml"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    start = time.perf_counter()
    problems = check_file(f)
    assert time.perf_counter() - start < 1.0
    assert [p.message for p in problems] == [
        "the document expands to more than 20,000 values (too many aliases or a very large "
        "file); refused"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 50_000 + "]" * 50_000,
        "a: " + "{b: " * 5_000 + "1" + "}" * 5_000,
        "".join("  " * i + "k:\n" for i in range(500)),
    ],
    ids=["flow-lists", "flow-maps", "block"],
)
def test_deep_nesting_is_refused_without_a_traceback(text: str) -> None:
    sc, problems = validate_text(text, "deep.yaml")
    assert sc is None
    assert [p.message for p in problems] == [
        "nesting deeper than 40 levels; a scenario never needs this"
    ]


def test_many_values_are_refused(tmp_path: Path) -> None:
    f = tmp_path / "wide.yaml"
    f.write_text("x: [" + ",".join(["1"] * 250_000) + "]\n", encoding="utf-8")
    start = time.perf_counter()
    assert any("expands to more than" in p.message for p in check_file(f))
    # libyaml reads this in well under a second; PyYAML's pure-Python parser takes seconds.
    assert time.perf_counter() - start < (5.0 if yaml.__with_libyaml__ else 60.0)


def test_tags_construct_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "made"
    for tag in (
        f"!!python/object/apply:os.system ['touch {marker}']",
        f"!!python/object/new:pathlib.Path ['{marker}']",
        "!!binary aGVsbG8=",
        "!!set {a, b}",
        "!!timestamp 2024-01-01",
    ):
        problems = validate_text(f"format: 1\nid: {tag}\n", "t.yaml")[1]
        assert any("not allowed in a scenario file" in p.message for p in problems), tag
    assert not marker.exists()


PORTRAIT = """\
    role: decision_maker
    portrait: {path}
"""


def _with_portrait(path: str) -> str:
    from tests.test_lint import BASE

    return BASE.replace("    role: decision_maker\n", PORTRAIT.format(path=path))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("../outside.png", "leads out of the scenario's folder"),
        ("pics/../../outside.png", "leads out of the scenario's folder"),
        ("/etc/passwd", "is an absolute path"),
        ("C:\\\\Windows\\\\x.png", "is an absolute path"),
        ('""', "is empty"),
    ],
)
def test_portrait_outside_the_folder_is_refused(tmp_path: Path, value: str, expected: str) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(_with_portrait(value), encoding="utf-8")
    problems = check_file(f)
    errors = [str(p) for p in problems if p.severity == "error"]
    assert any(
        f"{f}:14:15: error: stakeholders.0.portrait: " in e and expected in e for e in errors
    ), errors


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_portrait_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"\x89PNG")
    folder = tmp_path / "scen"
    folder.mkdir()
    os.symlink(outside, folder / "face.png")
    (folder / "ok.png").write_bytes(b"\x89PNG")
    f = folder / "s.yaml"
    f.write_text(_with_portrait("face.png"), encoding="utf-8")
    errors = [str(p) for p in check_file(f) if p.severity == "error"]
    assert any("outside the scenario's folder" in e for e in errors), errors
    with pytest.raises(AssetRefused, match="outside the scenario's folder"):
        resolve_asset(folder, "face.png")
    assert resolve_asset(folder, "ok.png") == (folder / "ok.png").resolve()
    f.write_text(_with_portrait("ok.png"), encoding="utf-8")
    assert lint_file(f).problems == []


# -- the bundled scenarios written with these tools ---------------------------------------------


@pytest.mark.parametrize("name", sorted(NEW_SCENARIOS))
def test_new_bundled_scenarios_are_clean_and_reported(name: str) -> None:
    path = SCENARIOS / f"{name}.yaml"
    assert lint_file(path).problems == []
    sc = load_scenario(path)
    assert sc.id == NEW_SCENARIOS[name] and sc.lint == {}
    report = (ROOT / "docs" / "scenarios" / f"{name}-balance.md").read_text(encoding="utf-8")
    assert f"python main.py balance scenarios/{name}.yaml" in report
    assert "balance: no warnings" in report


# -- nothing an author writes crashes the linter, the balance run or the game -------------------

ROLES = ["decision_maker", "technical", "user", "procurement", "influencer", "gatekeeper"]
KINDS = [
    "stakeholder_replaced",
    "budget_cut",
    "competitor_offensive",
    "spec_change",
    "tender_delayed",
]


def _odd_scenario(seed: int) -> dict[str, Any]:
    """A valid scenario with values at and near the edges of their ranges."""
    rng = np.random.default_rng(seed)

    def edge(lo: float, hi: float) -> float:
        r = rng.random()
        return lo if r < 0.2 else hi if r < 0.4 else float(lo + (hi - lo) * rng.random())

    K, S, V, turns = (
        int(rng.integers(1, 4)),
        int(rng.integers(1, 5)),
        int(rng.integers(2, 5)),
        int(rng.integers(2, 6)),
    )
    crit, sids, vids = (
        [f"k{i}" for i in range(K)],
        [f"s{i}" for i in range(S)],
        [f"v{i}" for i in range(V)],
    )

    def sum1(n: int) -> list[float]:
        w = [0.0] * n
        w[int(rng.integers(0, n))] = 1.0
        return w

    people = [
        {
            "id": s,
            "name": s,
            "role": str(rng.choice(ROLES)),
            "seniority": int(rng.integers(1, 4)),
            "influence": edge(0, 1),
            "veto": bool(rng.random() < 0.5),
            "panel": i == 0 or bool(rng.random() < 0.5),
            "cares": dict(zip(crit, sum1(K), strict=True)),
            "relationship_weight": edge(0, 1),
            "receptiveness": edge(0, 3),
            "listens_to": {o: edge(0, 1) / S for o in sids if o != s and rng.random() < 0.5},
            "start": {"relationship": {v: edge(0, 1) for v in vids if rng.random() < 0.3}},
        }
        for i, s in enumerate(sids)
    ]
    vendors = [
        {
            "id": v,
            "name": v,
            "playable": j == 0 or bool(rng.random() < 0.3),
            "strategy": str(
                rng.choice(["price_aggressive", "relationship", "technical", "balanced", "passive"])
            ),
            "strengths": {k: edge(0, 1) for k in crit},
            "cost": edge(1, 1e9),
            "resources": {
                r: int(rng.integers(0, 4)) for r in ("sales", "presales", "pm", "executive")
            }
            | {"budget": edge(0, 1e6)},
            "bid": {"markup": edge(-0.5, 3), "max_share_of_ceiling": edge(0.01, 1.2)},
        }
        for j, v in enumerate(vids)
    ]
    events: list[dict[str, Any]] = []
    for e in range(int(rng.integers(0, 4))):
        kind = str(rng.choice(KINDS))
        ev: dict[str, Any] = {"id": f"e{e}", "kind": kind, "text": "x"}
        ev |= (
            {"turn": int(rng.integers(1, turns + 1))}
            if rng.random() < 0.5
            else {
                "chance": edge(0, 1),
                "from_turn": int(rng.integers(1, turns + 2)),
            }
        )
        if kind == "stakeholder_replaced":
            ev |= {"stakeholder": sids[0], "cares": dict(zip(crit, sum1(K), strict=True))}
        elif kind == "budget_cut":
            ev["ceiling_factor"] = edge(0.01, 2)
        elif kind == "competitor_offensive":
            ev |= {"vendor": vids[-1], "price_cut": edge(0, 0.5), "relationship_gain": edge(0, 1)}
        elif kind == "spec_change":
            ev["criteria"] = {crit[0]: 0.0} if K > 1 else {crit[0]: 1.0}
        else:
            ev["delay"] = int(rng.integers(1, 11))
        events.append(ev)
    model = {
        "temperature": edge(0.01, 2),
        "eval_noise": edge(0, 30),
        "noise_sigma": edge(0, 2),
        "decay": edge(0, 1),
        "veto_share": edge(0, 1),
        "committee_sway": edge(0, 2),
        "mixing_rounds": int(rng.integers(0, 21)),
    }
    return {
        "format": 1,
        "id": f"odd-{seed}",
        "title": "Odd",
        "briefing": "Odd",
        "turns": turns,
        "tender": {
            "published_turn": int(rng.integers(1, turns + 3)),
            "ceiling": edge(1, 1e9),
            "min_valid_bids": int(rng.integers(1, V + 1)),
            "weights": {"technical": 0.7, "price": 0.3, "commercial": 0.0},
            "abnormally_low": edge(0.01, 1),
        },
        "criteria": [{"id": k, "weight": w} for k, w in zip(crit, sum1(K), strict=True)],
        "stakeholders": people,
        "vendors": vendors,
        "events": events,
        "model": model,
        "actions": {"visit": {"sales": edge(0, 2), "money": edge(0, 1e5)}}
        if rng.random() < 0.3
        else {},
    }


@pytest.mark.parametrize("seed", range(40))
def test_odd_scenarios_never_crash(seed: int) -> None:
    text = yaml.safe_dump(_odd_scenario(seed), allow_unicode=True)
    sc, problems, _ = lint_text(text, "odd.yaml")
    assert sc is not None, [str(p) for p in problems]
    with np.errstate(all="raise"):
        report = balance(sc, 12, seed, strategies=("passive", "best_practice", "price_cutter"))
        vendor = next(v.id for v in sc.vendors if v.playable)
        g = Game(sc, seed, (vendor,), players=POLICIES)
        for _ in range(sc.turns):
            g.set_actions(vendor, g.ai_allocations(vendor))
            g.end_turn()
        g.submit_bid(vendor, sc.tender.ceiling * 0.9)
        result = g.finish(samples=20)
    assert report["seats"] and result is not None


def test_authoring_minimal_example_has_no_problems() -> None:
    doc = (ROOT / "docs" / "AUTHORING.md").read_text(encoding="utf-8")
    block = doc.split("## 1. A minimal scenario")[1].split("```yaml\n")[1].split("```")[0]
    sc, problems, _ = lint_text(block, "minimal.yaml")
    assert sc is not None and [str(p) for p in problems] == []


# -- bad input: every message says where, what is wrong and what would be right ----------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    role: decision_maker\n",
            "",
            "f.yaml:11:5: error: missing required key 'role' in stakeholders.0 (buying role: "
            "decision_maker, technical, user, procurement, influencer or gatekeeper); add it",
        ),
        (
            "briefing: {en: A small tender., zh: 一个小招标。}",
            'briefing: {en: "", zh: 一个小招标。}',
            "f.yaml:4:16: error: briefing.en: the text is empty; write it, or leave 'en' out",
        ),
        (
            "    kind: rumour\n",
            "    kind: competitor_offensive\n",
            "f.yaml:28:5: error: missing required key 'vendor' in events.0 (the attacking vendor)",
        ),
        (
            "    kind: rumour\n",
            "    kind: budget_cut\n    ceiling: 90\n    reliability: 1\n",
            "unknown key 'reliability'; allowed here: ceiling, ceiling_factor, chance",
        ),
        (
            "weight: 0.4, section: commercial}",
            "weight: 0.4, section: {a: 1}}",
            "f.yaml:9:70: error: criteria.1.section: a mapping is not allowed; use one of: commercial, technical",
        ),
        (
            "  - id: expert\n",
            "  - id: [expert]\n",
            "f.yaml:16:9: error: stakeholders.1.id: expected a text string, got a list",
        ),
    ],
)
def test_bad_input_messages(old: str, new: str, expected: str) -> None:
    from tests.test_lint import BASE

    assert old in BASE
    sc, problems, _ = lint_text(BASE.replace(old, new), "f.yaml")
    msgs = [str(p) for p in problems]
    assert sc is None and any(expected in m for m in msgs), msgs


def test_broken_list_does_not_cascade_into_unknown_references() -> None:
    from tests.test_lint import BASE

    text = BASE.replace(
        "criteria:\n  - {id: tech, name: {en: Technology, zh: 技术}, weight: 0.6}\n"
        "  - {id: service, name: {en: Service, zh: 服务}, weight: 0.4, section: commercial}\n",
        "criteria: tech\n",
    )
    msgs = [str(p) for p in lint_text(text, "f.yaml")[1]]
    assert not any("unknown criterion" in m for m in msgs), msgs
    assert any("criteria: expected a list" in m for m in msgs), msgs
