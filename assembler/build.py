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
from .pages import Measured, measure, over_limit_message
from .pdf import require_soffice
from .problems import AssembleError, Problem, ProblemsError
from .profile_model import LIST_SECTIONS, parse_period
from .profiles import LoadedProfile, load_profile, search_dirs
from .render_docx import render_docx
from .select import Selection, drop_lowest, droppable, select
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
    pdf: bool = False
    check_pages: bool = False
    fit: bool = False

    @property
    def needs_pages(self) -> bool:
        return self.pdf or self.check_pages or self.fit


@dataclass
class BuildResult:
    cv: LoadedCV
    profile: LoadedProfile
    selection: Selection
    report: str
    written: list[Path] = field(default_factory=list)
    pages: dict[Path, int] = field(default_factory=dict)


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


def _render_all(
    loaded_cv: LoadedCV, loaded: LoadedProfile, selection: Selection, request: BuildRequest
) -> dict[Path, bytes]:
    profile = loaded.profile
    context = build_context(loaded_cv.cv, profile, selection)
    values = {
        "person": slug(loaded_cv.cv.person.name),
        "profile": slug(loaded.name),
        "as_of": request.as_of.isoformat(),
        "period": request.period or "",
    }
    where = str(loaded.document.file if loaded.document else loaded.path)
    when = document_time(request.as_of)
    files: dict[Path, bytes] = {}
    for index, spec in enumerate(profile.documents):
        template = find_template(spec.template, loaded, index, request.cwd)
        target = inside(request.out_dir, output_name(spec.output, values, where))
        files[target] = render_docx(
            template, context, when, profile.description or loaded.name, loaded_cv.cv.person.name
        )
    return files


def _fit_order(loaded: LoadedProfile, selection: Selection) -> list[str]:
    """The profile's ``fit_order``; by default its list sections, last one first."""
    if loaded.profile.fit_order:
        return list(loaded.profile.fit_order)
    return [
        name
        for name, section in reversed(selection.sections.items())
        if section.source in LIST_SECTIONS
    ]


class _Fitter:
    """Renders and measures candidate selections, remembering the last measurement."""

    def __init__(
        self,
        loaded_cv: LoadedCV,
        loaded: LoadedProfile,
        request: BuildRequest,
        soffice: str,
        limit: int,
    ) -> None:
        self.loaded_cv, self.loaded, self.request = loaded_cv, loaded, request
        self.soffice, self.limit = soffice, limit

    def measure(self, selection: Selection) -> tuple[dict[Path, bytes], Measured]:
        documents = _render_all(self.loaded_cv, self.loaded, selection, self.request)
        return documents, measure(documents, self.soffice)

    def fits(self, measured: Measured) -> bool:
        return all(pages <= self.limit for pages in measured.pages.values())

    def fit(self, selection: Selection) -> Selection:
        """Drop the lowest-ranked entries, section by section in fit order, until it fits:
        per section, the fewest drops that fit, found by bisection."""
        reason = f"fit (page limit {self.limit})"
        for name in _fit_order(self.loaded, selection):
            if name not in selection.sections:
                continue
            available = len(droppable(selection.sections[name]))
            if available == 0:
                continue
            emptied = drop_lowest(selection, name, available, reason)
            if not self.fits(self.measure(emptied)[1]):
                selection = emptied
                continue
            low, high = 1, available  # dropping `high` fits; find the least that does
            while low < high:
                middle = (low + high) // 2
                if self.fits(self.measure(drop_lowest(selection, name, middle, reason))[1]):
                    high = middle
                else:
                    low = middle + 1
            return drop_lowest(selection, name, low, reason)
        return selection


@dataclass
class _Job:
    """One profile on its way through the pipeline, before anything is written."""

    request: BuildRequest
    loaded_cv: LoadedCV
    loaded_profile: LoadedProfile
    selection: Selection
    documents: dict[Path, bytes]
    pages: dict[Path, int] = field(default_factory=dict)
    pdfs: dict[Path, bytes] = field(default_factory=dict)


def _prepare(request: BuildRequest, cvs: dict[Path, LoadedCV]) -> _Job:
    if request.data not in cvs:  # several profiles of one person read the file once
        cvs[request.data] = load_cv(request.data)
    loaded_cv = cvs[request.data]
    loaded_profile = load_profile(request.profile, request.cwd)
    if request.language:
        loaded_profile.profile = loaded_profile.profile.model_copy(
            update={"language": request.language}
        )
    period = None
    if request.period:
        try:
            period = parse_period(request.period)
        except ValueError as exc:
            raise ProblemsError([Problem(f"--period: {exc}")], "the command line") from None
    selection = select(loaded_cv.cv, loaded_profile, request.as_of, period)
    documents = _render_all(loaded_cv, loaded_profile, selection, request)
    return _Job(request, loaded_cv, loaded_profile, selection, documents)


def _check_pages(jobs: list[_Job], soffice: str) -> None:
    """Measure every document in one LibreOffice run; fit or refuse what is too long."""
    measured = measure(
        {path: data for job in jobs for path, data in job.documents.items()}, soffice
    )
    errors = []
    for job in jobs:
        job.pages = {path: measured.pages[path] for path in job.documents}
        job.pdfs = {
            path.with_suffix(".pdf"): measured.pdfs[path.with_suffix(".pdf")]
            for path in job.documents
        }
        limit = job.loaded_profile.profile.page_limit
        if limit is None:
            continue
        if job.request.fit and any(count > limit for count in job.pages.values()):
            fitter = _Fitter(job.loaded_cv, job.loaded_profile, job.request, soffice, limit)
            job.selection = fitter.fit(job.selection)
            job.documents, fitted = fitter.measure(job.selection)
            job.pages, job.pdfs = fitted.pages, fitted.pdfs
        errors += [
            over_limit_message(path.name, count, limit, job.documents[path])
            for path, count in job.pages.items()
            if count > limit
        ]
    if errors:
        raise AssembleError("\n".join(errors))


def build_all(requests: list[BuildRequest]) -> list[BuildResult]:
    """Run several profiles; all their files are written, or none."""
    needs_pages = any(request.needs_pages for request in requests)
    soffice = require_soffice() if needs_pages else None  # before anything is written
    cvs: dict[Path, LoadedCV] = {}
    jobs = [_prepare(request, cvs) for request in requests]
    if soffice is not None:
        _check_pages([job for job in jobs if job.request.needs_pages], soffice)
    files: dict[Path, bytes] = {}
    results = []
    for job in jobs:
        own = dict(job.documents)
        if job.request.pdf:
            own.update(
                {inside(job.request.out_dir, path.name): data for path, data in job.pdfs.items()}
            )
        report = explain(job.selection, job.loaded_profile.name, job.request.as_of)
        if job.request.explain:
            name = f"{slug(job.loaded_profile.name)}.selection.md"
            own[inside(job.request.out_dir, name)] = report.encode("utf-8")
        clash = sorted(path.name for path in set(own) & set(files))
        if clash:
            raise AssembleError(
                f"two profiles write the same file: {', '.join(clash)}; "
                "give them different output names"
            )
        files.update(own)
        results.append(
            BuildResult(
                job.loaded_cv, job.loaded_profile, job.selection, report, list(own), job.pages
            )
        )
    write_all(files)
    return results


def build(request: BuildRequest) -> BuildResult:
    return build_all([request])[0]
