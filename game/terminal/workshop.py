"""The trainer's console in the terminal: set-up prompts, then a command loop over a Session.

Everything it does goes through :class:`game.session.session.Session`; this
module only asks and shows. Hot-seat entry reuses the terminal game's command
parsing (:class:`game.terminal.app.TerminalGame`) on the team's own game,
behind a curtain prompt. The countdown shows in the prompt; the one-minute
warning and the time-out are printed when the trainer next presses Enter (the
console never prints over what someone is typing).
"""

from __future__ import annotations

import difflib
import math
import secrets
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from io import StringIO
from pathlib import Path
from typing import Any, TextIO

import segno

from game import MODEL_VERSION
from game.engine.game import DecisionError
from game.present import advice
from game.present import crew as cw
from game.present.columns import text_width, wrap
from game.present.events import alert_text, announcement
from game.present.fmt import join_list, money, pct
from game.present.reading import (
    NumberError,
    read_forecast,
    read_int,
    read_number,
    read_price,
    shorten,
)
from game.present.results import recorded_lines
from game.present.words import vendor_name
from game.scenario.load import ScenarioError, load_scenario
from game.session import live
from game.session.clock import mmss
from game.session.config import MAX_TEAMS, SetupOptions, build_config, default_session_path
from game.session.dashboard import refresh
from game.session.export import default_export_dir, handin_text, session_stem, write_csv, write_json
from game.session.host import Host
from game.session.hotseat import ScratchEntry
from game.session.log import SessionError, atomic_write
from game.session.scoring import leaderboard
from game.session.session import Session, Tick
from game.strings import strategy_name, t
from game.terminal import render as r
from game.terminal.app import NO, YES, Console, EndOfInput, TerminalGame

Clock = Callable[[], float]
# Serving a session to the teams' browsers (the command line passes the server in; this console
# never imports it): start it for the session, return the shared host and how to stop it;
# SessionError when it cannot start.
Serve = Callable[[Session], tuple[Host, Callable[[], None]]]
COMMANDS = (
    "help", "open", "submit", "import", "close", "undo", "pause", "go", "extend", "inject",
    "events", "status", "dashboard", "leaderboard", "report", "bid", "forecast", "finish", "export",
    "audit", "handin", "brief", "costs", "room", "projector", "quit",
)
ALIASES = {"?": "help", "h": "help", "resume": "go", "dash": "dashboard", "board": "leaderboard",
           "exit": "quit", "q": "quit", "帮助": "help", "退出": "quit"}
CANCEL = {"cancel", "quit", "exit", "q", "取消", "退出"}


class SharedConsole(Console):
    """The console of a served session: it holds the host's lock except while it waits for a line,
    so the teams' browsers are answered while the trainer thinks, never while a command runs."""

    def __init__(self, stdin: TextIO, stdout: TextIO, host: Host) -> None:
        super().__init__(stdin, stdout)
        self.host = host
        self.holding = False

    def hold(self) -> None:
        if not self.holding:
            self.host.lock.acquire()
            self.holding = True

    def let_go(self) -> None:
        if self.holding:
            self.holding = False
            self.host.lock.release()

    def _read(self, prompt: str) -> str:
        held = self.holding
        self.let_go()
        try:
            return super()._read(prompt)
        finally:
            if held:
                self.hold()


class WorkshopConsole:
    def replay_or_recorded(self) -> bool:
        """A session played under another model version: replay it under the current rules
        (True), or show the results as recorded and stop (False)."""
        s = self.s
        self.say(self.tr("recorded.rules_changed", old=s.model_version, game=s.game_version, new=MODEL_VERSION))
        while True:
            try:
                answer = self.io.ask(self.tr("recorded.choice")).lower()
            except EndOfInput:
                return False
            if answer in ("r", "replay", "重新推演"):
                return True
            if answer in ("s", "show", "查看"):
                lines = recorded_lines(s.scenario, s.recorded_rounds(), s.model_version, s.game_version, self.lang)
                self.say("\n".join(lines))
                return False

    def __init__(self, session: Session, io: Console, lang: str, host: Host | None = None) -> None:
        self.s = session
        self.io = io
        io.lang = lang
        self.lang = lang
        self.seen: dict[str, int] = {}  # team -> turn of the last report it was shown
        self.host = host  # a served session: teams' browsers share the session (game/session/host.py)
        if host is not None:
            host.listen("console")

    def ticks(self) -> list[Tick]:
        """The countdown's ticks since the console last looked (a served session: the web server may
        have run the countdown meanwhile; the host hands every front end each tick)."""
        return self.host.ticks("console") if self.host is not None else self.s.tick()

    def tr(self, key: str, **kw: object) -> str:
        return t(key, self.lang, **kw)

    def say(self, text: str = "") -> None:
        width = self.io.width
        self.io.say("\n".join(wrap(ln, width) if text_width(ln) > width else ln for ln in text.split("\n")))

    def confirm(self, prompt: str) -> bool:
        while True:
            a = self.io.ask(prompt).lower()
            if not a or a in NO:
                return False
            if a in YES:
                return True
            self.say(self.tr("confirm.again"))

    def error(self, exc: Exception) -> None:
        self.say(self.tr("ws.error", msg=str(exc)))

    @property
    def where(self) -> str:
        return str(self.s.path or "")

    # -- the loop ----------------------------------------------------------------------------
    def prompt(self) -> str:
        st = self.s.status()
        n = sum(1 for x in st.teams if x.submitted)
        m = len(st.teams)
        if st.phase == "open":
            paused = "" if st.running else self.tr("ws.prompt.paused")
            return self.tr("ws.prompt.open", round=st.round, rounds=st.rounds, clock=mmss(st.remaining), paused=paused, n=n, m=m)
        if st.phase == "bids":
            return self.tr("ws.prompt.bids", n=n, m=m)
        if st.phase == "done":
            return self.tr("ws.prompt.done")
        return self.tr("ws.prompt.idle", round=st.round, rounds=st.rounds)

    def show_ticks(self, ticks: Sequence[Tick]) -> None:
        for tk in ticks:
            if tk.kind == "warning":
                self.say(self.tr("ws.tick.warning", round=tk.round))
            elif tk.kind == "draft_in":
                self.say(self.tr("ws.tick.draft_in", team=tk.team or "", round=tk.round))
            elif tk.kind == "expired":
                self.say(self.tr("ws.tick.expired", round=tk.round))
                if self.s.phase == "open" and self.s.missing():
                    self.say(self.tr("ws.tick.wait", teams=", ".join(self.s.missing())))
            else:
                self.say(self.tr("ws.tick.closed", round=tk.round))
                self.after_close(tk.round)

    def run(self) -> int:
        if isinstance(self.io, SharedConsole):
            self.io.hold()
        try:
            while True:
                self.show_ticks(self.ticks())
                self.show_notices()
                line = self.io.ask(self.prompt())
                self.show_ticks(self.ticks())
                self.show_notices()
                if not line:
                    continue
                if not self.command(line):
                    self.say(self.tr("ws.quit", path=self.where))
                    return 0
        except EndOfInput:
            self.say()
            self.say(self.tr("ws.eof", path=self.where))
            return 0
        except KeyboardInterrupt:
            self.say()
            self.say(self.tr("ws.interrupted", path=self.where))
            return 130
        finally:
            self.s.close()
            if isinstance(self.io, SharedConsole):
                self.io.let_go()

    def show_notices(self) -> None:
        """What the teams did from their browsers since the console last looked."""
        if self.host is None:
            return
        for n in self.host.notices("console"):
            self.say("  * " + self.tr(f"web.notice.{n.kind}", team=n.team, by=n.by))

    def command(self, line: str) -> bool:
        """Run one command; False to leave."""
        words = line.split()
        head = ALIASES.get(words[0].lower(), words[0].lower())
        args = words[1:]
        if head == "quit":
            return False
        handler = getattr(self, f"cmd_{head}", None) if head in COMMANDS else None
        if handler is None:
            close = difflib.get_close_matches(head, COMMANDS, n=1, cutoff=0.5)
            hint = self.tr("hint.did_you_mean", word=close[0]) if close else ""
            self.say(self.tr("ws.unknown", word=shorten(words[0]), hint=hint))
            return True
        try:
            handler(args)
        except (SessionError, DecisionError) as exc:
            self.error(exc)
        return True

    # -- commands ----------------------------------------------------------------------------
    def cmd_help(self, args: Sequence[str]) -> None:
        self.say(self.tr("ws.help"))
        if self.host is not None:
            self.say(self.tr("ws.help_served"))

    # -- a served session: the room and the projector page -------------------------------------
    def cmd_room(self, args: Sequence[str]) -> None:
        """Where and how teams join (address, PIN, QR code), and who is connected now."""
        if self.host is None or self.host.join is None:
            self.say(self.tr("ws.not_served"))
            return
        self.say_join(qr=True)
        self.say_online()

    def say_join(self, *, qr: bool) -> None:
        assert self.host is not None and self.host.join is not None  # a served session
        j = self.host.join
        if qr:
            buf = StringIO()
            segno.make(j.url, error="m").terminal(out=buf, compact=True, border=2)
            self.io.say(buf.getvalue().rstrip("\n"))
        self.say(self.tr("web.serving", url=j.url, pin=j.pin, bound=j.bound, port=j.port))
        for u in j.urls[1:]:
            self.say(self.tr("web.also_at", url=u))
        self.say(self.tr("web.pin", pin=j.pin))
        self.say(self.tr("web.projector", url=j.projector))
        if j.bound.startswith("127.") or j.bound == "::1":
            self.say(self.tr("web.local_only"))

    def say_online(self) -> None:
        if self.host is None:
            return
        self.say(self.tr("web.online.title"))
        for team, names in self.host.room.online(self.lang).items():
            self.say(self.tr("web.online.team", team=team, names=join_list(names, self.lang) or self.tr("web.online.none")))

    def cmd_projector(self, args: Sequence[str]) -> None:
        """projector board | hide: show the leaderboard on the projector page, or hide it."""
        if self.host is None:
            self.say(self.tr("ws.not_served"))
            return
        word = args[0].lower() if args else ""
        if word in ("board", "show", "leaderboard"):
            self.host.show_board(True)
            self.say(self.tr("web.board.shown"))
        elif word in ("hide", "off"):
            self.host.show_board(False)
            self.say(self.tr("web.board.hidden"))
        else:
            self.say("projector board | projector hide")

    def cmd_brief(self, args: Sequence[str]) -> None:
        """The scenario's briefing and the tender's facts, for the projector."""
        vendors = list(dict.fromkeys(t.vendor for t in self.s.teams))
        self.say(r.render_briefing(self.s.games[0], vendors, self.lang, self.io.width))

    def cmd_costs(self, args: Sequence[str]) -> None:
        self.say(r.render_costs(self.s.games[0], self.lang, self.io.width))

    def cmd_status(self, args: Sequence[str]) -> None:
        st = self.s.status()
        self.say(r.heading(self.tr("ws.title", scenario=self.s.scenario.title.get(self.lang))))
        paused = "" if st.running or st.phase != "open" else self.tr("ws.prompt.paused")
        clock = mmss(st.remaining) if st.phase == "open" else "--:--"
        self.say(self.tr("ws.status.line", phase=self.tr(f"ws.phase.{st.phase}"), round=min(st.round, st.rounds), rounds=st.rounds, clock=clock, paused=paused))
        self.say(self.tr("ws.status.teams"))
        for x in st.teams:
            mark = "[x]" if x.submitted else "[ ]"
            extra = f" {x.actions} action(s), {x.source}" if x.submitted and st.phase == "open" else ""
            self.say(f"  {mark} {x.name} ({x.vendor}){extra}")
        if st.queued:
            names = ", ".join(self.s.games[0].events[i].id or self.s.games[0].events[i].kind for i in st.queued)
            self.say(self.tr("ws.status.queued", events=names))
        if st.paused_after_restart and st.phase == "open":
            self.say(self.tr("ws.clock_paused", round=st.round, left=mmss(st.remaining)))
        self.say_online()

    def cmd_open(self, args: Sequence[str]) -> None:
        rnd = self.s.open_round()
        secs = self.s.config.round_seconds
        clock = self.tr("ws.opened.clock", minutes=self.minutes(secs)) if secs else ""
        self.say(self.tr("ws.opened", round=rnd, rounds=self.s.rounds, clock=clock))
        for e in self.s.injected():
            if e.turn == rnd and not e.secret:
                self.say(self.tr("ws.news", text=announcement(self.s, e, self.lang)))

    def minutes(self, secs: int) -> str:
        return self.tr("ws.minutes", n=f"{secs / 60:g}") if secs else self.tr("ws.untimed")

    def cmd_close(self, args: Sequence[str]) -> None:
        self.s.ensure_open()
        missing = self.s.missing()
        if missing and not self.confirm(self.tr("ws.confirm_close", teams=", ".join(missing))):
            return
        rnd = self.s.round
        self.s.close_round(force=True)
        self.after_close(rnd)

    def after_close(self, rnd: int) -> None:
        self.say(self.tr("ws.closed", round=rnd))
        passed = [e for e in self.s.audit() if e.type == "close" and e.round == rnd][-1].detail["passed"]
        if passed:
            self.say(self.tr("ws.passed", teams=", ".join(passed)))
        if self.s.phase == "bids":
            self.say(self.tr("ws.bids_due"))

    def cmd_undo(self, args: Sequence[str]) -> None:
        st = self.s.status()
        if not st.can_undo:
            self.s.undo_last_resolution()  # raises with the reason
        last = max(e.round or 0 for e in self.s.audit() if e.type == "close" and not e.undone)
        if not self.confirm(self.tr("ws.confirm_undo", round=last)):
            return
        rnd = self.s.undo_last_resolution(" ".join(args) or None)
        self.say(self.tr("ws.undone", round=rnd))

    def cmd_pause(self, args: Sequence[str]) -> None:
        self.s.pause()
        self.say(self.tr("ws.paused", left=mmss(self.s.remaining())))

    def cmd_go(self, args: Sequence[str]) -> None:
        self.s.resume_clock()
        self.say(self.tr("ws.going", left=mmss(self.s.remaining())))

    def cmd_extend(self, args: Sequence[str]) -> None:
        try:
            minutes = read_number(args[0], lo=-MAX_MINUTES, hi=MAX_MINUTES) if args else 1.0
        except NumberError as exc:
            self.say(exc.message(self.lang))
            return
        self.s.extend(int(round(minutes * 60)))
        self.say(self.tr("ws.extended", round=self.s.round, left=mmss(self.s.remaining())))

    def pick_team(self, args: Sequence[str]) -> str | None:
        if not args:
            self.say(self.tr("ws.which_team", teams=", ".join(t.name for t in self.s.teams)))
            return None
        return self.s.team(" ".join(args)).name

    def cmd_submit(self, args: Sequence[str]) -> None:
        team = self.pick_team(args)
        if team is None:
            return
        self.s.ensure_open()
        tm = self.s.team(team)
        g = self.s.game_of(team)
        vid = tm.vendor
        self.io.clear()
        self.io.ask(self.tr("ws.curtain", team=team))
        self.io.clear()
        tg = TerminalGame(self.s.scenario, self.s.config.seed, self.lang, self.io)
        tg.game, tg.teams = g, [vid]

        def forecast(_vid: str, win: float, price: float | None, by: str | None) -> None:
            self.s.forecast(team, win, price, by=by)  # logged, and so applied to the team's game

        tg.forecaster = forecast  # 'forecast 40% 24m' typed in the entry
        rep = self.s.report(team)
        if rep is not None:
            tg.reports[vid] = r.render_turn_report(
                g, rep.record, vid, self.lang, before=rep.before, previous=rep.previous, width=self.io.width
            )
            if self.seen.get(team) != rep.record.turn:
                self.seen[team] = rep.record.turn
                self.say(tg.reports[vid])
                tg.carry = tg.continue_prompt()
        self.say(r.heading(self.tr("ws.team_heading", team=team, round=self.s.round)))
        self.say(r.render_turn_header(g, vid, self.lang))
        self.say(r.render_people(g, vid, self.lang, self.io.width))
        self.say(r.render_remaining(g, vid, self.lang))
        self.say(self.tr("ws.entry_hint"))
        draft = self.s.drafts().get(team)
        scratch = ScratchEntry.open(g, vid, draft, save=lambda plan: self.s.save_draft(team, plan))
        if draft:
            self.say(self.tr("ws.draft_restored", n=len(draft)))
            for al in draft:
                self.say("  " + tg.item_text(vid, al))
        self.say_at_zero()
        try:
            while True:
                if self.entry_timed_out(team, vid):
                    return
                clock = self.s.remaining()
                head = f"[{team} {mmss(clock)}] " if math.isfinite(clock) else f"[{team}] "
                line, tg.carry = tg.carry or self.io.ask(head + self.tr("prompt.turn", vendor=tg.vname(vid), turn=g.turn)), None
                if self.entry_timed_out(team, vid):
                    return
                if line.lower() in CANCEL:
                    if self.confirm(self.tr("ws.entry_cancel_q")):
                        self.s.drop_draft(team)
                        self.io.clear()
                        self.say(self.tr("ws.entry_cancelled"))
                        return
                    continue
                if tg.command(vid, line):
                    break
                scratch.sync()  # a crash loses nothing typed
        finally:
            entry = scratch.close()
        self.io.clear()
        try:
            replaced = self.s.submit(team, entry, source="hot-seat")
        except (SessionError, DecisionError) as exc:
            self.say(self.tr("ws.entry_lost", msg=str(exc)))
            return
        again = self.tr("ws.entry_replaced") if replaced else ""
        self.say(self.tr("ws.entry_saved", team=team, n=len(entry), replaced=again))

    def say_at_zero(self) -> None:
        """Before a hot-seat entry: the time left and what happens at zero."""
        left = self.s.remaining()
        if not math.isfinite(left):
            return
        key = "ws.entry_zero.pass" if self.s.config.at_zero == "pass" else "ws.entry_zero.wait"
        self.say(self.tr(key, left=mmss(left)))

    def entry_timed_out(self, team: str, vid: str) -> bool:
        """Ticks during a hot-seat entry: the minute's warning; at zero (pass) the draft goes in."""
        ticks = self.ticks()
        for tk in ticks:
            if tk.kind == "warning":
                self.say(self.tr("ws.entry_warning", n=len(self.s.drafts().get(team, []))))
        if self.s.phase == "open" and not any(tk.kind == "closed" for tk in ticks):
            self.show_ticks([tk for tk in ticks if tk.kind != "warning"])
            return False
        self.io.clear()
        self.show_ticks(ticks)
        return True

    def cmd_import(self, args: Sequence[str]) -> None:
        if not args:
            self.say("import FILE...")
            return
        for name in args:
            try:
                res = self.s.import_file(name)
            except (SessionError, DecisionError) as exc:
                self.say(self.tr("ws.refused", file=name))
                self.say(f"  {exc}".replace("\n", "\n  "))
                continue
            if res.kind == "bid":
                self.say(self.tr("ws.imported_bid", file=name, team=res.team))
            else:
                again = self.tr("ws.entry_replaced") if res.replaced else ""
                self.say(self.tr("ws.imported", file=name, team=res.team, round=res.round, n=res.actions, replaced=again))
            for note in res.notes:
                self.say(self.tr("ws.note", note=note))
            if res.forecast:
                self.say_forecast(res.team)

    def cmd_report(self, args: Sequence[str]) -> None:
        team = self.pick_team(args)
        if team is None:
            return
        rep = self.s.report(team)
        if rep is None:
            self.say(self.tr("ws.no_report", team=team))
            return
        g, vid = self.s.game_of(team), self.s.team(team).vendor
        self.say(r.render_turn_report(g, rep.record, vid, self.lang, before=rep.before, previous=rep.previous, width=self.io.width))

    # -- events -------------------------------------------------------------------------------
    def cmd_inject(self, args: Sequence[str]) -> None:
        if not args:
            cards = self.s.deck()
            if cards:
                self.say(self.tr("ws.deck.title"))
                for n, c in enumerate(cards, 1):
                    text = c.text.get(self.lang) if c.text else ""
                    flag = " [secret]" if c.secret else ""
                    self.say(f"  {n}. {c.id} ({c.kind}){flag}: {text}")
            else:
                self.say(self.tr("ws.deck.none"))
            self.say(self.tr("ws.form.kinds", kinds=", ".join(live.FORM_KINDS)))
            return
        how, rest = args[0].lower(), list(args[1:])
        secret: bool | None = None
        for w in list(rest):
            if w.lower() in ("secret", "public", "announced"):
                secret = w.lower() == "secret"
                rest.remove(w)
        if how == "card" and rest:
            e = self.s.inject(card=rest[0], secret=secret)
        elif how == "form" and rest:
            kind = rest[0]
            if kind not in live.FORMS:
                self.say(self.tr("ws.form.choices", choices=", ".join(live.FORM_KINDS)))
                return
            data = self.ask_form(kind)
            if data is None:
                return
            if secret is None:
                secret = self.io.ask(self.tr("ws.form.secret_q")).lower().startswith("s")
            e = self.s.inject(event=data, secret=secret)
        else:
            self.say("inject | inject card N [secret|public] | inject form KIND [secret|public]")
            return
        self.say(self.tr("ws.injected", turn=e.turn, secret=self.tr("ws.secret") if e.secret else ""))
        if not e.secret:
            self.say(self.tr("ws.news", text=announcement(self.s, e, self.lang)))

    def ask_form(self, kind: str) -> dict[str, Any] | None:
        sc = self.s.scenario
        data: dict[str, Any] = {"kind": kind}
        for f in live.FORMS[kind]:
            choices: list[str] = []
            if f.kind in ("stakeholder", "stakeholders"):
                choices = [s.id for s in sc.stakeholders]
            elif f.kind == "vendor":
                choices = [v.id for v in sc.vendors]
            if choices:
                self.say(self.tr("ws.form.choices", choices=", ".join(choices)))
            default = f" [{f.default}]" if f.default is not None else ""
            while True:
                raw = self.io.ask(self.tr("ws.form.field", field=f.key, kind=f.kind, default=default))
                if not raw:
                    if f.required and f.default is None:
                        continue
                    if f.default is not None:
                        data[f.key] = f.default
                    break
                try:
                    data[f.key] = _form_value(f.kind, raw)
                except NumberError as exc:
                    self.say(exc.message(self.lang))
                    continue
                break
        text = self.io.ask(self.tr("ws.form.text"))
        if text:
            data["text"] = {self.lang: text}
        return data

    def cmd_events(self, args: Sequence[str]) -> None:
        events = self.s.injected()
        if not events:
            self.say(self.tr("ws.events.none"))
        for e in events:
            flag = " [secret]" if e.secret else ""
            self.say(f"  #{e.seq} turn {e.turn} {e.event.kind} ({e.source}){flag}: {announcement(self.s, e, self.lang)}")

    # -- the dashboard and the leaderboard -----------------------------------------------------
    def cmd_dashboard(self, args: Sequence[str]) -> None:
        d = self.host.dashboard() if self.host is not None else refresh(self.s)
        sc, lang = self.s.scenario, self.lang
        self.say(r.heading(self.tr("ws.dash.title", round=d.round, phase=self.tr(f"ws.phase.{d.phase}"), worlds=d.worlds, assumption=strategy_name(d.assumption, self.lang), seconds=d.seconds)))
        rows = []
        for x in d.teams:
            rows.append([
                x.team,
                "x" if x.submitted else "-",
                f"{pct(x.win_probability)} ({pct(x.win_low)}-{pct(x.win_high)})",
                money(x.expected_result, sc, lang),
                pct(x.coverage),
                f"{x.days_used:g}/{x.days_available:g}",
                f"{x.money_spent:,.0f} / {x.budget:,.0f}",
                "; ".join(alert_text(self.s.scenario, a.code, a.params, self.lang) for a in x.alerts),
            ])
        cols = ["team", "in", "win", "expected", "coverage", "days", "money", "alerts"]
        self.say(r.table([self.tr(f"ws.col.{c}") for c in cols], rows, align="llrrrrrl", max_width=self.io.width, wrap_cols=(7,)))

    def cmd_leaderboard(self, args: Sequence[str]) -> None:
        self.say(render_leaderboard(leaderboard(self.s), self.s.scenario.title.get(self.lang), self.lang, self.io.width))

    def cmd_audit(self, args: Sequence[str]) -> None:
        rows = []
        for a in self.s.audit():
            when = datetime.fromtimestamp(a.time).strftime("%H:%M:%S")
            what = ", ".join(f"{k}={v}" for k, v in a.detail.items() if v not in (None, [], {}, ()) and k != "actions")
            if "actions" in a.detail:
                what = f"{len(a.detail['actions'])} action(s)" + (f", {what}" if what else "")
            rows.append([str(a.seq), when, a.type + (" (undone)" if a.undone else ""), what])
        heads = [self.tr(f"ws.col.{c}") for c in ("seq", "time", "what", "detail")]
        self.say(r.table(heads, rows, max_width=self.io.width, wrap_cols=(3,)))

    # -- bids, award, export ------------------------------------------------------------------
    def cmd_bid(self, args: Sequence[str]) -> None:
        if not args:
            self.pick_team(args)
            return
        names = {t.name.casefold() for t in self.s.teams}
        words = list(args)
        price_word: str | None = None
        if len(words) > 1 and " ".join(words).casefold() not in names:
            price_word = words.pop()
        team = self.s.team(" ".join(words)).name
        if self.s.phase != "bids":
            self.s.submit_bid(team, None)  # raises: not bid time
        g, vid = self.s.game_of(team), self.s.team(team).vendor
        if price_word is None:
            self.io.clear()
            self.io.ask(self.tr("ws.curtain", team=team))
            self.say(r.render_bid_info(g, vid, self.lang, self.io.width))
            while True:
                price_word = self.io.ask(f"[{team}] " + self.tr("prompt.bid", vendor=vendor_name(self.s.scenario, vid, self.lang)))
                if price_word:
                    break
        try:
            price = read_price(price_word, g.ceiling)
        except NumberError as exc:
            self.say(exc.message(self.lang))
            return
        try:
            warnings = g.check_bid(vid, price)
        except DecisionError:
            self.say(self.tr("bid.positive"))
            return
        for w in warnings:
            self.say("  ! " + advice.bid_warning_text(w, price, g.ceiling, self.lang))
        if warnings and not self.confirm(self.tr("bid.confirm", yn="y/N")):
            return
        self.s.submit_bid(team, price, source="hot-seat")
        shown = money(price, self.s.scenario, self.lang) if price is not None else self.tr("award.no_bid")
        self.say(self.tr("ws.bid_saved", team=team, price=shown))

    def cmd_forecast(self, args: Sequence[str]) -> None:
        """forecast TEAM CHANCE [PRICE]: a team's forecast for the open round (or with its bid)."""
        words = list(args)
        names = {t.name.casefold() for t in self.s.teams}
        cut = next((i for i in range(len(words) - 1, 0, -1) if " ".join(words[:i]).casefold() in names), None)
        if cut is None:
            if len(words) < 2:
                self.say(self.tr("crews.forecast_usage"))
                return
            cut = 1  # the first word as the team: the session says which teams there are
        team = self.s.team(" ".join(words[:cut])).name
        g = self.s.game_of(team)
        try:
            win, price = read_forecast(words[cut:], g.ceiling)
        except NumberError as exc:
            self.say(exc.message(self.lang))
            self.say(self.tr("crews.forecast_usage"))
            return
        self.s.forecast(team, win, price)
        self.say_forecast(team)

    def say_forecast(self, team: str) -> None:
        """The team's forecast now recorded for the open round (or with its bid)."""
        g = self.s.game_of(team)
        latest = cw.this_turn(g, self.s.team(team).vendor)
        if latest is not None:
            self.say(self.tr("crews.forecast_saved", team=team, forecast=cw.forecast_text(latest, g, self.lang)))

    def cmd_finish(self, args: Sequence[str]) -> None:
        missing = self.s.missing() if self.s.phase == "bids" else []
        if missing and not self.confirm(self.tr("ws.confirm_finish", teams=", ".join(missing))):
            return
        self.s.finish(force=True)
        self.say(self.tr("ws.finished"))
        width = self.io.width
        if self.s.config.mode == "head-to-head":
            g = self.s.games[0]
            assert g.result is not None  # finish() awarded it
            self.say(r.render_award(g, g.result, self.lang, [x.vendor for x in self.s.teams], width))
        for tm in self.s.teams:
            g = self.s.game_of(tm.name)
            assert g.result is not None  # finish() awarded it
            self.say()
            self.say(r.heading(tm.name, "-"))
            self.say(r.render_your_result(g, g.result, tm.vendor, self.lang, width))
        self.say()
        self.cmd_leaderboard([])

    def cmd_handin(self, args: Sequence[str]) -> None:
        """A decisions file of a team's latest entry (laptop -> trainer, parallel worlds)."""
        words = list(args)
        target: Path | None = None
        if len(words) > 1 and words[-1].lower().endswith((".yaml", ".yml")):
            target = Path(words.pop())
        team = self.pick_team(words)
        if team is None:
            return
        text, name = handin_text(self.s, team)
        path = target or (self.s.path.parent if self.s.path else Path(".")) / name
        atomic_write(path, text.encode("utf-8"))
        self.say(self.tr("ws.handed_in", team=team, path=path))

    def cmd_export(self, args: Sequence[str]) -> None:
        folder = Path(args[0]) if args else default_export_dir(self.s)
        rows = leaderboard(self.s)
        files = write_csv(self.s, folder, rows)
        files.append(write_json(self.s, folder / f"{session_stem(self.s.path)}.json", rows))
        self.say(self.tr("ws.exported"))
        for f in files:
            self.say(f"  {f}")


def _form_value(kind: str, raw: str) -> Any:
    if kind == "stakeholders":
        return [w for w in raw.replace(",", " ").split() if w]
    if kind in ("share", "factor"):
        return read_number(raw, lo=0, hi=1, percent=True)
    if kind == "turns":
        return read_int(raw, lo=1, hi=10)
    return raw.strip()


def render_leaderboard(rows: Sequence[Any], title: str, lang: str, width: int = r.DEFAULT_WIDTH, warnings: Sequence[str] = ()) -> str:
    """The projector's table (rows from game.session.scoring)."""
    out = [r.heading(t("ws.board.title", lang, scenario=title))]
    cols = ["rank", "team", "actual", "expected", "win", "coverage", "timing", "focus", "process", "score"]
    groups: dict[str, list[Any]] = {}
    for x in rows:
        groups.setdefault(getattr(x, "group", ""), []).append(x)
    for group, members in groups.items():
        if group:
            out.append(wrap(t("ws.board.group", lang, group=group), width))
        body = []
        for x in members:
            actual = "-" if x.actual is None else f"{round(x.actual):,}"  # round(): no '-0'
            body.append([
                str(x.rank), x.team, actual, f"{round(x.expected):,}", pct(x.win_probability),
                f"{x.coverage:.0f}", f"{x.timing:.0f}", f"{x.focus:.0f}", f"{x.process:.0f}", f"{x.score:.1f}",
            ])
        out.append(r.table([t(f"ws.col.{c}", lang) for c in cols], body, align="rlrrrrrrrr", max_width=width))
    out.append(wrap(t("ws.board.legend", lang), min(width, 100)))
    out.extend(wrap(f"! {w}", min(width, 100)) for w in warnings)
    return "\n".join(out)


MAX_MINUTES = 24 * 60  # a round's countdown (and one extension) is at most a day, as the session allows


# -- set-up ---------------------------------------------------------------------------------------


def _ask_int(io: Console, prompt: str, default: int, lang: str, lo: int = 0, hi: int = 2**63 - 1) -> int:
    while True:
        raw = io.ask(prompt)
        if not raw:
            return default
        try:
            return int(round(read_number(raw, lo=lo, hi=hi)))
        except NumberError as exc:
            io.say(exc.message(lang))


def setup(
    scenarios: Sequence[Path], scenario_path: Path | None, opts: SetupOptions, io: Console, lang: str,
    mono: Clock, wall: Clock,
) -> Session | None:
    """Ask for what the command line did not give, then create the session file."""
    if scenario_path is None:
        names = [p.stem for p in scenarios]
        default = "rural_schools" if "rural_schools" in names else (names[0] if names else "")
        while True:
            raw = io.ask(t("ws.setup.scenario_q", lang, names=", ".join(names), default=default)) or default
            match = [p for p in scenarios if raw in (p.stem, p.name)]
            if match or Path(raw).is_file():
                scenario_path = match[0] if match else Path(raw)
                break
            io.say(t("ws.error", lang, msg=f"no scenario '{raw}'"))
    try:
        sc = load_scenario(scenario_path)
    except ScenarioError as exc:
        io.say("\n".join(str(p) for p in exc.problems))
        return None
    playable = [v.id for v in sc.playable_vendors()]
    mode = opts.mode
    if mode is None:
        n_given = len(opts.teams) if opts.teams is not None else 0
        default = "2" if n_given > len(playable) or len(playable) == 1 else "1"
        raw = io.ask(t("ws.setup.mode_q", lang, n=len(playable), vendor=vendor_name(sc, opts.vendor or playable[0], lang), default=default)) or default
        mode = "parallel" if raw.strip().lower() in ("2", "p", "parallel") else "head-to-head"
    most = len(playable) if mode == "head-to-head" else MAX_TEAMS
    seed = opts.seed
    if seed is None:
        seed = _ask_int(io, t("ws.setup.seed_q", lang, default=(fresh := secrets.randbelow(1_000_000))), fresh, lang, hi=2**63 - 1)
    minutes = opts.round_minutes
    if minutes is None:
        minutes = _ask_int(io, t("ws.setup.minutes_q", lang, default=10), 10, lang, hi=MAX_MINUTES)
    at_zero = opts.at_zero
    if at_zero is None:
        raw = io.ask(t("ws.setup.at_zero_q", lang, default="1"))
        at_zero = "wait" if raw.strip().lower() in ("2", "w", "wait") else "pass"
    teams = list(opts.teams) if opts.teams is not None else None
    while True:
        if teams is None:
            raw = io.ask(t("ws.setup.teams_q", lang, most=most))
            teams = [x.strip() for x in raw.replace("，", ",").split(",") if x.strip()]
        try:
            config = build_config(sc, teams=teams, mode=mode, seed=seed, round_seconds=int(round(minutes * 60)), at_zero=at_zero, vendor=opts.vendor, lang=lang)
            break
        except SessionError as exc:
            io.say(t("ws.error", lang, msg=str(exc)))
            if opts.teams is not None:
                return None
            teams = None
    path = opts.session_path or default_session_path(sc.id, wall)
    session = Session.create(path, scenario_path, config, mono=mono, wall=wall)
    io.say(t("ws.setup.summary", lang, path=path, scenario=sc.title.get(lang), mode=t(f"ws.mode.{mode}", lang), seed=seed,
             rounds=sc.turns, minutes=t("ws.minutes", lang, n=f"{minutes:g}") if minutes else t("ws.untimed", lang),
             at_zero=t(f"ws.at_zero.{at_zero}", lang), teams=", ".join(f"{x.name} ({x.vendor})" for x in config.teams)))
    return session


def run_workshop(
    *,
    scenarios: Sequence[Path],
    scenario_path: Path | None,
    options: SetupOptions,
    lang: str,
    stdin: TextIO,
    stdout: TextIO,
    mono: Clock = time.monotonic,
    wall: Clock = time.time,
    serve: Serve | None = None,
) -> int:
    io = Console(stdin, stdout)
    lang = "zh" if lang == "zh" else "en"
    try:
        session = setup(scenarios, scenario_path, options, io, lang, mono, wall)
    except EndOfInput:
        io.say()
        return 2
    except SessionError as exc:
        io.say(t("ws.error", lang, msg=str(exc)))
        return 1
    if session is None:
        return 2
    return _console(session, io, lang, serve, stdin, stdout, resumed=False)


def _console(
    session: Session, io: Console, lang: str, serve: Serve | None, stdin: TextIO, stdout: TextIO, *, resumed: bool
) -> int:
    """Run the console over the session; with ``serve``, the teams' browsers share it meanwhile."""
    con = WorkshopConsole(session, io, lang)
    if resumed:
        con.say(con.tr("ws.resumed", n=len(session.entries)))
        if session.rules_changed and not con.replay_or_recorded():
            session.close()
            return 0
        for note in session.notes:
            con.say(con.tr("ws.note", note=note))
    else:
        con.say(t("ws.help", lang))
    stop: Callable[[], None] | None = None
    if serve is not None:
        try:
            host, stop = serve(session)
        except SessionError as exc:
            io.say(t("web.cannot_serve", lang, msg=str(exc)))
            session.close()
            return 1
        con = WorkshopConsole(session, SharedConsole(stdin, stdout, host), lang, host)
        con.say_join(qr=True)
    try:
        if resumed:
            con.cmd_status([])
        return con.run()
    finally:
        if stop is not None:
            stop()


def resume_workshop(
    session: Session, *, lang: str | None, stdin: TextIO, stdout: TextIO, serve: Serve | None = None
) -> int:
    language = lang or session.config.lang
    return _console(session, Console(stdin, stdout), "zh" if language == "zh" else "en", serve, stdin, stdout, resumed=True)
