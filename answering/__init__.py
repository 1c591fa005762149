"""Question → short grounded briefing in the asker's language, every claim a cited verbatim quote."""

from answering.answerer import Answerer
from answering.conversation import Conversation, Turn
from answering.dating import as_of_note
from answering.errors import AnsweringError, LLMError, UnverifiableOutputError
from answering.evaluation import AnswerEvaluation, AnswerResult, evaluate_answers
from answering.gate import prepare_gate
from answering.language import LanguageChoice, LanguageSource, choose_language
from answering.settings import LLMSettings
from answering.types import Answer, AnswerKind, Citation, KeyPoint

__all__ = [
    "Answer",
    "AnswerEvaluation",
    "AnswerKind",
    "AnswerResult",
    "Answerer",
    "AnsweringError",
    "Citation",
    "Conversation",
    "KeyPoint",
    "LLMError",
    "LLMSettings",
    "LanguageChoice",
    "LanguageSource",
    "Turn",
    "UnverifiableOutputError",
    "as_of_note",
    "choose_language",
    "evaluate_answers",
    "prepare_gate",
]
