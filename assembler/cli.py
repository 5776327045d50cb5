"""The ``assemble`` command: a thin layer over the library that parses options and prints.

User errors are ``AssembleError`` (a ``click.ClickException``): printed without a traceback,
exit code 1. Usage errors exit 2 (click's own). Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from . import __version__
from .lint import lint
from .model import ENTRY_SECTIONS, json_schema
from .problems import Problem
from .resources import example_cv
from .validate import LoadedCV, load_cv

DEFAULT_DATA = Path("cv.yaml")


def resolve_data(data: Path | None) -> Path:
    """``--data`` as given; else ./cv.yaml; else the bundled example, with a notice."""
    if data is not None:
        return data
    if DEFAULT_DATA.exists():
        return DEFAULT_DATA
    bundled = example_cv()
    click.echo(f"No ./cv.yaml here: using the bundled example {bundled}", err=True)
    return bundled


def _summary_rows(loaded: LoadedCV) -> list[tuple[str, int]]:
    cv = loaded.cv
    rows = [(section, len(getattr(cv, section))) for section in ENTRY_SECTIONS]
    if cv.supervision is not None:
        rows.append(("supervision", len(cv.supervision.people) + bool(cv.supervision.summary)))
    rows += [
        ("metrics", len(cv.metrics)),
        ("career_breaks", len(cv.career_breaks)),
        ("skills", len(cv.skills)),
        ("languages", len(cv.languages)),
    ]
    return rows


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Run `assemble COMMAND --help` for the options and an example of each command.",
)
@click.version_option(__version__, prog_name="assemble")
def main() -> None:
    """Assemble funder-specific CVs and reports from one master CV in YAML.

    \b
    Example:
      assemble check --data cv.yaml
    """


@main.command()
@click.option(
    "--data",
    type=click.Path(path_type=Path),
    default=None,
    help="The CV file (default: ./cv.yaml, else the bundled example).",
)
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
    loaded = load_cv(path)
    warnings = lint(loaded)
    click.echo(f"{path}: {loaded.cv.person.name}")
    rows = _summary_rows(loaded)
    width = max(len(name) for name, _ in rows)
    for name, count in rows:
        click.echo(f"  {name:<{width}}  {count:>4}")
    if loaded.derived_ids:
        click.echo("Derived ids (write them into the file to keep them fixed):")
        for (section, index), entry_id in loaded.derived_ids.items():
            line = loaded.locate((section, index))[0]
            click.echo(f"  {path}:{line}: {section}[{index}] -> {entry_id}")
    for warning in warnings:
        click.echo(warning.format())
    click.echo(f"0 errors, {_plural(len(warnings), 'warning')}.")
    if strict and warnings:
        raise _StrictFailure(warnings)


class _StrictFailure(click.ClickException):
    exit_code = 1

    def __init__(self, warnings: list[Problem]) -> None:
        super().__init__(f"--strict: {_plural(len(warnings), 'warning')} count as errors.")


@main.command()
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
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
