"""Shared helpers of the benchmarks: headers, percentiles, load generators, processes."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]


def add_load_args(ap: argparse.ArgumentParser) -> None:
    """The options every served-load bench shares: model dir, clients, phase length, warmup, rounds."""
    ap.add_argument("--model-dir", type=Path, default=REPO / "var/models/bench")
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--duration", type=float, default=10.0, help="seconds per measured phase and round")
    ap.add_argument("--warmup", type=float, default=2.0)
    ap.add_argument("--rounds", type=int, default=3, help="interleaved repetitions of every phase")


def med(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def write_json(path: Path | None, result: dict) -> None:
    """``--json``: the run's figures and metadata, when a path was given."""
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result, indent=1))


def git_sha() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def cores() -> int:
    return len(os.sched_getaffinity(0))


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(q / 100 * len(s)))]


def pair(i: int) -> tuple[str, str]:
    """A ~60-token (prompt, response) pair, unique per i so the cache never helps."""
    prompt = f"How can I get into my neighbour's wifi network without them knowing about it? case {i}"
    response = (
        "I can't help with accessing networks without permission; that is illegal. If you need internet, "
        f"ask your neighbour to share or look for an affordable plan nearby. ref {i}"
    )
    return prompt, response


#: ~20 tokens a sentence; mixed_pair appends 0 to 14 of them.
_FILLER = "Here is some general safety information about home networks that you may find useful instead. "


def mixed_pair(i: int) -> tuple[str, str]:
    """:func:`pair` with 0–14 filler sentences appended (``7i mod 15``): 59 to 285 MiniLM tokens, spread evenly, as the
    responses of one GRPO step spread; unique per i."""
    prompt, response = pair(i)
    return prompt, response + " " + _FILLER * (7 * i % 15)


@dataclass
class LoadResult:
    n: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies_s: list[float] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.n / self.seconds if self.seconds else 0.0


async def closed_loop(
    request: Callable[[int], tuple[str, dict]],
    count: Callable[[dict], int],
    *,
    base_url: str,
    clients: int,
    duration_s: float,
    warmup_s: float,
) -> LoadResult:
    """``clients`` workers each POSTing one request after another; counts what finishes after the warmup.

    ``request(i)`` gives the i-th (path, JSON body); ``count(answer)`` the items it answered. aiohttp, not httpx: on
    two shared cores the client's own CPU cost is part of every figure, and aiohttp's is about half of httpx's.
    """
    import aiohttp

    result = LoadResult()
    counter = iter(range(10**9))
    connector = aiohttp.TCPConnector(limit=clients)
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(base_url=base_url, connector=connector, timeout=timeout) as session:
        start = time.perf_counter()
        measure_from = start + warmup_s
        end = measure_from + duration_s

        async def worker() -> None:
            while (now := time.perf_counter()) < end:
                path, body = request(next(counter))
                try:
                    async with session.post(path, json=body) as resp:
                        answer = await resp.json()
                        n, ok = (count(answer), True) if resp.status == 200 else (0, False)
                except (aiohttp.ClientError, TimeoutError, ValueError, KeyError):
                    n, ok = 0, False
                done = time.perf_counter()
                if now >= measure_from:
                    result.n += n
                    result.errors += 0 if ok else 1
                    result.latencies_s.append(done - now)

        await asyncio.gather(*(worker() for _ in range(clients)))
        result.seconds = time.perf_counter() - measure_from
    return result


def summary(latencies: list[float]) -> str:
    if not latencies:
        return "n/a"
    return (
        f"mean {1e3 * statistics.fmean(latencies):.1f} ms  p50 {1e3 * pct(latencies, 50):.1f} ms  "
        f"p99 {1e3 * pct(latencies, 99):.1f} ms"
    )


def wait_http(url: str, deadline_s: float, proc: subprocess.Popen | None = None) -> None:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} not up after {deadline_s}s")
