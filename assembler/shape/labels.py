"""Words the documents print in each language: section headings, dates, "et al.", ...

Templates see the headings as ``labels``; a profile's own ``labels`` or a section's ``label``
override them.
"""

from __future__ import annotations

from assembler.cv.dates import PartialDate

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "bio": "Profile",
        "positions": "Positions",
        "education": "Education",
        "projects": "Research projects",
        "publications": "Publications",
        "talks": "Talks",
        "teaching": "Teaching",
        "awards": "Awards and honours",
        "patents": "Patents",
        "service": "Service to the research community",
        "supervision": "Supervision",
        "metrics": "Research metrics",
        "career_breaks": "Career breaks",
        "skills": "Skills",
        "languages": "Languages",
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
    },
    "de": {
        "bio": "Profil",
        "positions": "Beruflicher Werdegang",
        "education": "Ausbildung",
        "projects": "Forschungsprojekte",
        "publications": "Publikationen",
        "talks": "Vorträge",
        "teaching": "Lehre",
        "awards": "Auszeichnungen",
        "patents": "Patente",
        "service": "Aktivitäten im Wissenschaftssystem",
        "supervision": "Betreuung",
        "metrics": "Kennzahlen",
        "career_breaks": "Unterbrechungen",
        "skills": "Kenntnisse",
        "languages": "Sprachen",
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
    },
}

MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "de": [
        "Jan.",
        "Feb.",
        "März",
        "Apr.",
        "Mai",
        "Juni",
        "Juli",
        "Aug.",
        "Sept.",
        "Okt.",
        "Nov.",
        "Dez.",
    ],
}
DASH = " – "  # spaced en dash, as in "2021 – present"


def labels_for(language: str, overrides: dict[str, str] | None = None) -> dict[str, str]:
    labels = dict(LABELS.get(language, LABELS["en"]))
    labels.update(overrides or {})
    return labels


def format_date(value: PartialDate | None, date_format: str, language: str) -> str:
    """A date at the coarser of its own precision and the profile's ``date_format``."""
    if value is None:
        return ""
    if date_format == "year" or value.month is None:
        return str(value.year)
    if date_format == "dd/mm/yyyy":
        if value.day is not None:
            return f"{value.day:02d}/{value.month:02d}/{value.year}"
        return f"{value.month:02d}/{value.year}"
    month = MONTHS.get(language, MONTHS["en"])[value.month - 1]
    if date_format == "day" and value.day is not None:
        return (
            f"{value.day}. {month} {value.year}"
            if language == "de"
            else f"{value.day} {month} {value.year}"
        )
    return f"{month} {value.year}"


def format_range(
    start: PartialDate | None,
    end: PartialDate | None,
    ongoing: bool,
    date_format: str,
    language: str,
) -> str:
    """``2021 – present`` / ``seit 2021``; a single date when start and end print the same."""
    labels = LABELS.get(language, LABELS["en"])
    if start is not None and end is not None:
        # "2025" and "2025-05" are one time, not a range: print the coarser date once.
        if _covers(start, end):
            end = None
        elif _covers(end, start):
            start, end = end, None
    first = format_date(start, date_format, language)
    last = format_date(end, date_format, language)
    if ongoing:
        if language == "de":
            return f"{labels['since']} {first}"
        return f"{first}{DASH}{labels['present']}"
    if first and last and first != last:
        return f"{first}{DASH}{last}"
    return first or last


def _covers(outer: PartialDate, inner: PartialDate) -> bool:
    return outer.first_day() <= inner.first_day() and inner.last_day() <= outer.last_day()
