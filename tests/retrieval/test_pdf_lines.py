"""Joining a PDF page's wrapped lines back into paragraphs."""

from retrieval.pdf_lines import joined_lines


def test_wrapped_lines_become_paragraphs_and_headings_stand_alone() -> None:
    page = "\n".join(
        [
            "Security guarantees",
            "The coalition agreed in Paris that a future ceasefire would be monitored by",
            "a mission under the leadership of the United States. Arms deliveries to Kyiv",
            "would continue during the ceasefire, and the partners would consult on the secu-",
            "rity of Ukraine within 24 hours of a new attack.",
            "12",
            "Next steps",
            "A second meeting of the coalition is planned for the spring in London, where",
            "the declaration is to be signed.",
        ]
    )
    assert joined_lines(page).split("\n\n") == [
        "Security guarantees",
        "The coalition agreed in Paris that a future ceasefire would be monitored by a mission under the "
        "leadership of the United States. Arms deliveries to Kyiv would continue during the ceasefire, and the "
        "partners would consult on the security of Ukraine within 24 hours of a new attack.",
        "12",
        "Next steps",
        "A second meeting of the coalition is planned for the spring in London, where the declaration is to be signed.",
    ]


def test_list_items_keep_their_lines_and_blank_lines_stay_paragraph_breaks() -> None:
    page = "Ingredients for four people, as the recipe gives them in its first section:\n- 1 kg of ripe tomatoes\n"
    page += "- 1 small cucumber\n\nServe it cold."
    assert joined_lines(page) == (
        "Ingredients for four people, as the recipe gives them in its first section:\n"
        "- 1 kg of ripe tomatoes\n- 1 small cucumber\n\nServe it cold."
    )
    assert joined_lines("\n \n") == ""


def test_the_spaces_that_justify_a_line_are_read_as_one() -> None:
    page = "21  февраля  2023  года  Владимир  Путин  объявил,  что  Россия\nприостанавливает участие в договоре.\n"
    joined = "21 февраля 2023 года Владимир Путин объявил, что Россия приостанавливает участие в договоре."
    assert joined_lines(page) == joined
