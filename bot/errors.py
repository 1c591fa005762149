"""Errors the bot raises before it can run; each message says what to do."""

from __future__ import annotations


class BotConfigError(Exception):
    """The bot's settings do not allow it to start."""


class MissingTokenError(BotConfigError):
    def __init__(self) -> None:
        super().__init__(
            "No Telegram bot token: set BRIEFING_BOT_TOKEN (in the environment or in .env).\n"
            "To get one, open Telegram, talk to @BotFather (https://t.me/BotFather), send /newbot "
            "and follow the steps; BotFather replies with the token."
        )


class MissingWebhookSecretError(BotConfigError):
    def __init__(self) -> None:
        super().__init__(
            "Webhook mode (BRIEFING_WEBHOOK_URL is set) needs BRIEFING_WEBHOOK_SECRET: a random "
            "string of 1-256 characters A-Z, a-z, 0-9, _ and -, e.g. the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(32))'`."
        )
