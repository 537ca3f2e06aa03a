"""dtype ``auto`` on a CPU: bfloat16 only where the CPU has bfloat16 instructions *and* a bfloat16 matmul measures
faster there; the measurement is made once per CPU, torch version and thread count, and cached on disk."""

from __future__ import annotations

import json
import math

import pytest
import torch

from shared import devices


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DRIRL_CACHE_DIR", str(tmp_path))
    devices.bf16_speedup.cache_clear()
    yield tmp_path
    devices.bf16_speedup.cache_clear()


def _probe(float32: float, bfloat16: float, calls: list[int]):
    def probe() -> dict[str, float]:
        calls.append(1)
        return {"float32": float32, "bfloat16": bfloat16}

    return probe


@pytest.mark.parametrize(
    ("float32_s", "bfloat16_s", "expected"),
    [(2.0, 1.0, torch.bfloat16), (1.0, 1.75, torch.float32), (1.0, 1.0, torch.float32)],
)
def test_auto_takes_bfloat16_only_where_it_measures_faster(cache, monkeypatch, float32_s, bfloat16_s, expected):
    monkeypatch.setattr(devices, "cpu_bf16_flags", lambda: True)
    monkeypatch.setattr(devices, "bf16_probe", _probe(float32_s, bfloat16_s, []))
    assert devices.pick_dtype("auto", torch.device("cpu")) == expected
    assert devices.pick_dtype("float32") == torch.float32 and devices.pick_dtype("bfloat16") == torch.bfloat16


def test_without_bfloat16_instructions_auto_is_float32_and_nothing_is_measured(cache, monkeypatch):
    calls: list[int] = []
    monkeypatch.setattr(devices, "cpu_bf16_flags", lambda: False)
    monkeypatch.setattr(devices, "bf16_probe", _probe(9.0, 1.0, calls))
    assert devices.pick_dtype("auto", torch.device("cpu")) == torch.float32
    assert calls == [] and not any(cache.rglob("*.json"))


def test_the_probe_is_cached_per_cpu_torch_and_threads_so_every_process_agrees(cache, monkeypatch):
    calls: list[int] = []
    monkeypatch.setattr(devices, "bf16_probe", _probe(3.0, 1.0, calls))
    assert devices.bf16_speedup() == pytest.approx(3.0)
    [file] = list((cache / "runtime-calibration").glob("*.json"))
    saved = json.loads(file.read_text())
    assert saved["key"] == devices.probe_key() and saved["picked"] == "bfloat16"
    assert saved["key"]["threads"] == torch.get_num_threads()

    devices.bf16_speedup.cache_clear()  # a new process: reads the file, measures nothing
    assert devices.bf16_speedup() == pytest.approx(3.0) and calls == [1]

    # another thread count is another key: measured again. The count is set through get_num_threads, since vLLM,
    # once it has bound its threads in this process (the suite's vLLM tests), makes torch.set_num_threads a no-op
    devices.bf16_speedup.cache_clear()
    other = 2 if torch.get_num_threads() == 1 else 1
    monkeypatch.setattr(torch, "get_num_threads", lambda: other)
    assert devices.bf16_speedup() == pytest.approx(3.0) and calls == [1, 1]
    assert len(list((cache / "runtime-calibration").glob("*.json"))) == 2


def test_the_probe_times_both_dtypes_on_this_cpu():
    seconds = devices.bf16_probe(repeats=1, matmuls=1)
    assert set(seconds) == {"float32", "bfloat16"}
    for s in seconds.values():  # a real matmul of that size: more than a microsecond, well under a second
        assert math.isfinite(s) and 1e-6 < s < 1.0, seconds
