"""Live events a trainer injects during a session: the deck and the event form.

The deck is the scenario's events marked ``deck: true``; the form builds an
event from a few fields (the four the issue names and two more the engine
knows). Both front ends (terminal console, window) build their form from
``FORMS`` and hand the result to :meth:`Session.inject`; checking it against
the scenario happens there, before anything is logged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from game.engine.game import DecisionError, parse_event
from game.i18n import Text
from game.scenario.schema import Event, Scenario
from game.session.log import SessionError

FieldKind = Literal["stakeholder", "vendor", "stakeholders", "share", "factor", "money", "text", "turns"]


@dataclass(frozen=True)
class FormField:
    key: str  # the event key it fills
    kind: FieldKind  # how a front end asks for it
    required: bool = False
    default: object = None


# The form per event kind. Text and secrecy are asked for every kind.
FORMS: dict[str, tuple[FormField, ...]] = {
    "stakeholder_replaced": (
        FormField("stakeholder", "stakeholder", required=True),
        FormField("name", "text"),
        FormField("title", "text"),
    ),
    "budget_cut": (FormField("ceiling_factor", "factor", required=True, default=0.9),),
    "competitor_offensive": (
        FormField("vendor", "vendor", required=True),
        FormField("targets", "stakeholders"),
        FormField("relationship_gain", "share", default=0.25),
        FormField("price_cut", "share", default=0.0),
    ),
    "rumour": (FormField("reliability", "share", required=True, default=0.5),),
    "tender_delayed": (FormField("delay", "turns", default=1),),
}
FORM_KINDS: tuple[str, ...] = tuple(FORMS)
# Keys that would make an event fire by itself; an injected event fires when injected.
_SCHEDULE_KEYS = ("turn", "chance", "from_turn", "until_turn")


@dataclass(frozen=True)
class DeckCard:
    index: int  # the event's index in the scenario (what the engine injects)
    id: str
    kind: str
    text: Text | None
    secret: bool


def deck(scenario: Scenario) -> list[DeckCard]:
    """The scenario's deck events, in file order."""
    return [
        DeckCard(i, ev.id or f"event_{i + 1}", ev.kind, ev.text, ev.secret)
        for i, ev in enumerate(scenario.events)
        if ev.deck
    ]


def find_card(scenario: Scenario, which: int | str) -> DeckCard:
    cards = deck(scenario)
    if not cards:
        raise SessionError(
            f"scenario '{scenario.id}' has no deck events (events with 'deck: true'); use the event form",
            "no_deck",
        )
    ids = ", ".join(f"{n} {c.id}" for n, c in enumerate(cards, 1))
    if isinstance(which, int) or (isinstance(which, str) and which.isdigit()):
        n = int(which)
        if 1 <= n <= len(cards):
            return cards[n - 1]
        raise SessionError(f"no deck card {n}; the deck: {ids}", "bad_card", card=str(which))
    for c in cards:
        if c.id == which:
            return c
    raise SessionError(f"no deck card '{which}'; the deck: {ids}", "bad_card", card=str(which))


def form_event(data: Mapping[str, Any], scenario: Scenario, secret: bool) -> dict[str, Any]:
    """The event a form describes, checked against the scenario, as the log stores it."""
    if "kind" not in data:
        raise SessionError(
            f"an event needs a kind: {', '.join(FORM_KINDS)} (or spec_change)", "bad_event"
        )
    scheduled = [k for k in _SCHEDULE_KEYS if data.get(k) is not None]
    if scheduled:
        raise SessionError(
            f"an injected event fires when it is injected; leave out {', '.join(scheduled)}",
            "bad_event",
        )
    clean = {k: v for k, v in data.items() if v is not None and k not in ("deck", "secret")}
    clean.update(deck=True, secret=secret)
    try:
        ev = parse_event(clean, scenario)
    except DecisionError as exc:
        raise SessionError(f"the event cannot be used: {exc}", "bad_event") from None
    return ev.model_dump(mode="json", exclude_none=True)


def card_event(scenario: Scenario, index: int, secret: bool) -> dict[str, Any]:
    """A deck event with its secrecy changed (added to the game as a new deck event)."""
    ev: Event = scenario.events[index]
    data = ev.model_dump(mode="json", exclude_none=True)
    for k in _SCHEDULE_KEYS:
        data.pop(k, None)
    data.update(deck=True, secret=secret)
    return data
