"""A TRL reward function backed by the DR-IRL reward server: pass it in ``GRPOTrainer(reward_funcs=[...])``.

TRL calls ``f(prompts=…, completions=…, completion_ids=…, **dataset_columns)`` and expects one float (or ``None``
for "no signal") per completion; the G completions of one prompt arrive consecutively. This adapter sends them as
one group each (``group_id``), with the category and demonstration from dataset columns, and returns:

- ``mode="scaled"`` (default): ``w · raw_reward``. With TRL's ``scale_rewards="none"`` the advantage is then
  ``w · (r − mean r)``, GRPO-S's Dr. GRPO form. With TRL's default ``scale_rewards="group"`` the per-group w
  cancels under std normalisation and you get plain GRPO on the raw reward (NOTES.md: that is why our own trainer
  applies w to the normalised advantage).
- ``mode="raw"``: the reward model's score alone.

Items the server could not score come back as ``None`` (TRL leaves them out of the group baseline).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any, Literal

from shared.client import AsyncRewardClient, RewardClient, ScoreResult
from shared.schemas import ScoreItem

Mode = Literal["scaled", "raw"]


def _text(x: Any) -> str:
    """Plain text of a TRL prompt/completion: a string, or a conversation (list of {role, content})."""
    if isinstance(x, str):
        return x
    if isinstance(x, list) and x and isinstance(x[-1], dict):
        return str(x[-1].get("content", ""))
    raise TypeError(f"expected a string or a list of chat messages, got {type(x).__name__}")


def _user_text(prompt: Any) -> str:
    if isinstance(prompt, list):
        users = [m for m in prompt if isinstance(m, dict) and m.get("role") == "user"]
        return str(users[-1]["content"]) if users else _text(prompt)
    return _text(prompt)


class _Base:
    def __init__(
        self, *, category_column: str = "category", reference_column: str = "reference", mode: Mode = "scaled"
    ) -> None:
        self.category_column = category_column
        self.reference_column = reference_column
        self.mode = mode
        self.__name__ = "drirl_reward"  # TRL logs rewards under the function's name

    def _items(self, prompts: Sequence[Any], completions: Sequence[Any], kwargs: dict[str, Any]) -> list[ScoreItem]:
        if len(prompts) != len(completions):
            raise ValueError(f"{len(prompts)} prompts for {len(completions)} completions")
        cats = kwargs.get(self.category_column)
        refs = kwargs.get(self.reference_column)
        items, group, previous = [], 0, None
        for i, (p, c) in enumerate(zip(prompts, completions, strict=True)):
            text = _user_text(p)
            if text != previous:  # a new run of the same prompt = a new group
                group, previous = group + 1, text
            gid = hashlib.sha1(f"{group}:{text}".encode()).hexdigest()[:16]
            items.append(
                ScoreItem(
                    prompt=text,
                    response=_text(c),
                    category=cats[i] if cats else None,
                    reference=refs[i] if refs else None,
                    group_id=gid,
                )
            )
        return items

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

    def __init__(
        self, base_url: str, *, client: RewardClient | None = None, api_key: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.client = client or RewardClient(base_url, api_key=api_key)

    def __call__(self, prompts: Sequence[Any], completions: Sequence[Any], **kwargs: Any) -> list[float | None]:
        items = self._items(prompts, completions, kwargs)
        return self._rewards(self.client.score(items, scale=self.mode == "scaled"), kwargs)


class AsyncDrirlRewardFunc(_Base):
    """asyncio TRL reward function (TRL runs async reward functions concurrently)."""

    def __init__(
        self, base_url: str, *, client: AsyncRewardClient | None = None, api_key: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.client = client or AsyncRewardClient(base_url, api_key=api_key)

    async def __call__(self, prompts: Sequence[Any], completions: Sequence[Any], **kwargs: Any) -> list[float | None]:
        items = self._items(prompts, completions, kwargs)
        return self._rewards(await self.client.score(items, scale=self.mode == "scaled"), kwargs)
