"""Which incoming publications are new, which update an entry, which link: a pure plan.

Matching goes through ``cv.identity`` (one definition of "the same work"): the same DOI, else
the same arXiv id, else the same title and year; different DOIs are never the same work. A
preprint and its published version are linked, whichever comes first: a preprint of an entry
becomes a link of that entry, and a published record whose preprint is already there (in the
CV or earlier in the import) is added with a link to it. A match only fills fields the entry
leaves empty and keeps the newest citation count; a field the person set is never
overwritten, and a different incoming value is listed as a conflict. A record whose authors do
not include the person is held back (``not_yours``) unless the caller includes others.
Merging the same records twice changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic_core import ValidationError

from assembler.cv.identity import WorkId, WorkIndex, work_id_of_fields
from assembler.cv.model import Publication
from assembler.cv.names import OwnNames
from assembler.cv.sections import base_id
from assembler.importers.records import FIELD_ORDER, Incoming

Action = Literal["add", "update", "unchanged", "link", "skip", "not_yours"]
Match = Literal["doi", "arxiv", "title", "preprint", "published"]

# Why a record matched, as the report says it.
MATCH_REASONS: dict[str, str] = {
    "doi": "same DOI",
    "arxiv": "same arXiv id",
    "title": "same title and year",
    "preprint": "its preprint (same title)",
    "published": "published version of a preprint (same title)",
}


@dataclass
class Planned:
    """What happens to one incoming record, and (for a match) how it matched."""

    incoming: Incoming
    action: Action
    entry_id: str | None = None
    matched: Match | None = None
    target: int | None = None  # the position of the matched entry among the CV's publications
    changes: dict[str, Any] = field(default_factory=dict)
    conflicts: list[tuple[str, Any, Any]] = field(default_factory=list)
    reason: str = ""


@dataclass
class MergePlan:
    items: list[Planned] = field(default_factory=list)

    def of(self, action: Action) -> list[Planned]:
        return [item for item in self.items if item.action == action]

    @property
    def changed(self) -> int:
        """How many records change the CV (a new entry, new fields, a new link)."""
        return sum(
            1 for item in self.items if item.action in ("add", "update", "link") and item.changes
        )

    @property
    def changes_anything(self) -> bool:
        return self.changed > 0


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


def _count_key(value: Any) -> tuple[str, int]:
    """Citation counts compare by their date, then by size: the newest (largest) wins."""
    if isinstance(value, dict):
        return str(value.get("as_of") or ""), int(value.get("count") or 0)
    return "", int(value) if str(value).isdigit() else 0


def _citations(old: Any, new: Any, planned: Planned) -> None:
    """A count from the same source is replaced by a newer one (never by an older figure, such
    as a stale duplicate record's); a count the person typed is kept and the new one listed."""
    same_source = isinstance(old, dict) and old.get("source") == (new or {}).get("source")
    if _empty(old) or (same_source and _count_key(new) > _count_key(old)):
        planned.changes["citations"] = new
    elif not same_source and _comparable(old) != _comparable(new):
        planned.conflicts.append(("citations", old, new))


def _update(existing: dict[str, Any], fields: dict[str, Any], planned: Planned) -> None:
    for name in FIELD_ORDER:
        if name == "id" or name not in fields:
            continue
        if planned.matched == "arxiv" and name in ("venue", "pages") and existing.get(name):
            continue  # "CoRR abs/2508.21380" and "arXiv 2508.21380" say the same
        new, old = fields[name], existing.get(name)
        if name == "citations":
            _citations(old, new, planned)
        elif _empty(old):
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


def _with_link(entry: dict[str, Any], url: Any, label: str) -> list[dict[str, Any]] | None:
    """The entry's links with one more, or None when it has that URL already."""
    links = list(entry.get("links") or [])
    if not url or url == entry.get("url"):
        return None
    if any(isinstance(link, dict) and link.get("url") == url for link in links):
        return None
    return [*links, {"label": label, "url": url}]


def _preprint_url(fields: dict[str, Any]) -> Any:
    return fields.get("url") or (f"https://doi.org/{fields['doi']}" if fields.get("doi") else None)


def is_yours(record: Incoming, own: OwnNames) -> bool:
    """Does the record's author (or editor) list name the person? A record without names
    cannot say, and is taken."""
    names = [*record.fields.get("authors", []), *record.fields.get("editors", [])]
    return not names or any(own.matches(name) for name in names)


class _Planner:
    def __init__(self, existing: list[dict[str, Any]]) -> None:
        self.index: WorkIndex[dict[str, Any]] = WorkIndex()
        for entry in existing:
            # Each entry of the CV is its own work here (two that look alike are the person's
            # to merge, and `check` says so): mixing their identifiers would make the outcome
            # of the next import depend on the order of the file.
            self.index.add(work_id_of_fields(entry), entry)
        self.taken = {str(entry["id"]) for entry in existing if entry.get("id")}
        self.positions = {id(entry): index for index, entry in enumerate(existing)}
        self.pending: dict[int, Planned] = {}  # id(entry dict) -> its planned add
        self.plan = MergePlan()

    def match(self, work: WorkId) -> tuple[dict[str, Any] | None, Match | None]:
        """The existing entry an incoming record is (or is the preprint of), and how."""
        found = self.index.add_copy(work)
        if found is not None:
            entry, how = found
            if how == "arxiv" and work.preprint and entry.get("type") != "preprint":
                return entry, "preprint"  # the arXiv version of a published entry
            return entry, how
        if work.preprint:
            published = self.index.find_published(work)
            if published is not None:
                return published, "preprint"
        return None, None

    def add(self, record: Incoming, fields: dict[str, Any], work: WorkId) -> None:
        try:
            entry_id = _new_id(fields, self.taken)
        except ValidationError as exc:
            reason = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            self.plan.items.append(Planned(record, "skip", reason=reason))
            return
        self.taken.add(entry_id)
        added = {"id": entry_id, **fields}
        planned = Planned(record, "add", entry_id, changes=added)
        preprint = None if work.preprint else self.index.find_preprint(work)
        if preprint is not None:
            self._link_published(planned, added, preprint)
        self.index.add(work, added)
        self.pending[id(added)] = planned
        self.plan.items.append(planned)

    def _link_published(
        self, planned: Planned, added: dict[str, Any], preprint: dict[str, Any]
    ) -> None:
        """The published version of a preprint: a preprint added earlier in this import
        becomes a link of it; a preprint entry of the CV stays, and is linked."""
        earlier = self.pending.get(id(preprint))
        planned.matched = "published"
        links = _with_link(added, _preprint_url(preprint), "preprint")
        if links:
            added["links"] = links
        if earlier is not None and earlier.action == "add":
            earlier.action, earlier.entry_id, earlier.matched = "link", planned.entry_id, "preprint"
            earlier.changes = {}
            earlier.reason = "preprint of a published record later in the import"
            self.taken.discard(str(preprint.get("id")))
            planned.reason = "published version of a preprint earlier in the import"
        else:
            planned.reason = f"published version of the preprint entry {preprint.get('id')}"

    def merge(
        self, record: Incoming, fields: dict[str, Any], entry: dict[str, Any], how: Match
    ) -> None:
        planned = Planned(record, "unchanged", str(entry.get("id") or ""), matched=how)
        planned.target = self.positions.get(id(entry))
        if how == "preprint":
            planned.action = "link"
            links = _with_link(entry, _preprint_url(fields), "preprint")
            if links:
                planned.changes["links"] = links
            planned.reason = "preprint of this published entry"
        else:
            _update(entry, fields, planned)
            if planned.changes:
                planned.action = "update"
        earlier = self.pending.get(id(entry))
        if earlier is not None and earlier.action == "link":
            # A copy of a preprint that became a link of its published version.
            planned.action, planned.entry_id, planned.changes = "link", earlier.entry_id, {}
            planned.reason = "preprint of a published record in the import"
        for name, value in planned.changes.items():
            entry[name] = value  # later records see the entry as it will be
        if earlier is not None and earlier.action == "add" and planned.changes:
            # A record added in this import: the new fields go into its own new entry.
            if planned.action == "update":
                planned.action = "unchanged"
                planned.reason = f"merged into {earlier.entry_id}, added by this import"
            planned.changes = {}
        self.plan.items.append(planned)


def plan_merge(
    existing: list[dict[str, Any]],
    incoming: list[Incoming],
    own: OwnNames | None = None,
) -> MergePlan:
    """Decide, for each incoming record, how it enters the existing publications. With
    ``own``, new records whose authors do not name the person are held back as
    ``not_yours`` (a record that matches an entry of the CV is the person's already)."""
    planner = _Planner(existing)
    for record in incoming:
        fields = dict(record.fields)
        if not fields.get("title"):
            planner.plan.items.append(Planned(record, "skip", reason="no title"))
            continue
        work = work_id_of_fields(fields)
        entry, how = planner.match(work)
        if (entry is None or how is None) and own is not None and not is_yours(record, own):
            # A record of an entry of the CV is the person's; a new one must name them.
            planner.plan.items.append(Planned(record, "not_yours"))
        elif entry is None or how is None:
            planner.add(record, fields, work)
        else:
            planner.merge(record, fields, entry, how)
    return planner.plan
