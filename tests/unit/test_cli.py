"""The drirl CLI: every command answers --help truthfully, and bad options fail with a message, not a traceback."""

from __future__ import annotations

import json

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
    ["train", "sft", "--help"],
    ["eval", "--help"],
    ["demo", "--help"],
    ["experiment", "ablation", "--help"],
    ["data", "stats", "--help"],
    ["data", "validate", "--help"],
    ["judge", "audit", "--help"],
    ["judge", "tune", "--help"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_help(args: list[str]):
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


@pytest.mark.parametrize(
    ("command", "model"),
    [
        (["train", "grpo"], "services.trainer.config:GRPOSConfig"),
        (["train", "sft"], "services.trainer.sft:SFTConfig"),
        (["irl", "train"], "services.trainer.irl.config:IRLConfig"),
        (["demo"], "services.trainer.demo:DemoConfig"),
    ],
    ids=lambda x: " ".join(x) if isinstance(x, list) else x.rsplit(":", 1)[-1],
)
def test_print_config_is_yaml_with_every_setting_that_config_loads_back(command, model, tmp_path):
    import importlib

    import yaml

    module, name = model.split(":")
    cls = getattr(importlib.import_module(module), name)
    printed = runner.invoke(app, [*command, "--print-config"])
    assert printed.exit_code == 0, printed.output
    loaded = yaml.safe_load(printed.stdout)
    assert list(loaded) == [n for n, f in cls.model_fields.items() if not f.exclude]  # secrets: comments only
    for field in cls.model_fields.values():
        assert (field.description or "")[:30] in printed.stdout  # each setting's help, as a comment
    assert cls.model_validate(loaded) == cls()
    path = tmp_path / "settings.yaml"
    path.write_text(printed.stdout)
    again = runner.invoke(app, [*command, "-c", str(path), "--print-config"])
    assert again.exit_code == 0 and again.stdout == printed.stdout


def test_print_config_shows_the_settings_after_file_set_and_options(tmp_path):
    import yaml

    path = tmp_path / "grpo.yaml"
    path.write_text("max_steps: 7\nseed: 3\n")
    args = ["train", "grpo", "-c", str(path), "--set", "seed=5", "--scaling", "data", "--print-config"]
    result = runner.invoke(app, args)
    loaded = yaml.safe_load(result.stdout)
    assert (loaded["max_steps"], loaded["seed"], loaded["scaling"]) == (7, 5, "data")


@pytest.mark.parametrize(
    ("args", "values"),
    [
        (["train", "grpo", "--help"], ["none|data|model|both", "grpo|dr_grpo", "auto|vllm|hf"]),
        (["demo", "--help"], ["auto|vllm|hf"]),
        (["experiment", "ablation", "--help"], ["auto|vllm|hf", "none, data, model, both, both-sum, shared-rm"]),
        (["data", "balance", "--help"], ["down|up"]),
    ],
)
def test_help_lists_the_allowed_values_of_enum_options(args: list[str], values: list[str]):
    result = runner.invoke(app, args, env={"COLUMNS": "240"})
    text = " ".join(result.output.replace("│", " ").split())
    for v in values:
        assert v in text, (v, result.output)


@pytest.mark.parametrize(
    "command",
    [["train", "grpo"], ["train", "sft"], ["irl", "train"], ["irl", "eval"], ["demo"], ["experiment", "ablation"]],
    ids=" ".join,
)
def test_every_command_with_settings_takes_config_and_set(command: list[str]):
    text = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "240"}).output
    assert "--config" in text and "-c" in text and "--set" in text


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
        (["irl", "train", "--out", "x", "--set", "freeze_layers=6"], "freeze_layers must be between 1 and 5"),
        (["irl", "train", "--set", "no_such=1"], "unknown setting 'no_such'; see `drirl irl train --print-config`"),
        (["irl", "eval", "--model-dir", "x", "--set", "no_such=1"], "unknown setting 'no_such'"),
        (["train", "grpo", "--scaling", "magic"], "'magic' is not one of"),
        (["train", "sft", "--set", "epochs=0"], "epochs"),
        (["demo", "--set", "no_such=1"], "unknown setting 'no_such'"),
        (["experiment", "ablation", "--model-dir", "x", "-c", "does/not/exist.yaml"], "not found"),
        (["models", "verify", "does/not/exist"], "no manifest.json"),
        (["experiment", "ablation", "--model-dir", "x", "--arms", "none,magic"], "unknown arms"),
        (["experiment", "ablation", "--model-dir", "x", "--arms", "both,shared-rm"], "needs --shared-model-dir"),
        (["experiment", "ablation", "--model-dir", "x", "--seeds", "0,one"], "--seeds must be comma-separated"),
        (["eval", "--suite", "everything"], "--suite must be"),
        (["judge", "tune", "--file", "does/not/exist.jsonl"], "not found"),
    ],
)
def test_bad_input_is_a_clear_cli_error(args: list[str], message: str):
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("error", "code"),
    [
        ("SetupError", 2),
        ("RewardServerError", 3),
        ("TrainingStopped", 3),
    ],
)
def test_a_grpo_fault_ends_the_command_with_its_exit_code(
    monkeypatch: pytest.MonkeyPatch, error: str, code: int
) -> None:
    """run_grpo raises domain errors (it never exits); the CLI prints each and picks the exit code."""
    from services.trainer.grpo import errors, run

    def fails(cfg, **kw):
        kw["progress"](0, cfg.max_steps, {})  # the bar starts, then the run fails
        raise getattr(errors, error)(f"{error} happened")

    monkeypatch.setattr(run, "run_grpo", fails)
    result = runner.invoke(app, ["train", "grpo", "--server", "http://127.0.0.1:9"])
    assert result.exit_code == code, result.output
    assert f"error: {error} happened" in result.output and "Traceback" not in result.output


def test_train_grpo_reports_progress_and_prints_the_summary_as_json(monkeypatch: pytest.MonkeyPatch) -> None:
    from services.trainer.grpo import run

    def trains(cfg, **kw):
        kw["progress"](0, cfg.max_steps, {})
        metrics = {"reward/raw_mean": 0.25, "weight/mean": 1.0, "kl": 0.001, "time/step": 2.0}
        kw["progress"](1, cfg.max_steps, {**metrics, "eval/harmful_compliance": 0.5})
        return {"run_dir": str(cfg.run_dir), "steps": 1, "final_policy": "p", "curves": None, "last": metrics}

    monkeypatch.setattr(run, "run_grpo", trains)
    result = runner.invoke(app, ["train", "grpo", "--server", "http://127.0.0.1:9", "--max-steps", "1", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["steps"] == 1
    assert "reward +0.250" in result.stderr  # the bar, on stderr
