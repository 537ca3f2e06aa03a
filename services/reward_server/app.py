"""The reward server's app factory: ``uvicorn services.reward_server.app:create_app --factory``.

Nothing heavy happens at import. ``lifespan`` loads the models (refusing a directory whose checksums do not match),
opens the cache, warms up and starts the batcher, each registered in an exit stack as it is made, so they are stopped
in reverse order after ``yield`` and also when a later step (the warm-up, say) fails.

Middleware, outermost first: request id and metrics; shutdown guard (503 while draining); CORS; API-key auth (401
before any body is read); body-size limit; then FastAPI's handlers (one error envelope for every failure).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager, suppress
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.reward_server.auth import ApiKeyAuth
from services.reward_server.batcher import Batcher, forward_threads
from services.reward_server.cache import Cache, MemoryCache, RedisCache
from services.reward_server.errors import DrirlError, envelope, send_error
from services.reward_server.logs import new_request_id, redact_access_log, request_id_var
from services.reward_server.metrics import Metrics
from services.reward_server.routes import apidocs, compat, health, score
from services.reward_server.scoring import EMBED_KIND, Limits, Scorer
from services.reward_server.settings import ServerSettings
from services.reward_server.shutdown import Drain, ShutdownGuard
from shared.categories import Category
from shared.model_bank import ModelBank
from shared.schemas import ScalerParams

log = logging.getLogger(__name__)

MAX_PROBLEMS = 10  # validation messages list at most this many problems


def create_app(settings: ServerSettings | None = None) -> FastAPI:
    settings = settings or ServerSettings()
    app = FastAPI(
        title="DR-IRL reward server",
        version="0.1.0",
        summary="Seven IRL-trained category reward models and a difficulty scaler behind a batched, cached /score.",
        lifespan=_lifespan,
        docs_url=None,  # served from local assets by routes/apidocs.py, not from a CDN
        redoc_url=None,
        openapi_tags=[
            {"name": "scoring", "description": "Rewards for (prompt, response) pairs, with difficulty weights."},
            {"name": "compat", "description": "Other trainers' reward protocols (OpenRLHF `--reward.remote_url`)."},
            {"name": "operations", "description": "Liveness, readiness and Prometheus metrics."},
        ],
    )
    app.state.settings = settings
    app.state.metrics = Metrics()
    app.state.drain = Drain(settings.shutdown_grace_s)
    app.include_router(score.router)  # with DRIRL_API_KEY set, ApiKeyAuth guards everything but auth.OPEN_PATHS
    app.include_router(compat.router)
    app.include_router(health.router)
    apidocs.add_docs(app)
    _register_error_handlers(app)
    redact_access_log()
    # add_middleware wraps: the last one added is the outermost.
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(ApiKeyAuth, api_key=settings.api_key)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
        )
    app.add_middleware(ShutdownGuard, drain=app.state.drain)
    app.add_middleware(RequestContext, metrics=app.state.metrics)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: ServerSettings = app.state.settings
    async with AsyncExitStack() as stack:  # each resource is registered as soon as it exists
        # Every torch op of the server runs on the forward threads, the models' load and warm-up included: a thread
        # that ran one keeps a GNU OpenMP team for the life of the process, and one team more than the cores hold
        # makes libgomp stop spinning between parallel regions: its workers sleep and wake around every op (here
        # 830-910 -> 90-105 voluntary context switches a second under 32 clients; the throughput change stayed within
        # the host's noise, README; the same effect cost the trainer 31-48 %, embedded.py).
        forward_pool = forward_threads(settings.forward_streams)
        stack.callback(forward_pool.shutdown, wait=True, cancel_futures=True)
        on_forward_thread = functools.partial(asyncio.get_running_loop().run_in_executor, forward_pool)
        bank = await on_forward_thread(
            functools.partial(
                ModelBank,
                settings.model_dir,
                max_seq_tokens=settings.max_seq_tokens,
                num_threads=settings.num_threads,
                max_batch_tokens=settings.max_batch_tokens,
                max_batch_size=settings.max_batch_size,
                **settings.runtime_options(),
            )
        )
        metrics: Metrics = app.state.metrics
        # a bank without token counters (a stand-in in tests, say) exposes none
        stack.callback(metrics.unwatch_tokens, metrics.watch_tokens(getattr(bank, "tokens", {})))
        cache: Cache
        if settings.redis_url:
            redis_cache = RedisCache(
                settings.redis_url,
                ttl_s=settings.cache_ttl_s,
                timeout_s=settings.redis_timeout_s,
                backoff_max_s=settings.redis_backoff_max_s,
                on_error=metrics.cache_errors.inc,
            )
            stack.push_async_callback(redis_cache.close)
            if not await redis_cache.ping():
                log.warning("redis at %s is not reachable at start; serving uncached until it is", settings.redis_url)
            monitor = asyncio.get_running_loop().create_task(redis_cache.monitor(), name="drirl-redis-monitor")
            stack.push_async_callback(_cancel, monitor)
            cache = redis_cache
        else:
            cache = MemoryCache(settings.lru_max_items)
            stack.push_async_callback(cache.close)
            log.info("no DRIRL_REDIS_URL: in-process LRU cache (%d items)", settings.lru_max_items)
        batching = settings.enable_batching
        batcher = Batcher(
            functools.partial(_forward, bank),
            max_batch_size=settings.max_batch_size if batching else 1,
            max_wait_s=settings.max_wait_ms / 1000 if batching else 0.0,
            max_queue_items=settings.max_queue_items,
            on_batch=metrics.observe_batch,
            sort_submitted=batching and bool(settings.max_batch_tokens),
            streams=settings.forward_streams,
            one_partial_batch=bank.spreads_lone_forwards,
            executor=forward_pool,
        )
        stack.push_async_callback(batcher.stop)  # also shuts its worker thread pool down if never started
        params = ScalerParams.model_validate({**bank.manifest.scaler.model_dump(), **settings.scaler_overrides()})
        limits = Limits(settings.max_items_per_request, settings.max_field_chars, settings.request_timeout_s)
        await on_forward_thread(_warmup, bank)
        batcher.start()
        app.state.cache = cache
        app.state.scorer = Scorer(bank, batcher, cache, metrics, limits, params)
        stack.callback(setattr, app.state, "scorer", None)
        log.info(
            "ready: model_version %s, runtime %s (%s), batching %s (max %d items, %s padded tokens, %.1f ms), cache %s",
            bank.model_version,
            bank.runtime,
            bank.scoring_settings["dtype"] if bank.quantize == "none" else bank.quantize,
            "on" if batching else "off",
            batcher.max_batch_size,
            settings.max_batch_tokens or "no limit on",
            settings.max_wait_ms,
            cache.backend,
        )
        yield


async def _cancel(task: asyncio.Task[None]) -> None:
    task.cancel()
    with suppress(asyncio.CancelledError):
        await task


def _forward(bank: ModelBank, kind: str, payloads: list[tuple[str, ...]]) -> list[Any]:
    """The batcher's blocking forward: a category's reward model, or the encoder."""
    if kind == EMBED_KIND:
        return list(bank.embed([p[0] for p in payloads]))
    return bank.score(Category(kind), [p[0] for p in payloads], [p[1] for p in payloads]).tolist()


def _warmup(bank: ModelBank) -> None:
    """One forward per model and shape class, so the first requests do not pay for kernel selection."""
    for n in (1, 8):
        for c in Category:
            bank.score(c, ["warm up"] * n, ["warm up"] * n)
        bank.embed(["warm up"] * n)


# --------------------------------------------------------------------------------------------------- middleware
# Plain ASGI middleware, as Starlette's own: each opens with the same pass-through of non-HTTP scopes (here, in
# BodySizeLimit and in shutdown.ShutdownGuard); what follows is each one's own.
class RequestContext:
    """Request id (X-Request-ID in, out, and on every log line) and request metrics, as plain ASGI."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = _header(scope, b"x-request-id")
        rid = rid[:64] if rid and rid.isprintable() else new_request_id()
        token = request_id_var.set(rid)
        status = 500
        t0 = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            route = scope.get("route")
            path = getattr(route, "path", None) or "unmatched"
            self.metrics.requests.labels(path, scope["method"], str(status)).inc()
            self.metrics.latency.labels(path).observe(time.perf_counter() - t0)
            request_id_var.reset(token)


class BodySizeLimit:
    """413 for bodies over the limit: by Content-Length before reading, or while streaming a chunked body."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = _header(scope, b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await send_error(
                send,
                413,
                "limit_exceeded",
                f"body of {length} bytes exceeds max_body_bytes={self.max_bytes} (DRIRL_MAX_BODY_BYTES)",
            )
            return
        seen = 0

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _BodyTooLarge(self.max_bytes)
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _BodyTooLarge:  # raised where no app exception handler saw it (e.g. a route reading the raw body)
            await send_error(send, 413, "limit_exceeded", _BodyTooLarge.message(self.max_bytes))


class _BodyTooLarge(StarletteHTTPException):
    """An HTTPException so FastAPI's body parsing re-raises it (it turns other exceptions into a bare 400)."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, self.message(max_bytes))

    @staticmethod
    def message(max_bytes: int) -> str:
        return f"body exceeds max_body_bytes={max_bytes} (DRIRL_MAX_BODY_BYTES)"


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


# --------------------------------------------------------------------------------------------------- errors
def _loc(loc: tuple[Any, ...]) -> str:
    """Dotted field path without FastAPI's leading "body" (the body itself: "body")."""
    parts = [str(p) for p in loc[1:]] if loc[:1] == ("body",) else [str(p) for p in loc]
    return ".".join(parts) or "body"


def _describe(err: dict[str, Any]) -> str:
    msg = err.get("msg", "invalid")
    if err.get("type") == "enum" and any(str(p) == "category" for p in err.get("loc", ())):
        given = str(err.get("input"))[:40]
        msg = f"unknown category {given!r}; valid: {', '.join(c.value for c in Category)}"
    elif err.get("type") == "extra_forbidden":
        msg = "unknown field"
    elif err.get("type") == "json_invalid":
        where = err.get("loc", ())[-1]
        msg = f"not valid JSON: {err.get('ctx', {}).get('error', 'decode error')} at character {where}"
    return msg


def _param(err: dict[str, Any]) -> str:
    # FastAPI puts bad JSON's character offset where a field path goes: the problem is the body itself.
    return "body" if err.get("type") == "json_invalid" else _loc(tuple(err.get("loc", ())))


def _unparsable(cause: BaseException) -> str:
    """Why FastAPI could not parse a body (it answers a bare 400 for these; for us they are bad input, 422)."""
    if isinstance(cause, UnicodeDecodeError):
        return f"body is not valid UTF-8 JSON: byte {cause.start}: {cause.reason}"
    if isinstance(cause, RecursionError):
        return "body is not valid JSON here: it nests deeper than the parser allows"
    return f"body could not be parsed ({type(cause).__name__})"


def _register_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        problems = [f"{_param(e)}: {_describe(e)}" for e in errors[:MAX_PROBLEMS]]
        more = f" (+{len(errors) - MAX_PROBLEMS} more)" if len(errors) > MAX_PROBLEMS else ""
        param = _param(errors[0]) if errors else "body"
        return JSONResponse(envelope("validation_error", "; ".join(problems) + more, param), 422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if isinstance(exc, _BodyTooLarge):
            return JSONResponse(envelope("limit_exceeded", str(exc.detail)), 413)
        if exc.status_code == 400 and exc.__cause__ is not None:  # FastAPI failed to parse the body
            return JSONResponse(envelope("validation_error", _unparsable(exc.__cause__), "body"), 422)
        type_ = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return JSONResponse(envelope(type_, str(exc.detail)), exc.status_code, headers=exc.headers)

    @app.exception_handler(DrirlError)
    async def _drirl(request: Request, exc: DrirlError) -> JSONResponse:
        return JSONResponse(envelope(exc.type, exc.message, exc.param), exc.status, headers=exc.headers)

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return JSONResponse(envelope("internal_error", "internal error; see the server log for this request id"), 500)
