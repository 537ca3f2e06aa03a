"""Liveness, readiness and Prometheus metrics."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from shared.schemas import CacheStatus, HealthResponse, ReadyResponse

router = APIRouter(tags=["operations"])


@router.get("/healthz", response_model=HealthResponse, summary="Liveness")
async def healthz() -> HealthResponse:
    """200 while the process serves HTTP."""
    return HealthResponse()


@router.get(
    "/readyz",
    response_model=ReadyResponse,
    responses={503: {"model": ReadyResponse, "description": "Models not loaded yet."}},
    summary="Readiness",
)
async def readyz(request: Request) -> JSONResponse:
    """200 once models are loaded: `ready`, or `degraded` when the cache (Redis) is down; 503 `loading` before."""
    state = request.app.state
    scorer = getattr(state, "scorer", None)
    cache = getattr(state, "cache", None)
    cache_status = CacheStatus(backend=cache.backend if cache else "none", status=cache.state if cache else "ok")
    if scorer is None:
        body = ReadyResponse(status="loading", models_loaded=False, cache=cache_status)
        return JSONResponse(body.model_dump(mode="json"), status_code=503)
    status = "ready" if cache_status.status == "ok" else "degraded"
    body = ReadyResponse(status=status, models_loaded=True, model_version=scorer.model_version, cache=cache_status)
    return JSONResponse(body.model_dump(mode="json"))


@router.get(
    "/metrics",
    response_class=Response,
    summary="Prometheus metrics",
    responses={200: {"content": {"text/plain": {"example": "drirl_batch_size_count 42.0\n"}}}},
)
async def metrics(request: Request) -> Response:
    """Request count and latency, batch sizes, queue delay, cache hits/misses, per-category reward mean."""
    return Response(generate_latest(request.app.state.metrics.registry), media_type=CONTENT_TYPE_LATEST)
