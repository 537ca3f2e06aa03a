"""Generated documentation that must not rot: ``.env.example`` and ``docs/api.md``.

python -m services.reward_server.docs          # rewrite both
python -m services.reward_server.docs --check  # exit 1 if either is out of date (tests run this)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from services.reward_server.settings import ServerSettings, setting_fields

REPO = Path(__file__).resolve().parents[2]


def env_example() -> str:
    lines = [
        "# Every reward-server setting, with its default. Copy to .env (docker compose and drirl-server read it).",
        "# Unset values fall back to the default shown; lines starting with # are not applied.",
        "",
    ]
    for env, field in setting_fields():
        default = field.get_default(call_default_factory=True)
        if default is None:
            value = ""
        elif isinstance(default, list):
            value = json.dumps(default)
        else:
            value = str(default).lower() if isinstance(default, bool) else str(default)
        lines.append(f"# {field.description}")
        lines.append(f"# {env}={value}")
        lines.append("")
    return "\n".join(lines)


def _schema_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _examples(spec: dict[str, Any], content: dict[str, Any]) -> list[Any]:
    """The content's own example, else every example of its schema."""
    if "example" in content:
        return [content["example"]]
    ref = content.get("schema", {}).get("$ref")
    if ref:
        return list(spec["components"]["schemas"][_schema_name(ref)].get("examples") or [])
    return []


def api_markdown(spec: dict[str, Any]) -> str:
    md = [
        f"# {spec['info']['title']} — HTTP API",
        "",
        "Generated from `/openapi.json` by `python -m services.reward_server.docs`; do not edit by hand.",
        "",
    ]
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            md += [f"## `{method.upper()} {path}` — {op.get('summary', '')}", "", op.get("description", "").strip(), ""]
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                md += [f"Request body: `{_schema_name(body['schema'].get('$ref', 'object'))}`", ""]
                for ex in _examples(spec, body) or [None]:
                    md += ["```json", json.dumps(ex, indent=2), "```", ""]
            for status, resp in op.get("responses", {}).items():
                md.append(f"- **{status}** {resp.get('description', '')}")
                for content in resp.get("content", {}).values():
                    for ex in _examples(spec, content) if status.startswith("2") else []:
                        md += ["", "```json", json.dumps(ex, indent=2) if not isinstance(ex, str) else ex, "```"]
            md.append("")
    return "\n".join(md)


def generated() -> dict[Path, str]:
    from services.reward_server.app import create_app

    spec = create_app(ServerSettings()).openapi()
    return {REPO / ".env.example": env_example(), REPO / "docs" / "api.md": api_markdown(spec)}


def main(argv: list[str] | None = None) -> int:
    check = "--check" in (argv if argv is not None else sys.argv[1:])
    stale = []
    for path, text in generated().items():
        if check:
            if not path.is_file() or path.read_text() != text:
                stale.append(str(path.relative_to(REPO)))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    if stale:
        print(f"out of date: {', '.join(stale)}; run `python -m services.reward_server.docs`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
