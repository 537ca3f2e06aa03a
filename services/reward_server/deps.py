"""FastAPI dependencies: the scorer and settings live on ``app.state``; auth is a dependency on protected routers.

All ``async def``: FastAPI runs plain ``def`` dependencies in its thread pool, three thread hops per request.
"""

from __future__ import annotations

import base64
import binascii
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


def _presented_key(header: str) -> bytes:
    """The key in ``Authorization: Bearer <key>``, or the password of ``Basic base64(user:key)`` (how clients that
    cannot set headers, OpenRLHF's among them, send URL credentials ``http://user:key@host``)."""
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer":
        return token.strip().encode()
    if scheme.lower() == "basic":
        try:
            return base64.b64decode(token.strip(), validate=True).partition(b":")[2]
        except (binascii.Error, ValueError):
            return b""
    return b""


async def require_api_key(request: Request) -> None:
    """With DRIRL_API_KEY set, ask for the key as a bearer token or a Basic password (compared in constant time)."""
    key = request.app.state.settings.api_key
    if key is None:
        return
    presented = _presented_key(request.headers.get("authorization", ""))
    if not hmac.compare_digest(presented, key.get_secret_value().encode()):
        raise Unauthorized("missing or invalid bearer token", headers={"WWW-Authenticate": "Bearer"})


SettingsDep = Annotated[ServerSettings, Depends(get_settings)]
ScorerDep = Annotated[Scorer, Depends(get_scorer)]
