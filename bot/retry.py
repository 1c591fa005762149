"""Retry Telegram calls that failed for a reason that passes: flood limits (429, waiting the
`retry_after` Telegram asks for), server errors (5xx) and network errors (with backoff).

A call that changes something (sendMessage…) is retried after a network error only when the
connection was never made: after a timeout or a dropped connection Telegram may have acted on
the request already, and a second attempt would send the reply twice."""

from __future__ import annotations

import asyncio
import logging
import random
from typing import TYPE_CHECKING

from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.methods import GetUpdates, SendChatAction, TelegramMethod
from aiogram.methods.base import Response, TelegramType
from aiohttp import ClientConnectorError

if TYPE_CHECKING:
    from aiogram import Bot

logger = logging.getLogger(__name__)


class RetryMiddleware(BaseRequestMiddleware):
    def __init__(
        self,
        attempts: int = 5,
        base_delay: float = 0.5,
        max_delay: float = 30.0,
        max_retry_after: float = 120.0,
    ) -> None:
        self.attempts = attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.max_retry_after = max_retry_after

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        # The polling loop has its own backoff for getUpdates.
        attempts = 1 if isinstance(method, GetUpdates) else self.attempts
        attempt = 1
        while True:
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as error:
                if attempt >= attempts or error.retry_after > self.max_retry_after:
                    raise
                delay = float(error.retry_after)
            except (TelegramServerError, TelegramNetworkError) as error:
                if attempt >= attempts or not _safe_to_repeat(method, error):
                    raise
                delay = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
                delay *= random.uniform(0.8, 1.2)
            logger.warning("%s failed, retry %d in %.1fs", type(method).__name__, attempt, delay)
            await asyncio.sleep(delay)
            attempt += 1


def _safe_to_repeat(method: TelegramMethod[TelegramType], error: Exception) -> bool:
    """A 5xx answer or a connection never made leaves nothing done; a method that only reads or
    sets a state can be repeated whatever happened."""
    if isinstance(error, TelegramServerError) or isinstance(error.__cause__, ClientConnectorError):
        return True
    name = method.__api_method__
    return isinstance(method, SendChatAction) or name.startswith(("get", "set", "delete"))
