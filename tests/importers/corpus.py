"""The importer fixture corpus (tests/testdata/importers) and its MANIFEST of expected facts.

``check`` compares what an importer produced from one fixture with the facts MANIFEST.yaml
lists for it, and returns every difference as a sentence, so a test shows all of them at once.
How the manifest is read: ``items`` name records by their source id (``Incoming.key``; a
repeated BibTeX key is told apart by its line, "key (line 29)"); a listed field is exact,
``null`` means the field stays empty, ``<field>_one_of`` / ``<field>_ci`` / ``title_contains``
/ ``keeps`` / ``not_person`` / ``et_al`` as the manifest's header explains. ``note`` values in
items are explanations for people and are not compared. ``records`` counts works after
merging the file into an empty CV (a preprint linked to its published version counts, an
identical duplicate does not).
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from assembler.cv.names import OwnNames, own_names
from assembler.importers.merge import is_yours, plan_merge
from assembler.importers.records import Incoming
from tests.helpers import TESTDATA

CORPUS = TESTDATA / "importers"


@cache
def manifest() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((CORPUS / "MANIFEST.yaml").read_text("utf-8"))
    return data


def person() -> OwnNames:
    who = manifest()["person"]
    return own_names(who["name"], who["name_variants"])


def expect(file: str) -> dict[str, Any]:
    for entry in manifest()["files"]:
        if entry["file"] == file:
            found: dict[str, Any] = entry["expect"]
            return found
    raise KeyError(file)


def files(folder: str) -> list[str]:
    return [entry["file"] for entry in manifest()["files"] if entry["file"].startswith(folder)]


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        text = unicodedata.normalize("NFC", value).replace("’", "'").replace("\u2010", "-")
        return " ".join(text.split())
    if isinstance(value, list):
        return [_norm(item) for item in value]
    if isinstance(value, dict):
        return {key: _norm(item) for key, item in value.items()}
    return value


def _citations(got: Any, want: dict[str, Any]) -> bool:
    if not isinstance(got, dict):
        return False
    return all(str(got.get(key)).casefold() == str(value).casefold() for key, value in want.items())


def _special(record: Incoming, name: str, want: Any, own: OwnNames) -> str | None:
    """The helpers of the manifest (keeps, title_contains, not_person, et_al, ...)."""
    fields = record.fields
    if name == "keeps":
        text = json.dumps(fields, ensure_ascii=False)
        missing = [item for item in want if item not in text]
        return f"lost {missing}" if missing else None
    if name == "title_contains":
        missing = [item for item in want if item not in fields.get("title", "")]
        return f"title lacks {missing}" if missing else None
    if name == "not_person":
        return None if is_yours(record, own) != bool(want) else f"not_person should be {want}"
    if name == "et_al":
        cut = (fields.get("authors") or [""])[-1] == "et al."
        return None if cut == bool(want) else f"et al. should be {want}"
    if name == "authors_unknown":
        note = str(fields.get("note") or "")
        return None if "author" in note else "no note that the author list is unknown"
    return _variant(fields, name, want)


def _variant(fields: dict[str, Any], name: str, want: Any) -> str | None:
    if name.endswith("_one_of"):
        got = fields.get(name.removesuffix("_one_of"))
        return None if _norm(got) in _norm(want) else f"{name}: {got!r} not in {want!r}"
    if name.endswith("_ci"):
        got = str(fields.get(name.removesuffix("_ci")) or "")
        return None if got.casefold() == str(want).casefold() else f"{name}: {got!r}"
    return None


_SPECIAL = ("keeps", "title_contains", "not_person", "et_al", "authors_unknown")


def _fact(record: Incoming, name: str, want: Any, own: OwnNames) -> str | None:
    """What is wrong with one listed fact, or None."""
    if name in _SPECIAL or name.endswith(("_one_of", "_ci")):
        return _special(record, name, want, own)
    fields = record.fields
    got = fields.get(name)
    if name == "selected" and got is None:
        got = False  # the CV's default
    if name == "authors" and got and got[-1] == "et al.":
        got = got[:-1]  # a cut list ends in "et al." in our data; the manifest says et_al
    if name == "citations":
        return None if _citations(got, want) else f"citations: {got!r}, want {want!r}"
    if want is None:
        return None if got in (None, "", []) else f"{name} should be empty, is {got!r}"
    if name == "doi" and isinstance(got, str):
        return None if got.casefold() == str(want).casefold() else f"doi: {got!r}"
    return None if _norm(got) == _norm(want) else f"{name}: {got!r}, want {want!r}"


def _keyed(records: list[Incoming]) -> dict[str, Incoming]:
    by_key: dict[str, Incoming] = {}
    for record in records:
        by_key.setdefault(record.key, record)
        line = record.source.split(":")[-1].split()[0]
        by_key[f"{record.key} (line {line})"] = record
        if not record.key:
            by_key[f"line {line} (empty key)"] = record
    return by_key


def _find(key: str, by_key: dict[str, Incoming], records: list[Incoming]) -> Incoming | None:
    record = by_key.get(key)
    if record is None and key.startswith(".../"):
        record = next((r for r in records if r.key.endswith(key[3:])), None)
    if record is None and key.isdigit() and int(key) < len(records):
        record = records[int(key)]  # records named by their place in the file
    return record


def check(file: str, records: list[Incoming]) -> list[str]:
    """Every difference between ``records`` (read from ``file``) and the manifest."""
    facts = expect(file)
    own = person()
    by_key = _keyed(records)
    problems = []
    for key, wanted in (facts.get("items") or {}).items():
        record = _find(str(key), by_key, records)
        if record is None and "dropped" in str(wanted.get("note", "")):
            continue  # a container the manifest allows to drop (a cross-referenced volume)
        if record is None:
            problems.append(f"{file}: no record {key}")
            continue
        for name, want in wanted.items():
            if name == "note":
                continue
            wrong = _fact(record, name, want, own)
            if wrong:
                problems.append(f"{file} {key}: {wrong}")
    if "records" in facts:
        plan = plan_merge([], records)
        count = len(plan.of("add")) + len(plan.of("link"))
        droppable = sum(
            1 for item in (facts.get("items") or {}).values() if "dropped" in str(item.get("note"))
        )
        if not facts["records"] - droppable <= count <= facts["records"]:
            problems.append(f"{file}: {count} records, want {facts['records']}")
    return problems


def path(file: str) -> Path:
    return CORPUS / file
