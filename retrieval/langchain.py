"""The index as a LangChain retriever."""

from __future__ import annotations

from dataclasses import asdict

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from retrieval.index import Index


class IndexRetriever(BaseRetriever):
    """`Document.page_content` is the passage; `metadata` holds what a citation needs:
    chunk_id, start, end, score, and the document's id, title, language, published, source, path."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    index: Index
    k: int = 5
    languages: list[str] | None = None
    document_ids: list[str] | None = None
    published_from: str | None = None
    published_to: str | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        hits = self.index.search(
            query,
            k=self.k,
            languages=self.languages,
            document_ids=self.document_ids,
            published_from=self.published_from,
            published_to=self.published_to,
        )
        documents = []
        for hit in hits:
            metadata = {k: v for k, v in asdict(hit.document).items() if k != "content_hash"}
            metadata.update(chunk_id=hit.chunk_id, start=hit.start, end=hit.end, score=hit.score)
            documents.append(Document(page_content=hit.text, metadata=metadata, id=hit.chunk_id))
        return documents
