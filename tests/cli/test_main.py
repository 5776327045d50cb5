"""The command line: exit codes, messages on stderr, summaries on stdout."""

from __future__ import annotations

import gc
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from assembler.cli.main import main
from tests.helpers import ROOT, TESTDATA

TESTDATA = TESTDATA
GOOD = (
    "person: {name: Ada Example, name_variants: [Example A]}\npublications:\n"
    "  - {id: p, title: T, year: 2021, authors: [Example A], type: journal}\n"
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_check_valid_file(runner: CliRunner, tmp_path: Path) -> None:
    cv = tmp_path / "cv.yaml"
    cv.write_text(GOOD, encoding="utf-8")
    result = runner.invoke(main, ["check", "--data", str(cv)])
    assert result.exit_code == 0, result.output
    assert re.search(r"^  publications +1$", result.stdout, re.MULTILINE)
    assert result.stdout.strip().endswith("0 errors, 0 warnings.")


def test_check_errors_exit_1_without_traceback(runner: CliRunner) -> None:
    result = runner.invoke(main, ["check", "--data", str(TESTDATA / "five_mistakes.yaml")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "five_mistakes.yaml:3:3: error: person.emial: unknown key 'emial'" in result.stderr
    assert result.stderr.strip().endswith(
        "5 errors in " + str(TESTDATA / "five_mistakes.yaml") + "."
    )


def test_check_warnings_and_strict(runner: CliRunner, tmp_path: Path) -> None:
    cv = tmp_path / "cv.yaml"
    cv.write_text(GOOD + "talks:\n  - {title: Undated}\n", encoding="utf-8")
    relaxed = runner.invoke(main, ["check", "--data", str(cv)])
    assert relaxed.exit_code == 0
    assert "warning: talks[0]" in relaxed.stdout
    assert "talk-undated" in relaxed.stdout  # the derived id is printed
    strict = runner.invoke(main, ["check", "--data", str(cv), "--strict"])
    assert strict.exit_code == 1
    assert "--strict: 1 warning count as errors" in strict.stderr


def test_check_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["check", "--data", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 1
    assert "nope.yaml: error: file not found" in result.stderr


def test_check_defaults_to_bundled_example(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["check"])
    assert "using the bundled example" in result.stderr
    assert result.exit_code == 0, result.output


def test_check_prefers_local_cv(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cv.yaml").write_text(GOOD, encoding="utf-8")
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 0
    assert result.stdout.startswith("cv.yaml: Ada Example")
    assert "bundled" not in result.stderr


def test_usage_error_exits_2(runner: CliRunner) -> None:
    assert runner.invoke(main, ["check", "--nope"]).exit_code == 2


def test_schema_is_json_schema_of_the_data_file(runner: CliRunner) -> None:
    result = runner.invoke(main, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["required"] == ["person"]
    publication = schema["$defs"]["Publication"]
    assert publication["additionalProperties"] is False
    assert {"title", "authors", "doi", "significance"} <= set(publication["properties"])


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"assemble {name}" in readme, f"`assemble {name}` is missing from README.md"


def test_raw_control_characters_are_reported_by_build_and_check(
    runner: CliRunner, tmp_path: Path
) -> None:
    cv = tmp_path / "cv.yaml"
    cv.write_bytes(GOOD.replace("title: T", "title: 'T\x0cwo\x00'").encode("utf-8"))
    warning = f"{cv}:3:"
    checked = runner.invoke(main, ["check", "--data", str(cv)])
    assert checked.exit_code == 0, checked.output
    assert warning in checked.stdout and "control characters" in checked.stdout
    built = runner.invoke(
        main, ["-p", "full-cv", "--data", str(cv), "--out", str(tmp_path / "out")]
    )
    assert built.exit_code == 0, built.output
    assert warning in built.stderr and "control characters" in built.stderr
    example = str(ROOT / "examples" / "cv.yaml")
    arguments = ["-p", "full-cv", "--data", str(cv), "--data", example]
    grouped = runner.invoke(main, [*arguments, "--out", str(tmp_path / "group")])
    assert grouped.exit_code == 0, grouped.output
    assert warning in grouped.stderr


def test_commands_leave_the_garbage_collector_as_they_found_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    # Imports run with the collector paused; a library caller gets it back, also on errors.
    cv = tmp_path / "cv.yaml"
    cv.write_text(GOOD, encoding="utf-8")
    assert runner.invoke(main, ["check", "--data", str(cv)]).exit_code == 0
    assert gc.isenabled()
    out = ["--out", str(tmp_path / "out")]
    assert runner.invoke(main, ["-p", "eu-horizon", "--data", str(cv), *out]).exit_code == 0
    assert gc.isenabled()
    assert runner.invoke(main, ["-p", "nonesuch", "--data", str(cv), *out]).exit_code == 1
    assert gc.isenabled()
