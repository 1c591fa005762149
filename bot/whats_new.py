"""The newest documents as Telegram HTML: /latest and the subscribers' digest."""

from __future__ import annotations

from collections.abc import Sequence

from answering.latest import LatestEntry
from bot.render import MAX_MESSAGE_LENGTH, link, split_html, text


def render_entries(
    entries: Sequence[LatestEntry], heading: str, footer: str = "", limit: int = MAX_MESSAGE_LENGTH
) -> list[str]:
    blocks = [f"<b>{text(heading)}</b>"]
    for entry in entries:
        doc = entry.document
        date = f"{text(entry.date)} · " if entry.date else ""
        blocks.append(f"{date}<b>{link(doc.title, doc.source)}</b> ({text(doc.language)})\n<i>{text(entry.lead)}</i>")
    if footer:
        blocks.append(text(footer))
    return split_html("\n\n".join(blocks), limit)
