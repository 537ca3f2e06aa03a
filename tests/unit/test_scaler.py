"""The difficulty scaler against numbers worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from services.reward_server.scaler import (
    data_hardness,
    difficulty_weight,
    group_weight,
    model_responsiveness,
    sigmoid,
)
from shared.schemas import ScalerParams

DEFAULT = ScalerParams()


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
