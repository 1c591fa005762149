"""/lang: the reply (and interface) language, remembered per user."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.keyboards import AUTO, LANGUAGES, LanguageCallback, language_keyboard, own_name
from bot.middlewares import telegram_locale
from bot.storage import LanguagePreferences


async def choose(message: Message, reply_language: str | None) -> None:
    await message.answer(_("In which language should I reply?"), reply_markup=language_keyboard(reply_language))


async def chosen(
    callback: CallbackQuery,
    callback_data: LanguageCallback,
    bot: Bot,
    preferences: LanguagePreferences,
    i18n: I18n,
) -> None:
    language = None if callback_data.code == AUTO else callback_data.code
    await preferences.set(bot.id, callback.from_user.id, language)
    locale = language or telegram_locale(callback.from_user, i18n.available_locales)
    with i18n.use_locale(locale or i18n.default_locale):
        if language:
            text = _("I will reply in {language}.").format(language=own_name(language))
        else:
            text = _("I will reply in the language of each question.")
        await callback.answer(text)
        if callback.message is not None:
            await bot.edit_message_text(
                text=text,
                chat_id=callback.message.chat.id,
                message_id=callback.message.message_id,
                reply_markup=language_keyboard(language),
            )


def create_router() -> Router:
    router = Router(name="language")
    router.message.register(choose, Command("lang"))
    router.callback_query.register(chosen, LanguageCallback.filter(F.code.in_({*LANGUAGES, AUTO})))
    return router
