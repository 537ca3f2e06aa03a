"""The GPU check's CPU side (issue #22): the no-CUDA exit, the plan, the report, the part runner, the payload parts."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import pytest

from bench import gpu_check, gpu_pack
from bench.gpu_check import Context, Part, Report, StepResult

REPO = Path(__file__).resolve().parents[2]


def _script_env(tmp_path: Path) -> dict[str, str]:
    """The script under this interpreter, with a PATH that has no nvidia-smi on it."""
    bare = tmp_path / "bin"
    bare.mkdir()
    return {**os.environ, "PYTHON": sys.executable, "PATH": f"{bare}:/usr/bin:/bin", "OUT": str(tmp_path / "out")}


@pytest.mark.skipif(shutil.which("nvidia-smi", path="/usr/bin:/bin") is not None, reason="this machine has a GPU")
def test_run_without_cuda_exits_2_at_once_with_one_line_and_a_json(tmp_path: Path):
    t0 = time.monotonic()
    r = subprocess.run(["bash", "bench/gpu_check.sh", "run"], cwd=REPO, env=_script_env(tmp_path), capture_output=True)
    assert time.monotonic() - t0 < 10
    assert r.returncode == 2
    lines = r.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "no CUDA device here (nvidia-smi not found)" in lines[0] and "plan" in lines[0]
    report = json.loads((tmp_path / "out" / "gpu_check.json").read_text())
    assert (report["status"], report["error"], report["parts"]) == ("no_cuda", "nvidia-smi not found", {})


def test_probe_names_what_is_missing():
    with pytest.raises(gpu_check.NoCuda, match="no-such-smi not found"):
        gpu_check.probe_cuda("no-such-smi")


def _ctx(tmp_path: Path, **kw) -> Context:
    return Context(out=tmp_path / "out", work=tmp_path / "work", python=sys.executable, **kw)


def test_plan_gives_one_call_per_part_the_last_one_runs(tmp_path: Path):
    for name in ("part-00-of-03-0123456789abcdef", "part-01-of-03-0123456789abcdef", "part-02-of-03-fedcba9876543210"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "stage").mkdir()  # not a part: ignored
    text = gpu_check.plan_text(_ctx(tmp_path, has_vllm=True), 540, pack_dir=tmp_path)
    calls = [x.strip() for x in text.splitlines() if x.strip().startswith("run(")]
    assert calls == [
        'run(command="bash bench/gpu_check.sh stage", carry=[".gpu/part-00-of-03-0123456789abcdef"], timeout_s=120)',
        'run(command="bash bench/gpu_check.sh stage", carry=[".gpu/part-01-of-03-0123456789abcdef"], timeout_s=120)',
        'run(command="bash bench/gpu_check.sh run --only a,b --deadline-s 360", '
        'carry=[".gpu/part-02-of-03-fedcba9876543210"], timeout_s=400)',
        'run(command="bash bench/gpu_check.sh run --only c,d --deadline-s 330", timeout_s=370)',
    ]
    for key in ("setup", "a_tests", "b_grpo", "c_server", "d_trl"):
        assert f"  {key} " in text
    assert "--also-clients 256" in text and "-m 'gpu or vllm'" in text and "weight_sync=reload" in text


def test_each_run_call_fits_every_part_of_it_and_the_device_limit():
    budgets = {p.key.split("_")[0]: p.budget_s for p in gpu_check.PARTS}
    covered = []
    for i, (only, deadline_s) in enumerate(gpu_check.RUN_CALLS):
        # the first call's setup does the installing; a later one on the same machine finds it done
        setup_s = gpu_check.SETUP_BUDGET_S if i == 0 else gpu_check.SETUP_WARM_S
        assert setup_s + sum(budgets[k] for k in only.split(",")) <= deadline_s
        assert deadline_s + 40 <= 600  # one device command runs at most 10 minutes
        covered += only.split(",")
    assert sorted(covered) == sorted(budgets)


def test_the_last_call_reports_the_parts_the_earlier_call_measured(tmp_path: Path):
    earlier = Report(tmp_path / "earlier.json", git="abc1234")
    earlier.part("setup", "ok", seconds=70)
    earlier.part("a_tests", "ok", seconds=50, figures={"counts": {"passed": 6}})
    earlier.part("b_grpo", "failed", error="exit 1: RuntimeError: x")
    now = Report(tmp_path / "now.json", git="abc1234")
    gpu_check.keep_earlier_parts(now, tmp_path / "earlier.json", running={"c_server", "d_trl"})
    parts = json.loads((tmp_path / "now.json").read_text())["parts"]
    assert sorted(parts) == ["a_tests", "b_grpo"]  # not setup: this call has its own
    assert parts["a_tests"] == {
        "status": "ok",
        "seconds": 50,
        "figures": {"counts": {"passed": 6}},
        "earlier_call": True,
    }
    other = Report(tmp_path / "other.json", git="def5678")  # another commit: nothing carried over
    gpu_check.keep_earlier_parts(other, tmp_path / "earlier.json", running=set())
    assert json.loads((tmp_path / "other.json").read_text())["parts"] == {}


def test_plan_without_parts_says_to_pack_first(tmp_path: Path):
    text = gpu_check.plan_text(_ctx(tmp_path), 540, pack_dir=tmp_path / "none")
    assert "no .gpu/part-* here yet: run step 1 first" in text and "run(" not in text


def test_dry_run_prints_the_commands_and_runs_nothing(tmp_path: Path):
    env = _script_env(tmp_path)
    r = subprocess.run(["bash", "bench/gpu_check.sh", "run", "--dry-run"], cwd=REPO, env=env, capture_output=True)
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    assert "tests/integration/test_cuda.py" in out and "tests/integration/test_vllm_sync.py" in out
    assert "bench/bench_rollout.py" in out and "--engines hf,vllm_reload_compiled" in out
    assert not (tmp_path / "out").exists()


def test_marked_test_files_are_the_gpu_and_vllm_ones():
    files = gpu_check.marked_test_files()
    assert "tests/integration/test_cuda.py" in files and "tests/integration/test_vllm_sync.py" in files
    assert "tests/integration/test_grpo.py" not in files and "tests/unit/test_gpu_check.py" not in files


def test_report_is_valid_json_after_every_change(tmp_path: Path):
    path = tmp_path / "r" / "gpu_check.json"
    report = Report(path, git="abc1234", device={"gpu": "NVIDIA H200"})
    first = json.loads(path.read_text())
    assert first["schema"] == "drirl-gpu-check/1" and first["status"] == "running" and first["parts"] == {}
    report.part("a_tests", "running", limit_s=100)
    assert json.loads(path.read_text())["parts"]["a_tests"] == {"status": "running", "limit_s": 100}
    report.part("a_tests", "ok", seconds=12.5, figures={"counts": {"passed": 4}})
    report.finish("ok")
    data = json.loads(path.read_text())
    assert data["parts"]["a_tests"] == {
        "status": "ok",
        "limit_s": 100,
        "seconds": 12.5,
        "figures": {"counts": {"passed": 4}},
    }
    assert data["status"] == "ok" and data["finished_utc"] and data["device"] == {"gpu": "NVIDIA H200"}
    with pytest.raises(ValueError, match="unknown part status 'done'"):
        report.part("a_tests", "done")


def _py(code: str):
    return lambda ctx: [ctx.python, "-c", code]


def _tail(_: Context, result: StepResult) -> dict:
    return {"last": result.tail.strip().splitlines()[-1] if result.tail.strip() else None}


def test_parts_get_ok_failed_killed_and_skipped_statuses(tmp_path: Path):
    parts = (
        Part("p_ok", "prints", 30, _py("print('figure 42')"), _tail),
        Part("p_fail", "raises", 30, _py("raise ValueError('boom on device')"), _tail),
        Part("p_slow", "sleeps", 1, _py("import time; print('started', flush=True); time.sleep(60)"), _tail),
        Part("p_vllm", "needs vllm", 30, _py("print(1)"), _tail, needs_vllm=True),
        Part("p_late", "after the deadline", 30, _py("print(1)"), _tail),
    )
    ctx = _ctx(tmp_path)
    report = Report(ctx.out / "gpu_check.json")
    t0 = time.monotonic()
    gpu_check.run_parts(parts[:4], ctx, report, deadline=t0 + 60)
    gpu_check.run_parts(parts[4:], ctx, report, deadline=time.monotonic() + 5)
    assert time.monotonic() - t0 < 30  # the sleeper was killed at its 1 s limit
    got = json.loads((ctx.out / "gpu_check.json").read_text())["parts"]
    assert got["p_ok"]["status"] == "ok" and got["p_ok"]["figures"] == {"last": "figure 42"}
    assert got["p_fail"]["status"] == "failed"
    assert got["p_fail"]["error"] == "exit 1: ValueError: boom on device"
    assert got["p_slow"]["status"] == "failed" and got["p_slow"]["error"] == "killed at its time limit: started"
    assert got["p_vllm"] == {
        "status": "skipped",
        "title": "needs vllm",
        "reason": "vllm is not importable on this machine",
    }
    assert got["p_late"]["status"] == "skipped" and got["p_late"]["reason"].startswith("out of time (")
    log = ctx.log.read_text()
    assert "figure 42" in log and "boom on device" in log and "(limit 1 s)" in log


def test_pytest_figures_read_the_summary():
    tail = (
        "SKIPPED [2] tests/integration/test_cuda.py:30: needs a CUDA device\n"
        "FAILED tests/integration/test_vllm_sync.py::test_x[reload] - AssertionError\n"
        "1 failed, 3 passed, 2 skipped in 41.20s\n"
    )
    figures = gpu_check.pytest_figures(None, StepResult(1, 41.2, tail))  # type: ignore[arg-type]
    assert figures["counts"] == {"failed": 1, "passed": 3, "skipped": 2}
    assert figures["skipped"] == ["tests/integration/test_cuda.py:30: needs a CUDA device"]
    assert figures["failed"] == ["tests/integration/test_vllm_sync.py::test_x[reload] - AssertionError"]


def test_parts_travel_staged_one_by_one_and_unpack_to_the_payload(tmp_path: Path):
    src = tmp_path / "src" / "payload"
    (src / "wheels").mkdir(parents=True)
    (src / "wheels" / "a-1.0-py3-none-any.whl").write_bytes(os.urandom(3000))
    (src / "manifest.json").write_text('{"profile": "core"}')
    archive = tmp_path / "payload.tar"
    with tarfile.open(archive, "w") as tar:
        tar.add(src, arcname="payload")
    packed = tmp_path / "packed"
    packed.mkdir()
    parts = gpu_pack.split(archive, packed, part_bytes=archive.stat().st_size // 3 + 1)
    assert len(parts) == 3 and all(gpu_check.PART_RE.match(p.name) for p in parts)

    stage = tmp_path / "stage"
    carried = tmp_path / "carried"  # what one call brings: one part
    for i, part in enumerate(parts):
        shutil.rmtree(carried, ignore_errors=True)
        carried.mkdir()
        shutil.copy(part, carried / part.name)
        have, count = gpu_check.stage_parts(carried, stage)
        assert (have, count) == (list(range(i + 1)), 3)
    payload = gpu_check.unpack(stage)
    assert (payload / "wheels" / "a-1.0-py3-none-any.whl").read_bytes() == (
        src / "wheels" / "a-1.0-py3-none-any.whl"
    ).read_bytes()
    assert gpu_check.unpack(stage) == payload  # once: a rerun on the warm machine reuses it

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / parts[0].name).write_bytes(b"not what the digest says")
    with pytest.raises(ValueError, match="does not match the digest in its name"):
        gpu_check.stage_parts(broken, tmp_path / "stage2")


def test_the_lock_carries_nothing_the_device_has_unless_forced():
    on_device = gpu_pack.device_packages()
    assert {"torch", "transformers", "numpy", "triton"} <= on_device and "pydantic" not in on_device
    for profile in ("core", "full"):
        pins = gpu_pack.read_lock(profile)
        names = {gpu_pack.normalise(p.split("==")[0]) for p in pins}
        assert all("==" in p for p in pins), pins
        assert not (names & on_device) - gpu_pack.FORCE_CARRY, profile
        assert {"pydantic", "fastapi", "trl", "gguf", "redis"} <= names
    assert "vllm" in {gpu_pack.normalise(p.split("==")[0]) for p in gpu_pack.read_lock("full")}
    assert not set(gpu_pack.EXCLUDE) & {gpu_pack.normalise(p.split("==")[0]) for p in gpu_pack.read_lock("full")}


def test_slim_vllm_drops_the_listed_kernels_and_keeps_the_rest(tmp_path: Path):
    wheel = tmp_path / "vllm-0.0.0-cp38-abi3-manylinux_2_28_x86_64.whl"
    keep = ["vllm/__init__.py", "vllm/_C_stable_libtorch.abi3.so", "vllm/vllm_flash_attn/_vllm_fa3_C.abi3.so"]
    drop = ["vllm/vllm_flash_attn/_vllm_fa2_C.abi3.so", "vllm/third_party/deep_gemm/x.hpp", "vllm/vllm-rs"]
    with zipfile.ZipFile(wheel, "w") as z:
        for name in keep + drop:
            z.writestr(name, name)
    (tmp_path / "out").mkdir()
    slim = gpu_pack.slim_vllm(wheel, tmp_path / "out")
    with zipfile.ZipFile(slim) as z:
        assert sorted(z.namelist()) == sorted(keep)
        assert z.read("vllm/__init__.py") == b"vllm/__init__.py"
