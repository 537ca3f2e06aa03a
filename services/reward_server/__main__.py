"""``drirl-server``: run the reward server with uvicorn (settings from DRIRL_* variables and the options)."""

from __future__ import annotations

from pathlib import Path

import typer

cli = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


@cli.command()
def serve(
    model_dir: Path | None = typer.Option(
        None, help="Model directory (default: DRIRL_MODEL_DIR or var/models/default)."
    ),
    host: str | None = typer.Option(None, help="Bind address (default: DRIRL_HOST or 127.0.0.1)."),
    port: int | None = typer.Option(None, help="Port (default: DRIRL_PORT or 8000)."),
    redis_url: str | None = typer.Option(None, help="redis://… (default: DRIRL_REDIS_URL; unset → in-process LRU)."),
) -> None:
    """Serve POST /score, /v1/models, /get_reward, /healthz, /readyz, /metrics and the OpenAPI docs at /docs."""
    from pydantic import ValidationError

    from services.reward_server.app import create_app
    from services.reward_server.logs import configure_logging
    from services.reward_server.settings import ServerSettings
    from services.reward_server.shutdown import draining_server
    from shared.manifest import ManifestError, verify_model_dir
    from shared.model_bank import check_runtime_settings
    from shared.runtimes import RuntimeSetupError

    overrides = {
        k: v
        for k, v in {"model_dir": model_dir, "host": host, "port": port, "redis_url": redis_url}.items()
        if v is not None
    }
    try:
        settings = ServerSettings(**overrides)
    except ValidationError as e:
        typer.echo(f"error: invalid settings: {e}", err=True)
        raise typer.Exit(2) from None
    configure_logging(settings.log_level)
    try:
        verify_model_dir(settings.model_dir)  # fail before uvicorn starts, with the fix in the message
        check_runtime_settings(settings.model_dir, **settings.runtime_options())
    except (ManifestError, RuntimeSetupError) as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None
    server = draining_server(create_app(settings), settings)  # see shutdown.py: our grace period comes first
    server.run()
    if not server.started:  # the lifespan failed (its error is logged above); uvicorn.run exits 3 here too
        raise typer.Exit(3)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
