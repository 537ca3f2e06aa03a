"""HTTP clients of the reward server: :class:`RewardClient` (sync) and :class:`AsyncRewardClient`.

Both split large batches into chunks that never split a GRPO group, send them with bounded concurrency, and return
per-item results — an item the server could not score carries ``error``; nothing becomes a silent None or 0.

Replicas: ``base_url`` may name several servers (a list, or ``"http://a:8000,http://b:8000"``). Chunks are spread
round robin over them; a replica that fails (connect error, timeout, 429, 5xx) is skipped for a cooldown and the
chunk goes to the next one at once; when every replica has failed, the client waits (``Retry-After`` or jittered
exponential backoff) under one deadline per call. The policy lives in :mod:`shared.endpoints`, shared by both clients.

Model versions (a rolling upgrade): one request is answered by one replica, and a group is never split across
requests, so every group is scored by one model version. A whole call is too: when its chunks come back from
replicas with different ``model_version`` (old and new replicas side by side), the chunks that disagree with the
newest answer are sent again, to replicas last seen serving that version, until all agree or the deadline passes
(then :class:`~shared.errors.RewardUnavailable`, which is retryable). ``ScoreResult.resent_chunks`` counts them.

Request building and response parsing live in :class:`_ClientBase`; ``transport=`` is the test seam.

Example::

    with RewardClient("http://127.0.0.1:8000,http://127.0.0.1:8001") as client:
        result = client.score([ScoreItem(prompt="…", response="…", category="crime")])
        print(result.results[0].reward)
"""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import httpx
from pydantic import ValidationError

from shared.endpoints import RETRY_STATUSES, Attempts, Endpoints, RetryPolicy, parse_base_urls
from shared.errors import RewardProtocolError, RewardUnavailable
from shared.schemas import (
    CategoriesOption,
    CombineRule,
    ItemResult,
    ModelsResponse,
    ReadyResponse,
    ScalingMode,
    ScoreItem,
    ScoreRequest,
    ScoreResponse,
)

__all__ = ["RETRY_STATUSES", "AsyncRewardClient", "RewardClient", "ScoreResult"]


@dataclass
class ScoreResult:
    """Results of one (possibly chunked) call, in the order of the items given."""

    model_version: str
    results: list[ItemResult]
    timings_ms: list[dict[str, float]] = field(default_factory=list)
    attempts: int = 1
    resent_chunks: int = 0  # chunks sent again because a replica answered with another model version

    @property
    def n_errors(self) -> int:
        return sum(r.error is not None for r in self.results)

    def rewards(self) -> list[float | None]:
        """Rewards with ``None`` exactly where an item has an error (TRL's convention for "no signal")."""
        return [r.reward if r.error is None else None for r in self.results]


@dataclass
class _Part:
    """One chunk's answer: the response, the tries it took, when it arrived."""

    response: ScoreResponse
    attempts: int
    received_at: float


@dataclass
class _Call:
    """One score() call: its items, chunks, deadline and the answers so far."""

    items: list[ScoreItem]
    chunks: list[list[ScoreItem]]
    options: dict[str, Any]  # ScoreRequest's fields besides items
    deadline: float
    call_id: str
    parts: list[_Part] = field(default_factory=list)
    rounds: int = 0
    resent: int = 0


class _ClientBase:
    def __init__(
        self,
        base_url: str | Sequence[str],
        *,
        api_key: str | None = None,
        chunk_size: int = 256,
        max_concurrency: int = 4,
        timeout_s: float = 60.0,
        deadline_s: float = 300.0,
        backoff_base_s: float = 0.1,
        backoff_max_s: float = 5.0,
    ) -> None:
        if chunk_size < 1 or max_concurrency < 1:
            raise ValueError("chunk_size and max_concurrency must be >= 1")
        self.endpoints = Endpoints(parse_base_urls(base_url))
        self.base_urls = self.endpoints.urls
        self.base_url = ",".join(self.base_urls)
        self.chunk_size = chunk_size
        self.max_concurrency = max_concurrency
        self.policy = RetryPolicy(
            timeout_s=timeout_s, deadline_s=deadline_s, backoff_base_s=backoff_base_s, backoff_max_s=backoff_max_s
        )
        self.timeout_s = timeout_s
        self.deadline_s = deadline_s
        self.headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}

    # -- request building / parsing, shared by both clients
    def _start(
        self,
        items: Iterable[ScoreItem | dict[str, Any]],
        scale: bool,
        scaling: ScalingMode | None,
        combine: CombineRule | None,
        categories: CategoriesOption | None = None,
    ) -> _Call:
        its = [it if isinstance(it, ScoreItem) else ScoreItem.model_validate(it) for it in items]
        if not its:
            raise ValueError("score() needs at least one item")
        # ScoreRequest's own rules (scale=false forbids scaling other than none) apply when each chunk is built
        options = {"scale": scale, "scaling": scaling, "combine": combine, "categories": categories}
        deadline = time.monotonic() + self.deadline_s
        return _Call(its, self._chunks(its), options, deadline, uuid.uuid4().hex[:12])

    def _chunks(self, items: list[ScoreItem]) -> list[list[ScoreItem]]:
        """Chunks of at most ``chunk_size`` items that never split a group (a group's weight needs all of it)."""
        chunks: list[list[ScoreItem]] = []
        current: list[ScoreItem] = []
        by_group: dict[str, list[ScoreItem]] = {}
        units: list[list[ScoreItem]] = []
        for it in items:
            if it.group_id is None:
                units.append([it])
            elif it.group_id in by_group:
                by_group[it.group_id].append(it)
            else:
                by_group[it.group_id] = [it]
                units.append(by_group[it.group_id])
        for unit in units:
            if current and len(current) + len(unit) > self.chunk_size:
                chunks.append(current)
                current = []
            current.extend(unit)
        if current:
            chunks.append(current)
        return chunks

    def _attempts(self, method: str, path: str, deadline: float, version: str | None = None) -> Attempts:
        return Attempts(self.endpoints, self.policy, method, path, deadline, version)

    def _score_args(self, call: _Call, k: int) -> dict[str, Any]:
        body = ScoreRequest(items=call.chunks[k], **call.options).model_dump(mode="json", exclude_none=True)
        # the same request id on every try and re-send of a chunk: one trainer step is one grep of the server logs
        return {"json": body, "headers": {"X-Request-ID": f"{call.call_id}-{k}"}}

    def _part(self, call: _Call, k: int, resp: httpx.Response, tries: Attempts) -> _Part:
        expected = len(call.chunks[k])
        try:
            parsed = ScoreResponse.model_validate_json(resp.content)
        except ValidationError as e:
            raise RewardProtocolError(f"unreadable /score answer: {str(e)[:300]}") from None
        if len(parsed.results) != expected:
            raise RewardProtocolError(f"/score returned {len(parsed.results)} results for {expected} items")
        self.endpoints.succeeded(tries.url, parsed.model_version)
        return _Part(parsed, tries.count, time.monotonic())

    def _resend(self, call: _Call) -> tuple[list[int], str | None]:
        """Chunks answered by another model version than the newest answer, and that version; ``[]`` when agreed.

        The newest answer wins: in a rolling upgrade the replicas that answered last are the ones that stay.

        Raises:
            RewardUnavailable: the replicas still disagree and the deadline has passed.
        """
        versions = {p.response.model_version for p in call.parts}
        if len(versions) == 1:
            return [], None
        target = max(call.parts, key=lambda p: p.received_at).response.model_version
        if time.monotonic() >= call.deadline:
            raise RewardUnavailable(
                f"replicas of {self.base_url} kept answering with different model versions {sorted(versions)} "
                f"until the {self.deadline_s:.0f}s deadline (a rolling upgrade that did not finish?)",
                attempts=max(p.attempts for p in call.parts),
            )
        redo = [k for k, p in enumerate(call.parts) if p.response.model_version != target]
        call.rounds += 1
        call.resent += len(redo)
        return redo, target

    def _version_wait(self, call: _Call) -> float:
        """Pause before re-sending round ``call.rounds`` (none for the first: a replica of the version is known)."""
        if call.rounds <= 1:
            return 0.0
        base = min(self.policy.backoff_base_s * 2 ** (call.rounds - 2), self.policy.backoff_max_s)
        return min(base * (0.5 + random.random() / 2), max(call.deadline - time.monotonic(), 0.0))

    @staticmethod
    def _assemble(call: _Call) -> ScoreResult:
        results = [res for part in call.parts for res in part.response.results]
        by_id = {id(it): res for it, res in zip((it for c in call.chunks for it in c), results, strict=True)}
        return ScoreResult(
            model_version=call.parts[0].response.model_version,
            results=[by_id[id(it)] for it in call.items],
            timings_ms=[p.response.timings_ms for p in call.parts],
            attempts=max(p.attempts for p in call.parts),
            resent_chunks=call.resent,
        )

    @staticmethod
    def _readiness(resp: httpx.Response) -> ReadyResponse | None:
        try:
            return ReadyResponse.model_validate_json(resp.content)
        except ValidationError:
            return None

    @staticmethod
    def _first_ready(answers: Iterable[ReadyResponse | None]) -> ReadyResponse | None:
        """The first answer with models loaded (``answers`` may be lazy: later replicas are then not asked)."""
        last: ReadyResponse | None = None
        for r in answers:
            if r is not None and r.models_loaded:
                return r
            last = r or last
        return last


class RewardClient(_ClientBase):
    """Synchronous client; chunks are sent from a small thread pool over one ``httpx.Client``."""

    def __init__(
        self, base_url: str | Sequence[str], *, transport: httpx.BaseTransport | None = None, **kwargs: Any
    ) -> None:
        super().__init__(base_url, **kwargs)
        self._http = httpx.Client(headers=self.headers, transport=transport, timeout=self.timeout_s)
        self._pool = ThreadPoolExecutor(max_workers=self.max_concurrency, thread_name_prefix="drirl-client")

    def __enter__(self) -> RewardClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        self._http.close()

    def score(
        self,
        items: Sequence[ScoreItem | dict[str, Any]],
        *,
        scale: bool = True,
        scaling: ScalingMode | None = None,
        combine: CombineRule | None = None,
        categories: CategoriesOption | None = None,
    ) -> ScoreResult:
        """Score items (any number); raises RewardUnavailable / RewardRejected / RewardProtocolError.

        ``scale``, ``scaling``, ``combine`` and ``categories`` are ScoreRequest's fields (None: the server's
        default); ``categories="all"`` adds every category's raw reward to each result (``ItemResult.scores``).
        """
        call = self._start(items, scale, scaling, combine, categories)
        call.parts = self._send(call, range(len(call.chunks)), None)
        # the async twin of this loop differs only by `await`; the decisions are in _resend and _version_wait
        while (resend := self._resend(call))[0]:
            time.sleep(self._version_wait(call))
            for k, part in zip(resend[0], self._send(call, resend[0], resend[1]), strict=True):
                call.parts[k] = part
        return self._assemble(call)

    def _send(self, call: _Call, ks: Iterable[int], version: str | None) -> list[_Part]:
        futures = [self._pool.submit(self._post_chunk, call, k, version) for k in ks]
        return [f.result() for f in futures]

    def _post_chunk(self, call: _Call, k: int, version: str | None) -> _Part:
        tries = self._attempts("POST", "/score", call.deadline, version)
        resp = self._call(tries, **self._score_args(call, k))
        return self._part(call, k, resp, tries)

    def _call(self, tries: Attempts, **kwargs: Any) -> httpx.Response:
        # AsyncRewardClient._call is this loop with `await`: every decision is made by Attempts (shared.endpoints)
        while True:
            url, timeout = tries.next()
            try:
                outcome: httpx.Response | httpx.TransportError = self._http.request(
                    tries.method, url, timeout=timeout, **kwargs
                )
            except httpx.TransportError as e:
                outcome = e
            wait = tries.judge(outcome)  # raises RewardRejected (4xx) or RewardUnavailable (deadline)
            if wait is None and isinstance(outcome, httpx.Response):
                return outcome
            time.sleep(wait or 0.0)

    def models(self) -> ModelsResponse:
        resp = self._call(self._attempts("GET", "/v1/models", time.monotonic() + self.deadline_s))
        return ModelsResponse.model_validate_json(resp.content)

    def ready(self) -> ReadyResponse | None:
        """The first ready replica's readiness, else the last answer; None when none can be reached (no retries)."""
        return self._first_ready(self._ready_of(url) for url in self.base_urls)

    def _ready_of(self, url: str) -> ReadyResponse | None:
        try:
            return self._readiness(self._http.get(f"{url}/readyz", timeout=min(self.timeout_s, 5.0)))
        except httpx.TransportError:
            return None

    def wait_ready(self, timeout_s: float) -> ReadyResponse:
        """Poll /readyz until one replica has its models loaded; raise RewardUnavailable after ``timeout_s``."""
        end = time.monotonic() + timeout_s
        while True:
            r = self.ready()
            if r is not None and r.models_loaded:
                return r
            if time.monotonic() > end:
                raise RewardUnavailable(f"{self.base_url} not ready after {timeout_s:.0f}s", attempts=0)
            time.sleep(0.2)


class AsyncRewardClient(_ClientBase):
    """asyncio client with the same methods; chunks run concurrently under a semaphore.

    It mirrors :class:`RewardClient` method for method, as httpx's ``AsyncClient`` mirrors ``Client``: the bodies
    differ only by ``await`` (the same lines, on purpose), and every decision sits in the shared base and in
    :class:`~shared.endpoints.Attempts`, so the retry policy is written once.
    """

    def __init__(
        self, base_url: str | Sequence[str], *, transport: httpx.AsyncBaseTransport | None = None, **kwargs: Any
    ) -> None:
        super().__init__(base_url, **kwargs)
        self._http = httpx.AsyncClient(headers=self.headers, transport=transport, timeout=self.timeout_s)
        self._sem = asyncio.Semaphore(self.max_concurrency)

    async def __aenter__(self) -> AsyncRewardClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    # Mirrors RewardClient.score argument for argument: the two clients share one API, as httpx's do.
    async def score(
        self,
        items: Sequence[ScoreItem | dict[str, Any]],
        *,
        scale: bool = True,
        scaling: ScalingMode | None = None,
        combine: CombineRule | None = None,
        categories: CategoriesOption | None = None,
    ) -> ScoreResult:
        call = self._start(items, scale, scaling, combine, categories)
        call.parts = await self._send(call, range(len(call.chunks)), None)
        while (resend := self._resend(call))[0]:
            await asyncio.sleep(self._version_wait(call))
            for k, part in zip(resend[0], await self._send(call, resend[0], resend[1]), strict=True):
                call.parts[k] = part
        return self._assemble(call)

    async def _send(self, call: _Call, ks: Iterable[int], version: str | None) -> list[_Part]:
        return list(await asyncio.gather(*(self._post_chunk(call, k, version) for k in ks)))

    async def _post_chunk(self, call: _Call, k: int, version: str | None) -> _Part:
        tries = self._attempts("POST", "/score", call.deadline, version)
        async with self._sem:
            resp = await self._call(tries, **self._score_args(call, k))
        return self._part(call, k, resp, tries)

    async def _call(self, tries: Attempts, **kwargs: Any) -> httpx.Response:
        while True:
            url, timeout = tries.next()
            try:
                outcome: httpx.Response | httpx.TransportError = await self._http.request(
                    tries.method, url, timeout=timeout, **kwargs
                )
            except httpx.TransportError as e:
                outcome = e
            wait = tries.judge(outcome)
            if wait is None and isinstance(outcome, httpx.Response):
                return outcome
            await asyncio.sleep(wait or 0.0)

    async def models(self) -> ModelsResponse:
        resp = await self._call(self._attempts("GET", "/v1/models", time.monotonic() + self.deadline_s))
        return ModelsResponse.model_validate_json(resp.content)

    async def ready(self) -> ReadyResponse | None:
        return self._first_ready([await self._ready_of(url) for url in self.base_urls])

    async def _ready_of(self, url: str) -> ReadyResponse | None:
        try:
            return self._readiness(await self._http.get(f"{url}/readyz", timeout=min(self.timeout_s, 5.0)))
        except httpx.TransportError:
            return None
