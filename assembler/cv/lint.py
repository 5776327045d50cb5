"""Warnings about a CV that is valid but probably not what the person meant.

These are the mistakes that survive validation and then show up in a submitted document: the same
paper twice, a range that ends before it starts, a paper whose author list does not contain the
person (a wrong name variant, so their name will not be bold) or no authors at all, entries no
date window can place.
"""

from __future__ import annotations

from collections.abc import Iterator

from assembler.cv.identity import WorkIndex, work_id
from assembler.cv.leftovers import leftovers
from assembler.cv.load import LoadedCV
from assembler.cv.model import Entry, Publication, RangeEntry
from assembler.problems import Problem
from assembler.source.reader import PathKey, format_path


def _warning(
    loaded: LoadedCV, path: PathKey, entry: Entry | None, message: str, hint: str = ""
) -> Problem:
    line, column = loaded.locate(path)
    return Problem(
        message=message,
        file=loaded.file,
        line=line,
        column=column,
        path=format_path(path),
        entry_id=entry.id if entry else None,
        hint=hint,
        severity="warning",
    )


def _duplicates(loaded: LoadedCV) -> Iterator[Problem]:
    index: WorkIndex[tuple[int, Publication]] = WorkIndex()
    for position, pub in enumerate(loaded.cv.publications):
        work = work_id(pub)
        found = index.find(work)
        if found is None:
            index.add(work, (position, pub))
            continue
        (first_index, first), how = found
        what = {"doi": "same DOI", "arxiv": "same arXiv id", "title": "same title and year"}[how]
        hint = (
            "Keep one entry; if one is a preprint of the other, drop the preprint"
            if how == "title"
            else "Keep one entry; merge their fields"
        )
        yield _warning(
            loaded,
            ("publications", position),
            pub,
            f"{what} as publications[{first_index}] ({first.id})",
            hint,
        )


def _end_before_start(loaded: LoadedCV) -> Iterator[Problem]:
    for section, entries in loaded.sections().items():
        for index, entry in enumerate(entries):
            if (
                isinstance(entry, RangeEntry)
                and entry.start
                and entry.end
                and entry.end.last_day() < entry.start.first_day()
            ):
                yield _warning(
                    loaded,
                    loaded.entry_path(section, index, "end"),
                    entry,
                    f"ends ({entry.end}) before it starts ({entry.start})",
                    "Swap or correct the dates",
                )
    for index, pause in enumerate(loaded.cv.career_breaks):
        if pause.end and pause.end.last_day() < pause.start.first_day():
            yield _warning(
                loaded,
                ("career_breaks", index, "end"),
                None,
                f"ends ({pause.end}) before it starts ({pause.start})",
            )


def _missing_person(loaded: LoadedCV) -> Iterator[Problem]:
    person = loaded.cv.person
    own = person.author_names
    for index, pub in enumerate(loaded.cv.publications):
        names = [*pub.authors, *pub.editors]
        if pub.type is None:
            yield _warning(
                loaded,
                ("publications", index),
                pub,
                "has no type, so profiles that list publications by type (peer-reviewed, "
                "preprints) file it under other outputs",
                "Add `type:` (journal, conference, workshop, book, chapter, preprint, thesis, "
                "software, dataset or other)",
            )
        if not names:
            yield _warning(
                loaded,
                ("publications", index),
                pub,
                "has no authors (nor editors), so your name cannot be shown in it",
                "Add `authors:`; an import may have missed them",
            )
        elif not own.positions(names):
            variants = ", ".join(repr(v) for v in person.name_variants) or "none given"
            yield _warning(
                loaded,
                ("publications", index, "authors"),
                pub,
                f"none of the authors is {person.name} (name variants: {variants})",
                "Add the form used in this author list to person.name_variants",
            )


def _undated(loaded: LoadedCV) -> Iterator[Problem]:
    for section, entries in loaded.sections().items():
        for index, entry in enumerate(entries):
            if entry.span() is None:
                yield _warning(
                    loaded,
                    loaded.entry_path(section, index),
                    entry,
                    "has no date, so date windows cannot place it (it is kept and "
                    "reported as undated)",
                    "Add a date (year, start/end or date)",
                )


def _leftovers(loaded: LoadedCV) -> Iterator[Problem]:
    for section, entries in loaded.sections().items():
        for index, entry in enumerate(entries):
            for found in leftovers(entry):
                path = loaded.entry_path(section, index, found.field)
                yield _warning(loaded, path, entry, found.message, found.hint)


def lint(loaded: LoadedCV) -> list[Problem]:
    """All warnings for a validated CV, including those noticed while loading it."""
    return [
        *loaded.warnings,
        *_duplicates(loaded),
        *_end_before_start(loaded),
        *_missing_person(loaded),
        *_undated(loaded),
        *_leftovers(loaded),
    ]
