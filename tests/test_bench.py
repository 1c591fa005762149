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


def test_search_index_reaches_the_asked_size_and_grows_a_short_one(
    shared_corpus: Path, tmp_path: Path, embedder
) -> None:
    from briefing.bench.measure import search_index
    from briefing.bench.pseudo import PseudoPassages

    pseudo = PseudoPassages(embedder)
    index = search_index(shared_corpus, 150, pseudo, tmp_path)
    assert 150 <= index.chunk_count() < 150 + 60  # one document of about 30 chunks past it, at most

    # A kept index made short (as a corpus sized from its sources was) is grown, not rebuilt.
    corpus = tmp_path / "search-150" / "corpus"
    kept = corpus_files(corpus)[0].read_bytes()
    corpus_files(corpus)[-1].unlink()
    assert search_index(shared_corpus, 150, pseudo, tmp_path).chunk_count() == index.chunk_count()
    assert corpus_files(corpus)[0].read_bytes() == kept
