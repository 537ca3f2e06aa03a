"""FastAPI dependencies: the scorer and settings live on ``app.state``; auth is a dependency on protected routers.

All ``async def``: FastAPI runs plain ``def`` dependencies in its thread pool, three thread hops per request.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request

from services.reward_server.errors import NotReady, Unauthorized
from services.reward_server.scoring import Scorer
from services.reward_server.settings import ServerSettings


async def get_settings(request: Request) -> ServerSettings:
    return request.app.state.settings


async def get_scorer(request: Request) -> Scorer:
    scorer = getattr(request.app.state, "scorer", None)
    if scorer is None:
        raise NotReady("models are still loading", headers={"Retry-After": "2"})
    return scorer


async def require_api_key(request: Request) -> None:
    """With DRIRL_API_KEY set, ask for ``Authorization: Bearer <key>`` (compared in constant time)."""
    key = request.app.state.settings.api_key
    if key is None:
        return
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    expected = key.get_secret_value().encode()
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), expected):
        raise Unauthorized("missing or invalid bearer token", headers={"WWW-Authenticate": "Bearer"})


SettingsDep = Annotated[ServerSettings, Depends(get_settings)]
ScorerDep = Annotated[Scorer, Depends(get_scorer)]
