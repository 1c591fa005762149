"""The measurements of `briefing bench`; each returns rows of plain values (printed as a table
or JSON by the CLI)."""

from __future__ import annotations

import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from briefing.bench.corpus import generate_corpus

QUESTIONS = [
    "Who will monitor the ceasefire?",
    "Чи продовжаться постачання зброї Україні під час перемир'я?",
    "Кто представлял США на встрече в Париже?",
    "Welche Reaktion sieht die Erklärung bei einer neuen Aggression vor?",
    "Quand le mémorandum de Budapest a-t-il été signé ?",
    "Ile razy powołano się na artykuł 5 NATO?",
]
Row = dict[str, Any]


def peak_rss_mib() -> float:
    """This process's peak resident memory. Linux's VmHWM, since ru_maxrss carries the parent's
    peak over fork and exec (a fresh bench child would report the parent's gigabyte)."""
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def seconds(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def ingest(source: Path, documents: int, embedder: Any) -> list[Row]:
    """Our sync against the naive LangChain pipeline on the same generated corpus, same model."""
    from briefing.bench.naive import SentenceTransformerEmbeddings, naive_ingest
    from retrieval import Index

    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        size_kb = generate_corpus(source, corpus, documents) / 1024
        index = Index.open(Path(tmp) / "ours", embedder=embedder)
        embedder.encode_passages(["warm up"], remember=False)  # as the naive model is, below
        report = index.sync(corpus)
        ours = report.seconds
        resync = index.sync(corpus)
        naive_embeddings = SentenceTransformerEmbeddings(embedder.path)
        naive_embeddings.embed_documents(["warm up"])
        chunks: list[int] = []
        naive = seconds(lambda: chunks.append(naive_ingest(corpus, naive_embeddings, Path(tmp) / "naive")))
    return [
        {
            "pipeline": "briefing corpus sync",
            "documents": documents,
            "kb": round(size_kb, 1),
            "chunks": report.chunks_embedded,
            "seconds": round(ours, 2),
            "kb_per_s": round(size_kb / ours, 2),
            "ratio_to_naive": round(naive / ours, 2),
        },
        {
            "pipeline": "naive LangChain (splitter 1000/200 + Chroma.from_documents)",
            "documents": documents,
            "kb": round(size_kb, 1),
            "chunks": chunks[0],
            "seconds": round(naive, 2),
            "kb_per_s": round(size_kb / naive, 2),
            "ratio_to_naive": 1.0,
        },
        {
            "pipeline": "unchanged resync",
            "documents": documents,
            "kb": round(size_kb, 1),
            "chunks": resync.chunks_embedded,
            "seconds": round(resync.seconds, 3),
            "seconds_per_1000_documents": round(resync.seconds * 1000 / documents, 3),
        },
    ]


def search_index(source: Path, target: int, pseudo: Any, work_dir: Path) -> Any:
    """An index of at least `target` chunks with pseudo-random passage vectors, built once in
    `work_dir` and reused (grown when a run asks for more). Documents repeat their source's
    paragraphs so that each makes about 30 chunks: a sync costs per document, and the search
    does not care how chunks group."""
    from retrieval import Index
    from retrieval.chunking import chunk_text
    from retrieval.documents import corpus_files, load_document
    from retrieval.index import CHUNK_TOKENS

    def chunks_of(folder: Path) -> list[int]:
        return [
            len(chunk_text(load_document(p, folder).text, pseudo.count_tokens, CHUNK_TOKENS))
            for p in corpus_files(folder)
        ]

    sources = len(corpus_files(source))
    copies = max(1, round(30 * sources / sum(chunks_of(source))))
    # The chunks of one generated document per source, counted: documents of repeated
    # paragraphs chunk differently from their source (90k chunks came of an aim at 100k).
    with tempfile.TemporaryDirectory(prefix="bench-sample-") as tmp:
        generate_corpus(source, Path(tmp), sources, copies=copies)
        per_document = statistics.mean(chunks_of(Path(tmp)))
    documents = max(1, -(-target // round(per_document)))
    folder = work_dir / f"search-{target}"
    corpus = folder / "corpus"
    if not corpus.is_dir() or len(corpus_files(corpus)) < documents:
        generate_corpus(source, corpus, documents, copies=copies)  # the same first documents, more of them
    index = Index.open(folder / "index", embedder=pseudo)
    index.sync(corpus)
    return index


def search(source: Path, chunk_targets: list[int], embedder: Any, work_dir: Path, repeat: int) -> list[Row]:
    """Search latency (query embedding included) over indexes of about N chunks whose passage
    vectors are pseudo-random; the baseline is embedding the question alone."""
    from briefing.bench.pseudo import PseudoPassages

    pseudo = PseudoPassages(embedder)
    rows = []
    for target in chunk_targets:
        index = search_index(source, target, pseudo, work_dir)
        # Untimed: the view, and each question language's detection models (loaded on first
        # use); what a first question costs is `bench answer`'s to report.
        for q in QUESTIONS:
            index.search(q)
        embed, total = [], []
        for _ in range(repeat):
            for q in QUESTIONS:
                embed.append(seconds(partial(embedder.encode_queries, [q], None, remember=False)))
                total.append(seconds(partial(index.search, q, k=5)))
        rows.append(
            {
                "chunks": index.chunk_count(),
                "search_p50_ms": round(1000 * statistics.median(total), 1),
                "search_p95_ms": round(1000 * percentile(total, 0.95), 1),
                "query_embedding_p50_ms": round(1000 * statistics.median(embed), 1),
                "peak_rss_mib": round(peak_rss_mib()),
            }
        )
    return rows
