"""bench/bench_server_ab.py's own parts: the /proc reading and the checks on its arguments."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from bench.bench_server_ab import main, voluntary_switches


def test_voluntary_switches_sum_the_sleeps_of_every_live_thread() -> None:
    before = voluntary_switches(os.getpid())
    slept, release = threading.Barrier(4), threading.Event()

    def sleeper() -> None:
        for _ in range(5):
            time.sleep(0.001)  # each a voluntary context switch of this thread
        slept.wait()
        release.wait()

    threads = [threading.Thread(target=sleeper) for _ in range(3)]
    for t in threads:
        t.start()
    slept.wait()
    try:
        assert voluntary_switches(os.getpid()) - before >= 3 * 5
    finally:
        release.set()
        for t in threads:
            t.join()


def test_a_tree_not_a_checkout_is_a_cli_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        main(["--base", str(tmp_path)])
    assert e.value.code == 2
    assert f"--base: {tmp_path} holds no services/reward_server" in capsys.readouterr().err
