"""Every setting of the application, read from the environment (prefix BRIEFING_) or `.env`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BRIEFING_", env_file=".env", extra="ignore")

    # Retrieval
    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path(".briefing")
    chroma_url: str | None = None
    embedding_model: str = "intfloat/multilingual-e5-small"
    model_cache_dir: Path | None = None

    # Answering
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: SecretStr | None = None
    llm_timeout: float = 30.0

    # Bot
    bot_token: SecretStr | None = None
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    telegram_api_url: str | None = None
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_host: str = "127.0.0.1"
    webhook_port: int = 8080
    # Polling mode only: serve /metrics and /healthz on this port (webhook mode uses webhook_port).
    metrics_port: int | None = None
    redis_url: str | None = None
    data_dir: Path = Path(".briefing")
    # Flood control: a user's burst of `flood_burst` messages is answered at once, then one
    # message per `flood_interval` seconds; messages over the limit wait, none is dropped.
    flood_interval: float = 1.0
    digest_interval: float = 3600.0
    flood_burst: int = Field(default=5, ge=1)
    # Corpus files larger than this are refused (by `corpus add`, the bot's upload and sync).
    max_document_mb: float = Field(default=10.0, gt=0)

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: Any) -> Any:
        """Accept `1,2` and `1 2` as well as the JSON list `[1, 2]`."""
        if isinstance(value, str):
            parts = value.strip().strip("[]").replace(",", " ").split()
            for part in parts:
                if not part.lstrip("-").isdigit():
                    raise ValueError(
                        f"{part!r} is not a Telegram user id: give numeric ids separated by commas, "
                        "e.g. BRIEFING_ADMIN_IDS=123456789,987654321 (@userinfobot tells you yours)"
                    )
            return [int(part) for part in parts]
        return value

    @property
    def max_document_bytes(self) -> int:
        return int(self.max_document_mb * 1024 * 1024)


class SettingsError(Exception):
    """A setting has a value that cannot be used; the message names it and the accepted form."""


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        raise SettingsError("; ".join(_describe(error) for error in exc.errors())) from None


def _describe(error: Any) -> str:
    name = "BRIEFING_" + "_".join(str(part) for part in error["loc"][:1]).upper()
    return f"{name}: {str(error['msg']).removeprefix('Value error, ')}"
