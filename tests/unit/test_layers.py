"""The import layers of docs/architecture.md, checked on the source (ast: nothing is imported, so this is fast and
sees imports inside functions too).

Trainer, top to bottom: cli → commands → workflows (demo, experiment) → grpo / irl / sft / eval → policy / data /
config / runlog → shared. A module may import its own layer and the ones below, never one above. The reward server
and the trainer meet only in ``shared/`` (the wire contract, the model-dir manifest, the reward-model bank), except
that the trainer may start a server in its own process through ``services.reward_server.embedded``. ``shared/``
imports neither service.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TRAINER = "services.trainer"
SERVER = "services.reward_server"
#: The one server module the trainer may import: it starts a server; rewards still travel over HTTP.
SERVER_ENTRY = f"{SERVER}.embedded"

#: Layer of each trainer module prefix, higher imports lower. The longest matching prefix decides.
TRAINER_LAYERS: dict[str, int] = {
    f"{TRAINER}.cli": 5,
    f"{TRAINER}.commands": 4,
    f"{TRAINER}.demo": 3,
    f"{TRAINER}.experiment": 3,
    f"{TRAINER}.grpo": 2,
    f"{TRAINER}.irl": 2,
    f"{TRAINER}.sft": 2,
    f"{TRAINER}.eval": 2,
    f"{TRAINER}.policy": 1,
    f"{TRAINER}.data": 1,
    f"{TRAINER}.config": 1,
    f"{TRAINER}.runlog": 1,
}
LAYER_NAMES = {5: "cli", 4: "commands", 3: "workflows", 2: "grpo/irl/sft/eval", 1: "policy/data"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(module: str, source: str, *, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in ``source``, wherever it stands (``from a import b`` gives
    ``a.b`` as well as ``a``, since ``b`` may be a module)."""
    package = module if is_package else module.rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against this module's package
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            out.append((node.lineno, base))
            out += [(node.lineno, f"{base}.{alias.name}") for alias in node.names if alias.name != "*"]
    return out


def trainer_layer(module: str) -> int | None:
    matches = [p for p in TRAINER_LAYERS if module == p or module.startswith(p + ".")]
    return TRAINER_LAYERS[max(matches, key=len)] if matches else None


def sources(*roots: str) -> list[Path]:
    return sorted(p for root in roots for p in (REPO / root).rglob("*.py"))


def violations(me: str, source: str, *, is_package: bool = False, where: str = "") -> list[str]:
    """Every import of module ``me`` (its ``source``) that runs against the layers, as ``where:line: a → b (why)``."""
    found: dict[int, str] = {}  # one per line: ``from a import b`` is not reported twice, as a and as a.b
    mine = trainer_layer(me)
    for line, target in imports_of(me, source, is_package=is_package):
        if line in found:
            continue
        at = f"{where or me}:{line}: {me} → {target}"
        if me.startswith("shared") and target.startswith("services"):
            found[line] = f"{at} (shared/ is the contract: it imports no service)"
        elif me.startswith(SERVER) and target.startswith(TRAINER):
            found[line] = f"{at} (the server knows nothing of training)"
        elif me.startswith(TRAINER) and target.startswith(SERVER) and not target.startswith(SERVER_ENTRY):
            found[line] = f"{at} (the trainer reaches the server only through shared/ or {SERVER_ENTRY})"
        elif mine is not None and (theirs := trainer_layer(target)) is not None and theirs > mine:
            found[line] = f"{at} ({LAYER_NAMES[mine]} imports {LAYER_NAMES[theirs]}, a higher layer)"
    return list(found.values())


def test_every_trainer_module_has_a_layer() -> None:
    """A new top-level module of the trainer must be given its place (add it to TRAINER_LAYERS)."""
    unplaced = [module_name(p) for p in sources("services/trainer") if trainer_layer(module_name(p)) is None]
    assert unplaced == [f"{TRAINER}"], unplaced  # only the package itself


def test_no_module_imports_a_higher_layer_or_the_other_service() -> None:
    found = [
        v
        for p in sources("services", "shared")
        for v in violations(
            module_name(p), p.read_text(), is_package=p.name == "__init__.py", where=str(p.relative_to(REPO))
        )
    ]
    assert not found, "imports against the layers (docs/architecture.md):\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("services.trainer.demo", "from services.trainer.commands.train import run_grpo\n", "workflows imports"),
        ("services.trainer.grpo.x", "def f():\n    import services.trainer.demo\n", "grpo/irl/sft/eval imports"),
        ("services.trainer.eval.x", "from services.reward_server.models import ModelBank\n", "only through"),
        ("services.trainer.policy.x", "from ..grpo import loop\n", "policy/data imports"),
        ("services.reward_server.x", "from services.trainer.config import GRPOSConfig\n", "knows nothing"),
        ("shared.x", "import services.reward_server.app\n", "imports no service"),
    ],
)
def test_the_check_catches_each_kind_of_violation(module: str, source: str, expected: str) -> None:
    found = violations(module, source)
    assert len(found) == 1 and expected in found[0], found


@pytest.mark.parametrize(
    "source",
    [
        "from services.reward_server.embedded import EmbeddedServer\n",
        "from services.trainer.policy.rollout import make_engine\n",
        "from shared.model_bank import ModelBank\n",
        "from . import loop\n",
        "from services.trainer.eval.quick import safety_rates\n",
    ],
)
def test_the_check_allows_imports_down_and_across_a_layer(source: str) -> None:
    assert violations("services.trainer.grpo.probe", source) == []
