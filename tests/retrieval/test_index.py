"""Sync and search over a real Chroma index on disk with the real model."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval import Index
from retrieval.documents import load_document

pytestmark = pytest.mark.slow


@pytest.fixture
def index(tmp_path: Path, embedder) -> Index:
    return Index.open(tmp_path / "index", embedder=embedder)


def test_sync_is_incremental(index: Index, corpus_copy: Path) -> None:
    first = index.sync(corpus_copy)
    assert len(first.added) == 5 and first.chunks_embedded == index.chunk_count() > 0

    again = index.sync(corpus_copy)
    assert again.chunks_embedded == 0
    assert sorted(again.unchanged) == sorted(first.added)

    doc = corpus_copy / "budapest-memorandum-1994.md"
    doc.write_text(doc.read_text() + "\nThe memorandum was deposited with the United Nations in 1994.\n")
    before = {d.id: d for d in index.documents()}
    edited = index.sync(corpus_copy)
    assert edited.updated == ["budapest-memorandum-1994"]
    assert edited.added == [] and edited.removed == []
    assert edited.chunks_embedded == index._view().documents["budapest-memorandum-1994"].chunks
    assert index.document("budapest-memorandum-1994").content_hash != before["budapest-memorandum-1994"].content_hash
    # the replaced version left no chunk behind
    stored_chunks = [pid for pid, _, _ in index._store.passage_owners() if "::s" not in pid]
    assert index.chunk_count() == len(stored_chunks)


def test_removed_document_is_unreachable(index: Index, corpus_copy: Path) -> None:
    index.sync(corpus_copy)
    question = "How many times has NATO's Article 5 been invoked?"
    assert index.search(question, k=1)[0].document.id == "artykul-5-nato"

    (corpus_copy / "artykul-5-nato.md").unlink()
    report = index.sync(corpus_copy)
    assert report.removed == ["artykul-5-nato"]
    assert all(h.document.id != "artykul-5-nato" for h in index.search(question, k=20))
    assert "artykul-5-nato" not in {d.id for d in index.documents()}
    # Nothing of it stays in the store either.
    assert all(doc_id != "artykul-5-nato" for _, doc_id, _ in index._store.passage_owners())


def test_bad_files_are_reported_and_the_rest_indexed(index: Index, corpus_copy: Path) -> None:
    (corpus_copy / "broken.pdf").write_bytes(b"%PDF-1.4\n this is not really a pdf \x00\x01\x02")
    (corpus_copy / "empty.md").write_text("")
    (corpus_copy / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (corpus_copy / "lviv-cp1251.txt").write_bytes(
        "Львівська нарада\n\nУчасники наради у Львові обговорили розмінування прикордонних територій.".encode("cp1251")
    )
    report = index.sync(corpus_copy)

    problems = {Path(p.path).name: p.reason for p in report.problems}
    assert set(problems) == {"broken.pdf", "empty.md", "binary.txt"}
    assert "PDF" in problems["broken.pdf"] and "empty" in problems["empty.md"] and "binary" in problems["binary.txt"]
    assert "lviv-cp1251" in report.added and len(report.added) == 6
    hit = index.search("розмінування прикордонних територій", k=1)[0]
    assert hit.document.id == "lviv-cp1251" and "розмінування" in hit.text


def test_a_document_that_turns_bad_keeps_its_indexed_version(index: Index, corpus_copy: Path) -> None:
    index.sync(corpus_copy)
    (corpus_copy / "minsker-abkommen-osze.md").write_bytes(b"\x00\x00garbage\x00")
    report = index.sync(corpus_copy)
    assert [Path(p.path).name for p in report.problems] == ["minsker-abkommen-osze.md"]
    assert report.removed == [] and "minsker-abkommen-osze" in {d.id for d in index.documents()}


def test_offsets_map_back_to_the_document_text(synced_index: Index, shared_corpus: Path) -> None:
    for question in ["Who negotiated Minsk II?", "Чи продовжаться постачання зброї?", "Qui dirigera la surveillance ?"]:
        hits = synced_index.search(question, k=5)
        assert hits
        for hit in hits:
            text = synced_index.document_text(hit.document.id)
            assert text[hit.start : hit.end] == hit.text
            assert text == load_document(shared_corpus / hit.document.path, shared_corpus).text


def test_cross_lingual_question_finds_the_french_passage(synced_index: Index) -> None:
    hits = synced_index.search("Хто очолить механізм моніторингу припинення вогню?", k=3)
    assert hits[0].document.id == "coalition-paris-guarantees-fr"
    assert any("sous la direction des États-Unis" in h.text for h in hits)


def test_hits_carry_citation_metadata(synced_index: Index) -> None:
    hit = synced_index.search("When was the Budapest Memorandum signed?", k=1)[0]
    assert hit.document.title == "The Budapest Memorandum of 1994"
    assert hit.document.language == "en" and hit.document.published == "2026-11-25"
    assert hit.document.path == "budapest-memorandum-1994.md"
    assert hit.chunk_id.startswith("budapest-memorandum-1994::")
    assert 0 < hit.dense_score <= 1 and hit.score > 0


def test_filters(synced_index: Index) -> None:
    question = "security guarantees for Ukraine"
    assert {h.document.language for h in synced_index.search(question, k=10, languages=["de"])} == {"de"}
    only = synced_index.search(question, k=10, document_ids=["budapest-memorandum-1994"])
    assert only and {h.document.id for h in only} == {"budapest-memorandum-1994"}
    assert not synced_index.search(question, k=5, published_from="2030-01-01")
    assert synced_index.search(question, k=5, published_to="2026-12-31")


def test_top_k_is_diverse(synced_index: Index) -> None:
    hits = synced_index.search("coalition of the willing Paris declaration", k=5)
    for i, a in enumerate(hits):
        for b in hits[i + 1 :]:
            if a.document.id == b.document.id:
                overlap = min(a.end, b.end) - max(a.start, b.start)
                assert overlap <= 0.5 * min(a.end - a.start, b.end - b.start)


def test_empty_query_and_empty_index(tmp_path: Path, embedder, synced_index: Index) -> None:
    assert not synced_index.search("   ")
    empty = Index.open(tmp_path / "empty", embedder=embedder)
    assert empty.is_empty() and not empty.search("anything") and empty.documents() == []


def test_langchain_retriever(synced_index: Index) -> None:
    docs = synced_index.as_retriever(k=3).invoke("Who negotiated Minsk II?")
    assert len(docs) == 3
    meta = docs[0].metadata
    assert meta["id"] == "minsker-abkommen-osze"
    for field in ("title", "language", "published", "source", "path", "chunk_id", "start", "end", "score"):
        assert field in meta
    text = synced_index.document_text(meta["id"])
    assert text[meta["start"] : meta["end"]] == docs[0].page_content


def test_changed_model_recipe_is_refused(tmp_path: Path, embedder, corpus_copy: Path) -> None:
    from retrieval import IndexMismatchError
    from retrieval.store import Store, make_client

    index = Index.open(tmp_path / "index", embedder=embedder)
    index.sync(corpus_copy)
    with pytest.raises(IndexMismatchError, match="--rebuild"):
        Store(make_client(tmp_path / "index", None), "another-model|dim=768")


def test_another_instance_sees_a_sync_at_its_next_search(tmp_path: Path, embedder, corpus_copy: Path) -> None:
    writer = Index.open(tmp_path / "shared", embedder=embedder)
    reader = Index.open(tmp_path / "shared", embedder=embedder)
    writer.sync(corpus_copy)
    assert len(reader.documents()) == 5
    (corpus_copy / "kharkiv.md").write_text(
        "# Kharkiv demining\n\nThe Kharkiv task force cleared 300 hectares of farmland."
    )
    writer.sync(corpus_copy)
    assert reader.search("Kharkiv task force hectares of farmland", k=1)[0].document.id == "kharkiv"
    (corpus_copy / "kharkiv.md").unlink()
    writer.sync(corpus_copy)
    assert all(h.document.id != "kharkiv" for h in reader.search("Kharkiv task force hectares", k=10))


def test_searches_during_a_sync_see_whole_documents(index: Index, corpus_copy: Path) -> None:
    import threading

    index.sync(corpus_copy)
    for i in range(6):
        (corpus_copy / f"note-{i}.md").write_text(
            f"# Note {i}\n\nSector {i} reported {i + 3} ceasefire violations overnight."
        )
    errors: list[BaseException] = []
    results: list[list] = []
    done = threading.Event()

    def keep_searching() -> None:
        try:
            while not done.is_set():
                results.append(index.search("ceasefire violations overnight in the sector", k=5))
        except BaseException as exc:  # surfaced below: the assertion is that nothing was raised
            errors.append(exc)

    searcher = threading.Thread(target=keep_searching)
    searcher.start()
    try:
        report = index.sync(corpus_copy)
    finally:
        done.set()
        searcher.join(timeout=60)
    assert not errors and results and len(report.added) == 6
    for hits in results:
        for hit in hits:
            assert index.document_text(hit.document.id)[hit.start : hit.end] == hit.text


def test_ingestion_time_is_kept_apart_from_publication_and_survives_edits(index: Index, corpus_copy: Path) -> None:
    index.sync(corpus_copy)
    first = {d.id: d for d in index.documents()}
    assert all(d.ingested_at for d in first.values())
    memo = first["budapest-memorandum-1994"]
    assert memo.published and memo.ingested_at and memo.ingested_at[:10] != memo.published

    (corpus_copy / "late.md").write_text("---\npublished: 2020-01-02\n---\n# Late\n\nA document added later.\n")
    doc = corpus_copy / "budapest-memorandum-1994.md"
    doc.write_text(doc.read_text() + "\nAn added sentence.\n")
    index.sync(corpus_copy)
    index.sync(corpus_copy, rebuild=True)
    after = {d.id: d for d in index.documents()}
    # Unchanged, edited and re-embedded documents keep their first ingestion time.
    assert {i: d.ingested_at for i, d in after.items() if i != "late"} == {i: d.ingested_at for i, d in first.items()}
    late = after["late"]
    assert late.published == "2020-01-02"
    assert late.ingested_at is not None and late.ingested_at > max(d.ingested_at or "" for d in first.values())
