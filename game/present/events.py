"""What an event says: the news a team reads, what the trainer announces, the dashboard's alerts.

One wording per event for every front end: an event's own scenario text when it
has one, else a standard sentence, plus the facts it changed (the new ceiling,
the new weights, the publication turn).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from game.engine.game import Game
from game.engine.records import EventFired
from game.present.fmt import join_list, money, pct, points
from game.present.words import people_names, spec_text, vendor_name, weights_text
from game.scenario import schema
from game.scenario.schema import Event, Scenario
from game.session.session import InjectedEvent, Session
from game.strings import STRINGS, t


def event_sentence(scenario: Scenario, ev: Event, lang: str, *, names: Mapping[str, str], no_targets: str) -> str:
    """What an event says, one sentence for every front end: its scenario text when it has one,
    else the standard sentence of its kind. ``names``: people by id as the reader knows them;
    ``no_targets``: the words for an offensive's targets when it names none (the decision makers)."""
    if ev.text is not None:
        return ev.text.get(lang)
    sc = scenario
    if isinstance(ev, schema.StakeholderReplaced):
        old = sc.stakeholders[sc.stakeholder_index(ev.stakeholder)].name.get(lang)
        new = ev.name.get(lang) if ev.name is not None else names.get(ev.stakeholder, "?")
        return t("event.stakeholder_replaced", lang, old=old, new=new)
    if isinstance(ev, schema.CompetitorOffensive):
        targets = join_list([names.get(s, s) for s in ev.targets], lang) or no_targets
        return t("event.competitor_offensive", lang, vendor=vendor_name(sc, ev.vendor, lang), targets=targets)
    if isinstance(ev, schema.TenderDelayed):
        return t("event.tender_delayed", lang, n=ev.delay)
    return t(f"event.{ev.kind}", lang)


def describe_event(game: Game, ev: EventFired, vid: str, lang: str) -> str:
    """The news of an event as a team reads it: what it says, then the facts it changed."""
    sc = game.scenario
    src = game.events[ev.index]  # the scenario's events and those added during play
    names = people_names(game, vid, lang)
    deciders = join_list([names.get(s.id, s.id) for s in sc.stakeholders if s.role == "decision_maker"], lang)
    text = event_sentence(sc, src, lang, names=names, no_targets=deciders)
    facts = ""
    if isinstance(src, schema.StakeholderReplaced):
        facts = t("event.fact.replaced", lang, new=names.get(src.stakeholder, "?"))
    elif isinstance(src, schema.BudgetCut):
        facts = t("event.fact.ceiling", lang, ceiling=money(game.ceiling, sc, lang))
    elif isinstance(src, schema.SpecChange):
        facts = t("event.fact.spec", lang, spec=spec_text(sc, game.spec(), lang), weights=weights_text(game.weights(), lang))
    elif isinstance(src, schema.TenderDelayed):
        facts = t("event.fact.pub", lang, turn=game.pub_turn)
    elif isinstance(src, schema.Rumour):
        facts = t("event.fact.reliability", lang, pct=pct(float(ev.details.get("reliability", 0.5))))
    elif isinstance(src, schema.TeamCheck) and vid in ev.passed:
        who = join_list([names.get(s, s) for s in src.stakeholders], lang, "or")
        key = "event.fact.check_passed" if ev.passed[vid] else "event.fact.check_failed"
        facts = t(key, lang, role=t(f"role.{src.role}", lang), people=who)
    return text + (t("sent.sep", lang) + facts if facts else "")


def announcement(session: Session, e: InjectedEvent, lang: str) -> str:
    """What the trainer reads out for an injected event (before it fires: no facts yet)."""
    sc, ev = session.scenario, e.event
    names = {s.id: s.name.get(lang) for s in sc.stakeholders}
    text = event_sentence(sc, ev, lang, names=names, no_targets=t("wsw.form.dm_default", lang))
    if isinstance(ev, schema.Rumour):
        text += t("sent.sep", lang) + t("event.fact.reliability", lang, pct=pct(ev.reliability))
    return text


def alert_text(scenario: Scenario, code: str, params: Mapping[str, Any], lang: str) -> str:
    """A dashboard alert as a sentence (people by name, shares and drops as percentages)."""
    p = dict(params)
    if "person" in p:
        p["person"] = scenario.stakeholders[scenario.stakeholder_index(str(p["person"]))].name.get(lang)
    if "share" in p:
        p["share"] = pct(float(p["share"]))
    if "drop" in p:
        p["drop"] = points(-float(p["drop"]))
    key = f"ws.alert.{code}"
    return t(key, lang, **p) if key in STRINGS else code


