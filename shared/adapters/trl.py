"""TRL (1.16) backed by the DR-IRL reward server: exact GRPO-S, or a plain reward function.

**Exact GRPO-S** — :class:`DrirlGRPOTrainer`, a ``GRPOTrainer`` whose advantage is
``A = α·(r − mean r)/(std r + 1e-4)`` per group (α the server's per-item coefficient, std unbiased as TRL's)::

    from shared.adapters.trl import DrirlGRPOTrainer
    trainer = DrirlGRPOTrainer(model=..., args=GRPOConfig(...), train_dataset=ds)  # prompt, category, reference

It scores the *gathered* batch (every process's completions; the main process calls the server and broadcasts), so
a group split across processes is still one group, and it groups by position — TRL lays out the gathered batch as
``num_generations`` consecutive completions per prompt — so two identical prompts side by side stay two groups.
TRL then computes its own advantages from the raw rewards (logged as ``rewards/drirl_reward``), which the trainer
replaces by the GRPO-S ones before the loss (and in the completions table). ``scale_rewards`` has no effect.

**A reward function only** — :class:`DrirlRewardFunc` (sync) / :class:`AsyncDrirlRewardFunc`, or the ready-made
``drirl_reward`` for ``trl grpo --reward_funcs shared.adapters.trl.drirl_reward``. TRL calls
``f(prompts=…, completions=…, completion_ids=…, **dataset_columns)``; the reward is ``w · raw_reward``
(``mode="raw"``: the raw score) and an item the server could not score is ``None`` (left out of the baseline). Not
GRPO-S: TRL normalises the rewards itself, so with ``scale_rewards="group"`` (its default) a per-group w cancels,
and with ``"none"`` the advantage is ``w·(r − mean r)``, without the std. Each process scores only its own slice,
so a group split across processes gets two coefficients; groups are ``num_generations`` consecutive items of the
global batch when ``num_generations`` is given (``drirl_reward`` reads ``DRIRL_NUM_GENERATIONS``), else runs of
identical prompts.

Prompts and completions may be strings or chats, multimodal parts included: :mod:`shared.adapters.text` reduces them
to text. The server URL defaults to ``DRIRL_SERVER_URL`` (else ``http://127.0.0.1:8000``), the key to
``DRIRL_API_KEY``.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
from collections.abc import Coroutine, Sequence
from functools import cached_property
from typing import Any, Literal

import torch

from shared.adapters.grpo_s import grpo_s_advantages
from shared.adapters.text import completion_text, prompt_text
from shared.client import AsyncRewardClient, RewardClient, ScoreResult
from shared.schemas import ScoreItem

Mode = Literal["scaled", "raw"]
TRL_EPS = 1e-4  # TRL adds this to the group std


def _process_index() -> int:
    try:
        from accelerate import PartialState
    except ImportError:
        return 0
    return PartialState().process_index


class _Base:
    def __init__(
        self,
        base_url: str | None = None,
        *,
        api_key: str | None = None,
        category_column: str = "category",
        reference_column: str = "reference",
        mode: Mode = "scaled",
        num_generations: int | None = None,
    ) -> None:
        if num_generations is not None and num_generations < 1:
            raise ValueError(f"num_generations must be >= 1, got {num_generations}")
        self.base_url = base_url or os.environ.get("DRIRL_SERVER_URL", "http://127.0.0.1:8000")
        self.api_key = api_key if api_key is not None else os.environ.get("DRIRL_API_KEY")
        self.category_column = category_column
        self.reference_column = reference_column
        self.mode = mode
        self.num_generations = num_generations
        self.__name__ = "drirl_reward"  # TRL logs rewards under the function's name

    def _groups(self, texts: Sequence[str], offset: int) -> list[int]:
        if self.num_generations is not None:
            return [(offset + i) // self.num_generations for i in range(len(texts))]
        groups: list[int] = []
        previous = None
        for text in texts:  # without G: a run of the same prompt is a group (adjacent duplicates merge)
            groups.append(groups[-1] + (text != previous) if groups else 0)
            previous = text
        return groups

    def items(
        self,
        prompts: Sequence[Any],
        completions: Sequence[Any],
        columns: dict[str, Any],
        groups: Sequence[int],
        tag: str = "",
    ) -> list[ScoreItem]:
        """One ScoreItem per completion; items with the same ``groups`` value form one server group."""
        if not len(prompts) == len(completions) == len(groups):
            raise ValueError(f"{len(prompts)} prompts, {len(completions)} completions, {len(groups)} group ids")
        cats, refs = columns.get(self.category_column), columns.get(self.reference_column)
        texts = [prompt_text(p) for p in prompts]
        return [
            ScoreItem(
                prompt=text,
                response=completion_text(c),
                category=cats[i] if cats else None,
                reference=refs[i] if refs else None,
                group_id=hashlib.sha1(f"{tag}:{groups[i]}:{text}".encode()).hexdigest()[:16],
            )
            for i, (text, c) in enumerate(zip(texts, completions, strict=True))
        ]

    def _local_items(self, prompts: Sequence[Any], completions: Sequence[Any], kwargs: dict[str, Any]):
        offset = _process_index() * len(prompts)
        return self.items(prompts, completions, kwargs, self._groups([prompt_text(p) for p in prompts], offset))

    def _rewards(self, result: ScoreResult, kwargs: dict[str, Any]) -> list[float | None]:
        log_metric = kwargs.get("log_metric")
        ok = [r for r in result.results if r.error is None]
        if callable(log_metric) and ok:
            log_metric("drirl/weight_mean", sum(r.weight or 1.0 for r in ok) / len(ok))
            log_metric("drirl/errors", float(result.n_errors))
        key = "reward" if self.mode == "scaled" else "raw_reward"
        return [getattr(r, key) if r.error is None else None for r in result.results]


class DrirlRewardFunc(_Base):
    """Synchronous TRL reward function; see the module docstring."""

    def __init__(self, base_url: str | None = None, *, client: RewardClient | None = None, **kwargs: Any) -> None:
        super().__init__(base_url, **kwargs)
        if client is not None:
            self.__dict__["client"] = client

    @cached_property
    def client(self) -> RewardClient:  # made on first use: `drirl_reward` is built at import, before any env is set
        return RewardClient(self.base_url, api_key=self.api_key)

    def score(self, items: list[ScoreItem]) -> ScoreResult:
        return self.client.score(items, scale=self.mode == "scaled")

    def __call__(self, prompts: Sequence[Any], completions: Sequence[Any], **kwargs: Any) -> list[float | None]:
        return self._rewards(self.score(self._local_items(prompts, completions, kwargs)), kwargs)


# Mirrors DrirlRewardFunc over the async client, line for line, as AsyncRewardClient mirrors RewardClient.
class AsyncDrirlRewardFunc(_Base):
    """asyncio TRL reward function (TRL runs async reward functions concurrently, on its own event loop)."""

    def __init__(self, base_url: str | None = None, *, client: AsyncRewardClient | None = None, **kwargs: Any) -> None:
        super().__init__(base_url, **kwargs)
        if client is not None:
            self.__dict__["client"] = client

    @cached_property
    def client(self) -> AsyncRewardClient:
        return AsyncRewardClient(self.base_url, api_key=self.api_key)

    def score(self, items: list[ScoreItem]) -> Coroutine[Any, Any, ScoreResult]:
        return self.client.score(items, scale=self.mode == "scaled")

    async def __call__(self, prompts: Sequence[Any], completions: Sequence[Any], **kwargs: Any) -> list[float | None]:
        return self._rewards(await self.score(self._local_items(prompts, completions, kwargs)), kwargs)


def _env_generations() -> int | None:
    value = os.environ.get("DRIRL_NUM_GENERATIONS")
    return int(value) if value else None


#: For ``trl grpo --reward_funcs shared.adapters.trl.drirl_reward`` (server and key from the environment).
drirl_reward = DrirlRewardFunc(num_generations=_env_generations())


def _make_trainer_class() -> type:
    from accelerate.utils import broadcast_object_list, gather_object
    from trl import GRPOTrainer

    class DrirlGRPOTrainer(GRPOTrainer):
        """``GRPOTrainer`` with the GRPO-S advantage; see the module docstring. ``reward_funcs`` defaults to one
        :class:`DrirlRewardFunc` and may hold only that (sync or async)."""

        def __init__(self, *args: Any, reward_funcs: Any = None, **kwargs: Any) -> None:
            funcs = [DrirlRewardFunc()] if reward_funcs is None else reward_funcs
            funcs = list(funcs) if isinstance(funcs, list | tuple) else [funcs]
            if len(funcs) != 1 or not isinstance(funcs[0], _Base):
                raise ValueError(
                    "DrirlGRPOTrainer computes the GRPO-S advantage from one DR-IRL reward: pass "
                    "reward_funcs=[DrirlRewardFunc(...)] (or nothing); for a mix of rewards use GRPOTrainer"
                )
            super().__init__(*args, reward_funcs=funcs, **kwargs)  # type: ignore[misc]
            self._drirl_advantages: torch.Tensor | None = None

        def _score_global(self, items: list[ScoreItem]) -> ScoreResult:
            func: Any = self.reward_funcs[0]
            if isinstance(func, AsyncDrirlRewardFunc):
                return asyncio.run_coroutine_threadsafe(func.score(items), self.async_loop).result()
            return func.score(items)

        def _calculate_rewards(self, inputs, prompts, completions, completion_ids_list):
            func: Any = self.reward_funcs[0]
            mode = "train" if self.model.training else "eval"
            G = self.num_generations if mode == "train" else self.num_generations_eval
            columns = [func.category_column, func.reference_column]
            local = [(p, c, *(x.get(k) for k in columns)) for p, c, x in zip(prompts, completions, inputs, strict=True)]
            rows = gather_object(local)  # TRL's global order: G consecutive completions per prompt
            result: list[ScoreResult | None] = [None]
            if self.accelerator.is_main_process:
                items = func.items(
                    [r[0] for r in rows],
                    [r[1] for r in rows],
                    {name: [r[2 + k] for r in rows] for k, name in enumerate(columns)},
                    [i // G for i in range(len(rows))],
                    tag=f"{mode}-{self.state.global_step}",
                )
                result = [self._score_global(items)]
            scored: ScoreResult = broadcast_object_list(result)[0]
            ok = torch.tensor([r.error is None for r in scored.results])
            raw = torch.tensor([r.raw_reward if r.error is None else float("nan") for r in scored.results])
            weight = torch.tensor([r.weight if r.error is None else 0.0 for r in scored.results])
            groups_t = torch.arange(len(rows)) // G
            self._drirl_advantages = grpo_s_advantages(raw, weight, groups_t, ok, eps=TRL_EPS)
            if ok.any():
                self._metrics[mode]["drirl/weight_mean"].append(weight[ok].mean().item())
            self._metrics[mode]["drirl/errors"].append(float((~ok).sum()))
            return raw.unsqueeze(1).to(self.accelerator.device)

        def _generate_and_score_completions(self, inputs):
            out = super()._generate_and_score_completions(inputs)
            adv = self._drirl_advantages
            assert adv is not None, "_calculate_rewards runs inside _generate_and_score_completions"
            start = self.accelerator.process_index * len(inputs)
            out["advantages"] = adv[start : start + len(inputs)].to(out["advantages"])
            logged = self._logs["advantages"]  # TRL logged its own advantages for the completions table
            n = min(len(adv), len(logged))
            for k in range(n):
                logged[len(logged) - n + k] = adv[len(adv) - n + k].item()
            return out

    return DrirlGRPOTrainer


def __getattr__(name: str) -> Any:
    # the trainer subclasses GRPOTrainer: build it on first use, so the reward functions import without TRL
    if name == "DrirlGRPOTrainer":
        cls = _make_trainer_class()
        globals()[name] = cls
        return cls
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
