"""POST /score and GET /v1/models: HTTP only; the work is the scorer's."""

from __future__ import annotations

from fastapi import APIRouter, Response

from services.reward_server.deps import ScorerDep, SettingsDep
from services.reward_server.errors import UNAUTHORIZED, error_responses
from services.reward_server.logs import request_id_var
from shared.categories import Category
from shared.schemas import (
    CategoryModelInfo,
    EncoderInfo,
    ModelsResponse,
    ScoreRequest,
    ScoreResponse,
)

router = APIRouter(tags=["scoring"])

_ERRORS = error_responses(
    {
        401: UNAUTHORIZED,
        413: "Too many items, or the body is too large.",
        422: "Invalid items; `param` names the field path.",
        503: "Not ready, the queue is full, or the server is shutting down (see Retry-After).",
    }
)


@router.post("/score", response_model=ScoreResponse, responses=_ERRORS, summary="Score (prompt, response) pairs")
async def score(body: ScoreRequest, scorer: ScorerDep) -> Response:
    """Score a batch with the category reward models and, with `scale: true`, the reward scaler.

    Items without a category are routed to the nearest category centroid. Items sharing a `group_id` form one GRPO
    group. Each item's `weight` is the coefficient α its trainer multiplies its *normalised* advantage by (a
    per-group constant on rewards cancels under std normalisation), and `reward = weight · raw_reward`. With
    `combine: product` (the default) α_ji = α^D_ji · α^M_j: α^D from how far the response's sentences are from the
    demonstration's, relative to its group, α^M from the group's reward gaps to the demonstration with outliers
    masked (`alpha_data`, `alpha_model`, `delta`, `reward_gap` carry the parts); a group of one has α = 1. With
    `combine: sum`, one additive weight per group (`hardness`, `responsiveness`). `scaling` picks the factors (both,
    data, model, none). Responses and demonstrations in Chain-of-Draft form count by their final part (after the
    `####` line). One failed item never fails the batch: it gets `error`. Texts may contain any character, NUL and
    other control characters included; they are scored as sent. With `categories: "all"` each result also carries
    `scores`, every category's raw reward for the item (for inspection); `raw_reward`, `weight` and `reward` stay
    those of the item's own category, with or without `scale`.
    """
    result = await scorer.score(body, request_id_var.get())
    # The scorer built a valid ScoreResponse; serialise it once instead of letting FastAPI re-validate it.
    return Response(result.model_dump_json(), media_type="application/json")


@router.get(
    "/v1/models",
    response_model=ModelsResponse,
    responses={401: _ERRORS[401], 503: _ERRORS[503]},
    summary="What is loaded",
)
async def models(scorer: ScorerDep, settings: SettingsDep) -> ModelsResponse:
    """Categories with checksums, backbones and training metadata; the encoder; the scaler's constants."""
    bank = scorer.bank
    m = bank.manifest
    return ModelsResponse(
        model_version=bank.model_version,
        schema_version=m.schema_version,
        categories=[
            CategoryModelInfo(
                name=c,
                description=c.description,
                subfolder=m.categories[c].subfolder,
                backbone=m.categories[c].backbone,
                sha256=m.categories[c].sha256,
                trained=m.categories[c].trained,
                mean_reference_reward=m.categories[c].mean_reference_reward,
                training={k: v for k, v in m.categories[c].training.items() if k != "curve"},
            )
            for c in Category
        ],
        encoder=EncoderInfo(source=m.encoder.source, sha256=m.encoder.sha256, dim=m.encoder.dim),
        scaler=scorer.scaler_params,
        dtype=str(bank.dtype).removeprefix("torch."),
        runtime=bank.runtime,
        quantize=bank.quantize,
    )
