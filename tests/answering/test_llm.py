import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from answering import Answerer, AnswerKind, Conversation, LLMSettings
from answering.evaluation import citation_valid
from answering.grounding import ungrounded
from retrieval import Index

pytestmark = pytest.mark.slow

QUESTION = "Will weapons deliveries to Ukraine continue during a ceasefire?"


def llm_answerer(index: Index, fake, timeout: float = 2.0) -> Answerer:
    return Answerer(index, llm=LLMSettings(fake.base_url, "fake", "key", timeout=timeout))


def test_good_output_is_kept_and_verified(index: Index, fake_llm) -> None:
    fake_llm.mode = "good"
    answer = llm_answerer(index, fake_llm).ask(QUESTION)
    assert answer.mode == "llm" and answer.kind is AnswerKind.ANSWER
    assert answer.points[0].text == "The source states"
    assert all(citation_valid(c, index) for c in answer.citations)


def test_the_models_direct_answer_is_kept_only_when_its_quote_states_it(index: Index, fake_llm) -> None:
    answerer = llm_answerer(index, fake_llm)
    fake_llm.mode = "direct"
    stated = answerer.ask("When was the Budapest Memorandum signed?")
    assert stated.mode == "llm" and stated.direct_answer == "1994"
    assert stated.text.startswith("1994\n")
    fake_llm.mode = "direct_invented"
    invented = answerer.ask("When was the Budapest Memorandum signed?")
    # 1812 is in no quote: the checker drops it and the first quote is read offline instead.
    first = invented.citations[0]
    assert invented.mode == "llm" and "1812" not in invented.text
    assert invented.direct_answer == "1994"
    assert ungrounded(invented.direct_answer, first.quote, "en", first.language) == []


@pytest.mark.parametrize("mode", ["invented", "wrong_language", "injected", "error", "slow"])
def test_bad_output_falls_back_to_offline(index: Index, fake_llm, mode: str) -> None:
    fake_llm.mode = mode
    answer = llm_answerer(index, fake_llm, timeout=1.0).ask(QUESTION)
    assert answer.kind is AnswerKind.ANSWER
    assert answer.mode == "offline"
    assert answer.language == "en"
    assert all(citation_valid(c, index) for c in answer.citations)


def test_follow_up_is_condensed_by_the_model(index: Index, fake_llm) -> None:
    fake_llm.mode = "condense"
    answerer = llm_answerer(index, fake_llm)
    chat = Conversation()
    answerer.ask("What does the Paris draft declaration foresee?", conversation=chat)
    fake_llm.requests.clear()
    answerer.ask("and sanctions?", conversation=chat)
    assert "Follow-up: and sanctions?" in fake_llm.requests[0]["messages"][-1]["content"]
    assert chat.last is not None
    assert chat.last.standalone == "What does the declaration say about sanctions?"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(["good", "invented", "wrong_language", "injected"]),
    st.sampled_from([QUESTION, "Коли підписали Будапештський меморандум?", "Qui a négocié Minsk II ?"]),
)
def test_quotes_stay_verbatim_whatever_the_model_writes(index, fake_llm, mode, q) -> None:
    fake_llm.mode = mode
    answer = llm_answerer(index, fake_llm).ask(q)
    for c in answer.citations:
        assert index.document_text(c.document_id)[c.start : c.end] == c.quote
