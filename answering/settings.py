"""How to reach an OpenAI-compatible chat endpoint (Ollama, vLLM, llama.cpp server, hosted)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class LLMSettings:
    base_url: str
    model: str
    api_key: str = field(default="not-needed", repr=False)  # local servers ignore it
    timeout: float = 30.0
    temperature: float = 0.0
