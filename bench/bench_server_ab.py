"""A change's effect on the served reward model: two source trees' servers, turn about, in one run.

    git worktree add /tmp/base HEAD~1      # or: mkdir /tmp/base && git archive HEAD~1 | tar -x -C /tmp/base
    python bench/bench_server_ab.py --base /tmp/base --rounds 4

Both servers (``drirl-server`` from ``--base`` and from ``--change``, default this checkout) load the same model dir
with the same settings (``DRIRL_*`` from the environment), and each sits idle while the other is measured. Every round
measures both, the order alternating, with ``--clients`` single-item clients (unique items: no cache hits). Prints
pairs/s per round, the change/base ratio per round and its median, and each server's voluntary context switches per
second under load, summed over its threads (``/proc``; OpenMP workers that sleep between ops show up there).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_server import Server, ensure_model_dir, singles
from bench.common import REPO, add_load_args, cores, git_sha, write_json


def voluntary_switches(pid: int) -> int:
    """Voluntary context switches of every thread of ``pid`` so far (threads that already ended are not counted)."""
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/status") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("voluntary_ctxt_switches"))
        except FileNotFoundError:  # the thread ended meanwhile
            continue
    return total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_load_args(ap)
    ap.add_argument("--base", type=Path, required=True, help="the source tree to compare against (a checkout)")
    ap.add_argument("--change", type=Path, default=REPO, help="the source tree with the change (default: this one)")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    trees = {"base": args.base.resolve(), "change": args.change.resolve()}
    for name, tree in trees.items():
        if not (tree / "services/reward_server/__main__.py").is_file():
            ap.error(f"--{name}: {tree} holds no services/reward_server (not a checkout of this project)")
    model_dir = ensure_model_dir(args.model_dir)
    print(
        f"bench_server_ab · {cores()} cores · {args.clients} single-item clients · {args.rounds} rounds of "
        f"{args.duration:g} s · base {trees['base']} · change {trees['change']} ({git_sha()})",
        file=sys.stderr,
    )
    rates: dict[str, list[float]] = {name: [] for name in trees}
    switches: dict[str, list[float]] = {name: [] for name in trees}
    offset = 0
    with tempfile.TemporaryDirectory() as workdir:
        servers = {name: Server(model_dir, Path(workdir), source=tree) for name, tree in trees.items()}
        try:
            for r in range(args.rounds):
                for name in list(trees) if r % 2 == 0 else list(trees)[::-1]:
                    server = servers[name]
                    s0, t0 = voluntary_switches(server.proc.pid), time.perf_counter()
                    got = singles(server.url, args.clients, args.duration, args.warmup, offset)
                    switched = (voluntary_switches(server.proc.pid) - s0) / (time.perf_counter() - t0)
                    offset += 10**6
                    if got.errors or not got.n:
                        raise RuntimeError(f"{name} server: {got.errors} failed requests, {got.n} pairs answered")
                    rates[name].append(got.rate)
                    switches[name].append(switched)
                    print(f"round {r} {name:6s} {got.rate:7.1f} pairs/s  {switched:6.0f} voluntary switches/s")
                print(f"round {r} change/base {rates['change'][-1] / rates['base'][-1]:.3f}")
        finally:
            for server in servers.values():
                server.stop()
    ratios = [c / b for c, b in zip(rates["change"], rates["base"], strict=True)]
    print(f"change/base, median of {len(ratios)} rounds: {statistics.median(ratios):.3f}")
    write_json(
        args.json,
        {"trees": {k: str(v) for k, v in trees.items()}, "rates": rates, "switches": switches, "ratios": ratios},
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
