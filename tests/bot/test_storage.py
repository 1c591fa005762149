from __future__ import annotations

import pytest
from aiogram.fsm.storage.base import DefaultKeyBuilder
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.fsm.storage.redis import RedisStorage
from fakeredis import FakeAsyncRedis, FakeServer

from answering.types import Answer, AnswerKind, Citation
from bot.storage import LanguagePreferences, TraceStore, percentile

session_loop = pytest.mark.asyncio(loop_scope="session")


def _answer(kind: AnswerKind = AnswerKind.ANSWER) -> Answer:
    citation = Citation(1, "doc", "Title", "2025-01-01", None, "p", "doc#0", "a quote", 0, 7, "en")
    return Answer("uk", kind, "lead", citations=[citation], question="Що?", timings_ms={"search": 12.5})


@session_loop
async def test_traces_feedback_and_daily_stats(tmp_path):
    store = await TraceStore(tmp_path / "bot.sqlite3").open()
    try:
        first = await store.record_answer(chat_id=5, user_id=5, answer=_answer())
        second = await store.record_answer(chat_id=5, user_id=5, answer=_answer(AnswerKind.NOT_COVERED))
        await store.record_latency(first, 100.0)
        await store.record_latency(second, 300.0)
        (citation,) = await store.citations(first, chat_id=5)
        assert (citation.n, citation.document_id, citation.quote) == (1, "doc", "a quote")
        assert await store.citations(999, chat_id=5) is None
        assert await store.citations(first, chat_id=6) is None  # another chat's answer

        assert await store.record_feedback(first, 7, 1, chat_id=5)
        assert await store.record_feedback(first, 7, -1, chat_id=5)  # a later vote replaces the earlier
        assert await store.record_feedback(second, 8, 1, chat_id=5)
        assert not await store.record_feedback(999, 7, 1, chat_id=5)
        assert not await store.record_feedback(first, 9, 1, chat_id=9)
        assert await store.feedback(first) == {7: -1}

        stats = await store.daily_stats()
        assert (stats.questions, stats.refusals) == (2, 1)
        assert (stats.latency_p50_ms, stats.latency_p95_ms) == (100.0, 300.0)
        assert (stats.thumbs_up, stats.thumbs_down) == (1, 1)
    finally:
        await store.close()

    reopened = await TraceStore(tmp_path / "bot.sqlite3").open()
    assert (await reopened.daily_stats()).questions == 2
    await reopened.close()


def test_percentile():
    assert percentile([], 50) is None
    assert percentile([1, 2, 3, 4], 50) == 2
    assert percentile(list(range(1, 101)), 95) == 95


@session_loop
async def test_language_preferences_in_memory():
    preferences = LanguagePreferences(MemoryStorage())
    assert await preferences.get(1, 42) is None
    await preferences.set(1, 42, "uk")
    assert await preferences.get(1, 42) == "uk"
    assert await preferences.get(2, 42) is None


@session_loop
async def test_language_preferences_are_shared_through_redis():
    """Two bot processes with their own RedisStorage on the same Redis agree on /lang."""
    server = FakeServer()

    def storage() -> RedisStorage:
        return RedisStorage(FakeAsyncRedis(server=server), key_builder=DefaultKeyBuilder(with_destiny=True))

    one, two = LanguagePreferences(storage()), LanguagePreferences(storage())
    await one.set(1, 42, "fr")
    assert await two.get(1, 42) == "fr"
    await two.set(1, 42, None)
    assert await one.get(1, 42) is None
