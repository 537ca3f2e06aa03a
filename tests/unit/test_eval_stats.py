"""Evaluation statistics against numbers worked out by hand."""

from __future__ import annotations

import math

import pytest

from services.trainer.eval.stats import (
    agreement_summary,
    cohen_kappa,
    confusion_matrix,
    per_label_kappa,
    proportion,
    raw_agreement,
    wilson_interval,
)


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    [
        # p̂ = 0, n = 10: centre = (z²/20)/(1 + z²/10) = 0.13876, half-width the same → [0, 0.2775]
        (0, 10, 0.0, 0.27753),
        # p̂ = 0.5: centre 0.5, half = 1.96/1.38415 · sqrt(0.025 + 0.0096037) = 0.26341
        (5, 10, 0.23659, 0.76341),
        (10, 10, 0.72247, 1.0),
        # 1 of 4: centre (0.25 + z²/8)/(1 + z²/4) = 0.73018/1.96037 = 0.37247, half 0.99979 · sqrt(0.10690) = 0.32688
        (1, 4, 0.04560, 0.69936),
    ],
)
def test_wilson_interval_matches_hand_computed_values(k: int, n: int, low: float, high: float) -> None:
    lo, hi = wilson_interval(k, n)
    assert lo == pytest.approx(low, abs=1e-4)
    assert hi == pytest.approx(high, abs=1e-4)


def test_wilson_interval_edges() -> None:
    assert wilson_interval(0, 0) == (0.0, 1.0)  # no trials: no information
    lo, hi = wilson_interval(2.5, 5)  # a fractional count (mean of several answers per prompt): p̂ = 0.5
    assert lo == pytest.approx(1 - hi) and lo < 0.5 < hi
    with pytest.raises(ValueError, match="successes <= n"):
        wilson_interval(11, 10)
    p = proportion(3, 4)
    assert p.value == 0.75 and p.low < 0.75 < p.high
    assert p.to_json()["n"] == 4 and math.isnan(proportion(0, 0).value)


def test_cohen_kappa_on_the_textbook_two_by_two() -> None:
    # 50 items: both yes 20, a yes / b no 5, a no / b yes 10, both no 15.
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert raw_agreement(a, b) == pytest.approx(0.7)
    # p_e = 0.5 · 0.6 + 0.5 · 0.4 = 0.5 → κ = (0.7 − 0.5)/(1 − 0.5) = 0.4
    assert cohen_kappa(a, b) == pytest.approx(0.4)


GOLD = ["refusal", "refusal", "helpful", "non_answer", "non_answer", "compliance"]
PRED = ["refusal", "helpful", "helpful", "non_answer", "compliance", "compliance"]


def test_kappa_overall_and_per_label_by_hand() -> None:
    # p_o = 4/6; gold counts r2 h1 n2 c1, pred r1 h2 n1 c2 → p_e = (2+2+2+2)/36 → κ = (24−8)/(36−8) = 16/28
    assert cohen_kappa(GOLD, PRED) == pytest.approx(16 / 28)
    per = per_label_kappa(GOLD, PRED)
    # refusal one-vs-rest: gold 110000, pred 100000 → p_o 5/6, p_e = (2·1 + 4·5)/36 = 22/36 → κ = 8/14
    assert per["refusal"] == pytest.approx(8 / 14)
    # helpful: gold 001000, pred 011000 → p_o 5/6, p_e = (1·2 + 5·4)/36 = 22/36 → κ = 8/14
    assert per["helpful"] == pytest.approx(8 / 14)
    assert list(per) == sorted(per)


def test_kappa_is_undefined_when_both_use_one_label_and_perfect_agreement_is_one() -> None:
    assert math.isnan(cohen_kappa(["a", "a"], ["a", "a"]))
    assert math.isnan(cohen_kappa([], []))
    assert cohen_kappa(["a", "b", "a"], ["a", "b", "a"]) == 1.0
    with pytest.raises(ValueError, match="differ in length"):
        cohen_kappa(["a"], ["a", "b"])


def test_confusion_matrix_counts_every_cell() -> None:
    m = confusion_matrix(GOLD, PRED, labels=["refusal", "helpful", "non_answer", "compliance"])
    assert m["refusal"] == {"refusal": 1, "helpful": 1, "non_answer": 0, "compliance": 0}
    assert m["non_answer"]["compliance"] == 1 and m["compliance"]["compliance"] == 1
    assert sum(sum(row.values()) for row in m.values()) == len(GOLD)
    with pytest.raises(ValueError, match="not among labels"):
        confusion_matrix(["x"], ["y"], labels=["x"])


def test_agreement_summary_is_what_the_report_renders() -> None:
    s = agreement_summary(GOLD, PRED, labels=["refusal", "helpful", "non_answer", "compliance"])
    assert s["n"] == 6 and s["agreement"]["k"] == 4
    assert s["agreement"]["value"] == pytest.approx(4 / 6)
    assert s["kappa"] == pytest.approx(16 / 28)
    assert s["per_label"]["refusal"] == {"kappa": pytest.approx(8 / 14), "gold": 2, "pred": 1, "agree": 1}
    assert s["confusion"]["refusal"]["helpful"] == 1
