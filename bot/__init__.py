"""The Telegram bot: `run_bot(settings)` is the `briefing bot` command."""

from bot.app import build_dispatcher, build_webhook_app, create_bot, run_bot, run_polling, serve
from bot.errors import BotConfigError, MissingTokenError, MissingWebhookSecretError

__all__ = [
    "BotConfigError",
    "MissingTokenError",
    "MissingWebhookSecretError",
    "build_dispatcher",
    "build_webhook_app",
    "create_bot",
    "run_bot",
    "run_polling",
    "serve",
]
