"""Reading YAML safely while remembering where every node came from.

A scenario file never runs code. The text is composed into PyYAML's node
graph with the safe loader (no object construction happens at that stage),
then turned into plain Python data by our own walker, which

* accepts only the standard YAML tags (map, seq, str, int, float, bool, null),
  so ``!!python/object`` and custom tags are refused instead of constructed;
* bounds the file size, the nesting depth and the number of nodes produced
  after alias expansion, so an alias bomb is refused at once;
* records the line and column (1-based) of every value and every mapping key
  under its path, for ``FILE:LINE:COL`` messages;
* reads a plain ``1e-3`` or ``2E6`` as a number, as YAML 1.2 (and so every editor
  with the YAML language server) does, where YAML 1.1 reads it as text; and
  records the plain values that YAML 1.1 and 1.2 read differently
  (``26_000_000``, ``yes``, ``0100``, ``1:30``) so the linter can warn about them.

Syntax errors are reported in words that say what to do (indentation, a tab,
a colon or comma in text that needs quotes), not in the parser's terms.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml
from yaml.constructor import SafeConstructor

from game.scenario.problems import Problem
from game.scenario.yamlerrors import syntax_problem

MAX_BYTES = 2_000_000
MAX_DEPTH = 40
# Values after alias expansion. The largest bundled scenario has about 550; a
# scenario at every list's limit about 7,000. Validation time and the number of
# problems found grow with this figure, so it is kept well below what a file of
# MAX_BYTES could hold.
MAX_NODES = 20_000

Path = tuple[str | int, ...]


class Yaml11Value(NamedTuple):
    """A plain value read differently by YAML 1.1 (this game) and YAML 1.2 (editors)."""

    path: Path
    text: str  # as written
    read_as: Any  # what the game reads
    write: str  # what to write instead, read the same way by both

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


@dataclass
class Located:
    """Parsed data plus the positions of its nodes."""

    data: Any
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    yaml11: list[Yaml11Value] = field(default_factory=list)

    def where(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Best known (line, col) for a path: the node itself or its nearest parent."""
        table = self.keys if key else self.values
        p = tuple(path)
        if p in table:
            return table[p]
        while p:
            p = p[:-1]
            if p in self.values:
                return self.values[p]
        return (1, 1)


class YamlRefused(Exception):
    """The file cannot be read as a scenario; carries the problems found."""

    def __init__(self, problems: list[Problem]) -> None:
        problems = list(dict.fromkeys(problems))  # an alias repeats its node's problems
        super().__init__("; ".join(p.message for p in problems[:10]))
        self.problems = problems


def _pos(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Walker:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.located = Located(data=None)
        self.count = 0
        self.problems: list[Problem] = []
        self._scalars = SafeConstructor()

    def refuse(self, node: yaml.Node, message: str) -> None:
        line, col = _pos(node)
        self.problems.append(Problem(self.filename, line, col, message))

    def walk(self, node: yaml.Node, path: Path, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise YamlRefused(
                [
                    Problem(
                        self.filename,
                        *_pos(node),
                        f"the document expands to more than {MAX_NODES:,} values "
                        "(too many aliases or a very large file); refused",
                    )
                ]
            )
        if depth > MAX_DEPTH:
            raise YamlRefused(
                [
                    Problem(
                        self.filename,
                        *_pos(node),
                        f"nesting deeper than {MAX_DEPTH} levels; a scenario never needs this",
                    )
                ]
            )
        self.located.values.setdefault(path, _pos(node))
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP_TAG:
                self.refuse(node, f"tag {node.tag!r} is not allowed in a scenario file; remove it")
                return None
            out: dict[Hashable, Any] = {}
            groups = self._digit_groups(node) if node.flow_style else set()
            for i, (knode, vnode) in enumerate(node.value):
                if i in groups:
                    continue  # reported with the number the commas split
                if knode.tag == "tag:yaml.org,2002:merge":
                    self.refuse(knode, "merge keys ('<<') are not supported; write the keys out")
                    continue
                if not isinstance(knode, yaml.ScalarNode):
                    self.refuse(knode, "mapping keys must be plain names, not lists or maps")
                    continue
                key = self._scalar(knode, None)
                if isinstance(key, bool | type(None)):
                    # `yes:`/`no:`/`null:` as keys are almost always a mistake; keep the text.
                    key = knode.value
                if not isinstance(key, str | int):
                    key = str(knode.value)
                if key in out:
                    self.refuse(knode, f"duplicate key {key!r}; each key may appear once")
                    continue
                self.located.keys[(*path, key)] = _pos(knode)
                out[key] = self.walk(vnode, (*path, key), depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                self.refuse(node, f"tag {node.tag!r} is not allowed in a scenario file; remove it")
                return None
            return [self.walk(v, (*path, i), depth + 1) for i, v in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)  # composer only makes 3 node kinds
        return self._scalar(node, path)

    def _digit_groups(self, node: yaml.MappingNode) -> set[int]:
        """Entries of a {...} map that are the digit groups of a number written with commas.

        In ``{price: 12,000,000}`` the commas end the entry, so YAML reads a price of
        12 and the keys '000' and '000'. Report it once, as the number it was.
        """
        groups: set[int] = set()
        pairs = node.value
        i = 0
        while i < len(pairs):
            vnode = pairs[i][1]
            j = i + 1
            while j < len(pairs) and _is_digit_group(*pairs[j]):
                j += 1
            if j > i + 1 and isinstance(vnode, yaml.ScalarNode) and vnode.value.isdigit():
                written = ",".join([vnode.value, *(pairs[k][0].value for k in range(i + 1, j))])
                self.refuse(
                    vnode,
                    f"'{written}': inside {{...}} a comma ends the entry, so the number is cut "
                    f"at its commas; write it without them: {written.replace(',', '')}",
                )
                groups.update(range(i + 1, j))
            i = j
        return groups

    def _scalar(self, node: yaml.ScalarNode, path: Path | None) -> Any:
        """The value of a scalar; ``path`` is None for a mapping key."""
        if node.tag not in _SCALAR_TAGS:
            self.refuse(
                node,
                f"tag {node.tag!r} is not allowed in a scenario file (tags could construct "
                "objects); write a plain value",
            )
            return None
        plain = not node.style
        if plain and node.tag == _STR_TAG and _YAML12_EXP_FLOAT.fullmatch(node.value):
            return float(node.value)  # 1e-3: a number in YAML 1.2 and in every editor
        try:
            value = self._scalars.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
            why = str(exc)[:200]
            if "digits" in why:  # Python refuses to read integers of thousands of digits
                why = f"a number of {len(node.value):,} digits is far out of any range"
            self.refuse(node, f"cannot read value {shown!r}: {why}")
            return None
        if plain and path is not None:
            write = _yaml12_difference(node, value)
            if write is not None:
                self.located.yaml11.append(Yaml11Value(path, node.value, value, write))
        return value


def _is_digit_group(knode: yaml.Node, vnode: yaml.Node) -> bool:
    """A '000'-like key with no value: what a comma inside a number leaves in a {...} map."""
    return (
        isinstance(knode, yaml.ScalarNode)
        and not knode.style
        and len(knode.value) == 3
        and knode.value.isdigit()
        and isinstance(vnode, yaml.ScalarNode)
        and vnode.tag == "tag:yaml.org,2002:null"
        and vnode.value == ""
    )


_STR_TAG = "tag:yaml.org,2002:str"
# YAML 1.2 core schema floats with an exponent that YAML 1.1 reads as text (1e-3, 2E6, 1.5e3).
_YAML12_EXP_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)[eE][-+]?[0-9]+")
_YAML11_BOOL_WORDS = {"yes", "no", "on", "off"}


def _yaml12_difference(node: yaml.ScalarNode, value: Any) -> str | None:
    """What to write instead of a plain value YAML 1.2 reads differently, or None."""
    text = node.value
    if node.tag == "tag:yaml.org,2002:bool" and text.lower() in _YAML11_BOOL_WORDS:
        return "true" if value else "false"
    if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
        digits = text.lstrip("+-")
        octal = (  # 010 is 8 in YAML 1.1 and 10 in YAML 1.2 (02 is 2 in both)
            node.tag.endswith("int")
            and digits.startswith("0")
            and digits.isdigit()
            and abs(value) != int(digits)
        )
        if octal:
            return f"{value} (or {int(digits)}, if that is what you meant)"
        if "_" in text or ":" in text:
            return repr(value) if isinstance(value, float) else str(value)
    return None


def read_text(raw: bytes, filename: str) -> str:
    """Decode a scenario file's bytes, refusing what is not UTF-8 text."""
    if len(raw) > MAX_BYTES:
        raise YamlRefused(
            [
                Problem(
                    filename,
                    1,
                    1,
                    f"file is {len(raw):,} bytes; scenario files are limited to "
                    f"{MAX_BYTES:,} bytes",
                )
            ]
        )
    if b"\x00" in raw[:8192]:
        raise YamlRefused([Problem(filename, 1, 1, "this is a binary file, not a YAML text file")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlRefused(
            [
                Problem(
                    filename,
                    line,
                    1,
                    "the file is not UTF-8 text; save it as UTF-8 (byte "
                    f"{exc.start} cannot be decoded)",
                )
            ]
        ) from None
    return text


# libyaml (when PyYAML was built with it) parses about ten times faster; the
# pure-Python parser words its syntax errors better, so it re-reads a file in error.
_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _prescan(text: str, filename: str, loader: Any) -> None:
    """Bound nesting and alias expansion from the event stream, before any node is built.

    PyYAML's parser is not recursive, so a deeply nested file cannot exhaust the
    stack here; the size each anchor stands for is known when its node ends, so
    an alias bomb is refused after reading its text once, never expanded.
    """
    count = depth = 0
    sizes: dict[str, int] = {}
    open_nodes: list[tuple[str | None, int]] = []
    for ev in yaml.parse(text, Loader=loader):
        if isinstance(ev, yaml.ScalarEvent):
            count += 1
            if ev.anchor:
                sizes[ev.anchor] = 1
        elif isinstance(ev, yaml.AliasEvent):
            count += sizes.get(ev.anchor or "", 1)
        elif isinstance(ev, yaml.CollectionStartEvent):
            count += 1
            depth += 1
            open_nodes.append((ev.anchor, count - 1))
            if depth > MAX_DEPTH + 1:
                raise YamlRefused([_too_deep(filename, ev.start_mark)])
        elif isinstance(ev, yaml.CollectionEndEvent) and open_nodes:
            depth -= 1
            anchor, start = open_nodes.pop()
            if anchor:
                sizes[anchor] = count - start
        if count > MAX_NODES:
            raise YamlRefused([_too_many(filename, ev.start_mark)])


def _mark_pos(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _too_deep(filename: str, mark: Any) -> Problem:
    return Problem(
        filename,
        *_mark_pos(mark),
        f"nesting deeper than {MAX_DEPTH} levels; a scenario never needs this",
    )


def _too_many(filename: str, mark: Any) -> Problem:
    return Problem(
        filename,
        *_mark_pos(mark),
        f"the document expands to more than {MAX_NODES:,} values "
        "(too many aliases or a very large file); refused",
    )


def _compose(text: str, filename: str) -> yaml.Node | None:
    try:
        _prescan(text, filename, _FAST_LOADER)
        node: yaml.Node | None = yaml.compose(text, Loader=_FAST_LOADER)
        return node
    except yaml.YAMLError as exc:
        first = exc
    if _FAST_LOADER is not yaml.SafeLoader:
        try:  # the same error, in the pure-Python parser's words
            _prescan(text, filename, yaml.SafeLoader)
        except yaml.YAMLError as exc:
            first = exc
    raise YamlRefused([syntax_problem(first, filename, text)]) from None


def parse(text: str, filename: str) -> Located:
    """Parse YAML text into data with positions, or raise YamlRefused."""
    if not text.strip():
        raise YamlRefused(
            [Problem(filename, 1, 1, "the file is empty; a scenario starts with 'format: 1'")]
        )
    if len(text) > MAX_BYTES:
        raise YamlRefused(
            [
                Problem(
                    filename,
                    1,
                    1,
                    f"the text is {len(text):,} characters; scenario files are limited to "
                    f"{MAX_BYTES:,} bytes",
                )
            ]
        )
    node = _compose(text, filename)
    if node is None:
        raise YamlRefused(
            [Problem(filename, 1, 1, "the file has no content; a scenario starts with 'format: 1'")]
        )
    walker = _Walker(filename)
    data = walker.walk(node, (), 0)
    if walker.problems:
        raise YamlRefused(walker.problems)
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a single value ({data!r:.40})"
        raise YamlRefused(
            [
                Problem(
                    filename,
                    *_pos(node),
                    f"the top level is {kind}; a scenario must be a mapping of keys "
                    "such as 'format', 'id', 'stakeholders'",
                )
            ]
        )
    walker.located.data = data
    return walker.located
