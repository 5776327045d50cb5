"""Writing: all files of a run or none, links followed, modes kept, no temporary files left."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from assembler.output import write
from assembler.output.write import PREFIX, remove_stale, write_all
from assembler.problems import AssembleError
from tests.helpers import ROOT


def names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_write_all_replaces_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "out" / "a.docx"
    write_all({target: b"one"})
    write_all({target: b"two", tmp_path / "out" / "b.md": b"report"})
    assert target.read_bytes() == b"two"
    assert names(tmp_path / "out") == ["a.docx", "b.md"]


def test_locked_target_keeps_every_file_of_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A .docx and an .xlsx, the .xlsx open in Excel: the .docx keeps its old content too."""
    docx, xlsx = tmp_path / "cv.docx", tmp_path / "cv.xlsx"
    docx.write_bytes(b"old docx")
    xlsx.write_bytes(b"old xlsx")
    replace = os.replace

    def locked(src, dst):  # what Windows does while Excel holds the file open
        if Path(dst) == xlsx:
            raise PermissionError(13, "Permission denied", str(dst))
        replace(src, dst)

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(AssembleError, match=r"cv\.xlsx: it is locked\. Close it") as caught:
        write_all({docx: b"new docx", xlsx: b"new xlsx", tmp_path / "new.md": b"report"})
    assert PREFIX not in str(caught.value)
    assert docx.read_bytes() == b"old docx"
    assert xlsx.read_bytes() == b"old xlsx"
    assert names(tmp_path) == ["cv.docx", "cv.xlsx"]


def test_a_full_disk_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = tmp_path / "a.docx"
    first.write_bytes(b"old")
    calls = []

    def full(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(AssembleError) as caught:
        write_all({first: b"new", tmp_path / "out" / "b.xlsx": b"new"})
    message = str(caught.value)
    assert "b.xlsx: No space left on device. Nothing was written or changed." in message
    assert first.read_bytes() == b"old"
    assert names(tmp_path) == ["a.docx"]  # the new folder is gone again


def test_a_folder_that_cannot_be_written_is_named_not_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def refuse(path, flags, mode=0o777):
        if Path(path).name.startswith(PREFIX):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(AssembleError) as caught:
        write_all({tmp_path / "a.docx": b"x"})
    message = str(caught.value)
    assert f"cannot write {tmp_path / 'a.docx'}: the folder {tmp_path} is not writable" in message
    assert PREFIX not in message


def test_a_link_is_followed_and_stays_a_link_with_the_targets_mode(tmp_path: Path) -> None:
    """What `assemble import` relies on when it rewrites a CV that is a link."""
    real = tmp_path / "shared" / "cv.yaml"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "cv.yaml"
    link.symlink_to(real)
    write_all({link: b"new"})
    assert link.is_symlink()
    assert real.read_bytes() == b"new"
    assert oct(real.stat().st_mode & 0o777) == oct(0o640)
    assert names(real.parent) == ["cv.yaml"]


def test_new_files_follow_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o002)
    try:
        write_all({tmp_path / "group.docx": b"x"})
        os.umask(0o077)
        write_all({tmp_path / "private.docx": b"x"})
    finally:
        os.umask(previous)
    assert oct((tmp_path / "group.docx").stat().st_mode & 0o777) == oct(0o664)
    assert oct((tmp_path / "private.docx").stat().st_mode & 0o777) == oct(0o600)


def test_read_only_files_and_folders_in_the_way_are_refused(tmp_path: Path) -> None:
    kept = tmp_path / "kept.docx"
    kept.write_bytes(b"mine")
    kept.chmod(0o444)
    other = tmp_path / "other.docx"
    with pytest.raises(AssembleError, match="it is read-only"):
        write_all({other: b"x", kept: b"new"})
    assert kept.read_bytes() == b"mine"
    assert not other.exists()
    (tmp_path / "folder.docx").mkdir()
    with pytest.raises(AssembleError, match="a folder of that name is in the way"):
        write_all({tmp_path / "folder.docx": b"x"})


def test_two_names_for_one_file_are_refused(tmp_path: Path) -> None:
    real = tmp_path / "a.docx"
    real.write_bytes(b"old")
    (tmp_path / "b.docx").symlink_to(real)
    with pytest.raises(AssembleError, match="are the same file"):
        write_all({real: b"one", tmp_path / "b.docx": b"two"})
    assert real.read_bytes() == b"old"


def test_stale_temporary_files_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    pid = int(dead.stdout)
    host = write._host()
    stale = tmp_path / f"{PREFIX}{host}-{pid}-0a1b2c3d.tmp"
    running = tmp_path / f"{PREFIX}{host}-{os.getppid()}-0a1b2c3d.tmp"  # a live process
    elsewhere = tmp_path / f"{PREFIX}ffffffff-{pid}-0a1b2c3d.bak"  # another machine's run
    mine = tmp_path / ".assemble-notes.tmp"
    for path in (stale, running, elsewhere, mine):
        path.write_bytes(b"x")
    remove_stale(tmp_path)
    assert names(tmp_path) == sorted(p.name for p in (running, elsewhere, mine))
    write_all({tmp_path / "a.docx": b"x"})
    assert not stale.exists()


SIGNALLED = """
import os, signal, sys
from pathlib import Path
from assembler.output.write import write_all
folder = Path(sys.argv[1])
# As a terminal would have them: a run started under nohup or in the background of a script
# inherits SIGHUP or SIGINT ignored, and an ignored signal rightly does not end the run.
if hasattr(signal, "SIGHUP"):
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
signal.signal(signal.SIGINT, signal.default_int_handler)
real_replace = os.replace
def replace(src, dst):
    real_replace(src, dst)
    if Path(dst).name == "a.docx":  # after the first file is in place
        os.kill(os.getpid(), getattr(signal, sys.argv[2]))
os.replace = replace
write_all({folder / "a.docx": b"new a", folder / "b.docx": b"new b"})
print("not reached")
"""


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_while_writing_rolls_back_and_removes_temporary_files(
    tmp_path: Path, name: str
) -> None:
    (tmp_path / "a.docx").write_bytes(b"old a")
    (tmp_path / "b.docx").write_bytes(b"old b")
    done = subprocess.run(
        [sys.executable, "-c", SIGNALLED, str(tmp_path), name],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "not reached" not in done.stdout
    if name == "SIGINT":
        assert "KeyboardInterrupt" in done.stderr
    else:
        assert done.returncode == -getattr(signal, name)
    assert names(tmp_path) == ["a.docx", "b.docx"]
    assert (tmp_path / "a.docx").read_bytes() == b"old a"
    assert (tmp_path / "b.docx").read_bytes() == b"old b"


def test_signal_handlers_are_restored(tmp_path: Path) -> None:
    before = signal.getsignal(signal.SIGTERM)
    write_all({tmp_path / "a.docx": b"x"})
    assert signal.getsignal(signal.SIGTERM) is before
