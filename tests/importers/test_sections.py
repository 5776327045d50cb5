"""Whole CVs from JSON Resume and RenderCV: a new CV file that validates and renders every
bundled profile, or what is new for an existing CV."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from assembler.build import BuildRequest, build
from assembler.cli.main import main
from assembler.cv.load import load_cv
from tests.importers import corpus

PROFILES = ("eu-horizon", "full-cv", "erc", "dfg", "dfg-en", "msca", "eu-horizon-part-a")
MIGRATIONS = [
    ("jsonresume", "jsonresume/resume.json"),
    ("jsonresume", "jsonresume/resume-minimal.json"),
    ("rendercv", "rendercv/Ada_Lovelace-Example_CV.yaml"),
    ("rendercv", "rendercv/ada-short_cv.yaml"),
]


def migrate(fmt: str, file: str, into: Path, *extra: str):
    return CliRunner().invoke(
        main, ["import", fmt, str(corpus.path(file)), "--into", str(into), *extra]
    )


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("migrated")
    paths = {}
    for fmt, file in MIGRATIONS:
        target = folder / file.replace("/", "-").replace(".json", ".yaml")
        result = migrate(fmt, file, target)
        assert result.exit_code == 0, result.output
        assert "(new CV file)" in result.stdout
        paths[file] = target
    return paths


@pytest.mark.parametrize(("fmt", "file"), MIGRATIONS)
def test_a_migrated_cv_validates(migrated: dict[str, Path], fmt: str, file: str) -> None:
    cv = load_cv(migrated[file]).cv
    assert cv.person.name == "Ada Lovelace-Example"
    assert cv.positions and cv.education and cv.publications


CASES = [(file, profile) for _, file in MIGRATIONS for profile in PROFILES]


@pytest.mark.parametrize(("file", "profile"), CASES)
def test_a_migrated_cv_renders_every_bundled_profile(
    migrated: dict[str, Path], tmp_path: Path, profile: str, file: str
) -> None:
    result = build(
        BuildRequest(
            profile=profile,
            data=migrated[file],
            as_of=date(2025, 6, 30),
            out_dir=tmp_path / "out",
            cwd=tmp_path,
        )
    )
    text = ""
    for path in (p for p in result.written if p.suffix == ".docx"):  # ERC writes several
        document = docx.Document(str(path))
        text += "\n".join(p.text for p in document.paragraphs)
        text += "\n".join(
            cell.text for table in document.tables for row in table.rows for cell in row.cells
        )
    assert "Lovelace-Example" in text
    assert any(fact in text for fact in ("Heidelberg University", "Edinburgh", "Sparse α-div"))


def test_migrating_twice_changes_nothing(migrated: dict[str, Path]) -> None:
    target = migrated["jsonresume/resume.json"]
    before = target.read_bytes()
    result = migrate("jsonresume", "jsonresume/resume.json", target)
    assert result.exit_code == 0, result.output
    assert ": 0 changed:" in result.stdout and "(nothing to change)" in result.stdout
    assert target.read_bytes() == before


def test_migrating_into_an_existing_cv_adds_only_what_is_new(tmp_path: Path) -> None:
    target = tmp_path / "cv.yaml"
    original = (
        "# my own CV\n"
        "person:\n"
        "    name: Ada Lovelace-Example\n"
        "    email: ada@old.example.org\n"
        "positions:\n"
        "    -   organization: ETH Zürich\n"
        "        role: Postdoctoral Researcher\n"
        "        start: 2017-12-01\n"
        "        end: 2021-03-31\n"
    )
    target.write_text(original, encoding="utf-8")
    result = migrate("jsonresume", "jsonresume/resume.json", target)
    assert result.exit_code == 0, result.output
    text = target.read_text("utf-8")
    # Empty person fields are filled where the schema puts them; the e-mail is kept.
    assert text.startswith(
        "# my own CV\nperson:\n    name: Ada Lovelace-Example\n"
        "    orcid: 0000-0003-1415-9269\n    email: ada@old.example.org\n    phone: "
    )
    assert "ada@old.example.org" in text and "ada.lovelace-example@example.org" not in text
    cv = load_cv(target).cv
    assert [p.organization for p in cv.positions].count("ETH Zürich") == 1  # not twice
    assert len(cv.positions) == 4 and cv.person.orcid == "0000-0003-1415-9269"
    assert "~ update person: orcid, phone, address, links, bio" in result.stdout
    assert "    -   id: " in text  # new entries in the file's own 4-space style


def test_a_publication_format_does_not_create_a_cv(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "import",
            "bibtex",
            str(corpus.path("bibtex/damaged.bib")),
            "--into",
            str(tmp_path / "x.yaml"),
        ],
    )
    assert result.exit_code == 1
    assert "x.yaml: error: file not found" in result.stderr
    assert "assemble import jsonresume" in result.stderr


def test_a_dry_run_migration_makes_no_file(tmp_path: Path) -> None:
    target = tmp_path / "cv.yaml"
    result = migrate("rendercv", "rendercv/ada-short_cv.yaml", target, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "(a new CV file would be made) (dry run: nothing was changed)" in result.stdout
    assert not target.exists()
