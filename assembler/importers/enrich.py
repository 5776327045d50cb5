"""`assemble enrich --openalex`: look existing publications up in OpenAlex and merge what
is found (DOIs, citation counts, ...) the same way `assemble import openalex` does.

The lookup goes through a ``fetch`` function (URL -> parsed JSON), so tests replay recorded
responses and never touch the network. By DOI when the entry has one, else by title, and a
title hit only counts when its normalised title and year equal the entry's.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assembler.cv.identity import work_id_of_fields
from assembler.importers.merge import MergePlan
from assembler.importers.openalex import work_to_incoming
from assembler.importers.records import Incoming
from assembler.importers.run import ImportResult, existing_publications, merge_into
from assembler.importers.yaml_edit import checked
from assembler.problems import AssembleError

API = "https://api.openalex.org"
TIMEOUT = 20.0
Fetch = Callable[[str], Any]


def http_fetch(url: str) -> Any:
    request = urllib.request.Request(url, headers={"User-Agent": "assemble (CV assembler)"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        raise AssembleError(f"OpenAlex answered {exc.code} for {url}; try again later") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise AssembleError(
            f"cannot reach {API} ({reason}). enrich needs a connection to the internet; "
            "nothing was changed"
        ) from None


def lookup_urls(entry: dict[str, Any]) -> list[str]:
    doi = str(entry.get("doi") or "").removeprefix("https://doi.org/")
    if doi:
        return [f"{API}/works/doi:{urllib.parse.quote(doi, safe='/')}"]
    title = str(entry.get("title") or "")
    if not title:
        return []
    query = urllib.parse.quote(title.replace(",", " ").replace(":", " "))
    return [f"{API}/works?filter=title.search:{query}&per-page=5"]


def _same_work(entry: dict[str, Any], work: dict[str, Any]) -> bool:
    """A title search hit is the entry's work when ``cv.identity`` says so (the year is only
    compared when the entry has one)."""
    mine = work_id_of_fields(entry)
    found = work_id_of_fields(
        {
            "title": work.get("title") or work.get("display_name"),
            "year": work.get("publication_year") if mine.year else None,
            "doi": work.get("doi"),
            "type": entry.get("type"),
        }
    )
    return mine.same_work(found) is not None


def find_records(entries: list[dict[str, Any]], fetch: Fetch) -> list[Incoming]:
    found = []
    for entry in entries:
        for url in lookup_urls(entry):
            answer = fetch(url)
            if not answer:
                continue
            works = answer.get("results", [answer]) if isinstance(answer, dict) else []
            match = next((w for w in works if entry.get("doi") or _same_work(entry, w)), None)
            if match is not None:
                found.append(work_to_incoming(match, f"OpenAlex for {entry.get('id')}"))
                break
    return found


def enrich(into: Path, fetch: Fetch = http_fetch, dry_run: bool = False) -> ImportResult:
    original = into.read_bytes().decode("utf-8")  # CRLF stays CRLF
    loaded = checked(original, into)
    found = find_records(existing_publications(loaded), fetch)
    return merge_into(original, loaded, into, found, ImportResult(MergePlan()), dry_run)
