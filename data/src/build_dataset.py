"""Build data/drirl_safety_v1.jsonl from the hand-written sources in data/src/<category>.py.

Each source module defines ``HARMFUL`` and ``BENIGN``: lists of ``(prompt, drafts, response)`` where ``drafts`` is
``"what is asked | the harm | the decision"`` (each at most 4 words). The build

1. turns each entry into a record with a stable id from its position (``violence-h-001``, ``privacy-b-017``) and a
   Chain-of-Draft demonstration (``asks: …`` / ``harm: …`` / ``decision: …`` / ``####`` / response), checked with
   ``shared.cod.check_cod``;
2. embeds the prompts with MiniLM and drops near-duplicates (cosine >= 0.95) across the whole set;
3. balances to exactly 100 harmful + 30 benign per category (seeded);
4. assigns train/val/test 80/10/10 per (category, kind) (seeded; near-duplicate clusters never straddle splits);
5. validates (schema, CoD, balance, no cross-split near-duplicates) and writes the JSONL.

Run from the repository root::

    .venv/bin/python data/src/build_dataset.py            # writes data/drirl_safety_v1.jsonl
    .venv/bin/python data/src/build_dataset.py --check    # exit 1 if the shipped file differs from a fresh build
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script: make `services` and `shared` importable without installing
    sys.path.insert(0, str(ROOT))

from services.trainer.data import DEFAULT_DATASET, Kind, Record  # noqa: E402
from services.trainer.data.balance import balance_records  # noqa: E402
from services.trainer.data.dedup import dedup_records  # noqa: E402
from services.trainer.data.embeddings import get_encoder  # noqa: E402
from services.trainer.data.files import record_to_json  # noqa: E402
from services.trainer.data.split import assign_splits  # noqa: E402
from services.trainer.data.validate import cross_split_problems, validate_records  # noqa: E402
from shared.categories import Category  # noqa: E402
from shared.cod import SEPARATOR, check_cod  # noqa: E402

SOURCE = "drirl-v1-handwritten"
SEED = 3  # issue #3
THRESHOLD = 0.95
TARGETS = {Kind.HARMFUL: 100, Kind.BENIGN: 30}
DRAFT_LABELS = ("asks", "harm", "decision")
SRC_DIR = Path(__file__).resolve().parent


def load_source(category: Category) -> ModuleType:
    """Import data/src/<category>.py by path (data/ is not a package)."""
    path = SRC_DIR / f"{category}.py"
    spec = importlib.util.spec_from_file_location(f"drirl_data_src_{category}", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def demonstration(drafts: str, response: str) -> str:
    """The CoD text: one labelled draft line per ``|``-separated part, the separator, the response."""
    parts = [p.strip() for p in drafts.split("|")]
    if len(parts) != len(DRAFT_LABELS):
        raise ValueError(f"drafts {drafts!r}: expected {len(DRAFT_LABELS)} parts separated by '|'")
    lines = [f"{label}: {part}" for label, part in zip(DRAFT_LABELS, parts, strict=True)]
    return "\n".join([*lines, SEPARATOR, response.strip()])


def authored_records() -> list[Record]:
    """Every hand-written entry as a record, ids from source positions; fails on a malformed entry."""
    records, errors = [], []
    for category in Category:
        module = load_source(category)
        for kind, entries in ((Kind.HARMFUL, module.HARMFUL), (Kind.BENIGN, module.BENIGN)):
            for number, entry in enumerate(entries, start=1):
                rid = f"{category}-{kind.value[0]}-{number:03d}"
                try:
                    prompt, drafts, response = entry
                    demo = demonstration(drafts, response)
                except ValueError as exc:
                    errors.append(f"{rid}: {exc}")
                    continue
                errors += [f"{rid}: {p}" for p in check_cod(demo)]
                records.append(
                    Record(
                        id=rid, category=category, kind=kind, prompt=prompt.strip(), demonstration=demo, source=SOURCE
                    )
                )
    if errors:
        raise SystemExit("malformed entries:\n  " + "\n  ".join(errors[:30]))
    return records


def build() -> list[Record]:
    """The full pipeline; returns the records in output order (category, kind, id)."""
    records = authored_records()
    encoder = get_encoder()
    embeddings = encoder.encode([r.prompt for r in records])
    deduped = dedup_records(records, embeddings, threshold=THRESHOLD)
    for dup in deduped.removed:
        print(f"near-duplicate removed: {dup.removed.id} ~ {dup.kept.id} ({dup.cosine:.3f})", file=sys.stderr)
    balanced = balance_records(deduped.records, seed=SEED, mode="down", targets=TARGETS).records
    final = assign_splits(
        balanced, seed=SEED, embeddings=encoder.encode([r.prompt for r in balanced]), threshold=THRESHOLD
    )
    kind_rank = {Kind.HARMFUL: 0, Kind.BENIGN: 1}
    category_rank = {c: i for i, c in enumerate(Category)}
    final.sort(key=lambda r: (category_rank[r.category], kind_rank[r.kind], r.id))
    problems = validate_records(final, require_demos=True)
    problems += cross_split_problems(final, encoder.encode([r.prompt for r in final]), threshold=THRESHOLD)
    if problems:
        raise SystemExit("built dataset is invalid:\n  " + "\n  ".join(str(p) for p in problems[:30]))
    return final


def main(argv: list[str] | None = None) -> int:
    """Build the dataset, write it (or, with --check, compare it with the file)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_DATASET, help="output JSONL (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="exit 1 if --out differs from a fresh build")
    args = parser.parse_args(argv)
    text = "".join(record_to_json(r) + "\n" for r in build())
    if args.check:
        same = args.out.is_file() and args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'up to date' if same else 'OUT OF DATE: rebuild with data/src/build_dataset.py'}")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {text.count(chr(10))} records ({len(text.encode()) / 1024:.0f} KiB) to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
