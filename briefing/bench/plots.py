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
