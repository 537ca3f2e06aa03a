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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from services.reward_server import scaler
from services.reward_server.batcher import Batcher, ItemTimeout, QueueFull
from services.reward_server.cache import Cache, cache_key
from services.reward_server.errors import InvalidInput, LimitExceeded, Overloaded
from services.reward_server.metrics import Metrics
from services.reward_server.models import ModelBank
from shared.categories import Category
from shared.cod import final_response
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
        self._reward_fingerprint = bank.scoring_fingerprint
        self._encoder_version = bank.encoder_fingerprint

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

        # 1. categories: given, or routed by the prompt embedding
        categories: list[Category | None] = [it.category for it in items]
        sources: list[str] = ["given" if c is not None else "routed" for c in categories]
        route_errors: dict[int, BaseException] = {}
        unrouted = [i for i, c in enumerate(categories) if c is None]
        if unrouted:
            t = time.perf_counter()
            embs = await self._embed([items[i].prompt for i in unrouted], request_id)
            for i, emb in zip(unrouted, embs, strict=True):
                if isinstance(emb, BaseException):
                    route_errors[i] = emb
                else:
                    categories[i] = self.bank.route(emb[None, :])[0]
            timings["route"] = _ms(t)

        # 2. raw rewards for responses (+ references when scaling), and the scaler's embeddings, concurrently
        responses = [final_response(it.response) for it in items]
        references = [final_response(it.reference) if it.reference is not None else None for it in items]
        rm_jobs: list[tuple[Category, str, str]] = []
        for i, it in enumerate(items):
            cat = categories[i]
            if cat is None:
                continue
            rm_jobs.append((cat, it.prompt, responses[i]))
            if req.scale and references[i] is not None:
                rm_jobs.append((cat, it.prompt, references[i]))  # type: ignore[arg-type]
        embed_texts: list[str] = []
        if req.scale:
            for members in groups.values():
                lead = members[0]
                if references[lead] is not None:
                    embed_texts.extend(responses[i] for i in members)
                    embed_texts.append(references[lead])  # type: ignore[arg-type]
                else:
                    embed_texts.append(items[lead].prompt)
        t = time.perf_counter()
        (raw, cached), embedded = await asyncio.gather(
            self._rewards(rm_jobs, request_id, timings),
            self._embed(embed_texts, request_id) if embed_texts else _none(),
        )
        emb_of = dict(zip(embed_texts, embedded or [], strict=False))
        timings["score"] = _ms(t)

        # 3. per group: weight from the scaler, reward = w · raw
        t = time.perf_counter()
        results: list[ItemResult | None] = [None] * len(items)
        for members in groups.values():
            self._score_group(
                req, members, categories, sources, route_errors, responses, references, raw, cached, emb_of, results
            )
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

    def _score_group(
        self,
        req: ScoreRequest,
        members: list[int],
        categories: list[Category | None],
        sources: list[str],
        route_errors: dict[int, BaseException],
        responses: list[str],
        references: list[str | None],
        raw: dict[tuple[Category, str, str], float | BaseException],
        cached: set[tuple[Category, str, str]],
        emb_of: dict[str, np.ndarray | BaseException],
        results: list[ItemResult | None],
    ) -> None:
        lead = members[0]
        cat = categories[lead]
        prompt = req.items[lead].prompt
        if cat is None:
            for i in members:
                results[i] = _errored(None, sources[i], route_errors[i])
            return
        values: dict[int, float] = {}
        for i in members:
            v = raw[(cat, prompt, responses[i])]
            if isinstance(v, BaseException):
                results[i] = _errored(cat, sources[i], v)
            else:
                values[i] = v
        if not values:
            return
        weight, h_data, h_model = 1.0, None, None
        if req.scale:
            try:
                weight, h_data, h_model = self._weight(cat, prompt, references[lead], values, responses, raw, emb_of)
            except Exception as e:  # the group's embeddings or reference reward failed: no silent weight
                for i in values:
                    results[i] = _errored(cat, sources[i], e)
                return
        for i, v in values.items():
            results[i] = ItemResult(
                reward=weight * v,
                raw_reward=v,
                weight=weight,
                hardness=h_data,
                responsiveness=h_model,
                category=cat,
                category_source=sources[i],  # type: ignore[arg-type]
                cached=(cat, prompt, responses[i]) in cached,
            )

    def _weight(
        self,
        cat: Category,
        prompt: str,
        reference: str | None,
        values: dict[int, float],
        responses: list[str],
        raw: dict[tuple[Category, str, str], float | BaseException],
        emb_of: dict[str, np.ndarray | BaseException],
    ) -> tuple[float, float, float]:
        def emb(text: str) -> np.ndarray:
            e = emb_of[text]
            if isinstance(e, BaseException):
                raise e
            return e

        entry = self.bank.manifest.categories[cat]
        ref_reward = None
        ref_emb = resp_emb = None
        if reference is not None:
            r = raw[(cat, prompt, reference)]
            if isinstance(r, BaseException):
                raise r
            ref_reward, ref_emb = r, emb(reference)
            resp_emb = np.stack([emb(responses[i]) for i in values])
        prompt_emb = emb(prompt) if reference is None else ref_emb  # prompt only needed without a reference
        return scaler.group_weight(
            rewards=list(values.values()),
            response_emb=resp_emb,
            reference_emb=ref_emb,
            reference_reward=ref_reward,
            prompt_emb=prompt_emb,  # type: ignore[arg-type]
            centroid=self.bank.centroids[list(Category).index(cat)],
            mean_reference_reward=entry.mean_reference_reward,
            params=self.scaler_params,
        )

    # ------------------------------------------------------------------------------------------- cache + batcher
    async def _rewards(
        self, jobs: list[tuple[Category, str, str]], request_id: str, timings: dict[str, float]
    ) -> tuple[dict[tuple[Category, str, str], float | BaseException], set[tuple[Category, str, str]]]:
        unique = list(dict.fromkeys(jobs))
        keys = [cache_key("r", self._reward_fingerprint, c.value, p, r) for c, p, r in unique]
        t = time.perf_counter()
        hits = await self.cache.get_many(keys)
        timings["cache"] = _ms(t)
        out: dict[tuple[Category, str, str], float | BaseException] = {}
        cached: set[tuple[Category, str, str]] = set()
        misses: list[int] = []
        for j, hit in enumerate(hits):
            if hit is not None and len(hit) == 8:
                out[unique[j]] = struct.unpack("<d", hit)[0]
                cached.add(unique[j])
            else:
                misses.append(j)
        self.metrics.cache_lookups.labels("reward", "hit").inc(len(unique) - len(misses))
        self.metrics.cache_lookups.labels("reward", "miss").inc(len(misses))
        if not misses:
            return out, cached
        by_cat: dict[Category, list[int]] = {}
        for j in misses:
            by_cat.setdefault(unique[j][0], []).append(j)
        futures: list[asyncio.Future[Any]] = []
        order: list[int] = []
        try:
            for cat, idx in by_cat.items():
                futures += self.batcher.submit_many(
                    cat.value,
                    [(unique[j][1], unique[j][2]) for j in idx],
                    timeout_s=self.limits.timeout_s,
                    request_id=request_id,
                )
                order += idx
        except QueueFull as e:
            for f in futures:
                f.cancel()
            raise Overloaded(f"server busy: {e}; retry later", headers={"Retry-After": "1"}) from None
        values = await asyncio.gather(*futures, return_exceptions=True)
        store: dict[str, bytes] = {}
        for j, v in zip(order, values, strict=True):
            if not isinstance(v, BaseException) and not math.isfinite(float(v)):
                v = FloatingPointError(f"reward model returned {v}")
            out[unique[j]] = v if isinstance(v, BaseException) else float(v)
            if not isinstance(v, BaseException):
                store[keys[j]] = struct.pack("<d", float(v))
        await self.cache.set_many(store)
        return out, cached

    async def _embed(self, texts: Sequence[str], request_id: str) -> list[np.ndarray | BaseException]:
        """Unit embeddings for texts (cache, then the batcher's encoder forward), one per text, errors in place."""
        unique = list(dict.fromkeys(texts))
        keys = [cache_key("e", self._encoder_version, t) for t in unique]
        hits = await self.cache.get_many(keys)
        found: dict[str, np.ndarray | BaseException] = {}
        misses = []
        for t, k, hit in zip(unique, keys, hits, strict=True):
            if hit is not None:
                found[t] = np.frombuffer(hit, dtype=np.float32)
            else:
                misses.append((t, k))
        self.metrics.cache_lookups.labels("embedding", "hit").inc(len(unique) - len(misses))
        self.metrics.cache_lookups.labels("embedding", "miss").inc(len(misses))
        if misses:
            try:
                futures = self.batcher.submit_many(
                    EMBED_KIND, [(t,) for t, _ in misses], timeout_s=self.limits.timeout_s, request_id=request_id
                )
            except QueueFull as e:
                raise Overloaded(f"server busy: {e}; retry later", headers={"Retry-After": "1"}) from None
            values = await asyncio.gather(*futures, return_exceptions=True)
            store = {}
            for (t, k), v in zip(misses, values, strict=True):
                found[t] = v
                if not isinstance(v, BaseException):
                    store[k] = np.asarray(v, dtype=np.float32).tobytes()
            await self.cache.set_many(store)
        return [found[t] for t in texts]


async def _none() -> None:
    return None


def _ms(t: float) -> float:
    return round(1e3 * (time.perf_counter() - t), 3)
