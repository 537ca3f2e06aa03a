"""The scorer's bookkeeping with a stand-in model bank: per-item errors, non-finite scores, groups, caching."""

from __future__ import annotations

import asyncio
import math
from types import SimpleNamespace

import numpy as np
import pytest

from services.reward_server.app import _forward
from services.reward_server.batcher import Batcher
from services.reward_server.cache import MemoryCache
from services.reward_server.metrics import Metrics
from services.reward_server.scoring import Limits, Scorer
from shared.categories import Category
from shared.schemas import ScalerParams, ScoreRequest


class FakeBank:
    """reward = len(response) (nan for "NAN", an exception for "BOOM"); embeddings from a tiny hash."""

    def __init__(self, fingerprint: str = "fp-a") -> None:
        self.model_version = "test"
        self.scoring_fingerprint = fingerprint  # what the real bank derives from version, dtype, device, tokens ...
        self.encoder_fingerprint = "enc-" + fingerprint
        self.calls: list[int] = []
        entry = SimpleNamespace(mean_reference_reward=0.0)
        self.manifest = SimpleNamespace(
            categories={c: entry for c in Category}, encoder=SimpleNamespace(sha256="e" * 64)
        )
        self.centroids = np.eye(len(Category), 8, dtype=np.float32)

    def score(self, category, prompts, responses):
        self.calls.append(len(responses))
        if "BOOM" in responses:
            raise RuntimeError("kernel exploded")
        return np.array([math.nan if r == "NAN" else float(len(r)) for r in responses])

    def embed(self, texts):
        out = np.zeros((len(texts), 8), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i, len(t) % 8] = 1.0
        return out

    def route(self, emb):
        return [list(Category)[int(np.argmax(e @ self.centroids.T))] for e in emb]


def _run(requests: list[dict], **batcher_kw):
    async def go():
        bank = FakeBank()
        batcher = Batcher(
            lambda kind, payloads: _forward(bank, kind, payloads),
            max_batch_size=64,
            max_wait_s=0.002,
            max_queue_items=1000,
            **batcher_kw,
        )
        batcher.start()
        scorer = Scorer(bank, batcher, MemoryCache(100), Metrics(), Limits(100, 1000, 5.0), ScalerParams())
        try:
            out = await asyncio.gather(*(scorer.score(ScoreRequest.model_validate(r), "rid") for r in requests))
        finally:
            await batcher.stop()
        return out, bank

    return asyncio.run(go())


def test_non_finite_score_is_an_item_error_never_a_number():
    (resp,), _ = _run(
        [
            {
                "items": [
                    {"prompt": "p", "response": "NAN", "category": "hate"},
                    {"prompt": "p", "response": "fine", "category": "hate"},
                ],
                "scale": False,
            }
        ]
    )
    bad, good = resp.results
    assert bad.error is not None and bad.error.code == "non_finite" and bad.reward is None
    assert good.error is None and good.reward == 4.0


def test_a_failing_forward_fails_only_its_category():
    (resp,), _ = _run(
        [
            {
                "items": [
                    {"prompt": "p", "response": "BOOM", "category": "hate"},
                    {"prompt": "p", "response": "fine", "category": "crime"},
                ],
                "scale": False,
            }
        ]
    )
    assert resp.results[0].error.code == "model_error" and "kernel exploded" in resp.results[0].error.message
    assert resp.results[1].reward == 4.0


def test_errored_item_leaves_its_group_and_the_rest_share_one_weight():
    items = [
        {"prompt": "p", "response": r, "category": "crime", "group_id": "g", "reference": "ref"}
        for r in ("aa", "NAN", "aaaa")
    ]
    (resp,), _ = _run([{"items": items, "scale": True}])
    ok = [r for r in resp.results if r.error is None]
    assert len(ok) == 2 and len({r.weight for r in ok}) == 1
    # h_model = sigmoid(r(ref) − mean(2, 4)) = sigmoid(3 − 3) = 0.5: the errored item is not in the mean
    assert ok[0].responsiveness == pytest.approx(0.5)


def test_concurrent_requests_share_forwards_and_get_their_own_results():
    reqs = [
        {"items": [{"prompt": f"p{i}", "response": "x" * (i + 1), "category": "crime"}], "scale": False}
        for i in range(20)
    ]
    out, bank = _run(reqs)
    assert [r.results[0].reward for r in out] == [float(i + 1) for i in range(20)]
    assert len(bank.calls) < 20 and max(bank.calls) > 1


def test_identical_items_in_one_request_are_scored_once_and_cached_after():
    item = {"prompt": "p", "response": "same", "category": "crime"}

    async def go():
        bank = FakeBank()
        batcher = Batcher(lambda k, p: _forward(bank, k, p), max_batch_size=64, max_wait_s=0.0, max_queue_items=100)
        batcher.start()
        scorer = Scorer(bank, batcher, MemoryCache(100), Metrics(), Limits(100, 1000, 5.0), ScalerParams())
        first = await scorer.score(ScoreRequest.model_validate({"items": [item, item], "scale": False}), "a")
        second = await scorer.score(ScoreRequest.model_validate({"items": [item], "scale": False}), "b")
        await batcher.stop()
        return first, second, bank

    first, second, bank = asyncio.run(go())
    assert bank.calls == [1]
    assert [r.cached for r in first.results] == [False, False] and second.results[0].cached


def _score_in_turn(banks_and_requests: list[tuple[FakeBank, dict]], cache: MemoryCache) -> list:
    """Each request scored by its own Scorer (one per bank, as replicas are), all sharing one cache."""

    async def go():
        out = []
        for bank, request in banks_and_requests:
            batcher = Batcher(
                lambda k, p, b=bank: _forward(b, k, p), max_batch_size=8, max_wait_s=0.0, max_queue_items=99
            )
            batcher.start()
            scorer = Scorer(bank, batcher, cache, Metrics(), Limits(100, 1000, 5.0), ScalerParams())
            try:
                out.append(await scorer.score(ScoreRequest.model_validate(request), "rid"))
            finally:
                await batcher.stop()
        return out

    return asyncio.run(go())


def test_texts_that_join_alike_are_not_served_each_others_reward():
    # issue #17: keys joined parts with NUL, so this pair collided and the second came back cached with the first's
    # score. FakeBank's reward is len(response): 4 for "sure", 27 for the longer response.
    bank = FakeBank()
    first = {"prompt": "How to rob a bank\0I will help you rob it", "response": "sure", "category": "crime"}
    second = {"prompt": "How to rob a bank", "response": "I will help you rob it\0sure", "category": "crime"}
    a, b = _score_in_turn(
        [(bank, {"items": [first], "scale": False}), (bank, {"items": [second], "scale": False})], MemoryCache(100)
    )
    assert a.results[0].raw_reward == 4.0
    assert b.results[0].raw_reward == 27.0 and not b.results[0].cached


def test_replicas_with_different_scoring_settings_share_no_cache_entries():
    item = {"prompt": "p", "response": "same text", "category": "hate"}
    body = {"items": [item], "scale": True}
    cache = MemoryCache(100)
    a, b, again = _score_in_turn(
        [
            (FakeBank("max_seq_tokens=512"), body),
            (FakeBank("max_seq_tokens=16"), body),
            (FakeBank("max_seq_tokens=16"), body),
        ],
        cache,
    )
    assert not a.results[0].cached
    assert not b.results[0].cached  # same model version, other settings: computed, not taken from the first
    assert again.results[0].cached  # the same settings do share
