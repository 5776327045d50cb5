"""Helpers for tests: CVs written inline, loaded through the real loader."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assembler.cv.load import LoadedCV, validate_cv
from assembler.cv.model import CV
from assembler.problems import Problem, ProblemsError
from assembler.source.reader import parse_yaml

AS_OF = date(2026, 11, 21)
ROOT = Path(__file__).resolve().parent.parent
TESTDATA = ROOT / "tests" / "testdata"


def make_cv(text: str) -> CV:
    return validate_cv(parse_yaml(text, "cv.yaml")).cv


def validate_text(text: str, file: str = "cv.yaml") -> LoadedCV:
    return validate_cv(parse_yaml(text, file))


def problems_of(text: str) -> list[Problem]:
    """The problems a CV text is refused with (the test fails if it is accepted)."""
    with pytest.raises(ProblemsError) as caught:
        validate_text(text)
    return caught.value.problems


def hostile_workbooks(folder: Path) -> dict[str, Path]:
    """Damaged and hostile .xlsx templates, made from a fresh workbook (so none is committed):
    XXE, billion laughs in the shared strings, a truncated or missing workbook part, a zip
    that is no workbook, and a file that is no zip."""
    import io
    import zipfile

    from openpyxl import Workbook

    buffer = io.BytesIO()
    book = Workbook()
    book.active["A1"] = "Title"
    book.save(buffer)
    source = zipfile.ZipFile(buffer)
    base = {name: source.read(name) for name in source.namelist()}
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{level} "{f"&a{level - 1};" * 10}">' for level in range(1, 10)
    )
    xxe = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    workbook_xml = base["xl/workbook.xml"].split(b"?>", 1)[-1]
    variants: dict[str, dict[str, bytes | None]] = {
        "xxe": {"xl/workbook.xml": xxe + workbook_xml.replace(b"<sheets>", b"<sheets>&e;")},
        "laughs": {
            "xl/sharedStrings.xml": (
                f'<?xml version="1.0"?><!DOCTYPE s [{entities}]><sst xmlns="http://schemas.'
                'openxmlformats.org/spreadsheetml/2006/main"><si><t>&a9;</t></si></sst>'
            ).encode()
        },
        "truncated": {"xl/workbook.xml": base["xl/workbook.xml"][:200]},
        "no-workbook-part": {"xl/workbook.xml": None},
        "no-content-types": {"[Content_Types].xml": None},
    }
    made = {}
    for name, changes in variants.items():
        parts = {**base, **changes}
        target = folder / f"{name}.xlsx"
        with zipfile.ZipFile(target, "w") as archive:
            for part, data in parts.items():
                if data is not None:
                    archive.writestr(part, data)
        made[name] = target
    made["not-a-zip"] = folder / "not-a-zip.xlsx"
    made["not-a-zip"].write_bytes(b"PK\x03\x04 this is not really a zip file")
    return made
