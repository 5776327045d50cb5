"""Loading one person's CV file: read with locations, validate, give entries their ids.

Everything that can be wrong with the file is reported at once (schema problems and
duplicate ids together), each at its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assembler.cv.ids import assign_ids
from assembler.cv.model import CV, Entry
from assembler.cv.sections import ENTRY_SECTIONS, base_id, raw_entries, section_entries
from assembler.problems import Problem, ProblemsError
from assembler.source.reader import PathKey, YamlDocument, format_path, load_yaml
from assembler.source.validation import check_document


@dataclass
class LoadedCV:
    """A validated CV with its source document (for locations) and what loading noticed."""

    cv: CV
    document: YamlDocument
    derived_ids: dict[tuple[str, int], str] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def file(self) -> str:
        return self.document.file

    def sections(self) -> dict[str, list[Entry]]:
        """Every list of entries that carry ids, supervision's people included."""
        return section_entries(self.cv)

    def locate(self, path: PathKey) -> tuple[int | None, int | None]:
        return self.document.locate(path)

    def entry_path(self, section: str, index: int, *rest: str) -> PathKey:
        """The path of an entry (or one of its fields) as the file writes it."""
        return (*raw_entries(self.document.data, section)[0], index, *rest)


def _duplicate_ids(document: YamlDocument) -> list[Problem]:
    """Explicit ids used twice, found on the raw data so they are reported with schema errors."""
    data = document.data if isinstance(document.data, dict) else {}
    first: dict[str, PathKey] = {}
    problems = []
    for section in ENTRY_SECTIONS:
        base, items = raw_entries(data, section)
        for index, item in enumerate(items):
            value = item.get("id") if isinstance(item, dict) else None
            if not isinstance(value, str) or not value.strip():
                continue
            entry_id = value.strip()
            path: PathKey = (*base, index, "id")
            if entry_id not in first:
                first[entry_id] = path
                continue
            earlier = first[entry_id]
            line, column = document.locate(path)
            problems.append(
                Problem(
                    message=f"duplicate id {entry_id!r}; {format_path(earlier[:-1])} on line "
                    f"{document.locate(earlier)[0]} has it too",
                    file=document.file,
                    line=line,
                    column=column,
                    path=format_path(path),
                    hint="Ids must be unique within one CV: rename one of them",
                )
            )
    return problems


def validate_cv(document: YamlDocument) -> LoadedCV:
    what = "CV (with at least `person: {name: ...}`)"
    cv, problems = check_document(document, CV, what)
    problems += _duplicate_ids(document)
    if cv is None or problems:
        raise ProblemsError(problems, document.file)
    loaded = LoadedCV(cv=cv, document=document, warnings=list(document.warnings))
    loaded.derived_ids = assign_ids(loaded.sections(), base_id)
    return loaded


def load_cv(path: Path) -> LoadedCV:
    return validate_cv(load_yaml(path))
