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


def _shot(page: object, name: str, *, top: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    if top:
        page.evaluate("window.scrollTo(0, 0)")  # type: ignore[attr-defined]
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
            _bid(page, "95%")
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


def _bid(page: object, price: str) -> None:
    """Enter a bid, confirming it past the engine's warnings when it has some."""
    from playwright.sync_api import expect

    page.fill("#bid-price", price)  # type: ignore[attr-defined]
    page.click("#bid-send")  # type: ignore[attr-defined]
    confirm = page.locator("#bid-confirm")  # type: ignore[attr-defined]
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    if confirm.is_visible():
        confirm.click()
    expect(page.locator("#bid-now")).to_be_visible()  # type: ignore[attr-defined]


def _check_session(sv: Served) -> None:
    s = sv.session
    assert s.phase == "done"
    for team in ("Red", "Blue", "Green"):
        decided = s.decisions(team)
        assert len(decided) == s.rounds and all(len(v) == 1 for v in decided.values()), (team, decided)
        assert s.bids()[team] == pytest.approx(0.95 * s.game_of(team).ceiling)


# -- team selling: four members of one team, each in its own browser ------------------------------------

CREW = (  # name, roles, viewport
    ("Ada", ["am"], (1280, 800)),
    ("Bo", ["presales"], (360, 740)),
    ("Cy", ["pm"], (360, 740)),
    ("Di", ["executive"], (820, 1180)),
)


def _add_action(page: object, person: str, action: str) -> None:
    """A member opens a person, picks an action its role owns, reads the preview, adds it."""
    from playwright.sync_api import expect

    page.locator("[data-tab=people]").click()  # type: ignore[attr-defined]
    page.locator(f".person[data-person={person}]").click()  # type: ignore[attr-defined]
    page.select_option("#add-action", action)  # type: ignore[attr-defined]
    expect(page.locator("#add-preview p").first).to_be_visible()  # type: ignore[attr-defined]
    expect(page.locator("#add-send")).to_be_enabled()  # type: ignore[attr-defined]
    page.locator("#add-send").click()  # type: ignore[attr-defined]
    expect(page.locator("#sheet")).to_be_hidden()  # type: ignore[attr-defined]


def test_four_roles_of_one_team_play_the_tutorial_in_chromium(browser: object, tmp_path: Path) -> None:
    """The account manager, pre-sales, the project manager and the executive of one team, each in its
    own browser context: each role plans its own actions (another role's are greyed out and refused),
    pre-sales proposes a solution workshop that the PM confirms, the others mark themselves ready and
    the AM hands the plan in, with the team's forecast every round; the AM bids, the tender is
    awarded, each member rates its teammates; then the session's report is written and opened."""
    from playwright.sync_api import Page, expect

    from tests.cli_helpers import run_cli
    from tests.session_helpers import TUTORIAL

    expect.set_options(timeout=TIMEOUT)
    path = tmp_path / "crew.session.jsonl"
    session = make(path, teams=("Red", "Blue"), scenario=TUTORIAL, round_seconds=900)
    with serve(session) as sv:
        sv.server.font.ready.wait(60)
        pages: dict[str, Page] = {}
        for name, roles, (w, h) in CREW:
            page = browser.new_context(viewport={"width": w, "height": h}, locale="en-GB").new_page()  # type: ignore[attr-defined]
            page.set_default_timeout(TIMEOUT)
            errors: list[str] = []
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            page.goto(sv.join.url)
            page.locator("#teams button[data-team='Red']").click()
            page.fill("#name", name)
            for r in roles:
                page.locator(f"#roles input[value={r}]").check()
            if name == "Cy":
                page.locator("#roles input[value=observer]").check()  # an observer takes no other role ...
                expect(page.locator("#roles input[value=pm]")).not_to_be_checked()
                page.locator("#roles input[value=pm]").check()  # ... and back
                expect(page.locator("#roles input[value=observer]")).not_to_be_checked()
                _shot(page, "team-join-roles-en-360")
            page.click("#join")
            expect(page.locator(".person").first).to_be_visible()
            expect(page.locator("#me-badges .rb")).to_have_count(len(roles))
            pages[name] = page
            assert not errors, errors
        ada, bo, cy, di = (pages[n] for n, _, _ in CREW)
        assert sv.host.room.online()["Red"] == ["Ada (account manager)", "Bo (pre-sales consultant)", "Cy (project manager)", "Di (executive)"]

        for rnd in range(1, session.rounds + 1):
            sv.trainer(lambda s: s.open_round())
            expect(ada.locator("#clock")).not_to_have_text("--:--")
            _add_action(ada, "it_head" if rnd % 2 else "buyer", "visit")
            _add_action(bo, "it_head", "technical_exchange")
            if rnd == 1:
                # another role's action is greyed out in the list (and the server refuses it: test_web_team)
                bo.locator(".person[data-person=buyer]").click()
                assert bo.locator("#add-action option[value=visit]").is_disabled()
                bo.select_option("#add-action", "solution_workshop")
                expect(bo.locator("#add-propose")).to_contain_text("Cy")
                expect(bo.locator("#add-send")).to_have_text("Propose to the team")
                bo.locator("#add-send").scroll_into_view_if_needed()
                _shot(bo, "team-sheet-propose-en-360")
                bo.locator("#add-send").click()
                expect(bo.locator("#sheet")).to_be_hidden()
                for page in (ada, cy):
                    page.locator("[data-tab=plan]").click()
                    expect(page.locator("#plan-pending li")).to_have_count(1)
                expect(ada.locator("#plan-pending [data-act=confirm]")).to_have_count(0)  # not the AM's to confirm
                _shot(cy, "team-plan-pending-en-360", top=True)
                _shot(ada, "team-plan-pending-en-1280", top=True)
                cy.locator("#plan-pending [data-act=confirm]").click()
                expect(cy.locator("#plan-pending li")).to_have_count(0)
                expect(ada.locator("#plan-items li")).to_have_count(3)
                expect(ada.locator("#plan-items")).to_contain_text("confirmed by Cy")
            if rnd == 2:
                _add_action(di, "president", "executive_meeting")
                ada.locator("[data-tab=people]").click()  # a laptop: the committee beside the shared plan
                expect(ada.locator("#tab-plan.side #plan-items li")).to_have_count(3)
                _shot(ada, "team-people-side-en-1280", top=True)
            # the AM cannot hand in until the others are ready
            ada.locator("[data-tab=plan]").click()
            expect(ada.locator("#submit")).to_be_disabled()
            expect(ada.locator("#handin-why")).to_contain_text("Bo")
            if rnd == 1:
                _shot(ada, "team-plan-waiting-en-1280", top=True)
            for page in (bo, cy, di):
                page.locator("[data-tab=plan]").click()
                page.locator("#ready").click()
                expect(page.locator("#ready")).to_have_text("Not ready after all")
            if rnd == 1:
                expect(bo.locator("#submit")).to_be_disabled()
                expect(bo.locator("#handin-why")).to_contain_text("account manager")
                _shot(bo, "team-plan-ready-en-360", top=True)
            # the team's forecast, every round
            ada.fill("#fc-win", str(20 + 10 * rnd))
            ada.fill("#fc-price", "95%")
            ada.locator("#fc-send").click()
            expect(ada.locator("#forecast-now-text")).to_contain_text(f"{20 + 10 * rnd}%")
            expect(ada.locator("#submit")).to_be_enabled()
            ada.locator("#submit").click()
            expect(ada.locator("#submitted")).to_be_visible()
            expect(di.locator("#submitted")).to_contain_text("Ada")
            if rnd == 1:
                _shot(ada, "team-plan-submitted-en-1280", top=True)
                di.locator("#lang").click()
                expect(di.locator("[data-tab=plan]")).to_contain_text("本轮计划")
                _shot(di, "team-plan-submitted-zh-820", top=True)
                di.locator("[data-tab=team]").click()
                _shot(di, "team-members-zh-820", top=True)
                di.locator("#lang").click()
                expect(di.locator("[data-tab=plan]")).to_contain_text("Our plan")
            sv.trainer(lambda s: s.close_round(force=True))  # Blue, at nobody's device, passes
            expect(ada.locator("[data-tab=report]")).to_be_visible()
        # the bid: the AM's; the forecast goes with it
        bo.locator("[data-tab=bid]").click()
        expect(bo.locator("#bid-send")).to_be_disabled()
        expect(bo.locator("#bid-why")).to_contain_text("Ada")
        ada.locator("[data-tab=bid]").click()
        ada.fill("#fc-win", "45")
        ada.fill("#fc-price", "95%")
        ada.locator("#fc-send").click()
        expect(ada.locator("#forecast-now-text")).to_contain_text("45%")
        _bid(ada, "95%")
        _shot(ada, "team-bid-en-1280", top=True)
        sv.trainer(lambda s: s.finish(force=True))
        # each member rates its teammates (the trainer's eyes only)
        for k, (name, _, _) in enumerate(CREW):
            page = pages[name]
            page.locator("[data-tab=award]").click()
            expect(page.locator("#review-form")).to_be_visible()
            for row in page.locator(".rate-row").all():
                row.locator(f"[data-score='{3 + k % 3}']").click()
            if name == "Bo":
                _shot(page, "team-review-en-360")
            page.fill("#review-note", f"note from {name}")
            page.locator("#review-send").click()
            expect(page.locator("#review-sent")).to_be_visible()
        _check_team_session(sv)
    # the session's report, and its team page, in Chromium
    out = tmp_path / "report.html"
    code, _, err = run_cli("report", str(path), "-o", str(out), "--samples", "100")
    assert code == 0, err
    rep = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()  # type: ignore[attr-defined]
    rep.goto(out.as_uri())
    page_of_red = rep.locator("section.page.team").first
    expect(page_of_red.locator("h2")).to_contain_text("Red")
    expect(page_of_red).to_contain_text("note from Ada")  # the peer reviews reach the trainer's report
    page_of_red.scroll_into_view_if_needed()
    _shot(rep, "team-report-en-1280")
    page_of_red.screenshot(path=str(SHOTS / "team-report-red-en-1280.png"))


def _check_team_session(sv: Served) -> None:
    s = sv.session
    assert s.phase == "done"
    roles = {e.by: e.roles for e in s.roles("Red").values()}
    assert roles == {"Ada": ("am",), "Bo": ("presales",), "Cy": ("pm",), "Di": ("executive",)}
    made = s.forecasts("Red")
    assert [(r, round(f.win, 2), f.by) for r, f in made.items()] == [
        *((r, round(0.2 + 0.1 * r, 2), "Ada") for r in range(1, s.rounds + 1)), (None, 0.45, "Ada")
    ]
    first = s.entries_of("Red")[1]
    assert first is not None
    who = [(i.by, i.roles, i.confirmed_by) for i in first.items]
    assert ("Bo", ("presales", "pm"), "Cy") in who and ("Ada", ("am",), None) in who
    assert all(len(e.actions) >= 2 for e in s.entries_of("Red").values() if e is not None)
    assert s.bids()["Red"] == pytest.approx(0.95 * s.game_of("Red").ceiling)
    reviews = s.peer_reviews("Red")
    assert len(reviews) == 4 and all(len(r.ratings) == 3 for r in reviews.values())
