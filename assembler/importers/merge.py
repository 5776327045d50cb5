"""Which incoming publications are new, which update an entry, which clash: a pure plan.

An incoming record matches an entry with the same DOI, else the same normalised title and year;
a preprint whose title matches a published entry is that entry's preprint, and is linked to it
instead of being added. A match only fills fields the entry leaves empty and refreshes citation
counts that came from a source; a field the person set is never overwritten, and a different
incoming value is listed as a conflict. Merging the same records twice changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import ValidationError

from assembler.cv.identity import WorkIndex, work_id_of_fields
from assembler.cv.model import Publication
from assembler.cv.sections import base_id
from assembler.importers.records import FIELD_ORDER, Incoming

Action = Literal["add", "update", "unchanged", "link", "skip"]
Match = Literal["doi", "arxiv", "title", "preprint"]


@dataclass
class Planned:
    """What happens to one incoming record, and (for a match) how it matched."""

    incoming: Incoming
    action: Action
    entry_id: str | None = None
    matched: Match | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    conflicts: list[tuple[str, Any, Any]] = field(default_factory=list)
    reason: str = ""


@dataclass
class MergePlan:
    items: list[Planned] = field(default_factory=list)

    def of(self, action: Action) -> list[Planned]:
        return [item for item in self.items if item.action == action]

    @property
    def changes_anything(self) -> bool:
        return any(item.changes for item in self.items if item.action in ("add", "update", "link"))


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _comparable(value: Any) -> Any:
    if isinstance(value, str):
        text = re.sub(r"[\u2010-\u2015-]+", "-", value)
        return " ".join(text.casefold().split())
    if isinstance(value, list):
        return [_comparable(item) for item in value]
    if isinstance(value, dict):
        return {key: _comparable(item) for key, item in value.items()}
    return value


def _year(value: Any) -> str:
    return str(value)[:4] if value else ""


def _match(
    index: WorkIndex[dict[str, Any]], fields: dict[str, Any]
) -> tuple[dict[str, Any] | None, Match | None]:
    """The existing entry an incoming record is (or is the preprint of), and how it matched."""
    work = work_id_of_fields(fields)
    found = index.add_copy(work)
    if found is not None:
        entry, how = found
        if how == "arxiv" and work.preprint and entry.get("type") != "preprint":
            return entry, "preprint"  # the arXiv version of a published entry
        return entry, how
    if work.preprint:
        published = index.find_published(work)
        if published is not None:
            return published, "preprint"
    return None, None


def _update(existing: dict[str, Any], fields: dict[str, Any], planned: Planned) -> None:
    for name in FIELD_ORDER:
        if name == "id" or name not in fields:
            continue
        new, old = fields[name], existing.get(name)
        if name == "citations":
            refreshable = _empty(old) or (
                isinstance(old, dict) and old.get("source") == new.get("source")
            )
            if refreshable and _comparable(old) != _comparable(new):
                planned.changes[name] = new
            elif not refreshable and _comparable(old) != _comparable(new):
                planned.conflicts.append((name, old, new))
            continue
        if _empty(old):
            planned.changes[name] = new
        elif name == "year" and _year(old) == _year(new):
            continue  # "2017" and "2017-05" agree; the person's precision is kept
        elif _comparable(old) != _comparable(new):
            planned.conflicts.append((name, old, new))


def _new_id(fields: dict[str, Any], taken: set[str]) -> str:
    publication = Publication.model_validate({k: v for k, v in fields.items() if k != "id"})
    base = base_id("publications", publication)
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def plan_merge(existing: list[dict[str, Any]], incoming: list[Incoming]) -> MergePlan:
    """Decide, for each incoming record, how it enters the existing publications."""
    index: WorkIndex[dict[str, Any]] = WorkIndex()
    for entry in existing:
        work = work_id_of_fields(entry)
        if index.add_copy(work) is None:
            index.add(work, entry)
    taken = {str(entry["id"]) for entry in existing if entry.get("id")}
    plan = MergePlan()
    for record in incoming:
        fields = dict(record.fields)
        if not fields.get("title"):
            plan.items.append(Planned(record, "skip", reason="no title"))
            continue
        match, how = _match(index, fields)
        if match is None:
            try:
                entry_id = _new_id(fields, taken)
            except ValidationError as exc:
                reason = "; ".join(
                    f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()
                )
                plan.items.append(Planned(record, "skip", reason=reason))
                continue
            taken.add(entry_id)
            added = {"id": entry_id, **fields}
            index.add(work_id_of_fields(added), added)
            plan.items.append(Planned(record, "add", entry_id, changes=added))
            continue
        planned = Planned(record, "unchanged", str(match.get("id") or ""), matched=how)
        if how == "preprint":
            planned.action = "link"
            url = fields.get("url")
            links = list(match.get("links") or [])
            if url and all(link.get("url") != url for link in links if isinstance(link, dict)):
                planned.changes["links"] = [*links, {"label": "preprint", "url": url}]
            planned.reason = "preprint of this published entry"
        else:
            _update(match, fields, planned)
            if planned.changes:
                planned.action = "update"
        for name, value in planned.changes.items():
            match[name] = value  # later records see the entry as it will be
        plan.items.append(planned)
    return plan
