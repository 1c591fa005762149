from __future__ import annotations

from aiogram.filters import Filter
from aiogram.types import TelegramObject, User


class IsAdmin(Filter):
    """The sender's id is in BRIEFING_ADMIN_IDS (injected as `admin_ids`)."""

    async def __call__(self, event: TelegramObject, event_from_user: User | None, admin_ids: frozenset[int]) -> bool:
        return event_from_user is not None and event_from_user.id in admin_ids
