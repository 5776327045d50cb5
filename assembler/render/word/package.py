"""A Word template as a zip of parts: read it once, safely; write the filled document.

The engine needs no python-docx: a .docx is a zip whose ``[Content_Types].xml`` says which
part is the document body, which are headers, footers and notes (the parts with text a template
fills), and whose ``docProps/core.xml`` holds the metadata. Every other part is copied as it is.

Reading refuses what is not a plain Word document before anything else looks at it: not a zip,
a zip bomb (``package.too_large``), duplicate entries, encrypted or unreadable entries, macros,
a Word template (.dotx) inside, a DOCTYPE in the small XML files read here (expat is used for
those, with no DTD).

Writing follows ``package.normalise_zip``'s conventions (fixed times and attributes, deflate,
the template's member order), so the same inputs give the same bytes. The core properties are
written from scratch: author, title, created = modified = last printed = the given time,
revision 1, last modified by "assemble"; the template's other properties (subject, keywords,
description, category…) are kept as they are.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.parsers import expat

from assembler.problems import Problem, ProblemsError
from assembler.render.package import FIXED_TIME, too_large

CONTENT_TYPES = "[Content_Types].xml"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
RENDERED = {
    _CT + "document.main+xml": "body",
    _CT + "header+xml": "header",
    _CT + "footer+xml": "footer",
    _CT + "footnotes+xml": "footnotes",
    _CT + "endnotes+xml": "endnotes",
}
CORE_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_MACROS = ("macroEnabled", "vbaProject")
_WORD_TEMPLATE = _CT + "template.main+xml"
_UNREADABLE = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)
_NOT_DOCX = "Open it in Word or LibreOffice and save it as .docx"


class PackageError(ProblemsError):
    """The template file is not a Word document this engine can fill."""


def _refuse(template: Path, message: str, hint: str = "") -> PackageError:
    return PackageError([Problem(message, file=str(template), hint=hint)], str(template))


@dataclass(frozen=True)
class RawEntry:
    """An entry as stored in the zip: copied into the output without deflating it again."""

    method: int  # ZIP_STORED or ZIP_DEFLATED
    crc: int
    size: int
    data: bytes


class Package:
    """The template's zip. Entries are unpacked when asked for: a template found in the
    cache was verified entry by entry (every CRC) when it was compiled, and the key of the
    cache is the hash of these very bytes, so its unchanged entries are copied unread."""

    def __init__(self, path: Path, data: bytes, archive: zipfile.ZipFile) -> None:
        self.path = path
        self.data = data  # the template file's bytes (their hash keys the compiled template)
        self.archive = archive
        self.names = tuple(info.filename for info in archive.infolist())  # in zip order
        self.raw = _raw_entries(data, archive.infolist())  # compressed, to copy unchanged
        self._read: dict[str, bytes] = {}
        self.parts: tuple[tuple[str, str], ...] = ()  # (member, label) of the parts to fill
        self.core: str | None = None  # the member holding the core properties

    def read(self, name: str) -> bytes:
        """One entry, unpacked (its CRC checked), or ``PackageError``."""
        if name not in self._read:
            try:
                self._read[name] = self.archive.read(name)
            except (*_UNREADABLE, KeyError):
                raise _refuse(
                    self.path, f"the entry {name} of the template cannot be read", _NOT_DOCX
                ) from None
        return self._read[name]

    def verify(self) -> None:
        """Unpack every entry once, so that a damaged one is found before it is copied."""
        for name in self.names:
            self.read(name)


def xml_elements(data: bytes) -> list[tuple[str, dict[str, str]]]:
    """The elements of a small XML file (name with namespace, attributes), by expat with no
    DTD: a DOCTYPE raises ValueError."""
    found: list[tuple[str, dict[str, str]]] = []
    parser = expat.ParserCreate(namespace_separator=" ")

    def doctype(*_: object) -> None:
        raise ValueError("a DOCTYPE")

    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = lambda name, attributes: found.append((name, attributes))
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise ValueError(str(exc)) from None
    return found


def _labels(kinds: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Number the headers and footers when there are several of a kind."""
    counts: dict[str, int] = {}
    for _, kind in kinds:
        counts[kind] = counts.get(kind, 0) + 1
    seen: dict[str, int] = {}
    labelled = []
    for member, kind in kinds:
        seen[kind] = seen.get(kind, 0) + 1
        labelled.append((member, f"{kind} {seen[kind]}" if counts[kind] > 1 else kind))
    return tuple(labelled)


def _parts(template: Path, package: Package) -> tuple[tuple[str, str], ...]:
    if CONTENT_TYPES not in package.names:
        raise _refuse(template, "not a Word .docx file (no [Content_Types].xml)")
    types = package.read(CONTENT_TYPES)
    if any(marker.encode() in types for marker in _MACROS):
        raise _refuse(template, "the template contains macros", "Save it as a .docx without macros")
    try:
        elements = xml_elements(types)
    except ValueError as exc:
        raise _refuse(template, f"[Content_Types].xml cannot be read ({exc})") from None
    kinds = []
    for _, attributes in elements:
        content_type = attributes.get("ContentType", "")
        if content_type == _WORD_TEMPLATE:
            raise _refuse(
                template,
                "this is a Word template (.dotx) renamed to .docx",
                "Open it in Word and save it as a Word document (.docx)",
            )
        member = attributes.get("PartName", "").lstrip("/")
        if content_type in RENDERED and member in package.names:
            kinds.append((member, RENDERED[content_type]))
    if not any(kind == "body" for _, kind in kinds):
        raise _refuse(template, "not a Word document (it has no document body)")
    body_first = sorted(kinds, key=lambda item: item[1] != "body")
    return _labels(body_first)


def _core_member(package: Package) -> str | None:
    if "_rels/.rels" not in package.names:
        return None
    try:
        elements = xml_elements(package.read("_rels/.rels"))
    except ValueError:
        return None
    for _, attributes in elements:
        if attributes.get("Type") == CORE_REL:
            target = attributes.get("Target", "").lstrip("/")
            return target if target in package.names else None
    return None


def read_package(template: Path) -> Package:
    """The template's entries and the parts to fill, or ``PackageError``."""
    if template.suffix.lower() in (".docm", ".dotm", ".dotx"):
        raise _refuse(
            template,
            f"{template.suffix} templates are not supported",
            "Save the template as a Word document (.docx) without macros",
        )
    try:
        data = template.read_bytes()
        archive = zipfile.ZipFile(io.BytesIO(data))
        if too_large(archive):
            raise _refuse(template, "the template is too large when unpacked (a zip bomb?)")
        package = Package(template, data, archive)
    except OSError as exc:
        raise _refuse(template, f"cannot read the template: {exc.strerror or exc}") from None
    except _UNREADABLE:
        raise _refuse(template, "not a Word .docx file", _NOT_DOCX) from None
    if len(set(package.names)) != len(package.names):
        raise _refuse(template, "the template's zip has duplicate entries", _NOT_DOCX)
    package.parts = _parts(template, package)
    package.core = _core_member(package)
    return package


def _raw_entries(data: bytes, infos: list[zipfile.ZipInfo]) -> dict[str, RawEntry]:
    """Each stored or deflated entry's compressed bytes, found through its local header."""
    raw = {}
    for info in infos:
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            continue
        header = data[info.header_offset : info.header_offset + _LOCAL.size]
        if len(header) < _LOCAL.size or header[:4] != b"PK\x03\x04":
            raise zipfile.BadZipFile(info.filename)
        fields = _LOCAL.unpack(header)
        start = info.header_offset + _LOCAL.size + fields[-2] + fields[-1]
        stored = data[start : start + info.compress_size]
        raw[info.filename] = RawEntry(info.compress_type, info.CRC, info.file_size, stored)
    return raw


# --- writing ----------------------------------------------------------------------------

_CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "dcmitype": "http://purl.org/dc/dcmitype/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
# The core properties in the order Word and python-docx write them.
_CORE_ORDER = (
    "dc:title",
    "dc:subject",
    "dc:creator",
    "cp:keywords",
    "dc:description",
    "cp:lastModifiedBy",
    "cp:revision",
    "cp:lastPrinted",
    "dcterms:created",
    "dcterms:modified",
    "cp:category",
    "cp:contentStatus",
    "dc:identifier",
    "dc:language",
    "cp:version",
)
_DATED = ("dcterms:created", "dcterms:modified")
_XML_ILLEGAL = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF])


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _template_properties(data: bytes | None) -> dict[str, str]:
    """The template's core properties by prefixed name (text only)."""
    if not data:
        return {}
    prefixes = {uri: prefix for prefix, uri in _CORE_NS.items()}
    values: dict[str, str] = {}
    stack: list[str] = []
    parser = expat.ParserCreate(namespace_separator=" ")

    def start(name: str, _: dict[str, str]) -> None:
        uri, _sep, local = name.rpartition(" ")
        stack.append(f"{prefixes.get(uri, '?')}:{local}")
        values.setdefault(stack[-1], "")

    def text(data: str) -> None:
        if len(stack) == 2:
            values[stack[-1]] += data

    def doctype(*_: object) -> None:
        raise ValueError("a DOCTYPE")

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda name: stack.pop()
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = doctype
    try:
        parser.Parse(data, True)
    except (expat.ExpatError, ValueError):
        return {}
    return values


def core_properties(template: bytes | None, when: datetime, title: str, author: str) -> bytes:
    """docProps/core.xml for the filled document (see the module's docstring)."""
    values = {name: value for name, value in _template_properties(template).items()}
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    values.update(
        {
            "dc:title": title,
            "dc:creator": author,
            "cp:lastModifiedBy": "assemble",
            "cp:revision": "1",
            "cp:lastPrinted": stamp,
            "dcterms:created": stamp,
            "dcterms:modified": stamp,
        }
    )
    declarations = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in _CORE_NS.items())
    body = []
    for name in _CORE_ORDER:
        value = values.get(name, "").translate(_XML_ILLEGAL)
        if not value:
            continue
        kind = ' xsi:type="dcterms:W3CDTF"' if name in _DATED else ""
        body.append(f"<{name}{kind}>{_escape(value)}</{name}>")
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f"<cp:coreProperties {declarations}>{''.join(body)}</cp:coreProperties>"
    ).encode()


def add_core_part(package: Package, members: dict[str, bytes | RawEntry], core: bytes) -> None:
    """Add a core properties part to a package that has none (content type, relationship)."""
    members["docProps/core.xml"] = core
    override = f'<Override PartName="/docProps/core.xml" ContentType="{CORE_TYPE}"/></Types>'
    types = package.read(CONTENT_TYPES)
    members[CONTENT_TYPES] = types.replace(b"</Types>", override.encode(), 1)
    relationship = (
        f'<Relationship Id="rIdAssembleCore" Type="{CORE_REL}" Target="docProps/core.xml"/>'
        "</Relationships>"
    ).encode()
    if "_rels/.rels" in package.names:
        rels = package.read("_rels/.rels")
    else:
        rels = (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
            b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b"</Relationships>"
        )
    members["_rels/.rels"] = rels.replace(b"</Relationships>", relationship, 1)


def package_members(package: Package, filled: dict[str, bytes]) -> dict[str, bytes | RawEntry]:
    """The output's entries in the template's order: the filled ones, the others copied."""
    members: dict[str, bytes | RawEntry] = {}
    for name in package.names:
        if name in filled:
            members[name] = filled[name]
        else:
            members[name] = package.raw.get(name) or package.read(name)
    return members


_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_DOS_DATE = (FIXED_TIME[0] - 1980) << 9 | FIXED_TIME[1] << 5 | FIXED_TIME[2]
_DOS_TIME = FIXED_TIME[3] << 11 | FIXED_TIME[4] << 5 | FIXED_TIME[5] // 2


def _deflated(data: bytes) -> RawEntry:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    stored = compressor.compress(data) + compressor.flush()
    return RawEntry(zipfile.ZIP_DEFLATED, zlib.crc32(data), len(data), stored)


def write_package(members: dict[str, bytes | RawEntry]) -> bytes:
    """A zip of the members, in order, with the fixed times and attributes of
    ``package.normalise_zip``. A ``RawEntry`` is copied compressed as it was read (deflating a
    template's styles again was half of a document's time); bytes are deflated."""
    out = io.BytesIO()
    central = []
    for name, content in members.items():
        entry = content if isinstance(content, RawEntry) else _deflated(content)
        encoded = name.encode("utf-8")
        flags = 0 if encoded.isascii() else 0x800
        common = (entry.method, _DOS_TIME, _DOS_DATE, entry.crc, len(entry.data), entry.size)
        offset = out.tell()
        out.write(_LOCAL.pack(b"PK\x03\x04", 20, 0, flags, *common, len(encoded), 0))
        out.write(encoded)
        out.write(entry.data)
        central.append(
            _CENTRAL.pack(
                b"PK\x01\x02",
                20,
                0,
                20,
                0,
                flags,
                *common,
                len(encoded),
                0,
                0,
                0,
                0,
                0o644 << 16,
                offset,
            )
            + encoded
        )
    start = out.tell()
    directory = b"".join(central)
    out.write(directory)
    out.write(_END.pack(b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), start, 0))
    return out.getvalue()
