"""verl's custom reward hook backed by the DR-IRL reward server.

Point verl's ``custom_reward_function.path`` at this file and ``name`` at ``compute_score`` (one item per call, the
naive reward manager) or ``compute_score_batch`` (the batch reward manager). The server URL comes from
``DRIRL_SERVER_URL`` (default ``http://127.0.0.1:8000``), the bearer token from ``DRIRL_API_KEY``.

verl passes no prompt argument: put the user prompt in the dataset's ``extra_info["prompt"]`` (``"question"`` is
also read), the category in ``extra_info["category"]`` (optional: routed otherwise), and the demonstration as
``ground_truth`` (optional: the scaler's reference). The result is a dict with ``score`` (w · raw) and the parts,
which verl logs. An item the server could not score raises: verl has no "no signal" value, and 0 would be a lie.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from shared.categories import Category
from shared.client import RewardClient
from shared.errors import RewardError
from shared.schemas import ItemResult, ScoreItem

CATEGORY_NAMES = tuple(c.value for c in Category)


@lru_cache(maxsize=1)
def _client() -> RewardClient:
    return RewardClient(
        os.environ.get("DRIRL_SERVER_URL", "http://127.0.0.1:8000"), api_key=os.environ.get("DRIRL_API_KEY")
    )


def _item(solution_str: str, ground_truth: Any, extra_info: dict[str, Any] | None) -> ScoreItem:
    info = extra_info or {}
    prompt = info.get("prompt") or info.get("question")
    if not prompt:
        raise ValueError("verl adapter: extra_info must carry the user prompt as 'prompt' (or 'question')")
    category = info.get("category")
    if category is not None and category not in CATEGORY_NAMES:
        raise ValueError(
            f"verl adapter: unknown category {category!r} in extra_info; valid: {', '.join(CATEGORY_NAMES)}"
        )
    return ScoreItem(
        prompt=str(prompt),
        response=solution_str,
        category=category,
        reference=str(ground_truth) if ground_truth else None,
    )


def _result(r: ItemResult) -> dict[str, Any]:
    if r.error is not None:
        raise RewardError(f"reward server could not score the item: {r.error.code}: {r.error.message}")
    return {
        "score": r.reward,
        "raw_reward": r.raw_reward,
        "weight": r.weight,
        "category": r.category.value if r.category else None,
    }


def compute_score(
    data_source: str, solution_str: str, ground_truth: Any = None, extra_info: dict[str, Any] | None = None, **_: Any
) -> dict[str, Any]:
    """verl's per-item hook; see the module docstring."""
    return _result(_client().score([_item(solution_str, ground_truth, extra_info)]).results[0])


def compute_score_batch(
    data_sources: Sequence[str],
    solution_strs: Sequence[str],
    ground_truths: Sequence[Any],
    extra_infos: Sequence[dict[str, Any] | None],
    **_: Any,
) -> list[dict[str, Any]]:
    """verl's batch hook: one /score call (chunked by the client) for the whole batch."""
    items = [_item(s, g, e) for s, g, e in zip(solution_strs, ground_truths, extra_infos, strict=True)]
    return [_result(r) for r in _client().score(items).results]
