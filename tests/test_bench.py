"""The benchmark's generated corpus: as many distinct, loadable documents as asked, languages kept."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from briefing.bench.corpus import generate_corpus
from retrieval.documents import corpus_files, load_document


def test_generated_corpus_keeps_the_sources_languages(shared_corpus: Path, tmp_path: Path) -> None:
    written = generate_corpus(shared_corpus, tmp_path / "generated", 12)

    files = corpus_files(tmp_path / "generated")
    docs = [load_document(p, tmp_path / "generated") for p in files]
    assert len(docs) == 12 and written == sum(p.stat().st_size for p in files)
    assert len({d.info.content_hash for d in docs}) == 12
    sources = [load_document(p, shared_corpus).info.language for p in corpus_files(shared_corpus)]
    assert Counter(d.info.language for d in docs) == Counter(sources[n % len(sources)] for n in range(12))


def test_copies_repeat_each_sources_paragraphs(shared_corpus: Path, tmp_path: Path) -> None:
    generate_corpus(shared_corpus, tmp_path / "once", 3)
    generate_corpus(shared_corpus, tmp_path / "thrice", 3, copies=3)

    for once, thrice in zip(corpus_files(tmp_path / "once"), corpus_files(tmp_path / "thrice"), strict=True):
        paragraphs = Counter(load_document(once, tmp_path / "once").text.split("\n\n"))
        tripled = Counter(load_document(thrice, tmp_path / "thrice").text.split("\n\n"))
        assert tripled == Counter({p: 3 * n for p, n in paragraphs.items()})
