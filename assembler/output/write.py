"""Writing outputs: all files of a run or none, nothing clobbered.

Every file is first written to a hidden temporary file in its target's folder (same file
system, so the final rename is atomic). Only when all of them are written are they renamed
into place, and each replaced file is kept (a hard link, else a copy) until every rename has
succeeded: if one fails (a file open in Word, a full disk, a signal), the files already
replaced get their old content back. So a failed run leaves every output as it was.

A link is followed: the file it points to is replaced and the link stays. A replaced file
keeps its permission bits (and group, where allowed); a new one gets the user's umask. The
temporary and backup files are named ``.assemble-<host>-<pid>-<random>.tmp|.bak``: on
SIGTERM, SIGHUP and SIGINT they are removed before the signal takes effect, and those a
killed run left behind (its process is gone) are removed by the next run writing there.
Messages name the user's files, never the temporary ones.
"""

from __future__ import annotations

import hashlib
import os
import platform
import re
import signal
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import FrameType
from typing import Any

from assembler.problems import AssembleError

PREFIX = ".assemble-"
_OURS = re.compile(rf"^{re.escape(PREFIX)}([0-9a-f]{{8}})-(\d+)-[0-9a-f]+\.(?:tmp|bak)$")
_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name)
)


class _Interrupted(BaseException):
    """A signal arrived while writing; raised so the run can be rolled back first."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@dataclass
class _Target:
    shown: Path  # the path the user asked for (a link stays a link)
    real: Path  # the file that is replaced
    data: bytes
    existing: os.stat_result | None = None
    temp: Path | None = None
    backup: Path | None = None
    replaced: bool = False


@dataclass
class _Run:
    targets: list[_Target]
    created_dirs: list[Path] = field(default_factory=list)


@cache
def _host() -> str:
    """This machine, in scratch names (platform is loaded anyway; socket would cost 2 ms)."""
    return hashlib.sha256(platform.node().encode()).hexdigest()[:8]


def _scratch_name(folder: Path, suffix: str) -> Path:
    return folder / f"{PREFIX}{_host()}-{os.getpid()}-{os.urandom(4).hex()}.{suffix}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def remove_stale(folder: Path) -> None:
    """Remove temporary files that a killed run of this machine left in ``folder``."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = _OURS.match(name)
        if match and match[1] == _host() and not _alive(int(match[2])):
            with suppress(OSError):
                (folder / name).unlink()


def _real(path: Path) -> Path:
    """The file a path stands for: a link's final target (which may not exist yet)."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _fail(target: _Target, reason: str) -> AssembleError:
    shown = target.shown
    also = f" (the file {shown} links to)" if target.real != shown else ""
    return AssembleError(
        f"cannot write {target.real}{also}: {reason}. Nothing was written or changed."
    )


def _check(run: _Run) -> None:
    """Every destination is looked at before anything is written."""
    for target in run.targets:
        try:
            info = target.real.stat()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise _fail(target, exc.strerror or "cannot be read") from None
        if stat.S_ISDIR(info.st_mode):
            raise _fail(target, "a folder of that name is in the way")
        if not stat.S_ISREG(info.st_mode):
            raise _fail(target, "it is not a regular file")
        if not info.st_mode & 0o222:
            raise _fail(target, "it is read-only; make it writable or write elsewhere (--out)")
        target.existing = info


def _make_folder(run: _Run, folder: Path, target: _Target) -> None:
    missing = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for created in reversed(missing):
        try:
            created.mkdir()
        except FileExistsError:
            continue
        except OSError as exc:
            raise _fail(target, f"cannot create the folder {created}: {exc.strerror}") from None
        run.created_dirs.append(created)
    if not folder.is_dir():
        raise _fail(target, f"{folder} is not a folder")


def _write_temp(target: _Target) -> None:
    folder = target.real.parent
    temp = _scratch_name(folder, "tmp")
    try:
        handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # umask applies
    except OSError as exc:
        raise _fail(target, f"the folder {folder} is not writable ({exc.strerror})") from None
    target.temp = temp
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(target.data)
            stream.flush()
            os.fsync(stream.fileno())
        if target.existing is not None:
            os.chmod(temp, stat.S_IMODE(target.existing.st_mode))
            with suppress(OSError):  # only the owner of both groups may; else keep ours
                os.chown(temp, -1, target.existing.st_gid)
    except OSError as exc:
        raise _fail(target, exc.strerror or "write error") from None


def _backup(target: _Target) -> None:
    """Keep the file that is about to be replaced until the whole run has succeeded."""
    if target.existing is None:
        return
    backup = _scratch_name(target.real.parent, "bak")
    try:
        os.link(target.real, backup)
    except OSError:  # file systems without hard links: a copy does
        import shutil  # rarely needed: 2 ms of start-up otherwise

        try:
            shutil.copy2(target.real, backup)
        except OSError as exc:
            with suppress(OSError):
                backup.unlink()
            raise _fail(target, f"cannot keep a copy of it ({exc.strerror})") from None
    target.backup = backup


def _replace(target: _Target) -> None:
    assert target.temp is not None
    try:
        os.replace(target.temp, target.real)
    except PermissionError:
        raise AssembleError(
            f"cannot replace {target.real}: it is locked. Close it (is it open in Word or "
            "Excel?) and run again; nothing was written or changed."
        ) from None
    except OSError as exc:
        raise _fail(target, exc.strerror or "cannot be replaced") from None
    target.temp = None
    target.replaced = True


def _roll_back(run: _Run) -> None:
    """Give every replaced file its old content back and remove the new ones."""
    for target in run.targets:
        if target.temp is not None and not os.path.lexists(target.temp):
            target.replaced = True  # renamed, but a signal came before it was noted
            target.temp = None
        with suppress(OSError):
            if target.replaced and target.backup is not None:
                os.replace(target.backup, target.real)
                target.backup = None
            elif target.replaced:
                target.real.unlink()


def _clean(run: _Run, failed: bool) -> None:
    """Remove the temporary files and backups; after a failure the new folders, too."""
    for target in run.targets:
        for scratch in (target.temp, target.backup):
            if scratch is not None:
                with suppress(OSError):
                    scratch.unlink()
        target.temp = target.backup = None
    for folder in reversed(run.created_dirs if failed else []):
        with suppress(OSError):
            folder.rmdir()


@contextmanager
def _signals_raise() -> Iterator[None]:
    """While writing, SIGTERM, SIGHUP and SIGINT raise ``_Interrupted`` so the run is rolled
    back and its temporary files removed; then the signal is delivered as before."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, Any] = {}
    caught: list[int] = []

    def interrupt(signum: int, frame: FrameType | None) -> None:
        if not caught:  # a second signal must not break off the rollback of the first
            caught.append(signum)
            raise _Interrupted(signum)

    for number in _SIGNALS:
        previous[number] = signal.signal(number, interrupt)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _commit(run: _Run) -> None:
    _check(run)
    for target in run.targets:
        _make_folder(run, target.real.parent, target)
    for folder in sorted({target.real.parent for target in run.targets}):
        remove_stale(folder)
    for target in run.targets:
        _write_temp(target)
    for target in run.targets:
        _backup(target)
    for target in run.targets:
        _replace(target)


def write_all(files: dict[Path, bytes]) -> None:
    """Write every file or none of them (see the module docstring)."""
    run = _Run([_Target(path, _real(path), data) for path, data in files.items()])
    seen: dict[Path, Path] = {}
    for target in run.targets:
        other = seen.setdefault(target.real, target.shown)
        if other != target.shown:
            raise AssembleError(
                f"{other} and {target.shown} are the same file; give them different names"
            )
    interrupted: _Interrupted | None = None
    done = False
    with _signals_raise():
        try:
            _commit(run)
            done = True
        except _Interrupted as exc:
            interrupted = exc
        finally:
            if not done:
                _roll_back(run)
            _clean(run, failed=not done)
    if interrupted is not None:  # handlers are back: deliver the signal as it was meant
        signal.raise_signal(interrupted.signum)
        raise AssembleError("interrupted while writing; nothing was written or changed")
