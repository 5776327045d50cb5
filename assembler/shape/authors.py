"""Author lists as documents print them: shortened without hiding the person, who is bold.

Rich text is a neutral ``Rich`` list of runs here; the Word renderer turns it into Word
runs, and ``str()`` gives the plain text for Excel and the selection report.
"""

from __future__ import annotations

from dataclasses import dataclass

from assembler.cv.names import OwnNames
from assembler.shape.style import Style

ELLIPSIS = "…"


@dataclass(frozen=True)
class Run:
    """A piece of text with one look: bold (the person's name), italic (a venue), or a link."""

    text: str
    bold: bool = False
    italic: bool = False
    url: str | None = None

    def same_look(self, other: Run) -> bool:
        return (self.bold, self.italic, self.url) == (other.bold, other.italic, other.url)


class Rich(list[Run]):
    """Text made of runs, some bold, italic or linked. ``str()`` gives the plain text."""

    def __str__(self) -> str:
        return "".join(run.text for run in self)

    def merged(self) -> Rich:
        """Adjacent runs of the same weight joined, empty runs left out."""
        result = Rich()
        for run in self:
            if not run.text:
                continue
            if result and result[-1].same_look(run):
                last = result[-1]
                result[-1] = Run(last.text + run.text, last.bold, last.italic, last.url)
            else:
                result.append(run)
        return result


def shorten_authors(names: list[str], own: OwnNames, limit: int | None, et_al: str) -> list[str]:
    """At most ``limit`` names plus "et al.", never hiding the person: when they come later,
    show the first limit-1, an ellipsis, the person, and "et al." if anyone follows."""
    if limit is None or len(names) <= limit:
        return list(names)
    positions = own.positions(names)
    if not positions or positions[0] < limit:
        return [*names[:limit], et_al]
    index = positions[0]
    shown = [*names[: max(limit - 1, 0)], ELLIPSIS, names[index]]
    if index < len(names) - 1:
        shown.append(et_al)
    return shown


def _join_names(names: list[str], et_al: str) -> list[str]:
    """Separators between names: commas, and no comma before "et al." or after "…"."""
    pieces: list[str] = []
    for i, name in enumerate(names):
        if i:
            pieces.append(" " if name in (et_al, ELLIPSIS) or names[i - 1] == ELLIPSIS else ", ")
        pieces.append(name)
    return pieces


def authors_rich(names: list[str], style: Style, highlight: bool) -> Rich:
    rich = Rich()
    et_al = style.labels["et_al"]
    for piece in _join_names(names, et_al):
        bold = highlight and piece not in (", ", " ", ELLIPSIS, et_al) and style.own.matches(piece)
        rich.append(Run(piece, bold))
    return rich
