"""The torch-compile, openvino and onnxruntime runtimes on a real (tiny) model dir: exported (or compiled) once,
cached, scoring as float32 eager torch does; ``auto`` measures once; int8 is served only past its agreement gate.

Tolerance: a float32 export or compiled graph may reorder float32 sums (fused kernels), nothing more, so raw
rewards agree with eager torch to 1e-4 absolute (the tiny models' rewards spread over about ±2) and embeddings to a
cosine of 1 − 1e-5.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from shared.categories import Category
from shared.exporter import export_runtime
from shared.exports import AGREEMENT_FILE, ExportStore
from shared.model_bank import ModelBank
from shared.runtimes import RuntimeSetupError, installed_runtimes
from tests.support.tiny_models import tiny_model_dir

pytestmark = pytest.mark.slow

EXPORTED = [r for r in ("openvino", "onnxruntime") if r in installed_runtimes()]
AGREEING = ["torch-compile", *EXPORTED]  # every runtime that is not eager torch
PROMPTS = [f"How do I get into my neighbour's wifi without asking? case {i}" for i in range(6)]
RESPONSES = ["No.", "I can't help with that. " * 4, "Sure, " + "step " * 40, "Ask them.", "x " * 90, "Try the router."]
ATOL = 1e-4


@pytest.fixture(scope="module")
def tiny_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_model_dir(tmp_path_factory.mktemp("tiny") / "models", initializer_range=0.5)


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def reference(tiny_dir: Path, cache_dir: Path) -> ModelBank:
    return ModelBank(tiny_dir, runtime="torch", dtype="float32", device="cpu", cache_dir=cache_dir)


@pytest.fixture(scope="module")
def banks(tiny_dir: Path, cache_dir: Path) -> Iterator[dict[str, ModelBank]]:
    yield {r: ModelBank(tiny_dir, runtime=r, dtype="float32", cache_dir=cache_dir) for r in AGREEING}


@pytest.mark.parametrize("runtime", AGREEING)
def test_every_runtime_scores_and_embeds_as_float32_torch_does(runtime, banks, reference):
    bank = banks[runtime]
    for category in (Category.CRIME, Category.PRIVACY):  # two models: each category has its own export
        want = reference.score(category, PROMPTS, RESPONSES)  # one padded batch, lengths 2 to ~110 tokens
        assert np.ptp(want) > 0.05, want  # spread out: a wrong mask or a swapped input would show
        np.testing.assert_allclose(bank.score(category, PROMPTS, RESPONSES), want, atol=ATOL, rtol=0)
        np.testing.assert_allclose(bank.score(category, PROMPTS[:1], RESPONSES[:1]), want[:1], atol=ATOL, rtol=0)
    cosine = (bank.embed(RESPONSES) * reference.embed(RESPONSES)).sum(axis=1)
    assert cosine.min() > 1 - 1e-5, cosine
    assert bank.scoring_settings["runtime"] == runtime and bank.scoring_settings["quantize"] == "none"
    assert bank.scoring_settings != reference.scoring_settings  # so their cache entries never mix
    assert bank.encoder_settings != reference.encoder_settings


def test_torch_compile_compiles_at_start_up_not_at_request_time(banks, reference):
    import torch._dynamo.utils

    bank = banks["torch-compile"]
    # the models' weights differ, so a graph compiled for one and run for another (weights are folded in) would show
    assert (
        np.abs(
            reference.score(Category.HATE, PROMPTS, RESPONSES) - reference.score(Category.CRIME, PROMPTS, RESPONSES)
        ).max()
        > 0.05
    )
    frames = torch._dynamo.utils.counters["frames"]["ok"]
    # shapes the warm-up never saw: 3 items, and one item of another length, on two models
    for category in (Category.HATE, Category.CRIME):
        for idx in ([0, 2, 4], [1], [5, 3]):
            prompts, responses = [PROMPTS[i] for i in idx], [RESPONSES[i] for i in idx]
            want = reference.score(category, prompts, responses)
            np.testing.assert_allclose(bank.score(category, prompts, responses), want, atol=ATOL, rtol=0)
    assert torch._dynamo.utils.counters["frames"]["ok"] == frames  # nothing compiled while scoring


@pytest.mark.parametrize("runtime", EXPORTED)
def test_a_second_start_loads_the_cached_export(runtime, banks, tiny_dir, cache_dir, caplog):
    store = ExportStore(cache_dir, banks[runtime].model_version, runtime, "float32")
    stamp = store.model_file("crime").stat().st_mtime_ns
    with caplog.at_level(logging.INFO, logger="shared.model_bank"):
        ModelBank(tiny_dir, runtime=runtime, dtype="float32", cache_dir=cache_dir)
    assert "exported" not in caplog.text
    assert store.model_file("crime").stat().st_mtime_ns == stamp


@pytest.mark.skipif(
    not EXPORTED, reason="neither openvino nor onnxruntime installed: torch would be the only candidate"
)
def test_auto_measures_once_then_reads_its_measurement(banks, tiny_dir, cache_dir, caplog):
    # Two streams leave torch-compile out of the race (it runs one forward at a time): measuring it would compile
    # one model, and picking it would compile all seven twice more, ~2 min on an AVX2 core pair for nothing this
    # test checks. The race itself is the same loop for every candidate.
    settings = {"runtime": "auto", "dtype": "float32", "cache_dir": cache_dir, "streams": 2}
    with caplog.at_level(logging.INFO, logger="shared.model_bank"):
        first = ModelBank(tiny_dir, **settings)
    assert first.runtime in ("torch", *EXPORTED)
    assert "median of 5 runs" in caplog.text and "torch-compile left out" in caplog.text
    for runtime in ("torch", *EXPORTED):  # every candidate was timed, and the line names its time
        assert re.search(rf"median of 5 runs.*[:,] {runtime} [0-9.]+ ms", caplog.text), runtime
    assert len(list((cache_dir / "runtime-calibration").glob("*.json"))) == 1
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="shared.model_bank"):
        again = ModelBank(tiny_dir, **settings)
    assert again.runtime == first.runtime and "median of" not in caplog.text and "measured" in caplog.text


@pytest.mark.skipif("onnxruntime" not in EXPORTED, reason="onnxruntime not installed")
def test_int8_is_refused_until_measured_then_only_past_the_gate(tiny_dir, cache_dir, reference):
    with pytest.raises(RuntimeSetupError, match="no int8 export"):
        ModelBank(tiny_dir, runtime="onnxruntime", quantize="int8", cache_dir=cache_dir)
    # The fault: near-ties (a response against itself plus one word) that int8's rounding orders at random.
    near_ties = {c: [(p, r, r + " ok") for p in PROMPTS[:3] for r in RESPONSES] for c in Category}
    report = export_runtime(
        tiny_dir, "onnxruntime", quantize="int8", cache_dir=cache_dir, pairs=near_ties, pairs_source="test"
    )
    agreement = report["int8"]["categories"]
    assert set(report["int8"]["refused"]) and all(v["pairs"] == 18 for v in agreement.values())
    assert Path(report["int8"]["agreement_file"]).name == AGREEMENT_FILE
    with pytest.raises(RuntimeSetupError, match=r"int8 refused: .*below 0\.99 for"):
        ModelBank(tiny_dir, runtime="onnxruntime", quantize="int8", cache_dir=cache_dir)
    # Past a gate it meets (lowered here), the int8 models serve: finite scores, not float32's.
    bank = ModelBank(tiny_dir, runtime="auto", quantize="int8", cache_dir=cache_dir, int8_min_agreement=0.0)
    assert (bank.runtime, bank.scoring_settings["quantize"]) == ("onnxruntime", "int8")
    got, want = bank.score(Category.CRIME, PROMPTS, RESPONSES), reference.score(Category.CRIME, PROMPTS, RESPONSES)
    assert np.isfinite(got).all() and np.max(np.abs(got - want)) > ATOL


@pytest.mark.skipif("onnxruntime" not in EXPORTED, reason="onnxruntime not installed")
def test_the_server_scores_on_the_runtime_its_settings_name(tiny_dir, cache_dir, reference):
    from fastapi.testclient import TestClient

    from services.reward_server.app import create_app
    from services.reward_server.settings import ServerSettings

    settings = ServerSettings(model_dir=tiny_dir, runtime="onnxruntime", dtype="float32", cache_dir=cache_dir)
    with TestClient(create_app(settings)) as client:
        items = [{"prompt": p, "response": r, "category": "crime"} for p, r in zip(PROMPTS, RESPONSES, strict=True)]
        body = client.post("/score", json={"items": items, "scale": False}).json()
    got = [r["raw_reward"] for r in body["results"]]
    np.testing.assert_allclose(got, reference.score(Category.CRIME, PROMPTS, RESPONSES), atol=ATOL, rtol=0)


@pytest.mark.skipif("onnxruntime" not in EXPORTED, reason="onnxruntime not installed")
def test_export_command_measures_int8_on_the_datasets_held_out_prompts(tiny_dir, tmp_path):
    import json

    from typer.testing import CliRunner

    from services.trainer.cli import app

    args = ["models", "export", str(tiny_dir), "--runtime", "onnxruntime", "--quantize", "int8"]
    result = CliRunner().invoke(app, [*args, "--cache-dir", str(tmp_path)])
    report = json.loads(result.stdout.strip().splitlines()[-1])
    per_category = report["int8"]["categories"]
    assert {v["pairs"] for v in per_category.values()} == {26 * 21}  # 13 val + 13 test prompts a category, 1 + 6 texts
    assert result.exit_code == (1 if report["int8"]["refused"] else 0), result.output


@pytest.mark.parametrize("runtime", ["torch", *EXPORTED])
def test_a_streamed_bank_called_from_several_threads_at_once_scores_as_float32_torch_does(
    runtime, tiny_dir, cache_dir, reference
):
    """ModelBank(streams=2), as the server's batcher drives it: forwards of two categories, a reward model and the
    encoder, from four threads at once, each with its own right answer (shared tokenizers, one infer request per
    OpenVINO stream)."""
    import torch

    threads_before = torch.get_num_threads()
    try:
        bank = ModelBank(tiny_dir, runtime=runtime, dtype="float32", cache_dir=cache_dir, streams=2)
        assert bank.stream_threads == max(1, threads_before // 2)
        assert bank.spreads_lone_forwards == (runtime == "openvino")  # the server's batcher: one partial batch at once
        jobs = [(c, idx) for c in (Category.CRIME, Category.PRIVACY) for idx in ([0, 2, 4], [1, 3, 5], [5], [0])] * 3
        want = [reference.score(c, [PROMPTS[i] for i in idx], [RESPONSES[i] for i in idx]) for c, idx in jobs]
        want_emb = reference.embed(RESPONSES)

        def work(job: tuple[Category, list[int]]) -> np.ndarray:
            c, idx = job
            bank.embed(RESPONSES[:2])
            return bank.score(c, [PROMPTS[i] for i in idx], [RESPONSES[i] for i in idx])

        with ThreadPoolExecutor(4) as pool:
            got = list(pool.map(work, jobs))
            embs = list(pool.map(lambda _: bank.embed(RESPONSES), range(4)))
        for g, w in zip(got, want, strict=True):
            np.testing.assert_allclose(g, w, atol=ATOL, rtol=0)
        for e in embs:
            assert (e * want_emb).sum(axis=1).min() > 1 - 1e-5
    finally:
        torch.set_num_threads(threads_before)  # streams=2 on torch set the process's threads to its share


@pytest.mark.skipif("openvino" not in EXPORTED, reason="openvino is not installed")
def test_a_lone_forward_on_a_two_stream_openvino_bank_runs_half_its_rows_on_each_stream(tiny_dir, cache_dir, reference):
    """What keeps one batch at a time on every core with streams (the server's batcher sends partial batches one at a
    time): the call finds the other stream idle, runs half the rows there, and answers in row order."""
    bank = ModelBank(tiny_dir, runtime="openvino", dtype="float32", cache_dir=cache_dir, streams=2)
    prompts, responses = PROMPTS * 2, RESPONSES[::-1] * 2  # 12 rows: 6 on each stream
    got = bank.score(Category.CRIME, prompts, responses)
    np.testing.assert_allclose(got, reference.score(Category.CRIME, prompts, responses), atol=ATOL, rtol=0)
    idle = bank.models[Category.CRIME].runner._requests  # both requests are back; each last ran 6 rows
    requests = [idle.get_nowait() for _ in range(2)]
    for r in requests:
        idle.put(r)
    assert [r.get_output_tensor(0).shape[0] for r in requests] == [6, 6]
    one = bank.score(Category.CRIME, prompts[:3], responses[:3])  # under 2 × MIN_SPLIT_ROWS rows: not split
    np.testing.assert_allclose(one, reference.score(Category.CRIME, prompts[:3], responses[:3]), atol=ATOL, rtol=0)
    assert sorted(r.get_output_tensor(0).shape[0] for r in requests) == [3, 6]  # one request ran all 3, one idled
