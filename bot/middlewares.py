"""Small middlewares: update timing, the user's locale, per-user flood control."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import CallbackQuery, Message, TelegramObject, User
from aiogram.utils.i18n import I18n, I18nMiddleware
from aiogram.utils.i18n import gettext as _

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


class FloodControl(BaseMiddleware):
    """Drops a user's messages and button presses that come faster than one per `interval`
    seconds; the first dropped one in a burst gets a short notice."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._last: dict[int, float] = {}
        self._warned: set[int] = set()

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        if user is None or self.interval <= 0:
            return await handler(event, data)
        now = time.monotonic()
        if now - self._last.get(user.id, float("-inf")) >= self.interval:
            self._last[user.id] = now
            self._warned.discard(user.id)
            if len(self._last) > 100_000:
                self._forget_before(now - self.interval)
            return await handler(event, data)
        if user.id not in self._warned:
            self._warned.add(user.id)
            notice = _("You are sending messages too fast. Please wait a moment.")
            if isinstance(event, Message | CallbackQuery):
                await event.answer(notice)
        return None

    def _forget_before(self, moment: float) -> None:
        for user_id in [u for u, t in self._last.items() if t < moment]:
            del self._last[user_id]
            self._warned.discard(user_id)
