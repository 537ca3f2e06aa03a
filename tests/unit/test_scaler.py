"""The reward scaler against numbers worked out by hand (σ(x) = 1/(1 + e^−x); σ(0) = 0.5, σ(0.5) = 0.622459,
σ(0.75) = 0.679179, σ(1) = 0.731059, σ(1.5) = 0.817574, σ(2) = 0.880797)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from services.reward_server.scaler import (
    ALPHA_DATA_MAX,
    ALPHA_DATA_MIN,
    additive_params,
    alpha_data,
    alpha_model,
    data_hardness,
    difficulty_weight,
    group_weight,
    max_match,
    model_responsiveness,
    outlier_mask,
    product_scale,
    prompt_delta,
    response_delta,
    reward_gaps,
    sigmoid,
    split_sentences,
)
from shared.schemas import ScalerParams

DEFAULT = ScalerParams()
S = {0: 0.5, 0.5: 0.622459, 0.75: 0.679179, 1: 0.731059, 1.5: 0.817574, 2: 0.880797}  # σ, to 6 digits


# --------------------------------------------------------------------------------------------------- sentences
def test_sentences_end_at_punctuation_followed_by_space():
    text = "I can't help build explosives; they kill. If it's chemistry, I'm happy to explain! Sure?"
    assert split_sentences(text) == [
        "I can't help build explosives; they kill.",
        "If it's chemistry, I'm happy to explain!",
        "Sure?",
    ]


def test_only_the_final_response_of_a_chain_of_draft_counts():
    demo = "asks: pipe bomb build\nharm: mass casualties\ndecision: refuse\n####\nI can't help. Ask about chemistry."
    assert split_sentences(demo) == ["I can't help.", "Ask about chemistry."]


def test_abbreviations_and_lower_case_continuations_do_not_end_a_sentence():
    text = 'Dr. Smith said no. See e.g. the U.S. rules. "Stop." Then go.'
    assert split_sentences(text) == ["Dr. Smith said no.", "See e.g. the U.S. rules.", '"Stop."', "Then go."]


def test_line_breaks_end_sentences_and_pieces_without_letters_are_dropped():
    assert split_sentences("Steps:\n1. Turn it off\n2. Unplug it\n- **\n\n") == [
        "Steps:",
        "Turn it off",
        "Unplug it",
    ]


def test_text_without_letters_has_no_sentence():
    assert split_sentences("") == [] and split_sentences("  ...\n42 ") == []
    assert split_sentences("no punctuation at all") == ["no punctuation at all"]


def test_sentences_past_the_limit_are_joined_into_the_last():
    assert split_sentences("A one. B two. C three. D four.", max_sentences=2) == ["A one.", "B two. C three. D four."]


# --------------------------------------------------------------------------------------------------- data factor
DEMO = np.array([[1.0, 0.0], [0.0, 2.0]])  # two demonstration sentences (not unit: the scaler normalises)


def test_max_match_takes_each_sentence_s_best_cosine():
    sentences = np.array([[3.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    # (1,0) matches demo 1 exactly, (0,1) demo 2 exactly, (1,1)/√2 is 0.7071 from both
    np.testing.assert_allclose(max_match(sentences, DEMO), [1.0, 1.0, 1 / math.sqrt(2)])
    np.testing.assert_allclose(max_match(sentences, DEMO[:1]), [1.0, 0.0, 1 / math.sqrt(2)])


def test_delta_is_one_minus_the_mean_best_match():
    sentences = np.array([[1.0, 0.0], [-1.0, 0.0], [1.0, 1.0]])
    # best matches 1, 0 (cos(−e1, e1) = −1 but cos(−e1, e2) = 0), 0.7071 → W = 0.5690, δ = 0.4310
    assert response_delta(sentences, DEMO) == pytest.approx(1 - (1 + 0 + 1 / math.sqrt(2)) / 3)
    assert response_delta(np.array([[-1.0, 0.0]]), DEMO[:1]) == pytest.approx(2.0)  # opposite: the upper end


def test_response_without_sentences_has_delta_one_and_a_demonstration_needs_one():
    assert response_delta(np.zeros((0, 2)), DEMO) == 1.0
    with pytest.raises(ValueError, match="at least one sentence"):
        max_match(np.ones((1, 2)), np.zeros((0, 2)))


def test_prompt_delta_is_the_distance_to_the_centroid():
    assert prompt_delta(np.array([1.0, 1.0]), np.array([1.0, 0.0])) == pytest.approx(1 - 1 / math.sqrt(2))


def test_alpha_data_is_a_sigmoid_ratio_to_the_group_mean_delta():
    # δ = (0, 1): mean 0.5 → σ(0)/σ(0.5) = 0.803265, σ(1)/σ(0.5) = 1.174468
    np.testing.assert_allclose(alpha_data([0.0, 1.0]), [S[0] / S[0.5], S[1] / S[0.5]], rtol=1e-5)
    np.testing.assert_allclose(alpha_data([0.3, 0.3, 0.3]), [1.0, 1.0, 1.0])  # equal deltas: no preference


def test_alpha_data_stays_within_the_bounds_delta_in_0_2_implies():
    a = alpha_data([0.0] * 99 + [2.0])  # mean ≈ 0: the lone δ = 2 gets nearly σ(2)/σ(0)
    assert pytest.approx(S[0] / S[2], rel=1e-5) == ALPHA_DATA_MIN
    assert pytest.approx(S[2] / S[0], rel=1e-5) == ALPHA_DATA_MAX
    assert a.min() >= ALPHA_DATA_MIN and a.max() <= ALPHA_DATA_MAX
    assert a.max() == pytest.approx(ALPHA_DATA_MAX, rel=0.01)


# --------------------------------------------------------------------------------------------------- model factor
def test_gap_sign_is_demonstration_minus_response_by_default():
    np.testing.assert_allclose(reward_gaps([-1.0, 0.5], 1.0), [2.0, 0.5])
    np.testing.assert_allclose(reward_gaps([-1.0, 0.5], 1.0, "response_minus_demo"), [-2.0, -0.5])


def test_mask_drops_what_lies_beyond_kappa_times_the_population_variance():
    gaps = np.array([2.0, 2.0, 2.0, 0.0])  # mean 1.5, var 0.75; squared deviations 0.25, 0.25, 0.25, 2.25
    assert outlier_mask(gaps).tolist() == [True, True, True, False]  # κ = 1: 2.25 > 0.75
    assert outlier_mask(gaps, kappa=3.0).all()  # 2.25 ≤ 3 · 0.75: κ ≥ G − 1 keeps everyone
    assert outlier_mask(np.array([0.0, 0.0, 1.0, 1.0])).all()  # every deviation equals the variance: kept
    assert not outlier_mask(np.array([0.0, 0.0, 1.0, 1.0]), tau=0.1).any()  # absolute τ: 0.25 > 0.1


def test_alpha_model_weights_up_a_group_with_one_much_better_response():
    # rewards (−1, −1, −1, 1) against a demonstration at 1: gaps (2, 2, 2, 0); the 0 is masked
    gaps = reward_gaps([-1.0, -1.0, -1.0, 1.0], 1.0)
    assert alpha_model(gaps, outlier_mask(gaps)) == pytest.approx(S[2] / S[1.5], rel=1e-5)  # 1.077329
    # one much worse response instead: gaps (0, 0, 0, 2), R̄ = 0.5, R̄_P = 0
    gaps = reward_gaps([1.0, 1.0, 1.0, -1.0], 1.0)
    assert alpha_model(gaps, outlier_mask(gaps)) == pytest.approx(S[0] / S[0.5], rel=1e-5)  # 0.803265


def test_alpha_model_is_one_without_outliers_or_when_the_mask_keeps_none():
    gaps = np.array([0.0, 0.0, 1.0, 1.0])
    assert alpha_model(gaps, outlier_mask(gaps)) == pytest.approx(1.0)
    assert alpha_model(gaps, np.zeros(4, dtype=bool)) == 1.0


def test_alpha_model_is_clipped_where_it_would_explode():
    gaps = np.array([-5.0, -5.0, -5.0, -25.0])  # R̄ = −10, R̄_P = −5: σ(−5)/σ(−10) = 147.43
    mask = outlier_mask(gaps)
    assert alpha_model(gaps, mask) == pytest.approx(147.4265, rel=1e-5)
    assert alpha_model(gaps, mask, max_value=2.0) == 2.0
    with pytest.raises(FloatingPointError, match="alpha_model_max"):
        alpha_model(np.array([0.0, 0.0, 0.0, -4000.0]), np.array([True, True, True, False]))


# --------------------------------------------------------------------------------------------------- product
REWARDS = [-1.0, -1.0, -1.0, 1.0]  # anchor 1: gaps (2, 2, 2, 0) → α^M = σ(2)/σ(1.5)
DELTAS = [1.0, 1.0, 1.0, 0.0]  # mean 0.75 → α^D = σ(1)/σ(0.75) (×3), σ(0)/σ(0.75)


def test_product_is_alpha_data_times_alpha_model_per_response():
    out = product_scale(REWARDS, scaling="both", params=DEFAULT, deltas=DELTAS, anchor_reward=1.0)
    a_d = [S[1] / S[0.75]] * 3 + [S[0] / S[0.75]]  # 1.076386 ×3, 0.736183
    a_m = S[2] / S[1.5]  # 1.077329
    np.testing.assert_allclose(out.alpha_data, a_d, rtol=1e-5)
    assert out.alpha_model == pytest.approx(a_m, rel=1e-5)
    np.testing.assert_allclose(out.weights, [a * a_m for a in a_d], rtol=1e-5)  # 1.159623 ×3, 0.793112
    assert out.deltas == DELTAS and out.gaps == [2.0, 2.0, 2.0, 0.0]


def test_scaling_modes_keep_only_their_factor():
    data = product_scale(REWARDS, scaling="data", params=DEFAULT, deltas=DELTAS)
    model = product_scale(REWARDS, scaling="model", params=DEFAULT, anchor_reward=1.0)
    none = product_scale(REWARDS, scaling="none", params=DEFAULT)
    assert data.weights == data.alpha_data and data.alpha_model is None and data.gaps is None
    assert model.weights == [model.alpha_model] * 4 and model.alpha_data is None and model.deltas is None
    assert none.weights == [1.0] * 4
    with pytest.raises(ValueError, match="delta"):
        product_scale(REWARDS, scaling="data", params=DEFAULT)
    with pytest.raises(ValueError, match="reward"):
        product_scale(REWARDS, scaling="model", params=DEFAULT)


def test_group_averaged_alpha_gives_every_response_the_group_mean():
    per_item = product_scale(REWARDS, scaling="both", params=DEFAULT, deltas=DELTAS, anchor_reward=1.0)
    grouped = product_scale(
        REWARDS, scaling="both", params=ScalerParams(alpha_per="group"), deltas=DELTAS, anchor_reward=1.0
    )
    assert grouped.weights == pytest.approx([sum(per_item.weights) / 4] * 4)


def test_a_group_of_one_has_alpha_one():
    out = product_scale([0.7], scaling="both", params=DEFAULT, deltas=[1.3], anchor_reward=-2.0)
    assert out.weights == pytest.approx([1.0]) and out.alpha_data == pytest.approx([1.0])
    assert out.alpha_model == pytest.approx(1.0)


# --------------------------------------------------------------------------------------------------- sum
def test_additive_params_zero_the_unused_coefficient():
    assert additive_params(DEFAULT, "both") is DEFAULT
    assert (additive_params(DEFAULT, "data").alpha, additive_params(DEFAULT, "data").beta) == (1.0, 0.0)
    assert (additive_params(DEFAULT, "model").alpha, additive_params(DEFAULT, "model").beta) == (0.0, 1.0)


def test_data_hardness_with_reference_is_one_minus_mean_cosine():
    # cos((1,0),(1,0)) = 1, cos((0,1),(1,0)) = 0 → mean 0.5 → h = 0.5
    responses = np.array([[1.0, 0.0], [0.0, 3.0]])  # not unit: the scaler normalises
    assert data_hardness(responses, np.array([2.0, 0.0])) == pytest.approx(0.5)


def test_data_hardness_is_clipped_to_unit_interval():
    assert data_hardness(np.array([[-1.0, 0.0]]), np.array([1.0, 0.0])) == 1.0  # 1 − (−1) = 2 → 1
    assert data_hardness(np.array([[1.0, 0.0]]), np.array([1.0, 0.0])) == 0.0


def test_responsiveness_is_sigmoid_of_gap_over_tau():
    # gap = 4 − mean(1, 3) = 2
    assert model_responsiveness(4.0, [1.0, 3.0], tau=1.0) == pytest.approx(1 / (1 + math.exp(-2)))
    assert model_responsiveness(4.0, [1.0, 3.0], tau=2.0) == pytest.approx(1 / (1 + math.exp(-1)))
    assert model_responsiveness(2.0, [2.0], tau=1.0) == pytest.approx(0.5)


def test_sigmoid_is_stable_for_large_inputs():
    assert sigmoid(-1000.0) == 0.0
    assert sigmoid(1000.0) == 1.0


def test_weight_is_one_when_both_hardnesses_are_one_half():
    assert difficulty_weight(0.5, 0.5, DEFAULT) == pytest.approx(1.0)


def test_weight_formula_and_clipping():
    # 1 + 1·0.5 + 1·0.8808 − 1 = 1.3808
    assert difficulty_weight(0.5, 0.880797, DEFAULT) == pytest.approx(1.380797)
    strong = ScalerParams(alpha=4, beta=4)
    assert difficulty_weight(1.0, 1.0, strong) == 2.0  # 1 + 4 + 4 − 4 = 5 → w_max
    assert difficulty_weight(0.0, 0.0, strong) == 0.5  # 1 − 4 = −3 → w_min
    # α = 2, β = 0: 1 + 2·0.75 − 1 = 1.5
    assert difficulty_weight(0.75, 0.1, ScalerParams(alpha=2, beta=0)) == pytest.approx(1.5)


def test_group_weight_with_reference():
    w, h_data, h_model = group_weight(
        rewards=[1.0, 3.0],
        response_emb=np.array([[1.0, 0.0], [0.0, 1.0]]),
        reference_emb=np.array([1.0, 0.0]),
        reference_reward=4.0,
        prompt_emb=np.array([0.0, 1.0]),
        centroid=np.array([0.0, 1.0]),
        mean_reference_reward=-100.0,
        params=DEFAULT,
    )
    assert h_data == pytest.approx(0.5)
    assert h_model == pytest.approx(0.880797, abs=1e-6)
    assert w == pytest.approx(1.380797, abs=1e-6)


def test_group_weight_without_reference_uses_centroid_and_mean_reference_reward():
    # cos((1,1)/√2, (1,0)) = 0.7071 → h_data = 0.2929; gap = 0 − 0 → h_model = 0.5; w = 1 + 0.2929 + 0.5 − 1
    w, h_data, h_model = group_weight(
        rewards=[0.0],
        response_emb=None,
        reference_emb=None,
        reference_reward=None,
        prompt_emb=np.array([1.0, 1.0]),
        centroid=np.array([1.0, 0.0]),
        mean_reference_reward=0.0,
        params=DEFAULT,
    )
    assert h_data == pytest.approx(1 - 1 / math.sqrt(2))
    assert h_model == pytest.approx(0.5)
    assert w == pytest.approx(0.792893, abs=1e-6)


# --------------------------------------------------------------------------------------------------- sum = today
def _today_difficulty_weight(h_data, h_model, params):
    """The additive weight exactly as main shipped it (services/reward_server/scaler.py at 0571dc3)."""
    w = 1.0 + params.alpha * h_data + params.beta * h_model - (params.alpha + params.beta) / 2.0
    return float(min(max(w, params.w_min), params.w_max))


def _today_group_weight(rewards, response_emb, reference_emb, reference_reward, prompt_emb, centroid, mrr, params):
    def unit(v):
        n = np.linalg.norm(v, axis=-1, keepdims=True)
        return v / np.where(n == 0, 1.0, n)

    def hardness(resp, anchor):
        cos = unit(np.atleast_2d(resp)) @ unit(anchor[None, :])[0]
        return float(np.clip(1.0 - float(np.mean(cos)), 0.0, 1.0))

    h_data = hardness(response_emb, reference_emb) if reference_emb is not None else hardness(prompt_emb, centroid)
    r_star = reference_reward if reference_reward is not None else mrr
    h_model = sigmoid((r_star - float(np.mean(rewards))) / params.tau)
    return _today_difficulty_weight(h_data, h_model, params), h_data, h_model


@pytest.mark.parametrize("scaling", ["both", "data", "model"])
@pytest.mark.parametrize("with_reference", [True, False])
def test_sum_reproduces_todays_weights_exactly(scaling, with_reference):
    """combine=sum gives the numbers main gave: the server's w for "both", the trainer's recomposition (β = 0 for
    data, α = 0 for model) for the others."""
    rng = np.random.default_rng(7)
    params = ScalerParams(alpha=1.5, beta=0.7, tau=0.8, w_min=0.6, w_max=1.9)
    for _ in range(50):
        rewards = list(rng.normal(size=4))
        resp, ref, prompt, centroid = (
            rng.normal(size=(4, 8)),
            rng.normal(size=8),
            rng.normal(size=8),
            rng.normal(size=8),
        )
        ref_reward = float(rng.normal()) if with_reference else None
        kw = {"reference_emb": ref if with_reference else None, "reference_reward": ref_reward}
        w_today, h_data, h_model = _today_group_weight(
            rewards, resp, kw["reference_emb"], ref_reward, prompt, centroid, 0.3, params
        )
        if scaling != "both":  # what loop.py did with the server's hardness and responsiveness
            zeroed = params.model_copy(update={"beta": 0.0} if scaling == "data" else {"alpha": 0.0})
            w_today = _today_difficulty_weight(h_data, h_model, zeroed)
        w, hd, hm = group_weight(
            rewards=rewards,
            response_emb=resp,
            prompt_emb=prompt,
            centroid=centroid,
            mean_reference_reward=0.3,
            params=additive_params(params, scaling),
            **kw,
        )
        assert (w, hd, hm) == (w_today, h_data, h_model)
