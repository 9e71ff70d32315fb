"""A person's card: who they are and the team's readings of them (ranges, not the truth)."""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from game.engine.game import PersonView
from game.present import fmt, words
from game.scenario.schema import Scenario
from game.strings import t
from game.ui.text import Fonts
from game.ui.theme import (
    ACCENT,
    BODY,
    BORDER,
    DIM,
    FAINT,
    GOLD,
    H2,
    PANEL,
    RANGE,
    ROLE_COLOURS,
    SMALL,
    TEXT,
    VETO,
    WARN,
    Metrics,
)
from game.ui.widgets.draw import meter, panel, range_bar
from game.ui.widgets.icons import icon


def person_card(
    surface: pygame.Surface,
    fonts: Fonts,
    m: Metrics,
    rect: pygame.Rect,
    p: PersonView,
    scenario: Scenario,
    lang: str,
    bio: str,
    notes: Sequence[tuple[str, tuple[int, int, int]]] = (),
) -> None:
    """The card; ``notes`` (text, colour) come before the bio: a pool seat, an introduction,
    the ways in to a senior person (the bio gives way when room runs out)."""
    panel(surface, rect, PANEL, BORDER, m.px(10), 1)
    pad = m.px(14)
    x, y = rect.x + pad, rect.y + pad
    w = rect.w - 2 * pad
    role_col = ROLE_COLOURS.get(p.role, TEXT)
    ic = m.px(40)
    surface.blit(icon(p.role, ic), (x, y))
    hx = x + ic + m.px(12)
    fonts.draw(surface, p.name.get(lang), (hx, y - m.px(4)), m.font(H2 - 2), TEXT, bold=True, max_width=w - ic - m.px(12))
    title = p.title.get(lang) if p.title is not None else ""
    fonts.draw(surface, title, (hx, y + m.px(25)), m.font(SMALL), DIM, max_width=w - ic - m.px(12))
    y += ic + m.px(10)
    facts = [
        words.role_name(p.role, lang),
        t("who.level", lang, n=p.seniority),
        t("who.influence", lang, pct=fmt.pct(p.influence)),
    ]
    fonts.draw(surface, t("list.sep", lang).join(facts), (x, y), m.font(SMALL), role_col, max_width=w)
    y += m.px(22)
    marks = []
    if p.pool:
        marks.append((t("card.pool", lang), WARN))
    if p.veto:
        marks.append((t("card.veto", lang), VETO))
    if p.panel:
        marks.append((t("card.panel", lang), TEXT))
    if p.coach:
        marks.append((t("card.coach", lang), GOLD))
    elif p.can_coach:
        marks.append((t("card.can_coach", lang, t=fmt.pct(scenario.model.coach_threshold)), DIM))
    if p.replaced:
        marks.append((t("card.new", lang), WARN))
    mx = x
    for text, colour in marks:
        r = fonts.draw(surface, text, (mx, y), m.font(SMALL), colour, bold=True)
        mx = r.right + m.px(14)
    if marks:
        y += m.px(24)

    label_w = m.px(118)
    bar_w = w - label_w - m.px(92)

    def reading(label: str, lo: float, hi: float, colour: tuple[int, int, int], exact: bool = False) -> None:
        nonlocal y
        fonts.draw(surface, label, (x, y), m.font(SMALL), DIM, max_width=label_w - m.px(6))
        bar = pygame.Rect(x + label_w, y + m.px(5), bar_w, m.px(11))
        if exact:
            meter(surface, bar, hi, colour)
            value = fmt.pct(hi)
        else:
            range_bar(surface, bar, lo, hi, colour)
            value = fmt.pct_range(lo, hi)
        fonts.draw(surface, value, (rect.right - pad, y), m.font(SMALL), TEXT, align="right")
        y += m.px(24)

    reading(t("card.stance", lang), p.stance[0], p.stance[1], RANGE)
    if not p.closed:  # nobody meets a closed pool seat: no relationship, nothing to learn first-hand
        reading(t("card.relationship", lang), p.relationship[0], p.relationship[1], ACCENT)
        reading(t("card.knowledge", lang), 0.0, p.knowledge, GOLD, exact=True)
    y += m.px(2)
    cares = words.cares_text(p, scenario, lang)
    if p.cares_level < 2 and not p.closed:
        cares += t("sent.sep", lang) + t("card.cares_hint", lang)
    y += fonts.draw_block(surface, t("who.cares", lang, cares=cares), pygame.Rect(x, y, w, m.px(46)), m.font(SMALL), TEXT, max_lines=2)
    fav = words.vendor_name(scenario, p.favourite, lang) if p.favourite else t("cares.unknown", lang)
    contact = t("contact.never", lang) if p.last_contact <= 0 else t("contact.turn", lang, n=p.last_contact)
    line = t("card.fav_contact", lang, vendor=fav, contact=contact)
    fonts.draw(surface, line, (x, y), m.font(SMALL), DIM, max_width=w)
    y += m.px(24)
    for text, colour in notes:
        room = rect.bottom - pad - y
        if room < m.px(18):
            break
        y += fonts.draw_block(surface, text, pygame.Rect(x, y, w, room), m.font(SMALL), colour, max_lines=3) + m.px(2)
    if bio and rect.bottom - pad - y > m.px(20):
        fonts.draw_block(surface, bio, pygame.Rect(x, y, w, rect.bottom - pad - y), m.font(SMALL), FAINT)


def empty_card(surface: pygame.Surface, fonts: Fonts, m: Metrics, rect: pygame.Rect, lang: str) -> None:
    panel(surface, rect, PANEL, BORDER, m.px(10), 1)
    fonts.draw_block(surface, t("card.pick", lang), rect.inflate(-m.px(28), -m.px(28)), m.font(BODY), DIM)
