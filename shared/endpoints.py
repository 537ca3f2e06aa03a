"""Where a reward-client request goes and what happens when it fails: the one retry policy of both clients.

:class:`Endpoints` holds one or more replica base URLs. It spreads tries round robin over the replicas that are not
cooling down, takes a replica out for a cooldown after it failed (a passive health check, like nginx's
``max_fails``/``fail_timeout``), and remembers the ``model_version`` each replica last answered with, so that a call
can prefer replicas of the version it is pinned to during a rolling upgrade.

:class:`Attempts` is one request's retry state. After each try it says what to do next: nothing (success), raise
:class:`~shared.errors.RewardRejected` (4xx: no replica would answer otherwise), try the next replica at once (one
that has not failed yet during this round), or wait — ``Retry-After`` if the server sent one, else jittered
exponential backoff — and then try again; past the call's deadline it raises
:class:`~shared.errors.RewardUnavailable`. There is no I/O here: :class:`~shared.client.RewardClient` and
:class:`~shared.client.AsyncRewardClient` drive it with their own transport and sleep.

Why a retry on another replica is safe: ``POST /score`` is idempotent. The same item under the same model version
gets the same reward on every replica (the forward is deterministic, the cache key holds the model version), and
the client keeps exactly one answer per item, so a request that a dying replica had half done costs a second forward
somewhere else, never a lost or a duplicated reward.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

import httpx
from pydantic import ValidationError

from shared.errors import RewardRejected, RewardUnavailable
from shared.schemas import ErrorResponse

#: Statuses worth another try: rate limited, overloaded, not ready, a proxy that lost its upstream, timeouts.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def parse_base_urls(base_url: str | Sequence[str]) -> tuple[str, ...]:
    """``"http://a:8000,http://b:8000"`` or a list of URLs → distinct base URLs without a trailing slash.

    Raises:
        ValueError: no URL, or one that is not http(s)://.
    """
    parts: Iterable[str] = base_url.split(",") if isinstance(base_url, str) else base_url
    urls: list[str] = []
    for raw in parts:
        url = raw.strip().rstrip("/")
        if not url:
            continue
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"reward server URL must start with http:// or https:// (got {url!r})")
        if url not in urls:
            urls.append(url)
    if not urls:
        raise ValueError("no reward server URL given (one URL, a list, or a comma-separated string)")
    return tuple(urls)


@dataclass
class _Replica:
    url: str
    failures: int = 0  # consecutive
    down_until: float = 0.0  # time.monotonic(); 0 = healthy
    model_version: str | None = None


class Endpoints:
    """Replica base URLs with round-robin choice, cooldown after failures and the last model version seen.

    Thread-safe: the sync client calls it from its thread pool.

    Args:
        urls: Base URLs (see :func:`parse_base_urls`).
        cooldown_s: First cooldown after a failure; doubles with each consecutive failure.
        cooldown_max_s: Longest cooldown.
    """

    def __init__(self, urls: Sequence[str], *, cooldown_s: float = 0.5, cooldown_max_s: float = 10.0) -> None:
        self._replicas = [_Replica(u) for u in urls]
        self._next = 0
        self._lock = threading.Lock()
        self.cooldown_s = cooldown_s
        self.cooldown_max_s = cooldown_max_s

    @property
    def urls(self) -> tuple[str, ...]:
        return tuple(r.url for r in self._replicas)

    def __len__(self) -> int:
        return len(self._replicas)

    def pick(self, *, avoid: Collection[str] = (), version: str | None = None) -> str:
        """The next replica: round robin over healthy ones not in ``avoid``, those known to serve ``version`` first.

        When every candidate is cooling down (or avoided), the one whose cooldown ends first: a call never finds
        "no replica", it waits and tries the least bad one.
        """
        with self._lock:
            now = time.monotonic()
            n = len(self._replicas)
            order = [self._replicas[(self._next + i) % n] for i in range(n)]
            fresh = [r for r in order if r.url not in avoid] or order
            healthy = [r for r in fresh if r.down_until <= now]
            if version is not None:
                healthy = [r for r in healthy if r.model_version == version] or healthy
            chosen = healthy[0] if healthy else min(fresh, key=lambda r: r.down_until)
            self._next = (self._replicas.index(chosen) + 1) % n
            return chosen.url

    def failed(self, url: str) -> None:
        with self._lock:
            r = self._find(url)
            r.failures += 1
            r.down_until = time.monotonic() + min(self.cooldown_s * 2 ** (r.failures - 1), self.cooldown_max_s)

    def succeeded(self, url: str, model_version: str | None = None) -> None:
        with self._lock:
            r = self._find(url)
            r.failures, r.down_until = 0, 0.0
            if model_version is not None:
                r.model_version = model_version

    def is_healthy(self, url: str) -> bool:
        with self._lock:
            return self._find(url).down_until <= time.monotonic()

    def _find(self, url: str) -> _Replica:
        return next(r for r in self._replicas if r.url == url)


@dataclass
class RetryPolicy:
    """The knobs of :class:`Attempts` (the client's constructor arguments of the same names)."""

    timeout_s: float = 60.0
    deadline_s: float = 300.0
    backoff_base_s: float = 0.1
    backoff_max_s: float = 5.0


@dataclass
class Attempts:
    """The retry state of one request (see the module docstring). Call :meth:`next`, try, then :meth:`judge`."""

    endpoints: Endpoints
    policy: RetryPolicy
    method: str
    path: str
    deadline: float  # time.monotonic()
    version: str | None = None  # prefer replicas last seen serving this model version
    count: int = 0  # tries made
    url: str = ""  # the replica of the current try
    _round: set[str] = field(default_factory=set)  # replicas that failed since the last wait
    _waits: int = 0

    def next(self) -> tuple[str, float]:
        """The full URL of the next try and its timeout (never past the deadline)."""
        self.url = self.endpoints.pick(avoid=self._round, version=self.version)
        left = self.deadline - time.monotonic()
        return self.url + self.path, max(min(self.policy.timeout_s, left), 0.001)

    def judge(self, outcome: httpx.Response | httpx.TransportError) -> float | None:
        """None when ``outcome`` is a success; else the seconds to wait before the next try (0: another replica).

        Raises:
            RewardRejected: a 4xx other than 429; the same request would be refused by every replica.
            RewardUnavailable: the next try would start past the deadline.
        """
        self.count += 1
        resp = outcome if isinstance(outcome, httpx.Response) else None
        if resp is not None and resp.status_code < 400:
            self.endpoints.succeeded(self.url)
            return None
        if resp is not None and resp.status_code not in RETRY_STATUSES:
            raise rejected(resp)
        self.endpoints.failed(self.url)
        self._round.add(self.url)
        error = f"HTTP {resp.status_code}" if resp is not None else f"{type(outcome).__name__}: {outcome}"
        if any(u not in self._round for u in self.endpoints.urls):
            wait = 0.0  # fail over at once; a 429/503 with Retry-After from one replica says nothing of the others
        else:
            wait = self._backoff(resp)
            self._waits += 1
            self._round.clear()
        if time.monotonic() + wait >= self.deadline:
            where = ", ".join(self.endpoints.urls)
            raise RewardUnavailable(
                f"{self.method} {self.path} on {where} failed after {self.count} attempts within the "
                f"{self.policy.deadline_s:.0f}s deadline: {error}",
                attempts=self.count,
                last_status=resp.status_code if resp is not None else None,
            )
        return wait

    def _backoff(self, resp: httpx.Response | None) -> float:
        if resp is not None and (after := resp.headers.get("retry-after")):
            try:
                return min(float(after), self.policy.backoff_max_s)
            except ValueError:
                pass
        base = min(self.policy.backoff_base_s * 2**self._waits, self.policy.backoff_max_s)
        return base * (0.5 + random.random() / 2)


def rejected(resp: httpx.Response) -> RewardRejected:
    """The 4xx answer as an exception carrying the server's error envelope (when it sent one)."""
    try:
        err: ErrorResponse | None = ErrorResponse.model_validate_json(resp.content)
    except ValidationError:
        err = None
    return RewardRejected(resp.status_code, err, resp.text)
