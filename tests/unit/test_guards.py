"""The plain-ASGI guards in front of the app: auth before the body, shutdown 503s, redacted access logs."""

from __future__ import annotations

import asyncio
import base64
import json
import logging

import pytest
from pydantic import SecretStr

from services.reward_server.auth import ApiKeyAuth, presented_key
from services.reward_server.logs import RedactQueryString, redact_query
from services.reward_server.shutdown import Drain, ShutdownGuard


def _scope(path: str = "/score", headers: list[tuple[bytes, bytes]] | None = None, query: bytes = b"") -> dict:
    return {"type": "http", "method": "POST", "path": path, "headers": headers or [], "query_string": query}


async def _never_receive() -> dict:
    raise AssertionError("the body was read")


def _call(app, scope: dict, receive=_never_receive) -> list[dict]:
    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent


def _status_and_body(sent: list[dict]) -> tuple[int, dict]:
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], json.loads(body)


async def _ok_app(scope, receive, send) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"{}"})


# ------------------------------------------------------------------------------------------------------ auth
def test_unauthenticated_request_gets_401_before_its_body_is_read():
    auth = ApiKeyAuth(_ok_app, SecretStr("k3y"))
    status, body = _status_and_body(_call(auth, _scope()))
    assert status == 401 and body["error"]["type"] == "unauthorized"


def test_a_key_in_the_query_string_is_refused_and_the_message_says_why():
    auth = ApiKeyAuth(_ok_app, SecretStr("k3y"))
    status, body = _status_and_body(_call(auth, _scope(query=b"api_key=k3y")))
    assert status == 401 and "never read from the query string" in body["error"]["message"]
    assert "k3y" not in json.dumps(body)


def test_right_bearer_token_passes_wrong_one_does_not():
    auth = ApiKeyAuth(_ok_app, SecretStr("k3y"))
    assert _status_and_body(_call(auth, _scope(headers=[(b"authorization", b"Bearer k3y")])))[0] == 200
    assert _status_and_body(_call(auth, _scope(headers=[(b"authorization", b"Bearer k3")])))[0] == 401
    assert _status_and_body(_call(auth, _scope(headers=[(b"authorization", b"Basic k3y")])))[0] == 401


def _basic(user_and_password: bytes) -> list[tuple[bytes, bytes]]:
    return [(b"authorization", b"Basic " + base64.b64encode(user_and_password))]


def test_the_key_as_a_basic_password_passes_before_the_body_is_read():
    # OpenRLHF's client cannot set headers; aiohttp turns http://drirl:KEY@host into these Basic credentials
    auth = ApiKeyAuth(_ok_app, SecretStr("k3y:with-colon"))
    assert _status_and_body(_call(auth, _scope(headers=_basic(b"drirl:k3y:with-colon"))))[0] == 200
    assert _status_and_body(_call(auth, _scope(headers=_basic(b"anyone:k3y:with-colon"))))[0] == 200
    assert _status_and_body(_call(auth, _scope(headers=_basic(b"drirl:k3y"))))[0] == 401
    assert _status_and_body(_call(auth, _scope(headers=_basic(b"k3y:with-colon"))))[0] == 401  # the key as user


def test_presented_key_reads_bearer_or_the_basic_password_and_nothing_else():
    basic = base64.b64encode(b"drirl:s3cr:t")
    assert presented_key(b"Bearer s3cr:t") == b"s3cr:t"
    assert presented_key(b"bearer  s3cr:t ") == b"s3cr:t"
    assert presented_key(b"Basic " + basic) == b"s3cr:t"  # the password may itself hold ':'
    assert presented_key(b"Basic !!notbase64") == b""
    assert presented_key(b"Basic " + base64.b64encode(b"no-colon")) == b""
    assert presented_key(b"Digest x") == b"" and presented_key(b"") == b""


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/metrics", "/docs", "/openapi.json", "/docs-assets/x.js"])
def test_probes_and_docs_stay_open(path: str):
    assert _status_and_body(_call(ApiKeyAuth(_ok_app, SecretStr("k3y")), _scope(path)))[0] == 200


def test_without_a_key_everything_passes():
    assert _status_and_body(_call(ApiKeyAuth(_ok_app, None), _scope()))[0] == 200


# ------------------------------------------------------------------------------------------------------ shutdown
def test_request_over_the_grace_period_gets_a_json_503_not_an_exception():
    drain = Drain(grace_s=0.05)

    async def slow_app(scope, receive, send) -> None:
        await asyncio.sleep(10)

    guard = ShutdownGuard(slow_app, drain)
    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    async def go() -> float:
        loop = asyncio.get_running_loop()
        request = asyncio.create_task(guard(_scope(), _never_receive, send))
        await asyncio.sleep(0.01)
        t = loop.time()
        drain.begin()
        await request  # ends normally: no CancelledError reaches the server
        return loop.time() - t

    waited = asyncio.run(go())
    status, body = _status_and_body(sent)
    start = sent[0]
    assert status == 503 and body["error"]["type"] == "not_ready"
    assert (b"retry-after", b"1") in start["headers"]
    assert 0.04 <= waited < 1.0


def test_request_within_the_grace_period_finishes():
    drain = Drain(grace_s=5.0)

    async def app(scope, receive, send) -> None:
        await asyncio.sleep(0.05)
        await _ok_app(scope, receive, send)

    async def go() -> list[dict]:
        sent: list[dict] = []

        async def send(message: dict) -> None:
            sent.append(message)

        request = asyncio.create_task(ShutdownGuard(app, drain)(_scope(), _never_receive, send))
        await asyncio.sleep(0.01)
        drain.begin()
        await request
        return sent

    assert _status_and_body(asyncio.run(go()))[0] == 200


def test_request_arriving_while_draining_gets_503():
    drain = Drain(grace_s=5.0)

    async def go() -> list[dict]:
        drain.begin()
        sent: list[dict] = []

        async def send(message: dict) -> None:
            sent.append(message)

        await ShutdownGuard(_ok_app, drain)(_scope(), _never_receive, send)
        return sent

    assert _status_and_body(asyncio.run(go()))[0] == 503


# ------------------------------------------------------------------------------------------------------ logs
def test_query_values_are_redacted_names_kept():
    assert redact_query("/score?api_key=s3cr3t&x=1") == "/score?api_key=[redacted]&x=[redacted]"
    assert redact_query("/score") == "/score"


def test_access_record_is_redacted_as_uvicorn_formats_it():
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "POST", "/score?api_key=s3cr3t", "1.1", 401),
        None,
    )
    assert RedactQueryString().filter(record)
    assert record.getMessage() == '127.0.0.1:5000 - "POST /score?api_key=[redacted] HTTP/1.1" 401'


# ------------------------------------------------------------------------------------------------------ docs
def test_api_docs_load_nothing_from_outside():
    import re

    from fastapi.testclient import TestClient

    from services.reward_server.app import create_app
    from services.reward_server.settings import ServerSettings

    client = TestClient(create_app(ServerSettings()))  # no lifespan: the docs need no models
    for page in ("/docs", "/redoc"):
        html = client.get(page)
        assert html.status_code == 200 and "text/html" in html.headers["content-type"]
        urls = re.findall(r"""(?:src|href|url)\s*[=:]\s*['"]([^'"]+)['"]""", html.text)
        assert urls and not [u for u in urls if "//" in u], urls  # every asset from this server
        for url in urls:
            asset = client.get(url)
            assert asset.status_code == 200 and len(asset.content) > 0, url
