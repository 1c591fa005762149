"""👍/👎 under an answer, stored with the answer's trace."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery
from aiogram.utils.i18n import gettext as _

from bot.keyboards import FeedbackCallback
from bot.observability import Metrics
from bot.storage import TraceStore


async def vote(callback: CallbackQuery, callback_data: FeedbackCallback, store: TraceStore, metrics: Metrics) -> None:
    vote = 1 if callback_data.vote > 0 else -1
    chat = callback.message.chat.id if callback.message else callback.from_user.id
    if await store.record_feedback(callback_data.answer_id, callback.from_user.id, vote, chat):
        metrics.voted(vote)
        await callback.answer(_("Thank you for your feedback!"))
    else:
        await callback.answer(_("This answer is no longer available."), show_alert=True)


async def unreadable(callback: CallbackQuery) -> None:
    """Callback data that does not parse (forged, or an id out of range)."""
    await callback.answer(_("This answer is no longer available."), show_alert=True)


def create_router() -> Router:
    router = Router(name="feedback")
    router.callback_query.register(vote, FeedbackCallback.filter())
    router.callback_query.register(unreadable, F.data.startswith(f"{FeedbackCallback.__prefix__}:"))
    return router
