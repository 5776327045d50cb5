"""Raw YAML -> typed model, with every problem reported at once at its file:line.

pydantic-core finds the problems; this module turns its error records into messages a researcher
can act on: the line in their file, the path (``publications[12].year``) and the entry's id, the
value they wrote, what is wrong in plain words and, for unknown keys, the key they probably meant
(as the file spells it: ``from``, not the attribute ``from_``).
The same machinery serves the CV and the profile files.
"""

from __future__ import annotations

import types
import typing
from typing import Any, TypeVar

from pydantic_core import ValidationError

from assembler.problems import Problem, ProblemsError, closest
from assembler.source.reader import PathKey, YamlDocument, format_path
from assembler.source.record import Record

M = TypeVar("M", bound=Record)

_MESSAGES = {
    "missing": "required field is missing",
    "list_type": "expected a list (lines starting with '- ')",
    "dict_type": "expected a mapping of `key: value` lines",
    "model_type": "expected a mapping of `key: value` lines",
    "model_attributes_type": "expected a mapping of `key: value` lines",
    "string_type": "expected text",
    "int_parsing": "expected a whole number",
    "int_type": "expected a whole number",
    "int_from_float": "expected a whole number",
    "greater_than_equal": "must not be negative",
    "finite_number": "expected a finite number such as 250000 or 1234.50",
    "bool_parsing": "expected true or false",
    "bool_type": "expected true or false",
    "decimal_parsing": "expected a number such as 250000 or 1234.50",
    "decimal_type": "expected a number such as 250000 or 1234.50",
    "string_too_short": "must not be empty",
    "string_pattern_mismatch": "may contain only letters, digits, '-', '_', '.' and ':'",
}
_TEXT_FIELDS = ("id", "title", "name", "acronym", "role", "course", "degree")


def _union_members(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _union_members(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, tuple, dict):
        members: list[Any] = []
        for arg in typing.get_args(annotation):
            members.extend(_union_members(arg))
        return members
    return [annotation]


def _model_in(annotation: Any) -> type[Record] | None:
    for member in _union_members(annotation):
        if isinstance(member, type) and issubclass(member, Record):
            return member
    return None


def model_at(root: type[Record], loc: tuple[Any, ...]) -> type[Record] | None:
    """The model class that holds the last element of a validation error location."""
    current: type[Record] | None = root
    for part in loc:
        if current is None:
            return None
        if isinstance(part, str):
            fields = current.model_fields
            info = fields.get(part) or next((f for f in fields.values() if f.alias == part), None)
            if info is not None:
                current = _model_in(info.annotation)
    return current


def _clean_path(document: YamlDocument, loc: tuple[Any, ...]) -> PathKey:
    """Drop the union tags from a location, keeping the path as it exists in the file."""
    node: Any = document.data
    path: list[str | int] = []
    for position, part in enumerate(loc):
        last = position == len(loc) - 1
        if (isinstance(node, dict) and isinstance(part, str) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            node = node[part]  # type: ignore[index]  # the checks above match key and node
            path.append(part)
        elif last and isinstance(node, dict) and isinstance(part, str):
            path.append(part)  # a missing key of a mapping
    return tuple(path)


def entry_label(document: YamlDocument, path: PathKey) -> str | None:
    """The id of the entry a path points into, or the start of its title when it has none."""
    if len(path) < 2 or not isinstance(path[1], int):
        return None
    found, entry = document.value_at(path[:2])
    if not found or not isinstance(entry, dict):
        return None
    for key in _TEXT_FIELDS:
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            if key == "id":
                return value
            text = value.strip()
            return f'"{text[:40]}…"' if len(text) > 40 else f'"{text}"'
    return None


def _problem(document: YamlDocument, root: type[Record], error: Any) -> Problem:
    loc = tuple(error["loc"])
    path = _clean_path(document, loc)
    line, column = document.locate(path)
    kind = error["type"]
    hint = ""
    has_value = True
    value = error.get("input")
    if kind == "extra_forbidden":
        key = str(path[-1]) if path else str(loc[-1])
        message = f"unknown key {key!r}"
        model = model_at(root, loc[:-1])
        fields = model.model_fields if model else {}
        choices = sorted(info.alias or name for name, info in fields.items())
        close = closest(key, choices)
        if close:
            hint = f"Did you mean {close!r}?"
        elif choices:
            hint = "Known keys here: " + ", ".join(choices)
        has_value = False
    elif kind == "missing":
        message = _MESSAGES[kind]
        hint = f"Add `{path[-1]}: ...`" if path else ""
        has_value = False
    elif kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        message = f"must be one of {expected}"
        choices = [part.strip(" '") for part in expected.replace(" or ", ", ").split(",")]
        close = closest(str(value).lower(), choices)
        hint = f"Did you mean {close!r}?" if close else ""
    elif kind == "less_than_equal":
        message = f"is larger than any real value here (at most {error['ctx']['le']:,})"
        hint = "A typo? Check the digits"
    elif kind in ("value_error", "assertion_error"):
        message = str(error["ctx"]["error"]) if "ctx" in error else error["msg"]
    else:
        message = _MESSAGES.get(kind, error["msg"][:1].lower() + error["msg"][1:])
    if isinstance(value, dict | list):
        has_value = False
    return Problem(
        message=message,
        file=document.file,
        line=line,
        column=column,
        path=format_path(path),
        entry_id=entry_label(document, path),
        value=value,
        has_value=has_value,
        hint=hint,
    )


def check_document(
    document: YamlDocument, model: type[M], what: str
) -> tuple[M | None, list[Problem]]:
    """Validate raw data against ``model``; return the model or every problem found."""
    if document.data is None:
        return None, [
            Problem(f"the file is empty; it must hold a {what}", file=document.file, line=1)
        ]
    if not isinstance(document.data, dict):
        return None, [
            Problem(
                f"a {what} is a mapping of `key: value` lines at the top level",
                file=document.file,
                line=1,
            )
        ]
    try:
        return model.model_validate(document.data), []
    except ValidationError as exc:
        return None, _unique([_problem(document, model, error) for error in exc.errors()])


def validate_document(document: YamlDocument, model: type[M], what: str) -> M:
    """Validate raw data against ``model``; raise ``ProblemsError`` with every problem."""
    result, problems = check_document(document, model, what)
    if result is None:
        raise ProblemsError(problems, document.file)
    return result


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[Any, ...]] = set()
    result = []
    for problem in problems:
        key = (problem.line, problem.path, problem.message)
        if key not in seen:
            seen.add(key)
            result.append(problem)
    return result
