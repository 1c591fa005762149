"""Server mode for real: the dev questions retrieve the same passages from a Chroma server
(`chroma run`, reached through HttpClient) as from the embedded index."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from retrieval import Embedder, Index
from retrieval.evaluation import Question, evaluate_retrieval, load_questions
from retrieval.index import server_view_dir
from retrieval.store import Store
from tests.conftest import require_shared

from .deploy_support import CORPUS, QUESTIONS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def questions() -> list[Question]:
    return load_questions(require_shared(QUESTIONS))


def test_server_retrieves_what_embedded_retrieves(
    tmp_path: Path, chroma_url: str, embedder: Embedder, questions: list[Question]
) -> None:
    embedded = Index.open(tmp_path / "index", embedder=embedder)
    remote = Index.open(chroma_url=chroma_url, embedder=embedder)
    for index in (embedded, remote):
        report = index.sync(CORPUS)
        assert report.added and not report.problems
    # Each was indexed at its own moment; everything else about the documents is the same.
    assert [replace(d, ingested_at=None) for d in remote.documents()] == [
        replace(d, ingested_at=None) for d in embedded.documents()
    ]
    assert remote.chunk_count() == embedded.chunk_count()

    local_metrics, local_results = evaluate_retrieval(embedded, questions)
    remote_metrics, remote_results = evaluate_retrieval(remote, questions)

    assert remote_metrics == pytest.approx(local_metrics)
    for local, served in zip(local_results, remote_results, strict=True):
        assert [h.chunk_id for h in served.hits] == [h.chunk_id for h in local.hits], local.id
        assert [h.score for h in served.hits] == pytest.approx([h.score for h in local.hits])
        assert served.first_relevant_rank == local.first_relevant_rank, local.id


def test_a_second_instance_finds_the_index_on_the_server(chroma_url: str, embedder: Embedder) -> None:
    """Another bot process (or machine) attaching to the server re-embeds nothing."""
    first = Index.open(chroma_url=chroma_url, embedder=embedder)
    first.sync(CORPUS)
    second = Index.open(chroma_url=chroma_url, embedder=embedder)
    report = second.sync(CORPUS)
    assert not report.added and not report.updated and not report.removed
    assert report.chunks_embedded == 0
    assert sorted(report.unchanged) == [d.id for d in first.documents()]
    assert second.search("Budapest memorandum security assurances", k=3)


def test_a_new_process_reads_the_servers_view_from_this_machines_cache(
    chroma_url: str, embedder: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    question = "How many times has NATO's Article 5 been invoked?"
    first = Index.open(chroma_url=chroma_url, embedder=embedder)
    first.sync(CORPUS)
    ranking = [h.chunk_id for h in first.search(question, k=5)]
    assert any(server_view_dir(chroma_url).iterdir())

    def refuse(self: Store) -> list:
        raise AssertionError("the view was rebuilt from every chunk on the server instead of read from the cache")

    monkeypatch.setattr(Store, "chunks", refuse)
    assert [h.chunk_id for h in Index.open(chroma_url=chroma_url, embedder=embedder).search(question, k=5)] == ranking
