"""What the handlers work with: the corpus and its index, and a conversation per chat."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from aiogram.fsm.storage.base import BaseStorage, StorageKey

from answering import Answer, Conversation
from answering.latest import LatestEntry, latest
from retrieval import DocumentInfo, SyncReport


class IndexLike(Protocol):
    def sync(self, corpus_dir: Path) -> SyncReport: ...
    def documents(self) -> list[DocumentInfo]: ...
    def document_text(self, doc_id: str) -> str: ...
    def chunk_count(self) -> int: ...


class AnswererLike(Protocol):
    def ask(
        self,
        question: str,
        *,
        language: str | None = None,
        preferred_language: str | None = None,
        conversation: Conversation | None = None,
    ) -> Answer: ...


@dataclass
class Change:
    """What an admin command did: the file written or removed, and the index sync report."""

    path: Path | None
    report: SyncReport


class Corpus:
    """The corpus directory and the index built from it. Changes are serialized; the blocking
    work (download, parsing, embedding) runs in a thread so the bot keeps answering."""

    def __init__(
        self,
        index: IndexLike,
        corpus_dir: Path,
        add: Callable[..., Path],
        remove: Callable[[str, Path], Path],
    ) -> None:
        self.index = index
        self.corpus_dir = Path(corpus_dir)
        self._add = add
        self._remove = remove
        self._lock = asyncio.Lock()

    async def add(self, source: str, **metadata: str | None) -> Change:
        async with self._lock:
            path = await asyncio.to_thread(self._add, source, self.corpus_dir, **metadata)
            report = await asyncio.to_thread(self.index.sync, self.corpus_dir)
        return Change(path, report)

    async def remove(self, document_id: str) -> Change:
        async with self._lock:
            path = await asyncio.to_thread(self._remove, document_id, self.corpus_dir)
            report = await asyncio.to_thread(self.index.sync, self.corpus_dir)
        return Change(path, report)

    async def sync(self) -> Change:
        async with self._lock:
            report = await asyncio.to_thread(self.index.sync, self.corpus_dir)
        return Change(None, report)

    async def documents(self) -> list[DocumentInfo]:
        return await asyncio.to_thread(self.index.documents)

    async def chunk_count(self) -> int:
        return await asyncio.to_thread(self.index.chunk_count)

    async def latest(
        self, language: str, *, added_after: str | None = None, limit: int | None = None
    ) -> list[LatestEntry]:
        """`answering.latest` entries: the newest documents with their leads in `language`."""
        return await asyncio.to_thread(latest, self.index, language, added_after=added_after, limit=limit)


class Conversations:
    """Each chat's short memory for follow-up questions, kept in the dispatcher's FSM storage
    (Redis when configured) so that whichever bot process receives the next question knows the
    previous one. Within a process, a chat's questions are answered one at a time, in order."""

    _DESTINY = "conversation"

    def __init__(self, storage: BaseStorage, max_chats: int = 10_000) -> None:
        self.storage = storage
        self.max_chats = max_chats
        self._locks: OrderedDict[int, asyncio.Lock] = OrderedDict()

    def lock(self, chat_id: int) -> asyncio.Lock:
        if chat_id in self._locks:
            self._locks.move_to_end(chat_id)
        else:
            self._locks[chat_id] = asyncio.Lock()
            while len(self._locks) > self.max_chats:
                self._locks.popitem(last=False)
        return self._locks[chat_id]

    async def load(self, bot_id: int, chat_id: int) -> Conversation:
        data = await self.storage.get_data(self._key(bot_id, chat_id))
        return Conversation.from_data(data.get("turns"))

    async def save(self, bot_id: int, chat_id: int, conversation: Conversation) -> None:
        await self.storage.set_data(self._key(bot_id, chat_id), {"turns": conversation.to_data()})

    def _key(self, bot_id: int, chat_id: int) -> StorageKey:
        return StorageKey(bot_id=bot_id, chat_id=chat_id, user_id=chat_id, destiny=self._DESTINY)
