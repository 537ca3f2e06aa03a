"""Other trainers' reward protocols, answered by the same scorer: OpenRLHF's ``POST /get_reward``.

OpenRLHF's client (0.11.x, ``openrlhf/utils/agent.py``) posts each sample alone right after generating it, sends
no ``Authorization`` header, and on any error retries five times a second apart before giving up — and a sample
without a reward ends the run. So this route:

- rebuilds GRPO groups when asked (``?group_size=G``, G = ``--rollout.n_samples_per_prompt``;
  :mod:`services.reward_server.groups`), so the difficulty coefficient sees the whole group;
- holds a request while the server is overloaded or an item failed, retrying inside the server until
  ``DRIRL_GET_REWARD_DEADLINE_S`` (under the client's 180 s timeout), instead of answering 503 at once;
- takes the API key as HTTP Basic credentials too (``http://drirl:KEY@host:8000/get_reward``: aiohttp turns URL
  credentials into an ``Authorization: Basic`` header), checked before the body is read by ``auth.ApiKeyAuth``.
"""

from __future__ import annotations

import asyncio
import time
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from prometheus_client import Counter

from services.reward_server.deps import ScorerDep, SettingsDep
from services.reward_server.errors import UNAUTHORIZED, InvalidInput, Overloaded, error_responses
from services.reward_server.groups import GroupCollector, Member, group_members
from services.reward_server.logs import request_id_var
from services.reward_server.scoring import Scorer
from shared.adapters.openrlhf import split_query
from shared.categories import Category, parse_category
from shared.schemas import GetRewardRequest, GetRewardResponse, ItemResult, ScoreItem, ScoreRequest

router = APIRouter(tags=["compat"])

RETRY_S = 0.5  # pause between the server's own retries of an overloaded or failed score


def _category(labels: list[str | None] | None, i: int) -> Category | None:
    """OpenRLHF's ``labels`` carry whatever ``--label_key`` names; one of our category names is used, anything else
    (a reference answer, say) leaves the item to be routed."""
    label = labels[i] if labels is not None and i < len(labels) else None
    try:
        return parse_category(label) if label else None
    except ValueError:
        return None


def _items(body: GetRewardRequest) -> list[ScoreItem]:
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
    return items


async def score_patiently(
    scorer: Scorer, items: list[ScoreItem], deadline: float, retries: Counter | None = None
) -> list[ItemResult]:
    """Score ``items`` (their groups as given), retrying overload and failed items until ``deadline``; each retry
    counts in ``retries`` (a counter labelled by reason).

    Raises:
        Overloaded: still overloaded, or some item still failing, at the deadline.
    """
    while True:
        try:
            results = (await scorer.score(ScoreRequest(items=items, scale=True), request_id_var.get())).results
        except Overloaded:
            if time.monotonic() + RETRY_S >= deadline:
                raise
            reason = "overloaded"
        else:
            failed = [i for i, r in enumerate(results) if r.error is not None]
            if not failed:
                return results
            if time.monotonic() + RETRY_S >= deadline:  # OpenRLHF has no "no reward": a fake 0 would be trained on
                raise Overloaded(
                    f"{len(failed)} of {len(items)} items could not be scored (first: {failed[0]}: "
                    f"{results[failed[0]].error.code}); retry",  # type: ignore[union-attr]
                    headers={"Retry-After": "1"},
                )
            reason = "item_error"
        if retries is not None:
            retries.labels(reason).inc()
        await asyncio.sleep(RETRY_S)


def _collector(request: Request, wait_s: float) -> GroupCollector:
    state = request.app.state
    if getattr(state, "get_reward_groups", None) is None:
        state.get_reward_groups = GroupCollector(wait_s=wait_s)
    return state.get_reward_groups


@router.post(
    "/get_reward",
    response_model=GetRewardResponse,
    summary="OpenRLHF remote reward model",
    responses=error_responses(
        {
            401: UNAUTHORIZED,
            413: "Too many queries.",
            422: "A query cannot be split into prompt and response.",
            503: "Not ready, or still overloaded / failing at the deadline.",
        }
    ),
)
async def get_reward(
    body: GetRewardRequest,
    scorer: ScorerDep,
    settings: SettingsDep,
    request: Request,
    group_size: Annotated[
        int | None,
        Query(
            ge=1,
            le=4096,
            description="Samples per prompt (OpenRLHF `--rollout.n_samples_per_prompt`): queries of one prompt are "
            "held until this many arrived (or DRIRL_GET_REWARD_GROUP_WAIT_S passed) and scored as one group. "
            "Omitted: each query is its own group.",
        ),
    ] = None,
    reward: Annotated[
        Literal["scaled", "grpo_s"],
        Query(
            description="scaled: w · raw_reward. grpo_s: the GRPO-S advantage α·(r − mean r)/(std r + 1e-6) within "
            "the group (needs group_size; train with `--algo.advantage.estimator dr_grpo`, whose own mean "
            "subtraction then changes nothing when α is constant in the group).",
        ),
    ] = "scaled",
) -> GetRewardResponse:
    """OpenRLHF's `--reward.remote_url` protocol: templated `query` (prompt + response) in, one reward each out.

    Prompts and responses are recovered from the chat template (or from `prompts`); `labels` may carry our
    category names (anything else is ignored and the item routed). Query parameters: `group_size=G` holds the
    queries of one prompt until G have arrived (OpenRLHF posts each sample alone) and scores them as one group;
    `reward=grpo_s` (with `group_size`) returns the GRPO-S advantage α·(r − mean r)/(std r + 1e-6) of each
    sample instead of w · raw_reward. While the server is overloaded, or an item fails, the request waits and is
    retried inside the server up to DRIRL_GET_REWARD_DEADLINE_S before a 503. The key may come as a bearer token or
    as HTTP Basic credentials (`http://drirl:KEY@host:8000/get_reward`).
    """
    if reward == "grpo_s" and group_size is None:
        raise InvalidInput("reward=grpo_s needs group_size (the samples per prompt)", param="reward")
    items = _items(body)
    deadline = time.monotonic() + settings.get_reward_deadline_s
    retries = request.app.state.metrics.get_reward_retries
    if group_size is None:
        results = await score_patiently(scorer, items, deadline, retries)
        members = [group_members([r])[0] for r in results]  # each query its own group
    else:
        collector = _collector(request, settings.get_reward_group_wait_s)

        async def score(group: list[ScoreItem]) -> list[ItemResult]:
            return await score_patiently(scorer, group, deadline, retries)

        members = await asyncio.gather(
            *(collector.submit(f"{it.category}\0{it.prompt}", group_size, it, score) for it in items)
        )
    return _response(members, reward)


def _response(members: list[Member], reward: str) -> GetRewardResponse:
    results = [m.result for m in members]
    scaled = [float(r.reward) for r in results]  # type: ignore[arg-type]
    rewards = [m.advantage for m in members] if reward == "grpo_s" else scaled
    return GetRewardResponse(
        rewards=rewards,
        scores=rewards,
        extra_logs={
            "raw_reward": [float(r.raw_reward) for r in results],  # type: ignore[arg-type]
            "weight": [float(r.weight) for r in results],  # type: ignore[arg-type]
            "group_size": [float(m.group_size) for m in members],
        },
    )
