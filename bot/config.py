"""What the bot needs to run, as plain values: the application layer builds it from its settings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.errors import MissingTokenError, MissingWebhookSecretError


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

    def check(self) -> None:
        """Raise a `BotConfigError` saying what to set when the bot cannot start."""
        if not self.token.strip():
            raise MissingTokenError()
        if self.webhook_url and not self.webhook_secret:
            raise MissingWebhookSecretError()
