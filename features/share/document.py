"""The share page as the document a turn sends: plain data until the handlers make it, on
a worker thread after the turn commits (reportlab and matplotlib load only then)."""

from __future__ import annotations

from dataclasses import dataclass

from features.kernel.vocabulary import MadeDocument
from features.share.page import Page


@dataclass(frozen=True, slots=True)
class SharePage:
    """The page the client chose, to be made into a one-page PDF."""

    page: Page

    def make(self, language: str) -> MadeDocument:
        """The PDF, on one page, with its caption."""
        from features.share import fitting

        return fitting.made(self.page, language)
