"""Who gets the digest of new documents, and up to which document each was last sent one.

The mark is the ingestion time (`DocumentInfo.ingested_at`) of the newest document a chat has
been told about. A bot process claims a digest by moving the mark from the value it read to the
newest document's time, atomically: when several processes tick at once, exactly one claim
succeeds, so each subscriber gets each batch once. Redis when the bot shares it
(BRIEFING_REDIS_URL), else SQLite in the bot's data folder (processes on one machine)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import aiosqlite

from bot.storage import open_database

_SCHEMA = """
CREATE TABLE IF NOT EXISTS subscriptions (
    chat_id INTEGER PRIMARY KEY,
    language TEXT NOT NULL,
    mark TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Subscriber:
    chat_id: int
    language: str
    mark: str


class Subscriptions(Protocol):
    async def subscribe(self, chat_id: int, language: str, mark: str) -> None:
        """Add `chat_id` (or change its language); a new subscriber has seen up to `mark`."""

    async def unsubscribe(self, chat_id: int) -> bool:
        """False when `chat_id` was not subscribed."""

    async def subscribers(self) -> list[Subscriber]: ...

    async def claim(self, chat_id: int, seen: str, newest: str) -> bool:
        """Move the mark from `seen` to `newest`; False when it is no longer `seen` (another
        process claimed this batch) or the chat unsubscribed."""

    async def close(self) -> None: ...


class SqliteSubscriptions:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._db: aiosqlite.Connection | None = None

    async def open(self) -> SqliteSubscriptions:
        self._db = await open_database(self.path, _SCHEMA)
        return self

    @property
    def db(self) -> aiosqlite.Connection:
        if self._db is None:
            raise RuntimeError("SqliteSubscriptions.open() was not awaited")
        return self._db

    async def subscribe(self, chat_id: int, language: str, mark: str) -> None:
        await self.db.execute(
            "INSERT INTO subscriptions (chat_id, language, mark) VALUES (?, ?, ?)"
            " ON CONFLICT (chat_id) DO UPDATE SET language = excluded.language",
            (chat_id, language, mark),
        )
        await self.db.commit()

    async def unsubscribe(self, chat_id: int) -> bool:
        cursor = await self.db.execute("DELETE FROM subscriptions WHERE chat_id = ?", (chat_id,))
        await self.db.commit()
        return cursor.rowcount > 0

    async def subscribers(self) -> list[Subscriber]:
        async with self.db.execute("SELECT chat_id, language, mark FROM subscriptions ORDER BY chat_id") as cursor:
            return [Subscriber(chat_id, language, mark) async for chat_id, language, mark in cursor]

    async def claim(self, chat_id: int, seen: str, newest: str) -> bool:
        # One UPDATE is atomic across processes: SQLite serializes writers on the file.
        cursor = await self.db.execute(
            "UPDATE subscriptions SET mark = ? WHERE chat_id = ? AND mark = ?", (newest, chat_id, seen)
        )
        await self.db.commit()
        return cursor.rowcount == 1

    async def close(self) -> None:
        if self._db is not None:
            await self._db.close()
            self._db = None


class RedisSubscriptions:
    """A hash of chat → language, and one key per chat for its mark (so a claim watches only
    its own chat's key)."""

    _LANGUAGES = "briefing:digest:languages"
    _MARK = "briefing:digest:mark:{chat_id}"

    def __init__(self, client: Any) -> None:
        self.client = client

    @classmethod
    def from_url(cls, url: str) -> RedisSubscriptions:
        from redis.asyncio import Redis

        return cls(Redis.from_url(url, decode_responses=True))

    async def subscribe(self, chat_id: int, language: str, mark: str) -> None:
        async with self.client.pipeline(transaction=True) as pipe:
            pipe.hset(self._LANGUAGES, str(chat_id), language)
            pipe.set(self._MARK.format(chat_id=chat_id), mark, nx=True)
            await pipe.execute()

    async def unsubscribe(self, chat_id: int) -> bool:
        async with self.client.pipeline(transaction=True) as pipe:
            pipe.hdel(self._LANGUAGES, str(chat_id))
            pipe.delete(self._MARK.format(chat_id=chat_id))
            removed, _ = await pipe.execute()
        return bool(removed)

    async def subscribers(self) -> list[Subscriber]:
        languages = await self.client.hgetall(self._LANGUAGES)
        chats = sorted(int(chat) for chat in languages)
        marks = await self.client.mget([self._MARK.format(chat_id=chat) for chat in chats]) if chats else []
        return [
            Subscriber(chat, languages[str(chat)], mark)
            for chat, mark in zip(chats, marks, strict=True)
            if mark is not None
        ]

    async def claim(self, chat_id: int, seen: str, newest: str) -> bool:
        from redis.exceptions import WatchError

        key = self._MARK.format(chat_id=chat_id)
        async with self.client.pipeline(transaction=True) as pipe:
            try:
                await pipe.watch(key)
                if await pipe.get(key) != seen:
                    return False
                pipe.multi()
                pipe.set(key, newest)
                await pipe.execute()
            except WatchError:  # another process changed the mark between our read and write
                return False
        return True

    async def close(self) -> None:
        await self.client.aclose()
