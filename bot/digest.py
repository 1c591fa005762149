"""The digest: on each tick, every subscriber with documents added since their mark gets one
message listing them, in their language. Sends are paced under Telegram's broadcast limit (about
30 messages a second); a 429 is retried by the session's RetryMiddleware."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.services import Corpus
from bot.subscriptions import Subscriber, Subscriptions
from bot.whats_new import render_entries

logger = logging.getLogger(__name__)

# 20 messages a second leaves room for the replies to questions within Telegram's ~30/s.
SEND_INTERVAL = 0.05
# A digest names this many documents at most; /latest lists more.
DIGEST_MAX_DOCUMENTS = 10

Sleep = Callable[[float], Awaitable[object]]


class DigestSender:
    def __init__(
        self,
        bot: Bot,
        subscriptions: Subscriptions,
        corpus: Corpus,
        i18n: I18n,
        *,
        send_interval: float = SEND_INTERVAL,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.bot = bot
        self.subscriptions = subscriptions
        self.corpus = corpus
        self.i18n = i18n
        self.send_interval = send_interval
        self._sleep = sleep

    async def run(self, interval: float) -> None:
        """Tick every `interval` seconds until cancelled; a failed tick is logged and retried
        at the next one."""
        while True:
            try:
                await self.tick()
            except Exception:
                logger.exception("digest tick failed")
            await self._sleep(interval)

    async def tick(self) -> int:
        """Send the digests that are due; returns how many this process sent."""
        sent = 0
        for subscriber in await self.subscriptions.subscribers():
            if await self._send(subscriber):
                sent += 1
        return sent

    async def _send(self, subscriber: Subscriber) -> bool:
        entries = await self.corpus.latest(subscriber.language, added_after=subscriber.mark)
        if not entries:
            return False
        newest = max(e.document.ingested_at or "" for e in entries)
        if not await self.subscriptions.claim(subscriber.chat_id, subscriber.mark, newest):
            return False  # another bot process is sending this batch
        with self.i18n.context(), self.i18n.use_locale(subscriber.language):
            more = len(entries) - DIGEST_MAX_DOCUMENTS
            footer = _("…and {count} more: /latest").format(count=more) if more > 0 else ""
            parts = render_entries(entries[:DIGEST_MAX_DOCUMENTS], _("New documents since the last digest:"), footer)
        try:
            for part in parts:
                await self._sleep(self.send_interval)
                await self.bot.send_message(subscriber.chat_id, part)
        except TelegramForbiddenError:
            logger.info("chat %s blocked the bot: unsubscribed", subscriber.chat_id)
            await self.subscriptions.unsubscribe(subscriber.chat_id)
            return False
        except (TelegramAPIError, OSError, TimeoutError):
            logger.exception("digest to chat %s failed; it is retried at the next tick", subscriber.chat_id)
            # Hand the batch back, unless the chat has since moved on.
            await self.subscriptions.claim(subscriber.chat_id, newest, subscriber.mark)
            return False
        return True
