"""The team debrief in words (team selling): the forecasts' calibration, how the team worked,
peer reviews and the class's bottleneck roles, from :mod:`game.analysis.debrief.forecasts` and
:mod:`game.analysis.debrief.teamwork`. Every sentence is a key of :mod:`game.strings_team`.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.analysis.debrief.bundle import TeamDebrief
from game.analysis.debrief.forecasts import (
    Calibration,
    ClassCalibration,
    ForecastPoint,
    class_calibration,
)
from game.analysis.debrief.teamwork import (
    MEASURES,
    Bottlenecks,
    MemberWork,
    RoleWork,
    TeamWork,
    bottlenecks,
)
from game.present import crew, fmt
from game.present.debrief.text import Names, pct

NAMED = 3  # people named in a line before "and n more"


def role_name(role: str, n: Names, title: bool = False) -> str:
    return crew.role_name(role, n.lang, title=title)


def roles_text(roles: Sequence[str], n: Names) -> str:
    return n.join([role_name(r, n) for r in roles]) if roles else n.tr("debrief.tw.no_roles")


def brier(x: float | None) -> str:
    """A Brier score or a mean squared gap: 0.182."""
    return "-" if x is None else f"{x:.3f}"


def days(x: float, n: Names) -> str:
    return fmt.decimal(x, n.lang, 1, trim=True)


def _people(ids: Sequence[str], n: Names) -> str:
    names = [n.person(s) for s in ids]
    if len(names) <= NAMED:
        return n.join(names)
    return n.tr("debrief.tw.more", names=n.tr("list.item_sep").join(names[:NAMED]), n=len(names) - NAMED)


# -- forecasts -------------------------------------------------------------------------------


def _point(p: ForecastPoint, n: Names) -> str:
    model = pct(p.model) if p.model is not None else "-"
    if p.at_bid:
        return n.tr("debrief.fc.bid_item", win=pct(p.win), model=model)
    key = "debrief.fc.turn_item" if p.model is not None else "debrief.fc.turn_item_open"
    return n.tr(key, turn=p.turn, win=pct(p.win), model=model)


def forecast_lines(c: Calibration, n: Names) -> list[str]:
    """The team's forecasts: how many, the turns without one, the Brier score against the
    outcome and the model's, the gap to the model's line and the lean, the price against the bid."""
    if not c.points:
        return [n.tr("debrief.fc.none")]
    turns = [p for p in c.points if not p.at_bid]
    with_bid = any(p.at_bid for p in c.points)
    out = [n.tr("debrief.fc.count", n=len(turns), m=c.turns_played, bid=n.tr("debrief.fc.count_bid") if with_bid else "")]
    if c.missing:
        out.append(n.tr("debrief.fc.missing", turns=n.turns(c.missing)))
    if c.bid_missing:
        out.append(n.tr("debrief.fc.bid_missing"))
    if c.outcome is None:
        out.append(n.tr("debrief.fc.no_award"))
    else:
        outcome = n.tr("debrief.fc.outcome.won" if c.outcome else "debrief.fc.outcome.lost")
        if c.model_brier is not None:
            out.append(n.tr("debrief.fc.brier", brier=brier(c.brier), outcome=outcome, model=brier(c.model_brier)))
        else:
            out.append(n.tr("debrief.fc.brier_only", brier=brier(c.brier), outcome=outcome))
    if c.gap is not None and c.bias is not None and c.lean is not None:
        out.append(
            n.tr("debrief.fc.gap", gap=brier(c.gap), bias=fmt.points(c.bias, n.lang), lean=n.tr(f"debrief.fc.lean.{c.lean}"))
        )
    out.append(n.tr("debrief.fc.turns", items=n.tr("list.sep").join(_point(p, n) for p in c.points)))
    pc = c.price
    if pc is not None:
        when = n.tr("debrief.fc.price_when_bid") if pc.last_at_bid else n.tr("debrief.fc.price_when", turn=pc.last_turn)
        err = pc.error
        if pc.bid is None or err is None:
            out.append(n.tr("debrief.fc.price_nobid", price=n.money(pc.last), when=when))
        else:
            gap = abs(pc.last - pc.bid)
            error = (
                n.tr("debrief.fc.price_exact") if gap < 0.5
                else n.tr(
                    "debrief.fc.price_above" if err > 0 else "debrief.fc.price_below",
                    gap=n.money(gap), share=fmt.pct(abs(err), 1, n.lang),
                )
            )
            out.append(n.tr("debrief.fc.price", price=n.money(pc.last), when=when, bid=n.money(pc.bid), error=error))
    return out


def class_forecast_lines(cc: ClassCalibration, n: Names) -> list[str]:
    if not cc.forecasting:
        return [n.tr("debrief.cf.none")]
    return [
        n.tr(
            "debrief.cf.summary",
            k=cc.forecasting,
            n=cc.teams,
            brier=brier(cc.brier),
            model=brier(cc.model_brier),
            over=cc.over,
            under=cc.under,
            even=cc.even,
        )
    ]


# -- the team's work ----------------------------------------------------------------------------


def holders_text(r: RoleWork, w: TeamWork, n: Names) -> str:
    if w.solo:
        return ""
    if not r.holders:
        return n.tr("debrief.tw.nobody")
    return n.tr("debrief.tw.holders", names=n.join(list(r.holders)))


def role_line(r: RoleWork, w: TeamWork, n: Names) -> str:
    idle = [t.turn for t in r.turns if t.unspent > 1e-9]
    common = {
        "role": role_name(r.role, n, title=True),
        "holders": holders_text(r, w, n),
        "used": days(r.used, n),
        "available": days(r.available, n),
        "unspent": n.tr("debrief.tw.unspent", days=days(r.unspent, n), turns=n.turns(idle)) if idle else "",
    }
    if not r.counterparts:
        return n.tr("debrief.tw.role_all", **common, met=len(r.met))
    return n.tr(
        "debrief.tw.role", **common, met=len(r.counterparts) - len(r.uncovered), people=len(r.counterparts),
        uncovered=n.tr("debrief.tw.not_met", names=_people(r.uncovered, n)) if r.uncovered else "",
    )


def member_line(m: MemberWork, n: Names) -> str:
    name = n.tr("debrief.tw.member_item", name=m.name, roles=roles_text(m.roles, n))
    return n.tr(
        "debrief.tw.member", name=name, proposed=m.proposed, counted=m.counted, missed=m.missed,
        confirmed=m.confirmed, forecasts=m.forecasts,
    )


def shortfall_line(w: TeamWork, n: Names) -> str:
    items = [
        n.tr("debrief.tw.short_item", measure=n.tr(f"debrief.measure.{m}"), role=role_name(role, n))
        for m in MEASURES
        if (role := w.worst(m)) is not None
    ]
    return n.tr("debrief.tw.short", items=n.tr("list.sep").join(items)) if items else n.tr("debrief.tw.short_none")


def missed_line(j_turn: int, action: str, person: str, by: str | None, missing: Sequence[str], n: Names) -> str:
    return n.tr(
        "debrief.tw.joint_missed", turn=j_turn, action=n.action(action), person=n.person(person),
        by=by or n.tr("debrief.tw.someone"), roles=n.join([role_name(r, n) for r in missing]),
    )


def teamwork_lines(w: TeamWork, n: Names) -> list[str]:
    """How the team worked: members, each role's days and people, joint actions (the missed ones
    named), the customer's checks, each member's part and the roles that fell short."""
    out: list[str] = []
    if w.solo:
        out.append(n.tr("debrief.tw.solo"))
    else:
        items = [n.tr("debrief.tw.member_item", name=m.name, roles=roles_text(m.roles, n)) for m in w.members]
        out.append(n.tr("debrief.tw.members", items=n.tr("list.sep").join(items)))
    out.extend(role_line(r, w, n) for r in w.roles)
    done = sum(1 for j in w.joint if j.done)
    out.append(n.tr("debrief.tw.joint", done=done, missed=len(w.joint) - done))
    out.extend(
        "  " + missed_line(j.turn, j.action, j.stakeholder, j.by, j.missing, n) for j in w.joint if not j.done
    )
    for r in w.roles:
        if r.checks_failed:
            out.append(n.tr("debrief.tw.check_failed", role=role_name(r.role, n), n=r.checks_failed))
        elif r.checks_passed:
            out.append(n.tr("debrief.tw.check_passed", role=role_name(r.role, n), n=r.checks_passed))
    if not w.solo:
        out.extend(member_line(m, n) for m in w.members)
        if w.unattributed:
            out.append(n.tr("debrief.tw.unattributed", n=w.unattributed))
    out.append(shortfall_line(w, n))
    return out


def peer_lines(w: TeamWork, n: Names) -> list[str]:
    """The peer reviews (the trainer's eyes only): each member's mean rating, then the notes."""
    scores = w.peer_scores()
    if not scores:
        return [n.tr("debrief.peer.none")]
    out = [
        n.tr(
            "debrief.peer.score", name=s.name, mean=fmt.decimal(s.mean, n.lang, 1), n=len(s.ratings),
            ratings=n.tr("list.item_sep").join(str(x) for x in s.ratings),
        )
        for s in scores
    ]
    out.extend(n.tr("debrief.peer.note", by=r.by, note=r.note) for r in w.reviews if r.note)
    return out


# -- the class -------------------------------------------------------------------------------------


def bottleneck_lines(b: Bottlenecks, n: Names) -> list[str]:
    """The class's bottleneck role and, per measure, the role that fell short most, as lessons."""
    role = b.role
    if role is None:
        return [n.tr("debrief.bn.none")]
    out = [n.tr("debrief.bn.role", role=role_name(role, n), k=b.tally(role).worst, total=len(b.teams) * len(MEASURES))]
    for m in MEASURES:
        lead = b.leaders.get(m)
        if lead is None:
            continue
        t = b.tally(lead)
        teams = b.teams_short(lead, m)
        if m == "unspent":
            out.append(n.tr("debrief.bn.unspent", role=role_name(lead, n), share=pct(t.unspent_share or 0.0), days=days(t.unspent, n), teams=teams))
        elif m == "missed":
            out.append(n.tr("debrief.bn.missed", role=role_name(lead, n), n=t.joint_missed, teams=teams))
        elif m == "uncovered":
            out.append(
                n.tr("debrief.bn.uncovered", role=role_name(lead, n), n=t.uncovered, m=t.counterparts,
                     share=pct(t.uncovered_share or 0.0), teams=teams)
            )
        else:
            out.append(n.tr("debrief.bn.checks", role=role_name(lead, n), n=t.checks_failed, teams=teams))
    out.append(n.tr(f"debrief.bn.lesson.{role}"))
    return out


def class_lines(debriefs: Sequence[TeamDebrief], lang: str) -> list[str]:
    """The class's bottleneck roles and forecasts, for the end of the terminal debrief."""
    n = Names.of(debriefs[0].team.game, lang)
    works = [d.work for d in debriefs if d.work is not None]
    cals = [d.forecasts for d in debriefs if d.forecasts is not None]
    out: list[str] = []
    for title, lines in (
        ("debrief.class.bottleneck", bottleneck_lines(bottlenecks(works), n) if works else []),
        ("debrief.class.forecasts", class_forecast_lines(class_calibration(cals), n) if cals else []),
    ):
        if lines:
            out.append(n.tr("debrief.section_head", title=n.tr(title)))
            out.extend("  " + x for x in lines)
            out.append("")
    return out
