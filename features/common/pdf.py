"""What every PDF the bot makes shares: A4 with even margins, DejaVu Sans (it comes with
matplotlib, needs no system fonts and covers most scripts), the paragraph styles, and text
made safe to print (markup escaped, an emoji the font can't draw put in words).

reportlab loads with this module: import it where a PDF is made, on a worker thread, not
at start."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import matplotlib
from reportlab import rl_config  # type: ignore[import-untyped]
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]

_FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
_REGULAR, _BOLD = _FONTS / "DejaVuSans.ttf", _FONTS / "DejaVuSans-Bold.ttf"
FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
PAGE = A4
MARGIN = 18 * mm
FRAME_WIDTH = A4[0] - 2 * MARGIN


def markup(text: str) -> str:
    """Plain text as reportlab's paragraph markup: escaped, line breaks kept."""
    return xml_escape(text.strip()).replace("\n", "<br/>")


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The fonts (registered once) and the paragraph styles."""
    rl_config.useA85 = 0  # binary streams: smaller files, and no slow ASCII85 encoding
    pdfmetrics.registerFont(TTFont(FONT, str(_REGULAR)))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(_BOLD)))
    return {
        "title": ParagraphStyle("title", fontName=FONT_BOLD, fontSize=18, leading=23),
        "small": ParagraphStyle("small", fontName=FONT, fontSize=9, leading=12),
        "section": ParagraphStyle(
            "section", fontName=FONT_BOLD, fontSize=14, leading=18, spaceBefore=8, spaceAfter=4
        ),
        "heading": ParagraphStyle(
            "heading", fontName=FONT_BOLD, fontSize=11, leading=14, spaceBefore=8, spaceAfter=2
        ),
        "body": ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13, spaceAfter=2),
        # A question's label: small, bold and grey; its answer below, indented.
        "label": ParagraphStyle(
            "label",
            fontName=FONT_BOLD,
            fontSize=8.5,
            leading=11,
            spaceBefore=5,
            textColor=colors.HexColor("#5a5a5a"),
        ),
        "answer": ParagraphStyle(
            "answer", fontName=FONT, fontSize=10.5, leading=14, leftIndent=10, spaceAfter=2
        ),
    }


@cache
def _covered() -> frozenset[int]:
    """The characters DejaVu Sans can draw."""
    styles()
    face = pdfmetrics.getFont(FONT).face
    return frozenset(face.charWidths)


def printable() -> Callable[[str], str]:
    """A function keeping what the font can draw; an emoji it can't becomes its name in
    words ("(slightly smiling face)"), anything else a plain mark, rather than an empty
    box or a warning carrying the client's words."""
    covered = _covered()

    def printed(c: str) -> str:
        if ord(c) in covered or c in "\n\t":
            return c
        if unicodedata.category(c) in ("Mn", "Cf", "Sk") or 0x1F3FB <= ord(c) <= 0x1F3FF:
            return ""  # joiners, variation selectors, skin tones: part of an emoji
        name = unicodedata.name(c, None)
        if unicodedata.category(c) == "So" and name:
            return f"({name.lower()})"
        return "\u25a1"

    def safe(text: str) -> str:
        return "".join(printed(c) for c in text)

    return safe
