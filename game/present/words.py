"""The game's things by name, and what a team can tell of a person, in English or Chinese.

Pure functions of the scenario, the game and the language, shared by every
front end: actions, roles, vendors, criteria and people by name; resources
and costs; the tender's weights and how the score is made up of its parts and
criteria; a person's priorities, marks, coach and
contact, pool seat, introductions and ways in.
"""

from __future__ import annotations

from collections.abc import Mapping

from game.engine.game import Game, PersonView
from game.engine.preview import ways_in
from game.present.fmt import join_list, money, number, pct
from game.scenario.schema import Scenario
from game.strings import t


def action_name(aid: str, lang: str) -> str:
    return t(f"action.{aid}", lang)


def role_name(role: str, lang: str) -> str:
    return t(f"role.{role}", lang)


def vendor_name(scenario: Scenario, vid: str, lang: str) -> str:
    for v in scenario.vendors:
        if v.id == vid:
            return v.name.get(lang)
    return vid


def criterion_name(scenario: Scenario, cid: str, lang: str) -> str:
    for c in scenario.criteria:
        if c.id == cid:
            return c.name.get(lang) if c.name is not None else c.id
    return cid


def people_names(game: Game, vid: str, lang: str) -> dict[str, str]:
    """Stakeholder id to the current person's name (successors after a replacement)."""
    return {p.id: p.name.get(lang) for p in game.view(vid)}


def res_amount(resource: str, n: float, scenario: Scenario, lang: str) -> str:
    """'3 sales days' / '销售 3 人天'; money as money."""
    if resource == "money":
        return money(n, scenario, lang)
    key = f"res.{resource}.one" if abs(n - 1) < 1e-9 else f"res.{resource}.many"
    return t(key, lang, n=number(n, lang))


def cost_text(cost: dict[str, float], scenario: Scenario, lang: str) -> str:
    if not cost:
        return t("cost.free", lang)
    return " + ".join(res_amount(r, x, scenario, lang) for r, x in cost.items())


def weights_text(weights: dict[str, float], lang: str) -> str:
    return t("list.sep", lang).join(f"{t('weight.' + k, lang)} {pct(w)}" for k, w in weights.items())


def spec_text(scenario: Scenario, spec: dict[str, float], lang: str) -> str:
    return t("list.sep", lang).join(f"{criterion_name(scenario, k, lang)} {pct(w, 1)}" for k, w in spec.items())


PARTS = ("technical", "price", "commercial")


def section_shares(scenario: Scenario, spec: Mapping[str, float]) -> dict[str, list[tuple[str, float]]]:
    """Each scored part's criteria with their share of that part.

    The tender's spec weights all criteria together, but a part is scored only on its own
    criteria, their weights rescaled to sum 1 within the part (game/model/tender.section_scores;
    even shares where they sum to 0).
    """
    out: dict[str, list[tuple[str, float]]] = {}
    for section in ("technical", "commercial"):
        ids = [c.id for c in scenario.criteria if c.section == section]
        total = sum(spec.get(k, 0.0) for k in ids)
        out[section] = [(k, spec.get(k, 0.0) / total if total > 0 else 1.0 / len(ids)) for k in ids]
    return out


def parts_lines(scenario: Scenario, weights: Mapping[str, float], spec: Mapping[str, float], lang: str) -> list[str]:
    """How the score is made up: each part's weight and, inside it, its criteria's shares."""
    shares = section_shares(scenario, spec)
    lines = []
    for part in PARTS:
        if part == "price":
            lines.append(t("parts.price", lang, w=pct(weights[part])))
            continue
        items = t("list.sep", lang).join(f"{criterion_name(scenario, k, lang)} {pct(x)}" for k, x in shares[part])
        lines.append(t(f"parts.{part}", lang, w=pct(weights[part]), items=items or t("parts.no_criteria", lang)))
    return lines


# -- a person as a team sees them ---------------------------------------------------------


def cares_text(p: PersonView, scenario: Scenario, lang: str) -> str:
    if p.cares_level == 0 or not p.cares:
        return t("cares.unknown", lang)
    items = sorted(p.cares.items(), key=lambda kv: -kv[1])
    text = t("list.sep", lang).join(f"{criterion_name(scenario, k, lang)} {pct(w)}" for k, w in items)
    return t("cares.top", lang, cares=text) if p.cares_level == 1 else text


def marks(p: PersonView, lang: str) -> str:
    out = []
    if p.pool:
        out.append(t("mark.pool", lang))
    if p.veto:
        out.append(t("mark.veto", lang))
    if p.panel:
        out.append(t("mark.panel", lang))
    if p.replaced:
        out.append(t("mark.new", lang))
    return " ".join(out) or "-"


def coach_text(p: PersonView, lang: str) -> str:
    if p.coach:
        return t("coach.yes", lang)
    return t("coach.possible", lang) if p.can_coach else "-"


def coach_how(scenario: Scenario, lang: str) -> str:
    """How a person becomes a coach (内线), with the scenario's relationship threshold."""
    return t("coach.how", lang, t=pct(scenario.model.coach_threshold))


def contact_text(p: PersonView, lang: str) -> str:
    return t("contact.never", lang) if p.last_contact <= 0 else t("contact.turn", lang, n=p.last_contact)


def pool_text(game: Game, p: PersonView, lang: str) -> str:
    """What a pool seat is (empty for anyone else): drawn from the expert pool, who may meet them."""
    if not p.pool:
        return ""
    c = game.c
    if not p.closed:
        return t("pool.open", lang, turn=c.pool_draw_turn)
    if c.pool_confidential or game.turn >= c.pool_draw_turn:
        return t("pool.confidential", lang)
    return t("pool.before_draw", lang, turn=c.pool_draw_turn)


def intro_text(game: Game, vid: str, p: PersonView, lang: str) -> str:
    """'Introduced by X (...)' when a contact or the team's coach opens the door; else ''."""
    if p.introduced_by is None:
        return ""
    who = people_names(game, vid, lang).get(p.introduced_by, p.introduced_by)
    if p.introduced_by in p.listens_to:
        return t("intro.by_contact", lang, person=who)
    return t("intro.by_coach", lang, person=who)


def ways_in_text(game: Game, vid: str, p: PersonView, lang: str) -> str:
    """For a senior person whose door is closed: the people they listen to, who can introduce you."""
    route = ways_in(game, p)
    if not route:
        return ""
    names = people_names(game, vid, lang)
    return t(
        "intro.ways_in",
        lang,
        people=join_list([names.get(j, j) for j in route], lang),
        threshold=pct(game.scenario.model.intro_threshold),
    )


