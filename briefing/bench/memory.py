"""`bench memory`: peak RSS of a fresh process at each stage: started, model loaded, an index
of N chunks opened and searched. A process per index size, so no figure carries another's peak."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from briefing.bench.measure import QUESTIONS, Row, peak_rss_mib


def memory(source: Path, chunk_targets: list[int], embedder: Any, work_dir: Path) -> list[Row]:
    from briefing.bench.measure import search_index
    from briefing.bench.pseudo import PseudoPassages

    pseudo = PseudoPassages(embedder)
    rows = []
    for target in chunk_targets:
        search_index(source, target, pseudo, work_dir)  # built (or found) here, measured in the child
        probe = subprocess.run(
            [sys.executable, "-m", "briefing.bench.memory", str(work_dir / f"search-{target}" / "index")],
            check=True,
            capture_output=True,
            text=True,
        )
        rows.append(json.loads(probe.stdout.strip().splitlines()[-1]))
    return rows


def _probe(index_dir: Path) -> Row:
    started = peak_rss_mib()
    from briefing.bench.pseudo import PseudoPassages
    from briefing.settings import get_settings
    from retrieval import Index, load_embedder

    settings = get_settings()
    embedder = load_embedder(settings.embedding_model, settings.model_cache_dir)
    embedder.encode_queries([QUESTIONS[0]])
    with_model = peak_rss_mib()
    index = Index.open(index_dir, embedder=PseudoPassages(embedder))  # type: ignore[arg-type]
    for question in QUESTIONS:
        index.search(question)
    return {
        "chunks": index.chunk_count(),
        "process_start_mib": round(started),
        "model_loaded_mib": round(with_model),
        "index_searched_mib": round(peak_rss_mib()),
        "model_share": f"{(with_model - started) / peak_rss_mib():.0%}",
    }


if __name__ == "__main__":
    print(json.dumps(_probe(Path(sys.argv[1]))))
