"""A trainer's workshop session: teams, rounds, the countdown, live events and undo.

Everything a front end (terminal console, window) does goes through a
:class:`Session`; it computes nothing itself. Each request is checked, then
written to the session file (:mod:`game.session.log`, fsync'd), then applied
(:class:`game.session.replay.SessionState`), so the games never run ahead of
the file; opening the file replays it into the same games, bit for bit.

Modes: head-to-head (one :class:`Game`; each team plays one of the playable
vendors, AI the rest) and parallel worlds (one Game per team, all the same
vendor and the same seed, so every team faces the same dice).

Phases: ``idle`` (between rounds), ``open`` (a round takes entries),
``bids`` (every turn played; bids are due), ``done`` (awarded).

Errors: SessionError (with ``code`` and ``params``) for a request the session
refuses, SessionFileError for a file it cannot use, DecisionError (from the
engine) for an allocation or bid that is not allowed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

from game import MODEL_VERSION, __version__
from game.engine.game import Allocation, BidWarning, DecisionError, check_forecast
from game.engine.records import TurnRecord
from game.scenario.problems import one_of
from game.session import live
from game.session.clock import WARNING_SECONDS
from game.session.config import (
    MAX_PRICE,
    PEER_MAX,
    PEER_MIN,
    AllocJson,
    Close,
    Results,
    SessionConfig,
    parse_config,
    parse_entry,
)
from game.session.decisions import DecisionsError, load_decisions
from game.session.log import (
    LoadedLog,
    SessionError,
    SessionFileError,
    SessionWriter,
    atomic_write,
    load_json,
    read_log,
    write_recovered,
)
from game.session.replay import (
    SessionState,
    check_config,
    file_sha256,
    find_scenario,
    load_scenario_file,
)
from game.session.roles import parse_roles
from game.session.values import ImportResult, InjectedEvent, Recovery, Source, Tick

__all__ = ["ImportResult", "InjectedEvent", "Recovery", "Session", "SessionError", "Tick", "file_sha256"]


class Session(SessionState):
    """One workshop session, bound to its session file. Create it or open it; never both."""

    @classmethod
    def create(
        cls,
        path: str | Path,
        scenario_path: str | Path,
        config: SessionConfig,
        *,
        mono: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> Session:
        """A new session file at ``path`` (never overwrites one) for the scenario file."""
        sp = Path(scenario_path).resolve()
        scenario = load_scenario_file(sp)
        check_config(config, scenario)
        header = {
            "created": datetime.fromtimestamp(wall(), tz=timezone.utc).isoformat(),
            "game_version": __version__,
            "model_version": MODEL_VERSION,
            "scenario_id": scenario.id,
            "scenario_sha256": file_sha256(sp),
            "scenario_path": str(sp),
            "config": config.model_dump(mode="json"),
        }
        writer = SessionWriter.create(path, header)
        return cls(scenario, sp, config, writer, mono=mono, wall=wall)

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        scenario_path: str | Path | None = None,
        search: Sequence[Path] = (),
        read_only: bool = False,
        mono: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> Session:
        """Reopen a session file and replay it; SessionFileError says what is wrong.

        The scenario is the file named in the session's header, or
        ``scenario_path``, or a file in ``search`` with the same content (its
        SHA-256 must match: a changed scenario would replay a different game).
        With ``read_only`` the file is only read (exports, leaderboards).
        """
        loaded = read_log(path)
        session = cls._blank(loaded, scenario_path, search, mono=mono, wall=wall)
        session._replay_file(loaded)
        session._load_drafts()
        if read_only:
            if loaded.torn is not None:
                session.notes.append(loaded.torn.describe())
        else:
            writer, note = SessionWriter.reopen(loaded)
            session._writer = writer
            if note is not None:
                session.notes.append(note)
        return session

    @classmethod
    def _blank(
        cls,
        loaded: LoadedLog,
        scenario_path: str | Path | None,
        search: Sequence[Path],
        *,
        mono: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> Session:
        """A session with the file's scenario and set-up and no entries applied yet."""
        sp = find_scenario(loaded, scenario_path, search)
        scenario = load_scenario_file(sp)
        try:
            config = parse_config(loaded.header["config"])
            check_config(config, scenario)
        except SessionError as exc:
            raise SessionFileError(f"{loaded.path}:1: {exc}", "bad_header") from None
        session = cls(scenario, sp, config, None, mono=mono, wall=wall)
        session._file = loaded.path
        session.game_version = str(loaded.header.get("game_version", "before 0.1.0"))
        recorded = loaded.header.get("model_version", 0)  # files before versioning: 0
        session.model_version = recorded if isinstance(recorded, int) and not isinstance(recorded, bool) else 0
        if session.rules_changed:
            session.notes.append(
                f"{loaded.path} was played under model version {session.model_version} (game "
                f"{session.game_version}); this game runs model version {MODEL_VERSION}. It is replayed "
                "under the current rules, so its results may differ from those announced; the results "
                "as recorded: 'python main.py resume FILE --recorded'."
            )
        return session

    @classmethod
    def recover(
        cls,
        path: str | Path,
        target: str | Path,
        *,
        scenario_path: str | Path | None = None,
        search: Sequence[Path] = (),
    ) -> Recovery:
        """Copy what can be saved of a damaged session file to ``target`` (the original stays).

        Every line whose checksum holds is kept, in the order of its entry
        number; then each entry must replay after the ones kept before it (an
        entry for a round whose opening was lost cannot). ``Recovery.dropped``
        says which lines were left out and why.
        """
        loaded = read_log(path, salvage=True)
        notes = list(loaded.notes)
        if loaded.torn is not None:
            notes.append(f"line {loaded.torn.line} left out: it was cut off while it was being written")
        kept: list[dict[str, Any]] = []
        state = cls._blank(loaded, scenario_path, search)
        for raw in loaded.entries:
            renumbered = {**raw, "seq": len(kept) + 1}
            try:
                entry = parse_entry(renumbered)
                state._apply_new(entry, entry.time)
            except (SessionError, DecisionError, ValueError, KeyError, IndexError) as exc:
                notes.append(
                    f"entry {raw.get('seq')} ({raw.get('type')}) left out: it cannot follow the entries "
                    f"kept before it ({exc})"
                )
                state = cls._blank(loaded, scenario_path, search)  # the entries kept, without it
                for ok in kept:
                    e = parse_entry(ok)
                    state._apply_new(e, e.time)
                continue
            kept.append(renumbered)
        write_recovered(LoadedLog(loaded.path, loaded.header, kept, 0), target)
        return Recovery(Path(path), Path(target), len(kept), tuple(notes))

    def close(self) -> None:
        """Release the session file (nothing is lost: every entry is already on disk)."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    # -- the countdown -------------------------------------------------------------------
    def tick(self) -> list[Tick]:
        """Call often (each frame, each command): the one-minute warning and time-out.

        At zero with ``at_zero == 'pass'`` the round is closed here; teams without
        an entry pass. With ``'wait'`` the round stays open in overtime. Ticks that
        happened inside another call (a late submit) are returned here too.
        """
        self._check_clock()
        out, self._ticks = self._ticks, []
        return out

    def _check_clock(self) -> None:
        clock = self._clock
        if self._phase != "open" or clock is None or not clock.timed or not clock.running:
            return
        left = clock.remaining(self._mono())
        if left <= WARNING_SECONDS and not self._warned and clock.length > WARNING_SECONDS:
            self._warned = True
            self._ticks.append(Tick("warning", self._round))
        if left <= 0 and not self._expired_told:
            self._expired_told = True
            self._ticks.append(Tick("expired", self._round))
            if self.config.at_zero == "pass":
                r = self._round
                self._hand_in_drafts()
                self._close(by="timer")
                self._ticks.append(Tick("closed", r))

    def pause(self) -> None:
        self.ensure_open()
        if self._clock is None or not self._clock.running:
            raise SessionError("the clock is already paused; 'go' restarts it", "already_paused")
        self._commit({"type": "pause"})

    def resume_clock(self) -> None:
        self.ensure_open()
        if self._clock is not None and self._clock.running:
            raise SessionError("the clock is already running", "already_running")
        self._commit({"type": "go"})

    def extend(self, seconds: int) -> None:
        """More time for the open round (negative: less)."""
        self.ensure_open()
        if self._clock is None or not self._clock.timed:
            raise SessionError("this session has no countdown", "untimed")
        if not isinstance(seconds, int) or seconds == 0 or abs(seconds) > 24 * 3600:
            raise SessionError("give the extra time in whole seconds (up to a day)", "bad_extend")
        self._commit({"type": "extend", "seconds": seconds})

    # -- rounds ------------------------------------------------------------------------------
    def open_round(self) -> int:
        """Open the next round; returns its number."""
        if self._phase == "open":
            raise SessionError(f"round {self._round} is already open", "already_open", round=self._round)
        if self._phase != "idle":
            raise SessionError(
                "every round has been played; the bids are due" if self._phase == "bids"
                else "the tender has been awarded; the session is over",
                "no_rounds_left",
            )
        r = self.games[0].turn
        self._commit({"type": "open", "round": r})
        return r

    def check(self, team: str, allocations: Sequence[Allocation]) -> None:
        """Raise DecisionError unless the entry is allowed for the team now (logs nothing)."""
        t = self.team(team)
        g = self._game_by_team[t.name]
        done: list[Allocation] = []
        for al in allocations:
            g.check(t.vendor, al, pending=done)
            done.append(al)

    def submit(
        self,
        team: str,
        allocations: Sequence[Allocation],
        *,
        source: Source = "ui",
        member: str | None = None,
        by: str | None = None,
        cid: str | None = None,
        keep_draft: bool = False,
        items: Sequence[Mapping[str, Any]] = (),
        unconfirmed: Sequence[Mapping[str, Any]] = (),
    ) -> bool:
        """A team's entry for the open round (replaces an earlier one); True if it replaced.

        DecisionError: an allocation is not allowed; SessionError: no round is
        open (too late, or not yet) or the team is unknown. A served session says
        who handed it in (``member``, ``by``) and the request's id (``cid``), and
        keeps the team's draft (``keep_draft``) so that the entry can be taken back
        and edited (:meth:`withdraw`).
        """
        self._check_clock()
        t = self.team(team)
        self.ensure_open(late_for=t.name)
        allocs = list(allocations)
        self.check(t.name, allocs)
        replaced = t.name in self._subs
        entry: dict[str, Any] = {
            "type": "submit",
            "round": self._round,
            "team": t.name,
            "actions": [a.to_json() for a in allocs],
            "source": source,
        }
        entry.update({k: v for k, v in (("member", member), ("by", by), ("cid", cid)) if v is not None})
        if items:
            entry["items"] = [dict(i) for i in items]
        if unconfirmed:
            entry["unconfirmed"] = [dict(u) for u in unconfirmed]
        self._commit(entry)
        if not keep_draft:
            self.drop_draft(t.name)
        return replaced

    def withdraw(self, team: str, *, member: str | None = None, by: str | None = None, cid: str | None = None) -> None:
        """Take a team's entry for the open round back (until the round closes): the team has
        no entry again (it passes unless it hands one in) and may hand in another."""
        self._check_clock()
        t = self.team(team)
        self.ensure_open(late_for=t.name)
        if t.name not in self._subs:
            raise SessionError(
                f"team {t.name} has no entry in round {self._round} to take back", "nothing_to_withdraw",
                team=t.name, round=self._round,
            )
        entry: dict[str, Any] = {"type": "withdraw", "round": self._round, "team": t.name}
        entry.update({k: v for k, v in (("member", member), ("by", by), ("cid", cid)) if v is not None})
        self._commit(entry)

    def import_file(self, path: str | Path) -> ImportResult:
        """A team's decisions file for the open round (or its bid once bids are due), with the
        team's forecast for that round (or with the bid) when the file has one.

        Refused with the reason (SessionError, ``problems`` in its params for
        file problems): a malformed file, another scenario, a team not in the
        session, another team's vendor, another round, or a round already closed.
        """
        self._check_clock()
        p = Path(path)
        try:
            sha = file_sha256(p)
        except OSError as exc:
            raise SessionError(f"{p}: cannot read it ({exc.strerror or exc})", "unreadable") from None
        try:
            dec = load_decisions(p, self.scenario)
        except DecisionsError as exc:
            lines = "\n".join(str(q) for q in exc.problems)
            raise SessionError(
                f"{lines}\nthe file was refused: {len(exc.problems)} problem(s); the team fixes them and hands it in again",
                "bad_file",
                problems=[str(q) for q in exc.problems],
            ) from None
        by_vendor = [t for t in self.teams if t.vendor == dec.vendor]
        if dec.team is not None:
            t = self.team(dec.team)
        elif len(by_vendor) == 1:
            t = by_vendor[0]
        elif not by_vendor:
            played = one_of(sorted({t.vendor for t in self.teams}))
            raise SessionError(
                f"{p}: the file is for vendor '{dec.vendor}', which no team plays in this session (teams play {played})",
                "wrong_vendor",
            )
        else:
            raise SessionError(
                f"{p}: the file has no 'team:' line; every team here plays '{dec.vendor}', so the "
                f"file must say whose it is (add e.g. 'team: {by_vendor[0].name}')",
                "no_team",
            )
        if dec.vendor != t.vendor:
            raise SessionError(
                f"{p}: the file is for vendor '{dec.vendor}', but team {t.name} plays '{t.vendor}'",
                "wrong_vendor",
            )
        notes: list[str] = []
        if self._phase == "bids":
            if dec.bid is None:
                raise SessionError(
                    f"{p}: the bids are due and the file has no bid (add 'bid: {{price: ...}}')",
                    "no_bid_in_file",
                )
            self.submit_bid(t.name, dec.bid, source="file")
            if dec.bid_win is not None:
                self.forecast(t.name, dec.bid_win, dec.bid)
            return ImportResult(t.name, None, "bid", 0, False, forecast=dec.bid_win is not None)
        if dec.round is None:
            raise SessionError(
                f"{p}: the file has no 'round:' line; a workshop file says which round it is for "
                f"(add 'round: {self.round}')",
                "no_round",
            )
        if self._phase != "open" or dec.round != self._round:
            raise self._wrong_round(p, dec.round)
        if dec.bid is not None:
            notes.append("the bid in the file is not used yet: bids are handed in after the last round")
        allocs = dec.turns.get(dec.round, [])
        self.check(t.name, allocs)
        replaced = t.name in self._subs
        self._commit(
            {
                "type": "submit",
                "round": self._round,
                "team": t.name,
                "actions": [a.to_json() for a in allocs],
                "source": "file",
                "file": p.name,
                "sha256": sha,
            }
        )
        made = dec.forecasts.get(dec.round)
        if made is not None:
            self.forecast(t.name, *made)
        return ImportResult(t.name, self._round, "actions", len(allocs), replaced, tuple(notes), forecast=made is not None)

    def _wrong_round(self, p: Path, wanted: int) -> SessionError:
        if self._phase == "open":
            now = self._round
            if wanted < now:
                return SessionError(
                    f"{p}: the file is for round {wanted}, which is over; round {now} is open "
                    f"(the team hands in a file with 'round: {now}')",
                    "late_file",
                    round=wanted,
                    open=now,
                )
            return SessionError(
                f"{p}: the file is for round {wanted}, but round {now} is open", "early_file",
                round=wanted, open=now,
            )
        nxt = self.games[0].turn
        if wanted < nxt:
            return SessionError(
                f"{p}: the file is for round {wanted}, which is already closed; it came too late "
                f"(undo reopens the last round if you want to accept it)",
                "late_file",
                round=wanted,
                open=0,
            )
        return SessionError(
            f"{p}: no round is open; open round {nxt} first", "not_open", round=wanted, open=0
        )

    def close_round(self, *, force: bool = False) -> list[TurnRecord]:
        """Resolve the open round; teams without an entry pass.

        Without ``force`` a round with missing teams is not closed (a misclick
        would make them pass): SessionError ``teams_missing`` names them.
        """
        self.ensure_open()
        missing = self.missing()
        if missing and not force:
            raise SessionError(
                f"not every team has submitted ({', '.join(missing)}); close anyway and they pass?",
                "teams_missing",
                teams=missing,
            )
        return self._close(by="trainer")

    def _close(self, by: Literal["trainer", "timer"]) -> list[TurnRecord]:
        resolved = self._round
        self._commit({"type": "close", "round": resolved, "by": by, "passed": self.missing()})
        self._record(self.announced(resolved))
        for team in list(self._drafts):
            self.drop_draft(team)
        return [g.records[-1] for g in self.games]

    # -- drafts: a hot-seat entry as it is typed ---------------------------------------------
    def draft_path(self, team: str) -> Path | None:
        """The side file that keeps a team's half-typed entry (beside the session file)."""
        if self.path is None:
            return None
        key = hashlib.sha256(self.team(team).name.encode("utf-8")).hexdigest()[:12]
        return self.path.with_name(f"{self.path.name}.draft-{key}.json")

    def save_draft(
        self, team: str, allocations: Sequence[Allocation], *, meta: Mapping[str, Any] | None = None, sync: bool = True
    ) -> None:
        """Keep a team's entry as it is being typed, synced to disk, without handing it in.

        A crash does not lose it (opening the session restores it, see ``drafts``),
        and at zero with ``at_zero == 'pass'`` it is handed in as it stands.
        ``meta``: what a front end keeps beside it (a served team's plan: who added
        each action, the latest edits), plain JSON, returned by :meth:`draft_meta`.
        Without ``sync`` the side file is replaced whole but not synced (for a note
        beside an entry the log has already synced).
        """
        t = self.team(team)
        self.ensure_open()
        allocs = list(allocations)
        self._drafts[t.name] = allocs
        self.drafts_version += 1
        if meta is None:
            self._draft_meta.pop(t.name, None)
        else:
            self._draft_meta[t.name] = dict(meta)
        p = self.draft_path(t.name)
        if p is not None and self._writer is not None:
            data: dict[str, Any] = {"round": self._round, "team": t.name, "actions": [a.to_json() for a in allocs]}
            if meta is not None:
                data["meta"] = dict(meta)
            atomic_write(p, json.dumps(data, ensure_ascii=False).encode("utf-8"), guard=False, sync=sync)

    def drop_draft(self, team: str) -> None:
        """Forget a team's draft (handed in, cancelled, or its round closed)."""
        name = self.team(team).name
        if self._drafts.pop(name, None) is not None:
            self.drafts_version += 1
        self._draft_meta.pop(name, None)
        p = self.draft_path(name)
        if p is not None and self._writer is not None:
            with contextlib.suppress(OSError):
                p.unlink()

    def drafts(self) -> dict[str, list[Allocation]]:
        """Teams' entries being typed and not yet handed in, this round."""
        return {k: list(v) for k, v in self._drafts.items()}

    def draft_meta(self, team: str) -> dict[str, Any] | None:
        """What a front end kept beside a team's draft (``save_draft(meta=...)``), or None."""
        meta = self._draft_meta.get(self.team(team).name)
        return dict(meta) if meta is not None else None

    def _hand_in_drafts(self) -> None:
        """At zero (pass): each team's draft counts as its entry, as far as it is allowed."""
        for name, allocs in list(self._drafts.items()):
            if name in self._subs:
                continue
            kept: list[Allocation] = []
            for al in allocs:
                try:
                    self.check(name, [*kept, al])
                except DecisionError:
                    continue
                kept.append(al)
            entry: dict[str, Any] = {
                "type": "submit", "round": self._round, "team": name, "actions": [a.to_json() for a in kept], "source": "hot-seat"
            }
            entry.update(_attribution(self._draft_meta.get(name), allocs, kept))
            self._commit(entry)
            self._ticks.append(Tick("draft_in", self._round, name))

    def _load_drafts(self) -> None:
        """After replaying the file: the drafts of the open round that were never handed in."""
        if self._phase != "open":
            return
        for t in self.teams:
            p = self.draft_path(t.name)
            if p is None:
                continue
            try:
                if not p.is_file() or p.stat().st_size > 1_000_000:
                    continue
                data = load_json(p.read_bytes())
                if not isinstance(data, dict) or data.get("round") != self._round or data.get("team") != t.name:
                    continue
                allocs = [Allocation(**AllocJson.model_validate(a).model_dump()) for a in data.get("actions", [])]
                self.check(t.name, allocs)
            except (OSError, ValueError, TypeError, DecisionError):
                self.notes.append(f"{p}: a draft of team {t.name} could not be read; it is left as it is")
                continue
            self._drafts[t.name] = allocs
            meta = data.get("meta")
            if isinstance(meta, dict):
                self._draft_meta[t.name] = meta
            if t.name in self._subs:  # kept beside a served team's entry, to take it back and edit
                continue
            self.notes.append(
                f"team {t.name} had {len(allocs)} action(s) typed but not handed in for round {self._round}; "
                f"they are kept as a draft and come back when the team continues its entry"
            )

    def undo_last_resolution(self, reason: str | None = None) -> int:
        """Take back the last resolved round: it reopens with the entries it had.

        The teams' entries for it stand (replace the mistaken one and close
        again); the clock is paused. Both the undone and the new resolution
        stay in the file. Returns the round reopened.
        """
        why = self._undo_block()
        if why is not None:
            raise SessionError(why, "cannot_undo")
        last = max(e.round for e in self._effective if isinstance(e, Close))
        self._commit({"type": "undo", "round": last, "reason": reason})
        return last

    # -- live events -------------------------------------------------------------------------
    def inject(
        self,
        *,
        card: int | str | None = None,
        event: Mapping[str, Any] | None = None,
        secret: bool | None = None,
    ) -> InjectedEvent:
        """Inject a deck card (its number 1.. or id) or a form event.

        It fires at the start of the turn played in the open round, or in the
        next round when none is open. ``secret``: not announced to the teams
        (a card's own setting when None).
        """
        if self._phase not in ("idle", "open"):
            raise SessionError(
                "the turns are over; events can change the tender only while rounds remain",
                "no_rounds_left",
            )
        if (card is None) == (event is None):
            raise SessionError("inject either a deck card or a form event", "bad_event")
        turn = self.games[0].turn
        entry: dict[str, Any] = {"type": "inject", "turn": turn}
        if card is not None:
            c = live.find_card(self.scenario, card)
            if c.index in self._used_cards:
                raise SessionError(
                    f"deck card '{c.id}' has already been played", "card_used", card=c.id
                )
            entry.update(deck=c.index, secret=c.secret if secret is None else bool(secret))
        else:
            assert event is not None  # one of the two, checked above
            entry.update(event=live.form_event(event, self.scenario, bool(secret)), secret=bool(secret))
        self._commit(entry)
        return self._injected[-1]

    def record_belief(
        self,
        team: str,
        stakeholder: str,
        *,
        stance: float | None = None,
        cares: Mapping[str, float] | None = None,
    ) -> None:
        """A team's estimate of a person (for the belief-versus-truth debrief)."""
        if self._phase not in ("idle", "open"):
            raise SessionError("beliefs are recorded while rounds remain", "no_rounds_left")
        t = self.team(team)
        sids = [s.id for s in self.scenario.stakeholders]
        if stakeholder not in sids:
            raise DecisionError(
                f"unknown stakeholder '{stakeholder}'; stakeholders: {one_of(sids)}",
                "unknown_stakeholder",
                stakeholder=stakeholder,
            )
        if stance is not None and not (0.0 <= stance <= 1.0):
            raise DecisionError("a stance estimate is a share between 0 and 1", "bad_belief")
        crit = self.scenario.criterion_ids()
        if cares is not None and any(k not in crit or w < 0 for k, w in cares.items()):
            raise DecisionError(
                f"priorities are criteria ({one_of(crit)}) with weights of 0 or more", "bad_belief"
            )
        self._commit(
            {
                "type": "belief",
                "team": t.name,
                "stakeholder": stakeholder,
                "stance": None if stance is None else float(stance),
                "cares": None if cares is None else {k: float(w) for k, w in cares.items()},
            }
        )

    # -- team selling: roles, forecasts, peer review --------------------------------------------
    def set_roles(self, team: str, member: str, by: str, roles: Sequence[str]) -> tuple[str, ...]:
        """A member takes roles (the log keeps it); returns them as kept. RoleError ``bad_roles``."""
        t = self.team(team)
        kept = tuple(r.value for r in parse_roles(roles))
        old = self._roles.get(t.name, {}).get(member)
        if old is None or old.roles != kept or old.by != by:
            self._commit({"type": "roles", "team": t.name, "member": member, "by": by, "roles": list(kept)})
        return kept

    def forecast(
        self, team: str, win: float, price: float | None, *, member: str | None = None, by: str | None = None
    ) -> int | None:
        """The team's forecast for the open round (or with the bid): the chance it wins (0..1)
        and the price it expects to bid (None: not yet known). Returns the round it is for.
        SessionError ``bad_forecast`` (out of range) or ``no_forecast_now`` (between rounds
        or after the award)."""
        t = self.team(team)
        try:
            check_forecast(win, price)
        except DecisionError as exc:
            raise SessionError(str(exc), exc.code.value) from None
        if price is not None and price > MAX_PRICE:
            raise SessionError("a forecast price is a positive amount", "bad_forecast")
        if self._phase == "open":
            rnd: int | None = self._round
        elif self._phase == "bids":
            rnd = None
        else:
            raise SessionError(
                "a forecast is made while a round is open or the bids are due", "no_forecast_now"
            )
        entry: dict[str, Any] = {"type": "forecast", "team": t.name, "round": rnd, "win": float(win),
                                 "price": None if price is None else float(price)}
        entry.update({k: v for k, v in (("member", member), ("by", by)) if v is not None})
        self._commit(entry)
        return rnd

    def peer_review(self, team: str, member: str, by: str, ratings: Mapping[str, int], note: str | None = None) -> None:
        """A member's review of their teammates' contribution (1-5 each), once the tender is
        awarded; the trainer's eyes only. SessionError ``not_yet`` before the award,
        ``bad_review`` for a rating off the scale or of oneself."""
        t = self.team(team)
        if self._phase != "done":
            raise SessionError("teammates are reviewed once the tender is awarded", "not_yet")
        if not ratings or member in ratings or any(
            isinstance(v, bool) or not isinstance(v, int) or not (PEER_MIN <= v <= PEER_MAX) for v in ratings.values()
        ):
            raise SessionError(
                f"rate each teammate (not yourself) from {PEER_MIN} to {PEER_MAX}", "bad_review",
                low=PEER_MIN, high=PEER_MAX,
            )
        entry: dict[str, Any] = {"type": "peer", "team": t.name, "member": member, "by": by,
                                 "ratings": {str(k): int(v) for k, v in ratings.items()}}
        if note:
            entry["note"] = str(note)[:500]
        self._commit(entry)

    # -- bids and the award ---------------------------------------------------------------------
    def submit_bid(
        self,
        team: str,
        price: float | None,
        *,
        source: Source = "ui",
        member: str | None = None,
        by: str | None = None,
        cid: str | None = None,
    ) -> list[BidWarning]:
        """A team's bid (None: no bid), replacing an earlier one; returns its warnings."""
        t = self.team(team)
        if self._phase != "bids":
            raise SessionError(
                f"bids are due after the last round ({self.rounds}); it is round {self.round}"
                if self._phase in ("idle", "open") else "the tender has been awarded",
                "not_bid_time",
            )
        warnings = self._game_by_team[t.name].check_bid(t.vendor, price)
        entry: dict[str, Any] = {"type": "bid", "team": t.name, "price": price, "source": source}
        entry.update({k: v for k, v in (("member", member), ("by", by), ("cid", cid)) if v is not None})
        self._commit(entry)
        return warnings

    def finish(self, *, force: bool = False) -> None:
        """Open the bids and award the tender (missing bids: only with ``force``; they bid nothing)."""
        if self._phase != "bids":
            raise SessionError(
                "the tender is awarded after the last round" if self._phase != "done"
                else "the tender has already been awarded",
                "not_bid_time",
            )
        missing = self.missing()
        if missing and not force:
            raise SessionError(
                f"no bid yet from {', '.join(missing)}; award anyway (they do not bid)?",
                "bids_missing",
                teams=missing,
            )
        self._commit({"type": "finish", "no_bid": missing})
        self._record(self.announced(None))

    def _record(self, results: Results) -> None:
        """Write what was just announced beside the entry that caused it (``recorded_results``)."""
        self._commit(results.model_dump(mode="json", exclude={"seq", "time"}))

    # -- the log ---------------------------------------------------------------------------------
    def _commit(self, raw: dict[str, Any]) -> None:
        """Write the entry (fsync), then apply it: the games never run ahead of the file."""
        if self._writer is None:
            raise SessionError("the session is open read-only (or closed); nothing can change", "read_only")
        written = self._writer.append({**raw, "time": self._wall()})
        entry = parse_entry(written)
        self._apply_new(entry, self._mono())


def _attribution(meta: Mapping[str, Any] | None, planned: Sequence[Allocation], kept: Sequence[Allocation]) -> dict[str, Any]:
    """A served team's plan handed in at zero: who added each action that counted (from the
    notes kept beside the draft) and the joint actions still waiting for a confirmation."""
    if not isinstance(meta, Mapping):
        return {}
    notes = meta.get("items")
    out: dict[str, Any] = {}
    if isinstance(notes, list) and len(notes) == len(planned):
        pool = list(zip(planned, notes, strict=True))
        items: list[dict[str, Any]] = []
        for al in kept:
            k = next((i for i, (a, _) in enumerate(pool) if a == al), None)
            note = pool.pop(k)[1] if k is not None else {}
            note = note if isinstance(note, Mapping) else {}
            items.append({key: note[key] for key in ("member", "by", "roles", "confirmed_by") if note.get(key) is not None})
        if any(items):
            out["items"] = items
    pending = meta.get("pending")
    if isinstance(pending, list):
        out["unconfirmed"] = [
            {key: p[key] for key in ("action", "stakeholder", "amount", "member", "by", "needs") if p.get(key) is not None}
            for p in pending if isinstance(p, Mapping)
        ]
        if not out["unconfirmed"]:
            del out["unconfirmed"]
    return out
