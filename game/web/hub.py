"""The live side of a served session: the browsers connected, what each is sent, and every request
they make, carried out on the session under the host's lock.

All work on the session runs on one worker thread, holding ``host.lock`` (the
trainer's console or window holds it too, between lines or frames), so the
server's event loop never waits for the session and the session never sees two
callers at once. A ticker looks every ``TICK`` seconds: it runs the countdown
(a round closes at zero even when nobody touches the console), and when
anything changed it sends each team's members their team's page state, and the
projector its own. A request from a team's page is answered (``ack`` or
``refused``) as soon as it is on disk, then its team gets the new state.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from game.analysis.debrief.bundle import TeamDebrief
from game.engine.game import Allocation, DecisionError
from game.engine.teams import TeamGame
from game.present import advice
from game.present.reading import NumberError, read_price
from game.session.host import Host, Notice
from game.session.log import SessionError, SessionFileError
from game.session.plans import Proposal
from game.session.roles import RoleError
from game.session.room import Member
from game.session.scoring import Row, leaderboard
from game.web import debrief as debrief_view
from game.web import protocol as p
from game.web import teamwork, views

T = TypeVar("T")
Json = dict[str, Any]
TICK = 0.2  # seconds between looks at the session
RATE = 10.0  # messages per second a connection may send, on average
BURST = 40.0  # ... and at once
MAX_PER_TEAM = 16  # connections open at once for one team (members' phones, tablets, laptops)
MAX_CONNECTIONS = 300  # connections open at once in all
QUIET = 2.0  # seconds without a new entry in the log before the dashboard is refreshed in the background
LULL = 0.5  # ... and without a team's request (the refresh takes a core for about a second)
QUEUE = 64  # messages waiting to go to one slow browser before it is dropped (it reconnects)


def dumps(msg: Json) -> str:
    return json.dumps(msg, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


@dataclass(eq=False)
class Client:
    """One open connection: a member's page or a projector page."""

    kind: str  # "team" or "projector"
    lang: str
    member: Member | None = None
    queue: asyncio.Queue[str | None] = field(default_factory=lambda: asyncio.Queue(QUEUE))
    tokens: float = BURST
    last: float = field(default_factory=time.monotonic)
    told_rate: float = 0.0
    sent_state: str = ""  # the last state sent (nothing is sent twice)

    @property
    def team(self) -> str | None:
        return self.member.team if self.member is not None else None

    def allow(self) -> bool:
        """Token bucket: RATE messages a second on average, BURST at once."""
        now = time.monotonic()
        self.tokens = min(BURST, self.tokens + (now - self.last) * RATE)
        self.last = now
        if self.tokens < 1.0:
            return False
        self.tokens -= 1.0
        return True

    def send(self, text: str) -> bool:
        """Queue a message; False when the browser is too slow (it is then dropped)."""
        try:
            self.queue.put_nowait(text)
        except asyncio.QueueFull:
            return False
        return True


class Hub:
    """Connections, the ticker, and every request of a team's page or the projector."""

    def __init__(self, host: Host) -> None:
        self.host = host
        host.listen("web")
        self.pool = ThreadPoolExecutor(1, thread_name_prefix="session")
        self.slow = ThreadPoolExecutor(1, thread_name_prefix="debrief")
        self.clients: set[Client] = set()
        self._seen: tuple[Any, ...] | None = None
        self._board: tuple[int, list[Row]] | None = None
        self._debriefs: dict[str, asyncio.Future[TeamDebrief]] = {}
        self._payloads: dict[tuple[str, str], Json] = {}
        self._ticker: asyncio.Task[None] | None = None
        self._flusher: asyncio.Task[None] | None = None
        self._dirty: set[str] = set()
        self._chain: list[tuple[tuple[Any, ...], tuple[Any, ...]]] = []
        self.last_request = 0.0  # when a team's request was last answered (monotonic)
        self.last_change = 0.0  # when the ticker last found the session changed
        self._version, self._version_at = -1, 0.0  # the log's length, and since when
        self._warming: asyncio.Future[Any] | None = None
        self.stats: dict[str, float] = {"ticks": 0, "broadcasts": 0}

    # -- running --------------------------------------------------------------------------
    async def start(self) -> None:
        self._ticker = asyncio.create_task(self._tick_loop())

    async def stop(self) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._ticker
        for c in list(self.clients):
            self.drop(c)
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.slow.shutdown(wait=False, cancel_futures=True)

    async def locked(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` on the session's worker thread, holding the host's lock."""

        def run() -> T:
            with self.host.lock:
                return fn()

        return await asyncio.get_running_loop().run_in_executor(self.pool, run)

    async def _tick_loop(self) -> None:
        while True:
            await asyncio.sleep(TICK)
            try:
                await self.tick()
            except (SessionError, SessionFileError, DecisionError, OSError) as exc:  # pragma: no cover - logged, the server goes on
                print(f"served session: {exc}", flush=True)

    async def tick(self) -> None:
        """Run the countdown; when anything changed, send every page its new state; when the room
        is quiet, keep the trainer's dashboard warm."""
        if not self.clients:
            await self.locked(lambda: self.host.ticks("web"))
        else:
            out = await self.locked(self._changes)
            self.stats["ticks"] += 1
            self._deliver(out)
        now = time.monotonic()
        version = self.host.session.version
        if version != self._version:
            self._version, self._version_at = version, now
        if self._warming is None and now - self._version_at > QUIET and now - self.last_request > LULL:
            job = await self.locked(self.host.dashboard_job)
            if job is not None:
                self._warming = asyncio.wrap_future(self.slow.submit(job.run))
                try:
                    d = await self._warming
                finally:
                    self._warming = None
                await self.locked(lambda: self.host.keep_dashboard(d))

    def _changes(self) -> list[tuple[Client, str]]:
        self.host.ticks("web")
        key = self.host.state_key()
        if key == self._seen:
            return []
        self._seen = key
        self.last_change = time.monotonic()
        self.stats["broadcasts"] += 1
        return self._states(None)

    def _states(self, team: str | None, *, projector_only: bool = False) -> list[tuple[Client, str]]:
        """The state of every page (or of ``team``'s members' pages only, or of the projectors'),
        built once per team and language; a page is sent it only when it changed."""
        built: dict[tuple[str, str], str] = {}
        out: list[tuple[Client, str]] = []
        for c in list(self.clients):
            if c.kind == "team" and c.team is not None and not projector_only and (team is None or c.team == team):
                k = (c.team, c.lang)
                if k not in built:
                    built[k] = dumps(views.team_state(self.host, c.team, c.lang))
                text = built[k]
            elif c.kind == "projector" and team is None:
                k = ("\0projector", c.lang)
                if k not in built:
                    built[k] = dumps(self._projector(c.lang))
                text = built[k]
            else:
                continue
            if text != c.sent_state:
                c.sent_state = text
                out.append((c, text))
        return out

    def _projector(self, lang: str) -> Json:
        return views.projector_state(self.host, lang, self._leaderboard() if self.host.board_shown else None)

    def _leaderboard(self) -> list[Row]:
        v = self.host.session.version
        if self._board is None or self._board[0] != v:
            self._board = (v, leaderboard(self.host.session))
        return self._board[1]

    def _deliver(self, out: list[tuple[Client, str]]) -> None:
        for c, text in out:
            if not c.send(text):
                self.drop(c)

    def drop(self, c: Client) -> None:
        """A browser too slow to take its messages: close it (it reconnects and catches up)."""
        with contextlib.suppress(asyncio.QueueEmpty):
            while True:
                c.queue.get_nowait()
        c.queue.put_nowait(None)

    # -- connections --------------------------------------------------------------------
    def count(self, team: str) -> int:
        return sum(1 for c in self.clients if c.team == team)

    async def attach(self, c: Client) -> None:
        self.clients.add(c)
        if c.member is not None:
            self.host.room.connected(c.member.id, +1)
        first = await self.locked(lambda: self._first(c))
        for text in first:
            c.send(text)

    def _first(self, c: Client) -> list[str]:
        if c.kind == "projector":
            state = dumps(self._projector(c.lang))
            c.sent_state = state
            return [state]
        assert c.member is not None  # a team's page has its member
        state = dumps(views.team_state(self.host, c.member.team, c.lang))
        c.sent_state = state
        return [dumps(views.welcome(self.host, c.member, c.lang)), state]

    def detach(self, c: Client) -> None:
        if c in self.clients:
            self.clients.discard(c)
            if c.member is not None:
                self.host.room.connected(c.member.id, -1)

    # -- a team's requests --------------------------------------------------------------
    async def handle(self, c: Client, raw: str | bytes) -> None:
        """One message from a team's page: answered, then its team's pages updated."""
        assert c.member is not None  # only a team's page sends these
        if not c.allow():
            now = time.monotonic()
            if now - c.told_rate > 1.0:
                c.told_rate = now
                c.send(dumps({"t": "refused", "cid": None, **views.session_error("rate", c.lang)}))
            return
        try:
            msg = p.parse(raw)
        except p.Malformed as exc:
            c.send(dumps({"t": "refused", "cid": exc.cid, **views.session_error(exc.code, c.lang, what=exc.what)}))
            return
        if isinstance(msg, p.Time):
            c.send(dumps({"t": "time", "c": msg.c, "s": round(time.time() * 1000, 1)}))
            return
        if isinstance(msg, p.Hello):
            c.send(dumps({"t": "refused", "cid": None, **views.session_error("already_hello", c.lang)}))
            return
        if isinstance(msg, p.SetLang):
            c.lang = msg.lang
            c.sent_state = ""
            first = await self.locked(lambda: self._first(c))
            for text in first:
                c.send(text)
            return
        if isinstance(msg, p.Debrief):
            await self._debrief(c)
            return
        def run() -> tuple[list[str], bool, tuple[Any, ...], tuple[Any, ...]]:
            key0 = self.host.state_key()
            replies, changed = self._request(c, msg)
            return replies, changed, key0, self.host.state_key()

        replies, team_changed, key0, key1 = await self.locked(run)
        self.last_request = time.monotonic()
        for text in replies:
            c.send(text)
        if team_changed and c.team is not None:
            self._dirty.add(c.team)
            self._chain.append((key0, key1))
            if self._flusher is None or self._flusher.done():
                self._flusher = asyncio.create_task(self._flush())

    async def _flush(self) -> None:
        """After teams' requests: their pages and the projector get the new state. Requests already
        waiting go first (their answers matter most), then one pass builds every changed team's
        state once, however many requests changed it."""
        while self._dirty:
            await asyncio.sleep(0)
            teams, chain = self._dirty, self._chain
            self._dirty, self._chain = set(), []
            self._deliver(await self.locked(partial(self._team_changed, teams, chain)))

    def _team_changed(self, teams: set[str], chain: list[tuple[tuple[Any, ...], tuple[Any, ...]]]) -> list[tuple[Client, str]]:
        """A team's request changes no other team's page: when nothing else has changed since the
        ticker last looked (each request's key before is the key after the one before it), the
        ticker need not rebuild every team's page for them."""
        out: list[tuple[Client, str]] = []
        for team in teams:
            out += self._states(team)
        out += self._states(None, projector_only=True)
        for key0, key1 in chain:
            if self._seen == key0:
                self._seen = key1
        return out

    def _request(self, c: Client, msg: object) -> tuple[list[str], bool]:
        assert c.member is not None  # only a team's page sends these
        m = c.member = self.host.room.get(c.member.id) or c.member  # its latest name and roles
        s, plans, lang = self.host.session, self.host.plans, c.lang
        team = m.team
        game, vid = s.game_of(team), s.team(team).vendor
        cid = getattr(msg, "cid", None)

        def ack(op: str, dup: bool = False, **extra: Any) -> str:
            return dumps({"t": "ack", "cid": cid, "op": op, "dup": dup, **extra})

        def refused(exc: Exception, al: Allocation | None = None) -> tuple[list[str], bool]:
            return [dumps({"t": "refused", "cid": cid, **views.refusal(exc, lang, game, vid, al)})], False

        try:
            if isinstance(msg, p.Preview):
                return [dumps(self._preview(m, msg, lang))], False
            if isinstance(msg, p.Add | p.SetAmount | p.Remove | p.Confirm | p.Decline | p.Ready):
                if plans.applied(team, msg.cid):
                    return [ack(msg.t, dup=True)], False
                extra: dict[str, Any] = {}
                if isinstance(msg, p.Add):
                    al = Allocation(msg.action, msg.stakeholder, msg.amount)
                    try:
                        added = plans.add(team, m, msg.id, al, msg.cid)
                    except DecisionError as exc:
                        return refused(exc, al)
                    extra["proposed"] = isinstance(added, Proposal)
                elif isinstance(msg, p.SetAmount):
                    try:
                        plans.set_amount(team, m, msg.id, msg.amount, msg.cid)
                    except DecisionError as exc:
                        old = next((i for i in plans.state(team).items if i.id == msg.id), None)
                        return refused(exc, Allocation(old.action, old.stakeholder, msg.amount) if old else None)
                elif isinstance(msg, p.Remove):
                    plans.remove(team, m, msg.id, msg.cid)
                elif isinstance(msg, p.Confirm):
                    plans.confirm(team, m, msg.id, msg.cid)
                elif isinstance(msg, p.Decline):
                    plans.decline(team, m, msg.id, msg.cid)
                else:
                    plans.mark_ready(team, m, msg.ready, msg.cid)
                return [ack(msg.t, **extra)], True
            if isinstance(msg, p.Submit | p.Withdraw):
                done = s.by_cid(team, msg.cid)
                if done is not None:
                    return [ack(msg.t, dup=True)], False
                if isinstance(msg, p.Submit):
                    plans.submit(team, m, msg.cid, msg.version)
                    self.host.notify(Notice("submitted", team, m.name))
                else:
                    plans.withdraw(team, m, msg.cid)
                    self.host.notify(Notice("withdrew", team, m.name))
                return [ack(msg.t)], True
            if isinstance(msg, p.BidMsg):
                return self._bid(c, msg, ack)
            if isinstance(msg, p.Rename | p.SetRoles | p.Forecast | p.Review):
                if self.host.done(msg.cid):
                    return [ack(msg.t, dup=True)], False
                if isinstance(msg, p.Rename):
                    c.member = self.host.rename(m, msg.name)
                    reply = ack("rename", name=c.member.name)
                elif isinstance(msg, p.SetRoles):
                    c.member = self.host.set_roles(m, msg.roles)
                    reply = ack("roles", roles=[r.value for r in c.member.roles])
                elif isinstance(msg, p.Forecast):
                    try:
                        price = read_price(msg.price, game.ceiling) if msg.price else None
                    except NumberError as exc:
                        return [dumps({"t": "refused", "cid": cid, "code": "bad_price", "msg": exc.message(lang)})], False
                    s.forecast(team, msg.win / 100.0, price, member=m.id, by=m.name)
                    reply = ack("forecast")
                else:
                    self.host.review(m, msg.ratings, msg.note)
                    reply = ack("review")
                self.host.did(msg.cid)
                return [reply], not isinstance(msg, p.Review)  # a review changes no team's page
        except (SessionError, DecisionError) as exc:
            return refused(exc)
        return [dumps({"t": "refused", "cid": cid, **views.session_error("malformed", lang, what="unknown request")})], False

    def _preview(self, m: Member, msg: p.Preview, lang: str) -> Json:
        """The likely effect of an action the member is about to add, after the plan and the
        proposals; whether the member's roles let it add it, or only propose it."""
        s, plans = self.host.session, self.host.plans
        game, vid = s.game_of(m.team), s.team(m.team).vendor
        ps = plans.state(m.team)
        plan = [i.allocation for i in ps.items if i.id != msg.id] + [x.allocation for x in ps.pending if x.id != msg.id]
        al = Allocation(msg.action, msg.stakeholder, msg.amount)
        out: Json = {"t": "preview", "action": msg.action, "stakeholder": msg.stakeholder, "amount": msg.amount,
                     "id": msg.id, **views.preview_lines(game, vid, al, plan, lang), "needs": []}
        if msg.id is None:
            try:
                out["needs"] = [r.value for r in plans.needs(m.team, m, msg.action)]
            except RoleError as exc:
                out["refusal"], out["lines"] = views.refusal(exc, lang, game)["msg"], []
            if out["needs"]:
                out["propose"] = teamwork.propose_text(out["needs"], plans, m.team, lang)
        return out

    def _bid(self, c: Client, msg: p.BidMsg, ack: Callable[..., str]) -> tuple[list[str], bool]:
        m = c.member
        assert m is not None  # only a team's page bids
        s, lang = self.host.session, c.lang
        if s.by_cid(m.team, msg.cid) is not None:
            return [ack("bid", dup=True)], False
        game, vid = s.game_of(m.team), s.team(m.team).vendor
        if s.phase != "bids":
            raise SessionError("not bid time", "not_bid_time")
        self.host.plans.require_am(m.team, m)
        try:
            price = read_price(msg.price, game.ceiling)
        except NumberError as exc:
            return [dumps({"t": "refused", "cid": msg.cid, "code": "bad_price", "msg": exc.message(lang)})], False
        warnings = views.bid_warnings(game, vid, price, lang)
        if warnings and not msg.confirm:
            return [dumps({
                "t": "bid_check", "cid": msg.cid, "price": msg.price, "warnings": warnings,
                "margin": advice.margin_text(game, vid, price, lang) if price is not None else "",
            })], False
        s.submit_bid(m.team, price, source="web", member=m.id, by=m.name, cid=msg.cid)
        self.host.notify(Notice("bid", m.team, m.name))
        return [ack("bid")], True

    async def _debrief(self, c: Client) -> None:
        m = c.member
        assert m is not None  # only a team's page asks
        tg = await self.locked(lambda: self._team_game(m.team))
        if tg is None:
            c.send(dumps({"t": "refused", "cid": None, **views.session_error("no_debrief_yet", c.lang)}))
            return
        key = (tg.team, c.lang)
        if key not in self._payloads:
            fut = self._debriefs.get(tg.team)
            if fut is None:
                fut = asyncio.wrap_future(self.slow.submit(debrief_view.compute, tg))
                self._debriefs[tg.team] = fut
            c.send(dumps({"t": "debrief_wait"}))
            d = await fut
            lang = c.lang
            self._payloads[key] = await asyncio.get_running_loop().run_in_executor(self.slow, debrief_view.payload, d, lang)
        c.send(dumps(self._payloads[key]))

    def _team_game(self, team: str) -> TeamGame | None:
        s = self.host.session
        if s.phase != "done":
            return None
        t = s.team(team)
        return TeamGame(t.name, t.vendor, s.game_of(t.name))
