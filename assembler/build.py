"""The main job: CV + profile -> documents in the output folder.

load -> validate -> select -> shape -> render -> write. Everything that can fail because of the
user's input fails before the first byte is written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from .explain import explain
from .problems import Problem, ProblemsError
from .profile_model import parse_period
from .profiles import LoadedProfile, load_profile, search_dirs
from .render_docx import render_docx
from .select import Selection, select
from .shape import build_context
from .validate import LoadedCV, load_cv
from .write import inside, output_name, slug, write_all


@dataclass
class BuildRequest:
    profile: str
    data: Path
    as_of: date
    out_dir: Path
    period: str | None = None
    language: str | None = None
    explain: bool = False
    cwd: Path | None = None


@dataclass
class BuildResult:
    cv: LoadedCV
    profile: LoadedProfile
    selection: Selection
    report: str
    written: list[Path] = field(default_factory=list)


def find_template(name: str, loaded: LoadedProfile, index: int, cwd: Path | None) -> Path:
    for folder in search_dirs("templates", cwd):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    document = loaded.document
    line = document.locate(("documents", index, "template"))[0] if document else None
    raise ProblemsError(
        [
            Problem(
                f"template {name!r} not found in ./templates or the bundled templates",
                file=document.file if document else str(loaded.path),
                line=line,
                path=f"documents[{index}].template",
                hint="Put the .docx into ./templates or fix the name",
            )
        ],
        str(loaded.path),
    )


def document_time(as_of: date) -> datetime:
    """The documents' metadata time: SOURCE_DATE_EPOCH when set, else midnight of as_of."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).replace(tzinfo=None)
    return datetime(as_of.year, as_of.month, as_of.day)


def build(request: BuildRequest) -> BuildResult:
    loaded_cv = load_cv(request.data)
    loaded_profile = load_profile(request.profile, request.cwd)
    profile = loaded_profile.profile
    if request.language:
        profile = profile.model_copy(update={"language": request.language})
        loaded_profile.profile = profile
    period = None
    if request.period:
        try:
            period = parse_period(request.period)
        except ValueError as exc:
            raise ProblemsError([Problem(f"--period: {exc}")], "the command line") from None
    selection = select(loaded_cv.cv, loaded_profile, request.as_of, period)
    context = build_context(loaded_cv.cv, profile, selection)
    report = explain(selection, loaded_profile.name, request.as_of)
    values = {
        "person": slug(loaded_cv.cv.person.name),
        "profile": slug(loaded_profile.name),
        "as_of": request.as_of.isoformat(),
        "period": request.period or "",
    }
    where = str(loaded_profile.document.file if loaded_profile.document else loaded_profile.path)
    when = document_time(request.as_of)
    files: dict[Path, bytes] = {}
    for index, spec in enumerate(profile.documents):
        template = find_template(spec.template, loaded_profile, index, request.cwd)
        target = inside(request.out_dir, output_name(spec.output, values, where))
        files[target] = render_docx(
            template,
            context,
            when,
            profile.description or loaded_profile.name,
            loaded_cv.cv.person.name,
        )
    if request.explain:
        report_name = f"{slug(loaded_profile.name)}.selection.md"
        files[inside(request.out_dir, report_name)] = report.encode("utf-8")
    write_all(files)
    return BuildResult(loaded_cv, loaded_profile, selection, report, list(files))
