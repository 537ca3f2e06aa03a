"""What every `drirl` command with settings shares: `-c/--config`, `--set`, `--print-config`, `--json`, and a clean
stdout.

The rules: progress bars, logs and tables meant for a person go to stderr; stdout carries the command's result
only (JSON with `--json`), so `drirl … --json | jq` works even when a library or a child process (vLLM's engine)
prints. `--print-config` prints the settings the command would run with — defaults, then the `-c` file, then
`--set`, then the explicit options — as YAML with each setting's help as a comment, and `-c` loads that back.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import textwrap
from collections.abc import Callable, Iterator, Mapping
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
import yaml
from pydantic import BaseModel

from services.trainer.grpo.errors import GRPOError, RewardServerError, SetupError, TrainingStopped

M = TypeVar("M", bound=BaseModel)

ConfigOpt = Annotated[
    Path | None, typer.Option("--config", "-c", help="YAML settings file (what --print-config prints; see configs/).")
]
SetOpt = Annotated[
    list[str] | None, typer.Option("--set", help="Override one setting: key=value, the value read as YAML (repeat).")
]
PrintConfigOpt = Annotated[
    bool,
    typer.Option(help="Print the settings this command would run with, as YAML that -c loads back, then exit."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the result as JSON on stdout (progress stays on stderr).")]


def help_of(model: type[BaseModel], name: str, extra: str = "") -> str:
    """The help of an option that sets ``model``'s field ``name``: the field's description (one source of wording),
    then ``extra``."""
    return " ".join(part for part in (model.model_fields[name].description, extra) if part)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Say what is wrong on stderr; ``raise fail(...)`` ends the command with ``code``."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def load_settings(model: type[M], config: Path | None, overrides: list[str] | None, command: str, **explicit: Any) -> M:
    """``model`` from defaults, the ``-c`` file, ``--set`` pairs and the explicit options (None = not given), in that
    order; a bad value ends the command with the problem named (exit 2)."""
    from services.trainer.config import ConfigError, load_config, parse_overrides

    try:
        extra = parse_overrides(overrides or [], model, command)
        extra.update({k: v for k, v in explicit.items() if v is not None})
        return load_config(model, config, extra, f"{command} settings")
    except ConfigError as e:
        raise fail(str(e)) from None


def _plain(value: Any) -> Any:
    """A value as YAML's plain types (paths as strings, tuples as lists, enums as their values)."""
    if isinstance(value, BaseModel):
        return _plain(value.model_dump())
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def config_yaml(settings: BaseModel, title: str) -> str:
    """The settings as YAML, each key under its help as a comment; loading it back gives the same settings.

    A field excluded from dumps (a secret: the trainer's ``api_key``) appears only as a comment, never its value —
    not even masked, since ``-c`` would load the mask back as the key and override the environment's.
    """
    lines = [f"# {title}", "# Load with -c FILE; change single values with --set key=value.", ""]
    for name, field in type(settings).model_fields.items():
        for line in textwrap.wrap(field.description or "", 116):
            lines.append(f"# {line}")
        if field.exclude:
            state = "set" if getattr(settings, name) is not None else "not set"
            lines += [f"# {name}: <secret, {state}; never printed>", ""]
            continue
        dumped = yaml.safe_dump({name: _plain(getattr(settings, name))}, sort_keys=False, allow_unicode=True)
        lines += [*dumped.rstrip("\n").splitlines(), ""]
    return "\n".join(lines)


def print_config(settings: BaseModel, title: str) -> None:
    typer.echo(config_yaml(settings, title), nl=False)
    raise typer.Exit(0)


@contextlib.contextmanager
def results_only_on_stdout() -> Iterator[Callable[[str], None]]:
    """Send everything written to stdout inside the block to stderr — Python's ``sys.stdout`` and, when stdout is a
    real file, file descriptor 1 itself, which child processes inherit — and yield a writer for the result."""
    real = sys.stdout
    try:
        fd = real.fileno()
    except (AttributeError, OSError, ValueError):  # a test runner's buffer: no descriptor to move
        fd = -1
    saved = -1
    if fd >= 0:
        real.flush()
        saved = os.dup(fd)
        os.dup2(sys.stderr.fileno(), fd)
    out = os.fdopen(os.dup(saved), "w", closefd=True) if saved >= 0 else real

    def write(text: str) -> None:
        out.write(text if text.endswith("\n") else text + "\n")
        out.flush()

    sys.stdout = sys.stderr
    try:
        yield write
    finally:
        sys.stdout = real
        if saved >= 0:
            sys.stderr.flush()
            os.dup2(saved, fd)
            os.close(saved)
            out.close()


#: Exit codes of a GRPO-S run that could not start (2: fix the settings) or stopped on a fault (3: fix the fault,
#: then ``--resume``).
GRPO_EXIT_CODES: dict[type[GRPOError], int] = {SetupError: 2, RewardServerError: 3, TrainingStopped: 3}


@contextlib.contextmanager
def grpo_errors() -> Iterator[None]:
    """A GRPO-S error inside the block ends the command: its message on stderr, its exit code."""
    try:
        yield
    except GRPOError as e:
        raise fail(str(e), GRPO_EXIT_CODES.get(type(e), 3)) from None


@contextlib.contextmanager
def grpo_bar() -> Iterator[Callable[[int, int, Mapping[str, float]], None]]:
    """A rich progress bar on stderr for GRPO-S runs (``grpo.run.Progress``): a new line per run, started when its
    trainer is ready (step 0), then the last step's reward, weight, KL and time, and the quick eval's compliance."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("[bold]GRPO-S"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    bar = Progress(*columns, TextColumn("{task.fields[live]}"), transient=False, console=Console(stderr=True))
    task: list[Any] = []

    def update(step: int, total: int, m: Mapping[str, float]) -> None:
        if step == 0:
            bar.start()
            task[:] = [bar.add_task("train", total=total, completed=0, live="")]
            return
        live = (
            f"reward {m['reward/raw_mean']:+.3f}  w {m['weight/mean']:.2f}  kl {m['kl']:.4f}  "
            f"{m['time/step']:.1f}s/step"
        )
        if "eval/harmful_compliance" in m:
            live += f"  comply {m['eval/harmful_compliance']:.2f}"
        bar.update(task[0], completed=step, live=live)

    try:
        yield update
    finally:
        bar.stop()


def emit(write: Callable[[str], None], result: dict[str, Any], as_json: bool, human: Callable[[dict], str]) -> None:
    """The command's result: JSON with ``--json``, else the human form."""
    write(json.dumps(result, indent=1) if as_json else human(result))
