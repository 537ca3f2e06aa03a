"""A reward model cut in two: frozen lower layers run once per sequence, the upper layers train on their output.

Bradley-Terry training sees every (prompt, text) sequence of a category once per epoch, and with the embeddings and
the lower ``k`` encoder layers frozen, those layers give the same output every time (in eval mode: no dropout). So
:func:`lower_states` runs them once, without a graph, and each step runs only the upper layers, the pooler and the
head (:func:`upper_logits`) — forward and backward. The two halves together compute exactly the model's forward
(tested: ``upper_logits(lower_states(x)) == model(x).logits`` in eval mode); in training, only the upper layers'
dropout is active.

Implemented for BERT-style sequence classifiers (``model.bert`` with ``embeddings``, ``encoder.layer``, ``pooler``,
then ``dropout`` and ``classifier``: MiniLM, the default backbone); :func:`frozen_parts` refuses anything else.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import torch


def frozen_parts(model: Any, k: int) -> tuple[Any, list[Any], list[Any]]:
    """(embeddings, lower layers, upper layers) of a BERT-style classifier cut after layer ``k``; ValueError when the
    model is not one or ``k`` leaves no layer to train."""
    bert = getattr(model, "bert", None)
    if bert is None or not hasattr(bert, "encoder") or not hasattr(model, "classifier"):
        raise ValueError(
            f"freeze_layers needs a BERT-style reward model (MiniLM); {type(model).__name__} is not one: "
            "set freeze_layers: 0"
        )
    layers = list(bert.encoder.layer)
    if not 0 < k < len(layers):
        raise ValueError(f"freeze_layers must be between 1 and {len(layers) - 1} for this backbone, got {k}")
    return bert.embeddings, layers[:k], layers[k:]


def freeze_lower(model: Any, k: int) -> None:
    """Stop gradients into the embeddings and the lower ``k`` layers."""
    embeddings, lower, _ = frozen_parts(model, k)
    for module in (embeddings, *lower):
        module.requires_grad_(False)


def _mask(model: Any, hidden: torch.Tensor, attention: torch.Tensor) -> Any:
    from transformers.masking_utils import create_bidirectional_mask

    return create_bidirectional_mask(config=model.config, inputs_embeds=hidden, attention_mask=attention)


def _pad(states: Sequence[torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
    """(N, W, H) right-padded with zeros and the (N, W) attention mask."""
    width = max(s.shape[0] for s in states)
    hidden = states[0].new_zeros((len(states), width, states[0].shape[1]))
    attention = torch.zeros((len(states), width), dtype=torch.long, device=states[0].device)
    for i, s in enumerate(states):
        hidden[i, : s.shape[0]] = s
        attention[i, : s.shape[0]] = 1
    return hidden, attention


@torch.no_grad()
def lower_states(
    model: Any,
    tokenizer: Any,
    prompts: Sequence[str],
    texts: Sequence[str],
    *,
    k: int,
    max_length: int,
    dtype: torch.dtype,
    batch_size: int = 32,
) -> list[torch.Tensor]:
    """Output of the embeddings and the lower ``k`` layers for each (prompt, text), unpadded ``(L_i, H)`` float32,
    in input order. Runs in eval mode (no dropout), sequences batched in length order; restores the training mode."""
    embeddings, lower, _ = frozen_parts(model, k)
    was_training = model.training
    model.eval()
    device = next(model.parameters()).device
    enc = tokenizer(list(prompts), list(texts), truncation=True, max_length=max_length)
    lengths = [len(ids) for ids in enc["input_ids"]]
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    out: list[torch.Tensor | None] = [None] * len(lengths)
    try:
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            batch = tokenizer.pad({key: [v[i] for i in rows] for key, v in enc.items()}, return_tensors="pt").to(device)
            with torch.autocast(device.type, dtype=dtype, enabled=dtype != torch.float32):
                hidden = embeddings(input_ids=batch["input_ids"], token_type_ids=batch.get("token_type_ids"))
                mask = _mask(model, hidden, batch["attention_mask"])
                for layer in lower:
                    hidden = layer(hidden, mask)
            for j, i in enumerate(rows):
                out[i] = hidden[j, : lengths[i]].float().clone()
    finally:
        model.train(was_training)
    return out  # type: ignore[return-value]


def upper_logits(model: Any, states: Sequence[torch.Tensor], *, k: int, dtype: torch.dtype) -> torch.Tensor:
    """The reward (N,) float32 from :func:`lower_states` outputs: upper layers, pooler, dropout, head; with a graph
    when the model has trainable parameters there and grad is enabled."""
    _, _, upper = frozen_parts(model, k)
    hidden, attention = _pad(states)
    with torch.autocast(hidden.device.type, dtype=dtype, enabled=dtype != torch.float32):
        mask = _mask(model, hidden, attention)
        for layer in upper:
            hidden = layer(hidden, mask)
        pooled = model.bert.pooler(hidden) if model.bert.pooler is not None else hidden[:, 0]
        return model.classifier(model.dropout(pooled))[:, 0].float()
