"""The cache of compiled templates: where it lives, content keys, damage and failure ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from assembler.render.word import cache as template_cache
from assembler.render.word.cache import cache_dir, forget, load, store, template_key


@pytest.fixture(autouse=True)
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ASSEMBLE_CACHE_DIR", str(folder))
    forget()
    yield folder / "templates"
    forget()


def test_the_folder_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cache_dir() == tmp_path / "cache" / "templates"
    monkeypatch.delenv("ASSEMBLE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "assemble" / "templates"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "assemble" / "templates"


def test_an_entry_is_found_again_after_the_process_forgot_it(fresh: Path) -> None:
    key = template_key(b"template bytes")
    store(Path("a.docx"), key, ("payload", 1))
    forget()
    assert load(Path("a.docx"), key) == ("payload", 1)
    assert len(list(fresh.glob("*.bin"))) == 1


def test_the_key_changes_with_the_bytes_and_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    first = template_key(b"one")
    assert template_key(b"one") == first
    assert template_key(b"two") != first
    monkeypatch.setattr(template_cache, "_engine_key", "another engine")
    assert template_key(b"one") != first


def test_a_damaged_entry_is_ignored(fresh: Path) -> None:
    key = template_key(b"x")
    store(Path("a.docx"), key, ("payload",))
    forget()
    (entry,) = fresh.glob("*.bin")
    data = bytearray(entry.read_bytes())
    data[-1] ^= 0xFF
    entry.write_bytes(bytes(data))
    assert load(Path("a.docx"), key) is None
    entry.write_bytes(b"rubbish")
    assert load(Path("a.docx"), key) is None


def test_a_new_version_of_a_template_replaces_its_old_entry(fresh: Path) -> None:
    store(Path("a.docx"), template_key(b"old"), ("old",))
    store(Path("b.docx"), template_key(b"other"), ("other",))
    store(Path("a.docx"), template_key(b"new"), ("new",))
    assert len(list(fresh.glob("*.bin"))) == 2
    forget()
    assert load(Path("a.docx"), template_key(b"old")) is None
    assert load(Path("a.docx"), template_key(b"new")) == ("new",)


def test_a_folder_that_cannot_be_written_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("ASSEMBLE_CACHE_DIR", str(blocker))
    key = template_key(b"x")
    store(Path("a.docx"), key, ("payload",))  # no error
    forget()
    assert load(Path("a.docx"), key) is None
