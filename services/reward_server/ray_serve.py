"""The reward server as a Ray Serve deployment: ``serve run configs/ray_serve.yaml`` (needs the ``ray`` extra).

Each replica is the FastAPI app of ``drirl-server`` — the same :func:`~services.reward_server.app.create_app`, routes,
error envelope and metrics — wrapped by ``serve.ingress``. Serve runs the app's lifespan in the replica before the
replica takes traffic, so every replica loads the models once, opens its own Redis pool and starts its own batcher;
replicas share the cache through the Redis that ``redis_url`` (or ``DRIRL_REDIS_URL``) names. Replicas, autoscaling
and CPUs per replica live in the config file, not here.

Settings: the application's ``args`` in the config, ``{"settings": {<ServerSettings field>: value, ...}}``, over the
``DRIRL_*`` variables each replica sees (``runtime_env.env_vars`` in the config, or the environment of
``ray start``). They are checked once when the application is built, so a typo fails ``serve run`` with the
settings error instead of every replica failing at start. ``host`` and ``port`` are not used: Serve's
``http_options`` decide where the proxy listens.

Import this module only where ray is installed; nothing else in the project imports it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from ray import serve
from ray.serve import Application

from services.reward_server.app import create_app
from services.reward_server.settings import ServerSettings

DEPLOYMENT_NAME = "RewardServer"


class ServeArgs(BaseModel):
    """The application's ``args`` in a Serve config (``serve run`` checks them before deploying)."""

    model_config = ConfigDict(extra="forbid")

    settings: dict[str, Any] = Field(
        default_factory=dict, description="ServerSettings fields (model_dir, redis_url, max_batch_size, ...)."
    )


@serve.deployment(
    name=DEPLOYMENT_NAME,
    # our batcher merges concurrent requests into one forward: a replica needs many requests in flight at once,
    # not Serve's default of 5 (the config file can lower it)
    max_ongoing_requests=256,
    health_check_period_s=10,
    graceful_shutdown_timeout_s=30,
)
@serve.ingress()
class RewardServer:
    """One replica: builds the app in the replica (Serve then runs its lifespan: models, Redis, batcher)."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self._settings = ServerSettings(**settings)
        self._app: FastAPI | None = None

    def __serve_build_asgi_app__(self) -> FastAPI:
        self._app = create_app(self._settings)
        return self._app

    def check_health(self) -> None:
        """Serve's health probe: raise once the app has stopped serving (its scorer is gone after shutdown)."""
        if self._app is not None and getattr(self._app.state, "scorer", None) is None:
            raise RuntimeError("the reward server's scorer is not running")


def resolve_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """Validate ``settings`` as ServerSettings would in a replica; a relative ``model_dir`` becomes absolute.

    Raises:
        ValueError: the settings are invalid (the message names the field).
    """
    try:
        ServerSettings(**settings)
    except ValidationError as e:
        raise ValueError(f"invalid reward-server settings in the Serve config's args: {e}") from None
    out = dict(settings)
    if "model_dir" in out:
        # replicas may start in another working directory; a path on a shared file system is the same everywhere
        out["model_dir"] = str(Path(out["model_dir"]).resolve())
    return out


def build_app(args: dict[str, Any]) -> Application:
    """Serve's application builder (``import_path: services.reward_server.ray_serve:build_app``).

    Raises:
        ValueError: unknown keys in ``args`` or invalid settings.
    """
    try:
        parsed = ServeArgs.model_validate(args or {})
    except ValidationError as e:
        raise ValueError(f"invalid args for the reward server's Serve application: {e}") from None
    return RewardServer.bind(resolve_settings(parsed.settings))  # type: ignore[attr-defined]  # a Deployment now
