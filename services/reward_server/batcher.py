"""Dynamic batching: one queue for items of all concurrent requests, one consumer, forwards off the event loop.

The consumer takes the oldest waiting item, waits at most ``max_wait_s`` *from that item's arrival* for the batch to
fill up to ``max_batch_size``, then runs one forward per kind (a category's reward model, or the encoder) with items
ordered by length, in a worker thread. With ``streams`` > 1, up to that many batches are in their forwards at once, each
on its own worker thread (the runtime splits the cores between them: ``ModelBank(streams=...)``); the consumer takes the
next batch as soon as a stream is free. With ``one_partial_batch`` (for a runtime whose lone forward uses every stream's
cores: OpenVINO, which splits it across its idle streams, ``ModelBank.spreads_lone_forwards``), a free stream takes a
batch at once only when it is full (``max_batch_size`` items waiting) and a partial one waits for the forwards in flight
to end: under light load batches then stay as large as with one stream and go one at a time on every core, while a
backlog keeps every stream busy with full batches (measured on the AMX kind, README "Reward-model runtimes"). While
every stream is busy, new items queue up, so under load batches fill without any extra wait. Each item carries its own
future, request id and deadline: an item that expired in the queue gets its own timeout error instead of holding up a
batch, and each request gets exactly its own results.

With ``sort_submitted`` (on with a token budget) each call's items are queued shortest first (by characters), so the
batches one large request fills hold items of similar length and share little padding; the forward (``ModelBank``) then
splits each batch by its token budget. ``max_batch_size`` stays the item cap of a batch.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

#: A blocking forward: (kind, payloads) → one result per payload, in order.
RunFn = Callable[[str, list[tuple[str, ...]]], Sequence[Any]]


def forward_threads(streams: int) -> ThreadPoolExecutor:
    """The pool a batcher runs its forwards on: one thread per stream."""
    return ThreadPoolExecutor(max_workers=streams, thread_name_prefix="drirl-forward")


class QueueFull(RuntimeError):
    """More items are waiting than ``max_queue_items``; the caller should retry later."""


class ItemTimeout(TimeoutError):
    """The item waited past its deadline before a forward could take it."""


@dataclass(slots=True)
class Job:
    kind: str
    payload: tuple[str, ...]
    future: asyncio.Future[Any]
    enqueued_s: float
    deadline_s: float
    request_id: str
    size: int = field(init=False)

    def __post_init__(self) -> None:
        self.size = sum(len(p) for p in self.payload)


class Batcher:
    """Groups submitted items into forwards of ``run_fn``; see the module docstring."""

    def __init__(
        self,
        run_fn: RunFn,
        *,
        max_batch_size: int,
        max_wait_s: float,
        max_queue_items: int,
        on_batch: Callable[[int, list[float]], None] | None = None,
        sort_submitted: bool = False,
        streams: int = 1,
        one_partial_batch: bool = False,
        executor: ThreadPoolExecutor | None = None,
    ) -> None:
        # (plain assignments of the arguments, alike in shape to Scorer.__init__'s)
        self._run_fn = run_fn
        self.sort_submitted = sort_submitted
        self.max_batch_size = max_batch_size
        self.max_wait_s = max_wait_s
        self.max_queue_items = max_queue_items
        self._on_batch = on_batch
        self._pending: collections.deque[Job] = collections.deque()
        self._wakeup = asyncio.Event()
        if streams < 1:
            raise ValueError(f"streams must be at least 1 (got {streams})")
        self.streams = streams
        self.one_partial_batch = one_partial_batch
        self._free_streams = asyncio.Semaphore(streams)
        self._in_flight: set[asyncio.Task[None]] = set()
        # the forward threads: one per stream, given (the threads that loaded the models) or made here; the batcher's
        # to shut down either way
        self._executor = executor or forward_threads(streams)
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._consume(), name="drirl-batcher")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._in_flight:  # batches already in a forward finish and answer their items
            await asyncio.gather(*self._in_flight, return_exceptions=True)
        while self._pending:
            job = self._pending.popleft()
            if not job.future.done():
                job.future.set_exception(RuntimeError("server shutting down"))
        self._executor.shutdown(wait=True, cancel_futures=True)

    def submit_many(
        self, kind: str, payloads: Sequence[tuple[str, ...]], *, timeout_s: float, request_id: str
    ) -> list[asyncio.Future[Any]]:
        """Queue items of one kind; return one future per item.

        Raises:
            QueueFull: accepting them would exceed ``max_queue_items`` (nothing is queued then).
        """
        if len(self._pending) + len(payloads) > self.max_queue_items:
            raise QueueFull(f"{len(self._pending)} items queued (max {self.max_queue_items})")
        loop = asyncio.get_running_loop()
        now = loop.time()
        jobs = [Job(kind, payload, loop.create_future(), now, now + timeout_s, request_id) for payload in payloads]
        # one call's items share their arrival time and deadline, so their order in the queue is free to choose
        self._pending.extend(sorted(jobs, key=lambda j: j.size) if self.sort_submitted else jobs)
        self._wakeup.set()
        return [j.future for j in jobs]

    async def _consume(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            if not self._pending:
                self._wakeup.clear()
                await self._wakeup.wait()
                continue
            await self._free_streams.acquire()  # while every stream is busy, items keep queueing
            while self.one_partial_batch and self._in_flight and len(self._pending) < self.max_batch_size:
                self._wakeup.clear()
                await self._wakeup.wait()  # a partial batch waits for more items or the end of a forward
            # Wait for the batch to fill, measured from the oldest item's arrival (no wait when it already waited).
            fill_until = self._pending[0].enqueued_s + self.max_wait_s
            while len(self._pending) < self.max_batch_size and (left := fill_until - loop.time()) > 0:
                self._wakeup.clear()
                try:
                    await asyncio.wait_for(self._wakeup.wait(), left)
                except TimeoutError:
                    break
            batch = self._take(loop.time())
            if not batch:
                self._free_streams.release()
                continue
            if self.streams == 1:
                try:
                    await self._dispatch(batch, loop)
                finally:
                    self._free_streams.release()
                continue
            task = loop.create_task(self._dispatch(batch, loop), name="drirl-forward")
            self._in_flight.add(task)
            task.add_done_callback(self._stream_done)

    def _stream_done(self, task: asyncio.Task[None]) -> None:
        self._in_flight.discard(task)
        self._free_streams.release()
        self._wakeup.set()  # a partial batch waiting for the forwards in flight may go now

    def _take(self, now: float) -> list[Job]:
        batch: list[Job] = []
        while self._pending and len(batch) < self.max_batch_size:
            job = self._pending.popleft()
            if job.future.done():  # the request was cancelled (client went away)
                continue
            if now > job.deadline_s:
                job.future.set_exception(ItemTimeout(f"waited {now - job.enqueued_s:.2f}s in the queue"))
                continue
            batch.append(job)
        return batch

    async def _dispatch(self, batch: list[Job], loop: asyncio.AbstractEventLoop) -> None:
        by_kind: dict[str, list[Job]] = collections.defaultdict(list)
        for job in batch:
            by_kind[job.kind].append(job)
        start = loop.time()
        if self._on_batch is not None:
            self._on_batch(len(batch), [start - j.enqueued_s for j in batch])
        log.debug(
            "batch of %d (%s) for requests %s",
            len(batch),
            ", ".join(f"{k}:{len(v)}" for k, v in by_kind.items()),
            sorted({j.request_id for j in batch}),
        )
        groups = [sorted(jobs, key=lambda j: j.size) for jobs in by_kind.values()]
        try:
            outcomes = await loop.run_in_executor(self._executor, self._run_groups, groups)
        except Exception as e:  # the executor itself failed; every item gets the error
            outcomes = [e] * len(groups)
        for jobs, outcome in zip(groups, outcomes, strict=True):
            for i, job in enumerate(jobs):
                if job.future.done():
                    continue
                if isinstance(outcome, BaseException):
                    job.future.set_exception(outcome)
                else:
                    job.future.set_result(outcome[i])

    def _run_groups(self, groups: list[list[Job]]) -> list[Sequence[Any] | BaseException]:
        """Worker thread: one forward per kind; an exception fails only that kind's items."""
        outcomes: list[Sequence[Any] | BaseException] = []
        for jobs in groups:
            t0 = time.perf_counter()
            try:
                result = self._run_fn(jobs[0].kind, [j.payload for j in jobs])
                if len(result) != len(jobs):
                    raise RuntimeError(f"forward returned {len(result)} results for {len(jobs)} items")
                outcomes.append(result)
            except Exception as e:
                log.exception(
                    "forward of %d %s items failed (requests %s)",
                    len(jobs),
                    jobs[0].kind,
                    sorted({j.request_id for j in jobs}),
                )
                outcomes.append(e)
            log.debug("forward %s × %d in %.1f ms", jobs[0].kind, len(jobs), 1e3 * (time.perf_counter() - t0))
        return outcomes
