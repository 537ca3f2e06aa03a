"""Other trainers' reward protocols, answered by the same scorer (filled in by issue #6)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["compat"])
