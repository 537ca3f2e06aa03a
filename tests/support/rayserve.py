"""A local Ray cluster and ``serve run configs/ray_serve.yaml`` as real processes (tests and bench/bench_replicas.py).

``ray start --head --block`` on loopback and free ports, without the dashboard: stopping that one process stops the
cluster it started (never ``ray stop``, which ends every Ray process on the machine). Ray 2.60 turns token
authentication on for ``ray start``; the cluster and its clients share one fresh token through the environment.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import yaml

from tests.support.procs import REPO, free_port, stop_process, wait_until

SERVE_CONFIG = REPO / "configs/ray_serve.yaml"

# `serve run` stops on SIGINT (KeyboardInterrupt); a process started in the background may inherit SIGINT ignored
_SERVE_RUN = (
    "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "from ray.serve.scripts import cli; sys.argv = ['serve', *sys.argv[1:]]; cli()"
)
_STATUS = (
    "import json, sys, ray; from ray import serve; "
    "ray.init(address=sys.argv[1], namespace='serve', logging_level='ERROR', log_to_driver=False); "
    "d = serve.status().applications['drirl'].deployments['RewardServer']; "
    "print(json.dumps({'status': str(d.status.value), 'replicas': d.replica_states}))"
)


def _token_env() -> dict[str, str]:
    return {**os.environ, "RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": secrets.token_hex(16)}


def serve_config(
    model_dir: Path, redis_url: str, http_port: int, *, replicas: int, num_cpus: float = 1, threads: int = 1
) -> dict[str, Any]:
    """configs/ray_serve.yaml with what a local run must change: this run's model dir, Redis and port, a fixed
    number of replicas instead of autoscaling, CPUs and torch threads per replica."""
    cfg = yaml.safe_load(SERVE_CONFIG.read_text())
    cfg["http_options"]["port"] = http_port
    (app,) = cfg["applications"]
    app["runtime_env"]["env_vars"].update(
        DRIRL_REDIS_URL=redis_url, DRIRL_NUM_THREADS=str(threads), DRIRL_LOG_LEVEL="warning"
    )
    app["args"]["settings"]["model_dir"] = str(model_dir)
    (deployment,) = app["deployments"]
    deployment.pop("autoscaling_config")
    deployment["num_replicas"] = replicas
    deployment["ray_actor_options"]["num_cpus"] = num_cpus
    return cfg


@dataclass
class RayHead:
    """``ray start --head --block`` with ``num_cpus`` CPUs; :attr:`address` is its GCS on 127.0.0.1."""

    workdir: Path
    num_cpus: int
    env: dict[str, str] = field(default_factory=_token_env)
    port: int = 0
    proc: subprocess.Popen[bytes] | None = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self, deadline_s: float = 120) -> RayHead:
        self.port = free_port()
        ports = {
            "--port": self.port,
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
            f"--num-cpus={self.num_cpus}",
            "--node-ip-address=127.0.0.1",
            *(f"{k}={v}" for k, v in ports.items()),
        ]
        log = self.workdir / "ray.log"
        self.proc = subprocess.Popen(
            cmd, cwd=REPO, env=self.env, stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True
        )
        wait_until(lambda: "Ray runtime started" in log.read_text(), deadline_s=deadline_s, what="ray start", log=log)
        return self

    def stop(self) -> None:
        stop_process(self.proc, signal.SIGTERM, 60)


@dataclass
class ServeRun:
    """``serve run --address HEAD CONFIG`` for a config dict (see :func:`serve_config`)."""

    head: RayHead
    config: dict[str, Any]
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.config['http_options']['port']}"

    @property
    def log(self) -> Path:
        return self.head.workdir / "serve.log"

    def start(self, deadline_s: float = 300) -> ServeRun:
        """Run it; return once every replica is RUNNING and the proxy answers /readyz."""
        path = self.head.workdir / "ray_serve.yaml"
        path.write_text(yaml.safe_dump(self.config))
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _SERVE_RUN, "run", "--address", self.head.address, str(path)],
            cwd=REPO,
            env=self.head.env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        replicas = self.config["applications"][0]["deployments"][0]["num_replicas"]
        wait_until(
            lambda: httpx.get(f"{self.url}/readyz", timeout=5).status_code == 200,
            deadline_s=deadline_s,
            what="serve run",
            log=self.log,
        )
        wait_until(
            lambda: self.status() == {"status": "HEALTHY", "replicas": {"RUNNING": replicas}},
            deadline_s=deadline_s,
            what=f"{replicas} Serve replicas",
            log=self.log,
        )
        return self

    def status(self) -> dict[str, Any]:
        """The deployment's status and replica states, asked from a separate driver process."""
        out = subprocess.run(
            [sys.executable, "-c", _STATUS, self.head.address],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=REPO,
            env=self.head.env,
        )
        return json.loads(out.stdout.strip().splitlines()[-1])

    def stop(self) -> int | None:
        """SIGINT: `serve run` shuts Serve down and exits; its return code."""
        stop_process(self.proc, signal.SIGINT, 90)
        return self.proc.returncode if self.proc is not None else None
