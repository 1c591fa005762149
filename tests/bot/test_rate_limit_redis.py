"""The rate limit with its counts in a real Redis server (BRIEFING_REDIS_URL), as several bot
processes run it: a burst goes through at once, what is over the limit waits for its turn and is
answered, nothing is dropped, and every process draws on the same budget per user."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
import redis.asyncio as redis
from aiogram.types import Message, User
from conftest import running_bot
from fake_telegram import text_message

from bot.middlewares import RateLimit

pytestmark = pytest.mark.asyncio(loop_scope="session")

USER, OTHER = 21, 22


async def limiter_keys(redis_url: str) -> list[bytes]:
    client = redis.Redis.from_url(redis_url)
    try:
        return await client.keys("*briefing-user*")
    finally:
        await client.aclose()


async def test_over_the_limit_waits_in_redis_and_every_message_is_answered(
    tmp_path, corpus_copy, fake_services, redis_url
):
    index, answerer = fake_services
    async with running_bot(
        tmp_path,
        index=index,
        answerer=answerer,
        corpus_dir=corpus_copy,
        flood_interval=1,
        flood_burst=2,
        redis_url=redis_url,
    ) as h:
        pushed = [await h.telegram.push(text_message(USER, "/help")) for _ in range(5)]
        (other,) = await h.send(text_message(OTHER, "/help"), OTHER)
        question = await h.ask(USER, "What did the Budapest Memorandum promise?")
        replies = await h.telegram.wait_for("sendMessage", 6, chat_id=USER, timeout=60)

        # Five commands and a question over a limit of two per two seconds: all six answered,
        # in the order sent, none refused as "too fast".
        assert len(replies) == 6 and replies[-1] is question[-1] and "[1]" in question[-1].text
        assert not any("too fast" in r.text for r in replies)
        # The burst of two went through at once; the rest waited for the window to move on.
        first = h.telegram.pushed_at(pushed[0])
        assert replies[2].at - first >= 1.5 and replies[4].at - first >= 3.5
        assert replies[2].at - replies[1].at >= 1.0
        # Another user was not held up by this one's queue.
        assert other.at < replies[2].at
        # The counts are Redis's, where another process would read them.
        assert any(str(USER).encode() in key for key in await limiter_keys(redis_url))


async def test_two_processes_share_one_budget_per_user(redis_url):
    """Two middlewares with their own connections to one Redis, as two bot processes have."""
    first, second = RateLimit(1, burst=2, redis_url=redis_url), RateLimit(1, burst=2, redis_url=redis_url)
    user = User(id=23, is_bot=False, first_name="Olena")
    handled: list[tuple[str, float]] = []

    def handler(name: str) -> Any:
        async def handle(event: Message, data: dict[str, Any]) -> str:
            handled.append((name, time.monotonic()))
            return name

        return handle

    started = time.monotonic()
    results = await asyncio.gather(
        first(handler("first-1"), None, {"event_from_user": user}),  # type: ignore[arg-type]
        first(handler("first-2"), None, {"event_from_user": user}),  # type: ignore[arg-type]
    )
    assert results == ["first-1", "first-2"]
    # The burst is spent in Redis: the other process's message waits for the window, then runs.
    assert await second(handler("second"), None, {"event_from_user": user}) == "second"  # type: ignore[arg-type]
    assert [name for name, _ in handled][-1] == "second"
    assert handled[-1][1] - started >= 1.5
    # Another user's budget is their own: one message of theirs leaves one of their burst.
    other = User(id=24, is_bot=False, first_name="Taras")
    third = RateLimit(1, burst=2, redis_url=redis_url)
    await third(handler("other"), None, {"event_from_user": other})  # type: ignore[arg-type]
    window = await third.limiter.get_window_stats(third.item, "briefing-user", str(other.id))
    assert window.remaining == 1
