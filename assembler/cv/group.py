"""Several people as one CV, for group reports.

Every member's entries are gathered into one CV whose ids are prefixed with the member's id
(``ada-example:p1``), so they stay unique and ``pin``/``exclude`` can still name them. A
publication co-authored by several members appears once (the same work by ``cv.identity``)
and records every member it belongs to. The group's "person" carries all members' name
variants, so every member's name is bold in author lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assembler.cv.identity import WorkIndex, work_id
from assembler.cv.ids import slugify
from assembler.cv.load import LoadedCV
from assembler.cv.model import CV, Entry, Person, Publication, Supervisee, Supervision
from assembler.cv.sections import ENTRY_SECTIONS, SECTIONS
from assembler.problems import Problem, ProblemsError


@dataclass
class Group:
    """The merged CV and, for every entry id, the names of the members it belongs to; the
    warnings are what loading and merging noticed (shown by every command)."""

    name: str
    cv: CV
    members: dict[str, list[str]] = field(default_factory=dict)
    people: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


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


def member_ids(people: list[LoadedCV]) -> tuple[list[str], list[Problem]]:
    """A unique id per member, stable for the same files: the slug of the name, else of the
    file name (names in scripts without Latin letters), numbered when two are alike."""
    bases = [
        slugify(loaded.cv.person.name) or slugify(Path(loaded.file).stem) or "member"
        for loaded in people
    ]
    taken: set[str] = set()
    result: list[str] = []
    warnings: list[Problem] = []
    for loaded, base in zip(people, bases, strict=True):
        candidate, number = base, 1
        while candidate in taken:
            number += 1
            candidate = f"{base}-{number}"
        if candidate != base:
            warnings.append(
                Problem(
                    f"{loaded.cv.person.name}'s entries get ids {candidate}:…, because "
                    f"another member's name also gives {base!r}",
                    file=loaded.file,
                    severity="warning",
                    hint="Pin and exclude this member's entries with that prefix",
                )
            )
        taken.add(candidate)
        result.append(candidate)
    return result, warnings


def _prefixed(entry: Entry, member: str) -> Entry:
    return entry.model_copy(update={"id": f"{member}:{entry.id}"})


def _single(loaded: LoadedCV) -> Group:
    cv = loaded.cv
    owner = [cv.person.name]
    members = {
        entry.id or "": owner for name in ENTRY_SECTIONS for entry in SECTIONS[name].entries(cv)
    }
    return Group(cv.person.name, cv, members, owner, list(loaded.warnings))


def _same_person_twice(people: list[LoadedCV]) -> None:
    first: dict[str, str] = {}
    problems = []
    for loaded in people:
        name = loaded.cv.person.name
        if name in first:
            problems.append(
                Problem(
                    f"{name} appears in more than one person file (also in {first[name]})",
                    file=loaded.file,
                    hint="Give each member one file",
                )
            )
        first.setdefault(name, loaded.file)
    if problems:
        raise ProblemsError(problems, "the group")


def merge(people: list[LoadedCV], name: str) -> Group:
    """One CV holding everyone's entries, shared publications once."""
    if len(people) == 1:
        return _single(people[0])
    _same_person_twice(people)
    ids, warnings = member_ids(people)
    sections: dict[str, list[Entry]] = {section: [] for section in ENTRY_SECTIONS}
    members: dict[str, list[str]] = {}
    shared: WorkIndex[str] = WorkIndex()  # a work -> the id of the entry kept for it
    variants: list[str] = []
    summaries: list[str] = []
    skills: dict[str, None] = {}
    languages: dict[str, None] = {}
    for loaded, member in zip(people, ids, strict=True):
        cv, person = loaded.cv, loaded.cv.person.name
        variants += [person, *cv.person.name_variants]
        for section in ENTRY_SECTIONS:
            for entry in SECTIONS[section].entries(cv):
                work = work_id(entry) if isinstance(entry, Publication) else None
                if work is not None:
                    found = shared.add_copy(work)
                    if found is not None:
                        owners = members[found[0]]
                        if person not in owners:
                            owners.append(person)
                        continue
                copy = _prefixed(entry, member)
                if work is not None:
                    shared.add(work, copy.id or "")
                sections[section].append(copy)
                members[copy.id or ""] = [person]
        if cv.supervision and cv.supervision.summary:
            summaries.append(f"{person}: {cv.supervision.summary}")
        skills.update(dict.fromkeys(cv.skills))
        languages.update(dict.fromkeys(cv.languages))
    supervisees = [entry for entry in sections.pop("supervision") if isinstance(entry, Supervisee)]
    supervision = None
    if supervisees or summaries:
        supervision = Supervision(summary="\n".join(summaries) or None, people=supervisees)
    fields: dict[str, Any] = {
        "person": Person(name=name, name_variants=list(dict.fromkeys(variants))),
        "supervision": supervision,
        "skills": list(skills),
        "languages": list(languages),
        **sections,
    }
    merged = CV.model_construct(**fields)  # every entry was validated when its file loaded
    names = [loaded.cv.person.name for loaded in people]
    noticed = [warning for loaded in people for warning in loaded.warnings]
    return Group(name, merged, members, names, noticed + warnings)


def group_name(paths: list[Path]) -> str:
    """A folder names its group; a list of files is "Group"."""
    folders = [path for path in paths if path.is_dir()]
    if len(folders) == 1 and len(paths) == 1:
        words = re.split(r"[-_\s]+", folders[0].resolve().name)
        return " ".join(word.capitalize() for word in words if word) or "Group"
    return "Group"
