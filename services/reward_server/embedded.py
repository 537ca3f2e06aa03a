"""The reward server beside another program (the trainer's embedded default): ``drirl-server`` in a child process on
a free loopback port, so the caller talks to it with the same RewardClient as to a remote server.

A child process, not a thread in the caller: a server thread that runs a torch forward keeps an OpenMP thread team of
its own for the life of the process, and GNU OpenMP, seeing more threads than cores, then stops spinning between
parallel regions: every op of the trainer's forward and backward waits for its worker thread to wake. Measured on
2 cores (AMD EPYC, bfloat16, GRPO-S's forward + backward of 32 SmolLM2 rollouts): 11.1 s alone or beside a child
server, 14.5-16.4 s beside an in-process one, and back to 11.2 s once that server thread ends.

The one module of the server that the trainer imports (``tests/unit/test_layers.py`` allows exactly this one): it
starts a server; every reward still travels over HTTP through :class:`shared.client.RewardClient`.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import httpx

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1


def _parent_death_signal() -> Callable[[], None] | None:
    """Linux: a pre-exec hook that has the child SIGTERMed when the process that started it dies, even by SIGKILL (no
    orphan holds a port). libc is loaded here, in the parent: the hook, run between fork and exec, only calls it."""
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return lambda: prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class EmbeddedServer:
    """``with EmbeddedServer(model_dir) as s: RewardClient(s.url)``: a ready server until the block ends.

    Settings other than the model directory, the address and ``redis_url`` come from the environment (``DRIRL_*``),
    as for ``drirl-server``; its logs go to this process's stderr at ``DRIRL_LOG_LEVEL`` (default here: warning).
    With ``wait=False`` the block starts with the server still loading: the caller does its own start-up meanwhile
    and calls :meth:`wait_ready` before its first request (GRPO-S loads the policy and starts vLLM in those seconds).
    """

    def __init__(
        self, model_dir: Path, *, redis_url: str | None = None, start_timeout_s: float = 300, wait: bool = True
    ) -> None:
        self.model_dir = Path(model_dir)
        self.redis_url = redis_url
        self.start_timeout_s = start_timeout_s
        self.wait = wait
        self.url = ""
        self._started = 0.0
        self._proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> EmbeddedServer:
        from shared.manifest import verify_model_dir

        verify_model_dir(self.model_dir)  # a clear error here rather than in the child's log
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        cmd = [sys.executable, "-m", "services.reward_server", "--model-dir", str(self.model_dir)]
        cmd += ["--host", "127.0.0.1", "--port", str(port)]
        env = {**os.environ, "DRIRL_LOG_LEVEL": os.environ.get("DRIRL_LOG_LEVEL", "warning")}
        if self.redis_url:  # the environment, not an argument: the URL may hold a password, and argv is public (ps)
            env["DRIRL_REDIS_URL"] = self.redis_url
        repo = str(Path(__file__).resolve().parents[2])  # `services` importable from any working directory
        env["PYTHONPATH"] = os.pathsep.join(p for p in (repo, env.get("PYTHONPATH")) if p)
        self._proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, preexec_fn=_parent_death_signal())
        self.url = f"http://127.0.0.1:{port}"
        self._started = time.monotonic()
        if self.wait:
            try:
                self.wait_ready()
            except BaseException:
                self._stop()
                raise
        return self

    def wait_ready(self) -> None:
        """Return once the server answers ``/readyz``; raise if it exits first or is not ready ``start_timeout_s``
        after it was started."""
        if self._proc is None:
            raise RuntimeError("the embedded reward server is not running: enter its block first")
        end = self._started + self.start_timeout_s
        while True:
            code = self._proc.poll()
            if code is not None:
                raise RuntimeError(
                    f"the embedded reward server exited with code {code} before it was ready (model dir "
                    f"{self.model_dir}; its error is above)"
                )
            with contextlib.suppress(httpx.HTTPError):
                r = httpx.get(f"{self.url}/readyz", timeout=2)
                if r.status_code == 200:
                    log.info(
                        "embedded reward server at %s (pid %d, model dir %s)", self.url, self._proc.pid, self.model_dir
                    )
                    return
            if time.monotonic() > end:
                raise TimeoutError(f"the embedded reward server was not ready in {self.start_timeout_s:.0f}s")
            time.sleep(0.1)

    def _stop(self) -> None:
        """SIGTERM (the server drains requests in flight, shutdown.py), then SIGKILL if it does not exit."""
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            log.warning("the embedded reward server did not stop in 30 s: killing it")
            proc.kill()
            proc.wait()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop()
