"""Load and faults on the real server + a real Redis (issue #7): nothing lost, every item answered exactly once.

Phase 1: N clients (default 64) for D seconds (default 60), unique items, closed loop.
Phase 2: the same, with redis-server killed a third of the way in and restarted at two thirds.
Prints errors, duplicates/missing, p50/p99 latency and throughput per phase, and the server's own item count.

    python bench/load.py --clients 64 --duration 60
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_server import Server, ensure_model_dir
from bench.common import REPO, cores, git_sha, pct
from tests.support.procs import RedisProc, free_port


async def run_load(url: str, clients: int, seconds: float, tag: str) -> dict[str, object]:
    sent: set[str] = set()
    answered: dict[str, int] = {}
    errors: list[str] = []
    latencies: list[float] = []
    end = time.monotonic() + seconds
    n = 0

    async def worker(client: httpx.AsyncClient, w: int) -> None:
        nonlocal n
        while time.monotonic() < end:
            n += 1
            key = f"{tag}-{w}-{n}"
            sent.add(key)
            t = time.perf_counter()
            try:
                r = await client.post(
                    "/score",
                    json={
                        "items": [{"prompt": f"load {key}", "response": "a response", "category": "privacy"}],
                        "scale": False,
                    },
                )
                body = r.json()
                if r.status_code != 200 or body["results"][0]["error"] is not None:
                    errors.append(f"{r.status_code} {r.text[:120]}")
                    continue
                answered[key] = answered.get(key, 0) + 1
                latencies.append(time.perf_counter() - t)
            except (httpx.HTTPError, ValueError) as e:
                errors.append(repr(e)[:120])

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    t0 = time.perf_counter()
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        await asyncio.gather(*(worker(client, w) for w in range(clients)))
    wall = time.perf_counter() - t0
    return {
        "requests": len(sent),
        "answered": len(answered),
        "duplicates": sum(v > 1 for v in answered.values()),
        "missing": len(sent - set(answered)),
        "errors": len(errors),
        "first_errors": errors[:3],
        "rate": len(answered) / wall,
        "p50_ms": 1e3 * pct(latencies, 50),
        "p99_ms": 1e3 * pct(latencies, 99),
    }


def server_items(url: str) -> float:
    text = httpx.get(f"{url}/metrics").text
    return sum(
        float(v) for v in re.findall(r'^drirl_score_items_total\{category="privacy",status="ok"\} (\S+)$', text, re.M)
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model-dir", type=Path, default=REPO / "var/models/bench")
    ap.add_argument("--clients", type=int, default=64)
    ap.add_argument("--duration", type=float, default=60.0)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    model_dir = ensure_model_dir(args.model_dir)
    workdir = REPO / "var/bench/load"
    workdir.mkdir(parents=True, exist_ok=True)
    redis_proc = RedisProc(free_port(), workdir).start()
    server = Server(model_dir, workdir, DRIRL_REDIS_URL=redis_proc.url, DRIRL_REDIS_BACKOFF_MAX_S="0.5")
    results: dict[str, object] = {
        "git": git_sha(),
        "cores": cores(),
        "clients": args.clients,
        "duration_s": args.duration,
    }
    try:
        before = server_items(server.url)
        clean = asyncio.run(run_load(server.url, args.clients, args.duration, "clean"))
        clean["server_counted"] = server_items(server.url) - before
        killer = threading.Timer(args.duration / 3, redis_proc.kill)
        restarter = threading.Timer(2 * args.duration / 3, redis_proc.start)
        killer.start()
        restarter.start()
        before = server_items(server.url)
        fault = asyncio.run(run_load(server.url, args.clients, args.duration, "fault"))
        fault["server_counted"] = server_items(server.url) - before
        restarter.join()
        time.sleep(2)
        fault["ready_after"] = httpx.get(f"{server.url}/readyz").json()["status"]
        results.update(clean=clean, redis_killed=fault)
    finally:
        server.stop()
        redis_proc.stop()
    print(
        f"== load · /score single items · {args.clients} clients · {args.duration:.0f} s per phase · "
        f"{cores()} cores · {results['git']} =="
    )
    for name in ("clean", "redis_killed"):
        r = results[name]
        assert isinstance(r, dict)
        print(
            f"{name:<14} {r['answered']:6d} answered of {r['requests']:6d} sent  errors {r['errors']}  "
            f"duplicates {r['duplicates']}  missing {r['missing']}  server counted {r['server_counted']:.0f}  "
            f"{r['rate']:.1f} req/s  p50 {r['p50_ms']:.0f} ms  p99 {r['p99_ms']:.0f} ms"
        )
    print(f"after redis came back: /readyz {results['redis_killed']['ready_after']}")  # type: ignore[index]
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
