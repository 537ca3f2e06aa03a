"""Where exported models and runtime calibrations are cached, and the int8 gate.

Layout under the cache dir (``var/cache`` by default; everything here is derived and can be deleted)::

    exports/<model_version>/<runtime>-<runtime version>/<precision>/
        <category>/model.xml + model.bin | model.onnx   one folder per graph, renamed into place when complete
        encoder/...
        agreement.json      int8 only: the pairwise-ranking agreement with float32 torch, per category
    runtime-calibration/<key>.json   what ``runtime: auto`` measured, keyed by model version, CPU flags and versions

Keyed by model version (a hash of the manifest, hence of every weight) and by the runtime's version, so new weights
or a runtime upgrade get a fresh export instead of a stale one. Exports are made by ``drirl models export`` or at
server start-up before ``/readyz`` turns ready, never while a request waits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shared.runtimes import EXPORT_FILE, RuntimeSetupError, runtime_version

DEFAULT_CACHE_DIR = Path("var/cache")
#: int8 is refused unless every reward model orders at least this share of held-out pairs as float32 does.
INT8_MIN_AGREEMENT = 0.99
AGREEMENT_FILE = "agreement.json"
ENCODER = "encoder"


def _write_json(path: Path, data: Mapping[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True))
    tmp.replace(path)


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text())
    except (OSError, json.JSONDecodeError):
        return None
    return data if isinstance(data, dict) else None


@dataclass(frozen=True)
class ExportStore:
    """The exports of one model version for one runtime (its installed version) and precision."""

    cache_dir: Path
    model_version: str
    runtime: str
    precision: str  # "float32" or "int8"

    @property
    def root(self) -> Path:
        return (
            Path(self.cache_dir)
            / "exports"
            / self.model_version
            / f"{self.runtime}-{runtime_version(self.runtime)}"
            / self.precision
        )

    def graph_dir(self, name: str) -> Path:
        return self.root / name

    def model_file(self, name: str) -> Path:
        """The model file of graph ``name`` (a category's value or ``encoder``); it may not exist yet."""
        return self.graph_dir(name) / EXPORT_FILE[self.runtime]

    def has(self, name: str) -> bool:
        return self.model_file(name).is_file()

    def write_agreement(self, per_category: Mapping[str, Mapping[str, Any]], *, pairs_source: str) -> Path:
        path = self.root / AGREEMENT_FILE
        _write_json(
            path,
            {
                "model_version": self.model_version,
                "runtime": self.runtime,
                "runtime_version": runtime_version(self.runtime),
                "precision": self.precision,
                "reference": "torch float32",
                "pairs_source": pairs_source,
                "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "categories": {k: dict(v) for k, v in per_category.items()},
            },
        )
        return path

    def read_agreement(self) -> dict[str, Any] | None:
        return _read_json(self.root / AGREEMENT_FILE)


def int8_verdict(agreement: Mapping[str, Any] | None, categories: list[str], min_agreement: float) -> list[str]:
    """The categories whose stored agreement is missing or below ``min_agreement`` (empty: int8 may be served)."""
    per_cat = (agreement or {}).get("categories", {})
    bad = []
    for c in categories:
        value = per_cat.get(c, {}).get("agreement")
        if not isinstance(value, int | float) or value < min_agreement:
            bad.append(c)
    return bad


def check_int8_gate(store: ExportStore, categories: list[str], min_agreement: float = INT8_MIN_AGREEMENT) -> None:
    """Raise RuntimeSetupError unless int8 exports exist for ``categories`` and each passed the agreement gate."""
    export_cmd = (
        f"drirl models export MODEL_DIR --runtime {store.runtime} --quantize int8 --cache-dir {store.cache_dir}"
    )
    missing = [c for c in categories if not store.has(c)]
    agreement = store.read_agreement()
    if missing or agreement is None:
        raise RuntimeSetupError(
            f"no int8 export of model_version {store.model_version} under {store.root} (missing: "
            f"{', '.join(missing) or AGREEMENT_FILE}): int8 needs its agreement with float32 measured on held-out "
            f"pairs first; run `{export_cmd}`, or serve float32 (DRIRL_QUANTIZE=none)"
        )
    bad = int8_verdict(agreement, categories, min_agreement)
    if bad:
        per_cat = agreement.get("categories", {})
        shown = ", ".join(
            f"{c} {per_cat.get(c, {}).get('agreement', 'unmeasured')} on {per_cat.get(c, {}).get('pairs', 0)} pairs"
            for c in bad
        )
        raise RuntimeSetupError(
            f"int8 refused: its pairwise-ranking agreement with float32 is below {min_agreement} for {shown} "
            f"(measured {agreement.get('measured_at', '?')}, {store.root / AGREEMENT_FILE}); serve float32 "
            "(DRIRL_QUANTIZE=none)"
        )


# ------------------------------------------------------------------------------------------------- calibration
def cpu_flags_digest() -> str:
    """A digest of the CPU's model name and ``flags`` (/proc/cpuinfo): which kernels a runtime can use here."""
    lines: list[str] = []
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith(("flags", "model name")) and line not in lines:
                lines.append(line)
    except OSError:
        pass
    return hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()[:16]


def calibration_file(cache_dir: Path, key: Mapping[str, Any]) -> Path:
    digest = hashlib.sha256(json.dumps(dict(key), sort_keys=True).encode()).hexdigest()[:16]
    return Path(cache_dir) / "runtime-calibration" / f"{digest}.json"


def read_calibration(cache_dir: Path, key: Mapping[str, Any]) -> dict[str, Any] | None:
    data = _read_json(calibration_file(cache_dir, key))
    if data is None or data.get("key") != dict(key) or not isinstance(data.get("picked"), str):
        return None
    return data


def write_calibration(cache_dir: Path, key: Mapping[str, Any], seconds: Mapping[str, float], picked: str) -> Path:
    path = calibration_file(cache_dir, key)
    _write_json(
        path,
        {
            "key": dict(key),
            "seconds_per_batch": dict(seconds),
            "picked": picked,
            "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        },
    )
    return path
