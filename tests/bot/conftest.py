from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bot_doubles as doubles
import pytest
from aiogram import Bot, Dispatcher
from aiogram.utils.backoff import BackoffConfig
from fake_telegram import TOKEN, Call, FakeTelegram, text_message

from bot.app import build_dispatcher, create_bot, run_polling
from bot.retry import RetryMiddleware
from bot.services import Corpus
from bot.storage import TraceStore
from bot.subscriptions import SqliteSubscriptions, Subscriptions

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
FAST_BACKOFF = BackoffConfig(min_delay=0.05, max_delay=0.2, factor=1.5, jitter=0.0)


@dataclass
class Harness:
    """A dispatcher polling a fake Bot API server over HTTP, as `briefing bot` would."""

    telegram: FakeTelegram
    bot: Bot
    dp: Dispatcher
    store: TraceStore
    corpus: Corpus
    answerer: Any
    subscriptions: Subscriptions
    latencies_ms: list[float]

    async def ask(self, user_id: int, text: str, language_code: str = "en") -> list[Call]:
        """Send a question; return the reply messages (the last one carries the buttons)."""
        before = len(self.telegram.of("sendMessage", user_id))
        update_id = await self.telegram.push(text_message(user_id, text, language_code))
        replies = await self._until_buttons(user_id, before)
        self.latencies_ms.append((replies[-1].at - self.telegram.pushed_at(update_id)) * 1000)
        return replies

    async def send(self, update: dict[str, Any], user_id: int, replies: int = 1) -> list[Call]:
        before = len(self.telegram.of("sendMessage", user_id))
        await self.telegram.push(update)
        calls = await self.telegram.wait_for("sendMessage", before + replies, chat_id=user_id)
        return calls[before:]

    async def _until_buttons(self, user_id: int, before: int) -> list[Call]:
        count = before + 1
        while True:
            calls = await self.telegram.wait_for("sendMessage", count, chat_id=user_id, timeout=120)
            if calls[-1].keyboard:
                return calls[before:]
            count = len(calls) + 1


@contextlib.asynccontextmanager
async def running_bot(
    tmp_path: Path,
    *,
    index: Any,
    answerer: Any,
    corpus_dir: Path,
    add: Callable[..., Path] = doubles.add_to_corpus,
    remove: Callable[[str, Path], Path] = doubles.remove_from_corpus,
    admin_ids: tuple[int, ...] = (1,),
    flood_interval: float = 0.0,
    subscriptions: Subscriptions | None = None,
    flood_burst: int = 5,
    request_timeout: float = 60.0,
) -> AsyncIterator[Harness]:
    telegram = FakeTelegram()
    await telegram.start()
    store = await TraceStore(tmp_path / "data" / "bot.sqlite3").open()
    subscriptions = subscriptions or await SqliteSubscriptions(tmp_path / "data" / "subscriptions.sqlite3").open()
    bot = create_bot(TOKEN, telegram.url, retry=RetryMiddleware(base_delay=0.05), request_timeout=request_timeout)
    corpus = Corpus(index, corpus_dir, add, remove)
    dp = build_dispatcher(
        answerer=answerer,
        corpus=corpus,
        store=store,
        admin_ids=admin_ids,
        subscriptions=subscriptions,
        flood_interval=flood_interval,
        flood_burst=flood_burst,
    )
    polling = asyncio.create_task(
        run_polling(bot, dp, handle_signals=False, polling_timeout=1, backoff_config=FAST_BACKOFF)
    )
    try:
        yield Harness(telegram, bot, dp, store, corpus, answerer, subscriptions, [])
    finally:
        await dp.stop_polling()
        await asyncio.wait_for(polling, 10)
        await store.close()
        await subscriptions.close()
        await telegram.stop()


@pytest.fixture
def fake_services(corpus_copy: Path) -> tuple[doubles.FakeIndex, doubles.FakeAnswerer]:
    index = doubles.FakeIndex()
    index.sync(corpus_copy)
    return index, doubles.FakeAnswerer(index)
