"""Inline keyboards and their callback data (each under Telegram's 64-byte limit)."""

from __future__ import annotations

from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder
from babel import Locale
from pydantic import Field

# The UI and reply languages offered by /lang.
LANGUAGES = ("en", "uk", "ru", "fr", "de", "pl")
AUTO = "auto"


# An answer id is an SQLite row id; anything outside its range is forged data.
AnswerId = Annotated[int, Field(ge=1, le=2**63 - 1)]


class SourcesCallback(CallbackData, prefix="src"):
    answer_id: AnswerId


class FeedbackCallback(CallbackData, prefix="fb"):
    answer_id: AnswerId
    vote: int


class LanguageCallback(CallbackData, prefix="lang"):
    code: str


def answer_keyboard(answer_id: int, *, with_sources: bool) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if with_sources:
        builder.button(text=_("📚 Sources"), callback_data=SourcesCallback(answer_id=answer_id))
    builder.button(text="👍", callback_data=FeedbackCallback(answer_id=answer_id, vote=1))
    builder.button(text="👎", callback_data=FeedbackCallback(answer_id=answer_id, vote=-1))
    builder.adjust(3)
    return builder.as_markup()


def language_keyboard(current: str | None) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for code in LANGUAGES:
        mark = "✓ " if code == current else ""
        name = own_name(code)
        builder.button(text=f"{mark}{name}", callback_data=LanguageCallback(code=code))
    auto = _("Same as the question")
    builder.button(
        text=f"{'✓ ' if current is None else ''}{auto}",
        callback_data=LanguageCallback(code=AUTO),
    )
    builder.adjust(2, 2, 2, 1)
    return builder.as_markup()


def own_name(code: str) -> str:
    """A language's name in itself, as a speaker would pick it from a list ("Українська")."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]
