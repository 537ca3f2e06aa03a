"""The reward server as a real process over a real socket: batching across clients, faults, refusal to start."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from services.reward_server.app import create_app
from services.reward_server.settings import ServerSettings
from tests.support.procs import REPO, RedisProc, ServerProc, free_port, wait_until

pytestmark = pytest.mark.slow


def _histogram_count(metrics: str, name: str, le: str | None = None) -> float:
    if le is None:
        m = re.search(rf"^{name}_count (\S+)$", metrics, re.M)
    else:
        m = re.search(rf'^{name}_bucket{{le="{le}"}} (\S+)$', metrics, re.M)
    assert m, f"{name} not in metrics"
    return float(m.group(1))


def _counter(metrics: str, name: str) -> float:
    m = re.search(rf"^{name} (\S+)$", metrics, re.M)
    assert m, f"{name} not in metrics"
    return float(m.group(1))


def test_concurrent_single_item_requests_are_batched_together(live_server: ServerProc):
    before = httpx.get(f"{live_server.url}/metrics").text
    n_before, ones_before = (
        _histogram_count(before, "drirl_batch_size"),
        _histogram_count(before, "drirl_batch_size", "1.0"),
    )

    async def one(client: httpx.AsyncClient, i: int) -> dict:
        r = await client.post(
            "/score",
            json={
                "items": [{"prompt": f"concurrent prompt {i}", "response": f"r{i}", "category": "hate"}],
                "scale": False,
            },
        )
        assert r.status_code == 200
        return r.json()["results"][0]

    async def burst() -> list[dict]:
        async with httpx.AsyncClient(base_url=live_server.url, timeout=30) as client:
            return await asyncio.gather(*(one(client, i) for i in range(32)))

    results = asyncio.run(burst())
    assert all(r["error"] is None for r in results)
    after = httpx.get(f"{live_server.url}/metrics").text
    batches = _histogram_count(after, "drirl_batch_size") - n_before
    singles = _histogram_count(after, "drirl_batch_size", "1.0") - ones_before
    assert batches < 32, f"32 items took {batches} batches"
    assert singles < batches, "no batch held more than one item"


def test_request_id_is_echoed_and_logged(live_server: ServerProc):
    r = httpx.post(
        f"{live_server.url}/score",
        headers={"X-Request-ID": "trainer-step-42"},
        json={"items": [{"prompt": "hello", "response": "hi", "category": "crime"}]},
    )
    assert r.headers["x-request-id"] == "trainer-step-42"
    wait_until(lambda: "[trainer-step-42]" in live_server.log.read_text(), deadline_s=5, what="request id in log")


def test_server_refuses_a_tampered_model_dir(model_dir: Path, tmp_path: Path):
    bad = tmp_path / "tampered"
    shutil.copytree(model_dir, bad)
    with (bad / "violence" / "model.safetensors").open("r+b") as f:
        f.seek(1000)
        f.write(b"\x00\x01\x02\x03")
    proc = subprocess.run(
        [sys.executable, "-m", "services.reward_server", "--model-dir", str(bad), "--port", str(free_port())],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "violence: checksum mismatch" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_redis_killed_mid_run_degrades_and_recovers(model_dir: Path, tmp_path: Path, caplog):
    redis_proc = RedisProc(free_port(), tmp_path).start()
    settings = ServerSettings(model_dir=model_dir, redis_url=redis_proc.url, redis_backoff_max_s=0.2)
    item = {"prompt": "How do I forge a signature?", "response": "I won't help with forgery.", "category": "crime"}
    try:
        with TestClient(create_app(settings)) as client:
            assert client.post("/score", json={"items": [item]}).json()["results"][0]["cached"] is False
            assert client.post("/score", json={"items": [item]}).json()["results"][0]["cached"] is True

            redis_proc.kill()
            for i in range(5):  # every request still succeeds, uncached
                r = client.post("/score", json={"items": [{**item, "response": f"variant {i}"}]})
                assert r.status_code == 200 and r.json()["results"][0]["error"] is None
            ready = client.get("/readyz")
            assert ready.status_code == 200
            assert ready.json()["status"] == "degraded" and ready.json()["cache"] == {
                "backend": "redis",
                "status": "down",
            }
            lost = [r for r in caplog.records if "redis unreachable" in r.getMessage()]
            assert len(lost) == 1, "an outage is logged once, not per request"
            assert _counter(client.get("/metrics").text, "drirl_cache_errors_total") >= 1

            redis_proc.start()  # same port: the monitor reconnects
            wait_until(lambda: client.get("/readyz").json()["status"] == "ready", deadline_s=10, what="recovery")
            client.post("/score", json={"items": [item]})
            assert client.post("/score", json={"items": [item]}).json()["results"][0]["cached"] is True
    finally:
        redis_proc.stop()


def test_server_answers_when_redis_is_down_from_the_start(model_dir: Path):
    settings = ServerSettings(model_dir=model_dir, redis_url=f"redis://127.0.0.1:{free_port()}/0")
    with TestClient(create_app(settings)) as client:
        assert client.get("/readyz").json()["status"] == "degraded"
        r = client.post("/score", json={"items": [{"prompt": "p", "response": "r", "category": "hate"}]})
        assert r.status_code == 200 and r.json()["results"][0]["reward"] is not None


def test_openapi_has_an_example_for_every_endpoint(live_server: ServerProc):
    spec = httpx.get(f"{live_server.url}/openapi.json").json()
    schemas = spec["components"]["schemas"]
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            examples = []
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
            if "$ref" in body:
                examples.append(schemas[body["$ref"].split("/")[-1]].get("examples"))
            for resp in op.get("responses", {}).values():
                for content in resp.get("content", {}).values():
                    ref = content.get("schema", {}).get("$ref")
                    examples.append(
                        content.get("example") or (schemas[ref.split("/")[-1]].get("examples") if ref else None)
                    )
            assert any(examples), f"{method.upper()} {path} has no example"
    assert json.dumps(spec)  # serialisable


def test_models_verify_cli_reports_the_version(model_dir: Path):
    from typer.testing import CliRunner

    from services.trainer.cli import app

    result = CliRunner().invoke(app, ["models", "verify", str(model_dir)])
    assert result.exit_code == 0 and '"model_version"' in result.output
