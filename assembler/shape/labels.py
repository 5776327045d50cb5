"""Words the documents print, per language, and the one resolver of section headings.

A heading is, in this order: the section rule's ``label``; the profile's ``labels`` entry (of
the document's language, else for every language);
the section's default heading in the profile's language (from ``cv.sections``); for a named
list drawn with ``from:``, its name made readable. Word documents and workbooks both ask
``labels_for``, so a heading is the same in every output of a run.
"""

from __future__ import annotations

from assembler.cv.sections import SECTIONS
from assembler.profile.model import Profile

# Words the tool adds around the data, by language. Every word a document prints that does
# not come from the CV is here (or in a profile's labels), so a German document is German.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Curriculum vitae",
        "present": "present",
        "since": "since",
        "et_al": "et al.",
        "eds": "eds.",
        "ed": "ed.",
        "in": "In",
        "role_lead": "leading role",
        "role_coordinator": "coordinator",
        "role_participant": "participant",
        "status_planned": "planned",
        "status_running": "running",
        "status_ended": "ended",
        "status_filed": "filed",
        "status_pending": "pending",
        "status_published": "published",
        "status_granted": "granted",
        "kind_keynote": "keynote",
        "kind_invited": "invited talk",
        "kind_contributed": "contributed talk",
        "kind_lecture": "lecture",
        "kind_panel": "panel",
        "kind_other": "talk",
        "type_journal": "Journal articles",
        "type_conference": "Conference papers",
        "type_workshop": "Workshop papers",
        "type_book": "Books",
        "type_chapter": "Book chapters",
        "type_preprint": "Preprints",
        "type_thesis": "Theses",
        "type_software": "Software",
        "type_dataset": "Data sets",
        "type_other": "Other outputs",
        "open_access": "open access",
        "page": "Page",
        "of": "of",
        "significance": "Significance",
        "contribution": "Own contribution",
        "supervisor": "Supervisor",
        "thesis": "Thesis",
        "orcid": "ORCID",
        "born": "Born",
        "contract_end": "contract until",
        "contract_permanent": "permanent",
        "awarded": "Degree awarded",
        "none": "None",
        "none_in_period": "None in this period.",
        "report_title": "Annual report",
        "h_index": "h-index",
        "i10_index": "i10-index",
        "publications_count": "publications",
        "citations_count": "citations",
        "or": "or",
        "field_doi": "DOI",
        "field_url": "URL",
        "field_orcid": "ORCID",
        "field_identifiers": "identifier",
        "field_scopus": "Scopus",
        "field_researcherid": "ResearcherID",
        "field_era_commons": "eRA Commons",
        "field_website": "website",
        "field_awarded": "date of the degree",
        "field_contract_end": "end of contract",
        "field_significance": "significance of this output",
        "field_contribution": "your role in this output",
        "field_funder": "funder",
        "field_budget.amount": "amount",
        "field_career_stage": "career stage",
        "field_grant_id": "grant number",
        "field_supervisor": "supervisor",
        "field_country": "country",
        "field_birth_date": "date of birth",
        "field_extra.relation": "relation to this proposal",
        "field_extra.role_in_project": "role in the project",
    },
    "de": {
        "title": "Lebenslauf",
        "present": "heute",
        "since": "seit",
        "et_al": "et al.",
        "eds": "Hrsg.",
        "ed": "Hrsg.",
        "in": "In",
        "role_lead": "Leitung",
        "role_coordinator": "Koordination",
        "role_participant": "Beteiligung",
        "status_planned": "geplant",
        "status_running": "laufend",
        "status_ended": "abgeschlossen",
        "status_filed": "angemeldet",
        "status_pending": "angemeldet",
        "status_published": "veröffentlicht",
        "status_granted": "erteilt",
        "kind_keynote": "Hauptvortrag",
        "kind_invited": "eingeladener Vortrag",
        "kind_contributed": "Konferenzbeitrag",
        "kind_lecture": "Vorlesung",
        "kind_panel": "Podiumsdiskussion",
        "kind_other": "Vortrag",
        "type_journal": "Zeitschriftenartikel",
        "type_conference": "Konferenzbeiträge",
        "type_workshop": "Workshop-Beiträge",
        "type_book": "Bücher",
        "type_chapter": "Buchkapitel",
        "type_preprint": "Preprints",
        "type_thesis": "Abschlussarbeiten",
        "type_software": "Software",
        "type_dataset": "Datensätze",
        "type_other": "Weitere Ergebnisse",
        "open_access": "Open Access",
        "page": "Seite",
        "of": "von",
        "significance": "Bedeutung",
        "contribution": "Eigener Beitrag",
        "supervisor": "Betreuung",
        "thesis": "Arbeit",
        "orcid": "ORCID",
        "born": "Geboren",
        "contract_end": "Vertrag bis",
        "contract_permanent": "unbefristet",
        "awarded": "Abschluss am",
        "none": "Keine",
        "none_in_period": "Keine in diesem Zeitraum.",
        "report_title": "Jahresbericht",
        "h_index": "h-Index",
        "i10_index": "i10-Index",
        "publications_count": "Publikationen",
        "citations_count": "Zitationen",
        "or": "oder",
        "field_doi": "DOI",
        "field_url": "URL",
        "field_orcid": "ORCID",
        "field_identifiers": "Identifikator",
        "field_scopus": "Scopus",
        "field_researcherid": "ResearcherID",
        "field_era_commons": "eRA Commons",
        "field_website": "Webseite",
        "field_awarded": "Datum des Abschlusses",
        "field_contract_end": "Vertragsende",
        "field_significance": "Bedeutung dieses Ergebnisses",
        "field_contribution": "eigener Beitrag",
        "field_funder": "Förderer",
        "field_budget.amount": "Betrag",
        "field_career_stage": "Karrierestufe",
        "field_grant_id": "Förderkennzeichen",
        "field_supervisor": "Betreuung",
        "field_country": "Land",
        "field_birth_date": "Geburtsdatum",
        "field_extra.relation": "Bezug zu diesem Antrag",
        "field_extra.role_in_project": "Rolle im Projekt",
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
    labels.update(profile.labels_in(profile.language))
    for name, rule in profile.rules().items():
        if rule.label:
            labels[name] = rule.label
        elif name not in labels:
            labels[name] = readable(name)
    return labels
