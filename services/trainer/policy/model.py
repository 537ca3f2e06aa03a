"""The trainable policy: load it (LoRA on a frozen base in the compute dtype, or full float32), save it merged."""

from __future__ import annotations

import contextlib
import copy
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import torch

from services.trainer.config import ConfigError, PolicyModelSettings
from shared.devices import pick_dtype

log = logging.getLogger(__name__)


def load_policy(path: str, config: PolicyModelSettings, device: torch.device) -> tuple[torch.nn.Module, Any]:
    """The trainable policy (peft LoRA on a frozen base in the compute dtype, or a full float32 model) + tokenizer."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(path)
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    dtype = pick_dtype(config.dtype)
    model = AutoModelForCausalLM.from_pretrained(
        path, dtype=dtype if config.use_lora else torch.float32, attn_implementation=config.attn_implementation
    )
    model.to(device)
    if config.use_lora:
        from peft import get_peft_model

        torch.manual_seed(config.seed)
        adapter = lora_config(config, model.config.num_hidden_layers)
        model = get_peft_model(model, adapter, autocast_adapter_dtype=True)  # adapter weights stay fp32
        trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
        log.info(
            "policy %s: LoRA r=%d on %s of %s, %.2fM trainable parameters, base in %s",
            path,
            config.lora_rank,
            ",".join(config.lora_target_modules),
            "every layer" if config.lora_layers is None else f"the top {config.lora_layers} layers",
            trainable / 1e6,
            str(dtype).removeprefix("torch."),
        )
    model.config.use_cache = False
    return model, tokenizer


@contextlib.contextmanager
def mixed_precision(model: torch.nn.Module, config: PolicyModelSettings) -> Iterator[None]:
    """The policy's training forward in the compute dtype (:func:`shared.devices.pick_dtype`), as HF's Trainer with
    ``bf16=True``: under autocast, with the float32 parameters as the master copy.

    LoRA: the base already holds bfloat16 weights and the adapter float32 ones. Without autocast peft casts every
    adapted layer's input to float32 and runs the adapter there: seven full-size casts and float32 passes per
    decoder layer, ~12 % of a GRPO-S forward + backward (measured, SmolLM2-135M, bfloat16 CPU). Under autocast with
    peft's input casting off, the adapter's matmuls run in bfloat16 on the bfloat16 activations; its weights,
    gradients and optimizer state stay float32. A float32 policy: nothing changes.
    """
    dtype = pick_dtype(config.dtype)
    if dtype == torch.float32:
        yield
        return
    device = next(model.parameters()).device
    with contextlib.ExitStack() as stack:
        stack.enter_context(torch.autocast(device.type, dtype=dtype))
        if config.use_lora:
            from peft.helpers import disable_input_dtype_casting

            stack.enter_context(disable_input_dtype_casting(model))
        yield


def lora_config(config: PolicyModelSettings, num_layers: int) -> Any:
    """The peft ``LoraConfig`` of ``config`` for a model of ``num_layers`` decoder layers: what :func:`load_policy`
    wraps the base in (and what a TRL peer in ``bench/bench_train.py`` is given, so both train the same adapter).
    ``lora_layers``: the top layers only, ``num_layers - N`` … ``num_layers - 1``."""
    from peft import LoraConfig

    layers = None
    if config.lora_layers is not None:
        if config.lora_layers > num_layers:
            raise ConfigError(f"lora_layers={config.lora_layers}, but the policy has {num_layers} decoder layers")
        layers = list(range(num_layers - config.lora_layers, num_layers))
    return LoraConfig(
        r=config.lora_rank,
        lora_alpha=config.lora_alpha,
        lora_dropout=config.lora_dropout,
        target_modules=config.lora_target_modules,
        layers_to_transform=layers,
        layers_pattern="layers" if layers is not None else None,
        bias="none",
        task_type="CAUSAL_LM",
    )


def save_merged(model: torch.nn.Module, tokenizer: Any, out: Path) -> Path:
    """``model`` as a standalone HF folder (a LoRA adapter merged in float32, the adapter also kept under
    ``adapter/``), loadable by HF, vLLM and `drirl eval`."""
    from peft import PeftModel

    out = Path(out)
    if isinstance(model, PeftModel):
        model.save_pretrained(out / "adapter")
        model = copy.deepcopy(model).to(torch.float32).merge_and_unload()  # merge in float32
    model.to(torch.float32).save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)
    return out
