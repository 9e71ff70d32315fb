"""The served session's web application (Starlette): pages, the join API and the WebSockets.

Routes:

    GET  /                 the join page (``?pin=`` from the QR code fills the PIN in)
    POST /api/room         {pin} -> the teams to pick from, with who is in each and their roles
    POST /api/join         {pin, team, name, roles} -> a member's token (kept in the browser)
    GET  /team             the team's page (its script connects to /ws with the token)
    WS   /ws               a team's page: hello {token}, then its requests (game/web/protocol.py)
    GET  /projector?key=   the projector page (the trainer's key, never the PIN)
    WS   /ws/projector     the projector: hello {key}
    GET  /static/...       script, style sheet, icons; /font/ui.woff the cut-down font
    GET  /healthz          "ok" (for scripts waiting for the server)

Every request body and message is bounded in size; wrong PINs are counted per
address and refused for a while after too many; every answer carries headers
that keep the pages to the game's own scripts (no CDN, nothing outside).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from typing import Any

from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocket, WebSocketDisconnect

from game.session.host import Host, Notice
from game.session.log import SessionError
from game.session.room import label
from game.strings import t
from game.web import protocol as p
from game.web import teamwork, views
from game.web.assets import STATIC, TEMPLATES, UiFont
from game.web.hub import MAX_CONNECTIONS, MAX_PER_TEAM, Client, Hub, dumps

MAX_BODY = 4096  # bytes in an HTTP request body (the join form is ~100)
HELLO_SECONDS = 10.0  # a connection that does not say hello by then is closed
PIN_TRIES = 12  # wrong PINs from one address ...
PIN_WINDOW = 60.0  # ... within this many seconds, then it waits
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)


class Guard:
    """ASGI middleware: bounded request bodies and safe headers on every answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            await JSONResponse({"code": "oversize", "msg": "request too large"}, 413)(scope, receive, send)
            return
        seen = 0

        async def bounded() -> Message:
            nonlocal seen
            msg = await receive()
            seen += len(msg.get("body", b""))
            if seen > MAX_BODY:
                raise _TooLarge
            return msg

        async def secured(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                headers = list(msg.get("headers", []))
                headers += [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"cache-control", b"no-store"),
                ]
                msg = {**msg, "headers": headers}
            await send(msg)

        try:
            await self.app(scope, bounded, secured)
        except _TooLarge:
            await JSONResponse({"code": "oversize", "msg": "request too large"}, 413)(scope, receive, send)


class _TooLarge(Exception):
    pass


def _lang(request: Request | WebSocket) -> str:
    q = request.query_params.get("lang")
    if q in ("en", "zh"):
        return q
    accept = request.headers.get("accept-language", "")
    return "zh" if accept.lower().startswith("zh") else "en"


def create_app(host: Host, font: UiFont | None = None) -> Starlette:
    """The application for one served session (the host's session, room and plans)."""
    hub = Hub(host)
    templates = Jinja2Templates(directory=str(TEMPLATES))
    tries: dict[str, deque[float]] = {}

    def too_many(request: Request) -> bool:
        ip = request.client.host if request.client else "?"
        q = tries.setdefault(ip, deque())
        now = time.monotonic()
        while q and now - q[0] > PIN_WINDOW:
            q.popleft()
        return len(q) >= PIN_TRIES

    def wrong(request: Request) -> None:
        ip = request.client.host if request.client else "?"
        tries.setdefault(ip, deque()).append(time.monotonic())
        if len(tries) > 10_000:
            tries.clear()

    def page(request: Request, name: str, **context: Any) -> Response:
        lang = _lang(request)
        return templates.TemplateResponse(
            request, name, {"lang": lang, "ui": views.ui_strings(lang), "title": host.session.scenario.title.get(lang), **context}
        )

    async def join_page(request: Request) -> Response:
        pin = request.query_params.get("pin", "")
        return page(request, "join.html", pin=pin if pin.isdigit() and len(pin) <= 12 else "",
                    roles=teamwork.catalogue(_lang(request)))

    async def team_page(request: Request) -> Response:
        return page(request, "team.html")

    async def projector_page(request: Request) -> Response:
        lang = _lang(request)
        if not host.room.key_ok(request.query_params.get("key")):
            return PlainTextResponse(t("web.err.wrong_key", lang), 403)
        qr = ""
        if host.join is not None:
            import segno

            qr = segno.make(host.join.url, error="m").svg_inline(scale=10, border=2, dark="#111", light="#fff", omitsize=True)
        return page(request, "projector.html", qr=qr, join=host.join, pin=host.room.pin)

    async def body(request: Request) -> dict[str, Any] | None:
        try:
            data = await request.json()
        except (ValueError, UnicodeDecodeError):
            return None
        return data if isinstance(data, dict) else None

    def refuse(code: str, lang: str, status: int, **params: object) -> JSONResponse:
        return JSONResponse(views.session_error(code, lang, **params), status)

    async def room(request: Request) -> Response:
        lang = _lang(request)
        if too_many(request):
            return refuse("too_many_tries", lang, 429)
        data = await body(request)
        pin = data.get("pin") if data else None
        if not isinstance(pin, str) or len(pin) > 12:
            return refuse("malformed", lang, 400, what="pin")
        if not host.room.pin_ok(pin):
            wrong(request)
            return refuse("wrong_pin", lang, 403)
        teams = [
            {"name": x.name, "members": [label(m.member, lang) for m in host.room.members(x.name)]}
            for x in host.session.teams
        ]
        return JSONResponse({"title": host.session.scenario.title.get(lang), "teams": teams})

    async def join(request: Request) -> Response:
        lang = _lang(request)
        if too_many(request):
            return refuse("too_many_tries", lang, 429)
        data = await body(request)
        try:
            form = p.Join.model_validate(data)
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            return refuse("malformed", lang, 400, what=".".join(str(x) for x in first["loc"]))

        def do() -> tuple[Any, str]:
            return host.join_member(form.pin, form.team, form.name, form.roles)

        try:
            member, token = await hub.locked(do)
        except SessionError as exc:
            if exc.code == "wrong_pin":
                wrong(request)
            return JSONResponse(views.refusal(exc, form.lang), 403 if exc.code == "wrong_pin" else 400)
        host.notify(Notice("joined", member.team, member.name))
        return JSONResponse({"token": token, "member": member.to_json()})

    async def font_file(request: Request) -> Response:
        if font is None or font.data is None:
            return Response(status_code=404)
        return Response(font.data, media_type="font/woff", headers={"cache-control": "max-age=86400"})

    async def healthz(request: Request) -> Response:
        return PlainTextResponse("ok")

    async def serve_client(ws: WebSocket, c: Client) -> None:
        """Send what the hub queues for this connection; read and handle what it sends."""

        async def writer() -> None:
            while True:
                text = await c.queue.get()
                if text is None:
                    with contextlib.suppress(Exception):
                        await ws.close(4408)
                    return
                await ws.send_text(text)

        task = asyncio.create_task(writer())
        try:
            await hub.attach(c)
            while True:
                msg = await ws.receive()
                if msg["type"] == "websocket.disconnect":
                    break
                text, data = msg.get("text"), msg.get("bytes")
                raw: str | bytes = text if isinstance(text, str) else data if isinstance(data, bytes) else b""
                if c.kind == "team":
                    await hub.handle(c, raw)
                else:
                    await projector_message(c, raw)
        except (WebSocketDisconnect, RuntimeError):
            pass
        finally:
            hub.detach(c)
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    async def projector_message(c: Client, raw: str | bytes) -> None:
        if not c.allow():
            return
        try:
            msg = p.parse(raw, p.PROJECTOR)
        except p.Malformed as exc:
            c.send(dumps({"t": "refused", "cid": None, **views.session_error(exc.code, c.lang, what=exc.what)}))
            return
        if isinstance(msg, p.Time):
            c.send(dumps({"t": "time", "c": msg.c, "s": round(time.time() * 1000, 1)}))
        elif isinstance(msg, p.SetLang):
            c.lang = msg.lang
            c.sent_state = ""

    async def hello(ws: WebSocket, adapter: Any) -> Any:
        """The first message: who is this? None (and the connection closed) when it cannot say."""
        lang = _lang(ws)
        try:
            raw = await asyncio.wait_for(ws.receive_text(), HELLO_SECONDS)
            return p.parse(raw, adapter)
        except p.Malformed as exc:
            await ws.send_text(dumps({"t": "refused", "cid": None, **views.session_error(exc.code, lang, what=exc.what)}))
        except (TimeoutError, asyncio.TimeoutError):
            await ws.send_text(dumps({"t": "refused", "cid": None, **views.session_error("no_hello", lang)}))
        except (WebSocketDisconnect, RuntimeError, KeyError):
            return None
        with contextlib.suppress(Exception):
            await ws.close(4400)
        return None

    async def turn_away(ws: WebSocket, body: dict[str, Any], close: int) -> None:
        """Say why (the refusal in the page's language), then close the connection."""
        with contextlib.suppress(Exception):
            await ws.send_text(dumps({"t": "refused", "cid": None, "fatal": True, **body}))
            await ws.close(close)

    async def team_ws(ws: WebSocket) -> None:
        await ws.accept()
        msg = await hello(ws, p.TEAM)
        if msg is None:
            return
        lang = getattr(msg, "lang", "en")
        if not isinstance(msg, p.Hello):
            await turn_away(ws, views.session_error("no_hello", lang), 4400)
            return
        try:
            member = host.room.member(msg.token)
        except SessionError as exc:
            await turn_away(ws, views.refusal(exc, lang), 4401)
            return
        if hub.count(member.team) >= MAX_PER_TEAM or len(hub.clients) >= MAX_CONNECTIONS:
            await turn_away(ws, views.session_error("too_many_connections", lang, most=MAX_PER_TEAM), 4429)
            return
        await serve_client(ws, Client("team", msg.lang, member))

    async def projector_ws(ws: WebSocket) -> None:
        await ws.accept()
        msg = await hello(ws, p.PROJECTOR)
        if msg is None:
            return
        lang = getattr(msg, "lang", "en")
        if not isinstance(msg, p.ProjectorHello) or not host.room.key_ok(msg.key):
            await turn_away(ws, views.session_error("wrong_key", lang), 4401)
            return
        if len(hub.clients) >= MAX_CONNECTIONS:
            await turn_away(ws, views.session_error("too_many_connections", lang, most=MAX_CONNECTIONS), 4429)
            return
        await serve_client(ws, Client("projector", msg.lang))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> Any:
        await hub.start()
        try:
            yield
        finally:
            await hub.stop()

    app = Starlette(
        routes=[
            Route("/", join_page),
            Route("/team", team_page),
            Route("/projector", projector_page),
            Route("/api/room", room, methods=["POST"]),
            Route("/api/join", join, methods=["POST"]),
            Route("/font/ui.woff", font_file),
            Route("/healthz", healthz),
            WebSocketRoute("/ws", team_ws),
            WebSocketRoute("/ws/projector", projector_ws),
            Mount("/static", StaticFiles(directory=str(STATIC)), name="static"),
        ],
        middleware=[Middleware(Guard)],
        lifespan=lifespan,
    )
    app.state.hub = hub
    return app
