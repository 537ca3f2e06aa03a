"""The trainer's reward-server key is a secret (issue #17): from DRIRL_API_KEY, never in repr, dumps or --set."""

from __future__ import annotations

import pytest
import yaml
from pydantic import SecretStr
from typer.testing import CliRunner

from services.trainer.cli import app
from services.trainer.config import ConfigError, GRPOSConfig, parse_overrides

SECRET = "sk-drirl-do-not-leak-0123"


def test_key_defaults_to_the_environment(monkeypatch):
    monkeypatch.setenv("DRIRL_API_KEY", SECRET)
    cfg = GRPOSConfig()
    assert isinstance(cfg.api_key, SecretStr) and cfg.api_key.get_secret_value() == SECRET


def test_no_key_without_the_variable(monkeypatch):
    monkeypatch.delenv("DRIRL_API_KEY", raising=False)
    assert GRPOSConfig().api_key is None


def test_key_never_in_repr_or_in_what_a_run_writes(monkeypatch):
    monkeypatch.delenv("DRIRL_API_KEY", raising=False)
    cfg = GRPOSConfig(api_key=SECRET)
    assert SECRET not in repr(cfg) and SECRET not in str(cfg)
    # what GRPOSTrainer.train writes to <run_dir>/config.yaml
    dumped = yaml.safe_dump(cfg.model_dump(mode="json"), sort_keys=False)
    assert SECRET not in dumped and "api_key" not in dumped
    assert SECRET not in cfg.model_dump_json()


def test_key_on_the_command_line_is_refused_with_the_fix():
    with pytest.raises(ConfigError, match="export DRIRL_API_KEY") as e:
        parse_overrides([f"api_key={SECRET}"])
    assert SECRET not in str(e.value)


def test_print_config_names_the_key_but_never_prints_it(monkeypatch, tmp_path):
    monkeypatch.setenv("DRIRL_API_KEY", SECRET)
    result = CliRunner().invoke(app, ["train", "grpo", "--print-config"])
    assert result.exit_code == 0 and "# api_key: <secret, set; never printed>" in result.stdout
    assert SECRET not in result.output and "**" not in result.stdout
    # what --print-config prints, -c loads back without a value for the key, so the environment's still applies
    assert "api_key" not in yaml.safe_load(result.stdout)
    path = tmp_path / "grpo.yaml"
    path.write_text(result.stdout)
    again = CliRunner().invoke(app, ["train", "grpo", "-c", str(path), "--print-config"])
    assert again.exit_code == 0 and again.stdout == result.stdout


def test_print_config_of_every_command_never_carries_the_key(monkeypatch):
    monkeypatch.setenv("DRIRL_API_KEY", SECRET)
    for command in (["train", "grpo"], ["train", "sft"], ["irl", "train"], ["demo"]):
        result = CliRunner().invoke(app, [*command, "--print-config"])
        assert result.exit_code == 0 and SECRET not in result.output, command
