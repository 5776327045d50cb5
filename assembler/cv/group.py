"""Several people as one CV, for group reports.

Every member's entries are gathered into one CV whose ids are prefixed with the member's slug
(``ada-example:p1``), so they stay unique and ``pin``/``exclude`` can still name them. A
publication co-authored by several members appears once (same DOI, else the same normalised
title and year) and records every member it belongs to. The group's "person" carries all
members' name variants, so every member's name is bold in author lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from assembler.cv.ids import slugify
from assembler.cv.lint import publication_key
from assembler.cv.model import CV, ENTRY_SECTIONS, Entry, Person, Publication, Supervision
from assembler.problems import Problem, ProblemsError
from assembler.source.validation import LoadedCV


@dataclass
class Group:
    """The merged CV and, for every entry id, the names of the members it belongs to."""

    name: str
    cv: CV
    members: dict[str, list[str]] = field(default_factory=dict)
    people: list[str] = field(default_factory=list)


def expand_data_paths(paths: list[Path]) -> list[Path]:
    """Files as given; a folder stands for the ``*.yaml`` / ``*.yml`` files in it, sorted."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
            if not found:
                raise ProblemsError(
                    [Problem("the folder holds no .yaml person files", file=str(path))], str(path)
                )
            files += found
        else:
            files.append(path)
    return files


def _prefixed(entry: Entry, member: str) -> Entry:
    return entry.model_copy(update={"id": f"{member}:{entry.id}"})


def merge(people: list[LoadedCV], name: str) -> Group:
    """One CV holding everyone's entries, shared publications once."""
    if len(people) == 1:
        only = people[0].cv
        owner = [only.person.name]
        members = {
            entry.id or "": owner for section in ENTRY_SECTIONS for entry in getattr(only, section)
        }
        for person in only.supervision.people if only.supervision else []:
            members[person.id or ""] = owner
        return Group(only.person.name, only, members, owner)
    names = [loaded.cv.person.name for loaded in people]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ProblemsError(
            [
                Problem(
                    f"{duplicates[0]} appears in more than one person file",
                    hint="Give each member one file",
                )
            ],
            "the group",
        )
    sections: dict[str, list[Entry]] = {section: [] for section in ENTRY_SECTIONS}
    members: dict[str, list[str]] = {}
    shared: dict[str, str] = {}  # publication key -> id of the entry kept
    variants: list[str] = []
    supervisees = []
    summaries = []
    skills: list[str] = []
    languages: list[str] = []
    for loaded in people:
        cv, person = loaded.cv, loaded.cv.person.name
        member = slugify(person) or "member"
        variants += [person, *cv.person.name_variants]
        for section in ENTRY_SECTIONS:
            for entry in getattr(cv, section):
                if isinstance(entry, Publication):
                    key = publication_key(entry)
                    if key in shared:
                        owners = members[shared[key]]
                        if person not in owners:
                            owners.append(person)
                        continue
                    shared[key] = f"{member}:{entry.id}"
                copy = _prefixed(entry, member)
                sections[section].append(copy)
                members[copy.id or ""] = [person]
        if cv.supervision:
            for supervisee in cv.supervision.people:
                copy = _prefixed(supervisee, member)
                supervisees.append(copy)
                members[copy.id or ""] = [person]
            if cv.supervision.summary:
                summaries.append(f"{person}: {cv.supervision.summary}")
        skills += [s for s in cv.skills if s not in skills]
        languages += [lang for lang in cv.languages if lang not in languages]
    group_person = Person(name=name, name_variants=list(dict.fromkeys(variants)))
    supervision = None
    if supervisees or summaries:
        supervision = Supervision(summary="\n".join(summaries) or None, people=supervisees)
    cv = CV(
        person=group_person, supervision=supervision, skills=skills, languages=languages, **sections
    )
    return Group(name, cv, members, names)


def group_name(paths: list[Path]) -> str:
    """A folder names its group; a list of files is "Group"."""
    folders = [path for path in paths if path.is_dir()]
    if len(folders) == 1 and len(paths) == 1:
        words = re.split(r"[-_\s]+", folders[0].resolve().name)
        return " ".join(word.capitalize() for word in words if word) or "Group"
    return "Group"
