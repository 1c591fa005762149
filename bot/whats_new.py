"""The newest documents as Telegram HTML: /latest and the subscribers' digest."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from answering.latest import LatestEntry
from bot.blocks import BOLD, ITALIC, MAX_MESSAGE_LENGTH, Block, Run, link_to, pack, plain


@dataclass(frozen=True)
class NewDocument:
    """A new document: its date, its title (linked) and language, and its opening sentence."""

    entry: LatestEntry

    def runs(self) -> Sequence[Run]:
        doc = self.entry.document
        date = [Run(f"{self.entry.date} · ")] if self.entry.date else []
        title = Run(doc.title, (BOLD, *link_to(doc.source)))
        return (*date, title, Run(f" ({doc.language})\n"), Run(self.entry.lead, (ITALIC,)))


def render_entries(
    entries: Sequence[LatestEntry], heading: str, footer: str = "", limit: int = MAX_MESSAGE_LENGTH
) -> list[str]:
    blocks: list[Block] = [plain(heading, BOLD), *(NewDocument(e) for e in entries), plain(footer)]
    return pack(blocks, limit)
