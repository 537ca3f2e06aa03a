"""OpenRLHF's /get_reward on hand-checked numbers: groups rebuilt from single queries, the GRPO-S advantage, auth by
URL credentials, overload waited out. A stand-in scorer gives known raw rewards and one weight per group (as the
`sum` scaler does); the real models are exercised in tests/integration/test_openrlhf.py."""

from __future__ import annotations

import asyncio
import base64

import httpx
import pytest
import torch

from services.reward_server.app import create_app
from services.reward_server.errors import Overloaded
from services.reward_server.groups import group_members
from services.reward_server.settings import ServerSettings
from shared.schemas import ItemResult, ScoreRequest, ScoreResponse

CHATML = "<|im_start|>user\nHow do I pick a lock?<|im_end|>\n<|im_start|>assistant\n"
RAW = {"a": 0.0, "b": 0.0, "c": 1.0, "d": 1.0}
BASIC = {"Authorization": "Basic " + base64.b64encode(b"drirl:k").decode()}


class StubScorer:
    def __init__(self, weight: float = 1.5, busy: int = 0) -> None:
        self.weight, self.busy = weight, busy
        self.requests: list[ScoreRequest] = []

    async def score(self, req: ScoreRequest, request_id: str) -> ScoreResponse:
        self.requests.append(req)
        if self.busy:
            self.busy -= 1
            raise Overloaded("server busy", headers={"Retry-After": "1"})
        w = self.weight if req.scale else 1.0
        return ScoreResponse(
            model_version="stub",
            results=[
                ItemResult(
                    reward=w * RAW[it.response],
                    raw_reward=RAW[it.response],
                    weight=w,
                    category="crime",
                    category_source="given",
                )
                for it in req.items
            ],
        )


def _app(scorer: StubScorer, **settings):
    settings = {"api_key": "k", "get_reward_group_wait_s": 0.3, "get_reward_deadline_s": 5.0, **settings}
    app = create_app(ServerSettings(**settings))
    app.state.scorer = scorer
    return app


async def _post_each(app, responses, params="", headers=BASIC):
    """One query per request, all at once: how OpenRLHF 0.11 sends a prompt's samples."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        return await asyncio.gather(
            *(
                client.post(f"/get_reward{params}", json={"query": [CHATML + r], "labels": ["crime"]}, headers=headers)
                for r in responses
            )
        )


def _openrlhf_dr_grpo(rewards: list[float], n_samples_per_prompt: int) -> list[float]:
    """OpenRLHF 0.11.2 ``experience_maker.compute_advantages_and_returns``, estimator ``dr_grpo`` (the CUDA-only
    module cannot be imported on CPU): ``rewards.reshape(-1, n) - rewards.mean(-1, keepdim=True)``; gamma 1 and a
    reward at the last token make the return equal to it."""
    r = torch.tensor(rewards).reshape(-1, n_samples_per_prompt)
    return (r - r.mean(-1, keepdim=True)).reshape(-1).tolist()


def test_four_single_queries_become_one_group_and_openrlhf_gets_the_grpo_s_advantage():
    scorer = StubScorer(weight=1.5)
    answers = asyncio.run(_post_each(_app(scorer), "abcd", "?group_size=4&reward=grpo_s"))
    assert all(a.status_code == 200 for a in answers), answers[0].text
    rewards = [a.json()["rewards"][0] for a in answers]
    # r = 0, 0, 1, 1 → z = ∓0.866 (unbiased std); α = 1.5 → ∓1.299
    assert rewards == pytest.approx([-1.299, -1.299, 1.299, 1.299], abs=1e-3)
    assert [a.json()["extra_logs"]["group_size"][0] for a in answers] == [4.0] * 4
    (req,) = scorer.requests  # one /score call for the group, one group id
    assert len(req.items) == 4 and len({it.group_id for it in req.items}) == 1 and req.scale
    # what OpenRLHF trains on with --algo.advantage.estimator dr_grpo: the same (α is constant in this group)
    assert _openrlhf_dr_grpo(rewards, 4) == pytest.approx(rewards, abs=1e-6)


def test_default_reward_is_the_scaled_one_and_each_query_its_own_group():
    scorer = StubScorer(weight=1.5)
    answers = asyncio.run(_post_each(_app(scorer), "cd"))
    assert [a.json()["rewards"] for a in answers] == [[1.5], [1.5]]
    assert all(it.group_id is None for req in scorer.requests for it in req.items)


def test_a_short_group_is_scored_after_the_wait():
    answers = asyncio.run(_post_each(_app(StubScorer()), "abc", "?group_size=4"))
    assert [a.json()["extra_logs"]["group_size"][0] for a in answers] == [3.0] * 3


def test_overload_is_waited_out_inside_the_server():
    scorer = StubScorer(busy=2)
    app = _app(scorer)
    (answer,) = asyncio.run(_post_each(app, "c"))
    assert answer.status_code == 200 and answer.json()["rewards"] == [1.5]
    assert len(scorer.requests) == 3
    retries = app.state.metrics.get_reward_retries.labels("overloaded")._value.get()
    assert retries == 2


def test_still_overloaded_at_the_deadline_is_a_503():
    (answer,) = asyncio.run(_post_each(_app(StubScorer(busy=100), get_reward_deadline_s=0.6), "c"))
    assert answer.status_code == 503 and answer.json()["error"]["type"] == "overloaded"


def test_key_by_basic_credentials_and_clear_errors():
    app = _app(StubScorer())
    (no_key,) = asyncio.run(_post_each(app, "c", headers={}))
    assert no_key.status_code == 401
    (bearer,) = asyncio.run(_post_each(app, "c", headers={"Authorization": "Bearer k"}))
    assert bearer.status_code == 200
    (bad,) = asyncio.run(_post_each(app, "c", "?reward=grpo_s"))
    assert bad.status_code == 422 and bad.json()["error"]["param"] == "reward"


def test_server_side_group_members_carry_grpo_s():
    results = [
        ItemResult(reward=r * w, raw_reward=r, weight=w, category="crime", category_source="given")
        for r, w in [(0.0, 1.5), (0.0, 1.5), (1.0, 1.5), (1.0, 1.5)]
    ]
    members = group_members(results)
    assert [m.group_size for m in members] == [4] * 4
    assert [round(m.advantage, 4) for m in members] == [-1.299, -1.299, 1.299, 1.299]  # 1.5 · ∓0.866
