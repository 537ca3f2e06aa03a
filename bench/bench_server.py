"""Reward-server throughput and latency; every figure a ratio measured in this one run (issue #2, NOTES.md).

This machine's speed drifts by ±20 % within minutes (shared host), so the phases are interleaved and repeated
(``--rounds``, default 3) with every server already loaded, and each ratio is the median of per-round ratios:

- raw in-process reward-model forward at bs64 (and the encoder, for scale=true) vs served pairs/s for one large
  request (goal: served/raw ≥ 0.9, issue #19), and the same large request to vLLM's pooling server (goal: ours
  ≥ 1.5× vLLM);
- N concurrent single-item clients against a server with dynamic batching, one without (goal ≥ 4×), and vLLM's
  pooling server on the same model and dtype (goal: ours ≥ 1.5× vLLM, issue #19);
- cache-hit latency through a real Redis, client and server side (goal: p99 ≤ 5 ms);
- token-budget batching (issue #19): one large request of mixed-length pairs (59–285 tokens) against a server with
  the budget (``--max-batch-tokens``) and one without (``DRIRL_MAX_BATCH_TOKENS=0``, the old item-count batching),
  with the padding share of the tokens each forwarded, read from ``/metrics`` before and after; and the padding
  share of every phase of the run per server.

    python bench/bench_server.py --json var/bench/server.json
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (
    REPO,
    LoadResult,
    add_load_args,
    closed_loop,
    cores,
    git_sha,
    med,
    mixed_pair,
    pair,
    pct,
    summary,
    wait_http,
    write_json,
)
from shared.batching import DEFAULT_MAX_BATCH_TOKENS
from shared.runtimes import RUNTIMES
from tests.support.procs import RedisProc, free_port


def ensure_model_dir(path: Path) -> Path:
    if not (path / "manifest.json").is_file():
        from services.trainer.data.schema import DEFAULT_DATASET
        from services.trainer.irl.model_dir import init_model_dir

        print(f"building a fresh model dir at {path}", file=sys.stderr)
        init_model_dir(path, data=DEFAULT_DATASET)
    return path


class RawForward:
    """The reward model and encoder in this process: the ceiling the served figures are compared with."""

    def __init__(
        self, model_dir: Path, batch: int, runtime: str = "torch", dtype: str = "auto", streams: int = 1
    ) -> None:
        from shared.model_bank import ModelBank

        # one padded forward per batch of self.batch; with streams, that many threads forward batches at once
        self.bank = ModelBank(model_dir, max_batch_tokens=None, runtime=runtime, dtype=dtype, streams=streams)
        self.batch = batch
        # ids of the served phases' magnitude (8 digits): the same tokens per pair (65) as the requests measured
        # against it; ids from 0 would be ~59 tokens and flatter the raw side by ~10 %
        self.pairs = [pair(10**7 + i) for i in range(4096)]
        self.dtype = str(self.bank.dtype).removeprefix("torch.")

    def rate(self, what: str, seconds: float) -> float:
        from shared.categories import Category

        def run(ps: list[tuple[str, str]]) -> None:
            if what == "rm":
                self.bank.score(Category.VIOLENCE, [p for p, _ in ps], [r for _, r in ps])
            else:
                self.bank.embed([r for _, r in ps])

        run(self.pairs[: self.batch])
        counts = [0] * self.bank.streams
        t0 = time.perf_counter()

        def loop(stream: int) -> None:
            k = stream * self.batch
            while time.perf_counter() - t0 < seconds:
                run(self.pairs[k : k + self.batch])
                k = (k + self.batch * self.bank.streams) % (len(self.pairs) - self.batch)
                counts[stream] += self.batch

        threads = [threading.Thread(target=loop, args=(i,)) for i in range(self.bank.streams)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return sum(counts) / (time.perf_counter() - t0)


class Server:
    """``drirl-server`` in a child process, from this checkout or from the source tree ``source``."""

    def __init__(self, model_dir: Path, workdir: Path, source: Path = REPO, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        e = {
            **os.environ,
            "DRIRL_MODEL_DIR": str(model_dir.resolve()),
            "DRIRL_PORT": str(self.port),
            "DRIRL_LOG_LEVEL": "warning",
            "HF_HUB_OFFLINE": "1",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(source), os.environ.get("PYTHONPATH")])),
            **env,
        }
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "services.reward_server"],
            cwd=source,
            env=e,
            stdout=(workdir / f"server-{self.port}.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        wait_http(f"{self.url}/readyz", 600, self.proc)  # torch-compile compiles first

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(30)


class VLLMPeer:
    """vLLM's pooling server (``--runner pooling``) on the violence reward model, pairwise ``/score``."""

    def __init__(self, model_dir: Path, workdir: Path, dtype: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "VLLM_CPU_NUM_OF_RESERVED_CPU": "0", "VLLM_CPU_KVCACHE_SPACE": "2", "HF_HUB_OFFLINE": "1"}
        cmd = [
            sys.executable,
            "-m",
            "vllm.entrypoints.openai.api_server",
            "--model",
            str(model_dir / "violence"),
            "--runner",
            "pooling",
            "--port",
            str(self.port),
            "--dtype",
            dtype,
            "--served-model-name",
            "rm",
            "--max-model-len",
            "512",
        ]
        if _has_cuda():  # the default takes 90 % of the card; our servers and the clients share it
            cmd += ["--gpu-memory-utilization", "0.2"]
        self.proc = subprocess.Popen(cmd, env=env, stdout=(workdir / "vllm.log").open("w"), stderr=subprocess.STDOUT)
        wait_http(f"{self.url}/health", 600, self.proc)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def one_large(
    url: str, seconds: float, size: int, scale: bool, offset: int, mixed: bool = False, vllm: bool = False
) -> float:
    """Pairs/s of back-to-back requests of ``size`` pairs each, for ``seconds`` (at least one request); ``vllm``: the
    same pairs as one pairwise ``/score`` call of vLLM's pooling server (``text_1`` / ``text_2`` lists)."""
    make = mixed_pair if mixed else pair
    n, t0 = 0, time.perf_counter()
    with httpx.Client(base_url=url, timeout=300) as c:
        while time.perf_counter() - t0 < seconds or n == 0:
            pairs = [make(offset + n + i) for i in range(size)]
            if vllm:
                body: dict = {"model": "rm", "text_1": [p for p, _ in pairs], "text_2": [r for _, r in pairs]}
                got = len(c.post("/score", json=body).raise_for_status().json()["data"])
            else:
                items = [{"prompt": p, "response": r, "category": "violence"} for p, r in pairs]
                got = len(c.post("/score", json={"items": items, "scale": scale}).raise_for_status().json()["results"])
            if got != size:
                raise RuntimeError(f"{url}/score answered {got} of {size} pairs")
            n += size
    return n / (time.perf_counter() - t0)


def singles(url: str, clients: int, seconds: float, warmup: float, offset: int, vllm: bool = False) -> LoadResult:
    def request(i: int) -> tuple[str, dict]:
        p, r = pair(offset + i)
        if vllm:
            return "/score", {"model": "rm", "text_1": [p], "text_2": [r]}
        return "/score", {"items": [{"prompt": p, "response": r, "category": "violence"}], "scale": False}

    def count(answer: dict) -> int:
        return len(answer["data"]) if vllm else sum(x["error"] is None for x in answer["results"])

    return asyncio.run(closed_loop(request, count, base_url=url, clients=clients, duration_s=seconds, warmup_s=warmup))


def forward_tokens(url: str) -> tuple[float, float]:
    """(real, padding) tokens the server's reward models have forwarded so far (``drirl_forward_tokens_total``)."""
    from prometheus_client.parser import text_string_to_metric_families

    got = {"real": 0.0, "padding": 0.0}
    for family in text_string_to_metric_families(httpx.get(f"{url}/metrics", timeout=30).text):
        for s in family.samples:
            if s.name == "drirl_forward_tokens_total" and s.labels.get("model") == "reward":
                got[s.labels["kind"]] += s.value
    return got["real"], got["padding"]


def padding_share(before: tuple[float, float], after: tuple[float, float]) -> float:
    """Padding / all tokens forwarded between two :func:`forward_tokens` readings (nan when nothing ran)."""
    real, pad = after[0] - before[0], after[1] - before[1]
    return pad / (real + pad) if real + pad else float("nan")


def cache_hits(url: str, n: int) -> tuple[list[float], list[float], int]:
    """Latencies of repeated requests for one cached item; misses (a Redis call that timed out under load, served
    uncached by design) are counted, not timed."""
    item = {"prompt": "cached prompt", "response": "cached response", "category": "violence"}
    client_s, server_ms, misses = [], [], 0
    with httpx.Client(base_url=url, timeout=30) as c:
        c.post("/score", json={"items": [item], "scale": False}).raise_for_status()
        for _ in range(n):
            t = time.perf_counter()
            body = c.post("/score", json={"items": [item], "scale": False}).json()
            elapsed = time.perf_counter() - t
            if not body["results"][0]["cached"]:
                misses += 1
                continue
            client_s.append(elapsed)
            server_ms.append(body["timings_ms"]["total"])
    return client_s, server_ms, misses


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_load_args(ap)
    ap.add_argument("--large", type=int, default=512, help="items in the one-large-request phase")
    ap.add_argument("--cache-requests", type=int, default=500)
    ap.add_argument(
        "--also-clients",
        type=int,
        nargs="*",
        default=[],
        help="more client counts measured in the same rounds, against the same servers (e.g. 256)",
    )
    ap.add_argument("--vllm", action=argparse.BooleanOptionalAction, default=True, help="measure the vLLM peer")
    ap.add_argument(
        "--cache-phase",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="cache hits through a real redis-server (needs redis-server on the PATH)",
    )
    ap.add_argument(
        "--max-batch-tokens",
        type=int,
        default=DEFAULT_MAX_BATCH_TOKENS,
        help="the served token budget (DRIRL_MAX_BATCH_TOKENS); the budget phase compares it with 0 (off)",
    )
    ap.add_argument(
        "--budget-phase",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="mixed-length large requests with and without the token budget (one more server)",
    )
    ap.add_argument(
        "--runtime",
        default="torch",
        choices=RUNTIMES,
        help="our runtime (DRIRL_RUNTIME) for the raw forward and every server of ours; torch-compile compiles at "
        "each start (~1.5 min each on 2 cores)",
    )
    ap.add_argument(
        "--dtype",
        default="auto",
        choices=("auto", "float32", "bfloat16"),
        help="ours and vLLM's (DRIRL_DTYPE; auto: bfloat16 where the CPU has AMX/AVX512-BF16 and a bfloat16 matmul "
        "measures faster, else float32: shared/devices.py)",
    )
    ap.add_argument(
        "--streams",
        type=int,
        default=1,
        help="forward streams of ours (DRIRL_FORWARD_STREAMS), and threads of the raw forward",
    )
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()

    def at(clients: int) -> str:
        """The key suffix of a phase at a client count other than ``--clients`` (none for that one)."""
        return "" if clients == args.clients else f"@{clients}"

    model_dir = ensure_model_dir(args.model_dir)
    workdir = Path(tempfile.mkdtemp(prefix="drirl-bench-"))
    raw = RawForward(model_dir, batch=64, runtime=args.runtime, dtype=args.dtype, streams=args.streams)
    ours = {"DRIRL_RUNTIME": args.runtime, "DRIRL_DTYPE": args.dtype, "DRIRL_FORWARD_STREAMS": str(args.streams)}
    budget = {**ours, "DRIRL_LRU_MAX_ITEMS": "0", "DRIRL_MAX_BATCH_TOKENS": str(args.max_batch_tokens)}
    servers = {
        "on": Server(model_dir, workdir, **budget),
        "off": Server(model_dir, workdir, **budget, DRIRL_ENABLE_BATCHING="false"),
    }
    if args.budget_phase:
        servers["nobudget"] = Server(model_dir, workdir, **ours, DRIRL_LRU_MAX_ITEMS="0", DRIRL_MAX_BATCH_TOKENS="0")
    run_start = {k: forward_tokens(s.url) for k, s in servers.items()}  # after each server's warm-up
    mixed_share: dict[str, list[float]] = {"on": [], "nobudget": []}
    peer = None
    if args.vllm:
        if _has_vllm():
            peer = VLLMPeer(model_dir, workdir, raw.dtype)
        else:
            print("vllm not installed: no peer figure", file=sys.stderr)
    rows: list[dict[str, float]] = []
    counts = [args.clients, *args.also_clients]
    labels = [k + at(n) for n in counts for k in ("on", "off", "vllm")]
    latencies: dict[str, list[float]] = {k: [] for k in labels}
    errors = dict.fromkeys(labels, 0)
    try:
        for rnd in range(args.rounds):
            off = 10**7 * (rnd + 1)
            row = {"raw_rm": raw.rate("rm", args.duration / 2), "raw_enc": raw.rate("enc", args.duration / 2)}
            row["large"] = one_large(servers["on"].url, args.duration, args.large, False, off)
            row["large_scaled"] = one_large(servers["on"].url, args.duration, args.large, True, off + 10**6)
            if peer is not None:
                row["large_vllm"] = one_large(peer.url, args.duration, args.large, False, off + 9 * 10**6, vllm=True)
            if args.budget_phase:
                for name, key in (("on", "mixed"), ("nobudget", "mixed_nobudget")):
                    t0 = forward_tokens(servers[name].url)
                    row[key] = one_large(servers[name].url, args.duration, args.large, False, off + 8 * 10**6, True)
                    mixed_share[name].append(padding_share(t0, forward_tokens(servers[name].url)))
            for j, n in enumerate(counts):
                base = off + 2 * 10**6 + 3 * 10**5 * j
                for k, (name, url) in enumerate(
                    [(s, servers[s].url) for s in ("on", "off")] + ([("vllm", peer.url)] if peer else [])
                ):
                    r = singles(url, n, args.duration, args.warmup, base + 10**5 * k, vllm=name == "vllm")
                    key = name + at(n)
                    row[key], errors[key] = r.rate, errors[key] + r.errors
                    latencies[key] += r.latencies_s
            rows.append(row)
            print(f"round {rnd + 1}: " + "  ".join(f"{k} {v:.1f}" for k, v in row.items()), file=sys.stderr)
        run_share = {k: padding_share(run_start[k], forward_tokens(s.url)) for k, s in servers.items()}
    finally:
        for s in servers.values():
            s.stop()
        if peer is not None:
            peer.stop()
    hit_client: list[float] = []
    hit_server: list[float] = []
    misses = 0
    if args.cache_phase:
        redis_proc = RedisProc(free_port(), workdir)
        redis_proc.start()
        server = Server(model_dir, workdir, **ours, DRIRL_REDIS_URL=redis_proc.url)
        try:
            hit_client, hit_server, misses = cache_hits(server.url, args.cache_requests)
        finally:
            server.stop()
            redis_proc.stop()

    def col(key: str) -> float:
        return med([r[key] for r in rows])

    def ratio(a: str, b: str) -> float:
        return med([r[a] / r[b] for r in rows])

    raw_scaled = [1 / (1 / r["raw_rm"] + 1 / r["raw_enc"]) for r in rows]
    git = git_sha()
    print(
        f"== /score · MiniLM-L6 cross-encoder · ~57 tok/pair · {args.runtime} {raw.dtype} · {args.streams} forward "
        f"stream(s) · {args.clients} clients · "
        f"{args.rounds} rounds × {args.duration:.0f} s per phase, interleaved; medians · {cores()} cores · {git} =="
    )
    print(f"raw in-process RM forward, bs64          {col('raw_rm'):8.1f} pairs/s")
    print(f"raw in-process encoder forward, bs64     {col('raw_enc'):8.1f} texts/s")
    print(
        f"served, one {args.large}-item request          {col('large'):8.1f} pairs/s   served/raw "
        f"{ratio('large', 'raw_rm'):.2f}x (goal >= 0.9)"
    )
    scaled_ratio = med([r["large_scaled"] / rs for r, rs in zip(rows, raw_scaled, strict=True)])
    print(
        f"served, one {args.large}-item request, scale   {col('large_scaled'):8.1f} pairs/s   "
        f"vs raw RM+encoder {med(raw_scaled):.1f}: {scaled_ratio:.2f}x"
    )
    print(
        f"served, {args.clients} single-item clients, batching  {col('on'):8.1f} pairs/s   "
        f"{summary(latencies['on'])}  errors {errors['on']}"
    )
    print(
        f"served, {args.clients} single-item clients, no batch  {col('off'):8.1f} pairs/s   "
        f"{summary(latencies['off'])}  errors {errors['off']}"
    )
    print(f"batching on/off                          {ratio('on', 'off'):8.2f}x (goal >= 4)")
    for n in args.also_clients:
        for name, label in (("on", "batching"), ("off", "no batch")) + ((("vllm", "vLLM pooling"),) if peer else ()):
            key = name + at(n)
            print(
                f"served, {n} single-item clients, {label:<12} {col(key):8.1f} pairs/s   "
                f"{summary(latencies[key])}  errors {errors[key]}"
            )
        if peer is not None:
            print(f"ours / vLLM at {n} clients                {ratio('on' + at(n), 'vllm' + at(n)):8.2f}x")
    if args.budget_phase:
        for key, label in (("mixed", f"token budget {args.max_batch_tokens}"), ("mixed_nobudget", "no token budget")):
            share = med(mixed_share["on" if key == "mixed" else "nobudget"])
            print(
                f"served, one {args.large}-item request of 59-285 tok, {label:<17} {col(key):8.1f} pairs/s   "
                f"padding share of batched tokens {share:.1%}"
            )
        print(f"token budget on/off, mixed lengths       {ratio('mixed', 'mixed_nobudget'):8.2f}x")
    names = {"on": f"budget {args.max_batch_tokens}", "off": "no batching", "nobudget": "no budget"}
    print(
        "padding share of batched tokens, whole run, per server: "
        + ", ".join(f"{names[k]} {v:.1%}" for k, v in run_share.items())
    )
    if hit_client:
        print(
            f"cache hit via Redis, client side         p50 {1e3 * pct(hit_client, 50):.2f} ms  p99 "
            f"{1e3 * pct(hit_client, 99):.2f} ms (goal p99 <= 5 ms)  misses {misses}/{args.cache_requests}"
        )
        print(
            f"cache hit via Redis, server side         p50 {pct(hit_server, 50):.2f} ms  p99 "
            f"{pct(hit_server, 99):.2f} ms"
        )
    if peer is not None:
        print(
            f"vLLM pooling server /score ({raw.dtype}), {args.clients} clients {col('vllm'):8.1f} pairs/s   "
            f"{summary(latencies['vllm'])}  errors {errors['vllm']}"
        )
        print(f"ours / vLLM at {args.clients} clients                {ratio('on', 'vllm'):8.2f}x (goal >= 1.5)")
        print(
            f"vLLM pooling server, one {args.large}-item request   {col('large_vllm'):8.1f} pairs/s   "
            f"ours / vLLM {ratio('large', 'large_vllm'):.2f}x (goal >= 1.5)"
        )
    print("-" * 100)
    write_json(
        args.json,
        {
            "git": git,
            "cores": cores(),
            "dtype": raw.dtype,
            "runtime": args.runtime,
            "streams": args.streams,
            "clients": args.clients,
            "rounds": rows,
            "served_over_raw": ratio("large", "raw_rm"),
            "batching_on_off": ratio("on", "off"),
            "max_batch_tokens": args.max_batch_tokens,
            "padding_share_run": run_share,
            "padding_share_mixed": {k: med(v) for k, v in mixed_share.items()} if args.budget_phase else None,
            "budget_on_off_mixed": ratio("mixed", "mixed_nobudget") if args.budget_phase else None,
            "ours_over_vllm": ratio("on", "vllm") if peer is not None else None,
            "large_ours_over_vllm": ratio("large", "large_vllm") if peer is not None else None,
            "errors": errors,
            "at_clients": {
                n: {
                    "ours_pairs_s": col("on" + at(n)),
                    "ours_unbatched_pairs_s": col("off" + at(n)),
                    "vllm_pairs_s": col("vllm" + at(n)) if peer is not None else None,
                    "ours_over_vllm": ratio("on" + at(n), "vllm" + at(n)) if peer is not None else None,
                    "ours_p99_ms": 1e3 * pct(latencies["on" + at(n)], 99),
                    "vllm_p99_ms": 1e3 * pct(latencies["vllm" + at(n)], 99) if peer is not None else None,
                }
                for n in counts
            },
            "cache_hit_client_p99_ms": 1e3 * pct(hit_client, 99) if hit_client else None,
            "cache_hit_server_p99_ms": pct(hit_server, 99) if hit_server else None,
        },
    )
    shutil.rmtree(workdir, ignore_errors=True)


def _has_cuda() -> bool:
    import torch

    return torch.cuda.is_available()


def _has_vllm() -> bool:
    import importlib.util

    return importlib.util.find_spec("vllm") is not None


if __name__ == "__main__":
    main()
