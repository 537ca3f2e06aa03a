"""docker-compose.yml, Dockerfiles and generated docs: valid, safe defaults, up to date."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from services.reward_server import docs
from services.reward_server.settings import ServerSettings

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
    assert services["trainer"]["depends_on"]["reward-server"]["condition"] == "service_healthy"
    gpu = services["trainer-gpu"]
    assert gpu["profiles"] == ["gpu"]
    assert gpu["deploy"]["resources"]["reservations"]["devices"][0]["capabilities"] == ["gpu"]


@pytest.mark.parametrize("dockerfile", ["services/reward_server/Dockerfile", "services/trainer/Dockerfile"])
def test_dockerfiles_are_multi_stage_non_root_and_secret_free(dockerfile: str):
    text = (REPO / dockerfile).read_text()
    assert len(re.findall(r"^FROM ", text, re.M)) >= 2
    assert re.search(r"^USER (?!root)\S+", text, re.M)
    assert not re.search(r"(API_KEY|PASSWORD|TOKEN)\s*=", text), "no secrets baked into images"
    assert "torch==2.13.0" in text or "vllm==" in text


def test_env_example_lists_every_setting():
    text = (REPO / ".env.example").read_text()
    for name in ServerSettings.model_fields:
        assert f"DRIRL_{name.upper()}=" in text, name


def test_generated_docs_are_up_to_date():
    assert docs.main(["--check"]) == 0, "run `python -m services.reward_server.docs`"
