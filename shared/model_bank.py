"""The reward-model bank: the seven category reward models and the scaler's sentence encoder of a model dir, loaded
and checked (:mod:`shared.manifest`), with their batched forward passes.

The reward server scores with it (from its batcher's worker thread, never from the event loop); the trainer's offline
evaluations (``drirl irl eval``, the reward-model judge of ``drirl eval``) use the same code, so a reward measured
offline is the one the server returns. Needs the ``server`` extra (torch, transformers, sentence-transformers),
unlike the rest of ``shared/``. Weights come from safetensors files the manifest has checked; nothing here unpickles.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import torch

from shared.batching import DEFAULT_MAX_BATCH_SIZE, DEFAULT_MAX_BATCH_TOKENS, TokenCounts, forward_in_chunks
from shared.categories import Category
from shared.devices import pick_device, pick_dtype
from shared.manifest import read_manifest, verify_model_dir
from shared.resources import resolve_model_spec

log = logging.getLogger(__name__)

#: Bump when this module's forward code changes what it returns for the same weights and settings (tokenisation,
#: truncation, pooling): the version is part of every cache key, so old cached values stop being served.
FORWARD_VERSION = 1


def _keep_head_fp32(model: torch.nn.Module) -> None:
    """Run the reward head in float32: bfloat16's 8-bit mantissa would quantise the scalar reward itself."""
    head = getattr(model, "classifier", None) or getattr(model, "score", None)
    if not isinstance(head, torch.nn.Module):
        return
    head.float()
    head.register_forward_pre_hook(lambda _m, args: tuple(a.float() if torch.is_tensor(a) else a for a in args))


@dataclass
class RewardModel:
    category: Category
    tokenizer: object
    model: torch.nn.Module


class ModelBank:
    """The seven reward models and the encoder, with batched blocking forwards.

    ``scoring_settings`` / ``encoder_settings`` list everything besides the input texts that changes a raw reward /
    an embedding; the server's cache keys carry their fingerprints (``services.reward_server.cache.fingerprint``).
    Another runtime (onnxruntime, openvino) sets ``runtime`` and adds its own settings there (provider, quantisation).
    """

    runtime = "torch"

    def __init__(
        self,
        model_dir: Path,
        *,
        device: str = "auto",
        dtype: str = "auto",
        max_seq_tokens: int = 512,
        num_threads: int | None = None,
        max_batch_tokens: int | None = DEFAULT_MAX_BATCH_TOKENS,
        max_batch_size: int = DEFAULT_MAX_BATCH_SIZE,
    ) -> None:
        from sentence_transformers import SentenceTransformer
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        if num_threads:
            torch.set_num_threads(num_threads)
        self.device = pick_device(device)
        self.dtype = pick_dtype(dtype, self.device)
        self.max_seq_tokens = max_seq_tokens
        # Forwards per token budget (shared.batching); None/0: one forward per call. Not in the cache fingerprints:
        # how items share a forward moves a score by float noise only, as the batch size always has.
        self.max_batch_tokens, self.max_batch_size = max_batch_tokens, max_batch_size
        self.tokens = {"reward": TokenCounts(), "encoder": TokenCounts()}  # real vs padded tokens forwarded
        t0 = time.perf_counter()
        probe, _ = read_manifest(model_dir)
        encoder_dir = Path(resolve_model_spec(probe.encoder.source))
        if not encoder_dir.is_dir():
            log.warning("encoder %s is not a local folder: its checksum cannot be verified", probe.encoder.source)
        # Raises ManifestError (missing file, checksum mismatch) before any weight is loaded.
        self.manifest, self.model_version = verify_model_dir(model_dir, encoder_dir if encoder_dir.is_dir() else None)
        self.models: dict[Category, RewardModel] = {}
        for category, entry in self.manifest.categories.items():
            folder = Path(model_dir) / entry.subfolder
            tok = AutoTokenizer.from_pretrained(folder)
            model = AutoModelForSequenceClassification.from_pretrained(folder, use_safetensors=True, num_labels=1)
            model.to(self.device, self.dtype).eval()
            if self.dtype != torch.float32:
                _keep_head_fp32(model)
            self.models[category] = RewardModel(category, tok, model)
        untrained = [c.value for c, e in self.manifest.categories.items() if not e.trained]
        if untrained:
            log.warning(
                "reward models freshly initialised (trained: false): %s; their scores carry no preference signal "
                "yet: train them with `drirl irl train`",
                ", ".join(untrained),
            )
        self.encoder = SentenceTransformer(str(encoder_dir), device=str(self.device))
        self.encoder.to(self.dtype)
        self.centroids = np.stack(
            [np.asarray(self.manifest.categories[c].prompt_centroid, dtype=np.float32) for c in Category]
        )
        self.centroids /= np.linalg.norm(self.centroids, axis=1, keepdims=True)
        log.info(
            "loaded %d reward models + encoder from %s (model_version %s, %s on %s) in %.1fs",
            len(self.models),
            model_dir,
            self.model_version,
            str(self.dtype).removeprefix("torch."),
            self.device,
            time.perf_counter() - t0,
        )

    @cached_property
    def scoring_settings(self) -> dict[str, str | int]:
        return {
            "model_version": self.model_version,
            "forward": FORWARD_VERSION,
            "runtime": self.runtime,
            "dtype": str(self.dtype).removeprefix("torch."),
            "device": self.device.type,
            "max_seq_tokens": self.max_seq_tokens,
        }

    @cached_property
    def encoder_settings(self) -> dict[str, str | int]:
        return {
            "encoder_sha256": self.manifest.encoder.sha256,
            "forward": FORWARD_VERSION,
            "runtime": self.runtime,
            "dtype": str(self.dtype).removeprefix("torch."),
            "device": self.device.type,
            "max_seq_length": int(self.encoder.max_seq_length or 0),  # None: no limit of its own
            "normalize": 1,
        }

    @torch.inference_mode()
    def score(self, category: Category, prompts: list[str], responses: list[str]) -> np.ndarray:
        """Raw rewards r_c(x, y) for aligned lists (responses already reduced to their final part). Shape (N,)."""
        rm = self.models[category]
        enc = rm.tokenizer(  # type: ignore[operator]
            prompts, responses, padding=True, truncation=True, max_length=self.max_seq_tokens, return_tensors="pt"
        ).to(self.device)
        side = rm.tokenizer.padding_side  # type: ignore[attr-defined]
        logits = self._chunked(enc, lambda b: rm.model(**b).logits[:, 0], "reward", side)
        return logits.float().cpu().numpy()

    @torch.inference_mode()
    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-normalised sentence embeddings, float32, shape (N, D)."""
        if not texts:
            return np.zeros((0, self.manifest.encoder.dim), dtype=np.float32)
        features = self.encoder.preprocess(texts)  # what encode() forwards, tokenised once
        features = {k: v.to(self.device) if torch.is_tensor(v) else v for k, v in features.items()}
        side = getattr(self.encoder.tokenizer, "padding_side", "right")
        emb = self._chunked(features, lambda b: self.encoder(b)["sentence_embedding"], "encoder", side)
        return torch.nn.functional.normalize(emb, p=2, dim=1).float().cpu().numpy()

    def _chunked(self, features: Any, forward: Callable[[Any], torch.Tensor], kind: str, side: str) -> torch.Tensor:
        """``forward`` per token-budget chunk of ``features`` (tokenised once), results in input order."""
        return forward_in_chunks(
            features,
            forward,
            max_batch_tokens=self.max_batch_tokens,
            max_batch_size=self.max_batch_size,
            counts=self.tokens[kind],
            padding_side=side,
        )

    def route(self, prompt_emb: np.ndarray) -> list[Category]:
        """Nearest category centroid (cosine) for each row of (N, D) unit prompt embeddings."""
        idx = np.argmax(prompt_emb @ self.centroids.T, axis=1)
        cats = list(Category)
        return [cats[i] for i in idx]
