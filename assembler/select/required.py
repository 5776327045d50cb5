"""What a funder requires that the CV lacks, entry by entry.

A profile's ``required:`` names, per section (or ``person``), the fields each shown entry must
have (``doi|url``: either one; ``extra.relation``: a free field; ``where:`` narrows which
entries). A date format pattern that prints days or months (``DD/MM/YYYY``) also requires
dates that precise. The run reports each missing fact (a warning, an error with
``--strict``) and the document shows a placeholder where it would be, so nothing required is
left out silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assembler.cv.dates import PartialDate
from assembler.cv.model import CV, Entry, Patent, Person
from assembler.profile.model import Profile, Requirement, pattern_precision
from assembler.select.engine import Selection
from assembler.select.fields import Context, field_value, holds, lookup

PRECISION_WORD = {1: "month", 2: "day"}
_PRECISION = {"year": 0, "month": 1, "day": 2}


@dataclass(frozen=True)
class Missing:
    """One required fact the CV lacks: where (section and entry) and which field."""

    section: str  # a section of the profile, or "person"
    entry_id: str | None
    field: str  # as required: "doi|url", "extra.relation", or a date field
    precision: int = 0  # for a date that is there but not exact enough: 1 month, 2 day

    def message(self) -> str:
        """What is missing, said of the entry (or the person)."""
        if self.precision:
            return f"its {self.field} needs the {PRECISION_WORD[self.precision]} (date format)"
        return f"the profile requires {self.field.replace('|', ' or ')}; the CV has none"

    def describe(self) -> str:
        where = self.section if self.entry_id is None else f"{self.section}: {self.entry_id}"
        return f"{where}: {self.message()}"


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _person_value(person: Person, name: str) -> Any:
    if name == "orcid":
        return person.orcid_id
    if name == "website":
        return person.links or None
    return lookup(person, name)


def _applies(entry: Entry, requirement: Requirement, context: Context) -> bool:
    return all(
        holds(field_value(entry, key, context), condition)
        for key, condition in requirement.where.items()
    )


# The dates a pattern prints in full; a ``year`` field is a year and complete as one.
EXACT_DATE_FIELDS = ("start", "end", "date", "awarded", "contract_end")


def _dates(entry: Entry) -> list[tuple[str, PartialDate]]:
    found = [
        (name, value)
        for name in EXACT_DATE_FIELDS
        if isinstance(value := getattr(entry, name, None), PartialDate)
    ]
    if isinstance(entry, Patent):
        found += [("filings.date", f.date) for f in entry.filings if f.date is not None]
    return found


def missing_facts(
    cv: CV, profile: Profile, selection: Selection, context: Context
) -> list[Missing]:
    """Every required fact missing from what the documents of this profile show."""
    found: list[Missing] = []
    for requirement in profile.required.get("person", []):
        if all(_empty(_person_value(cv.person, n)) for n in requirement.alternatives):
            found.append(Missing("person", None, requirement.field))
    for name, section in selection.sections.items():
        needed = pattern_precision(section.rule.date_format or profile.date_format)
        for entry in section.entries:
            for requirement in profile.required.get(name, []):
                if _applies(entry, requirement, context) and all(
                    _empty(lookup(entry, n)) for n in requirement.alternatives
                ):
                    found.append(Missing(name, entry.id, requirement.field))
            if needed:
                found += [
                    Missing(name, entry.id, field, needed)
                    for field, value in _dates(entry)
                    if _PRECISION[value.precision] < needed
                ]
    return found
