"""API-key auth as plain ASGI middleware: with DRIRL_API_KEY set, a request without the right key gets 401 before
anything reads, parses or validates its body (a dependency would run only after FastAPI parsed it).

Open without a key: the probes and metrics (``/healthz``, ``/readyz``, ``/metrics``) and the API docs. A key is only
ever read from the ``Authorization`` header: as ``Bearer <key>``, or as the password of ``Basic base64(user:key)``
(how clients that cannot set headers send URL credentials ``http://drirl:KEY@host``: OpenRLHF's aiohttp client turns
them into that header). One sent in the query string is refused like a missing one (and the access log redacts query
strings, see ``logs.RedactQueryString``).
"""

from __future__ import annotations

import base64
import binascii
import hmac
from urllib.parse import parse_qsl

from pydantic import SecretStr
from starlette.types import ASGIApp, Receive, Scope, Send

from services.reward_server.errors import send_error

OPEN_PATHS = frozenset({"/healthz", "/readyz", "/metrics", "/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json"})
OPEN_PREFIXES = ("/docs-assets/",)
_QUERY_KEY_NAMES = frozenset({"api_key", "apikey", "key", "token", "access_token"})


def is_open(path: str) -> bool:
    return path in OPEN_PATHS or path.startswith(OPEN_PREFIXES)


def presented_key(header: bytes) -> bytes:
    """The key in an ``Authorization`` header value: the token of ``Bearer <key>``, or the password of
    ``Basic base64(user:key)`` (the user name is ignored; the password may itself hold ':'); ``b""`` for anything
    else, undecodable Basic credentials included."""
    scheme, _, token = header.partition(b" ")
    if scheme.lower() == b"bearer":
        return token.strip()
    if scheme.lower() == b"basic":
        try:
            return base64.b64decode(token.strip(), validate=True).partition(b":")[2]
        except (binascii.Error, ValueError):
            return b""
    return b""


def _authorization(scope: Scope) -> bytes:
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            return value
    return b""


class ApiKeyAuth:
    """401 + ``WWW-Authenticate: Bearer`` unless the bearer token or Basic password matches (in constant time)."""

    def __init__(self, app: ASGIApp, api_key: SecretStr | None) -> None:
        self.app = app
        self._expected = api_key.get_secret_value().encode() if api_key is not None else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self._expected is None or is_open(scope["path"]):
            await self.app(scope, receive, send)
            return
        if hmac.compare_digest(presented_key(_authorization(scope)), self._expected):
            await self.app(scope, receive, send)
            return
        message = "missing or invalid API key (send `Authorization: Bearer <key>` or Basic credentials)"
        query = scope.get("query_string", b"").decode("latin-1")
        if any(name.lower() in _QUERY_KEY_NAMES for name, _ in parse_qsl(query, keep_blank_values=True)):
            message += "; keys are never read from the query string: send `Authorization: Bearer <key>`"
        await send_error(send, 401, "unauthorized", message, headers={"WWW-Authenticate": "Bearer"})
