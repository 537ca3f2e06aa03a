"""The drirl CLI: every command answers --help truthfully, and bad options fail with a message, not a traceback."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from services.trainer.cli import app

runner = CliRunner()

COMMANDS = [
    ["--help"],
    ["models", "init", "--help"],
    ["models", "verify", "--help"],
    ["irl", "train", "--help"],
    ["irl", "eval", "--help"],
    ["train", "grpo", "--help"],
    ["eval", "--help"],
    ["demo", "--help"],
    ["experiment", "ablation", "--help"],
    ["data", "stats", "--help"],
    ["data", "validate", "--help"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_help(args: list[str]):
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_print_config_lists_every_setting_with_its_help():
    from services.trainer.config import GRPOSConfig

    result = runner.invoke(app, ["train", "grpo", "--print-config"])
    assert result.exit_code == 0
    for name, field in GRPOSConfig.model_fields.items():
        assert f"{name} = " in result.output
        assert (field.description or "")[:30] in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["train", "grpo", "--set", "no_such_key=1"], "unknown setting 'no_such_key'"),
        (["train", "grpo", "--set", "num_generations=1"], "num_generations"),
        (
            ["train", "grpo", "--set", "weight_sync=lora", "--set", "use_lora=false"],
            "weight_sync='lora' needs use_lora",
        ),
        (["train", "grpo", "--config", "does/not/exist.yaml"], "not found"),
        (["train", "grpo", "--model-dir", "does/not/exist"], "no manifest.json"),
        (["irl", "train", "--out", "x", "--set", "epochs=0"], "epochs"),
        (["models", "verify", "does/not/exist"], "no manifest.json"),
        (["experiment", "ablation", "--model-dir", "x", "--arms", "none,magic"], "unknown arms"),
        (["eval", "--suite", "everything"], "--suite must be"),
    ],
)
def test_bad_input_is_a_clear_cli_error(args: list[str], message: str):
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
