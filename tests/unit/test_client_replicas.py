"""The clients over several replicas (httpx.MockTransport): spreading, failover, cooldown, rolling upgrades."""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter

import httpx
import pytest

from shared.client import AsyncRewardClient, RewardClient
from shared.endpoints import Attempts, Endpoints, RetryPolicy, parse_base_urls
from shared.errors import RewardRejected, RewardUnavailable
from shared.schemas import ScoreItem

A, B = "http://a:8000", "http://b:8000"


def _replica_answer(request: httpx.Request, version: str, bonus: float) -> httpx.Response:
    """A fake /score: reward = len(response) + bonus, so the test can tell which replica answered."""
    items = json.loads(request.content)["items"]
    results = [
        {
            "reward": len(it["response"]) + bonus,
            "raw_reward": float(len(it["response"])),
            "weight": 1.0,
            "category": "crime",
            "category_source": "given",
            "cached": False,
        }
        for it in items
    ]
    return httpx.Response(200, json={"model_version": version, "results": results, "timings_ms": {}})


def _items(n: int) -> list[ScoreItem]:
    return [ScoreItem(prompt=f"p{i}", response="x" * (i + 1), category="crime") for i in range(n)]


def _dead(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("connection refused", request=request)


def test_base_urls_from_a_comma_separated_string_or_a_list():
    assert parse_base_urls("http://a:8000/, http://b:8000") == (A, B)
    assert parse_base_urls([A, B, A]) == (A, B)  # a repeated URL is one replica
    with pytest.raises(ValueError, match="http://"):
        parse_base_urls("a:8000")
    with pytest.raises(ValueError, match="no reward server URL"):
        parse_base_urls(" , ")


def test_chunks_are_spread_round_robin_over_replicas():
    hosts: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        hosts.append(request.url.host)
        return _replica_answer(request, "v1", 0.0)

    with RewardClient([A, B], transport=httpx.MockTransport(handler), chunk_size=1, max_concurrency=1) as c:
        result = c.score(_items(4))
    assert hosts == ["a", "b", "a", "b"]
    assert result.rewards() == [1.0, 2.0, 3.0, 4.0]


def test_dead_replica_fails_over_at_once_and_cools_down():
    calls: Counter[str] = Counter()

    def handler(request: httpx.Request) -> httpx.Response:
        calls[request.url.host] += 1
        if request.url.host == "a":
            return _dead(request)
        return _replica_answer(request, "v1", 0.0)

    # a backoff of 10 s would show if the client waited instead of failing over
    with RewardClient(
        [A, B], transport=httpx.MockTransport(handler), chunk_size=1, max_concurrency=1, backoff_base_s=10
    ) as c:
        t = time.monotonic()
        result = c.score(_items(6))
        elapsed = time.monotonic() - t
    assert result.rewards() == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0] and result.n_errors == 0
    assert elapsed < 2.0
    assert calls["b"] == 6  # every chunk answered once, by the live replica
    assert calls["a"] == 1  # tried once, then skipped while it cools down


def test_every_replica_down_waits_then_raises_unavailable():
    calls: Counter[str] = Counter()

    def handler(request: httpx.Request) -> httpx.Response:
        calls[request.url.host] += 1
        return _dead(request)

    with (
        RewardClient(
            [A, B], transport=httpx.MockTransport(handler), deadline_s=0.5, backoff_base_s=0.02, backoff_max_s=0.05
        ) as c,
        pytest.raises(RewardUnavailable) as info,
    ):
        c.score(_items(1))
    assert calls["a"] >= 2 and calls["b"] >= 2
    assert info.value.attempts == calls["a"] + calls["b"]
    assert A in str(info.value) and B in str(info.value) and "ConnectError" in str(info.value)


def test_overloaded_replica_fails_over_without_waiting_for_its_retry_after():
    hosts: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        hosts.append(request.url.host)
        if request.url.host == "a":
            return httpx.Response(
                503, headers={"Retry-After": "30"}, json={"error": {"type": "overloaded", "message": "x"}}
            )
        return _replica_answer(request, "v1", 0.0)

    with RewardClient([A, B], transport=httpx.MockTransport(handler)) as c:
        t = time.monotonic()
        result = c.score(_items(2))
    assert time.monotonic() - t < 2.0 and hosts == ["a", "b"] and result.attempts == 2


def test_4xx_is_not_failed_over():
    hosts: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        hosts.append(request.url.host)
        return httpx.Response(401, json={"error": {"type": "unauthorized", "message": "missing bearer token"}})

    with RewardClient([A, B], transport=httpx.MockTransport(handler)) as c, pytest.raises(RewardRejected) as e:
        c.score(_items(1))
    assert hosts == ["a"] and e.value.status == 401


def _upgrade_handler(hosts: list[str]):
    """Replica a still serves model v1, b already v2 (+100 on every reward so the answers can be told apart)."""

    def handler(request: httpx.Request) -> httpx.Response:
        hosts.append(request.url.host)
        if request.url.host == "a":
            return _replica_answer(request, "v1", 0.0)
        return _replica_answer(request, "v2", 100.0)

    return handler


def test_rolling_upgrade_one_call_gets_one_model_version():
    hosts: list[str] = []
    with RewardClient(
        [A, B], transport=httpx.MockTransport(_upgrade_handler(hosts)), chunk_size=1, max_concurrency=1
    ) as c:
        result = c.score(_items(4))
    # chunks 0, 2 went to a (v1), 1, 3 to b (v2); b answered last, so v2 wins and 0, 2 are sent again to b
    assert hosts == ["a", "b", "a", "b", "b", "b"]
    assert result.model_version == "v2" and result.resent_chunks == 2
    assert result.rewards() == [101.0, 102.0, 103.0, 104.0]  # all from b, in item order


def test_replicas_that_never_agree_end_in_unavailable_not_mixed_rewards():
    flip = 0

    def handler(request: httpx.Request) -> httpx.Response:  # one URL (a load balancer) alternating versions
        nonlocal flip
        flip += 1
        return _replica_answer(request, f"v{flip % 2}", 0.0)

    with (
        RewardClient(
            A,
            transport=httpx.MockTransport(handler),
            chunk_size=1,
            max_concurrency=1,
            deadline_s=0.3,
            backoff_base_s=0.01,
            backoff_max_s=0.02,
        ) as c,
        pytest.raises(RewardUnavailable, match="different model versions"),
    ):
        c.score(_items(2))


def test_async_client_fails_over_and_reconciles_versions():
    hosts: list[str] = []
    upgrade = _upgrade_handler(hosts)

    async def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "c":
            return _dead(request)
        return upgrade(request)

    async def run():
        async with AsyncRewardClient(
            ["http://c:8000", A, B], transport=httpx.MockTransport(handler), chunk_size=1, max_concurrency=1
        ) as c:
            return await c.score(_items(3))

    result = asyncio.run(run())
    assert result.model_version in {"v1", "v2"} and result.n_errors == 0
    bonus = 100.0 if result.model_version == "v2" else 0.0
    assert result.rewards() == [1.0 + bonus, 2.0 + bonus, 3.0 + bonus]


def test_ready_answers_from_the_first_ready_replica():
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "a":
            return _dead(request)
        return httpx.Response(
            200,
            json={
                "status": "ready",
                "models_loaded": True,
                "model_version": "v1",
                "cache": {"backend": "redis", "status": "ok"},
            },
        )

    with RewardClient([A, B], transport=httpx.MockTransport(handler)) as c:
        ready = c.ready()
    assert ready is not None and ready.models_loaded and ready.model_version == "v1"


# --------------------------------------------------------------------------------------------------- the policy
def test_attempts_fail_over_first_then_back_off():
    eps = Endpoints([A, B], cooldown_s=5.0)
    tries = Attempts(eps, RetryPolicy(deadline_s=60, backoff_base_s=1.0), "POST", "/score", time.monotonic() + 60)
    request = httpx.Request("POST", f"{A}/score")
    url, _ = tries.next()
    assert url == f"{A}/score"
    assert tries.judge(httpx.ConnectError("x", request=request)) == 0.0  # b has not failed yet: no wait
    url, _ = tries.next()
    assert url == f"{B}/score"
    wait = tries.judge(httpx.Response(502, request=request))
    assert wait is not None and 0.5 <= wait <= 1.0  # both failed this round: jittered backoff base·2^0
    assert not eps.is_healthy(A) and not eps.is_healthy(B)
    tries.next()
    assert tries.judge(httpx.Response(200, request=request)) is None and tries.count == 3


def test_pick_prefers_replicas_of_the_pinned_version():
    eps = Endpoints([A, B])
    eps.succeeded(A, "v1")
    eps.succeeded(B, "v2")
    assert {eps.pick(version="v2") for _ in range(4)} == {B}
    assert {eps.pick() for _ in range(4)} == {A, B}
    eps.failed(B)
    assert eps.pick(version="v2") == A  # a cooling-down replica loses to a healthy one of another version
