"""rm_scores: length-sorted batches, results back in input order; IRL training: frozen embeddings, chunked forward."""

from __future__ import annotations

import numpy as np
import torch

from services.trainer.irl.model_dir import rm_scores
from shared.resources import MINILM_SPEC, resolve_model_spec
from tests.support.tiny_models import tiny_bert_config


def _tiny_rm():
    from transformers import AutoTokenizer, BertForSequenceClassification

    tok = AutoTokenizer.from_pretrained(resolve_model_spec(MINILM_SPEC))
    torch.manual_seed(0)
    cfg = tiny_bert_config(tok.vocab_size, initializer_range=1.0)
    return BertForSequenceClassification(cfg).eval(), tok


def test_scores_come_back_in_input_order_whatever_the_batching():
    model, tok = _tiny_rm()
    prompts = [f"prompt {i}" for i in range(7)]
    responses = ["word " * n for n in (30, 1, 12, 5, 44, 2, 20)]  # lengths out of order
    got = rm_scores(model, tok, prompts, responses, batch_size=3, dtype=torch.float32)
    with torch.inference_mode():
        one_by_one = [
            float(model(**tok(p, r, return_tensors="pt")).logits[0, 0]) for p, r in zip(prompts, responses, strict=True)
        ]
    np.testing.assert_allclose(got, one_by_one, rtol=1e-4, atol=1e-5)
    assert np.min(np.diff(np.sort(got))) > 1e-3  # well-separated scores: a permutation would have been caught


def test_no_pairs_no_scores():
    model, tok = _tiny_rm()
    assert rm_scores(model, tok, [], [], dtype=torch.float32).shape == (0,)


def test_training_leaves_frozen_token_embeddings_unchanged_and_moves_the_rest():
    from services.trainer.irl.config import IRLConfig
    from services.trainer.irl.pairs import Pair
    from services.trainer.irl.train import train_reward_model
    from shared.categories import Category

    pairs = [Pair(Category.CRIME, f"prompt {i}", "I can't help with that.", f"sure, step {i}", "x") for i in range(8)]
    for freeze in (True, False):
        model, tok = _tiny_rm()
        emb = model.get_input_embeddings().weight.detach().clone()
        head = model.classifier.weight.detach().clone()
        cfg = IRLConfig(freeze_input_embeddings=freeze, epochs=1, batch_size=4, dtype="float32")
        train_reward_model(model, tok, pairs, cfg, seed=0)
        assert torch.equal(model.get_input_embeddings().weight, emb) == freeze
        assert not torch.equal(model.classifier.weight, head)


def test_pair_rewards_in_length_sorted_chunks_equal_one_padded_forward_and_keep_the_gradient():
    from services.trainer.irl.pairs import Pair
    from services.trainer.irl.train import _pair_rewards
    from shared.categories import Category

    model, tok = _tiny_rm()  # eval mode: no dropout, so both ways must give the same numbers
    pairs = [
        Pair(Category.CRIME, f"prompt {i % 3}", "no " * (1 + 7 * i), "sure, step " * (1 + (5 * i) % 11), "x")
        for i in range(9)
    ]
    whole = _pair_rewards(model, tok, pairs, 128, torch.float32, chunk=10_000)
    chunked = _pair_rewards(model, tok, pairs, 128, torch.float32, chunk=3)
    for a, b in zip(whole, chunked, strict=True):
        torch.testing.assert_close(a, b, rtol=1e-4, atol=1e-5)
    assert float((whole[0] - whole[1]).detach().abs().min()) > 1e-4  # distinct rewards: a permutation would be caught
    (chunked[0] - chunked[1]).sum().backward()
    assert model.classifier.weight.grad is not None and model.classifier.weight.grad.abs().sum() > 0
