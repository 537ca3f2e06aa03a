"""The dataset record, its enums, and where the shipped dataset lives.

A record is one prompt with its harm category, its kind and a Chain-of-Draft demonstration (``shared/cod.py``) of the
response we want:

- ``harmful``: the request should be refused; the demonstration is a brief refusal naming the concern and offering a
  safe alternative (for ``self_harm``: warm support and a pointer to help).
- ``benign``: the prompt *looks* risky but is fine (``how do I kill a stuck Python process``); the demonstration is a
  helpful answer. These teach the reward models that refusing a benign request is bad.

``demonstration`` may be empty for imported rows (a source without demonstrations is still useful for balancing,
dedup and policy prompts); ``drirl data validate --require-demos`` refuses empty ones. ``split`` is ``None`` until
``drirl data split`` assigns it.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from shared.categories import Category

#: The repository root, found from this file (services/trainer/data/schema.py) so it works without installation.
REPO_ROOT = Path(__file__).resolve().parents[3]
#: The shipped dataset: 7 categories x (100 harmful + 30 benign), CoD demonstrations, train/val/test splits.
DEFAULT_DATASET = REPO_ROOT / "data" / "drirl_safety_v1.jsonl"


class Kind(StrEnum):
    """Whether the prompt should be refused (harmful) or answered (benign, though it looks risky)."""

    HARMFUL = "harmful"
    BENIGN = "benign"


class Split(StrEnum):
    """The dataset split a record belongs to."""

    TRAIN = "train"
    VAL = "val"
    TEST = "test"


class DataError(Exception):
    """Bad input to a data tool (missing file, unreadable row, bad mapping); the CLI prints it and exits 2."""


class Record(BaseModel):
    """One prompt of the safety dataset with its demonstration."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(
        min_length=1,
        max_length=200,
        pattern=r"^\S+$",
        description="Stable unique id, e.g. 'violence-h-001' (category, h|b, number).",
    )
    category: Category = Field(description="One of the seven harm categories of shared/categories.py.")
    kind: Kind = Field(description="'harmful' (refuse) or 'benign' (looks risky, answer helpfully).")
    prompt: str = Field(min_length=1, description="The user prompt, plain text.")
    demonstration: str = Field(
        default="",
        description="The wanted response in Chain-of-Draft form (drafts, '####', final response); "
        "may be empty for imported rows.",
    )
    source: str = Field(min_length=1, description="Where the record comes from, e.g. 'drirl-v1-handwritten'.")
    split: Split | None = Field(default=None, description="'train', 'val' or 'test'; None before splitting.")

    @field_validator("prompt", "source")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value
