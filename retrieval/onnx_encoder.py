"""Texts → unit vectors with an exported ONNX model: tokenizers, ONNX Runtime and numpy only, so a
process that only embeds never imports torch or transformers."""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from retrieval.onnx_export import ONNX_FILE
from retrieval.piece_tokenizer import load_tokenizer

# Texts per forward pass. Batches are cut from texts sorted by length, so padding stays small;
# small batches kept the two workers busiest: 78 chunks of 200 tokens, twice each, on a busy
# 2-core machine: 2 → 8.8 s, 4 → 10.4 s, 8 → 9.1–13.4 s, 16 → 10.9–15.2 s, 32 → 14.3 s, 64 → 17.5 s.
_BATCH = 4


class OnnxEncoder:
    def __init__(self, folder: Path) -> None:
        import onnxruntime as ort

        settings = json.loads((folder / "embedding.json").read_text())
        self.pooling: str = settings["pooling"]
        self.normalize: bool = settings["normalize"]
        self.prompts: dict[str, str] = settings["prompts"]
        self.dimension: int = settings["dimension"]
        self._pad_id: int = settings["pad_token_id"]
        self._tokenizer = load_tokenizer(folder, settings["max_tokens"])

        options = ort.SessionOptions()
        # One thread per run, and as many runs at once as there are cores: a question (one short
        # text) then never waits on thread synchronisation, and a sync's batches still use every
        # core. Spinning threads would steal the CPU from the rest of a busy machine.
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self._session = ort.InferenceSession(str(folder / ONNX_FILE), options, providers=["CPUExecutionProvider"])
        self._workers = max(1, min(4, os.cpu_count() or 1))

    def count_tokens(self, text: str) -> int:
        return self._tokenizer.count(text)

    def encode(self, texts: list[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return vectors
        encodings = self._tokenizer.ids(texts)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i]))
        batches = [order[i : i + _BATCH] for i in range(0, len(order), _BATCH)]

        def run(batch: list[int]) -> None:
            vectors[batch] = self._pool(*self._forward([encodings[i] for i in batch]))

        if len(batches) == 1:
            run(batches[0])
        else:
            with ThreadPoolExecutor(self._workers) as pool:
                list(pool.map(run, batches))
        return vectors

    def _forward(self, ids: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
        width = max(len(x) for x in ids)
        input_ids = np.full((len(ids), width), self._pad_id, dtype=np.int64)
        mask = np.zeros((len(ids), width), dtype=np.int64)
        for row, x in enumerate(ids):
            input_ids[row, : len(x)] = x
            mask[row, : len(x)] = 1
        hidden = self._session.run(None, {"input_ids": input_ids, "attention_mask": mask})[0]
        return hidden, mask

    def _pool(self, hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
        if self.pooling == "cls":
            pooled = hidden[:, 0]
        else:
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return self._normalized(pooled)

    def _normalized(self, pooled: np.ndarray) -> np.ndarray:
        if self.normalize:
            pooled = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return pooled.astype(np.float32)
