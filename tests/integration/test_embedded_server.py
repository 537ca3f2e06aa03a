"""The trainer's embedded reward server: a real ``drirl-server`` child process on loopback, gone when its block ends
or its parent dies, with a clear error when it cannot start."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from services.reward_server.embedded import EmbeddedServer
from shared.client import RewardClient, ScoreItem
from shared.manifest import ManifestError

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"  # a zombie has exited


def _refused(url: str) -> bool:
    try:
        httpx.get(f"{url}/healthz", timeout=2)
    except httpx.ConnectError:
        return True
    return False


def test_scores_over_http_from_a_child_process_that_stops_with_the_block(model_dir: Path):
    with EmbeddedServer(model_dir) as server:
        pid = server._proc.pid
        assert pid != os.getpid() and _alive(pid)
        with RewardClient(server.url) as client:
            result = client.score([ScoreItem(prompt="How do I pick a lock?", response="I won't.", category="crime")])
        assert result.results[0].error is None and result.results[0].reward is not None
    assert not _alive(pid)
    assert _refused(server.url)


def test_a_bad_model_dir_fails_before_a_process_starts(tmp_path: Path):
    with pytest.raises(ManifestError):
        EmbeddedServer(tmp_path / "missing").__enter__()


def test_a_server_that_cannot_start_is_an_error_naming_its_exit_code(model_dir: Path, monkeypatch):
    monkeypatch.setenv("DRIRL_FORWARD_STREAMS", "0")  # invalid: drirl-server exits 2 before serving
    with pytest.raises(RuntimeError, match="exited with code 2 before it was ready"):
        EmbeddedServer(model_dir, start_timeout_s=120).__enter__()


def test_without_waiting_the_block_starts_before_the_server_is_ready_and_wait_ready_waits(model_dir: Path):
    """GRPO-S starts the server this way and loads its policy meanwhile: the block opens at once, wait_ready holds."""
    t0 = time.monotonic()
    with EmbeddedServer(model_dir, wait=False) as server:
        opened = time.monotonic() - t0
        early = not _refused(server.url) and httpx.get(f"{server.url}/readyz", timeout=2).status_code == 200
        assert not early, "the server cannot be ready while its process is still importing torch"
        server.wait_ready()
        assert httpx.get(f"{server.url}/readyz", timeout=2).status_code == 200
        assert opened < 2.0, f"the block took {opened:.1f} s to open"


def test_without_waiting_a_server_that_cannot_start_is_the_same_error_from_wait_ready(model_dir: Path, monkeypatch):
    monkeypatch.setenv("DRIRL_FORWARD_STREAMS", "0")
    with EmbeddedServer(model_dir, wait=False) as server, pytest.raises(RuntimeError, match="exited with code 2"):
        server.wait_ready()


def test_the_server_dies_with_a_killed_parent(model_dir: Path):
    """SIGKILL leaves the parent no chance to clean up; the child must not outlive it holding its port."""
    parent = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from services.reward_server.embedded import EmbeddedServer\n"
            f"s = EmbeddedServer({str(model_dir)!r}).__enter__()\n"
            "print(s._proc.pid, s.url, flush=True)\n"
            "time.sleep(600)\n",
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        pid_text, url = parent.stdout.readline().split()
        child = int(pid_text)
        assert _alive(child) and not _refused(url)
        parent.kill()
        parent.wait()
        end = time.monotonic() + 30
        while _alive(child) and time.monotonic() < end:
            time.sleep(0.2)
        assert not _alive(child)
        assert _refused(url)
    finally:
        parent.kill()


def test_a_redis_url_reaches_the_server_but_not_its_command_line(model_dir: Path, redis_server):
    """A Redis URL may hold a password: it goes through the child's environment, which only its user can read."""
    with EmbeddedServer(model_dir, redis_url=redis_server.url) as server:
        pid = server._proc.pid
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode()
        environ = Path(f"/proc/{pid}/environ").read_bytes().decode()
        assert redis_server.url not in cmdline
        assert f"DRIRL_REDIS_URL={redis_server.url}" in environ.split("\0")
        ready = httpx.get(f"{server.url}/readyz", timeout=5).json()
        assert ready["cache"]["backend"] == "redis"
