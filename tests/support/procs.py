"""Real processes for tests: redis-server and the reward server under uvicorn, on free ports, always stopped."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_process(proc: subprocess.Popen[bytes] | None, sig: int = signal.SIGTERM, timeout_s: float = 10) -> None:
    """Send ``sig`` and wait ``timeout_s``; SIGKILL if it is still running then. A finished process is left alone."""
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(sig)
    try:
        proc.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=30)


def wait_until(check: Callable[[], bool], *, deadline_s: float, what: str, log: Path | None = None) -> None:
    """Poll ``check`` until true; fail with the log's tail after ``deadline_s``."""
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        try:
            if check():
                return
        except Exception:
            pass
        time.sleep(0.05)
    tail = log.read_text()[-3000:] if log is not None and log.exists() else ""
    raise TimeoutError(f"{what} not up after {deadline_s}s\n{tail}")


@dataclass
class RedisProc:
    port: int
    workdir: Path
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisProc:
        exe = shutil.which("redis-server")
        if exe is None:
            raise RuntimeError("redis-server is not installed (apt-get install redis-server)")
        log = self.workdir / "redis.log"
        self.proc = subprocess.Popen(
            [
                exe,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
        )
        import redis

        wait_until(
            lambda: redis.Redis(port=self.port, socket_timeout=0.5).ping(), deadline_s=10, what="redis-server", log=log
        )
        return self

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        stop_process(self.proc, signal.SIGTERM, 10)


@dataclass
class ServerProc:
    """``python -m services.reward_server`` (uvicorn) on a free port with DRIRL_* settings from ``env``."""

    workdir: Path
    env: dict[str, str]
    port: int = 0
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return self.workdir / f"server-{self.port}.log"

    def start(self, *, wait: bool = True, deadline_s: float = 120) -> ServerProc:
        self.port = self.port or free_port()
        env = {
            **os.environ,
            **self.env,
            "DRIRL_PORT": str(self.port),
            "DRIRL_HOST": "127.0.0.1",
            "PYTHONUNBUFFERED": "1",
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
        }
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "services.reward_server"],
            cwd=REPO,
            env=env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
        )
        if wait:
            self.wait_ready(deadline_s)
        return self

    def wait_ready(self, deadline_s: float = 120) -> None:
        """Poll /readyz until 200; fail at once with the log if the process exits."""
        assert self.proc is not None
        end = time.monotonic() + deadline_s
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}:\n{self.log.read_text()[-3000:]}")
            try:
                if httpx.get(f"{self.url}/readyz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() > end:
                raise TimeoutError(f"server not ready after {deadline_s}s\n{self.log.read_text()[-3000:]}")
            time.sleep(0.1)

    def wait_exit(self, timeout_s: float) -> int:
        assert self.proc is not None
        return self.proc.wait(timeout=timeout_s)

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        stop_process(self.proc, signal.SIGTERM, 20)
