"""Prompt embeddings with all-MiniLM-L6-v2 (the only text encoder here), loaded once per process.

Dedup, split and stats take embedding arrays, not an encoder, so they stay pure and testable with hand-made
vectors; this module is the one place that loads the model. Embeddings are L2-normalised, so a dot product is the
cosine similarity.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from shared.resources import minilm_path

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

ProgressFn = Callable[[int], None]


class PromptEncoder:
    """MiniLM sentence embeddings with an in-memory cache per text (the same prompts are encoded by several steps)."""

    def __init__(self, model: SentenceTransformer, batch_size: int = 64) -> None:
        self._model = model
        self._batch_size = batch_size
        self._cache: dict[str, np.ndarray] = {}

    @property
    def dim(self) -> int:
        """The embedding width (384 for MiniLM-L6)."""
        return int(self._model.get_sentence_embedding_dimension() or 0)

    def encode(self, texts: Sequence[str], on_progress: ProgressFn | None = None) -> np.ndarray:
        """Embed texts.

        Args:
            texts: the texts, in order.
            on_progress: called with the number of texts done after each batch (for a progress bar).

        Returns:
            ``(len(texts), dim)`` float32, each row of unit L2 norm.
        """
        todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
        for start in range(0, len(todo), self._batch_size):
            batch = todo[start : start + self._batch_size]
            vectors = self._model.encode(
                batch,
                batch_size=self._batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,  # callers show their own (rich) progress
            )
            self._cache.update(zip(batch, np.asarray(vectors, dtype=np.float32), strict=True))
            if on_progress is not None:
                on_progress(len(batch))
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])


@lru_cache(maxsize=1)
def get_encoder() -> PromptEncoder:
    """The process-wide MiniLM encoder (loaded on first use, a few seconds on CPU).

    Raises:
        shared.resources.ResourceNotFound: when the MiniLM package is not installed.
    """
    from sentence_transformers import SentenceTransformer

    return PromptEncoder(SentenceTransformer(str(minilm_path()), device="cpu"))


def normalize(embeddings: np.ndarray) -> np.ndarray:
    """Rows scaled to unit L2 norm (zero rows stay zero), as float32."""
    matrix = np.asarray(embeddings, dtype=np.float32)
    if matrix.ndim != 2:
        raise ValueError(f"embeddings must be 2-D (n, dim), got shape {matrix.shape}")
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)
