"""A served session in a real browser: Playwright for Python drives Debian's Chromium
(/usr/bin/chromium, launched by path: nothing is downloaded). Three teams in three browser
contexts (a phone, a laptop, a tablet) play rural_schools to the award against a test server,
with an announced live event and a page refresh mid-round; the team's page is screenshotted at
360x740 and 1280x800, in English and Chinese, to build/screenshots/web/.

Skipped, with the reason, where Chromium or Playwright is missing (`apt-get install chromium`,
`pip install playwright`; never `playwright install`).
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.session_helpers import make
from tests.web_helpers import Served, serve

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
SHOTS = ROOT / "build" / "screenshots" / "web"
TIMEOUT = 20_000  # ms for any one thing to appear on a page

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's Chromium is not installed (apt-get install -y chromium)"),
    pytest.mark.skipif(importlib.util.find_spec("playwright") is None, reason="Playwright for Python is not installed (pip install playwright)"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


TEAMS = (("Red", "Ada", (360, 740)), ("Blue", "Bo", (1280, 800)), ("Green", "明", (820, 1180)))


def _shot(page: object, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))  # type: ignore[attr-defined]


def test_three_teams_play_rural_schools_to_the_award_in_chromium(browser: object, tmp_path: Path) -> None:
    from playwright.sync_api import Page, expect

    expect.set_options(timeout=TIMEOUT)
    session = make(tmp_path / "browser.session.jsonl", teams=tuple(t for t, _, _ in TEAMS), round_seconds=600)
    with serve(session) as sv:
        sv.server.font.ready.wait(60)
        pages: dict[str, Page] = {}
        for team, name, (w, h) in TEAMS:
            ctx = browser.new_context(viewport={"width": w, "height": h}, locale="en-GB")  # type: ignore[attr-defined]
            page = ctx.new_page()
            page.set_default_timeout(TIMEOUT)
            errors: list[str] = []
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            page.goto(sv.join.url)  # what the QR code holds: the address with the PIN
            expect(page.locator("#team-form")).to_be_visible()
            if team == "Red":
                _shot(page, "join-en-360")
            page.locator(f"#teams button[data-team='{team}']").click()
            page.fill("#name", name)
            page.click("#join")
            expect(page.locator(".person").first).to_be_visible()
            expect(page.locator("#team-name")).to_have_text(team)
            pages[team] = page
            assert not errors, errors
        red, blue = pages["Red"], pages["Blue"]
        _shot(red, "people-idle-en-360")
        # the projector: the trainer's key opens it; the QR code, the PIN, who is connected
        pj = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()  # type: ignore[attr-defined]
        pj.goto(sv.join.projector)
        expect(pj.locator("#pj-teams li")).to_have_count(3)
        expect(pj.locator(".qr svg")).to_be_visible()
        expect(pj.locator("#pj-pin")).to_have_text(sv.host.room.pin)

        rounds = session.rounds
        for rnd in range(1, rounds + 1):
            sv.trainer(lambda s: s.open_round())
            for page in pages.values():
                expect(page.locator("#clock")).not_to_have_text("--:--")
            if rnd == 2:  # an announced live event: every page shows it as it happens
                sv.trainer(lambda s: s.inject(event={"kind": "rumour", "reliability": 0.6, "text": {"en": "The governor visits the schools next week", "zh": "省长下周视察学校"}}, secret=False))
                for page in pages.values():
                    expect(page.locator("#news-banner")).to_contain_text("governor")
                _shot(red, "news-en-360")
                red.locator("#news-banner button").click()
            if rnd == 4:  # the Chinese page, switched live
                for page in (red, blue):
                    page.locator("#lang").click()
                    expect(page.locator("[data-tab=people]")).to_have_text("决策链")
                    page.locator("[data-tab=people]").click()
                _shot(red, "people-zh-360")
                _shot(blue, "people-zh-1280")
                red.locator(".person").nth(2).click()
                expect(red.locator("#add-preview p").first).to_be_visible()
                _shot(red, "sheet-zh-360")
                red.locator("#sheet-close").click()
                for page in (red, blue):
                    page.locator("#lang").click()
                    expect(page.locator("[data-tab=people]")).to_have_text("Committee")
            if rnd == 5:
                blue.locator("[data-tab=people]").click()
                _shot(blue, "people-en-1280")
                red.locator("[data-tab=people]").click()
                _shot(red, "people-en-360")
                red.locator(".person").nth(1).click()
                expect(red.locator("#add-preview p").first).to_be_visible()
                _shot(red, "sheet-en-360")
                red.locator("#sheet-close").click()

            for team, page in pages.items():
                _plan_one_action(page, rnd)
                if rnd == 3 and team == "Red":  # a refresh mid-round: the same team, the same plan
                    page.reload()
                    expect(page.locator("#team-name")).to_have_text("Red")
                    page.locator("[data-tab=plan]").click()
                    expect(page.locator("#plan-items li")).to_have_count(1)
                page.locator("[data-tab=plan]").click()
                expect(page.locator("#plan-items li")).to_have_count(1)
                if rnd == 1 and team in ("Red", "Blue"):
                    _shot(page, f"plan-en-{360 if team == 'Red' else 1280}")
                page.locator("#submit").click()
                expect(page.locator("#submitted")).to_be_visible()
            if rnd == 1:
                _shot(blue, "submitted-en-1280")
                expect(pj.locator("#pj-teams .in")).to_have_count(3)
                _shot(pj, "projector-en-1280")
            sv.trainer(lambda s: s.close_round())
            for page in pages.values():
                page.locator("[data-tab=report]").click()
                expect(page.locator("#tab-report h2")).to_contain_text(re.compile(rf"\b{rnd}\b"))
            if rnd == 1:
                _shot(red, "report-en-360")
                _shot(blue, "report-en-1280")
        # the bids: a slip in the zeros is warned about first, then the bid goes in
        for team, page in pages.items():
            page.locator("[data-tab=bid]").click()
            page.fill("#bid-price", "1000")
            page.click("#bid-send")
            expect(page.locator("#bid-check")).to_contain_text(re.compile("zero|cost", re.I))
            if team == "Red":
                _shot(page, "bid-check-en-360")
            page.fill("#bid-price", "95%")
            page.click("#bid-send")
            confirm = page.locator("#bid-confirm")
            page.wait_for_timeout(300)
            if confirm.is_visible():
                confirm.click()
            expect(page.locator("#bid-now")).to_be_visible()
        sv.trainer(lambda s: s.finish())
        for page in pages.values():
            expect(page.locator("#award-you")).to_be_visible()
        _shot(red, "award-en-360")
        sv.trainer(lambda s: sv.host.show_board(True))  # the trainer's 'projector board'
        expect(pj.locator("#pj-table tr")).to_have_count(4)
        _shot(pj, "projector-board-en-1280")
        _shot(blue, "award-en-1280")
        blue.locator("#lang").click()
        expect(blue.locator("[data-tab=award]")).to_have_text("评标结果")
        _shot(blue, "award-zh-1280")
        blue.locator("[data-tab=debrief]").click()
        expect(blue.locator(".charts img").first).to_be_visible(timeout=120_000)
        _shot(blue, "debrief-zh-1280")
        _check_session(sv)


def _plan_one_action(page: object, rnd: int) -> None:
    """A member opens a person on the organisation chart, reads the preview, adds an action."""
    from playwright.sync_api import expect

    page.locator("[data-tab=people]").click()  # type: ignore[attr-defined]
    page.locator(".person:not(.closed)").nth(rnd % 3).click()  # type: ignore[attr-defined]
    expect(page.locator("#add-preview p").first).to_be_visible()  # type: ignore[attr-defined]
    page.locator("#add-send").click()  # type: ignore[attr-defined]
    expect(page.locator("#sheet")).to_be_hidden()  # type: ignore[attr-defined]


def _check_session(sv: Served) -> None:
    s = sv.session
    assert s.phase == "done"
    for team in ("Red", "Blue", "Green"):
        decided = s.decisions(team)
        assert len(decided) == s.rounds and all(len(v) == 1 for v in decided.values()), (team, decided)
        assert s.bids()[team] == pytest.approx(0.95 * s.game_of(team).ceiling)
