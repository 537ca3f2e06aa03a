"""OpenRLHF's remote reward-model protocol (``--remote_rm_url http://HOST:PORT/get_reward``).

OpenRLHF posts ``{"query": [prompt+response, …], "prompts": [prompt, …], "labels": […]}`` with the chat template
already applied, and reads ``rewards`` (newer versions also ``scores`` and ``extra_logs``). The server answers it
at ``POST /get_reward`` with the same scorer as ``/score``; this module only turns a templated query back into
(user prompt, response) — pure string handling, tested on the common templates.
"""

from __future__ import annotations

import re

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
