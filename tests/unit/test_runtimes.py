"""Runtime selection without models: names, what each runtime supports, the int8 gate's verdict, the agreement."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from pydantic import ValidationError
from typer.testing import CliRunner

from services.reward_server.settings import ServerSettings
from services.trainer.cli import app
from shared.exports import ExportStore, check_int8_gate, int8_verdict
from shared.model_bank import ModelBank, check_runtime_settings
from shared.runtimes import RuntimeSetupError, check_runtime_supports, ranking_agreement

CPU = torch.device("cpu")


def test_ranking_agreement_counts_pairs_ordered_alike():
    ref_a, ref_b = np.array([1.0, 2.0, 0.0, 5.0]), np.array([0.0, 3.0, 1.0, 5.0])  # orders: >, <, <, tie
    a, b = np.array([0.9, 2.0, 0.2, 4.0]), np.array([0.1, 2.5, 0.1, 4.0])  # orders: >, <, >, tie
    assert ranking_agreement(ref_a, ref_b, a, b) == 0.75  # the third pair flipped
    assert ranking_agreement(ref_a, ref_b, ref_a + 7, ref_b + 7) == 1.0  # a shift changes no order
    with pytest.raises(ValueError, match="non-empty"):
        ranking_agreement(np.array([]), np.array([]), np.array([]), np.array([]))


def test_int8_verdict_names_each_category_below_the_gate_or_unmeasured():
    stored = {"categories": {"crime": {"agreement": 0.995}, "hate": {"agreement": 0.97}}}
    assert int8_verdict(stored, ["crime", "hate", "privacy"], 0.99) == ["hate", "privacy"]
    assert int8_verdict(stored, ["crime"], 0.99) == []
    assert int8_verdict(None, ["crime"], 0.99) == ["crime"]


def test_int8_gate_without_an_export_says_which_command_makes_one(tmp_path: Path):
    store = ExportStore(tmp_path, "abc123", "onnxruntime", "int8")
    with pytest.raises(RuntimeSetupError, match="drirl models export MODEL_DIR --runtime onnxruntime --quantize int8"):
        check_int8_gate(store, ["crime"])


def test_a_bad_runtime_name_is_refused_before_anything_loads(tmp_path: Path):
    choices = r"unknown runtime 'tensorrt': choose one of auto, torch, torch-compile, openvino"
    with pytest.raises(RuntimeSetupError, match=choices):
        ModelBank(tmp_path / "no-such-dir", runtime="tensorrt")
    with pytest.raises(ValidationError, match="runtime"):
        ServerSettings(runtime="tensorrt")
    with pytest.raises(ValidationError, match="quantize"):
        ServerSettings(quantize="int4")


@pytest.mark.parametrize(
    ("runtime", "dtype", "device", "quantize", "message"),
    [
        ("onnxruntime", torch.bfloat16, CPU, "none", "float32 only"),
        ("openvino", torch.float32, torch.device("cuda"), "none", "runs on the CPU"),
        ("torch", torch.float32, CPU, "int8", "int8 is served by onnxruntime only"),
        ("openvino", torch.float32, CPU, "int8", "int8 is served by onnxruntime only"),
        ("onnxruntime", torch.float32, CPU, "int4", "unknown quantize 'int4'"),
    ],
)
def test_runtime_refuses_what_it_cannot_run(runtime, dtype, device, quantize, message):
    with pytest.raises(RuntimeSetupError, match=message):
        check_runtime_supports(runtime, dtype=dtype, device=device, quantize=quantize)


def test_supported_settings_pass():
    check_runtime_supports("onnxruntime", dtype=torch.float32, device=CPU, quantize="int8")
    check_runtime_supports("openvino", dtype=torch.bfloat16, device=CPU, quantize="none")
    check_runtime_supports("torch", dtype=torch.bfloat16, device=torch.device("cuda"), quantize="none")
    for runtime in ("torch", "openvino", "onnxruntime"):
        check_runtime_supports(runtime, dtype=torch.float32, device=CPU, quantize="none", streams=2)


def test_forward_streams_are_refused_where_they_cannot_run(model_dir_stub: Path, tmp_path: Path):
    with pytest.raises(RuntimeSetupError, match=r"torch-compile runs one forward at a time .*DRIRL_FORWARD_STREAMS=1"):
        check_runtime_supports("torch-compile", dtype=torch.float32, device=CPU, quantize="none", streams=2)
    with pytest.raises(RuntimeSetupError, match=r"forward streams must be at least 1 \(got 0\)"):
        ModelBank(tmp_path / "no-such-dir", streams=0)  # before anything loads
    with pytest.raises(RuntimeSetupError, match="torch-compile runs one forward at a time"):
        check_runtime_settings(model_dir_stub, runtime="torch-compile", quantize="none", streams=2)
    with pytest.raises(ValidationError, match="forward_streams"):
        ServerSettings(forward_streams=0)


def test_server_preflight_refuses_int8_nobody_measured(model_dir_stub: Path, tmp_path: Path):
    with pytest.raises(RuntimeSetupError, match="no int8 export"):
        check_runtime_settings(model_dir_stub, runtime="auto", quantize="int8", cache_dir=tmp_path)
    check_runtime_settings(model_dir_stub, runtime="auto", quantize="none", cache_dir=tmp_path)  # auto measures


@pytest.fixture
def model_dir_stub(tmp_path: Path) -> Path:
    """Only a manifest (the preflight reads its version, never the weights)."""
    import datetime as dt

    from shared.categories import Category
    from shared.manifest import CategoryEntry, EncoderEntry, Manifest, write_manifest

    entry = CategoryEntry(
        subfolder="m", backbone="b", sha256="0", trained=False, prompt_centroid=[1.0], mean_reference_reward=0.0
    )
    manifest = Manifest(
        created_at=dt.datetime.now(dt.UTC).isoformat(),
        categories=dict.fromkeys(Category, entry),
        encoder=EncoderEntry(source="e", sha256="0", dim=1),
    )
    out = tmp_path / "models"
    out.mkdir()
    write_manifest(out, manifest)
    return out


def test_export_cli_help_and_bad_runtime():
    runner = CliRunner()
    result = runner.invoke(app, ["models", "export", "--help"])
    assert result.exit_code == 0 and "--quantize" in result.output and "--cache-dir" in result.output
    result = runner.invoke(app, ["models", "export", "var/models/x", "--runtime", "tensorrt"])
    assert result.exit_code == 2 and "tensorrt" in result.output


@pytest.mark.parametrize("runtime", ["torch", "torch-compile"])
def test_export_refuses_the_runtimes_that_run_the_weights_as_they_are(runtime, tmp_path: Path):
    from shared.exporter import export_runtime

    with pytest.raises(RuntimeSetupError, match=rf"runtime {runtime} runs the safetensors weights .*nothing to export"):
        export_runtime(tmp_path / "no-such-dir", runtime)
