"""The reward server's one settings object: every knob, its default and what it does (env prefix ``DRIRL_``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.schemas import CombineRule, ScalerParams

DEFAULT_MODEL_DIR = Path("var/models/default")


def _scaler_help(name: str) -> str:
    description = ScalerParams.model_fields[name].description or name
    return f"Scaler {name} ({description.rstrip('.')}); unset: the manifest's value."


class ServerSettings(BaseSettings):
    """Settings of the reward server, read from ``DRIRL_*`` environment variables (or a ``.env`` file).

    Groups: where the models are; request limits; dynamic batching; compute; cache; the difficulty scaler (unset
    values fall back to the manifest's); security; HTTP.
    """

    model_config = SettingsConfigDict(env_prefix="DRIRL_", env_file=".env", extra="ignore")

    # -- models
    model_dir: Path = Field(
        default=DEFAULT_MODEL_DIR,
        description="Model directory with manifest.json (build one with `drirl models init` or `drirl irl train`).",
    )
    # -- request limits
    max_items_per_request: int = Field(default=1024, ge=1, description="More items → 413.")
    max_field_chars: int = Field(default=16_384, ge=1, description="Longer prompt/response/reference → 422.")
    max_body_bytes: int = Field(
        default=64 * 1024 * 1024, ge=1024, description="Larger request bodies → 413 before they are read."
    )
    max_seq_tokens: int = Field(
        default=512, ge=16, le=512, description="Reward-model input tokens; longer pairs are truncated."
    )
    # -- batching
    enable_batching: bool = Field(default=True, description="Group items across requests (false: one forward each).")
    max_batch_size: int = Field(default=64, ge=1, description="Most items in one forward pass.")
    max_wait_ms: float = Field(default=5.0, ge=0, description="How long the batcher waits to fill a batch.")
    max_queue_items: int = Field(default=65_536, ge=1, description="Items waiting beyond this → 503 Retry-After.")
    request_timeout_s: float = Field(default=60.0, gt=0, description="An item still queued after this → timeout.")
    # -- OpenRLHF's /get_reward (its client gives up after 5 tries a second apart, each up to 180 s)
    get_reward_deadline_s: float = Field(
        default=150.0,
        gt=0,
        le=175,
        description="/get_reward waits out overload and failed items, retrying inside the server, this long "
        "before it answers 503.",
    )
    get_reward_group_wait_s: float = Field(
        default=60.0,
        gt=0,
        description="With ?group_size=G, a prompt's group still short of G items after this is scored as it is.",
    )
    # -- compute
    dtype: Literal["auto", "float32", "bfloat16"] = Field(
        default="auto", description="auto: bfloat16 where the CPU has AMX/AVX512-BF16 or on CUDA, else float32."
    )
    device: str = Field(default="auto", description="auto → cuda if available, else cpu.")
    num_threads: int | None = Field(default=None, ge=1, description="torch intra-op threads (default: all cores).")
    # -- cache
    redis_url: str | None = Field(
        default=None, description="redis://host:port/db; unset → a bounded in-process LRU cache."
    )
    cache_ttl_s: int = Field(default=7 * 24 * 3600, ge=1, description="TTL of cached rewards and embeddings.")
    lru_max_items: int = Field(default=200_000, ge=0, description="Size of the in-process cache (0 disables it).")
    redis_timeout_s: float = Field(default=0.25, gt=0, description="Socket timeout of each Redis call.")
    redis_backoff_max_s: float = Field(default=5.0, gt=0, description="Longest wait between reconnect attempts.")
    # -- scaler (None → the manifest's value; descriptions are ScalerParams')
    scaler_combine: CombineRule | None = Field(default=None, description=_scaler_help("combine"))
    scaler_alpha_per: Literal["item", "group"] | None = Field(default=None, description=_scaler_help("alpha_per"))
    scaler_gap_sign: Literal["demo_minus_response", "response_minus_demo"] | None = Field(
        default=None, description=_scaler_help("gap_sign")
    )
    scaler_mask_kappa: float | None = Field(default=None, ge=0, description=_scaler_help("mask_kappa"))
    scaler_mask_tau: float | None = Field(default=None, ge=0, description=_scaler_help("mask_tau"))
    scaler_alpha_model_max: float | None = Field(default=None, gt=0, description=_scaler_help("alpha_model_max"))
    scaler_max_sentences: int | None = Field(default=None, ge=1, description=_scaler_help("max_sentences"))
    scaler_alpha: float | None = Field(default=None, description=_scaler_help("alpha"))
    scaler_beta: float | None = Field(default=None, description=_scaler_help("beta"))
    scaler_tau: float | None = Field(default=None, gt=0, description=_scaler_help("tau"))
    scaler_w_min: float | None = Field(default=None, gt=0, description=_scaler_help("w_min"))
    scaler_w_max: float | None = Field(default=None, gt=0, description=_scaler_help("w_max"))
    # -- security
    api_key: SecretStr | None = Field(
        default=None,
        description="If set, every call but the probes, metrics and docs needs it: `Authorization: Bearer <key>`, or "
        "as the password of Basic credentials (`http://drirl:KEY@host`).",
    )
    cors_origins: list[str] = Field(default_factory=list, description="Allowed CORS origins (default: CORS off).")
    # -- HTTP
    host: str = Field(default="127.0.0.1", description="Bind address of drirl-server.")
    port: int = Field(default=8000, ge=0, le=65535, description="Port of drirl-server.")
    shutdown_grace_s: float = Field(
        default=10.0,
        ge=0,
        description="After SIGTERM, how long requests in flight may take to finish; then each gets 503 Retry-After.",
    )
    log_level: str = Field(default="info", description="Python logging level name.")

    @field_validator("redis_url")
    @classmethod
    def _check_redis_url(cls, v: str | None) -> str | None:
        if v in (None, ""):
            return None
        if not v.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError(f"DRIRL_REDIS_URL must start with redis://, rediss:// or unix:// (got {v!r})")
        return v

    @model_validator(mode="after")
    def _check_scaler_clip(self) -> ServerSettings:
        if self.scaler_w_min is not None and self.scaler_w_max is not None and self.scaler_w_min > self.scaler_w_max:
            raise ValueError(
                f"DRIRL_SCALER_W_MIN ({self.scaler_w_min}) must not exceed DRIRL_SCALER_W_MAX ({self.scaler_w_max})"
            )
        return self

    def scaler_overrides(self) -> dict[str, Any]:
        """The scaler constants set here, by ScalerParams field name (a ``scaler_<name>`` setting for each)."""
        values = {name: getattr(self, f"scaler_{name}") for name in ScalerParams.model_fields}
        return {k: v for k, v in values.items() if v is not None}
