"""One /score call: validate → route → cache lookup → batched forwards → difficulty scaler → cache store.

The :class:`Scorer` never imports FastAPI: routes parse, call :meth:`Scorer.score`, and return its model. Failures of
single items (a forward error, a timeout in the queue, a non-finite score) become that item's ``error``; only input
that cannot be scored at all (limits, inconsistent groups) fails the request.
"""

from __future__ import annotations

import asyncio
import logging
import math
import struct
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from services.reward_server import scaling
from services.reward_server.batcher import Batcher, ItemTimeout, QueueFull
from services.reward_server.cache import Cache, cache_key, fingerprint
from services.reward_server.errors import InvalidInput, LimitExceeded, Overloaded
from services.reward_server.metrics import Metrics
from services.reward_server.scaling import ScalingRun
from shared.categories import Category
from shared.cod import final_response
from shared.model_bank import ModelBank
from shared.schemas import ItemError, ItemResult, ScalerParams, ScoreRequest, ScoreResponse

log = logging.getLogger(__name__)

EMBED_KIND = "__embed__"


@dataclass(frozen=True)
class Limits:
    max_items: int
    max_field_chars: int
    timeout_s: float


def _item_error(exc: BaseException) -> ItemError:
    if isinstance(exc, ItemTimeout):
        return ItemError(code="timeout", message=f"not scored in time: {exc}")
    if isinstance(exc, FloatingPointError):
        return ItemError(code="non_finite", message=str(exc))
    return ItemError(code="model_error", message=f"{type(exc).__name__}: {exc}"[:300])


def _errored(category: Category | None, source: str | None, exc: BaseException) -> ItemResult:
    return ItemResult(
        reward=None,
        raw_reward=None,
        weight=None,
        category=category,
        category_source=source,
        cached=False,
        error=_item_error(exc),  # type: ignore[arg-type]
    )


class Scorer:
    """Scores requests with the loaded models through the shared batcher and cache."""

    def __init__(
        self,
        bank: ModelBank,
        batcher: Batcher,
        cache: Cache,
        metrics: Metrics,
        limits: Limits,
        scaler_params: ScalerParams,
    ) -> None:
        self.bank = bank
        self.batcher = batcher
        self.cache = cache
        self.metrics = metrics
        self.limits = limits
        self.scaler_params = scaler_params
        self.model_version = bank.model_version
        # Cache keys carry these, not bare versions: dtype, device, token limit and runtime change values too.
        self._reward_fingerprint = fingerprint(bank.scoring_settings)
        self._encoder_fingerprint = fingerprint(bank.encoder_settings)

    # ------------------------------------------------------------------------------------------- validation
    def check(self, req: ScoreRequest) -> dict[str, list[int]]:
        """Apply the settings' limits and group rules; return item indices per group, in request order.

        Raises:
            LimitExceeded: too many items (413).
            InvalidInput: a field over the character limit, or a group whose items disagree (422).
        """
        lim = self.limits
        if len(req.items) > lim.max_items:
            raise LimitExceeded(
                f"{len(req.items)} items exceed max_items_per_request={lim.max_items} "
                "(DRIRL_MAX_ITEMS_PER_REQUEST); split the batch (RewardClient does this for you)",
                param="items",
            )
        groups: dict[str, list[int]] = {}
        for i, item in enumerate(req.items):
            for name in ("prompt", "response", "reference"):
                value = getattr(item, name)
                if value is not None and len(value) > lim.max_field_chars:
                    raise InvalidInput(
                        f"items.{i}.{name} has {len(value)} characters, over max_field_chars="
                        f"{lim.max_field_chars} (DRIRL_MAX_FIELD_CHARS)",
                        param=f"items.{i}.{name}",
                    )
            key = f"g:{item.group_id}" if item.group_id is not None else f"i:{i}"
            members = groups.setdefault(key, [])
            if members:
                first = req.items[members[0]]
                for name in ("prompt", "category", "reference"):
                    if getattr(item, name) != getattr(first, name):
                        raise InvalidInput(
                            f"items.{i} is in group {item.group_id!r} but its {name} differs from items.{members[0]}; "
                            "a group is the responses to one prompt with one category and one reference",
                            param=f"items.{i}.{name}",
                        )
            members.append(i)
        return groups

    # ------------------------------------------------------------------------------------------- scoring
    async def score(self, req: ScoreRequest, request_id: str) -> ScoreResponse:
        t0 = time.perf_counter()
        groups = self.check(req)
        items = req.items
        timings: dict[str, float] = {}
        run = ScalingRun(
            req=req,
            params=self.scaler_params,
            categories=[it.category for it in items],
            sources=["given" if it.category is not None else "routed" for it in items],
            responses=[final_response(it.response) for it in items],
            references=[final_response(it.reference) if it.reference is not None else None for it in items],
        )

        # 1. categories: given, or routed by the prompt embedding
        unrouted = [i for i, c in enumerate(run.categories) if c is None]
        if unrouted:
            t = time.perf_counter()
            embs = await self._embed([items[i].prompt for i in unrouted], request_id)
            for i, emb in zip(unrouted, embs, strict=True):
                if isinstance(emb, BaseException):
                    run.route_errors[i] = emb
                else:
                    run.categories[i] = self.bank.route(emb[None, :])[0]
            timings["route"] = _ms(t)

        # 2. raw rewards, the references' rewards and the scaler's embeddings, all concurrently
        rm_jobs, texts, sentences = scaling.plan(run, groups)
        if req.categories == "all":  # every category's reward of every item; its own category's job is among them
            rm_jobs = list(dict.fromkeys([*rm_jobs, *_every_category(run)]))
        t = time.perf_counter()
        (run.raw, run.cached), embedded, sentence_embs = await asyncio.gather(
            self._rewards(rm_jobs, request_id, timings),
            self._embed(texts, request_id),
            self._embed(sentences, request_id, namespace="s"),
        )
        run.emb = dict(zip(texts, embedded, strict=True))
        run.sentence_emb = dict(zip(sentences, sentence_embs, strict=True))
        timings["score"] = _ms(t)

        # 3. per group: the scaler's coefficients, reward = weight · raw
        t = time.perf_counter()
        results: list[ItemResult | None] = [None] * len(items)
        for members in groups.values():
            self._score_group(run, members, results)
        timings["scaler"] = _ms(t)
        timings["total"] = _ms(t0)
        out = [r for r in results if r is not None]
        assert len(out) == len(items)
        for r in out:
            cat = r.category.value if r.category is not None else "unknown"
            self.metrics.items.labels(cat, "ok" if r.error is None else r.error.code).inc()
            if r.raw_reward is not None:
                self.metrics.reward.labels(cat).observe(r.raw_reward)
                self.metrics.weight.labels(cat).observe(r.weight or 1.0)
        return ScoreResponse(model_version=self.model_version, results=out, timings_ms=timings)

    def _score_group(self, run: ScalingRun, members: list[int], results: list[ItemResult | None]) -> None:
        lead = members[0]
        cat = run.categories[lead]
        prompt = run.req.items[lead].prompt
        if cat is None:
            for i in members:
                results[i] = _errored(None, run.sources[i], run.route_errors[i])
            return
        values: dict[int, float] = {}
        for i in members:
            v = run.raw[(cat, prompt, run.responses[i])]
            if isinstance(v, BaseException):
                results[i] = _errored(cat, run.sources[i], v)
            else:
                values[i] = v
        if not values:
            return
        try:
            scale = scaling.scale_group(
                run,
                members,
                values,
                centroid=self.bank.centroids[list(Category).index(cat)],
                mean_reference_reward=self.bank.manifest.categories[cat].mean_reference_reward,
            )
        except Exception as e:  # the group's embeddings or reference reward failed: no silent weight
            for i in values:
                results[i] = _errored(cat, run.sources[i], e)
            return
        for k, (i, v) in enumerate(values.items()):
            scores = _scores(run, i) if run.req.categories == "all" else None
            if isinstance(scores, BaseException):  # weighed in its group like the rest, but no partial answer
                results[i] = _errored(cat, run.sources[i], scores)
                continue
            w = scale.weights[k]
            results[i] = ItemResult(
                reward=w * v,
                raw_reward=v,
                weight=w,
                alpha_data=scale.alpha_data[k] if scale.alpha_data is not None else None,
                alpha_model=scale.alpha_model,
                delta=scale.deltas[k] if scale.deltas is not None else None,
                reward_gap=scale.gaps[k] if scale.gaps is not None else None,
                hardness=scale.hardness,
                responsiveness=scale.responsiveness,
                category=cat,
                category_source=run.sources[i],  # type: ignore[arg-type]
                cached=(cat, prompt, run.responses[i]) in run.cached,
                scores=scores,
            )

    # ------------------------------------------------------------------------------------------- cache + batcher
    async def _rewards(
        self, jobs: list[tuple[Category, str, str]], request_id: str, timings: dict[str, float]
    ) -> tuple[dict[tuple[Category, str, str], float | BaseException], set[tuple[Category, str, str]]]:
        """Raw rewards of (category, prompt, response) jobs, and which of them came from the cache."""
        unique = list(dict.fromkeys(jobs))
        keys = [cache_key("r", self._reward_fingerprint, c.value, p, r) for c, p, r in unique]
        payloads = [(c.value, (p, r)) for c, p, r in unique]
        values, cached = await self._through_cache(
            "reward", keys, payloads, request_id, _decode_reward, _encode_reward, timings
        )
        return dict(zip(unique, values, strict=True)), {u for u, hit in zip(unique, cached, strict=True) if hit}

    async def _embed(
        self, texts: Sequence[str], request_id: str, namespace: str = "e"
    ) -> list[np.ndarray | BaseException]:
        """Unit embeddings for texts (cache, then the batcher's encoder forward), one per text, errors in place.

        ``namespace`` keeps whole texts ("e") and the scaler's sentences ("s") apart in the cache and its metrics.
        """
        if not texts:
            return []
        unique = list(dict.fromkeys(texts))
        keys = [cache_key(namespace, self._encoder_fingerprint, t) for t in unique]
        values, _ = await self._through_cache(
            "embedding" if namespace == "e" else "sentence",
            keys,
            [(EMBED_KIND, (t,)) for t in unique],
            request_id,
            lambda hit: np.frombuffer(hit, dtype=np.float32),
            lambda v: (v, np.asarray(v, dtype=np.float32).tobytes()),
        )
        found = dict(zip(unique, values, strict=True))
        return [found[t] for t in texts]

    async def _through_cache(
        self,
        metric: str,
        keys: list[str],
        payloads: list[tuple[str, tuple[str, ...]]],
        request_id: str,
        decode: Callable[[bytes], Any],
        encode: Callable[[Any], tuple[Any, bytes | None]],
        timings: dict[str, float] | None = None,
    ) -> tuple[list[Any], list[bool]]:
        """The value of each key: a cache hit (``decode``; None: unusable), else computed by the batcher and stored.

        Args:
            metric: the ``kind`` label of the cache-lookup metric.
            keys: distinct cache keys; ``payloads[j]`` = (batcher kind, payload) computes ``keys[j]``.
            encode: a computed value → (the value, or an exception in its place; the bytes to cache, or None).
            timings: gets the cache lookup's time as ``"cache"``.

        Returns:
            The values (an exception in place of each that failed) and, per key, whether it came from the cache.

        Raises:
            Overloaded: the batcher's queue is full (nothing of this call stays queued).
        """
        t = time.perf_counter()
        hits = await self.cache.get_many(keys)
        if timings is not None:
            timings["cache"] = _ms(t)
        values: list[Any] = [decode(hit) if hit is not None else None for hit in hits]
        misses = [j for j, v in enumerate(values) if v is None]
        self.metrics.cache_lookups.labels(metric, "hit").inc(len(keys) - len(misses))
        self.metrics.cache_lookups.labels(metric, "miss").inc(len(misses))
        cached = [v is not None for v in values]
        if not misses:
            return values, cached
        by_kind: dict[str, list[int]] = {}
        for j in misses:
            by_kind.setdefault(payloads[j][0], []).append(j)
        futures: list[asyncio.Future[Any]] = []
        order: list[int] = []
        try:
            for kind, idx in by_kind.items():
                futures += self.batcher.submit_many(
                    kind, [payloads[j][1] for j in idx], timeout_s=self.limits.timeout_s, request_id=request_id
                )
                order += idx
        except QueueFull as e:
            for f in futures:
                f.cancel()
            raise Overloaded(f"server busy: {e}; retry later", headers={"Retry-After": "1"}) from None
        store: dict[str, bytes] = {}
        for j, v in zip(order, await asyncio.gather(*futures, return_exceptions=True), strict=True):
            blob = None
            if not isinstance(v, BaseException):
                v, blob = encode(v)
            values[j] = v
            if blob is not None:
                store[keys[j]] = blob
        await self.cache.set_many(store)
        return values, cached


def _every_category(run: ScalingRun) -> list[tuple[Category, str, str]]:
    """(category, prompt, response) for every category and every item that has a category of its own."""
    items = run.req.items
    have = [i for i, own in enumerate(run.categories) if own is not None]
    return [(c, items[i].prompt, run.responses[i]) for i in have for c in Category]


def _scores(run: ScalingRun, i: int) -> dict[Category, float] | BaseException:
    """Item i's raw reward under every category's model, or the first failure among them."""
    prompt, response = run.req.items[i].prompt, run.responses[i]
    scores = {c: run.raw[(c, prompt, response)] for c in Category}
    failed = [v for v in scores.values() if isinstance(v, BaseException)]
    return failed[0] if failed else scores  # type: ignore[return-value]


def _decode_reward(hit: bytes) -> float | None:
    return struct.unpack("<d", hit)[0] if len(hit) == 8 else None


def _encode_reward(value: Any) -> tuple[float | BaseException, bytes | None]:
    reward = float(value)
    if not math.isfinite(reward):
        return FloatingPointError(f"reward model returned {value}"), None
    return reward, struct.pack("<d", reward)


def _ms(t: float) -> float:
    return round(1e3 * (time.perf_counter() - t), 3)
