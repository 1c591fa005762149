"""What the bot remembers: answer traces and feedback (SQLite), and each user's reply language
(the FSM storage, so that several bot processes sharing Redis agree)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import aiosqlite
from aiogram.fsm.storage.base import BaseStorage, StorageKey

from answering import Answer, Citation

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    day TEXT NOT NULL,
    chat_id INTEGER NOT NULL,
    user_id INTEGER,
    question TEXT NOT NULL,
    language TEXT NOT NULL,
    kind TEXT NOT NULL,
    citations TEXT NOT NULL,
    timings TEXT NOT NULL,
    latency_ms REAL
);
CREATE INDEX IF NOT EXISTS answers_day ON answers (day);
CREATE TABLE IF NOT EXISTS feedback (
    answer_id INTEGER NOT NULL REFERENCES answers (id),
    user_id INTEGER NOT NULL,
    vote INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (answer_id, user_id)
);
"""


# Fields that traces written before citations were stored whole lack.
_OLDER_TRACES = {"path": "", "language": ""}


@dataclass(frozen=True)
class DailyStats:
    questions: int
    refusals: int
    latency_p50_ms: float | None
    latency_p95_ms: float | None
    thumbs_up: int
    thumbs_down: int


class TraceStore:
    """Every answer's trace (question, language, citations, timings) and the feedback on it."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._db: aiosqlite.Connection | None = None

    async def open(self) -> TraceStore:
        self._db = await open_database(self.path, _SCHEMA)
        return self

    async def close(self) -> None:
        if self._db is not None:
            await self._db.close()
            self._db = None

    @property
    def db(self) -> aiosqlite.Connection:
        if self._db is None:
            raise RuntimeError("TraceStore.open() was not awaited")
        return self._db

    async def record_answer(self, *, chat_id: int, user_id: int | None, answer: Answer) -> int:
        """Store `answer` and return the id its buttons refer to."""
        now = datetime.now(UTC)
        citations = [asdict(c) for c in answer.citations]
        cursor = await self.db.execute(
            "INSERT INTO answers (created_at, day, chat_id, user_id, question, language, kind,"
            " citations, timings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                now.isoformat(),
                now.date().isoformat(),
                chat_id,
                user_id,
                answer.question,
                answer.language,
                str(answer.kind),
                json.dumps(citations, ensure_ascii=False),
                json.dumps(answer.timings_ms),
            ),
        )
        await self.db.commit()
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    async def record_latency(self, answer_id: int, latency_ms: float) -> None:
        await self.db.execute("UPDATE answers SET latency_ms = ? WHERE id = ?", (latency_ms, answer_id))
        await self.db.commit()

    async def citations(self, answer_id: int, chat_id: int) -> list[Citation] | None:
        """The answer's citations as answering made them; None when no such answer was sent to
        `chat_id`: a button pressed in another chat (or forged callback data) cannot read someone
        else's answer."""
        async with self.db.execute(
            "SELECT citations FROM answers WHERE id = ? AND chat_id = ?", (answer_id, chat_id)
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return None
        return [Citation(**{**_OLDER_TRACES, **c}) for c in json.loads(row[0])]

    async def record_feedback(self, answer_id: int, user_id: int, vote: int, chat_id: int) -> bool:
        """Store +1/-1 (a later vote replaces the earlier); False if no such answer was sent to
        `chat_id`."""
        async with self.db.execute(
            "SELECT 1 FROM answers WHERE id = ? AND chat_id = ?", (answer_id, chat_id)
        ) as cursor:
            if await cursor.fetchone() is None:
                return False
        await self.db.execute(
            "INSERT INTO feedback (answer_id, user_id, vote, created_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (answer_id, user_id) DO UPDATE SET vote = excluded.vote,"
            " created_at = excluded.created_at",
            (answer_id, user_id, vote, datetime.now(UTC).isoformat()),
        )
        await self.db.commit()
        return True

    async def feedback(self, answer_id: int) -> dict[int, int]:
        async with self.db.execute("SELECT user_id, vote FROM feedback WHERE answer_id = ?", (answer_id,)) as cursor:
            return {user_id: vote async for user_id, vote in cursor}

    async def daily_stats(self, day: str | None = None) -> DailyStats:
        day = day or datetime.now(UTC).date().isoformat()
        async with self.db.execute(
            "SELECT count(*), coalesce(sum(kind != 'answer'), 0) FROM answers WHERE day = ?",
            (day,),
        ) as cursor:
            questions, refusals = await cursor.fetchone() or (0, 0)
        async with self.db.execute(
            "SELECT latency_ms FROM answers WHERE day = ? AND latency_ms IS NOT NULL ORDER BY latency_ms",
            (day,),
        ) as cursor:
            latencies = [row[0] async for row in cursor]
        async with self.db.execute(
            "SELECT coalesce(sum(f.vote > 0), 0), coalesce(sum(f.vote < 0), 0)"
            " FROM feedback f JOIN answers a ON a.id = f.answer_id WHERE a.day = ?",
            (day,),
        ) as cursor:
            up, down = await cursor.fetchone() or (0, 0)
        return DailyStats(
            questions=questions,
            refusals=refusals,
            latency_p50_ms=percentile(latencies, 50),
            latency_p95_ms=percentile(latencies, 95),
            thumbs_up=up,
            thumbs_down=down,
        )


async def open_database(path: Path, schema: str) -> aiosqlite.Connection:
    """A SQLite file with `schema` applied, in WAL mode so that readers never wait for a writer."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = await aiosqlite.connect(path)
    await db.execute("PRAGMA journal_mode=WAL")
    await db.executescript(schema)
    await db.commit()
    return db


def percentile(ordered: list[float], p: float) -> float | None:
    """Nearest-rank percentile of an ascending list."""
    if not ordered:
        return None
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


class LanguagePreferences:
    """Each user's chosen reply language, kept in the dispatcher's FSM storage under its own
    destiny so that it is shared by every process using the same storage (Redis)."""

    _DESTINY = "preferences"

    def __init__(self, storage: BaseStorage) -> None:
        self.storage = storage

    def _key(self, bot_id: int, user_id: int) -> StorageKey:
        return StorageKey(bot_id=bot_id, chat_id=user_id, user_id=user_id, destiny=self._DESTINY)

    async def get(self, bot_id: int, user_id: int) -> str | None:
        data = await self.storage.get_data(self._key(bot_id, user_id))
        return data.get("language")

    async def set(self, bot_id: int, user_id: int, language: str | None) -> None:
        """`None` means: answer in the language of each question."""
        await self.storage.set_data(self._key(bot_id, user_id), {"language": language})
