"""Floor scripts: the least work that produces the same kind of output, to pair `assemble`
against in scripts/benchmark.py.

Each does only what the libraries must do (C-accelerated YAML, Jinja on the template's XML,
zip, openpyxl) and nothing `assemble` adds (locations, validation, selection rules, checks,
deterministic bytes). The gap between a floor and `assemble` is what our own code costs.

    uv run python scripts/floor.py cv TEMPLATE.docx CV.yaml OUT.docx
    uv run python scripts/floor.py group TEMPLATE.docx FOLDER OUT_PREFIX --year 2025 --workers 2
    uv run python scripts/floor.py workbook TEMPLATE.xlsx CV.yaml OUT.xlsx
    uv run python scripts/floor.py yaml FILE.yaml
    uv run python scripts/floor.py bibtex FILE.bib CV.yaml   # writes floor-import.yaml beside CV

Only the imports a mode needs are made, as `assemble` should.
"""

from __future__ import annotations

import re
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

_PARAGRAPH_TAG = re.compile(
    r"<w:(p|tr)\b[^>]*>(?:(?!</w:\1>).)*?\{%(?:p|tr)\s+(.*?)\s*%\}(?:(?!</w:\1>).)*?</w:\1>",
    re.DOTALL,
)
_RICH_TAG = re.compile(r"\{\{r\s+(.*?)\s*\}\}")
_JINJA_TAG = re.compile(r"\{[{%].*?[%}]\}", re.DOTALL)
_ENTITIES = {"&gt;": ">", "&lt;": "<", "&amp;": "&", "&quot;": '"', "&apos;": "'"}


def _load_yaml(path: str) -> Any:
    import yaml

    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=yaml.CSafeLoader)


def _jinja_xml(xml: str) -> str:
    """What docxtpl's patching amounts to: ``{%p x %}`` paragraphs become ``{% x %}``."""
    xml = _PARAGRAPH_TAG.sub(lambda match: "{% " + match[2] + " %}", xml)
    xml = _RICH_TAG.sub(lambda match: "{{ " + match[1] + " }}", xml)
    return _JINJA_TAG.sub(lambda match: re.sub("&[a-z]+;", _unescape, match[0]), xml)


def _unescape(match: re.Match[str]) -> str:
    return _ENTITIES.get(match[0], match[0])


def _render_docx(template: str, context: dict[str, Any], out: str) -> None:
    from jinja2 import Environment

    with zipfile.ZipFile(template) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    environment = Environment(autoescape=True)
    xml = _jinja_xml(parts["word/document.xml"].decode("utf-8"))
    parts["word/document.xml"] = environment.from_string(xml).render(context).encode("utf-8")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def _dates(entry: dict[str, Any]) -> str:
    start = entry.get("start") or entry.get("date") or entry.get("year") or ""
    end = entry.get("end")
    return f"{start} – {end}" if end else str(start)


def _citation(entry: dict[str, Any]) -> str:
    authors = ", ".join(str(author) for author in entry.get("authors") or [])
    return f"{authors}. {entry.get('title')}. {entry.get('venue') or ''} ({entry.get('year')})."


def _entries(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {**item, "dates": _dates(item), "citation_rich": _citation(item)}
        for item in items
        if isinstance(item, dict)  # skills and languages are plain strings
    ]


def _labels() -> dict[str, str]:
    from collections import defaultdict

    return defaultdict(str, report_title="Annual report", publications="Publications")


def floor_cv(template: str, cv_path: str, out: str) -> None:
    data = _load_yaml(cv_path)
    person = data["person"]
    context: dict[str, Any] = {
        name: _entries(value) for name, value in data.items() if isinstance(value, list)
    }
    bio = data.get("bio") or ""
    context.update(
        person={**person, "full_name": person["name"], "contact": person.get("email", "")},
        bio=bio,
        bio_paragraphs=[part for part in str(bio).split("\n\n") if part],
        labels=_labels(),
        profile={},
        members=[],
    )
    _render_docx(template, context, out)


def _person(args: tuple[str, str]) -> dict[str, Any]:
    """One person file, reduced in the worker to the entries of the year."""
    path, year = args
    data = _load_yaml(path)

    def in_year(entry: dict[str, Any]) -> bool:
        for key in ("year", "date", "start", "end"):
            if str(entry.get(key) or "").startswith(year):
                return True
        return False

    kept = {
        name: [entry for entry in value if isinstance(entry, dict) and in_year(entry)]
        for name, value in data.items()
        if isinstance(value, list)
    }
    return {"name": data["person"]["name"], **kept}


def floor_group(template: str, folder: str, out: str, year: str, workers: int) -> None:
    from multiprocessing import Pool

    files = sorted(str(path) for path in Path(folder).glob("*.yaml"))
    seen: set[str] = set()
    merged: dict[str, list[dict[str, Any]]] = {}
    names = []
    with Pool(workers) as pool:
        for person in pool.imap(_person, [(path, year) for path in files], chunksize=4):
            names.append(person.pop("name"))
            for section, entries in person.items():
                for entry in entries:
                    title = re.sub(r"\W", "", str(entry.get("title", ""))).casefold()
                    keys = [str(entry.get("doi") or ""), f"{title}:{entry.get('year')}"]
                    if section == "publications" and any(k in seen for k in keys if k):
                        continue
                    seen.update(k for k in keys if k)
                    merged.setdefault(section, []).append(entry)
    publications = _entries(merged.get("publications", []))
    by_type = {
        kind: [p for p in publications if p.get("type") == kind]
        for kind in ("journal", "conference", "workshop", "book", "chapter", "preprint")
    }
    context: dict[str, Any] = {name: _entries(value) for name, value in merged.items()}
    context.update(
        journal_articles=by_type["journal"],
        conference_papers=by_type["conference"],
        workshop_papers=by_type["workshop"],
        books=by_type["book"],
        book_chapters=by_type["chapter"],
        preprints=by_type["preprint"],
        projects_running=context.get("projects", []),
        person={"full_name": "Group"},
        members=names,
        labels=_labels(),
        profile={"period": year},
    )
    _render_docx(template, context, out + ".docx")
    _workbook(merged, out + ".xlsx")


def _workbook(sections: dict[str, list[dict[str, Any]]], out: str) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    book.remove(sheet)
    for name, entries in sections.items():
        sheet = book.create_sheet(name)
        columns = sorted({key for entry in entries for key in entry})
        sheet.append(columns)
        for entry in entries:
            sheet.append([_cell(entry.get(column)) for column in columns])
    book.save(out)


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if isinstance(value, dict):
        return str(value)
    return value


def floor_workbook(template: str, cv_path: str, out: str) -> None:
    from openpyxl import load_workbook

    projects = _load_yaml(cv_path)["projects"]
    book = load_workbook(template)
    sheet = book["Projects"]
    columns = ("acronym", "title", "funder", "programme", "grant_id", "start", "end")
    for row, project in enumerate(projects, start=5):
        for column, key in enumerate(columns, start=1):
            sheet.cell(row=row, column=column, value=_cell(project.get(key)))
        budget = project.get("budget") or {}
        sheet.cell(row=row, column=10, value=budget.get("amount"))
        sheet.cell(row=row, column=11, value=budget.get("currency"))
        sheet.cell(row=row, column=9, value=project.get("role"))
    book.save(out)


def floor_bibtex(bib: str, cv_path: str) -> None:
    """Parse the export and append its titles to the CV's text (what the libraries do; the
    matching, merging and validation are `assemble`'s own)."""
    import bibtexparser

    library = bibtexparser.parse_string(Path(bib).read_text(encoding="utf-8"))
    text = Path(cv_path).read_text(encoding="utf-8")
    added = [f'  - title: "{entry.fields_dict["title"].value}"' for entry in library.entries]
    (Path(cv_path).parent / "floor-import.yaml").write_text(
        text + "\n".join(added) + "\n", encoding="utf-8"
    )


def main(argv: list[str]) -> None:
    mode, *args = argv
    if mode == "cv":
        floor_cv(*args)
    elif mode == "group":
        template, folder, out = args[:3]
        options = dict(zip(args[3::2], args[4::2], strict=True))
        floor_group(
            template, folder, out, options.get("--year", "2025"), int(options.get("--workers", 2))
        )
    elif mode == "workbook":
        floor_workbook(*args)
    elif mode == "yaml":
        _load_yaml(args[0])
    elif mode == "bibtex":
        floor_bibtex(*args)
    else:
        raise SystemExit(f"unknown mode {mode!r}; see the docstring")


if __name__ == "__main__":
    main(sys.argv[1:])
