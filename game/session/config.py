"""A workshop session's set-up and the typed entries of its log.

``SessionConfig`` is what the trainer chooses before the first round (teams,
mode, seed, timer); it is stored in the session file's header. ``Entry`` is
one line of the log after the header; the session file's raw JSON is checked
against these models on loading, so a hand-edited or foreign entry is a clear
error, not a crash.
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator

from game.engine.game import MAX_AMOUNT, Code
from game.engine.records import TeamFigures
from game.scenario.problems import did_you_mean, one_of
from game.scenario.schema import Scenario
from game.session.log import SUFFIX, SessionError
from game.session.values import Source

Mode = Literal["head-to-head", "parallel"]
AtZero = Literal["pass", "wait"]
MODES: tuple[Mode, ...] = ("head-to-head", "parallel")
AT_ZERO: tuple[AtZero, ...] = ("pass", "wait")
MAX_TEAMS = 12
MAX_NAME = 40


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Team(_Frozen):
    name: str = Field(min_length=1, max_length=MAX_NAME)
    vendor: str


class SessionConfig(_Frozen):
    """The trainer's choices for one session."""

    teams: tuple[Team, ...] = Field(min_length=1, max_length=MAX_TEAMS)
    mode: Mode
    seed: int = Field(ge=0, lt=2**63)
    round_seconds: int = Field(ge=0, le=24 * 3600)  # 0: no countdown
    at_zero: AtZero = "pass"
    lang: Literal["en", "zh"] = "en"
    # How the dashboard's Monte Carlo plays each team's seat in the turns still to come:
    # the same stand-in as the debrief's win-probability curve (it keeps spending below
    # the margin, so a likely win shows a positive expectation).
    assumption: str = "best_practice"

    def team(self, name: str) -> Team:
        key = team_key(name)
        for t in self.teams:
            if team_key(t.name) == key:
                return t
        names = [t.name for t in self.teams]
        raise SessionError(
            f"no team '{name}'{did_you_mean(name, names)}; teams: {one_of(names)}",
            "unknown_team",
            team=name,
        )


def team_key(name: str) -> str:
    """Team names match regardless of case, width and surrounding spaces."""
    return unicodedata.normalize("NFKC", name).strip().casefold()


class NameProblem(Code):
    """Why a team name cannot be used (the same rule for the command line, console and window)."""

    EMPTY = "empty"
    TOO_LONG = "too_long"  # more than MAX_NAME characters
    BAD_CHARS = "bad_chars"  # a comma or '=' (they separate teams and vendors), or a control character


def tidy_name(raw: str) -> str:
    """A team name as it is kept: NFKC (full-width letters and commas become ASCII), spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", raw).split())


def name_problem(raw: str) -> NameProblem | None:
    """What is wrong with a typed team name, or None when it can be used."""
    name = tidy_name(raw)
    if not name:
        return NameProblem.EMPTY
    if len(name) > MAX_NAME:
        return NameProblem.TOO_LONG
    if any(unicodedata.category(ch).startswith("C") for ch in name) or "," in name or "=" in name:
        return NameProblem.BAD_CHARS
    return None


def duplicate_names(names: Sequence[str]) -> list[str]:
    """The names given to more than one team (case, width and spaces ignored), in order."""
    keys = [team_key(n) for n in names]
    return list(dict.fromkeys(n for n, k in zip(names, keys, strict=True) if n.strip() and keys.count(k) > 1))


def clean_name(raw: str) -> str:
    """The team name to keep; SessionError (code bad_team_name, param ``problem``) says what is wrong."""
    name = tidy_name(raw)
    problem = name_problem(raw)
    if problem == NameProblem.EMPTY:
        raise SessionError("a team name cannot be empty", "bad_team_name", name=raw, problem=problem)
    if problem == NameProblem.TOO_LONG:
        raise SessionError(
            f"team name '{name[:20]}...' is longer than {MAX_NAME} characters",
            "bad_team_name",
            name=raw,
            problem=problem,
        )
    if problem == NameProblem.BAD_CHARS:
        raise SessionError(
            f"team name {name!r} has a comma, '=' or a control character; use letters, digits, spaces",
            "bad_team_name",
            name=raw,
            problem=problem,
        )
    return name


def build_config(
    scenario: Scenario,
    *,
    teams: Sequence[str],
    mode: str,
    seed: int,
    round_seconds: int = 600,
    at_zero: str = "pass",
    vendor: str | None = None,
    lang: str = "en",
) -> SessionConfig:
    """Check the trainer's set-up against the scenario; SessionError says what is wrong.

    ``teams`` are names, or ``NAME=VENDOR`` in head-to-head mode to choose a
    team's vendor (otherwise the playable vendors are handed out in order).
    In parallel mode every team plays ``vendor`` (default: the first playable one).
    """
    if mode not in MODES:
        raise SessionError(
            f"unknown mode '{mode}'{did_you_mean(mode, list(MODES))}; modes: {one_of(list(MODES))}",
            "bad_mode",
        )
    if at_zero not in AT_ZERO:
        raise SessionError(
            f"at zero the round can 'pass' (teams that have not submitted pass) or 'wait', not '{at_zero}'",
            "bad_at_zero",
        )
    if not 1 <= len(teams) <= MAX_TEAMS:
        raise SessionError(
            f"a session has 1 to {MAX_TEAMS} teams, not {len(teams)}", "bad_team_count", n=len(teams)
        )
    if round_seconds < 0 or round_seconds > 24 * 3600:
        raise SessionError("a round lasts 0 (no countdown) to 1,440 minutes", "bad_round_length")
    if not 0 <= seed < 2**63:
        raise SessionError("the seed is a whole number from 0 up", "bad_seed")
    playable = [v.id for v in scenario.playable_vendors()]
    vids = [v.id for v in scenario.vendors]
    out: list[Team] = []
    if mode == "parallel":
        chosen = vendor or playable[0]
        if chosen not in playable:
            raise SessionError(
                f"'{chosen}' is not a playable vendor of '{scenario.id}'{did_you_mean(chosen, vids)}; "
                f"playable: {one_of(playable)}",
                "bad_vendor",
            )
        for raw in teams:
            name, _, v = raw.partition("=")
            if v.strip() and v.strip() != chosen:
                raise SessionError(
                    f"parallel worlds: every team plays '{chosen}', so '{raw}' cannot choose "
                    f"'{v.strip()}' (use --vendor to choose the vendor for all)",
                    "bad_vendor",
                )
            out.append(Team(name=clean_name(name), vendor=chosen))
    else:
        free = list(playable)
        named: list[tuple[str, str | None]] = []
        for raw in teams:
            name, _, v = raw.partition("=")
            named.append((clean_name(name), v.strip() or None))
        for _, want in named:
            if want is not None:
                v = want
                if v not in playable:
                    raise SessionError(
                        f"'{v}' is not a playable vendor of '{scenario.id}'{did_you_mean(v, vids)}; "
                        f"playable: {one_of(playable)}",
                        "bad_vendor",
                    )
                if v not in free:
                    raise SessionError(
                        f"two teams chose vendor '{v}'; in head-to-head each team plays its own vendor",
                        "vendor_taken",
                    )
                free.remove(v)
        if len(named) > len(playable):
            raise SessionError(
                f"head-to-head: '{scenario.id}' has {len(playable)} playable vendor(s) "
                f"({one_of(playable)}), so at most {len(playable)} team(s); for more teams use "
                f"parallel worlds (--mode parallel)",
                "too_many_teams",
                n=len(named),
                most=len(playable),
            )
        for name, want in named:
            out.append(Team(name=name, vendor=want if want is not None else free.pop(0)))
    dups = duplicate_names([t.name for t in out])
    if dups:
        raise SessionError(f"two teams are called '{dups[0]}'; give each a different name", "dup_team")
    return SessionConfig(
        teams=tuple(out),
        mode=mode,
        seed=seed,
        round_seconds=round_seconds,
        at_zero=at_zero,
        lang="zh" if lang == "zh" else "en",
    )


@dataclass(frozen=True)
class SetupOptions:
    """What the command line gave for a new session; None: ask (console) or show a field (window)."""

    teams: Sequence[str] | None = None
    mode: str | None = None
    seed: int | None = None
    round_minutes: float | None = None
    at_zero: str | None = None
    vendor: str | None = None
    session_path: Path | None = None


def default_session_path(scenario_id: str, wall: Callable[[], float] = time.time) -> Path:
    """Where a new session goes unless told: sessions/SCENARIO-DATE-TIME.session.jsonl."""
    stamp = datetime.fromtimestamp(wall()).strftime("%Y%m%d-%H%M%S")
    return Path("sessions") / f"{scenario_id}-{stamp}{SUFFIX}"


# -- log entries -------------------------------------------------------------------


# What a session file may hold, whoever wrote it: a clock time between 1970 and the year
# 5000, a price below a thousand trillion, a short team or person name. Anything outside
# is refused with the entry's number before it reaches a game, a table or a date.
MAX_TIME = 95_617_584_000.0  # 5000-01-01 in seconds since 1970
MAX_PRICE = 1e15
MAX_ROUNDS = 100  # a scenario has at most 30 turns
PEER_MIN, PEER_MAX = 1, 5  # a teammate's contribution, on a short scale
MAX_ID = 200  # characters in an id or a team name in an entry
Id = Annotated[str, Field(max_length=MAX_ID)]
Share = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Weight = Annotated[float, Field(ge=0.0, le=1e6, allow_inf_nan=False)]  # relative priorities


class _Entry(_Frozen):
    seq: int = Field(ge=1, lt=2**31)
    time: float = Field(ge=0.0, le=MAX_TIME, allow_inf_nan=False)  # wall-clock seconds (time.time())


class AllocJson(_Frozen):
    action: Id
    stakeholder: Id
    amount: int = Field(ge=1, le=MAX_AMOUNT)


RoleId = Literal["am", "presales", "pm", "executive", "observer"]


class ItemJson(_Frozen):
    """Who put one action of an entry in the team's plan, as which roles, and who confirmed it
    (a joint action). None: at the trainer's laptop, a file, or a game without members."""

    member: Id | None = None
    by: Id | None = None
    roles: tuple[RoleId, ...] = Field((), max_length=5)
    confirmed_by: Id | None = None


class Unconfirmed(_Frozen):
    """A joint action proposed by one role and not confirmed by the other in time."""

    action: Id
    stakeholder: Id
    amount: int = Field(ge=1, le=MAX_AMOUNT)
    member: Id | None = None
    by: Id | None = None
    needs: tuple[RoleId, ...] = Field((), max_length=5)


class Open(_Entry):
    type: Literal["open"]
    round: int = Field(ge=1, le=MAX_ROUNDS)


Cid = Annotated[str, Field(min_length=1, max_length=64)]  # a client's id for one request (retries)


class Submit(_Entry):
    type: Literal["submit"]
    round: int = Field(ge=1, le=MAX_ROUNDS)
    team: Id
    actions: tuple[AllocJson, ...] = Field(max_length=1000)
    source: Source = "ui"
    file: str | None = None
    sha256: str | None = None
    # A served session: the member who handed it in (id and display name) and the request's id,
    # so that a browser retrying after a lost answer gets the same answer, not a second entry.
    member: Id | None = None
    by: Id | None = None
    cid: Cid | None = None
    # Team selling: who put each action in the plan (aligned with ``actions``), and the joint
    # actions a role proposed that the other role had not confirmed when the plan went in.
    items: tuple[ItemJson, ...] = Field((), max_length=1000)
    unconfirmed: tuple[Unconfirmed, ...] = Field((), max_length=1000)


class Withdraw(_Entry):
    """A team takes its entry for the open round back (a served session); it can hand one in again."""

    type: Literal["withdraw"]
    round: int = Field(ge=1, le=MAX_ROUNDS)
    team: Id
    member: Id | None = None
    by: Id | None = None
    cid: Cid | None = None


class Close(_Entry):
    type: Literal["close"]
    round: int = Field(ge=1, le=MAX_ROUNDS)
    by: Literal["trainer", "timer"] = "trainer"
    passed: tuple[Id, ...] = Field((), max_length=1000)


class Undo(_Entry):
    type: Literal["undo"]
    round: int = Field(ge=1, le=MAX_ROUNDS)  # the round whose resolution is undone
    reason: str | None = Field(None, max_length=10_000)


class Pause(_Entry):
    type: Literal["pause"]


class Go(_Entry):
    type: Literal["go"]


class Extend(_Entry):
    type: Literal["extend"]
    seconds: int = Field(ge=-24 * 3600, le=24 * 3600)


class Inject(_Entry):
    type: Literal["inject"]
    turn: int = Field(ge=1, le=MAX_ROUNDS)  # fires at the start of this turn
    deck: int | None = Field(None, ge=0, lt=10_000)  # index into the scenario's events (a deck event)
    event: dict[str, Any] | None = None  # a trainer's form (scenario event keys)
    secret: bool = False


class BeliefEntry(_Entry):
    type: Literal["belief"]
    team: Id
    stakeholder: Id
    stance: Share | None = None
    cares: dict[Id, Weight] | None = Field(None, max_length=100)


class Bid(_Entry):
    type: Literal["bid"]
    team: Id
    price: float | None = Field(gt=0.0, le=MAX_PRICE, allow_inf_nan=False)
    source: Source = "ui"
    member: Id | None = None
    by: Id | None = None
    cid: Cid | None = None


class RolesEntry(_Entry):
    """A member of a served team takes roles (team selling): kept in the log so that the
    debrief knows who played what, whatever happens to the room's side file."""

    type: Literal["roles"]
    team: Id
    member: Id
    by: Id
    roles: tuple[RoleId, ...] = Field((), max_length=5)


class ForecastEntry(_Entry):
    """A team's forecast: the chance it wins and the price it will bid, made while planning
    round ``round`` (None: with the bid). The last one per team and round counts."""

    type: Literal["forecast"]
    team: Id
    round: int | None = Field(None, ge=1, le=MAX_ROUNDS)
    win: Share
    price: float | None = Field(None, gt=0.0, le=MAX_PRICE, allow_inf_nan=False)
    member: Id | None = None
    by: Id | None = None


class PeerEntry(_Entry):
    """One member's review of their teammates' contribution at the end (1-5 each; the
    trainer's eyes only). The last one per member counts."""

    type: Literal["peer"]
    team: Id
    member: Id
    by: Id
    ratings: dict[Id, int] = Field(max_length=50)
    note: str | None = Field(None, max_length=500)

    @field_validator("ratings")
    @classmethod
    def _scale(cls, v: dict[str, int]) -> dict[str, int]:
        if any(not (PEER_MIN <= x <= PEER_MAX) for x in v.values()):
            raise ValueError(f"a rating is {PEER_MIN} to {PEER_MAX}")
        return v


class Finish(_Entry):
    type: Literal["finish"]
    no_bid: tuple[Id, ...] = Field((), max_length=1000)


class Results(_Entry):
    """The results announced after a round (``round``) or at the award (``round`` None), as
    computed under ``model_version``: what 'show the recorded results' shows when the rules
    have changed since. Replaying never reads them."""

    type: Literal["results"]
    round: int | None = Field(None, ge=1, le=MAX_ROUNDS)
    model_version: int = Field(ge=0, lt=1_000_000)
    teams: tuple[TeamFigures, ...] = Field((), max_length=1000)


Entry = Annotated[
    Open | Submit | Withdraw | Close | Undo | Pause | Go | Extend | Inject | BeliefEntry | Bid | Finish | Results
    | RolesEntry | ForecastEntry | PeerEntry,
    Field(discriminator="type"),
]
ENTRY: TypeAdapter[Entry] = TypeAdapter(Entry)


def parse_entry(raw: dict[str, Any]) -> Entry:
    """A typed entry, or SessionError naming what is wrong with it."""
    try:
        return ENTRY.validate_python(raw)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise SessionError(
            f"entry {raw.get('seq')} ({raw.get('type')}): {where}: {first['msg']}", "bad_entry"
        ) from None


def parse_config(raw: object) -> SessionConfig:
    try:
        return SessionConfig.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise SessionError(f"the session's set-up: {where}: {first['msg']}", "bad_config") from None
