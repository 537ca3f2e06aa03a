"""Between a /score request and the pure scaler: what each group needs computed, and its coefficients.

:class:`~services.reward_server.scoring.Scorer` asks :func:`plan` which reward-model jobs, whole texts ("e") and
sentences ("s") a request needs, runs them through the cache and the batcher, stores the results on the
:class:`ScalingRun`, and then calls :func:`scale_group` once per group. Nothing here does I/O; the formulas live in
``scaler.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from services.reward_server import scaler
from shared.categories import Category
from shared.schemas import CombineRule, ScalerParams, ScalingMode, ScoreRequest

RewardKey = tuple[Category, str, str]  # (category, prompt, final response)


@dataclass
class ScalingRun:
    """One request's state between the stages of ``Scorer.score`` (texts already reduced to their final part)."""

    req: ScoreRequest
    params: ScalerParams
    categories: list[Category | None]
    sources: list[str]
    responses: list[str]
    references: list[str | None]
    route_errors: dict[int, BaseException] = field(default_factory=dict)
    sentences: dict[str, list[str]] = field(default_factory=dict)  # text → its sentences, split once per request
    raw: dict[RewardKey, float | BaseException] = field(default_factory=dict)
    cached: set[RewardKey] = field(default_factory=set)
    emb: dict[str, np.ndarray | BaseException] = field(default_factory=dict)
    sentence_emb: dict[str, np.ndarray | BaseException] = field(default_factory=dict)

    @property
    def scaling(self) -> ScalingMode:
        """``scale: false`` means none; otherwise the request's mode, both when omitted."""
        return "none" if not self.req.scale else (self.req.scaling or "both")

    @property
    def combine(self) -> CombineRule:
        return self.req.combine or self.params.combine

    def split(self, text: str) -> list[str]:
        if text not in self.sentences:
            self.sentences[text] = scaler.split_sentences(text, self.params.max_sentences)
        return self.sentences[text]


def plan(run: ScalingRun, groups: dict[str, list[int]]) -> tuple[list[RewardKey], list[str], list[str]]:
    """What to compute: reward-model jobs, whole texts to embed ("e"), sentences to embed ("s"); each deduplicated.

    The product needs, per group of two or more, the demonstration's reward (model factor) and the sentences of the
    responses and of the demonstration, or the prompt without one (data factor). The sum needs what it always did,
    whatever the mode: the reference's reward and whole-text embeddings of the responses and the reference, or the
    prompt. A demonstration without a sentence counts as none in the product (scaler.py, reading 5).
    """
    items = run.req.items
    rm_jobs = [(c, items[i].prompt, run.responses[i]) for i, c in enumerate(run.categories) if c is not None]
    texts: list[str] = []
    sentences: list[str] = []
    if run.scaling == "none":
        return rm_jobs, texts, sentences
    is_sum = run.combine == "sum"
    use_data, use_model = (True, True) if is_sum else scaler.uses(run.scaling)
    for members in groups.values():
        lead = members[0]
        cat, prompt = run.categories[lead], items[lead].prompt
        if cat is None or (not is_sum and len(members) == 1):  # a group of one has α = 1 (every ratio is x/x)
            continue
        ref = run.references[lead]
        if not is_sum and ref is not None and not run.split(ref):
            for i in members:
                run.references[i] = ref = None
        if use_model and ref is not None:
            rm_jobs.append((cat, prompt, ref))
        if not use_data:
            continue
        if ref is None:
            texts.append(prompt)
        elif is_sum:
            texts += [*(run.responses[i] for i in members), ref]
        else:
            for text in (ref, *(run.responses[i] for i in members)):
                sentences += run.split(text)
    return list(dict.fromkeys(rm_jobs)), list(dict.fromkeys(texts)), list(dict.fromkeys(sentences))


def scale_group(
    run: ScalingRun,
    members: list[int],
    values: dict[int, float],
    *,
    centroid: np.ndarray,
    mean_reference_reward: float,
) -> scaler.GroupScale:
    """The scaler's coefficients for one group's valid items (``values``: item index → raw reward, in order).

    Raises:
        BaseException: the forward error of an embedding or of the reference reward the group needs.
    """
    n = len(values)
    if run.scaling == "none":
        return scaler.GroupScale(weights=[1.0] * n)
    lead = members[0]
    cat, prompt, ref = run.categories[lead], run.req.items[lead].prompt, run.references[lead]
    assert cat is not None
    if run.combine == "sum":
        return _additive(run, cat, prompt, ref, values, centroid, mean_reference_reward)
    use_data, use_model = scaler.uses(run.scaling)
    if len(members) == 1:
        return scaler.GroupScale(
            weights=[1.0] * n, alpha_data=[1.0] * n if use_data else None, alpha_model=1.0 if use_model else None
        )
    deltas = None
    if use_data and ref is not None:
        demo = _stack(run.sentence_emb, run.sentences[ref])
        deltas = [
            scaler.response_delta(_stack(run.sentence_emb, run.sentences[run.responses[i]]), demo) for i in values
        ]
    elif use_data:
        deltas = [scaler.prompt_delta(_found(run.emb[prompt]), centroid)] * n
    anchor = None
    if use_model:
        anchor = _found(run.raw[(cat, prompt, ref)]) if ref is not None else mean_reference_reward
    return scaler.product_scale(
        list(values.values()), scaling=run.scaling, params=run.params, deltas=deltas, anchor_reward=anchor
    )


def _additive(
    run: ScalingRun,
    cat: Category,
    prompt: str,
    reference: str | None,
    values: dict[int, float],
    centroid: np.ndarray,
    mean_reference_reward: float,
) -> scaler.GroupScale:
    """combine=sum: the per-group weight w, from exactly the inputs it always had."""
    ref_reward: float | None = None
    ref_emb: np.ndarray | None = None
    resp_emb: np.ndarray | None = None
    if reference is not None:
        ref_reward = _found(run.raw[(cat, prompt, reference)])
        ref_emb = prompt_emb = _found(run.emb[reference])  # the prompt's embedding is only read without a reference
        resp_emb = np.stack([_found(run.emb[run.responses[i]]) for i in values])
    else:
        prompt_emb = _found(run.emb[prompt])
    # Keyword arguments on purpose: group_weight is keyword-only, so no two of its arrays can be swapped unseen.
    w, h_data, h_model = scaler.group_weight(
        rewards=list(values.values()),
        response_emb=resp_emb,
        reference_emb=ref_emb,
        reference_reward=ref_reward,
        prompt_emb=prompt_emb,
        centroid=centroid,
        mean_reference_reward=mean_reference_reward,
        params=scaler.additive_params(run.params, run.scaling),
    )
    return scaler.GroupScale(weights=[w] * len(values), hardness=h_data, responsiveness=h_model)


def _found(value: Any) -> Any:
    """A looked-up reward or embedding, or the exception its forward raised."""
    if isinstance(value, BaseException):
        raise value
    return value


def _stack(embeddings: dict[str, np.ndarray | BaseException], texts: list[str]) -> np.ndarray:
    """(K, D) embeddings of ``texts`` (K may be 0)."""
    return np.stack([_found(embeddings[t]) for t in texts]) if texts else np.zeros((0, 0), dtype=np.float32)
