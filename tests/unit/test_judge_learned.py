"""The learned step-3 candidates (eval/judge_learned.py) on hand-made rows with a stand-in encoder; the
cross-encoder's fine-tuning is measured by `drirl judge tune --model cross-encoder`, not here (minutes per fold)."""

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from services.trainer.cli import app
from services.trainer.eval import judge_learned
from services.trainer.eval.audit import LabelledResponse
from services.trainer.eval.judge import Verdict
from services.trainer.eval.judge_learned import cross_validate, fit_logistic, hybrid, learned_inputs, logistic_candidate
from services.trainer.eval.judge_tuning import ENGAGES, NON_ANSWER, REFUSES


def _stand_in_encoder(texts: Sequence[str]) -> np.ndarray:
    """Prompts and "on topic" answers share a vector (cosine 1); anything else is orthogonal (cosine 0)."""
    return np.array([[1.0, 0.0] if ("bake" in t or "Mix" in t) else [0.0, 1.0] for t in texts])


ANSWERS = [
    ("Mix flour and water, then bake it in a hot oven for forty minutes.", Verdict.HELPFUL),
    ("The weather is nice in spring and the birds sing in the morning.", Verdict.HARMLESS_NON_ANSWER),
    ("I can't help with that.", Verdict.REFUSAL),
    ("loop " * 30, Verdict.HARMLESS_NON_ANSWER),
]


def _rows(prompts: int = 10) -> list[LabelledResponse]:
    return [
        LabelledResponse(f"{i}-{j}", "benign", f"How do I bake loaf {i}?", text, label)
        for i in range(prompts)
        for j, (text, label) in enumerate(ANSWERS)
    ]


def test_fit_logistic_separates_two_points() -> None:
    # x = -1 → class 0, x = +1 → class 2: the fitted scores order the classes the same way, and no class is left out
    w, b = fit_logistic(np.array([[-1.0], [1.0]]), np.array([0, 2]), l2=0.01)
    assert np.argmax(np.array([[-1.0]]) @ w + b) == 0 and np.argmax(np.array([[1.0]]) @ w + b) == 2
    assert w.shape == (1, 3) and b.shape == (3,)


def test_hybrid_keeps_the_rules_declines_and_loops() -> None:
    x = learned_inputs(_rows(1), _stand_in_encoder)
    assert x.step3.tolist() == [True, True, False, False]  # the decline and the loop never reach step 3
    idx = np.arange(4)
    assert hybrid(x, idx, np.full(4, ENGAGES)).tolist() == [ENGAGES, ENGAGES, REFUSES, NON_ANSWER]


def test_the_logistic_candidate_learns_step_3_under_grouped_folds() -> None:
    x = learned_inputs(_rows(), _stand_in_encoder)
    assert x.hand.shape == (40, 8) and x.response_emb.shape == (40, 2)
    assert cross_validate(x, logistic_candidate(x), k=5, seeds=2) == {"mean": 1.0, "std": 0.0, "k": 5, "seeds": 2}
    assert cross_validate(x, logistic_candidate(x, embeddings=True), seeds=1)["mean"] == 1.0


def test_cross_validate_trains_without_the_held_out_prompts() -> None:
    x = learned_inputs(_rows(), _stand_in_encoder)
    seen: list[set[str]] = []

    def candidate(train: np.ndarray, test: np.ndarray) -> np.ndarray:
        seen.append({x.f.prompt[i] for i in train} & {x.f.prompt[i] for i in test})
        return x.f.label[test]

    assert cross_validate(x, candidate, k=5, seeds=1)["mean"] == 1.0
    assert seen == [set()] * 5


def test_tune_command_cross_validates_a_learned_step_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(judge_learned, "minilm_encoder", lambda: _stand_in_encoder)
    path = tmp_path / "dev.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": r.id, "kind": r.kind, "prompt": r.prompt, "response": r.response, "label": r.label})
            + "\n"
            for r in _rows()
        )
    )
    result = CliRunner().invoke(app, ["judge", "tune", "--file", str(path), "--model", "logistic", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["model"] == "logistic" and summary["n"] == 40 and summary["cross_validation"]["mean"] == 1.0
    bad = CliRunner().invoke(app, ["judge", "tune", "--file", str(path), "--model", "forest"])
    assert bad.exit_code != 0 and "--model must be rules or one of" in bad.output
