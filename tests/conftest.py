"""Whole-run fixtures: a real redis-server, a model directory with fresh heads, and the reward server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.procs import RedisProc, ServerProc, free_port

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisProc]:
    """A redis-server for the whole run, on a free port in a temp dir."""
    proc = RedisProc(free_port(), tmp_path_factory.mktemp("redis")).start()
    try:
        yield proc
    finally:
        proc.stop()


@pytest.fixture
def redis_url(redis_server: RedisProc) -> Iterator[str]:
    """The session redis, flushed after each test."""
    import redis

    yield redis_server.url
    redis.Redis.from_url(redis_server.url).flushdb()


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid model directory: fresh MiniLM heads, real centroids from the shipped dataset."""
    from services.trainer.data.schema import DEFAULT_DATASET
    from services.trainer.irl.model_dir import init_model_dir

    out = tmp_path_factory.mktemp("models") / "fresh"
    init_model_dir(out, data=DEFAULT_DATASET, seed=0)
    return out


@pytest.fixture(scope="session")
def live_server(
    tmp_path_factory: pytest.TempPathFactory, model_dir: Path, redis_server: RedisProc
) -> Iterator[ServerProc]:
    """The reward server under uvicorn, over a real socket, caching in the session redis."""
    env = {
        "DRIRL_MODEL_DIR": str(model_dir),
        "DRIRL_REDIS_URL": redis_server.url,
        "DRIRL_GET_REWARD_GROUP_WAIT_S": "2",  # a fuzzed /get_reward?group_size=G must not wait a minute for G
    }
    server = ServerProc(tmp_path_factory.mktemp("server"), env)
    server.start()
    try:
        yield server
    finally:
        server.stop()
