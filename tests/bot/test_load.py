"""The bot under load (issue 12): 50 chats at once against the fake Bot API over real HTTP, with
the real index, answerer, dispatcher and rate limit, and a few 429 and 5xx answers from Telegram
on the way. Every update is answered, every reply is delivered exactly once, none is lost.
Timings are printed, not asserted."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections import Counter

import pytest
from fake_telegram import Call, FakeTelegram, text_message
from test_e2e import real, started  # noqa: F401  (the `real` fixture: index and answerer of the corpus)

pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="session")]

CHATS = 50
QUESTIONS = [
    ("What did the Budapest Memorandum promise Ukraine?", "en"),
    ("Які гарантії безпеки обговорює коаліція охочих у Парижі?", "uk"),
    ("Welche Rolle spielte die OSZE bei den Minsker Abkommen?", "de"),
    ("Co mówi artykuł 5 Traktatu Północnoatlantyckiego?", "pl"),
    ("Qui dirigera le mécanisme de surveillance du cessez-le-feu ?", "fr"),
    ("Какие соглашения о безопасности Украина подписала в 2024 году?", "ru"),
]
REPLY_TIMEOUT = 600


def chat_ids() -> list[int]:
    return [1000 + n for n in range(CHATS)]


def sent_to(telegram: FakeTelegram, chat: int) -> list[Call]:
    return telegram.of("sendMessage", chat)


def answered(telegram: FakeTelegram, chat: int) -> bool:
    """The chat has its /start reply and an answer ending in its buttons."""
    sent = sent_to(telegram, chat)
    return any(c.keyboard for c in sent) and any(not c.keyboard and "/help" in c.text for c in sent)


async def test_fifty_chats_at_once_every_update_answered_exactly_once(tmp_path, real):  # noqa: F811
    async with started(tmp_path, real, flood_interval=1, flood_burst=5) as h:
        telegram = h.telegram
        # Telegram pushes back a little while the replies go out: retried, never sent twice.
        telegram.fail_next("sendMessage", 3, status=429, retry_after=1)
        telegram.fail_next("sendMessage", 3, status=502)
        began = time.perf_counter()
        pushed: dict[int, list[int]] = {}
        for n, chat in enumerate(chat_ids()):
            question, language = QUESTIONS[n % len(QUESTIONS)]
            # /start and the question at once, as a new user sends them.
            pushed[chat] = [
                await telegram.push(text_message(chat, "/start", language)),
                await telegram.push(text_message(chat, question, language)),
            ]
        deadline = time.monotonic() + REPLY_TIMEOUT
        while not all(answered(telegram, chat) for chat in chat_ids()):
            missing = [chat for chat in chat_ids() if not answered(telegram, chat)]
            assert time.monotonic() < deadline, f"{len(missing)} chats without their replies: {missing[:10]}"
            await asyncio.sleep(0.2)
        wall = time.perf_counter() - began
        await asyncio.sleep(2)  # time for any late duplicate to show up

        latencies = []
        for chat in chat_ids():
            sent = sent_to(telegram, chat)
            # Exactly once: no message twice, one greeting, one answer (its last part with buttons).
            repeated = [text[:60] for text, times in Counter(c.text for c in sent).items() if times > 1]
            assert not repeated, (chat, repeated)
            assert sum(1 for c in sent if c.keyboard) == 1, chat
            assert sum(1 for c in sent if "/help" in c.text and not c.keyboard) == 1, chat
            answer_id = int(next(c for c in sent if c.keyboard).button("👍")["callback_data"].split(":")[1])
            assert await h.store.citations(answer_id, chat), chat  # the answer recorded for this chat
            latencies.append((sent[-1].at - telegram.pushed_at(pushed[chat][0])) * 1000)

        stats = await h.store.daily_stats()
        assert stats.questions == CHATS
        assert len(telegram.failed) == 6  # the injected failures happened, and were retried
        ordered = sorted(latencies)
        print(
            f"\n{CHATS} chats, {2 * CHATS} updates at once: all answered in {wall:.1f} s; "
            f"update→last reply p50 {statistics.median(ordered) / 1000:.1f} s, "
            f"p95 {ordered[int(0.95 * (len(ordered) - 1))] / 1000:.1f} s, max {ordered[-1] / 1000:.1f} s"
        )
