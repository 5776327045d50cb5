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
from typing import Any

from pydantic import ValidationError

from assembler.cv.ids import base_id
from assembler.cv.lint import normalise_title
from assembler.cv.model import Publication
from assembler.importers.records import FIELD_ORDER, Incoming


@dataclass
class Planned:
    """What happens to one incoming record."""

    incoming: Incoming
    action: str  # "add", "update", "unchanged", "link", "skip"
    entry_id: str | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    conflicts: list[tuple[str, Any, Any]] = field(default_factory=list)
    reason: str = ""


@dataclass
class MergePlan:
    items: list[Planned] = field(default_factory=list)

    def of(self, action: str) -> list[Planned]:
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


def _doi(value: Any) -> str:
    return str(value).casefold() if value else ""


_ARXIV_ID = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(?:v\d+)?(?![\d.])")


def arxiv_id(entry: dict[str, Any]) -> str:
    """The arXiv identifier an entry prints (CoRR abs/2402.12118, an arxiv.org link), if any."""
    texts = [entry.get("pages"), entry.get("url")]
    texts += [link.get("url") for link in entry.get("links") or [] if isinstance(link, dict)]
    for text in texts:
        if text and (
            "arxiv" in str(text).lower()
            or str(text).startswith("abs/")
            or str(entry.get("venue") or "").lower() in ("corr", "arxiv")
        ):
            match = _ARXIV_ID.search(str(text))
            if match:
                return match[1]
    return ""


def _title_key(title: Any) -> str:
    """Titles compare without case, punctuation or spaces ("SemanticLens" = "Semantic Lens")."""
    return normalise_title(str(title or "")).replace(" ", "")


@dataclass
class _Index:
    """Existing entries (raw mappings as in the file), findable by DOI and by title."""

    entries: list[dict[str, Any]]
    by_doi: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_arxiv: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_title_year: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    by_title: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, entry: dict[str, Any]) -> None:
        self.entries.append(entry)
        title = _title_key(entry.get("title"))
        if arxiv_id(entry):
            self.by_arxiv.setdefault(arxiv_id(entry), entry)
        if entry.get("doi"):
            self.by_doi.setdefault(_doi(entry["doi"]).removeprefix("https://doi.org/"), entry)
        self.by_title_year.setdefault((title, _year(entry.get("year"))), entry)
        self.by_title.setdefault(title, []).append(entry)


def _match(index: _Index, fields: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
    doi = _doi(fields.get("doi"))
    if doi and doi in index.by_doi:
        return index.by_doi[doi], "doi"
    arxiv = arxiv_id(fields)
    if arxiv and arxiv in index.by_arxiv:  # the same preprint, perhaps retitled since
        found = index.by_arxiv[arxiv]
        same_kind = found.get("type") == fields.get("type")
        return found, "doi" if same_kind or fields.get("type") != "preprint" else "preprint"
    title = _title_key(fields.get("title"))
    if fields.get("type") == "preprint":
        # The preprint of a published entry (any year: preprints come first) is linked to it.
        published = [e for e in index.by_title.get(title, []) if e.get("type") != "preprint"]
        if published:
            return published[0], "preprint"
    found = index.by_title_year.get((title, _year(fields.get("year"))))
    if found is not None:
        return found, "title"
    return None, ""


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
    index = _Index([])
    for entry in existing:
        index.add(entry)
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
            index.add(added)
            plan.items.append(Planned(record, "add", entry_id, changes=added))
            continue
        planned = Planned(record, "unchanged", str(match.get("id") or ""))
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
