"""`python -m assembler` against a corpus of hostile and broken inputs, as a user runs it.

Each case runs the real entry point in its own process, so a crash of the interpreter (a
segmentation fault in a C extension, a signal) shows as a negative exit code instead of
taking the test run down. Every bad input must give exit code 1, a message naming the file,
no traceback, and no output written; the few inputs that are only odd must succeed.

The small inputs are in tests/testdata/hostile (see its README); the big ones (nesting bombs,
an oversized file) and the damaged packages are made here, so none is committed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import ROOT, TESTDATA, hostile_workbooks

HOSTILE = TESTDATA / "hostile"
GOOD_CV = (
    "person: {name: Ada Example, name_variants: [Example A]}\n"
    "projects:\n  - {id: p1, acronym: P1, title: One, start: 2023-01, role: lead}\n"
    "publications:\n  - {id: j1, type: journal, title: T, year: 2024, authors: [Example A]}\n"
)


def run(workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "assembler", *args, "--as-of", "2026-11-21"]
        if args[0] != "check"
        else [sys.executable, "-m", "assembler", *args],
        cwd=workdir,
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


def assert_refused(done: subprocess.CompletedProcess[str], names: str, workdir: Path) -> None:
    assert done.returncode == 1, (done.returncode, done.stderr[-2000:])
    assert "Traceback" not in done.stderr
    assert names in done.stderr, done.stderr[-2000:]
    assert not (workdir / "output").exists()


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "cv.yaml").write_text(GOOD_CV, encoding="utf-8")
    return tmp_path


# -- bad data files: each is refused by a build and by `check` ---------------------------------


def deep_flow(folder: Path) -> Path:
    """50,000 nested brackets in 100 KB: crashed the interpreter (C stack overflow)."""
    path = folder / "deep-flow.yaml"
    path.write_text("person: {name: A}\nx: " + "[" * 50_000 + "]" * 50_000 + "\n", "utf-8")
    return path


def deep_blocks(folder: Path) -> Path:
    """Indentation 500 levels deep: RecursionError."""
    lines = "".join(f"{' ' * level}k{level}:\n" for level in range(1, 501))
    path = folder / "deep-blocks.yaml"
    path.write_text(f"person: {{name: A}}\nx:\n{lines}", "utf-8")
    return path


def oversized(folder: Path) -> Path:
    path = folder / "oversized.yaml"
    path.write_bytes(b"person: {name: A}\nbio: '" + b"a" * (6 * 1024 * 1024) + b"'\n")
    return path


def fifo(folder: Path) -> Path:
    """A named pipe: reading it would wait forever."""
    path = folder / "pipe.yaml"
    os.mkfifo(path)
    return path


def dev_zero(folder: Path) -> Path:
    """Endless: read whole, it ended in MemoryError."""
    return Path("/dev/zero")


def empty_folder(folder: Path) -> Path:
    path = folder / "team"
    path.mkdir()
    (path / "notes.txt").write_text("no person files here", "utf-8")
    return path


def committed(name: str) -> Callable[[Path], Path]:
    def find(folder: Path) -> Path:
        return HOSTILE / name

    find.__name__ = name
    return find


BAD_DATA: list[tuple[Callable[[Path], Path], str]] = [
    (deep_flow, "nested more than 100 levels deep"),
    (deep_blocks, "nested more than 100 levels deep"),
    (oversized, "the file is larger than 5 MB"),
    (fifo, "is not a regular file"),
    (dev_zero, "is not a regular file"),
    (empty_folder, "the folder holds no .yaml person files"),
    (committed("laughs.yaml"), "aliases expand to too many values"),
    (committed("duplicate-keys.yaml"), "duplicate key 'name' (lines 2 and 3)"),
    (committed("python-tag.yaml"), "the YAML tag 'tag:yaml.org,2002:python/object/apply"),
    (committed("invalid-utf8.yaml"), "the file is not UTF-8 text"),
    (committed("garbage.yaml"), "error"),
    (committed("budget-1e400.yaml"), "is larger than any real value here"),
    (committed("not-a-mapping.yaml"), "error"),
    (committed("syntax-error.yaml"), "YAML syntax error"),
]


@pytest.mark.parametrize(
    ("make", "message"), BAD_DATA, ids=lambda case: getattr(case, "__name__", "")
)
def test_bad_data_is_refused_with_a_located_message(
    workdir: Path, make: Callable[[Path], Path], message: str
) -> None:
    data = make(workdir)
    built = run(workdir, "--profile", "eu-horizon", "--data", str(data))
    assert_refused(built, str(data), workdir)
    assert message in built.stderr
    assert_refused(run(workdir, "check", "--data", str(data)), str(data), workdir)


def test_raw_control_characters_are_cleaned_with_a_warning(workdir: Path) -> None:
    data = HOSTILE / "control-characters.yaml"
    done = run(workdir, "--profile", "eu-horizon", "--data", str(data))
    assert done.returncode == 0, done.stderr
    assert f"{data}:5:" in done.stderr and "control characters" in done.stderr
    checked = run(workdir, "check", "--data", str(data))
    assert checked.returncode == 0
    assert f"{data}:5:" in checked.stdout


# -- bad templates, profiles and output names --------------------------------------------------


def workbook_profile(workdir: Path, template: str) -> None:
    (workdir / "profiles").mkdir(exist_ok=True)
    (workdir / "profiles" / "book.yaml").write_text(
        f"workbooks:\n  - output: out.xlsx\n    template: {template}\n    sheets:\n"
        "      - {name: P, section: projects, columns: {A: acronym}}\nsections:\n  projects: all\n",
        "utf-8",
    )


@pytest.mark.parametrize(
    "name", ["xxe", "laughs", "truncated", "no-workbook-part", "no-content-types", "not-a-zip"]
)
def test_hostile_workbook_templates_are_refused(workdir: Path, name: str) -> None:
    (workdir / "templates").mkdir()
    hostile_workbooks(workdir / "templates")
    workbook_profile(workdir, f"{name}.xlsx")
    assert_refused(run(workdir, "--profile", "book"), f"{name}.xlsx", workdir)


def test_a_word_template_that_is_no_zip_is_refused(workdir: Path) -> None:
    (workdir / "templates").mkdir()
    (workdir / "templates" / "broken.docx").write_bytes(b"this is not a Word file")
    (workdir / "profiles").mkdir()
    (workdir / "profiles" / "doc.yaml").write_text(
        "documents:\n  - {template: broken.docx, output: out.docx}\nsections: {}\n", "utf-8"
    )
    assert_refused(run(workdir, "--profile", "doc"), "broken.docx", workdir)


def test_a_deeply_nested_profile_is_refused(workdir: Path) -> None:
    (workdir / "profiles").mkdir()
    profile = workdir / "profiles" / "deep.yaml"
    profile.write_text("sections: " + "{a: " * 20_000 + "}" * 20_000 + "\n", "utf-8")
    assert_refused(run(workdir, "--profile", "deep"), "deep.yaml", workdir)


def test_an_output_that_would_replace_the_cv_is_refused(workdir: Path) -> None:
    (workdir / "profiles").mkdir()
    (workdir / "profiles" / "clobber.yaml").write_text(
        "documents:\n  - {template: eu-horizon-cv.docx, output: cv.yaml}\nsections: {}\n", "utf-8"
    )
    before = (workdir / "cv.yaml").read_bytes()
    done = run(workdir, "--profile", "clobber", "--out", ".")
    assert_refused(done, "clobber.yaml:2", workdir)
    assert "would overwrite the CV file cv.yaml" in done.stderr
    assert (workdir / "cv.yaml").read_bytes() == before
    assert sorted(path.name for path in workdir.iterdir()) == ["cv.yaml", "profiles"]


def test_the_good_cv_builds(workdir: Path) -> None:
    """The corpus's control: the same set-up with a good CV succeeds."""
    done = run(workdir, "--profile", "eu-horizon")
    assert done.returncode == 0, done.stderr
    assert (workdir / "output" / "ada-example-eu-horizon-cv.docx").is_file()
