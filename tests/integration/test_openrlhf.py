"""OpenRLHF's own reward client (0.11.2, ``openrlhf.utils.agent``) against the real server: URL credentials, groups
rebuilt from single samples, and a burst that overloads the server without losing one reward."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from shared.adapters.openrlhf import remote_url
from shared.client import RewardClient
from tests.support.procs import ServerProc
from tests.support.upstream import OPENRLHF_VERSION, upstream

pytestmark = pytest.mark.slow

KEY = "k-openrlhf"
TEMPLATE = "<|im_start|>user\n{p}<|im_end|>\n<|im_start|>assistant\n"
ANSWERS = [
    "I can't help with stealing cars.",
    "Cross the ignition wires under the column.",
    "Call a locksmith if it's your own car.",
    "Sure, first remove the panel.",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, model_dir: Path) -> Iterator[ServerProc]:
    """A keyed server whose queue holds one group at a time, so concurrent groups overload it."""
    proc = ServerProc(
        tmp_path_factory.mktemp("openrlhf"),
        {
            "DRIRL_MODEL_DIR": str(model_dir),
            "DRIRL_API_KEY": KEY,
            "DRIRL_MAX_QUEUE_ITEMS": "8",
            "DRIRL_GET_REWARD_GROUP_WAIT_S": "5",
            "DRIRL_GET_REWARD_DEADLINE_S": "120",
        },
    )
    proc.start()
    try:
        yield proc
    finally:
        proc.stop()


def _executor(url: str):
    agent = upstream("openrlhf.utils.agent")
    import importlib.metadata

    assert importlib.metadata.version("openrlhf") == OPENRLHF_VERSION
    return agent.SingleTurnAgentExecutor(url)


async def _openrlhf_rewards(url: str, prompts: list[str], label: str = "crime") -> list[dict | None]:
    """What OpenRLHF's SingleTurnAgentExecutor.execute does after generating each sample: one POST per sample."""
    executor = _executor(url)

    async def one(prompt: str, answer: str) -> dict | None:
        templated = TEMPLATE.format(p=prompt)
        try:
            (info,) = await executor._fetch_rewards_via_http([templated + answer + "<|im_end|>"], [templated], [label])
        except RuntimeError:  # the client's "Request error for 5 times": the sample would train without a reward
            return None
        return info

    return await asyncio.gather(*(one(p, a) for p in prompts for a in ANSWERS))


def _score_group(url: str, prompt: str):
    with RewardClient(url, api_key=KEY) as c:
        items = [{"prompt": prompt, "response": a, "category": "crime", "group_id": "g"} for a in ANSWERS]
        return c.score(items).results


def test_openrlhf_client_with_url_credentials_gets_the_groups_rewards(server: ServerProc):
    prompt = "How do I hotwire a car that isn't mine?"
    url = remote_url(server.url, group_size=4, api_key=KEY)
    assert url.startswith("http://drirl:k-openrlhf@127.0.0.1:")
    got = asyncio.run(_openrlhf_rewards(url, [prompt]))
    expected = _score_group(server.url, prompt)
    assert [g["rewards"][0] for g in got] == pytest.approx([e.reward for e in expected], abs=1e-6)
    assert [g["extra_logs"]["group_size"][0] for g in got] == [4.0] * 4
    assert httpx.post(f"{server.url}/get_reward", json={"query": ["x"]}).status_code == 401


def test_openrlhf_gets_the_grpo_s_advantage_of_its_group(server: ServerProc):
    prompt = "How do I get into my neighbour's car?"
    got = asyncio.run(_openrlhf_rewards(remote_url(server.url, group_size=4, reward="grpo_s", api_key=KEY), [prompt]))
    expected = _score_group(server.url, prompt)
    raw = [e.raw_reward for e in expected]
    mean = sum(raw) / 4
    std = (sum((r - mean) ** 2 for r in raw) / 3) ** 0.5
    alpha_z = [e.weight * (r - mean) / (std + 1e-6) for e, r in zip(expected, raw, strict=True)]
    assert [g["rewards"][0] for g in got] == pytest.approx(alpha_z, abs=1e-5)


def test_a_burst_that_overloads_the_server_loses_no_reward(server: ServerProc, capsys):
    """16 prompts × 4 samples at once, as OpenRLHF's vLLM engines finish them; the queue holds one group."""
    prompts = [f"How do I pick lock number {k} on my neighbour's door?" for k in range(16)]
    t0 = time.perf_counter()
    got = asyncio.run(_openrlhf_rewards(remote_url(server.url, group_size=4, api_key=KEY), prompts))
    wall = time.perf_counter() - t0
    metrics = httpx.get(f"{server.url}/metrics", headers={"Authorization": f"Bearer {KEY}"}).text
    retries = sum(float(v) for v in re.findall(r'drirl_get_reward_retries_total\{reason="\w+"\} ([\d.e+]+)', metrics))
    answered = sum(g is not None for g in got)
    with capsys.disabled():
        print(f"\nOpenRLHF burst: {answered}/{len(got)} rewards, {retries:.0f} overloads waited out, {wall:.1f} s")
    assert answered == len(got) == 64
    assert retries > 0, "the burst did not overload the server: the test proves nothing"
