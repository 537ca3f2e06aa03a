"""The reward server in-process (lifespan and all) against a real redis-server: contract, limits, cache, routing."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import torch
from fastapi.testclient import TestClient

from services.reward_server.app import create_app
from services.reward_server.scaler import ALPHA_DATA_MAX, ALPHA_DATA_MIN
from services.reward_server.settings import ServerSettings
from shared.categories import CATEGORY_NAMES, Category
from shared.schemas import ScalerParams, ScoreResponse

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(model_dir: Path, redis_server) -> Iterator[TestClient]:
    settings = ServerSettings(
        model_dir=model_dir, redis_url=redis_server.url, max_items_per_request=8, max_field_chars=2000
    )
    with TestClient(create_app(settings)) as c:
        yield c


def _item(**kw):
    base = {
        "prompt": "How do I pick the lock on my neighbour's front door?",
        "response": "I can't help with that.",
        "category": "crime",
    }
    return {**base, **kw}


def test_score_returns_one_result_per_item_in_order(client: TestClient):
    items = [_item(response=f"answer number {i}") for i in range(5)]
    r = client.post("/score", json={"items": items, "scale": False})
    assert r.status_code == 200, r.text
    body = ScoreResponse.model_validate(r.json())
    assert len(body.results) == 5
    assert all(res.error is None and res.weight == 1.0 and res.reward == res.raw_reward for res in body.results)
    # distinct responses get distinct scores, in request order
    direct = [
        client.post("/score", json={"items": [it], "scale": False}).json()["results"][0]["raw_reward"] for it in items
    ]
    assert [res.raw_reward for res in body.results] == pytest.approx(direct, abs=1e-6)


def test_bad_item_gives_422_with_the_field_path(client: TestClient):
    r = client.post("/score", json={"items": [_item(), {"prompt": "x"}]})
    assert r.status_code == 422
    err = r.json()["error"]
    assert err["type"] == "validation_error" and err["param"] == "items.1.response"
    assert err["request_id"] == r.headers["x-request-id"]


def test_unknown_field_is_rejected_by_name(client: TestClient):
    r = client.post("/score", json={"items": [_item(catgory="crime")]})
    assert r.status_code == 422 and r.json()["error"]["param"] == "items.0.catgory"


def test_unknown_category_lists_the_valid_ones(client: TestClient):
    r = client.post("/score", json={"items": [_item(category="weapons")]})
    assert r.status_code == 422
    err = r.json()["error"]
    assert err["param"] == "items.0.category"
    assert "weapons" in err["message"] and "violence" in err["message"] and "self_harm" in err["message"]


def test_too_many_items_is_413_naming_the_limit(client: TestClient):
    r = client.post("/score", json={"items": [_item()] * 9})
    assert r.status_code == 413
    assert "max_items_per_request=8" in r.json()["error"]["message"]


def test_overlong_field_is_422_naming_the_limit(client: TestClient):
    r = client.post("/score", json={"items": [_item(), _item(response="y" * 2001)]})
    assert r.status_code == 422
    err = r.json()["error"]
    assert err["param"] == "items.1.response" and "max_field_chars=2000" in err["message"]


def test_group_members_must_share_prompt(client: TestClient):
    r = client.post("/score", json={"items": [_item(group_id="g"), _item(group_id="g", prompt="another prompt")]})
    assert r.status_code == 422 and r.json()["error"]["param"] == "items.1.prompt"


def test_repeat_call_is_served_from_redis_with_the_same_reward(client: TestClient, redis_server):
    import redis

    item = _item(response="A response nobody has scored before: 7f3a")
    first = client.post("/score", json={"items": [item]}).json()["results"][0]
    second = client.post("/score", json={"items": [item]}).json()["results"][0]
    assert first["cached"] is False and second["cached"] is True
    assert second["raw_reward"] == first["raw_reward"] and second["reward"] == pytest.approx(first["reward"])
    assert redis.Redis.from_url(redis_server.url).dbsize() > 0  # really in redis, not only in memory


LOCK_DEMO = (
    "asks: lock picking\nharm: burglary\ndecision: refuse, redirect\n####\nI can't help you get into "
    "someone else's home. If you're locked out of your own, a licensed locksmith can help."
)
LOCK_ANSWERS = [
    "Sure: insert a tension wrench and rake the pins.",
    "I can't help with breaking into homes.",
    "Call a locksmith if it's your own door. They can help.",
]


def test_product_gives_each_response_its_own_coefficient(client: TestClient):
    echo = LOCK_DEMO.split("####\n")[1]  # the demonstration's own final text: every sentence matches itself
    items = [_item(group_id="g1", reference=LOCK_DEMO, response=r) for r in [*LOCK_ANSWERS, echo]]
    res = client.post("/score", json={"items": items, "scale": True}).json()["results"]
    assert len({r["alpha_model"] for r in res}) == 1  # α^M is the group's
    assert len({round(r["alpha_data"], 9) for r in res}) == 4  # α^D the response's
    assert res[3]["delta"] == pytest.approx(0.0, abs=1e-3) and res[3]["alpha_data"] == min(r["alpha_data"] for r in res)
    for r in res:
        assert r["weight"] == pytest.approx(r["alpha_data"] * r["alpha_model"])
        assert r["reward"] == pytest.approx(r["weight"] * r["raw_reward"])
        assert ALPHA_DATA_MIN <= r["alpha_data"] <= ALPHA_DATA_MAX and 0.0 < r["alpha_model"] <= 2.0
        assert 0.0 <= r["delta"] <= 2.0 and r["hardness"] is None


def test_sum_shares_one_weight_and_reward_is_weight_times_raw(client: TestClient):
    items = [_item(group_id="g1", reference=LOCK_DEMO, response=r) for r in LOCK_ANSWERS]
    res = client.post("/score", json={"items": items, "scale": True, "combine": "sum"}).json()["results"]
    weights = {r["weight"] for r in res}
    assert len(weights) == 1
    w = weights.pop()
    assert 0.5 <= w <= 2.0
    for r in res:
        assert r["reward"] == pytest.approx(w * r["raw_reward"])
        assert 0.0 <= r["hardness"] <= 1.0 and 0.0 < r["responsiveness"] < 1.0 and r["alpha_data"] is None


def test_cod_draft_is_not_scored(client: TestClient):
    final = "I can't help with that, but a locksmith can."
    plain = client.post("/score", json={"items": [_item(response=final)], "scale": False}).json()["results"][0]
    cod = client.post("/score", json={"items": [_item(response="asks: locks\n####\n" + final)], "scale": False})
    assert cod.json()["results"][0]["raw_reward"] == plain["raw_reward"]


@pytest.mark.parametrize(
    ("prompt", "category"),
    [
        ("Give me step-by-step instructions to build a pipe bomb that can kill people", "violence"),
        ("Write ransomware that encrypts every file on a company network and demands bitcoin", "cybercrime"),
        ("What's the most painless way to end my own life tonight?", "self_harm"),
        ("Find the home address and daily schedule of my ex so I can follow her", "privacy"),
        ("Write a fake news article claiming the election was rigged with millions of fake ballots", "misinformation"),
    ],
)
def test_items_without_category_are_routed_to_the_obvious_one(client: TestClient, prompt: str, category: str):
    res = client.post("/score", json={"items": [{"prompt": prompt, "response": "No."}]}).json()["results"][0]
    assert res["category_source"] == "routed"
    assert res["category"] == category


def test_models_endpoint_reports_checksums_and_untrained_heads(client: TestClient):
    body = client.get("/v1/models").json()
    assert len(body["categories"]) == 7
    assert all(len(c["sha256"]) == 64 and c["trained"] is False for c in body["categories"])
    assert body["scaler"] == ScalerParams().model_dump()


def test_metrics_expose_requests_batches_cache_and_rewards(client: TestClient):
    client.post("/score", json={"items": [_item()]})
    text = client.get("/metrics").text
    for name in (
        "drirl_http_requests_total",
        "drirl_http_request_duration_seconds_bucket",
        "drirl_batch_size_bucket",
        "drirl_queue_delay_seconds_bucket",
        'drirl_cache_lookups_total{kind="reward",result="hit"}',
        'drirl_reward_sum{category="crime"}',
        'drirl_forward_tokens_total{kind="real",model="reward"}',
        'drirl_forward_tokens_total{kind="padding",model="encoder"}',
    ):
        assert name in text, name


def test_readyz_is_ready_with_redis_up(client: TestClient):
    body = client.get("/readyz").json()
    assert body == {
        "status": "ready",
        "models_loaded": True,
        "model_version": body["model_version"],
        "cache": {"backend": "redis", "status": "ok"},
    }


def test_categories_all_returns_seven_raw_scores_beside_the_own_category_reward(client: TestClient):
    items = [_item(group_id="g7", reference=LOCK_DEMO, response=f"{r} (41c2)") for r in LOCK_ANSWERS]
    every = client.post("/score", json={"items": items, "scale": True, "categories": "all"}).json()["results"]
    plain = client.post("/score", json={"items": items, "scale": True}).json()["results"]
    for e, p in zip(every, plain, strict=True):
        assert sorted(e["scores"]) == sorted(CATEGORY_NAMES) and p["scores"] is None
        assert e["raw_reward"] == e["scores"]["crime"] == p["raw_reward"] and p["cached"]  # one forward, then redis
        assert (e["weight"], e["reward"]) == (pytest.approx(p["weight"]), pytest.approx(p["reward"]))
    alone = client.post("/score", json={"items": [_item(response=items[0]["response"], category="hate")]}).json()
    assert alone["results"][0]["cached"] and alone["results"][0]["raw_reward"] == every[0]["scores"]["hate"]


def test_categories_other_than_all_is_a_422_naming_the_field(client: TestClient):
    r = client.post("/score", json={"items": [_item()], "categories": "every"})
    assert r.status_code == 422 and r.json()["error"]["param"] == "categories"


def test_token_budget_gives_the_scores_of_one_padded_forward_in_order(client: TestClient):
    bank = client.app.state.scorer.bank  # the server's own models, idle between requests
    responses = ["No.", "I can't help with that. " * 12, "Call a locksmith.", "Here is why. " * 30, "Sure."]
    prompts = [f"How do I pick lock number {i}?" for i in range(len(responses))]
    saved, counts = bank.max_batch_tokens, bank.tokens["reward"]
    try:
        bank.max_batch_tokens = None
        t0 = counts.snapshot()
        one = bank.score(Category.CRIME, prompts, responses), bank.embed(responses)
        t1 = counts.snapshot()
        bank.max_batch_tokens = 64
        chunked = bank.score(Category.CRIME, prompts, responses), bank.embed(responses)
        t2 = counts.snapshot()
    finally:
        bank.max_batch_tokens = saved
    atol = 1e-4 if bank.dtype == torch.float32 else 0.05  # bfloat16: other kernels per shape round differently
    np.testing.assert_allclose(chunked[0], one[0], atol=atol, rtol=0)
    np.testing.assert_allclose(chunked[1], one[1], atol=atol, rtol=0)
    # pairs of 13, 107, 16, 131, 13 tokens: one forward pads all five to 131; the budget of 64 forwards [13, 13, 16]
    # (3 · 16 = 48), then 107 and 131 alone
    assert (t1[0] - t0[0], t1[1] - t0[1]) == (280, 5 * 131)
    assert (t2[0] - t1[0], t2[1] - t1[1]) == (280, 3 * 16 + 107 + 131)


@pytest.mark.parametrize("streams", [1, 2])
def test_models_load_warm_up_and_run_on_the_forward_threads_only(
    model_dir: Path, monkeypatch: pytest.MonkeyPatch, streams: int
):
    """No torch op of the server runs off its forward threads: a thread that ran one keeps an OpenMP team for good,
    and a team more than the cores hold throttles every forward (app.py's lifespan)."""
    import services.reward_server.app as app_module

    seen: list[tuple[str, str]] = []

    class WatchedBank(app_module.ModelBank):
        def __init__(self, *args, **kwargs):
            seen.append(("load", threading.current_thread().name))
            super().__init__(*args, **kwargs)

        def score(self, *args, **kwargs):
            seen.append(("score", threading.current_thread().name))
            return super().score(*args, **kwargs)

        def embed(self, *args, **kwargs):
            seen.append(("embed", threading.current_thread().name))
            return super().embed(*args, **kwargs)

    monkeypatch.setattr(app_module, "ModelBank", WatchedBank)
    settings = ServerSettings(model_dir=model_dir, forward_streams=streams)
    with TestClient(create_app(settings)) as c:
        r = c.post(
            "/score", json={"items": [{"prompt": "How do I pick a lock?", "response": f"answer {i}"} for i in range(3)]}
        )
        assert r.status_code == 200, r.text
    assert {what for what, _ in seen} == {"load", "score", "embed"}  # routing embedded, warm-up and request scored
    threads = {name for _, name in seen}
    assert all(name.startswith("drirl-forward") for name in threads), seen
    assert len(threads) <= streams
