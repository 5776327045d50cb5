"""Documents rendered to PDF by LibreOffice: page limits, --pdf, --check-pages and --fit.

Locally these tests skip when LibreOffice is missing; in CI (CI=true) they must run.
"""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from assembler.build import BuildRequest, build
from assembler.cli.main import main
from assembler.render.pdf import find_soffice, page_count, to_pdf
from assembler.resources import example_cv

if find_soffice() is None:
    if os.environ.get("CI"):
        raise RuntimeError("LibreOffice is required in CI; .ci/run installs it")
    pytest.skip("LibreOffice is not installed", allow_module_level=True)

LIMITS = {
    "eu-horizon": 2,
    "erc": 4,
    "dfg": 4,
    "dfg-en": 4,
    "msca": 5,
    "eu-horizon-part-a": 1,
    "full-cv": None,
}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """Every document of every preset as a PDF, made in one LibreOffice start."""
    out = tmp_path_factory.mktemp("docs")
    documents: dict[str, list[Path]] = {}
    for profile in LIMITS:
        result = build(
            BuildRequest(
                profile=profile, data=example_cv(), as_of=date(2026, 11, 21), out_dir=out, cwd=out
            )
        )
        documents[profile] = sorted(p for p in result.written if p.suffix == ".docx")
    flat = [path for paths in documents.values() for path in paths]
    converted = dict(zip(flat, to_pdf(flat, out / "pdf"), strict=True))
    return {name: [converted[path] for path in paths] for name, paths in documents.items()}


def pdf_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def font_families(pdf: Path) -> set[str]:
    """The font families pdffonts lists, without subset prefixes and styles."""
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    names = [line.split()[0] for line in listing.stdout.splitlines()[2:] if line.strip()]
    return {name.split("+")[-1].split("-")[0] for name in names}


@pytest.mark.parametrize("profile", [name for name, limit in LIMITS.items() if limit])
def test_each_preset_fits_its_page_limit(pdfs: dict[str, list[Path]], profile: str) -> None:
    for pdf in pdfs[profile]:
        assert 1 <= page_count(pdf) <= LIMITS[profile], pdf.name


def test_full_cv_is_the_long_document(pdfs: dict[str, list[Path]]) -> None:
    assert page_count(pdfs["full-cv"][0]) > 2 * page_count(pdfs["eu-horizon"][0])


@pytest.mark.parametrize("profile", list(LIMITS))
def test_one_typeface_family_and_page_x_of_y(pdfs: dict[str, list[Path]], profile: str) -> None:
    for pdf in pdfs[profile]:
        assert font_families(pdf) == {"LiberationSans"}, pdf.name  # Arial's metric twin
        pages = page_count(pdf)
        text = pdf_text(pdf)
        word, of = ("Seite", "von") if profile == "dfg" else ("Page", "of")
        for page in range(1, pages + 1):
            assert f"{word} {page} {of} {pages}" in text, (pdf.name, page)
        for tool_text in ("two pages", "four pages", "every section", "up to ten", "assemble"):
            assert tool_text not in text, (pdf.name, tool_text)  # the tool says nothing


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "one-page.yaml").write_text(
        "extends: eu-horizon\nname: one-page\npage_limit: 1\n"
        "fit_order: [talks, publications, awards]\n",
        encoding="utf-8",
    )
    return tmp_path


def invoke(*args: str):
    return CliRunner().invoke(main, [*args, "--data", str(example_cv()), "--as-of", "2026-11-21"])


def test_pdf_writes_documents_and_pdfs(workdir: Path) -> None:
    result = invoke("--profile", "eu-horizon", "--pdf")
    assert result.exit_code == 0, result.output
    assert "wrote output/sebastian-lapuschkin-eu-horizon-cv.docx (2 pages)" in result.stdout
    pdf = workdir / "output" / "sebastian-lapuschkin-eu-horizon-cv.pdf"
    assert page_count(pdf) == 2


def test_over_the_limit_exits_1_naming_pages_and_longest_sections(workdir: Path) -> None:
    result = invoke("--profile", "one-page", "--check-pages")
    assert result.exit_code == 1
    assert "sebastian-lapuschkin-eu-horizon-cv.docx: 2 pages, limit 1." in result.stderr
    assert "Longest sections: Publications" in result.stderr
    assert not (workdir / "output").exists()


def test_fit_drops_lowest_ranked_entries_in_fit_order(workdir: Path) -> None:
    result = invoke("--profile", "one-page", "--check-pages", "--fit", "--explain")
    assert result.exit_code == 0, result.output
    assert "(1 page)" in result.stdout
    report = (workdir / "output" / "one-page.selection.md").read_text(encoding="utf-8")
    dropped = [line for line in report.splitlines() if line.endswith("fit (page limit 1)")]
    assert dropped
    talks = report.split("## talks")[1]
    assert talks.count("fit (page limit 1)") == 5  # the first section in fit_order is emptied
    assert not (workdir / "output" / "sebastian-lapuschkin-eu-horizon-cv.pdf").exists()


def test_fit_shortens_documents_not_workbooks(workdir: Path) -> None:
    (workdir / "profiles" / "with-book.yaml").write_text(
        "extends: one-page\nname: with-book\nworkbooks:\n"
        '  - output: "{person}-talks.xlsx"\n'
        "    sheets: [{name: Talks, section: talks, columns: {Title: title, Own: extra.none}}]\n",
        encoding="utf-8",
    )
    whole = invoke("--profile", "with-book", "--out", "whole")
    fitted = invoke("--profile", "with-book", "--check-pages", "--fit", "--out", "fitted")
    assert fitted.exit_code == 0, fitted.output
    assert "(1 page)" in fitted.stdout
    rows = {}
    for folder in ("whole", "fitted"):
        (book,) = (workdir / folder).glob("*-talks.xlsx")
        rows[folder] = [row for row in load_workbook(book).active.iter_rows(values_only=True)]
    assert len(rows["whole"]) > 2 and rows["fitted"] == rows["whole"]  # every talk stays
    warning = "the column 'Own' is empty in every row"
    assert whole.stderr.count(warning) == fitted.stderr.count(warning) == 1


CSV_UTF8 = "csv:Text - txt - csv (StarCalc):44,34,76,1"


def test_libreoffice_reads_the_workbooks(tmp_path: Path) -> None:
    requests = [
        BuildRequest(
            profile=name,
            data=example_cv(),
            as_of=date(2026, 11, 21),
            out_dir=tmp_path,
            cwd=tmp_path,
            period="2024",
        )
        for name in ("admin-projects", "annual-report")
    ]
    workbooks = [
        path for request in requests for path in build(request).written if path.suffix == ".xlsx"
    ]
    assert len(workbooks) == 2
    csvs = to_pdf(workbooks, tmp_path / "csv", target=CSV_UTF8)
    projects = csvs[0].read_text(encoding="utf-8")
    assert '"Acronym","Title","Funder"' in projects
    # Dates come out as the cells show them: real dates formatted YYYY-MM.
    assert (
        '"DAKI-FWS","Data- and AI-supported Early Warning System",,,,2021-12,2024-11,36,'
        in projects
    )
    summary = csvs[1].read_text(encoding="utf-8")  # the first sheet: the summary
    assert summary.splitlines()[0] == '"Section","Entries"'
    pdf = to_pdf([workbooks[1]], tmp_path / "pdf")[0]
    assert page_count(pdf) >= 2  # every sheet, the chart included, is printable


def test_pdfs_are_byte_identical_with_source_date_epoch(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert invoke("--profile", "eu-horizon", "--pdf").exit_code == 0
    name = "sebastian-lapuschkin-eu-horizon-cv.pdf"
    first = (workdir / "output" / name).read_bytes()
    assert invoke("--profile", "eu-horizon", "--pdf", "--out", "again").exit_code == 0
    again = (workdir / "again" / name).read_bytes()
    assert again == first
    assert b"/CreationDate(D:20231114221320" in first  # the epoch, in UTC
    assert page_count(workdir / "again" / name) == 2  # still a readable PDF


def test_pdfs_are_byte_identical_without_source_date_epoch(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    name = "sebastian-lapuschkin-eu-horizon-cv.pdf"
    assert invoke("--profile", "eu-horizon", "--pdf").exit_code == 0
    assert invoke("--profile", "eu-horizon", "--pdf", "--out", "again").exit_code == 0
    first = (workdir / "output" / name).read_bytes()
    assert (workdir / "again" / name).read_bytes() == first
    assert b"/CreationDate(D:20261121000000" in first  # midnight of --as-of, as the .docx
