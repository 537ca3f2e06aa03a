"""The reward-model bank: the seven category reward models and the scaler's sentence encoder of a model dir, loaded
and checked (:mod:`shared.manifest`), with their batched forward passes on one inference runtime.

The reward server scores with it (from its batcher's worker thread, never from the event loop); the trainer's offline
evaluations (``drirl irl eval``, the reward-model judge of ``drirl eval``) use the same code, so a reward measured
offline is the one the server returns. Needs the ``server`` extra (torch, transformers, sentence-transformers,
openvino, onnxruntime), unlike the rest of ``shared/``. Weights come from safetensors files the manifest has
checked; nothing here unpickles.

Runtimes (:mod:`shared.runtimes`): ``torch`` runs the models eagerly; ``openvino`` and ``onnxruntime`` run exports
of them, cached by model version under the cache dir (:mod:`shared.exports`) and made here at load time when
missing (float32), so a server exports before it is ready and never while a request waits; ``auto`` times each
installed runtime once on a fixed synthetic batch and keeps the fastest (the measurement is cached too).
``quantize="int8"`` (onnxruntime) loads only an export :mod:`shared.exporter` (``drirl models export --quantize
int8``) has made and whose pairwise-ranking agreement with float32 reached the gate; the encoder stays float32.
"""

from __future__ import annotations

import logging
import statistics
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import torch

from shared.batching import DEFAULT_MAX_BATCH_SIZE, DEFAULT_MAX_BATCH_TOKENS, TokenCounts, forward_in_chunks
from shared.categories import Category
from shared.devices import pick_device, pick_dtype
from shared.exports import (
    DEFAULT_CACHE_DIR,
    ENCODER,
    INT8_MIN_AGREEMENT,
    ExportStore,
    check_int8_gate,
    cpu_flags_digest,
    read_calibration,
    write_calibration,
)
from shared.manifest import read_manifest, verify_model_dir
from shared.resources import resolve_model_spec
from shared.runtimes import (
    QUANTIZE_CHOICES,
    RUNTIMES,
    CompiledTorchRunner,
    Graph,
    OnnxRuntimeRunner,
    OpenVinoRunner,
    Runner,
    RuntimeSetupError,
    TorchRunner,
    check_runtime_name,
    check_runtime_supports,
    check_streams,
    export_graph,
    runtime_version,
)

log = logging.getLogger(__name__)

#: Bump when this module's forward code changes what it returns for the same weights and settings (tokenisation,
#: truncation, pooling): the version is part of every cache key, so old cached values stop being served.
FORWARD_VERSION = 1
#: ``auto``'s calibration batch: fixed texts of about 60 tokens a pair, timed after one warm-up run.
CALIBRATION_PAIRS = 16
CALIBRATION_RUNS = 5


def _keep_head_fp32(model: torch.nn.Module) -> None:
    """Run the reward head in float32: bfloat16's 8-bit mantissa would quantise the scalar reward itself."""
    head = getattr(model, "classifier", None) or getattr(model, "score", None)
    if not isinstance(head, torch.nn.Module):
        return
    head.float()
    head.register_forward_pre_hook(lambda _m, args: tuple(a.float() if torch.is_tensor(a) else a for a in args))


def runtime_dtype(runtime: str, dtype: str, device: torch.device) -> torch.dtype:
    """The dtype ``runtime`` computes in for the ``dtype`` setting: :func:`pick_dtype`'s rule, except that ``auto``
    on onnxruntime is float32, its only precision here."""
    if runtime == "onnxruntime" and dtype == "auto":
        return torch.float32
    return pick_dtype(dtype, device)


def check_runtime_settings(
    model_dir: Path,
    *,
    runtime: str,
    quantize: str,
    dtype: str = "auto",
    device: str = "auto",
    cache_dir: Path = DEFAULT_CACHE_DIR,
    int8_min_agreement: float = INT8_MIN_AGREEMENT,
    streams: int = 1,
) -> None:
    """The checks ModelBank makes of its runtime settings, without loading a model (drirl-server runs them first).

    Raises:
        RuntimeSetupError: as ModelBank would; ``auto`` without int8 passes (it measures what is there).
    """
    check_runtime_name(runtime)
    if quantize not in QUANTIZE_CHOICES:
        raise RuntimeSetupError(f"unknown quantize {quantize!r}: choose one of {', '.join(QUANTIZE_CHOICES)}")
    check_streams(streams)
    if runtime == "auto" and quantize != "int8":
        return
    runtime = "onnxruntime" if runtime == "auto" else runtime
    dev = pick_device(device)
    check_runtime_supports(
        runtime, dtype=runtime_dtype(runtime, dtype, dev), device=dev, quantize=quantize, streams=streams
    )
    if quantize == "int8":
        _, version = read_manifest(model_dir)
        check_int8_gate(
            ExportStore(cache_dir, version, runtime, "int8"), [c.value for c in Category], int8_min_agreement
        )


def _calibration_batch() -> tuple[list[str], list[str]]:
    n = range(CALIBRATION_PAIRS)
    prompts = [f"Question {i}: how would I go about doing this safely at home, step by step?" for i in n]
    responses = [f"Answer {i}: " + "here is a careful, general answer with a few safety notes. " * 3 for i in n]
    return prompts, responses


@dataclass
class RewardModel:
    category: Category
    tokenizer: Any
    runner: Runner  # tokenised (prompt, response) pairs → logits (N, 1)


class ModelBank:
    """The seven reward models and the encoder, with batched blocking forwards on one runtime.

    ``scoring_settings`` / ``encoder_settings`` list everything besides the input texts that changes a raw reward /
    an embedding; the server's cache keys carry their fingerprints (``services.reward_server.cache.fingerprint``).
    Besides torch, a runtime adds its version and precision there.

    Args:
        model_dir: the model directory (manifest.json + one folder per category).
        device, dtype: as :func:`shared.devices.pick_device` / :func:`~shared.devices.pick_dtype`; ``dtype="auto"``
            on onnxruntime is float32 (its only precision here).
        max_seq_tokens: reward-model input tokens; longer pairs are truncated.
        max_batch_tokens, max_batch_size: padded tokens and items per forward (:mod:`shared.batching`); None/0
            tokens: one forward per call.
        num_threads: intra-op threads of every runtime (default: all cores).
        streams: forwards that may run at once, each called from its own thread (the server's batcher runs that
            many), the threads split between them: torch and onnxruntime get ``num_threads // streams`` intra-op
            threads each, openvino its throughput hint with ``streams`` streams. Not torch-compile.
        runtime: ``torch``, ``openvino``, ``onnxruntime`` or ``auto`` (the fastest measured here).
        quantize: ``none`` or ``int8`` (onnxruntime; refused unless its stored agreement reaches the gate).
        cache_dir: where exports and calibrations are cached.
        int8_min_agreement: the gate (module default 0.99).

    Raises:
        ManifestError: the model dir is invalid (before any weight is loaded).
        RuntimeSetupError: the runtime cannot serve these settings; the message names the setting to change.
    """

    def __init__(
        self,
        model_dir: Path,
        *,
        device: str = "auto",
        dtype: str = "auto",
        max_seq_tokens: int = 512,
        num_threads: int | None = None,
        max_batch_tokens: int | None = DEFAULT_MAX_BATCH_TOKENS,
        max_batch_size: int = DEFAULT_MAX_BATCH_SIZE,
        runtime: str = "torch",
        quantize: str = "none",
        cache_dir: Path = DEFAULT_CACHE_DIR,
        int8_min_agreement: float = INT8_MIN_AGREEMENT,
        streams: int = 1,
    ) -> None:
        from sentence_transformers import SentenceTransformer
        from transformers import AutoTokenizer

        check_runtime_name(runtime)
        check_streams(streams)  # before the threads are split between streams
        if num_threads:
            torch.set_num_threads(num_threads)
        t0 = time.perf_counter()
        self.model_dir = Path(model_dir)
        self.device = pick_device(device)
        self.max_seq_tokens = max_seq_tokens
        self.num_threads = num_threads
        self.streams = streams
        # each stream's share of the cores (torch, onnxruntime); openvino splits num_threads between its streams
        self.stream_threads = max(1, (num_threads or torch.get_num_threads()) // streams)
        self._tokenizing = threading.Lock()  # a fast tokenizer called from two threads at once can fail (borrowed)
        # Forwards per token budget (shared.batching); None/0: one forward per call. Not in the cache fingerprints:
        # how items share a forward moves a score by float noise only, as the batch size always has.
        self.max_batch_tokens, self.max_batch_size = max_batch_tokens, max_batch_size
        self.tokens = {"reward": TokenCounts(), "encoder": TokenCounts()}  # real vs padded tokens forwarded
        self.quantize = quantize
        self.cache_dir = Path(cache_dir)
        probe, _ = read_manifest(model_dir)
        encoder_dir = Path(resolve_model_spec(probe.encoder.source))
        if not encoder_dir.is_dir():
            log.warning("encoder %s is not a local folder: its checksum cannot be verified", probe.encoder.source)
        # Raises ManifestError (missing file, checksum mismatch) before any weight is loaded.
        self.manifest, self.model_version = verify_model_dir(model_dir, encoder_dir if encoder_dir.is_dir() else None)
        self.tokenizers = {
            c: AutoTokenizer.from_pretrained(self.model_dir / e.subfolder) for c, e in self.manifest.categories.items()
        }
        self.encoder = SentenceTransformer(str(encoder_dir), device=str(self.device))
        self.runtime = self._pick_runtime(dtype) if runtime == "auto" else runtime
        self.dtype = self._dtype_for(self.runtime, dtype)
        check_runtime_supports(self.runtime, dtype=self.dtype, device=self.device, quantize=quantize, streams=streams)
        if streams > 1 and self.runtime == "torch":
            torch.set_num_threads(self.stream_threads)  # process-wide: every stream's ops run on this many threads
        if quantize == "int8":
            check_int8_gate(self.export_store(self.runtime, "int8"), [c.value for c in Category], int8_min_agreement)
        self.models: dict[Category, RewardModel] = {}
        for category in self.manifest.categories:
            self.models[category] = RewardModel(category, self.tokenizers[category], self._rm_runner(category))
        self.encoder_runner = self._encoder_runner()
        self.precision = getattr(self.encoder_runner, "precision", None)  # what OpenVINO actually computes in
        if self.precision == "f32" and self.dtype != torch.float32:
            log.warning(
                "openvino has no %s on this CPU: it computes in float32", str(self.dtype).removeprefix("torch.")
            )
            self.dtype = torch.float32
        untrained = [c.value for c, e in self.manifest.categories.items() if not e.trained]
        if untrained:
            log.warning(
                "reward models freshly initialised (trained: false): %s; their scores carry no preference signal "
                "yet: train them with `drirl irl train`",
                ", ".join(untrained),
            )
        self.centroids = np.stack(
            [np.asarray(self.manifest.categories[c].prompt_centroid, dtype=np.float32) for c in Category]
        )
        self.centroids /= np.linalg.norm(self.centroids, axis=1, keepdims=True)
        log.info(
            "loaded %d reward models + encoder from %s (model_version %s, %s%s %s on %s) in %.1fs",
            len(self.models),
            model_dir,
            self.model_version,
            self.runtime,
            "" if quantize == "none" else f" {quantize}",
            str(self.dtype).removeprefix("torch."),
            self.device,
            time.perf_counter() - t0,
        )

    # ---------------------------------------------------------------------------------------------- settings
    def _runtime_settings(self) -> dict[str, str | int]:
        if self.runtime == "torch":  # the keys of before runtimes existed: cached torch values stay valid
            return {"runtime": "torch"}
        out: dict[str, str | int] = {
            "runtime": self.runtime,
            "runtime_version": runtime_version(self.runtime) or "",
            "quantize": self.quantize,
        }
        if self.precision:
            out["precision"] = self.precision
        return out

    @cached_property
    def scoring_settings(self) -> dict[str, str | int]:
        return {
            "model_version": self.model_version,
            "forward": FORWARD_VERSION,
            **self._runtime_settings(),
            "dtype": str(self.dtype).removeprefix("torch."),
            "device": self.device.type,
            "max_seq_tokens": self.max_seq_tokens,
        }

    @cached_property
    def encoder_settings(self) -> dict[str, str | int]:
        return {
            "encoder_sha256": self.manifest.encoder.sha256,
            "forward": FORWARD_VERSION,
            **{k: v for k, v in self._runtime_settings().items() if k != "quantize"},  # the encoder stays float32
            "dtype": str(self.dtype).removeprefix("torch."),
            "device": self.device.type,
            "max_seq_length": int(self.encoder.max_seq_length or 0),  # None: no limit of its own
            "normalize": 1,
        }

    @property
    def spreads_lone_forwards(self) -> bool:
        """Whether a forward that runs alone uses every stream's cores: OpenVINO with streams splits its batch across
        the idle streams (``OpenVinoRunner``); torch and onnxruntime keep it on one stream's share of the threads."""
        return self.streams > 1 and self.runtime == "openvino" and self.quantize == "none"

    # ------------------------------------------------------------------------------------------------ forwards
    def score(self, category: Category, prompts: list[str], responses: list[str]) -> np.ndarray:
        """Raw rewards r_c(x, y) for aligned lists (responses already reduced to their final part). Shape (N,)."""
        return self.score_batch(self.models[category], prompts, responses)

    def score_batch(self, rm: RewardModel, prompts: list[str], responses: list[str]) -> np.ndarray:
        """Tokenise once → the runtime's forward per token-budget chunk → logits in input order, on ``rm`` (this
        bank's, or one the exporter builds around an int8 runner). Shape (N,)."""
        with self._tokenizing:
            features = rm.tokenizer(
                prompts, responses, padding=True, truncation=True, max_length=self.max_seq_tokens, return_tensors="pt"
            )
        side = rm.tokenizer.padding_side
        return self._chunked(features, rm.runner.run, "reward", side)[:, 0].numpy()

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-normalised sentence embeddings, float32, shape (N, D)."""
        if not texts:
            return np.zeros((0, self.manifest.encoder.dim), dtype=np.float32)
        with self._tokenizing:
            features = self.encoder.preprocess(texts)  # what encode() forwards (the encoder's own truncation), once
        side = getattr(self.encoder.tokenizer, "padding_side", "right")
        emb = self._chunked(features, self.encoder_runner.run, "encoder", side).numpy()
        return emb / np.maximum(np.linalg.norm(emb, axis=1, keepdims=True), 1e-12)

    def _chunked(
        self, features: Any, run: Callable[[Mapping[str, Any]], np.ndarray], kind: str, side: str
    ) -> torch.Tensor:
        """The runner's ``run`` per token-budget chunk of ``features`` (tokenised once, CPU tensors), in input
        order."""
        return forward_in_chunks(
            features,
            lambda chunk: torch.from_numpy(run(chunk)),
            max_batch_tokens=self.max_batch_tokens,
            max_batch_size=self.max_batch_size,
            counts=self.tokens[kind],
            padding_side=side,
        )

    def route(self, prompt_emb: np.ndarray) -> list[Category]:
        """Nearest category centroid (cosine) for each row of (N, D) unit prompt embeddings."""
        idx = np.argmax(prompt_emb @ self.centroids.T, axis=1)
        cats = list(Category)
        return [cats[i] for i in idx]

    # ---------------------------------------------------------------------------------------------- loading
    def _dtype_for(self, runtime: str, dtype: str) -> torch.dtype:
        return runtime_dtype(runtime, dtype, self.device)

    def export_store(self, runtime: str, precision: str = "float32") -> ExportStore:
        return ExportStore(self.cache_dir, self.model_version, runtime, precision)

    def _torch_graph(self, category: Category, dtype: torch.dtype, device: torch.device) -> Graph:
        from transformers import AutoModelForSequenceClassification

        folder = self.model_dir / self.manifest.categories[category].subfolder
        model = AutoModelForSequenceClassification.from_pretrained(folder, use_safetensors=True, num_labels=1)
        model.to(device, dtype).eval()
        if dtype != torch.float32:
            _keep_head_fp32(model)
        return Graph(model, self._rm_example(category).keys(), "reward")

    def _rm_example(self, category: Category) -> dict[str, torch.Tensor]:
        # Two pairs of different lengths: the export must trace the padded-mask path, not an all-ones shortcut.
        return dict(
            self.tokenizers[category](
                ["an example prompt", "another example prompt, a longer one"],
                ["an answer", "a longer example answer to that prompt"],
                padding=True,
                return_tensors="pt",
            )
        )

    def _exported(self, name: str, runtime: str, build: Any, example: Mapping[str, torch.Tensor]) -> Path:
        """The float32 export of graph ``name`` on ``runtime``, made now (from ``build()``) if not cached."""
        store = self.export_store(runtime)
        if not store.has(name):
            t0 = time.perf_counter()
            export_graph(build(), example, runtime, store.graph_dir(name))
            log.info("exported %s to %s in %.1fs (%s)", name, runtime, time.perf_counter() - t0, store.graph_dir(name))
        return store.model_file(name)

    def _compiled(self, runtime: str, path: Path, dtype: torch.dtype) -> Runner:
        if runtime == "openvino":
            return OpenVinoRunner(path, dtype=dtype, num_threads=self.num_threads, streams=self.streams)
        return OnnxRuntimeRunner(path, num_threads=self._ort_threads())

    def _ort_threads(self) -> int | None:
        return self.stream_threads if self.streams > 1 else self.num_threads

    def _rm_runner(self, category: Category, runtime: str | None = None, dtype: torch.dtype | None = None) -> Runner:
        runtime, dtype = runtime or self.runtime, dtype or self.dtype
        if runtime == "torch":
            return TorchRunner(self._torch_graph(category, dtype, self.device), self.device)
        if runtime == "torch-compile":
            return CompiledTorchRunner(
                self._torch_graph(category, dtype, self.device), self.device, self._rm_example(category)
            )
        if self.quantize == "int8":  # checked by the gate in __init__; never made here (it needs held-out pairs)
            return OnnxRuntimeRunner(
                self.export_store(runtime, "int8").model_file(category.value), num_threads=self._ort_threads()
            )
        path = self._exported(
            category.value,
            runtime,
            lambda: self._torch_graph(category, torch.float32, torch.device("cpu")),
            self._rm_example(category),
        )
        return self._compiled(runtime, path, dtype)

    def _encoder_runner(self) -> Runner:
        example = {
            k: v
            for k, v in self.encoder.preprocess(["an example sentence", "a longer example sentence, to pad"]).items()
            if torch.is_tensor(v)
        }
        if self.runtime in ("torch", "torch-compile"):
            self.encoder.to(self.dtype)
            graph = Graph(self.encoder, example.keys(), "encoder")
            if self.runtime == "torch":
                return TorchRunner(graph, self.device)
            return CompiledTorchRunner(graph, self.device, example)
        path = self._exported(ENCODER, self.runtime, lambda: Graph(self.encoder, example.keys(), "encoder"), example)
        return self._compiled(self.runtime, path, self.dtype)

    # ------------------------------------------------------------------------------------------ runtime: auto
    def _pick_runtime(self, dtype: str) -> str:
        """The fastest runtime here for one reward model on the calibration batch, measured once per model version,
        CPU, runtime versions and settings (cached under ``cache_dir/runtime-calibration``)."""
        if self.quantize == "int8":
            return "onnxruntime"  # the one runtime with int8 here
        candidates = []
        for r in RUNTIMES:
            try:
                check_runtime_supports(
                    r, dtype=self._dtype_for(r, dtype), device=self.device, quantize="none", streams=self.streams
                )
                candidates.append(r)
            except RuntimeSetupError as e:
                log.info("runtime auto: %s left out (%s)", r, e)
        if len(candidates) == 1:
            return candidates[0]
        key = {
            "model_version": self.model_version,
            "cpu_flags": cpu_flags_digest(),
            "versions": {r: runtime_version(r) for r in candidates},
            "dtype": dtype,
            "device": self.device.type,
            "num_threads": self.num_threads or 0,
            "streams": self.streams,
            "max_seq_tokens": self.max_seq_tokens,
            "batch": CALIBRATION_PAIRS,
        }
        cached = read_calibration(self.cache_dir, key)
        if cached is not None and cached["picked"] in candidates:
            log.info(
                "runtime auto: %s (measured %s: %s)",
                cached["picked"],
                cached["measured_at"],
                cached["seconds_per_batch"],
            )
            return str(cached["picked"])
        category = next(iter(self.manifest.categories))
        prompts, responses = _calibration_batch()
        seconds = {}
        for r in candidates:
            rm = RewardModel(
                category, self.tokenizers[category], self._rm_runner(category, r, self._dtype_for(r, dtype))
            )
            self.score_batch(rm, prompts, responses)  # warm-up: kernel selection, first-shape compilation
            runs = []
            for _ in range(CALIBRATION_RUNS):
                t0 = time.perf_counter()
                self.score_batch(rm, prompts, responses)
                runs.append(time.perf_counter() - t0)
            seconds[r] = round(statistics.median(runs), 5)
        picked = min(seconds, key=seconds.__getitem__)
        path = write_calibration(self.cache_dir, key, seconds, picked)
        log.info(
            "runtime auto: %s (median of %d runs, %d pairs, %s: %s; cached in %s)",
            picked,
            CALIBRATION_RUNS,
            CALIBRATION_PAIRS,
            category.value,
            ", ".join(f"{r} {s * 1000:.1f} ms" for r, s in seconds.items()),
            path,
        )
        return picked
