"""What GRPO-S training raises; the CLI (``commands/common.py``: ``grpo_errors``) maps each to a message and an exit
code::

    GRPOError
     ├── SetupError          the run cannot start: the in-process reward server's model dir cannot be served
     ├── RewardServerError   the reward server was not ready, or refused to serve, before the first step
     └── TrainingStopped     training stopped on a fault after it began: the reward server gone past its deadline,
                             or the rollout engine out of sync with the policy

The message of each says what went wrong and what to do next.
"""

from __future__ import annotations


class GRPOError(RuntimeError):
    """A GRPO-S run could not start or could not go on."""


class SetupError(GRPOError):
    """The run cannot start as configured (e.g. the model dir of the in-process reward server is invalid)."""


class RewardServerError(GRPOError):
    """The reward server could not be reached, was not ready, or refused the trainer, before training began."""


class TrainingStopped(GRPOError):
    """Training cannot go on (reward server gone past its deadline, engine out of sync).

    The last step that completed is checkpointed before this is raised (nothing is when no step completed); the
    step that failed is never applied, so ``--resume`` continues exactly. The message names both steps.
    """
