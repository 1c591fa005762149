"""Errors a caller can act on; each message says what went wrong and what to do."""


class AnsweringError(Exception):
    """Base class for every error raised by the answering package."""


class LLMError(AnsweringError):
    """The language model could not be reached or gave no usable reply. The answerer catches it
    and falls back to the offline composer; it reaches callers only through `compose_llm`."""


class UnverifiableOutputError(LLMError):
    """The model replied, but no sentence of the reply survived quote and citation checks."""
