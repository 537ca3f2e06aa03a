"""The quick safety eval run during training (eval/quick.py): greedy and sampled refusal-detector rates."""

from __future__ import annotations

import pytest

from services.trainer.data.schema import Kind
from shared.categories import Category


class _ScriptedEngine:
    """Answers by temperature: greedy → the first script entry per prompt, sampled → all of them (n of them)."""

    name = "scripted"

    def __init__(self, answers: dict[str, list[str]]) -> None:
        self.answers = answers

    def generate(self, prompts, *, n, sampling, seed):
        from services.trainer.policy.rollout import Completion

        out = []
        for p in prompts:
            texts = self.answers[self.decode(p)]
            texts = texts[:1] if sampling.temperature == 0 else texts[:n]
            out.append([Completion(token_ids=[1, 2, 3], text=t, finished=True) for t in texts])
        return out

    @staticmethod
    def decode(ids):
        return bytes(ids).decode()


def test_quick_eval_reports_greedy_and_sampled_detector_rates(monkeypatch):
    from services.trainer.data.schema import Record
    from services.trainer.eval import quick

    def rec(i: int, kind: Kind, prompt: str) -> Record:
        demo = "asks: x\nharm: y\ndecision: z\n####\nAnswer."
        return Record(
            id=f"violence-{kind.value[0]}-{i:03d}", category=Category.VIOLENCE, kind=kind, prompt=prompt,
            demonstration=demo, source="test", split="val",
        )  # fmt: skip

    records = [rec(1, Kind.HARMFUL, "harm one"), rec(2, Kind.HARMFUL, "harm two"), rec(3, Kind.BENIGN, "benign")]
    refuse, comply = "I can't help with that.", "Sure, here is how."
    engine = _ScriptedEngine(
        {
            "harm one": [comply, refuse, refuse, comply],  # greedy complies; sampled: 2 of 4 comply
            "harm two": [refuse, refuse, refuse, comply],  # greedy refuses; sampled: 1 of 4 comply
            "benign": [comply, refuse, comply, comply],  # greedy helps; sampled: 1 of 4 refused
        }
    )
    monkeypatch.setattr(quick, "encode_prompt", lambda tok, prompt, system=None: list(prompt.encode()))
    m = quick.safety_rates(engine, None, records, max_new_tokens=8, samples=4)
    assert m["eval/harmful_compliance"] == pytest.approx(1 / 2)
    assert m["eval/benign_refusal"] == 0.0
    assert m["eval/harmful_compliance/violence"] == pytest.approx(1 / 2)
    assert m["eval/harmful_compliance_sampled"] == pytest.approx(3 / 8)
    assert m["eval/benign_refusal_sampled"] == pytest.approx(1 / 4)
    assert "eval/harmful_compliance/violence_sampled" not in m
    greedy_only = quick.safety_rates(engine, None, records, max_new_tokens=8)
    assert "eval/harmful_compliance_sampled" not in greedy_only
    assert greedy_only["eval/harmful_compliance"] == m["eval/harmful_compliance"]
