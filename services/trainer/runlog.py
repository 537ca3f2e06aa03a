"""Run logs: a JSON line per step (``metrics.jsonl``), the step's rollouts (``rollouts.jsonl``) and TensorBoard
scalars; a resumed run drops what was logged after its checkpoint, so nothing is counted twice."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any


class RunLog:
    def __init__(self, run_dir: Path, *, tensorboard: bool = True, resume_step: int | None = None) -> None:
        self.run_dir = Path(run_dir)
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.path = self.run_dir / "metrics.jsonl"
        self.rollouts_path = self.run_dir / "rollouts.jsonl"
        for path in (self.path, self.rollouts_path):
            _truncate(path, resume_step)
        self._file = self.path.open("a")
        self._rollouts = self.rollouts_path.open("a")
        self._tb = None
        if tensorboard:
            from torch.utils.tensorboard import SummaryWriter

            self._tb = SummaryWriter(
                str(self.run_dir / "tensorboard"), purge_step=resume_step + 1 if resume_step is not None else None
            )

    def log(self, step: int, metrics: dict[str, Any]) -> None:
        record = {"step": step, **metrics}
        self._file.write(json.dumps(record, default=_jsonable) + "\n")
        self._file.flush()
        if self._tb is not None:
            for key, value in metrics.items():
                if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
                    self._tb.add_scalar(key, value, step)

    def log_rollouts(self, record: dict[str, Any]) -> None:
        self._rollouts.write(json.dumps(record, default=_jsonable) + "\n")
        self._rollouts.flush()

    def close(self) -> None:
        self._file.close()
        self._rollouts.close()
        if self._tb is not None:
            self._tb.close()


def _truncate(path: Path, resume_step: int | None) -> None:
    """A fresh run starts an empty file; a resumed run drops lines after its checkpoint (they will be replayed)."""
    if not path.exists():
        return
    if resume_step is None:
        path.unlink()
        return
    kept = [ln for ln in path.read_text().splitlines() if ln.strip() and json.loads(ln).get("step", 0) <= resume_step]
    path.write_text("".join(ln + "\n" for ln in kept))


def _jsonable(x: Any) -> Any:
    if hasattr(x, "item"):
        return x.item()
    return str(x)


def read_metrics(run_dir: Path) -> list[dict[str, Any]]:
    path = Path(run_dir) / "metrics.jsonl"
    if not path.exists():
        return []
    return [json.loads(ln) for ln in path.read_text().splitlines() if ln.strip()]
