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


@pytest.mark.parametrize("name", ["demo_mix.yaml"])
def test_shipped_demo_config_validates_with_its_overrides(name: str):
    cfg = DemoConfig.model_validate(yaml.safe_load((REPO / "configs" / name).read_text()))
    sft = SFTConfig.model_validate(cfg.sft_overrides)
    assert sft.benign_repeats == 3 and sft.ordinary_prompts is not None and (REPO / sft.ordinary_prompts).is_file()
    assert GRPOSConfig.model_validate(cfg.grpo_overrides).benign_repeats == 3
    IRLConfig.model_validate(cfg.irl_overrides)


def test_an_override_of_no_such_setting_is_refused():
    with pytest.raises(ValidationError, match="no_such"):
        SFTConfig.model_validate({"no_such": 1})
    with pytest.raises(ValidationError, match="no_such"):
        IRLConfig.model_validate({"no_such": 1})
