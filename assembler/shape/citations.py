"""One formatted reference per publication, as the source CVs print them:
``Authors (year). Title. Venue vol(issue):pages. Publisher. https://doi.org/…``

Every optional part may be missing without leaving a stray separator: no authors gives
``Title (year). Venue.``, no year drops the brackets, a title that ends in "?" or "!" gets no
extra full stop. The venue is set in italics, the DOI (else the URL) is a link, and a page
range is kept on one line.
"""

from __future__ import annotations

from assembler.cv.model import Publication
from assembler.cv.names import display_name
from assembler.shape.authors import Rich, Run, authors_rich
from assembler.shape.style import Style

WORD_JOINER = "\u2060"  # no line break after the dash of a page range ("1–" / "14")
_TERMINAL = (".", "?", "!", "…")


def _sentence(text: str) -> str:
    """End a part with a full stop unless it already ends a sentence."""
    text = text.rstrip()
    return text if text.endswith(_TERMINAL) else f"{text}."


def pages_text(pages: str, keep_together: bool = False) -> str:
    if not keep_together:
        return pages
    return pages.replace("–", "–" + WORD_JOINER).replace("-", "-" + WORD_JOINER)


def venue_text(pub: Publication, keep_together: bool = False) -> str:
    """``Venue vol(issue):pages``, with whatever of it the entry has."""
    return ((pub.venue or "") + _numbers(pub, keep_together)).strip()


def _numbers(pub: Publication, keep_together: bool) -> str:
    """`` vol(issue):pages``: where in the venue, each part only when the entry has it."""
    text = ""
    if pub.volume:
        text += f" {pub.volume}"
        if pub.issue:
            text += f"({pub.issue})"
    elif pub.issue:
        text += f" ({pub.issue})"
    if pub.pages:
        pages = pages_text(pub.pages, keep_together)
        text += f":{pages}" if pub.volume or pub.issue else f" {pages}"
    return text


def _venue_runs(pub: Publication, style: Style, editors_only: bool) -> list[Run]:
    """The venue in italics with its volume, issue and pages; a chapter's editors first."""
    runs: list[Run] = []
    if pub.type == "chapter" and pub.editors and not editors_only:
        editors = ", ".join(display_name(e) for e in pub.editors)
        word = style.labels["eds"] if len(pub.editors) > 1 else style.labels["ed"]
        runs.append(Run(f" {style.labels['in']}: {editors} ({word})"))
        runs.append(Run("," if pub.venue else "."))
    if pub.venue:
        runs.append(Run(" "))
        runs.append(Run(pub.venue, italic=True))
        rest = _numbers(pub, keep_together=True).strip()
        tail = f" {rest}" if rest and not rest.startswith(":") else rest
        runs.append(Run(_sentence(tail) if tail else "."))
    elif pub.volume or pub.issue or pub.pages:
        runs.append(Run(" " + _sentence(venue_text(pub, keep_together=True))))
    return runs


def citation_rich(pub: Publication, names: list[str], style: Style, highlight: bool) -> Rich:
    """The reference with the person's name in bold; ``names`` is the author list as shown
    (already shortened)."""
    rich = Rich()
    editors_only = pub.edited
    year = f"({pub.year.year})" if pub.year else ""
    if names:
        rich.extend(authors_rich(names, style, highlight))
        if editors_only:
            word = style.labels["eds"] if len(pub.editors) > 1 else style.labels["ed"]
            rich.append(Run(f" ({word})"))
        rich.append(Run(f" {year}. " if year else ". "))
        rich.append(Run(_sentence(pub.title)))
    else:
        title = pub.title.strip().rstrip(".")
        rich.append(Run(f"{title} {year}." if year else _sentence(title)))
    rich.extend(_venue_runs(pub, style, editors_only))
    if pub.publisher and pub.type in ("book", "chapter", "thesis", "other", "software"):
        rich.append(Run(" " + _sentence(pub.publisher)))
    if pub.doi:
        link = f"https://doi.org/{pub.doi}"
        rich.extend([Run(" "), Run(link, url=link)])
    elif pub.url:
        rich.extend([Run(" "), Run(pub.url, url=pub.url)])
    return rich.merged()


def citation_text(pub: Publication, style: Style) -> str:
    """The plain reference with every author (workbooks, reports)."""
    names = [display_name(a) for a in (pub.authors or pub.editors)]
    return str(citation_rich(pub, names, style, highlight=False)).replace(WORD_JOINER, "")
