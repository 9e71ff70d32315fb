"""Numbers, money, percentages and lists as players read them, in English or Chinese.

Every figure a front end shows goes through here, formatted by Babel from the
Unicode CLDR data: digit grouping (24,500,000), compact money in the units each
language counts in (2,450万 / 1.23亿 in Chinese, 24.5M / 120K in English) and
list joins (a, b, and c / a、b和c). Two forms of money:

- :func:`money`: every unit, for tables and the bid (24,500,000 元 / 24,500,000 CNY);
- :func:`short_money`: compact, for tight places and sentences (2,450万元 / 24.5M CNY).

Results are cached: the window formats the same figures on every frame.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from decimal import Context, getcontext, localcontext
from functools import lru_cache
from typing import Literal

from babel import Locale
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent

from game.scenario.schema import Scenario

LOCALES = {"en": "en", "zh": "zh_Hans_CN"}
# Compact money: the most fraction digits shown for each CLDR unit, and the smallest
# amount shown compact in each language (below it every unit is shown: 5,000 CNY, 5,000元).
COMPACT_DIGITS = {"万": 1, "亿": 2, "万亿": 2, "K": 0, "M": 2, "B": 2, "T": 2}
COMPACT_FROM = {"en": 1e4, "zh": 1e4}
CACHE = 8192
# Babel rounds through Python's decimal module, whose default context keeps 28 digits: a figure
# above about 1e25 (a price typed as 1e308, a margin over a price of 1e-300) raised
# InvalidOperation. Every finite float has at most 309 digits before the point.
DIGITS = 330


def locale(lang: str) -> Locale:
    """The Babel locale of a game language (anything but 'zh' is English)."""
    return _locale("zh" if lang == "zh" else "en")


@lru_cache(maxsize=4)
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES[lang])


def _zero(x: float, digits: int) -> float:
    """``x``, or 0.0 when it rounds to zero at ``digits`` (never '-0')."""
    return 0.0 if abs(x) < 0.5 * 10.0**-digits else x


def _wide() -> AbstractContextManager[Context]:
    """A decimal context wide enough for any finite float's digits (Babel rounds in the current one)."""
    ctx = getcontext().copy()
    ctx.prec = DIGITS
    return localcontext(ctx)


def _pattern(digits: int, *, signed: bool = False, percent: bool = False) -> str:
    body = "#,##0" + ("." + "0" * digits if digits > 0 else "") + ("%" if percent else "")
    return f"+{body};-{body}" if signed else body


@lru_cache(maxsize=CACHE)
def decimal(x: float, lang: str, digits: int = 0, *, signed: bool = False, trim: bool = False) -> str:
    """``x`` with digit grouping and ``digits`` decimals (``trim``: up to ``digits``)."""
    x = _zero(float(x), digits)
    if trim:
        pattern = "#,##0" + ("." + "#" * digits if digits > 0 else "")
        pattern = f"+{pattern};-{pattern}" if signed else pattern
    else:
        pattern = _pattern(digits, signed=signed)
    with _wide():
        return format_decimal(x, pattern, locale=locale(lang))


def currency_label(scenario: Scenario, lang: str) -> str:
    """CNY, or 元 in Chinese."""
    if lang == "zh" and scenario.currency.upper() in ("CNY", "RMB"):
        return "元"
    return scenario.currency


def money(x: float, scenario: Scenario, lang: str) -> str:
    """Every unit: 1,200,000 CNY (1,200,000 元 in Chinese)."""
    return f"{decimal(x, lang)} {currency_label(scenario, lang)}"


@lru_cache(maxsize=CACHE)
def compact(x: float, lang: str) -> str:
    """A compact amount in the language's units (CLDR): 2,450万, 1.23亿, 24.5M, 120K; small
    amounts in full (5,000)."""
    lang = "zh" if lang == "zh" else "en"
    x = _zero(float(x), 0)
    if abs(x) < COMPACT_FROM[lang]:
        return decimal(x, lang)
    formats = locale(lang).compact_decimal_formats["short"]["other"]
    magnitude = max((k for k in formats if abs(x) >= int(k)), key=int)
    pattern = formats[magnitude]
    unit = str(pattern.suffix[0])
    if not unit:  # no compact unit at this size in this language
        return decimal(x, lang)
    zeros = pattern.pattern.count("0")
    scaled = x / (int(magnitude) / 10 ** (zeros - 1))
    return decimal(scaled, lang, COMPACT_DIGITS.get(unit, 1), trim=True) + unit


def short_money(x: float, scenario: Scenario, lang: str) -> str:
    """Money for tight places: 2,450万元 / 1.23亿元 in Chinese, 24.5M CNY / 120K CNY in English."""
    label = currency_label(scenario, lang)
    amount = compact(x, lang)
    return amount + label if label == "元" else f"{amount} {label}"


def signed_money(x: float, scenario: Scenario, lang: str) -> str:
    """Compact money with its sign: +120万元, -35K CNY."""
    text = short_money(x, scenario, lang)
    return "+" + text if _zero(x, 0) > 0 else text


def number(x: float, lang: str = "en") -> str:
    """A day count or amount: 3, 1.5 (up to three decimals)."""
    return decimal(x, lang, 3, trim=True)


@lru_cache(maxsize=CACHE)
def pct(x: float, digits: int = 0, lang: str = "en") -> str:
    """A share as a percentage: 12%, 12.3%."""
    with _wide():
        return format_percent(_zero(float(x), digits + 2), _pattern(digits, percent=True), locale=locale(lang))


def pct_range(lo: float, hi: float, lang: str = "en") -> str:
    """A range of shares: 12-34%."""
    return f"{decimal(lo * 100, lang)}-{pct(hi, 0, lang)}"


def points(d: float, lang: str = "en") -> str:
    """A change on a 0-1 scale as signed percentage points: +3.3."""
    return decimal(d * 100, lang, 1, signed=True)


def changed(d: float) -> bool:
    """A change worth showing: one that does not round to nothing in points (+0.0)."""
    return abs(d) * 100 >= 0.05


def score(x: float, lang: str = "en", *, signed: bool = False) -> str:
    """Score points with one decimal: 71.3 (signed: +2.3)."""
    return decimal(x, lang, 1, signed=signed)


def tenths_adding_up(values: Sequence[float], total: float) -> list[int]:
    """Each value in tenths, rounded so that they add up to ``total`` rounded to tenths.

    Largest remainder: each value is rounded down, then the tenths still missing go to
    the values that lost the most. So the lines of a breakdown, as printed, add up to
    its printed total (the values themselves add up to ``total`` to 1e-9).
    """
    target = round(total * 10)
    floors = [math.floor(v * 10) for v in values]
    rest = sorted(range(len(values)), key=lambda i: -(values[i] * 10 - floors[i]))
    missing = target - sum(floors)
    for k in range(abs(missing)):
        i = rest[k % len(rest)] if missing > 0 else rest[-1 - k % len(rest)]
        floors[i] += 1 if missing > 0 else -1
    return floors


def tenths(n: int, lang: str = "en", *, signed: bool = False) -> str:
    """A count of tenths as points: 713 -> 71.3."""
    return decimal(n / 10, lang, 1, signed=signed)


def join_list(items: Iterable[str], lang: str, style: Literal["standard", "or"] = "standard") -> str:
    """'a, b, and c' / 'a、b和c' (CLDR list patterns; style "or": 'a, b, or c' / 'a、b或c');
    '' for no items."""
    items = [x for x in items]
    if not items:
        return ""
    return format_list(items, style=style, locale=locale(lang))


__all__ = [
    "changed",
    "compact",
    "currency_label",
    "decimal",
    "join_list",
    "locale",
    "money",
    "number",
    "pct",
    "pct_range",
    "points",
    "score",
    "short_money",
    "signed_money",
    "tenths",
    "tenths_adding_up",
]
