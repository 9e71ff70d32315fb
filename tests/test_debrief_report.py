"""Charts and the HTML report: figures and PNG bytes, a well-formed self-contained document with a
page per team, and (where Chromium is installed) a headless render that is looked at."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from game.ai.players import POLICIES
from game.analysis.debrief.bundle import TeamDebrief, debrief_teams, to_json
from game.engine.teams import TeamGame
from game.present.debrief import charts
from game.present.debrief.report import render_report
from game.present.debrief.text import Names
from tests.debrief_helpers import play, policy

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def debriefs() -> list[TeamDebrief]:
    teams = [
        play(policy("best_practice"), seed=7, team="Eagles"),
        play(policy("technical"), seed=7, team="Tigers", markup=0.08),
        play(policy("focus_decision_maker"), seed=7, team="Dragons", markup=-0.03),
    ]
    return debrief_teams(teams, samples=200, search=["Eagles"])


class Structure(HTMLParser):
    """Counts what the tests check and the tags left open."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.team_sections = 0
        self.class_sections = 0
        self.images: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "section":
            classes = (a.get("class") or "").split()
            self.team_sections += "team" in classes
            self.class_sections += "class-view" in classes
        if tag == "img":
            self.images.append(a.get("src") or "")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not self.stack or self.stack[-1] not in ("style", "script"):
            self.text.append(data)


def test_every_chart_is_a_figure_with_png_bytes(debriefs: list[TeamDebrief]) -> None:
    d = debriefs[0]
    g = d.team.game
    curves = [x.curve for x in debriefs if x.curve is not None]
    for lang in ("en", "zh"):
        n = Names.of(g, lang)
        figs = [
            charts.stance_figure(g, d.team.vendor, n),
            charts.resources_figure(g, d.team.vendor, n),
            charts.winprob_figure(curves, g, n, highlight="Eagles"),
            charts.score_figure(g, d.team.vendor, n),
            charts.luck_figure(curves, n),
        ]
        for fig in figs:
            assert isinstance(fig, Figure)
            data = charts.png_bytes(fig)
            assert data.startswith(PNG) and len(data) > 5_000


def test_figures_for_the_window(debriefs: list[TeamDebrief]) -> None:
    team = charts.pngs(charts.team_figures(debriefs[0], "zh"), dpi=80)
    assert set(team) == {"score", "winprob", "resources", "stance"}
    assert all(b.startswith(PNG) for b in team.values())
    assert set(charts.class_figures(debriefs, "en")) == {"winprob", "luck"}


def test_chinese_labels_have_a_font() -> None:
    if charts.cjk_font_file() is None:
        pytest.skip("pygame_gui's Noto Sans SC is not installed here; charts fall back to the default font")
    assert charts.cjk_family() is not None


def test_report_structure(debriefs: list[TeamDebrief]) -> None:
    for lang in ("en", "zh"):
        html = render_report(debriefs, lang)
        p = Structure()
        p.feed(html)
        p.close()
        assert not p.errors, p.errors[:5]
        assert p.stack == [], f"unclosed tags: {p.stack}"
        assert p.class_sections == 1
        assert p.team_sections == len(debriefs)
        # Class view: 2 charts; each team: score, win probability, resources, stance.
        assert len(p.images) == 2 + 4 * len(debriefs)
        for src in p.images:
            assert src.startswith("data:image/png;base64,")
            assert base64.b64decode(src.split(",", 1)[1]).startswith(PNG)
        text = " ".join(p.text)
        for d in debriefs:
            assert d.team.team in text
        assert "http://" not in html and "https://" not in html, "self-contained: nothing to fetch"
        assert "@media print" in html and "break-after: page" in html
        assert not re.search(r"\{[a-z_]+\}", text), "no unfilled placeholders"
        if lang == "zh":
            assert "全班总览" in text and "输赢的原因" in text


def test_report_has_the_class_view_and_best_change(debriefs: list[TeamDebrief]) -> None:
    html = render_report(debriefs, "en")
    assert "Pitfalls by team" in html and "How to read this" in html
    assert "Best single change" in html  # searched for Eagles only
    assert html.count("Best single change") == 1


def test_json_view(debriefs: list[TeamDebrief]) -> None:
    import json

    for d in debriefs:
        doc = json.loads(json.dumps(to_json(d)))
        assert doc["team"] == d.team.team
        assert len(doc["win_curve"]["points"]) == 11
        assert doc["explanation"]["outcome"] in ("won", "lost", "vetoed", "disqualified", "no_bid", "over_ceiling", "failed")
    assert json.loads(json.dumps(to_json(debriefs[0])))["best_change"]["tried"] > 0


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def test_report_renders_in_headless_chromium(debriefs: list[TeamDebrief], tmp_path: Path) -> None:
    browser = _chromium()
    if browser is None:
        pytest.skip("Chromium is not installed (apt-get install chromium): the render is not checked here")
    report = tmp_path / "report.html"
    report.write_text(render_report(debriefs, "zh"), encoding="utf-8")
    shot = tmp_path / "report.png"
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]
    run = subprocess.run(
        [browser, *flags, f"--screenshot={shot}", "--window-size=1280,2000", report.as_uri()],
        capture_output=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr.decode(errors="replace")[-2000:]
    data = shot.read_bytes()
    assert data.startswith(PNG) and len(data) > 50_000, "a blank page would be far smaller"
    pdf = tmp_path / "report.pdf"
    run = subprocess.run(
        [browser, *flags, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", report.as_uri()],
        capture_output=True,
        timeout=180,
    )
    assert run.returncode == 0 and pdf.read_bytes().startswith(b"%PDF")


def test_an_unfinished_game_gets_a_partial_page() -> None:
    from game.engine.game import Game
    from tests.debrief_helpers import scenario

    g = Game(scenario(), 2, ("incumbent",), players=POLICIES)
    for _ in range(4):
        g.end_turn()
    ds = debrief_teams([TeamGame("Midway", "incumbent", g)], samples=100)
    assert ds[0].explanation is None and ds[0].curve is not None
    html = render_report(ds, "en")
    assert "not been awarded" in html


def test_teams_named_after_colours_get_their_colour() -> None:
    from game.present.debrief.charts import NAMED_COLOURS, named_colour, team_colours

    c = team_colours(["Blue", "Red", "Team Green", "红队", "蓝队", "Eagles", "Tigers"])
    assert c["Red"] == NAMED_COLOURS["red"] and c["Blue"] == NAMED_COLOURS["blue"]
    assert c["Team Green"] == NAMED_COLOURS["green"]
    assert c["红队"] != c["Red"] or c["红队"] == NAMED_COLOURS["红"]  # the first red team keeps red
    assert len(set(c.values())) == len(c)  # distinct
    assert c["Eagles"] not in (NAMED_COLOURS["red"], NAMED_COLOURS["blue"], NAMED_COLOURS["green"])
    z = team_colours(["红队", "蓝队", "绿队"])
    assert z == {"红队": NAMED_COLOURS["红"], "蓝队": NAMED_COLOURS["蓝"], "绿队": NAMED_COLOURS["绿"]}
    assert len(set(team_colours([f"T{i}" for i in range(12)]).values())) == 12
    assert named_colour("Redwood") is None and named_colour("the red team") == NAMED_COLOURS["red"]  # words


def test_the_class_chart_draws_red_red_and_blue_blue() -> None:
    from matplotlib.colors import to_hex

    from game.analysis.debrief.winprob import WinCurve, WinPoint
    from game.engine.game import Game
    from game.present.debrief.charts import NAMED_COLOURS, winprob_figure
    from game.present.debrief.text import Names
    from game.scenario import load_scenario
    from tests.conftest import SCENARIOS

    g = Game(load_scenario(SCENARIOS / "tutorial.yaml"), 1, ("player",), players=POLICIES)
    pts = tuple(WinPoint(t, 0.5, 0.0, None) for t in range(3))
    curves = [WinCurve(name, "player", "x", 10, 10, pts, None, None) for name in ("Red", "Blue")]
    fig = winprob_figure(curves, g, Names.of(g, "en"))
    lines = {str(ln.get_label()): to_hex(ln.get_color()) for ln in fig.axes[0].get_lines() if not str(ln.get_label()).startswith("_")}
    assert lines == {"Red": NAMED_COLOURS["red"], "Blue": NAMED_COLOURS["blue"]}
    one = winprob_figure(curves[:1], g, Names.of(g, "en"))
    assert to_hex(one.axes[0].get_lines()[0].get_color()) == NAMED_COLOURS["red"]


def test_teams_pages_drawn_in_worker_processes_are_the_same_document(debriefs: list[TeamDebrief]) -> None:
    """A class's report draws the teams' pages in worker processes; the document must be the
    same byte for byte (the embedded font too: no timestamp in it), and the progress counts
    the class page and every team's page."""
    from datetime import datetime

    when = datetime(2026, 12, 7, 9, 0)
    here = render_report(debriefs, "en", generated=when, workers=1)
    seen: list[tuple[int, int]] = []
    there = render_report(debriefs, "en", generated=when, workers=2, progress=lambda d, t: seen.append((d, t)))
    assert there == here
    assert seen[0] == (0, len(debriefs) + 1) and seen[-1] == (len(debriefs) + 1, len(debriefs) + 1)
