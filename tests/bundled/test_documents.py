"""The bundled profiles on the example CV, in English and German: the text of each document
against its reference (tests/testdata/golden/<profile>.<language>.txt), and each funder's
rules checked on what was chosen and printed.

After an intended change, regenerate the references with
    uv run pytest tests/bundled --update-goldens
and review the diff.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from assembler.build import BuildRequest, BuildResult, build
from assembler.profile.load import load_profile
from assembler.resources import bundled_dir, example_cv
from assembler.shape.labels import labels_for
from tests.helpers import TESTDATA

GOLDEN = TESTDATA / "golden"
AS_OF = date(2026, 11, 21)
PROFILES = (
    "eu-horizon",
    "full-cv",
    "erc",
    "dfg",
    "dfg-en",
    "msca",
    "eu-horizon-part-a",
    "annual-report",
)
LANGUAGES = ("en", "de")
EVERY_FIELD = TESTDATA / "cv" / "every-field.yaml"


def blocks(document: Document) -> list[Paragraph | Table]:
    """The body's paragraphs and tables in reading order."""
    items: list[Paragraph | Table] = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            items.append(Paragraph(child, document))
        elif child.tag.endswith("}tbl"):
            items.append(Table(child, document))
    return items


def document_text(path: Path) -> str:
    """What a reader sees: paragraphs, table rows (cells joined by " | "), the footer."""
    document = docx.Document(str(path))
    lines = []
    for block in blocks(document):
        if isinstance(block, Paragraph):
            lines.append(block.text)
        else:
            lines += [" | ".join(cell.text for cell in row.cells) for row in block.rows]
    lines += ["--- footer ---", *(p.text for p in document.sections[0].footer.paragraphs)]
    return "\n".join(lines) + "\n"


def documents_of(result: BuildResult) -> list[Path]:
    return sorted(path for path in result.written if path.suffix == ".docx")


def golden_name(path: Path) -> str:
    return path.name.removeprefix("sebastian-lapuschkin-")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], BuildResult]:
    results = {}
    for language in LANGUAGES:
        for profile in PROFILES:
            out = tmp_path_factory.mktemp(f"{profile}-{language}")
            results[profile, language] = build(
                BuildRequest(
                    profile=profile,
                    data=example_cv(),
                    as_of=AS_OF,
                    out_dir=out,
                    cwd=out,
                    language=language,
                )
            )
    return results


def text_of(built, profile: str, language: str = "en", index: int = 0) -> str:
    return document_text(documents_of(built[profile, language])[index])


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("profile", PROFILES)
def test_document_text_matches_reference(
    built, profile: str, language: str, update_goldens: bool
) -> None:
    text = "".join(
        f"=== {golden_name(path)} ===\n{document_text(path)}"
        for path in documents_of(built[profile, language])
    )
    reference = GOLDEN / f"{profile}.{language}.txt"
    if update_goldens:
        reference.write_text(text, encoding="utf-8")
    assert text == reference.read_text(encoding="utf-8")


def test_eu_horizon_follows_its_rules(built) -> None:
    result = built["eu-horizon", "en"]
    sections = result.selection.sections
    publications = sections["publications"].entries
    assert len(publications) == 10
    assert all(p.year.year >= 2016 for p in publications)
    assert all(
        p.type in ("journal", "conference", "workshop", "book", "chapter") for p in publications
    )
    years = [p.year.year for p in publications]
    assert years == sorted(years, reverse=True)  # printed newest first (order: -year)
    selected = [p for p in sections["publications"].entries if p.selected]
    assert len(selected) == 6  # the person's own marks are all in
    assert "unmasking clever hans" in " ".join(p.title.lower() for p in publications)
    assert [p.acronym for p in sections["projects"].entries] == [
        "xJuRAG",
        "EPIBMI",
        "ACHILLES",
        "TEMA",
        "iToBoS",
    ]
    assert all(p.end is None or p.end.year >= 2016 for p in sections["positions"].entries)
    assert len(sections["talks"].entries) == 5
    bio = next(line for line in text_of(built, "eu-horizon").splitlines() if "Ph.D." in line)
    assert bio.endswith("learning.")  # ends with a whole sentence, no ellipsis


def test_name_is_bold_and_venues_italic_in_every_eu_horizon_citation(built) -> None:
    (path,) = documents_of(built["eu-horizon", "en"])
    document = docx.Document(str(path))
    numbered = [p for p in document.paragraphs if p.style.name == "CV Numbered"]
    assert len(numbered) == 10
    for paragraph in numbered:
        bold = [run.text for run in paragraph.runs if run.bold]
        italic = [run.text for run in paragraph.runs if run.italic]
        assert bold and all(text in ("Lapuschkin S", "Bach S") for text in bold), paragraph.text
        assert italic, paragraph.text


def test_full_cv_holds_every_entry(built) -> None:
    result = built["full-cv", "en"]
    sections = result.selection.sections
    lists = (
        "journal_articles",
        "conference_papers",
        "workshop_papers",
        "books",
        "edited_books",
        "book_chapters",
        "preprints",
        "other_outputs",
    )
    assert sum(len(sections[name].entries) for name in lists) == 96
    assert [p.edited for p in sections["edited_books"].entries] == [True]
    assert len(sections["talks"].entries) + len(sections["lectures"].entries) == 33
    for name in (
        "positions",
        "education",
        "service",
        "projects",
        "teaching",
        "awards",
        "patents",
        "metrics",
    ):
        assert not sections[name].dropped, name


def test_dfg_follows_form_53_200(built) -> None:
    result = built["dfg", "de"]
    sections = result.selection.sections
    list_a = [entry.id for entry in sections["results_a"].entries]
    list_b = [entry.id for entry in sections["results_b"].entries]
    patents = [entry.id for entry in sections["patents"].entries]
    assert len(list_a) == 10
    assert not set(list_a) & set(list_b)
    assert len(list_b) + len(patents) <= 10
    assert "lapuschkin-2019-unmasking" in list_a  # first-author Nature Communications
    assert "patent-relevance-score-assignment" in patents  # the granted family
    assert "patent-concept-representation" not in patents  # a filing without a number
    assert any("zennit" in entry.title.lower() for entry in sections["results_b"].entries)
    text = text_of(built, "dfg", "de")
    headings = [
        "Persönliche Daten",
        "Qualifizierung und Werdegang",
        "Engagement im Wissenschaftssystem",
        "Betreuung von Forschenden in frühen Karrierephasen",
        "Wissenschaftliche Ergebnisse",
        "Kategorie A",
        "Kategorie B",
        "Anerkennung durch das Wissenschaftssystem",
    ]
    positions = [text.index(f"\n{heading}\n") for heading in headings]
    assert positions == sorted(positions)  # the form's order
    assert "Promotion | 19.12.2018, Betreuung: Prof. Dr. Klaus-Robert Müller" in text
    assert "Aktuelle Position | External Scholar (Vertrag bis [Vertragsende])" in text
    assert "seit 01/2021: Head of Explainable Artificial Intelligence" in text
    assert "h-index" not in text.lower() and "Seite 1 von" in text


def test_dfg_uses_arial_11_with_spacing_1_2(built) -> None:
    (path,) = documents_of(built["dfg", "de"])
    normal = docx.Document(str(path)).styles["Normal"]
    assert normal.font.name == "Arial"
    assert normal.font.size.pt == 11
    assert normal.paragraph_format.line_spacing == pytest.approx(1.2)


def test_msca_prints_every_date_as_dd_mm_yyyy(built) -> None:
    (path,) = documents_of(built["msca", "en"])
    document = docx.Document(str(path))
    date = r"(?:\[DD\]|\d\d)/(?:\[MM\]|\d\d)/\d{4}"
    pattern = re.compile(rf"^(?:{date}(?: – (?:{date}|present))?|\d{{4}})$")
    columns = [
        p.text.split("\t")[0]
        for p in document.paragraphs
        if p.style.name == "CV Entry" and "\t" in p.text
    ]
    assert columns and all(pattern.match(column) for column in columns), columns
    text = document_text(path)
    assert "PhD awarded: 19/12/2018" in text
    patents = built["msca", "en"].selection.sections["patents"].entries
    assert [p.id for p in patents] == ["patent-relevance-score-assignment"]  # granted only
    assert "TBA" not in text


def test_part_a_lists_the_researcher_five_outputs_and_five_projects(built) -> None:
    result = built["eu-horizon-part-a", "en"]
    sections = result.selection.sections
    assert len(sections["publications"].entries) == 5
    roles = [project.role for project in sections["projects"].entries]
    assert len(roles) == 5 and roles == sorted(roles, key=lambda r: r != "lead")
    text = text_of(built, "eu-horizon-part-a")
    assert (
        "Dr. rer. nat. Sebastian Lapuschkin | [career stage] | [role in the project] | "
        "[ORCID or identifier]" in text
    )
    assert text.count("Significance: ") == 5


def test_erc_follows_the_b1_template_and_writes_the_funding_id(built) -> None:
    result = built["erc", "en"]
    outputs = result.selection.sections["publications"].entries
    assert len(outputs) == 10
    cv, funding = (document_text(path) for path in documents_of(result))
    for line in (
        "PERSONAL DETAILS",
        "Family name, First name: Lapuschkin, Sebastian",
        "Researcher unique identifier(s): [ORCID or identifier]",
        "19/12/2018\tPhD in Machine Learning",
        "Current position(s)",
        "Previous position(s)",
        "RESEARCH ACHIEVEMENTS AND PEER RECOGNITION",
        "ADDITIONAL INFORMATION",
    ):
        assert line in cv, line
    assert "Project title | Funding source | Amount (Euros) | Period | Role of the PI" in funding
    assert "On-going / submitted grant applications" in funding
    assert "None" in funding  # no application under review


def test_annual_report_lists_the_patents_of_its_year(built) -> None:
    result = built["annual-report", "en"]
    patents = [entry.id for entry in result.selection.sections["patents"].entries]
    assert patents == [
        "patent-attention-head-functionalities",
        "patent-relevance-attention-module",
    ]


def template_labels(profile: str) -> set[str]:
    """The ``labels.x`` names the profile's templates print."""
    loaded = load_profile(profile)
    names: set[str] = set()
    for spec in loaded.profile.documents:
        xml = docx.Document(str(bundled_dir("templates") / spec.template)).element.xml
        text = re.sub(r"<[^>]+>", "", xml)
        names |= set(re.findall(r"labels\.(\w+)", text))
    return names


# Words that are the same in both languages.
SAME_IN_BOTH = {"ORCID", "Software", "Preprints", "Name", "In", "et al.", "DOI", "URL"}


@pytest.mark.parametrize("profile", PROFILES)
def test_every_label_a_template_prints_is_german_with_lang_de(profile: str) -> None:
    loaded = load_profile(profile)
    english = labels_for(loaded.profile.model_copy(update={"language": "en"}))
    german = labels_for(loaded.profile.model_copy(update={"language": "de"}))
    untranslated = sorted(
        name
        for name in template_labels(profile)
        if german[name] == english[name] and german[name] not in SAME_IN_BOTH
    )
    assert untranslated == []


@pytest.mark.parametrize("profile", PROFILES)
def test_no_english_heading_in_a_german_document(built, profile: str) -> None:
    english = {
        value
        for value in labels_for(
            load_profile(profile).profile.model_copy(update={"language": "en"})
        ).values()
        if value not in SAME_IN_BOTH
    }
    for path in documents_of(built[profile, "de"]):
        document = docx.Document(str(path))
        headings = [
            p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
        ]
        footer = document.sections[0].footer.paragraphs[0].text
        assert not [h for h in headings if h in english], path.name
        assert "Seite" in footer and "Page" not in footer


def test_documents_carry_the_profile_language_and_the_person(built) -> None:
    for language, tag in (("en", "en-GB"), ("de", "de-DE")):
        (path,) = documents_of(built["eu-horizon", language])
        document = docx.Document(str(path))
        lang = document.styles.element.find(f".//{qn('w:docDefaults')}//{qn('w:lang')}")
        assert lang is not None and lang.get(qn("w:val")) == tag
        assert document.core_properties.author == "Sebastian Lapuschkin"
        assert "Sebastian Lapuschkin" in document.core_properties.title


@pytest.mark.parametrize("profile", PROFILES)
def test_every_bundled_profile_works_on_a_cv_with_only_a_name(tmp_path: Path, profile: str) -> None:
    cv = tmp_path / "cv.yaml"
    cv.write_text("person: {name: Minimal Person}\n", encoding="utf-8")
    result = build(
        BuildRequest(profile=profile, data=cv, as_of=AS_OF, out_dir=tmp_path / "out", cwd=tmp_path)
    )
    for path in documents_of(result):
        document = docx.Document(str(path))
        text = [p.text for p in document.paragraphs]
        assert "" not in text  # no empty contact line, no heading over an empty section
        assert not any(
            heading in text for heading in ("Publications", "Positions", "Profile", "Talks")
        )
        assert "Minimal Person" in document_text(path) or "Annual report" in text[0]


@pytest.mark.parametrize("profile", PROFILES)
def test_every_bundled_profile_works_on_a_cv_with_every_field(tmp_path: Path, profile: str) -> None:
    result = build(
        BuildRequest(
            profile=profile,
            data=EVERY_FIELD,
            as_of=AS_OF,
            out_dir=tmp_path / "out",
            cwd=tmp_path,
            period="2020..2026" if profile == "annual-report" else None,
        )
    )
    for path in documents_of(result):
        text = document_text(path)
        assert "[" not in text.replace("[DD]", "").replace("[MM]", ""), (path.name, text)
        assert ", ," not in text and "()" not in text and " ," not in text


STRAY = re.compile(r", ,|\s,|\(\s*\)|\[\s*\]|:\s*\.|\.\s*\.(?!\.)|^\s*[,;:]|“”", re.MULTILINE)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("profile", PROFILES)
def test_sparse_entries_print_without_stray_separators(
    tmp_path: Path, profile: str, language: str
) -> None:
    result = build(
        BuildRequest(
            profile=profile,
            data=TESTDATA / "cv" / "sparse.yaml",
            as_of=AS_OF,
            out_dir=tmp_path / "out",
            cwd=tmp_path,
            language=language,
            period="2015..2026" if profile == "annual-report" else None,
        )
    )
    for path in documents_of(result):
        text = re.sub(r"\[[^\]]+\]", "PLACEHOLDER", document_text(path))
        assert not STRAY.findall(text), (path.name, STRAY.findall(text), text)
        assert "““" not in text and "””" not in text  # a quoted title gets no second quotes
