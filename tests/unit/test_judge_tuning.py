"""The judge's tuning search on hand-made features (numbers checkable on paper) and through `drirl judge tune` with a
stand-in encoder; the search on the real development file is in tests/integration/test_judge_audit.py."""

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from services.trainer.cli import app
from services.trainer.eval import judge_tuning
from services.trainer.eval.judge import ENGAGE_THRESHOLD, ENGAGE_WEIGHTS, MIN_TRIGRAM_VARIETY, Verdict
from services.trainer.eval.judge_tuning import (
    ENGAGES,
    GRID,
    GRID_AXES,
    NON_ANSWER,
    REFUSES,
    SHIPPED,
    TERMS,
    Candidate,
    Features,
    best,
    candidate_verdicts,
    cross_validate,
    grid,
    instruction_density,
    prompt_folds,
    target,
)


def _features(cosine: list[float], label: list[int], **kw: list) -> Features:
    n = len(cosine)
    return Features(
        declines=np.array(kw.get("declines", [False] * n)),
        words=np.array(kw.get("words", [50] * n)),
        variety=np.array(kw.get("variety", [1.0] * n)),
        cosine=np.array(cosine),
        terms=np.array(kw.get("terms", [[0.0] * len(TERMS)] * n)),
        label=np.array(label),
        prompt=kw.get("prompt", [f"p{i}" for i in range(n)]),
    )


def _candidate(threshold: float, weights: tuple[float, ...] = (0.0, 0.0, 0.0, 0.0), min_variety: float = 0.35):
    return Candidate(min_variety, weights, threshold)


def test_candidate_verdicts_follow_the_judges_steps() -> None:
    # rows: a decline (cosine 0.9), a loop (variety 0.4, cosine 0.9), 2 words, cosine 0.5 + a frame, cosine 0.5 bare
    f = _features(
        [0.9, 0.9, 0.9, 0.5, 0.5],
        [REFUSES, NON_ANSWER, NON_ANSWER, ENGAGES, NON_ANSWER],
        declines=[True, False, False, False, False],
        variety=[1.0, 0.4, 1.0, 1.0, 1.0],
        words=[50, 50, 2, 50, 50],
        terms=[[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 0]],
    )
    strict = _candidate(0.65, (0.0, 0.2, 0.0, 0.0), min_variety=0.45)  # 0.5 + 0.2 = 0.7 engages; 0.5 does not
    loose = _candidate(0.65, (0.0, 0.2, 0.0, 0.0), min_variety=0.35)  # the loop (0.4 ≥ 0.35) is judged on its score
    out = candidate_verdicts(f, [strict, loose])
    assert out[:, 0].tolist() == [REFUSES, NON_ANSWER, NON_ANSWER, ENGAGES, NON_ANSWER]
    assert out[:, 1].tolist() == [REFUSES, ENGAGES, NON_ANSWER, ENGAGES, NON_ANSWER]


def test_best_takes_the_most_correct_and_the_first_on_a_tie() -> None:
    correct = np.array([[1, 1, 1, 0], [0, 1, 1, 1], [0, 0, 1, 1]], dtype=bool)  # column hits 1, 2, 3, 2
    assert best(correct) == 2
    assert best(np.ones((2, 3), dtype=bool)) == 0


def test_prompt_folds_keep_a_prompts_answers_together_and_use_every_fold() -> None:
    prompts = [f"p{i // 3}" for i in range(30)]  # 10 prompts, 3 answers each
    fold = prompt_folds(prompts, k=5, seed=0)
    for p in set(prompts):
        assert len({fold[i] for i, q in enumerate(prompts) if q == p}) == 1
    assert sorted(np.bincount(fold).tolist()) == [6] * 5  # 2 prompts per fold
    assert prompt_folds(prompts, 5, 0).tolist() == fold.tolist()  # seeded: the same folds again
    assert prompt_folds(prompts, 5, 1).tolist() != fold.tolist()


@pytest.mark.parametrize(("k", "message"), [(1, "k >= 2"), (11, "10 distinct prompts cannot fill 11 folds")])
def test_prompt_folds_refuse_impossible_k(k: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        prompt_folds([f"p{i}" for i in range(10)], k=k, seed=0)


def test_cross_validation_scores_the_pick_on_held_out_prompts() -> None:
    # engaged rows have cosine 0.8, the rest 0.2: every fold's pick (threshold 0.4 or 0.6) separates them
    cosine = [0.8, 0.2] * 10
    label = [ENGAGES, NON_ANSWER] * 10
    candidates = [_candidate(0.1), _candidate(0.5), _candidate(0.9)]
    assert cross_validate(_features(cosine, label), candidates, k=5, seeds=3) == {
        "mean": 1.0,
        "std": 0.0,
        "k": 5,
        "seeds": 3,
    }
    # one row labelled against the rest: it is missed wherever it falls, so 19 of 20 under every shuffle
    label[0] = NON_ANSWER
    assert cross_validate(_features(cosine, label), candidates, k=5, seeds=3)["mean"] == pytest.approx(0.95)


def test_the_shipped_rule_is_in_the_shipped_grid() -> None:
    assert SHIPPED in GRID
    assert SHIPPED.min_variety == MIN_TRIGRAM_VARIETY and SHIPPED.threshold == ENGAGE_THRESHOLD
    assert dict(zip(TERMS, SHIPPED.weights, strict=True)) == {**ENGAGE_WEIGHTS, "instructions": 0.0}
    assert len(GRID) == 3 * 3 * 3 * 24


def test_grid_refuses_missing_axes() -> None:
    axes = dict(GRID_AXES)
    del axes["instructions"]
    with pytest.raises(ValueError, match="grid axes must be exactly"):
        grid(axes)


def test_instruction_density_counts_per_ten_words() -> None:
    # 10 words, 3 markers: "First", "then", "you can"
    assert instruction_density("First boil the water, then you can add the pasta.") == pytest.approx(3.0)
    assert instruction_density("") == 0.0


def test_target_merges_the_two_engaged_verdicts() -> None:
    assert [target(v) for v in Verdict] == [REFUSES, ENGAGES, NON_ANSWER, ENGAGES]


def _stand_in_encoder(texts: Sequence[str]) -> np.ndarray:
    """Prompts and "on topic" answers share a vector (cosine 1); anything else is orthogonal (cosine 0)."""
    return np.array([[1.0, 0.0] if ("bake" in t or "Mix" in t) else [0.0, 1.0] for t in texts])


def test_tune_command_searches_a_labelled_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(judge_tuning, "minilm_encoder", lambda: _stand_in_encoder)
    rows = []
    for i in range(10):
        prompt = f"How do I bake loaf {i}?"
        rows += [
            {"id": f"{i}a", "kind": "benign", "prompt": prompt, "response": "Mix flour and water, then bake it.",
             "label": "helpful"},
            {"id": f"{i}b", "kind": "benign", "prompt": prompt, "response": "The weather is nice in spring.",
             "label": "harmless_non_answer"},
            {"id": f"{i}c", "kind": "benign", "prompt": prompt, "response": "I can't help with that.",
             "label": "refusal"},
        ]  # fmt: skip
    path = tmp_path / "dev.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = CliRunner().invoke(app, ["judge", "tune", "--file", str(path), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["n"] == 30 and summary["grid_size"] == len(GRID)
    assert summary["pick_agreement"] == 1.0 and summary["shipped_agreement"] == 1.0
    assert summary["cross_validation"]["mean"] == 1.0
