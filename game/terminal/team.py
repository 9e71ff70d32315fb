"""Team selling in the terminal game: members and roles at one keyboard, and the team's forecasts.

``play SCENARIO --team "Ada=am,executive; Bo=presales,pm"`` (or ``team ...`` typed
in a turn) gives the team its members. The prompt names who is at the keyboard
('as NAME' passes it on); an action is added for a member who acts for its roles
(:class:`game.session.hotseat.Crew` decides; a refusal says whose it is); a
joint action asks the other role's holder to confirm. Before the team's turn
ends (and with its bid) it is asked its forecast: the chance it wins and the
price it expects to bid (Enter skips; '40% 24m' on one line answers both). A team
with members is always asked; a team of one is asked when it plays at a terminal
(input piped from a script is read as the moves it scripts, so it is not asked
unless ``ask_forecasts`` says so). ``forecast 40% 24m`` records one at any time,
with or without members. What is recorded goes into the game (and so into the
game file).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from game.engine.game import Allocation, DecisionError, Game
from game.present import crew as cw
from game.present.fmt import join_list
from game.present.reading import NumberError, read_chance, read_expected_price, read_forecast
from game.present.words import action_name
from game.session.hotseat import Crew, CrewError, Match, parse_crew
from game.session.log import SessionError
from game.session.roles import Role, RoleError

if TYPE_CHECKING:
    from game.engine.game import Member

# Records a forecast (vendor, chance 0..1, price or None, by); a session routes it to its log.
Forecaster = Callable[[str, float, "float | None", "str | None"], None]


class TeamPlay:
    """The terminal game's team commands (mixed into TerminalGame, which provides the rest)."""

    game: Game
    lang: str
    match: Match | None
    forecaster: Forecaster | None = None
    ask_forecasts = False  # a team of one is asked its forecast too (at a terminal, see TerminalGame)

    # Provided by TerminalGame.
    def tr(self, key: str, **kw: object) -> str:
        raise NotImplementedError

    def say(self, text: str = "") -> None:
        raise NotImplementedError

    def ask(self, prompt: str) -> str:
        raise NotImplementedError

    def confirm(self, prompt: str, default: bool) -> bool:
        raise NotImplementedError

    def vname(self, vid: str) -> str:
        raise NotImplementedError

    # -- members ---------------------------------------------------------------------------
    def crew_of(self, vid: str) -> Crew | None:
        return self.match.crews.get(vid) if self.match is not None else None

    def names(self, crew: Crew) -> str:
        return join_list([m.name for m in crew.members], self.lang)

    def member_now(self, crew: Crew) -> str:
        return cw.member_text(crew.me, self.lang)

    def set_crews(self, teams: Sequence[str], specs: Sequence[str]) -> bool:
        """``--team`` values: each 'NAME=ROLES; ...' for the teams in order, or 'VENDOR: NAME=ROLES; ...'.
        False (with the reason said) when one cannot be read."""
        assert self.match is not None  # set up by run()
        if len(specs) > len(teams):
            self.say(self.tr("crewt.spec_extra", n=len(specs), m=len(teams)))
            return False
        given: dict[str, list[Member]] = {}
        order = list(teams)
        for spec in specs:
            head, sep, rest = spec.partition(":")
            vid: str | None = None
            if sep and "=" not in head:
                word = head.strip()
                vid = next((v for v in teams if v.lower() == word.lower() or self.vname(v).lower() == word.lower()), None)
                if vid is None:
                    self.say(self.tr("crewt.spec_team", spec=spec[:60], word=word[:40], teams=", ".join(teams)))
                    return False
                spec = rest
            else:
                vid = next(v for v in order if v not in given)
            try:
                given[vid] = parse_crew(spec)
            except CrewError as exc:
                self.say(self.tr("crewt.bad_team", why=cw.crew_error_text(exc, self.lang)))
                return False
        for vid, members in given.items():
            self.match.set_crew(vid, members)
        return True

    def team_command(self, vid: str, words: Sequence[str]) -> None:
        """'team': who holds what and what each role has left; 'team NAME=ROLES; ...' sets the members."""
        if self.match is None:  # the trainer's hot-seat: the team enters its plan as one
            self.say(self.tr("crewt.whole_team"))
            return
        if words:
            try:
                members = parse_crew(" ".join(words))
            except CrewError as exc:
                self.say(self.tr("crewt.bad_team", why=cw.crew_error_text(exc, self.lang)))
                return
            self.match.set_crew(vid, members)
            self.say(self.tr("crewt.set", members=cw.crew_line(members, self.lang)))
            self.say(self.at_keys(self.match.crews[vid]))
            return
        crew = self.crew_of(vid)
        if crew is None:
            self.say(self.tr("crewt.no_team"))
            return
        self.say(self.crew_text(crew))

    def crew_text(self, crew: Crew) -> str:
        lines = [self.tr("crewt.team_title", vendor=self.vname(crew.vendor)),
                 self.tr("crewt.members", members=cw.crew_line(crew.members, self.lang)),
                 self.tr("crewt.left_title"), *cw.left_lines(self.game, crew, self.lang),
                 self.tr("crewt.now", member=self.member_now(crew))]
        return "\n".join(lines)

    def at_keys(self, crew: Crew) -> str:
        return self.tr("crewt.at_keys", member=self.member_now(crew), names=self.names(crew))

    def switch(self, vid: str, words: Sequence[str]) -> None:
        """'as NAME': another member takes the keyboard."""
        crew = self.crew_of(vid)
        if crew is None:
            self.say(self.tr("crewt.whole_team" if self.match is None else "crewt.no_team"))
            return
        if not words:
            self.say(self.tr("crewt.who_q", names=self.names(crew), first=crew.members[0].name))
            return
        i = crew.find(" ".join(words))
        if i is None:
            self.say(self.tr("crewt.unknown_member", word=" ".join(words)[:40], names=self.names(crew)))
            return
        crew.current = i
        self.say(self.tr("crewt.now", member=self.member_now(crew)))

    def turn_prompt(self, vid: str) -> str:
        crew = self.crew_of(vid)
        if crew is None:
            return self.tr("prompt.turn", vendor=self.vname(vid), turn=self.game.turn)
        return self.tr("crewt.prompt", vendor=self.vname(vid), member=crew.me.name, turn=self.game.turn)

    # -- the plan, role by role -----------------------------------------------------------------
    def add_as_team(self, vid: str, al: Allocation) -> bool:
        """Put ``al`` in the plan for the member at the keyboard; False (said why) when it is not theirs
        or the other role did not confirm. Without members, the game's add."""
        crew = self.crew_of(vid)
        if crew is None:
            self.game.add(vid, al)
            return True
        try:
            v = crew.check(al.action)
        except RoleError as exc:
            self.say(cw.refusal_text(exc, self.lang, crew.me.name))
            return False
        confirmer = v.confirmer if v.missing else None
        if confirmer is not None:
            person = next((p.name.get(self.lang) for p in self.game.view(vid) if p.id == al.stakeholder), al.stakeholder)
            q = self.tr("crewt.confirm_q", action=action_name(al.action, self.lang), person=person, who=confirmer.name,
                        roles=cw.roles_text(v.missing, self.lang))
            if not self.confirm(q, default=False):
                crew.decline(al)
                self.say(self.tr("crewt.declined", who=confirmer.name))
                return False
            self.say(self.tr("crewt.confirmed", who=confirmer.name))
        crew.add(al, confirmer)
        return True

    def undo_mine(self, crew: Crew) -> Allocation | None:
        al = crew.undo()
        if al is None:
            self.say(self.tr("crewt.nothing_mine", member=crew.me.name))
        return al

    def clear_mine(self, crew: Crew) -> None:
        gone = crew.clear()
        self.say(self.tr("crewt.cleared_mine", n=len(gone), member=crew.me.name))

    def may_end(self, vid: str) -> bool:
        """Only the account manager hands in the team's turn (a team without members: anyone)."""
        crew = self.crew_of(vid)
        if crew is None or Role.AM in crew.acting():
            return True
        who = crew.holders(Role.AM)
        self.say(self.tr("crewt.end_by_am", who=join_list(who, self.lang), first=who[0] if who else "?"))
        return False

    # -- forecasts ------------------------------------------------------------------------------
    def record_forecast(self, vid: str, win: float, price: float | None, by: str | None) -> bool:
        """Record it (in the game, or through the session's forecaster); False if refused."""
        try:
            if self.forecaster is not None:
                self.forecaster(vid, win, price, by)
            else:
                self.game.record_forecast(vid, win, price, by)
        except (DecisionError, SessionError) as exc:
            self.say(str(exc))
            return False
        latest = cw.this_turn(self.game, vid)
        if latest is not None:
            self.say(self.tr("crewt.forecast_saved", forecast=cw.forecast_text(latest, self.game, self.lang)))
        return True

    def forecast_command(self, vid: str, words: Sequence[str]) -> None:
        """'forecast' shows this turn's; 'forecast 40% 24m' records one."""
        if not words:
            latest = cw.this_turn(self.game, vid)
            if latest is None:
                self.say(self.tr("crewt.forecast_none"))
            else:
                self.say(self.tr("crewt.forecast_now", forecast=cw.forecast_text(latest, self.game, self.lang)))
            self.say(self.tr("crewt.forecast_usage"))
            return
        try:
            win, price = read_forecast(list(words), self.game.ceiling)
        except NumberError as exc:
            self.say(exc.message(self.lang))
            self.say(self.tr("crewt.forecast_usage"))
            return
        crew = self.crew_of(vid)
        self.record_forecast(vid, win, price, crew.me.name if crew is not None else None)

    def ask_forecast(self, vid: str, price: float | None = None) -> None:
        """The team's forecast, asked before its turn ends (``price`` given: with the bid, its price).
        A bad answer is said and asked again; nothing of the turn's plan is touched."""
        crew = self.crew_of(vid)
        if crew is None and not self.ask_forecasts:
            return
        at_bid = self.game.phase != "turn"
        if not at_bid and cw.this_turn(self.game, vid) is not None:
            return  # already made with 'forecast' this turn
        last = self.game.forecasts_of(vid)
        if last:
            self.say(self.tr("crewt.forecast_last", turn=last[-1].turn, forecast=cw.forecast_text(last[-1], self.game, self.lang)))
        while True:
            raw = self.ask(self.tr("crewt.forecast_bid_q" if at_bid else "crewt.forecast_q"))
            if not raw:
                self.say(self.tr("crewt.forecast_skipped"))
                return
            words = re.sub(r"\s+%", "%", raw).split()  # '40 %' is one chance
            try:
                if len(words) > 1 and not at_bid:  # '40% 24m': the chance and the price on one line
                    win, price = read_forecast(words, self.game.ceiling)
                    break
                win = read_chance(raw)
            except NumberError as exc:
                self.say(exc.message(self.lang))
                continue
            if not at_bid:
                price = self.ask_expected_price()
            break
        self.record_forecast(vid, win, price, crew.me.name if crew is not None else None)

    def ask_expected_price(self) -> float | None:
        """The price the team expects to bid, asked until it reads (Enter: None)."""
        while True:
            raw = self.ask(self.tr("crewt.forecast_price_q"))
            try:
                return read_expected_price(raw, self.game.ceiling)
            except NumberError as exc:
                self.say(exc.message(self.lang))
