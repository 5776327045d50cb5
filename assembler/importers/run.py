"""`assemble import`: read one or more files of a format and merge them into a CV file.

read -> parse (importers.*) -> plan (importers.merge, importers.sections) -> splice into the
file's text (importers.yaml_edit) -> validate -> write atomically, or with --dry-run only
report. The whole-CV formats (JSON Resume, RenderCV) create the CV file when it is missing.
"""

from __future__ import annotations

import codecs
import copy
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assembler.cv.load import LoadedCV
from assembler.importers.merge import MATCH_REASONS, MergePlan, Planned, plan_merge
from assembler.importers.records import Incoming, Migrated
from assembler.importers.sections import SectionPlan, new_cv_text, plan_sections
from assembler.importers.yaml_edit import CvEditor, checked
from assembler.output.write import write_all
from assembler.problems import Problem, ProblemsError

PUBLICATION_FORMATS = ("bibtex", "openalex", "csl-json", "ris", "orcid", "text")
CV_FORMATS = ("jsonresume", "rendercv")
FORMATS = PUBLICATION_FORMATS + CV_FORMATS
MAX_IMPORT_BYTES = 20 * 1024 * 1024


@dataclass
class Parsed:
    """What the files of one import hold."""

    publications: list[Incoming] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    migrated: Migrated | None = None


@dataclass
class ImportResult:
    plan: MergePlan
    problems: list[Problem] = field(default_factory=list)
    written: bool = False
    created: bool = False
    sections: SectionPlan = field(default_factory=SectionPlan)
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return self.plan.changed + self.sections.changed


_LEGACY = re.compile(rb"%\s*Encoding:\s*(\S+)", re.IGNORECASE)
_LEGACY_CODECS = ("bibtex", "ris")  # formats that old exporters wrote in Latin-1


def read_text(path: Path, legacy: bool = False) -> tuple[str, list[Problem]]:
    """The file's text. With ``legacy`` (BibTeX, RIS), a file that is not UTF-8 is read in the
    encoding its ``% Encoding:`` header names (JabRef 2), else as Windows-1252, and a warning
    says so; other formats must be UTF-8."""
    name = str(path)
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise ProblemsError([Problem("the file is larger than 20 MB", file=name)], name)
        data = path.read_bytes()
    except FileNotFoundError:
        raise ProblemsError([Problem("file not found", file=name)], name) from None
    except IsADirectoryError:
        raise ProblemsError([Problem("this is a folder, not a file", file=name)], name) from None
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        if not legacy:
            raise ProblemsError(
                [Problem("the file is not UTF-8 text", file=name, hint="Export it again as UTF-8")],
                name,
            ) from None
    declared = _LEGACY.search(data[:2000])
    codec = "cp1252"
    if declared:
        try:
            codec = codecs.lookup(
                declared[1].decode("ascii", "replace").replace("ISO8859", "iso8859")
            ).name
        except LookupError:
            codec = "cp1252"
    text = data.decode(codec, errors="replace")
    warning = Problem(
        f"the file is not UTF-8: it was read as {codec}"
        + (" (from its % Encoding header)" if declared else ""),
        file=name,
        severity="warning",
        hint="Check the accented names, or export the file again as UTF-8",
    )
    return text, [warning]


def _one_by_one(
    parse: Callable[[str, str], list[Incoming]], files: list[tuple[str, str]]
) -> Parsed:
    parsed = Parsed()
    for text, name in files:
        parsed.publications += parse(text, name)
    return parsed


def parse_files(fmt: str, files: list[tuple[str, str]], person: str = "") -> Parsed:
    """The records of every file (``(text, name)`` pairs) of one format."""
    if fmt == "bibtex":
        from assembler.importers.bibtex import parse_bibtex_files

        publications, problems = parse_bibtex_files(files)
        return Parsed(publications, problems)
    if fmt == "openalex":
        from assembler.importers.openalex import parse_openalex

        return _one_by_one(parse_openalex, files)
    if fmt == "csl-json":
        from assembler.importers.csl import parse_csl

        return _one_by_one(parse_csl, files)
    if fmt == "ris":
        from assembler.importers.ris import parse_ris

        return _one_by_one(parse_ris, files)
    if fmt == "orcid":
        from assembler.importers.orcid import parse_orcid

        return _one_by_one(lambda text, name: parse_orcid(text, name, person), files)
    if fmt == "text":
        from assembler.importers.cv_text import parse_text

        return _one_by_one(parse_text, files)
    return _migrate(fmt, files)


def _migrate(fmt: str, files: list[tuple[str, str]]) -> Parsed:
    if len(files) != 1:
        raise ProblemsError(
            [Problem(f"`import {fmt}` reads one CV file at a time", file=files[-1][1])], fmt
        )
    text, name = files[0]
    if fmt == "jsonresume":
        from assembler.importers.jsonresume import parse_jsonresume

        migrated = parse_jsonresume(text, name)
    else:
        from assembler.importers.rendercv import parse_rendercv

        migrated = parse_rendercv(text, name)
    return Parsed(migrated.publications, migrated=migrated)


def existing_publications(loaded: LoadedCV) -> list[dict[str, Any]]:
    """Plain copies of the entries, ids filled with the derived ones (for the report)."""
    data = loaded.document.data if isinstance(loaded.document.data, dict) else {}
    entries = data.get("publications") or []
    plain = []
    for index, entry in enumerate(entries):
        item = copy.deepcopy(entry) if isinstance(entry, dict) else {}
        if not item.get("id"):
            item["id"] = loaded.derived_ids.get(("publications", index), "")
        plain.append(item)
    return plain


def _apply(editor: CvEditor, plan: MergePlan) -> None:
    nodes = editor.items("publications")
    for item in plan.items:
        if item.action == "add":
            editor.add_entry("publications", item.changes)
        elif item.action in ("update", "link") and item.changes and item.target is not None:
            editor.update_entry(nodes[item.target], item.changes)


def import_files(
    fmt: str,
    sources: Sequence[Path],
    into: Path,
    dry_run: bool = False,
    include_others: bool = False,
) -> ImportResult:
    """Import ``sources`` (files of format ``fmt``) into the CV file ``into``."""
    texts, problems = [], []
    for path in sources:
        text, found = read_text(path, legacy=fmt in _LEGACY_CODECS)
        texts.append((text, str(path)))
        problems += found
    created = False
    try:
        original = into.read_bytes().decode("utf-8")  # CRLF stays CRLF
    except FileNotFoundError:
        if fmt not in CV_FORMATS:
            raise ProblemsError(
                [
                    Problem(
                        "file not found",
                        file=str(into),
                        hint="Create the CV first (see examples/cv.yaml), or migrate one with "
                        "`assemble import jsonresume` or `assemble import rendercv`",
                    )
                ],
                str(into),
            ) from None
        original, created = "", True
    loaded = checked(original, into) if not created else None
    person = loaded.cv.person.name if loaded else ""
    parsed = parse_files(fmt, texts, person)
    problems += parsed.problems
    for record in parsed.publications:
        problems += [
            Problem(message, file=record.source, severity="warning") for message in record.problems
        ]
    if created:
        assert parsed.migrated is not None
        original = new_cv_text(parsed.migrated)
        loaded = checked(original, into)
    assert loaded is not None
    result = ImportResult(MergePlan(), problems, created=created)
    # A record with no fields only carries a warning (an erratum, a gone ORCID work).
    records = [record for record in parsed.publications if record.fields]
    return merge_into(
        original,
        loaded,
        into,
        records,
        result,
        dry_run,
        include_others,
        parsed.migrated,
    )


def merge_into(
    original: str,
    loaded: LoadedCV,
    into: Path,
    incoming: list[Incoming],
    result: ImportResult,
    dry_run: bool = False,
    include_others: bool = True,
    migrated: Migrated | None = None,
) -> ImportResult:
    """Plan ``incoming`` (and a migrated CV's other sections) into the CV text ``original``
    and write the result, unless ``dry_run`` or nothing changes."""
    editor = CvEditor(original, str(into))
    own = loaded.cv.person.author_names
    result.plan = plan_merge(
        existing_publications(loaded), incoming, None if include_others else own
    )
    if migrated is not None and not result.created:
        result.sections = plan_sections(loaded, migrated, editor)
    if migrated is not None:
        result.notes += migrated.notes
    _apply(editor, result.plan)
    result.notes += editor.notes
    if dry_run or not (result.created or result.changed):
        return result
    text = editor.text()
    checked(text, into)  # never write a CV that would not load
    write_all({into: text.encode("utf-8")})  # a link is followed, the file mode kept
    result.written = True
    return result


def _item_line(item: Planned) -> list[str]:
    title = item.incoming.title[:70]
    why = f", {MATCH_REASONS[item.matched]}" if item.matched else ""
    if item.action == "add":
        extra = f"; {item.reason}" if item.reason else ""
        return [f"+ add {item.entry_id}: {title} ({item.incoming.source}{extra})"]
    if item.action == "update":
        return [
            f"~ update {item.entry_id}: {', '.join(item.changes)} ({item.incoming.source}{why})"
        ]
    if item.action == "link":
        what = "adds a preprint link" if item.changes else "nothing to add"
        return [f"> preprint of {item.entry_id}: {what} ({item.incoming.source})"]
    if item.action == "unchanged":
        extra = f"; {item.reason}" if item.reason else ""
        return [f"= unchanged {item.entry_id} ({item.incoming.source}{why}{extra})"]
    if item.action == "not_yours":
        fields = item.incoming.fields
        names = fields.get("authors") or fields.get("editors") or []
        who = "authors" if fields.get("authors") else "editors"
        listed = ", ".join(map(str, names[:4])) + (", …" if len(names) > 4 else "")
        cut = (
            "; the list is cut (et al.), so you may be among the others"
            if (names and names[-1] == "et al.")
            else ""
        )
        return [f"? not yours, left out: {title} ({item.incoming.source}; {who}: {listed}{cut})"]
    return [f"- skipped {item.incoming.source}: {item.reason}"]


def describe(result: ImportResult, into: Path, dry_run: bool) -> list[str]:
    """The report the command prints: one line per record, then the counts."""
    plan = result.plan
    lines = []
    for item in plan.items:
        lines += _item_line(item)
        for name, kept, offered in item.conflicts:
            lines.append(
                f"! conflict {item.entry_id}.{name}: kept {kept!r}, import has {offered!r}"
            )
    lines += result.sections.lines()
    lines += [f"note: {note}" for note in result.notes]
    foreign = len(plan.of("not_yours"))
    if foreign:
        lines.append(
            f"{foreign} record(s) do not name you among their authors (person.name or "
            "person.name_variants) and were left out; add --include-others to import them"
        )
    counts = {action: len(plan.of(action)) for action in ("add", "update", "skip")}
    # A preprint already linked changes nothing; one linked to an entry added now does.
    added = {item.entry_id for item in plan.of("add")}
    linked = [item for item in plan.of("link") if item.changes or item.entry_id in added]
    counts["link"] = len(linked)
    counts["unchanged"] = len(plan.of("unchanged")) + len(plan.of("link")) - len(linked)
    conflicts = sum(len(item.conflicts) for item in plan.items)
    summary = (
        f"{into}: {result.changed} changed: {counts['add']} added, {counts['update']} updated, "
        f"{counts['link']} preprints linked{result.sections.summary()}; "
        f"{counts['unchanged']} unchanged, {counts['skip']} skipped, {foreign} not yours, "
        f"{conflicts} conflicts"
    )
    if result.created:
        summary += " (new CV file)" if not dry_run else " (a new CV file would be made)"
    if dry_run:
        summary += " (dry run: nothing was changed)"
    elif not result.written:
        summary += " (nothing to change)"
    return [*lines, summary]
