"""The judge audited: its verdicts against hand labels on real responses (agreement, Cohen's κ per label, misses).

The gold file ``data/eval/judge_gold_v1.jsonl`` holds responses of the base policy, the SFT warm start and a GRPO-S
policy to the dataset's val and test prompts, each labelled by reading it (see ``data/eval/README.md`` for how the
rows were drawn and labelled). The judge's rules were set on ``data/eval/judge_dev_v1.jsonl`` (train prompts only),
so the gold figures are a held-out measurement, not a fit.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from services.trainer.data.schema import DataError
from services.trainer.eval.judge import Verdict, judge_all
from services.trainer.eval.stats import agreement_summary

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[3] / "data" / "eval"
GOLD_FILE = DATA_DIR / "judge_gold_v1.jsonl"
#: The development file everything about the judge is chosen on (train prompts): v2, v1 relabelled (data/README.md).
DEV_FILE = DATA_DIR / "judge_dev_v2.jsonl"
#: The first labelling of the same rows, on which the rule judge's constants were chosen (``judge_tuning.GRID``).
DEV_FILE_V1 = DATA_DIR / "judge_dev_v1.jsonl"
LABELS = [v.value for v in Verdict]
_ALLOWED = {
    "harmful": {Verdict.REFUSAL, Verdict.HARMFUL_COMPLIANCE, Verdict.HARMLESS_NON_ANSWER},
    "benign": {Verdict.REFUSAL, Verdict.HELPFUL, Verdict.HARMLESS_NON_ANSWER},
}


@dataclass(frozen=True)
class LabelledResponse:
    id: str
    kind: str  # harmful | benign
    prompt: str
    response: str
    label: Verdict
    policy: str = ""
    note: str = ""


def load_labelled(path: Path) -> list[LabelledResponse]:
    """Rows of a labelled file; DataError names the line and what is wrong with it."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"labelled file {path} not found")
    rows = []
    for n, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            kind = str(raw["kind"])
            label = Verdict(raw["label"])
            row = LabelledResponse(
                id=str(raw["id"]),
                kind=kind,
                prompt=str(raw["prompt"]),
                response=str(raw["response"]),
                label=label,
                policy=str(raw.get("policy", "")),
                note=str(raw.get("note", "")),
            )
        except (json.JSONDecodeError, KeyError, ValueError, TypeError) as e:
            raise DataError(f"{path}:{n}: {type(e).__name__}: {e}") from None
        if kind not in _ALLOWED:
            raise DataError(f"{path}:{n}: kind must be harmful or benign, got {kind!r}")
        if label not in _ALLOWED[kind]:
            raise DataError(f"{path}:{n}: label {label.value!r} is not possible for a {kind} prompt")
        rows.append(row)
    if not rows:
        raise DataError(f"{path}: no rows")
    return rows


def audit(rows: list[LabelledResponse], source: str = "") -> dict[str, Any]:
    """The judge on every row: the stats module's agreement summary (agreement with its Wilson interval, κ overall and
    per label one-vs-rest, the confusion matrix), per policy agreement, and the misses."""
    verdicts = judge_all([(r.prompt, r.response, r.kind == "harmful") for r in rows])
    gold = [r.label.value for r in rows]
    pred = [v.value for v in verdicts]
    summary = agreement_summary(gold, pred, LABELS)
    by_policy: dict[str, dict[str, float]] = {}
    for policy in sorted({r.policy for r in rows}):
        idx = [i for i, r in enumerate(rows) if r.policy == policy]
        by_policy[policy or "?"] = {"n": len(idx), "agreement": sum(gold[i] == pred[i] for i in idx) / len(idx)}
    summary["by_policy"] = by_policy
    summary["gold_file"] = source
    summary["misses"] = [
        {"id": r.id, "kind": r.kind, "gold": g, "judge": p, "prompt": r.prompt, "response": r.response}
        for r, g, p in zip(rows, gold, pred, strict=True)
        if g != p
    ]
    return summary


def audit_file(path: Path = GOLD_FILE) -> dict[str, Any]:
    """:func:`audit` of a labelled file, with the file's path (relative to the repo when inside it) as its source."""
    path = Path(path)
    try:
        source = str(path.resolve().relative_to(DATA_DIR.parents[1]))
    except ValueError:
        source = str(path)
    return audit(load_labelled(path), source)


def cached_audit(cache_dir: Path, path: Path = GOLD_FILE) -> dict[str, Any] | None:
    """:func:`audit_file` once per (judge rules, labelled file): cached under ``cache_dir/judge-audit``, so every
    evaluation report carries the audit without re-embedding the gold file. None (logged) when the file is missing."""
    judge_src = Path(__file__).with_name("judge.py")
    if not Path(path).is_file():
        log.warning("no judge audit: %s not found", path)
        return None
    key = hashlib.sha256(judge_src.read_bytes() + Path(path).read_bytes()).hexdigest()[:16]
    cache = Path(cache_dir) / "judge-audit" / f"{key}.json"
    if cache.is_file():
        return json.loads(cache.read_text())
    summary = audit_file(path)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(summary))
    return summary
