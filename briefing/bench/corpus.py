"""A generated multilingual corpus of any size, made from the paragraphs of a real one."""

from __future__ import annotations

import json
import random
from pathlib import Path

from retrieval.documents import corpus_files, load_document


def generate_corpus(source: Path, target: Path, documents: int, seed: int = 12, copies: int = 1) -> int:
    """Write `documents` files into `target`: each reorders the paragraphs of one source
    document, `copies` times over (so languages keep their share), under a title of its own.
    Returns the bytes written."""
    sources = [load_document(p, source) for p in corpus_files(source)]
    if not sources:
        raise ValueError(f"{source} holds no documents to generate a corpus from")
    rng = random.Random(seed)
    target.mkdir(parents=True, exist_ok=True)
    written = 0
    for n in range(documents):
        doc = sources[n % len(sources)]
        paragraphs = [p for p in doc.text.split("\n\n") if p.strip()] * copies
        rng.shuffle(paragraphs)
        title = json.dumps(f"{doc.info.title} ({n})", ensure_ascii=False)
        front = f"---\ntitle: {title}\nlanguage: {doc.info.language}\n---\n\n"
        text = front + "\n\n".join(paragraphs) + "\n"
        path = target / f"doc-{n:05d}.md"
        path.write_text(text, encoding="utf-8")
        written += len(text.encode())
    return written
