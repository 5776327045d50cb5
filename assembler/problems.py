"""Located problems and the user-facing exceptions that carry them.

Every stage that reads user input (data, profiles, templates) reports what is wrong as
``Problem`` records instead of raising at the first fault, so one run shows all of them.
User errors subclass ``click.ClickException``: the CLI prints them without a traceback and
exits with code 1. Anything else that escapes is an internal error and keeps its traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Any, Literal

import click

Severity = Literal["error", "warning"]

_MAX_VALUE_CHARS = 60


def closest(word: str, choices: list[str] | tuple[str, ...], cutoff: float = 0.6) -> str | None:
    """The known name a mistyped one most likely meant, for "Did you mean …?" hints.
    difflib loads only when there is a mistake to explain (1 ms of every start-up)."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return close[0] if close else None


def short_repr(value: object) -> str:
    """Quote a value for a message, shortened so one bad paragraph does not flood the screen."""
    text = repr(value)
    if len(text) > _MAX_VALUE_CHARS:
        text = text[: _MAX_VALUE_CHARS - 4] + "…" + text[-1]
    return text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, with enough context for the user to fix it."""

    message: str
    file: str = ""
    line: int | None = None
    column: int | None = None
    path: str = ""
    entry_id: str | None = None  # the entry's id, or its quoted title when it has none
    value: object = None
    has_value: bool = False
    hint: str = ""
    severity: Severity = "error"

    def location(self) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self) -> str:
        where = self.path
        if self.entry_id:
            label = self.entry_id if self.entry_id.startswith('"') else f"id {self.entry_id}"
            where = f"{where} ({label})" if where else label
        text = f"{self.location()}: {self.severity}: "
        if where:
            text += f"{where}: "
        text += self.message
        if self.has_value:
            text += f" (value: {short_repr(self.value)})"
        if self.hint:
            text += (
                f". {self.hint}" if not self.message.endswith((".", "?", "!")) else f" {self.hint}"
            )
        return text


def sort_key(problem: Problem) -> tuple[str, int, int, str]:
    return (problem.file, problem.line or 0, problem.column or 0, problem.message)


class AssembleError(click.ClickException):
    """A user error: bad data, bad profile, bad template, output that cannot be written."""

    exit_code = 1

    def format_message(self) -> str:
        return self.message

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(self.format_message(), err=True, file=file)


class ProblemsError(AssembleError):
    """Raised with every problem found in one pass, so the user can fix them all at once."""

    def __init__(self, problems: list[Problem], what: str = "input") -> None:
        self.problems = sorted(problems, key=sort_key)
        errors = [p for p in self.problems if p.severity == "error"]
        lines = [p.format() for p in self.problems]
        count = len(errors)
        lines.append(f"{count} error{'s' if count != 1 else ''} in {what}.")
        super().__init__("\n".join(lines))
