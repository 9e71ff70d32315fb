"""What a team is told about an action before it acts, in English or Chinese.

Pure functions of the game, shared by every front end, so all say the same
things in the same words: the likely effect of an allocation (the same
quantities as the turn's results, stance toward the team first) and why the
engine refused a decision. What a person is (a pool seat, introduced, ways in)
is worded in :mod:`game.present.words`.
"""

from __future__ import annotations

from typing import Literal, cast

from game.engine.game import BidWarning, DecisionError, Game, Refusal
from game.engine.preview import Preview
from game.present.fmt import changed, join_list, money, pct, points
from game.present.words import action_name, people_names, res_amount
from game.strings import t

Tone = Literal["head", "key", "dim", "text", "good", "warn", "bad"]  # key: the line that matters most
Line = tuple[str, Tone]


def change_range(key: str, rng: tuple[float, float], lang: str) -> str:
    """'stance toward you +0.4 to +3.7': the turn report's words for a change, with a range."""
    lo, hi = rng
    return t(f"change.{key}", lang, d=t("preview.range", lang, lo=points(lo), hi=points(hi)))


def _worth(rng: tuple[float, float]) -> bool:
    """A likely change worth a word: one end of its range does not round to nothing in points."""
    return changed(rng[0]) or changed(rng[1])


def preview_lines(
    game: Game, vid: str, pv: Preview, lang: str, *, head: bool = True, notes: bool = True
) -> list[Line]:
    """The likely effect of an allocation: the person's stance toward the team first, then what
    moves it (relationship, perceived fit), then knowledge, proposal quality and spec shaping.

    ``head``: start with the action, the person and the share of the full effect bought;
    ``notes``: end with the preview's notes (timing, quiet period, compliance)."""
    names = people_names(game, vid, lang)
    name = names.get(pv.stakeholder, pv.stakeholder)
    model = game.scenario.model
    out: list[Line] = []
    if head:
        out.append((t("preview.head", lang, action=action_name(pv.action, lang), person=name, n=pv.amount), "head"))
        planned = pv.total - pv.amount
        if planned:
            share = t(
                "preview.share_more", lang, planned=planned, total=pv.total, n=pv.amount,
                share=pct(pv.share), added=pct(pv.added_share),
            )
        else:
            share = t("preview.share", lang, n=pv.total, share=pct(pv.share), k=f"{pv.saturation:g}")
        out.append((share, "dim"))
    if pv.refusal == "certain":
        out.append((t("preview.refused", lang, person=name, min=pct(model.exec_min_relationship)), "bad"))
    elif pv.refusal == "possible":
        out.append((t("preview.may_refuse", lang, person=name, min=pct(model.exec_min_relationship)), "warn"))
    else:
        lo, hi = pv.fail_chance
        out.append((t("preview.fail", lang, lo=pct(lo), hi=pct(hi)), "dim"))
    if pv.introduced_by is not None:
        out.append((t("preview.intro", lang, person=names.get(pv.introduced_by, pv.introduced_by)), "good"))
    out.append((t("preview.stance", lang, stance=change_range("stance", pv.stance, lang)), "key"))
    through = [change_range(k, r, lang) for k, r in (("rel", pv.relationship), ("fit", pv.fit)) if _worth(r)]
    also = [
        change_range(k, r, lang)
        for k, r in (("know", pv.knowledge), ("quality", pv.quality), ("spec", pv.spec_pull))
        if _worth(r)
    ]
    if through and also:
        out.append((t("preview.through_also", lang, through=t("list.sep", lang).join(through), also=t("list.sep", lang).join(also)), "text"))
    elif through:
        out.append((t("preview.through", lang, items=t("list.sep", lang).join(through)), "text"))
    elif also:
        out.append((t("preview.also", lang, items=t("list.sep", lang).join(also)), "text"))
    for note in pv.notes if notes else ():
        out.append((t(f"preview.note.{note}", lang, person=name), "warn"))
    return out


# -- refusals -------------------------------------------------------------------------------


def decision_text(exc: DecisionError, game: Game, vid: str, lang: str, action: str = "", amount: int = 0) -> str:
    """The engine's refusal in the player's language (codes with params; others as the engine said)."""
    if exc.code == Refusal.POOL_SEAT:
        sid = str(exc.params.get("stakeholder", ""))
        who = people_names(game, vid, lang).get(sid, sid)
        c = game.c
        if c.pool_confidential or game.turn >= c.pool_draw_turn:
            return t("err.pool_seat", lang, person=who)
        return t("err.pool_seat_before", lang, person=who, turn=c.pool_draw_turn)
    if exc.code == Refusal.NOT_ENOUGH:
        sc = game.scenario
        short = cast(dict[str, tuple[float, float]], exc.params.get("short", {}))
        items = [
            t("err.short_item", lang, need=res_amount(r, need, sc, lang), left=res_amount(r, left, sc, lang))
            for r, (need, left) in short.items()
        ]
        msg = t("err.short", lang, action=action_name(action, lang), n=amount, items=join_list(items, lang))
        most = int(cast(int, exc.params.get("most", 0)))
        return msg + t("sent.sep", lang) + (t("err.short_max", lang, max=most) if most >= 1 else t("err.short_none", lang))
    return t("err.engine", lang, msg=str(exc))


# -- bids and the end of a turn ---------------------------------------------------------------


def bid_warning_text(warning: BidWarning, price: float | None, ceiling: float, lang: str) -> str:
    """Why a bid may be a mistake, in words (the price's share of the ceiling where it matters)."""
    share = pct(price / ceiling, 1) if price else ""
    return t(f"bidwarn.{warning.value}", lang, share=share)


def margin_text(game: Game, vid: str, price: float, lang: str) -> str:
    """A bid's margin: the price against the delivery cost, the money spent so far, the ceiling."""
    sc = game.scenario
    v = sc.vendors[sc.vendor_index(vid)]
    spent = game.spent(vid)
    margin = price - v.cost
    return t(
        "bid.margin", lang, price=money(price, sc, lang), margin=money(margin, sc, lang), share=pct(margin / price, 1),
        spent=money(spent, sc, lang), net=money(margin - spent, sc, lang), ceiling_share=pct(price / game.ceiling, 1),
    )


def unspent_text(game: Game, vid: str, lang: str) -> str:
    """The people's days a team has not planned this turn ('2 sales days and 1 pre-sales day');
    empty when every day is used (:meth:`Game.unspent`)."""
    left = game.unspent(vid)
    return join_list([res_amount(r, x, game.scenario, lang) for r, x in left.items()], lang)


__all__ = [
    "Line",
    "Tone",
    "bid_warning_text",
    "change_range",
    "decision_text",
    "margin_text",
    "preview_lines",
    "unspent_text",
]
