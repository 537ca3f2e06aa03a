"""The reward scaler of GRPO-S (DR-IRL, arXiv 2503.18991 §3.3, dynamic reward scaling): pure math, no I/O.

Notation: group j is the G responses y_j1..y_jG to one prompt x_j (one GRPO group), y*_j its demonstration, r_c the
category's reward model, Φ the server's text encoder (unit vectors), σ the logistic function, μ_c the category's
prompt centroid and r̄*_c its mean reference reward. Only the group's *valid* items (those the reward model scored)
enter a group statistic; "mean_i" is over them.

``combine: product`` (default): the paper's coefficient, one per response
-------------------------------------------------------------------------
- data-level hardness, per response::

      S_ji^1..S_ji^K, S̃_j^1..S̃_j^L = the sentences of y_ji and of y*_j            split_sentences
      s_k^max = max_l cos(Φ(S_ji^k), Φ(S̃_j^l))                                    max_match
      W_ji = (1/K) Σ_k s_k^max,   δ_ji = 1 − W_ji ∈ [0, 2]                         response_delta
      α^D_ji = σ(δ_ji) / σ(δ̄_j),  δ̄_j = mean_i δ_ji                                alpha_data

- model-level responsiveness, per group::

      R_ji = r_c(x_j, y*_j) − r_c(x_j, y_ji)                                       reward_gaps
      M_ji = 1[(R_ji − R̄_j)² ≤ τ_j],  τ_j = κ · var_j(R),  R̄_j = mean_i R_ji        outlier_mask
      R̄_P = Σ_i M_ji R_ji / Σ_i M_ji,   α^M_j = σ(R̄_P) / σ(R̄_j)                   alpha_model

- joint: α_ji = α^D_ji · α^M_j (an AND gate: a response is weighted up only when both say "hard")     product_scale.

The trainer multiplies the std-normalised advantage by it, A_ji = α_ji · (r_ji − mean_j r) / std_j r: a factor
common to a group, applied to the rewards instead, would cancel under the std normalisation. Scaling modes: ``data``
uses α^D alone, ``model`` α^M alone, ``both`` the product, ``none`` α = 1.

Readings chosen where the paper leaves a choice (each alternative is a ``ScalerParams`` field):

1. Sign of R (``gap_sign``): demonstration minus response, how far a response trails the demonstration (the sign of
   the additive form's gap). One response much *better* than the rest of its group (a refusal among compliant
   answers) then sits below R̄_j, is masked out, R̄_P > R̄_j and α^M > 1: the group is weighted up; one much
   *worse* response weights it down. ``response_minus_demo`` reverses both.
2. τ (``mask_kappa``, ``mask_tau``): relative, κ times the group's *population* variance (1/n, the normaliser of the
   mean the deviations are taken from), κ = 1 by default: a response more than one standard deviation from its
   group's mean gap is an outlier. Since mean_i (R_ji − R̄_j)² = var_j(R), at least one response is always kept,
   and as (R − R̄)²/var ≤ n − 1 for n responses, κ ≥ n − 1 keeps them all (κ ≥ 3 turns the mask off for G = 4).
   ``mask_tau`` sets an absolute τ instead; if it keeps nobody, α^M = 1.
3. Per response or per group (``alpha_per``): per response, as the indices of α_ji say. ``group`` gives every
   response its group's mean α, which keeps GRPO's advantages summing to zero within a group.
4. Clip (``alpha_model_max``): α^D needs none, as δ ∈ [0, 2] bounds it to [σ(0)/σ(2), σ(2)/σ(0)] = [0.567, 1.762].
   α^M ≤ 1/σ(R̄_j) is at most 2 while a group does not beat its demonstration on average (R̄_j ≥ 0), but is
   unbounded when it does by far: R = (−5, −5, −5, −25) gives R̄_j = −10, R̄_P = −5 and α^M = σ(−5)/σ(−10) ≈ 147,
   one group owning the step's gradient. So α^M is clipped at 2 by default, the bound it keeps whenever R̄_j ≥ 0.
   No lower clip: a small α^M only quietens a group.
5. Sentences (``split_sentences``, ``max_sentences``): see the rule there. In a Chain-of-Draft text only the final
   response after ``####`` counts. A response without a sentence has W = 0 (it shares nothing with the
   demonstration), δ = 1. A demonstration without a sentence counts as no demonstration.
6. A group of one valid response: every ratio is x/x, α = 1.

Without a demonstration (the branch kept from the additive form): δ_ji = 1 − cos(Φ(x_j), μ_c), the same for every
response of the group, so α^D_ji = 1 (the data factor has nothing per response to compare); R_ji uses r̄*_c in
place of r_c(x_j, y*_j), so α^M works as with one.

``combine: sum``: the additive weight of releases ≤ 0.1, one per group (``group_weight``)
----------------------------------------------------------------------------------------
h_data = clip(1 − mean_i cos(Φ(y_ji), Φ(y*_j)), 0, 1) on whole texts (no demonstration: clip(1 − cos(Φ(x), μ_c), 0,
1)); h_model = σ((r* − mean_i r_ji)/τ) with r* = r_c(x, y*) or r̄*_c; w = clip(1 + α·h_data + β·h_model − (α+β)/2,
w_min, w_max). Scaling ``data`` sets β = 0 and ``model`` α = 0 (``additive_params``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from shared.cod import final_response
from shared.schemas import ScalerParams, ScalingMode

#: Sentence ends: a run of . ! ? … and any closing quotes or brackets, then whitespace.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+")
#: Words whose trailing "." is not a sentence end when a capital follows ("Dr. Smith", "e.g. The").
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "e.g", "i.e", "cf", "approx"})

#: The bounds of α^D that δ ∈ [0, 2] implies (reading 4).
ALPHA_DATA_MIN = 0.5 / (1.0 / (1.0 + math.exp(-2.0)))
ALPHA_DATA_MAX = 1.0 / ALPHA_DATA_MIN


# --------------------------------------------------------------------------------------------------- sentences
def split_sentences(text: str, max_sentences: int = 16) -> list[str]:
    """The sentences of a text's final response, by a fixed rule.

    Rule: a Chain-of-Draft text is reduced to its part after the ``####`` line; every line break ends a sentence;
    inside a line, a run of ``. ! ? …`` (with closing quotes or brackets) followed by whitespace ends one unless the
    next character is a lower-case letter ("e.g. the", "U.S. and") or the word before a single "." is a common
    abbreviation ("Dr. Smith"). Pieces without a letter (list numbers, "**", "-") are dropped. Past
    ``max_sentences``, the rest is joined into the last sentence, so the encoder's cost per text stays bounded.

    Returns:
        Sentences in order, stripped; empty when the text has no letter.
    """
    pieces: list[str] = []
    for line in final_response(text).splitlines():
        start = 0
        for m in _SENTENCE_END.finditer(line):
            nxt = line[m.end() : m.end() + 1]
            if not nxt or nxt.islower() or _after_abbreviation(line, m.start(), m.group()):
                continue
            pieces.append(line[start : m.end()].strip())
            start = m.end()
        pieces.append(line[start:].strip())
    sentences = [p for p in pieces if any(c.isalpha() for c in p)]
    if len(sentences) > max_sentences:
        sentences = [*sentences[: max_sentences - 1], " ".join(sentences[max_sentences - 1 :])]
    return sentences


def _after_abbreviation(line: str, end: int, punctuation: str) -> bool:
    """A single "." (``punctuation`` is the matched end, whitespace included) after a word of _ABBREVIATIONS."""
    words = line[:end].split()
    if not words or punctuation.rstrip() != ".":
        return False
    return words[-1].lstrip("(\"'“‘").lower() in _ABBREVIATIONS


# --------------------------------------------------------------------------------------------------- data factor
def unit(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit L2 norm (zero rows stay zero). Shape (N, D) → (N, D)."""
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def max_match(sentence_emb: np.ndarray, demo_emb: np.ndarray) -> np.ndarray:
    """s_k^max = max_l cos(e_k, d_l) for each of K response sentences against L demonstration sentences.

    Args:
        sentence_emb: (K, D) embeddings of the response's sentences (K may be 0).
        demo_emb: (L, D) embeddings of the demonstration's sentences, L ≥ 1.

    Returns:
        (K,) best cosine of each response sentence.
    """
    if demo_emb.ndim != 2 or demo_emb.shape[0] == 0:
        raise ValueError(f"the demonstration needs at least one sentence embedding, got shape {demo_emb.shape}")
    if sentence_emb.shape[0] == 0:
        return np.zeros(0)
    return np.asarray((unit(sentence_emb) @ unit(demo_emb).T).max(axis=1), dtype=np.float64)


def response_delta(sentence_emb: np.ndarray, demo_emb: np.ndarray) -> float:
    """δ = 1 − mean_k s_k^max, in [0, 2]; a response without a sentence has δ = 1 (W = 0)."""
    s = max_match(sentence_emb, demo_emb)
    w = float(s.mean()) if s.size else 0.0
    return float(np.clip(1.0 - w, 0.0, 2.0))  # the clip only absorbs rounding (cos ≤ 1 + 1e-7)


def prompt_delta(prompt_emb: np.ndarray, centroid: np.ndarray) -> float:
    """Without a demonstration: δ = 1 − cos(Φ(x), μ_c) ∈ [0, 2], the same for every response of the group."""
    cos = float(unit(prompt_emb[None, :])[0] @ unit(centroid[None, :])[0])
    return float(np.clip(1.0 - cos, 0.0, 2.0))


def log_sigmoid(x: np.ndarray | float) -> np.ndarray:
    """log σ(x) = −log(1 + e^(−x)), finite for any finite x."""
    return -np.logaddexp(0.0, -np.asarray(x, dtype=np.float64))


def sigmoid_ratio(a: np.ndarray | float, b: np.ndarray | float) -> np.ndarray:
    """σ(a) / σ(b), computed in log space so that σ(b) underflowing to 0 cannot divide by zero."""
    return np.asarray(np.exp(log_sigmoid(a) - log_sigmoid(b)))


def alpha_data(deltas: Sequence[float]) -> np.ndarray:
    """α^D_i = σ(δ_i) / σ(mean δ) for one group's n ≥ 1 responses. Shape (n,)."""
    d = np.asarray(deltas, dtype=np.float64)
    if d.size == 0:
        raise ValueError("a group needs at least one delta")
    return sigmoid_ratio(d, d.mean())


# --------------------------------------------------------------------------------------------------- model factor
def reward_gaps(rewards: Sequence[float], anchor_reward: float, gap_sign: str = "demo_minus_response") -> np.ndarray:
    """R_i = anchor − r_i (``demo_minus_response``) or r_i − anchor; anchor = r(x, y*) or r̄*_c. Shape (n,)."""
    r = np.asarray(rewards, dtype=np.float64)
    return anchor_reward - r if gap_sign == "demo_minus_response" else r - anchor_reward


def outlier_mask(gaps: np.ndarray, *, kappa: float = 1.0, tau: float | None = None) -> np.ndarray:
    """M_i = 1[(R_i − R̄)² ≤ τ] with τ = κ · (population variance of R), or the absolute ``tau`` when given.

    A deviation equal to τ up to rounding (relative 1e-9) counts as kept, so ties do not depend on float noise.
    """
    g = np.asarray(gaps, dtype=np.float64)
    dev2 = (g - g.mean()) ** 2
    threshold = tau if tau is not None else kappa * float(dev2.mean())
    return np.asarray((dev2 <= threshold) | np.isclose(dev2, threshold, rtol=1e-9, atol=0.0))


def alpha_model(gaps: np.ndarray, mask: np.ndarray, max_value: float | None = None) -> float:
    """α^M = σ(R̄_P) / σ(R̄), R̄_P the mean of the kept gaps; 1 when the mask keeps none; clipped at ``max_value``.

    Raises:
        FloatingPointError: without a clip, the ratio overflowed (a group beating its anchor by hundreds).
    """
    g = np.asarray(gaps, dtype=np.float64)
    if g.size == 0:
        raise ValueError("a group needs at least one gap")
    if not mask.any():
        return 1.0
    r_p, r_bar = float(g[mask].mean()), float(g.mean())
    with np.errstate(over="ignore"):
        a = float(sigmoid_ratio(r_p, r_bar))
    if max_value is not None:
        return min(a, max_value)
    if not math.isfinite(a):
        raise FloatingPointError(f"alpha_model = σ({r_p:.4g})/σ({r_bar:.4g}) overflowed; set alpha_model_max")
    return a


# --------------------------------------------------------------------------------------------------- product
@dataclass(frozen=True)
class GroupScale:
    """The scaler's output for one group's n valid responses, in order; a factor not computed is None."""

    weights: list[float]
    alpha_data: list[float] | None = None
    alpha_model: float | None = None
    deltas: list[float] | None = None
    gaps: list[float] | None = None
    hardness: float | None = None
    responsiveness: float | None = None


def uses(scaling: ScalingMode) -> tuple[bool, bool]:
    """(data factor used, model factor used) for a scaling mode."""
    return scaling in ("data", "both"), scaling in ("model", "both")


def product_scale(
    rewards: Sequence[float],
    *,
    scaling: ScalingMode,
    params: ScalerParams,
    deltas: Sequence[float] | None = None,
    anchor_reward: float | None = None,
) -> GroupScale:
    """α_ji = α^D_ji · α^M_j for one group (the factors ``scaling`` leaves out are 1).

    Args:
        rewards: raw rewards r_ji of the group's n ≥ 1 valid responses.
        scaling: which factors apply.
        params: the scaler's constants (``gap_sign``, ``mask_kappa``, ``mask_tau``, ``alpha_model_max``,
            ``alpha_per``).
        deltas: δ_ji per response; needed when the data factor applies.
        anchor_reward: r_c(x, y*) or r̄*_c; needed when the model factor applies.
    """
    n = len(rewards)
    if n == 0:
        raise ValueError("a group needs at least one reward")
    use_data, use_model = uses(scaling)
    alpha = np.ones(n)
    a_data = gaps = None
    a_model = None
    if use_data:
        if deltas is None or len(deltas) != n:
            raise ValueError(f"the data factor needs one delta per reward ({n})")
        a_data = alpha_data(deltas)
        alpha = alpha * a_data
    if use_model:
        if anchor_reward is None:
            raise ValueError("the model factor needs the demonstration's (or the category's mean) reward")
        gaps = reward_gaps(rewards, anchor_reward, params.gap_sign)
        mask = outlier_mask(gaps, kappa=params.mask_kappa, tau=params.mask_tau)
        a_model = alpha_model(gaps, mask, params.alpha_model_max)
        alpha = alpha * a_model
    if params.alpha_per == "group":
        alpha = np.full(n, alpha.mean())
    return GroupScale(
        weights=[float(a) for a in alpha],
        alpha_data=None if a_data is None else [float(a) for a in a_data],
        alpha_model=a_model,
        deltas=None if not use_data or deltas is None else [float(d) for d in deltas],
        gaps=None if gaps is None else [float(g) for g in gaps],
    )


# --------------------------------------------------------------------------------------------------- sum
def data_hardness(response_emb: np.ndarray, anchor_emb: np.ndarray) -> float:
    """h_data = clip(1 − mean_i cos(e_i, anchor), 0, 1).

    Args:
        response_emb: (G, D) embeddings of the group's responses (the reference case), or (1, D) holding the
            prompt's embedding (the no-reference case, where the anchor is the category centroid μ_c).
        anchor_emb: (D,) embedding of the reference y*, or the centroid μ_c.
    """
    cos = unit(np.atleast_2d(response_emb)) @ unit(anchor_emb[None, :])[0]
    return float(np.clip(1.0 - float(np.mean(cos)), 0.0, 1.0))


def sigmoid(x: float) -> float:
    """Numerically stable logistic function."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def model_responsiveness(reference_reward: float, rewards: Sequence[float], tau: float) -> float:
    """h_model = sigmoid((r(x, y*) − mean_i r(x, y_i)) / τ); ``rewards`` are the group's raw rewards (≥ 1)."""
    if not rewards:
        raise ValueError("a group needs at least one reward")
    gap = reference_reward - float(np.mean(rewards))
    return sigmoid(gap / tau)


def difficulty_weight(h_data: float, h_model: float, params: ScalerParams) -> float:
    """w = clip(1 + α·h_data + β·h_model − (α+β)/2, w_min, w_max); both h at 0.5 give w = 1."""
    w = 1.0 + params.alpha * h_data + params.beta * h_model - (params.alpha + params.beta) / 2.0
    return float(min(max(w, params.w_min), params.w_max))


def additive_params(params: ScalerParams, scaling: ScalingMode) -> ScalerParams:
    """The sum form's constants for a scaling mode: ``data`` zeroes β, ``model`` zeroes α, ``none`` both."""
    use_data, use_model = uses(scaling)
    update = {k: 0.0 for k, used in (("alpha", use_data), ("beta", use_model)) if not used}
    return params.model_copy(update=update) if update else params


def group_weight(
    *,
    rewards: Sequence[float],
    response_emb: np.ndarray | None,
    reference_emb: np.ndarray | None,
    reference_reward: float | None,
    prompt_emb: np.ndarray,
    centroid: np.ndarray,
    mean_reference_reward: float,
    params: ScalerParams,
) -> tuple[float, float, float]:
    """(w, h_data, h_model) for one group, choosing the reference or no-reference branch of each definition."""
    if reference_emb is not None and response_emb is not None:
        h_data = data_hardness(response_emb, reference_emb)
    else:
        h_data = data_hardness(prompt_emb[None, :], centroid)
    r_star = reference_reward if reference_reward is not None else mean_reference_reward
    h_model = model_responsiveness(r_star, rewards, params.tau)
    return difficulty_weight(h_data, h_model, params), h_data, h_model
