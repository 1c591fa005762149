"""The baseline ingest: what a LangChain tutorial does, with the same embedding model run by
sentence-transformers (RecursiveCharacterTextSplitter 1000/200, then Chroma.from_documents)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings


class SentenceTransformerEmbeddings(Embeddings):
    """The model folder through sentence-transformers, with e5's prompts (as HuggingFaceEmbeddings)."""

    def __init__(self, model_dir: Path) -> None:
        from sentence_transformers import SentenceTransformer

        self._model: Any = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors = self._model.encode([f"passage: {t}" for t in texts], batch_size=32, normalize_embeddings=True)
        return [list(map(float, v)) for v in vectors]

    def embed_query(self, text: str) -> list[float]:
        return [float(x) for x in self._model.encode([f"query: {text}"], normalize_embeddings=True)[0]]


def naive_ingest(corpus: Path, embeddings: Embeddings, persist_dir: Path) -> int:
    """Index every file of `corpus`; returns the number of chunks."""
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    documents = [
        Document(page_content=p.read_text(encoding="utf-8"), metadata={"source": p.name})
        for p in sorted(corpus.iterdir())
        if p.is_file()
    ]
    chunks = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(documents)
    Chroma.from_documents(chunks, embeddings, persist_directory=str(persist_dir), collection_name="naive")
    return len(chunks)
