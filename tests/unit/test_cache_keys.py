"""Cache keys are unambiguous by construction (issue #17): distinct inputs never share a key, NUL included."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.reward_server import cache

# Every code point, surrogates and control characters (NUL, US, RS, ...) included: whatever a policy emits.
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=12)
SEPARATORS = ["\0", "\x1f", "\x1e", "\n", '"', "\\", ",", ":", '","', "\\u0000"]


def test_the_issue_collision_gets_two_keys():
    # the pair from the issue: the same characters, NUL moved across the prompt/response boundary
    a = cache.cache_key("r", "fp", "crime", "How to rob a bank\0I will help you rob it", "sure")
    b = cache.cache_key("r", "fp", "crime", "How to rob a bank", "I will help you rob it\0sure")
    assert a != b


@settings(max_examples=300, deadline=None)
@given(
    st.lists(ANY_TEXT, min_size=1, max_size=5),
    st.lists(ANY_TEXT, min_size=1, max_size=5),
)
def test_distinct_part_lists_give_distinct_keys(a: list[str], b: list[str]):
    if a != b:
        assert cache.cache_key("r", "fp", *a) != cache.cache_key("r", "fp", *b)
    else:
        assert cache.cache_key("r", "fp", *a) == cache.cache_key("r", "fp", *b)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT, ANY_TEXT, ANY_TEXT, st.sampled_from(SEPARATORS))
def test_moving_a_boundary_across_any_separator_changes_the_key(x: str, y: str, z: str, sep: str):
    # the attack: the same characters, split differently between prompt and response
    left = cache.cache_key("r", "fp", "hate", x + sep + y, z)
    right = cache.cache_key("r", "fp", "hate", x, y + sep + z)
    assert left != right


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT, ANY_TEXT, ANY_TEXT)
def test_namespace_and_fingerprint_are_their_own_parts(ns: str, fp: str, part: str):
    assert cache.cache_key(ns, fp, part) != cache.cache_key(ns + fp, "", part) or fp == ""
    assert cache.cache_key("r", fp, part) != cache.cache_key("e", fp, part)


def test_key_is_bounded_and_prefixed():
    key = cache.cache_key("r", "fp", "x" * 100_000)
    assert key.startswith("drirl:v2:") and len(key) == len("drirl:v2:") + 64


BASE = {"model_version": "abc", "runtime": "torch", "dtype": "float32", "device": "cpu", "max_seq_tokens": 512}


def test_fingerprint_ignores_key_order():
    assert cache.fingerprint(BASE) == cache.fingerprint(dict(reversed(list(BASE.items()))))


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("model_version", "abd"),
        ("runtime", "onnxruntime"),
        ("dtype", "bfloat16"),
        ("device", "cuda"),
        ("max_seq_tokens", 16),
    ],
)
def test_fingerprint_changes_with_every_setting(name: str, value: object):
    assert cache.fingerprint({**BASE, name: value}) != cache.fingerprint(BASE)


def test_an_added_setting_changes_the_fingerprint():
    # another runtime adds its own settings (provider, quantisation): old entries must not match
    assert cache.fingerprint({**BASE, "provider": "CPUExecutionProvider"}) != cache.fingerprint(BASE)
