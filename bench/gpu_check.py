"""The GPU check (issue #22): the CUDA paths no CPU run reaches, measured in one bounded run on a GPU machine.

Parts, each under its own time limit, the whole run inside ``--deadline-s`` (default 540 s, one device call):

  setup     unpack the carried payload (wheels + models, built here by bench/gpu_pack.py), install the wheels into
            a private folder, convert the policy GGUF, build a model dir with fresh heads
  a_tests   pytest on every test file marked ``gpu`` or ``vllm``, on CUDA
  b_grpo    GRPO-S with CUDA vLLM rollouts and full (merged) weight sync, a few steps; ``sync/logprob_diff`` per step
  c_server  bench/bench_server.py on CUDA: ours vs vLLM's pooling server, same model, 32 and 256 clients
  d_trl     bench/bench_rollout.py: one GRPO-S step vs TRL's GRPOTrainer step, same config

It writes ``$OUT/gpu_check.json`` (each part: ok / failed with the error / skipped with why, its seconds, its figures)
after every part, so a run cut short still returns what it measured, and ``$OUT/gpu_check.log`` (all output).
Standard library only until setup has installed the rest: the device's python3 has torch and little else.

    bench/gpu_check.sh plan          # what to build here, the device calls to make, what each part runs
    bench/gpu_check.sh run --dry-run # the parts and their commands, without running them
    bench/gpu_check.sh stage         # on the device: keep the carried payload part(s) for the next call
    bench/gpu_check.sh run           # on the device: everything above; exits 2 at once where there is no CUDA
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
PACK_DIR = REPO / ".gpu"
STAGE = Path(os.environ.get("DRIRL_GPU_STAGE", "/tmp/drirl-gpu"))
SCHEMA = "drirl-gpu-check/1"
DEADLINE_S = 540  # one device call may run 600 s; the rest is the margin for writing results and teardown
PART_RE = re.compile(r"^part-(\d{2})-of-(\d{2})-([0-9a-f]{16})$")
#: What the parts import that the image lacks; setup checks them after installing the payload.
NEEDED_MODULES = ("fastapi", "pydantic", "pydantic_settings", "uvicorn", "redis", "gguf", "trl", "datasets", "peft")


class NoCuda(RuntimeError):
    """This machine has no usable CUDA device."""


# ------------------------------------------------------------------------------------------------ the report
class Report:
    """The one JSON of the run, rewritten (atomically) after every change, so a killed run still leaves it whole."""

    def __init__(self, path: Path, **meta: Any) -> None:
        self.path = path
        self.data: dict[str, Any] = {
            "schema": SCHEMA,
            "status": "running",
            "started_utc": _now(),
            "finished_utc": None,
            **meta,
            "parts": {},
        }
        self.write()

    def part(self, key: str, status: str, **fields: Any) -> None:
        """Set a part's status: running, ok, failed (with ``error``) or skipped (with ``reason``)."""
        if status not in ("running", "ok", "failed", "skipped"):
            raise ValueError(f"unknown part status {status!r}")
        entry = self.data["parts"].setdefault(key, {})
        entry.update(status=status, **fields)
        self.write()

    def finish(self, status: str, **fields: Any) -> None:
        self.data.update(status=status, finished_utc=_now(), **fields)
        self.write()

    def write(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.data, indent=1, default=str) + "\n")
        tmp.replace(self.path)


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# ------------------------------------------------------------------------------------------------ processes
@dataclass
class StepResult:
    returncode: int | None  # None: killed at its time limit
    seconds: float
    tail: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def run_step(cmd: list[str], *, timeout_s: float, env: dict[str, str], log: Path, cwd: Path = REPO) -> StepResult:
    """Run ``cmd`` in its own process group, output appended to ``log``; the whole group is killed at the limit."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("a") as f:
        f.write(f"\n$ {' '.join(cmd)}   (limit {timeout_s:.0f} s)\n")
        f.flush()
        start_at = f.tell()
        t0 = time.monotonic()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=f, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            code: int | None = proc.wait(timeout=max(timeout_s, 1))
        except subprocess.TimeoutExpired:
            code = None
            _kill_group(proc)
        seconds = time.monotonic() - t0
    with log.open("rb") as f:
        f.seek(start_at)
        tail = f.read().decode(errors="replace")[-4000:]
    return StepResult(code, seconds, tail)


def _kill_group(proc: subprocess.Popen) -> None:
    for sig, wait_s in ((signal.SIGTERM, 10), (signal.SIGKILL, 30)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait_s)
            return
        except subprocess.TimeoutExpired:
            continue


def last_line(text: str) -> str:
    """The most telling line of a failure: the last exception line, else the last non-empty one."""
    lines = [x.strip() for x in text.splitlines() if x.strip()]
    for line in reversed(lines):
        if re.match(r"^(\w+\.)*\w*(Error|Exception|Stopped|Interrupt)\b", line) or line.startswith("E "):
            return line[:500]
    return lines[-1][:500] if lines else "no output"


# ------------------------------------------------------------------------------------------------ CUDA probe
def probe_cuda(nvidia_smi: str = "nvidia-smi") -> dict[str, str]:
    """The GPU's name, memory and driver from nvidia-smi, in seconds; raises NoCuda with the reason."""
    exe = shutil.which(nvidia_smi)
    if exe is None:
        raise NoCuda(f"{nvidia_smi} not found")
    query = ["--query-gpu=name,memory.total,driver_version", "--format=csv,noheader"]
    try:
        out = subprocess.run([exe, *query], capture_output=True, text=True, timeout=20)
    except subprocess.TimeoutExpired as e:
        raise NoCuda(f"{nvidia_smi} did not answer in 20 s") from e
    rows = [r for r in out.stdout.splitlines() if r.strip()]
    if out.returncode != 0 or not rows:
        raise NoCuda(f"{nvidia_smi} lists no GPU ({last_line(out.stderr + out.stdout)})")
    name, memory, driver = (x.strip() for x in [*rows[0].split(","), "", ""][:3])
    return {"gpu": name, "gpu_memory": memory, "driver": driver, "gpus": str(len(rows))}


# ------------------------------------------------------------------------------------------------ payload
def part_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("part-*") if PART_RE.match(p.name)) if folder.is_dir() else []


def stage_parts(src: Path = PACK_DIR, stage: Path = STAGE) -> tuple[list[int], int | None]:
    """Check each carried part against the digest in its name and keep it under ``stage``; returns the part
    numbers kept so far and how many there are (None: none seen yet). A part whose digest is wrong is an error."""
    parts_dir = stage / "parts"
    parts_dir.mkdir(parents=True, exist_ok=True)
    for p in part_files(src):
        digest = PART_RE.match(p.name).group(3)  # type: ignore[union-attr]
        if hashlib.sha256(p.read_bytes()).hexdigest()[:16] != digest:
            raise ValueError(f"{p.name}: content does not match the digest in its name (broken transfer?)")
        if not (parts_dir / p.name).exists():
            shutil.copyfile(p, parts_dir / f".{p.name}")
            (parts_dir / f".{p.name}").replace(parts_dir / p.name)
    have = part_files(parts_dir)
    counts = {int(PART_RE.match(p.name).group(2)) for p in have}  # type: ignore[union-attr]
    if len(counts) > 1:
        raise ValueError(f"parts of different packs under {parts_dir}: {sorted(counts)} parts; clear it and restage")
    return sorted(int(PART_RE.match(p.name).group(1)) for p in have), (counts.pop() if counts else None)  # type: ignore[union-attr]


def unpack(stage: Path = STAGE) -> Path:
    """Join the parts into the payload folder once (``stage/payload``); returns it."""
    payload = stage / "payload"
    if (payload / "manifest.json").is_file():
        return payload
    tar_path = stage / "payload.tar"
    with tar_path.open("wb") as out:
        for p in part_files(stage / "parts"):
            with p.open("rb") as f:
                shutil.copyfileobj(f, out, 1 << 24)
    with tarfile.open(tar_path) as tar:
        tar.extractall(stage, filter="data")
    tar_path.unlink()
    return payload


# ------------------------------------------------------------------------------------------------ the parts
@dataclass
class Context:
    out: Path
    work: Path
    python: str = sys.executable
    env: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    has_vllm: bool = False

    @property
    def model_dir(self) -> Path:
        return self.work / "models"

    @property
    def log(self) -> Path:
        return self.out / "gpu_check.log"


@dataclass(frozen=True)
class Part:
    key: str
    title: str
    budget_s: int
    command: Callable[[Context], list[str]]
    figures: Callable[[Context, StepResult], dict[str, Any]]
    needs_vllm: bool = False


def marked_test_files(root: Path = REPO / "tests") -> list[str]:
    """Test files that carry a ``gpu`` or ``vllm`` mark: collecting only these keeps the rest of the suite's
    imports (ray, schemathesis, haproxy...) off a device that lacks them."""
    pattern = re.compile(r"pytest\.mark\.(gpu|vllm)\b")
    return sorted(str(p.relative_to(REPO)) for p in root.rglob("test_*.py") if pattern.search(p.read_text()))


def _tests_cmd(ctx: Context) -> list[str]:
    files = marked_test_files()
    return [ctx.python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "gpu or vllm", "--timeout", "240", *files]


def pytest_figures(_: Context, result: StepResult) -> dict[str, Any]:
    counts = {k: int(n) for n, k in re.findall(r"(\d+) (passed|failed|skipped|errors?|xfailed|xpassed)", result.tail)}
    skips = re.findall(r"^SKIPPED \[\d+\] (.+)$", result.tail, flags=re.M)
    fails = re.findall(r"^(?:FAILED|ERROR) (.+)$", result.tail, flags=re.M)
    return {"counts": counts, "skipped": skips[:20], "failed": fails[:20]}


GRPO_STEPS = 4
GRPO_KEYS = (
    "sync/logprob_diff",
    "time/step",
    "time/generate",
    "time/score",
    "time/train",
    "time/sync",
    "tokens_per_s",
    "completion/mean_length",
    "reward/mean",
)


def _grpo_cmd(ctx: Context) -> list[str]:
    return [
        ctx.python,
        "-m",
        "services.trainer.cli",
        "train",
        "grpo",
        "--model-dir",
        str(ctx.model_dir),
        "--run-dir",
        str(ctx.work / "grpo"),
        "--max-steps",
        str(GRPO_STEPS),
        "--engine",
        "vllm",
        *("--set", "weight_sync=reload", "--set", "eval_steps=0", "--set", "tensorboard=false"),
        *("--set", f"save_steps={GRPO_STEPS}"),
    ]


def grpo_figures(ctx: Context, _: StepResult) -> dict[str, Any]:
    path = ctx.work / "grpo" / "metrics.jsonl"
    rows = [json.loads(x) for x in path.read_text().splitlines()] if path.is_file() else []
    steps = [{"step": r["step"], **{k: r[k] for k in GRPO_KEYS if k in r}} for r in rows if r.get("step", 0) > 0]
    for s in steps:
        print(f"  b_grpo step {s['step']}: sync/logprob_diff {s.get('sync/logprob_diff')}", file=sys.stderr)
    return {"steps": steps}


def _server_cmd(ctx: Context) -> list[str]:
    cmd = [ctx.python, "bench/bench_server.py", "--model-dir", str(ctx.model_dir), "--clients", "32"]
    cmd += ["--also-clients", "256", "--duration", "5", "--warmup", "1", "--rounds", "1", "--no-cache-phase"]
    return [*cmd, "--json", str(ctx.work / "server.json"), *([] if ctx.has_vllm else ["--no-vllm"])]


def _rollout_cmd(ctx: Context) -> list[str]:
    engines = "hf,vllm_reload_compiled" if ctx.has_vllm else "hf"
    cmd = [ctx.python, "bench/bench_rollout.py", "--model-dir", str(ctx.model_dir), "--steps", "1", "--repeats", "1"]
    # TRL in bf16 only: on CUDA our trainer computes in bf16 too (same config), and one TRL run fits the limit
    return [*cmd, "--engines", engines, "--no-trl-fp32", "--trl-bf16", "--json", str(ctx.work / "rollout.json")]


def json_figures(name: str) -> Callable[[Context, StepResult], dict[str, Any]]:
    def read(ctx: Context, _: StepResult) -> dict[str, Any]:
        path = ctx.work / name
        return json.loads(path.read_text()) if path.is_file() else {}

    return read


PARTS = (
    Part("a_tests", "pytest -m 'gpu or vllm' on CUDA", 130, _tests_cmd, pytest_figures),
    Part("b_grpo", "GRPO-S, CUDA vLLM rollouts, merged-weight sync", 110, _grpo_cmd, grpo_figures, needs_vllm=True),
    Part("c_server", "reward server vs vLLM pooling, 32 + 256 clients", 120, _server_cmd, json_figures("server.json")),
    Part("d_trl", "GRPO-S step vs TRL GRPOTrainer step", 160, _rollout_cmd, json_figures("rollout.json")),
)
#: The first setup unpacks, installs, converts the policy and builds the model dir; a later call on the same warm
#: machine finds all of that done and takes seconds.
SETUP_BUDGET_S = 120
SETUP_WARM_S = 30  # what a later call's setup may take (the torch import and the checks), planned, not measured
#: The run, split over two device calls so that every part gets its whole budget: (--only, --deadline-s).
RUN_CALLS = (("a,b", 360), ("c,d", 330))


def run_parts(parts: tuple[Part, ...], ctx: Context, report: Report, deadline: float) -> None:
    """Each part under min(its budget, time left); statuses and figures go into ``report`` as they come."""
    for part in parts:
        left = deadline - time.monotonic()
        if part.needs_vllm and not ctx.has_vllm:
            report.part(part.key, "skipped", title=part.title, reason="vllm is not importable on this machine")
            continue
        if left < 20:
            report.part(part.key, "skipped", title=part.title, reason=f"out of time ({left:.0f} s left)")
            continue
        limit = min(part.budget_s, left)
        cmd = part.command(ctx)
        report.part(part.key, "running", title=part.title, command=shlex.join(cmd), limit_s=round(limit))
        print(f"gpu_check: {part.key} ({part.title}), limit {limit:.0f} s", file=sys.stderr)
        result = run_step(cmd, timeout_s=limit, env=ctx.env, log=ctx.log)
        try:
            figures = part.figures(ctx, result)
        except (OSError, ValueError, KeyError) as e:
            figures = {"unreadable": repr(e)}
        fields: dict[str, Any] = {"seconds": round(result.seconds, 1), "figures": figures}
        if result.ok:
            report.part(part.key, "ok", **fields)
        else:
            why = "killed at its time limit" if result.returncode is None else f"exit {result.returncode}"
            report.part(part.key, "failed", error=f"{why}: {last_line(result.tail)}", log_tail=result.tail, **fields)


def setup(ctx: Context, report: Report, deadline: float) -> bool:
    """Payload → private site-packages + model packages on PYTHONPATH; torch sees CUDA; policy and model dir built."""
    t0 = time.monotonic()
    report.part("setup", "running", title="payload, wheels, policy, model dir")

    def limits(cap_s: float) -> dict[str, Any]:
        return {"timeout_s": max(min(cap_s, deadline - time.monotonic()), 1), "env": ctx.env, "log": ctx.log}

    try:
        have, count = stage_parts()
        payload = None
        if count is not None:
            missing = sorted(set(range(count)) - set(have))
            if missing:
                raise RuntimeError(f"payload incomplete: parts {missing} of {count} missing (see `gpu_check.sh plan`)")
            payload = unpack()
        site = STAGE / "site"
        if payload is not None and not (site / ".installed").is_file():
            wheels = sorted(str(p) for p in (payload / "wheels").glob("*.whl"))
            cmd = [ctx.python, "-m", "pip", "install", "-q", "--no-index", "--no-deps", "--no-compile"]
            step = run_step([*cmd, "--no-cache-dir", "--upgrade", "--target", str(site), *wheels], **limits(60))
            if not step.ok:
                raise RuntimeError(f"pip install of the carried wheels failed: {last_line(step.tail)}")
            (site / ".installed").touch()
        paths = [str(site), str(payload / "models")] if payload is not None else []
        ctx.env["PYTHONPATH"] = os.pathsep.join([*paths, str(REPO), ctx.env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
        ctx.env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
        ctx.env.update(PYTHONUNBUFFERED="1", DRIRL_LOG_LEVEL="warning")
        probe = (
            "import importlib, json, sys, torch\n"
            f"missing = [m for m in {NEEDED_MODULES!r} if importlib.util.find_spec(m) is None]\n"
            "assert not missing, f'not importable: {missing}'\n"
            "assert torch.cuda.is_available(), 'torch sees no CUDA device'\n"
            "v = importlib.util.find_spec('vllm') and importlib.import_module('vllm').__version__\n"
            "print(json.dumps({'torch': torch.__version__, 'cuda': torch.version.cuda, 'vllm': v}))\n"
        )
        step = run_step([ctx.python, "-c", probe], **limits(60))
        if not step.ok:
            raise RuntimeError(last_line(step.tail))
        versions = json.loads(step.tail.strip().splitlines()[-1])
        ctx.has_vllm = bool(versions.get("vllm"))
        build = (
            "import sys; from pathlib import Path\n"
            "from bench.bench_server import ensure_model_dir\n"
            "from services.trainer.policy.resolve import resolve_policy\n"
            "ensure_model_dir(Path(sys.argv[1])); print(resolve_policy())\n"
        )
        build_cmd = [ctx.python, "-c", build, str(ctx.model_dir)]
        step = run_step(build_cmd, **limits(SETUP_BUDGET_S))
        if not step.ok:
            raise RuntimeError(f"policy / model dir: {last_line(step.tail)}")
    except (RuntimeError, ValueError, OSError, tarfile.TarError, json.JSONDecodeError) as e:
        report.part("setup", "failed", error=str(e)[:1000], seconds=round(time.monotonic() - t0, 1))
        return False
    report.data["versions"] = versions
    report.part("setup", "ok", seconds=round(time.monotonic() - t0, 1), payload=str(payload) if payload else None)
    return True


# ------------------------------------------------------------------------------------------------ commands
def out_dir(arg: Path | None) -> Path:
    """``--out``, else the device tool's ``$OUT`` (what is written there comes back), else var/gpu_check."""
    if arg is not None:
        return arg
    return Path(os.environ["OUT"]) if os.environ.get("OUT") else REPO / "var" / "gpu_check"


def describe_parts(ctx: Context) -> list[str]:
    lines = [f"  setup      limit {SETUP_BUDGET_S:3d} s  payload -> {STAGE}/site, policy, model dir {ctx.model_dir}"]
    for p in PARTS:
        need = "  [needs vllm on the device]" if p.needs_vllm else ""
        lines.append(f"  {p.key:<10} limit {p.budget_s:3d} s  {p.title}{need}")
        lines.append(f"             $ {shlex.join(p.command(ctx))}")
    return lines


def plan_text(ctx: Context, deadline_s: int, pack_dir: Path = PACK_DIR) -> str:
    parts = part_files(pack_dir)
    lines = [
        "GPU check plan (bench/gpu_check.py; issue #22)",
        "",
        "1. Here, once (needs the registries and the venv):",
        "     python bench/gpu_pack.py pack --profile full   # with vLLM (5 parts); --profile core: 3 parts, no vLLM",
        "",
        "2. The device calls, back to back (a warm machine keeps /tmp between calls for 30 s only):",
    ]
    if not parts:
        lines.append("     (no .gpu/part-* here yet: run step 1 first; each part is one call)")
    for i, p in enumerate(parts):
        if i < len(parts) - 1:
            lines.append(f'     run(command="bash bench/gpu_check.sh stage", carry=[".gpu/{p.name}"], timeout_s=120)')
            continue
        for k, (only, limit_s) in enumerate(RUN_CALLS):
            carry = f', carry=[".gpu/{p.name}"]' if k == 0 else ""
            cmd = f"bash bench/gpu_check.sh run --only {only} --deadline-s {limit_s}"
            lines.append(f'     run(command="{cmd}"{carry}, timeout_s={limit_s + 40})')
    lines += [
        "   A stage call answers which parts the machine holds; if it went cold in between, start again at part 00.",
        "   What comes back: $OUT/gpu_check.json (figures, each part's status, the earlier call's parts too) and",
        "   $OUT/gpu_check.log. One call can run everything: `run` alone (deadline 540 s) skips what does not fit.",
        "",
        "3. The parts (a part that does not fit in the time left is skipped; one that overruns its limit is killed):",
        *describe_parts(ctx),
        "",
        "Without a CUDA device `run` exits 2 at once, saying why.",
    ]
    return "\n".join(lines)


def cmd_run(args: argparse.Namespace) -> int:
    out = out_dir(args.out)
    ctx = Context(out=out, work=STAGE / "work")
    parts = tuple(p for p in PARTS if not args.only or p.key.split("_")[0] in args.only or p.key in args.only)
    if args.dry_run:
        ctx.has_vllm = True
        print(f"would write {out / 'gpu_check.json'}; parts:\n" + "\n".join(describe_parts(ctx)))
        return 0
    deadline = time.monotonic() + args.deadline_s
    try:
        device = probe_cuda()
    except NoCuda as e:
        Report(out / "gpu_check.json", git=_git(), device=None).finish("no_cuda", error=str(e))
        print(
            f"gpu_check: no CUDA device here ({e}); this runs on a GPU machine: see `bench/gpu_check.sh plan`",
            file=sys.stderr,
        )
        return 2
    if out.exists():
        for name in ("gpu_check.json", "gpu_check.log"):
            (out / name).unlink(missing_ok=True)
    report = Report(out / "gpu_check.json", git=_git(), device=device, deadline_s=args.deadline_s)
    keep_earlier_parts(report, STAGE / "gpu_check.json", {p.key for p in parts})
    ok = setup(ctx, report, min(deadline, time.monotonic() + SETUP_BUDGET_S))
    if ok:
        run_parts(parts, ctx, report, deadline)
    else:
        for p in parts:
            report.part(p.key, "skipped", title=p.title, reason="setup failed")
    statuses = [v["status"] for v in report.data["parts"].values()]
    report.finish("ok" if all(s == "ok" for s in statuses) else "partial")
    STAGE.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(report.path, STAGE / "gpu_check.json")  # for the next call on this machine
    print(json.dumps({k: v["status"] for k, v in report.data["parts"].items()}), file=sys.stderr)
    return 0 if report.data["status"] == "ok" else 1


def keep_earlier_parts(report: Report, earlier: Path, running: set[str]) -> None:
    """Copy into ``report`` the parts an earlier call on this machine measured (same commit) and this call does
    not run again, marked ``earlier_call``, so the last call's JSON holds every figure."""
    try:
        data = json.loads(earlier.read_text())
    except (OSError, ValueError):
        return
    if data.get("git") != report.data["git"]:
        return
    for key, entry in data.get("parts", {}).items():
        if key not in running and key != "setup":
            report.data["parts"][key] = {**entry, "earlier_call": True}
    report.write()


def cmd_stage(_: argparse.Namespace) -> int:
    try:
        have, count = stage_parts()
    except ValueError as e:
        print(f"gpu_check: {e}", file=sys.stderr)
        return 1
    if count is None:
        print("gpu_check: no part carried and none kept (carry .gpu/part-NN-of-MM-*, see `gpu_check.sh plan`)")
        return 1
    missing = sorted(set(range(count)) - set(have))
    print(f"gpu_check: {STAGE}/parts holds {len(have)} of {count} parts; missing: {missing or 'none'}")
    return 0


def _git() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
        return out.stdout.strip() or "unknown"
    except OSError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    plan = sub.add_parser("plan", help="print the pack step, the device calls and the parts; runs nothing")
    run = sub.add_parser("run", help="the check (on a CUDA machine)")
    run.add_argument("--dry-run", action="store_true", help="print the parts and their commands; run nothing")
    run.add_argument("--only", type=lambda s: s.split(","), default=None, help="e.g. a,b: only these parts")
    run.add_argument("--out", type=Path, default=None, help="result folder (default: $OUT, else var/gpu_check)")
    for p in (plan, run):
        p.add_argument("--deadline-s", type=int, default=DEADLINE_S, help="the whole run's time limit")
    sub.add_parser("stage", help="on the device: verify and keep the carried part(s) of the payload")
    args = ap.parse_args(argv)
    if args.command == "plan":
        print(plan_text(Context(out=out_dir(None), work=STAGE / "work", has_vllm=True), args.deadline_s))
        return 0
    return cmd_stage(args) if args.command == "stage" else cmd_run(args)


if __name__ == "__main__":
    sys.exit(main())
