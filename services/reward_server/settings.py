"""The reward server's one settings object: every knob, its default and what it does (env prefix ``DRIRL_``)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, create_model, field_validator, model_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.batching import DEFAULT_MAX_BATCH_SIZE, DEFAULT_MAX_BATCH_TOKENS
from shared.schemas import ScalerParams

DEFAULT_MODEL_DIR = Path("var/models/default")


def _unset_means_manifest(params: type[BaseModel]) -> type[BaseModel]:
    """``params`` with every field optional, None meaning "the manifest's value"; bounds kept, descriptions reworded."""
    fields: dict[str, Any] = {}
    for name, field in params.model_fields.items():
        info = copy.copy(field)
        info.default = None
        info.annotation = field.annotation | None  # type: ignore[operator]
        info.description = f"Scaler {name} ({(field.description or name).rstrip('.')}); unset: the manifest's value."
        fields[name] = (info.annotation, info)
    return create_model(f"{params.__name__}Overrides", __config__=ConfigDict(extra="forbid"), **fields)


#: The scaler constants a server sets over its manifest's: ScalerParams, every field optional (one declaration).
ScalerOverrides = _unset_means_manifest(ScalerParams)


class ServerSettings(BaseSettings):
    """Settings of the reward server, read from ``DRIRL_*`` environment variables (or a ``.env`` file).

    Groups: where the models are; request limits; dynamic batching; compute; cache; the difficulty scaler (unset
    values fall back to the manifest's); security; HTTP.
    """

    # DRIRL_SCALER_ALPHA_PER sets scaler.alpha_per: only the first "_" after a field's name nests
    model_config = SettingsConfigDict(
        env_prefix="DRIRL_", env_file=".env", extra="ignore", env_nested_delimiter="_", env_nested_max_split=1
    )

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
    max_batch_size: int = Field(
        default=DEFAULT_MAX_BATCH_SIZE, ge=1, description="Most items in one forward pass (and per batch taken)."
    )
    max_batch_tokens: int | None = Field(
        default=DEFAULT_MAX_BATCH_TOKENS,
        ge=0,
        description="Most padded tokens (items × longest item) in one forward pass: a batch is sorted by token "
        "length and split so short and long items do not share padding; max_batch_size stays the item cap. 0: "
        "off, one forward per batch padded to its longest item.",
    )
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
        default="auto",
        description="auto: bfloat16 on CUDA, or on a CPU with AMX/AVX512-BF16 where a bfloat16 matmul measures "
        "faster (a probe, cached per CPU under DRIRL_CACHE_DIR), else float32.",
    )
    device: str = Field(default="auto", description="auto → cuda if available, else cpu.")
    num_threads: int | None = Field(
        default=None, ge=1, description="Intra-op threads of the runtime (torch, openvino, onnxruntime; default: all)."
    )
    forward_streams: int = Field(
        default=1,
        ge=1,
        le=64,
        description="Batches in their forwards at once, each on its own thread, the threads split between them "
        "(torch, onnxruntime: num_threads / streams each; openvino: its throughput hint with this many streams). "
        "Not with torch-compile. With openvino a forward that finds other streams idle is split across them and "
        "partial batches go one at a time. 2 on 2 AVX2-only EPYC cores: raw bs32 forwards 1.19x (torch), 1.22x "
        "(onnxruntime), 1.00x (openvino); 32 served clients no faster. 2 on 2 AMX cores (openvino, bfloat16): "
        "against vLLM 1.41x on one 512-item request (1 stream 1.39x), 1.36x at 32 clients (1.40x) "
        "(README, Reward-model runtimes).",
    )
    runtime: Literal["auto", "torch", "torch-compile", "openvino", "onnxruntime"] = Field(
        default="torch",
        description="Runtime of the reward models and the encoder: torch (eager), torch-compile (TorchInductor, "
        "compiled at every start: 90-104 s for the eight graphs on 2 AMD Zen 4 cores, 1.21x (bfloat16) to 2.00x "
        "(float32) eager there; 0.95x on an AVX2-only EPYC), openvino or onnxruntime "
        "(exports cached under DRIRL_CACHE_DIR, made at start-up when missing), auto (the fastest measured here at "
        "start-up; the measurement is cached).",
    )
    quantize: Literal["none", "int8"] = Field(
        default="none",
        description="int8: the reward models as onnxruntime dynamic quantisation; refused unless `drirl models "
        "export --quantize int8` measured a pairwise-ranking agreement with float32 of at least 0.99 on held-out "
        "pairs.",
    )
    cache_dir: Path = Field(
        default=Path("var/cache"),
        description="Where runtime exports (exports/) and auto's calibrations (runtime-calibration/) are cached.",
    )
    # -- cache
    redis_url: str | None = Field(
        default=None, description="redis://host:port/db; unset → a bounded in-process LRU cache."
    )
    cache_ttl_s: int = Field(default=7 * 24 * 3600, ge=1, description="TTL of cached rewards and embeddings.")
    lru_max_items: int = Field(default=200_000, ge=0, description="Size of the in-process cache (0 disables it).")
    redis_timeout_s: float = Field(default=0.25, gt=0, description="Socket timeout of each Redis call.")
    redis_backoff_max_s: float = Field(default=5.0, gt=0, description="Longest wait between reconnect attempts.")
    # (declarations alike in shape to shared/schemas.py's wire models; none of these settings is one of theirs)
    # -- scaler
    scaler: ScalerOverrides = Field(  # type: ignore[valid-type]
        default_factory=ScalerOverrides,
        description="Scaler constants over the manifest's, one DRIRL_SCALER_<NAME> each (see ScalerParams).",
    )
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
        w_min, w_max = self.scaler.w_min, self.scaler.w_max
        if w_min is not None and w_max is not None and w_min > w_max:
            raise ValueError(f"DRIRL_SCALER_W_MIN ({w_min}) must not exceed DRIRL_SCALER_W_MAX ({w_max})")
        return self

    def runtime_options(self) -> dict[str, Any]:
        """The settings that pick how the models run (ModelBank's and check_runtime_settings' keyword arguments)."""
        return {
            "device": self.device,
            "dtype": self.dtype,
            "runtime": self.runtime,
            "quantize": self.quantize,
            "cache_dir": self.cache_dir,
            "streams": self.forward_streams,
        }

    def scaler_overrides(self) -> dict[str, Any]:
        """The scaler constants set here, by ScalerParams field name."""
        return self.scaler.model_dump(exclude_none=True)


def setting_fields() -> Iterator[tuple[str, FieldInfo]]:
    """Every setting as (its environment variable, its field), the scaler's constants one by one."""
    for name, field in ServerSettings.model_fields.items():
        nested = (
            field.annotation if isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel) else None
        )
        if nested is None:
            yield f"DRIRL_{name.upper()}", field
        else:
            for sub, sub_field in nested.model_fields.items():
                yield f"DRIRL_{name.upper()}_{sub.upper()}", sub_field
