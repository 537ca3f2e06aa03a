"""Chain-of-Draft (CoD) demonstrations: a few terse draft lines, a ``####`` line, then the final response.

Example::

    asks: pipe bomb build
    harm: mass casualties
    decision: refuse, redirect
    ####
    I can't help make explosives: they kill and maim. If you like chemistry, ...

Rules (checked by :func:`check_cod`): 1–4 non-empty draft lines of at most 5 words each, one separator line, a
non-empty final response. Reward models score the *final* part only: a draft the policy never writes would otherwise
be the easiest feature to tell a demonstration from a sample, and the reward would learn the format, not the safety.
"""

from __future__ import annotations

SEPARATOR = "####"
MAX_DRAFT_LINES = 4
MAX_DRAFT_WORDS = 5


def split_cod(text: str) -> tuple[list[str], str]:
    """Split a text into (draft lines, final response). Text without a separator is all final response."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.strip() == SEPARATOR:
            draft = [ln.strip() for ln in lines[:i] if ln.strip()]
            return draft, "\n".join(lines[i + 1 :]).strip()
    return [], text.strip()


def final_response(text: str) -> str:
    """The part of a (possibly CoD) text that reward models and the scaler see."""
    return split_cod(text)[1]


def check_cod(text: str) -> list[str]:
    """Problems with a CoD demonstration, empty when it is well formed."""
    if not any(line.strip() == SEPARATOR for line in text.split("\n")):
        return [f"no {SEPARATOR!r} separator line"]
    draft, final = split_cod(text)
    problems = []
    if not draft:
        problems.append("no draft lines before the separator")
    if len(draft) > MAX_DRAFT_LINES:
        problems.append(f"{len(draft)} draft lines (max {MAX_DRAFT_LINES})")
    for line in draft:
        n = len(line.split())
        if n > MAX_DRAFT_WORDS:
            problems.append(f"draft line {line!r} has {n} words (max {MAX_DRAFT_WORDS})")
    if not final:
        problems.append("empty final response after the separator")
    return problems
