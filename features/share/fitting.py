"""The share page on one page: when what the client chose doesn't fit, it is shortened
step by step until it does, and the caption says how: long items cut short (ending in
"…"), fewer sessions, the chart left out (its table stays), and last the note's final
items left out. Each way is measured first (the chart by its known size), and only one
that fits is drawn and written. Runs on a worker thread."""

from __future__ import annotations

from dataclasses import replace

from features.kernel.vocabulary import MadeDocument, Ref
from features.share.choice import COUNTS
from features.share.page import Page
from features.share.paper import HEIGHT, WIDTH, Fit, chart_png, laid_out, pdf

# How long one item's words may be at each step of shortening (None: whole).
_LIMITS = (None, 400, 200)
_SHORTEST = 100
# How far over a page the estimate may be and the page still be written out to see.
_LEEWAY = 1.12


def made(page: Page, language: str) -> MadeDocument:
    """The page as a PDF on one page, and the caption saying what had to be shortened."""
    asked = max(page.count, 1)
    smallest = min([asked, *COUNTS])
    fits = [Fit(limit, asked) for limit in _LIMITS]
    fits += [Fit(200, n) for n in sorted(COUNTS, reverse=True) if n < asked]
    fits += [Fit(_SHORTEST, smallest), Fit(_SHORTEST, smallest, chart=False)]
    for fit in fits:
        if _fits(page, fit, language, leeway=_LEEWAY):
            found = _written(page, fit, language)
            if found is not None:
                return found
    # Last: the note's final lines left out, as few as will do (written out to see: with
    # no chart left to draw, each try is quick, and the estimate would leave out more).
    last = fits[-1]
    low, high = 0, _note_lines(page) - 1
    best = _written(page, replace(last, lines=0), language, even_if_longer=True)
    while low <= high:
        middle = (low + high) // 2
        found = _written(page, replace(last, lines=middle), language)
        if found is not None:
            best, low = found, middle + 1
        else:
            high = middle - 1
    assert best is not None
    return best


def _fits(page: Page, fit: Fit, language: str, *, leeway: float = 1.0) -> bool:
    """Whether the page laid out this way fits on one, by the height of what it holds
    (an estimate on the long side: spacing is counted in full, so a little over, with
    `leeway`, is worth writing out to see)."""
    flowables = laid_out(page.fewer(fit.count), fit, None, language)
    used = 0.0
    for flowable in flowables:
        _, height = flowable.wrap(WIDTH, HEIGHT)
        used += height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return bool(used <= HEIGHT * leeway)


def _written(
    page: Page, fit: Fit, language: str, *, even_if_longer: bool = False
) -> MadeDocument | None:
    """The PDF laid out this way, if it takes one page (or in any case, when told)."""
    shown = page.fewer(fit.count)
    png = chart_png(shown, language) if fit.chart else None
    data, pages = pdf(laid_out(shown, fit, png, language), language)
    if pages > 1 and not even_if_longer:
        return None
    return _made(page, fit, data, language)


def _note_lines(page: Page) -> int:
    return sum(len(lines) for _, lines in page.note or ())


def _made(page: Page, fit: Fit, data: bytes, language: str) -> MadeDocument:
    said: list[Ref] = []
    if fit.limit is not None and _cut_any(page, fit.limit):
        said.append(Ref("share.shortened.cut"))
    shown = page.fewer(fit.count).shown_sessions()
    if shown < page.shown_sessions():
        said.append(Ref("share.shortened.sessions", {"n": str(shown), "asked": str(page.count)}))
    if not fit.chart and len(page.fewer(fit.count).wellbeing or ()) >= 2:
        said.append(Ref("share.shortened.chart"))
    total = sum(len(lines) for _, lines in page.note or ())
    if fit.lines is not None and fit.lines < total:
        left = total - fit.lines
        said.append(
            Ref("share.shortened.item")
            if left == 1
            else Ref("share.shortened.items", {"n": str(left)})
        )
    caption = (
        Ref("share.caption_shortened", {"lines": tuple(said)}) if said else Ref("share.caption")
    )
    return MadeDocument(page.filename, data, caption)


def _cut_any(page: Page, limit: int) -> bool:
    words = [line.words for _, lines in page.note or () for line in lines if line.words]
    words += [goal.words for goal in page.goals]
    return any(len(text) > limit for text in words)
