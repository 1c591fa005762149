"""End to end over real HTTP: the dispatcher polls the fake Bot API server, with the real index
(built from /work/main/corpus on a tmp dir) and the real answerer."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import aiohttp
import pytest
from conftest import CORPUS, running_bot
from fake_telegram import callback, message
from test_app import free_port

from answering import Answerer
from bot.observability import start_monitoring
from retrieval import Index, load_embedder
from retrieval.corpus_files import add_to_corpus, remove_from_corpus

pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="session")]

ADMIN, USER = 1, 2
CYRILLIC = re.compile("[а-яіїєґ]", re.IGNORECASE)


@pytest.fixture(scope="session")
def embedder():
    return load_embedder()


@pytest.fixture
def real(tmp_path: Path, embedder):
    corpus_dir = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus_dir)
    index = Index.open(tmp_path / "index", embedder=embedder)
    index.sync(corpus_dir)
    return index, Answerer(index), corpus_dir


def started(tmp_path, real, **kwargs):
    index, answerer, corpus_dir = real
    return running_bot(
        tmp_path,
        index=index,
        answerer=answerer,
        corpus_dir=corpus_dir,
        add=add_to_corpus,
        remove=remove_from_corpus,
        **kwargs,
    )


def assert_valid_citations(index: Index, citations) -> None:
    assert citations
    for c in citations:
        text = index.document_text(c.document_id)
        assert text[c.start : c.end] == c.quote, c


async def test_ukrainian_question_about_the_french_article(tmp_path, real):
    index, _answerer, _corpus = real
    french = next(d for d in index.documents() if d.language == "fr")
    async with started(tmp_path, real) as h:
        replies = await h.ask(
            USER,
            "Які гарантії безпеки для України обговорює коаліція охочих у Парижі?",
            language_code="en",
        )
        reply = replies[-1]
        answer_id = int(reply.button("👍")["callback_data"].split(":")[1])
        citations = await h.store.citations(answer_id, USER)
        assert_valid_citations(index, citations)
        assert french.id in {c.document_id for c in citations}
        async with h.store.db.execute("SELECT language, kind FROM answers WHERE id = ?", (answer_id,)) as cursor:
            assert await cursor.fetchone() == ("uk", "answer")
        lead = replies[0].text.split("\n")[0]
        assert CYRILLIC.search(lead)
        assert "[1]" in replies[-1].text or "[1]" in replies[0].text
        assert french.title.split()[0] in "".join(r.text for r in replies)

        shown = await h.send(callback(USER, reply.button("📚")["callback_data"]), USER)
        assert "<blockquote>" in shown[0].text
        await h.telegram.push(callback(USER, reply.button("👎")["callback_data"]))
        await h.telegram.wait_for("answerCallbackQuery", 2)
        assert await h.store.feedback(answer_id) == {USER: -1}

        # The counts of what just happened, over HTTP as Prometheus scrapes them.
        port = free_port()
        monitoring = await start_monitoring(h.dp, "127.0.0.1", port)
        try:
            async with aiohttp.ClientSession() as http, http.get(f"http://127.0.0.1:{port}/metrics") as response:
                assert response.status == 200
                scraped = await response.text()
        finally:
            await monitoring.cleanup()
        assert 'briefing_questions_total{kind="answer",language="uk"} 1.0' in scraped
        assert 'briefing_feedback_total{value="down"} 1.0' in scraped
        assert 'briefing_stage_seconds_count{stage="retrieve"} 1.0' in scraped


async def test_admin_upload_is_answered_from_and_non_admin_refused(tmp_path, real):
    index, _answerer, corpus_dir = real
    content = (
        b"---\ntitle: Zebra Accord on Maritime Security\nlanguage: en\npublished: 2025-03-01\n---\n"
        b"# Zebra Accord on Maritime Security\n\n"
        b"Under the Zebra Accord, signed in Odesa on 1 March 2025, Norway and Ukraine agreed to "
        b"patrol the grain corridor in the Black Sea with twelve minesweepers.\n"
    )
    async with started(tmp_path, real) as h:
        h.telegram.add_file("up-1", "documents/zebra.md", content)
        doc = {"file_id": "up-1", "file_unique_id": "u1", "file_name": "zebra.md"}
        files_before = sorted(p.name for p in corpus_dir.iterdir())
        (refused,) = await h.send(message(USER, document=doc), USER)
        assert "only the maintainers" in refused.text
        assert sorted(p.name for p in corpus_dir.iterdir()) == files_before

        (added,) = await h.send(message(ADMIN, document=doc), ADMIN)
        assert "Zebra Accord" in added.text and "1 added" in added.text
        replies = await h.ask(ADMIN, "How many minesweepers will patrol the grain corridor?")
        answer_id = int(replies[-1].button("👍")["callback_data"].split(":")[1])
        citations = await h.store.citations(answer_id, ADMIN)
        assert_valid_citations(index, citations)
        assert any("zebra" in c.document_id for c in citations)
        assert "twelve minesweepers" in "".join(r.text for r in replies)


async def test_survives_429_and_500_with_real_components(tmp_path, real):
    async with started(tmp_path, real) as h:
        h.telegram.fail_next("sendMessage", 1, status=429, retry_after=1)
        h.telegram.fail_next("sendChatAction", 1, status=500)
        replies = await h.ask(USER, "What did the Budapest Memorandum promise Ukraine?")
        assert replies[-1].keyboard
        h.telegram.fail_next("getUpdates", 2, status=500)
        replies = await h.ask(USER, "Was ist das Minsker Abkommen?", language_code="de")
        assert replies[-1].keyboard


async def test_latency(tmp_path, real, record_property):
    questions = [
        ("Які гарантії безпеки обговорює коаліція охочих?", "uk"),
        ("What did the Budapest Memorandum promise Ukraine?", "en"),
        ("Was regelten die Minsker Abkommen?", "de"),
        ("Czy Ukraina jest objęta artykułem 5?", "pl"),
        ("Quelles garanties la coalition propose-t-elle ?", "fr"),
        ("Какие соглашения о безопасности подписала Украина?", "ru"),
        ("Коли Велика Британія підписала безпекову угоду з Україною?", "uk"),
        ("Who signed the Budapest Memorandum?", "en"),
        ("Welche Rolle spielte die OSZE-Beobachtermission?", "de"),
        ("Kiedy artykuł 5 został uruchomiony?", "pl"),
        ("Les livraisons d'armes continueront-elles après un cessez-le-feu ?", "fr"),
        ("Что такое Будапештский меморандум?", "ru"),
        ("Яку роль відіграють США у моніторингу припинення вогню?", "uk"),
        ("Did Ukraine give up nuclear weapons?", "en"),
        ("Wann wurde Minsk II vereinbart?", "de"),
        ("Czym są gwarancje podobne do artykułu 5?", "pl"),
        ("Qui représentait Washington à Paris ?", "fr"),
        ("Когда США подписали соглашение с Украиной?", "ru"),
    ]
    async with started(tmp_path, real) as h:
        for i, (question, language) in enumerate(questions):
            await h.ask(100 + i, question, language_code=language)
        ordered = sorted(h.latencies_ms)
        p50 = ordered[len(ordered) // 2]
        p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
        record_property("latency_p50_ms", round(p50))
        record_property("latency_p95_ms", round(p95))
        print(f"\nupdate→reply over HTTP: p50 {p50:.0f} ms, p95 {p95:.0f} ms, n={len(ordered)}")
        print("all:", [round(x) for x in h.latencies_ms])
        stats = await h.store.daily_stats()
        assert stats.questions == len(questions)
