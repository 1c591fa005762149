"""Errors a caller can act on: each message says what was wrong and what to do."""


class RetrievalError(Exception):
    """Base class for every error raised by the retrieval package."""


class DocumentError(RetrievalError):
    """A source document could not be read; the message names the file and the fix."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ModelUnavailableError(RetrievalError):
    """The embedding model could not be found, downloaded or built."""


class IndexMismatchError(RetrievalError):
    """The index was built with another embedding model than the one configured."""


class DocumentNotFoundError(RetrievalError):
    """No document with the given id is in the corpus or the index."""
