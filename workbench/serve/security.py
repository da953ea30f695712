"""What keeps the local editor to its user: a token, the Host header, and a CSRF secret.

* A random token in the URL the command prints (as Jupyter does), checked on every request; a
  request carrying it gets a cookie (``SameSite=Strict``, ``HttpOnly``) so the links of the pages
  need not repeat it.
* The ``Host`` header must name the address served (127.0.0.1, localhost, ::1 or the ``--host``
  given): a page of another site whose name an attacker points at 127.0.0.1 (DNS rebinding) sends
  its own name and is refused.
* Every write (POST) carries the page's CSRF secret in a header, which another site's page cannot
  read or send without a CORS preflight this server never answers; a foreign ``Origin`` is refused.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass, field

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

COOKIE = "workbench_token"
CSRF_HEADER = "x-workbench-csrf"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
# the headers of every answer: no framing by other sites, no inline script (an escaped entry that
# somehow were not escaped still cannot run), nothing sent to other sites
HEADERS = {
    "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                               "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
}


@dataclass
class Guard:
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    hosts: tuple[str, ...] = LOCAL_HOSTS

    @property
    def csrf(self) -> str:
        """The secret every write must carry: derived from the token, never the token itself (which the page's
        script must not need)."""
        return hmac.new(self.token.encode(), b"workbench csrf", "sha256").hexdigest()

    def host_allowed(self, host: str | None) -> bool:
        if not host:
            return False
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        name = name.strip("[]").lower()
        return name in self.hosts

    def token_ok(self, given: str | None) -> bool:
        return bool(given) and hmac.compare_digest(given.encode(), self.token.encode())

    def csrf_ok(self, given: str | None) -> bool:
        return bool(given) and hmac.compare_digest(given.encode(), self.csrf.encode())


class GuardMiddleware:
    """Refuses, before any route runs, a request with a foreign Host, without the token, or a write without
    the CSRF secret or from a foreign Origin."""

    def __init__(self, app: ASGIApp, guard: Guard):
        self.app, self.guard = app, guard

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self.refusal(scope, headers)
        if refusal is not None:
            await PlainTextResponse(refusal, status_code=403 if "Host" not in refusal else 400,
                                    headers=HEADERS)(scope, receive, send)
            return
        query_token = _query_value(scope.get("query_string", b"").decode("latin-1"), "token")

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                extra = [(k.encode(), v.encode()) for k, v in HEADERS.items()]
                if query_token:
                    extra.append((b"set-cookie", f"{COOKIE}={self.guard.token}; Path=/; HttpOnly; "
                                                 "SameSite=Strict".encode()))
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def refusal(self, scope: Scope, headers: dict[str, str]) -> str | None:
        guard = self.guard
        host = headers.get("host")
        if not guard.host_allowed(host):
            return f"refused: the Host header {host!r} is not this editor's address"
        token = _query_value(scope.get("query_string", b"").decode("latin-1"), "token") or _cookie(
            headers.get("cookie", ""), COOKIE)
        if not guard.token_ok(token):
            return "refused: open the URL with the token that 'workbench serve' printed"
        if scope["method"] not in ("GET", "HEAD"):
            origin = headers.get("origin")
            if origin and not guard.host_allowed(origin.split("://", 1)[-1]):
                return f"refused: a write from another site ({origin})"
            if not guard.csrf_ok(headers.get(CSRF_HEADER)):
                return "refused: a write without the page's CSRF secret"
        return None


def _query_value(query: str, name: str) -> str | None:
    from urllib.parse import parse_qs

    values = parse_qs(query).get(name)
    return values[0] if values else None


def _cookie(header: str, name: str) -> str | None:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None
