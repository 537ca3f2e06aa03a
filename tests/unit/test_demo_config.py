"""Shipped demo configs load, and every override names a real setting of the stage it goes to."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from services.trainer.config import GRPOSConfig
from services.trainer.demo import DemoConfig
from services.trainer.irl.config import IRLConfig
from services.trainer.sft import SFTConfig

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("name", "sft_benign", "grpo_benign"),
    [
        ("demo.yaml", 3, 1),
        ("demo_mix.yaml", 3, 3),
        ("demo_useful.yaml", 2, 1),
        ("demo_short.yaml", 3, 1),
        ("demo_terse.yaml", 3, 1),
    ],
)
def test_shipped_demo_config_validates_with_its_overrides(name: str, sft_benign: int, grpo_benign: int):
    cfg = DemoConfig.model_validate(yaml.safe_load((REPO / "configs" / name).read_text()))
    sft = SFTConfig.model_validate(cfg.sft_overrides)
    assert sft.benign_repeats == sft_benign
    assert sft.ordinary_prompts is not None and (REPO / sft.ordinary_prompts).is_file()
    assert GRPOSConfig.model_validate(cfg.grpo_overrides).benign_repeats == grpo_benign
    IRLConfig.model_validate(cfg.irl_overrides)


def test_the_defaults_are_configs_demo_yaml():
    """`drirl demo` bare and `drirl demo -c configs/demo.yaml` run the same recipe (paths read from the repo root)."""
    spelled = DemoConfig.model_validate(yaml.safe_load((REPO / "configs" / "demo.yaml").read_text()))
    default = DemoConfig()
    assert (
        default.grpo_overrides
        == spelled.grpo_overrides
        == {
            "benign_repeats": 1,
            "beta": 0.2,
            "learning_rate": 2e-4,
            "max_steps": 8,
            "lora_layers": 10,
        }
    )
    assert (
        default.irl_overrides
        == spelled.irl_overrides
        == {"tail_refusal_pairs": True, "freeze_layers": 2, "learning_rate": 3e-4}
    )
    ordinary = default.sft_overrides.pop("ordinary_prompts")
    assert Path(ordinary) == REPO / spelled.sft_overrides.pop("ordinary_prompts")
    assert Path(ordinary).is_file()
    assert default.sft_overrides == spelled.sft_overrides
    same = ("sft_epochs", "ordinary_in_rl", "irl_prompts_per_category", "irl_samples_per_prompt", "grpo_minutes")
    assert {k: getattr(default, k) for k in same} == {k: getattr(spelled, k) for k in same}
    assert (default.eval_samples, default.eval_warm_start, default.rounds) == (spelled.eval_samples, True, 1)


def test_ordinary_prompts_in_rl_need_the_sft_stages_prompt_file():
    with pytest.raises(ValidationError, match=r"ordinary_in_rl needs sft_overrides\.ordinary_prompts"):
        DemoConfig.model_validate({"ordinary_in_rl": True, "sft_overrides": {}})
    assert DemoConfig.model_validate({"ordinary_in_rl": False, "sft_overrides": {}}).sft_overrides == {}
    cfg = DemoConfig.model_validate({"ordinary_in_rl": True, "sft_overrides": {"ordinary_prompts": "p.jsonl"}})
    assert cfg.ordinary_in_rl


def test_an_override_of_no_such_setting_is_refused():
    with pytest.raises(ValidationError, match="no_such"):
        SFTConfig.model_validate({"no_such": 1})
    with pytest.raises(ValidationError, match="no_such"):
        IRLConfig.model_validate({"no_such": 1})
