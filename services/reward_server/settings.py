"""The reward server's one settings object: every knob, its default and what it does (env prefix ``DRIRL_``)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL_DIR = Path("var/models/default")


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
    # -- scaler (None → the manifest's value)
    scaler_alpha: float | None = Field(default=None, description="α, weight of data-level hardness.")
    scaler_beta: float | None = Field(default=None, description="β, weight of model-level responsiveness.")
    scaler_tau: float | None = Field(default=None, gt=0, description="τ, temperature of the responsiveness sigmoid.")
    scaler_w_min: float | None = Field(default=None, gt=0, description="Lower clip of the weight.")
    scaler_w_max: float | None = Field(default=None, gt=0, description="Upper clip of the weight.")
    # -- security
    api_key: SecretStr | None = Field(default=None, description="If set, every call needs `Authorization: Bearer`.")
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

    def scaler_overrides(self) -> dict[str, float]:
        """The scaler constants set here, by ScalerParams field name."""
        pairs = {
            "alpha": self.scaler_alpha,
            "beta": self.scaler_beta,
            "tau": self.scaler_tau,
            "w_min": self.scaler_w_min,
            "w_max": self.scaler_w_max,
        }
        return {k: v for k, v in pairs.items() if v is not None}
