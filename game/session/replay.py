"""The state a session log replays to: the games, the open round, the clock, the queues.

:class:`SessionState` applies typed log entries (:mod:`game.session.config`)
to the games, the same code live and when a file is reopened, and answers
every question a front end asks (status, submissions, reports, the audit
trail). It never writes; :class:`game.session.session.Session` checks a
request, writes its entry to the file, then hands it here.

Undo rebuilds: the entries that still count (the undone resolution and the
opening of the round after it left out) are replayed into fresh games.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from game import MODEL_VERSION, __version__
from game.ai.players import POLICIES
from game.engine.game import Allocation, Credit, DecisionError, Game
from game.engine.records import TeamFigures, VendorResult
from game.engine.teams import TeamGame
from game.scenario.load import ScenarioError, load_scenario
from game.scenario.schema import Scenario
from game.scenario.yamlsrc import MAX_BYTES
from game.session import live
from game.session.clock import RoundClock
from game.session.config import (
    AllocJson,
    BeliefEntry,
    Bid,
    Close,
    Entry,
    Extend,
    Finish,
    ForecastEntry,
    Go,
    Inject,
    Open,
    Pause,
    PeerEntry,
    Results,
    RolesEntry,
    SessionConfig,
    Submit,
    Team,
    Undo,
    Withdraw,
    parse_entry,
)
from game.session.log import LoadedLog, SessionError, SessionFileError, SessionWriter
from game.session.values import (
    AuditItem,
    InjectedEvent,
    Phase,
    Status,
    TeamReport,
    TeamStatus,
    Tick,
)

MAX_SEARCHED = 500  # scenario files looked at per folder when searching by content


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _allocs(acts: Iterable[AllocJson]) -> list[Allocation]:
    return [Allocation(a.action, a.stakeholder, a.amount) for a in acts]


class SessionState:
    """A session's games and round, as its log entries make them (no writing here)."""

    def __init__(
        self,
        scenario: Scenario,
        scenario_path: Path,
        config: SessionConfig,
        writer: SessionWriter | None,
        *,
        mono: Callable[[], float],
        wall: Callable[[], float],
    ) -> None:
        self.scenario = scenario
        self.scenario_path = scenario_path
        self.config = config
        self._writer = writer
        self._file = writer.path if writer is not None else None
        self._mono = mono
        self._wall = wall
        self.entries: list[Entry] = []  # every entry of the file, undone ones too
        self.notes: list[str] = []  # what opening the file found (a torn last line ...)
        self.game_version = __version__  # the program and the rules the file was written with
        self.model_version = MODEL_VERSION
        self._recorded: list[Results] = []
        self._undone: set[int] = set()
        # The replayed state; _reset() sets these, replaying entries changes them.
        self.games: list[Game] = []
        self._game_by_team: dict[str, Game] = {}
        self._effective: list[Entry] = []  # the entries that count (undone ones left out)
        self._phase: Phase = "idle"
        self._round = 0
        self._clock: RoundClock | None = None
        self._restarted_paused = False
        self._warned = False
        self._expired_told = False
        self._subs: dict[str, list[Allocation]] = {}
        self._drafts: dict[str, list[Allocation]] = {}  # teams' entries being typed (Session.save_draft)
        self._draft_meta: dict[str, dict[str, Any]] = {}  # what a front end keeps beside a draft
        self.drafts_version = 0  # changes whenever a draft is saved or dropped
        self._sources: dict[str, str] = {}
        self._resolved: dict[int, dict[str, list[Allocation]]] = {}
        self._entries: dict[str, Submit] = {}  # this round's entries as logged (who added what)
        self._resolved_entries: dict[int, dict[str, Submit]] = {}
        self._roles: dict[str, dict[str, RolesEntry]] = {}  # team -> member id -> the roles taken
        self._forecasts: dict[str, dict[int | None, ForecastEntry]] = {}  # team -> round -> the last
        self._peers: dict[str, dict[str, PeerEntry]] = {}  # team -> member id -> the last review
        self._queue: dict[int, list[int]] = {}  # turn -> event indexes injected for it
        self._used_cards: set[int] = set()
        self._injected: list[InjectedEvent] = []
        self._bids: dict[str, float | None] = {}
        self._reports: dict[str, TeamReport] = {}
        self._ticks: list[Tick] = []  # countdown events not yet handed out by tick()
        self._reset()

    # -- the file ----------------------------------------------------------------------------
    @property
    def path(self) -> Path | None:
        """The session file (also when opened read-only)."""
        return self._file

    @property
    def writable(self) -> bool:
        return self._writer is not None

    # -- facts -----------------------------------------------------------------------------
    @property
    def teams(self) -> tuple[Team, ...]:
        return self.config.teams

    @property
    def phase(self) -> Phase:
        return self._phase

    @property
    def round(self) -> int:
        """The open round, or the next round to open (turns + 1 once the turns are over)."""
        return self._round if self._phase == "open" else self.games[0].turn

    @property
    def rounds(self) -> int:
        return self.scenario.turns

    @property
    def clock(self) -> RoundClock | None:
        return self._clock

    @property
    def version(self) -> int:
        return len(self.entries)

    def now(self) -> float:
        return self._mono()

    def remaining(self) -> float:
        return self._clock.remaining(self._mono()) if self._clock else math.inf

    def team(self, name: str) -> Team:
        return self.config.team(name)

    def game_of(self, team: str) -> Game:
        return self._game_by_team[self.team(team).name]

    def team_games(self) -> list[TeamGame]:
        return [TeamGame(t.name, t.vendor, self._game_by_team[t.name]) for t in self.teams]

    def submissions(self) -> dict[str, list[Allocation]]:
        """This round's entries so far (team name -> allocations)."""
        return {k: list(v) for k, v in self._subs.items()}

    def decisions(self, team: str) -> dict[int, list[Allocation]]:
        """The entries that counted, per resolved round (an empty list: the team passed)."""
        name = self.team(team).name
        return {r: list(d.get(name, [])) for r, d in self._resolved.items()}

    def entries_of(self, team: str) -> dict[int, Submit | None]:
        """The logged entry that counted in each resolved round (who put each action in the
        plan, joint actions left unconfirmed); None: the team passed."""
        name = self.team(team).name
        return {r: d.get(name) for r, d in self._resolved_entries.items()}

    def roles(self, team: str) -> dict[str, RolesEntry]:
        """Member id -> the roles that member took last (a served team's members)."""
        return dict(self._roles.get(self.team(team).name, {}))

    def forecasts(self, team: str) -> dict[int | None, ForecastEntry]:
        """Round -> the team's last forecast made in it (None: with the bid)."""
        return dict(self._forecasts.get(self.team(team).name, {}))

    def peer_reviews(self, team: str) -> dict[str, PeerEntry]:
        """Member id -> that member's last review of their teammates (the trainer's eyes only)."""
        return dict(self._peers.get(self.team(team).name, {}))

    def bids(self) -> dict[str, float | None]:
        return dict(self._bids)

    def by_cid(self, team: str, cid: str) -> Submit | Withdraw | Bid | None:
        """The entry a team's request ``cid`` made, if it counts still (a browser retrying a
        request whose answer it never got is answered from it instead of entering it twice)."""
        name = self.team(team).name
        for e in reversed(self._effective):
            if isinstance(e, Submit | Withdraw | Bid) and e.cid == cid and e.team == name:
                return e
        return None

    @property
    def rules_changed(self) -> bool:
        """The file was written under another model version: replaying it under the current
        rules may give other results than those announced (``recorded_results`` has those)."""
        return self.model_version != MODEL_VERSION

    def recorded_results(self) -> list[Results]:
        """The results announced after each round and at the award, as the file recorded them."""
        return sorted(self._recorded, key=lambda r: (r.round is None, r.round or 0))

    def recorded_rounds(self) -> list[tuple[int | None, tuple[TeamFigures, ...]]]:
        """(round, or None for the award; each team's figures) as the file recorded them."""
        return [(r.round, r.teams) for r in self.recorded_results()]

    def announced(self, round_: int | None) -> Results:
        """The results of a round just resolved (``round_``) or of the award (None), as they are
        announced now: what the file records beside the entry."""
        figures: list[TeamFigures] = []
        for t in self.teams:
            g = self._game_by_team[t.name]
            if round_ is not None:
                figures.append(TeamFigures.after_turn(t.name, t.vendor, g.records[-1], g.vendor_index(t.vendor)))
            elif g.result is not None:
                figures.append(TeamFigures.at_award(t.name, t.vendor, g.result))
        return Results(type="results", seq=1, time=0.0, round=round_, model_version=MODEL_VERSION, teams=tuple(figures))

    def result(self, team: str) -> VendorResult | None:
        t = self.team(team)
        g = self._game_by_team[t.name]
        return g.result.vendor(t.vendor) if g.result is not None else None

    def report(self, team: str) -> TeamReport | None:
        return self._reports.get(self.team(team).name)

    def status(self) -> Status:
        now = self._mono()
        clock = self._clock
        teams = []
        for t in self.teams:
            if self._phase in ("bids", "done"):
                done = t.name in self._bids
                n = 0
            else:
                done = t.name in self._subs
                n = len(self._subs.get(t.name, []))
            teams.append(TeamStatus(t.name, t.vendor, done, n, self._sources.get(t.name)))
        return Status(
            phase=self._phase,
            round=self.round,
            rounds=self.rounds,
            remaining=clock.remaining(now) if clock else math.inf,
            running=bool(clock and clock.running),
            expired=bool(clock and clock.expired(now)),
            paused_after_restart=self._restarted_paused,
            teams=tuple(teams),
            can_undo=self._undo_block() is None,
            queued=tuple(self._queue.get(self.games[0].turn, [])),
            version=self.version,
        )

    def missing(self) -> list[str]:
        """Teams without an entry this round (open) or without a bid (bids)."""
        got = self._bids if self._phase in ("bids", "done") else self._subs
        return [t.name for t in self.teams if t.name not in got]

    def audit(self) -> list[AuditItem]:
        """Every trainer action and team entry, in order, undone ones marked (the results recorded
        beside them are not actions: ``recorded_results`` has them)."""
        out = []
        for e in self.entries:
            if isinstance(e, Results):
                continue
            detail = e.model_dump(mode="json", exclude={"seq", "time", "type"})
            out.append(
                AuditItem(
                    seq=e.seq,
                    time=e.time,
                    type=e.type,
                    round=getattr(e, "round", None) or getattr(e, "turn", None),
                    team=getattr(e, "team", None),
                    detail=detail,
                    undone=e.seq in self._undone,
                )
            )
        return out

    def injected(self) -> list[InjectedEvent]:
        """Events the trainer injected, in order (for the audit trail and the debrief)."""
        return list(self._injected)

    def deck(self) -> list[live.DeckCard]:
        return live.deck(self.scenario)

    def _undo_block(self) -> str | None:
        if self._phase == "done":
            return "the tender has been awarded; a finished session cannot be undone"
        closes = [i for i, e in enumerate(self._effective) if isinstance(e, Close)]
        if not closes:
            return "no round has been resolved yet"
        after = self._effective[closes[-1] + 1 :]
        busy = sorted({e.team for e in after if isinstance(e, Submit | Withdraw | Bid)})
        if busy:
            what = "bids" if self._phase == "bids" else f"entries for round {self.round}"
            return (
                f"teams have already handed in {what} ({', '.join(busy)}); undo is possible only "
                f"before anything is entered after the last resolution"
            )
        return None

    # -- replaying entries ----------------------------------------------------------------
    def _replay_file(self, loaded: LoadedLog) -> None:
        for raw in loaded.entries:
            try:
                entry = parse_entry(raw)
                self._apply_new(entry, entry.time)
            except (SessionError, DecisionError, ValueError, KeyError, IndexError) as exc:
                raise SessionFileError(
                    f"{loaded.path}: entry {raw.get('seq')} ({raw.get('type')}) cannot be replayed: "
                    f"{exc}. The file was not modified; was the scenario file changed?",
                    "bad_replay",
                ) from None
        self._freeze_clock(self.entries[-1].time if self.entries else None)

    def _apply_new(self, entry: Entry, now: float) -> None:
        self.entries.append(entry)
        if isinstance(entry, Undo):
            closes = [i for i, e in enumerate(self._effective) if isinstance(e, Close)]
            if not closes:
                raise SessionError("undo without a resolution to undo", "bad_entry")
            i = closes[-1]
            undone_close = self._effective[i]
            # The round after it (its opening and clock) goes too; injected events stay.
            later = self._effective[i + 1 :]
            dropped = {e.seq for e in later if isinstance(e, Open | Pause | Go | Extend)}
            keep = [*self._effective[:i], *(e for e in later if e.seq not in dropped)]
            self._undone.update({undone_close.seq, *dropped})
            self._rebuild(keep)
            self._freeze_clock(undone_close.time)
        else:
            self._apply(entry, now)
            self._effective.append(entry)

    def _rebuild(self, effective: list[Entry]) -> None:
        self._reset()
        for e in effective:
            self._apply(e, e.time)
            self._effective.append(e)

    def _freeze_clock(self, at: float | None) -> None:
        if self._phase == "open" and self._clock is not None and at is not None:
            self._clock = self._clock.frozen(at)
            self._restarted_paused = True

    def _reset(self) -> None:
        cfg = self.config
        if cfg.mode == "head-to-head":
            g = Game(self.scenario, cfg.seed, tuple(t.vendor for t in cfg.teams), players=POLICIES)
            self.games = [g]
            self._game_by_team = {t.name: g for t in cfg.teams}
        else:
            self.games = [Game(self.scenario, cfg.seed, (t.vendor,), players=POLICIES) for t in cfg.teams]
            self._game_by_team = dict(zip((t.name for t in cfg.teams), self.games, strict=True))
        self._effective = []
        self._phase = "idle"
        self._round = 0
        self._clock = None
        self._restarted_paused = False
        self._warned = False
        self._expired_told = False
        self._subs = {}
        self._sources = {}
        self._resolved = {}
        self._entries = {}
        self._resolved_entries = {}
        self._roles = {}
        self._forecasts = {}
        self._peers = {}
        self._queue = {}
        self._used_cards = set()
        self._injected = []
        self._bids = {}
        self._reports = {}
        self._recorded = []

    def _apply(self, e: Entry, now: float) -> None:
        """Apply one entry to the games; the same code live and in replay."""
        if isinstance(e, Open):
            self._phase, self._round = "open", e.round
            self._subs, self._sources, self._entries = {}, {}, {}
            self._clock = RoundClock(float(self.config.round_seconds))
            self._clock.start(now)
            self._restarted_paused = self._warned = self._expired_told = False
        elif isinstance(e, Submit):
            t = self.team(e.team)
            allocs = _allocs(e.actions)
            self._game_by_team[t.name].set_actions(t.vendor, allocs)
            self._subs[t.name] = allocs
            self._sources[t.name] = e.source
            self._entries[t.name] = e
        elif isinstance(e, Withdraw):
            t = self.team(e.team)
            if self._phase != "open" or e.round != self._round or t.name not in self._subs:
                raise SessionError(f"team {t.name} withdraws an entry it has not handed in", "bad_entry")
            self._game_by_team[t.name].set_actions(t.vendor, [])
            del self._subs[t.name]
            self._sources.pop(t.name, None)
            self._entries.pop(t.name, None)
        elif isinstance(e, Close):
            self._resolve(e, now)
        elif isinstance(e, Pause | Go | Extend):
            if self._clock is None:
                raise SessionError("clock entry without an open round", "bad_entry")
            if isinstance(e, Pause):
                self._clock.pause(now)
            elif isinstance(e, Go):
                self._clock.start(now)
                self._restarted_paused = False
            else:
                self._clock.extend(e.seconds)
                self._warned = self._expired_told = False
        elif isinstance(e, Inject):
            self._apply_inject(e)
        elif isinstance(e, BeliefEntry):
            t = self.team(e.team)
            self._game_by_team[t.name].record_belief(
                t.vendor, e.stakeholder, stance=e.stance, cares=e.cares
            )
        elif isinstance(e, Bid):
            t = self.team(e.team)
            self._game_by_team[t.name].submit_bid(t.vendor, e.price)
            self._bids[t.name] = e.price
        elif isinstance(e, Finish):
            for g in self.games:
                g.finish()
            self._phase = "done"
        elif isinstance(e, RolesEntry):
            t = self.team(e.team)
            self._roles.setdefault(t.name, {})[e.member] = e
            self._game_by_team[t.name].record_member(t.vendor, e.member, e.by, e.roles)
        elif isinstance(e, ForecastEntry):
            t = self.team(e.team)
            self._forecasts.setdefault(t.name, {})[e.round] = e
            self._game_by_team[t.name].record_forecast(t.vendor, e.win, e.price, e.by)
        elif isinstance(e, PeerEntry):
            self._peers.setdefault(self.team(e.team).name, {})[e.member] = e
        elif isinstance(e, Results):  # what was announced; the games are not touched
            self._recorded = [r for r in self._recorded if r.round != e.round] + [e]

    def _resolve(self, e: Close, now: float) -> None:
        if self._phase != "open" or e.round != self._round:
            raise SessionError(f"close of round {e.round} when it is not open", "bad_entry")
        if self._clock is not None:
            self._clock.pause(now)
        before = {t.name: tuple(self._game_by_team[t.name].view(t.vendor)) for t in self.teams}
        previous = {id(g): (g.records[-1] if g.records else None) for g in self.games}
        inject = tuple(self._queue.get(self._round, ()))
        # Resolve exactly what the log holds: a plan a front end was still editing in a
        # game (not handed in) is dropped, and a team without an entry passes.
        for t in self.teams:
            self._game_by_team[t.name].set_actions(t.vendor, self._subs.get(t.name, []))
            entry = self._entries.get(t.name)
            if entry is not None and (entry.items or entry.unconfirmed):
                self._game_by_team[t.name].record_credits(t.vendor, _credits(entry))
        for g in self.games:
            g.end_turn(inject=inject)
        self._resolved[self._round] = {k: list(v) for k, v in self._subs.items()}
        self._resolved_entries[self._round] = dict(self._entries)
        for t in self.teams:
            g = self._game_by_team[t.name]
            self._reports[t.name] = TeamReport(g.records[-1], before[t.name], previous[id(g)])
        self._subs, self._sources, self._entries = {}, {}, {}
        self._phase = "bids" if self.games[0].phase == "bid" else "idle"

    def _apply_inject(self, e: Inject) -> None:
        index = -1
        for g in self.games:
            if e.event is not None:
                index = g.add_event(e.event)
            elif e.deck is not None:
                if not (0 <= e.deck < len(self.scenario.events)) or not self.scenario.events[e.deck].deck:
                    raise SessionError(f"event {e.deck} is not a deck card", "bad_entry")
                if e.secret != self.scenario.events[e.deck].secret:
                    index = g.add_event(live.card_event(self.scenario, e.deck, e.secret))
                else:
                    index = e.deck
        if e.deck is not None:
            self._used_cards.add(e.deck)
        self._queue.setdefault(e.turn, []).append(index)
        event = self.games[0].events[index]
        self._injected.append(
            InjectedEvent(
                e.seq, e.time, e.turn, index, event, e.secret, "deck" if e.deck is not None else "form"
            )
        )

    def ensure_open(self, late_for: str | None = None) -> None:
        """Raise SessionError (saying why and what to do) unless a round is open."""
        if self._phase == "open":
            return
        if self._phase == "idle":
            last = self.games[0].turn - 1
            if late_for is not None and last >= 1:
                raise SessionError(
                    f"round {last} is closed, so {late_for}'s entry came too late "
                    f"(undo reopens it); round {last + 1} has not been opened yet",
                    "not_open",
                    round=last,
                )
            raise SessionError(
                f"no round is open; open round {self.games[0].turn} first", "not_open", round=0
            )
        raise SessionError(
            "every round has been played; the bids are due" if self._phase == "bids"
            else "the tender has been awarded; the session is over",
            "no_rounds_left",
        )


def load_scenario_file(path: Path) -> Scenario:
    try:
        return load_scenario(path)
    except ScenarioError as exc:
        lines = "\n".join(str(p) for p in exc.problems)
        raise SessionError(f"{lines}\nthe scenario {path} has problems; fix them first", "bad_scenario") from None


def check_config(config: SessionConfig, scenario: Scenario) -> None:
    playable = {v.id for v in scenario.playable_vendors()}
    for t in config.teams:
        if t.vendor not in playable:
            raise SessionError(
                f"team {t.name} plays '{t.vendor}', which is not a playable vendor of '{scenario.id}'",
                "bad_vendor",
            )
    if config.mode == "head-to-head" and len({t.vendor for t in config.teams}) < len(config.teams):
        raise SessionError("head-to-head: two teams play the same vendor", "vendor_taken")
    if config.mode == "parallel" and len({t.vendor for t in config.teams}) > 1:
        raise SessionError("parallel worlds: every team plays the same vendor", "bad_vendor")


def find_scenario(loaded: LoadedLog, given: str | Path | None, search: Sequence[Path]) -> Path:
    """The scenario file the session was played with (same SHA-256), or a clear error."""
    want = str(loaded.header["scenario_sha256"])
    sid = loaded.header["scenario_id"]
    if given is not None:
        candidates = [Path(given)]
    else:
        # Where the header says, then a byte-identical copy beside the session file (moved
        # together to another laptop), then the folders to search (the bundled scenarios).
        candidates = [Path(str(loaded.header["scenario_path"]))]
        for d in (loaded.path.parent, *search):
            with contextlib.suppress(OSError):
                if d.is_dir():
                    candidates.extend(sorted([*d.glob("*.yaml"), *d.glob("*.yml")])[:MAX_SEARCHED])
    for c in candidates:
        try:
            if c.stat().st_size <= MAX_BYTES and file_sha256(c) == want:
                return c.resolve()
        except (OSError, ValueError):  # missing, unreadable, or not a possible path
            continue
    if given is not None:
        raise SessionFileError(
            f"{given} is not the scenario file this session was played with (its content differs); "
            f"replaying it would give another game. Give the original file (scenario '{sid}').",
            "scenario_changed",
        )
    where = loaded.header["scenario_path"]
    raise SessionFileError(
        f"the scenario file of this session ('{sid}', {where}) is missing or has changed since the "
        f"session started, and no file with the same content is beside the session file; replaying "
        f"a changed scenario would give another game. Put the original file back (or beside the "
        f"session file), or give it with --scenario FILE.",
        "scenario_changed",
    )


def _credits(e: Submit) -> list[Credit]:
    """Who put each action of an entry in the plan, and the joint actions left unconfirmed."""
    out = [
        Credit(e.round, "", a.action, a.stakeholder, a.amount, i.member, i.by, i.roles, i.confirmed_by)
        for a, i in zip(e.actions, e.items, strict=False)
    ]
    out.extend(
        Credit(e.round, "", u.action, u.stakeholder, u.amount, u.member, u.by, u.needs, None, done=False)
        for u in e.unconfirmed
    )
    return out
