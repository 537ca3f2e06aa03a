"""bench/bench_train.py's pure parts: step summaries, goals and ratios, accuracies, batch counts, the CPU line, the
phase list, and the baton that makes two runs take turns."""

from __future__ import annotations

import argparse
import math
import threading

import pytest

from bench.alternation import Alternation, Step, run_alternating
from bench.bench_train import _child_argv, parse_args, phase_list
from bench.train_peers import stage_split
from bench.train_report import (
    Goal,
    accuracy_matches,
    compare,
    cpu_info,
    epochs_for_steps,
    pair_accuracy,
    ratio_line,
    run_line,
    summarise,
    trl_batch_units,
)


def test_summarise_drops_the_warmup_and_weighs_steps_by_what_they_held():
    steps = [Step(40.0, 16, 80.0), Step(2.0, 16, 4.0), Step(1.0, 4, 2.0), Step(3.0, 16, 6.0)]
    s = summarise(steps, warmup=1, who="ours")
    # 6 s over 36 pairs (not the mean of 2/16, 1/4, 3/16): a short last batch counts for what it holds
    assert s["per_unit_s"] == pytest.approx(6 / 36)
    assert s["cpu_per_unit_s"] == pytest.approx(12 / 36)
    assert (s["steps_measured"], s["units_measured"], s["steps_total"], s["units_total"]) == (3, 36, 4, 52)
    assert s["step_mean_s"] == pytest.approx(2.0)
    assert s["step_p50_s"] == 2.0 and s["step_p99_s"] == 3.0
    assert s["first_interval_s"] == 40.0


def test_summarise_with_only_warmup_steps_says_what_to_change():
    with pytest.raises(ValueError, match=r"ours: 1 step\(s\), all of them warm-up.*--warmup-steps"):
        summarise([Step(5.0, 8)], warmup=1, who="ours")
    with pytest.raises(ValueError, match="warmup must be >= 0"):
        summarise([Step(5.0, 8)], warmup=-1, who="ours")


def test_goals_face_the_way_they_are_written():
    assert Goal(">=", 1.5).met(1.5) and not Goal(">=", 1.5).met(1.49)
    assert Goal("<=", 0.25).met(0.25) and not Goal("<=", 0.25).met(0.26)
    assert Goal("<=", None).met(0.1) is None and Goal("<=", None).text() == "no goal set"
    assert Goal(">=", 1.5).met(float("nan")) is None
    assert Goal("<=", 0.25).text() == "goal <= 0.25"
    with pytest.raises(ValueError, match="'>=' or '<='"):
        Goal("<", 1.0)


def test_compare_is_a_speedup_for_irl_and_a_time_share_for_grpo():
    ours = {"per_unit_s": 0.02, "cpu_per_unit_s": 0.04}
    trl = {"per_unit_s": 0.05, "cpu_per_unit_s": 0.06}
    irl = compare(ours, trl, Goal(">=", 1.5), speedup=True)
    assert irl["ratio"] == pytest.approx(2.5) and irl["cpu_ratio"] == pytest.approx(1.5)
    assert irl["met"] is True and irl["ratio_name"] == "trl/ours"
    grpo = compare(ours, trl, Goal("<=", 0.25), speedup=False)
    assert grpo["ratio"] == pytest.approx(0.4) and grpo["met"] is False and grpo["ratio_name"] == "ours/trl"
    assert "0.40x" in ratio_line("ours/TRL per step", grpo) and ratio_line("x", grpo).endswith("MISSED")


def test_pair_accuracy_counts_strict_wins_only():
    scores = {("p", "a"): 1.0, ("p", "b"): 0.0, ("p", "c"): 1.0, ("q", "a"): -1.0}
    pairs = [("p", "a", "b"), ("p", "b", "a"), ("p", "a", "c"), ("p", "c", "b")]  # win, loss, tie (a loss), win
    assert pair_accuracy(pairs, scores) == 0.5
    with pytest.raises(KeyError):
        pair_accuracy([("q", "a", "z")], scores)
    with pytest.raises(ValueError, match="no pairs"):
        pair_accuracy([], scores)


def test_equal_accuracy_allows_ours_better_and_a_little_worse():
    assert accuracy_matches(0.90, 0.80, 0.03)
    assert accuracy_matches(0.78, 0.80, 0.03)
    assert not accuracy_matches(0.76, 0.80, 0.03)


def test_trl_batches_end_each_epoch_with_the_remainder():
    assert trl_batch_units(35, 16, 2) == [16, 16, 3, 16, 16, 3]
    assert trl_batch_units(32, 16, 1) == [16, 16]
    with pytest.raises(ValueError, match=">= 1"):
        trl_batch_units(0, 16, 1)


@pytest.mark.parametrize(("steps", "batch", "n"), [(9, 8, 728), (1, 1, 1), (3, 8, 10), (100, 7, 13), (91, 8, 728)])
def test_epochs_for_steps_gives_sft_exactly_that_many_steps(steps, batch, n):
    epochs = epochs_for_steps(steps, batch, n)
    assert math.ceil(epochs * n / batch) == steps  # run_sft's own step count
    assert epochs > 0


def test_cpu_info_names_the_model_and_the_dtype_flags():
    text = "processor\t: 0\nmodel name\t: Intel Xeon\nflags\t\t: fpu avx2 amx_bf16 sse\n\nmodel name\t: other\n"
    assert cpu_info(text) == {"model": "Intel Xeon", "flags": ["amx_bf16", "avx2"]}
    assert cpu_info("") == {"model": "unknown", "flags": []}


def test_run_line_shows_ms_below_a_second_and_counts_units():
    stats = {"per_unit_s": 0.0123, "step_p50_s": 0.2, "step_p99_s": 0.3, "steps_measured": 5, "units_measured": 80}
    line = run_line("ours", "pair", stats)
    assert "12.3 ms/pair" in line and "(5 steps, 80 pairs)" in line
    assert "21.00 s/step" in run_line("ours", "step", {**stats, "per_unit_s": 21.0})


def test_phase_list_keeps_order_and_refuses_unknown_or_repeated_names():
    assert phase_list("grpo, irl") == ["grpo", "irl"]
    with pytest.raises(argparse.ArgumentTypeError, match="unknown: dpo"):
        phase_list("irl,dpo")
    with pytest.raises(argparse.ArgumentTypeError, match="distinct"):
        phase_list("irl,irl")


def test_bad_arguments_exit_with_a_message(capsys):
    for argv, message in [
        (["--phases", "ppo"], "unknown: ppo"),
        (["--grpo-generations", "1"], "a GRPO group"),
        (["--sft-steps", "0"], "must be >= 1"),
        (["--irl-acc-tolerance", "1.5"], "--irl-acc-tolerance"),
        (["--grpo-prompts", "3", "--grpo-generations", "3"], "must be a multiple of --grpo-micro-batch (8)"),
        (["--irl-samples", "/nonexistent/dev.jsonl"], "--irl-samples: /nonexistent/dev.jsonl is not a file"),
    ]:
        with pytest.raises(SystemExit) as exit_:
            parse_args(argv)
        assert exit_.value.code == 2
        assert message in capsys.readouterr().err
    assert parse_args([]).phases == ["irl", "sft", "grpo"]
    assert parse_args(["--phases", "sft", "--grpo-prompts", "3", "--grpo-generations", "3"]).phases == ["sft"]


def test_stage_split_averages_the_measured_steps():
    m = [{f"time/{k}": 100.0 for k in ("generate", "score", "train", "sync")}]
    m += [{"time/generate": 2.0, "time/score": 0.5, "time/train": 6.0, "time/sync": 1.0}] * 2
    assert stage_split(m, 1) == {"generate": 2.0, "score": 0.5, "train": 6.0, "sync": 1.0}
    assert stage_split(m[:1], 1) == {}


def _stepper(alt: Alternation, name: str, n: int, log: list[str]):
    def run() -> str:
        for i in range(n):
            log.append(f"{name}{i}")
            alt.step_done(name, 1)
        return name

    return run


def test_two_runs_take_turns_step_by_step_and_the_longer_one_finishes_alone():
    alt = Alternation(("a", "b"))
    log: list[str] = []
    results = run_alternating(alt, {"a": _stepper(alt, "a", 2, log), "b": _stepper(alt, "b", 4, log)})
    assert log == ["a0", "b0", "a1", "b1", "b2", "b3"]
    assert results == {"a": "a", "b": "b"}
    assert [len(alt.steps[k]) for k in "ab"] == [2, 4]
    assert all(s.seconds >= 0 and s.units == 1 for s in alt.steps["b"])


def test_a_failing_run_stops_the_other_and_is_raised_by_name():
    alt = Alternation(("ours", "trl"))
    log: list[str] = []

    def broken() -> None:
        log.append("trl0")
        raise OSError("no model")

    with pytest.raises(RuntimeError, match="the trl run failed: OSError: no model"):
        run_alternating(alt, {"ours": _stepper(alt, "ours", 100, log), "trl": broken})
    assert log == ["ours0", "trl0"]  # ours was waiting for the baton: it stops there, no step more
    assert not [t for t in threading.enumerate() if t.name.startswith("bench-")]


def test_alternation_refuses_a_step_out_of_turn_and_bad_names():
    alt = Alternation(("a", "b"))
    alt.begin("a")
    with pytest.raises(RuntimeError, match="without holding the baton"):
        alt.step_done("b", 1)
    with pytest.raises(ValueError, match="two or more distinct"):
        Alternation(("a", "a"))
    with pytest.raises(ValueError, match="must be keyed by"):
        run_alternating(Alternation(("a", "b")), {"b": lambda: None, "a": lambda: None})


def test_isolation_and_one_loop_alone_take_one_phase(capsys):
    for argv, message in [
        (["--phases", "irl,grpo", "--isolate"], "--isolate takes one phase: --phases irl, sft or grpo"),
        (["--phases", "sft,grpo", "--isolate"], "--isolate takes one phase"),
        (["--phases", "irl,sft", "--only", "trl"], "--only takes one phase"),
        (["--phases", "grpo", "--isolate", "--only", "ours"], "--isolate runs --only ours and --only trl itself"),
    ]:
        with pytest.raises(SystemExit):
            parse_args(argv)
        assert message in capsys.readouterr().err, argv
    args = parse_args(["--phases", "irl", "--isolate", "--rounds", "2"])
    assert args.isolate and args.rounds == 2 and args.only is None
    assert (
        parse_args(["--phases", "sft", "--isolate"]).isolate and parse_args(["--phases", "sft", "--only", "trl"]).only
    )
    assert args.argv == ["--phases", "irl", "--isolate", "--rounds", "2"]


def test_a_child_of_isolate_gets_the_parents_command_line_less_isolate_rounds_json_and_seed():
    argv = ["--phases", "grpo", "--isolate", "--rounds", "2", "--json", "x.json", "--grpo-steps", "3", "--json=y"]
    assert _child_argv(argv) == ["--phases", "grpo", "--grpo-steps", "3"]
    # the seed too: the parent gives each child its round's (IRL: --seed + round - 1)
    assert _child_argv(["--rounds=3", "--no-isolate", "--seed", "1", "--seed=2", "--irl-pairs", "9"]) == [
        "--irl-pairs",
        "9",
    ]


def test_ours_batches_irl_pairs_across_prompts_with_one_frozen_layer_by_default(capsys):
    args = parse_args(["--phases", "irl"])
    assert (args.irl_batch_by, args.irl_freeze_layers) == ("pair", 1)
    args = parse_args(["--phases", "irl", "--irl-batch-by", "prompt", "--irl-freeze-layers", "0"])
    assert (args.irl_batch_by, args.irl_freeze_layers) == ("prompt", 0)
    with pytest.raises(SystemExit):
        parse_args(["--phases", "irl", "--irl-batch-by", "text"])
    capsys.readouterr()
    with pytest.raises(SystemExit):
        parse_args(["--phases", "irl", "--irl-freeze-layers", "6"])
    assert "--irl-freeze-layers must be in [0, 5] (MiniLM-L6 has 6 layers), got 6" in capsys.readouterr().err
