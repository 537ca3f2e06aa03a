"""The scorer's bookkeeping with a stand-in model bank: per-item errors, non-finite scores, groups, caching, and which
inputs each scaler mode computes."""

from __future__ import annotations

import asyncio
import math
from types import SimpleNamespace

import numpy as np
import pytest
from pydantic import ValidationError

from services.reward_server.app import _forward
from services.reward_server.batcher import Batcher
from services.reward_server.cache import MemoryCache, cache_key
from services.reward_server.cache import fingerprint as cache_fingerprint
from services.reward_server.metrics import Metrics
from services.reward_server.scoring import Limits, Scorer
from shared.categories import Category
from shared.schemas import ScalerParams, ScoreRequest


class FakeBank:
    """reward = len(response) (nan for "NAN", an exception for "BOOM"); embedding = one-hot at len(text) % 8."""

    def __init__(self, fingerprint: str = "fp-a") -> None:
        self.model_version = "test"
        self.scoring_settings = {"fp": fingerprint}  # the real bank lists version, dtype, device, tokens ...
        self.encoder_settings = {"fp": "enc-" + fingerprint}
        self.calls: list[int] = []
        self.scored: list[str] = []  # every response the reward model saw
        self.embedded: list[str] = []  # every text the encoder saw
        entry = SimpleNamespace(mean_reference_reward=0.0)
        self.manifest = SimpleNamespace(
            categories={c: entry for c in Category}, encoder=SimpleNamespace(sha256="e" * 64)
        )
        self.centroids = np.eye(len(Category), 8, dtype=np.float32)

    def score(self, category, prompts, responses):
        self.calls.append(len(responses))
        self.scored += responses
        if "BOOM" in responses:
            raise RuntimeError("kernel exploded")
        return np.array([math.nan if r == "NAN" else float(len(r)) for r in responses])

    def embed(self, texts):
        self.embedded += texts
        out = np.zeros((len(texts), 8), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i, len(t) % 8] = 1.0
        return out

    def route(self, emb):
        return [list(Category)[int(np.argmax(e @ self.centroids.T))] for e in emb]


def _scorer(bank: FakeBank, **batcher_kw) -> tuple[Scorer, Batcher]:
    """A scorer over ``bank`` with its batcher started; call inside a running event loop."""
    batcher = Batcher(
        lambda kind, payloads: _forward(bank, kind, payloads),
        max_batch_size=64,
        max_wait_s=0.002,
        max_queue_items=1000,
        **batcher_kw,
    )
    batcher.start()
    return Scorer(bank, batcher, MemoryCache(100), Metrics(), Limits(100, 1000, 5.0), ScalerParams()), batcher


def _run(requests: list[dict], bank: FakeBank | None = None, **batcher_kw):
    bank = bank or FakeBank()

    async def go():
        scorer, batcher = _scorer(bank, **batcher_kw)
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


def test_errored_item_leaves_its_group_and_the_rest_share_one_sum_weight():
    items = [
        {"prompt": "p", "response": r, "category": "crime", "group_id": "g", "reference": "ref"}
        for r in ("aa", "NAN", "aaaa")
    ]
    (resp,), _ = _run([{"items": items, "scale": True, "combine": "sum"}])
    ok = [r for r in resp.results if r.error is None]
    assert len(ok) == 2 and len({r.weight for r in ok}) == 1
    # h_model = sigmoid(r(ref) − mean(2, 4)) = sigmoid(3 − 3) = 0.5: the errored item is not in the mean
    assert ok[0].responsiveness == pytest.approx(0.5)


DEMO = "asks: x\n####\nHi. Yes."  # final part "Hi. Yes." (reward 8): sentences "Hi." (one-hot 3), "Yes." (4)


def _group(*responses: str, reference: str | None = DEMO, gid: str = "g") -> list[dict]:
    item = {"prompt": "p", "category": "crime", "group_id": gid}
    return [{**item, "response": r, **({"reference": reference} if reference else {})} for r in responses]


def test_product_weights_each_response_by_its_sentences_and_the_group_gaps():
    (resp,), _ = _run([{"items": _group("aa", "NAN", "aaaa")}])  # default: scaling both, combine product
    first, bad, last = resp.results
    assert bad.error is not None and bad.error.code == "non_finite"
    # "aa" matches no demonstration sentence (δ = 1), "aaaa" matches "Yes." (δ = 0): α^D = σ(1)/σ(.5), σ(0)/σ(.5)
    assert (first.delta, last.delta) == (1.0, 0.0)
    assert first.alpha_data == pytest.approx(1.174468, rel=1e-5) and last.alpha_data == pytest.approx(
        0.803265, rel=1e-5
    )
    # gaps 8 − 2 = 6 and 8 − 4 = 4 (the errored item is in neither): mean 5, var 1, both kept → α^M = 1
    assert (first.reward_gap, last.reward_gap) == (6.0, 4.0) and first.alpha_model == last.alpha_model == 1.0
    for r in (first, last):
        assert r.weight == pytest.approx(r.alpha_data * r.alpha_model) and r.reward == pytest.approx(
            r.weight * r.raw_reward
        )
        assert r.hardness is None and r.responsiveness is None


def test_sentences_are_embedded_once_per_request_and_cached_across_requests():
    bank = FakeBank()
    request = ScoreRequest.model_validate({"items": _group("Yes. Aa", "Yes. Hi.", "Yes.")})

    async def twice():
        scorer, batcher = _scorer(bank)
        try:
            await scorer.score(request, "a")
            first = sorted(bank.embedded)
            await scorer.score(request, "b")
            stored = await scorer.cache.get_many([cache_key("s", cache_fingerprint(bank.encoder_settings), "Yes.")])
        finally:
            await batcher.stop()
        return first, stored

    first, stored = asyncio.run(twice())
    assert first == ["Aa", "Hi.", "Yes."]  # "Yes." is in every response and in the demonstration: embedded once
    assert len(bank.embedded) == 3  # the second request found all three in the cache
    assert stored[0] is not None  # under the sentence namespace "s"


def test_a_group_of_one_gets_alpha_one_without_any_scaler_work():
    bank = FakeBank()
    (resp,), _ = _run([{"items": _group("aa", gid="solo")}], bank=bank)
    r = resp.results[0]
    assert (r.weight, r.alpha_data, r.alpha_model, r.delta, r.reward_gap) == (1.0, 1.0, 1.0, None, None)
    assert bank.embedded == [] and bank.scored == ["aa"]


def test_each_mode_computes_only_what_its_factors_need():
    items = _group("aa", "aaaa")
    bank = FakeBank()
    (model,), _ = _run([{"items": items, "scaling": "model"}], bank=bank)
    assert bank.embedded == [] and "Hi. Yes." in bank.scored  # the demonstration's reward, no embedding
    assert [r.alpha_data for r in model.results] == [None, None] and model.results[0].alpha_model == 1.0
    bank = FakeBank()
    (data,), _ = _run([{"items": items, "scaling": "data"}], bank=bank)
    assert "Hi. Yes." not in bank.scored and bank.embedded  # sentences, no reference reward
    assert data.results[0].alpha_model is None and data.results[0].weight == data.results[0].alpha_data
    bank = FakeBank()
    (none,), _ = _run([{"items": items, "scaling": "none"}], bank=bank)
    assert bank.embedded == [] and bank.scored == ["aa", "aaaa"] and [r.weight for r in none.results] == [1.0, 1.0]


def test_sum_keeps_todays_whole_text_inputs():
    # whole-text one-hots: "aa" → 2, "aaaa" → 4, the demonstration's "Hi. Yes." → 0: h_data = 1 − mean(0, 0) = 1;
    # h_model = σ((8 − 3)/1) = 0.993307; w = 1 + 1 + 0.993307 − 1 = 1.993307 (w_max = 2 does not bind)
    (both,), _ = _run([{"items": _group("aa", "aaaa"), "combine": "sum"}])
    assert [r.weight for r in both.results] == pytest.approx([1.993307] * 2, rel=1e-6)
    assert both.results[0].hardness == 1.0 and both.results[0].alpha_data is None
    (data,), _ = _run([{"items": _group("aa", "aaaa"), "combine": "sum", "scaling": "data"}])
    assert [r.weight for r in data.results] == pytest.approx([1.5] * 2)  # β = 0: 1 + 1·1 − 1/2


def test_a_demonstration_without_a_sentence_counts_as_none():
    (resp,), bank = _run([{"items": _group("aa", "aaaa", reference="asks: x\n####\n...")}])
    # anchor = the category's mean reference reward (0): gaps −2, −4; δ = 1 − cos(Φ("p"), μ_crime) = 1 − 0 for both
    assert [r.reward_gap for r in resp.results] == [-2.0, -4.0]
    assert [r.delta for r in resp.results] == [1.0, 1.0] and [r.alpha_data for r in resp.results] == [1.0, 1.0]
    assert "..." not in bank.scored


def test_scale_false_with_a_scaling_mode_is_refused():
    with pytest.raises(ValidationError, match="scale=false means no scaling"):
        ScoreRequest.model_validate({"items": [{"prompt": "p", "response": "r"}], "scale": False, "scaling": "data"})
    ok = ScoreRequest.model_validate({"items": [{"prompt": "p", "response": "r"}], "scale": False, "scaling": "none"})
    assert ok.scaling == "none"


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


def test_replicas_with_other_encoder_settings_embed_their_own_sentences_and_texts():
    # every namespace carries its fingerprint: the scaler's sentences ("s") and routed prompts ("e") as well as rewards
    body = {"items": [*_group("Yes. Aa", "Yes. Hi."), {"prompt": "route me", "response": "r"}]}
    banks = [FakeBank("max_seq_tokens=512"), FakeBank("max_seq_tokens=16"), FakeBank("max_seq_tokens=16")]
    _score_in_turn([(bank, body) for bank in banks], MemoryCache(100))
    assert {"Aa", "Hi.", "Yes.", "route me"} <= set(banks[0].embedded)
    assert sorted(banks[1].embedded) == sorted(banks[0].embedded)  # nothing taken from the other replica's entries
    assert banks[2].embedded == [] and banks[2].scored == []  # the same settings share every entry


# --------------------------------------------------------------------------------------------- categories: all
class CategoryBank(FakeBank):
    """reward = len(response) + 10 · (the category's index in Category); nan for "V!" from the violence model only."""

    def __init__(self) -> None:
        super().__init__()
        self.forwards: list[tuple[Category, int]] = []

    def score(self, category, prompts, responses):
        self.forwards.append((category, len(responses)))
        bad = category == Category.VIOLENCE
        return np.array(
            [math.nan if bad and r == "V!" else len(r) + 10.0 * list(Category).index(category) for r in responses]
        )


def test_categories_all_gives_every_raw_score_with_one_forward_per_category():
    bank = CategoryBank()
    items = [
        {"prompt": "p", "response": "aa", "category": "crime"},
        {"prompt": "p", "response": "aaaa", "category": "hate"},
        {"prompt": "q", "response": "bbb"},  # routed: "q" embeds one-hot at 1 → cybercrime's centroid
    ]
    (resp,), _ = _run([{"items": items, "scale": False, "categories": "all"}], bank=bank)
    for res, length in zip(resp.results, (2, 4, 3), strict=True):
        assert res.scores == {c: length + 10.0 * k for k, c in enumerate(Category)}
        assert res.raw_reward == res.scores[res.category] and res.reward == res.raw_reward and res.weight == 1.0
    assert [r.category for r in resp.results] == [Category.CRIME, Category.HATE, Category.CYBERCRIME]
    assert sorted(bank.forwards) == sorted((c, 3) for c in Category)  # all three items in each category's forward


def test_categories_all_leaves_every_reward_and_weight_as_without_it():
    items = _group("aa", "aaaa", "Hi. a")
    (plain, every), _ = _run([{"items": items}, {"items": items, "categories": "all"}], bank=CategoryBank())
    for a, b in zip(plain.results, every.results, strict=True):
        assert a.scores is None and b.scores is not None and b.scores[Category.CRIME] == b.raw_reward
        assert a.model_dump(exclude={"scores", "cached"}) == b.model_dump(exclude={"scores", "cached"})


def test_categories_all_caches_each_score_under_its_own_category_key():
    bank = CategoryBank()
    item = {"prompt": "p", "response": "aa", "category": "crime"}

    async def go():
        scorer, batcher = _scorer(bank)
        try:
            every = await scorer.score(ScoreRequest.model_validate({"items": [item], "categories": "all"}), "a")
            hate = {**item, "category": "hate"}
            alone = await scorer.score(ScoreRequest.model_validate({"items": [hate], "scale": False}), "b")
            fp = cache_fingerprint(bank.scoring_settings)
            stored = await scorer.cache.get_many([cache_key("r", fp, c.value, "p", "aa") for c in Category])
        finally:
            await batcher.stop()
        return every, alone, stored

    every, alone, stored = asyncio.run(go())
    assert all(hit is not None for hit in stored)  # seven entries, one per category
    assert alone.results[0].cached and alone.results[0].raw_reward == every.results[0].scores[Category.HATE] == 32.0
    assert len(bank.forwards) == 7  # the hate request was a cache hit


def test_a_failing_category_fails_its_item_but_not_its_group_mates_weight():
    items = _group("aa", "V!", "aaaa")
    requests = [{"items": items, "combine": "sum"}, {"items": items, "combine": "sum", "categories": "all"}]
    (plain, every), _ = _run(requests, bank=CategoryBank())
    assert plain.results[1].error is None  # the crime model scores "V!" fine
    assert every.results[1].error.code == "non_finite"
    assert every.results[1].scores is None and every.results[1].reward is None
    for k in (0, 2):  # "V!" still counts in its group's weight: its mates' rewards are as without categories
        assert every.results[k].weight == plain.results[k].weight and every.results[k].reward == plain.results[k].reward
