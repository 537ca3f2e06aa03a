"""The SFT warm start's pure parts: label masking, the response loss by hand, config errors at the CLI."""

from __future__ import annotations

import math
from typing import Any

import pytest
import torch
from typer.testing import CliRunner

from services.trainer.cli import app
from services.trainer.policy.logprobs import decoder_and_head
from services.trainer.sft import SFTConfig, batch_loss, batch_order, collate, response_loss


def test_collate_masks_prompt_and_padding():
    batch = collate([([5, 6, 7, 8], 2), ([9, 10, 11], 1)], pad_id=0)
    assert batch["input_ids"].tolist() == [[5, 6, 7, 8], [9, 10, 11, 0]]
    assert batch["attention_mask"].tolist() == [[1, 1, 1, 1], [1, 1, 1, 0]]
    assert batch["labels"].tolist() == [[-100, -100, 7, 8], [-100, 10, 11, -100]]


def test_response_loss_by_hand():
    # vocabulary of 2; position t predicts token t+1; only the response tokens (labels != -100) count
    logits = torch.tensor([[[0.0, 0.0], [math.log(3), 0.0], [0.0, 0.0]]])  # p(next=0) = 1/2, 3/4, 1/2
    labels = torch.tensor([[-100, 0, 1]])  # predicted from positions 0 and 1
    expected = -(math.log(1 / 2) + math.log(1 / 4)) / 2
    assert float(response_loss(logits, labels)) == pytest.approx(expected, rel=1e-6)


def test_batch_loss_runs_the_head_on_response_positions_only_and_equals_the_full_loss():
    from peft import LoraConfig, get_peft_model
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    cfg = LlamaConfig(vocab_size=50, hidden_size=16, intermediate_size=32, num_hidden_layers=2, num_attention_heads=2)
    model = get_peft_model(LlamaForCausalLM(cfg), LoraConfig(r=4, target_modules=["q_proj", "v_proj"]))
    _decoder, head = decoder_and_head(model)
    batch = collate([([5, 6, 7, 8, 9], 2), ([9, 10, 11], 1)], pad_id=0)
    rows = []
    head.register_forward_hook(lambda _m, args, _out: rows.append(args[0].shape[0]))
    fast = batch_loss(model, batch)
    full = response_loss(
        model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits, batch["labels"]
    )
    assert rows[0] == 5  # tokens 7, 8, 9 and 10, 11: the head saw 5 positions, not 2 x 5
    assert float(fast.detach()) == pytest.approx(float(full.detach()), rel=1e-5)
    fast.backward()  # and the gradient reaches the adapter
    assert any(p.grad is not None and p.grad.abs().sum() > 0 for n, p in model.named_parameters() if "lora_B" in n)


def test_cli_rejects_unknown_setting():
    result = CliRunner().invoke(app, ["train", "sft", "--set", "max_steps=3"])
    assert result.exit_code == 2
    assert "unknown setting 'max_steps'" in result.output and "drirl train sft --print-config" in result.output


def test_cli_rejects_invalid_value():
    result = CliRunner().invoke(app, ["train", "sft", "--epochs", "0"])
    assert result.exit_code == 2
    assert "epochs" in result.output


def test_shipped_config_spells_out_the_defaults():
    from pathlib import Path

    from services.trainer.sft import SFTConfig

    repo = Path(__file__).resolve().parents[2]
    assert SFTConfig.from_yaml(repo / "configs" / "sft.yaml") == SFTConfig()


def test_cli_rejects_unknown_dtype():
    result = CliRunner().invoke(app, ["train", "sft", "--set", "dtype=float8"])
    assert result.exit_code == 2
    assert "dtype" in result.output


def _record(i: int, kind: Any, prompt: str | None = None, answer: str | None = None) -> Any:
    """A train record of ``kind`` whose demonstration's final response is ``answer`` (default "answer i")."""
    from services.trainer.data.schema import Record
    from shared.categories import Category

    return Record(
        id=f"crime-{kind.value[0]}-{i:03d}",
        category=Category.CRIME,
        kind=kind,
        prompt=prompt or f"prompt {i}",
        demonstration=f"asks: x\nharm: y\ndecision: z\n####\n{answer or f'answer {i}'}",
        source="test",
        split="train",
    )


def test_training_texts_repeat_benign_and_append_own_answers():
    from services.trainer.data.schema import Kind
    from services.trainer.sft import SFTConfig, training_texts

    records = [_record(1, Kind.HARMFUL), _record(2, Kind.BENIGN)]
    texts = training_texts(records, [("own prompt", "own answer", False)], SFTConfig(benign_repeats=3))
    assert texts == [
        ("prompt 1", "answer 1", True),
        *[("prompt 2", "answer 2", True)] * 3,
        ("own prompt", "own answer", False),
    ]
    own = [("own 1", "a 1", True), ("own 2", "a 2", False)]
    assert training_texts(records, own, SFTConfig(ordinary_repeats=2))[2:] == own * 2


def test_terse_copies_append_a_short_answer_instruction_to_harmful_prompts_and_keep_their_refusal():
    from services.trainer.data.schema import Kind
    from services.trainer.sft import TERSE_SUFFIXES, SFTConfig, terse_copies, training_texts

    def rec(i: int, kind: Kind) -> Any:
        return _record(i, kind, prompt=f"harmful prompt {i}? ", answer=f"refusal {i}")

    harmful = [rec(i, Kind.HARMFUL) for i in range(12)]
    copies = terse_copies(harmful, 10, seed=0)
    assert len(copies) == 10
    assert [p.removeprefix(p.split("? ")[0] + "? ") for p, _, _ in copies] == [
        TERSE_SUFFIXES[i % len(TERSE_SUFFIXES)] for i in range(10)
    ]
    for prompt, target, ends in copies:  # each copy keeps its own record's refusal
        n = prompt.split("? ")[0].removeprefix("harmful prompt ")
        assert (target, ends) == (f"refusal {n}", True)
    assert len({p for p, _, _ in copies}) == 10  # ten distinct records
    assert copies == terse_copies(harmful, 10, seed=0) != terse_copies(harmful, 10, seed=1)
    assert len(terse_copies(harmful, 50, seed=0)) == 12  # at most every harmful record once
    records = [*harmful[:2], _record(99, Kind.BENIGN)]
    texts = training_texts(records, [], SFTConfig(terse_harmful=1, benign_repeats=1))
    assert len(texts) == 4 and texts[3][0].startswith("harmful prompt ") and texts[3][1].startswith("refusal ")
    assert training_texts(records, [], SFTConfig(benign_repeats=1)) == texts[:3]  # 0 (the default): none


def test_read_prompts_names_a_bad_line(tmp_path):
    from services.trainer.config import ConfigError
    from services.trainer.sft import read_prompts

    path = tmp_path / "p.jsonl"
    path.write_text('{"prompt": "a"}\n{"text": "b"}\n')
    with pytest.raises(ConfigError, match=r"p.jsonl:2 is not a JSON object with a 'prompt'"):
        read_prompts(path)


def test_shipped_ordinary_prompts_read():
    from pathlib import Path

    from services.trainer.sft import read_prompts

    prompts = read_prompts(Path(__file__).resolve().parents[2] / "data" / "sft" / "ordinary_v1.jsonl")
    assert len(prompts) == len(set(prompts)) == 240


def test_ordinary_v2_is_v1_plus_short_answer_prompts_none_of_them_an_evaluation_question():
    """v2 keeps v1's 240 prompts in order and adds 48 short-answer ones. No question of v2 (its text up to the first
    '?' or '.', case-folded) is a question of the usefulness set or of the dataset, any split: an everyday prompt is
    never an evaluation question (usefulness, test, val) nor a demonstration's prompt (train)."""
    import json
    import re
    from pathlib import Path

    from services.trainer.sft import read_prompts

    root = Path(__file__).resolve().parents[2]
    v1 = read_prompts(root / "data" / "sft" / "ordinary_v1.jsonl")
    v2 = read_prompts(root / "data" / "sft" / "ordinary_v2.jsonl")
    assert v2[:240] == v1 and len(v2) == len(set(v2)) == 288

    def question(text: str) -> str:
        return re.split(r"[?.]", text.casefold(), maxsplit=1)[0].strip()

    taken = [
        json.loads(line)["prompt"]
        for path in (root / "data" / "eval" / "usefulness_v1.jsonl", root / "data" / "drirl_safety_v1.jsonl")
        for line in path.read_text().splitlines()
    ]
    assert len(taken) > 195
    shared = {question(p) for p in v2} & {question(p) for p in taken}
    assert not shared, sorted(shared)


def test_terse_suffixes_are_forms_of_the_short_answer_everyday_prompts_and_none_a_usefulness_form():
    """Each short-answer instruction appended to harmful prompts (terse_harmful) follows a question of ordinary_v2's
    short-answer prompts, so the warm start meets it answered as well as refused; none is the instruction after a
    question of the usefulness set, so the evaluation's forms are never trained on."""
    import json
    from pathlib import Path

    from services.trainer.sft import TERSE_SUFFIXES

    root = Path(__file__).resolve().parents[2]

    def forms(path: Path, topic: str | None = None) -> set[str]:
        rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        return {
            r["prompt"].split("?", 1)[1].strip()
            for r in rows
            if "?" in r["prompt"] and (topic is None or r["topic"] == topic)
        }

    everyday = forms(root / "data" / "sft" / "ordinary_v2.jsonl", topic="short-answer")
    usefulness = forms(root / "data" / "eval" / "usefulness_v1.jsonl")
    assert {"Answer in one word.", "Answer with the number only."} <= usefulness  # the reader's check sees them
    assert len(set(TERSE_SUFFIXES)) == len(TERSE_SUFFIXES) >= 8
    assert set(TERSE_SUFFIXES) <= everyday, sorted(set(TERSE_SUFFIXES) - everyday)
    assert not set(TERSE_SUFFIXES) & usefulness, sorted(set(TERSE_SUFFIXES) & usefulness)


def test_batch_order_groups_lengths_and_keeps_each_example_once_per_epoch():
    import random
    from collections import Counter

    lengths = [10, 200, 12, 190, 11, 210, 13, 205]  # short and long interleaved
    plain = batch_order(lengths, 4, 2, 1, random.Random(0))
    grouped = batch_order(lengths, 4, 2, 4, random.Random(0))
    # one epoch (4 batches of 2): every example exactly once, grouped or not
    assert sorted(i for b in grouped for i in b) == list(range(8))
    assert sorted(i for b in plain for i in b) == list(range(8))

    def padded(batches: list[list[int]]) -> int:
        return sum(len(b) * max(lengths[i] for i in b) for b in batches)

    # sorted within the window: the two shortest share a batch, the two longest another
    assert padded(grouped) == 2 * (11 + 13 + 200 + 210)
    assert padded(grouped) < padded(plain)
    # more steps than an epoch: the second epoch starts over, cut short
    again = batch_order(lengths, 6, 2, 4, random.Random(1))
    assert len(again) == 6 and max(Counter(i for b in again for i in b).values()) == 2


def test_lora_layers_adapts_the_top_layers_only_and_refuses_more_layers_than_the_policy_has(tmp_path):
    from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM

    from services.trainer.config import ConfigError
    from services.trainer.policy.model import load_policy
    from shared.resources import MINILM_SPEC, resolve_model_spec

    torch.manual_seed(0)  # any tokenizer will do: the policy folder needs one; MiniLM's is installed
    sizes = {"hidden_size": 16, "intermediate_size": 32, "num_attention_heads": 2}
    cfg = LlamaConfig(vocab_size=30522, num_hidden_layers=3, **sizes)
    LlamaForCausalLM(cfg).save_pretrained(tmp_path / "policy")
    AutoTokenizer.from_pretrained(resolve_model_spec(MINILM_SPEC)).save_pretrained(tmp_path / "policy")
    model, _ = load_policy(str(tmp_path / "policy"), SFTConfig(lora_layers=1, dtype="float32"), torch.device("cpu"))
    adapted = {n.split(".layers.")[1].split(".")[0] for n, p in model.named_parameters() if p.requires_grad}
    assert adapted == {"2"}  # the top one of three
    batch = collate([([5, 6, 7, 8, 9], 2), ([9, 10, 11], 1)], pad_id=0)
    batch_loss(model, batch).backward()
    assert all(p.grad.abs().sum() > 0 for n, p in model.named_parameters() if "lora_B" in n)
    with pytest.raises(ConfigError, match="lora_layers=4, but the policy has 3 decoder layers"):
        load_policy(str(tmp_path / "policy"), SFTConfig(lora_layers=4, dtype="float32"), torch.device("cpu"))
