"""What the bot needs to run, as plain values: the application layer builds it from its settings."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.errors import MalformedTokenError, MissingTokenError, MissingWebhookSecretError

# BotFather's tokens: the bot's numeric id, a colon, and 35 characters of [A-Za-z0-9_-].
_TOKEN = re.compile(r"\d{1,20}:[A-Za-z0-9_-]{20,}")


@dataclass(frozen=True)
class BotConfig:
    token: str = field(repr=False)
    api_url: str | None = None
    admin_ids: Sequence[int] = ()
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    webhook_host: str = "127.0.0.1"
    webhook_port: int = 8080
    # Polling mode only: serve /metrics and /healthz on this port (webhook mode uses webhook_port).
    metrics_port: int | None = None
    redis_url: str | None = None
    data_dir: Path = Path(".briefing")
    flood_interval: float = 1.0
    # Seconds between digest rounds for /subscribe; 0 sends none.
    digest_interval: float = 3600.0
    flood_burst: int = 5
    max_document_bytes: int | None = None

    def check(self) -> None:
        """Raise a `BotConfigError` saying what to set when the bot cannot start."""
        if not self.token.strip():
            raise MissingTokenError()
        if not _TOKEN.fullmatch(self.token):
            raise MalformedTokenError(_token_problem(self.token))
        if self.webhook_url and not self.webhook_secret:
            raise MissingWebhookSecretError()


def _token_problem(token: str) -> str:
    """What is wrong with a token, without repeating the token."""
    if any(c.isspace() for c in token):
        return "it contains spaces; is it still the README's placeholder?"
    if ":" not in token:
        return "it has no ':' between the bot id and the secret"
    bot_id, secret = token.split(":", 1)
    if not bot_id.isdigit():
        return "the part before ':' must be the bot's numeric id"
    if len(secret) < 20:
        return "the part after ':' is too short"
    return "the part after ':' may only hold letters, digits, '_' and '-'"
