"""The ``significance`` ranking: what "the most important outputs" means when a profile sorts
by it (``sort: -significance``, most significant first).

Funders ask for "your ten most significant outputs", and citation counts are rarely in a CV
(and some funders forbid metrics). So the score combines what the CV does say, in this order
of weight:

publications
    +100 when the person marked it ``selected: true`` (their own choice comes first);
    +30 first or sole author, +20 last author (the group leader's place), +15 editor of the
    volume, 0 in the middle;
    by type: journal, conference or book +25; chapter, software or dataset +15; workshop +8;
    preprint, thesis or other +3;
    +10 × log10(1 + citations) where a count is recorded (1,000 citations: +30);
    recency: +12 for this year's outputs, 1 less per year of age, never below 0 (recency
    decides between otherwise equal outputs; it does not outweigh authorship or type).
patents
    by the strongest filing: granted +30 (+5 for each further granted filing, at most +20),
    published +15, filed or pending +5; +10 when that filing has a number; recency as above.
other entries
    recency only.

Ties keep the order of the file. The formula is in the manual (profiles page) as well.
"""

from __future__ import annotations

import math

from assembler.cv.model import Entry, Patent, Publication
from assembler.select.fields import Context, author_position, main_date

TYPE_WEIGHT = {
    "journal": 25,
    "conference": 25,
    "book": 25,
    "chapter": 15,
    "software": 15,
    "dataset": 15,
    "workshop": 8,
    "thesis": 3,
    "preprint": 3,
    "other": 3,
}
POSITION_WEIGHT = {"first": 30, "sole": 30, "last": 20}
EDITOR_WEIGHT = 15
RECENCY_YEARS = 12
FILING_WEIGHT = {"granted": 30, "published": 15, "filed": 5, "pending": 5}


def recency(entry: Entry, context: Context) -> float:
    when = main_date(entry)
    if when is None:
        return 0.0
    return float(max(0, RECENCY_YEARS - max(0, context.as_of.year - when.year)))


def _publication(entry: Publication, context: Context) -> float:
    score = 100.0 if entry.selected else 0.0
    position = author_position(entry, context)
    if entry.edited and position is not None:
        score += EDITOR_WEIGHT
    else:
        score += POSITION_WEIGHT.get(position or "", 0)
    score += TYPE_WEIGHT.get(entry.type or "other", 3)
    count = entry.citation_count
    if count is not None:
        score += 10 * math.log10(1 + count)
    return score + recency(entry, context)


def _patent(entry: Patent, context: Context) -> float:
    best = entry.strongest_filing()
    score = 0.0
    if best is not None:
        score += FILING_WEIGHT.get(best.status or "", 0)
        if best.number:
            score += 10
    granted = sum(1 for filing in entry.filings if filing.status == "granted")
    score += min(20, 5 * max(0, granted - 1))
    return score + recency(entry, context)


def significance(entry: Entry, context: Context) -> float:
    """The score of one entry (higher is more significant)."""
    if isinstance(entry, Publication):
        return _publication(entry, context)
    if isinstance(entry, Patent):
        return _patent(entry, context)
    return recency(entry, context)
