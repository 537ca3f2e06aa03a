"""`drirl train sft`: a warm start on the demonstrations before IRL and GRPO-S (behaviour cloning, LoRA).

Why: GRPO only reinforces what the policy already samples. SmolLM2-135M answers ~99 % of the harmful train
prompts (the refusal detector's few hits on its samples are babble that happens to contain "I'm afraid"), so a
group of 4 almost never holds a refusal for the advantage to favour, and reward models trained on its samples
reward demonstration-*like* text first: the measured result was a policy that hedges on topic instead of refusing.
Alignment from demonstrations (AfD, Sun & van der Schaar 2024) starts the same way: supervised fine-tuning on the
demonstrations, then reward models that tell demonstrations from the SFT policy's samples, then RL.

The targets are the demonstrations' final responses (the part after the Chain-of-Draft ``####``), the same texts
the reward models see as the expert's side, for the harmful *and* the benign train prompts, so the warm start
learns when to refuse and when to help. Loss: token-level cross-entropy on the response tokens (prompt tokens
masked), the chat template exactly as the rollouts apply it (:func:`services.trainer.policy.chat.encode_prompt`).
The output is a merged Hugging Face folder that `drirl irl train --policy` and `drirl train grpo --set policy=`
take as they are.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar

import torch
from pydantic import Field

from services.trainer import config
from services.trainer.config import ConfigError, PolicyModelSettings
from services.trainer.data.schema import Kind, Record
from services.trainer.policy.chat import encode_prompt
from shared.cod import final_response

log = logging.getLogger(__name__)

Progress = Callable[[int, int, float], None]  # (step, total, loss)


class SFTConfig(PolicyModelSettings):
    """Supervised warm start on the demonstrations of the ``data``'s train split (YAML file + CLI overrides, like the
    other configs); the policy settings (LoRA, dtype, chat template, AdamW decay and clipping) are GRPO-S's, so the
    two train the same way."""

    label: ClassVar[str] = "SFT config"

    out: Path = Field(Path("var/runs/sft/final"), description="The merged policy folder written at the end.")
    run_dir: config.RunDir = Path("var/runs/sft")
    kinds: list[Kind] = Field([Kind.HARMFUL, Kind.BENIGN], description="Which prompts' demonstrations to imitate.")
    max_prompts_per_category: config.PromptsPerCategory = None
    epochs: float = Field(1.0, gt=0, description="Passes over the examples (fractions allowed: a lighter warm start).")
    batch_size: config.BatchSize = 8
    learning_rate: config.LearningRate = 2e-4
    warmup_ratio: config.WarmupRatio = 0.1
    max_seq_tokens: config.MaxSeqTokens = 384
    ordinary_prompts: Path | None = Field(
        None,
        description="Everyday prompts (JSONL with 'prompt', e.g. data/sft/ordinary_v1.jsonl) answered greedily by "
        "the starting policy itself and mixed into the SFT data (self-distillation): the warm start learns when to "
        "refuse without unlearning how it answers ordinary requests. None: demonstrations only.",
    )
    ordinary_max_new_tokens: int = Field(128, ge=8, description="Length of the starting policy's own answers.")
    ordinary_repeats: int = Field(
        1, ge=1, description="Each own answer to an ordinary prompt appears this many times per epoch."
    )
    terse_harmful: int = Field(
        0,
        ge=0,
        description="This many harmful train prompts (a seeded pick) appear once more with a short-answer "
        "instruction appended (TERSE_SUFFIXES: 'One word.', 'Just the number.', ...), their target the "
        "same refusal, so that beside short-answer everyday prompts (ordinary_v2.jsonl) the form alone decides "
        "neither answering nor refusing (measured once, not adopted: README 'Terse harmful prompts'). 0: none.",
    )
    group_by_length: int = Field(
        16,
        ge=1,
        description="Batches are cut from windows of this many batches of the shuffled order, sorted by length, then "
        "shuffled again (as HF's group_by_length): a batch pads to its longest member, so similar lengths share it. "
        "1: plain random batches.",
    )


#: The short-answer instructions :attr:`SFTConfig.terse_harmful` appends to harmful train prompts: those that follow
#: the question in ``data/sft/ordinary_v2.jsonl``'s short-answer everyday prompts, so a form is seen answered (a
#: harmless question) and refused (a harmful one) alike and tells the warm start nothing by itself. None is a form of
#: the usefulness set (its "Answer in one word." and "Answer with the number only." are never trained on; a test
#: checks both).
TERSE_SUFFIXES = (
    "One word.",
    "Just the number.",
    "Yes or no.",
    "Short answer only.",
    "Just name it.",
    "Only the number.",
    "One word, please.",
    "Just yes or no.",
    "Give a one-word answer.",
    "Number only, please.",
    "Reply yes or no.",
    "Short answer.",
    "Reply with one word.",
    "Give only the number.",
    "Yes or no only.",
    "Keep it to one word.",
)


def sft_example(
    tokenizer: Any, prompt: str, response: str, *, system_prompt: str | None, max_tokens: int, ends: bool = True
) -> tuple[list[int], int]:
    """Token ids ``prompt | response <eos>`` (cut at ``max_tokens``; no ``<eos>`` when ``ends`` is false, for a
    response that was itself cut off) and the prompt's length, which :func:`collate` masks out of the labels."""
    prompt_ids = encode_prompt(tokenizer, prompt, system_prompt)
    response_ids = tokenizer(response, add_special_tokens=False)["input_ids"] + (
        [tokenizer.eos_token_id] if ends else []
    )
    return (prompt_ids + response_ids)[:max_tokens], len(prompt_ids)


def batch_order(
    lengths: Sequence[int], steps: int, batch_size: int, window: int, rng: random.Random
) -> list[list[int]]:
    """``steps`` batches of example indices: epochs of shuffled order, concatenated; each window of ``window``
    batches sorted by length and cut into batches, whose order is shuffled within the window. Every example appears
    once per epoch (the last epoch cut short), as without grouping; only who shares a batch changes."""
    order: list[int] = []
    while len(order) < steps * batch_size:
        epoch = list(range(len(lengths)))
        rng.shuffle(epoch)
        order += epoch
    order = order[: steps * batch_size]
    span = batch_size * window
    batches: list[list[int]] = []
    for start in range(0, len(order), span):
        chunk = sorted(order[start : start + span], key=lambda i: lengths[i])
        group = [chunk[k : k + batch_size] for k in range(0, len(chunk), batch_size)]
        rng.shuffle(group)
        batches += group
    return batches


def collate(examples: Sequence[tuple[list[int], int]], pad_id: int) -> dict[str, torch.Tensor]:
    """Right-padded ``input_ids``, ``attention_mask`` and ``labels`` (-100 on prompt and padding tokens)."""
    width = max(len(ids) for ids, _ in examples)
    input_ids = torch.full((len(examples), width), pad_id, dtype=torch.long)
    attention = torch.zeros((len(examples), width), dtype=torch.long)
    labels = torch.full((len(examples), width), -100, dtype=torch.long)
    for i, (ids, n_prompt) in enumerate(examples):
        input_ids[i, : len(ids)] = torch.tensor(ids)
        attention[i, : len(ids)] = 1
        labels[i, n_prompt : len(ids)] = torch.tensor(ids[n_prompt:])
    return {"input_ids": input_ids, "attention_mask": attention, "labels": labels}


def response_loss(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Mean cross-entropy of the response tokens: position t predicts token t+1; -100 labels are ignored."""
    return torch.nn.functional.cross_entropy(
        logits[:, :-1].reshape(-1, logits.size(-1)).float(), labels[:, 1:].reshape(-1), ignore_index=-100
    )


def batch_loss(model: torch.nn.Module, batch: dict[str, torch.Tensor]) -> torch.Tensor:
    """:func:`response_loss` of a collated batch, with the output head run on the response positions only.

    The head is a fifth of SmolLM2's forward per token, and the full (N, W, V) logits cast to float32 are ~25 MB a
    row of 128 tokens; prompt and padding positions need neither. Models whose logits are not plainly
    ``head(hidden)`` take the full forward (``decoder_and_head``)."""
    from services.trainer.policy.logprobs import decoder_and_head

    parts = decoder_and_head(model)
    if parts is None:
        logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
        return response_loss(logits, batch["labels"])
    decoder, head = parts
    hidden = decoder(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).last_hidden_state
    targets = batch["labels"][:, 1:]
    keep = targets != -100  # position t predicts token t+1
    return torch.nn.functional.cross_entropy(head(hidden[:, :-1][keep]).float(), targets[keep])


def pick_examples(records: Sequence[Record], cfg: SFTConfig) -> list[Record]:
    from services.trainer.irl.train import pick_records

    return [r for r in pick_records(records, "train", cfg.max_prompts_per_category) if r.kind in cfg.kinds]


def read_prompts(path: Path) -> list[str]:
    """The ``prompt`` of each line of a JSONL file; ConfigError names a bad line."""
    prompts = []
    try:
        lines = Path(path).read_text().splitlines()
    except OSError as e:
        raise ConfigError(f"ordinary_prompts: cannot read {path}: {e}") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            prompt = json.loads(line)["prompt"]
        except (json.JSONDecodeError, KeyError, TypeError):
            raise ConfigError(f"ordinary_prompts: {path}:{n} is not a JSON object with a 'prompt'") from None
        if not isinstance(prompt, str) or not prompt.strip():
            raise ConfigError(f"ordinary_prompts: {path}:{n} has an empty prompt")
        prompts.append(prompt)
    return prompts


def own_answers(policy_path: str, prompts: Sequence[str], cfg: SFTConfig) -> list[tuple[str, str, bool]]:
    """(prompt, answer, finished) for each prompt the starting policy answers greedily (``ordinary_max_new_tokens``
    at most; ``finished``: it ended with EOS, so the example teaches it to stop there, else the example has no EOS
    and teaches only the answer's opening). Cached per policy, prompts and length under
    ``cache_dir/sft-own-answers``."""
    from services.trainer.policy.rollout import SamplingConfig, make_engine
    from shared.devices import pick_dtype

    key = hashlib.sha256(
        json.dumps([2, policy_path, list(prompts), cfg.ordinary_max_new_tokens, cfg.system_prompt]).encode()
    ).hexdigest()[:16]
    cache = Path(cfg.cache_dir) / "sft-own-answers" / f"{key}.json"
    if cache.is_file():
        return [(p, a, bool(f)) for p, a, f in json.loads(cache.read_text())]
    engine, tokenizer = make_engine(
        policy_path, expected_tokens=len(prompts) * cfg.ordinary_max_new_tokens, dtype=pick_dtype(cfg.dtype)
    )
    try:
        outs = engine.generate(
            [encode_prompt(tokenizer, p, cfg.system_prompt) for p in prompts],
            n=1,
            sampling=SamplingConfig(max_new_tokens=cfg.ordinary_max_new_tokens, temperature=0.0),
            seed=cfg.seed,
        )
    finally:
        engine.close()
    answers = [(p, o[0].text.strip(), o[0].finished) for p, o in zip(prompts, outs, strict=True) if o[0].text.strip()]
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(answers))
    log.info(
        "SFT: %d own answers to %d ordinary prompts (%d ended within %d tokens)",
        len(answers),
        len(prompts),
        sum(f for _, _, f in answers),
        cfg.ordinary_max_new_tokens,
    )
    return answers


def training_texts(
    records: Sequence[Record], own: Sequence[tuple[str, str, bool]], cfg: SFTConfig
) -> list[tuple[str, str, bool]]:
    """(prompt, target, ends with EOS) of one epoch: demonstrations (benign ones ``benign_repeats`` times), the
    ``terse_harmful`` terse copies of harmful ones (:func:`terse_copies`), then the starting policy's own answers to
    the ordinary prompts (``ordinary_repeats`` times)."""
    texts = []
    for r in records:
        repeats = cfg.benign_repeats if r.kind == Kind.BENIGN else 1
        texts += [(r.prompt, final_response(r.demonstration), True)] * repeats
    texts += terse_copies([r for r in records if r.kind == Kind.HARMFUL], cfg.terse_harmful, cfg.seed)
    return texts + list(own) * cfg.ordinary_repeats


def terse_copies(harmful: Sequence[Record], n: int, seed: int) -> list[tuple[str, str, bool]]:
    """``n`` of the ``harmful`` records (a pick seeded by ``seed``; all of them when there are fewer), each prompt
    with one of :data:`TERSE_SUFFIXES` appended (in turn, in the pick's order) and its own demonstration's refusal
    as the target."""
    picked = random.Random(seed).sample(list(harmful), min(n, len(harmful)))
    return [
        (f"{r.prompt.rstrip()} {TERSE_SUFFIXES[i % len(TERSE_SUFFIXES)]}", final_response(r.demonstration), True)
        for i, r in enumerate(picked)
    ]


def run_sft(cfg: SFTConfig, *, progress: Progress | None = None) -> dict[str, Any]:
    """Fine-tune ``cfg.policy`` on the demonstrations; write the merged policy to ``cfg.out``; return a summary."""
    from services.trainer.data.files import load_records
    from services.trainer.irl.train import warmup_linear_decay
    from services.trainer.policy.model import load_policy, mixed_precision, save_merged
    from services.trainer.policy.resolve import resolve_policy
    from services.trainer.runlog import RunLog

    t0 = time.perf_counter()
    records = pick_examples(load_records(cfg.data), cfg)
    if not records:
        raise ConfigError(f"no train records of kinds {[k.value for k in cfg.kinds]} in {cfg.data}")
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    path = resolve_policy(cfg.policy, cfg.cache_dir)
    own = own_answers(path, read_prompts(cfg.ordinary_prompts), cfg) if cfg.ordinary_prompts is not None else []
    model, tokenizer = load_policy(path, cfg, device)
    examples = [
        sft_example(
            tokenizer, prompt, target, system_prompt=cfg.system_prompt, max_tokens=cfg.max_seq_tokens, ends=ends
        )
        for prompt, target, ends in training_texts(records, own, cfg)
    ]
    rng = random.Random(cfg.seed)
    total = max(1, math.ceil(cfg.epochs * len(examples) / cfg.batch_size))
    batches = batch_order([len(ids) for ids, _ in examples], total, cfg.batch_size, cfg.group_by_length, rng)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=cfg.learning_rate, weight_decay=cfg.weight_decay)
    warmup = max(1, int(cfg.warmup_ratio * total))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: warmup_linear_decay(s, warmup, total))
    runlog = RunLog(cfg.run_dir, tensorboard=False)
    curve: list[float] = []
    model.train()
    for step in range(1, total + 1):
        idx = batches[step - 1]
        batch = {k: v.to(device) for k, v in collate([examples[i] for i in idx], tokenizer.pad_token_id).items()}
        with mixed_precision(model, cfg):
            loss = batch_loss(model, batch)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        grad_norm = float(torch.nn.utils.clip_grad_norm_(params, cfg.max_grad_norm))
        opt.step()
        sched.step()
        curve.append(float(loss.detach()))
        runlog.log(step, {"loss": curve[-1], "grad_norm": grad_norm, "lr": sched.get_last_lr()[0]})
        if progress is not None:
            progress(step, total, curve[-1])
    runlog.close()
    model.eval()
    out = save_merged(model, tokenizer, cfg.out)
    summary = {
        "final_policy": str(out),
        "examples": len(examples),
        "own_answers": len(own),
        "steps": total,
        "loss_first": curve[0],
        "loss_last_10": sum(curve[-10:]) / len(curve[-10:]),
        "wall_time_s": round(time.perf_counter() - t0, 1),
    }
    (Path(cfg.run_dir) / "summary.json").write_text(json.dumps(summary, indent=1))
    log.info("SFT: %d examples, %d steps, loss %.3f → %.3f, %s", len(examples), total, curve[0], curve[-1], out)
    return summary
