"""Loading a scenario file: bytes -> YAML with positions -> checks -> Scenario.

Every problem is reported with its file, line and column, all at once:
schema problems (types, missing and unknown keys) come from pydantic and are
mapped back to the YAML node they concern; reference problems (unknown ids,
weights that do not sum to 1) come from :mod:`game.scenario.refs`.
"""

from __future__ import annotations

from pathlib import Path as FsPath
from typing import Any

from pydantic import ValidationError

from game.scenario import refs
from game.scenario.assets import check_assets
from game.scenario.problems import Problem, did_you_mean, one_of
from game.scenario.schema import Scenario
from game.scenario.yamlsrc import MAX_BYTES, Located, YamlRefused, parse, read_text


class ScenarioError(Exception):
    """A scenario could not be loaded; ``problems`` says why, each with its place."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line, p.col, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))


def _known_fields(model: Any, data: Any, loc: tuple[Any, ...]) -> list[str]:
    """Field names allowed where an unknown key was found (for did-you-mean)."""
    target = _parent_model(model, data, loc)
    return [k for k in getattr(target, "model_fields", {}) if k != "plain"]


def _field_hint(model: Any, data: Any, loc: tuple[Any, ...]) -> str:
    """'; it is: <description>' for the field at loc (its last part), or ''."""
    target = _parent_model(model, data, loc)
    field = getattr(target, "model_fields", {}).get(loc[-1]) if loc else None
    desc = getattr(field, "description", None)
    return f" ({desc[:1].lower()}{desc[1:].rstrip('.')})" if desc else ""


def _parent_model(model: Any, data: Any, loc: tuple[Any, ...]) -> Any:
    """The pydantic model holding the key at loc (its last part), following the data."""
    from game.scenario import schema

    target: Any = model
    cur: Any = data
    for part in loc[:-1]:
        if isinstance(part, int):
            cur = cur[part] if isinstance(cur, list) and part < len(cur) else None
            kind = cur.get("kind") if isinstance(cur, dict) else None
            if (
                isinstance(target, type)
                and issubclass(target, schema._EventBase)
                and isinstance(kind, str)
                and kind in schema.EVENT_KINDS
            ):
                target = _event_model(kind)
            continue
        fields = getattr(target, "model_fields", {})
        if part in fields:
            ann = fields[part].annotation
            target = _inner_model(ann, cur.get(part) if isinstance(cur, dict) else None)
            cur = cur.get(part) if isinstance(cur, dict) else None
        elif isinstance(cur, dict) and part in cur:
            cur = cur[part]
        elif part in schema.EVENT_KINDS:
            target = _event_model(part)
    return target


def _event_model(kind: str) -> Any:
    from game.scenario import schema

    return {
        "stakeholder_replaced": schema.StakeholderReplaced,
        "budget_cut": schema.BudgetCut,
        "competitor_offensive": schema.CompetitorOffensive,
        "spec_change": schema.SpecChange,
        "tender_delayed": schema.TenderDelayed,
        "rumour": schema.Rumour,
    }[kind]


def _inner_model(ann: Any, value: Any) -> Any:
    """The pydantic model inside an annotation such as list[X] or X | None."""
    from pydantic import BaseModel

    stack = [ann]
    while stack:
        a = stack.pop()
        if isinstance(a, type) and issubclass(a, BaseModel):
            return a
        stack.extend(getattr(a, "__args__", ()) or ())
        meta = getattr(a, "__origin__", None)
        if meta is not None and not getattr(a, "__args__", None):
            stack.append(meta)
    return None


_TYPE_WORDS = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "string_type": "a text string",
    "dict_type": "a mapping (key: value lines)",
    "list_type": "a list (lines starting with '- ')",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
}


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[tuple[str | int, ...], bool]:
    """Map a pydantic loc to a path in the data; True when it names a mapping key."""
    path: list[str | int] = []
    cur = data
    is_key = False
    for part in loc:
        if part == "[key]":
            is_key = True
            continue
        if (
            isinstance(cur, list)
            and isinstance(part, int)
            and part < len(cur)
            or isinstance(cur, dict)
            and part in cur
        ):
            path.append(part)
            cur = cur[part]
        elif (
            isinstance(part, str)
            and part
            in (
                "str",
                "dict[str,str]",
                "Text",
                "function-before[_from_plain(), Text]",
            )
            or isinstance(cur, dict)
            and isinstance(part, str)
            and part not in cur
            and path
            and ("kind" in cur and cur.get("kind") == part)
        ):
            continue
        else:
            path.append(part)
            cur = None
    return tuple(path), is_key


def pydantic_problems(
    exc: ValidationError, located: Located, filename: str, model: Any = Scenario
) -> list[Problem]:
    """Turn pydantic's errors into positioned problems (model: for did-you-mean on keys)."""
    problems: list[Problem] = []
    data = located.data
    seen_text_paths: set[tuple[str | int, ...]] = set()
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        etype = err["type"]
        path, is_key = _data_path(data, loc)
        # Skip pydantic's internal union-branch names so that paths read naturally.
        clean = [p for p in path if not (isinstance(p, str) and ("[" in p or "function-" in p))]
        where = ".".join(str(p) for p in clean) or "(top level)"
        inp = err.get("input")
        if etype == "missing":
            line, col = located.where(tuple(clean[:-1]))
            parent = ".".join(str(p) for p in clean[:-1]) or "the top level"
            msg = (
                f"missing required key '{clean[-1]}' in {parent}"
                f"{_field_hint(model, data, tuple(clean))}; add it"
            )
        elif etype == "extra_forbidden":
            line, col = located.where(tuple(clean), key=True)
            allowed = _known_fields(model, data, tuple(clean))
            hint = did_you_mean(str(clean[-1]), allowed)
            msg = f"unknown key '{clean[-1]}'{hint}"
            if not hint and allowed:
                msg += f"; allowed here: {one_of(allowed)}"
        else:
            line, col = located.where(tuple(clean), key=is_key)
            if is_key and etype == "literal_error":
                expected = err.get("ctx", {}).get("expected", "")
                choices = [
                    c.strip().strip("'") for c in str(expected).replace(" or ", ",").split(",")
                ]
                msg = f"'{inp}' is not a known name here{did_you_mean(str(inp), choices)}; allowed: {one_of(choices)}"
            elif etype == "literal_error":
                expected = err.get("ctx", {}).get("expected", "")
                choices = [
                    c.strip().strip("'") for c in str(expected).replace(" or ", ",").split(",")
                ]
                shown = repr(inp) if isinstance(inp, str) else _show(inp)
                msg = f"{where}: {shown} is not allowed{did_you_mean(str(inp), choices)}; use one of: {one_of(choices)}"
            elif etype == "union_tag_invalid":
                from game.scenario.schema import EVENT_KINDS

                tag = err.get("ctx", {}).get("tag", inp)
                msg = f"{where}: unknown event kind {tag!r}{did_you_mean(str(tag), EVENT_KINDS)}; use one of: {one_of(EVENT_KINDS)}"
            elif etype == "union_tag_not_found":
                msg = f"{where}: an event needs a 'kind' (one of: {one_of(__import__('game.scenario.schema', fromlist=['x']).EVENT_KINDS)})"
            elif etype in _TYPE_WORDS:
                msg = f"{where}: expected {_TYPE_WORDS[etype]}, got {_show(inp)}"
            elif etype in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
                ctx = err.get("ctx", {})
                bound = next(iter(ctx.values()), "")
                word = {
                    "greater_than_equal": "at least",
                    "less_than_equal": "at most",
                    "greater_than": "more than",
                    "less_than": "less than",
                }[etype]
                msg = f"{where}: {_show(inp)} is out of range; it must be {word} {bound}"
            elif etype == "string_pattern_mismatch":
                msg = (
                    f"{where}: {_show(inp)} is not a valid id; use letters, digits, '_' or '-', "
                    "starting with a letter"
                )
            elif etype in ("too_short", "too_long"):
                msg = f"{where}: {err['msg'].lower()}"
            elif etype == "string_too_short" and clean and clean[-1] in ("en", "zh"):
                msg = (
                    f"{where}: the text is empty; write it, or leave '{clean[-1]}' out "
                    "(the other language is shown instead)"
                )
            elif etype == "string_too_long":
                limit = err.get("ctx", {}).get("max_length", "")
                msg = f"{where}: {_show(inp)} is too long; use at most {limit} characters"
            elif etype == "value_error" and "text needs" in err["msg"]:
                msg = f"{where}: text needs 'en' or 'zh' (or a plain string)"
            elif etype == "value_error" and "text takes" in err["msg"]:
                msg = f"{where}: text takes the keys 'en' and 'zh', or is a plain string"
            else:
                msg = f"{where}: {err['msg']}"
            # Text fields produce one error per union branch; report the place once.
            if "Text" in str(loc) or "function-before" in str(loc):
                key = tuple(clean)
                if key in seen_text_paths:
                    continue
                seen_text_paths.add(key)
                if (
                    etype not in ("extra_forbidden",)
                    and "text needs" not in msg
                    and "text takes" not in msg
                ):
                    msg = f"{where}: expected text (a string or {{en: ..., zh: ...}}), got {_show(inp)}"
        problems.append(Problem(filename, line, col, msg))
    return problems


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (empty value)"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def validate_text(
    text: str, filename: str, base_dir: FsPath | None = None
) -> tuple[Scenario | None, list[Problem]]:
    """Check scenario text; returns the scenario (if valid) and every error found.

    ``base_dir`` is the scenario's folder: files it refers to (portraits) must
    resolve inside it. Without it, only the shape of those paths is checked.
    """
    try:
        located = parse(text, filename)
    except YamlRefused as exc:
        return None, exc.problems
    return validate_located(located, filename, base_dir)


def validate_located(
    located: Located, filename: str, base_dir: FsPath | None = None
) -> tuple[Scenario | None, list[Problem]]:
    problems = refs.check(located, filename)
    problems.extend(check_assets(located, filename, base_dir))
    scenario: Scenario | None = None
    try:
        scenario = Scenario.model_validate(located.data)
    except ValidationError as exc:
        problems.extend(pydantic_problems(exc, located, filename))
    except (TypeError, ValueError, RecursionError) as exc:  # defensive: never a traceback
        problems.append(Problem(filename, 1, 1, f"cannot read scenario: {exc}"))
    unique = sorted(set(problems), key=lambda p: (p.line, p.col, p.message))
    errors = [p for p in unique if p.severity == "error"]
    return (scenario if not errors else None), unique


def read_file(path: str | FsPath) -> tuple[str, str]:
    """Return (text, display name) of a scenario file, or raise ScenarioError."""
    p = FsPath(path)
    name = str(path)
    try:
        if p.is_dir():
            raise ScenarioError(
                [Problem(name, 1, 1, "this is a folder; give a scenario .yaml file")]
            )
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ScenarioError(
                [
                    Problem(
                        name,
                        1,
                        1,
                        f"file is {size:,} bytes; scenario files are limited to {MAX_BYTES:,} bytes",
                    )
                ]
            )
        with p.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ScenarioError(
            [
                Problem(
                    name, 1, 1, "no such file; check the path (bundled scenarios are in scenarios/)"
                )
            ]
        ) from None
    except PermissionError:
        raise ScenarioError(
            [Problem(name, 1, 1, "permission denied when reading this file")]
        ) from None
    except OSError as exc:
        raise ScenarioError(
            [Problem(name, 1, 1, f"cannot read file: {exc.strerror or exc}")]
        ) from None
    try:
        return read_text(raw, name), name
    except YamlRefused as exc:
        raise ScenarioError(exc.problems) from None


def load_scenario(path: str | FsPath) -> Scenario:
    """Load and validate a scenario file, or raise ScenarioError with every problem."""
    text, name = read_file(path)
    scenario, problems = validate_text(text, name, FsPath(path).parent)
    if scenario is None:
        raise ScenarioError(problems)
    return scenario


def check_file(path: str | FsPath) -> list[Problem]:
    """All problems of a file (errors and warnings), never raising."""
    try:
        text, name = read_file(path)
    except ScenarioError as exc:
        return exc.problems
    _, problems = validate_text(text, name, FsPath(path).parent)
    return problems
