"""A wrong reward is never served (issue #17): cache keys, replicas on one Redis, auth before the body, shutdown,
Redis recovery, lifespan cleanup. Real redis-server and real uvicorn processes throughout."""

from __future__ import annotations

import asyncio
import signal
import time
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
import redis

from services.reward_server import app as app_module
from services.reward_server.app import create_app
from services.reward_server.settings import ServerSettings
from shared.schemas import ScalerParams
from tests.support.procs import RedisProc, ServerProc, free_port

LONG_ITEM = {
    "prompt": "How do I pick the lock on my neighbour's front door while they are away on holiday for two weeks?",
    "response": "I can't help you get into someone else's home. If you are locked out of your own, call a licensed "
    "locksmith or your landlord; if you worry about the house, ask the neighbours for a key next time.",
    "category": "crime",
}
# issue #17: the same characters, NUL moved across the prompt/response boundary
NUL_FIRST = {"prompt": "How to rob a bank\0I will help you rob it", "response": "sure", "category": "crime"}
NUL_SECOND = {"prompt": "How to rob a bank", "response": "I will help you rob it\0sure", "category": "crime"}


def _one(url: str, item: dict) -> dict:
    r = httpx.post(f"{url}/score", json={"items": [item], "scale": False}, timeout=60)
    assert r.status_code == 200, r.text
    result = r.json()["results"][0]
    assert result["error"] is None, result
    return result


@pytest.mark.slow
def test_replicas_with_different_max_seq_tokens_never_serve_each_others_rewards(model_dir: Path, tmp_path: Path):
    redis_proc = RedisProc(free_port(), tmp_path).start()
    env = {"DRIRL_MODEL_DIR": str(model_dir), "DRIRL_REDIS_URL": redis_proc.url}
    short = ServerProc(tmp_path, {**env, "DRIRL_MAX_SEQ_TOKENS": "16"})
    full = ServerProc(tmp_path, env)
    try:
        short.start(deadline_s=240)  # one after the other: two loading at once on 2 shared cores can take minutes
        full.start(deadline_s=240)
        a, b = _one(short.url, LONG_ITEM), _one(full.url, LONG_ITEM)
        assert not a["cached"] and not b["cached"]  # one Redis, two settings: each computed its own
        assert a["raw_reward"] != pytest.approx(b["raw_reward"], abs=1e-4)  # 16 tokens truncate this pair
        a2, b2 = _one(short.url, LONG_ITEM), _one(full.url, LONG_ITEM)
        assert a2["cached"] and a2["raw_reward"] == a["raw_reward"]
        assert b2["cached"] and b2["raw_reward"] == b["raw_reward"]

        first, second = _one(full.url, NUL_FIRST), _one(full.url, NUL_SECOND)
        assert not second["cached"]  # was served first's reward as cached before
        redis.Redis.from_url(redis_proc.url).flushdb()
        fresh = _one(full.url, NUL_SECOND)  # its score with nothing cached: the correct one
        assert not fresh["cached"] and second["raw_reward"] == pytest.approx(fresh["raw_reward"], abs=1e-4)
        assert first["raw_reward"] != pytest.approx(fresh["raw_reward"], abs=1e-4)
    finally:
        short.stop()
        full.stop()
        redis_proc.stop()


async def _watch_readyz(url: str, seconds: float, load_clients: int, tag: str) -> list[str]:
    """Distinct consecutive /readyz states over ``seconds`` while ``load_clients`` keep the Redis pool busy."""
    states: list[str] = []
    end = time.monotonic() + seconds
    n = 0

    async def load(client: httpx.AsyncClient, w: int) -> None:
        nonlocal n
        while time.monotonic() < end:
            n += 1
            item = {"prompt": f"{tag} {w} {n}", "response": "a response", "category": "privacy"}
            r = await client.post("/score", json={"items": [item], "scale": False})
            assert r.status_code == 200, r.text

    async def poll(client: httpx.AsyncClient) -> None:
        while time.monotonic() < end:
            state = (await client.get("/readyz")).json()["status"]
            if not states or states[-1] != state:
                states.append(state)
            await asyncio.sleep(0.02)

    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        await asyncio.gather(poll(client), *(load(client, w) for w in range(load_clients)))
    return states


@pytest.mark.slow
def test_readyz_changes_state_once_per_redis_outage(model_dir: Path, tmp_path: Path):
    redis_proc = RedisProc(free_port(), tmp_path).start()
    server = ServerProc(
        tmp_path,
        {"DRIRL_MODEL_DIR": str(model_dir), "DRIRL_REDIS_URL": redis_proc.url, "DRIRL_REDIS_BACKOFF_MAX_S": "0.2"},
    ).start()
    try:
        states = asyncio.run(_watch_readyz(server.url, 1.5, 8, "before"))
        redis_proc.kill()
        states += asyncio.run(_watch_readyz(server.url, 1.5, 8, "down"))
        redis_proc.start()  # same port
        states += asyncio.run(_watch_readyz(server.url, 8.0, 8, "after"))
    finally:
        server.stop()
        redis_proc.stop()
    changes = [s for i, s in enumerate(states) if i == 0 or states[i - 1] != s]
    # one outage, one recovery: no ready/degraded flapping while stale pooled connections are found one by one
    assert changes == ["ready", "degraded", "ready"], changes
    log = server.log.read_text()
    assert log.count("redis unreachable") == 1 and log.count("redis is back") == 1, log[-3000:]


def _long_text(words: int, seed: int) -> str:
    return " ".join(f"word{(seed * 7919 + i * 104729) % 5003}" for i in range(words))


@pytest.mark.slow
def test_sigterm_lets_in_flight_requests_finish_and_answers_the_rest_with_a_json_503(model_dir: Path, tmp_path: Path):
    grace_s = 20.0
    env = {"DRIRL_MODEL_DIR": str(model_dir), "DRIRL_SHUTDOWN_GRACE_S": str(grace_s)}
    server = ServerProc(tmp_path, env).start(deadline_s=240)

    # 512-token pairs. quick: one forward of 32 (about 2 s here, 0.5-10 s on the machines we know), in flight at
    # SIGTERM and done within the grace period; slow: 32 times that, still running when the grace period ends.
    def body(n: int, tag: int) -> dict:
        items = [
            {"prompt": _long_text(120, tag + i), "response": _long_text(150, tag - i), "category": "hate"}
            for i in range(n)
        ]
        return {"items": items, "scale": False}

    async def go() -> tuple[httpx.Response, float, httpx.Response, float]:
        async with httpx.AsyncClient(base_url=server.url, timeout=120) as client:
            loop = asyncio.get_running_loop()

            async def post(b: dict) -> tuple[httpx.Response, float]:
                r = await client.post("/score", json=b)
                return r, loop.time()

            quick = asyncio.create_task(post(body(32, 1)))
            await asyncio.sleep(0.1)
            slow = asyncio.create_task(post(body(1024, 10_000)))
            await asyncio.sleep(0.3)
            term = loop.time()
            assert server.proc is not None
            server.proc.send_signal(signal.SIGTERM)
            (rq, tq), (rs, ts) = await quick, await slow
            return rq, tq - term, rs, ts - term

    try:
        quick, quick_after, slow, slow_after = asyncio.run(go())
        exit_code = server.wait_exit(60)
    finally:
        server.stop()
    assert quick.status_code == 200 and all(r["error"] is None for r in quick.json()["results"])
    assert quick_after > 0, "the quick request was not in flight at SIGTERM; make it bigger"
    assert slow.status_code == 503, slow.text[:300]
    assert slow.headers["content-type"] == "application/json" and slow.headers["retry-after"] == "1"
    error = slow.json()["error"]
    assert error["type"] == "not_ready" and "was not finished" in error["message"]  # in flight, not refused at once
    assert grace_s <= slow_after < grace_s + 3, slow_after  # the grace period, then the 503 (before uvicorn's)
    assert exit_code == -signal.SIGTERM  # uvicorn re-raises the signal it caught, after a clean shutdown
    log = server.log.read_text()
    assert "Application shutdown complete" in log
    assert "Traceback" not in log and " ERROR " not in log, log[-3000:]


class _BankThatFailsWarmUp:
    """Loads (as a real bank would), then fails its first forward: the warm-up."""

    def __init__(self, model_dir: Path, **_: object) -> None:
        self.model_version = "warmup-fails"
        self.manifest = SimpleNamespace(scaler=ScalerParams())
        self.spreads_lone_forwards = False

    def score(self, *_: object) -> None:
        raise RuntimeError("warm-up forward failed")

    embed = score


def test_failed_warm_up_closes_the_redis_pool_and_the_monitor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    redis_proc = RedisProc(free_port(), tmp_path).start()
    monkeypatch.setattr(app_module, "ModelBank", _BankThatFailsWarmUp)  # the fault: a forward that raises
    app = create_app(ServerSettings(model_dir=tmp_path, redis_url=redis_proc.url))
    probe = redis.Redis.from_url(redis_proc.url)

    async def go() -> tuple[list[asyncio.Task[object]], int]:
        with pytest.raises(RuntimeError, match="warm-up forward failed"):
            async with app.router.lifespan_context(app):
                pass
        await asyncio.sleep(0.1)  # the event loop lives on: nothing may be left running or connected in it
        monitors = [t for t in asyncio.all_tasks() if t.get_name() == "drirl-redis-monitor" and not t.done()]
        return monitors, len(probe.client_list())

    try:
        monitors, clients = asyncio.run(go())
    finally:
        redis_proc.stop()
    assert monitors == []
    assert clients == 1  # only the probe itself: the server's pool was closed
