"""Caches for raw rewards and encoder embeddings: Redis when configured, else a bounded in-process LRU.

Keys are sha256 hashes over an unambiguous encoding of (namespace, fingerprint, category, texts); values are bytes.
The fingerprint names everything besides the texts that changes a value (model version, runtime, dtype, device,
token limit: ``ModelBank.scoring_settings``), so replicas with different settings on one Redis never serve each
other's numbers. A Redis failure degrades to "uncached": the outage is logged once, counted, and the cache is skipped
until a reconnect attempt (with exponential backoff, made by :meth:`RedisCache.monitor`) succeeds; on that recovery
the pool is reset once, so connections from before the outage cannot trip the breaker again. A cache problem never
fails a request.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Literal, Protocol

from cachetools import LRUCache

log = logging.getLogger(__name__)

CacheState = Literal["ok", "down"]


KEY_PREFIX = "drirl:v2:"  # v1 keys hashed NUL-joined parts, which collide when a text contains NUL (issue #17)


def _canonical(value: object) -> bytes:
    """Compact ASCII JSON: strings quoted, with quotes, backslashes, every control character (NUL included) and lone
    surrogates escaped, so distinct values never share an encoding (JSON is injective on lists of strings)."""
    return json.dumps(value, ensure_ascii=True, separators=(",", ":"), sort_keys=True).encode("ascii")


def fingerprint(settings: Mapping[str, str | int | float | bool]) -> str:
    """32 hex characters identifying a set of scoring settings (key order does not matter)."""
    return hashlib.sha256(_canonical(dict(settings))).hexdigest()[:32]


def cache_key(namespace: str, fingerprint: str, *parts: str) -> str:
    """``drirl:v2:<sha256 of the JSON array [namespace, fingerprint, *parts]>``.

    Args:
        namespace: what the value is ("r" raw reward, "e" embedding).
        fingerprint: :func:`fingerprint` of every setting besides ``parts`` that changes the value.
        parts: the inputs (category, prompt, response, ...); any text, NUL and other control characters included.
    """
    return KEY_PREFIX + hashlib.sha256(_canonical([namespace, fingerprint, *parts])).hexdigest()


class Cache(Protocol):
    backend: Literal["redis", "memory", "none"]

    @property
    def state(self) -> CacheState: ...

    async def get_many(self, keys: Sequence[str]) -> list[bytes | None]: ...

    async def set_many(self, items: dict[str, bytes]) -> None: ...

    async def close(self) -> None: ...


class MemoryCache:
    """Bounded LRU in this process (used only from the event loop, so no lock)."""

    backend: Literal["memory", "none"]

    def __init__(self, max_items: int) -> None:
        self.backend = "memory" if max_items > 0 else "none"
        self._lru: LRUCache[str, bytes] | None = LRUCache(maxsize=max_items) if max_items > 0 else None

    @property
    def state(self) -> CacheState:
        return "ok"

    async def get_many(self, keys: Sequence[str]) -> list[bytes | None]:
        if self._lru is None:
            return [None] * len(keys)
        return [self._lru.get(k) for k in keys]

    async def set_many(self, items: dict[str, bytes]) -> None:
        if self._lru is not None:
            self._lru.update(items)

    async def close(self) -> None:
        return None


class RedisCache:
    """One ``redis.asyncio`` pool; MGET per lookup, pipelined SET with TTL; a circuit breaker on failures.

    Breaker: a failed command skips the cache at once and asks for a health ping; only a failed ping opens the
    breaker ("down": logged once, ``/readyz`` degraded). One slow reply on a busy host is not an outage. While down,
    :meth:`monitor` pings at an exponential backoff; the first ping answered closes it, after resetting the pool once.
    Pings go over their own connection with a longer timeout, so they do not share the pool's stale connections.
    """

    backend: Literal["redis"] = "redis"

    def __init__(
        self,
        url: str,
        *,
        ttl_s: int,
        timeout_s: float = 0.25,
        backoff_max_s: float = 5.0,
        on_error: Callable[[], None] | None = None,
    ) -> None:
        import redis.asyncio as aioredis
        from redis.asyncio.retry import Retry
        from redis.backoff import NoBackoff

        self.url = url
        self.ttl_s = ttl_s
        self._redis = aioredis.Redis.from_url(
            url,
            socket_timeout=timeout_s,
            socket_connect_timeout=timeout_s,
            retry=Retry(NoBackoff(), 0),  # our breaker decides when to try again, not a retry loop per call
            health_check_interval=0,
        )
        ping_timeout_s = max(1.0, 4 * timeout_s)
        self._health = aioredis.Redis.from_url(
            url,
            socket_timeout=ping_timeout_s,
            socket_connect_timeout=ping_timeout_s,
            retry=Retry(NoBackoff(), 0),
            health_check_interval=0,
            single_connection_client=True,
        )
        self._down_since: float | None = None
        self._suspect: tuple[str, BaseException] | None = None  # a command failed; a ping decides
        self._wake = asyncio.Event()
        self._next_try = 0.0
        self._backoff_s = 0.1
        self._backoff_max_s = backoff_max_s
        self._on_error = on_error

    @property
    def state(self) -> CacheState:
        return "down" if self._down_since is not None else "ok"

    def _usable(self) -> bool:
        return self._down_since is None and self._suspect is None

    def _failed(self, what: str, exc: BaseException) -> None:
        """A command failed: skip the cache until the monitor's ping says whether Redis is down."""
        if self._on_error is not None:
            self._on_error()
        if self._down_since is None and self._suspect is None:
            self._suspect = (what, exc)
            self._wake.set()

    def _open(self, what: str, exc: BaseException) -> None:
        now = time.monotonic()
        if self._down_since is None:
            self._down_since = now
            self._backoff_s = 0.1
            log.warning("redis unreachable (%s: %s); serving uncached until it returns", what, exc)
        self._suspect = None
        self._next_try = now + self._backoff_s
        self._backoff_s = min(self._backoff_s * 2, self._backoff_max_s)

    async def _recovered(self) -> None:
        if self._suspect is not None:
            log.info("redis %s failed (%s) but a ping answered: not an outage", *self._suspect)
            self._suspect = None
        if self._down_since is None:
            return
        # Pooled connections from before the outage still look open and fail on first use (seen: "SET: Connection
        # closed by server" right after the ping succeeded), re-tripping the breaker for seconds. Drop them all once;
        # nothing uses the pool while the breaker is open, so no command is cut off here.
        with contextlib.suppress(Exception):
            await self._redis.connection_pool.disconnect()
        log.warning("redis is back after %.1fs; cache enabled", time.monotonic() - self._down_since)
        self._down_since = None

    async def ping(self) -> bool:
        """One health ping: opens the breaker on failure, closes it on success."""
        try:
            await self._health.ping()
        except Exception as e:
            if self._on_error is not None:
                self._on_error()
            self._open(*(self._suspect or ("ping", e)))
            return False
        await self._recovered()
        return True

    async def monitor(self, interval_s: float = 0.05) -> None:
        """Background task: confirm a suspected outage at once; while down, try to reconnect at the backoff's pace."""
        while True:
            if self._suspect is not None or (self._down_since is not None and time.monotonic() >= self._next_try):
                await self.ping()
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), interval_s)

    async def get_many(self, keys: Sequence[str]) -> list[bytes | None]:
        if not keys or not self._usable():
            return [None] * len(keys)
        try:
            return list(await self._redis.mget(list(keys)))
        except Exception as e:
            self._failed("MGET", e)
            return [None] * len(keys)

    async def set_many(self, items: dict[str, bytes]) -> None:
        if not items or not self._usable():
            return
        try:
            async with self._redis.pipeline(transaction=False) as pipe:
                for key, value in items.items():
                    pipe.set(key, value, ex=self.ttl_s)
                await pipe.execute()
        except Exception as e:
            self._failed("SET", e)

    async def close(self) -> None:
        await self._redis.aclose()
        await self._health.aclose()
