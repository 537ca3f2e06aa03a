"""FastAPI dependencies: the scorer and settings live on ``app.state``. Auth is not a dependency: it must run before
the body is parsed, so it is middleware (``auth.py``).

All ``async def``: FastAPI runs plain ``def`` dependencies in its thread pool, three thread hops per request.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from services.reward_server.errors import NotReady
from services.reward_server.scoring import Scorer
from services.reward_server.settings import ServerSettings


async def get_settings(request: Request) -> ServerSettings:
    return request.app.state.settings


async def get_scorer(request: Request) -> Scorer:
    scorer = getattr(request.app.state, "scorer", None)
    if scorer is None:
        raise NotReady("models are still loading", headers={"Retry-After": "2"})
    return scorer


SettingsDep = Annotated[ServerSettings, Depends(get_settings)]
ScorerDep = Annotated[Scorer, Depends(get_scorer)]
