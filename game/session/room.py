"""The room of a served session: the PIN teams join with, the trainer's key, the members.

A served session (``workshop --serve``) lets every team play in its own
browsers. Joining is a rule of the session, so it lives here, not in the web
layer that carries it: a person gives the room PIN, picks a team and a display
name, and becomes a *member* of that team with a token that only ever reaches
that team. The trainer's controls need the trainer's key, which is never the
PIN. Members are first-class (an id, a display name and the roles they took, team
selling: :mod:`game.session.roles`): every edit of a team's plan says who made
it, and what a member may do in it follows from its roles.

The room is kept in a side file beside the session file
(``SESSION.room.json``, written whole and synced), so that after a crash and
``resume --serve`` the same PIN, key and port come back and every browser's
token still works. Only a hash of each token is stored.

Who is connected now is not saved: the web layer counts connections per
member (:meth:`Room.connected`), and the trainer's console and window read
:meth:`Room.online`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.session.config import SessionConfig, tidy_name
from game.session.log import SessionError, atomic_write, load_json
from game.session.roles import Role, RoleError, parse_roles
from game.strings import t

PIN_DIGITS = 6
MAX_DISPLAY = 24  # characters in a member's display name
MAX_MEMBERS = 12  # members one team may have (each device or browser that joins is one)
ROOM_SUFFIX = ".room.json"
FORMAT = "tender-room"


@dataclass(frozen=True)
class Member:
    """One person (one browser) in a team: what every attributed edit names."""

    id: str
    team: str
    name: str
    joined: float  # wall-clock seconds
    roles: tuple[Role, ...] = ()  # as taken (none yet: acts for the roles nobody holds)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "team": self.team, "name": self.name, "roles": [r.value for r in self.roles]}


@dataclass(frozen=True)
class Presence:
    """A member and whether a browser of theirs is connected now."""

    member: Member
    online: bool


def room_path(session_path: Path) -> Path:
    return session_path.with_name(session_path.name + ROOM_SUFFIX)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def display_name(raw: str) -> str:
    """A member's display name as kept; SessionError (``bad_display_name``) when it cannot be used."""
    name = tidy_name(raw) if isinstance(raw, str) else ""
    if not name or len(name) > MAX_DISPLAY or any(unicodedata.category(ch).startswith("C") for ch in name):
        raise SessionError(
            f"a display name is 1 to {MAX_DISPLAY} characters, letters, digits and spaces",
            "bad_display_name",
            most=MAX_DISPLAY,
        )
    return name


class Room:
    """The PIN, the trainer's key, the members of each team and who is connected."""

    def __init__(
        self,
        config: SessionConfig,
        path: Path | None,
        *,
        pin: str,
        key: str,
        port: int | None = None,
        members: list[tuple[Member, str]] | None = None,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self.config = config
        self.path = path
        self.pin = pin
        self.key = key
        self.port = port
        self._wall = wall
        self._members: dict[str, Member] = {}
        self._tokens: dict[str, str] = {}  # token hash -> member id
        for m, token_hash in members or []:
            self._members[m.id] = m
            self._tokens[token_hash] = m.id
        self._online: dict[str, int] = {}  # member id -> open connections
        self._guard = threading.Lock()  # the web thread counts connections; the trainer's reads them
        self.version = 0  # changes whenever a member joins or a connection opens or closes

    # -- making and keeping it -------------------------------------------------------------
    @classmethod
    def open(cls, config: SessionConfig, session_path: Path | None, *, wall: Callable[[], float] = time.time) -> Room:
        """The session's room: read from its side file, or a new one (written at once)."""
        path = room_path(session_path) if session_path is not None else None
        if path is not None and path.is_file():
            room = cls._read(config, path, wall)
            if room is not None:
                return room
        room = cls(
            config, path, pin="".join(secrets.choice("0123456789") for _ in range(PIN_DIGITS)),
            key=secrets.token_urlsafe(18), wall=wall,
        )
        room.save()
        return room

    @classmethod
    def _read(cls, config: SessionConfig, path: Path, wall: Callable[[], float]) -> Room | None:
        try:
            if path.stat().st_size > 2_000_000:
                return None
            data = load_json(path.read_bytes())
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        pin, key, port = data.get("pin"), data.get("key"), data.get("port")
        if not (isinstance(pin, str) and pin.isdigit() and isinstance(key, str) and len(key) >= 16):
            return None
        teams = {t.name for t in config.teams}
        members: list[tuple[Member, str]] = []
        for raw in data.get("members", []):
            try:
                m = Member(str(raw["id"]), str(raw["team"]), str(raw["name"]), float(raw["joined"]))
                token_hash = str(raw["token_sha256"])
            except (KeyError, TypeError, ValueError):
                continue
            try:
                roles = raw.get("roles", [])
                m = Member(m.id, m.team, m.name, m.joined, parse_roles(roles if isinstance(roles, list) else []))
            except RoleError:
                pass  # a role this version does not know: the member keeps its place without it
            if m.team in teams:
                members.append((m, token_hash))
        return cls(
            config, path, pin=pin, key=key, port=port if isinstance(port, int) and 0 < port < 65536 else None,
            members=members, wall=wall,
        )

    def save(self) -> None:
        """Write the room file whole (synced) before a join is acknowledged."""
        if self.path is None:
            return
        with self._guard:
            members = [
                {**m.to_json(), "joined": m.joined, "token_sha256": h}
                for h, mid in self._tokens.items()
                if (m := self._members.get(mid)) is not None
            ]
        data = {"format": FORMAT, "version": 1, "pin": self.pin, "key": self.key, "port": self.port, "members": members}
        atomic_write(self.path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"), guard=False)

    def set_port(self, port: int) -> None:
        if port != self.port:
            self.port = port
            self.save()

    # -- joining -------------------------------------------------------------------------
    def pin_ok(self, pin: object) -> bool:
        return isinstance(pin, str) and hmac.compare_digest(pin.strip().encode(), self.pin.encode())

    def key_ok(self, key: object) -> bool:
        return isinstance(key, str) and hmac.compare_digest(key.encode(), self.key.encode())

    def join(self, pin: str, team: str, name: str, roles: Sequence[str] = ()) -> tuple[Member, str]:
        """A new member of ``team`` with the roles it takes (several; an observer alone); returns
        the member and its token (shown to the browser once).

        SessionError: ``wrong_pin``, ``unknown_team``, ``bad_display_name``, ``team_full``;
        RoleError ``bad_roles``.
        """
        if not self.pin_ok(pin):
            raise SessionError("that is not this room's PIN; read it again from the projector", "wrong_pin")
        tm = self.config.team(team)  # unknown_team
        who = display_name(name)
        taken = parse_roles(roles)
        with self._guard:
            if sum(1 for m in self._members.values() if m.team == tm.name) >= MAX_MEMBERS:
                raise SessionError(
                    f"team {tm.name} already has {MAX_MEMBERS} members; join from a teammate's device",
                    "team_full", team=tm.name, most=MAX_MEMBERS,
                )
            member = Member("m" + secrets.token_hex(5), tm.name, who, self._wall(), taken)
            token = secrets.token_urlsafe(24)
            self._members[member.id] = member
            self._tokens[_hash(token)] = member.id
            self.version += 1
        self.save()
        return member, token

    def member(self, token: object) -> Member:
        """The member a token belongs to; SessionError ``wrong_token`` otherwise."""
        if isinstance(token, str) and 10 <= len(token) <= 100:
            with self._guard:
                mid = self._tokens.get(_hash(token))
                m = self._members.get(mid) if mid is not None else None
            if m is not None:
                return m
        raise SessionError("this device's pass is not known here; join the room again with its PIN", "wrong_token")

    def get(self, member_id: str) -> Member | None:
        """The member as it is now (its latest name and roles), or None."""
        with self._guard:
            return self._members.get(member_id)

    def rename(self, member: Member, name: str) -> Member:
        """A member's new display name (kept for the next edits)."""
        return self._replace(member, name=display_name(name))

    def set_roles(self, member: Member, roles: Sequence[str]) -> Member:
        """The roles a member takes now (RoleError ``bad_roles``)."""
        return self._replace(member, roles=parse_roles(roles))

    def _replace(self, member: Member, *, name: str | None = None, roles: tuple[Role, ...] | None = None) -> Member:
        with self._guard:
            now = self._members.get(member.id, member)
            new = Member(now.id, now.team, now.name if name is None else name, now.joined, now.roles if roles is None else roles)
            self._members[member.id] = new
            self.version += 1
        self.save()
        return new

    def team_roles(self, team: str) -> dict[str, tuple[Role, ...]]:
        """Member id -> the roles it took, for every member of ``team`` (what
        :func:`game.session.roles.effective` reads)."""
        name = self.config.team(team).name
        with self._guard:
            return {m.id: m.roles for m in self._members.values() if m.team == name}

    # -- who is here now -----------------------------------------------------------------
    def connected(self, member_id: str, delta: int) -> None:
        """A browser of the member opened (+1) or closed (-1) its connection."""
        with self._guard:
            n = self._online.get(member_id, 0) + delta
            if n > 0:
                self._online[member_id] = n
            else:
                self._online.pop(member_id, None)
            self.version += 1

    def connections(self, team: str) -> int:
        with self._guard:
            return sum(n for mid, n in self._online.items() if (m := self._members.get(mid)) is not None and m.team == team)

    def members(self, team: str) -> list[Presence]:
        """A team's members in the order they joined, each with whether it is connected now."""
        name = self.config.team(team).name
        with self._guard:
            out = [Presence(m, m.id in self._online) for m in self._members.values() if m.team == name]
        return sorted(out, key=lambda p: p.member.joined)

    def online(self, lang: str = "en") -> dict[str, list[str]]:
        """Team name -> its members connected now (every team, in the session's order), each as
        its display name with the roles it took: "Ada (account manager, project manager)"."""
        return {tm.name: [label(p.member, lang) for p in self.members(tm.name) if p.online] for tm in self.config.teams}


def label(m: Member, lang: str) -> str:
    """A member's name with its roles, for the trainer: "Ada (account manager)"."""
    if not m.roles:
        return m.name
    roles = t("list.sep", lang).join(t(f"team_role.{r.value}", lang) for r in m.roles)
    return t("web.member_roles", lang, name=m.name, roles=roles)
