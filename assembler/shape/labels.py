"""Words the documents print, per language, and the one resolver of section headings.

A heading is, in this order: the section rule's ``label``; the profile's ``labels`` entry;
the section's default heading in the profile's language (from ``cv.sections``); for a named
list drawn with ``from:``, its name made readable. Word documents and workbooks both ask
``labels_for``, so a heading is the same in every output of a run.
"""

from __future__ import annotations

from assembler.cv.sections import SECTIONS
from assembler.profile.model import Profile

LANGUAGES = ("en", "de")

# Words the tool adds around the data, by language.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "present": "present",
        "since": "since",
        "et_al": "et al.",
        "eds": "eds.",
        "in": "In",
        "role_lead": "leading role",
        "role_coordinator": "coordinator",
        "role_participant": "participant",
        "page": "Page",
        "significance": "Significance",
        "contribution": "Own contribution",
        "orcid": "ORCID",
        "born": "Born",
        "report_title": "Annual report",
        "h_index": "h-index",
        "i10_index": "i10-index",
        "publications_count": "publications",
        "citations_count": "citations",
    },
    "de": {
        "present": "heute",
        "since": "seit",
        "et_al": "et al.",
        "eds": "Hrsg.",
        "in": "In",
        "role_lead": "Leitung",
        "role_coordinator": "Koordination",
        "role_participant": "Beteiligung",
        "page": "Seite",
        "significance": "Bedeutung",
        "contribution": "Eigener Beitrag",
        "orcid": "ORCID",
        "born": "Geboren",
        "report_title": "Jahresbericht",
        "h_index": "h-Index",
        "i10_index": "i10-Index",
        "publications_count": "Publikationen",
        "citations_count": "Zitationen",
    },
}


def words(language: str) -> dict[str, str]:
    """The tool's own words and the default section headings in one language."""
    chosen = language if language in WORDS else "en"
    result = {name: section.headings[chosen] for name, section in SECTIONS.items()}
    result.update(WORDS[chosen])
    return result


def readable(name: str) -> str:
    """``journal_articles`` -> "Journal articles": the heading of an unlabelled named list."""
    return name.replace("_", " ").capitalize()


def labels_for(profile: Profile) -> dict[str, str]:
    """Every heading and word a document of this profile prints, in its language."""
    labels = words(profile.language)
    labels.update(profile.labels)
    for name, rule in profile.rules().items():
        if rule.label:
            labels[name] = rule.label
        elif name not in labels:
            labels[name] = readable(name)
    return labels
