"""Two training runs in one process that take turns, one step each, so both see the same machine at the same time.

This machine's speed drifts by ±20 % within minutes (NOTES.md), and a whole TRL run after a whole run of ours would
compare two different machines. Interleaving whole runs (``--rounds`` in the other benches) is not possible here:
the TRL trainers own their loops (``trainer.train()``), and the IRL phase needs each run whole for its final
accuracy. So each run goes in its own thread and they hand a baton back and forth: a run computes only while it
holds the baton and gives it up after each step (our loops' progress callbacks, a ``TrainerCallback`` in TRL's), so
the two never compute at once and every step of one sits between two steps of the other.

A step's time is measured from the moment its run got the baton to the moment it gave it up: the whole step,
including whatever the loop does between two steps (logging, the next batch), and nothing of the other run. Each
run's first interval also holds its setup (model load, dataset preparation, engine start), which the caller drops
as warm-up. Beside the wall time, the process's CPU time over the same interval (all threads: only the baton's
holder computes, the in-process reward server and vLLM engine included): on a machine shared with other jobs the
wall time stretches, the CPU time much less.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


class Aborted(RuntimeError):
    """The other run failed; this one stops at its next step boundary."""


@dataclass
class Step:
    seconds: float
    units: int  # what the step trained on: pairs, examples, or 1 for a GRPO step
    cpu_seconds: float = float("nan")


@dataclass
class Alternation:
    """The baton between the runs named in ``names``; the first name holds it first."""

    names: tuple[str, ...]
    steps: dict[str, list[Step]] = field(init=False)
    _cond: threading.Condition = field(init=False, default_factory=threading.Condition)
    _turn: str = field(init=False)
    _live: list[str] = field(init=False)
    _since: dict[str, tuple[float, float]] = field(init=False, default_factory=dict)
    _aborted: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        if len(set(self.names)) != len(self.names) or len(self.names) < 2:
            raise ValueError(f"Alternation needs two or more distinct names, got {self.names}")
        self.steps = {n: [] for n in self.names}
        self._turn = self.names[0]
        self._live = list(self.names)

    def begin(self, name: str) -> None:
        """Wait for the first turn of ``name``; its clock starts then."""
        with self._cond:
            self._wait(name)
            self._since[name] = _clocks()

    def step_done(self, name: str, units: int) -> None:
        """Record the step ``name`` just finished, pass the baton on, and wait for it to come back."""
        with self._cond:
            if self._turn != name:
                raise RuntimeError(f"{name} finished a step without holding the baton (held by {self._turn})")
            wall, cpu = _clocks()
            wall0, cpu0 = self._since[name]
            self.steps[name].append(Step(wall - wall0, units, cpu - cpu0))
            self._pass(name)
            self._wait(name)
            self._since[name] = _clocks()

    def finish(self, name: str) -> None:
        """``name`` has no more steps: the others go on without it."""
        with self._cond:
            if name in self._live:
                self._live.remove(name)
            if self._turn == name:
                self._pass(name)
            self._cond.notify_all()

    def abort(self) -> None:
        """Make every waiting or later call of the other runs raise :class:`Aborted`."""
        with self._cond:
            self._aborted = True
            self._cond.notify_all()

    def _pass(self, name: str) -> None:
        """The baton goes to the next live run after ``name`` (itself when it is the only one left)."""
        order = list(self.names)
        k = order.index(name)
        for other in order[k + 1 :] + order[: k + 1]:
            if other in self._live:
                self._turn = other
                break
        self._cond.notify_all()

    def _wait(self, name: str) -> None:
        while True:
            if self._aborted:
                raise Aborted(f"{name}: another run failed")
            if self._turn == name:
                return
            self._cond.wait()


def _clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def run_alternating(alt: Alternation, runs: dict[str, Callable[[], Any]]) -> dict[str, Any]:
    """Run each of ``runs`` (keyed by the names of ``alt``) in its own thread, the first in the calling thread (vLLM's
    in-process engine wants the main thread); returns each run's result. The first failure aborts the others and is
    raised here once all have stopped."""
    if list(runs) != list(alt.names):
        raise ValueError(f"runs {list(runs)} must be keyed by {list(alt.names)}, in that order")
    results: dict[str, Any] = {}
    errors: dict[str, BaseException] = {}

    def body(name: str) -> None:
        try:
            alt.begin(name)
            results[name] = runs[name]()
        except Aborted:
            pass
        except BaseException as e:
            errors[name] = e
            alt.abort()
        finally:
            alt.finish(name)

    first, *rest = alt.names
    threads = [threading.Thread(target=body, args=(n,), name=f"bench-{n}", daemon=True) for n in rest]
    for t in threads:
        t.start()
    try:
        body(first)
    finally:
        for t in threads:
            t.join()
    if errors:
        name, error = next(iter(errors.items()))
        raise RuntimeError(f"the {name} run failed: {type(error).__name__}: {error}") from error
    return results
