"""verl (0.9.x) backed by the DR-IRL reward server: exact GRPO-S, or a plain reward function.

**Exact GRPO-S** (``A = α·(r − mean r)/std r`` per prompt group, α the server's per-item coefficient) takes two
verl extension points, both registered when this module is imported (``pip install drirl`` declares it as a
``verl.plugins`` entry point, so ``import verl`` imports it in every process; else set
``VERL_USE_EXTERNAL_MODULES=shared.adapters.verl``)::

    reward.reward_manager.name=drirl           # DrirlRewardManager: raw reward r per item, keeps the texts
    algorithm.adv_estimator=drirl_grpo_s       # compute_grpo_s_advantage: α per group uid from the server
    algorithm.use_kl_in_reward=false           # KL in the loss (actor.use_kl_loss=true), not in the reward

Why two: verl scores each response alone, with no group, and hands a custom advantage estimator only the
token-level rewards, the response mask and the group uid (``ray_trainer.compute_advantage``: the reward's extra info
reaches GDPO alone). So the manager returns the raw reward r as the score and records each item's texts under
(uid, r) in a stash (a named Ray actor; a dict when Ray is not running); the estimator, which sees whole groups,
sends every group to ``/score`` once with ``group_id = uid`` (raw rewards come from the server's cache) and
multiplies the std-normalised advantage by each item's α. The item's prompt is ``extra_info["prompt"]`` (or
``"question"``), else verl's ``raw_prompt``; chats are reduced to text by :mod:`shared.adapters.text`. Validation
logs raw rewards, as a reward model would.

**A reward function only** (any manager; α of each response scored alone, so GRPO-S is not carried)::

    reward.custom_reward_function.path=pkg://shared.adapters.verl
    reward.custom_reward_function.name=compute_score        # async, for the reward loop (0.9.x)

returns ``{"score": w·raw, "raw_reward", "weight", "category"}``. ``compute_score_prime`` returns a bare float (the
``prime`` manager of verl ≤ 0.8 reads ``float(result[0])`` of anything that is not a number, so a dict became a
swallowed error and a 0.0 score); ``compute_score_batch`` serves the ``batch`` manager of verl ≤ 0.8.

The server URL comes from ``DRIRL_SERVER_URL`` (default ``http://127.0.0.1:8000``), the bearer token from
``DRIRL_API_KEY``. An item the server could not score raises: verl has no "no signal" value, and 0 would be a lie.
"""

from __future__ import annotations

import asyncio
import logging
import math
import os
import weakref
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import torch

from shared.adapters.grpo_s import group_index, grpo_s_advantages
from shared.adapters.text import prompt_text
from shared.categories import CATEGORY_NAMES
from shared.client import AsyncRewardClient, RewardClient
from shared.errors import RewardError
from shared.schemas import ItemResult, ScoreItem

log = logging.getLogger(__name__)

ESTIMATOR_NAME = "drirl_grpo_s"
MANAGER_NAME = "drirl"
STASH_ACTOR = "drirl_grpo_s_stash"
STASH_MAX_ITEMS = 1_000_000  # validation items are stashed and never read: the oldest go first


def _server() -> tuple[str, str | None]:
    return os.environ.get("DRIRL_SERVER_URL", "http://127.0.0.1:8000"), os.environ.get("DRIRL_API_KEY")


@lru_cache(maxsize=1)
def _client() -> RewardClient:
    url, key = _server()
    return RewardClient(url, api_key=key)


_async_clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, AsyncRewardClient] = weakref.WeakKeyDictionary()


def _async_client() -> AsyncRewardClient:
    """One async client per event loop (an httpx.AsyncClient must not cross loops)."""
    loop = asyncio.get_running_loop()
    if loop not in _async_clients:
        url, key = _server()
        _async_clients[loop] = AsyncRewardClient(url, api_key=key)
    return _async_clients[loop]


def _item(solution_str: str, ground_truth: Any, extra_info: dict[str, Any] | None, raw_prompt: Any = None) -> ScoreItem:
    info = extra_info or {}
    present = [p for p in (info.get("prompt"), info.get("question"), raw_prompt) if p is not None and len(p) > 0]
    if not present:
        raise ValueError("verl adapter: extra_info must carry the user prompt as 'prompt' (or 'question')")
    category = info.get("category")
    if category is not None and category not in CATEGORY_NAMES:
        raise ValueError(
            f"verl adapter: unknown category {category!r} in extra_info; valid: {', '.join(CATEGORY_NAMES)}"
        )
    return ScoreItem(
        prompt=prompt_text(present[0]),
        response=solution_str,
        category=category,
        reference=str(ground_truth) if ground_truth else None,
    )


def _checked(r: ItemResult) -> ItemResult:
    if r.error is not None:
        raise RewardError(f"reward server could not score the item: {r.error.code}: {r.error.message}")
    return r


def _result(r: ItemResult) -> dict[str, Any]:
    _checked(r)
    return {
        "score": r.reward,
        "raw_reward": r.raw_reward,
        "weight": r.weight,
        "category": r.category.value if r.category else None,
    }


async def compute_score(
    data_source: str, solution_str: str, ground_truth: Any = None, extra_info: dict[str, Any] | None = None, **_: Any
) -> dict[str, Any]:
    """verl's per-item reward function, awaited by the reward loop; see the module docstring."""
    item = _item(solution_str, ground_truth, extra_info)
    return _result((await _async_client().score([item])).results[0])


def compute_score_sync(
    data_source: str, solution_str: str, ground_truth: Any = None, extra_info: dict[str, Any] | None = None, **_: Any
) -> dict[str, Any]:
    """The same as :func:`compute_score`, blocking (verl ≤ 0.8's naive manager, or any thread)."""
    return _result(_client().score([_item(solution_str, ground_truth, extra_info)]).results[0])


def compute_score_prime(
    data_source: str, solution_str: str, ground_truth: Any = None, extra_info: dict[str, Any] | None = None, **_: Any
) -> float:
    """``w · raw_reward`` as a bare float: what the ``prime`` manager of verl ≤ 0.8 can read."""
    return float(compute_score_sync(data_source, solution_str, ground_truth, extra_info)["score"])


def compute_score_batch(
    data_sources: Sequence[str],
    solution_strs: Sequence[str],
    ground_truths: Sequence[Any],
    extra_infos: Sequence[dict[str, Any] | None],
    **_: Any,
) -> list[dict[str, Any]]:
    """The ``batch`` manager's hook (verl ≤ 0.8): one /score call (chunked by the client) for the whole batch."""
    items = [_item(s, g, e) for s, g, e in zip(solution_strs, ground_truths, extra_infos, strict=True)]
    return [_result(r) for r in _client().score(items).results]


# --------------------------------------------------------------------------------------------------- exact GRPO-S
def stash_key(uid: Any, reward: float, response_tokens: int) -> str:
    """The estimator finds an item by what both sides see: its group uid, its score as verl stores it (float32 in
    ``rm_scores``) and its response length in tokens. Two different answers to one prompt that tie on both would
    trade coefficients (rare: the scores are continuous)."""
    return f"{uid}|{float(torch.tensor(reward, dtype=torch.float32).item())!r}|{int(response_tokens)}"


class StashStore:
    """Items waiting for the advantage step, under :func:`stash_key`; equal keys (identical answers) queue up."""

    def __init__(self, max_items: int = STASH_MAX_ITEMS) -> None:
        self.max_items = max_items
        self._items: OrderedDict[str, list[dict[str, Any]]] = OrderedDict()
        self._size = 0

    def put(self, key: str, item: dict[str, Any]) -> None:
        self._items.setdefault(key, []).append(item)
        self._size += 1
        while self._size > self.max_items:
            _, dropped = self._items.popitem(last=False)
            self._size -= len(dropped)

    def pop(self, keys: list[str]) -> list[dict[str, Any] | None]:
        out: list[dict[str, Any] | None] = []
        for key in keys:
            queue = self._items.get(key)
            out.append(queue.pop(0) if queue else None)
            if queue is not None and not queue:
                del self._items[key]
            self._size -= out[-1] is not None
        return out


_local_stash = StashStore()


_ray_handle: Any = None


def _ray_stash() -> Any | None:
    """The named stash actor of this Ray job, created by whichever process asks first; None outside Ray.

    The handle is kept for the life of the process: Ray ends an actor whose handles are all gone, and the reward
    worker that creates it would otherwise drop it as soon as its first put returns.
    """
    global _ray_handle
    try:
        import ray
    except ImportError:
        return None
    if not ray.is_initialized():
        return None
    if _ray_handle is None:
        actor = ray.remote(num_cpus=0)(StashStore)
        _ray_handle = actor.options(name=STASH_ACTOR, get_if_exists=True).remote()
    return _ray_handle


async def stash_put(key: str, item: dict[str, Any]) -> None:
    """Record an item for the estimator (awaited, so it is stored before verl moves on to the advantage)."""
    handle = _ray_stash()
    if handle is None:
        _local_stash.put(key, item)
    else:
        await handle.put.remote(key, item)


def stash_pop(keys: list[str]) -> list[dict[str, Any] | None]:
    handle = _ray_stash()
    if handle is None:
        return _local_stash.pop(keys)
    import ray

    return ray.get(handle.pop.remote(keys))


def _config_value(config: Any, key: str, default: Any) -> Any:
    if config is None:
        return default
    getter = getattr(config, "get", None)
    return getter(key, default) if callable(getter) else getattr(config, key, default)


def compute_grpo_s_advantage(
    token_level_rewards: torch.Tensor,
    response_mask: torch.Tensor,
    index: Any = None,
    epsilon: float = 1e-6,
    config: Any = None,
    **_: Any,
) -> tuple[torch.Tensor, torch.Tensor]:
    """verl advantage estimator ``drirl_grpo_s``: ``A = α·(r − mean r)/(std r + ε)`` per group uid.

    Args:
        token_level_rewards: (bs, response_length); the sum over tokens is the item's raw reward r.
        response_mask: (bs, response_length).
        index: (bs,) verl's group uid of each item.
        epsilon: added to the group std (verl's GRPO default, 1e-6).
        config: verl's ``algorithm`` config; ``use_kl_in_reward`` must be false.

    Returns:
        (advantages, returns), both (bs, response_length), the scalar advantage broadcast over the response.

    Raises:
        ValueError: no uid, or a KL penalty folded into the rewards.
        RuntimeError: an item was not scored by :class:`DrirlRewardManager`.
        RewardError: the server could not give an item its coefficient.
    """
    if index is None:
        raise ValueError(f"{ESTIMATOR_NAME} needs verl's group uid per item (non_tensor_batch['uid'])")
    if _config_value(config, "use_kl_in_reward", False):
        raise ValueError(
            f"{ESTIMATOR_NAME} reads the raw reward from the token-level rewards: set "
            "algorithm.use_kl_in_reward=false and put the KL in the loss (actor_rollout_ref.actor.use_kl_loss=true)"
        )
    with torch.no_grad():
        scores = token_level_rewards.sum(dim=-1)
        uids = [str(u) for u in index]
        lengths = response_mask.sum(dim=-1).tolist()
        found = stash_pop([stash_key(*k) for k in zip(uids, scores.tolist(), lengths, strict=True)])
        missing = [i for i, f in enumerate(found) if f is None]
        if missing:
            raise RuntimeError(
                f"{ESTIMATOR_NAME}: {len(missing)} of {len(uids)} items were not scored by the '{MANAGER_NAME}' reward "
                f"manager (first: row {missing[0]}); set reward.reward_manager.name={MANAGER_NAME}"
            )
        items = [ScoreItem.model_validate({**(f or {}), "group_id": u}) for f, u in zip(found, uids, strict=True)]
        results = [_checked(r) for r in _client().score(items, scale=True).results]
        weights = torch.tensor([r.weight for r in results], dtype=torch.float32)
        adv = grpo_s_advantages(scores.float().cpu(), weights, group_index(uids), eps=epsilon)
        adv = adv.to(response_mask.device).unsqueeze(-1) * response_mask
    return adv, adv


def _raw_reward(result: ItemResult) -> float:
    value = _checked(result).raw_reward
    if value is None or not math.isfinite(value):
        raise RewardError(f"reward server returned a non-finite raw reward: {value}")
    return float(value)


def register_with_verl() -> bool:
    """Register the estimator and the manager with verl; False when verl is not importable. Runs on import; call it
    again if verl became importable later (idempotent)."""
    try:
        from verl.experimental.reward_loop.reward_manager.base import RewardManagerBase
        from verl.experimental.reward_loop.reward_manager.registry import REWARD_MANAGER
        from verl.trainer.ppo.core_algos import ADV_ESTIMATOR_REGISTRY
    except ImportError:
        return False

    # setdefault, not verl's decorators: loading this file a second time (by path, under another module name) must
    # keep the first registration instead of failing on "already registered"
    ADV_ESTIMATOR_REGISTRY.setdefault(ESTIMATOR_NAME, compute_grpo_s_advantage)

    if MANAGER_NAME not in REWARD_MANAGER:
        REWARD_MANAGER[MANAGER_NAME] = _manager_class(RewardManagerBase)
    globals()["DrirlRewardManager"] = REWARD_MANAGER[MANAGER_NAME]  # for reward.reward_manager.source=importlib
    return True


def _manager_class(base: type) -> type:
    class DrirlRewardManager(base):
        """verl reward-loop manager: the raw reward of each response, its texts kept for ``drirl_grpo_s``."""

        def __init__(self, config: Any, tokenizer: Any, compute_score: Any = None, **_: Any) -> None:
            super().__init__(config, tokenizer, compute_score)

        async def run_single(self, data: Any) -> dict[str, Any]:
            item = data[-1:][0]  # multi-sequence outputs: the last sequence carries the reward, as verl's naive
            response_ids = item.batch["responses"]
            valid = int(item.batch["attention_mask"][-response_ids.shape[-1] :].sum())
            response = await asyncio.get_running_loop().run_in_executor(
                None, lambda: self.tokenizer.decode(response_ids[:valid], skip_special_tokens=True)
            )
            info = item.non_tensor_batch
            ground_truth = (info.get("reward_model") or {}).get("ground_truth")
            score_item = _item(response, ground_truth, info.get("extra_info"), info.get("raw_prompt"))
            result = (await _async_client().score([score_item], scale=False)).results[0]
            reward = _raw_reward(result)
            if "uid" in info:
                stored = score_item.model_dump(mode="json", exclude_none=True)
                await stash_put(stash_key(info["uid"], reward, valid), stored)
            category = result.category.value if result.category else ""
            return {"reward_score": reward, "reward_extra_info": {"raw_reward": reward, "category": category}}

    return DrirlRewardManager


register_with_verl()
