"""Rebuild GRPO groups from single-item requests: OpenRLHF asks for each sample's reward alone.

OpenRLHF (0.11.x) generates the ``n_samples_per_prompt`` answers to a prompt concurrently and posts each to
``/get_reward`` on its own as soon as it is generated, with no group id. The difficulty coefficient needs the whole
group, so :class:`GroupCollector` holds each item under its prompt (and label) until ``size`` items of that prompt
have arrived, then scores them as one group and answers every waiting request. A group still short after
``wait_s`` (a sample lost, or a client that retried) is scored with what arrived. Two dataset rows with the same
prompt in one batch fill groups first come, first served: their samples are draws of the same distribution.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import torch

from shared.adapters.grpo_s import grpo_s_advantages
from shared.schemas import ItemResult, ScoreItem

ScoreFn = Callable[[list[ScoreItem]], Awaitable[list[ItemResult]]]
#: added to the group std of the server-side GRPO-S advantage (verl's GRPO value)
GRPO_S_EPS = 1e-6


@dataclass(frozen=True)
class Member:
    """One item's answer: its result, its GRPO-S advantage within its group, and the group's size."""

    result: ItemResult
    advantage: float
    group_size: int


@dataclass
class _Pending:
    items: list[ScoreItem] = field(default_factory=list)
    futures: list[asyncio.Future[Member]] = field(default_factory=list)
    timer: asyncio.TimerHandle | None = None
    score: ScoreFn | None = None  # the first request's: its deadline is the earliest


def group_members(results: list[ItemResult]) -> list[Member]:
    """Members of one scored group: ``α·(r − mean r)/(std r + eps)`` for each valid item, 0 for the rest."""
    ok = torch.tensor([r.error is None for r in results])
    raw = torch.tensor([r.raw_reward if r.error is None else float("nan") for r in results], dtype=torch.float64)
    weight = torch.tensor([r.weight if r.error is None else 0.0 for r in results], dtype=torch.float64)
    adv = grpo_s_advantages(raw, weight, torch.zeros(len(results), dtype=torch.long), ok, eps=GRPO_S_EPS)
    return [Member(r, float(a), len(results)) for r, a in zip(results, adv.tolist(), strict=True)]


class GroupCollector:
    """Collects items into groups of a given size by key; see the module docstring."""

    def __init__(self, wait_s: float) -> None:
        self.wait_s = wait_s
        self._open: dict[tuple[str, int], _Pending] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def waiting(self) -> int:
        """Items held in groups that are not full yet."""
        return sum(len(p.items) for p in self._open.values())

    async def submit(self, key: str, size: int, item: ScoreItem, score: ScoreFn) -> Member:
        """Add ``item`` to the open group of ``key``; return its answer once the group has been scored.

        Raises:
            Whatever ``score`` raised for the group.
        """
        slot = (key, size)
        pending = self._open.setdefault(slot, _Pending(score=score))
        future: asyncio.Future[Member] = asyncio.get_running_loop().create_future()
        pending.items.append(item)
        pending.futures.append(future)
        if len(pending.items) >= size:
            self._close(slot)
        elif pending.timer is None:
            pending.timer = asyncio.get_running_loop().call_later(self.wait_s, self._close, slot)
        return await future

    def _close(self, slot: tuple[str, int]) -> None:
        pending = self._open.pop(slot, None)
        if pending is None:
            return
        if pending.timer is not None:
            pending.timer.cancel()
        task = asyncio.get_running_loop().create_task(self._score(pending))
        self._tasks.add(task)  # keep a reference until done (the loop holds only weak ones)
        task.add_done_callback(self._tasks.discard)

    @staticmethod
    async def _score(pending: _Pending) -> None:
        group_id = uuid.uuid4().hex
        assert pending.score is not None
        try:
            results = await pending.score([it.model_copy(update={"group_id": group_id}) for it in pending.items])
        except Exception as e:  # every waiting request gets the group's failure, raised in its own handler
            for f in pending.futures:
                if not f.done():
                    f.set_exception(e)
            return
        for f, member in zip(pending.futures, group_members(results), strict=True):
            if not f.done():
                f.set_result(member)
