"""Errors the server raises on purpose; each knows its HTTP status and wire type (see shared.schemas.ErrorResponse)."""

from __future__ import annotations


class DrirlError(Exception):
    status = 500
    type = "internal_error"

    def __init__(self, message: str, *, param: str | None = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.param = param
        self.headers = headers or {}


class InvalidInput(DrirlError):
    status = 422
    type = "validation_error"


class LimitExceeded(DrirlError):
    status = 413
    type = "limit_exceeded"


class Unauthorized(DrirlError):
    status = 401
    type = "unauthorized"


class NotReady(DrirlError):
    status = 503
    type = "not_ready"


class Overloaded(DrirlError):
    status = 503
    type = "overloaded"
