"""`briefing bench`: each measurement is reported as a ratio to a baseline run in the same
process, so figures compare across machines; absolute times are printed for context only."""

from __future__ import annotations

import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from rich.console import Console
from rich.table import Table

from briefing import services
from briefing.settings import Settings

_QUESTIONS = [
    "Who will monitor the ceasefire?",
    "Чи продовжаться постачання зброї Україні під час перемир'я?",
    "Кто представлял США на встрече в Париже?",
    "Welche Reaktion sieht die Erklärung bei einer neuen Aggression vor?",
    "Quand le mémorandum de Budapest a-t-il été signé ?",
]


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(fn: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return times


def run_bench(settings: Settings, corpus: Path, repeat: int, out: Console) -> None:
    rss_start = _rss_mib()
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        index = services.open_index(settings, Path(tmp))
        embedder = index.embedder
        rss_model = _rss_mib()
        from retrieval.documents import corpus_files, load_document

        texts = [load_document(p, corpus).text for p in corpus_files(corpus)]
        # Baseline: the bare model embedding every document's text once, nothing else.
        encode = statistics.median(_timed(lambda: embedder.raw_passages(texts), repeat))
        full = _timed(lambda: index.sync(corpus, rebuild=True), 1)[0]
        unchanged = statistics.median(_timed(lambda: index.sync(corpus), repeat))
        # Baseline for search: embedding the question alone.
        query_embed = [statistics.median(_timed(partial(embedder.raw_queries, [q]), repeat)) for q in _QUESTIONS]
        index.search(_QUESTIONS[0])  # warm caches (lexical index, language models)
        search = [statistics.median(_timed(partial(index.search, q, k=5), repeat)) for q in _QUESTIONS]
        rss_end = _rss_mib()

    table = Table("measurement", "seconds", "ratio", "baseline")
    table.add_row(
        "full sync", f"{full:.2f}", f"{full / encode:.1f}×", f"model embedding the corpus once ({encode:.2f} s)"
    )
    table.add_row("unchanged sync", f"{unchanged:.3f}", f"{unchanged / full:.4f}×", "full sync")
    qe, se = statistics.median(query_embed), statistics.median(search)
    table.add_row("search (p50)", f"{se:.3f}", f"{se / qe:.1f}×", f"embedding the question alone ({qe:.3f} s)")
    out.print(table)
    out.print(
        f"peak RSS: {rss_end:.0f} MiB (process start {rss_start:.0f} MiB, after model load {rss_model:.0f} MiB; "
        f"model share {(rss_model - rss_start) / rss_end:.0%})"
    )
