"""Export a sentence-transformers model folder to ONNX, once, into the cache.

ONNX Runtime embeds faster than PyTorch on a CPU, starts in a fraction of the time and memory,
and needs neither torch nor transformers at run time. Only this export imports them."""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from retrieval.errors import ModelUnavailableError
from retrieval.piece_tokenizer import write_piece_models

# Float32: int8 weights with dynamically quantized activations embedded about 1.6x faster but
# lowered MRR@5 (dev 0.862 -> 0.842, extended set 0.824 -> 0.783); float32 keeps the vectors of
# sentence-transformers (cosine 1.0) and still takes torch out of the run time.
VARIANT = "fp32"
ONNX_FILE = f"model-{VARIANT}.onnx"
# The weights sit in a file of their own, which ONNX Runtime maps into memory instead of copying:
# the session loads in 0.2 s instead of 1.9 s and peaks at 145 MB instead of 873 MB, and only the
# rows of the 250k-token vocabulary a text uses are ever read (same vectors, max difference 0.0).
WEIGHTS_FILE = f"{ONNX_FILE}.data"
_OPSET = 17


def export_folder(model_dir: Path, cache_dir: Path) -> Path:
    """Where the export of `model_dir` lives: beside the cached models, named after the folder
    and a digest of its path and weights, so another model (or a rebuilt one) gets its own."""
    weights = sorted(model_dir.glob("*.safetensors")) + sorted(model_dir.glob("*.bin"))
    stamp = "|".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in weights)
    digest = hashlib.sha256(f"{model_dir.resolve()}|{stamp}".encode()).hexdigest()[:10]
    return cache_dir / f"{model_dir.name}.onnx-{VARIANT}-{digest}"


def build_onnx(model_dir: Path, out_dir: Path) -> Path:
    """Write `out_dir` with the ONNX graph, the tokenizer and the pooling settings
    (atomically: a half-built folder is never left behind)."""
    try:
        import torch
        from transformers import AutoModel
    except ModuleNotFoundError as exc:
        raise ModelUnavailableError(
            f"cannot export the embedding model to ONNX: {exc.name} is not installed; "
            "run `pip install torch transformers onnx`"
        ) from exc
    tokenizer = model_dir / "tokenizer.json"
    if not tokenizer.is_file():
        raise ModelUnavailableError(f"{model_dir} has no tokenizer.json (a fast tokenizer is needed for ONNX)")

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=out_dir.name + ".", dir=out_dir.parent))
    tmp.chmod(0o755)  # a model cache may be shared by several users
    try:
        model = AutoModel.from_pretrained(str(model_dir), local_files_only=True).eval()

        class Encoder(torch.nn.Module):
            """The model with positional inputs and one output, as the exporter traces it."""

            def __init__(self) -> None:
                super().__init__()
                self.model = model

            def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
                hidden: torch.Tensor = self.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
                return hidden

        exported = tmp / ONNX_FILE
        example = (torch.ones(2, 8, dtype=torch.long), torch.ones(2, 8, dtype=torch.long))
        with torch.no_grad():
            torch.onnx.export(
                Encoder(),
                example,
                str(exported),
                input_names=["input_ids", "attention_mask"],
                output_names=["last_hidden_state"],
                dynamic_axes={
                    "input_ids": {0: "batch", 1: "tokens"},
                    "attention_mask": {0: "batch", 1: "tokens"},
                    "last_hidden_state": {0: "batch", 1: "tokens"},
                },
                opset_version=_OPSET,
                dynamo=False,
            )
        externalize_weights(exported)
        shutil.copy(tokenizer, tmp / "tokenizer.json")
        write_piece_models(tmp)
        (tmp / "embedding.json").write_text(json.dumps(_settings(model_dir), indent=1))
        shutil.rmtree(out_dir, ignore_errors=True)
        tmp.rename(out_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out_dir


def externalize_weights(onnx_path: Path) -> None:
    """Move the weights of a single-file export into WEIGHTS_FILE beside it (an export made before
    the split is converted in place, in seconds, without torch)."""
    import onnx

    model = onnx.load(str(onnx_path))
    tmp = onnx_path.with_name(onnx_path.name + ".tmp")
    onnx.save_model(
        model,
        str(tmp),
        save_as_external_data=True,
        all_tensors_to_one_file=True,
        location=WEIGHTS_FILE,
        size_threshold=1024,
    )
    # The graph names its weights file; once both are written the graph replaces the old one.
    (onnx_path.parent / WEIGHTS_FILE).chmod(0o644)  # a model cache may be shared by several users
    tmp.replace(onnx_path)


def _settings(model_dir: Path) -> dict[str, object]:
    """Pooling, normalization, prompts and length limit, read from the sentence-transformers files."""

    def read(name: str) -> Any:
        path = model_dir / name
        return json.loads(path.read_text()) if path.is_file() else {}

    modules: list[dict[str, Any]] = read("modules.json") or []
    pooling_path = next((m["path"] for m in modules if m["type"].endswith("Pooling")), "1_Pooling")
    pooling = read(f"{pooling_path}/config.json")
    config = read("config.json")
    return {
        "pooling": "cls" if pooling.get("pooling_mode_cls_token") else "mean",
        "normalize": any(m["type"].endswith("Normalize") for m in modules) or not modules,
        "prompts": read("config_sentence_transformers.json").get("prompts") or {},
        "max_tokens": int(read("sentence_bert_config.json").get("max_seq_length") or 512),
        "dimension": int(config.get("hidden_size") or 0),
        "pad_token_id": int(config.get("pad_token_id") or 0),
    }
