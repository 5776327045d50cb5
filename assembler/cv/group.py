"""Several people as one CV, for group reports.

Every member's entries are gathered into one CV whose ids are prefixed with the member's id
(``ada-example:p1``), so they stay unique and ``pin``/``exclude`` can still name them. A
publication co-authored by several members appears once (the same work by ``cv.identity``)
and records every member it belongs to. The group's "person" carries all members' name
variants, so every member's name is bold in author lists.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assembler.collector import collector_paused
from assembler.cv.ids import slugify
from assembler.cv.load import LoadedCV, load_cv
from assembler.cv.model import CV, Entry, Person, Supervisee, Supervision
from assembler.cv.sections import ENTRY_SECTIONS, SECTIONS
from assembler.problems import Problem, ProblemsError

if TYPE_CHECKING:  # cv.identity loads when people are merged: a single CV never needs it
    from assembler.cv.identity import WorkId, WorkIndex


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


def _member_id(base: str, taken: set[str]) -> str:
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    taken.add(candidate)
    return candidate


def _renamed(name: str, file: str, candidate: str, base: str) -> Problem:
    return Problem(
        f"{name}'s entries get ids {candidate}:…, because another member's name also gives "
        f"{base!r}",
        file=file,
        severity="warning",
        hint="Pin and exclude this member's entries with that prefix",
    )


def _base_id(name: str, file: str) -> str:
    return slugify(name) or slugify(Path(file).stem) or "member"


def member_ids(people: list[LoadedCV]) -> tuple[list[str], list[Problem]]:
    """A unique id per member, stable for the same files: the slug of the name, else of the
    file name (names in scripts without Latin letters), numbered when two are alike."""
    taken: set[str] = set()
    result: list[str] = []
    warnings: list[Problem] = []
    for loaded in people:
        base = _base_id(loaded.cv.person.name, loaded.file)
        candidate = _member_id(base, taken)
        if candidate != base:
            warnings.append(_renamed(loaded.cv.person.name, loaded.file, candidate, base))
        result.append(candidate)
    return result, warnings


def _single(loaded: LoadedCV) -> Group:
    cv = loaded.cv
    owner = [cv.person.name]
    members = {
        entry.id or "": owner for name in ENTRY_SECTIONS for entry in SECTIONS[name].entries(cv)
    }
    return Group(cv.person.name, cv, members, owner, list(loaded.warnings))


@dataclass
class MemberFile:
    """One person file of a group as the merge needs it: the validated CV, the identity of
    each of its publications and the warnings of loading it, or the problems that make it
    unusable. Small enough to send from a worker process; the YAML document and its
    location map stay behind."""

    file: str
    cv: CV | None
    works: list[WorkId | None] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def of(cls, loaded: LoadedCV) -> MemberFile:
        from assembler.cv.identity import work_id

        works: list[WorkId | None] = [work_id(entry) for entry in loaded.cv.publications]
        return cls(loaded.file, loaded.cv, works, list(loaded.warnings))


def read_member(path: Path) -> MemberFile:
    """Load one person file for a group; its problems are returned, not raised, so that one
    run reports every broken file of the group."""
    try:
        with collector_paused():  # a worker's heap is one file: freed by reference counts
            return MemberFile.of(load_cv(path))
    except ProblemsError as exc:
        return MemberFile(str(path), None, problems=exc.problems)


class GroupBuilder:
    """Merges person files one at a time, in file order, into one group CV.

    Everything it keeps grows with the entries (hash maps by id and by work identity), so a
    member costs the same whether it is the first or the thousandth. With ``owned`` the
    members' entries are taken over and renamed in place instead of copied (the caller
    keeps no reference to them: they came from a worker process)."""

    def __init__(self, owned: bool = False) -> None:
        from assembler.cv.identity import WorkIndex

        self.owned = owned
        self.sections: dict[str, list[Entry]] = {section: [] for section in ENTRY_SECTIONS}
        self.members: dict[str, list[str]] = {}
        self.shared: WorkIndex[str] = WorkIndex()  # a work -> the id of the entry kept for it
        self.variants: dict[str, None] = {}
        self.summaries: list[str] = []
        self.skills: dict[str, None] = {}
        self.languages: dict[str, None] = {}
        self.names: list[str] = []
        self.first_file: dict[str, str] = {}
        self.taken: set[str] = set()
        self.warnings: list[Problem] = []
        self.renames: list[Problem] = []
        self.problems: list[Problem] = []
        self.broken: list[str] = []
        self.files = 0
        self.fields_sets: dict[frozenset[str], set[str]] = {}

    def add(self, member: MemberFile) -> None:
        self.files += 1
        if member.cv is None:
            self.problems += member.problems
            self.broken.append(member.file)
            return
        cv, person = member.cv, member.cv.person.name
        self.warnings += member.warnings
        if person in self.first_file:
            self.problems.append(
                Problem(
                    f"{person} appears in more than one person file (also in "
                    f"{self.first_file[person]})",
                    file=member.file,
                    hint="Give each member one file",
                )
            )
            return
        self.first_file[person] = member.file
        self.names.append(person)
        base = _base_id(person, member.file)
        prefix = _member_id(base, self.taken)
        if prefix != base:
            self.renames.append(_renamed(person, member.file, prefix, base))
        self.variants.update(dict.fromkeys([person, *cv.person.author_variants]))
        self._entries(cv, person, prefix, member.works)
        if cv.supervision and cv.supervision.summary:
            self.summaries.append(f"{person}: {cv.supervision.summary}")
        self.skills.update(dict.fromkeys(cv.skills))
        self.languages.update(dict.fromkeys(cv.languages))

    def _entries(self, cv: CV, person: str, prefix: str, works: list[WorkId | None]) -> None:
        for section in ENTRY_SECTIONS:
            entries = SECTIONS[section].entries(cv)
            identities = works if section == "publications" else [None] * len(entries)
            for entry, work in zip(entries, identities, strict=True):
                if work is not None:
                    found = self.shared.add_copy(work)
                    if found is not None:
                        owners = self.members[found[0]]
                        if person not in owners:
                            owners.append(person)
                        continue
                copy = self._prefixed(entry, prefix)
                if work is not None:
                    self.shared.add(work, copy.id or "")
                self.sections[section].append(copy)
                self.members[copy.id or ""] = [person]

    def _prefixed(self, entry: Entry, prefix: str) -> Entry:
        if self.owned:
            entry.id = f"{prefix}:{entry.id}"
        else:
            entry = entry.model_copy(update={"id": f"{prefix}:{entry.id}"})
        self._share_fields_set(entry)
        return entry

    def _share_fields_set(self, entry: Entry) -> None:
        """Give the entry the one record of its set field names that equal entries share.

        A record keeps, per instance, the set of field names the input gave: 700 bytes, a
        quarter of a publication's memory, and in a group a hundred thousand copies of some
        fifteen different sets. Nothing reads them after validation (``model_copy`` copies
        the set before it adds to it); what ``model_construct(_fields_set=...)`` does, done
        here without rebuilding the entry. No entry of the merged CV is assigned to later:
        selection and shaping only read (an assignment would add its name to the shared set,
        which only ``model_fields_set`` would show)."""
        names = entry.model_fields_set
        shared = self.fields_sets.setdefault(frozenset(names), names)
        if shared is not names:
            object.__setattr__(entry, "__pydantic_fields_set__", shared)

    def finish(self, name: str) -> Group:
        """The merged group, or every problem of every member file at once."""
        if self.problems:
            broken = len(set(self.broken))
            what = f"{broken} of {self.files} person files" if broken else "the group"
            raise ProblemsError(self.problems, what)
        sections = dict(self.sections)
        supervisees = [e for e in sections.pop("supervision") if isinstance(e, Supervisee)]
        supervision = None
        if supervisees or self.summaries:
            supervision = Supervision(summary="\n".join(self.summaries) or None, people=supervisees)
        fields: dict[str, Any] = {
            "person": Person(name=name, name_variants=list(self.variants)),
            "supervision": supervision,
            "skills": list(self.skills),
            "languages": list(self.languages),
            **sections,
        }
        merged = CV.model_construct(**fields)  # every entry was validated when its file loaded
        return Group(name, merged, self.members, self.names, self.warnings + self.renames)


def merge(people: list[LoadedCV], name: str) -> Group:
    """One CV holding everyone's entries, shared publications once."""
    if len(people) == 1:
        return _single(people[0])
    builder = GroupBuilder()
    for loaded in people:
        builder.add(MemberFile.of(loaded))
    return builder.finish(name)


Progress = Callable[[list[Path]], Iterable[Path]]
POOL_FROM = 8  # person files; fewer load faster than worker processes start


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system says)."""
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if counter is not None:
        return int(counter() or 1)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def worker_count(files: int) -> int:
    """Worker processes for loading ``files`` person files: one per usable core, at most
    one per file, none (load in this process) for small groups or a single core."""
    cores = usable_cores()
    if files < POOL_FROM or cores < 2:
        return 0
    return min(cores, files)


def _read_all(paths: list[Path], workers: int) -> Iterator[MemberFile]:
    """Every person file, in file order, read by ``workers`` processes (or here)."""
    if workers == 0:
        yield from map(read_member, paths)
        return
    # Imported here: multiprocessing costs 20 ms of start-up that one CV does not need.
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(16, len(paths) // (workers * 8)))
    pool = ProcessPoolExecutor(workers)
    try:
        yield from pool.map(read_member, paths, chunksize=chunk)
    finally:  # on an error here, do not wait for the files nobody will merge
        pool.shutdown(wait=True, cancel_futures=True)


def load_people(paths: list[Path], name: str, progress: Progress | None = None) -> Group:
    """Load and merge several person files: read and validated in worker processes where
    the machine has several cores, merged here in file order as they arrive (so the group
    is the same whatever the workers' timing), each member's loaded file dropped once it is
    merged. Every broken file is reported, all at once."""
    builder = GroupBuilder(owned=True)
    shown = progress(paths) if progress else paths
    for _, member in zip(shown, _read_all(paths, worker_count(len(paths))), strict=True):
        builder.add(member)
    return builder.finish(name)


def group_name(paths: list[Path]) -> str:
    """A folder names its group; a list of files is "Group"."""
    folders = [path for path in paths if path.is_dir()]
    if len(folders) == 1 and len(paths) == 1:
        words = re.split(r"[-_\s]+", folders[0].resolve().name)
        return " ".join(word.capitalize() for word in words if word) or "Group"
    return "Group"
