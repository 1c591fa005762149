"""Small middlewares: update timing, the user's locale, per-user rate limiting."""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, User
from aiogram.utils.i18n import I18n, I18nMiddleware
from limits import RateLimitItemPerSecond
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter

from bot.storage import LanguagePreferences
from retrieval.language import language_code

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class ReceivedAt(BaseMiddleware):
    """Marks when the update arrived, so that a reply's latency covers the whole handling."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        data["received_at"] = time.perf_counter()
        return await handler(event, data)


def telegram_locale(user: User | None, available: set[str] | tuple[str, ...]) -> str | None:
    """The user's Telegram app language if we have it ("pt-br" → "pt")."""
    code = language_code(user.language_code) if user else None
    return code if code in available else None


class LocaleMiddleware(I18nMiddleware):
    """UI language: the /lang choice, else the Telegram app language, else English. Also puts the
    /lang choice in the handler data as `reply_language` (None: follow the question)."""

    def __init__(self, i18n: I18n, preferences: LanguagePreferences) -> None:
        super().__init__(i18n)
        self.preferences = preferences

    async def get_locale(self, event: TelegramObject, data: dict[str, Any]) -> str:
        user: User | None = data.get("event_from_user")
        chosen = None
        if user is not None:
            chosen = await self.preferences.get(data["bot"].id, user.id)
        data["reply_language"] = chosen
        if chosen in self.i18n.available_locales:
            return chosen
        return telegram_locale(user, self.i18n.available_locales) or self.i18n.default_locale


class RateLimit(BaseMiddleware):
    """Paces each user: `burst` updates in a row go through at once, after that one per
    `interval` seconds on average. An update over the limit waits for its turn and is then
    handled: nothing is dropped (a user who sends /start and a question at once gets both).
    The counts live in Redis when `redis_url` is given, so several bot processes share them."""

    def __init__(self, interval: float, burst: int = 5, redis_url: str | None = None) -> None:
        self.interval = interval
        self.item = RateLimitItemPerSecond(burst, max(1, math.ceil(burst * interval)))
        storage: Storage = (
            RedisStorage(_async_redis_uri(redis_url), implementation="redispy") if redis_url else MemoryStorage()
        )
        self.limiter = MovingWindowRateLimiter(storage)

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        if user is not None and self.interval > 0:
            key = str(user.id)
            while not await self.limiter.hit(self.item, "briefing-user", key):
                window = await self.limiter.get_window_stats(self.item, "briefing-user", key)
                await asyncio.sleep(max(0.05, window.reset_time - time.time()))
        return await handler(event, data)


def _async_redis_uri(url: str) -> str:
    """limits names its asyncio Redis storage 'async+redis://'."""
    return url if url.startswith("async+") else f"async+{url}"
