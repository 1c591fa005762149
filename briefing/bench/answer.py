"""`bench answer`: offline answers, warm and cold, beside embedding the question alone."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

from briefing.bench.measure import QUESTIONS, Row, percentile, seconds

# A fresh process that loads the model and embeds one question: what any cold answer must pay.
_EMBED_ONE = (
    "import sys; from briefing.settings import get_settings; from retrieval import load_embedder; "
    "s = get_settings(); load_embedder(s.embedding_model, s.model_cache_dir).encode_queries([sys.argv[1]])"
)
_CLI = "import sys; from briefing.cli import main; sys.argv[0] = 'briefing'; main()"


def answer_index(corpus: Path, work_dir: Path, embedder: Any) -> Any:
    """The real model's index of `corpus`, kept in `work_dir` between runs."""
    from retrieval import Index

    index = Index.open(work_dir / "answer-index", embedder=embedder)
    index.sync(corpus)
    return index


def answer(corpus: Path, work_dir: Path, repeat: int, embedder: Any) -> list[Row]:
    from answering import Answerer

    index = answer_index(corpus, work_dir, embedder)
    answerer = Answerer(index)
    first = [seconds(partial(answerer.ask, q)) for q in QUESTIONS]  # sentence vectors not cached yet
    embed, total = [], []
    for _ in range(repeat):
        for q in QUESTIONS:
            embed.append(seconds(partial(embedder.encode_queries, [q], remember=False)))
            total.append(seconds(partial(answerer.ask, q)))
    # A memo of vectors of its own, empty but for what `briefing corpus sync` leaves there: what
    # the first question after a sync pays. The model stays where it is, so nothing is rebuilt.
    models = {"BRIEFING_MODEL_CACHE_DIR": str(embedder.onnx_path.parent)}
    fresh = {"XDG_CACHE_HOME": tempfile.mkdtemp(prefix="bench-cache-", dir=work_dir)} | models
    _wall([_CLI, "corpus", "sync"], work_dir / "answer-index", fresh | {"BRIEFING_CORPUS_DIR": str(corpus)})
    cold_fresh = _wall([_CLI, "ask", QUESTIONS[0]], work_dir / "answer-index", fresh)
    cold_ask = _wall([_CLI, "ask", QUESTIONS[0]], work_dir / "answer-index")
    cold_embed = _wall([_EMBED_ONE, QUESTIONS[0]], work_dir / "answer-index", fresh)
    shutil.rmtree(fresh["XDG_CACHE_HOME"], ignore_errors=True)
    return [
        _beside_embedding("offline answer, warm", total, embed),
        _beside_embedding(
            "offline answer, first time each question in this process (vectors from the on-disk memo when an earlier"
            " run left them)",
            first,
            embed,
        ),
        _cold(
            "`briefing ask` cold (new process, wall), first question after `briefing corpus sync`",
            cold_fresh,
            cold_embed,
        ),
        _cold("`briefing ask` cold (new process, wall), question-time vectors remembered", cold_ask, cold_embed),
    ]


def _cold(measurement: str, wall: float, embed: float) -> Row:
    return {
        "measurement": measurement,
        "p50_ms": round(1000 * wall),
        "p95_ms": "",
        "baseline": "new process: load the model, embed the question",
        "baseline_p50_ms": round(1000 * embed),
        "ratio_p50": round(wall / embed, 1),
    }


def _beside_embedding(measurement: str, times: list[float], embed: list[float]) -> Row:
    """p50/p95 of `times` (seconds) in ms, beside the p50 of embedding the question alone."""
    return {
        "measurement": measurement,
        "p50_ms": round(1000 * statistics.median(times), 1),
        "p95_ms": round(1000 * percentile(times, 0.95), 1),
        "baseline": "embedding the question alone",
        "baseline_p50_ms": round(1000 * statistics.median(embed), 1),
        "ratio_p50": round(statistics.median(times) / statistics.median(embed), 1),
    }


def _wall(args: list[str], index_dir: Path, extra_env: dict[str, str] | None = None) -> float:
    env = {k: v for k, v in os.environ.items() if k != "BRIEFING_CHROMA_URL"} | {"BRIEFING_INDEX_DIR": str(index_dir)}
    env |= extra_env or {}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", *args], env=env, check=True, capture_output=True)
    return time.perf_counter() - started
