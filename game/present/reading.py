"""Numbers typed by people: one reader for every front end (terminal game, trainer's console, window).

What a person types is bounded before it is converted: after NFKC (full-width
digits from a Chinese input method become ASCII) only ASCII digits, one sign,
one decimal point, thousands separators and an exponent are read; at most
``MAX_CHARS`` characters; the value must be finite and inside the range the
caller gives. So ``➁``, ``inf``, ``nan``, a number of 310 or 5,000 digits
never reach ``int()`` or ``float()`` unchecked, and a refusal says what was
wrong and what to type instead, in both languages.

A refusal is a :class:`NumberError` (a ValueError) with a code and
parameters; :meth:`NumberError.message` gives the sentence in a language.
"""

from __future__ import annotations

import math
import re
import unicodedata

from game.strings import t

MAX_CHARS = 32  # longer than any sensible amount (a bid of 999,999,999,999.99 with separators is 18)
# Thousands separators a person may type: comma, underscore, space, apostrophe, Chinese comma.
_SEPARATORS = str.maketrans("", "", ",_ '\u3001\u00a0")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d{1,3})?", re.ASCII | re.IGNORECASE)
MULTIPLIERS = {"亿": 1e8, "万": 1e4, "w": 1e4, "m": 1e6, "k": 1e3}
NO_BID = frozenset({"none", "no", "nobid", "no_bid", "-", "无", "不投", "不投标", "放弃"})
_CURRENCY = ("cny", "rmb", "元", "¥", "￥")


class NumberError(ValueError):
    """A typed number that cannot be used: ``code`` names why (``num.<code>`` in game.strings)."""

    def __init__(self, code: str, word: str, **params: object) -> None:
        self.code = code
        self.word = shorten(word)
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        return t(f"num.{self.code}", lang, word=self.word, **self.params)


def shorten(word: str, most: int = 24) -> str:
    """The typed text as a message quotes it: bounded, control characters shown as '?'."""
    clean = "".join(c if c.isprintable() else "?" for c in word)
    return clean if len(clean) <= most else clean[: most - 1] + "…"


def normalise(raw: str) -> str:
    """NFKC (full-width to ASCII), trimmed, lower case, thousands separators removed."""
    return unicodedata.normalize("NFKC", raw).strip().lower().translate(_SEPARATORS)


def fmt_bound(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,g}"


def read_number(
    raw: str,
    *,
    lo: float | None = None,
    hi: float | None = None,
    whole: bool = False,
    percent: bool = False,
) -> float:
    """A finite number from typed text, within [lo, hi]; ``percent``: '30%' reads as 0.3.

    Raises NumberError (a ValueError) saying what is wrong.
    """
    s = normalise(raw)
    if not s:
        raise NumberError("empty", raw)
    if len(s) > MAX_CHARS:
        raise NumberError("too_long", raw, most=MAX_CHARS)
    scale = 1.0
    if percent and s.endswith("%"):
        s, scale = s[:-1], 0.01
    if not _NUMBER.fullmatch(s):
        raise NumberError("not_number", raw)
    x = float(s) * scale
    if not math.isfinite(x):
        raise NumberError("too_big", raw)
    if whole and not float(x).is_integer():
        raise NumberError("whole", raw)
    if (lo is not None and x < lo) or (hi is not None and x > hi):
        lo_t = fmt_bound(lo) if lo is not None else "-∞"
        hi_t = fmt_bound(hi) if hi is not None else "∞"
        raise NumberError("range", raw, lo=lo_t, hi=hi_t)
    return x


def read_int(raw: str, *, lo: int | None = None, hi: int | None = None) -> int:
    """A whole number from typed text, within [lo, hi] (raises NumberError)."""
    return int(read_number(raw, lo=lo, hi=hi, whole=True))


def read_index(raw: str, count: int) -> int | None:
    """A list position 1..count typed by a person, or None when ``raw`` is not one (never raises)."""
    try:
        return read_int(raw, lo=1, hi=count) if normalise(raw).isascii() else None
    except NumberError:
        return None


def read_price(raw: str, ceiling: float) -> float | None:
    """A price: 1,100,000 / 1.1m / 1100k / 110万 / 95% (of the ceiling); None for no bid.

    Raises NumberError when the text is not a price (it is not checked against
    the tender's rules: ``Game.check_bid`` does that).
    """
    s = normalise(raw)
    for junk in _CURRENCY:
        s = s.replace(junk, "")
    if s in NO_BID:
        return None
    mult = 1.0
    if s.endswith("%"):
        s, mult = s[:-1], ceiling / 100.0
    if s and s[-1] in MULTIPLIERS:
        mult = MULTIPLIERS[s[-1]]
        s = s[:-1]
    try:
        return read_number(s, lo=0, hi=1e15 / mult) * mult
    except NumberError as exc:
        code = "price" if exc.code in ("empty", "not_number") else exc.code
        raise NumberError(code, raw, **exc.params) from None


def read_chance(raw: str) -> float:
    """A chance typed as a percentage, '%' optional: '40', '40%', '37.5 %' -> 0.4 ... (0 to 100).

    Raises NumberError (code ``chance`` for anything that is not a percentage from 0 to 100).
    """
    s = normalise(raw)
    if not s:
        raise NumberError("empty", raw)
    try:
        return read_number(s[:-1] if s.endswith("%") else s, lo=0, hi=100) / 100.0
    except NumberError as exc:
        raise NumberError("chance" if exc.code in ("not_number", "range", "too_big", "empty") else exc.code, raw, **exc.params) from None


def read_expected_price(raw: str, ceiling: float) -> float | None:
    """The price a team expects to bid, as a bid is typed (24m, 2400万, 92% of the ceiling);
    None when left out ('' or 'none'). Raises NumberError (code ``forecast_price``)."""
    if not normalise(raw):
        return None
    try:
        price = read_price(raw, ceiling)
    except NumberError as exc:
        raise NumberError("forecast_price" if exc.code in ("price", "range") else exc.code, raw, **exc.params) from None
    if price is not None and price <= 0:
        raise NumberError("forecast_price", raw)
    return price


def read_forecast(words: list[str], ceiling: float) -> tuple[float, float | None]:
    """'40% 24m': a team's forecast, the chance it wins (0..1) and the price it expects to bid
    (None when not given). Raises NumberError saying which part is wrong."""
    if not words:
        raise NumberError("chance", "")
    return read_chance(words[0]), read_expected_price(" ".join(words[1:]), ceiling)
