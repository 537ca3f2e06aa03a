"""Token-budget batching of padded forwards (as HF TEI's ``max_batch_tokens``): which items share a forward pass.

A padded forward costs ``rows × longest row`` tokens, so one long item in a batch of short ones makes every row as
long as it is. :func:`plan_batches` sorts items by token length and cuts the sorted run into chunks whose padded cost
stays within a token budget, with an item-count cap as a second bound; :func:`forward_in_chunks` runs a forward per
chunk on inputs tokenised once, each chunk cut to its own longest item, and puts the outputs back in the caller's
order. :class:`TokenCounts` keeps the real and the padded tokens forwarded, so the padding share can be watched.

No model code: :mod:`shared.model_bank` calls it for the reward models and the encoder.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # torch only where a forward runs: the settings and metrics import this module's names too
    import torch

#: Padded tokens per forward. On 2 cores a MiniLM forward's throughput grows little past ~2k padded tokens (~60-token
#: pairs: bs8 87, bs32 105, bs64 110 pairs/s), so 4096 keeps whole batches of 64 typical pairs (~3.8k tokens) while
#: a long response no longer pads 63 short ones to its length (README, "Batching"). A GPU wants more (TEI: 16384).
DEFAULT_MAX_BATCH_TOKENS = 4096

#: Items per forward, the second bound (the server's ``max_batch_size`` default).
DEFAULT_MAX_BATCH_SIZE = 64


def plan_batches(lengths: Sequence[int], *, max_batch_tokens: int, max_batch_size: int) -> list[list[int]]:
    """Split items into forwards by padded-token cost: indices into ``lengths``, shortest items first.

    Items are sorted by length (ties keep their input order) and the sorted run is cut greedily: an item joins the
    current chunk unless that would make the chunk's padded cost ``len(chunk) · max(lengths in chunk)`` exceed
    ``max_batch_tokens`` or its size exceed ``max_batch_size``. An item longer than the budget goes alone.

    Args:
        lengths: tokens of each item (its row in a padded batch, special tokens included), each ≥ 0.
        max_batch_tokens: most padded tokens per chunk, ≥ 1.
        max_batch_size: most items per chunk, ≥ 1.

    Returns:
        Chunks of indices; every index appears exactly once. ``[]`` for no items.

    Raises:
        ValueError: a bound below 1 or a negative length.
    """
    if max_batch_tokens < 1 or max_batch_size < 1:
        raise ValueError(f"max_batch_tokens ({max_batch_tokens}) and max_batch_size ({max_batch_size}) must be >= 1")
    if any(n < 0 for n in lengths):
        raise ValueError("token lengths must be >= 0")
    chunks: list[list[int]] = []
    current: list[int] = []
    for i in sorted(range(len(lengths)), key=lambda i: lengths[i]):  # sorted() is stable: ties keep input order
        # sorted ascending, so lengths[i] is the longest of current + [i]: the chunk's padded length if i joins
        if current and (len(current) >= max_batch_size or (len(current) + 1) * lengths[i] > max_batch_tokens):
            chunks.append(current)
            current = []
        current.append(i)
    if current:
        chunks.append(current)
    return chunks


@dataclass
class TokenCounts:
    """Tokens forwarded so far: ``real`` (attention-mask ones) and ``padded`` (rows × padded length, padding
    included). Safe to add to from several threads."""

    real: int = 0
    padded: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, real: int, padded: int) -> None:
        with self._lock:
            self.real += real
            self.padded += padded

    def snapshot(self) -> tuple[int, int]:
        """(real, padded), read together."""
        with self._lock:
            return self.real, self.padded

    @property
    def padding_share(self) -> float:
        """Share of the forwarded tokens that were padding, in [0, 1] (0 before any forward)."""
        real, padded = self.snapshot()
        return 1.0 - real / padded if padded else 0.0


def forward_in_chunks(
    features: Mapping[str, Any],
    forward: Callable[[dict[str, Any]], torch.Tensor],
    *,
    max_batch_tokens: int | None,
    max_batch_size: int,
    counts: TokenCounts | None = None,
    padding_side: str = "right",
) -> torch.Tensor:
    """``forward`` over token-budget chunks of a batch tokenised once, outputs back in the batch's order.

    Args:
        features: a tokeniser's output for N items padded to the longest of them: ``attention_mask`` and every other
            tensor of shape (N, L) are cut per chunk to the chunk's longest row; other tensors lose rows only;
            anything else is passed as it is.
        forward: chunk features → one output row per item, shape (n, ...).
        max_batch_tokens: padded tokens per forward (:func:`plan_batches`); None or 0: one forward of all N
            items, padded to the longest (no planning).
        max_batch_size: items per forward, with a token budget.
        counts: gets each forward's real and padded tokens.
        padding_side: where the tokeniser put the padding ("right", or "left": cut from the start).

    Returns:
        The outputs, shape (N, ...), row i for item i.
    """
    import torch

    mask = features["attention_mask"]
    n, width = mask.shape
    lengths = mask.sum(dim=1).tolist()
    if not max_batch_tokens or n == 0:  # off: the whole batch as it came
        if counts is not None:
            counts.add(int(sum(lengths)), n * width)
        return forward(dict(features))
    out: torch.Tensor | None = None
    for chunk in plan_batches(lengths, max_batch_tokens=max_batch_tokens, max_batch_size=max_batch_size):
        rows = torch.tensor(chunk, device=mask.device)
        longest = max(int(lengths[i]) for i in chunk)
        cols = slice(0, longest) if padding_side == "right" else slice(width - longest, width)
        part = {
            k: (v[rows][:, cols] if v.dim() == 2 and tuple(v.shape) == (n, width) else v[rows])
            if isinstance(v, torch.Tensor) and v.dim() > 0 and v.shape[0] == n
            else v
            for k, v in features.items()
        }
        y = forward(part)
        if out is None:
            out = y.new_empty((n, *y.shape[1:]))
        out[rows.to(y.device)] = y
        if counts is not None:
            counts.add(int(sum(lengths[i] for i in chunk)), len(chunk) * longest)
    assert out is not None, "forward_in_chunks needs at least one item"
    return out
