"""Reading a template's zip safely and writing the filled document reproducibly."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest

from assembler.render.package import MAX_ENTRIES, normalise_zip
from assembler.render.word.fill import render_docx, with_language
from assembler.render.word.package import (
    PackageError,
    RawEntry,
    core_properties,
    read_package,
    write_package,
)

WHEN = datetime(2026, 11, 21, 9, 30)


def template(tmp_path: Path, name: str = "t.docx") -> Path:
    document = docx.Document()
    document.add_paragraph("{{ x }}")
    document.sections[0].footer.paragraphs[0].text = "foot"
    path = tmp_path / name
    document.save(path)
    return path


def rezip(source: Path, target: Path, change: dict[str, bytes | None], extra=()) -> Path:
    """A copy of the zip with entries replaced (None: left out) and extra entries added."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            if info.filename in change:
                if change[info.filename] is not None:
                    new.writestr(info.filename, change[info.filename])
            else:
                new.writestr(info, old.read(info.filename))
        for name, data in extra:
            new.writestr(name, data)
    return target


def written(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_the_parts_to_fill_are_found_by_content_type(tmp_path: Path) -> None:
    package = read_package(template(tmp_path))
    assert package.parts == (("word/document.xml", "body"), ("word/footer1.xml", "footer"))
    assert package.core == "docProps/core.xml"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.with_suffix(".docm"), r"\.docm templates are not supported"),
        (lambda p: written(p, "not a zip"), r"not a Word \.docx file"),
        (lambda p: rezip(template(p.parent, "s.docx"), p, {"[Content_Types].xml": None}), "no"),
        (
            lambda p: rezip(
                template(p.parent, "s.docx"),
                p,
                {},
                [("word/vbaProject.bin", b"x"), ("[Content_Types].xml", b"macroEnabled")],
            ),
            "duplicate entries",
        ),
        (
            lambda p: rezip(
                template(p.parent, "s.docx"),
                p,
                {
                    "[Content_Types].xml": zipfile.ZipFile(template(p.parent, "u.docx"))
                    .read("[Content_Types].xml")
                    .replace(b"document.main+xml", b"document.macroEnabled.main+xml")
                },
            ),
            "contains macros",
        ),
        (
            lambda p: rezip(
                template(p.parent, "s.docx"),
                p,
                {
                    "[Content_Types].xml": zipfile.ZipFile(template(p.parent, "u.docx"))
                    .read("[Content_Types].xml")
                    .replace(b"document.main+xml", b"template.main+xml")
                },
            ),
            r"Word template \(\.dotx\) renamed",
        ),
        (
            lambda p: rezip(
                template(p.parent, "s.docx"),
                p,
                {},
                [(f"x/{i}", b"") for i in range(MAX_ENTRIES)],
            ),
            "too large when unpacked",
        ),
    ],
)
@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_what_is_not_a_plain_word_document_is_refused(tmp_path: Path, make, message: str) -> None:
    path = make(tmp_path / "bad.docx")
    with pytest.raises(PackageError, match=message):
        read_package(path)


def test_a_damaged_entry_is_found_before_it_is_copied(tmp_path: Path) -> None:
    path = template(tmp_path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("word/styles.xml")
    offset = info.header_offset + 30 + len(info.filename) + len(info.extra) + 50
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(PackageError, match=r"word/styles\.xml of the template cannot be read"):
        render_docx(path, {"x": 1}, WHEN, "T", "A")


def test_core_properties_are_ours_and_the_templates_others_are_kept() -> None:
    original = (
        b"<?xml version='1.0' encoding='UTF-8'?><cp:coreProperties "
        b'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Old</dc:title>'
        b"<dc:subject>Kept &amp; well</dc:subject><cp:revision>7</cp:revision>"
        b"</cp:coreProperties>"
    )
    xml = core_properties(original, WHEN, "CV <draft>", "Ada \x01Example").decode()
    assert "<dc:title>CV &lt;draft&gt;</dc:title>" in xml
    assert "<dc:subject>Kept &amp; well</dc:subject>" in xml
    assert "<dc:creator>Ada Example</dc:creator>" in xml
    assert "<cp:revision>1</cp:revision>" in xml
    assert '<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-21T09:30:00Z' in xml
    assert "Old" not in xml


def test_a_template_without_core_properties_gets_them(tmp_path: Path) -> None:
    source = template(tmp_path, "s.docx")
    with zipfile.ZipFile(source) as archive:
        types = archive.read("[Content_Types].xml")
        rels = archive.read("_rels/.rels")
    types = types.replace(
        b'<Override PartName="/docProps/core.xml" '
        b'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>',
        b"",
    )
    rels = re.sub(rb"<Relationship [^>]*core-properties[^>]*/>", b"", rels)
    path = rezip(
        source,
        tmp_path / "t.docx",
        {"docProps/core.xml": None, "[Content_Types].xml": types, "_rels/.rels": rels},
    )
    assert read_package(path).core is None
    data = render_docx(path, {"x": 1}, WHEN, "Title", "Ada")
    properties = docx.Document(io.BytesIO(data)).core_properties
    assert (properties.title, properties.author) == ("Title", "Ada")
    assert properties.created == WHEN.replace(tzinfo=timezone.utc)


def test_written_packages_are_reproducible_zips(tmp_path: Path) -> None:
    path = template(tmp_path)
    first = render_docx(path, {"x": "ü"}, WHEN, "T", "A")
    assert render_docx(path, {"x": "ü"}, WHEN, "T", "A") == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.testzip() is None
        infos = archive.infolist()
        assert {(i.date_time, i.external_attr, i.create_system) for i in infos} == {
            ((1980, 1, 1, 0, 0, 0), 0o644 << 16, 0)
        }
        with zipfile.ZipFile(path) as original:
            assert [i.filename for i in infos] == [i.filename for i in original.infolist()]
            styles = original.read("word/styles.xml")  # only the language is set in it
            assert archive.read("word/styles.xml") == with_language(styles, "en-GB")
    # the same entries as the normalised zip of the same content
    normal_zip = zipfile.ZipFile(io.BytesIO(normalise_zip(first)))
    ours = zipfile.ZipFile(io.BytesIO(first))
    with normal_zip as normal, ours as archive:
        assert {n: normal.read(n) for n in normal.namelist()} == {
            n: archive.read(n) for n in archive.namelist()
        }


def test_raw_entries_are_copied_and_bytes_are_deflated() -> None:
    import zlib

    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    packed = compressor.compress(b"hello") + compressor.flush()
    data = write_package(
        {"a.txt": RawEntry(zipfile.ZIP_DEFLATED, zlib.crc32(b"hello"), 5, packed), "ü.txt": b"x"}
    )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read("a.txt") == b"hello"
        assert archive.read("ü.txt") == b"x"
