"""RewardClient / AsyncRewardClient on httpx.MockTransport: chunking, retries, deadlines, errors."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from shared.client import AsyncRewardClient, RewardClient
from shared.errors import RewardProtocolError, RewardRejected, RewardUnavailable
from shared.schemas import ScoreItem


def _answer(request: httpx.Request, *, bad_index: int | None = None) -> httpx.Response:
    """A fake /score: reward = len(response); item ``bad_index`` comes back with an error."""
    items = json.loads(request.content)["items"]
    results = []
    for i, it in enumerate(items):
        if it["response"] == "BAD" or i == bad_index:
            results.append(
                {
                    "reward": None,
                    "raw_reward": None,
                    "weight": None,
                    "category": "crime",
                    "category_source": "given",
                    "cached": False,
                    "error": {"code": "model_error", "message": "boom"},
                }
            )
        else:
            n = float(len(it["response"]))
            results.append(
                {
                    "reward": n,
                    "raw_reward": n,
                    "weight": 1.0,
                    "category": it.get("category", "crime"),
                    "category_source": "given",
                    "cached": False,
                }
            )
    return httpx.Response(200, json={"model_version": "v1", "results": results, "timings_ms": {}})


def _items(n: int, group_size: int = 1) -> list[ScoreItem]:
    return [
        ScoreItem(
            prompt=f"p{i // group_size}",
            response="x" * (i + 1),
            category="crime",
            group_id=f"g{i // group_size}" if group_size > 1 else None,
        )
        for i in range(n)
    ]


def test_chunks_keep_order_and_never_split_a_group():
    seen: list[list[str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append([it.get("group_id") for it in json.loads(request.content)["items"]])
        return _answer(request)

    with RewardClient("http://rm", transport=httpx.MockTransport(handler), chunk_size=5, max_concurrency=3) as c:
        result = c.score(_items(12, group_size=4))
    assert [r.reward for r in result.results] == [float(i + 1) for i in range(12)]
    assert sorted(len(s) for s in seen) == [4, 4, 4]  # a 5-item chunk would split a group of 4
    assert all(len(set(s)) == 1 for s in seen)


def test_per_item_error_is_flagged_not_zero():
    with RewardClient("http://rm", transport=httpx.MockTransport(_answer)) as c:
        items = _items(3)
        items[1] = ScoreItem(prompt="p", response="BAD", category="crime")
        result = c.score(items)
    assert result.n_errors == 1
    assert result.results[1].error is not None and result.results[1].error.code == "model_error"
    assert result.rewards() == [1.0, None, 3.0]


def test_retries_503_then_succeeds_honouring_retry_after():
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.headers["x-request-id"])
        if len(calls) < 3:
            return httpx.Response(
                503, headers={"Retry-After": "0.01"}, json={"error": {"type": "overloaded", "message": "busy"}}
            )
        return _answer(request)

    with RewardClient("http://rm", transport=httpx.MockTransport(handler)) as c:
        result = c.score(_items(2))
    assert len(calls) == 3 and result.attempts == 3
    assert len(set(calls)) == 1  # the same request id on every try: one step is one line of grep


def test_connect_error_retries_until_deadline_then_raises_unavailable():
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        raise httpx.ConnectError("refused", request=request)

    with (
        RewardClient(
            "http://rm", transport=httpx.MockTransport(handler), deadline_s=0.5, backoff_base_s=0.01, backoff_max_s=0.05
        ) as c,
        pytest.raises(RewardUnavailable) as info,
    ):
        c.score(_items(1))
    assert calls >= 3 and info.value.attempts == calls
    assert "ConnectError" in str(info.value)


def test_4xx_is_not_retried_and_carries_the_server_error():
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return httpx.Response(
            422, json={"error": {"type": "validation_error", "message": "bad category", "param": "items.0.category"}}
        )

    with RewardClient("http://rm", transport=httpx.MockTransport(handler)) as c, pytest.raises(RewardRejected) as e:
        c.score(_items(1))
    assert calls == 1
    assert e.value.status == 422 and e.value.error is not None and e.value.error.error.param == "items.0.category"


def test_garbage_body_is_a_protocol_error():
    handler = lambda request: httpx.Response(200, content=b"<html>proxy error</html>")  # noqa: E731
    with RewardClient("http://rm", transport=httpx.MockTransport(handler)) as c, pytest.raises(RewardProtocolError):
        c.score(_items(1))


def test_wrong_result_count_is_a_protocol_error():
    def handler(request: httpx.Request) -> httpx.Response:
        body = _answer(request).json()
        body["results"] = body["results"][:-1]
        return httpx.Response(200, json=body)

    with RewardClient("http://rm", transport=httpx.MockTransport(handler)) as c, pytest.raises(RewardProtocolError):
        c.score(_items(3))


def test_async_client_bounds_concurrency_and_keeps_order():
    active = peak = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal active, peak
        active += 1
        peak = max(peak, active)
        await asyncio.sleep(0.01)
        active -= 1
        return _answer(request)

    async def run() -> list[float | None]:
        async with AsyncRewardClient(
            "http://rm", transport=httpx.MockTransport(handler), chunk_size=2, max_concurrency=2
        ) as c:
            return (await c.score(_items(10))).rewards()

    assert asyncio.run(run()) == [float(i + 1) for i in range(10)]
    assert peak == 2


def test_async_client_retries_read_timeout():
    calls = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise httpx.ReadTimeout("slow", request=request)
        return _answer(request)

    async def run() -> int:
        async with AsyncRewardClient("http://rm", transport=httpx.MockTransport(handler), backoff_base_s=0.01) as c:
            return (await c.score(_items(1))).attempts

    assert asyncio.run(run()) == 2


def test_categories_all_is_sent_only_when_asked_and_scores_come_back_typed():
    bodies: list[dict] = []

    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        bodies.append(body)
        answer = json.loads(_answer(request).content)
        if body.get("categories") == "all":
            for res in answer["results"]:
                res["scores"] = {"crime": res["raw_reward"], "hate": -1.0}
        return httpx.Response(200, json=answer)

    with RewardClient("http://rm", transport=httpx.MockTransport(handler)) as c:
        plain = c.score(_items(1), scale=False)
        every = c.score(_items(1), scale=False, categories="all")
    assert "categories" not in bodies[0] and bodies[1]["categories"] == "all"  # an older server never sees it
    assert plain.results[0].scores is None
    assert every.results[0].scores == {"crime": 1.0, "hate": -1.0}

    async def go():
        async with AsyncRewardClient("http://rm", transport=httpx.MockTransport(handler)) as ac:
            return await ac.score(_items(1), categories="all")

    assert asyncio.run(go()).results[0].scores == {"crime": 1.0, "hate": -1.0} and bodies[2]["categories"] == "all"
