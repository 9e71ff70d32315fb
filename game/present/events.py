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
from game.scenario.schema import Scenario
from game.session.session import InjectedEvent, Session
from game.strings import STRINGS, t


def describe_event(game: Game, ev: EventFired, vid: str, lang: str) -> str:
    """The announcement of an event: its scenario text when it has one, else a description; plus facts."""
    sc = game.scenario
    src = game.events[ev.index]  # the scenario's events and those added during play
    names = people_names(game, vid, lang)
    facts = ""
    if isinstance(src, schema.StakeholderReplaced):
        old = sc.stakeholders[sc.stakeholder_index(src.stakeholder)].name.get(lang)
        new = names.get(src.stakeholder, old)
        desc = t("event.stakeholder_replaced", lang, old=old, new=new)
        facts = t("event.fact.replaced", lang, new=new)
    elif isinstance(src, schema.BudgetCut):
        desc = t("event.budget_cut", lang)
        facts = t("event.fact.ceiling", lang, ceiling=money(game.ceiling, sc, lang))
    elif isinstance(src, schema.CompetitorOffensive):
        who = vendor_name(sc, src.vendor, lang)
        targets = [names.get(s, s) for s in src.targets] or [
            names.get(s.id, s.id) for s in sc.stakeholders if s.role == "decision_maker"
        ]
        desc = t("event.competitor_offensive", lang, vendor=who, targets=join_list(targets, lang))
    elif isinstance(src, schema.SpecChange):
        desc = t("event.spec_change", lang)
        facts = t("event.fact.spec", lang, spec=spec_text(sc, game.spec(), lang), weights=weights_text(game.weights(), lang))
    elif isinstance(src, schema.TenderDelayed):
        desc = t("event.tender_delayed", lang, n=src.delay)
        facts = t("event.fact.pub", lang, turn=game.pub_turn)
    else:
        reliability = float(ev.details.get("reliability", 0.5))
        desc = t("event.rumour", lang)
        facts = t("event.fact.reliability", lang, pct=pct(reliability))
    text = src.text.get(lang) if src.text is not None else desc
    return text + (t("sent.sep", lang) + facts if facts else "")


def announcement(session: Session, e: InjectedEvent, lang: str) -> str:
    """What the trainer reads out for an injected event (its text, or a standard sentence)."""
    ev, sc = e.event, session.scenario
    if ev.text is not None:
        text = ev.text.get(lang)
    elif ev.kind == "stakeholder_replaced":
        old = sc.stakeholders[sc.stakeholder_index(ev.stakeholder)].name.get(lang)
        new = ev.name.get(lang) if ev.name is not None else "?"
        text = t("event.stakeholder_replaced", lang, old=old, new=new)
    elif ev.kind == "competitor_offensive":
        names = [sc.stakeholders[sc.stakeholder_index(x)].name.get(lang) for x in ev.targets]
        text = t(
            "event.competitor_offensive",
            lang,
            vendor=vendor_name(sc, ev.vendor, lang),
            targets=join_list(names, lang) or t("wsw.form.dm_default", lang),
        )
    elif ev.kind == "tender_delayed":
        text = t("event.tender_delayed", lang, n=ev.delay)
    else:
        text = t(f"event.{ev.kind}", lang)
    if ev.kind == "rumour":
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


