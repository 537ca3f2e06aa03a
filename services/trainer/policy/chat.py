"""Prompts as the policy sees them: the tokenizer's chat template with an optional system message."""

from __future__ import annotations

from typing import Any


def encode_prompt(tokenizer: Any, prompt: str, system_prompt: str | None = None) -> list[int]:
    messages = [{"role": "system", "content": system_prompt}] if system_prompt else []
    messages.append({"role": "user", "content": prompt})
    text = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    return tokenizer(text, add_special_tokens=False)["input_ids"]
