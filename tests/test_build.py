"""`assemble --profile ...` end to end through the CLI: outputs, errors, determinism."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from assembler.cli.main import main
from tests.helpers import ROOT

CV = """\
person: {name: Ada Example, name_variants: [Example A], email: ada@example.org}
bio: "Ada leads R&D on p < 0.05 effects. {{ 7*7 }} is not evaluated."
positions:
  - {id: head, role: Head of group, organization: "Lab & Co", start: 2021}
  - {id: postdoc, role: Postdoc, organization: Uni, start: 2012, end: 2014}
projects:
  - {id: p1, acronym: P1, title: Project one, start: 2023-01, end: 2026-12, role: lead}
  - {id: p3, acronym: P3, title: Project three, start: 2023-01, role: participant}
publications:
  - {id: j1, type: journal, title: "A {{ 7*7 }} title", year: 2024,
     authors: [One A, Two B, Three C, Four D, Five E, Six F, Example A, Eight H]}
  - {id: pre, type: preprint, title: Preprint, year: 2025, authors: [Example A]}
"""


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cv.yaml").write_text(CV, encoding="utf-8")
    return tmp_path


def invoke(*args: str):
    return CliRunner().invoke(main, [*args, "--as-of", "2026-11-21"])


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_eu_horizon_on_a_small_cv(workdir: Path) -> None:
    result = invoke("--profile", "eu-horizon")
    assert result.exit_code == 0, result.output
    output = workdir / "output" / "ada-example-eu-horizon-cv.docx"
    assert result.stdout.strip() == "wrote output/ada-example-eu-horizon-cv.docx"
    text = paragraphs(output)
    assert text[:2] == ["Ada Example", "ada@example.org"]
    assert "Ada leads R&D on p < 0.05 effects. {{ 7*7 }} is not evaluated." in text
    assert "2021 – present\tHead of group, Lab & Co" in text
    assert not any("Postdoc" in line for line in text)  # older than ten years
    assert not any("Project three" in line for line in text)  # not a leading role
    assert "Education" not in text  # no heading over an empty section
    citation = next(line for line in text if "A {{ 7*7 }} title" in line)
    assert citation.startswith(
        "1.\tOne A, Two B, Three C, Four D, Five E … Example A et al. (2024)"
    )


def test_same_inputs_give_identical_bytes(workdir: Path) -> None:
    assert invoke("--profile", "eu-horizon").exit_code == 0
    first = (workdir / "output" / "ada-example-eu-horizon-cv.docx").read_bytes()
    assert invoke("--profile", "eu-horizon", "--out", "again").exit_code == 0
    assert (workdir / "again" / "ada-example-eu-horizon-cv.docx").read_bytes() == first


def test_explain_prints_and_writes_the_selection_report(workdir: Path) -> None:
    result = invoke("--profile", "eu-horizon", "--explain")
    assert result.exit_code == 0
    report = (workdir / "output" / "eu-horizon.selection.md").read_text(encoding="utf-8")
    assert report in result.stdout
    assert "## projects: 1 of 2 kept" in report
    assert "- p3: where role" in report
    assert "- postdoc: since" in report
    assert "- pre: where type" in report


def test_bad_data_exits_1_and_writes_nothing(workdir: Path) -> None:
    (workdir / "cv.yaml").write_text(CV.replace("start: 2021}", "start: 2021-13}"), "utf-8")
    result = invoke("--profile", "eu-horizon")
    assert result.exit_code == 1
    assert "cv.yaml:4:" in result.stderr and "month 13 does not exist" in result.stderr
    assert "Traceback" not in result.output
    assert not (workdir / "output").exists()


def test_bad_profile_exits_1_and_keeps_the_previous_document(workdir: Path) -> None:
    assert invoke("--profile", "eu-horizon").exit_code == 0
    output = workdir / "output" / "ada-example-eu-horizon-cv.docx"
    before = output.read_bytes()
    profiles = workdir / "profiles"
    profiles.mkdir()
    (profiles / "eu-horizon.yaml").write_text(
        "documents:\n  - {template: eu-horizon-cv.docx, output: '{person}-eu-horizon-cv.docx'}\n"
        "sections:\n  publications: {pin: [nope]}\n",
        "utf-8",
    )
    result = invoke("--profile", "eu-horizon")
    assert result.exit_code == 1
    assert "pin names 'nope'" in result.stderr
    assert output.read_bytes() == before
    assert sorted(p.name for p in output.parent.iterdir()) == [output.name]


def test_bad_template_exits_1_naming_the_template(workdir: Path) -> None:
    templates = workdir / "templates"
    templates.mkdir()
    document = docx.Document()
    document.add_paragraph("Hello {{ persn.name }}")
    document.save(templates / "mine.docx")
    profiles = workdir / "profiles"
    profiles.mkdir()
    (profiles / "mine.yaml").write_text(
        "documents:\n  - {template: mine.docx, output: out.docx}\nsections: {}\n", "utf-8"
    )
    result = invoke("--profile", "mine")
    assert result.exit_code == 1
    assert "mine.docx: error: the template uses 'persn'" in result.stderr
    assert "near: 'Hello {{ persn.name }}'" in result.stderr
    assert not (workdir / "output").exists()


def test_missing_template_and_unknown_profile(workdir: Path) -> None:
    profiles = workdir / "profiles"
    profiles.mkdir()
    (profiles / "mine.yaml").write_text(
        "documents:\n  - {template: nowhere.docx, output: out.docx}\nsections: {}\n", "utf-8"
    )
    result = invoke("--profile", "mine")
    assert result.exit_code == 1
    assert (
        "mine.yaml:2: error: documents[0].template: template 'nowhere.docx' not found"
        in result.stderr
    )
    unknown = invoke("--profile", "nope")
    assert unknown.exit_code == 1
    assert "no profile named 'nope'" in unknown.stderr


def test_usage_errors_exit_2(workdir: Path) -> None:
    result = CliRunner().invoke(main, ["--profile", "eu-horizon", "--as-of", "yesterday"])
    assert result.exit_code == 2
    assert "'yesterday' is not a date" in result.stderr


def test_output_names_stay_inside_the_output_folder(workdir: Path) -> None:
    profiles = workdir / "profiles"
    profiles.mkdir()
    (profiles / "evil.yaml").write_text(
        "documents:\n  - {template: eu-horizon-cv.docx, output: '../../{person}.docx'}\n"
        "sections: {}\n",
        "utf-8",
    )
    result = invoke("--profile", "evil")
    assert result.exit_code == 0, result.output
    assert (workdir / "output" / "ada-example.docx").exists()


def test_pdf_without_libreoffice_fails_before_writing(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(workdir))  # no soffice to be found
    result = invoke("--profile", "eu-horizon", "--pdf")
    assert result.exit_code == 1
    assert "--pdf needs LibreOffice, which is not installed" in result.stderr
    assert "apt-get install libreoffice-writer-nogui" in result.stderr
    assert not (workdir / "output").exists()


def test_lang_de_switches_headings_and_dates(workdir: Path) -> None:
    result = invoke("--profile", "eu-horizon", "--lang", "de")
    assert result.exit_code == 0, result.output
    text = paragraphs(workdir / "output" / "ada-example-eu-horizon-cv.docx")
    assert "Beruflicher Werdegang" in text
    assert "seit 2021\tHead of group, Lab & Co" in text
    assert "Forschungsprojekte" in text


def test_several_profiles_in_one_run(workdir: Path) -> None:
    result = invoke("--profile", "eu-horizon", "--profile", "dfg")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (workdir / "output").iterdir()) == [
        "ada-example-dfg-lebenslauf.docx",
        "ada-example-eu-horizon-cv.docx",
    ]


def test_one_bad_profile_among_several_writes_nothing(workdir: Path) -> None:
    result = invoke("--profile", "eu-horizon", "--profile", "nope")
    assert result.exit_code == 1
    assert not (workdir / "output").exists()


def test_every_broken_person_file_of_a_group_is_reported(workdir: Path) -> None:
    team = workdir / "team"
    team.mkdir()
    (team / "a.yaml").write_text(CV, "utf-8")
    (team / "b.yaml").write_text("person: {name: Bea}\nawards: [{year: 2020}]\n", "utf-8")
    (team / "c.yaml").write_text("person: {name: Cy}\npositions: [unclosed\n", "utf-8")
    result = invoke("--profile", "eu-horizon", "--data", "team")
    assert result.exit_code == 1
    assert "team/b.yaml:2:" in result.stderr and "team/c.yaml:3:" in result.stderr
    assert "in 2 of 3 person files." in result.stderr
    assert not (workdir / "output").exists()


def write_profile(workdir: Path, name: str, documents: list[str]) -> None:
    profiles = workdir / "profiles"
    profiles.mkdir(exist_ok=True)
    lines = "".join(
        f"  - {{template: eu-horizon-cv.docx, output: '{output}'}}\n" for output in documents
    )
    (profiles / f"{name}.yaml").write_text(f"documents:\n{lines}sections: {{}}\n", "utf-8")


def test_an_output_never_replaces_the_cv(workdir: Path) -> None:
    before = (workdir / "cv.yaml").read_bytes()
    write_profile(workdir, "clobber", ["ok.docx", "cv.yaml"])
    result = invoke("--profile", "clobber", "--out", ".")
    assert result.exit_code == 1
    assert (
        "profiles/clobber.yaml:3: error: documents[1].output 'cv.yaml' would overwrite the CV "
        "file cv.yaml, which this run reads" in result.stderr
    )
    assert (workdir / "cv.yaml").read_bytes() == before
    assert not (workdir / "ok.docx").exists()


def test_an_output_never_replaces_the_template_or_profile_in_use(workdir: Path) -> None:
    templates = workdir / "templates"
    templates.mkdir()
    (templates / "mine.docx").write_bytes((ROOT / "templates" / "eu-horizon-cv.docx").read_bytes())
    before = (templates / "mine.docx").read_bytes()
    profiles = workdir / "profiles"
    profiles.mkdir()
    (profiles / "mine.yaml").write_text(
        "documents:\n  - {template: mine.docx, output: mine.docx}\nsections: {}\n", "utf-8"
    )
    result = invoke("--profile", "mine", "--out", "templates")
    assert result.exit_code == 1
    assert "would overwrite the template templates/mine.docx" in result.stderr
    assert (templates / "mine.docx").read_bytes() == before
    (profiles / "own.yaml").write_text(
        "documents:\n  - {template: mine.docx, output: own.yaml}\nsections: {}\n", "utf-8"
    )
    result = invoke("--profile", "own", "--out", "profiles")
    assert result.exit_code == 1
    assert "would overwrite the profile profiles/own.yaml" in result.stderr


@pytest.mark.parametrize(
    ("first", "second", "name"),
    [
        ("same.docx", "same.docx", "same.docx"),
        ("a?.docx", "a*.docx", "a-.docx"),
        ("Report.docx", "report.docx", "report.docx"),
    ],
)
def test_two_outputs_with_one_name_are_refused(
    workdir: Path, first: str, second: str, name: str
) -> None:
    write_profile(workdir, "twice", [first, second])
    result = invoke("--profile", "twice")
    assert result.exit_code == 1
    assert (
        f"profiles/twice.yaml:3: error: documents[1].output {second!r} and documents[0].output "
        f"{first!r} both give the file {name}" in result.stderr
    )
    assert not (workdir / "output").exists()


def test_two_profiles_with_one_output_name_are_refused(workdir: Path) -> None:
    write_profile(workdir, "one", ["cv.docx"])
    write_profile(workdir, "two", ["cv.docx"])
    result = invoke("--profile", "one", "--profile", "two")
    assert result.exit_code == 1
    assert "profiles/two.yaml:2: error: documents[0].output 'cv.docx' and" in result.stderr
    assert not (workdir / "output").exists()
