"""Model validators kept between runs: found again, the same errors, damage and strangers
refused, never an error."""

from __future__ import annotations

import hashlib
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic_core import SchemaValidator, ValidationError

from assembler.cv.dates import PartialDate
from assembler.cv.model import Model, Text
from assembler.source import compiled
from assembler.source.compiled import MAGIC, load, prepare, store
from assembler.source.coreschema import record_schema
from tests.helpers import ROOT, TESTDATA


class Kept(Model):
    """A model of this module: its entries are allowed to name it."""

    title: Text
    year: PartialDate | None = None


class Other(Model):
    count: int = 0


def _built(model: type[Model]) -> SchemaValidator:
    return SchemaValidator(record_schema(model))


@pytest.fixture(autouse=True)
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ASSEMBLE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "schemas"


def _errors(validator: object, data: object) -> list[tuple[object, str]]:
    with pytest.raises(ValidationError) as raised:
        validator.validate_python(data)  # type: ignore[attr-defined]
    return [(error["loc"], error["msg"]) for error in raised.value.errors()]


def test_a_kept_validator_validates_like_the_built_one(folder: Path) -> None:
    built = _built(Kept)
    store(Kept, built)
    (entry,) = folder.glob("*.bin")
    assert entry.name.startswith("tests.source.test_compiled.Kept-")
    kept = load(Kept)
    assert kept is not None and kept is not built
    good = {"title": "  Semantic Lens ", "year": "2025-03"}
    assert kept.validate_python(good) == built.validate_python(good)
    bad = {"title": "", "year": "2025-13", "typo": 1}
    assert _errors(kept, bad) == _errors(built, bad)


def test_a_changed_source_never_reads_an_old_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    store(Kept, _built(Kept))
    assert load(Kept) is not None
    monkeypatch.setattr(compiled, "_sources_key", "the model's module was edited")
    assert load(Kept) is None


def test_a_damaged_entry_is_ignored_and_rewritten(folder: Path) -> None:
    store(Kept, _built(Kept))
    (entry,) = folder.glob("*.bin")
    data = bytearray(entry.read_bytes())
    data[-5] ^= 0xFF
    entry.write_bytes(bytes(data))
    assert load(Kept) is None
    store(Kept, _built(Kept))
    assert load(Kept) is not None
    assert len(list(folder.glob("*.bin"))) == 1  # one entry per model


class _Stranger:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("echo should-never-run",))


class _Dunder:
    def __reduce__(self) -> tuple[object, tuple[object, str]]:
        return (getattr, (_built, "__globals__"))  # a way out to everything else


@pytest.mark.parametrize(
    "payload",
    [
        pickle.dumps((_Stranger(),)),  # a function of another module
        pickle.dumps((_Dunder(),)),  # dunder attributes
        b"not a pickle at all",
    ],
)
def test_an_entry_that_names_anything_else_is_refused(
    folder: Path, payload: bytes, capfd: pytest.CaptureFixture[str]
) -> None:
    store(Kept, _built(Kept))
    (entry,) = folder.glob("*.bin")
    entry.write_bytes(MAGIC + hashlib.sha256(payload).digest() + payload)
    assert load(Kept) is None
    assert "should-never-run" not in capfd.readouterr().out


def test_no_cache_folder_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("ASSEMBLE_CACHE_DIR", str(blocker))
    assert prepare(Other) == "built"
    assert Other(count=3).count == 3
    assert prepare(Other) == "ready"


def test_a_second_run_takes_the_cv_validator_from_the_cache(tmp_path: Path) -> None:
    env = {**os.environ, "ASSEMBLE_CACHE_DIR": str(tmp_path / "cache")}
    prepared = (
        "from assembler.cv.model import CV\n"
        "from assembler.source.compiled import prepare\n"
        "print(prepare(CV))\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", prepared], env=env, cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        for _ in range(2)
    ]
    assert runs == ["built", "cached"]
    check = [
        sys.executable,
        "-m",
        "assembler",
        "check",
        "--data",
        str(TESTDATA / "five_mistakes.yaml"),
    ]
    first, second = (
        subprocess.run(check, env=env, cwd=ROOT, capture_output=True, text=True) for _ in range(2)
    )
    assert first.returncode == second.returncode == 1
    assert first.stderr == second.stderr and "5 errors" in second.stderr
