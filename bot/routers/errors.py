"""The last resort: log what failed with its context, tell the user briefly."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.exceptions import TelegramNetworkError
from aiogram.types import ErrorEvent
from aiogram.utils.i18n import gettext as _

from bot.observability import Metrics

logger = logging.getLogger(__name__)


async def on_error(event: ErrorEvent, metrics: Metrics | None = None) -> bool:
    update = event.update
    # Optional: the last resort must not fail for want of a dependency.
    if metrics is not None:
        metrics.failed(update.event_type)
    message = update.message or (update.callback_query.message if update.callback_query else None)
    user = (update.message and update.message.from_user) or (update.callback_query and update.callback_query.from_user)
    logger.error(
        "update %s (%s) from user %s failed: %s: %s",
        update.update_id,
        update.event_type,
        user.id if user else None,
        type(event.exception).__name__,
        event.exception,
        exc_info=event.exception,
    )
    if isinstance(event.exception, TelegramNetworkError):
        # Telegram did not answer in time: the reply may well have arrived, and a notice would
        # most likely not get through either.
        return True
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(_("Sorry, something went wrong. Please try again."), show_alert=True)
        elif message is not None:
            await message.answer(_("Sorry, something went wrong. Please try again in a moment."))
    except Exception:
        logger.exception("could not tell the user about the failure of update %s", update.update_id)
    return True


def create_router() -> Router:
    router = Router(name="errors")
    router.errors.register(on_error)
    return router
