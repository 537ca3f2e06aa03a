"""Usefulness tasks: every check type on hand-written right and wrong answers, file validation, the shipped set."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from services.trainer.data.schema import DataError
from services.trainer.eval.usefulness import (
    DEFAULT_USEFULNESS,
    FORMAT_PARAMS,
    Level,
    TaskType,
    check_answer,
    last_number,
    limit_tasks,
    load_tasks,
    parse_task,
    score_usefulness,
)

BASE = {"id": "t-001", "type": "arithmetic", "level": "easy", "prompt": "p", "example": "x"}


def task(**kw: Any) -> Any:
    return parse_task(BASE | kw)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("12", 12.0),
        ("7 + 5 = 12.", 12.0),
        ("The total is 1,250 dollars", 1250.0),
        ("It is -3.", -3.0),
        ("10 - 4 = 6", 6.0),  # the '-' between numbers is not a sign
        ("0.875", 0.875),
        ("no digits here", None),
    ],
)
def test_last_number(text: str, number: float | None) -> None:
    assert last_number(text) == number


CASES = [  # (check spec, right answers, wrong answers)
    ({"check": "number", "answer": 12}, ["12", "7 + 5 = 12", "The answer is 12."], ["13", "twelve", "12 and then 13"]),
    ({"check": "number", "answer": 16.1, "tolerance": 0.05}, ["About 16.09 km"], ["16.3", "16"]),
    ({"check": "exact", "answers": ["b"]}, ["B", " b. ", '"B"'], ["The letter B", "c"]),
    ({"check": "contains", "answers": ["Paris"]}, ["Paris.", "The capital is paris"], ["Parisian food", "Lyon"]),
    ({"check": "contains", "answers": ["da Vinci"]}, ["Leonardo da Vinci."], ["Vinci", "Davinci"]),
    ({"check": "regex", "pattern": r"\b(?:8|eight)\b"}, ["Eight legs", "8"], ["18 legs", "six"]),
    ({"check": "regex", "pattern": r"\bAu\b", "ignore_case": False}, ["Au"], ["au", "AU"]),
    ({"check": "format", "rule": "word_count", "n": 3}, ["Fish and naps.", "Big red ball"], ["Fish.", "a b c d"]),
    ({"check": "format", "rule": "max_words", "n": 5}, ["It tells time."], ["", "one two three four five six"]),
    (
        {"check": "format", "rule": "numbered_list", "n": 3},
        ["1. Red\n2. Blue\n3. Green", "Colours:\n1) red\n2) blue\n3) green\nEnjoy!"],
        ["1. Red\n2. Blue", "1. a\n2. b\n3. c\n4. d", "1. Red 2. Blue 3. Green", "- red\n- blue\n- green"],
    ),
    (
        {"check": "format", "rule": "bullet_list", "n": 2},
        ["- Carrot\n- Pea", "* carrot\n* pea"],
        ["- Carrot", "1. Carrot\n2. Pea", "- a\n- b\n- c"],
    ),
    (
        {"check": "format", "rule": "json_keys", "keys": ["city", "country"], "values": {"city": "Tokyo"}},
        ['{"city": "Tokyo", "country": "Japan"}', 'Here:\n```json\n{"city": "tokyo", "country": "JP"}\n```'],
        ['{"city": "Kyoto", "country": "Japan"}', '{"city": "Tokyo"}', "city: Tokyo", '{"city": "Tokyo",}'],
    ),
    (
        {"check": "format", "rule": "json_keys", "keys": ["answer"], "values": {"answer": 5}},
        ['{"answer": 5.0}'],
        ['{"answer": "6"}', "[5]"],
    ),
    ({"check": "format", "rule": "yes_no", "answer": "no"}, ["No.", "no, it is not"], ["Yes", "Not at all", ""]),
    ({"check": "format", "rule": "lowercase"}, ["summer is warm."], ["Summer is warm.", "123"]),
    ({"check": "format", "rule": "uppercase"}, ["HELLO, FRIEND!"], ["Hello", "..."]),
    ({"check": "format", "rule": "starts_with", "text": "Sure"}, ["Sure! Blue.", '"sure, red"'], ["Blue. Sure."]),
    ({"check": "format", "rule": "ends_with", "text": "done"}, ["Draw a cat. Done.", "draw, done"], ["Done. Draw."]),
    (
        {"check": "format", "rule": "include_words", "words": ["river", "bridge"]},
        ["The bridge spans the River."],
        ["The bridges cross rivers.", "A river."],
    ),
    ({"check": "format", "rule": "no_commas"}, ["Dogs love to run."], ["Dogs, cats.", "Dogs"]),
    (
        {"check": "format", "rule": "word_count", "n": 1, "answers": ["Rome"]},
        ["Rome."],
        ["Milan.", "It is Rome"],
    ),
]


@pytest.mark.parametrize(("spec", "right", "wrong"), CASES, ids=[json.dumps(c[0])[:60] for c in CASES])
def test_every_check_on_right_and_wrong_answers(spec: dict[str, Any], right: list[str], wrong: list[str]) -> None:
    t = task(**spec)
    for answer in right:
        assert check_answer(t, answer), (spec, answer)
    for answer in wrong:
        assert not check_answer(t, answer), (spec, answer)


def test_every_format_rule_is_tested() -> None:
    tested = {c[0]["rule"] for c in CASES if c[0]["check"] == "format"}
    assert tested == set(FORMAT_PARAMS)


def test_checks_read_the_final_response_of_a_draft() -> None:
    t = task(check="number", answer=12)
    assert check_answer(t, "asks: sum\nplan: add 7 and 5, not 13\n####\n12")
    assert not check_answer(t, "asks: sum 12\n####\nI am not sure.")


def _write(tmp_path: Path, rows: list[Any]) -> Path:
    path = tmp_path / "u.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n")
    return path


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (BASE | {"check": "guess"}, "does not match any of the expected tags"),
        (BASE | {"check": "number"}, "u.jsonl:1: answer: Field required"),
        (BASE | {"check": "format", "rule": "numbered_list"}, "format rule 'numbered_list' needs n"),
        (BASE | {"check": "format", "rule": "lowercase", "n": 3}, "format rule 'lowercase' takes no n"),
        (BASE | {"check": "format", "rule": "sonnet"}, "rule: Input should be"),
        (BASE | {"check": "regex", "pattern": "(unclosed"}, "pattern does not compile"),
        (BASE | {"check": "number", "answer": 3, "example": "4"}, "its example '4' fails its own number check"),
        (BASE | {"check": "number", "answer": 3, "example": "3", "type": "poetry"}, "type: Input should be"),
        (BASE | {"check": "number", "answer": 3, "example": "3", "colour": "red"}, "colour: Extra inputs"),
        ("{not json", "u.jsonl:1: not JSON"),
    ],
)
def test_bad_rows_are_named_with_their_line(tmp_path: Path, row: Any, message: str) -> None:
    with pytest.raises(DataError, match=re.escape(message)):
        load_tasks(_write(tmp_path, [row]))


def test_duplicate_ids_missing_and_empty_files(tmp_path: Path) -> None:
    row = BASE | {"check": "number", "answer": 3, "example": "3"}
    with pytest.raises(DataError, match=re.escape("u.jsonl:2: duplicate id t-001")):
        load_tasks(_write(tmp_path, [row, row]))
    with pytest.raises(DataError, match="not found"):
        load_tasks(tmp_path / "nope.jsonl")
    (tmp_path / "empty.jsonl").write_text("\n")
    with pytest.raises(DataError, match="no tasks"):
        load_tasks(tmp_path / "empty.jsonl")


def test_shipped_file_validates_with_at_least_150_varied_tasks() -> None:
    tasks = load_tasks(DEFAULT_USEFULNESS)
    assert len(tasks) >= 150
    types, levels = Counter(t.type for t in tasks), Counter(t.level for t in tasks)
    assert set(types) == set(TaskType) and min(types.values()) >= 20
    assert levels[Level.EASY] >= 100 and levels[Level.HARD] >= 40
    formats = Counter(t.rule for t in tasks if t.check == "format")
    assert {"word_count", "numbered_list", "json_keys", "yes_no", "lowercase"} <= set(formats)
    assert len({t.prompt for t in tasks}) == len(tasks)


def test_score_usefulness_counts_accuracy_and_refusals_by_the_judge() -> None:
    tasks = limit_tasks(load_tasks(DEFAULT_USEFULNESS), per_type=2)
    assert len(tasks) == 2 * len(TaskType)
    answers = [t.example for t in tasks]
    answers[0] = "I'm sorry, but I can't help with that request."  # a refusal, and wrong
    answers[1] = "The answer might be 1000000."  # wrong, not a refusal
    s = score_usefulness(tasks, answers)
    assert s["accuracy"]["k"] == len(tasks) - 2 and s["accuracy"]["n"] == len(tasks)
    assert s["accuracy"]["low"] < s["accuracy"]["value"] < s["accuracy"]["high"]
    assert s["by_type"]["arithmetic"]["k"] == 0 and s["by_type"]["factual"]["k"] == 2
    assert s["refusal"]["k"] == 1
    assert s["items"][0]["verdict"] == "refusal" and s["items"][0]["correct"] is False
    with pytest.raises(ValueError, match="responses"):
        score_usefulness(tasks, answers[:-1])
