"""Loading a scenario file: bytes -> YAML with positions -> checks -> Scenario.

Every problem is reported with its file, line and column, all at once:
schema problems (types, missing and unknown keys) come from pydantic and are
mapped back to the YAML node they concern; reference problems (unknown ids,
weights that do not sum to 1) come from :mod:`game.scenario.refs`.
"""

from __future__ import annotations

import math
import re
from pathlib import Path as FsPath
from typing import Any

from pydantic import ValidationError

from game.scenario import refs
from game.scenario.assets import check_assets
from game.scenario.problems import Problem, did_you_mean, listed, one_of
from game.scenario.schema import Scenario
from game.scenario.yamlsrc import MAX_BYTES, Located, YamlRefused, parse, read_text


class ScenarioError(Exception):
    """A scenario could not be loaded; ``problems`` says why, each with its place."""

    def __init__(self, problems: list[Problem]) -> None:
        unique = sorted(set(problems), key=lambda p: (p.file, p.line, p.col, p.message))
        self.total = len(unique)  # problems found; ``problems`` lists at most MAX_LISTED + 1
        self.problems = listed(unique)
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


def _range_of(model: Any, data: Any, loc: tuple[Any, ...]) -> str:
    """'from A to B' (or 'of at least A') for the number at loc, from the schema, or ''."""
    from annotated_types import Ge, Gt, Le, Lt
    from pydantic.fields import FieldInfo

    field = None
    for cut in (len(loc), len(loc) - 1):  # the field itself, or the map holding the value
        if cut >= 1:
            target = _parent_model(model, data, loc[:cut])
            field = getattr(target, "model_fields", {}).get(loc[cut - 1])
            if field is not None:
                break
    if field is None:
        return ""
    low = high = None
    stack: list[Any] = [field, field.annotation]
    while stack:
        item = stack.pop()
        if isinstance(item, FieldInfo):
            stack.extend(item.metadata)
        for m in getattr(item, "__metadata__", ()):
            stack.append(m)
        stack.extend(a for a in getattr(item, "__args__", ()) or () if a is not type(None))
        if isinstance(item, Ge | Gt):
            low = item.ge if isinstance(item, Ge) else item.gt
        elif isinstance(item, Le | Lt):
            high = item.le if isinstance(item, Le) else item.lt
    if low is not None and high is not None:
        return f"from {_bound(low)} to {_bound(high)}"
    if low is not None:
        return f"of at least {_bound(low)}"
    return ""


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
            elif etype == "float_type" and isinstance(inp, int) and not isinstance(inp, bool):
                # an integer too large to be a float: out of range, not of the wrong type
                rng = _range_of(model, data, tuple(clean))
                msg = f"{where}: {_show(inp)} is out of range{'; write a number ' + rng if rng else ''}"
            elif etype in _TYPE_WORDS:
                msg = f"{where}: expected {_TYPE_WORDS[etype]}, got {_show(inp)}{_number_hint(etype, inp)}"
            elif etype == "finite_number":
                msg = (
                    f"{where}: {_show(inp)} is not a finite number; write a plain number "
                    f"{_range_of(model, data, tuple(clean)) or 'within its range (docs/AUTHORING.md)'}"
                )
            elif etype in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
                ctx = err.get("ctx", {})
                bound = _bound(next(iter(ctx.values()), ""))
                word = {
                    "greater_than_equal": "at least",
                    "less_than_equal": "at most",
                    "greater_than": "more than",
                    "less_than": "less than",
                }[etype]
                msg = f"{where}: {_show(inp)} is out of range; it must be {word} {bound}{_share_hint(etype, bound, inp)}"
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
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


_GROUPED = re.compile(r"[+-]?\d{1,3}(?:[,，' ]\d{3})+(?:\.\d+)?")
_PERCENT = re.compile(r"[+-]?\d+(?:\.\d+)?\s*%")
_SHORT_AMOUNT = re.compile(r"(\d{1,13}(?:\.\d{1,6})?)\s*([kKmM万亿])")  # 24m, 900k, 2400万: how amounts are typed in the game
_SHORT_UNITS = {"k": 1e3, "m": 1e6, "万": 1e4, "亿": 1e8}
_NUMBER_ERRORS = {"int_type", "int_parsing", "float_type", "float_parsing"}


def _number_hint(etype: str, value: Any) -> str:
    """What to write instead, when a number was expected and something close was given."""
    if etype not in _NUMBER_ERRORS:
        return ""
    if isinstance(value, bool):
        return (
            " (a YAML boolean: true, false, yes, no, on and off are read as true/false); "
            "write a number"
        )
    if not isinstance(value, str):
        return ""
    s = value.strip()
    if _GROUPED.fullmatch(s):
        digits = re.sub(r"[,，' ]", "", s)
        return f"; write it without separators: {digits}"
    if _PERCENT.fullmatch(s):
        share = float(s.rstrip("%").strip()) / 100
        return f"; write a share as a plain number: {share:g}"
    short = _SHORT_AMOUNT.fullmatch(s)
    if short and not etype.startswith("int"):
        amount = float(short[1]) * _SHORT_UNITS[short[2].lower()]
        return f"; write the amount in full, as a plain number: {amount:.0f}"
    if etype.startswith("int") and re.fullmatch(r"[+-]?\d+", s):
        return f"; remove the quotes: {s.lstrip('+')}"
    if re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", s):
        return f"; remove the quotes: {s}"
    return ""


def _share_hint(etype: str, bound: str, value: Any) -> str:
    """A share written as a percentage ('influence: 25', 'win: 40'): say which share was meant."""
    number = isinstance(value, int | float) and not isinstance(value, bool)
    # The range first: an integer of many digits cannot become a float.
    if etype != "less_than_equal" or bound != "1" or not number or not 2 <= value <= 100 or value != int(value):
        return ""
    return f" (a share: if you meant {_show(value)}%, write {value / 100:g})"


def _bound(value: Any) -> str:
    """A range bound as printed in messages: 1,000,000,000,000 rather than 1000000000000."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if abs(value) >= 10_000:
            return f"{value:,.0f}"
        return _show(value)
    return str(value)


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
    return listed(problems)
