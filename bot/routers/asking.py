"""A text message is a question: "typing…", then the cited answer with its buttons."""

from __future__ import annotations

import asyncio
import logging
import time

from aiogram import Bot, F, Router
from aiogram.enums import ChatAction, ChatType
from aiogram.types import LinkPreviewOptions, Message
from aiogram.utils.chat_action import ChatActionSender

from bot.keyboards import answer_keyboard
from bot.observability import Metrics
from bot.render import render_answer
from bot.services import AnswererLike, Conversations
from bot.storage import TraceStore

logger = logging.getLogger(__name__)


async def ask(
    message: Message,
    bot: Bot,
    answerer: AnswererLike,
    conversations: Conversations,
    store: TraceStore,
    reply_language: str | None,
    received_at: float,
    metrics: Metrics,
) -> None:
    question = (message.text or "").strip()
    user = message.from_user
    # Show "typing…" at once; the sender renews it every 5 s while a slow answer is prepared.
    await bot.send_chat_action(message.chat.id, ChatAction.TYPING)
    chat = message.chat.id
    async with conversations.lock(chat), ChatActionSender.typing(bot=bot, chat_id=chat, initial_sleep=4):
        conversation = await conversations.load(bot.id, chat)
        answer = await asyncio.to_thread(
            answerer.ask,
            question,
            language=reply_language,
            preferred_language=user.language_code if user else None,
            conversation=conversation,
        )
        await conversations.save(bot.id, chat, conversation)
    metrics.answered(answer)
    answer_id = await store.record_answer(chat_id=message.chat.id, user_id=user.id if user else None, answer=answer)
    parts = render_answer(answer)
    keyboard = answer_keyboard(answer_id, with_sources=bool(answer.citations))
    for i, part in enumerate(parts):
        await message.answer(
            part,
            reply_markup=keyboard if i == len(parts) - 1 else None,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        )
    latency_ms = (time.perf_counter() - received_at) * 1000
    await store.record_latency(answer_id, latency_ms)
    logger.info("answer %d (%s) sent in %.0f ms", answer_id, answer.kind, latency_ms)


def create_router() -> Router:
    router = Router(name="asking")
    # In groups the bot would answer every remark; it answers questions in private chats only.
    router.message.filter(F.chat.type == ChatType.PRIVATE)
    router.message.register(ask, F.text, ~F.text.startswith("/"))
    return router
