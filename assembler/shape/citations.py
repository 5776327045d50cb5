"""One formatted reference per publication, as the source CVs print them:
``Authors (year). Title. Venue vol(issue):pages. Publisher. https://doi.org/…``"""

from __future__ import annotations

from assembler.cv.model import Publication
from assembler.cv.names import display_name
from assembler.shape.authors import Rich, Run, authors_rich
from assembler.shape.style import Style


def venue_text(pub: Publication) -> str:
    """``Venue vol(issue):pages``, with whatever of it the entry has."""
    text = pub.venue or ""
    if pub.volume:
        text += f" {pub.volume}"
        if pub.issue:
            text += f"({pub.issue})"
    elif pub.issue:
        text += f" ({pub.issue})"
    if pub.pages:
        text += f":{pub.pages}" if pub.volume or pub.issue else f" {pub.pages}"
    return text.strip()


def citation_rich(pub: Publication, names: list[str], style: Style, highlight: bool) -> Rich:
    """The reference with the person's name in bold; ``names`` is the author list as shown
    (already shortened)."""
    rich = Rich()
    editors_only = not pub.authors and pub.editors
    if names:
        rich.extend(authors_rich(names, style, highlight))
        if editors_only:
            rich.append(Run(f" ({style.labels['eds']})"))
    year = f" ({pub.year.year})" if pub.year else ""
    rich.append(Run(f"{year}. " if names else ""))
    title = pub.title.rstrip(".")
    rich.append(Run(f"{title}."))
    venue = venue_text(pub)
    if pub.type == "chapter" and pub.editors and not editors_only:
        editors = ", ".join(display_name(e) for e in pub.editors)
        venue = f"{style.labels['in']}: {editors} ({style.labels['eds']}), {venue}".rstrip(", ")
    parts = [venue] if venue else []
    if pub.publisher and pub.type in ("book", "chapter", "thesis", "other"):
        parts.append(pub.publisher)
    if parts:
        rich.append(Run(" " + ". ".join(p.rstrip(".") for p in parts) + "."))
    if pub.doi:
        rich.append(Run(f" https://doi.org/{pub.doi}"))
    return rich.merged()


def citation_text(pub: Publication, style: Style) -> str:
    """The plain reference with every author (workbooks, reports)."""
    names = [display_name(a) for a in (pub.authors or pub.editors)]
    return str(citation_rich(pub, names, style, highlight=False))
