"""HTTP clients of the reward server: :class:`RewardClient` (sync) and :class:`AsyncRewardClient`.

Both split large batches into chunks, send them with bounded concurrency, retry what can succeed again (transport
errors, 429 and 5xx, honouring ``Retry-After``) with jittered exponential backoff under one deadline per call, and
return per-item results — an item the server could not score carries ``error``; nothing becomes a silent None or 0.
Request building and response parsing live in :class:`_ClientBase`; ``transport=`` is the test seam.

Example::

    with RewardClient("http://127.0.0.1:8000") as client:
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

from shared.errors import RewardProtocolError, RewardRejected, RewardUnavailable
from shared.schemas import (
    CombineRule,
    ErrorResponse,
    ItemResult,
    ModelsResponse,
    ReadyResponse,
    ScalingMode,
    ScoreItem,
    ScoreRequest,
    ScoreResponse,
)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass
class ScoreResult:
    """Results of one (possibly chunked) call, in the order of the items given."""

    model_version: str
    results: list[ItemResult]
    timings_ms: list[dict[str, float]] = field(default_factory=list)
    attempts: int = 1

    @property
    def n_errors(self) -> int:
        return sum(r.error is not None for r in self.results)

    def rewards(self) -> list[float | None]:
        """Rewards with ``None`` exactly where an item has an error (TRL's convention for "no signal")."""
        return [r.reward if r.error is None else None for r in self.results]


class _ClientBase:
    def __init__(
        self,
        base_url: str,
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
        self.base_url = base_url.rstrip("/")
        self.chunk_size = chunk_size
        self.max_concurrency = max_concurrency
        self.timeout_s = timeout_s
        self.deadline_s = deadline_s
        self.backoff_base_s = backoff_base_s
        self.backoff_max_s = backoff_max_s
        self.headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}

    # -- request building / parsing, shared by both clients
    @staticmethod
    def _items(items: Iterable[ScoreItem | dict[str, Any]]) -> list[ScoreItem]:
        return [it if isinstance(it, ScoreItem) else ScoreItem.model_validate(it) for it in items]

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

    @staticmethod
    def _options(scale: bool, scaling: ScalingMode | None, combine: CombineRule | None) -> dict[str, Any]:
        """The request fields besides ``items`` (see ScoreRequest: scale=false forbids scaling other than none)."""
        return {"scale": scale, "scaling": scaling, "combine": combine}

    @staticmethod
    def _body(chunk: list[ScoreItem], options: dict[str, Any]) -> dict[str, Any]:
        return ScoreRequest(items=chunk, **options).model_dump(mode="json", exclude_none=True)

    @staticmethod
    def _request_id(call_id: str, k: int) -> dict[str, str]:
        return {"X-Request-ID": f"{call_id}-{k}"}

    @staticmethod
    def _parse_score(resp: httpx.Response, expected: int) -> ScoreResponse:
        try:
            parsed = ScoreResponse.model_validate_json(resp.content)
        except ValidationError as e:
            raise RewardProtocolError(f"unreadable /score answer: {str(e)[:300]}") from None
        if len(parsed.results) != expected:
            raise RewardProtocolError(f"/score returned {len(parsed.results)} results for {expected} items")
        return parsed

    @staticmethod
    def _rejected(resp: httpx.Response) -> RewardRejected:
        try:
            err: ErrorResponse | None = ErrorResponse.model_validate_json(resp.content)
        except ValidationError:
            err = None
        return RewardRejected(resp.status_code, err, resp.text)

    def _backoff(self, attempt: int, resp: httpx.Response | None) -> float:
        if resp is not None and (after := resp.headers.get("retry-after")):
            try:
                return min(float(after), self.backoff_max_s)
            except ValueError:
                pass
        base = min(self.backoff_base_s * 2**attempt, self.backoff_max_s)
        return base * (0.5 + random.random() / 2)

    @staticmethod
    def _assemble(
        order: list[list[ScoreItem]], items: list[ScoreItem], parts: list[ScoreResponse], attempts: int
    ) -> ScoreResult:
        by_id: dict[int, ItemResult] = {}
        for chunk, part in zip(order, parts, strict=True):
            for it, res in zip(chunk, part.results, strict=True):
                by_id[id(it)] = res
        versions = {p.model_version for p in parts}
        if len(versions) > 1:
            raise RewardProtocolError(f"model_version changed during one call: {sorted(versions)}")
        return ScoreResult(
            model_version=parts[0].model_version,
            results=[by_id[id(it)] for it in items],
            timings_ms=[p.timings_ms for p in parts],
            attempts=attempts,
        )


class RewardClient(_ClientBase):
    """Synchronous client; chunks are sent from a small thread pool over one ``httpx.Client``."""

    def __init__(self, base_url: str, *, transport: httpx.BaseTransport | None = None, **kwargs: Any) -> None:
        super().__init__(base_url, **kwargs)
        self._http = httpx.Client(
            base_url=self.base_url, headers=self.headers, transport=transport, timeout=self.timeout_s
        )
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
    ) -> ScoreResult:
        """Score items (any number); raises RewardUnavailable / RewardRejected / RewardProtocolError.

        ``scale``, ``scaling`` and ``combine`` are ScoreRequest's fields (None: the server's default).
        """
        options = self._options(scale, scaling, combine)
        its = self._items(items)
        if not its:
            raise ValueError("score() needs at least one item")
        deadline = time.monotonic() + self.deadline_s
        call_id = uuid.uuid4().hex[:12]
        chunks = self._chunks(its)
        futures = [self._pool.submit(self._post_chunk, c, options, deadline, call_id, k) for k, c in enumerate(chunks)]
        outcomes = [f.result() for f in futures]
        return self._assemble(chunks, its, [o[0] for o in outcomes], max(o[1] for o in outcomes))

    def _post_chunk(
        self, chunk: list[ScoreItem], options: dict[str, Any], deadline: float, call_id: str, k: int
    ) -> tuple[ScoreResponse, int]:
        resp = self._call(
            "POST", "/score", deadline, json=self._body(chunk, options), headers=self._request_id(call_id, k)
        )
        return self._parse_score(resp[0], len(chunk)), resp[1]

    def _call(self, method: str, path: str, deadline: float, **kwargs: Any) -> tuple[httpx.Response, int]:
        attempt = 0
        while True:
            left = deadline - time.monotonic()
            resp: httpx.Response | None = None
            error: str
            try:
                resp = self._http.request(method, path, timeout=max(min(self.timeout_s, left), 0.001), **kwargs)
            except httpx.TransportError as e:
                error = f"{type(e).__name__}: {e}"
            else:
                if resp.status_code < 400:
                    return resp, attempt + 1
                if resp.status_code not in RETRY_STATUSES:
                    raise self._rejected(resp)
                error = f"HTTP {resp.status_code}"
            wait = self._backoff(attempt, resp)
            attempt += 1
            if time.monotonic() + wait >= deadline:
                raise RewardUnavailable(
                    f"{method} {self.base_url}{path} failed after {attempt} attempts within {self.deadline_s:.0f}s "
                    f"deadline: {error}",
                    attempts=attempt,
                    last_status=resp.status_code if resp else None,
                )
            time.sleep(wait)

    def models(self) -> ModelsResponse:
        resp, _ = self._call("GET", "/v1/models", time.monotonic() + self.deadline_s)
        return ModelsResponse.model_validate_json(resp.content)

    def ready(self) -> ReadyResponse | None:
        """The server's readiness, or None when it cannot be reached (one try, no retries)."""
        try:
            resp = self._http.get("/readyz", timeout=min(self.timeout_s, 5.0))
            return ReadyResponse.model_validate_json(resp.content)
        except (httpx.TransportError, ValidationError):
            return None

    def wait_ready(self, timeout_s: float) -> ReadyResponse:
        """Poll /readyz until the models are loaded; raise RewardUnavailable after ``timeout_s``."""
        end = time.monotonic() + timeout_s
        while True:
            r = self.ready()
            if r is not None and r.models_loaded:
                return r
            if time.monotonic() > end:
                raise RewardUnavailable(f"{self.base_url} not ready after {timeout_s:.0f}s", attempts=0)
            time.sleep(0.2)


class AsyncRewardClient(_ClientBase):
    """asyncio client with the same methods; chunks run concurrently under a semaphore."""

    def __init__(self, base_url: str, *, transport: httpx.AsyncBaseTransport | None = None, **kwargs: Any) -> None:
        super().__init__(base_url, **kwargs)
        self._http = httpx.AsyncClient(
            base_url=self.base_url, headers=self.headers, transport=transport, timeout=self.timeout_s
        )
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
    ) -> ScoreResult:
        options = self._options(scale, scaling, combine)
        its = self._items(items)
        if not its:
            raise ValueError("score() needs at least one item")
        deadline = time.monotonic() + self.deadline_s
        call_id = uuid.uuid4().hex[:12]
        chunks = self._chunks(its)
        outcomes = await asyncio.gather(
            *(self._post_chunk(c, options, deadline, call_id, k) for k, c in enumerate(chunks))
        )
        return self._assemble(chunks, its, [o[0] for o in outcomes], max(o[1] for o in outcomes))

    async def _post_chunk(
        self, chunk: list[ScoreItem], options: dict[str, Any], deadline: float, call_id: str, k: int
    ) -> tuple[ScoreResponse, int]:
        async with self._sem:
            resp, attempts = await self._call(
                "POST", "/score", deadline, json=self._body(chunk, options), headers=self._request_id(call_id, k)
            )
        return self._parse_score(resp, len(chunk)), attempts

    async def _call(self, method: str, path: str, deadline: float, **kwargs: Any) -> tuple[httpx.Response, int]:
        attempt = 0
        while True:
            left = deadline - time.monotonic()
            resp: httpx.Response | None = None
            error: str
            try:
                resp = await self._http.request(method, path, timeout=max(min(self.timeout_s, left), 0.001), **kwargs)
            except httpx.TransportError as e:
                error = f"{type(e).__name__}: {e}"
            else:
                if resp.status_code < 400:
                    return resp, attempt + 1
                if resp.status_code not in RETRY_STATUSES:
                    raise self._rejected(resp)
                error = f"HTTP {resp.status_code}"
            wait = self._backoff(attempt, resp)
            attempt += 1
            if time.monotonic() + wait >= deadline:
                raise RewardUnavailable(
                    f"{method} {self.base_url}{path} failed after {attempt} attempts within {self.deadline_s:.0f}s "
                    f"deadline: {error}",
                    attempts=attempt,
                    last_status=resp.status_code if resp else None,
                )
            await asyncio.sleep(wait)

    async def models(self) -> ModelsResponse:
        resp, _ = await self._call("GET", "/v1/models", time.monotonic() + self.deadline_s)
        return ModelsResponse.model_validate_json(resp.content)

    async def ready(self) -> ReadyResponse | None:
        try:
            resp = await self._http.get("/readyz", timeout=min(self.timeout_s, 5.0))
            return ReadyResponse.model_validate_json(resp.content)
        except (httpx.TransportError, ValidationError):
            return None
