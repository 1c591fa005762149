"""The Telegram bot: `serve(config, answerer=..., corpus=...)` runs it until stopped."""

from bot.app import build_dispatcher, build_webhook_app, create_bot, run_polling, serve
from bot.config import BotConfig
from bot.errors import BotConfigError, MissingTokenError, MissingWebhookSecretError
from bot.services import Corpus

__all__ = [
    "BotConfig",
    "BotConfigError",
    "Corpus",
    "MissingTokenError",
    "MissingWebhookSecretError",
    "build_dispatcher",
    "build_webhook_app",
    "create_bot",
    "run_polling",
    "serve",
]
