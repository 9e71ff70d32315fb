"""The interactive terminal game: briefing, turns, bids and the award, for one or more teams.

Hot-seat: with several teams, each team enters its moves behind a "curtain"
prompt and the screen is cleared between teams, so no team sees another's
allocations or results. Every string comes from :mod:`game.strings`.
"""

from __future__ import annotations

import contextlib
import difflib
import shutil
import sys
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from game.ai.players import POLICIES
from game.analysis.debrief.bundle import debrief_teams
from game.analysis.debrief.gamefile import save_games
from game.engine.game import MAX_AMOUNT, Allocation, DecisionError, Game, PersonView
from game.engine.preview import preview
from game.engine.teams import TeamGame
from game.present import advice
from game.present import crew as cw
from game.present.columns import pad, text_width, wrap
from game.present.debrief.text import debrief_text
from game.present.fmt import join_list, money, pct
from game.present.reading import (
    NumberError,
    read_index,
    read_int,
    read_number,
    read_price,
    shorten,
)
from game.present.words import action_name, cost_text, criterion_name, vendor_name
from game.scenario.schema import ACTION_IDS, Scenario
from game.session.hotseat import Match, Report
from game.session.roles import Role
from game.strings import t
from game.terminal import render as r
from game.terminal.team import TeamPlay

COMMANDS: tuple[str, ...] = (
    "add",
    "help",
    "people",
    "table",
    "who",
    "costs",
    "actions",
    "left",
    "list",
    "undo",
    "clear",
    "tender",
    "brief",
    "report",
    "belief",
    "forecast",
    "team",
    "as",
    "end",
    "quit",
)
# Other words for the commands (short forms and Chinese).
COMMAND_ALIASES: dict[str, str] = {
    "?": "help",
    "h": "help",
    "table": "people",
    "p": "people",
    "actions": "costs",
    "ls": "list",
    "exit": "quit",
    "q": "quit",
    "帮助": "help",
    "人员": "people",
    "动作": "costs",
    "费用": "costs",
    "剩余": "left",
    "列表": "list",
    "撤销": "undo",
    "清空": "clear",
    "结束": "end",
    "退出": "quit",
    "简报": "brief",
    "招标": "tender",
    "报告": "report",
    "判断": "belief",
    "预测": "forecast",
    "团队": "team",
    "换人": "as",
    "member": "as",
}
ACTION_ALIASES: dict[str, str] = {
    "tech": "technical_exchange",
    "exchange": "technical_exchange",
    "site": "site_visit",
    "exec": "executive_meeting",
    "meeting": "executive_meeting",
    "workshop": "solution_workshop",
    "dinner": "hospitality",
}
YES = {"y", "yes", "是", "好", "对", "确认", "ok"}
NO = {"n", "no", "否", "不", "不要"}
MAX_LINE = 1000  # characters in one typed line; longer ones are refused (nothing typed is that long)
CLEAR_SCREEN = "\033[H\033[2J\033[3J"  # scrollback too, so the next team cannot scroll back


class EndOfInput(Exception):
    """stdin ended."""


class QuitGame(Exception):
    """The players asked to stop."""


def _isatty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class Console:
    """Line input and text output; echoes input when it does not come from a terminal."""

    def __init__(self, stdin: TextIO, stdout: TextIO, poll: Callable[[], None] | None = None, lang: str = "en") -> None:
        self.inp = stdin
        self.out = stdout
        self.lang = lang  # for the console's own messages (a line it could not read)
        # Bytes that are not UTF-8 become U+FFFD instead of ending the program; ask() refuses such a line.
        reconfigure = getattr(stdin, "reconfigure", None)
        if callable(reconfigure):
            with contextlib.suppress(Exception):
                reconfigure(errors="replace")
        self.poll = poll  # called before and while waiting for input (hot reload)
        self.tty_out = _isatty(stdout)
        self.echo = not _isatty(stdin)
        self.use_input = stdin is sys.stdin and stdout is sys.stdout and not self.echo and self.tty_out
        if self.use_input and sys.platform != "win32":
            import readline  # noqa: F401 - imported for its effect: line editing and history for input()

    @property
    def width(self) -> int:
        if self.tty_out:
            return max(40, shutil.get_terminal_size((r.DEFAULT_WIDTH, 40)).columns - 1)
        return r.DEFAULT_WIDTH

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def ask(self, prompt: str) -> str:
        """One line typed by the person, normalised; a line that cannot be read is refused and asked again."""
        while True:
            try:
                line = self._read(prompt)
            except UnicodeDecodeError:  # a stream that could not be told to replace bad bytes
                self.say(t("input.not_utf8", self.lang))
                raise EndOfInput from None
            if "\ufffd" in line:
                self.say(t("input.not_utf8", self.lang))
                continue
            if len(line) > MAX_LINE:
                self.say(t("input.too_long", self.lang, n=len(line), most=MAX_LINE))
                continue
            # Full-width letters, digits and commas from a Chinese input method become ASCII.
            return unicodedata.normalize("NFKC", line).strip()

    def _read(self, prompt: str) -> str:
        if self.poll is not None:
            self.poll()
            if self.use_input:
                self._wait_for_line(prompt)
        if self.use_input:
            try:
                line = input(prompt)
            except EOFError:
                # Ctrl-D on a terminal is easy to press by mistake: ask before leaving.
                self.out.write("\n")
                try:
                    sure = input(t("eof.confirm", self.lang)).strip().lower()
                except EOFError:
                    sure = "y"  # Ctrl-D twice: leave
                if sure in ("y", "yes", "是", "好"):
                    raise EndOfInput from None
                return ""
        else:
            self.out.write(prompt)
            self.out.flush()
            line = self.inp.readline()
            if not line:
                raise EndOfInput
            line = line.rstrip("\r\n")
            if self.echo:
                self.out.write((line if len(line) <= MAX_LINE else shorten(line, 80)) + "\n")
        return line

    def _wait_for_line(self, prompt: str) -> None:
        """On a terminal, keep polling (every half second) until a line can be read."""
        if sys.platform == "win32":  # pragma: no cover - select() cannot wait on a Windows console
            return
        import select

        self.out.write(prompt)
        self.out.flush()
        while True:
            try:
                ready, _, _ = select.select([self.inp], [], [], 0.5)
            except (OSError, ValueError):
                return
            if ready:
                # The prompt is already shown; input() below repeats it harmlessly on the same line.
                self.out.write("\r")
                return
            assert self.poll is not None  # only called when polling
            self.poll()

    def clear(self) -> None:
        self.out.write(CLEAR_SCREEN if self.tty_out else "\n" * 60)
        self.out.flush()


class TerminalGame(TeamPlay):
    """One terminal session: the teams, the game and what each team has been told."""

    def __init__(
        self,
        scenario: Scenario,
        seed: int,
        lang: str,
        console: Console,
        *,
        scenario_path: Path | None = None,
        save_path: Path | None = None,
        crews: Sequence[str] = (),
        ask_forecasts: bool | None = None,
    ) -> None:
        self.scenario = scenario
        # Every team is asked its forecast as its turn ends; by default a team of one only when
        # it plays at a terminal (a script piped in holds moves, not answers to a question it never saw).
        self.ask_forecasts = not console.echo if ask_forecasts is None else ask_forecasts
        self.crew_specs = list(crews)  # --team: each team's members and roles
        self.scenario_path = scenario_path  # where the scenario was read (the game file points to it)
        self.save_path = save_path  # the game file to write at the end
        self.seed = seed
        self.lang = lang
        self.io = console
        console.lang = lang
        self.teams: list[str] = []
        self.game = Game(scenario, seed, (), players=POLICIES)
        self.reports: dict[str, str] = {}
        self.match: Match | None = None  # the hot-seat order of a game played here
        self.handed_over = False  # the screen was just cleared for the next team
        self.carry: str | None = None  # a command typed at 'Press Enter to continue', run next

    # -- small helpers ---------------------------------------------------------------
    def tr(self, key: str, **kw: object) -> str:
        return t(key, self.lang, **kw)

    def say(self, text: str = "") -> None:
        """Print text; lines wider than the screen are wrapped (East Asian aware)."""
        width = self.io.width
        lines = [wrap(ln, width) if text_width(ln) > width else ln for ln in text.split("\n")]
        self.io.say("\n".join(lines))

    def ask(self, prompt: str) -> str:
        return self.io.ask(prompt)

    @property
    def multi(self) -> bool:
        return len(self.teams) > 1

    def vname(self, vid: str) -> str:
        return vendor_name(self.scenario, vid, self.lang)

    def confirm(self, prompt: str, default: bool) -> bool:
        while True:
            answer = self.ask(prompt).lower()
            if not answer:
                return default
            if answer in YES:
                return True
            if answer in NO:
                return False
            self.say(self.tr("confirm.again"))

    def views(self, vid: str) -> list[PersonView]:
        return self.game.view(vid)

    def example_sid(self) -> str:
        return self.scenario.stakeholders[0].id

    # -- start -----------------------------------------------------------------------------
    def _match_vendor(self, word: str, playable: Sequence[str]) -> tuple[str | None, str]:
        """(vendor id, '') or (None, error message)."""
        sc = self.scenario
        w = word.strip()
        n = read_index(w, len(playable))
        if n is not None:
            return playable[n - 1], ""
        all_ids = [v.id for v in sc.vendors]
        by_name = {v.name.get(lang).lower(): v.id for v in sc.vendors for lang in ("en", "zh")}
        vid = w if w in all_ids else by_name.get(w.lower()) or next((i for i in all_ids if i.lower() == w.lower()), None)
        choices = ", ".join(playable)
        if vid is None:
            close = difflib.get_close_matches(w, all_ids, n=1, cutoff=0.6)
            hint = self.tr("hint.did_you_mean", word=close[0]) if close else ""
            return None, self.tr("start.bad_team", word=shorten(w), hint=hint, choices=choices)
        if vid not in playable:
            return None, self.tr("start.not_playable", vendor=f"{self.vname(vid)} ({vid})", choices=choices)
        return vid, ""

    def choose_teams(self, teams: Sequence[str] | None) -> list[str] | None:
        sc = self.scenario
        playable = [v.id for v in sc.playable_vendors()] or [v.id for v in sc.vendors]
        if teams is not None:
            chosen: list[str] = []
            for word in teams:
                if not word.strip():
                    continue
                vid, err = self._match_vendor(word, playable)
                if vid is None:
                    self.say(err)
                    return None
                if vid not in chosen:
                    chosen.append(vid)
            return chosen or [playable[0]]
        if len(playable) == 1:
            return list(playable)
        self.say(self.tr("start.teams_q"))
        for i, vid in enumerate(playable, 1):
            self.say(f"  {i}. {vid} - {self.vname(vid)}")
        while True:
            answer = self.ask(self.tr("start.teams_prompt", default=playable[0]))
            if not answer:
                return [playable[0]]
            chosen = []
            error = ""
            for word in answer.replace(",", " ").split():
                vid, error = self._match_vendor(word, playable)
                if vid is None:
                    break
                if vid not in chosen:
                    chosen.append(vid)
            if error:
                self.say(error)
                continue
            return chosen

    # -- the game ------------------------------------------------------------------------------
    def run(self, teams: Sequence[str] | None, replay: Sequence[Mapping[str, Any]] = ()) -> int:
        """Play the game; ``replay`` is a decision log to play back first (hot reload)."""
        chosen = self.choose_teams(teams)
        if chosen is None:
            return 2
        self.teams = chosen
        match = self.match = Match(self.scenario, self.seed, list(chosen))
        if replay:
            match.game = replay_prefix(self.scenario, self.seed, tuple(chosen), replay, self.say, self.lang)
        self.game = match.game
        if not self.set_crews(chosen, self.crew_specs):
            return 2
        self.say(r.render_briefing(self.game, self.teams, self.lang, self.io.width))
        self.say()
        if self.multi:
            names = join_list([self.vname(v) for v in self.teams], self.lang)
            self.say(self.tr("start.hotseat", n=len(self.teams), teams=names))
        else:
            self.say(self.tr("start.you_play", vendor=self.vname(self.teams[0])))
        for vid, crew in match.crews.items():
            self.say(self.tr("crewt.team_title", vendor=self.vname(vid)) + " " + cw.crew_line(crew.members, self.lang))
        self.ask(self.tr("start.press_enter"))
        self.say()
        # Whose go it is, and what they see next, is the session's hot-seat rule (the window's too).
        while (step := match.step()) != "award":
            vid = match.team if step != "open_bids" else ""
            if step == "curtain":
                self.curtain(vid)
                match.pass_curtain()
            elif step == "report":
                self.show_report(vid, match.reports[vid])
                match.read_report()
            elif step == "board":
                self.play_turn(vid)
                match.end_team_turn()
            elif step == "bid":
                self.enter_bid(vid)
                match.bid_entered()
            else:  # open_bids: every team's bid is in
                if not self.handed_over:
                    self.io.clear()
                self.ask(self.tr("bid.all_in"))
                match.open_bids()
        result = self.game.finish()
        width = self.io.width
        self.say()
        self.say(r.render_award(self.game, result, self.lang, self.teams, width))
        for vid in self.teams:
            self.say()
            self.say(r.render_your_result(self.game, result, vid, self.lang, width))
        self.say()
        self.save_game()
        try:
            if self.confirm(self.tr("end.debrief_q"), default=True):
                self.debrief()
        except EndOfInput:
            pass  # no more input: the game is over all the same
        self.say()
        self.say(self.tr("end.thanks"))
        return 0

    # -- after the award -------------------------------------------------------------------------
    def team_games(self) -> list[TeamGame]:
        return [TeamGame(self.vname(vid), vid, self.game) for vid in self.teams]

    def save_game(self) -> None:
        """Write the game file (``play --save FILE``) that ``debrief`` and ``report`` read."""
        if self.save_path is None:
            self.say(self.tr("end.save_hint"))
            return
        if self.scenario_path is None:
            self.say(self.tr("end.save_failed", file=str(self.save_path), why=self.tr("end.no_scenario_file")))
            return
        try:
            save_games(self.save_path, self.scenario_path, self.team_games())
        except OSError as exc:
            self.say(self.tr("end.save_failed", file=str(self.save_path), why=exc.strerror or str(exc)))
            return
        self.say(self.tr("end.saved", file=str(self.save_path)))

    def debrief(self) -> None:
        """The window's debrief in text: the outcome explained, the win chance after every turn,
        the pitfalls, the best single change and each team's map against the truth."""
        self.say(self.tr("end.debrief_wait"))
        debriefs = debrief_teams(self.team_games(), search=True)  # the window's samples
        self.say()
        self.say(debrief_text(debriefs, self.lang))

    def curtain(self, vid: str) -> None:
        if not self.handed_over:
            self.io.clear()
        self.handed_over = False
        self.ask(self.tr("curtain", vendor=self.vname(vid)))
        self.io.clear()

    def show_report(self, vid: str, rep: Report) -> None:
        """A turn's results for one team, the first time it sees them (kept for the 'report' command)."""
        self.reports[vid] = r.render_turn_report(
            self.game, rep.record, vid, self.lang, before=rep.before, previous=rep.previous, width=self.io.width
        )
        self.say()
        self.say(self.reports[vid])
        self.carry = self.continue_prompt()
        self.say()

    def continue_prompt(self) -> str | None:
        """'Press Enter to continue.'; a command typed there is kept and run next, not lost."""
        typed = self.ask(self.tr("continue"))
        if typed:
            self.say(self.tr("continue.kept", line=shorten(typed, 60)))
        return typed or None

    def play_turn(self, vid: str) -> None:
        width = self.io.width
        self.say(r.render_turn_header(self.game, vid, self.lang))
        self.say()
        self.say(r.render_people(self.game, vid, self.lang, width))
        self.say()
        self.say(r.render_remaining(self.game, vid, self.lang))
        self.say(self.tr("turn.help_hint", sid=self.example_sid()))
        crew = self.crew_of(vid)
        if crew is not None:
            self.say(self.at_keys(crew))
        while True:
            line, self.carry = self.carry or self.ask(self.turn_prompt(vid)), None
            if self.command(vid, line):
                break
        if self.multi:
            self.io.clear()
            self.say(self.tr("handover"))
            self.handed_over = True

    # -- commands ------------------------------------------------------------------------------------
    def command(self, vid: str, line: str) -> bool:
        """Handle one line in the turn phase; True when the team ended its turn."""
        words = line.split()
        if not words:
            return False
        head = words[0].lower()
        cmd = COMMAND_ALIASES.get(head, head)
        g, lang, width = self.game, self.lang, self.io.width
        if cmd == "help":
            self.say(self.help_text())
        elif cmd == "people":
            self.say(r.render_people(g, vid, lang, width))
        elif cmd == "who":
            self.who(vid, words[1:])
        elif cmd == "costs":
            self.say(r.render_costs(g, lang, width))
        elif cmd == "left":
            self.say(r.render_remaining(g, vid, lang))
        elif cmd == "list":
            self.say(r.render_pending(g, vid, lang))
            self.say(r.render_remaining(g, vid, lang))
        elif cmd == "undo":
            crew = self.crew_of(vid)
            al = g.undo(vid) if crew is None else self.undo_mine(crew)
            if al is None:
                if crew is None:
                    self.say(self.tr("undo.nothing"))
            else:
                self.say(self.tr("undone", item=self.item_text(vid, al)))
                self.say(r.render_remaining(g, vid, lang))
        elif cmd == "clear":
            crew = self.crew_of(vid)
            if crew is None:
                g.set_actions(vid, [])
                self.say(self.tr("cleared"))
            else:
                self.clear_mine(crew)
            self.say(r.render_remaining(g, vid, lang))
        elif cmd == "tender":
            self.say(r.render_tender(g, lang, width))
        elif cmd == "brief":
            self.say(r.render_briefing(g, self.teams, lang, width))
        elif cmd == "report":
            self.say(self.reports.get(vid) or self.tr("err.no_report"))
        elif cmd == "belief":
            self.belief(vid, words[1:])
        elif cmd == "forecast":
            self.forecast_command(vid, words[1:])
        elif cmd == "team":
            self.team_command(vid, words[1:])
        elif cmd == "as":
            self.switch(vid, words[1:])
        elif cmd == "end":
            if not self.may_end(vid) or not self.confirm_end(vid):
                return False
            self.ask_forecast(vid)
            return True
        elif cmd == "quit":
            if self.confirm(self.tr("quit.confirm"), default=False):
                raise QuitGame
        elif cmd == "add":
            if not self.allocate(vid, words[1:]):
                rest = words[1:]
                self.say(self.unknown_action(rest[0]) if rest else self.tr("err.usage", sid=self.example_sid()))
        elif not self.allocate(vid, words):
            self.unknown_command(words[0])
        return False

    def unknown_command(self, word: str) -> None:
        close = difflib.get_close_matches(word.lower(), [*COMMANDS, *ACTION_IDS], n=1, cutoff=0.5)
        hint = self.tr("hint.did_you_mean", word=close[0]) if close else ""
        self.say(self.tr("err.unknown_command", word=shorten(word), hint=hint))

    def help_text(self) -> str:
        sid = self.example_sid()
        n1 = 2 if len(self.scenario.stakeholders) >= 2 else 1
        alt = self.tr("help.or")
        rows = [
            (f"visit {sid} 2", self.tr("help.add", sid=sid)),
            (f"1 {n1} 2", self.tr("help.numbers", n1=n1)),
            ("undo", self.tr("help.undo")),
            ("clear", self.tr("help.clear")),
            ("list", self.tr("help.list")),
            ("left", self.tr("help.left")),
            (f"people ({alt} table)", self.tr("help.people")),
            (f"who {sid}", self.tr("help.who")),
            (f"costs ({alt} actions)", self.tr("help.costs")),
            ("tender", self.tr("help.tender")),
            ("brief", self.tr("help.brief")),
            ("report", self.tr("help.report")),
            (f"belief {sid} 60%", self.tr("belief.help", sid=sid, crit=self.scenario.criterion_ids()[0])),
            ("forecast 40% 24m", self.tr("crewt.help.forecast")),
            ("team", self.tr("crewt.help.team")),
            ("as NAME", self.tr("crewt.help.as")),
            ("end", self.tr("help.end")),
            ("quit", self.tr("help.quit")),
        ]
        w = max(text_width(c) for c, _ in rows)
        lines = [self.tr("help.title")]
        lines.extend(f"  {pad(c, w)}  {d}" for c, d in rows)
        if self.tr("help.zh_aliases"):
            lines.append(self.tr("help.zh_aliases"))
        lines.append(self.tr("help.actions", actions=", ".join(ACTION_IDS)))
        lines.append(self.tr("help.people_ids", people=", ".join(s.id for s in self.scenario.stakeholders)))
        return "\n".join(lines)

    def who(self, vid: str, words: Sequence[str]) -> None:
        if not words:
            self.say(self.tr("err.who_missing", sid=self.example_sid()))
            return
        sid = self.resolve_person(vid, words[0])
        if sid is None:
            self.say(self.unknown_person(vid, words[0]))
            return
        self.say(r.render_person(self.game, vid, sid, self.lang, self.io.width))

    def confirm_end(self, vid: str) -> bool:
        left = advice.unspent_text(self.game, vid, self.lang)
        if left and not self.confirm(self.tr("end.unspent", left=left), default=False):
            return False
        self.say(self.tr("end.ok", turn=self.game.turn))
        return True

    # -- beliefs (the team's own map of the committee, for the debrief) ------------------------------------
    def belief(self, vid: str, words: Sequence[str]) -> None:
        """'belief PERSON [STANCE%] [CRITERIA...]' records an estimate; 'belief' alone shows the map."""
        crit_ids = self.scenario.criterion_ids()
        usage = self.tr("belief.usage", sid=self.example_sid(), crit=crit_ids[0])
        if not words:
            self.say(self.belief_map(vid) or self.tr("belief.none", usage=usage))
            return
        sid = self.resolve_person(vid, words[0])
        if sid is None:
            self.say(self.unknown_person(vid, words[0]))
            return
        stance: float | None = None
        cares: list[str] = []
        names = {criterion_name(self.scenario, c, lang).lower(): c for c in crit_ids for lang in ("en", "zh")}
        for w in words[1:]:
            try:
                x = read_number(w.rstrip("%"), lo=0)
            except NumberError as exc:
                if exc.code not in ("not_number", "empty"):
                    self.say(self.tr("belief.bad_stance", word=exc.word))
                    return
                k = w.lower() if w.lower() in crit_ids else names.get(w.lower())
                starts = [c for c in crit_ids if c.startswith(w.lower())] if len(w) >= 3 else []
                k = k or (starts[0] if len(starts) == 1 else None)
                if k is None:
                    self.say(self.tr("belief.unknown_criterion", word=shorten(w), criteria=", ".join(crit_ids)))
                    return
                if k not in cares:
                    cares.append(k)
                continue
            x = x / 100.0 if w.endswith("%") or x > 1 else x
            if not 0.0 <= x <= 1.0:
                self.say(self.tr("belief.bad_stance", word=shorten(w)))
                return
            stance = x
        if stance is None and not cares:
            self.say(usage)
            return
        # Priorities in the order given: the first named counts most.
        weights = {k: float(len(cares) - i) for i, k in enumerate(cares)} or None
        self.game.record_belief(vid, sid, stance=stance, cares=weights)
        self.say(self.tr("belief.set", person=self.person_name(vid, sid), what=self.belief_what(stance, cares)))

    def person_name(self, vid: str, sid: str) -> str:
        return next((p.name.get(self.lang) for p in self.views(vid) if p.id == sid), sid)

    def belief_what(self, stance: float | None, cares: Sequence[str]) -> str:
        parts = []
        if stance is not None:
            parts.append(self.tr("belief.stance", stance=pct(stance)))
        if cares:
            names = self.tr("list.sep").join(criterion_name(self.scenario, c, self.lang) for c in cares)
            parts.append(self.tr("belief.cares", cares=names))
        return self.tr("list.sep").join(parts)

    def belief_map(self, vid: str) -> str:
        """The team's latest estimate of each person (empty when there is none)."""
        latest: dict[str, tuple[int, float | None, list[str]]] = {}
        for b in self.game.beliefs:
            if b.vendor != vid:
                continue
            _, stance, cares = latest.get(b.stakeholder, (0, None, []))
            given = b.cares
            top = sorted(given, key=lambda k: -given[k]) if given else cares
            latest[b.stakeholder] = (b.turn, b.stance if b.stance is not None else stance, top)
        if not latest:
            return ""
        lines = [self.tr("belief.map_title")]
        for p in self.views(vid):
            if p.id in latest:
                turn, stance, cares = latest[p.id]
                lines.append(self.tr("belief.line", person=p.name.get(self.lang), what=self.belief_what(stance, cares), turn=turn))
        return "\n".join(lines)

    # -- allocations -------------------------------------------------------------------------------------
    def resolve_action(self, word: str) -> str | None:
        w = word.lower()
        if w.isdigit() or w.isdecimal():
            i = read_index(w, len(ACTION_IDS))
            return ACTION_IDS[i - 1] if i is not None else None
        if w in ACTION_IDS:
            return w
        if w in ACTION_ALIASES:
            return ACTION_ALIASES[w]
        for aid in ACTION_IDS:
            if w in {t(f"action.{aid}", lang).lower().replace(" ", "_") for lang in ("en", "zh")}:
                return aid
        starts = [a for a in ACTION_IDS if a.startswith(w)] if len(w) >= 3 else []
        return starts[0] if len(starts) == 1 else None

    def resolve_person(self, vid: str, word: str) -> str | None:
        w = word.lower()
        views = self.views(vid)
        if w.isdigit() or w.isdecimal():
            i = read_index(w, len(views))
            return views[i - 1].id if i is not None else None
        for p in views:
            if p.id.lower() == w:
                return p.id
        key = w.replace(" ", "").replace("_", "")
        for p in views:
            sh = self.scenario.stakeholders[self.scenario.stakeholder_index(p.id)]
            names = {p.name.get(lang) for lang in ("en", "zh")} | {sh.name.get(lang) for lang in ("en", "zh")}
            if key in {n.lower().replace(" ", "") for n in names}:
                return p.id
        starts = [p.id for p in views if p.id.lower().startswith(w)] if len(w) >= 3 else []
        return starts[0] if len(starts) == 1 else None

    def _join_name(self, vid: str, words: list[str]) -> list[str]:
        """'visit Li Ming 1': a person's name of several words becomes one word (their id)."""
        if len(words) <= 3:
            return words
        for first in (1, 0):  # the name after the action, or first ('Li Ming visit 2')
            for end in range(len(words), first + 1, -1):
                sid = self.resolve_person(vid, " ".join(words[first:end]))
                if sid is not None and end - first > 1:
                    return [*words[:first], sid, *words[end:]]
        return words

    def unknown_person(self, vid: str, word: str) -> str:
        views = self.views(vid)
        ids = [p.id for p in views]
        by_name = {p.name.get("en").lower(): p.id for p in views}
        close = difflib.get_close_matches(word.lower(), [i.lower() for i in ids], n=1, cutoff=0.6)
        sid = next((i for i in ids if close and i.lower() == close[0]), None)
        if sid is None:
            named = difflib.get_close_matches(word.lower(), list(by_name), n=1, cutoff=0.6)
            sid = by_name[named[0]] if named else None
        hint = ""
        if sid is not None:
            name = next(p.name.get(self.lang) for p in views if p.id == sid)
            hint = self.tr("hint.did_you_mean_person", word=sid, name=name)
        return self.tr("err.unknown_person", word=shorten(word), hint=hint, people=", ".join(ids), n=len(ids))

    def unknown_action(self, word: str) -> str:
        close = difflib.get_close_matches(word.lower(), [*ACTION_IDS, *ACTION_ALIASES], n=1, cutoff=0.6)
        hint = self.tr("hint.did_you_mean", word=ACTION_ALIASES.get(close[0], close[0])) if close else ""
        return self.tr("err.unknown_action", word=shorten(word), hint=hint, actions=", ".join(ACTION_IDS), n=len(ACTION_IDS))

    def item_text(self, vid: str, al: Allocation) -> str:
        name = next((p.name.get(self.lang) for p in self.views(vid) if p.id == al.stakeholder), al.stakeholder)
        return self.tr(
            "pending.item",
            action=action_name(al.action, self.lang),
            person=name,
            sid=al.stakeholder,
            n=al.amount,
            cost=cost_text(self.game.cost_of(al.action, al.amount), self.scenario, self.lang),
        )

    def allocate(self, vid: str, words: Sequence[str]) -> bool:
        """Try ``words`` as an allocation; False when they do not look like one at all."""
        if not words:
            return False
        words = list(words)
        sid_example = self.example_sid()
        words = self._join_name(vid, words)
        action = self.resolve_action(words[0])
        person = self.resolve_person(vid, words[1]) if len(words) > 1 else None
        if action is None and len(words) >= 2 and not words[0].isdigit():
            # 'it_head visit 2' works too (by id or name; '8 1 1' is not read backwards)
            swapped_action = self.resolve_action(words[1])
            swapped_person = self.resolve_person(vid, words[0])
            if swapped_action is not None and swapped_person is not None:
                action, person = swapped_action, swapped_person
                words[0], words[1] = words[1], words[0]
        if action is None:
            alone = self.resolve_person(vid, words[0]) if len(words) == 1 else None
            if alone is not None:
                name = next(p.name.get(self.lang) for p in self.views(vid) if p.id == alone)
                self.say(self.tr("err.need_action", person=name, sid=alone))
                return True
            looks_like = len(words) >= 2 and (person is not None or (len(words) == 3 and words[2].isdigit()))
            if not looks_like:
                return False
            self.say(self.unknown_action(words[0]))
            return True
        if len(words) < 2:
            self.say(self.tr("err.need_person", action=action, sid=sid_example))
            return True
        if person is None:
            # 'visit Li Minh 1': quote the whole name typed, so the hint can match it
            typed = words[1:-1] if len(words) > 3 and words[-1].isdigit() else words[1:] if len(words) > 3 else words[1:2]
            self.say(self.unknown_person(vid, " ".join(typed)))
            return True
        if len(words) > 3:
            self.say(self.tr("err.too_many", sid=sid_example))
            return True
        amount = 1
        if len(words) == 3:
            try:
                amount = read_int(words[2].lstrip("x×*"), lo=1, hi=MAX_AMOUNT)
            except NumberError:
                self.say(self.tr("err.amount", word=shorten(words[2]), action=action, sid=person, most=MAX_AMOUNT))
                return True
        self.add(vid, Allocation(action, person, amount))
        return True

    def add(self, vid: str, al: Allocation) -> None:
        """Add an allocation the engine allows, with its likely effect (the window's preview)."""
        g, lang = self.game, self.lang
        refused = g.refusal(vid, al)
        if refused is not None:
            self.say(advice.decision_text(refused, g, vid, lang, al.action, al.amount))
            return
        likely = preview(g, vid, al)  # before it joins the plan, like the window's preview
        if not self.add_as_team(vid, al):
            return
        self.say(self.tr("added", item=self.item_text(vid, al)))
        for text, _tone in advice.preview_lines(g, vid, likely, lang, head=False):
            self.say(wrap(text, min(self.io.width, 100), indent=2))
        self.say(r.render_remaining(g, vid, lang))

    # -- bids --------------------------------------------------------------------------------------------------
    def enter_bid(self, vid: str) -> None:
        g, lang = self.game, self.lang
        self.say(r.render_bid_info(g, vid, lang, self.io.width))
        crew = self.crew_of(vid)
        if crew is not None:
            self.say(self.tr("crewt.bid_by", who=join_list(crew.holders(Role.AM), lang)))
        prompt = self.tr("prompt.bid", vendor=self.vname(vid))
        while True:
            raw = self.ask(prompt)
            if not raw:
                continue
            words = raw.split()
            cmd = COMMAND_ALIASES.get(words[0].lower(), words[0].lower())
            if cmd in ("help", "people", "who", "tender", "report", "brief", "costs", "quit"):
                if cmd == "help":
                    self.say(r.render_bid_info(g, vid, lang, self.io.width))
                else:
                    self.command(vid, raw)
                continue
            try:
                price = read_price(raw, g.ceiling)
            except NumberError as exc:
                self.say(exc.message(lang))
                continue
            try:
                warnings = g.check_bid(vid, price)
            except DecisionError:
                self.say(self.tr("bid.positive"))
                continue
            if price is not None:
                self.say(r.render_margin(g, vid, price, lang))
            for w in warnings:
                self.say("  ! " + advice.bid_warning_text(w, price, g.ceiling, lang))
            if price is None:
                ok = self.confirm(self.tr("bid.confirm_none"), default=False)
            else:
                ok = self.confirm(self.tr("bid.confirm", yn="y/N" if warnings else "Y/n"), default=not warnings)
            if not ok:
                continue
            g.submit_bid(vid, price)
            if price is None:
                self.say(self.tr("bid.submitted_none"))
            else:
                self.say(self.tr("bid.submitted", price=money(price, self.scenario, lang)))
                self.ask_forecast(vid, price)
            break
        if self.multi:
            self.io.clear()
            self.say(self.tr("handover"))
            self.handed_over = True


def replay_prefix(
    scenario: Scenario,
    seed: int,
    teams: tuple[str, ...],
    log: Sequence[Mapping[str, Any]],
    say: Callable[[str], None],
    lang: str,
) -> Game:
    """Replay as much of a decision log as the (possibly edited) scenario allows."""
    game = Game(scenario, seed, teams, players=POLICIES)
    for entry in log:
        if "turn" not in entry:
            continue
        try:
            for vid, acts in entry["actions"].items():
                game.set_actions(vid, [Allocation(**a) for a in acts])
        except (DecisionError, TypeError) as exc:
            say(t("watch.replay_stopped", lang, turn=entry["turn"], reason=str(exc)))
            for vid in teams:
                game.set_actions(vid, [])
            break
        game.end_turn(inject=tuple(entry.get("inject", ())))
    return game


def run_terminal(
    scenario: Scenario,
    *,
    seed: int,
    teams: list[str] | None,
    lang: str,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    scenario_path: Path | None = None,
    save: Path | None = None,
    crews: Sequence[str] = (),
    ask_forecasts: bool | None = None,
) -> int:
    """Play ``scenario`` in the terminal; returns the exit code (0 also when input ends).

    ``save``: write the game file there at the end (``scenario_path`` is where the scenario was read).
    ``crews``: each team's members and roles (``--team``), see :mod:`game.terminal.team`.
    ``ask_forecasts``: ask a team without members its forecast each turn (None: when stdin is a terminal).
    """
    console = Console(sys.stdin if stdin is None else stdin, sys.stdout if stdout is None else stdout)
    app = TerminalGame(
        scenario, seed, "zh" if lang == "zh" else "en", console, scenario_path=scenario_path, save_path=save, crews=crews,
        ask_forecasts=ask_forecasts,
    )
    try:
        return app.run(teams)
    except EndOfInput:
        console.say()
        console.say(t("eof", app.lang))
        return 0
    except QuitGame:
        console.say(t("bye", app.lang))
        return 0
    except KeyboardInterrupt:
        console.say()
        console.say(t("interrupted", app.lang))
        return 130
