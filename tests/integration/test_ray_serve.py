"""The reward server on Ray Serve (issue #21), run the documented way: a local Ray cluster (`ray start --head`), then
`serve run` on configs/ray_serve.yaml with two replicas, a batch scored through Serve's proxy, and everything stopped.

The config is the shipped file with only what a test must change: the model dir and Redis of this test run, free
ports, two fixed replicas instead of autoscaling, one torch thread per replica (two replicas share two cores).
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from tests.support.procs import REPO, RedisProc, free_port, wait_until

pytest.importorskip("ray.serve", reason="ray[serve] is not installed (the `ray` extra)")

pytestmark = pytest.mark.slow

# `serve run` stops on SIGINT (KeyboardInterrupt); a process started in the background may inherit SIGINT ignored
SERVE_RUN = (
    "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "from ray.serve.scripts import cli; sys.argv = ['serve', *sys.argv[1:]]; cli()"
)
STATUS = (
    "import json, sys, ray; from ray import serve; "
    "ray.init(address=sys.argv[1], namespace='serve', logging_level='ERROR', log_to_driver=False); "
    "d = serve.status().applications['drirl'].deployments['RewardServer']; "
    "print(json.dumps({'status': str(d.status.value), 'replicas': d.replica_states}))"
)


def _test_config(model_dir: Path, redis_url: str, http_port: int) -> dict:
    cfg = yaml.safe_load((REPO / "configs/ray_serve.yaml").read_text())
    cfg["http_options"]["port"] = http_port
    (app,) = cfg["applications"]
    app["runtime_env"]["env_vars"].update(DRIRL_REDIS_URL=redis_url, DRIRL_NUM_THREADS="1", DRIRL_LOG_LEVEL="warning")
    app["args"]["settings"]["model_dir"] = str(model_dir)
    (deployment,) = app["deployments"]
    deployment.pop("autoscaling_config")
    deployment["num_replicas"] = 2
    return cfg


def _stop(proc: subprocess.Popen[bytes], sig: int, timeout_s: float) -> None:
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)


@pytest.fixture
def ray_env() -> dict[str, str]:
    """Ray 2.60 turns token authentication on for `ray start`: one fresh token for the cluster and its clients."""
    return {**os.environ, "RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": secrets.token_hex(16)}


@pytest.fixture
def ray_cluster(tmp_path: Path, ray_env: dict[str, str]) -> Iterator[str]:
    """`ray start --head --block` on loopback and free ports, no dashboard; stopping that process stops its cluster."""
    gcs_port = free_port()
    ports = {
        "--port": gcs_port,
        "--ray-client-server-port": free_port(),
        "--dashboard-agent-listen-port": free_port(),
        "--dashboard-agent-grpc-port": free_port(),
        "--runtime-env-agent-port": free_port(),
        "--metrics-export-port": free_port(),
    }
    cmd = [
        str(Path(sys.executable).parent / "ray"),
        "start",
        "--head",
        "--block",
        "--include-dashboard=false",
        "--disable-usage-stats",
        "--num-cpus=2",
        "--node-ip-address=127.0.0.1",
        *(f"{k}={v}" for k, v in ports.items()),
    ]
    log = tmp_path / "ray.log"
    proc = subprocess.Popen(
        cmd, cwd=REPO, env=ray_env, stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True
    )
    address = f"127.0.0.1:{gcs_port}"
    try:
        wait_until(lambda: "Ray runtime started" in log.read_text(), deadline_s=120, what="ray start", log=log)
        yield address
    finally:
        _stop(proc, signal.SIGTERM, 60)


def test_serve_run_two_replicas_score_a_batch_and_shut_down(
    ray_cluster: str, ray_env: dict[str, str], model_dir: Path, redis_server: RedisProc, redis_url: str, tmp_path: Path
):
    http_port = free_port()
    cfg_path = tmp_path / "ray_serve.yaml"
    cfg_path.write_text(yaml.safe_dump(_test_config(model_dir, redis_url, http_port)))
    log = tmp_path / "serve.log"
    serve = subprocess.Popen(
        [sys.executable, "-c", SERVE_RUN, "run", "--address", ray_cluster, str(cfg_path)],
        cwd=REPO,
        env=ray_env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{http_port}"
    try:

        def two_running() -> bool:
            out = subprocess.run(
                [sys.executable, "-c", STATUS, ray_cluster],
                capture_output=True,
                text=True,
                timeout=60,
                cwd=REPO,
                env=ray_env,
            )
            status = json.loads(out.stdout.strip().splitlines()[-1])
            return status["status"] == "HEALTHY" and status["replicas"] == {"RUNNING": 2}

        wait_until(
            lambda: httpx.get(f"{url}/readyz", timeout=5).status_code == 200, deadline_s=240, what="serve", log=log
        )
        wait_until(two_running, deadline_s=180, what="two Serve replicas", log=log)

        items = [
            {
                "prompt": f"serve prompt {i // 4}",
                "response": f"serve response {i}",
                "category": "crime",
                "group_id": f"s{i // 4}",
            }
            for i in range(32)
        ]
        first = httpx.post(f"{url}/score", json={"items": items, "scale": True}, timeout=120)
        assert first.status_code == 200, first.text
        body = first.json()
        assert len(body["results"]) == 32 and all(r["error"] is None for r in body["results"])
        assert all(r["cached"] is False for r in body["results"])
        version = httpx.get(f"{url}/v1/models", timeout=30).json()["model_version"]
        assert body["model_version"] == version
        # the Redis all replicas share: whichever replica takes the second call, every raw reward is a hit
        again = httpx.post(f"{url}/score", json={"items": items, "scale": False}, timeout=120).json()
        assert all(r["cached"] for r in again["results"])
        assert [r["raw_reward"] for r in again["results"]] == [r["raw_reward"] for r in body["results"]]
        # the wire contract is the same app's: a bad category is a 422 envelope naming the field
        bad = httpx.post(f"{url}/score", json={"items": [{"prompt": "p", "response": "r", "category": "weapons"}]})
        assert bad.status_code == 422 and bad.json()["error"]["param"] == "items.0.category"
    finally:
        _stop(serve, signal.SIGINT, 90)
    assert serve.returncode is not None
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"{url}/readyz", timeout=2)  # serve.shutdown() took the proxy down
