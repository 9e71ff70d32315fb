"""Debrief charts as matplotlib Figures (Agg, no pyplot), and PNG bytes for reports and the window.

Charts: stance per person per vendor over turns, the team's days by role and
action, win probability over time, the score breakdown of every vendor, the
class's skill and luck, and the team's forecasts against the model's chance. Chinese labels need a CJK font: the Noto Sans SC
font shipped in pygame_gui's package data is registered when it is found
(located on disk, without importing pygame), else a CJK font installed on
the system, else matplotlib's default (Chinese glyphs then show as boxes).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Literal

import numpy as np
from matplotlib import font_manager, rc_context
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from game.analysis.debrief.bundle import TeamDebrief
from game.analysis.debrief.explain import score_parts
from game.analysis.debrief.forecasts import Calibration
from game.analysis.debrief.pitfalls import publication_turn
from game.analysis.debrief.winprob import WinCurve
from game.engine.game import Game
from game.present.debrief.text import Names
from game.present.fonts import cjk_font_files
from game.scenario.schema import ACTION_IDS, ROLES

CJK_FAMILIES = ("Noto Sans SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei", "PingFang SC")
ACTION_COLOURS = ("#4e79a7", "#59a14f", "#76b7b2", "#e15759", "#f28e2b", "#b07aa1", "#9c755f")
VENDOR_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf")
PART_COLOURS = {
    "proposal": "#4e79a7",
    "technical_stance": "#a0cbe8",
    "technical_noise": "#bab0ac",
    "price": "#f28e2b",
    "commercial": "#59a14f",
    "committee": "#b07aa1",
}


def cjk_font_file() -> Path | None:
    """The Noto Sans SC font file the window uses too (:func:`game.present.fonts.cjk_font_files`)."""
    files = cjk_font_files()
    return files[0] if files is not None else None


@cache
def cjk_family() -> str | None:
    """Register a CJK font with matplotlib; the family name, or None when none is found."""
    path = cjk_font_file()
    if path is not None:
        try:
            font_manager.fontManager.addfont(str(path))
            return str(font_manager.FontProperties(fname=str(path)).get_name())
        except (OSError, RuntimeError, ValueError):
            pass
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((f for f in CJK_FAMILIES if f in installed), None)


@contextmanager
def style() -> Iterator[None]:
    """Fonts (CJK first, DejaVu Sans for the rest) and a light, print-friendly look."""
    families = [f for f in (cjk_family(), "DejaVu Sans") if f]
    with rc_context(
        {
            "font.family": families,
            "font.size": 9,
            "axes.titlesize": 10,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "legend.frameon": False,
        }
    ):
        yield


def new_figure(
    width: float, height: float, dpi: int = 100, layout: Literal["constrained"] | None = "constrained"
) -> Figure:
    fig = Figure(figsize=(width, height), dpi=dpi, layout=layout)
    FigureCanvasAgg(fig)
    return fig


def png_bytes(fig: Figure, dpi: int | None = None) -> bytes:
    """The figure as PNG bytes (what the report embeds and the window can blit)."""
    buf = io.BytesIO()
    with style():
        fig.savefig(buf, format="png", dpi=dpi or fig.dpi, facecolor="white")
    return buf.getvalue()


def vendor_colour(g: Game, vid: str) -> str:
    return VENDOR_COLOURS[g.c.vendor_ids.index(vid) % len(VENDOR_COLOURS)]


# A team named after a colour is drawn in it (team Red red, 蓝队 blue); English words or Chinese characters.
NAMED_COLOURS = {
    "red": "#d62728", "blue": "#1f77b4", "green": "#2ca02c", "orange": "#ff7f0e",
    "purple": "#9467bd", "violet": "#9467bd", "brown": "#8c564b", "pink": "#e377c2",
    "grey": "#7f7f7f", "gray": "#7f7f7f", "cyan": "#17becf", "teal": "#17becf",
    "yellow": "#bcbd22", "gold": "#c9a100", "black": "#222222", "silver": "#a5a5a5",
    "红": "#d62728", "蓝": "#1f77b4", "绿": "#2ca02c", "橙": "#ff7f0e", "紫": "#9467bd",
    "棕": "#8c564b", "褐": "#8c564b", "粉": "#e377c2", "灰": "#7f7f7f", "青": "#17becf",
    "黄": "#bcbd22", "金": "#c9a100", "黑": "#222222", "银": "#a5a5a5",
}
# For the other teams: distinct colours, none of them a named colour already taken.
TEAM_PALETTE = (
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#bcbd22", "#7f7f7f", "#aec7e8", "#ffbb78", "#98df8a", "#c5b0d5",
)


def named_colour(team: str) -> str | None:
    """The colour a team's name names ('Red', 'team blue', '红队'), or None."""
    for word in re.findall(r"[a-z]+", team.casefold()):
        if word in NAMED_COLOURS:
            return NAMED_COLOURS[word]
    return next((NAMED_COLOURS[ch] for ch in team if ch in NAMED_COLOURS and not ch.isascii()), None)


def team_colours(teams: Sequence[str]) -> dict[str, str]:
    """A distinct colour per team: its named colour when it has one (first come), else a free one."""
    out: dict[str, str] = {}
    for team in teams:
        colour = named_colour(team)
        if colour is not None and colour not in out.values():
            out[team] = colour
    free = [c for c in TEAM_PALETTE if c not in out.values()]
    for i, team in enumerate(t for t in teams if t not in out):
        out[team] = free[i] if i < len(free) else TEAM_PALETTE[i % len(TEAM_PALETTE)]
    return out


def _mark_publication(ax: Axes, g: Game) -> None:
    pub = publication_turn(g)
    if 1 <= pub <= g.c.turns:
        ax.axvline(pub - 0.5, color="#888888", linestyle=":", linewidth=1)


# -- stance per person -------------------------------------------------------------------


def stance_figure(g: Game, vendor: str, n: Names, columns: int = 4) -> Figure:
    """Small multiples: each person's stance toward every vendor after each turn (the team bold)."""
    c = g.c
    with style():
        rows = max(1, int(np.ceil(c.S / columns)))
        height = 1.6 * rows + 0.9
        fig = new_figure(2.3 * columns, height, layout=None)  # many axes: a fixed layout is much faster
        fig.subplots_adjust(
            left=0.06, right=0.99, top=1 - 0.55 / height, bottom=0.42 / height, wspace=0.12, hspace=0.38
        )
        axes = fig.subplots(rows, columns, sharex=True, sharey=True, squeeze=False)
        turns = [r.turn for r in g.records]
        x = np.array([r.stance for r in g.records])  # [T,S,V]
        lo = max(0.0, np.floor((x.min() if x.size else 0.0) * 10) / 10 - 0.05)
        hi = min(1.0, np.ceil((x.max() if x.size else 1.0) * 10) / 10 + 0.05)
        for s, sid in enumerate(c.stakeholder_ids):
            ax = axes[s // columns][s % columns]
            for v, vid in enumerate(c.vendor_ids):
                mine = vid == vendor
                ax.plot(
                    turns,
                    x[:, s, v] if len(turns) else [],
                    color=vendor_colour(g, vid),
                    linewidth=2.2 if mine else 0.9,
                    alpha=1.0 if mine else 0.75,
                    linestyle="-" if mine else "--",
                    label=n.vendor(vid),
                )
            _mark_publication(ax, g)
            marks = ("  ▲" if c.veto[s] else "") + ("  ●" if c.panel[s] else "")
            ax.set_title(n.person(sid) + marks, fontsize=8.5)
            ax.set_ylim(lo, hi)
            ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.tick_params(labelsize=7)
        for s in range(c.S, rows * columns):
            axes[s // columns][s % columns].set_visible(False)
        handles, labels = axes[0][0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="upper center", ncols=min(c.V, 4), fontsize=8)
        fig.supxlabel(n.tr("debrief.chart.stance_axis"), fontsize=8)
    return fig


# -- resources ----------------------------------------------------------------------------


def resources_figure(g: Game, vendor: str, n: Names) -> Figure:
    """The team's units (days, or meetings) by the target's role, stacked by action."""
    c = g.c
    table = np.zeros((len(ROLES), len(ACTION_IDS)))
    for r in g.records:
        for o in r.outcomes:
            if o.vendor == vendor:
                s = c.stakeholder_ids.index(o.stakeholder)
                table[int(c.role[s]), ACTION_IDS.index(o.action)] += o.amount
    present = [i for i in range(len(ROLES)) if c.role.tolist().count(i)]
    with style():
        fig = new_figure(6.4, 0.42 * len(present) + 1.3)
        ax = fig.add_subplot()
        left = np.zeros(len(present))
        labels = [n.tr(f"role.{ROLES[i]}") for i in present]
        for a, aid in enumerate(ACTION_IDS):
            vals = table[present, a]
            if vals.sum() <= 0:
                continue
            ax.barh(labels, vals, left=left, color=ACTION_COLOURS[a], label=n.action(aid), height=0.6)
            left += vals
        ax.invert_yaxis()
        ax.set_xlabel(n.tr("debrief.chart.days"))
        ax.set_title(n.tr("debrief.chart.resources_title"))
        if ax.get_legend_handles_labels()[0]:  # a team that spent no days has no bars
            fig.legend(loc="outside right upper", fontsize=8)
        ax.grid(axis="y", visible=False)
    return fig


# -- win probability -------------------------------------------------------------------------


def winprob_figure(curves: Sequence[WinCurve], g: Game, n: Names, highlight: str | None = None) -> Figure:
    """Win probability after each turn; one line per team (the highlighted team bold)."""
    with style():
        fig = new_figure(6.4, 3.0 if len(curves) > 1 else 2.6)
        ax = fig.add_subplot()
        many = len(curves) > 1
        colours = team_colours([cv.team for cv in curves])
        for cv in curves:
            turns = [p.turn for p in cv.points]
            ps = [p.p_win for p in cv.points]
            bold = highlight is None or cv.team == highlight
            colour = colours[cv.team] if many or named_colour(cv.team) else vendor_colour(g, cv.vendor)
            ax.plot(
                turns,
                ps,
                marker="o",
                markersize=3.5 if bold else 2,
                linewidth=2.0 if bold else 1.0,
                alpha=1.0 if bold else 0.45,
                color=colour,
                label=cv.team,
            )
            if cv.won is not None and bold:
                ax.plot([turns[-1] + 0.6], [1.0 if cv.won else 0.0], marker="*", markersize=10, color=colour, clip_on=False)
        _mark_publication(ax, g)
        ax.set_ylim(0, 1)
        ax.set_xlim(-0.2, g.c.turns + 0.8)
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel(n.tr("debrief.chart.turn"))
        ax.set_ylabel(n.tr("debrief.chart.wp"))
        ax.set_title(n.tr("debrief.chart.wp_title"))
        if many:
            fig.legend(loc="outside right upper", fontsize=7.5)
    return fig


# -- score breakdown -----------------------------------------------------------------------------


def score_figure(g: Game, vendor: str, n: Names) -> Figure:
    """Every bidding vendor's total split into proposal, panel favour and noise, price,
    commercial and committee points (negative parts below zero)."""
    aw = g.award_detail
    c = g.c
    order = [v for v in np.argsort(-aw.total[0])] if aw is not None else []
    with style():
        fig = new_figure(6.4, 3.0)
        ax = fig.add_subplot()
        if aw is None:
            return fig
        keys = list(PART_COLOURS)
        labels = []
        for i, v in enumerate(order):
            groups = dict.fromkeys(keys, 0.0)
            for grp, _, x in score_parts(g, int(v)):
                groups["proposal" if grp in ("technical_doc", "technical_quality") else grp] += x
            up = down = 0.0
            for k in keys:
                val = groups[k]
                base = up if val >= 0 else down
                ax.bar(i, val, bottom=base, color=PART_COLOURS[k], width=0.6, label=n.tr(f"debrief.chart.part.{k}") if i == 0 else None,
                       edgecolor="black" if c.vendor_ids[v] == vendor else "none", linewidth=1.2)
                if val >= 0:
                    up += val
                else:
                    down += val
            ax.text(i, up + 1, f"{aw.total[0, v]:.1f}", ha="center", fontsize=8)
            name = n.vendor(c.vendor_ids[v])
            if int(aw.winner[0]) == v:
                name += " ★"
            if c.vendor_ids[v] == vendor:
                name += "\n(" + n.tr("debrief.chart.you") + ")"
            labels.append(name)
        ax.set_xticks(range(len(order)), labels, fontsize=8)
        ax.set_ylabel(n.tr("debrief.chart.points"))
        ax.set_title(n.tr("debrief.chart.score_title"))
        ax.axhline(0, color="#444444", linewidth=0.8)
        fig.legend(loc="outside right upper", fontsize=7.5)
        ax.grid(axis="x", visible=False)
    return fig


# -- skill and luck -------------------------------------------------------------------------------


def luck_figure(curves: Sequence[WinCurve], n: Names) -> Figure:
    """Per team: the moves' worth against the stand-in, the turns' dice and rivals, the award's draw."""
    done = [cv for cv in curves if cv.won is not None]
    with style():
        fig = new_figure(6.4, 0.45 * max(len(done), 2) + 1.2)
        ax = fig.add_subplot()
        y = np.arange(len(done))
        right = np.zeros(len(done))
        left = np.zeros(len(done))
        # Diverging stacks: gains to the right of zero, losses to the left; the tick is the net.
        for key, colour in (("skill", "#4e79a7"), ("dice", "#bab0ac"), ("award", "#f28e2b")):
            vals = 100 * np.array(
                [cv.skill if key == "skill" else float(sum(cv.dice)) if key == "dice" else cv.award_luck for cv in done]
            )
            base = np.where(vals >= 0, right, left)
            ax.barh(y, vals, left=base, color=colour, height=0.6, label=n.tr(f"debrief.chart.{key}"))
            right = right + np.maximum(vals, 0)
            left = left + np.minimum(vals, 0)
        net = 100 * np.array([cv.skill + cv.luck for cv in done])
        ax.plot(net, y, marker="|", markersize=16, markeredgewidth=2.5, color="black", linestyle="none")
        ax.set_xlabel(n.tr("debrief.chart.luck_axis"))
        ax.set_yticks(y, [cv.team for cv in done], fontsize=8)
        ax.invert_yaxis()
        ax.axvline(0, color="#444444", linewidth=0.8)
        ax.set_title(n.tr("debrief.chart.luck_title"))
        fig.legend(loc="outside lower center", ncols=3, fontsize=7.5)
        ax.grid(axis="y", visible=False)
    return fig


# -- forecasts -----------------------------------------------------------------------------------------


def forecast_figure(cal: Calibration, curve: WinCurve | None, g: Game, n: Names) -> Figure:
    """The team's forecast chance of winning per turn (dots; a turn without one is a gap, not a
    guess) against the model's chance after each turn (the line), the forecast with the bid,
    and the outcome (a star); the Brier score in the title."""
    with style():
        fig = new_figure(6.4, 2.7)
        ax = fig.add_subplot()
        if curve is not None and curve.points:
            ax.plot(
                [p.turn for p in curve.points], [p.p_win for p in curve.points], color="#4e79a7",
                linewidth=1.8, marker="o", markersize=3, label=n.tr("debrief.chart.fc_model"),
            )
        turns = np.arange(1, cal.turns_played + 1)
        said = {p.turn: p.win for p in cal.points if not p.at_bid}
        ys = np.array([said.get(int(t), np.nan) for t in turns])
        colour = "#e15759"
        ax.plot(turns, ys, color=colour, linewidth=1.2, linestyle="--", marker="D", markersize=5,
                label=n.tr("debrief.chart.fc_yours"))
        bid = next((p for p in cal.points if p.at_bid), None)
        end = g.c.turns
        if bid is not None:
            ax.plot([end + 0.3], [bid.win], marker="D", markersize=6, color=colour, markerfacecolor="white",
                    markeredgewidth=1.6, linestyle="none", label=n.tr("debrief.chart.fc_bid"))
        if cal.outcome is not None:
            ax.plot([end + 0.7], [1.0 if cal.outcome else 0.0], marker="*", markersize=11, color="#333333", clip_on=False)
        _mark_publication(ax, g)
        ax.set_ylim(0, 1)
        ax.set_xlim(-0.2, end + 0.9)
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel(n.tr("debrief.chart.turn"))
        ax.set_ylabel(n.tr("debrief.chart.wp"))
        b = cal.brier
        ax.set_title(
            n.tr("debrief.chart.fc_title", brier=f"{b:.3f}") if b is not None else n.tr("debrief.chart.fc_title_plain")
        )
        fig.legend(loc="outside right upper", fontsize=7.5)
    return fig


# -- for front ends ----------------------------------------------------------------------------------


def team_figures(d: TeamDebrief, lang: str) -> dict[str, Figure]:
    """One team's charts by name (what the report and the window's debrief screen show):
    ``score`` (once awarded), ``winprob``, ``resources``, ``stance``."""
    g = d.team.game
    n = Names.of(g, lang)
    out: dict[str, Figure] = {}
    if g.award_detail is not None:
        out["score"] = score_figure(g, d.team.vendor, n)
    if d.curve is not None:
        out["winprob"] = winprob_figure([d.curve], g, n)
    out["resources"] = resources_figure(g, d.team.vendor, n)
    out["stance"] = stance_figure(g, d.team.vendor, n)
    return out


def work_figures(d: TeamDebrief, lang: str) -> dict[str, Figure]:
    """The team-selling charts of a team's debrief: ``forecast`` (when the team forecast)."""
    if d.forecasts is None or not d.forecasts.points:
        return {}
    g = d.team.game
    return {"forecast": forecast_figure(d.forecasts, d.curve, g, Names.of(g, lang))}


def class_figures(debriefs: Sequence[TeamDebrief], lang: str) -> dict[str, Figure]:
    """The class's charts: ``winprob`` (every team) and ``luck`` (skill and luck per team)."""
    curves = [d.curve for d in debriefs if d.curve is not None]
    if not debriefs or not curves:
        return {}
    g = debriefs[0].team.game
    n = Names.of(g, lang)
    return {"winprob": winprob_figure(curves, g, n), "luck": luck_figure(curves, n)}


def pngs(figures: dict[str, Figure], dpi: int | None = None) -> dict[str, bytes]:
    """PNG bytes of each figure (a window can load them with pygame.image.load(BytesIO(...)))."""
    return {name: png_bytes(fig, dpi) for name, fig in figures.items()}
