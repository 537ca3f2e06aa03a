"""Graceful shutdown: after SIGTERM, requests in flight get ``shutdown_grace_s`` to finish; then each one still
running (and any that arrives meanwhile) gets the JSON 503 envelope with ``Retry-After``, never uvicorn's plain-text
500 and its ERROR traceback.

:class:`DrainingServer` is the uvicorn server ``drirl-server`` runs: it starts the :class:`Drain` when uvicorn begins
shutting down, and gives uvicorn's own ``timeout_graceful_shutdown`` a margin past the grace period, so that uvicorn's
cancellation is only a backstop. :class:`ShutdownGuard` (middleware) turns either cancellation into the 503.
"""

from __future__ import annotations

import asyncio
import logging
import socket
from typing import TYPE_CHECKING, Any

import uvicorn
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.reward_server.errors import send_error

if TYPE_CHECKING:
    from services.reward_server.settings import ServerSettings

log = logging.getLogger(__name__)

#: uvicorn's own deadline is the grace period plus this: time for the 503s to be written and the tasks to end.
BACKSTOP_MARGIN_S = 3.0
_RETRY = {"Retry-After": "1", "Connection": "close"}


class Drain:
    """Shutdown state shared by the server and the middleware; every method runs on the event loop."""

    def __init__(self, grace_s: float) -> None:
        self.grace_s = grace_s
        self.draining = False
        self._in_flight: set[asyncio.Task[object]] = set()

    def begin(self) -> None:
        if self.draining:
            return
        self.draining = True
        log.info("shutting down: %d request(s) in flight get %.1fs to finish", len(self._in_flight), self.grace_s)
        asyncio.get_running_loop().call_later(self.grace_s, self._expire)

    def _expire(self) -> None:
        if self._in_flight:
            log.warning("grace period of %.1fs over: answering %d request(s) 503", self.grace_s, len(self._in_flight))
        for task in list(self._in_flight):
            task.cancel(msg="shutdown grace period over")

    def track(self, task: asyncio.Task[object]) -> None:
        self._in_flight.add(task)

    def untrack(self, task: asyncio.Task[object]) -> None:
        self._in_flight.discard(task)


class ShutdownGuard:
    """503 for requests arriving while draining; a cancelled request still without a response gets the 503 too."""

    def __init__(self, app: ASGIApp, drain: Drain) -> None:
        self.app = app
        self.drain = drain

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.drain.draining:
            await send_error(send, 503, "not_ready", "server is shutting down; retry", headers=_RETRY)
            return
        task = asyncio.current_task()
        assert task is not None
        started = False

        async def tracked_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        self.drain.track(task)
        try:
            await self.app(scope, receive, tracked_send)
        except asyncio.CancelledError:
            # Only shutdown cancels a request task (uvicorn reports a client going away through `receive`). With no
            # response begun, answer it and end the task normally: re-raising would make uvicorn log an ERROR
            # traceback and send its plain-text 500.
            if started:
                raise
            await send_error(
                send, 503, "not_ready", "server is shutting down; the request was not finished: retry", headers=_RETRY
            )
        finally:
            self.drain.untrack(task)


class DrainingServer(uvicorn.Server):
    """uvicorn's server, starting the app's :class:`Drain` as soon as shutdown begins."""

    def __init__(self, config: uvicorn.Config, drain: Drain) -> None:
        super().__init__(config)
        self.drain = drain

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self.drain.begin()
        await super().shutdown(sockets)


def backstop_s(grace_s: float) -> float:
    """uvicorn's ``timeout_graceful_shutdown`` for a grace period."""
    return grace_s + BACKSTOP_MARGIN_S


def draining_server(app: Any, settings: ServerSettings, **config: Any) -> DrainingServer:
    """The server ``drirl-server`` and the embedded server run: ``app`` (from ``create_app(settings)``) on
    ``settings.host:port``, uvicorn's own shutdown deadline a backstop past the grace period; ``config``: any other
    ``uvicorn.Config`` argument."""
    options = {"log_config": None, "timeout_graceful_shutdown": backstop_s(settings.shutdown_grace_s), **config}
    return DrainingServer(uvicorn.Config(app, host=settings.host, port=settings.port, **options), app.state.drain)
