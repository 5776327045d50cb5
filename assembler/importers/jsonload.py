"""Read a JSON import file: one loader with a size and a depth limit for every JSON format.

Python's ``json`` recurses once per nesting level, so a file of 100,000 ``[`` ends in a
RecursionError traceback. We measure the nesting first (a single pass over the text that skips
strings) and refuse deeper files with a located message, as we do for files that are not JSON.
"""

from __future__ import annotations

import json
import re
from typing import Any

from assembler.problems import Problem, ProblemsError

MAX_DEPTH = 64  # the deepest real export (CSL-JSON dates in items in a list) is 5
MAX_JSON_BYTES = 20 * 1024 * 1024
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def _too_deep(text: str) -> int | None:
    """The offset where nesting passes ``MAX_DEPTH``, or None."""
    depth = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return match.start()
        elif token in "]}":
            depth -= 1
    return None


def load_json(text: str, source: str, what: str) -> Any:
    """The parsed JSON of ``text``; a located user error when it is not JSON, too large or
    nested deeper than any export (``what`` names the format for the hint)."""
    if len(text) > MAX_JSON_BYTES:
        raise ProblemsError([Problem("the file is larger than 20 MB", file=source)], source)
    deep = _too_deep(text)
    if deep is not None:
        line = text.count("\n", 0, deep) + 1
        raise ProblemsError(
            [
                Problem(
                    f"JSON nested deeper than {MAX_DEPTH} levels",
                    file=source,
                    line=line,
                    hint=f"This is not {what}; export it again",
                )
            ],
            source,
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProblemsError(
            [
                Problem(
                    f"not valid JSON: {exc.msg}",
                    file=source,
                    line=exc.lineno,
                    column=exc.colno,
                    hint=f"Save {what} as it came",
                )
            ],
            source,
        ) from None


# Exports are JSON whose every value may have another type than the schema says (a list
# where a string belongs, null for an object). Importers read through these instead of
# ``.get`` chains, so a surprise is an empty field, never a traceback.


def mapping(value: Any) -> dict[str, Any]:
    """``value`` if it is an object, else an empty one."""
    return value if isinstance(value, dict) else {}


def items(value: Any) -> list[Any]:
    """``value`` if it is a list, else an empty one."""
    return value if isinstance(value, list) else []


def mappings(value: Any) -> list[dict[str, Any]]:
    """The objects in the list ``value``."""
    return [item for item in items(value) if isinstance(item, dict)]


def at(value: Any, *path: str) -> Any:
    """``value[path[0]][path[1]]...``, or None where an object is missing."""
    for name in path:
        value = mapping(value).get(name)
    return value


def scalar(value: Any) -> str | None:
    """A text or number as text; None for anything else (lists, objects, booleans)."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return str(value)
