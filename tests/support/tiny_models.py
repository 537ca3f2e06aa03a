"""A real model directory on a tiny BERT: seven reward models and a sentence encoder that load, export and score
like the MiniLM ones, in a fraction of the time (2 layers, width 32, MiniLM's tokenizer and vocabulary)."""

from __future__ import annotations

from pathlib import Path


def tiny_bert_config(vocab_size: int, *, initializer_range: float = 0.02, num_labels: int = 1):  # -> BertConfig
    """2 layers, width 32, 2 heads: a BERT that runs every code path of MiniLM's in milliseconds."""
    from transformers import BertConfig

    return BertConfig(
        vocab_size=vocab_size,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        initializer_range=initializer_range,
        num_labels=num_labels,
    )


def tiny_backbones(folder: Path, *, seed: int = 0, initializer_range: float = 0.02) -> tuple[Path, Path]:
    """Write a tiny BERT backbone and a SentenceTransformer on it (mean pooling) under ``folder``; return both."""
    import torch
    from sentence_transformers import SentenceTransformer, models
    from transformers import AutoTokenizer, BertModel

    from shared.resources import MINILM_SPEC, resolve_model_spec

    tok = AutoTokenizer.from_pretrained(resolve_model_spec(MINILM_SPEC))
    torch.manual_seed(seed)
    cfg = tiny_bert_config(tok.vocab_size, initializer_range=initializer_range)
    backbone = Path(folder) / "tiny-bert"
    BertModel(cfg).save_pretrained(backbone, safe_serialization=True)
    tok.save_pretrained(backbone)
    encoder = Path(folder) / "tiny-encoder"
    transformer = models.Transformer(str(backbone), max_seq_length=128)
    SentenceTransformer(modules=[transformer, models.Pooling(32, "mean")], device="cpu").save(str(encoder))
    return backbone, encoder


def tiny_model_dir(out: Path, *, seed: int = 0, initializer_range: float = 0.02) -> Path:
    """A model dir (fresh heads, real centroids from the shipped dataset) on :func:`tiny_backbones`."""
    from services.trainer.data.schema import DEFAULT_DATASET
    from services.trainer.irl.model_dir import init_model_dir

    out = Path(out)
    backbone, encoder = tiny_backbones(
        out.parent / f".{out.name}-backbones", seed=seed, initializer_range=initializer_range
    )
    init_model_dir(out, data=DEFAULT_DATASET, backbone=str(backbone), encoder_source=str(encoder), seed=seed)
    return out
