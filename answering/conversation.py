"""A short per-conversation memory so that a follow-up ("and sanctions?") is understood."""

from __future__ import annotations

from collections import deque
from dataclasses import asdict, dataclass, field
from typing import Any

# Only the last few turns matter for a follow-up; older ones would drag retrieval off topic.
MAX_TURNS = 3
# A question this short (in words) probably leans on the previous one.
FOLLOW_UP_MAX_WORDS = 4


@dataclass(frozen=True)
class Turn:
    question: str
    standalone: str
    language: str


@dataclass
class Conversation:
    """The last turns of one conversation; the caller keeps one per chat."""

    turns: deque[Turn] = field(default_factory=lambda: deque(maxlen=MAX_TURNS))

    @property
    def last(self) -> Turn | None:
        return self.turns[-1] if self.turns else None

    @property
    def language(self) -> str | None:
        return self.last.language if self.last else None

    def remember(self, turn: Turn) -> None:
        self.turns.append(turn)

    def clear(self) -> None:
        self.turns.clear()

    def to_data(self) -> list[dict[str, str]]:
        """Plain data, for a store shared by several processes."""
        return [asdict(turn) for turn in self.turns]

    @classmethod
    def from_data(cls, data: list[dict[str, Any]] | None) -> Conversation:
        conversation = cls()
        for turn in (data or [])[-MAX_TURNS:]:
            conversation.remember(Turn(str(turn["question"]), str(turn["standalone"]), str(turn["language"])))
        return conversation


def offline_standalone(question: str, conversation: Conversation | None) -> str:
    """The question to search with: a short follow-up is joined to the previous standalone
    question (the embedding then carries both topics); a full question stands alone."""
    last = conversation.last if conversation else None
    if last is None or len(question.split()) > FOLLOW_UP_MAX_WORDS:
        return question
    return f"{last.standalone} {question}"
