"""The main job: CV(s) + profile -> documents and workbooks in the output folder.

load -> validate -> (merge a group) -> select -> shape -> render -> (pages) -> write.
Everything that can fail because of the user's input fails before the first byte is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from assembler.collector import collector_paused
from assembler.cv.dates import PartialDate
from assembler.cv.group import (
    Group,
    Progress,
    expand_data_paths,
    group_name,
    load_people,
    merge,
)
from assembler.cv.load import load_cv
from assembler.cv.sections import SECTIONS
from assembler.output.names import Origin, check_outputs, inside, output_name, slug
from assembler.output.write import write_all
from assembler.problems import AssembleError, Problem, ProblemsError
from assembler.profile.load import LoadedProfile, load_profile, search_dirs
from assembler.profile.model import parse_period
from assembler.render.package import source_date_epoch
from assembler.select.engine import Selection, select
from assembler.select.explain import explain
from assembler.select.fit import drop_lowest, droppable
from assembler.select.required import Missing, missing_facts
from assembler.shape.context import build_context, style_for
from assembler.shape.style import Style

# The language tag a document of each profile language carries (spelling, hyphenation).
LOCALES = {"en": "en-GB", "de": "de-DE"}

if TYPE_CHECKING:
    from assembler.render.pages import Measured


@dataclass
class BuildRequest:
    profile: str
    data: Path | list[Path]
    as_of: date
    out_dir: Path
    period: str | None = None
    language: str | None = None
    explain: bool = False
    cwd: Path | None = None
    pdf: bool = False
    check_pages: bool = False
    fit: bool = False
    strict: bool = False  # warnings (missing required facts, ...) are errors
    progress: Progress | None = None  # wraps the list of person files while they load

    @property
    def needs_pages(self) -> bool:
        return self.pdf or self.check_pages or self.fit

    @property
    def data_paths(self) -> list[Path]:
        return list(self.data) if isinstance(self.data, list) else [self.data]


@dataclass
class BuildResult:
    group: Group
    profile: LoadedProfile
    selection: Selection
    as_of: date
    missing: list[Missing] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    pages: dict[Path, int] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def report(self) -> str:
        """The ``--explain`` report; made when asked (a group's runs to megabytes)."""
        return explain(self.selection, self.profile.name, self.as_of, self.missing)


def find_template(
    name: str, loaded: LoadedProfile, key: tuple[str | int, ...], cwd: Path | None
) -> Path:
    for folder in search_dirs("templates", cwd):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    document = loaded.defined_in(str(key[0]))
    line = document.locate(key)[0] if document else None
    raise ProblemsError(
        [
            Problem(
                f"template {name!r} not found in ./templates or the bundled templates",
                file=document.file if document else str(loaded.path),
                line=line,
                path=f"{key[0]}[{key[1]}].template",
                hint="Put the file into ./templates or fix the name",
            )
        ],
        str(loaded.path),
    )


def document_time(as_of: date) -> datetime:
    """The documents' metadata time: SOURCE_DATE_EPOCH when set, else midnight of as_of."""
    return source_date_epoch() or datetime(as_of.year, as_of.month, as_of.day)


def resolve_period(
    request: BuildRequest, loaded: LoadedProfile
) -> tuple[str | None, tuple[PartialDate, PartialDate] | None]:
    """``--period``, else the profile's ``period`` (``last_year``: the year before as_of)."""
    text = request.period or loaded.profile.period
    if text == "last_year":
        text = str(request.as_of.year - 1)
    if text is None:
        return None, None
    try:
        return text, parse_period(text)
    except ValueError as exc:
        raise ProblemsError([Problem(f"--period: {exc}")], "the command line") from None


@dataclass
class _Job:
    """One profile on its way through the pipeline, before anything is written."""

    request: BuildRequest
    group: Group
    loaded_profile: LoadedProfile
    period_text: str | None
    selection: Selection
    files: dict[Path, bytes] = field(default_factory=dict)
    documents: list[Path] = field(default_factory=list)
    pages: dict[Path, int] = field(default_factory=dict)
    pdfs: dict[Path, bytes] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    origins: dict[Path, Origin] = field(default_factory=dict)  # what asked for each file
    templates: set[Path] = field(default_factory=set)


def _names(job: _Job) -> dict[str, str]:
    return {
        "person": slug(job.group.name),
        "profile": slug(job.loaded_profile.name),
        "as_of": job.request.as_of.isoformat(),
        "period": job.period_text or "",
    }


def _origin(loaded: LoadedProfile, key: tuple[str, int], pattern: str) -> Origin:
    """The profile line that names an output, for messages about that output."""
    document = loaded.defined_in(key[0])
    if document is None:
        return Origin(f"{key[0]}[{key[1]}].output {pattern!r}", str(loaded.path))
    where = (*key, "output")
    line = document.locate(where)[0] if document.value_at(where)[0] else None
    return Origin(f"{key[0]}[{key[1]}].output {pattern!r}", document.file, line)


def _claim(job: _Job, files: dict[Path, bytes], target: Path, origin: Origin) -> None:
    """Note what asks for ``target``; two outputs of one profile with one name are refused."""
    if target in files:
        check_outputs([(target, job.origins[target]), (target, origin)], {})
    job.origins[target] = origin


def _render(job: _Job, selection: Selection) -> tuple[dict[Path, bytes], list[Path]]:
    """Every document and workbook of the profile, as bytes, keyed by output path; and which
    of them are Word documents (the ones pages are counted for)."""
    files: dict[Path, bytes] = {}
    documents = _render_documents(job, selection, files)
    _render_workbooks(job, selection, files)
    return files, documents


def _heading(job: _Job, selection: Selection) -> tuple[Style, str]:
    """The print style, and the title every output carries in its properties."""
    style = style_for(job.loaded_profile.profile, selection)
    return style, f"{style.labels['title']} – {job.group.name}"


def _render_documents(job: _Job, selection: Selection, files: dict[Path, bytes]) -> list[Path]:
    """The Word documents, into ``files``; ``--fit`` renders only these again."""
    request, loaded = job.request, job.loaded_profile
    profile = loaded.profile
    if not profile.documents:
        return []
    from assembler.render.word.fill import render_docx  # only when a document is made

    values = _names(job)
    where = str(loaded.document.file if loaded.document else loaded.path)
    when = document_time(request.as_of)
    _, title = _heading(job, selection)
    context = build_context(
        job.group.cv, profile, selection, job.group.members, job.missing
    ).as_mapping()
    documents = []
    for index, spec in enumerate(profile.documents):
        template = find_template(
            spec.template, loaded, ("documents", index, "template"), request.cwd
        )
        job.templates.add(template)
        target = inside(request.out_dir, output_name(spec.output, values, where))
        _claim(job, files, target, _origin(loaded, ("documents", index), spec.output))
        files[target] = render_docx(
            template, context, when, title, job.group.name, LOCALES[profile.language]
        )
        documents.append(target)
    return documents


def _render_workbooks(job: _Job, selection: Selection, files: dict[Path, bytes]) -> None:
    """The workbooks, into ``files``, with their warnings. Workbooks have no page limit:
    ``--fit`` never shortens them."""
    request, loaded, cv = job.request, job.loaded_profile, job.group.cv
    profile = loaded.profile
    if not profile.workbooks:
        return
    # openpyxl takes a tenth of a second to import: only when a workbook is made.
    from assembler.render.excel.workbook import render_workbook
    from assembler.shape.columns import SheetContext

    values = _names(job)
    where = str(loaded.document.file if loaded.document else loaded.path)
    when = document_time(request.as_of)
    style, title = _heading(job, selection)
    summary = cv.supervision.summary if cv.supervision else None
    sheet_context = SheetContext(
        style,
        selection.context,
        job.group.members,
        notes={"supervision": summary} if summary else {},
        period=job.period_text is not None,
    )
    for index, book in enumerate(profile.workbooks):
        book_template = None
        if book.template:
            book_template = find_template(
                book.template, loaded, ("workbooks", index, "template"), request.cwd
            )
            job.templates.add(book_template)
        target = inside(request.out_dir, output_name(book.output, values, where))
        _claim(job, files, target, _origin(loaded, ("workbooks", index), book.output))
        rendered = render_workbook(
            book, selection, sheet_context, book_template, when, title, job.group.name
        )
        files[target] = rendered.data
        job.warnings += [replace(w, file=w.file or where) for w in rendered.warnings]


def _load_group(
    request: BuildRequest, cache: dict[tuple[Path, ...], Group]
) -> tuple[Group, list[Problem]]:
    """The CV or merged group of the request, and the warnings of loading it (only the first
    time: several profiles of one run read the files once)."""
    paths = expand_data_paths(request.data_paths)
    key = tuple(path.resolve() for path in paths)
    if key in cache:
        return cache[key], []
    if len(paths) == 1:
        group = merge([load_cv(paths[0])], group_name(request.data_paths))
    else:
        group = load_people(paths, group_name(request.data_paths), request.progress)
    cache[key] = group
    return group, list(group.warnings)


def _selection_warnings(
    loaded: LoadedProfile, selection: Selection, missing: list[Missing]
) -> list[Problem]:
    """What the documents of this run will lack: sort keys no entry has a value for (they
    order nothing), and every required fact the CV does not give."""
    problems = []
    for name, section in selection.sections.items():
        for key in section.empty_keys:
            file, line = loaded.locate(name, "sort")
            problems.append(
                Problem(
                    f"no {section.source} entry has a value for {key!r}, so it does not "
                    "order this list",
                    file=file,
                    line=line,
                    path=f"sections.{name}",
                    severity="warning",
                    hint="Add the values to the CV, or sort by another key (see `-significance`)",
                )
            )
    file = str(loaded.document.file if loaded.document else loaded.path)
    for item in missing:
        problems.append(
            Problem(
                item.message(),
                file=file,
                path=item.section,
                entry_id=item.entry_id,
                severity="warning",
                hint="Add it to the CV; the document shows a placeholder until then",
            )
        )
    return problems


def _prepare(request: BuildRequest, cache: dict[tuple[Path, ...], Group]) -> _Job:
    group, warnings = _load_group(request, cache)
    loaded_profile = load_profile(request.profile, request.cwd)
    if request.language:
        loaded_profile.profile = loaded_profile.profile.model_copy(
            update={"language": request.language}
        )
    period_text, period = resolve_period(request, loaded_profile)
    selection = select(group.cv, loaded_profile, request.as_of, period)
    job = _Job(request, group, loaded_profile, period_text, selection, warnings=warnings)
    job.missing = missing_facts(group.cv, loaded_profile.profile, selection, selection.context)
    job.warnings += _selection_warnings(loaded_profile, selection, job.missing)
    if request.strict and job.warnings:
        raise ProblemsError(
            [replace(w, severity="error") for w in job.warnings], "the run (--strict)"
        )
    job.files, job.documents = _render(job, selection)
    return job


def _fit_order(loaded: LoadedProfile, selection: Selection) -> list[str]:
    """The profile's ``fit_order``; by default its list sections, last one first."""
    if loaded.profile.fit_order:
        return list(loaded.profile.fit_order)
    return [
        name
        for name, section in reversed(selection.sections.items())
        if SECTIONS[section.source].kind == "entries"
    ]


class _Fitter:
    """Renders and measures candidate selections for ``--fit``: the Word documents only."""

    def __init__(self, job: _Job, soffice: str, limit: int) -> None:
        self.job, self.soffice, self.limit = job, soffice, limit

    def measure(self, selection: Selection) -> tuple[dict[Path, bytes], Measured]:
        from assembler.render.pages import measure

        files: dict[Path, bytes] = {}
        documents = _render_documents(self.job, selection, files)
        when = document_time(self.job.request.as_of)
        return files, measure(
            {path: files[path] for path in documents},
            self.soffice,
            times=dict.fromkeys(documents, when),
        )

    def fits(self, selection: Selection) -> bool:
        return all(pages <= self.limit for pages in self.measure(selection)[1].pages.values())

    def fit(self, selection: Selection) -> Selection:
        """Drop the lowest-ranked entries, section by section in fit order, until it fits:
        per section, the fewest drops that fit, found by bisection."""
        for name in _fit_order(self.job.loaded_profile, selection):
            if name not in selection.sections:
                continue
            available = len(droppable(selection.sections[name]))
            if available == 0:
                continue
            emptied = drop_lowest(selection, name, available, self.limit)
            if not self.fits(emptied):
                selection = emptied
                continue
            low, high = 1, available  # dropping `high` fits; find the least that does
            while low < high:
                middle = (low + high) // 2
                if self.fits(drop_lowest(selection, name, middle, self.limit)):
                    high = middle
                else:
                    low = middle + 1
            return drop_lowest(selection, name, low, self.limit)
        return selection


def _check_pages(jobs: list[_Job], soffice: str) -> None:
    """Measure every document in one LibreOffice run; fit or refuse what is too long."""
    from assembler.render.pages import measure, over_limit_message

    documents = {path: job.files[path] for job in jobs for path in job.documents}
    if not documents:
        return
    times = {path: document_time(job.request.as_of) for job in jobs for path in job.documents}
    measured = measure(documents, soffice, times=times)
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
            fitter = _Fitter(job, soffice, limit)
            job.selection = fitter.fit(job.selection)
            fitted_files, fitted = fitter.measure(job.selection)
            job.files.update(fitted_files)  # the documents; workbooks keep every entry
            job.pages, job.pdfs = fitted.pages, fitted.pdfs
        errors += [
            over_limit_message(path.name, count, limit, job.files[path])
            for path, count in job.pages.items()
            if count > limit
        ]
    if errors:
        raise AssembleError("\n".join(errors))


def build_all(requests: list[BuildRequest]) -> list[BuildResult]:
    """Run several profiles; all their files are written, or none."""
    with collector_paused():
        return _build_all(requests)


def _build_all(requests: list[BuildRequest]) -> list[BuildResult]:
    needs_pages = any(request.needs_pages for request in requests)
    soffice = None
    if needs_pages:
        from assembler.render.pdf import require_soffice

        soffice = require_soffice()  # before anything is written
    cache: dict[tuple[Path, ...], Group] = {}
    jobs = [_prepare(request, cache) for request in requests]
    if soffice is not None:
        _check_pages([job for job in jobs if job.request.needs_pages], soffice)
    outputs: list[tuple[Path, Origin, bytes]] = []
    results = []
    for job in jobs:
        own = [(path, job.origins[path], data) for path, data in job.files.items()]
        if job.request.pdf:
            for document in job.documents:
                path = document.with_suffix(".pdf")
                origin = job.origins[document]
                pdf = Origin(f"{origin.what} as PDF", origin.file, origin.line)
                own.append((inside(job.request.out_dir, path.name), pdf, job.pdfs[path]))
        result = BuildResult(
            job.group,
            job.loaded_profile,
            job.selection,
            job.request.as_of,
            job.missing,
            pages=job.pages,
            warnings=job.warnings,
        )
        if job.request.explain:
            name = f"{slug(job.loaded_profile.name)}.selection.md"
            what = Origin(f"the --explain report of profile {job.loaded_profile.name!r}")
            own.append((inside(job.request.out_dir, name), what, result.report.encode("utf-8")))
        result.written = [path for path, _, _ in own]
        outputs += own
        results.append(result)
    check_outputs([(path, origin) for path, origin, _ in outputs], _inputs(jobs))
    write_all({path: data for path, _, data in outputs})
    return results


def _inputs(jobs: list[_Job]) -> dict[Path, str]:
    """Every file the run reads: no output may replace one of them."""
    inputs: dict[Path, str] = {}
    for job in jobs:
        for path in expand_data_paths(job.request.data_paths):
            inputs.setdefault(path, "the CV file")
        for path in job.loaded_profile.files:
            inputs.setdefault(path, "the profile")
        for path in job.templates:
            inputs.setdefault(path, "the template")
    return inputs


def build(request: BuildRequest) -> BuildResult:
    return build_all([request])[0]
