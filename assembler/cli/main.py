"""The ``assemble`` command: a thin layer over the library that parses options and prints.

User errors are ``AssembleError`` (a ``click.ClickException``): printed without a traceback,
exit code 1. Usage errors exit 2 (click's own). Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import atexit
import gc
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assembler import __version__
from assembler.collector import collector_paused
from assembler.problems import Problem
from assembler.resources import example_cv

if TYPE_CHECKING:
    from assembler.cv.load import LoadedCV

# Each command imports what it needs when it runs (start-up time: the CV model and the
# renderers cost a quarter of a second to import, and `--help` needs none of them).

# The interpreter's last cyclic collection at exit walks every object the run made (the
# models' schemas, the entries): 30 ms of each run, for memory the system takes back with
# the process anyway. Frozen objects are skipped; exit handlers run before it as usual.
atexit.register(gc.freeze)


DEFAULT_DATA = Path("cv.yaml")
# As importers.run.FORMATS, without importing it (the importers load on use).
IMPORT_FORMATS = (
    "bibtex",
    "openalex",
    "csl-json",
    "ris",
    "orcid",
    "text",
    "jsonresume",
    "rendercv",
)
PROGRESS_FROM = 5  # person files; fewer load too fast for a progress bar to help


def resolve_data(data: Path | None) -> Path:
    """``--data`` as given; else ./cv.yaml; else the bundled example, with a notice."""
    if data is not None:
        return data
    if DEFAULT_DATA.exists():
        return DEFAULT_DATA
    bundled = example_cv()
    click.echo(f"No ./cv.yaml here: using the bundled example {bundled}", err=True)
    return bundled


def _as_of(ctx: click.Context, param: click.Parameter, value: str | None) -> date:
    if value is None:
        return date.today()  # the only clock the pipeline sees, handed in as a value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD") from None


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


DATA_OPTION = click.option(
    "--data",
    type=click.Path(path_type=Path),
    default=None,
    help="The CV file (default: ./cv.yaml, else the bundled example).",
)


# -h and --help on every command, also when a command is invoked on its own.
HELP = {"help_option_names": ["-h", "--help"]}


@click.group(
    invoke_without_command=True,
    context_settings=HELP,
    epilog="Run `assemble COMMAND --help` for the options and an example of each command.",
)
@click.option(
    "--profile",
    "-p",
    "profiles_",
    metavar="NAME",
    multiple=True,
    help="Profile to apply: ./profiles/NAME.yaml, else a bundled one. Repeat it for several "
    "documents in one run (one LibreOffice start for all PDFs).",
)
@click.option(
    "--data",
    type=click.Path(path_type=Path),
    multiple=True,
    help="The CV file (default: ./cv.yaml, else the bundled example). Repeat it, or give a "
    "folder of person files, for one report on a whole group.",
)
@click.option(
    "--as-of",
    "as_of",
    metavar="YYYY-MM-DD",
    callback=_as_of,
    help="Reference date for relative windows such as '5 years' (default: today).",
)
@click.option(
    "--period",
    metavar="YEAR|FROM..TO",
    help="Show only entries of this period, in every section (e.g. 2024).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Folder for the documents.",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "de"]),
    default=None,
    help="Language of labels and dates (default: the profile's).",
)
@click.option("--pdf", is_flag=True, help="Also write PDFs (LibreOffice) and check the page limit.")
@click.option(
    "--check-pages",
    is_flag=True,
    help="Check the page limit with LibreOffice without keeping the PDFs.",
)
@click.option(
    "--fit",
    is_flag=True,
    help="Drop the lowest-ranked entries (in the profile's fit_order) until the documents "
    "fit the page limit.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Print why each entry is in or out; also write <profile>.selection.md.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Treat warnings (facts the profile requires that the CV lacks, sort keys without "
    "values) as errors: exit code 1 and nothing written.",
)
@click.version_option(__version__, prog_name="assemble")
@click.pass_context
def main(
    ctx: click.Context,
    profiles_: tuple[str, ...],
    data: tuple[Path, ...],
    as_of: date,
    period: str | None,
    out: Path,
    lang: str | None,
    pdf: bool,
    check_pages: bool,
    fit: bool,
    explain: bool,
    strict: bool,
) -> None:
    """Assemble funder-specific CVs and reports from one master CV in YAML.

    \b
    Examples:
      assemble --profile eu-horizon
      assemble --profile full-cv --data cv.yaml --as-of 2026-01-31 --explain
      assemble --profile erc --pdf --fit
      assemble -p erc -p dfg -p msca --pdf
      assemble check --data cv.yaml
    """
    if ctx.invoked_subcommand is not None:
        return
    if not profiles_:
        click.echo(ctx.get_help())
        return
    with collector_paused():  # imports make objects that live to the end
        from assembler.build import BuildRequest, build_all

    source = list(data) if data else [resolve_data(None)]
    requests = [
        BuildRequest(
            profile=name,
            data=source,
            as_of=as_of,
            out_dir=out,
            period=period,
            language=lang,
            explain=explain,
            pdf=pdf,
            check_pages=check_pages,
            strict=strict,
            fit=fit,
            progress=_progress,
        )
        for name in profiles_
    ]
    for result in build_all(requests):
        for warning in result.warnings:
            click.echo(warning.format(), err=True)
        if explain:
            click.echo(result.report, nl=False)
        for path in result.written:
            pages = result.pages.get(path)
            suffix = f" ({_plural(pages, 'page')})" if pages is not None else ""
            click.echo(f"wrote {_display(path)}{suffix}")


def _progress(paths: list[Path]) -> Iterable[Path]:
    """A progress bar on standard error while many person files load."""
    if len(paths) < PROGRESS_FROM:
        yield from paths
        return
    with click.progressbar(
        paths,
        label="Reading person files",
        file=sys.stderr,
        item_show_func=lambda path: path.name if path else "",
    ) as bar:
        yield from bar


@main.command(context_settings=HELP)
def profiles() -> None:
    """List the profiles that can be used, with a one-line description each.

    Profiles in ./profiles come first and override bundled ones of the same name.

    \b
    Example:
      assemble profiles
    """
    from assembler.profile.load import describe_profiles

    rows = describe_profiles()
    if not rows:
        click.echo("No profiles found.")
        return
    width = max(len(name) for name, _ in rows)
    for name, description in rows:
        click.echo(f"{name:<{width}}  {description}")


def _summary_rows(loaded: LoadedCV) -> list[tuple[str, int]]:
    from assembler.cv.sections import ENTRY_SECTIONS, SECTIONS, TEXT_SECTIONS

    cv = loaded.cv
    rows = [(name, len(SECTIONS[name].entries(cv))) for name in ENTRY_SECTIONS]
    return rows + [(name, len(SECTIONS[name].texts(cv))) for name in TEXT_SECTIONS]


@main.command(context_settings=HELP)
@DATA_OPTION
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit code 1).")
def check(data: Path | None, strict: bool) -> None:
    """Validate a CV file and warn about likely mistakes.

    Errors (the file cannot be used) exit with code 1. Warnings (likely duplicates, a range that
    ends before it starts, a publication without the person among its authors, undated entries)
    exit with 0 unless --strict.

    \b
    Example:
      assemble check --data cv.yaml --strict
    """
    path = resolve_data(data)
    with collector_paused():  # imports and the CV make objects that live to the end
        from assembler.cv.lint import lint
        from assembler.cv.load import load_cv

        loaded = load_cv(path)
        warnings = lint(loaded)
    lines = [f"{path}: {loaded.cv.person.name}"]
    rows = _summary_rows(loaded)
    width = max(len(name) for name, _ in rows)
    lines += [f"  {name:<{width}}  {count:>4}" for name, count in rows]
    if loaded.derived_ids:
        lines.append("Derived ids (write them into the file to keep them fixed):")
        for (section, index), entry_id in loaded.derived_ids.items():
            line = loaded.locate((section, index))[0]
            lines.append(f"  {path}:{line}: {section}[{index}] -> {entry_id}")
    lines += [warning.format() for warning in warnings]
    lines.append(f"0 errors, {_plural(len(warnings), 'warning')}.")
    click.echo("\n".join(lines))  # one write: a large CV prints thousands of lines
    if strict and warnings:
        raise _StrictFailure(warnings)


class _StrictFailure(click.ClickException):
    exit_code = 1

    def __init__(self, warnings: list[Problem]) -> None:
        super().__init__(f"--strict: {_plural(len(warnings), 'warning')} count as errors.")


@main.command(name="import", context_settings=HELP)
@click.argument("fmt", metavar="FORMAT", type=click.Choice(IMPORT_FORMATS))
@click.argument(
    "files", metavar="FILE...", nargs=-1, required=True, type=click.Path(path_type=Path)
)
@click.option(
    "--into",
    type=click.Path(path_type=Path),
    default=DEFAULT_DATA,
    show_default=True,
    help="The CV file to merge into (rewritten in place; jsonresume and rendercv create it).",
)
@click.option("--dry-run", is_flag=True, help="Only report what would change.")
@click.option(
    "--include-others",
    is_flag=True,
    help="Also import records whose authors do not include you.",
)
def import_(
    fmt: str, files: tuple[Path, ...], into: Path, dry_run: bool, include_others: bool
) -> None:
    """Import publications (or a whole CV) from FILE... into your CV.

    FORMAT is bibtex (and biblatex), openalex, csl-json (Zotero, Mendeley), ris (EndNote,
    Zotero, Web of Science, Scopus), orcid (the public record, XML or JSON) or text (a CV's
    publication list); jsonresume and rendercv migrate a whole CV and create --into when it
    does not exist yet. Several BibTeX files share their @string macros.

    A record that matches an entry (same DOI, else same arXiv id, else the same title and
    year; different DOIs are different works) only fills the entry's empty fields and keeps
    the newest citation count; what you wrote is never overwritten, and differences are
    listed as conflicts. A preprint and its published version are linked. Records that do
    not name you among their authors are listed and left out. The CV file changes only where
    new facts go: its indentation, quoting, comments and line endings stay.

    \b
    Examples:
      assemble import bibtex strings.bib zotero.bib --into cv.yaml --dry-run
      assemble import openalex works.json --into cv.yaml
      assemble import jsonresume resume.json --into cv.yaml
    """
    with collector_paused():  # imports make objects that live to the end
        from assembler.importers.run import describe, import_files  # parsers load on use

    result = import_files(fmt, list(files), into, dry_run, include_others)
    for problem in result.problems:
        click.echo(problem.format(), err=True)
    for line in describe(result, into, dry_run):
        click.echo(line)


@main.command(context_settings=HELP)
@click.option(
    "--openalex",
    "use_openalex",
    is_flag=True,
    required=True,
    help="Look the publications up in OpenAlex (needs the internet).",
)
@click.option(
    "--data",
    type=click.Path(path_type=Path),
    default=DEFAULT_DATA,
    show_default=True,
    help="The CV file to enrich (rewritten in place).",
)
@click.option("--dry-run", is_flag=True, help="Only report what would change.")
def enrich(use_openalex: bool, data: Path, dry_run: bool) -> None:
    """Fill DOIs, citation counts and other empty fields of your publications from OpenAlex.

    Entries are looked up by DOI, else by title and year, and merged like `assemble import
    openalex`: only empty fields are filled, citation counts are refreshed, and nothing you
    wrote is overwritten.

    \b
    Example:
      assemble enrich --openalex --data cv.yaml --dry-run
    """
    with collector_paused():  # imports make objects that live to the end
        from assembler.importers.enrich import enrich as enrich_cv
        from assembler.importers.run import describe

    del use_openalex  # the only source so far; the flag names it so others can follow
    result = enrich_cv(data, dry_run=dry_run)
    for line in describe(result, data, dry_run):
        click.echo(line)


@main.command(context_settings=HELP)
def schema() -> None:
    """Print the JSON Schema of the CV file, for editor autocompletion.

    Save it next to your CV and put this first line into the CV, and editors with a YAML
    language server (VS Code and others) complete keys and underline mistakes as you type:

    \b
      # yaml-language-server: $schema=cv.schema.json

    \b
    Example:
      assemble schema > cv.schema.json
    """
    click.echo(schema_text(), nl=False)


def schema_text() -> str:
    import json

    from assembler.cv.model import json_schema

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
