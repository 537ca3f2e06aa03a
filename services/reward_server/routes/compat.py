"""Other trainers' reward protocols, answered by the same scorer: OpenRLHF's ``POST /get_reward``."""

from __future__ import annotations

from fastapi import APIRouter

from services.reward_server.deps import ScorerDep
from services.reward_server.errors import InvalidInput, Overloaded
from services.reward_server.logs import request_id_var
from shared.adapters.openrlhf import split_query
from shared.categories import Category, parse_category
from shared.schemas import ErrorResponse, GetRewardRequest, GetRewardResponse, ScoreItem, ScoreRequest

router = APIRouter(tags=["compat"])


def _category(labels: list[str | None] | None, i: int) -> Category | None:
    """OpenRLHF's ``labels`` carry whatever ``--label_key`` names; one of our category names is used, anything else
    (a reference answer, say) leaves the item to be routed."""
    label = labels[i] if labels is not None and i < len(labels) else None
    try:
        return parse_category(label) if label else None
    except ValueError:
        return None


@router.post(
    "/get_reward",
    response_model=GetRewardResponse,
    summary="OpenRLHF remote reward model",
    responses={
        413: {"model": ErrorResponse, "description": "Too many queries."},
        422: {"model": ErrorResponse, "description": "A query cannot be split into prompt and response."},
        503: {"model": ErrorResponse, "description": "Not ready, overloaded, or some items could not be scored."},
    },
)
async def get_reward(body: GetRewardRequest, scorer: ScorerDep) -> GetRewardResponse:
    """OpenRLHF's `--remote_rm_url` protocol: templated `query` (prompt + response) in, one reward each out.

    Prompts and responses are recovered from the chat template (or from `prompts`); `labels` may carry our
    category names (anything else is ignored and the item routed). Each query is its own group; `rewards` are
    w · raw_reward.
    """
    if body.prompts is not None and len(body.prompts) != len(body.query):
        raise InvalidInput(f"{len(body.prompts)} prompts for {len(body.query)} queries", param="prompts")
    items = []
    for i, q in enumerate(body.query):
        try:
            prompt, response = split_query(q, body.prompts[i] if body.prompts else None)
        except ValueError as e:
            raise InvalidInput(f"query {i}: {e}", param=f"query.{i}") from None
        if not prompt:
            raise InvalidInput(f"query {i} has an empty user prompt", param=f"query.{i}")
        items.append(ScoreItem(prompt=prompt, response=response, category=_category(body.labels, i)))
    result = await scorer.score(ScoreRequest(items=items, scale=True), request_id_var.get())
    failed = [i for i, r in enumerate(result.results) if r.error is not None]
    if failed:  # OpenRLHF has no "no reward" value; a 503 makes its client retry instead of training on a fake 0
        raise Overloaded(
            f"{len(failed)} of {len(items)} items could not be scored (first: {failed[0]}); retry",
            headers={"Retry-After": "1"},
        )
    rewards = [float(r.reward) for r in result.results]  # type: ignore[arg-type]
    return GetRewardResponse(
        rewards=rewards,
        scores=rewards,
        extra_logs={
            "raw_reward": [float(r.raw_reward) for r in result.results],  # type: ignore[arg-type]
            "weight": [float(r.weight) for r in result.results],
        },  # type: ignore[arg-type]
    )
