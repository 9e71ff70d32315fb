"""The whole debrief of a class: for every team the explanation, win curve, pitfalls, beliefs,
forecasts, the team's work and (optionally) the best single change, with one progress callback
for all of it.

This is the entry point for front ends: the ``report`` and ``debrief``
commands and the window's debrief screen call :func:`debrief_teams` and read
the frozen results (plus charts from :mod:`.charts`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass
from typing import Any

from game.engine.teams import TeamGame

from .beliefs import BeliefReport, belief_report
from .explain import Explanation, explain
from .forecasts import Calibration, calibration
from .pitfalls import Finding, pitfalls
from .teamwork import MEASURES, PeerReview, TeamWork, team_work
from .whatif import Candidate, ChangeSearch, WhatIf, best_single_change
from .winprob import DRAWS, SAMPLES, STAND_IN, WinCurve, win_curves

Progress = Callable[[int, int], None]
SCALE = 1000  # progress units for the whole debrief


@dataclass(frozen=True)
class TeamDebrief:
    team: TeamGame
    explanation: Explanation | None  # None until the game is awarded
    curve: WinCurve | None
    pitfalls: tuple[Finding, ...]
    beliefs: BeliefReport | None
    search: ChangeSearch | None  # only when asked for (it takes a few seconds per team)
    forecasts: Calibration | None = None  # the team's forecasts against the model and the outcome
    work: TeamWork | None = None  # how the team worked: roles, members, joint actions (peer reviews)


def debrief_teams(
    teams: Sequence[TeamGame],
    *,
    samples: int = SAMPLES,
    draws: int = DRAWS,
    stand_in: str = STAND_IN,
    search: bool | Sequence[str] = False,
    progress: Progress | None = None,
    reviews: Mapping[str, Sequence[PeerReview]] | None = None,
) -> list[TeamDebrief]:
    """Debrief every team. ``search``: True for every team, or the names of the teams to search;
    ``reviews``: team name -> its members' peer reviews (a session's, for the trainer's report)."""
    wanted = {tg.team for tg in teams} if search is True else set(search or ())
    searched = [tg for tg in teams if tg.team in wanted and tg.game.result is not None]
    share = SCALE if not searched else SCALE * 6 // 10

    def phase(lo: int, hi: int) -> Progress:
        def cb(done: int, total: int) -> None:
            if progress is not None:
                progress(lo + (hi - lo) * done // max(total, 1), SCALE)

        return cb

    curves = win_curves(teams, samples=samples, draws=draws, stand_in=stand_in, progress=phase(0, share))
    searches: dict[str, ChangeSearch] = {}
    for i, tg in enumerate(searched):
        lo = share + (SCALE - share) * i // len(searched)
        hi = share + (SCALE - share) * (i + 1) // len(searched)
        searches[tg.team] = best_single_change(tg, progress=phase(lo, hi))
    out = []
    for tg, cv in zip(teams, curves, strict=True):
        out.append(
            TeamDebrief(
                team=tg,
                explanation=explain(tg) if tg.game.result is not None else None,
                curve=cv,
                pitfalls=tuple(pitfalls(tg)),
                beliefs=belief_report(tg),
                search=searches.get(tg.team),
                forecasts=calibration(tg, cv),
                work=team_work(tg, (reviews or {}).get(tg.team, ())),
            )
        )
    if progress is not None:
        progress(SCALE, SCALE)
    return out


# -- JSON ---------------------------------------------------------------------------------------


def _change(ch: object) -> dict[str, Any]:
    return {"kind": type(ch).__name__, **_plain(ch)}


def _plain(x: Any) -> Any:
    """Dataclasses, tuples and numpy numbers as JSON values."""
    if isinstance(x, WhatIf):
        return {
            "change": _change(x.change),
            "before": _plain(x.before),
            "after": _plain(x.after),
            "winner_before": x.winner_before,
            "winner_after": x.winner_after,
            "gain": x.gain,
            "p_gain": x.p_gain,
            "first_divergence": x.first_divergence,
        }
    if isinstance(x, Candidate):
        return {"change": _change(x.change), "gain": x.gain, "p_win": x.p_win}
    if is_dataclass(x) and not isinstance(x, type):
        return {f.name: _plain(getattr(x, f.name)) for f in fields(x)}
    if isinstance(x, Mapping):
        return {str(k): _plain(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_plain(v) for v in x]
    if isinstance(x, bool | int | str) or x is None:
        return x
    return float(x)


def to_json(d: TeamDebrief) -> dict[str, Any]:
    """A JSON-ready view of one team's debrief (names are ids; texts are left to the reader)."""
    cv = d.curve
    out: dict[str, Any] = {
        "team": d.team.team,
        "vendor": d.team.vendor,
        "explanation": _plain(d.explanation) if d.explanation else None,
        "win_curve": None,
        "pitfalls": [_plain(f) for f in d.pitfalls],
        "beliefs": None,
        "best_change": None,
        "forecasts": None,
        "team_work": None,
    }
    if cv is not None:
        out["win_curve"] = {
            "stand_in": cv.stand_in,
            "samples": cv.samples,
            "futures": cv.futures,
            "points": [_plain(p) for p in cv.points],
            "decisions": list(cv.decisions),
            "dice": list(cv.dice),
            "award_luck": cv.award_luck,
            "skill": cv.skill,
            "luck": cv.luck,
            "luck_share": cv.luck_share,
        }
    if d.beliefs is not None:
        b = d.beliefs
        out["beliefs"] = {
            "checks": [
                {**_plain(c), "error": c.error, "top": c.top, "true_top": c.true_top, "top_hit": c.top_hit}
                for c in b.checks
            ],
            "mean_abs_error": b.mean_abs_error,
            "bias": b.bias,
            "top_hits": list(b.top_hits),
            "drifts": [_plain(x) for x in b.drifts()],
        }
    if d.search is not None:
        s = d.search
        out["best_change"] = {
            "tried": s.tried,
            "skipped": s.skipped,
            "top": [_plain(c) for c in s.ranked[:5]],
            "best": _plain(s.best) if s.best else None,
        }
    if d.forecasts is not None:
        f = d.forecasts
        out["forecasts"] = {
            **_plain(f),
            "price": {**_plain(f.price), "error": f.price.error} if f.price else None,
            "brier": f.brier,
            "model_brier": f.model_brier,
            "gap": f.gap,
            "bias": f.bias,
            "lean": f.lean,
        }
    if d.work is not None:
        w = d.work
        out["team_work"] = {
            **_plain(w),
            "roles": [
                {
                    **_plain(r),
                    "days": r.days,
                    "available": r.available,
                    "used": r.used,
                    "unspent": r.unspent,
                    "uncovered": list(r.uncovered),
                }
                for r in w.roles
            ],
            "worst": {m: w.worst(m) for m in MEASURES},
            "peer_scores": [_plain(p) for p in w.peer_scores()],
        }
    return out
