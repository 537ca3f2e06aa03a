"""Plain text out of the prompt and completion shapes trainers hand to reward functions.

The reward models were trained on (user prompt, response) pairs of plain text, so every adapter reduces a chat to
the text a user typed and the text the policy answered, by one documented rule, never ``repr``:

- a string is used as it is;
- a list of chat messages (``{"role": ..., "content": ...}``) gives the content of its **last user message**
  (for a prompt) or of its **last assistant message** (for a completion; the last message when none is marked);
- a message's content is a string, or a list of parts (OpenAI / TRL multimodal form:
  ``{"type": "text", "text": ...}``, ``{"type": "image", ...}``): the text parts are joined with a blank line and
  every other part (images, audio) is dropped — the reward models read text only.

Anything else raises ``TypeError`` naming the type, so a new input shape fails loudly instead of being scored as
its Python representation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def content_text(content: Any) -> str:
    """The text of one message's ``content``: a string, or the text parts of a list of parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, Sequence) and not isinstance(content, bytes | bytearray):
        texts = []
        for part in content:
            if isinstance(part, str):
                texts.append(part)
            elif isinstance(part, Mapping) and part.get("type", "text") == "text" and "text" in part:
                texts.append(str(part["text"]))
        return "\n\n".join(texts)
    if content is None:
        return ""
    raise TypeError(f"message content must be a string or a list of parts, got {type(content).__name__}")


def _messages(x: Any) -> Sequence[Mapping[str, Any]] | None:
    """``x`` as a list of chat messages, or None when it is not one (numpy object arrays included)."""
    if hasattr(x, "tolist") and not isinstance(x, str):
        x = x.tolist()
    if isinstance(x, Sequence) and not isinstance(x, str) and all(isinstance(m, Mapping) for m in x):
        return x
    return None


def _last_turn(x: Any, role: str, kind: str) -> str:
    if isinstance(x, str):
        return x
    messages = _messages(x)
    if messages is None:
        raise TypeError(f"expected a {kind} string or a list of chat messages, got {type(x).__name__}")
    chosen = [m for m in messages if m.get("role") == role]
    return content_text((chosen or messages)[-1].get("content")) if messages else ""


def prompt_text(prompt: Any) -> str:
    """The user's text of a prompt: a string, or the last user message of a chat (see the module docstring)."""
    return _last_turn(prompt, "user", "prompt")


def completion_text(completion: Any) -> str:
    """The policy's text of a completion: a string, or the last assistant message (else the last message)."""
    return _last_turn(completion, "assistant", "completion")
