"""The scenario linter: errors from validation plus warnings, each with a stable code.

A warning is something legal that is probably unintended (a person nobody can
reach, a ceiling below every cost, an event that can never fire). Each has a
code (``W001`` ...) listed in :data:`CODES` with a one-line explanation, which
``python main.py validate --explain CODE`` prints. A scenario accepts a warning
on purpose under ``lint:``, with the reason beside the code::

    lint:
      W009: "Three vendors and the legal minimum of three bids: any slip fails the tender."

An unknown code or an empty reason there is an error; a suppression that
silences nothing is itself a warning (W008), so suppressions do not go stale.

The linter sits above the model because some checks use the action
catalogue (what each action costs and whom it moves).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel

from game.i18n import Text
from game.model import catalogue as cat
from game.scenario import schema
from game.scenario.assets import missing_assets
from game.scenario.load import ScenarioError, read_file, validate_located
from game.scenario.problems import Problem, did_you_mean
from game.scenario.schema import ACTION_IDS, ROLES, Scenario
from game.scenario.yamlsrc import Located, YamlRefused, parse

DataPath = tuple[str | int, ...]


class LintCode(NamedTuple):
    name: str
    explanation: str


# Stable codes: never renumber; retire a code by leaving it out, never reuse it.
CODES: dict[str, LintCode] = {
    "W001": LintCode(
        "unreachable-stakeholder",
        "No action a playable vendor can afford moves this person (receptiveness 0, or the "
        "actions that work on their role need days or money no playable vendor has).",
    ),
    "W002": LintCode(
        "veto-unheard-by-panel",
        "A veto holder off the panel whom no panel member listens to, directly or through "
        "others: winning them over lifts the veto but adds nothing to any panel score.",
    ),
    "W003": LintCode(
        "ceiling-below-all-costs",
        "The ceiling price is below every vendor's cost: whoever wins the tender loses money.",
    ),
    "W004": LintCode(
        "event-never-fires",
        "A random event that can never fire: its chance is 0, or its window (from_turn .. "
        "until_turn) holds no turn of the game.",
    ),
    "W005": LintCode(
        "criterion-nobody-cares-about",
        "No stakeholder (nor any successor in a stakeholder_replaced event) cares about this "
        "criterion, so showing it moves nobody; it counts only in the documents' score.",
    ),
    "W006": LintCode(
        "published-after-last-turn",
        "The tender is published after the last turn: the spec is never frozen and solution "
        "workshops shape it to the end.",
    ),
    "W007": LintCode(
        "text-in-one-language",
        "A text has English or Chinese but not both; players of the other language see the "
        "fallback.",
    ),
    "W008": LintCode(
        "unused-suppression",
        "A code under 'lint:' silences no warning in this file; remove it so it does not hide "
        "a future one.",
    ),
    "W009": LintCode(
        "min-valid-bids-equals-vendors",
        "min_valid_bids equals the number of vendors: one bid over the ceiling or disqualified "
        "as abnormally low fails the whole tender.",
    ),
    "W010": LintCode(
        "playable-cost-above-ceiling",
        "A playable vendor's cost is at or above the ceiling: that seat can only win at a loss.",
    ),
    "W011": LintCode(
        "missing-file",
        "A referenced file (a portrait) is not in the scenario's folder; the game shows none.",
    ),
    "W012": LintCode(
        "event-without-effect",
        "An event that fires too late to change anything (a tender_delayed at or after "
        "publication).",
    ),
    "W013": LintCode(
        "announced-event-without-text",
        "An event announced to the teams has no text: they learn only its kind.",
    ),
    "W014": LintCode(
        "event-without-id",
        "An event has no id: the game log and the trainer's deck cannot name it.",
    ),
    "W015": LintCode(
        "ai-bid-over-ceiling",
        "An AI vendor's bid rule prices it above the ceiling (max_share_of_ceiling above 1), "
        "so its bid is invalid.",
    ),
    "W016": LintCode(
        "ai-bid-abnormally-low",
        "An AI vendor's bid rule prices it below the abnormally-low line of the expected "
        "bids, so its bid is often questioned and thrown out.",
    ),
    "W017": LintCode(
        "read-differently-by-editors",
        "A plain value that this game (YAML 1.1) and editors with the YAML language server "
        "(YAML 1.2) read differently: 26_000_000 or 0100 (a number here, text or another "
        "number there), yes/no/on/off (true/false here, text there).",
    ),
}


def explain(code: str) -> str:
    """``W001 unreachable-stakeholder: ...`` for one code, or every code for 'all'."""
    if code.lower() == "all":
        return "\n".join(explain(c) for c in CODES)
    key = code.upper()
    if key not in CODES:
        raise KeyError(
            f"unknown warning code '{code}'{did_you_mean(key, CODES)}; codes: W001-W{len(CODES):03d}"
            " (use --explain all for the list)"
        )
    entry = CODES[key]
    return f"{key} {entry.name}: {entry.explanation}"


@dataclass
class _Ctx:
    sc: Scenario
    located: Located
    file: str
    base_dir: Path | None
    found: list[tuple[str, Problem]]

    def warn(self, code: str, path: DataPath, message: str, *, key: bool = False) -> None:
        line, col = self.located.where(path, key=key)
        self.found.append(
            (code, Problem(self.file, line, col, message, severity="warning", code=code))
        )


def _name(t: Text | None, fallback: str) -> str:
    return t.get("en") if t is not None else fallback


# -- the checks ------------------------------------------------------------------


def _action_costs(sc: Scenario) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for aid in ACTION_IDS:
        override = sc.actions.get(aid)
        out[aid] = override.model_dump() if override is not None else dict(cat.DEFAULT_COST[aid])
    return out


def _affordable(v: schema.Vendor, cost: dict[str, float]) -> list[str]:
    """Resources this vendor lacks for one unit of an action (empty: affordable)."""
    res = v.resources
    have = {
        "sales": res.sales,
        "presales": res.presales,
        "pm": res.pm,
        "executive": res.executive,
        "money": res.budget,
    }
    return [r for r, need in cost.items() if need > 0 and have.get(r, 0) < need]


_RESOURCE_WORDS = {
    "sales": "sales days",
    "presales": "pre-sales days",
    "pm": "project-manager days",
    "executive": "executive days",
    "money": "budget",
}


def check_reach(ctx: _Ctx) -> None:
    """W001: people no playable vendor can move."""
    sc = ctx.sc
    playable = sc.playable_vendors()
    costs = _action_costs(sc)
    exec_min = sc.model.exec_min_relationship
    for i, s in enumerate(sc.stakeholders):
        who = f"{_name(s.name, s.id)} ({s.id})"
        if s.receptiveness <= 0:
            ctx.warn(
                "W001",
                ("stakeholders", i, "receptiveness"),
                f"nothing any vendor does reaches {who}: receptiveness is 0; give a value above "
                "0 (1.0 is ordinary, 0.5 hard to move)",
            )
            continue
        r = ROLES.index(s.role)
        moving = [a for a in ACTION_IDS if cat.RELATIONSHIP[a][r] > 0 or cat.EXPOSURE[a][r] > 0]
        lacking: set[str] = set()
        reached = False
        for v in playable:
            builds = [
                a for a in moving if a != "executive_meeting" and not _affordable(v, costs[a])
            ]
            if builds:
                reached = True
                break
            if (
                "executive_meeting" in moving
                and not _affordable(v, costs["executive_meeting"])
                and s.start.relationship.get(v.id, 0.0) >= exec_min
            ):
                reached = True
                break
            for a in moving:
                lacking.update(_affordable(v, costs[a]))
        if not reached and lacking:
            needs = ", ".join(_RESOURCE_WORDS.get(x, x) for x in sorted(lacking))
            ctx.warn(
                "W001",
                ("stakeholders", i, "id"),
                f"no playable vendor can afford an action that moves {who}, a {s.role}: the "
                f"actions that would need {needs}, which no playable vendor has enough of; "
                "give the playable vendors those resources, or lower the costs under 'actions:'",
            )
        elif not reached:
            ctx.warn(
                "W001",
                ("stakeholders", i, "id"),
                f"no playable vendor can move {who}: only an executive meeting would, and it "
                f"needs a starting relationship of at least {exec_min:g} that nothing else can "
                "build; give a playable vendor start.relationship with them, or days for visits",
            )


def _listened_by_panel(sc: Scenario) -> set[str]:
    """People whose stance reaches a panel member along listens_to (the members included)."""
    reached = {s.id for s in sc.stakeholders if s.panel}
    frontier = list(reached)
    by_id = {s.id: s for s in sc.stakeholders}
    while frontier:
        sid = frontier.pop()
        for j, share in by_id[sid].listens_to.items():
            if share > 0 and j not in reached and j in by_id:
                reached.add(j)
                frontier.append(j)
    return reached


def check_veto(ctx: _Ctx) -> None:
    """W002: veto holders off the panel that no panel member hears."""
    heard = _listened_by_panel(ctx.sc)
    for i, s in enumerate(ctx.sc.stakeholders):
        if s.veto and not s.panel and s.id not in heard:
            ctx.warn(
                "W002",
                ("stakeholders", i, "veto"),
                f"{_name(s.name, s.id)} ({s.id}) holds a veto but sits off the panel, and no panel "
                "member listens to them, directly or through others: their favour never reaches "
                "a score; put them on the panel (panel: true) or give a panel member a "
                f"listens_to share toward '{s.id}'",
            )


def check_prices(ctx: _Ctx) -> None:
    """W003, W010, W015, W016: ceiling against costs, AI bid rules against the ceiling."""
    sc = ctx.sc
    ceiling = sc.tender.ceiling
    costs = [v.cost for v in sc.vendors]
    if ceiling < min(costs):
        cheapest = min(sc.vendors, key=lambda v: v.cost)
        ctx.warn(
            "W003",
            ("tender", "ceiling"),
            f"the ceiling {ceiling:,.0f} is below every vendor's cost (the lowest is "
            f"{cheapest.cost:,.0f}, {cheapest.id}): whoever wins loses money; raise the ceiling "
            "above the costs (often 10-20% above the highest) or lower the costs",
        )
    else:
        for i, v in enumerate(sc.vendors):
            if v.playable and v.cost >= ceiling:
                ctx.warn(
                    "W010",
                    ("vendors", i, "cost"),
                    f"{v.id}'s cost {v.cost:,.0f} is at or above the ceiling {ceiling:,.0f}: "
                    "this seat can only win at a loss; lower its cost or raise the ceiling",
                )
    expected = [
        min(v.cost * (1 + v.bid.markup), ceiling * v.bid.max_share_of_ceiling) for v in sc.vendors
    ]
    for i, v in enumerate(sc.vendors):
        if v.playable:
            continue
        if v.bid.max_share_of_ceiling > 1 and expected[i] > ceiling:
            ctx.warn(
                "W015",
                ("vendors", i, "bid", "max_share_of_ceiling"),
                f"{v.id} bids about {expected[i]:,.0f}, above the ceiling {ceiling:,.0f}, so its "
                "bid is invalid; set max_share_of_ceiling to at most 1 (0.98 is usual)",
            )
    if len(sc.vendors) > 1:
        mean = sum(expected) / len(expected)
        line = sc.tender.abnormally_low * mean
        for i, v in enumerate(sc.vendors):
            if not v.playable and expected[i] < line:
                ctx.warn(
                    "W016",
                    ("vendors", i, "bid", "markup")
                    if "bid" in _raw(ctx, ("vendors", i))
                    else ("vendors", i, "id"),
                    f"{v.id} bids about {expected[i]:,.0f}, below the abnormally-low line "
                    f"({sc.tender.abnormally_low:g} x the mean expected bid {mean:,.0f} = {line:,.0f}): "
                    "it will often be questioned and thrown out; raise its cost or markup so the "
                    "bid lands near the line, not under it",
                )


def _raw(ctx: _Ctx, path: DataPath) -> Any:
    cur: Any = ctx.located.data
    for part in path:
        if isinstance(cur, dict) and part in cur:
            cur = cur[part]
            continue
        if isinstance(cur, list) and isinstance(part, int) and part < len(cur):
            cur = cur[part]
            continue
        return {}
    return cur


def check_tender(ctx: _Ctx) -> None:
    """W006, W009."""
    sc = ctx.sc
    t = sc.tender
    if t.published_turn > sc.turns:
        ctx.warn(
            "W006",
            ("tender", "published_turn"),
            f"the tender is published at turn {t.published_turn}, after the last turn "
            f"({sc.turns}): the spec is never frozen; set published_turn to at most {sc.turns}",
        )
    n = len(sc.vendors)
    if n > 1 and t.min_valid_bids == n:
        ctx.warn(
            "W009",
            ("tender", "min_valid_bids")
            if "min_valid_bids" in _raw(ctx, ("tender",))
            else ("tender",),
            f"min_valid_bids is {n}, the number of vendors: one bid over the ceiling or "
            f"disqualified fails the whole tender; set min_valid_bids to {n - 1} or add a vendor",
        )


def check_criteria(ctx: _Ctx) -> None:
    """W005: criteria nobody cares about."""
    sc = ctx.sc
    cared: set[str] = set()
    for s in sc.stakeholders:
        cared.update(k for k, w in s.cares.items() if w > 0)
    for ev in sc.events:
        if isinstance(ev, schema.StakeholderReplaced) and ev.cares:
            cared.update(k for k, w in ev.cares.items() if w > 0)
    for i, c in enumerate(sc.criteria):
        if c.id not in cared:
            ctx.warn(
                "W005",
                ("criteria", i, "id"),
                f"nobody cares about criterion '{c.id}': showing it moves no one's stance and it "
                "counts only in the documents' score; add it to someone's cares, or remove it",
            )


def check_events(ctx: _Ctx) -> None:
    """W004, W012, W013, W014."""
    sc = ctx.sc
    delays = [ev for ev in sc.events if isinstance(ev, schema.TenderDelayed)]
    for i, ev in enumerate(sc.events):
        base: DataPath = ("events", i)
        label = f"event '{ev.id}'" if ev.id else f"event {i + 1} ({ev.kind})"
        if ev.chance is not None and not ev.deck:
            last = min(sc.turns, ev.until_turn) if ev.until_turn is not None else sc.turns
            if ev.chance == 0:
                ctx.warn(
                    "W004",
                    (*base, "chance"),
                    f"{label} has chance 0 and never fires; give a chance above 0, or make it "
                    "a trainer's deck event (deck: true)",
                )
            elif ev.from_turn > last:
                where = (
                    "until_turn"
                    if ev.until_turn is not None and ev.until_turn < ev.from_turn
                    else "from_turn"
                )
                ctx.warn(
                    "W004",
                    (*base, where),
                    f"{label} can fire from turn {ev.from_turn} to turn {last}, which holds no "
                    f"turn of the game (turns 1-{sc.turns}); set from_turn <= until_turn <= "
                    f"{sc.turns}",
                )
        if isinstance(ev, schema.TenderDelayed) and not ev.deck:
            others = sum(d.delay for d in delays if d is not ev)
            first = ev.turn if ev.turn is not None else ev.from_turn
            if first >= sc.tender.published_turn + others:
                ctx.warn(
                    "W012",
                    (*base, "turn") if ev.turn is not None else (*base, "from_turn"),
                    f"{label} fires at turn {first} or later, when the tender is already "
                    f"published (turn {sc.tender.published_turn}): it delays nothing; fire it "
                    f"before turn {sc.tender.published_turn}",
                )
        if not ev.secret and ev.text is None:
            ctx.warn(
                "W013",
                base,
                f"{label} is announced to the teams but has no text: they learn only that a "
                f"{ev.kind} happened; add text: {{en: ..., zh: ...}}, or secret: true",
            )
        if ev.id is None:
            ctx.warn(
                "W014",
                base,
                f"event {i + 1} ({ev.kind}) has no id: the log and the trainer's deck cannot "
                f"name it; add id: {ev.kind}_{i + 1} (or any name)",
            )


def _texts(value: Any, path: DataPath) -> Iterator[tuple[DataPath, Text]]:
    if isinstance(value, Text):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), (*path, name))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _texts(item, (*path, i))
    elif isinstance(value, dict):
        for k, item in value.items():
            yield from _texts(item, (*path, k))


_LANG_WORD = {"en": "English", "zh": "Chinese"}


def check_languages(ctx: _Ctx) -> None:
    """W007: text in one language only."""
    for path, t in _texts(ctx.sc, ()):
        missing = t.missing_languages()
        if len(missing) == 1:
            lang = missing[0]
            other = "zh" if lang == "en" else "en"
            where = ".".join(str(p) for p in path)
            ctx.warn(
                "W007",
                path,
                f"{where} has {_LANG_WORD[other]} ({other}) but no {_LANG_WORD[lang]} ({lang}); "
                f"add {lang}: ... beside {other}: ... (or write one plain string for both)",
            )


def check_files(ctx: _Ctx) -> None:
    """W011: referenced files that are not there."""
    if ctx.base_dir is None:
        return
    for path, rel in missing_assets(ctx.located.data, ctx.base_dir):
        ctx.warn(
            "W011",
            path,
            f"'{rel}' is not a file in the scenario's folder ({ctx.base_dir}); the game shows no "
            "picture; put the image there or remove the key",
        )


def _yaml_word(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def check_yaml_versions(ctx: _Ctx) -> None:
    """W017: plain values that YAML 1.1 (this game) and 1.2 (editors) read differently."""
    for v in ctx.located.yaml11:
        where = ".".join(str(p) for p in v.path)
        if isinstance(v.read_as, bool):
            there = "as the text '" + v.text + "'"
        elif "_" in v.text or ":" in v.text:
            there = "as text"
        else:
            there = f"as {v.text.lstrip('+-0') or '0'}"
        ctx.warn(
            "W017",
            v.path,
            f"{where}: '{v.text}' is read as {_yaml_word(v.read_as)} here but {there} by editors "
            "(YAML 1.2); "
            f"write {v.write}, which both read the same way",
        )


CHECKS = (
    check_reach,
    check_veto,
    check_prices,
    check_tender,
    check_criteria,
    check_events,
    check_languages,
    check_files,
    check_yaml_versions,
)


# -- suppressions and entry points --------------------------------------------------


def _suppressions(
    sc: Scenario, located: Located, file: str
) -> tuple[dict[str, str], list[Problem]]:
    """Valid ``lint:`` entries, and errors for unknown codes or empty reasons."""
    ok: dict[str, str] = {}
    errors: list[Problem] = []
    for code, reason in sc.lint.items():
        if code not in CODES:
            line, col = located.where(("lint", code), key=True)
            upper = code.upper()
            hint = f" (did you mean '{upper}'?)" if upper in CODES else did_you_mean(upper, CODES)
            errors.append(
                Problem(
                    file,
                    line,
                    col,
                    f"lint: unknown warning code '{code}'{hint}; codes are W001-W{len(CODES):03d} "
                    "as printed in warning lines (python main.py validate --explain all lists them)",
                )
            )
            continue
        if not reason.strip():
            line, col = located.where(("lint", code))
            errors.append(
                Problem(
                    file,
                    line,
                    col,
                    f"lint.{code}: the reason is empty; write why this warning is accepted, "
                    f'e.g. {code}: "A three-member panel keeps the tutorial small."',
                )
            )
            continue
        ok[code] = reason
    return ok, errors


def lint_located(
    located: Located, file: str, base_dir: Path | None = None
) -> tuple[Scenario | None, list[Problem], list[str]]:
    """Errors, then (for a valid scenario) unsuppressed warnings; and the codes suppressed."""
    sc, problems = validate_located(located, file, base_dir)
    if sc is None:
        return None, problems, []
    ctx = _Ctx(sc, located, file, base_dir, [])
    for check in CHECKS:
        try:
            check(ctx)
        except (ArithmeticError, ValueError, KeyError, IndexError, TypeError) as exc:
            # A check that trips over an odd but valid file must not hide the others.
            problems.append(
                Problem(
                    file,
                    1,
                    1,
                    f"the linter could not finish {check.__name__} ({exc}); the other checks ran",
                    severity="warning",
                )
            )
    allowed, errors = _suppressions(sc, located, file)
    fired = {code for code, _ in ctx.found}
    kept = [p for code, p in ctx.found if code not in allowed]
    for code in allowed:
        if code not in fired and code != "W008":
            line, col = located.where(("lint", code), key=True)
            if "W008" not in allowed:
                kept.append(
                    Problem(
                        file,
                        line,
                        col,
                        f"lint.{code} silences nothing: no {code} warning in this file; remove "
                        "the entry",
                        severity="warning",
                        code="W008",
                    )
                )
    suppressed = sorted(code for code in fired if code in allowed)
    out = sorted(
        {*problems, *errors, *kept},
        key=lambda p: (p.line, p.col, p.severity != "error", p.code, p.message),
    )
    return (sc if not errors else None), out, suppressed


def lint_text(
    text: str, file: str, base_dir: Path | None = None
) -> tuple[Scenario | None, list[Problem], list[str]]:
    try:
        located = parse(text, file)
    except YamlRefused as exc:
        return None, exc.problems, []
    return lint_located(located, file, base_dir)


@dataclass(frozen=True)
class LintResult:
    file: str
    problems: list[Problem]
    suppressed: list[str]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def lint_file(path: str | Path) -> LintResult:
    """Every error and warning of one scenario file; never raises."""
    try:
        text, name = read_file(path)
    except ScenarioError as exc:
        return LintResult(str(path), exc.problems, [])
    _, problems, suppressed = lint_text(text, name, Path(path).parent)
    return LintResult(name, problems, suppressed)


def code_descriptions() -> dict[str, str]:
    """Code to 'name: explanation', for the JSON Schema's completion of ``lint:`` keys."""
    return {code: f"{entry.name}: {entry.explanation}" for code, entry in CODES.items()}
