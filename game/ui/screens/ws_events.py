"""Live events: the scenario's deck and the event form, announced or secret, confirmed before injecting.

The form is built from :data:`game.session.live.FORMS` (one field per entry);
what it produces goes to ``Session.inject``, which checks it against the
scenario before anything is logged (a refusal is shown with its reason).
An injected event fires at the start of the open round's turn, or of the next
round when none is open, in every team's game.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui

from game.present import fmt
from game.present.events import announcement
from game.present.reading import NumberError, read_int, read_number
from game.session import live
from game.strings import t
from game.ui.screens.base import Shortcut, escape
from game.ui.screens.ws_common import HEADER_H, Workshop, WsScreen, is_refusal
from game.ui.theme import ACCENT, BODY, DIM, FAINT, PANEL_2, SMALL, TEXT, WARN
from game.ui.widgets import dialogs
from game.ui.widgets.draw import panel

if TYPE_CHECKING:
    from game.ui.app import App

LX, LW = 24, 680
RX = 728
DECK = (LX, HEADER_H + 12, LW, 372)
DONE = (LX, HEADER_H + 396, LW, 330)
CARD_H = 140
CARDS_PER_PAGE = 2
FIELD_Y = 262
ROW = 54


class WsEventsScreen(WsScreen):
    """The deck on the left, the form on the right, what was injected below the deck."""

    def __init__(self, app: App, ws: Workshop) -> None:
        super().__init__(app, ws)
        self.kind = live.FORM_KINDS[0]
        self.values: dict[tuple[str, str], str] = {}
        self.choices: dict[tuple[str, str], str] = {}  # dropdown fields: the chosen id
        self.targets: list[str] = []
        self.text = ""
        self.secret = False
        self.page = 0
        self.entries: dict[str, pygame_gui.elements.UITextEntryLine] = {}
        self.menus: dict[str, tuple[pygame_gui.elements.UIDropDownMenu, dict[str, str]]] = {}
        self.target_list: tuple[pygame_gui.elements.UISelectionList, dict[str, str]] | None = None
        self.text_entry_line: pygame_gui.elements.UITextEntryLine | None = None
        self.inject_button: pygame_gui.elements.UIButton | None = None

    @property
    def can_inject(self) -> bool:
        return self.session.phase in ("idle", "open")

    # -- widgets ---------------------------------------------------------------------------
    def build(self) -> None:
        self._right = self.header_buttons()
        self.entries, self.menus, self.target_list = {}, {}, None
        lw = self.ctx.metrics.lw
        rw = lw - 24 - RX
        # The deck: two buttons per card.
        cards = self.session.deck()
        used = self.used_cards()
        first = self.page * CARDS_PER_PAGE
        for slot, (n, c) in enumerate(list(enumerate(cards, 1))[first : first + CARDS_PER_PAGE]):
            y = DECK[1] + 40 + slot * (CARD_H + 8)
            x = LX + LW - 14 - 2 * 132 - 8
            on = self.can_inject and c.index not in used
            self.button((x, y + CARD_H - 46, 132, 38), self.tr("wsw.events.announce"), self.tr("wsw.events.announce.tip"), partial(self.play_card, n, False), oid="#small", enabled=on)
            self.button((x + 140, y + CARD_H - 46, 132, 38), self.tr("wsw.events.secret"), self.tr("wsw.events.secret.tip"), partial(self.play_card, n, True), oid="#small", enabled=on)
        pages = (len(cards) + CARDS_PER_PAGE - 1) // CARDS_PER_PAGE
        if pages > 1:
            self.button((LX + LW - 110, DECK[1] + 6, 46, 30), "▲", self.tr("wsw.events.prev.tip"), partial(self.turn_page, -1), oid="#small", enabled=self.page > 0)
            self.button((LX + LW - 58, DECK[1] + 6, 46, 30), "▼", self.tr("wsw.events.next.tip"), partial(self.turn_page, 1), oid="#small", enabled=self.page < pages - 1)
        # The form: the kind, its fields, the announcement, announced or secret, inject.
        bw = (rw - 28 - 2 * 8) / 3
        for i, kind in enumerate(live.FORM_KINDS):
            row, col = divmod(i, 3)
            b = self.button((RX + 14 + col * (bw + 8), HEADER_H + 52 + row * 46, bw, 40), self.tr(f"wsw.kind.{kind}"), self.tr(f"wsw.kind.{kind}.tip"), partial(self.choose_kind, kind), oid="#small")
            if kind == self.kind:
                b.select()
        y = FIELD_Y
        cx, cw = RX + 250, rw - 250 - 14
        for f in live.FORMS[self.kind]:
            key = (self.kind, f.key)
            if f.kind in ("stakeholder", "vendor"):
                options = self.options(f.kind)
                current = self.choices.get(key) or next(iter(options.values()))
                self.choices[key] = current
                shown = next(k for k, v in options.items() if v == current)
                menu = self.keep(pygame_gui.elements.UIDropDownMenu(list(options), shown, self.rect(cx, y, cw, 40), self.ctx.manager, expansion_height_limit=self.ctx.px(300)))
                menu.set_tooltip(self.tip(self.tr(f"wsw.field.{self.kind}.{f.key}.tip")))
                self.menus[f.key] = (menu, options)
                y += ROW
            elif f.kind == "stakeholders":
                options = self.options("stakeholder")
                chosen: list[str | tuple[str, str]] = [k for k, v in options.items() if v in self.targets]
                lst = self.keep(
                    pygame_gui.elements.UISelectionList(
                        self.rect(cx, y, cw, 150), list(options), self.ctx.manager, allow_multi_select=True, default_selection=chosen or None
                    )
                )
                lst.set_tooltip(self.tip(self.tr(f"wsw.field.{self.kind}.{f.key}.tip")))
                self.target_list = (lst, options)
                y += 150 + 12
            else:
                default = "" if f.default is None else self.default_text(f.kind, f.default)
                raw = self.values.get(key, default)
                e = self.text_entry((cx, y, cw, 40), raw, self.tr(f"wsw.field.{self.kind}.{f.key}.tip"))
                e.set_text(raw)
                self.entries[f.key] = e
                y += ROW
        self._field_end = y
        ty = max(y + 30, 566)
        self.text_entry_line = self.text_entry((RX + 14, ty, rw - 28, 40), self.text, self.tr("wsw.form.text.tip"))
        self.text_entry_line.set_text(self.text)
        self._text_y = ty
        hw = (rw - 28 - 8) / 2
        a = self.button((RX + 14, ty + 52, hw, 40), self.tr("wsw.form.announced"), self.tr("wsw.form.announced.tip"), partial(self.set_secret, False), oid="#small")
        b = self.button((RX + 14 + hw + 8, ty + 52, hw, 40), self.tr("wsw.form.secret"), self.tr("wsw.form.secret.tip"), partial(self.set_secret, True), oid="#small")
        (b if self.secret else a).select()
        self.inject_button = self.button((lw - 24 - 14 - 260, ty + 104, 260, 48), self.tr("wsw.form.inject"), self.tr("wsw.form.inject.tip"), self.inject_form, oid="#primary", enabled=self.can_inject)

    def default_text(self, kind: str, value: object) -> str:
        if kind in ("share",) and isinstance(value, float):
            return fmt.pct(value)
        return str(value)

    def options(self, kind: str) -> dict[str, str]:
        """Display text -> id for a dropdown (names; the id added where two names are alike)."""
        lang, sc = self.ctx.lang, self.session.scenario
        if kind == "vendor":
            played = {tm.vendor for tm in self.session.teams}
            items = [(v.name.get(lang), v.id) for v in sc.vendors if v.id not in played]
            items += [(v.name.get(lang), v.id) for v in sc.vendors if v.id in played]
        else:
            items = [(s.name.get(lang), s.id) for s in sc.stakeholders]
        names = [n for n, _ in items]
        out: dict[str, str] = {}
        for name, sid in items:
            out[f"{name} ({sid})" if names.count(name) > 1 else name] = sid
        return out

    def used_cards(self) -> set[int]:
        """Deck cards already played (their index in the scenario's events)."""
        return {int(a.detail["deck"]) for a in self.session.audit() if a.type == "inject" and a.detail.get("deck") is not None}

    # -- changes ------------------------------------------------------------------------------
    def read_fields(self) -> None:
        for key, e in self.entries.items():
            if e.alive():
                self.values[(self.kind, key)] = e.get_text()
        if self.text_entry_line is not None and self.text_entry_line.alive():
            self.text = self.text_entry_line.get_text()
        for key, (menu, options) in self.menus.items():
            if menu.alive():
                sel = menu.selected_option
                shown = sel[0] if isinstance(sel, tuple) else sel
                if shown in options:
                    self.choices[(self.kind, key)] = options[shown]
        if self.target_list is not None and self.target_list[0].alive():
            lst, options = self.target_list
            picked = lst.get_multi_selection()
            self.targets = [options[p if isinstance(p, str) else p[0]] for p in picked if (p if isinstance(p, str) else p[0]) in options]

    def choose_kind(self, kind: str) -> None:
        self.read_fields()
        self.kind = kind
        self.rebuild()

    def set_secret(self, secret: bool) -> None:
        self.read_fields()
        self.secret = secret
        self.rebuild()

    def turn_page(self, d: int) -> None:
        self.read_fields()
        self.page = max(0, self.page + d)
        self.rebuild()

    def rebuild(self) -> None:
        self.read_fields()
        super().rebuild()

    def session_changed(self) -> None:
        super().session_changed()
        if self.elements:
            self.rebuild()

    # -- injecting ----------------------------------------------------------------------------------
    def fire_round(self) -> int:
        return self.session.games[0].turn

    def play_card(self, n: int, secret: bool) -> None:
        self.read_fields()
        card = self.session.deck()[n - 1]
        lang = self.ctx.lang
        what = card.text.get(lang) if card.text is not None else self.tr(f"wsw.kind.{card.kind}")
        q = self.tr(
            "wsw.events.card_q",
            card=card.id,
            text=what,
            how=self.tr("wsw.secret" if secret else "wsw.announced"),
            round=self.fire_round(),
        )
        dialogs.confirm(
            self.app,
            self.tr("wsw.events.confirm_title"),
            escape(q),
            yes=self.tr("wsw.form.inject"),
            yes_tip=self.tr("wsw.form.inject.tip"),
            on_yes=lambda: self._inject(card=n, secret=secret),
        )

    def form_data(self) -> tuple[dict[str, Any], list[str]] | str:
        """The event the form describes and its summary lines, or what is wrong with it."""
        self.read_fields()
        data: dict[str, Any] = {"kind": self.kind}
        summary: list[str] = []
        for f in live.FORMS[self.kind]:
            label = self.tr(f"wsw.field.{self.kind}.{f.key}")
            if f.kind in ("stakeholder", "vendor"):
                value = self.choices.get((self.kind, f.key))
                data[f.key] = value
                options = self.options(f.kind)
                summary.append(f"{label}: {next((k for k, v in options.items() if v == value), value)}")
                continue
            if f.kind == "stakeholders":
                data[f.key] = list(self.targets)
                names = [k for k, v in self.options("stakeholder").items() if v in self.targets]
                summary.append(f"{label}: {fmt.join_list(names, self.ctx.lang) if names else self.tr('wsw.form.dm_default')}")
                continue
            raw = self.values.get((self.kind, f.key), "" if f.default is None else self.default_text(f.kind, f.default)).strip()
            if not raw:
                if f.required:
                    return self.tr("wsw.form.required", field=label)
                continue
            try:
                value = form_value(f.kind, raw)
            except NumberError as exc:
                return f"{label}: {exc.message(self.ctx.lang)}"
            data[f.key] = value
            summary.append(f"{label}: {raw}")
        text = self.text.strip()
        if text:
            data["text"] = {self.ctx.lang: text}
            summary.append(self.tr("wsw.form.text_line", text=text))
        return data, summary

    def inject_form(self) -> None:
        out = self.form_data()
        if isinstance(out, str):
            self.message(self.tr("wsw.events.confirm_title"), out)
            return
        data, summary = out
        q = self.tr(
            "wsw.events.form_q",
            kind=self.tr(f"wsw.kind.{self.kind}"),
            how=self.tr("wsw.secret" if self.secret else "wsw.announced"),
            round=self.fire_round(),
        )
        html = escape(q) + "<br><br>" + "<br>".join(escape(s) for s in summary)
        secret = self.secret
        dialogs.confirm(
            self.app,
            self.tr("wsw.events.confirm_title"),
            html,
            yes=self.tr("wsw.form.inject"),
            yes_tip=self.tr("wsw.form.inject.tip"),
            on_yes=lambda: self._inject(event=data, secret=secret),
        )

    def _inject(self, *, card: int | None = None, event: dict[str, Any] | None = None, secret: bool) -> None:
        try:
            e = self.session.inject(card=card, event=event, secret=secret)
        except Exception as exc:
            if not is_refusal(exc):
                raise
            self.refusal(exc)
            return
        session = self.session
        self.ws.note("wsw.injected", ACCENT, turn=e.turn, how=partial(_how, e.secret))
        if not e.secret:
            self.ws.note("wsw.news", TEXT, text=partial(announcement, session, e))
        if event is not None:
            self.text = ""
            if self.text_entry_line is not None:
                self.text_entry_line.set_text("")

    # -- events ---------------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type in (pygame_gui.UI_TEXT_ENTRY_CHANGED, pygame_gui.UI_DROP_DOWN_MENU_CHANGED, pygame_gui.UI_SELECTION_LIST_NEW_SELECTION, pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION):
            self.read_fields()
            return False
        if event.type != pygame.KEYDOWN or self.app.typing():
            return False
        if event.key == pygame.K_ESCAPE:
            self.back()
            return True
        if event.key == pygame.K_TAB:
            kinds = list(live.FORM_KINDS)
            back = bool(event.mod & pygame.KMOD_SHIFT)
            self.choose_kind(kinds[(kinds.index(self.kind) + (-1 if back else 1)) % len(kinds)])
            return True
        if event.key == pygame.K_s:
            self.set_secret(not self.secret)
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.can_inject:
            self.inject_form()
            return True
        return False

    def shortcuts(self) -> list[Shortcut]:
        return [
            ("Tab", self.tr("wsw.keys.event_kind")),
            ("S", self.tr("wsw.keys.event_secret")),
            ("Enter", self.tr("wsw.keys.event_inject")),
            ("Esc", self.tr("wsw.keys.back")),
        ]

    # -- drawing -------------------------------------------------------------------------------------------
    def paint(self, surface: pygame.Surface) -> None:
        ctx, f, m, lang = self.ctx, self.ctx.fonts, self.ctx.metrics, self.ctx.lang
        s = self.session
        sub = self.tr("wsw.events.sub", round=self.fire_round()) if self.can_inject else self.tr("wsw.events.over")
        self.paint_header(surface, self.tr("wsw.events.title", scenario=s.scenario.title.get(lang)), sub, self._right)
        # The deck.
        box = self.paint_panel(surface, DECK, self.tr("wsw.events.deck"))
        cards = s.deck()
        used = self.used_cards()
        if not cards:
            f.draw_block(surface, self.tr("wsw.events.no_deck"), pygame.Rect(box.x + m.px(14), box.y + m.px(44), box.w - m.px(28), m.px(80)), ctx.fs(BODY), DIM)
        first = self.page * CARDS_PER_PAGE
        for slot, c in enumerate(cards[first : first + CARDS_PER_PAGE]):
            r = m.rect(LX + 12, DECK[1] + 40 + slot * (CARD_H + 8), LW - 24, CARD_H)
            played = c.index in used
            panel(surface, r, PANEL_2, FAINT if played else ACCENT, m.px(8), 1)
            pad = m.px(12)
            head = f"{c.id}  ·  {self.tr(f'wsw.kind.{c.kind}') if f'wsw.kind.{c.kind}' in _kinds() else c.kind}"
            f.draw(surface, head, (r.x + pad, r.y + m.px(6)), ctx.fs(BODY), DIM if played else TEXT, bold=True, max_width=r.w - 2 * pad)
            default = self.tr("wsw.events.played") if played else self.tr("wsw.events.default", how=self.tr("wsw.secret" if c.secret else "wsw.announced"))
            f.draw(surface, default, (r.x + pad, r.bottom - m.px(34)), ctx.fs(SMALL), WARN if played else DIM, max_width=r.w - 2 * pad - m.px(290))
            text = c.text.get(lang) if c.text is not None else ""
            f.draw_block(surface, text, pygame.Rect(r.x + pad, r.y + m.px(32), r.w - 2 * pad, r.h - m.px(32 + 50)), ctx.fs(SMALL), TEXT, max_lines=3)
        # What was injected.
        box = self.paint_panel(surface, DONE, self.tr("wsw.events.done"))
        events = s.injected()
        y = box.y + m.px(40)
        size = ctx.fs(SMALL)
        step = f.line_height(size)
        lines: list[tuple[str, tuple[int, int, int]]] = []
        for e in events:
            how = self.tr("wsw.secret" if e.secret else "wsw.announced")
            kind = self.tr(f"wsw.kind.{e.event.kind}") if f"wsw.kind.{e.event.kind}" in _kinds() else e.event.kind
            head = self.tr("wsw.events.line", round=e.turn, kind=kind, how=how)
            for ln in f.wrap(f"{head}: {announcement(s, e, lang)}", size, box.w - m.px(28)):
                lines.append((ln, WARN if e.secret else TEXT))
        room = max(1, (box.bottom - m.px(8) - y) // step)
        if not lines:
            f.draw(surface, self.tr("wsw.events.none"), (box.x + m.px(14), y), size, FAINT)
        for i, (ln, colour) in enumerate(lines[-room:]):
            f.draw(surface, ln, (box.x + m.px(14), y + i * step), size, colour)
        # The form.
        rw = m.lw - 24 - RX
        box = self.paint_panel(surface, (RX, HEADER_H + 12, rw, m.lh - HEADER_H - 36), self.tr("wsw.form.title"))
        yy = FIELD_Y
        for fld in live.FORMS[self.kind]:
            label = self.tr(f"wsw.field.{self.kind}.{fld.key}")
            f.draw_block(surface, label, m.rect(RX + 14, yy + 2, 230, 48), ctx.fs(SMALL), TEXT, max_lines=2)
            yy += 150 + 12 if fld.kind == "stakeholders" else ROW
        f.draw_block(surface, self.tr(f"wsw.kind.{self.kind}.tip"), m.rect(RX + 14, HEADER_H + 146, rw - 28, 50), ctx.fs(SMALL), DIM, max_lines=2)
        f.draw(surface, self.tr("wsw.form.text"), (m.px(RX + 14), m.px(self._text_y - 24)), ctx.fs(SMALL), DIM, max_width=m.px(rw - 28))
        if not self.can_inject:
            f.draw(surface, self.tr("wsw.events.over"), (m.px(RX + 14), m.px(self._text_y + 160)), ctx.fs(BODY), WARN, max_width=m.px(rw - 28))


def _how(secret: bool, lang: str) -> str:
    return t("wsw.secret" if secret else "wsw.announced", lang)


def _kinds() -> set[str]:
    from game.strings import STRINGS

    return {k for k in STRINGS if k.startswith("wsw.kind.")}


def form_value(kind: str, raw: str) -> Any:
    """A form field's value from what was typed: shares as 0.3 or 30%, turns as whole numbers.

    Read by game.present.reading (finite, bounded, ASCII digits after NFKC): a NumberError
    (a ValueError) says what is wrong with the text.
    """
    if kind in ("share", "factor"):
        return read_number(raw, percent=True)
    if kind == "money":
        return read_number(raw)
    if kind == "turns":
        return read_int(raw)
    return raw.strip()
