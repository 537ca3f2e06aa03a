"""Reward-server throughput and latency, every figure a ratio measured in this one run (issue #2, NOTES.md).

Prints: raw in-process pairs/s (reward-model forward at its best batch size, and + encoder for scale=true); served
pairs/s for one large request; served pairs/s under N concurrent single-item clients with batching on and off;
cache-hit latency p50/p99 through Redis; and, when vLLM is installed, vLLM's pooling server on the same model under
the same clients (the peer to beat by 1.2x).

    python bench/bench_server.py                 # ~4 min on 2 cores, vLLM peer included when installed
    python bench/bench_server.py --json var/bench/server.json --no-vllm
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import REPO, closed_loop, cores, git_sha, pair, pct, summary, wait_http
from tests.support.procs import RedisProc, free_port


def ensure_model_dir(path: Path) -> Path:
    if not (path / "manifest.json").is_file():
        from services.trainer.data.schema import DEFAULT_DATASET
        from services.trainer.irl.model_dir import init_model_dir

        print(f"building a fresh model dir at {path}", file=sys.stderr)
        init_model_dir(path, data=DEFAULT_DATASET)
    return path


def measure_raw(model_dir: Path, seconds: float, batch: int) -> dict[str, float]:
    from services.reward_server.models import ModelBank
    from shared.categories import Category

    bank = ModelBank(model_dir)
    pairs = [pair(i) for i in range(4096)]
    out: dict[str, float] = {"dtype": str(bank.dtype).removeprefix("torch.")}  # type: ignore[dict-item]
    for name, fn in {
        "rm": lambda ps: bank.score(Category.VIOLENCE, [p for p, _ in ps], [r for _, r in ps]),
        "encoder": lambda ps: bank.embed([r for _, r in ps]),
    }.items():
        fn(pairs[:batch])
        n, k, t0 = 0, 0, time.perf_counter()
        while time.perf_counter() - t0 < seconds:
            fn(pairs[k : k + batch])
            k = (k + batch) % (len(pairs) - batch)
            n += batch
        out[name] = n / (time.perf_counter() - t0)
    return out


class Server:
    def __init__(self, model_dir: Path, workdir: Path, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        e = {
            **os.environ,
            "DRIRL_MODEL_DIR": str(model_dir),
            "DRIRL_PORT": str(self.port),
            "DRIRL_LOG_LEVEL": "warning",
            "HF_HUB_OFFLINE": "1",
            **env,
        }
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "services.reward_server"],
            cwd=REPO,
            env=e,
            stdout=(workdir / f"server-{self.port}.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        wait_http(f"{self.url}/readyz", 180, self.proc)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(30)


def one_large(url: str, seconds: float, size: int, scale: bool) -> float:
    n, base, t0 = 0, 10**7, time.perf_counter()
    with httpx.Client(base_url=url, timeout=300) as c:
        while time.perf_counter() - t0 < seconds or n == 0:
            items = [
                {"prompt": p, "response": r, "category": "violence"}
                for p, r in (pair(base + n + i) for i in range(size))
            ]
            r = c.post("/score", json={"items": items, "scale": scale})
            r.raise_for_status()
            n += size
    return n / (time.perf_counter() - t0)


def concurrent_singles(url: str, clients: int, seconds: float, warmup: float, offset: int):
    async def call(client: httpx.AsyncClient, i: int) -> int:
        p, r = pair(offset + i)
        resp = await client.post(
            "/score", json={"items": [{"prompt": p, "response": r, "category": "violence"}], "scale": False}
        )
        resp.raise_for_status()
        return 1

    return asyncio.run(closed_loop(call, base_url=url, clients=clients, duration_s=seconds, warmup_s=warmup))


def cache_hits(url: str, n: int) -> tuple[list[float], list[float]]:
    item = {"prompt": "cached prompt", "response": "cached response", "category": "violence"}
    client_s, server_ms = [], []
    with httpx.Client(base_url=url, timeout=30) as c:
        c.post("/score", json={"items": [item]}).raise_for_status()
        for _ in range(n):
            t = time.perf_counter()
            body = c.post("/score", json={"items": [item], "scale": False}).json()
            client_s.append(time.perf_counter() - t)
            assert body["results"][0]["cached"] is True
            server_ms.append(body["timings_ms"]["total"])
    return client_s, server_ms


def vllm_peer(model_dir: Path, workdir: Path, clients: int, seconds: float, warmup: float, dtype: str):
    port = free_port()
    folder = model_dir / "violence"
    env = {**os.environ, "VLLM_CPU_NUM_OF_RESERVED_CPU": "0", "VLLM_CPU_KVCACHE_SPACE": "2", "HF_HUB_OFFLINE": "1"}
    cmd = [
        sys.executable,
        "-m",
        "vllm.entrypoints.openai.api_server",
        "--model",
        str(folder),
        "--runner",
        "pooling",
        "--port",
        str(port),
        "--dtype",
        dtype,
        "--served-model-name",
        "rm",
        "--max-model-len",
        "512",
    ]
    proc = subprocess.Popen(cmd, env=env, stdout=(workdir / "vllm.log").open("w"), stderr=subprocess.STDOUT)
    try:
        wait_http(f"http://127.0.0.1:{port}/health", 600, proc)

        async def call(client: httpx.AsyncClient, i: int) -> int:
            p, r = pair(2 * 10**7 + i)
            resp = await client.post("/score", json={"model": "rm", "text_1": [p], "text_2": [r]})
            resp.raise_for_status()
            return 1

        return asyncio.run(
            closed_loop(call, base_url=f"http://127.0.0.1:{port}", clients=clients, duration_s=seconds, warmup_s=warmup)
        )
    finally:
        proc.terminate()
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model-dir", type=Path, default=REPO / "var/models/bench")
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--duration", type=float, default=20.0, help="seconds per measured phase")
    ap.add_argument("--warmup", type=float, default=3.0)
    ap.add_argument("--large", type=int, default=512, help="items in the one-large-request phase")
    ap.add_argument("--cache-requests", type=int, default=500)
    ap.add_argument("--vllm", action=argparse.BooleanOptionalAction, default=True, help="measure the vLLM peer")
    ap.add_argument("--vllm-dtype", default=None, help="dtype of the vLLM peer (default: the same as ours)")
    ap.add_argument(
        "--cache-phase",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="measure cache hits through a real redis-server (needs redis-server on the PATH)",
    )
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    model_dir = ensure_model_dir(args.model_dir)
    workdir = Path(tempfile.mkdtemp(prefix="drirl-bench-"))
    res: dict[str, object] = {"git": git_sha(), "cores": cores(), "clients": args.clients, "duration_s": args.duration}

    raw = measure_raw(model_dir, args.duration / 2, batch=64)
    res["raw"] = raw
    dtype = raw["dtype"]
    server = Server(model_dir, workdir, DRIRL_LRU_MAX_ITEMS="0")
    try:
        res["served_large"] = one_large(server.url, args.duration, args.large, scale=False)
        res["served_large_scaled"] = one_large(server.url, args.duration, args.large, scale=True)
        on = concurrent_singles(server.url, args.clients, args.duration, args.warmup, 3 * 10**7)
    finally:
        server.stop()
    server = Server(model_dir, workdir, DRIRL_LRU_MAX_ITEMS="0", DRIRL_ENABLE_BATCHING="false")
    try:
        off = concurrent_singles(server.url, args.clients, args.duration, args.warmup, 4 * 10**7)
    finally:
        server.stop()
    hit_client: list[float] = []
    hit_server: list[float] = []
    if args.cache_phase:
        redis_proc = RedisProc(free_port(), workdir).start()
        server = Server(model_dir, workdir, DRIRL_REDIS_URL=redis_proc.url)
        try:
            hit_client, hit_server = cache_hits(server.url, args.cache_requests)
        finally:
            server.stop()
            redis_proc.stop()
    res.update(
        batching_on=on.rate,
        batching_off=off.rate,
        on_errors=on.errors,
        off_errors=off.errors,
        on_latency=summary(on.latencies_s),
        off_latency=summary(off.latencies_s),
    )
    peer = None
    if args.vllm:
        try:
            import vllm  # noqa: F401

            peer = vllm_peer(model_dir, workdir, args.clients, args.duration, args.warmup, args.vllm_dtype or dtype)
            res.update(
                vllm=peer.rate,
                vllm_errors=peer.errors,
                vllm_latency=summary(peer.latencies_s),
                vllm_dtype=args.vllm_dtype or dtype,
            )
        except ImportError:
            print("vllm not installed: no peer figure", file=sys.stderr)

    line = "-" * 100
    print(
        f"== /score · MiniLM-L6 cross-encoder · ~57 tok/pair · {dtype} · {args.clients} clients · "
        f"{args.duration:.0f} s/phase ({args.warmup:.0f} s warmup) · {cores()} cores · {res['git']} =="
    )
    print(f"raw in-process RM forward, bs64          {raw['rm']:8.1f} pairs/s")
    print(f"raw in-process encoder forward, bs64     {raw['encoder']:8.1f} texts/s")
    raw_scaled = 1 / (1 / raw["rm"] + 1 / raw["encoder"])
    print(
        f"served, one {args.large}-item request          {res['served_large']:8.1f} pairs/s   served/raw "
        f"{res['served_large'] / raw['rm']:.2f}x (goal >= 0.85)"
    )
    print(
        f"served, one {args.large}-item request, scale   {res['served_large_scaled']:8.1f} pairs/s   "
        f"vs raw RM+encoder {raw_scaled:.1f}: {res['served_large_scaled'] / raw_scaled:.2f}x"
    )
    print(
        f"served, {args.clients} single-item clients, batching  {on.rate:8.1f} pairs/s   {summary(on.latencies_s)}"
        f"  errors {on.errors}"
    )
    print(
        f"served, {args.clients} single-item clients, no batch  {off.rate:8.1f} pairs/s   {summary(off.latencies_s)}"
        f"  errors {off.errors}"
    )
    print(f"batching on/off                          {on.rate / off.rate:8.2f}x (goal >= 4)")
    print(
        f"cache hit via Redis, client side         p50 {1e3 * pct(hit_client, 50):.2f} ms  p99 "
        f"{1e3 * pct(hit_client, 99):.2f} ms (goal p99 <= 5 ms)"
    )
    print(
        f"cache hit via Redis, server side         p50 {pct(hit_server, 50):.2f} ms  p99 {pct(hit_server, 99):.2f} ms"
    )
    if peer is not None:
        print(
            f"vLLM pooling server /score ({res['vllm_dtype']}), {args.clients} clients "
            f"{peer.rate:8.1f} pairs/s   {summary(peer.latencies_s)}  errors {peer.errors}"
        )
        print(f"ours / vLLM at {args.clients} clients                {on.rate / peer.rate:8.2f}x (goal >= 1.2)")
    print(line)
    res.update(
        cache_hit_client_p50_ms=1e3 * pct(hit_client, 50),
        cache_hit_client_p99_ms=1e3 * pct(hit_client, 99),
        cache_hit_server_p50_ms=pct(hit_server, 50),
        cache_hit_server_p99_ms=pct(hit_server, 99),
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(res, indent=1, default=str))
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
