"""The README's Layout section is the tree: every path it names exists, and every module of the three packages is
named (so a moved or new module shows up here until the README says where it went)."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGES = ("shared", "services/reward_server", "services/trainer")


def layout() -> dict[str, dict[str, list[str]]]:
    """The Layout block as {top-level folder: {name in its first column: the .py files its description names}}."""
    text = (REPO / "README.md").read_text()
    block = text.split("## Layout", 1)[1].split("```", 2)[1]
    tree: dict[str, dict[str, list[str]]] = {}
    top = ""
    for line in block.strip("\n").splitlines():
        names, description = [*re.split(r"\s{2,}", line.strip(), maxsplit=1), ""][:2]
        if not line.startswith(" "):
            top = names.strip()
            tree[top] = {}
            continue
        for name in names.split():
            tree[top][name] = re.findall(r"\b[a-z_]+\.py\b", description) if name.endswith("/") else []
    return tree


def test_every_path_the_layout_names_exists() -> None:
    missing = []
    for top, entries in layout().items():
        if not (REPO / top).is_dir():
            missing.append(top)
        for name, files in entries.items():
            if not (REPO / top / name).exists():
                missing.append(top + name)
            missing += [top + name + f for f in files if not (REPO / top / name / f).is_file()]
    assert not missing, f"README Layout names paths that do not exist: {missing}"


def test_the_layout_names_every_module_of_the_packages() -> None:
    tree = layout()
    unnamed = []
    for package in PACKAGES:
        named = tree[package + "/"]
        for path in sorted((REPO / package).iterdir()):
            entry = path.name + "/" if path.is_dir() else path.name
            if path.name in ("__init__.py", "__pycache__", "Dockerfile") or path.suffix not in (".py", ""):
                continue
            if entry not in named:
                unnamed.append(f"{package}/{entry}")
    assert not unnamed, f"README Layout does not name: {unnamed}"
