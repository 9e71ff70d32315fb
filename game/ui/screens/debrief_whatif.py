"""The debrief's what-if panel: change one decision, replay with the same dice; the best single change.

Left: the change being prepared (remove an allocation, move days from one
person to another, add an executive meeting, a different bid, or none). Right:
the replay's outcome and win probability from ``what_if``, and the search of
``best_single_change`` with its progress. Both run in background jobs; the
panel only builds the change from the player's choices and shows the results.
"""

from __future__ import annotations

import math
from functools import partial
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.analysis.debrief.whatif import (
    AddAllocation,
    Change,
    ChangeBid,
    ChangeSearch,
    MoveDays,
    NoChange,
    RemoveAllocation,
    WhatIf,
    best_single_change,
    what_if,
)
from game.engine.game import Allocation
from game.engine.records import VendorResult
from game.present import fmt, words
from game.present.debrief.text import Names, change_text, pct, search_lines, whatif_lines
from game.present.reading import read_price as parse_price
from game.ui.jobs import Job
from game.ui.screens.base import Shortcut
from game.ui.theme import ACCENT, BAD, BODY, DIM, GOLD, GOOD, LARGE, SMALL, TEXT, WARN
from game.ui.widgets.page import Page

if TYPE_CHECKING:
    from game.analysis.debrief.bundle import TeamDebrief
    from game.ui.screens.debrief import DebriefScreen

KINDS = ("none", "remove", "move", "add_exec", "bid")
EXEC = "executive_meeting"
SHARES = (1.0, 0.97, 0.95, 0.92, 0.9, 0.85)
LW = 540  # the controls' width (logical)
ALLOC_ROWS = 6
MAX_EXTRA = 3  # executive meetings that may be added at once


class WhatIfPanel:
    def __init__(self, screen: DebriefScreen) -> None:
        self.s = screen
        self.kind = "remove"
        self.turn = 1
        self.alloc: int | None = None
        self.amount = 1
        self.target: str | None = None
        self.bid_text = ""
        self.bid_entry: pygame_gui.elements.UITextEntryLine | None = None
        self.run_job: Job[WhatIf] | None = None
        self.run_vendor = ""
        self.search_job: Job[ChangeSearch] | None = None
        self.search_vendor = ""
        self.errors: dict[str, str] = {}
        self.reset()

    # -- reading the game (the log is what what_if changes) -------------------------------------
    @property
    def game(self):  # a Game
        return self.s.game

    def turns(self) -> list[int]:
        return [int(e["turn"]) for e in self.game.log if "turn" in e]

    def allocations(self, turn: int) -> list[Allocation]:
        """The team's allocations of ``turn`` as logged, one per (action, person)."""
        vid = self.s.vid
        for e in self.game.log:
            if "turn" in e and int(e["turn"]) == turn:
                out: dict[tuple[str, str], int] = {}
                for a in e["actions"].get(vid, []):
                    key = (a["action"], a["stakeholder"])
                    out[key] = out.get(key, 0) + int(a.get("amount", 1))
                return [Allocation(k[0], k[1], n) for k, n in out.items() if n > 0]
        return []

    def people(self) -> list[tuple[str, str]]:
        lang = self.s.ctx.lang
        return [(p.id, p.name.get(lang)) for p in self.game.view(self.s.vid)]

    def person(self, sid: str) -> str:
        return dict(self.people()).get(sid, sid)

    def reset(self) -> None:
        """A new team: its first turn with allocations, nothing chosen."""
        turns = self.turns()
        with_allocs = [t for t in turns if self.allocations(t)] if turns else []
        self.turn = with_allocs[0] if with_allocs else (turns[0] if turns else 1)
        self.alloc = 0 if with_allocs else None  # a change ready to run
        self.amount = 1
        self.target = None
        bid = self.game.bids.get(self.s.vid)
        self.bid_text = f"{bid:,.0f}" if bid else ""

    def selected(self) -> Allocation | None:
        allocs = self.allocations(self.turn)
        return allocs[self.alloc] if self.alloc is not None and self.alloc < len(allocs) else None

    def max_amount(self) -> int:
        if self.kind in ("remove", "move"):
            a = self.selected()
            return a.amount if a is not None else 1
        return MAX_EXTRA if self.kind == "add_exec" else 1

    def change(self) -> Change | str:
        """The change the choices describe, or why there is none yet."""
        tr = self.s.tr
        if self.kind == "none":
            return NoChange()
        if self.kind == "bid":
            raw = self.bid_text.strip()
            if not raw:
                return tr("dbw.wi.need_bid")
            try:
                price = parse_price(raw, self.game.ceiling)
            except ValueError:
                return tr("bid.bad", word=raw)
            if price is not None and not (math.isfinite(price) and price > 0):  # 'nan' passed '<= 0'
                return tr("bid.positive")
            return ChangeBid(price)
        if self.kind == "add_exec":
            if self.target is None:
                return tr("dbw.wi.need_person")
            return AddAllocation(self.turn, Allocation(EXEC, self.target, self.amount))
        a = self.selected()
        if a is None:
            return tr("dbw.wi.need_alloc") if self.allocations(self.turn) else tr("dbw.wi.no_allocs", turn=self.turn)
        n = min(self.amount, a.amount)
        if self.kind == "remove":
            return RemoveAllocation(self.turn, Allocation(a.action, a.stakeholder, n))
        if self.target is None:
            return tr("dbw.wi.need_target")
        if self.target == a.stakeholder:
            return tr("dbw.wi.same_person")
        return MoveDays(self.turn, a.action, a.stakeholder, self.target, n)

    # -- geometry (logical) -------------------------------------------------------------------------
    def left(self) -> tuple[float, float]:
        from game.ui.screens.debrief import CX, CY

        return CX + 14, CY + 12

    def result_area(self) -> tuple[float, float, float, float]:
        """(x, y, w, h) of the results page."""
        from game.ui.screens.debrief import BOTTOM, CX, CY

        x = CX + 14 + LW + 26
        return x, CY + 62, CX + self.s.content_w() - 14 - x, BOTTOM - CY - 74

    def targets_y(self, y: float) -> float:
        """Where the people to move days to (or to meet) start, below the allocations in use."""
        if self.kind != "move":
            return y
        rows = max(1, min(ALLOC_ROWS, math.ceil(len(self.allocations(self.turn)) / 2)))
        return y + rows * 34 + 34

    # -- widgets ------------------------------------------------------------------------------------------
    def build(self) -> None:
        s = self.s
        x0, y0 = self.left()
        if s.export_open:  # the report bar covers the controls' lower half
            return
        w3 = (LW - 16) / 3
        for i, kind in enumerate(KINDS):
            col, row = i % 3, i // 3
            b = s.button((x0 + col * (w3 + 8), y0 + 34 + row * 44, w3, 38), s.tr(f"dbw.wi.kind.{kind}"), s.tr(f"dbw.wi.kind.{kind}.tip"), partial(self.set_kind, kind), oid="#small")
            if kind == self.kind:
                b.select()
        y = y0 + 126
        turns = self.turns()
        uses_turn = self.kind in ("remove", "move", "add_exec")
        s.button((x0 + 70, y, 40, 38), "◀", s.tr("dbw.wi.turn_prev.tip"), partial(self.step_turn, -1), oid="#small", enabled=uses_turn and bool(turns) and self.turn > turns[0])
        s.button((x0 + 200, y, 40, 38), "▶", s.tr("dbw.wi.turn_next.tip"), partial(self.step_turn, 1), oid="#small", enabled=uses_turn and bool(turns) and self.turn < turns[-1])
        uses_amount = self.kind in ("remove", "move", "add_exec")
        s.button((x0 + 370, y, 40, 38), "−", s.tr("dbw.wi.less.tip"), partial(self.step_amount, -1), oid="#small", enabled=uses_amount and self.amount > 1)
        s.button((x0 + 480, y, 40, 38), "+", s.tr("dbw.wi.more.tip"), partial(self.step_amount, 1), oid="#small", enabled=uses_amount and self.amount < self.max_amount())
        y += 72
        if self.kind in ("remove", "move"):
            w2 = (LW - 8) / 2
            lang, sc = s.ctx.lang, self.game.scenario
            for i, a in enumerate(self.allocations(self.turn)[: 2 * ALLOC_ROWS]):
                col, row = i % 2, i // 2
                text = f"{words.action_name(a.action, lang)} → {self.person(a.stakeholder)} ×{a.amount}"
                tip = s.tr("dbw.wi.alloc.tip", item=text, cost=words.cost_text(self.game.cost_of(a.action, a.amount), sc, lang))
                b = s.button((x0 + col * (w2 + 8), y + row * 34, w2, 30), text, tip, partial(self.set_alloc, i), oid="#small")
                if i == self.alloc:
                    b.select()
        if self.kind in ("move", "add_exec"):
            ty = self.targets_y(y)
            people = self.people()
            cols = 3 if len(people) <= 12 else 4
            rows = max(1, math.ceil(len(people) / cols))
            step = min(34.0, 136 / rows) if self.kind == "move" else min(40.0, 300 / rows)
            wc = (LW - 8 * (cols - 1)) / cols
            for i, (sid, name) in enumerate(people):
                col, row = i % cols, i // cols
                tip = s.tr("dbw.wi.target.tip" if self.kind == "move" else "dbw.wi.exec.tip", person=name)
                b = s.button((x0 + col * (wc + 8), ty + row * step, wc, step - 4), name, tip, partial(self.set_target, sid), oid="#small")
                if sid == self.target:
                    b.select()
        if self.kind == "bid":
            self.bid_entry = s.text_entry((x0, y, 300, 46), self.bid_text, s.tr("dbw.wi.bid.tip"))
            for i, share in enumerate(SHARES):
                s.button((x0 + (i % 3) * 80 + 316, y + (i // 3) * 42, 74, 36), fmt.pct(share), s.tr("bid.share.tip", share=fmt.pct(share)), partial(self.set_share, share), oid="#small")
        else:
            self.bid_entry = None
        from game.ui.screens.debrief import BOTTOM

        s.button((x0, BOTTOM - 58, LW, 46), s.tr("dbw.wi.run"), s.tr("dbw.wi.run.tip"), self.run, oid="#primary")
        rx, _, _, _ = self.result_area()
        searching = self.search_job is not None and self.search_job.running
        s.button(
            (rx, y0, 280, 40),
            s.tr("dbw.best.stop") if searching else s.tr("dbw.best.run"),
            s.tr("dbw.best.stop.tip") if searching else s.tr("dbw.best.run.tip"),
            self.toggle_search,
            oid="#small" if searching else "#primary",
        )

    # -- choices ------------------------------------------------------------------------------------------
    def changed(self) -> None:
        self.s.rebuild()

    def set_kind(self, kind: str) -> None:
        self.kind = kind
        self.amount = 1
        if kind == "add_exec":
            self.target = None
        self.changed()

    def step_turn(self, d: int) -> None:
        turns = self.turns()
        if not turns:
            return
        i = turns.index(self.turn) if self.turn in turns else 0
        self.turn = turns[max(0, min(len(turns) - 1, i + d))]
        self.alloc = 0 if self.allocations(self.turn) else None
        self.amount = 1
        self.changed()

    def step_amount(self, d: int) -> None:
        self.amount = max(1, min(self.max_amount(), self.amount + d))
        self.changed()

    def set_alloc(self, i: int) -> None:
        self.alloc = i
        self.amount = min(self.amount, self.max_amount())
        self.changed()

    def set_target(self, sid: str) -> None:
        self.target = sid
        self.changed()

    def set_share(self, share: float) -> None:
        self.bid_text = f"{self.game.ceiling * share:,.0f}"
        if self.bid_entry is not None:
            self.bid_entry.set_text(self.bid_text)
        self.s.dirty = True

    # -- running --------------------------------------------------------------------------------------------
    def run(self) -> None:
        ch = self.change()
        vid = self.s.vid
        if isinstance(ch, str):
            self.errors[vid] = ch
            self.s.page = None
            return
        if self.run_job is not None:
            self.run_job.cancel()
        self.errors.pop(vid, None)
        self.s.found.whatifs.pop(vid, None)
        tg = self.s.team_game(vid)
        self.run_vendor = vid
        self.run_job = Job(lambda _progress: what_if(tg, ch), "what-if")
        self.s.page = None

    def toggle_search(self) -> None:
        if self.search_job is not None and self.search_job.running:
            self.search_job.cancel()
            self.search_job = None
            self.s.rebuild()
            return
        vid = self.s.vid
        tg = self.s.team_game(vid)
        self.search_vendor = vid
        self.s.found.searches.pop(vid, None)
        self.search_job = Job(lambda progress: best_single_change(tg, progress=progress), "best-change")
        self.s.rebuild()

    def jobs(self) -> list[Job[WhatIf] | Job[ChangeSearch] | None]:
        return [self.run_job, self.search_job]

    def poll(self) -> bool:
        """Take finished jobs' results; True when the results page must be laid out again."""
        from game.analysis.debrief.whatif import WhatIfError

        changed = False
        job = self.run_job
        if job is not None and job.state != "running":
            self.run_job = None
            changed = True
            if job.state == "done":
                self.s.found.whatifs[self.run_vendor] = job.result()
            elif job.state == "failed":
                err = job.error
                key = "dbw.wi.cannot" if isinstance(err, WhatIfError | ValueError) else "dbw.wi.failed"
                self.errors[self.run_vendor] = self.s.tr(key, msg=str(err))
        sj = self.search_job
        if sj is not None and sj.state != "running":
            self.search_job = None
            changed = True
            if sj.state == "done":
                self.s.found.searches[self.search_vendor] = sj.result()
            elif sj.state == "failed":
                self.errors[self.search_vendor] = self.s.tr("dbw.wi.failed", msg=str(sj.error))
            self.s.rebuild()
        return changed

    # -- events -----------------------------------------------------------------------------------------------
    def entry_changed(self, event: pygame.event.Event) -> bool:
        if self.bid_entry is not None and event.ui_element is self.bid_entry:
            self.bid_text = self.bid_entry.get_text()
            self.s.dirty = True
            return True
        return False

    def entry_finished(self, event: pygame.event.Event) -> bool:
        if self.bid_entry is not None and event.ui_element is self.bid_entry:
            self.bid_text = self.bid_entry.get_text()
            self.s.app.defer(self.run)
            return True
        return False

    def key(self, event: pygame.event.Event) -> bool:
        k = event.key
        if k in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.run()
        elif k == pygame.K_b:
            self.toggle_search()
        else:
            return False
        return True

    def shortcuts(self) -> list[Shortcut]:
        return [("Enter", self.s.tr("keys.dbw.run")), ("B", self.s.tr("keys.dbw.best"))]

    # -- drawing ------------------------------------------------------------------------------------------------
    def paint(self, surface: pygame.Surface) -> None:
        s = self.s
        ctx, f, m = s.ctx, s.ctx.fonts, s.ctx.metrics
        x0, y0 = self.left()
        f.draw(surface, s.tr("dbw.wi.title"), (m.px(x0), m.px(y0)), ctx.fs(BODY), TEXT, bold=True, max_width=m.px(LW))
        if s.export_open:
            f.draw_block(surface, s.tr("dbw.wi.export_open"), m.rect(x0, y0 + 40, LW, 80), ctx.fs(SMALL), DIM)
            return
        y = y0 + 126
        fs = ctx.fs(SMALL)
        uses_turn = self.kind in ("remove", "move", "add_exec")
        f.draw(surface, s.tr("dbw.wi.turn"), (m.px(x0), m.px(y + 8)), fs, TEXT if uses_turn else DIM, max_width=m.px(66))
        f.draw(surface, f"{self.turn} / {len(self.turns())}" if uses_turn else "-", (m.px(x0 + 155), m.px(y + 6)), ctx.fs(BODY), TEXT if uses_turn else DIM, bold=True, align="center")
        f.draw(surface, s.tr("dbw.wi.units"), (m.px(x0 + 262), m.px(y + 8)), fs, TEXT if uses_turn else DIM, max_width=m.px(104))
        f.draw(surface, str(self.amount) if uses_turn else "-", (m.px(x0 + 445), m.px(y + 6)), ctx.fs(BODY), TEXT if uses_turn else DIM, bold=True, align="center")
        y += 46
        if self.kind in ("remove", "move"):
            allocs = self.allocations(self.turn)
            key = "dbw.wi.allocs" if allocs else "dbw.wi.no_allocs"
            f.draw(surface, s.tr(key, turn=self.turn), (m.px(x0), m.px(y)), ctx.fs(SMALL - 1), DIM, max_width=m.px(LW))
            if len(allocs) > 2 * ALLOC_ROWS:
                f.draw(surface, s.tr("dbw.more", n=len(allocs) - 2 * ALLOC_ROWS), (m.px(x0 + LW), m.px(y)), ctx.fs(SMALL - 1), WARN, align="right")
        elif self.kind == "add_exec":
            f.draw(surface, s.tr("dbw.wi.exec_who"), (m.px(x0), m.px(y)), ctx.fs(SMALL - 1), DIM, max_width=m.px(LW))
        elif self.kind == "bid":
            f.draw(surface, s.tr("dbw.wi.bid_label"), (m.px(x0), m.px(y)), ctx.fs(SMALL - 1), DIM, max_width=m.px(LW))
            self.paint_bid_facts(surface, y + 120)
        elif self.kind == "none":
            f.draw_block(surface, s.tr("dbw.wi.none_note"), m.rect(x0, y, LW, 120), ctx.fs(SMALL), DIM)
        if self.kind == "move":
            f.draw(surface, s.tr("dbw.wi.move_to"), (m.px(x0), m.px(self.targets_y(y + 26) - 24)), ctx.fs(SMALL - 1), DIM, max_width=m.px(LW))
        # What the change is, or what is missing.
        from game.ui.screens.debrief import BOTTOM

        ch = self.change()
        box = m.rect(x0, BOTTOM - 112, LW, 50)
        if isinstance(ch, str):
            f.draw_block(surface, ch, box, ctx.fs(SMALL), WARN, max_lines=2)
        else:
            n = Names.of(self.game, ctx.lang)
            text = s.tr("dbw.wi.change", change=change_text(ch, n, self.game, s.vid))
            f.draw_block(surface, text, box, ctx.fs(SMALL), ACCENT, max_lines=2)

    def paint_bid_facts(self, surface: pygame.Surface, y: float) -> None:
        s = self.s
        ctx, f, m = s.ctx, s.ctx.fonts, s.ctx.metrics
        x0, _ = self.left()
        g, sc, lang = self.game, self.game.scenario, ctx.lang
        bid = g.bids.get(s.vid)
        cost = float(g.c.cost[g.vendor_index(s.vid)])
        text = s.tr(
            "dbw.wi.bid_facts",
            bid=fmt.money(bid, sc, lang) if bid else s.tr("debrief.no_bid"),
            cost=fmt.money(cost, sc, lang),
            ceiling=fmt.money(g.ceiling, sc, lang),
        )
        f.draw_block(surface, text, m.rect(x0, y, LW, 90), ctx.fs(SMALL), DIM)

    def draw_live(self, surface: pygame.Surface) -> None:
        from game.ui.screens.debrief import progress_bar

        s = self.s
        ctx, f, m = s.ctx, s.ctx.fonts, s.ctx.metrics
        rx, _, rw, _ = self.result_area()
        _, top = self.left()
        job = self.search_job
        if job is not None and job.running and not s.export_open:
            bar = m.rect(rx + 296, top + 6, rw - 296, 12)
            progress_bar(surface, bar, job.fraction, s.t)
            frac = job.fraction
            text = s.tr("dbw.best.running") + (f"  {fmt.pct(frac)}" if frac is not None else "")
            f.draw(surface, text, (bar.x, bar.bottom + m.px(4)), ctx.fs(SMALL - 2), DIM, max_width=bar.w)

    # -- the results page ------------------------------------------------------------------------------------------
    def layout(self, page: Page, d: TeamDebrief) -> None:
        s = self.s
        ctx = s.ctx
        vid = s.vid
        n = Names.of(self.game, ctx.lang)
        running = self.run_job is not None and self.run_job.running and self.run_vendor == vid
        w = s.found.whatifs.get(vid)
        err = self.errors.get(vid)
        if running:
            page.text(s.tr("dbw.wi.running"), ctx.fs(BODY), DIM, after=10)
        elif err:
            page.text(err, ctx.fs(SMALL), BAD, after=10)
        elif w is not None:
            self.whatif_result(page, w, n)
        else:
            page.text(s.tr("dbw.wi.hint"), ctx.fs(SMALL), DIM, after=10)
        search = s.found.searches.get(vid)
        if search is not None:
            page.space(8)
            self.search_result(page, search, n)
        elif self.search_job is not None and self.search_job.running and self.search_vendor != vid:
            page.space(8)
            page.text(s.tr("dbw.best.other_team", team=s.team_name(self.search_vendor)), ctx.fs(SMALL - 1), DIM)

    def outcome_word(self, r: VendorResult | None, winner: str | None) -> str:
        tr = self.s.tr
        if r is None:
            return "-"
        if r.won:
            key = "won"
        elif r.bid is None:
            key = "no_bid"
        elif r.over_ceiling:
            key = "over_ceiling"
        elif r.disqualified:
            key = "disqualified"
        elif r.vetoed_by is not None:
            key = "vetoed"
        elif winner is None:
            key = "failed"
        else:
            key = "lost"
        return tr(f"debrief.report.outcome.{key}")

    def whatif_result(self, page: Page, w: WhatIf, n: Names) -> None:
        s = self.s
        ctx, m = s.ctx, s.ctx.metrics
        page.text(s.tr("dbw.wi.result_head"), ctx.fs(LARGE), TEXT, bold=True, after=4)
        for line in whatif_lines(w, n, self.game, s.vid):
            page.text(line, ctx.fs(SMALL - 1), DIM, after=6)
        b, a = w.before, w.after
        won_after = a is not None and a.won

        def money(x: float | None) -> str:
            return n.money(x) if x is not None else "-"

        rows = [
            (s.tr("dbw.wi.row.outcome"), self.outcome_word(b, w.winner_before), self.outcome_word(a, w.winner_after), GOLD if won_after else TEXT),
            (s.tr("dbw.wi.row.winner"), n.vendor(w.winner_before) if w.winner_before else s.tr("debrief.failed"), n.vendor(w.winner_after) if w.winner_after else s.tr("debrief.failed"), TEXT),
            (s.tr("dbw.wi.row.total"), f"{b.total:.1f}" if b else "-", f"{a.total:.1f}" if a else "-", TEXT),
            (s.tr("dbw.wi.row.p_win"), pct(b.win_probability) if b else "-", pct(a.win_probability) if a else "-", ACCENT),
            (s.tr("dbw.wi.row.expected"), money(b.expected_result if b else None), money(a.expected_result if a else None), TEXT),
            (s.tr("dbw.wi.row.result"), money(b.result if b else None), money(a.result if a else None), TEXT),
        ]
        width = page.w / m.scale
        c1, c2 = width * 0.42, width * 0.71
        fs = ctx.fs(SMALL)
        page.line(s.tr("dbw.wi.as_played"), ctx.fs(SMALL - 1), DIM, x=c1, width=c2 - c1 - 10, right=True)
        page.line(s.tr("dbw.wi.with_change"), ctx.fs(SMALL - 1), DIM, x=c2, width=width - c2, right=True)
        page.down(24)
        for label, before, after, colour in rows:
            page.line(label, fs, DIM, width=c1 - 10)
            page.line(before, fs, TEXT, x=c1, width=c2 - c1 - 10, right=True)
            page.line(after, fs, colour, x=c2, width=width - c2, right=True, bold=before != after)
            page.down(25)
        page.space(6)
        if w.first_divergence is None:
            page.text(s.tr("dbw.wi.same"), ctx.fs(SMALL - 1), GOOD, after=6)
        else:
            page.text(s.tr("dbw.wi.diverge", turn=w.first_divergence), ctx.fs(SMALL - 1), DIM, after=6)
        if w.diffs:
            last = max(x.turn for x in w.diffs)
            moved = sorted((x for x in w.diffs if x.turn == last), key=lambda x: -abs(x.after - x.before))[:6]
            items = [s.tr("dbw.wi.diff", person=n.person(x.stakeholder), before=fmt.pct(x.before, 1), after=fmt.pct(x.after, 1)) for x in moved]
            page.text(s.tr("dbw.wi.diffs", turn=last, items=s.tr("list.sep").join(items)), ctx.fs(SMALL - 1), DIM, after=6)

    def search_result(self, page: Page, search: ChangeSearch, n: Names) -> None:
        s = self.s
        ctx = s.ctx
        page.text(s.tr("dbw.best.head"), ctx.fs(LARGE), TEXT, bold=True, after=4)
        lines = search_lines(search, n, self.game, s.vid)
        page.text(lines[0], ctx.fs(SMALL - 1), DIM, after=4)
        for line in lines[1:]:
            page.text(line, ctx.fs(SMALL), GOOD if search.best is not None else TEXT, bold=search.best is not None, after=6)
        top = [c for c in search.ranked[:5]]
        if top:
            page.text(s.tr("dbw.best.top"), ctx.fs(SMALL - 1), DIM, after=2)
            for c in top:
                text = s.tr(
                    "dbw.best.item",
                    change=change_text(c.change, n, self.game, s.vid),
                    gain=n.signed_money(c.gain),
                    p=pct(c.p_win),
                )
                page.text(text, ctx.fs(SMALL - 1), GOOD if c.gain > 0 else DIM, indent=6, after=2, bullet="•")
