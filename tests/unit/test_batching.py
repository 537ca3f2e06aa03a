"""Token-budget batching (shared/batching.py): the planner on hand-worked lengths, the chunked forward on tiny
tensors, and the batcher queueing one call's items shortest first."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from services.reward_server.batcher import Batcher
from shared.batching import TokenCounts, forward_in_chunks, plan_batches


def test_chunks_are_sorted_by_length_and_padded_cost_stays_within_the_budget():
    # sorted: 1 (3), 3 (3), 0 (5), 2 (8). [1, 3] costs 2·3 = 6; adding 0 would cost 3·5 = 15 > 12; [0, 2] 2·8 = 16
    assert plan_batches([5, 3, 8, 3], max_batch_tokens=12, max_batch_size=10) == [[1, 3], [0], [2]]


def test_an_item_longer_than_the_budget_goes_alone():
    assert plan_batches([20, 2, 2], max_batch_tokens=10, max_batch_size=8) == [[1, 2], [0]]


def test_the_item_cap_is_a_second_bound():
    assert plan_batches([1] * 5, max_batch_tokens=100, max_batch_size=2) == [[0, 1], [2, 3], [4]]


def test_ties_keep_their_input_order_and_a_full_budget_is_allowed():
    assert plan_batches([4, 4, 4], max_batch_tokens=12, max_batch_size=8) == [[0, 1, 2]]  # 3·4 = 12 fits
    assert plan_batches([4, 4, 4], max_batch_tokens=11, max_batch_size=8) == [[0, 1], [2]]
    assert plan_batches([], max_batch_tokens=11, max_batch_size=8) == []


@pytest.mark.parametrize(("tokens", "size"), [(0, 4), (4, 0)])
def test_bounds_below_one_are_refused(tokens: int, size: int):
    with pytest.raises(ValueError, match="must be >= 1"):
        plan_batches([1], max_batch_tokens=tokens, max_batch_size=size)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 600), max_size=40), st.integers(1, 5000), st.integers(1, 50))
def test_every_item_once_and_every_chunk_within_both_bounds(lengths: list[int], budget: int, cap: int):
    chunks = plan_batches(lengths, max_batch_tokens=budget, max_batch_size=cap)
    assert sorted(i for c in chunks for i in c) == list(range(len(lengths)))
    for c in chunks:
        assert 1 <= len(c) <= cap
        assert len(c) == 1 or len(c) * max(lengths[i] for i in c) <= budget


def _features(rows: list[list[int]], side: str = "right") -> dict[str, torch.Tensor]:
    """Token ids padded with 0 to the longest row, the attention mask, and a per-row label (no token axis)."""
    width = max(len(r) for r in rows)
    pad = [[0] * (width - len(r)) for r in rows]
    ids = [r + p if side == "right" else p + r for r, p in zip(rows, pad, strict=True)]
    mask = [[int(t != 0) for t in row] for row in ids]
    return {"input_ids": torch.tensor(ids), "attention_mask": torch.tensor(mask), "row": torch.arange(len(rows))}


ROWS = [[1, 1], [1, 2, 3, 4, 5], [7]]  # lengths 2, 5, 1


@pytest.mark.parametrize("side", ["right", "left"])
def test_each_chunk_is_cut_to_its_own_longest_row_and_outputs_come_back_in_order(side: str):
    seen: list[tuple[list[int], int]] = []

    def forward(batch: dict[str, torch.Tensor]) -> torch.Tensor:
        seen.append((batch["row"].tolist(), batch["input_ids"].shape[1]))
        return batch["input_ids"].sum(dim=1)

    counts = TokenCounts()
    out = forward_in_chunks(
        _features(ROWS, side), forward, max_batch_tokens=4, max_batch_size=8, counts=counts, padding_side=side
    )
    # sorted: row 2 (1), row 0 (2): 2·2 = 4 fits; row 1 (5) alone. Row sums 2, 15, 7 in the input order.
    assert seen == [([2, 0], 2), ([1], 5)]
    assert out.tolist() == [2, 15, 7]
    assert (counts.real, counts.padded) == (8, 2 * 2 + 5)  # 1 token of padding (row 2 in the first chunk)
    assert counts.padding_share == pytest.approx(1 / 9)


def test_no_budget_is_one_forward_of_the_batch_as_it_came():
    seen = []
    counts = TokenCounts()
    out = forward_in_chunks(
        _features(ROWS),
        lambda b: seen.append(b["input_ids"].shape) or b["input_ids"].sum(dim=1),
        max_batch_tokens=None,
        max_batch_size=1,  # the item cap comes with a budget; without one the caller's batch is the batch
        counts=counts,
    )
    assert seen == [(3, 5)] and out.tolist() == [2, 15, 7]
    assert (counts.real, counts.padded) == (8, 15) and TokenCounts().padding_share == 0.0


def test_a_sorting_batcher_queues_one_calls_items_shortest_first_and_answers_in_call_order():
    forwards: list[list[str]] = []

    def run(kind: str, payloads: list[tuple[str, ...]]) -> list[str]:
        forwards.append([p[0] for p in payloads])
        return [p[0].upper() for p in payloads]

    async def go() -> list[str]:
        batcher = Batcher(run, max_batch_size=2, max_wait_s=0.0, max_queue_items=10, sort_submitted=True)
        futures = batcher.submit_many("k", [("ccc",), ("a",), ("dddd",), ("bb",)], timeout_s=5, request_id="r")
        batcher.start()
        try:
            return list(await asyncio.gather(*futures))
        finally:
            await batcher.stop()

    assert asyncio.run(go()) == ["CCC", "A", "DDDD", "BB"]
    assert forwards == [["a", "bb"], ["ccc", "dddd"]]  # without sorting: [ccc, a], [dddd, bb]


def _streamed(streams: int, run, payloads: list[str], batch: int = 1) -> list:
    """Every payload through a started batcher with ``streams`` forward streams; each item's result or exception."""

    async def go() -> list:
        batcher = Batcher(run, max_batch_size=batch, max_wait_s=0.0, max_queue_items=99, streams=streams)
        futures = batcher.submit_many("k", [(p,) for p in payloads], timeout_s=10, request_id="r")
        batcher.start()
        try:
            return list(await asyncio.gather(*futures, return_exceptions=True))
        finally:
            await batcher.stop()

    return asyncio.run(go())


def test_two_streams_run_two_forwards_at_once_and_one_stream_does_not():
    # each forward waits at a barrier that only two forwards in flight together can pass
    def run_with(barrier: threading.Barrier):
        def run(kind: str, payloads: list[tuple[str, ...]]) -> list[str]:
            barrier.wait()
            return [p[0].upper() for p in payloads]

        return run

    assert _streamed(2, run_with(threading.Barrier(2, timeout=5)), ["a", "b", "c", "d"]) == ["A", "B", "C", "D"]
    one = _streamed(1, run_with(threading.Barrier(2, timeout=0.2)), ["a", "b"])
    assert all(isinstance(r, threading.BrokenBarrierError) for r in one), one


def test_never_more_forwards_at_once_than_streams_and_each_item_gets_its_own_result():
    lock, running, peak = threading.Lock(), [0], [0]

    def run(kind: str, payloads: list[tuple[str, ...]]) -> list[str]:
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.02)
        with lock:
            running[0] -= 1
        return [p[0] * 2 for p in payloads]

    items = [str(i) for i in range(12)]
    assert _streamed(3, run, items, batch=2) == [i * 2 for i in items]
    assert peak[0] == 3


def test_one_partial_batch_at_a_time_a_partial_batch_waits_for_the_forward_in_flight_and_a_full_one_does_not():
    forwards: list[list[str]] = []
    release = threading.Event()

    def run(kind: str, payloads: list[tuple[str, ...]]) -> list[str]:
        forwards.append([p[0] for p in payloads])
        if payloads[0][0] == "a":  # the first batch holds its stream until released
            release.wait(5)
        return [p[0].upper() for p in payloads]

    async def until(condition, deadline_s: float = 5.0) -> None:
        t0 = time.monotonic()
        while not condition():
            assert time.monotonic() - t0 < deadline_s, forwards
            await asyncio.sleep(0.005)

    async def go() -> list[str]:
        batcher = Batcher(run, max_batch_size=2, max_wait_s=0.0, max_queue_items=9, streams=2, one_partial_batch=True)
        batcher.start()
        try:
            futures = batcher.submit_many("k", [("a",), ("b",)], timeout_s=10, request_id="r1")
            await until(lambda: len(forwards) == 1)
            futures += batcher.submit_many("k", [("c",)], timeout_s=10, request_id="r2")
            await asyncio.sleep(0.1)
            assert forwards == [["a", "b"]]  # one item is a partial batch: the free stream leaves it waiting
            futures += batcher.submit_many("k", [("d",)], timeout_s=10, request_id="r3")
            await until(lambda: len(forwards) == 2)  # now a full batch: the second stream takes it at once
            assert forwards[1] == ["c", "d"] and not release.is_set()
            futures += batcher.submit_many("k", [("e",)], timeout_s=10, request_id="r4")
            await asyncio.sleep(0.1)
            assert len(forwards) == 2  # partial again, behind the forward still in flight
            release.set()
            return list(await asyncio.gather(*futures))
        finally:
            release.set()
            await batcher.stop()

    assert asyncio.run(go()) == ["A", "B", "C", "D", "E"]
    assert forwards == [["a", "b"], ["c", "d"], ["e"]]


def test_stop_lets_the_forwards_in_flight_answer_their_items():
    started, release = threading.Event(), threading.Event()

    def run(kind: str, payloads: list[tuple[str, ...]]) -> list[str]:
        started.set()
        release.wait(5)
        return [p[0] + "!" for p in payloads]

    async def go() -> list:
        batcher = Batcher(run, max_batch_size=1, max_wait_s=0.0, max_queue_items=9, streams=2)
        futures = batcher.submit_many("k", [("a",), ("b",)], timeout_s=10, request_id="r")
        batcher.start()
        await asyncio.to_thread(started.wait, 5)
        asyncio.get_running_loop().call_later(0.05, release.set)
        await batcher.stop()
        return [f.result() for f in futures]

    assert asyncio.run(go()) == ["a!", "b!"]


def test_fewer_than_one_stream_is_refused():
    with pytest.raises(ValueError, match="streams must be at least 1"):
        Batcher(lambda k, p: p, max_batch_size=1, max_wait_s=0.0, max_queue_items=1, streams=0)
