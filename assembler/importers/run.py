"""`assemble import`: read a BibTeX, OpenAlex or CV-text file and merge it into a CV file.

read -> parse (importers.*) -> plan (importers.merge) -> apply to the round-trip YAML ->
validate -> write atomically, or with --dry-run only report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assembler.importers.bibtex import parse_bibtex
from assembler.importers.merge import MergePlan, plan_merge
from assembler.importers.openalex import parse_openalex
from assembler.importers.records import Incoming
from assembler.importers.yaml_edit import RoundTrip, checked_text
from assembler.output.write import write_all
from assembler.problems import Problem, ProblemsError

FORMATS = ("bibtex", "openalex", "text")
MAX_IMPORT_BYTES = 20 * 1024 * 1024


@dataclass
class ImportResult:
    plan: MergePlan
    problems: list[Problem] = field(default_factory=list)
    written: bool = False


def read_source(fmt: str, path: Path) -> tuple[list[Incoming], list[Problem]]:
    name = str(path)
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise ProblemsError([Problem("the file is larger than 20 MB", file=name)], name)
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ProblemsError([Problem("file not found", file=name)], name) from None
    except UnicodeDecodeError:
        raise ProblemsError(
            [Problem("the file is not UTF-8 text", file=name, hint="Export it again as UTF-8")],
            name,
        ) from None
    if fmt == "bibtex":
        return parse_bibtex(text, name)
    if fmt == "openalex":
        return parse_openalex(text, name), []
    from assembler.importers.cv_text import parse_text

    return parse_text(text, name), []


def import_file(fmt: str, source: Path, into: Path, dry_run: bool = False) -> ImportResult:
    incoming, problems = read_source(fmt, source)
    for record in incoming:
        problems += [
            Problem(message, file=record.source, severity="warning") for message in record.problems
        ]
    try:
        original = into.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProblemsError(
            [
                Problem(
                    "file not found",
                    file=str(into),
                    hint="Create the CV first (see examples/cv.yaml)",
                )
            ],
            str(into),
        ) from None
    checked_text(original, into)  # the CV must be valid before we touch it
    document = RoundTrip(original)
    plan = plan_merge(document.plain_publications(), incoming)
    result = ImportResult(plan, problems)
    if dry_run or not plan.changes_anything:
        return result
    document.apply(plan)
    text = checked_text(document.dump(), into)
    write_all({into: text.encode("utf-8")})
    result.written = True
    return result


def describe(result: ImportResult, into: Path, dry_run: bool) -> list[str]:
    """The report the command prints: counts, then one line per record."""
    plan = result.plan
    lines = []
    for item in plan.items:
        title = item.incoming.title[:70]
        if item.action == "add":
            lines.append(f"+ add {item.entry_id}: {title} ({item.incoming.source})")
        elif item.action == "update":
            lines.append(f"~ update {item.entry_id}: {', '.join(item.changes)}")
        elif item.action == "link":
            what = "adds a preprint link" if item.changes else "nothing to add"
            lines.append(f"> preprint of {item.entry_id}: {what} ({item.incoming.source})")
        elif item.action == "unchanged":
            lines.append(f"= unchanged {item.entry_id}")
        else:
            lines.append(f"- skipped {item.incoming.source}: {item.reason}")
        for name, kept, offered in item.conflicts:
            lines.append(
                f"! conflict {item.entry_id}.{name}: kept {kept!r}, import has {offered!r}"
            )
    counts = {
        action: len(plan.of(action)) for action in ("add", "update", "link", "unchanged", "skip")
    }
    conflicts = sum(len(item.conflicts) for item in plan.items)
    summary = (
        f"{into}: {counts['add']} added, {counts['update']} updated, "
        f"{counts['link']} preprints linked, {counts['unchanged']} unchanged, "
        f"{counts['skip']} skipped, {conflicts} conflicts"
    )
    if dry_run:
        summary += " (dry run: nothing was changed)"
    elif not result.written:
        summary += " (nothing to change)"
    return [*lines, summary]
