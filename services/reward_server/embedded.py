"""The reward server inside another process (the trainer's embedded default): uvicorn in a thread, real HTTP on
loopback, so the caller talks to it with the same RewardClient as to a remote server.

The one module of the server that the trainer imports (``tests/unit/test_layers.py`` allows exactly this one): it
starts a server; every reward still travels over HTTP through :class:`shared.client.RewardClient`.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from pathlib import Path
from types import TracebackType

log = logging.getLogger(__name__)


class EmbeddedServer:
    def __init__(self, model_dir: Path, *, redis_url: str | None = None, start_timeout_s: float = 300) -> None:
        self.model_dir = Path(model_dir)
        self.redis_url = redis_url
        self.start_timeout_s = start_timeout_s
        self.url = ""
        self._server = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> EmbeddedServer:
        from services.reward_server.app import create_app
        from services.reward_server.settings import ServerSettings
        from services.reward_server.shutdown import draining_server
        from shared.manifest import verify_model_dir

        verify_model_dir(self.model_dir)  # a clear error here rather than inside the server thread
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        # Everything else (DRIRL_REDIS_URL included) comes from the environment, as for drirl-server.
        overrides = {"redis_url": self.redis_url} if self.redis_url else {}
        settings = ServerSettings(model_dir=self.model_dir, host="127.0.0.1", port=port, **overrides)
        self._server = draining_server(create_app(settings), settings, log_level="warning", lifespan="on")
        self._thread = threading.Thread(target=self._server.run, name="drirl-embedded-server", daemon=True)
        self._thread.start()
        end = time.monotonic() + self.start_timeout_s
        while not self._server.started:
            if not self._thread.is_alive():
                raise RuntimeError(f"the embedded reward server failed to start (model dir {self.model_dir})")
            if time.monotonic() > end:
                raise TimeoutError(f"the embedded reward server did not start in {self.start_timeout_s:.0f}s")
            time.sleep(0.05)
        self.url = f"http://127.0.0.1:{port}"
        log.info("embedded reward server at %s (model dir %s)", self.url, self.model_dir)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=30)
