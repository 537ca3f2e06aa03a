"""Prometheus metrics of one app instance (own registry, so several apps can live in one test process)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from prometheus_client import CollectorRegistry, Counter, Histogram, Summary
from prometheus_client.core import CounterMetricFamily
from prometheus_client.registry import Collector

from shared.batching import TokenCounts

_LATENCY_BUCKETS = (0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
_BATCH_BUCKETS = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter(
            "drirl_http_requests_total",
            "HTTP requests by route and status.",
            ["route", "method", "status"],
            registry=r,
        )
        self.latency = Histogram(
            "drirl_http_request_duration_seconds",
            "HTTP request latency.",
            ["route"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.items = Counter(
            "drirl_score_items_total", "Scored items by category and outcome.", ["category", "status"], registry=r
        )
        self.batch_size = Histogram(
            "drirl_batch_size", "Items per batch taken by the batcher.", buckets=_BATCH_BUCKETS, registry=r
        )
        self.queue_delay = Histogram(
            "drirl_queue_delay_seconds",
            "Time items waited in the batch queue.",
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.cache_lookups = Counter(
            "drirl_cache_lookups_total", "Reward/embedding cache lookups.", ["kind", "result"], registry=r
        )
        self.cache_errors = Counter("drirl_cache_errors_total", "Failed cache calls (Redis down).", registry=r)
        self.reward = Summary(
            "drirl_reward", "Raw rewards served, by category (mean = sum/count).", ["category"], registry=r
        )
        self.weight = Summary("drirl_weight", "Difficulty weights served, by category.", ["category"], registry=r)
        self.get_reward_retries = Counter(
            "drirl_get_reward_retries_total",
            "Times /get_reward waited and retried inside the server instead of answering 503 (OpenRLHF).",
            ["reason"],
            registry=r,
        )

    def watch_tokens(self, counts: Mapping[str, TokenCounts]) -> Collector:
        """Expose a model bank's token counters as ``drirl_forward_tokens_total{model, kind}``; returns the collector
        (for :meth:`unwatch_tokens`)."""
        collector = _ForwardTokens(counts)
        self.registry.register(collector)
        return collector

    def unwatch_tokens(self, collector: Collector) -> None:
        self.registry.unregister(collector)

    def observe_batch(self, size: int, delays_s: list[float]) -> None:
        self.batch_size.observe(size)
        for d in delays_s:
            self.queue_delay.observe(d)


class _ForwardTokens(Collector):
    """A model bank's real and padding tokens, read at scrape time."""

    def __init__(self, counts: Mapping[str, TokenCounts]) -> None:
        self.counts = counts

    def collect(self) -> Iterator[CounterMetricFamily]:
        family = CounterMetricFamily(
            "drirl_forward_tokens",
            "Tokens in forward passes by model (reward, encoder): real (the inputs) and padding (added to fill a "
            "padded batch); padding share = padding / (real + padding).",
            labels=["model", "kind"],
        )
        for model, c in self.counts.items():
            real, padded = c.snapshot()
            family.add_metric([model, "real"], real)
            family.add_metric([model, "padding"], padded - real)
        yield family
