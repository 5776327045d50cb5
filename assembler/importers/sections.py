"""A whole CV from another tool into ours: a new CV file, or what is new for an existing one.

Publications go through the merge plan like any import. The other sections are simpler: an
entry whose id recipe (``cv.sections``) gives an id the section already has is the same entry
and left alone; any other entry is added with that id. Empty person fields are filled, never
overwritten; skills and languages are added when the list lacks them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic_core import ValidationError

from assembler.cv.load import LoadedCV
from assembler.cv.model import CV, Person
from assembler.cv.sections import SECTIONS, base_id, entry_model
from assembler.importers.records import Migrated, clean
from assembler.importers.yaml_edit import CvEditor, Style


@dataclass
class SectionPlan:
    """What a migrated CV adds to the sections other than publications."""

    added: list[tuple[str, str]] = field(default_factory=list)  # (section, id or text)
    unchanged: int = 0
    person: list[str] = field(default_factory=list)  # person fields filled
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return len(self.added) + (1 if self.person else 0)

    def lines(self) -> list[str]:
        lines = [f"+ add {section}: {what}" for section, what in self.added]
        if self.person:
            lines.append(f"~ update person: {', '.join(self.person)}")
        lines += [f"- skipped {reason}" for reason in self.skipped]
        lines += [f"note: {note}" for note in self.notes]
        return lines

    def summary(self) -> str:
        if not (self.added or self.person or self.unchanged):
            return ""
        return f", {len(self.added)} other entries added"


def _entry_id(section: str, fields: dict[str, Any]) -> str:
    """The id the section's recipe gives the entry (raises ValidationError if invalid)."""
    model = entry_model(section).model_validate({k: v for k, v in fields.items() if k != "id"})
    return base_id(section, model)


def _known_ids(loaded: LoadedCV, section: str) -> set[str]:
    entries = SECTIONS[section].entries(loaded.cv)
    return {entry.id for entry in entries if entry.id} | {
        base_id(section, entry) for entry in entries
    }


def _plan_person(loaded: LoadedCV, migrated: Migrated, editor: CvEditor, plan: SectionPlan) -> None:
    data = loaded.document.data if isinstance(loaded.document.data, dict) else {}
    person = data.get("person") or {}
    changes = {}
    for name, value in migrated.person.items():
        if name == "name":
            continue  # the CV's name stays
        if name == "links":
            urls = {link.get("url") for link in person.get("links") or []}
            new = [link for link in value if link.get("url") not in urls]
            if new:
                changes["links"] = [*(person.get("links") or []), *new]
        elif person.get(name) in (None, "", []):
            changes[name] = value
    changes = {
        name: value
        for name, value in valid_person({**person, **changes}, plan.notes).items()
        if name in changes
    }
    if changes:
        editor.update_top_mapping("person", changes, tuple(Person.model_fields))
        plan.person = list(changes)
    if migrated.bio and not data.get("bio") and editor.root is not None:
        editor.update_entry(editor.root, {"bio": migrated.bio}, tuple(CV.model_fields))
        plan.person.append("bio")


def plan_sections(loaded: LoadedCV, migrated: Migrated, editor: CvEditor) -> SectionPlan:
    """Add to ``editor`` what ``migrated`` has that the CV lacks; report it."""
    plan = SectionPlan()
    _plan_person(loaded, migrated, editor, plan)
    data = loaded.document.data if isinstance(loaded.document.data, dict) else {}
    taken = {entry.id for entries in loaded.sections().values() for entry in entries if entry.id}
    for section, entries in migrated.sections.items():
        if SECTIONS[section].kind == "texts":
            have = {str(item).casefold() for item in data.get(section) or []}
            for item in entries:
                if not clean(str(item)):
                    continue
                if str(item).casefold() in have:
                    plan.unchanged += 1
                    continue
                have.add(str(item).casefold())
                editor.add_entry(section, item)
                plan.added.append((section, str(item)))
            continue
        known = _known_ids(loaded, section)
        for fields in entries:
            try:
                entry_id = _entry_id(section, fields)
            except ValidationError as exc:
                plan.skipped.append(f"{section} entry {fields}: {exc.errors()[0]['msg']}")
                continue
            if entry_id in known:
                plan.unchanged += 1
                continue
            known.add(entry_id)
            unique, number = entry_id, 1
            while unique in taken:
                number += 1
                unique = f"{entry_id}-{number}"
            taken.add(unique)
            editor.add_entry(section, {"id": unique, **fields})
            plan.added.append((section, unique))
    return plan


def valid_person(person: dict[str, Any], notes: list[str]) -> dict[str, Any]:
    """The person's fields that the CV accepts; each one it does not is left out, noted."""
    fields = dict(person)
    for _ in range(len(fields)):
        try:
            Person.model_validate(fields)
            return fields
        except ValidationError as exc:
            bad = {str(error["loc"][0]) for error in exc.errors() if error["loc"]}
            if not bad & set(fields) or "name" in bad:
                break
            for name in bad & set(fields):
                notes.append(f"person.{name} left out: {fields.pop(name)!r} is not valid there")
    return fields


def _section_lines(section: str, migrated: Migrated, style: Style, taken: set[str]) -> list[str]:
    """The entries of one section, each with an id no entry of any section has."""
    lines: list[str] = []
    for fields in migrated.sections.get(section) or []:
        if SECTIONS[section].kind == "texts":
            if clean(str(fields)):
                lines += style.item_lines(clean(str(fields)), style.seq_offset)
            continue
        try:
            entry_id = _entry_id(section, fields)
        except ValidationError as exc:
            migrated.notes.append(f"{section} entry left out: {exc.errors()[0]['msg']} ({fields})")
            continue
        candidate, number = entry_id, 1
        while candidate in taken:
            number += 1
            candidate = f"{entry_id}-{number}"
        taken.add(candidate)
        lines += style.item_lines({"id": candidate, **fields}, style.seq_offset)
    return lines


def new_cv_text(migrated: Migrated) -> str:
    """A new CV file (in the example's style) with the person and every section but the
    publications, which the import then adds through the merge plan."""
    style = Style()
    lines = ["# Migrated with `assemble import`; check it with `assemble check`.", "person:"]
    for name, value in valid_person(migrated.person, migrated.notes).items():
        lines += style.field_lines(name, value, style.indent)
    if migrated.bio:
        lines += ["", *style.field_lines("bio", migrated.bio, 0)]
    taken: set[str] = set()
    for section in SECTIONS:
        if section == "publications":
            continue
        entries = _section_lines(section, migrated, style, taken)
        if entries:
            lines += ["", f"{section}:", *entries]
    return "\n".join(lines) + "\n"
