"""What a profile requires that the CV lacks, entry by entry."""

from __future__ import annotations

from assembler.select.fields import Context
from assembler.select.required import missing_facts
from tests.helpers import AS_OF, make_cv
from tests.select.cases import PERSON


def missing(run_select, make_profile, cv: str, profile: str) -> list[str]:
    loaded = make_profile(profile)
    data = make_cv(cv)
    selection = run_select(cv, profile)
    context = Context(data.person.author_names, AS_OF)
    return [item.describe() for item in missing_facts(data, loaded.profile, selection, context)]


CV = PERSON + (
    "publications:\n"
    "  - {id: a, title: A, year: 2024, doi: 10.1000/a, significance: Big}\n"
    "  - {id: b, title: B, year: 2024, url: 'https://b.org'}\n"
    "  - {id: c, title: C, year: 2024}\n"
    "education:\n"
    "  - {id: phd, degree: PhD, start: 2010, end: 2014}\n"
    "  - {id: msc, degree: MSc, start: 2008, end: 2010}\n"
)


def test_each_missing_fact_is_listed_with_its_entry(run_select, make_profile) -> None:
    profile = (
        "required:\n"
        "  person: [orcid|identifiers]\n"
        "  publications: [doi|url, significance]\n"
        "  education: [{field: awarded, where: {doctorate: true}}]\n"
        "sections:\n  publications: all\n  education: all\n"
    )
    assert missing(run_select, make_profile, CV, profile) == [
        "person: the profile requires orcid or identifiers; the CV has none",
        "publications: b: the profile requires significance; the CV has none",
        "publications: c: the profile requires doi or url; the CV has none",
        "publications: c: the profile requires significance; the CV has none",
        "education: phd: the profile requires awarded; the CV has none",
    ]


def test_a_date_pattern_requires_exact_dates(run_select, make_profile) -> None:
    profile = "sections:\n  education: {date_format: MM/YYYY}\n  publications: all\n"
    assert missing(run_select, make_profile, CV, profile) == [
        "education: phd: its start needs the month (date format)",
        "education: phd: its end needs the month (date format)",
        "education: msc: its start needs the month (date format)",
        "education: msc: its end needs the month (date format)",
    ]  # publication years are years: complete as they are
