"""`bench bot`: N chats ask at once through the real aiogram dispatcher, polling a fake Bot API
on loopback. Every update must get exactly one complete reply (its last part carries the
buttons); the baseline is the same answers asked one after another without the bot."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from briefing.bench.measure import QUESTIONS, Row, percentile, seconds

_TIMEOUT = 600.0


def bot_load(corpus: Path, work_dir: Path, chats: int, embedder: Any) -> list[Row]:
    from answering import Answerer
    from briefing.bench.answer import answer_index

    index = answer_index(corpus, work_dir, embedder)
    answerer = Answerer(index)
    answerer.warm_up()
    questions = [QUESTIONS[n % len(QUESTIONS)] for n in range(chats)]
    # Baseline: the same questions answered in turn, in this process (answers warm as in the bot).
    serial = seconds(lambda: [answerer.ask(q) for q in questions])
    with tempfile.TemporaryDirectory(prefix="briefing-bench-bot-") as tmp:
        latencies, wall, replies = asyncio.run(_load(questions, answerer, index, corpus, Path(tmp)))
    per_chat = Counter(replies)
    return [
        {
            "chats": chats,
            "updates_sent": chats,
            "chats_answered": len(per_chat),
            "lost_updates": chats - len(per_chat),
            "replies_delivered_twice": sum(1 for n in per_chat.values() if n > 1),
            "latency_p50_ms": round(1000 * statistics.median(latencies)) if latencies else "",
            "latency_p95_ms": round(1000 * percentile(latencies, 0.95)) if latencies else "",
            "wall_s": round(wall, 2),
            "serial_answers_s": round(serial, 2),
            "ratio_to_serial": round(wall / serial, 2),
        }
    ]


async def _load(
    questions: list[str], answerer: Any, index: Any, corpus: Path, data: Path
) -> tuple[list[float], float, list[int]]:
    import structlog

    from bot.app import build_dispatcher, create_bot, run_polling
    from bot.services import Corpus
    from bot.storage import TraceStore
    from bot.subscriptions import SqliteSubscriptions
    from briefing.bench.fake_bot_api import TOKEN, FakeBotApi
    from retrieval.corpus_files import add_to_corpus, remove_from_corpus

    # One log line per update would bury the table (and break --json): warnings only.
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    api = FakeBotApi()
    url = await api.start()
    store = await TraceStore(data / "bot.sqlite3").open()
    subscriptions = await SqliteSubscriptions(data / "subscriptions.sqlite3").open()
    bot = create_bot(TOKEN, url)
    dp = build_dispatcher(
        answerer=answerer,
        corpus=Corpus(index, corpus, add_to_corpus, remove_from_corpus),
        store=store,
        subscriptions=subscriptions,
    )
    polling = asyncio.create_task(run_polling(bot, dp, handle_signals=False, polling_timeout=1))
    chats = range(1, len(questions) + 1)
    try:
        started = time.perf_counter()
        pushed = {chat: await api.push_text(chat, q) for chat, q in zip(chats, questions, strict=True)}

        def all_answered(sent: list[Any]) -> bool:
            return len({s.chat_id for s in sent if s.has_buttons}) >= len(questions)

        with contextlib.suppress(TimeoutError):  # what is missing then is reported as lost
            await api.wait_until(all_answered, _TIMEOUT)
        wall = time.perf_counter() - started
        await asyncio.sleep(2)  # a reply sent twice would arrive now
    finally:
        await dp.stop_polling()
        await asyncio.wait_for(polling, 10)
        await store.close()
        await subscriptions.close()
        await bot.session.close()
        await api.stop()
    finals = [s for s in api.sent if s.has_buttons]
    first_final: dict[int, float] = {}
    for s in finals:
        first_final.setdefault(s.chat_id, s.at)
    latencies = [first_final[c] - api.pushed_at[pushed[c]] for c in chats if c in first_final]
    return latencies, wall, [s.chat_id for s in finals]
