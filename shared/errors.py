"""Errors raised by the reward client.

::

    RewardError                  anything the client could not turn into per-item results
    ├── RewardUnavailable        connect error, timeout, 429 or 5xx until the call's deadline passed (retryable)
    ├── RewardRejected           4xx: the request itself is wrong; carries the server's ErrorResponse
    └── RewardProtocolError      the server answered something that is not the contract (wrong JSON, wrong length)

Per-item failures are *not* exceptions: they come back as ``ItemResult.error`` inside a successful call.
"""

from __future__ import annotations

from shared.schemas import ErrorResponse


class RewardError(Exception):
    """Base class of reward-client errors."""


class RewardUnavailable(RewardError):
    """The server could not be reached or kept failing until the deadline."""

    def __init__(self, message: str, *, attempts: int, last_status: int | None = None) -> None:
        super().__init__(message)
        self.attempts = attempts
        self.last_status = last_status


class RewardRejected(RewardError):
    """The server refused the request (4xx); retrying the same request cannot help."""

    def __init__(self, status: int, error: ErrorResponse | None, body: str = "") -> None:
        detail = error.error.message if error is not None else body[:300]
        param = f" (param: {error.error.param})" if error is not None and error.error.param else ""
        super().__init__(f"HTTP {status}: {detail}{param}")
        self.status = status
        self.error = error


class RewardProtocolError(RewardError):
    """The server's answer does not match the wire schema."""
