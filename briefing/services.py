"""Build the index and the answerer from the settings: shared by the CLI and the bot."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from briefing.settings import Settings

if TYPE_CHECKING:
    from answering import Answerer
    from retrieval import Index


def open_index(settings: Settings, path: Path | None = None) -> Index:
    """The configured index: a Chroma server when BRIEFING_CHROMA_URL is set (unless an explicit
    folder is given, as the evaluation does), else the embedded one in BRIEFING_INDEX_DIR."""
    from retrieval import Index

    model, cache = settings.embedding_model, settings.model_cache_dir
    if settings.chroma_url and path is None:
        return Index.open(chroma_url=settings.chroma_url, model=model, model_cache_dir=cache)
    return Index.open(path or settings.index_dir, model=model, model_cache_dir=cache)


def make_answerer(settings: Settings, index: Index) -> Answerer:
    """The offline composer, or the LLM composer when an endpoint is configured."""
    from answering import Answerer, LLMSettings

    llm = None
    if settings.llm_base_url and settings.llm_model:
        llm = LLMSettings(
            base_url=settings.llm_base_url,
            model=settings.llm_model,
            api_key=settings.llm_api_key.get_secret_value() if settings.llm_api_key else "not-needed",
            timeout=settings.llm_timeout,
        )
    return Answerer(index, llm=llm)


def set_aside_damaged_index(index_dir: Path) -> Path:
    """Move an embedded index's Chroma files into a dated subfolder, so a rebuild starts clean
    and nothing is deleted; other files in the folder (the bot's traces) stay."""
    import shutil
    import time

    import chromadb

    chromadb.api.client.SharedSystemClient.clear_system_cache()
    aside = index_dir / f"damaged-{time.strftime('%Y%m%d-%H%M%S')}"
    aside.mkdir(parents=True)
    for entry in index_dir.iterdir():
        if entry.name.startswith("chroma.sqlite3") or _is_uuid(entry.name):
            shutil.move(str(entry), aside / entry.name)
    return aside


def _is_uuid(name: str) -> bool:
    import uuid

    try:
        uuid.UUID(name)
    except ValueError:
        return False
    return True
