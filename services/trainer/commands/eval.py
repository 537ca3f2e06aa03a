"""`drirl eval`: harmful compliance, over-refusal and usefulness of a policy, with report.md and results.png.

Results go to stdout (a summary table, or with ``--json`` only JSON), progress and logs to stderr; a bad option or
input file is one ``error: ...`` line on stderr and exit code 2, before any model is loaded.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from services.trainer.commands.common import fail, help_of
from services.trainer.eval.evaluate import ENGINES, SUITES, EvalConfig

app = typer.Typer()


@app.callback(invoke_without_command=True)
def evaluate(
    policy: Annotated[str, typer.Option(help=help_of(EvalConfig, "policy"))] = EvalConfig.model_fields[
        "policy"
    ].default,
    base_policy: Annotated[str, typer.Option(help=help_of(EvalConfig, "base_policy"))] = EvalConfig.model_fields[
        "base_policy"
    ].default,
    suite: Annotated[str, typer.Option(help=help_of(EvalConfig, "suite"))] = "all",
    model_dir: Annotated[Path | None, typer.Option(help=help_of(EvalConfig, "model_dir"))] = None,
    benchmark: Annotated[
        list[Path] | None, typer.Option("--benchmark", help=help_of(EvalConfig, "benchmarks", "Repeat for several."))
    ] = None,
    harmbench_all: Annotated[bool, typer.Option("--harmbench-all", help=help_of(EvalConfig, "harmbench_all"))] = False,
    usefulness: Annotated[
        Path | None, typer.Option(help="Usefulness tasks JSONL (default: data/eval/usefulness_v1.jsonl).")
    ] = None,
    no_usefulness: Annotated[bool, typer.Option("--no-usefulness", help="Skip the usefulness tasks.")] = False,
    samples: Annotated[int, typer.Option(help=help_of(EvalConfig, "samples"))] = EvalConfig.model_fields[
        "samples"
    ].default,
    temperature: Annotated[float, typer.Option(help=help_of(EvalConfig, "temperature"))] = 1.0,
    data: Annotated[Path | None, typer.Option(help=help_of(EvalConfig, "data"))] = None,
    out: Annotated[Path, typer.Option(help="Folder for report.md, report.json and results.png.")] = Path("var/eval"),
    baseline: Annotated[
        Path | None, typer.Option(help="A previous report.json (e.g. of the base policy): adds before → after.")
    ] = None,
    run_dir: Annotated[Path | None, typer.Option(help="A training run dir: adds its curves to the report.")] = None,
    engine: Annotated[str, typer.Option(help=help_of(EvalConfig, "engine"))] = "auto",
    max_new_tokens: Annotated[int, typer.Option(help=help_of(EvalConfig, "max_new_tokens"))] = 96,
    limit: Annotated[int | None, typer.Option(help=help_of(EvalConfig, "limit"))] = None,
    seed: Annotated[int, typer.Option(help=help_of(EvalConfig, "seed"))] = 0,
    cache_dir: Annotated[Path, typer.Option(help=help_of(EvalConfig, "cache_dir"))] = EvalConfig.model_fields[
        "cache_dir"
    ].default,
    as_json: Annotated[bool, typer.Option("--json", help="Print only JSON (the report without its items).")] = False,
) -> None:
    """Evaluate a policy on the test split, benchmark files and usefulness tasks; write report.md with plots."""
    from pydantic import ValidationError

    from services.trainer.data.schema import DEFAULT_DATASET, DataError
    from services.trainer.eval.benchmarks import load_benchmarks
    from services.trainer.eval.evaluate import evaluate_policy
    from services.trainer.eval.report import ReportError, check_result, headline_table, write_report
    from services.trainer.eval.usefulness import DEFAULT_USEFULNESS, load_tasks
    from services.trainer.policy.resolve import PolicyError
    from shared.manifest import ManifestError

    for name, value, choices in (("--suite", suite, SUITES), ("--engine", engine, ENGINES)):
        if value not in choices:
            raise fail(f"{name} must be one of {', '.join(choices)} (got {value!r})")
    try:
        cfg = EvalConfig(
            policy=policy,
            base_policy=base_policy,
            suite=suite,  # type: ignore[arg-type]
            data=data or DEFAULT_DATASET,
            model_dir=model_dir,
            benchmarks=benchmark or [],
            harmbench_all=harmbench_all,
            usefulness=None if no_usefulness else (usefulness or DEFAULT_USEFULNESS),
            samples=samples,
            temperature=temperature,
            max_new_tokens=max_new_tokens,
            limit=limit,
            engine=engine,  # type: ignore[arg-type]
            seed=seed,
            cache_dir=cache_dir,
        )
    except ValidationError as e:
        first = e.errors()[0]
        raise fail(f"--{str(first['loc'][0]).replace('_', '-')}: {first['msg']}") from None
    before = None
    try:
        # every input file is read before a model is loaded, so a typo costs no engine start
        load_benchmarks(cfg.benchmarks, harmbench_all=cfg.harmbench_all)
        if cfg.usefulness is not None:
            load_tasks(cfg.usefulness)
        if baseline is not None:
            before = check_result(json.loads(Path(baseline).read_text()), f"baseline {baseline}")
        if model_dir is not None and not (model_dir / "manifest.json").is_file():
            raise ManifestError(f"{model_dir} has no manifest.json")
        result = evaluate_policy(cfg, say=lambda s: typer.echo(s, err=True)).to_json()
    except (DataError, ManifestError, PolicyError, ReportError, OSError, json.JSONDecodeError) as e:
        raise fail(str(e)) from None
    path = write_report(result, out, before=before, run_dir=run_dir)
    if as_json:
        summary: dict[str, Any] = {k: v for k, v in result.items() if k != "items"}
        if summary.get("usefulness"):
            summary["usefulness"] = {k: v for k, v in summary["usefulness"].items() if k != "items"}
        typer.echo(json.dumps(summary | {"report": str(path)}))
        return
    typer.echo(headline_table(result, before))
    typer.echo(f"\nreport: {path}")
