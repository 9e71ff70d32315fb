"""The messages a browser may send, checked with pydantic before anything reads them.

Every message is one JSON object with a type ``t``. A team's page first says
``hello`` with its token; then it edits the plan (``add``, ``amount``,
``remove``), answers a teammate's proposal (``confirm``, ``decline``), marks
itself ``ready``, asks for a ``preview``, hands the plan in (``submit``) or takes
it back (``withdraw``), records the team's ``forecast``, bids, takes other
``roles``, reviews its teammates after the award (``review``), asks for its
``debrief``, and syncs its clock (``time``). Every request that changes something carries ``cid``, an id the
browser makes: a retry with the same ``cid`` is answered again and changes
nothing twice. The projector page says ``hello`` with the trainer's key.

Anything else (not JSON, an unknown type, a field missing, of the wrong type,
too long, an extra field) is refused as ``malformed`` with what was wrong, and
changes nothing. Nothing a client sends becomes a path or code: ids are
matched against the scenario's, names are only displayed.
"""

from __future__ import annotations

import json
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from game.engine.game import MAX_AMOUNT
from game.session.config import PEER_MAX, PEER_MIN

MAX_MESSAGE = 4096  # bytes in one message from a browser (the largest real one is ~300)
Lang = Literal["en", "zh"]
Cid = Annotated[str, Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
ItemId = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_-]+$")]
Ident = Annotated[str, Field(min_length=1, max_length=60)]
Token = Annotated[str, Field(min_length=1, max_length=100)]
Amount = Annotated[int, Field(ge=1, le=MAX_AMOUNT, strict=True)]
RoleId = Literal["am", "presales", "pm", "executive", "observer"]
Roles = Annotated[list[RoleId], Field(max_length=5)]
Price = Annotated[str, Field(min_length=1, max_length=40)]  # as typed: 24.9m, 2490万, 95%, none


class _Msg(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Hello(_Msg):
    t: Literal["hello"]
    token: Token
    lang: Lang = "en"


class SetLang(_Msg):
    t: Literal["lang"]
    lang: Lang


class Add(_Msg):
    t: Literal["add"]
    cid: Cid
    id: ItemId
    action: Ident
    stakeholder: Ident
    amount: Amount


class SetAmount(_Msg):
    t: Literal["amount"]
    cid: Cid
    id: ItemId
    amount: Amount


class Remove(_Msg):
    t: Literal["remove"]
    cid: Cid
    id: ItemId


class Preview(_Msg):
    t: Literal["preview"]
    action: Ident
    stakeholder: Ident
    amount: Amount
    id: ItemId | None = None  # an item being changed (its own amount is left out of the plan)


class Confirm(_Msg):
    """A member acting for the role a teammate's proposal needs confirms it."""

    t: Literal["confirm"]
    cid: Cid
    id: ItemId


class Decline(_Msg):
    t: Literal["decline"]
    cid: Cid
    id: ItemId


class Ready(_Msg):
    """The member has done its part of the plan (``ready`` false: not yet after all)."""

    t: Literal["ready"]
    cid: Cid
    ready: bool


class SetRoles(_Msg):
    t: Literal["roles"]
    cid: Cid
    roles: Roles


class Forecast(_Msg):
    """The team's forecast: its chance to win (percent) and the price it expects to bid."""

    t: Literal["forecast"]
    cid: Cid
    win: float = Field(ge=0, le=100, allow_inf_nan=False)
    price: Price | None = None


class Review(_Msg):
    """A member's review of its teammates after the award: member id -> 1..5 (PEER_MIN..PEER_MAX), and a short note."""

    t: Literal["review"]
    cid: Cid
    ratings: Annotated[dict[Annotated[str, Field(max_length=20)], Annotated[int, Field(ge=PEER_MIN, le=PEER_MAX, strict=True)]],
                       Field(min_length=1, max_length=12)]
    note: Annotated[str, Field(max_length=300)] | None = None


class Submit(_Msg):
    t: Literal["submit"]
    cid: Cid
    version: Annotated[str, Field(max_length=20)] | None = None


class Withdraw(_Msg):
    t: Literal["withdraw"]
    cid: Cid


class BidMsg(_Msg):
    t: Literal["bid"]
    cid: Cid
    price: Price
    confirm: bool = False


class Debrief(_Msg):
    t: Literal["debrief"]


class Rename(_Msg):
    t: Literal["rename"]
    cid: Cid
    name: Annotated[str, Field(min_length=1, max_length=60)]


class Time(_Msg):
    t: Literal["time"]
    c: float = Field(ge=0, le=1e14, allow_inf_nan=False)  # the browser's clock, ms


TeamMessage = Annotated[
    Hello | SetLang | Add | SetAmount | Remove | Preview | Submit | Withdraw | BidMsg | Debrief | Rename | Time
    | Confirm | Decline | Ready | SetRoles | Forecast | Review,
    Field(discriminator="t"),
]
TEAM: TypeAdapter[TeamMessage] = TypeAdapter(TeamMessage)


class ProjectorHello(_Msg):
    t: Literal["hello"]
    key: Token
    lang: Lang = "en"


ProjectorMessage = Annotated[ProjectorHello | SetLang | Time, Field(discriminator="t")]
PROJECTOR: TypeAdapter[ProjectorMessage] = TypeAdapter(ProjectorMessage)


class Join(_Msg):
    """The join form (HTTP POST /api/join)."""

    pin: Annotated[str, Field(min_length=1, max_length=12)]
    team: Annotated[str, Field(min_length=1, max_length=60)]
    name: Annotated[str, Field(min_length=1, max_length=60)]
    roles: Roles = []
    lang: Lang = "en"


class Malformed(ValueError):
    """A message that is not one of the protocol's; ``what`` says why (in English, for logs)."""

    def __init__(self, what: str, cid: str | None = None, size: bool = False) -> None:
        super().__init__(what)
        self.what = what
        self.cid = cid
        self.code = "oversize" if size else "malformed"


def parse(raw: str | bytes, adapter: TypeAdapter[TeamMessage] | TypeAdapter[ProjectorMessage] = TEAM) -> object:
    """The typed message, or Malformed saying what is wrong (with the request's cid if it had one)."""
    if len(raw) > MAX_MESSAGE:
        raise Malformed(f"a message is at most {MAX_MESSAGE} bytes, this one has {len(raw)}", size=True)
    try:
        data = json.loads(raw, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise Malformed("not JSON") from None
    cid = data.get("cid") if isinstance(data, dict) and isinstance(data.get("cid"), str) else None
    if cid is not None and (len(cid) > 64 or not cid.replace("-", "").replace("_", "").isalnum()):
        cid = None
    if not isinstance(data, dict):
        raise Malformed("a message is a JSON object", cid)
    try:
        return adapter.validate_python(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise Malformed(f"{where}: {first['msg']}", cid) from None


def _no_constant(word: str) -> float:
    raise ValueError(f"{word} is not a number")
