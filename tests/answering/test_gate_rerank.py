"""The gate's quote order, with the real embedding model: a quote holding the wanted kind of
answer leads when it is nearly as close as the closest and names as much of the question."""

import pytest

from answering.evidence import Evidence
from answering.gate import TYPED_MARGIN, Gate
from retrieval import DocumentInfo, Hit

pytestmark = pytest.mark.slow

QUESTION = "How many tunnels of the Flåm line were dug by hand?"
TOPIC = "The tunnels of the Flåm line were dug by hand, which took the workers most of two decades."
COUNT = "Eighteen of the twenty tunnels of the Flåm line were dug by hand."


def quote(doc_id: str, text: str, similarity: float) -> Evidence:
    info = DocumentInfo(doc_id, "Flåm line", "en", None, None, None, f"{doc_id}.md", "h")
    return Evidence(Hit(f"{doc_id}::c0000", text, 1.0, 0, len(text), info, 0.8), 0, 0, len(text), text, similarity)


def test_a_typed_quote_of_the_same_document_nearly_as_close_leads(embedder) -> None:
    gate = Gate(embedder)
    topic, count = quote("flam", TOPIC, 0.880), quote("flam", COUNT, 0.880 - TYPED_MARGIN / 2)
    assert not gate.typed(QUESTION, "en", topic) and gate.typed(QUESTION, "en", count)
    assert gate.rerank(QUESTION, "en", [topic, count])[0] is count
    # Further behind, or in another document, it does not.
    far = quote("flam", COUNT, 0.880 - 2 * TYPED_MARGIN)
    assert gate.rerank(QUESTION, "en", [topic, far])[0] is topic
    other = quote("bergen", COUNT, 0.880 - TYPED_MARGIN / 2)
    assert gate.rerank(QUESTION, "en", [topic, other])[0] is topic
    # Nor one naming less of the question: "Eighteen tunnels" says nothing of the line or the hands.
    vague = quote("flam", "Eighteen tunnels were finished in 1940.", 0.880 - TYPED_MARGIN / 2)
    assert gate.rerank(QUESTION, "en", [topic, vague])[0] is topic
