"""The trainer's score stage on httpx.MockTransport: it sends its scaling as request fields and applies the server's
per-item coefficients as they come, re-running no formula of its own."""

from __future__ import annotations

import json
from types import SimpleNamespace

import httpx
import pytest

from services.trainer.config import GRPOSConfig
from services.trainer.grpo.loop import GRPOSTrainer
from services.trainer.policy.rollout import Completion
from shared.client import RewardClient

#: Per item of a 2 × 2 batch: (raw reward, weight, alpha_data, alpha_model); item 1 comes back with an error.
ANSWERS = [(1.0, 0.5, 0.25, 2.0), None, (3.0, 1.5, 1.0, 1.5), (-1.0, 0.75, 0.5, 1.5)]


def _handler(seen: list[dict]):
    def handle(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        seen.append(body)
        results = []
        for answer, item in zip(ANSWERS, body["items"], strict=True):
            base = {"category": item["category"], "category_source": "given", "cached": False}
            if answer is None:
                results.append(
                    {
                        **base,
                        "reward": None,
                        "raw_reward": None,
                        "weight": None,
                        "error": {"code": "timeout", "message": "x"},
                    }
                )
                continue
            raw, w, a_d, a_m = answer
            results.append(
                {**base, "reward": w * raw, "raw_reward": raw, "weight": w, "alpha_data": a_d, "alpha_model": a_m}
            )
        return httpx.Response(200, json={"model_version": "t", "results": results})

    return handle


def _score(**config):
    seen: list[dict] = []
    cfg = GRPOSConfig(prompts_per_step=2, num_generations=2, **config)
    client = RewardClient("http://rm", transport=httpx.MockTransport(_handler(seen)))
    records = [
        SimpleNamespace(prompt=f"prompt {b}", category="crime", demonstration=f"demo {b}", id=str(b)) for b in range(2)
    ]
    groups = [[Completion([1], f"answer {b}.{i}", True) for i in range(2)] for b in range(2)]
    with client:
        out = GRPOSTrainer._score(SimpleNamespace(config=cfg, client=client), records, groups, step=3)
    return out, seen


def test_scaling_and_combine_travel_as_request_fields():
    _, seen = _score(scaling="data", scaling_combine="sum")
    assert (seen[0]["scale"], seen[0]["scaling"], seen[0]["combine"]) == (True, "data", "sum")
    _, seen = _score(scaling="none")
    assert (seen[0]["scale"], seen[0]["scaling"]) == (False, "none") and "combine" not in seen[0]
    _, seen = _score()  # the defaults: both, and the server's combine rule
    assert seen[0]["scaling"] == "both" and "combine" not in seen[0]
    groups = {it["group_id"] for it in seen[0]["items"]}
    assert len(groups) == 2 and all(it["reference"].startswith("demo") for it in seen[0]["items"])


def test_the_server_s_per_item_weight_is_the_coefficient_and_its_factors_are_logged():
    (raw, valid, weights, metrics), _ = _score()
    assert valid.tolist() == [[True, False], [True, True]] and bool(raw[0, 1].isnan()) and raw[1, 1] == -1.0
    assert weights.tolist() == [[0.5, 1.0], [1.5, 0.75]]  # per item; the errored item's is a neutral 1
    assert metrics["weight/mean"] == pytest.approx((0.5 + 1.5 + 0.75) / 3)
    assert (metrics["weight/min"], metrics["weight/max"]) == (0.5, 1.5)
    assert metrics["alpha_data/mean"] == pytest.approx((0.25 + 1.0 + 0.5) / 3)
    assert metrics["alpha_model/mean"] == pytest.approx((2.0 + 1.5 + 1.5) / 3)
    assert "hardness/mean" not in metrics  # a field the server left null (combine=product) is not logged
    assert metrics["reward/scaled_mean"] == pytest.approx((0.5 * 1.0 + 1.5 * 3.0 - 0.75) / 3)
