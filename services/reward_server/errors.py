"""Errors the server raises on purpose; each knows its HTTP status and wire type (see shared.schemas.ErrorResponse).

Also the envelope itself, for the handlers in ``app.py`` and for ASGI middleware that answers before FastAPI runs
(auth, body size, shutdown).
"""

from __future__ import annotations

import json
from typing import Any

from starlette.types import Send

from services.reward_server.logs import request_id_var
from shared.schemas import ErrorResponse


class DrirlError(Exception):
    status = 500
    type = "internal_error"

    def __init__(self, message: str, *, param: str | None = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.param = param
        self.headers = headers or {}


# One subclass per wire error type, each only its status and type: alike by design (app.py's handlers do the rest).
class InvalidInput(DrirlError):
    status = 422
    type = "validation_error"


class LimitExceeded(DrirlError):
    status = 413
    type = "limit_exceeded"


class NotReady(DrirlError):
    status = 503
    type = "not_ready"


class Overloaded(DrirlError):
    status = 503
    type = "overloaded"


#: What every route behind the API key documents for 401.
UNAUTHORIZED = (
    "DRIRL_API_KEY is set and the key (bearer token, or the password of Basic/URL credentials) is missing or wrong "
    "(checked before the body is read; a key in the query string is never accepted)."
)


def error_responses(descriptions: dict[int, str]) -> dict[int | str, dict[str, Any]]:
    """A route's ``responses=``: the error envelope (``ErrorResponse``) under each status, with its description."""
    return {status: {"model": ErrorResponse, "description": text} for status, text in descriptions.items()}


def envelope(type_: str, message: str, param: str | None = None) -> dict[str, Any]:
    """The one error body: ``{"error": {type, message, param, request_id}}``."""
    return {"error": {"type": type_, "message": message, "param": param, "request_id": request_id_var.get()}}


async def send_error(
    send: Send, status: int, type_: str, message: str, *, headers: dict[str, str] | None = None
) -> None:
    """Answer with the envelope from plain ASGI middleware (nothing of the request body is read)."""
    body = json.dumps(envelope(type_, message)).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})
