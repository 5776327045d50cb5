"""Publication lists pasted from a CV (text extracted from a PDF) -> publications.

A researcher's own CV is often the only complete list of their work, but it is no bibliographic
format: PDF extraction leaves markup (``**bold**``, ``*italic*``, ``$\\hbox{``...''}$``), breaks an
entry's parts over several lines or joins them on one, and puts distinctions on lines of their
own. The entries still follow one pattern,

    1. Authors (year). "Title". In: Venue volume(issue):pages. links | distinctions

so we read that pattern piece by piece and keep what the CV printed: names as "Müller K-R", page
ranges with their own dashes, identifiers (``abs/2509.18058``, OpenReview ids) where pages go.
The type comes from the section heading an entry sits under. When a piece cannot be read the
entry is still returned with what could be read, its raw text in the note and a problem naming
what is missing, so nothing in the list is silently dropped or silently guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assembler.importers.records import FIELD_ORDER, Incoming, bare_doi, clean

# --- headings -------------------------------------------------------------------------------

_PUBLICATION_HEADINGS: tuple[tuple[re.Pattern[str], str | None], ...] = tuple(
    (re.compile(pattern), kind)
    for pattern, kind in (
        (
            r"(?:peer[- ]reviewed |refereed )?journal (?:articles|papers|publications)"
            r"|(?:articles|papers) in (?:peer[- ]reviewed |refereed )?journals|journals",
            "journal",
        ),
        (
            r"(?:contributions to |papers in |articles in )?(?:peer[- ]reviewed |refereed )?"
            r"(?:conference|conferences)(?: and workshops?)? (?:proceedings|papers|contributions"
            r"|articles)(?: and workshops?)?|(?:conference and )?workshop (?:papers|contributions)"
            r"|proceedings",
            "conference",
        ),
        (r"(?:edited )?books|monographs|books and edited volumes|edited volumes", "book"),
        (r"book chapters|chapters in (?:edited )?books|chapters", "chapter"),
        (
            r"preprints|preprints and (?:working papers|technical reports)|working papers"
            r"|technical reports|(?:non[- ]peer[- ]reviewed|other) preprints",
            "preprint",
        ),
        (r"theses|thesis|dissertations?", "thesis"),
        (r"other publications|further publications|miscellaneous", "other"),
        (r"(?:list of |selected |full list of )?publications", None),
    )
)
# Headings of the sections around the publications; their entries are not publications.
_OTHER_HEADINGS = re.compile(
    r"(?:invited )?talks(?: (?:&|and) (?:invited )?lectures)?|(?:invited )?lectures"
    r"|individual lectures.*|patents|(?:honou?rs|awards|prizes)(?: (?:&|and) \w+)?"
    r"|teaching(?: experience)?|(?:third[- ]party )?(?:funded )?(?:research )?projects.*"
    r"|supervision.*|education|(?:professional |work |research )?experience|skills"
    r"|languages|(?:academic |professional )?service|memberships|references|grants|funding"
    r"|short bio|biography|summary of scientific impact|scientific impact|metrics|contact"
    r"|software|open source software|personal (?:data|information)|research interests"
)
_MAX_HEADING = 70
_HEADING_COUNT = re.compile(r"\s*\(\d+\)$")  # "Journal Articles (32)"

# --- cleaning lines -------------------------------------------------------------------------

_UMLAUT = {"a": "ä", "o": "ö", "u": "ü", "A": "Ä", "O": "Ö", "U": "Ü", "e": "ë", "i": "ï"}
_LATEX_UMLAUT = re.compile(r"\\\"\s*\{?([aouAOUei])\}?")
_LATEX_ESCAPE = re.compile(r"\\([ &%_#$])")
_LATEX_COMMAND = re.compile(r"\\[A-Za-z]+\s?")
_PAIRED_ITALIC = re.compile(r"(?<![*\w])\*(?=\S)([^*]*?\S)\*(?![*\w])")
_ANGLE_URL = re.compile(r"<(https?://[^>\s]+)>")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "’": "'", "‘": "'"})
_BULLET = re.compile(r"^(?:[-–•▪◦·]\s+)+")
_PAGE_FOOTER = re.compile(r"^(?:page\s*)?\d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?$", re.IGNORECASE)

# --- entry starts ---------------------------------------------------------------------------

_NUMBERED = re.compile(r"^(?:[-–•▪◦·]\s*)?\[?(\d{1,3})[.)\]]\s*(?P<rest>[^\d\s].*)?$")
_PARTICLE = r"(?:de|da|di|du|del|della|der|den|dos|van|von|ter|ten|le|la|zu|af|al|el)"
_AUTHOR_START = re.compile(
    rf"^(?:{_PARTICLE}\s)*[A-ZÀ-ÖØ-Þ][^\s,()\"]*(?:\s[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'-]*)+"
    r"(?:,|\s+and\s|\s*\()"
)
_YEAR = re.compile(r"\(((?:19|20)\d{2})[a-z]?\)")

# --- entry parts ----------------------------------------------------------------------------

_EDITORS = re.compile(
    r"[,\s]*(?:\(\s*eds?\.?\s*\)|\(\s*editors?\s*\)|editors?|eds?\.)\s*$", re.IGNORECASE
)
_AUTHOR_SEPARATOR = re.compile(r"\s*[,;]\s*(?:and\s+|&\s*)?|\s+and\s+|\s+&\s+")
_ET_AL = re.compile(r"[,\s]*\bet\s+al\b\.?$", re.IGNORECASE)
_NAMES_BEFORE_PAREN = re.compile(r"^(?P<names>[^()\"]+?\([^()\"]*\))[.,]?\s*")
_TRAILING_PAREN = re.compile(r"\s*\((?P<remark>[^()]*)\)[\s.]*$")  # "(in press)" for a year
_INITIALS = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ]\.?-?){1,4}$")
_CLOSING_QUOTE = re.compile(r'"(?=\s*[.,](?:\s|$)|\s+In:\s|\s*$)')
_IN = re.compile(r"^In:\s*", re.IGNORECASE)
_BETWEEN_PARTS = " .,:;-–•"  # what separates year, title and venue, joined bullets included
_PAGE_PREFIX = re.compile(r"\bpp?\.\s*(?=[A-Za-z]?\d)")
_DOI_TEXT = re.compile(r"\bdoi:\s*(10\.\d{4,9}/[^\s|]+?)(?=[.,;]?(?:\s|\||$))", re.IGNORECASE)
_LINK_LABELS = (
    "demo",
    "code",
    "slides",
    "video",
    "project page",
    "website",
    "data",
    "dataset",
    "poster",
    "paper",
    "preprint",
    "arxiv",
    "pdf",
    "blog",
    "talk",
    "software",
    "supplement",
)
_LINK = re.compile(
    r"(?:\b(?P<label>" + "|".join(_LINK_LABELS) + r")\s*:\s*)?<?(?P<url>https?://[^\s|<>]+)>?",
    re.IGNORECASE,
)
_HOST_LABELS = (
    (re.compile(r"://(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)/"), "code"),
    (re.compile(r"://(?:www\.)?arxiv\.org/"), "arxiv"),
    (re.compile(r"://(?:www\.)?openreview\.net/"), "openreview"),
    (re.compile(r"://(?:dx\.)?doi\.org/"), "doi"),
)
_SEGMENT_BREAK = re.compile(r"\s*\|\s*|\s*\.\s+|\s*\.$")
_DISTINCTION = re.compile(
    r"\b(?:awards?|winner|badge|spotlight|certification|medal|honou?rable mention|finalist"
    r"|nominee|nominated|oral (?:paper|presentation)|accepted (?:for publication|at|to|in|with)"
    r"|to appear|in press)\b",
    re.IGNORECASE,
)
_SELECTED = re.compile(r"\b(?:awards?|winner|badge|spotlight|certification|medal)\b", re.IGNORECASE)
_REMARK = re.compile(
    r"open access|openreview|\blink\b|in press|to appear|\bpdf\b|poster|\boral\b|accepted",
    re.IGNORECASE,
)
_OPEN_ACCESS = re.compile(
    r"^(gold|green|hybrid|diamond|bronze)?\s*open access(?:\s+link)?$", re.IGNORECASE
)
_PAREN_IDENTIFIER = re.compile(r"^(?=[A-Za-z0-9_-]{8,12}$)(?:(?=.*\d).*|[a-z].*[A-Z].*)$")
_LOCATOR = re.compile(
    r"(?:^|\s)(?:"
    r"(?P<volume>[A-Za-z]?\d[\w.-]*)(?:\((?P<issue>[^()\s]+)\))?:(?P<pages>\S+)"
    r"|(?P<volume_only>\d[\w.-]*)\((?P<issue_only>[^()\s]+)\)"
    r"|(?P<range>[A-Za-z]?\d+[–-][A-Za-z]?\d+)"
    r"|(?P<identifier>abs/\S+|arXiv:\S+|TBA|(?=[A-Za-z0-9_./-]*\d)[A-Za-z0-9_-]{5,})"
    r")$"
)
_PUBLISHER = re.compile(
    r"^(?:Springer|Elsevier|Wiley|Routledge|Taylor|CRC|Sage|De Gruyter|IOS Press|MIT Press"
    r"|Cambridge|Oxford|Now Publishers|World Scientific|Academic Press|IGI Global|IEEE Press"
    r"|ACM Press|\w+ University Press)\b"
)
_ISBN_TAIL = re.compile(r"^(?P<publisher>.+?),\s*(?P<rest>(?:Part \w+ )?ISBN\b.*)$")
_WORKSHOP = re.compile(r"workshop", re.IGNORECASE)
_GUESSES = (
    (re.compile(r"\b(?:corr|arxiv|biorxiv|medrxiv|ssrn|preprint)\b", re.IGNORECASE), "preprint"),
    (re.compile(r"workshop", re.IGNORECASE), "workshop"),
    (
        re.compile(r"proceedings|conference|symposium|congress|\bconf\b", re.IGNORECASE),
        "conference",
    ),
    (
        re.compile(
            r"journal|transactions|letters|magazine|\breview\b|nature|science|reports",
            re.IGNORECASE,
        ),
        "journal",
    ),
)
_NEEDS_VENUE = {"journal", "conference", "workshop", "chapter", "preprint"}


@dataclass
class _Block:
    """The lines of one entry, before parsing."""

    line: int  # 1-based line of the entry's first line
    kind: str | None  # the type its section heading gives, None under no heading
    lines: list[str] = field(default_factory=list)


@dataclass
class _Parts:
    """What has been read of one entry so far."""

    fields: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    links: list[dict[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    selected: bool = False


# --- public API -----------------------------------------------------------------------------


def parse_text(text: str, source: str) -> list[Incoming]:
    """Every entry of a pasted publication list. Publication headings ("Journal Articles",
    "Preprints", ...) set the type of the entries below them; other sections (talks, patents)
    are skipped until the next publication heading. A text with such other sections is a whole
    CV, and only its publication sections are read."""
    whole_cv = any(_heading(line) == (False, None) for line in text.splitlines())
    return [_parse_block(block, source) for block in _blocks(text, inside=not whole_cv)]


def parse_publication_sections(text: str, source: str) -> list[Incoming]:
    """The entries of the publication sections of a whole CV, ignoring everything else."""
    return [_parse_block(block, source) for block in _blocks(text, inside=False)]


# --- lines and blocks -----------------------------------------------------------------------


def _clean_latex(line: str) -> str:
    line = _LATEX_UMLAUT.sub(lambda match: _UMLAUT[match[1]], line)
    line = _LATEX_ESCAPE.sub(lambda match: match[1], line)
    line = _LATEX_COMMAND.sub("", line)
    return line.replace("``", '"').replace("''", '"').replace("$", "")


def _clean_line(line: str) -> str:
    """One physical line without extraction markup: LaTeX wrappers, bold and italic markers,
    angle brackets around links, typographic quotes."""
    if "$" in line or "\\" in line or "``" in line:
        line = _clean_latex(line)
    line = line.replace("**", "").replace("__", "")
    line = _PAIRED_ITALIC.sub(r"\1", line)
    line = _ANGLE_URL.sub(r"\1", line)
    return clean(line.translate(_QUOTES))


def _heading(line: str) -> tuple[bool, str | None] | None:
    """(True, type) for a publication heading, (False, None) for another section's heading,
    None for a line that is no heading."""
    text = _clean_line(line).lstrip("#").strip().rstrip(":").strip().lower()
    text = _HEADING_COUNT.sub("", text)
    if not text or len(text) > _MAX_HEADING or any(char.isdigit() for char in text):
        return None
    for pattern, kind in _PUBLICATION_HEADINGS:
        if pattern.fullmatch(text):
            return True, kind
    if _OTHER_HEADINGS.fullmatch(text):
        return False, None
    return None


def _starts_entry(line: str, current: _Block | None) -> bool:
    """A numbered line; an unnumbered "Surname X, ... (2021)" line once the entry before is
    complete (before that it is the rest of a broken author list); any line with a year or a
    quote before the first entry, so that no entry is dropped for lack of a number."""
    if _NUMBERED.match(line):
        return True
    line = _BULLET.sub("", line)
    carries_entry = bool(_YEAR.search(line)) or '"' in line
    if current is None:
        return carries_entry
    return bool(_AUTHOR_START.match(line)) and carries_entry and _complete(current)


def _complete(block: _Block) -> bool:
    """Whether an entry has got past its author list."""
    text = _entry_text(block.lines)
    return bool(_YEAR.search(text)) or '"' in text or " In: " in f" {text}"


def _blocks(text: str, inside: bool) -> list[_Block]:
    """Group lines into entries. `inside` says whether the text starts inside a publication
    list (a pasted list) or outside (a whole CV)."""
    blocks: list[_Block] = []
    current: _Block | None = None
    kind: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        heading = _heading(line)
        if heading is not None:
            inside, kind = heading
            current = None
            continue
        if not inside:
            continue
        cleaned = _clean_line(line)
        if cleaned and _starts_entry(cleaned, current):
            current = _Block(number, kind, [line])
            blocks.append(current)
        elif current is not None and not _PAGE_FOOTER.match(cleaned):
            current.lines.append(line)
    return blocks


def _entry_text(lines: list[str]) -> str:
    """The entry's lines cleaned and joined; a line ending in a hyphen joins the next without a
    space ("Layer-" + "wise")."""
    text = ""
    for line in lines:
        cleaned = _BULLET.sub("", _clean_line(line))
        if not cleaned:
            continue
        joint = "" if re.search(r"\w-$", text) and cleaned[0].islower() else " "
        text = f"{text}{joint}{cleaned}" if text else cleaned
    return text


# --- one entry ------------------------------------------------------------------------------


def _parse_block(block: _Block, source: str) -> Incoming:
    raw = "\n".join(block.lines).strip()
    text = _entry_text(block.lines)
    numbered = _NUMBERED.match(text)
    if numbered:
        text = numbered["rest"] or ""
    parts = _Parts()
    rest = _read_head(text, parts)
    kind = block.kind
    if kind is None and "editors" in parts.fields and not _IN.match(rest):
        kind = "book"  # "..., editors (2024)" with a publisher, not "In:" a venue
    rest = _read_links(rest, parts)
    plain = _sort_segments(_segments(rest), parts)
    if kind == "book" and not _IN.match(rest):
        _read_publisher(plain, parts)
    else:
        _read_venue(plain, kind, parts)
    parts.fields["type"] = _entry_type(kind, parts.fields)
    if parts.fields["type"] in _NEEDS_VENUE and not parts.fields.get("venue"):
        parts.problems.append('no venue after the title ("In: ...")')
    return Incoming(_ordered(parts, raw), f"{source}:{block.line}", raw, parts.problems)


def _read_head(text: str, parts: _Parts) -> str:
    """Authors, year and title; returns the text after the title."""
    year = _YEAR.search(text)
    quote = text.find('"')
    if year and (quote < 0 or year.start() < quote):
        names, after = text[: year.start()], text[year.end() :]
        parts.fields["year"] = year[1]
    else:
        parts.problems.append("no year in parentheses after the authors, like (2021)")
        names, after = _split_without_year(text, quote)
    _read_names(names, parts)
    return _read_title(after.lstrip(_BETWEEN_PARTS), parts)


def _split_without_year(text: str, quote: int) -> tuple[str, str]:
    """Authors and the rest when no year was printed: up to the quoted title, else up to a
    parenthesis in the year's place ("Smith J and Doe A (in press)."), else no authors."""
    if quote >= 0:
        return text[:quote], text[quote:]
    in_place_of_year = _NAMES_BEFORE_PAREN.match(text)
    if in_place_of_year and _AUTHOR_START.match(in_place_of_year["names"]):
        return in_place_of_year["names"], text[in_place_of_year.end() :]
    return "", text


def _read_names(text: str, parts: _Parts) -> None:
    """Authors as printed ("Müller K-R"), or editors for "..., editors"; the final "and" off."""
    text = text.strip(" ,;:")
    remark = _TRAILING_PAREN.search(text)
    if remark:
        _note(parts, remark["remark"])
        text = text[: remark.start()].strip(" ,;:")
    editors = _EDITORS.search(text)
    if editors:
        text = text[: editors.start()]
    et_al = _ET_AL.search(text)
    if et_al:
        text = text[: et_al.start()]
        _note(parts, "author list shortened (et al.)")
    names = [name for part in _AUTHOR_SEPARATOR.split(text) for name in _run_on(part)]
    names = [name for name in names if name]
    if not names:
        parts.problems.append("no authors before the year")
        return
    parts.fields["editors" if editors else "authors"] = names


def _run_on(text: str) -> list[str]:
    """Split names the extraction ran together without a comma: 'Samek W Lapuschkin S'."""
    names: list[list[str]] = [[]]
    seen_initials = False
    for word in text.split():
        if seen_initials and word[0].isupper() and not _INITIALS.match(word):
            names.append([])
            seen_initials = False
        names[-1].append(word)
        seen_initials = seen_initials or (len(names[-1]) > 1 and bool(_INITIALS.match(word)))
    return [" ".join(words) for words in names if words]


def _read_title(text: str, parts: _Parts) -> str:
    """The quoted title; returns what follows it."""
    if text.startswith('"'):
        closing = _CLOSING_QUOTE.search(text, 1)
        if closing:
            title = text[1 : closing.start()].strip()
            if title.count('"') % 2:
                parts.problems.append("the title has an unbalanced quote")
            _set(parts.fields, "title", title)
            return text[closing.end() :].lstrip(_BETWEEN_PARTS)
        text = text[1:]
        parts.problems.append("the title's closing quote is missing")
    else:
        parts.problems.append("no title in quotes")
    venue = re.search(r"(?:^|[.,]\s+)In:\s", text)
    if venue:
        _set(parts.fields, "title", text[: venue.start()].strip(' ."'))
        return text[venue.start() :].lstrip(_BETWEEN_PARTS)
    sentence = re.match(r"(.+?[^A-Z])\.(?:\s+|$)", text)
    if sentence:
        _set(parts.fields, "title", sentence[1].strip(' "'))
        return text[sentence.end() :]
    _set(parts.fields, "title", text.strip(' ."'))
    return ""


def _read_links(text: str, parts: _Parts) -> str:
    """Take the links out (labelled by their 'Demo:' prefix, else by their host) and leave a
    segment break in their place."""

    def take(match: re.Match[str]) -> str:
        url = match["url"].rstrip(".,;)")
        label = (match["label"] or _host_label(url)).lower()
        parts.links.append({"label": label, "url": url})
        doi = bare_doi(url) if label == "doi" else None
        if doi and "doi" not in parts.fields:
            parts.fields["doi"] = doi
        return " | "

    def take_doi(match: re.Match[str]) -> str:
        parts.fields.setdefault("doi", match[1])
        return " | "

    return _DOI_TEXT.sub(take_doi, _LINK.sub(take, text))


def _host_label(url: str) -> str:
    for pattern, label in _HOST_LABELS:
        if pattern.search(url):
            return label
    return "website"


def _segments(text: str) -> list[str]:
    """The text after the title, split at "|" and at sentence ends."""
    text = _PAGE_PREFIX.sub("", _IN.sub("", text.strip()))
    return [segment.strip() for segment in _SEGMENT_BREAK.split(text) if segment.strip(" .")]


def _sort_segments(segments: list[str], parts: _Parts) -> list[str]:
    """Distinctions and parenthesised remarks go to the note; the rest is venue text."""
    plain: list[str] = []
    for segment in segments:
        if _DISTINCTION.search(segment):
            _note(parts, segment)
            parts.selected = parts.selected or bool(_SELECTED.search(segment))
            continue
        segment = _peel_remarks(segment, parts)
        if segment.startswith("(") and segment.endswith(")") and plain:
            _note(parts, segment[1:-1])
        elif segment:
            plain.append(segment)
    return plain


def _peel_remarks(segment: str, parts: _Parts) -> str:
    """Trailing '(Green Open Access)' -> note, '(vVpefYmnsG)' -> pages; '(ICLR)' stays."""
    while segment.endswith(")"):
        opening = _matching_parenthesis(segment)
        if opening is None:
            break
        inner = segment[opening + 1 : -1].strip(" *")
        if _REMARK.search(inner):
            _note(parts, inner)
        elif _PAREN_IDENTIFIER.match(inner) and "pages" not in parts.fields:
            parts.fields["pages"] = inner
        else:
            break
        segment = segment[:opening].rstrip(" .")
    return segment


def _matching_parenthesis(text: str) -> int | None:
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        if text[index] == ")":
            depth += 1
        elif text[index] == "(":
            depth -= 1
            if depth == 0:
                return index
    return None


def _note(parts: _Parts, text: str) -> None:
    text = clean(text).strip(" .*|")
    open_access = _OPEN_ACCESS.match(text)
    if open_access:
        text = f"{(open_access[1] or '').capitalize()} Open Access".strip()
    if text and text not in parts.notes:
        parts.notes.append(text)


def _read_venue(plain: list[str], kind: str | None, parts: _Parts) -> None:
    """Venue, volume, issue and pages from the venue text; for chapters the publisher after."""
    for index in range(len(plain) - 1, -1, -1):
        locator = _LOCATOR.search(plain[index])
        if locator:
            _set_locator(locator, parts.fields)
            venue = [*plain[:index], plain[index][: locator.start()]]
            after = plain[index + 1 :]
            break
    else:
        venue, after = plain, []
        if kind in ("chapter", "book") and len(plain) > 1 and _PUBLISHER.match(plain[-1]):
            venue, after = plain[:-1], plain[-1:]
    venue_text = ". ".join(part.strip(" ,;:") for part in venue if part.strip(" ,;:"))
    _set(parts.fields, "venue", venue_text)
    if after and kind in ("chapter", "book"):
        _set(parts.fields, "publisher", ". ".join(after))
    else:
        for text in after:
            _note(parts, text)


def _set_locator(locator: re.Match[str], fields: dict[str, Any]) -> None:
    if locator["volume"]:
        fields.update(volume=locator["volume"], pages=locator["pages"])
        _set(fields, "issue", locator["issue"])
    elif locator["volume_only"]:
        fields.update(volume=locator["volume_only"], issue=locator["issue_only"])
    else:
        fields["pages"] = locator["range"] or locator["identifier"]


def _read_publisher(plain: list[str], parts: _Parts) -> None:
    """A book: 'Springer (Cham), Part I ISBN: ...' -> publisher, and the ISBNs as notes."""
    if not plain:
        return
    first, *rest = plain
    isbn = _ISBN_TAIL.match(first)
    if isbn:
        first, rest = isbn["publisher"], [isbn["rest"], *rest]
    _set(parts.fields, "publisher", first)
    for text in rest:
        _note(parts, text)


def _entry_type(kind: str | None, fields: dict[str, Any]) -> str:
    """The section's type (a conference paper at a workshop is a workshop paper); under no
    heading, a guess from the venue."""
    venue = str(fields.get("venue") or "")
    if kind == "conference":
        return "workshop" if _WORKSHOP.search(venue) else "conference"
    if kind:
        return kind
    for pattern, guess in _GUESSES:
        if pattern.search(venue):
            return guess
    return "other"


def _set(fields: dict[str, Any], key: str, value: str | None) -> None:
    value = clean(value) if value else ""
    if value:
        fields[key] = value


def _ordered(parts: _Parts, raw: str) -> dict[str, Any]:
    """The fields in the example CV's key order; the raw text in the note when something could
    not be read."""
    fields = parts.fields
    if parts.links:
        fields["links"] = parts.links
    notes = list(parts.notes)
    if parts.problems:
        notes.append(f"unparsed: {clean(raw)}")
    if notes:
        fields["note"] = "; ".join(notes)
    ordered = {key: fields[key] for key in FIELD_ORDER if key in fields}
    if parts.selected:
        ordered["selected"] = True
    return ordered
