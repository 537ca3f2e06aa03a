"""OpenRLHF (0.11.x) against the DR-IRL reward server: ``--reward.remote_url``, and parsing its queries.

The server answers OpenRLHF's remote reward-model protocol at ``POST /get_reward`` (``routes/compat.py``). Point
the flag (``--reward.remote_url``; README and older docs call it ``--remote_rm_url``) at the URL :func:`remote_url`
builds — or run ``python -m shared.adapters.openrlhf --group-size 8``::

    python -m openrlhf.cli.train_ppo_ray ... --rollout.n_samples_per_prompt 8 \
        --algo.advantage.estimator dr_grpo \
        --reward.remote_url "$(python -m shared.adapters.openrlhf --group-size 8 --reward grpo_s)"

- ``group_size``: OpenRLHF posts every sample alone, as soon as it is generated; the server holds them until the
  prompt's G samples are in and scores them as one group, so the difficulty coefficient sees the group.
- ``reward=grpo_s``: the server returns the GRPO-S advantage ``α·(r − mean r)/std r`` of each sample; with
  ``--algo.advantage.estimator dr_grpo`` OpenRLHF subtracts the group mean of that, which changes nothing when α is
  constant within the group (a server with ``DRIRL_SCALER_ALPHA_PER=group`` or ``DRIRL_SCALER_COMBINE=sum``) and
  otherwise (the paper's per-response α, the default) shifts every advantage of the group by the group mean of α·z:
  OpenRLHF offers no hook on its advantage, so this is as exact as it gets.
  ``reward=scaled`` (default): ``w · raw_reward``, for any estimator (``group_norm`` cancels a per-group w).
- The API key (``DRIRL_API_KEY`` by default) goes into the URL as Basic credentials, because OpenRLHF's client sets
  no headers: aiohttp sends ``http://drirl:KEY@host/...`` as ``Authorization: Basic``, the request line carries no
  key, and the server accepts it like a bearer token. The URL is then a secret: it shows in OpenRLHF's argv.

OpenRLHF posts ``{"query": [prompt+response], "prompts": [prompt], "labels": [label]}`` with the chat template
already applied, and reads ``rewards``, ``scores`` and ``extra_logs``; :func:`split_query` turns a templated query
back into (user prompt, response) — pure string handling, tested on the common templates.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from typing import Literal
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

# (start of a user turn, end of a turn, start of the assistant turn) for common chat templates
_TEMPLATES = (
    ("<|im_start|>user\n", "<|im_end|>", "<|im_start|>assistant\n"),  # ChatML (Qwen, SmolLM)
    (
        "<|start_header_id|>user<|end_header_id|>\n\n",
        "<|eot_id|>",
        "<|start_header_id|>assistant<|end_header_id|>\n\n",
    ),  # Llama 3
    ("[INST]", "[/INST]", "[/INST]"),  # Llama 2 / Mistral
    ("<start_of_turn>user\n", "<end_of_turn>", "<start_of_turn>model\n"),  # Gemma
)
_SPECIAL = re.compile(r"(<\|im_end\|>|<\|endoftext\|>|<\|eot_id\|>|<end_of_turn>|</s>|<eos>|<pad>|<\|end\|>)")


def _strip_special(text: str) -> str:
    return _SPECIAL.sub("", text).strip()


def _last_user_turn(templated: str) -> str:
    for user, end, _ in _TEMPLATES:
        if user in templated:
            tail = templated.rsplit(user, 1)[1]
            return _strip_special(tail.split(end, 1)[0])
    return _strip_special(templated)


def split_query(query: str, prompt: str | None = None) -> tuple[str, str]:
    """(user prompt, response) from OpenRLHF's templated ``query`` (and its ``prompt`` part, when sent).

    Raises:
        ValueError: the query has neither a known assistant marker nor the given prompt as its prefix.
    """
    if prompt is not None and query.startswith(prompt):
        return _last_user_turn(prompt), _strip_special(query[len(prompt) :])
    for _, _, assistant in _TEMPLATES:
        if assistant in query:
            head, response = query.rsplit(assistant, 1)
            return _last_user_turn(head + assistant), _strip_special(response)
    raise ValueError(
        "cannot split the query into prompt and response: send `prompts`, or use a chat template "
        "with a known assistant marker (ChatML, Llama 3, Llama 2/Mistral, Gemma)"
    )


def remote_url(
    base_url: str | None = None,
    *,
    group_size: int | None = None,
    reward: Literal["scaled", "grpo_s"] = "scaled",
    api_key: str | None = None,
    user: str = "drirl",
) -> str:
    """The value of OpenRLHF's ``--reward.remote_url`` for the server at ``base_url`` (default ``DRIRL_SERVER_URL``,
    else ``http://127.0.0.1:8000``), the key (default ``DRIRL_API_KEY``) as URL credentials.

    Raises:
        ValueError: ``reward="grpo_s"`` without ``group_size``, or a group size below 1.
    """
    if reward == "grpo_s" and group_size is None:
        raise ValueError("reward='grpo_s' needs group_size (OpenRLHF's --rollout.n_samples_per_prompt)")
    if group_size is not None and group_size < 1:
        raise ValueError(f"group_size must be >= 1, got {group_size}")
    parts = urlsplit((base_url or os.environ.get("DRIRL_SERVER_URL") or "http://127.0.0.1:8000").rstrip("/"))
    key = api_key if api_key is not None else os.environ.get("DRIRL_API_KEY")
    host = parts.hostname or "127.0.0.1"
    host = f"[{host}]" if ":" in host else host
    netloc = (f"{quote(user, safe='')}:{quote(key, safe='')}@" if key else "") + host
    netloc += f":{parts.port}" if parts.port else ""
    query = {k: v for k, v in {"group_size": group_size, "reward": reward if reward != "scaled" else None}.items() if v}
    return urlunsplit((parts.scheme, netloc, f"{parts.path}/get_reward", urlencode(query), ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m shared.adapters.openrlhf",
        description="Print the value of OpenRLHF's --reward.remote_url for the DR-IRL reward server.",
    )
    parser.add_argument("--server", help="server URL (default: $DRIRL_SERVER_URL, else http://127.0.0.1:8000)")
    parser.add_argument("--group-size", type=int, help="OpenRLHF's --rollout.n_samples_per_prompt")
    parser.add_argument("--reward", choices=["scaled", "grpo_s"], default="scaled", help="what the server returns")
    args = parser.parse_args(argv)
    try:
        print(remote_url(args.server, group_size=args.group_size, reward=args.reward))
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
