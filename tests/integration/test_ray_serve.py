"""The reward server on Ray Serve (issue #21), run the documented way: a local Ray cluster (`ray start --head`), then
`serve run` on configs/ray_serve.yaml with two replicas, a batch scored through Serve's proxy, and everything stopped.

The config is the shipped file with only what a test must change (tests/support/rayserve.py): the model dir and
Redis of this run, free ports, two fixed replicas instead of autoscaling, one torch thread per replica.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.support.procs import RedisProc, free_port
from tests.support.rayserve import RayHead, ServeRun, serve_config

pytest.importorskip("ray.serve", reason="ray[serve] is not installed (the `ray` extra)")

pytestmark = pytest.mark.slow


def test_serve_run_two_replicas_score_a_batch_and_shut_down(
    model_dir: Path, redis_server: RedisProc, redis_url: str, tmp_path: Path
):
    head = RayHead(tmp_path, num_cpus=2).start()
    try:
        serve = ServeRun(head, serve_config(model_dir, redis_url, free_port(), replicas=2)).start()
        try:
            assert serve.status() == {"status": "HEALTHY", "replicas": {"RUNNING": 2}}
            items = [
                {
                    "prompt": f"serve prompt {i // 4}",
                    "response": f"serve response {i}",
                    "category": "crime",
                    "group_id": f"s{i // 4}",
                }
                for i in range(32)
            ]
            first = httpx.post(f"{serve.url}/score", json={"items": items, "scale": True}, timeout=120)
            assert first.status_code == 200, first.text
            body = first.json()
            assert len(body["results"]) == 32 and all(r["error"] is None for r in body["results"])
            assert all(r["cached"] is False for r in body["results"])
            assert body["model_version"] == httpx.get(f"{serve.url}/v1/models", timeout=30).json()["model_version"]
            # the Redis all replicas share: whichever replica takes the second call, every raw reward is a hit
            again = httpx.post(f"{serve.url}/score", json={"items": items, "scale": False}, timeout=120).json()
            assert all(r["cached"] for r in again["results"])
            assert [r["raw_reward"] for r in again["results"]] == [r["raw_reward"] for r in body["results"]]
            # the wire contract is the same app's: a bad category is a 422 envelope naming the field
            bad = {"items": [{"prompt": "p", "response": "r", "category": "weapons"}]}
            rejected = httpx.post(f"{serve.url}/score", json=bad, timeout=30)
            assert rejected.status_code == 422 and rejected.json()["error"]["param"] == "items.0.category"
        finally:
            returncode = serve.stop()
        assert returncode is not None
        with pytest.raises(httpx.HTTPError):
            httpx.get(f"{serve.url}/readyz", timeout=2)  # serve.shutdown() took the proxy down
    finally:
        head.stop()
    assert head.proc is not None and head.proc.returncode is not None
