"""Dropping the lowest-ranked entries of a selection, for ``--fit``.

The page count comes from a rendered document, so the search for what to drop lives in the
build; this module only says what may be dropped and records each drop with its reason.
"""

from __future__ import annotations

from dataclasses import replace

from assembler.cv.model import Entry
from assembler.select.engine import SectionSelection, Selection
from assembler.select.rules import Drop


def droppable(section: SectionSelection) -> list[Entry]:
    """Entries ``--fit`` may remove, lowest-ranked first (pinned entries are never removed)."""
    pinned = set(section.rule.pin)
    return [entry for entry in reversed(section.entries) if entry.id not in pinned]


def drop_lowest(selection: Selection, name: str, count: int, page_limit: int) -> Selection:
    """A copy of the selection without the ``count`` lowest-ranked droppable entries of a
    section, each recorded as dropped to fit ``page_limit``."""
    section = selection.sections[name]
    removed = {entry.id for entry in droppable(section)[:count]}
    if not removed:
        return selection
    trimmed = replace(
        section,
        entries=[entry for entry in section.entries if entry.id not in removed],
        drops={
            **section.drops,
            **{
                entry_id: Drop("fit", str(page_limit), section.ranks.get(entry_id))
                for entry_id in removed
                if entry_id is not None
            },
        },
    )
    return replace(selection, sections={**selection.sections, name: trimmed})
