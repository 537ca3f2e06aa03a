"""Inference runtimes for the reward models and the encoder: eager ``torch``, ``torch-compile`` (the same module
compiled by TorchInductor), ``openvino`` and ``onnxruntime``.

A *graph* is one model's tokenised-features → output function: a reward model's logits ``(N, 1)`` or the encoder's
pooled sentence embedding ``(N, D)``. It is written once as a torch module (:class:`Graph`); the eager runtime runs
it as it is, the other two run an export of it (:func:`export_graph`: OpenVINO IR through ``ov.convert_model``, ONNX
through ``torch.onnx.export``), and int8 is ONNX Runtime's dynamic quantisation of that ONNX file
(:func:`quantize_int8`); ``torch-compile`` compiles the torch module in the process at start-up
(:class:`CompiledTorchRunner`). Each runtime's forward is the ``run(features) -> np.ndarray`` of one runner class, so
tokenise → forward → logits reads the same for all four.

Errors: :class:`RuntimeSetupError` for every way a runtime cannot be used as configured (unknown name, not
installed, a dtype or device it does not support, int8 refused), its message naming the setting to change.
"""

from __future__ import annotations

import importlib.metadata
import queue
import shutil
import tempfile
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np
import torch

#: The runtimes a reward model can be served with; ``auto`` (ModelBank) picks one of these.
RUNTIMES = ("torch", "torch-compile", "openvino", "onnxruntime")
RUNTIME_CHOICES = ("auto", *RUNTIMES)
QUANTIZE_CHOICES = ("none", "int8")
#: The Python distribution behind each runtime (its version goes into cache keys and export paths).
_DISTRIBUTION = {"torch": "torch", "torch-compile": "torch", "openvino": "openvino", "onnxruntime": "onnxruntime"}
#: The file an export of each runtime consists of (OpenVINO also writes model.bin beside model.xml).
EXPORT_FILE = {"openvino": "model.xml", "onnxruntime": "model.onnx"}
ONNX_OPSET = 17


class RuntimeSetupError(RuntimeError):
    """A runtime cannot be used as configured; the message says why and which setting to change."""


def check_runtime_name(runtime: str, *, allow_auto: bool = True) -> str:
    """``runtime`` if it names a runtime (or ``auto``); else a RuntimeSetupError listing the choices."""
    choices = RUNTIME_CHOICES if allow_auto else RUNTIMES
    if runtime not in choices:
        raise RuntimeSetupError(f"unknown runtime {runtime!r}: choose one of {', '.join(choices)}")
    return runtime


def runtime_version(runtime: str) -> str | None:
    """The installed version of ``runtime``'s package, or None when it is not installed."""
    try:
        return importlib.metadata.version(_DISTRIBUTION[check_runtime_name(runtime, allow_auto=False)])
    except importlib.metadata.PackageNotFoundError:
        return None


def installed_runtimes() -> list[str]:
    return [r for r in RUNTIMES if runtime_version(r) is not None]


def check_streams(streams: int) -> None:
    """Raise RuntimeSetupError unless ``streams`` (forwards at once) is at least 1."""
    if streams < 1:
        raise RuntimeSetupError(f"forward streams must be at least 1 (got {streams})")


def check_runtime_supports(
    runtime: str, *, dtype: torch.dtype, device: torch.device, quantize: str, streams: int = 1
) -> None:
    """Raise RuntimeSetupError unless ``runtime`` can run these settings here.

    torch and torch-compile: any device, float32 or bfloat16, no int8. openvino: CPU, float32 or bfloat16 (its
    inference-precision hint), no int8 here (NNCF is not a dependency). onnxruntime: CPU, float32, and int8
    (dynamic quantisation). ``streams`` (forwards at once): 1 on torch-compile, whose compiled graphs are not called
    from several threads here; any on the others.
    """
    check_runtime_name(runtime, allow_auto=False)
    check_streams(streams)
    if runtime == "torch-compile" and streams > 1:
        raise RuntimeSetupError(
            f"runtime torch-compile runs one forward at a time (got {streams} streams): set DRIRL_FORWARD_STREAMS=1, "
            "or DRIRL_RUNTIME=openvino / torch"
        )
    if quantize not in QUANTIZE_CHOICES:
        raise RuntimeSetupError(f"unknown quantize {quantize!r}: choose one of {', '.join(QUANTIZE_CHOICES)}")
    if runtime_version(runtime) is None:
        raise RuntimeSetupError(
            f"runtime {runtime} is not installed: install the server extra (pip install -e '.[server]') "
            "or choose DRIRL_RUNTIME=torch"
        )
    if runtime not in ("torch", "torch-compile") and device.type != "cpu":
        raise RuntimeSetupError(f"runtime {runtime} runs on the CPU here, not {device.type}: use DRIRL_RUNTIME=torch")
    if runtime == "onnxruntime" and dtype != torch.float32:
        raise RuntimeSetupError(
            "runtime onnxruntime computes in float32 only (its CPU provider has no bfloat16 kernels for BERT): "
            "set DRIRL_DTYPE=float32, or DRIRL_RUNTIME=openvino / torch for bfloat16"
        )
    if quantize == "int8" and runtime != "onnxruntime":
        raise RuntimeSetupError(
            f"int8 is served by onnxruntime only (got runtime {runtime}): set DRIRL_RUNTIME=onnxruntime"
        )


# ------------------------------------------------------------------------------------------------------ graphs
class Graph(torch.nn.Module):
    """A model as a function of its positional token tensors (in ``input_names`` order) → one float32 output:
    a sequence-classification reward model's logits (N, 1) (``kind="reward"``) or a SentenceTransformer's pooled
    embedding (N, D) (``kind="encoder"``). This is what runs eagerly and what gets exported."""

    def __init__(self, model: torch.nn.Module, input_names: Iterable[str], kind: Literal["reward", "encoder"]) -> None:
        super().__init__()
        self.model = model
        self.input_names = list(input_names)
        self.kind = kind

    def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
        features: dict[str, Any] = dict(zip(self.input_names, inputs, strict=True))
        if self.kind == "reward":
            return self.model(**features).logits.float()
        return self.model({**features, "modality": "text"})["sentence_embedding"].float()


# ----------------------------------------------------------------------------------------------------- runners
class Runner(Protocol):
    """One graph's forward on one runtime: tokenised features (int64 (N, T), numpy arrays or CPU tensors; extra
    keys ignored) → float32 array."""

    def run(self, features: Mapping[str, Any]) -> np.ndarray: ...


def _as_numpy(x: Any, dtype: Any = None) -> np.ndarray:
    return np.ascontiguousarray(x.numpy() if torch.is_tensor(x) else x, dtype=dtype)


class TorchRunner:
    """Eager torch on the graph's device, in the weights' dtype."""

    def __init__(self, graph: Graph, device: torch.device) -> None:
        self.graph = graph.eval()
        self.device = device
        self.input_names = graph.input_names

    @torch.inference_mode()
    def run(self, features: Mapping[str, Any]) -> np.ndarray:
        inputs = [torch.as_tensor(features[n]).to(self.device) for n in self.input_names]
        return self.graph(*inputs).cpu().numpy()


class CompiledTorchRunner(TorchRunner):
    """The graph compiled by TorchInductor (``torch.compile``, dynamic batch and sequence, ``freezing`` on: weights
    folded in as constants, so linear layers run oneDNN's prepacked kernels), compiled and warmed up here, at
    start-up, never at request time.

    Measured on 2 AMD EPYC Zen 4 cores (``bench/bench_runtimes.py``, MiniLM reward model, bs64): float32 2.00×
    eager torch (eager float32 linears run MKL's sgemm, slow on AMD), bfloat16 1.21×. Compiling costs ~11-13 s per
    graph there. Warm-up compiles the one variant every later call runs: dynamic shapes from a padded batch of two;
    a batch of one, which dynamo would compile apart (it specialises size 1), runs as two copies of its row. Inputs
    are made outside inference mode, as at warm-up, since an inference tensor would fail the compiled code's guards
    and compile again.
    """

    #: Compiled variants per graph (one, when warm-up saw right) × the graphs one ModelBank holds, with room.
    RECOMPILE_LIMIT = 64

    def __init__(self, graph: Graph, device: torch.device, example: Mapping[str, torch.Tensor]) -> None:
        import torch._dynamo
        import torch._inductor.config

        super().__init__(graph, device)
        # every graph runs Graph.forward: dynamo counts all their compiled variants against one code object's limit
        torch._dynamo.config.recompile_limit = max(torch._dynamo.config.recompile_limit, self.RECOMPILE_LIMIT)
        self.compiled = torch.compile(self.graph, dynamic=True)
        # compilation happens at the first calls, so the config is patched around them (torch.compile's options=
        # does not reach freezing: measured, no speed-up with it)
        with torch._inductor.config.patch(freezing=True):
            self.run(example)

    def run(self, features: Mapping[str, Any]) -> np.ndarray:
        inputs = [self._input(features[n]) for n in self.input_names]
        single = inputs[0].shape[0] == 1
        if single:  # dynamo compiles a batch of one apart (size-1 specialisation): run it as two of the same
            inputs = [t.repeat(2, *([1] * (t.dim() - 1))) for t in inputs]  # contiguous, as at warm-up
        with torch.inference_mode():
            out = self.compiled(*inputs).cpu().numpy()
        return out[:1] if single else out

    def _input(self, x: Any) -> torch.Tensor:
        t = torch.as_tensor(x)
        if t.is_inference():  # made in inference mode by the caller: a plain copy, as the warm-up's were
            t = t.clone()
        return t.to(self.device)


class OpenVinoRunner:
    """An OpenVINO IR compiled for the CPU: with one stream, the latency hint (one request on all cores); with
    ``streams`` > 1, the throughput hint with that many streams and one infer request each, for callers on as many
    threads (``ModelBank(streams=...)``).

    Measured on 2 AMD EPYC cores with AVX2 only (``bench/bench_runtimes.py --dtype float32 --batch 32``, MiniLM
    reward model, 2026-12-03): one stream 82.0 pairs/s, two streams with two callers 82.3, eager torch 65.9; the
    throughput hint with one caller was slower than torch (NOTES.md). The precision hint is always set: OpenVINO
    would otherwise pick bfloat16 by itself on AMX CPUs.

    With several streams, a call that finds other streams' requests idle splits its batch across them (rows in
    order, at least ``MIN_SPLIT_ROWS`` each) and runs the parts at once, so a lone forward still uses every core
    while concurrent callers each keep a stream of their own (the server's batcher sends one partial batch at a time
    and full ones to every free stream, services/reward_server/batcher.py).
    """

    #: The fewest rows each part of a split batch gets: tiny batches stay whole (a guard, not a tuned figure).
    MIN_SPLIT_ROWS = 4

    def __init__(self, path: Path, *, dtype: torch.dtype, num_threads: int | None = None, streams: int = 1) -> None:
        import openvino as ov

        config: dict[str, Any] = {
            "PERFORMANCE_HINT": "LATENCY" if streams == 1 else "THROUGHPUT",
            "INFERENCE_PRECISION_HINT": "bf16" if dtype == torch.bfloat16 else "f32",
        }
        if streams > 1:
            config["NUM_STREAMS"] = streams
        if num_threads:
            config["INFERENCE_NUM_THREADS"] = num_threads
        self.compiled = ov.Core().compile_model(str(path), "CPU", config)
        self.input_names = [i.get_any_name() for i in self.compiled.inputs]
        hint = self.compiled.get_property("INFERENCE_PRECISION_HINT")  # an ov.Type: "f32" or "bf16"
        self.precision = hint.to_string() if hasattr(hint, "to_string") else str(hint)
        # one infer request per stream; a caller takes one for its forward (more callers than streams wait)
        self.streams = streams
        self._requests: queue.SimpleQueue[Any] = queue.SimpleQueue()
        for _ in range(streams):
            self._requests.put(self.compiled.create_infer_request())

    def run(self, features: Mapping[str, Any]) -> np.ndarray:
        inputs = {n: _as_numpy(features[n]) for n in self.input_names}
        rows = len(next(iter(inputs.values())))
        requests = [self._requests.get()]  # waits while every stream is busy
        while len(requests) < min(self.streams, rows // self.MIN_SPLIT_ROWS):
            try:
                requests.append(self._requests.get_nowait())  # an idle stream: give it part of this batch
            except queue.Empty:
                break
        try:
            if len(requests) == 1:
                result = requests[0].infer(inputs)
                return np.array(result[self.compiled.outputs[0]], dtype=np.float32)
            bounds = np.linspace(0, rows, len(requests) + 1).astype(int)
            started: list[Any] = []
            try:
                for request, lo, hi in zip(requests, bounds[:-1], bounds[1:], strict=True):
                    request.start_async({n: x[lo:hi] for n, x in inputs.items()})
                    started.append(request)
            finally:
                _wait_all(started)  # no request goes back to the pool still running, whatever failed
            # copies: a request's output tensor is its own memory, reused by its next call
            return np.concatenate([np.array(r.get_output_tensor(0).data, dtype=np.float32) for r in requests])
        finally:
            for request in requests:
                self._requests.put(request)


def _wait_all(requests: list[Any]) -> None:
    """Wait for every started OpenVINO infer request; then raise the first failure among them, if any."""
    failures = []
    for request in requests:
        try:
            request.wait()
        except Exception as e:  # each request must be waited for before it is reused
            failures.append(e)
    if failures:
        raise failures[0]


class OnnxRuntimeRunner:
    """An ONNX file on ONNX Runtime's CPU provider, all graph optimisations on.

    Its threads do not spin between runs: seven sessions each keep their own pool, and a pool still spinning after
    one category's batch would take the cores the next category's session needs.
    """

    def __init__(self, path: Path, *, num_threads: int | None = None) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.intra_op_num_threads = num_threads or 0  # 0: one per core
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.input_names = [i.name for i in self.session.get_inputs()]

    def run(self, features: Mapping[str, Any]) -> np.ndarray:
        inputs = {n: _as_numpy(features[n], np.int64) for n in self.input_names}
        return np.asarray(self.session.run(None, inputs)[0], dtype=np.float32)


# ----------------------------------------------------------------------------------------------------- exports
def export_graph(graph: Graph, example: Mapping[str, torch.Tensor], runtime: str, out_dir: Path) -> Path:
    """Write ``graph`` (float32, CPU) as ``runtime``'s model file in ``out_dir`` and return that file.

    Batch and sequence dimensions stay dynamic. ``out_dir`` is filled in a staging folder beside it and renamed into
    place at the end, so a crash never leaves half an export that a later start would load.
    """
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    args = tuple(example[n] for n in graph.input_names)
    target = staging / EXPORT_FILE[runtime]
    try:
        graph = graph.float().cpu().eval()
        with torch.inference_mode(False), torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer warnings about data-dependent branches in HF's mask code
            if runtime == "openvino":
                import openvino as ov

                ov_model = ov.convert_model(graph, example_input=args)
                for port, name in zip(ov_model.inputs, graph.input_names, strict=True):  # traced names: "input.1"
                    port.get_tensor().set_names({name})
                ov.save_model(ov_model, str(target), compress_to_fp16=False)  # its default would halve the weights
            elif runtime == "onnxruntime":
                torch.onnx.export(
                    graph,
                    args,
                    str(target),
                    input_names=list(graph.input_names),
                    output_names=["output"],
                    dynamic_axes={n: {0: "batch", 1: "sequence"} for n in graph.input_names},
                    opset_version=ONNX_OPSET,
                    dynamo=False,  # the TorchScript exporter: no onnxscript dependency, and faster here
                )
            else:
                raise RuntimeSetupError(f"runtime {runtime} has no export (choose openvino or onnxruntime)")
        if out_dir.exists():
            shutil.rmtree(out_dir)
        staging.rename(out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out_dir / EXPORT_FILE[runtime]


def quantize_int8(onnx_file: Path, out_file: Path) -> Path:
    """ONNX Runtime dynamic quantisation: int8 weights, activations quantised per batch at run time."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out_file = Path(out_file)
    out_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_file.with_name(out_file.name + ".tmp")
    quantize_dynamic(str(onnx_file), str(tmp), weight_type=QuantType.QInt8)
    tmp.replace(out_file)
    return out_file


def ranking_agreement(
    ref_chosen: np.ndarray, ref_rejected: np.ndarray, chosen: np.ndarray, rejected: np.ndarray
) -> float:
    """Share of pairs that two scorings order the same way: mean of sign(ref_a − ref_b) == sign(a − b).

    Shapes (N,) each. A tie counts as an order of its own (a tie in one scoring and not the other disagrees).
    """
    ref = np.sign(np.asarray(ref_chosen, np.float64) - np.asarray(ref_rejected, np.float64))
    got = np.sign(np.asarray(chosen, np.float64) - np.asarray(rejected, np.float64))
    if ref.shape != got.shape or ref.ndim != 1 or len(ref) == 0:
        raise ValueError(f"ranking_agreement needs equal, non-empty 1-d score arrays (got {ref.shape}, {got.shape})")
    return float(np.mean(ref == got))
