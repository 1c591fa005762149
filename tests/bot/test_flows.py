"""The bot's flows over real HTTP against the fake Bot API, with test doubles for retrieval and
answering (fast; the real components are exercised in test_e2e.py)."""

from __future__ import annotations

import asyncio
import logging

import pytest
from conftest import running_bot
from fake_telegram import TOKEN, callback, message, text_message

pytestmark = pytest.mark.asyncio(loop_scope="session")

ADMIN, USER = 1, 2


async def test_question_gets_a_cited_answer_with_buttons(tmp_path, corpus_copy, fake_services):
    index, answerer = fake_services
    async with running_bot(tmp_path, index=index, answerer=answerer, corpus_dir=corpus_copy) as h:
        replies = await h.ask(USER, "Які двосторонні безпекові угоди підписала Україна?", language_code="uk")
        assert h.telegram.of("sendChatAction", USER)[0].params["action"] == "typing"
        reply = replies[-1]
        assert reply.params.get("parse_mode") == "HTML"
        assert "[1]" in reply.text
        assert answerer.calls[-1]["preferred"] == "uk"
        sources = reply.button("📚")
        assert len(sources["callback_data"].encode()) <= 64

        shown = await h.send(callback(USER, sources["callback_data"], language_code="uk"), USER)
        assert "<blockquote>" in shown[0].text
        assert h.telegram.of("answerCallbackQuery")

        thumbs_up = reply.button("👍")["callback_data"]
        await h.telegram.push(callback(USER, thumbs_up))
        calls = await h.telegram.wait_for("answerCallbackQuery", 2)
        assert "Дякуємо" not in calls[-1].params.get("text", "")  # language_code en here
        answer_id = int(thumbs_up.split(":")[1])
        assert await h.store.feedback(answer_id) == {USER: 1}
        stats = await h.store.daily_stats()
        assert stats.questions == 1 and stats.thumbs_up == 1
        assert stats.latency_p50_ms is not None


async def test_commands_speak_the_users_language(tmp_path, corpus_copy, fake_services):
    index, answerer = fake_services
    async with running_bot(tmp_path, index=index, answerer=answerer, corpus_dir=corpus_copy) as h:
        (start,) = await h.send(text_message(USER, "/start", "uk"), USER)
        assert "гарантії безпеки" in start.text
        (start_de,) = await h.send(text_message(3, "/start", "de-AT"), 3)
        assert "Sicherheitsgarantien" in start_de.text
        (help_,) = await h.send(text_message(USER, "/help", "pl"), USER)
        assert "Napisz pytanie" in help_.text
        (about,) = await h.send(text_message(USER, "/about", "ru"), USER)
        assert "ассистент" in about.text
        (sources,) = await h.send(text_message(USER, "/sources", "fr"), USER)
        assert "budapest-memorandum-1994" in sources.text
        assert "Les documents" in sources.text
        (unknown,) = await h.send(text_message(USER, "/nonsense", "en"), USER)
        assert "/help" in unknown.text
        commands = h.telegram.of("setMyCommands")
        assert {c.params.get("language_code") for c in commands} >= {"uk", "ru", "fr", "de", "pl"}


async def test_lang_choice_is_remembered_and_used(tmp_path, corpus_copy, fake_services):
    index, answerer = fake_services
    async with running_bot(tmp_path, index=index, answerer=answerer, corpus_dir=corpus_copy) as h:
        (menu,) = await h.send(text_message(USER, "/lang", "en"), USER)
        polish = menu.button("Polski")["callback_data"]
        await h.telegram.push(callback(USER, polish))
        (edited,) = await h.telegram.wait_for("editMessageText")
        assert "Będę odpowiadać" in edited.text
        await h.ask(USER, "What did the Budapest memorandum promise?")
        assert answerer.calls[-1]["language"] == "pl"
        (help_,) = await h.send(text_message(USER, "/help", "en"), USER)
        assert "Napisz pytanie" in help_.text

        (menu,) = await h.send(text_message(USER, "/lang", "en"), USER)
        await h.telegram.push(callback(USER, menu.button("✓ Polski")["callback_data"][:5] + "auto"))
        await h.telegram.wait_for("editMessageText", 2)
        await h.ask(USER, "What did the Budapest memorandum promise?")
        assert answerer.calls[-1]["language"] is None


async def test_admin_upload_is_indexed_and_answered_from(tmp_path, corpus_copy, fake_services):
    index, answerer = fake_services
    async with running_bot(tmp_path, index=index, answerer=answerer, corpus_dir=corpus_copy) as h:
        content = b"# Zebra accord\n\nThe zebra accord promises striped guarantees.\n"
        h.telegram.add_file("file-1", "documents/zebra.md", content)
        doc = {"file_id": "file-1", "file_unique_id": "u1", "file_name": "zebra.md"}
        (added,) = await h.send(message(ADMIN, document=doc), ADMIN)
        assert "zebra" in added.text and "1 added" in added.text
        assert (corpus_copy / "zebra.md").read_bytes() == content

        replies = await h.ask(ADMIN, "What does the zebra accord promise?")
        assert "striped guarantees" in replies[-1].text

        (refused,) = await h.send(message(USER, document=doc), USER)
        assert "only the maintainers" in refused.text
        for command in ("/remove zebra", "/reindex", "/stats", "/add https://example.org/x"):
            (refused,) = await h.send(text_message(USER, command), USER)
            assert "only the maintainers" in refused.text
        assert (corpus_copy / "zebra.md").exists()

        (stats,) = await h.send(text_message(ADMIN, "/stats"), ADMIN)
        assert "Documents: 6" in stats.text and "Questions today: 1" in stats.text
        (removed,) = await h.send(text_message(ADMIN, "/remove zebra"), ADMIN)
        assert "1 removed" in removed.text
        assert not (corpus_copy / "zebra.md").exists()
        (missing,) = await h.send(text_message(ADMIN, "/remove zebra"), ADMIN)
        assert "No such document" in missing.text

        h.telegram.add_file("file-2", "documents/empty.txt", b"")
        empty = {"file_id": "file-2", "file_unique_id": "u2", "file_name": "empty.txt"}
        (error,) = await h.send(message(ADMIN, document=empty), ADMIN)
        assert "empty.txt: the file is empty" in error.text and "/tmp" not in error.text
        bad = {"file_id": "file-3", "file_unique_id": "u3", "file_name": "virus.exe"}
        (wrong_type,) = await h.send(message(ADMIN, document=bad), ADMIN)
        assert "PDF, DOCX" in wrong_type.text
        (usage,) = await h.send(text_message(ADMIN, "/add not-a-url"), ADMIN)
        assert "Usage" in usage.text


async def test_survives_429_and_500(tmp_path, corpus_copy, fake_services):
    index, answerer = fake_services
    async with running_bot(tmp_path, index=index, answerer=answerer, corpus_dir=corpus_copy) as h:
        h.telegram.fail_next("sendMessage", 1, status=429, retry_after=1)
        replies = await h.ask(USER, "What did the Budapest memorandum promise?")
        assert "[1]" in replies[-1].text
        h.telegram.fail_next("sendMessage", 2, status=500)
        h.telegram.fail_next("getUpdates", 2, status=502)
        replies = await h.ask(USER, "What did the Budapest memorandum promise?")
        assert "[1]" in replies[-1].text
        assert [c.method for c in h.telegram.failed].count("sendMessage") == 3
        assert [c.method for c in h.telegram.failed].count("getUpdates") == 2


async def test_non_text_messages_get_a_helpful_reply(tmp_path, corpus_copy, fake_services):
    index, answerer = fake_services
    async with running_bot(tmp_path, index=index, answerer=answerer, corpus_dir=corpus_copy) as h:
        sticker = {
            "file_id": "s",
            "file_unique_id": "s",
            "type": "regular",
            "width": 1,
            "height": 1,
            "is_animated": False,
            "is_video": False,
        }
        (reply,) = await h.send(message(USER, sticker=sticker), USER)
        assert "only understand text" in reply.text
        photo = [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]
        (reply,) = await h.send(message(USER, "fr", photo=photo), USER)
        assert "Je ne comprends que le texte" in reply.text
        voice = {"file_id": "v", "file_unique_id": "v", "duration": 1}
        (reply,) = await h.send(message(USER, voice=voice), USER)
        assert "voice" in reply.text


async def test_errors_are_apologized_for_and_logged_without_token(tmp_path, corpus_copy, fake_services, caplog):
    index, answerer = fake_services
    async with running_bot(tmp_path, index=index, answerer=answerer, corpus_dir=corpus_copy) as h:
        with caplog.at_level(logging.ERROR):
            (reply,) = await h.send(text_message(USER, "boom"), USER)
        assert "Sorry, something went wrong" in reply.text
        assert "the answerer failed" in caplog.text
        assert f"from user {USER}" in caplog.text
        assert TOKEN not in caplog.text


async def test_start_then_a_question_half_a_second_later_both_answered(tmp_path, corpus_copy, fake_services):
    """The default pacing (a burst of 5, then one a second) lets a new user's first messages
    through at once."""
    index, answerer = fake_services
    async with running_bot(tmp_path, index=index, answerer=answerer, corpus_dir=corpus_copy, flood_interval=1) as h:
        await h.telegram.push(text_message(USER, "/start"))
        await asyncio.sleep(0.5)
        replies = await h.ask(USER, "What did the Budapest Memorandum promise?")
        texts = [c.text for c in h.telegram.of("sendMessage", USER)]
        assert len(texts) == 2 and "[1]" in replies[-1].text
        assert not any("too fast" in t for t in texts)


async def test_messages_over_the_rate_limit_wait_and_are_all_answered(tmp_path, corpus_copy, fake_services):
    index, answerer = fake_services
    async with running_bot(
        tmp_path, index=index, answerer=answerer, corpus_dir=corpus_copy, flood_interval=1, flood_burst=2
    ) as h:
        pushed = [await h.telegram.push(text_message(USER, "/help")) for _ in range(4)]
        (other,) = await h.send(text_message(USER + 1, "/help"), USER + 1)
        replies = await h.telegram.wait_for("sendMessage", 4, chat_id=USER, timeout=30)
        assert len(replies) == 4
        # The third and fourth waited for the two-second window of the first two to pass; another
        # user was not held up by them.
        assert min(r.at for r in replies[2:]) - h.telegram.pushed_at(pushed[0]) >= 1.5
        assert other.at < replies[2].at
