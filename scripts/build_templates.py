"""Build the bundled Word templates (templates/*.docx) from code.

Run `uv run python scripts/build_templates.py` after changing the layout. The templates are
committed; users copy one into ./templates and restyle it in Word, keeping the {{ }} tags.
Layout rules: A4, 2 cm margins, one typeface (Arial; LibreOffice uses the metric-compatible
Liberation Sans), section headings with a rule below, dates in a fixed column.
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from assembler.render.package import normalise_zip  # noqa: E402

FIXED = datetime(2026, 1, 1)
FONT = "Arial"
ACCENT = RGBColor(0x1F, 0x38, 0x64)
GREY = RGBColor(0x55, 0x55, 0x55)
DATE_COLUMN = Cm(3.3)
NUMBER_COLUMN = Cm(0.8)


def _font(style, size: float, bold: bool = False, color: RGBColor | None = None) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    if color is not None:
        style.font.color.rgb = color
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


def _bottom_rule(style) -> None:
    ppr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "1F3864")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def new_document(body_size: float, date_column: Cm = DATE_COLUMN) -> Document:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    section.footer_distance = Cm(1.0)
    styles = document.styles
    normal = styles["Normal"]
    _font(normal, body_size)
    normal.paragraph_format.space_after = Pt(1.5)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.08
    title = styles["Title"]
    _font(title, 17, bold=True, color=ACCENT)
    title.paragraph_format.space_after = Pt(2)
    title_ppr = title.element.get_or_add_pPr()
    for border in title_ppr.findall(qn("w:pBdr")):
        title_ppr.remove(border)
    heading = styles["Heading 1"]
    _font(heading, body_size + 1.5, bold=True, color=ACCENT)
    heading.paragraph_format.space_before = Pt(9)
    heading.paragraph_format.space_after = Pt(3)
    heading.paragraph_format.keep_with_next = True
    _bottom_rule(heading)
    contact = styles.add_style("CV Contact", WD_STYLE_TYPE.PARAGRAPH)
    contact.base_style = normal
    _font(contact, body_size - 0.5, color=GREY)
    entry = styles.add_style("CV Entry", WD_STYLE_TYPE.PARAGRAPH)
    entry.base_style = normal
    entry.paragraph_format.left_indent = date_column
    entry.paragraph_format.first_line_indent = -date_column
    entry.paragraph_format.tab_stops.add_tab_stop(date_column, WD_TAB_ALIGNMENT.LEFT)
    entry.paragraph_format.space_after = Pt(2)
    detail = styles.add_style("CV Detail", WD_STYLE_TYPE.PARAGRAPH)
    detail.base_style = normal
    _font(detail, body_size - 1, color=GREY)
    detail.paragraph_format.left_indent = date_column
    detail.paragraph_format.space_after = Pt(2)
    prose = styles.add_style("CV Body", WD_STYLE_TYPE.PARAGRAPH)
    prose.base_style = normal
    prose.paragraph_format.space_after = Pt(4)
    numbered = styles.add_style("CV Numbered", WD_STYLE_TYPE.PARAGRAPH)
    numbered.base_style = normal
    numbered.paragraph_format.left_indent = NUMBER_COLUMN
    numbered.paragraph_format.first_line_indent = -NUMBER_COLUMN
    numbered.paragraph_format.tab_stops.add_tab_stop(NUMBER_COLUMN, WD_TAB_ALIGNMENT.LEFT)
    numbered.paragraph_format.space_after = Pt(3)
    subheading = styles.add_style("CV Subheading", WD_STYLE_TYPE.PARAGRAPH)
    subheading.base_style = normal
    _font(subheading, body_size, bold=True)
    subheading.paragraph_format.space_before = Pt(5)
    subheading.paragraph_format.space_after = Pt(2)
    subheading.paragraph_format.keep_with_next = True
    # python-docx's default document starts with one empty paragraph; drop it.
    body = document.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    return document


def add_footer(document: Document, text: str) -> None:
    footer = document.sections[0].footer
    paragraph = footer.paragraphs[0]
    paragraph.style = document.styles["CV Contact"]
    paragraph.add_run(text + "  ·  ")
    run = paragraph.add_run()
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    inner = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = "1"
    inner.append(text_element)
    field.append(inner)
    run._r.addnext(field)


class Writer:
    """Adds paragraphs with docxtpl tags; each tag stays within one run."""

    def __init__(self, document: Document) -> None:
        self.document = document

    def tag(self, text: str) -> None:
        """A {%p ... %} control paragraph (removed by docxtpl when rendering)."""
        self.document.add_paragraph(text)

    def para(self, *runs: str, style: str = "Normal") -> None:
        paragraph = self.document.add_paragraph(style=self.document.styles[style])
        for text in runs:
            paragraph.add_run(text)

    def contact(self) -> None:
        """The contact line, left out when the CV has no contact details."""
        self.tag("{%p if person.contact %}")
        self.para(HEADER, style="CV Contact")
        self.tag("{%p endif %}")

    def section(
        self,
        name: str,
        body: list[tuple[str, ...]],
        label: str | None = None,
        guard: str | None = None,
    ) -> None:
        """A heading and its entries, all skipped when the list is empty."""
        self.tag(f"{{%p if {guard or name} %}}")
        self.para(f"{{{{ labels.{label or name} }}}}", style="Heading 1")
        for item in body:
            style, *runs = item
            if style == "tag":
                self.tag(runs[0])
            else:
                self.para(*runs, style=style)
        self.tag("{%p endif %}")


def dated(name: str, text: str, detail: str | None = None) -> list[tuple[str, ...]]:
    body: list[tuple[str, ...]] = [
        ("tag", f"{{%p for e in {name} %}}"),
        ("CV Entry", "{{ e.dates }}", "\t", text),
    ]
    if detail:
        body += [
            ("tag", f"{{%p if e.{detail} %}}"),
            ("CV Detail", f"{{{{ e.{detail} }}}}"),
            ("tag", "{%p endif %}"),
        ]
    body.append(("tag", "{%p endfor %}"))
    return body


def numbered(name: str, detail: str | None = None) -> list[tuple[str, ...]]:
    body: list[tuple[str, ...]] = [
        ("tag", f"{{%p for e in {name} %}}"),
        (
            "CV Numbered",
            "{{ loop.index }}.",
            "\t",
            "{{r e.citation_rich }}",
            "{% if e.note %} ({{ e.note }}){% endif %}",
        ),
    ]
    if detail:
        body += [
            ("tag", f"{{%p if e.{detail} %}}"),
            ("CV Detail", f"{{{{ e.{detail} }}}}"),
            ("tag", "{%p endif %}"),
        ]
    body.append(("tag", "{%p endfor %}"))
    return body


HEADER = "{{ person.contact }}"
POSITION = (
    "{{ e.role }}{% if e.unit %}, {{ e.unit }}{% endif %}"
    "{% if e.organization %}, {{ e.organization }}{% endif %}"
    "{% if e.location %}, {{ e.location }}{% endif %}"
)
EDUCATION = (
    "{{ e.degree }}{% if e.field %} in {{ e.field }}{% endif %}"
    "{% if e.grade %} ({{ e.grade }}){% endif %}, {{ e.institution }}"
    "{% if e.thesis %}. Thesis: “{{ e.thesis }}”{% endif %}"
    "{% if e.supervisor %}, supervised by {{ e.supervisor }}{% endif %}"
)
PROJECT = (
    "{% if e.acronym %}{{ e.acronym }}: {% endif %}{{ e.title }}"
    "{% if e.funder %} ({{ e.funder }}{% if e.programme %}, {{ e.programme }}{% endif %})"
    "{% endif %}{% if e.role == 'lead' or e.role == 'coordinator' %}; {{ e.role_label }}"
    "{% endif %}"
)
AWARD = "{{ e.name }}{% if e.description %}: {{ e.description }}{% endif %}"
TALK = (
    "“{{ e.title }}”{% if e.event %}, {{ e.event }}{% endif %}"
    "{% if e.location %}, {{ e.location }}{% endif %}"
    "{% if e.kind and e.kind != 'lecture' %} ({{ e.kind }}){% endif %}"
)
SERVICE = "{{ e.role }}{% if e.organization %}, {{ e.organization }}{% endif %}"
TEACHING = (
    "{{ e.course }}{% if e.institution %}, {{ e.institution }}{% endif %}"
    "{% if e.role %} ({{ e.role }}){% endif %}"
)


def eu_horizon() -> Document:
    document = new_document(10)
    w = Writer(document)
    w.para("{{ person.full_name }}", style="Title")
    w.contact()
    w.section(
        "bio",
        [
            ("tag", "{%p for paragraph in bio_paragraphs %}"),
            ("CV Body", "{{ paragraph }}"),
            ("tag", "{%p endfor %}"),
        ],
    )
    w.section("positions", dated("positions", POSITION))
    w.section("education", dated("education", EDUCATION))
    w.section("projects", dated("projects", PROJECT))
    w.section("publications", numbered("publications"))
    w.section("awards", dated("awards", AWARD))
    w.section("talks", dated("talks", TALK))
    add_footer(document, "{{ person.full_name }} · {{ profile.description }}")
    return document


PUBLICATION_LISTS = (
    "journal_articles",
    "conference_papers",
    "workshop_papers",
    "books",
    "book_chapters",
    "preprints",
    "other_outputs",
)


def full_cv() -> Document:
    document = new_document(10, date_column=Cm(4.3))  # month dates: "Jan 2021 – Jul 2024"
    w = Writer(document)
    w.para("{{ person.full_name }}", style="Title")
    w.contact()
    w.section(
        "bio",
        [
            ("tag", "{%p for paragraph in bio_paragraphs %}"),
            ("CV Body", "{{ paragraph }}"),
            ("tag", "{%p endfor %}"),
        ],
    )
    w.section("positions", dated("positions", POSITION, "description"))
    w.section("education", dated("education", EDUCATION, "description"))
    w.section("service", dated("service", SERVICE, "description"))
    w.section("projects", dated("projects", PROJECT))
    guard = " or ".join(PUBLICATION_LISTS)
    body: list[tuple[str, ...]] = []
    for name in PUBLICATION_LISTS:
        body += [
            ("tag", f"{{%p if {name} %}}"),
            ("CV Subheading", f"{{{{ labels.{name} }}}}"),
            *numbered(name),
            ("tag", "{%p endif %}"),
        ]
    w.section("publications", body, guard=guard)
    w.section("talks", dated("talks", TALK + "{% if e.note %}; {{ e.note }}{% endif %}"))
    w.section("lectures", dated("lectures", TALK + "{% if e.note %}; {{ e.note }}{% endif %}"))
    w.section(
        "teaching",
        [
            ("tag", "{%p for e in teaching %}"),
            ("CV Entry", "{{ e.term or e.dates }}", "\t", TEACHING),
            ("tag", "{%p endfor %}"),
        ],
    )
    w.section(
        "supervision",
        SUPERVISION,
        guard="supervision or supervision_summary",
    )
    w.section("awards", dated("awards", AWARD))
    w.section(
        "patents",
        [
            ("tag", "{%p for e in patents %}"),
            ("CV Entry", "{{ e.dates }}", "\t", "{{ e.title }}"),
            ("tag", "{%p for f in e.filings %}"),
            (
                "CV Detail",
                "{{ f.number }}{% if f.status %}, {{ f.status }}"
                "{% endif %}{% if f.date %} {{ f.date }}{% endif %}",
            ),
            ("tag", "{%p endfor %}"),
            ("tag", "{%p endfor %}"),
        ],
    )
    w.section(
        "metrics",
        [
            ("tag", "{%p for e in metrics %}"),
            (
                "CV Entry",
                "{{ e.dates }}",
                "\t",
                "{{ e.source }}{% if e.since %} (since {{ e.since }}){% endif %}: "
                "{{ e.publications }} publications, {{ e.citations }} citations, "
                "h-index {{ e.h_index }}, i10-index {{ e.i10_index }}",
            ),
            ("tag", "{%p endfor %}"),
        ],
    )
    w.section("skills", [("Normal", "{{ skills | join(', ') }}")])
    w.section("languages", [("Normal", "{{ languages | join(', ') }}")])
    add_footer(document, "{{ person.full_name }} · {{ profile.description }}")
    return document


SUPERVISION: list[tuple[str, ...]] = [
    ("tag", "{%p if supervision_summary %}"),
    ("Normal", "{{ supervision_summary }}"),
    ("tag", "{%p endif %}"),
    *dated("supervision", "{{ e.name }}{% if e.level %} ({{ e.level }}){% endif %}"),
]
# Each patent on one line with the numbers of its filings.
PATENTS_COMPACT: list[tuple[str, ...]] = [
    ("tag", "{%p for e in patents %}"),
    (
        "CV Entry",
        "{{ e.dates }}",
        "\t",
        "{{ e.title }}{% for f in e.filings %}{% if loop.first %}: "
        "{% else %}; {% endif %}{{ f.number }}{% endfor %}",
    ),
    ("tag", "{%p endfor %}"),
]


def outputs_with_notes(name: str) -> list[tuple[str, ...]]:
    """Numbered outputs, each with the optional significance and own-contribution notes."""
    return [
        ("tag", f"{{%p for e in {name} %}}"),
        (
            "CV Numbered",
            "{{ loop.index }}.",
            "\t",
            "{{r e.citation_rich }}",
            "{% if e.note %} ({{ e.note }}){% endif %}",
        ),
        ("tag", "{%p if e.significance %}"),
        ("CV Detail", "{{ labels.significance }}: {{ e.significance }}"),
        ("tag", "{%p endif %}"),
        ("tag", "{%p if e.contribution %}"),
        ("CV Detail", "{{ labels.contribution }}: {{ e.contribution }}"),
        ("tag", "{%p endif %}"),
        ("tag", "{%p endfor %}"),
    ]


def subsections(*parts: tuple[str, list[tuple[str, ...]]]) -> list[tuple[str, ...]]:
    body: list[tuple[str, ...]] = []
    for name, entries in parts:
        body += [
            ("tag", f"{{%p if {name} %}}"),
            ("CV Subheading", f"{{{{ labels.{name} }}}}"),
            *entries,
            ("tag", "{%p endif %}"),
        ]
    return body


PERSONAL = (
    "{% if person.birth_date %}{{ labels.born }} {{ person.birth_date }}"
    "{% if person.birth_place %}, {{ person.birth_place }}{% endif %}{% endif %}"
    "{% if person.nationality %} · {{ person.nationality }}{% endif %}"
)
BREAK = "{{ e.reason }}"


def erc() -> Document:
    document = new_document(10)
    w = Writer(document)
    w.para("{{ person.full_name }}", style="Title")
    w.contact()
    w.section("education", dated("education", EDUCATION))
    w.section("positions", dated("positions", POSITION))
    w.section("publications", outputs_with_notes("publications"))
    w.section("projects", dated("projects", PROJECT))
    w.section(
        "recognition",
        subsections(
            ("awards", dated("awards", AWARD)),
            ("talks", dated("talks", TALK)),
            ("service", dated("service", SERVICE)),
        ),
        guard="awards or talks or service",
    )
    w.section("career_breaks", dated("career_breaks", BREAK))
    add_footer(document, "{{ person.full_name }} · {{ profile.description }}")
    return document


def dfg() -> Document:
    document = new_document(10, date_column=Cm(4.3))
    w = Writer(document)
    w.para("{{ person.full_name }}", style="Title")
    w.contact()
    w.tag("{%p if person.birth_date or person.nationality %}")
    w.para(PERSONAL, style="CV Contact")
    w.tag("{%p endif %}")
    w.section(
        "career",
        subsections(
            ("positions", dated("positions", POSITION)),
            ("education", dated("education", EDUCATION)),
        ),
        guard="positions or education",
    )
    w.section("career_breaks", dated("career_breaks", BREAK))
    w.section("service", dated("service", SERVICE))
    w.section(
        "supervision",
        SUPERVISION,
        guard="supervision or supervision_summary",
    )
    w.section(
        "results",
        subsections(
            ("results_a", numbered("results_a")),
            ("results_b", numbered("results_b")),
            (
                "patents",
                PATENTS_COMPACT,
            ),
        ),
        guard="results_a or results_b or patents",
    )
    w.section("awards", dated("awards", AWARD))
    add_footer(document, "{{ person.full_name }} · {{ profile.description }}")
    return document


def msca() -> Document:
    document = new_document(10, date_column=Cm(4.6))
    w = Writer(document)
    w.para("{{ person.full_name }}", style="Title")
    w.contact()
    w.section("education", dated("education", EDUCATION))
    w.section("positions", dated("positions", POSITION))
    w.section("publications", outputs_with_notes("publications"))
    w.section("talks", dated("talks", TALK))
    w.section("service", dated("service", SERVICE))
    w.section(
        "patents",
        PATENTS_COMPACT,
    )
    w.section("awards", dated("awards", AWARD))
    w.section("projects", dated("projects", PROJECT))
    w.section(
        "supervision",
        SUPERVISION,
        guard="supervision or supervision_summary",
    )
    w.section("career_breaks", dated("career_breaks", BREAK))
    add_footer(document, "{{ person.full_name }} · {{ profile.description }}")
    return document


def part_a() -> Document:
    document = new_document(10)
    w = Writer(document)
    w.para("{{ person.full_name }}", style="Title")
    w.contact()
    w.section("publications", outputs_with_notes("publications"))
    w.section(
        "projects",
        [
            ("tag", "{%p for e in projects %}"),
            (
                "CV Numbered",
                "{{ loop.index }}.",
                "\t",
                "{% if e.acronym %}{{ e.acronym }}: {% endif %}{{ e.title }} "
                "({{ e.dates }}{% if e.role_label %}; {{ e.role_label }}{% endif %}"
                "{% if e.funder %}; {{ e.funder }}{% endif %}"
                "{% if e.grant_id %}, {{ e.grant_id }}{% endif %})",
            ),
            ("tag", "{%p if e.description %}"),
            ("CV Detail", "{{ e.description }}"),
            ("tag", "{%p endif %}"),
            ("tag", "{%p endfor %}"),
        ],
    )
    add_footer(document, "{{ person.full_name }} · {{ profile.description }}")
    return document


def annual_report() -> Document:
    document = new_document(10, date_column=Cm(4.3))
    w = Writer(document)
    w.para("{{ labels.report_title }} {{ profile.period }}", style="Title")
    w.para(
        "{{ person.full_name }}{% if members|length > 1 %}: {{ members|join(', ') }}{% endif %}",
        style="CV Contact",
    )
    publication_lists = (
        "journal_articles",
        "conference_papers",
        "workshop_papers",
        "books",
        "book_chapters",
        "preprints",
        "other_outputs",
    )
    body: list[tuple[str, ...]] = []
    for name in publication_lists:
        body += [
            ("tag", f"{{%p if {name} %}}"),
            ("CV Subheading", f"{{{{ labels.{name} }}}} ({{{{ {name}|length }}}})"),
            *numbered(name),
            ("tag", "{%p endif %}"),
        ]
    w.section("publications", body, guard=" or ".join(publication_lists))
    w.section(
        "talks", dated("talks", TALK + "{% if members|length > 1 %} [{{ e.members }}]{% endif %}")
    )
    w.section(
        "projects",
        subsections(
            ("projects_started", dated("projects_started", PROJECT)),
            ("projects_running", dated("projects_running", PROJECT)),
            ("projects_ended", dated("projects_ended", PROJECT)),
        ),
        guard="projects_started or projects_running or projects_ended",
    )
    w.section(
        "awards",
        dated("awards", AWARD + "{% if members|length > 1 %} [{{ e.members }}]{% endif %}"),
    )
    w.section(
        "teaching",
        [
            ("tag", "{%p for e in teaching %}"),
            ("CV Entry", "{{ e.term or e.dates }}", "\t", TEACHING),
            ("tag", "{%p endfor %}"),
        ],
    )
    w.section("service", dated("service", SERVICE))
    w.section(
        "supervision",
        SUPERVISION,
        guard="supervision or supervision_summary",
    )
    add_footer(document, "{{ person.full_name }} · {{ labels.report_title }} {{ profile.period }}")
    return document


PROJECT_COLUMNS = (
    ("Acronym", 14, None),
    ("Title", 48, None),
    ("Funder", 18, None),
    ("Programme", 18, None),
    ("Grant ID", 14, None),
    ("Start", 10, "yyyy-mm"),
    ("End", 10, "yyyy-mm"),
    ("Months", 8, "0"),
    ("Role", 12, None),
    ("Budget", 14, "#,##0"),
    ("Currency", 9, None),
    ("Status", 10, None),
    ("Members", 24, None),
)


def projects_workbook(path: Path) -> None:
    """A styled workbook for admin-projects: a title, an Excel table, formats per column."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.styles import Font as XFont
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Projects"
    sheet["A1"] = "Third-party funded projects"
    sheet["A1"].font = XFont(name=FONT, size=14, bold=True, color="1F3864")
    sheet["A2"] = "Dates as YYYY-MM; status as of the report's reference date."
    sheet["A2"].font = XFont(name=FONT, size=9, italic=True, color="555555")
    header_row = 4
    for column, (header, width, number_format) in enumerate(PROJECT_COLUMNS, start=1):
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = width
        sheet.cell(row=header_row, column=column, value=header)
        sample = sheet.cell(row=header_row + 1, column=column)
        sample.font = XFont(name=FONT, size=10)
        sample.alignment = Alignment(vertical="top", wrap_text=header == "Title")
        if number_format:
            sample.number_format = number_format
    last = get_column_letter(len(PROJECT_COLUMNS))
    table = Table(displayName="Projects", ref=f"A{header_row}:{last}{header_row + 1}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    sheet.add_table(table)
    sheet.freeze_panes = f"A{header_row + 1}"
    workbook.properties.created = workbook.properties.modified = FIXED
    workbook.properties.creator = "assemble"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()  # save_workbook would stamp the clock
    path.write_bytes(normalise_zip(buffer.getvalue()))


TEMPLATES = {
    "eu-horizon-cv.docx": eu_horizon,
    "full-cv.docx": full_cv,
    "erc-cv.docx": erc,
    "dfg-cv.docx": dfg,
    "msca-cv.docx": msca,
    "eu-horizon-part-a.docx": part_a,
    "annual-report.docx": annual_report,
}


def main() -> None:
    """Write every template reproducibly (fixed metadata and zip times), so rebuilding
    without a layout change leaves the committed files byte for byte as they are."""
    target = ROOT / "templates"
    target.mkdir(exist_ok=True)
    for name, factory in TEMPLATES.items():
        document = factory()
        document.core_properties.created = FIXED
        document.core_properties.modified = FIXED
        document.core_properties.author = "assemble"
        document.core_properties.last_modified_by = "assemble"
        document.core_properties.revision = 1
        buffer = io.BytesIO()
        document.save(buffer)
        (target / name).write_bytes(normalise_zip(buffer.getvalue()))
        print(f"wrote templates/{name}")
    projects_workbook(target / "projects.xlsx")
    print("wrote templates/projects.xlsx")


if __name__ == "__main__":
    main()
