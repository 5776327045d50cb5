"""CVs shared by the selection tests, and how they read a selection."""

from __future__ import annotations

PERSON = "person: {name: Sebastian Lapuschkin, name_variants: [Lapuschkin S, Bach S]}\n"

TALKS = (
    PERSON
    + """\
talks:
  - {id: t2019, title: Old, date: 2019-06-01, kind: invited}
  - {id: t2021, title: Edge year, date: 2021, kind: Keynote}
  - {id: t2021b, title: Before edge, date: 2021-10, kind: invited}
  - {id: t2024, title: Recent, date: 2024-03-05, kind: contributed}
  - {id: tnone, title: Undated, kind: invited}
"""
)


def ids(selection, section: str) -> list[str]:
    return [entry.id for entry in selection.sections[section].entries]


def reasons(selection, section: str) -> dict[str, str]:
    return {d.entry_id: str(d.drop) for d in selection.sections[section].dropped}


PUBS = (
    PERSON
    + """\
publications:
  - {id: p2015, title: LRP, year: 2015, authors: [Bach S, Binder A], citations: 5000}
  - {id: p2016, title: Fisher, year: 2016, authors: [Lapuschkin S], selected: true}
  - {id: p2020, title: Mid, year: 2020, authors: [Samek W, Lapuschkin S, Müller K-R]}
  - {id: p2021, title: Last, year: 2021, authors: [Anders C J, Lapuschkin S], citations: 300}
  - {id: p2022, title: Other, year: 2022, authors: [Samek W], citations: {count: 300}}
"""
)
