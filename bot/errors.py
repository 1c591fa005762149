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


class MalformedTokenError(BotConfigError):
    def __init__(self, problem: str) -> None:
        super().__init__(
            f"BRIEFING_BOT_TOKEN is not a bot token ({problem}): a token looks like "
            "123456789:AAE-… with no spaces; copy it whole from @BotFather (https://t.me/BotFather)."
        )


class TelegramUnreachableError(BotConfigError):
    def __init__(self, url: str, reason: str) -> None:
        super().__init__(
            f"Cannot reach the Telegram Bot API at {url} ({reason}): check the network connection "
            "and any proxy, or set BRIEFING_TELEGRAM_API_URL to a Bot API server you can reach."
        )


class TokenRejectedError(BotConfigError):
    def __init__(self, url: str) -> None:
        super().__init__(
            f"The Telegram Bot API at {url} rejected the token (401 Unauthorized): check "
            "BRIEFING_BOT_TOKEN, or get a new token from @BotFather with /token."
        )
