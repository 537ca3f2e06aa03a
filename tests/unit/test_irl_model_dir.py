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


def test_frozen_lower_states_then_upper_layers_equal_the_whole_forward():
    from services.trainer.irl.frozen import lower_states, upper_logits

    model, tok = _tiny_rm()  # eval mode: no dropout
    prompts = [f"prompt {i}" for i in range(5)]
    texts = ["word " * n for n in (9, 1, 30, 4, 17)]  # lengths out of order: padding differs per batch
    states = lower_states(model, tok, prompts, texts, k=1, max_length=128, dtype=torch.float32, batch_size=2)
    assert [s.shape[0] for s in states] == [len(tok(p, t)["input_ids"]) for p, t in zip(prompts, texts, strict=True)]
    got = upper_logits(model, states, k=1, dtype=torch.float32).detach()
    with torch.inference_mode():
        whole = [
            float(model(**tok(p, t, return_tensors="pt")).logits[0, 0]) for p, t in zip(prompts, texts, strict=True)
        ]
    torch.testing.assert_close(got, torch.tensor(whole), rtol=1e-4, atol=1e-5)
    assert float(torch.diff(torch.sort(got).values).min()) > 1e-3  # a permutation would have been caught


def test_frozen_parts_refuse_a_cut_that_leaves_nothing_to_train_or_a_model_that_is_not_bert():
    import pytest

    from services.trainer.irl.frozen import frozen_parts

    model, _ = _tiny_rm()  # 2 layers: only k = 1 cuts it
    for k in (0, 2):
        with pytest.raises(ValueError, match="between 1 and 1"):
            frozen_parts(model, k)
    with pytest.raises(ValueError, match="set freeze_layers: 0"):
        frozen_parts(torch.nn.Linear(2, 2), 1)


def test_training_with_frozen_layers_moves_only_the_layers_above_the_cut():
    from services.trainer.irl.config import IRLConfig
    from services.trainer.irl.pairs import Pair
    from services.trainer.irl.train import train_reward_model
    from shared.categories import Category

    pairs = [Pair(Category.CRIME, f"prompt {i}", "I can't help with that.", f"sure, step {i}", "x") for i in range(8)]
    model, tok = _tiny_rm()
    before = {n: p.detach().clone() for n, p in model.named_parameters()}
    cfg = IRLConfig(freeze_layers=1, epochs=3, batch_size=4, dtype="float32", learning_rate=1e-3)
    result = train_reward_model(model, tok, pairs, cfg, seed=0)
    moved = {n for n, p in model.named_parameters() if not torch.equal(p, before[n])}
    assert moved and all(n.startswith(("bert.encoder.layer.1.", "bert.pooler.", "classifier.")) for n in moved)
    assert any(n.startswith("bert.encoder.layer.1.") for n in moved)
    # the reported accuracy is the trained model's, scored the ordinary way (whole forward)
    with torch.inference_mode():
        model.eval()
        r = [
            float(model(**tok(p.prompt, t, return_tensors="pt")).logits[0, 0])
            for p in pairs
            for t in (p.chosen, p.rejected)
        ]
    assert result["pair_accuracy"] == np.mean([r[2 * i] > r[2 * i + 1] for i in range(len(pairs))])
