"""The figures of docs/benchmarks.md: search latency and peak memory against corpus size."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def plot_search(rows: list[dict[str, Any]], target: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")  # files only, no display
    import matplotlib.pyplot as plt

    chunks = [r["chunks"] for r in rows]
    figure, (latency, memory) = plt.subplots(1, 2, figsize=(10, 4))
    latency.plot(chunks, [r["search_p50_ms"] for r in rows], "o-", label="search p50")
    latency.plot(chunks, [r["search_p95_ms"] for r in rows], "o-", label="search p95")
    latency.plot(chunks, [r["query_embedding_p50_ms"] for r in rows], "o--", label="query embedding alone (p50)")
    latency.set(xscale="log", xlabel="chunks in the index", ylabel="ms", title="Search latency")
    latency.legend()
    memory.plot(chunks, [r["peak_rss_mib"] for r in rows], "o-")
    memory.set(xscale="log", xlabel="chunks in the index", ylabel="MiB", title="Peak RSS (model + index)")
    figure.tight_layout()
    target.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(target, dpi=100)
    plt.close(figure)


def plot_memory(rows: list[dict[str, Any]], target: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    chunks = [r["chunks"] for r in rows]
    figure, axes = plt.subplots(figsize=(6, 4))
    axes.plot(chunks, [r["index_searched_mib"] for r in rows], "o-", label="model + index, searched")
    axes.plot(chunks, [r["model_loaded_mib"] for r in rows], "o--", label="model loaded")
    axes.plot(chunks, [r["process_start_mib"] for r in rows], "o:", label="process start")
    axes.axhline(1536, color="grey", linewidth=0.8, label="target 1.5 GB")
    axes.set(xscale="log", xlabel="chunks in the index", ylabel="peak RSS, MiB", title="Memory of a fresh process")
    axes.legend()
    figure.tight_layout()
    target.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(target, dpi=100)
    plt.close(figure)
