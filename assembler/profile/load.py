"""Finding, loading and checking profiles: ``./profiles`` first, then the bundled ones.

A profile may ``extend`` another: its keys replace the parent's and its ``sections`` are merged
by name (``null`` removes an inherited section). Checks that span several keys (a ``where`` on a
field the section does not have, a ``from`` naming no section) are reported with every other
problem of the file, at their lines.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from pathlib import Path

from assembler.cv.sections import ENTRY_SECTIONS, SECTIONS, TEXT_SECTIONS, entry_model
from assembler.problems import Problem, ProblemsError, closest
from assembler.profile.model import (
    SHEET_DERIVED,
    Profile,
    SectionRule,
    entry_fields,
    names_field,
)
from assembler.resources import bundled_dir
from assembler.source.reader import PathKey, YamlDocument, format_path, load_yaml
from assembler.source.record import Record
from assembler.source.validation import check_document

MAX_EXTENDS_DEPTH = 10


@dataclass
class LoadedProfile:
    profile: Profile
    path: Path
    # Which file defined each section, so later stages can point at the right line.
    origins: dict[str, YamlDocument] = field(default_factory=dict)
    # Which file set each top-level key (workbooks, fit_order, …) the merged profile has.
    key_origins: dict[str, YamlDocument] = field(default_factory=dict)
    document: YamlDocument | None = None
    files: list[Path] = field(default_factory=list)  # the profile and those it extends

    @property
    def name(self) -> str:
        return self.profile.name or self.path.stem

    def defined_in(self, key: str) -> YamlDocument | None:
        """The file that set a top-level key: the profile itself or one it extends."""
        return self.key_origins.get(key, self.document)

    def locate(self, section: str, *rest: str | int) -> tuple[str, int | None]:
        document = self.origins.get(section, self.document)
        if document is None:
            return str(self.path), None
        return document.file, document.locate(("sections", section, *rest))[0]


def search_dirs(kind: str, cwd: Path | None = None) -> list[Path]:
    """``./profiles`` or ``./templates`` of the working folder, then the bundled folder."""
    here = (cwd or Path.cwd()) / kind
    return [here, bundled_dir(kind)]


SUFFIXES = (".yaml", ".yml")


def _in_folder(folder: Path, name: str) -> Path | None:
    """The profile file of that name in one folder, with either suffix."""
    for suffix in SUFFIXES:
        path = folder / f"{name}{suffix}"
        if path.is_file():
            return path
    return None


def find_profile(name: str, cwd: Path | None = None) -> Path:
    candidate = Path(name)
    if candidate.suffix in SUFFIXES and candidate.exists():
        return candidate
    for folder in search_dirs("profiles", cwd):
        found = _in_folder(folder, name)
        if found is not None:
            return found
    known = sorted(available_profiles(cwd))
    close = closest(name, known)
    hint = f"Did you mean {close!r}?" if close else "Run `assemble profiles` to list them"
    raise ProblemsError(
        [Problem(f"no profile named {name!r} in ./profiles or the bundled profiles", hint=hint)],
        "the command line",
    )


def available_profiles(cwd: Path | None = None) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in reversed(search_dirs("profiles", cwd)):
        if folder.is_dir():
            for suffix in reversed(SUFFIXES):  # name.yaml wins over name.yml, as in lookup
                for path in sorted(folder.glob(f"*{suffix}")):
                    found[path.stem] = path  # ./profiles overrides the bundled one
    return dict(sorted(found.items()))


def _load_one(path: Path) -> tuple[Profile, YamlDocument]:
    document = load_yaml(path)
    profile, problems = check_document(document, Profile, "profile")
    if profile is None:
        raise ProblemsError(problems, document.file)
    return profile, document


def _merge(parent: LoadedProfile, child: Profile, document: YamlDocument) -> LoadedProfile:
    updates = {
        name: getattr(child, name)
        for name in child.model_fields_set
        if name not in ("sections", "extends")
    }
    updates["name"] = child.name  # a child without a name is named after its file, not its parent
    sections = {**parent.profile.sections, **child.sections}
    merged = parent.profile.model_copy(update={**updates, "sections": sections, "extends": None})
    origins = dict(parent.origins)
    origins.update({name: document for name in child.sections})
    key_origins = dict(parent.key_origins)
    key_origins.update({name: document for name in child.model_fields_set})
    return LoadedProfile(
        profile=merged,
        path=Path(document.file),
        origins=origins,
        key_origins=key_origins,
        document=document,
    )


def load_profile(name_or_path: str, cwd: Path | None = None) -> LoadedProfile:
    """Load a profile by name or path, resolve ``extends`` and check it."""
    chain: list[tuple[Profile, YamlDocument]] = []
    seen: list[str] = []
    path = find_profile(name_or_path, cwd)
    while True:
        profile, document = _load_one(path)
        chain.append((profile, document))
        seen.append(str(path.resolve()))
        if not profile.extends:
            break
        if len(chain) > MAX_EXTENDS_DEPTH:
            raise ProblemsError(
                [Problem("profiles extend each other too deeply", file=document.file)],
                document.file,
            )
        line = document.locate(("extends",))[0]
        parent_path = _find_parent(profile.extends, path, cwd, document.file, line)
        if str(parent_path.resolve()) in seen:
            raise ProblemsError(
                [
                    Problem(
                        f"`extends: {profile.extends}` makes a cycle",
                        file=document.file,
                        line=line,
                        hint="A profile cannot extend itself, even indirectly",
                    )
                ],
                document.file,
            )
        path = parent_path
    base_profile, base_document = chain[-1]
    loaded = LoadedProfile(
        profile=base_profile,
        path=Path(base_document.file),
        origins={name: base_document for name in base_profile.sections},
        key_origins={name: base_document for name in base_profile.model_fields_set},
        document=base_document,
    )
    for profile, document in reversed(chain[:-1]):
        loaded = _merge(loaded, profile, document)
    loaded.files = [Path(document.file) for _, document in chain]
    if loaded.profile.name is None:
        loaded.profile = loaded.profile.model_copy(update={"name": Path(chain[0][1].file).stem})
    problems = check_rules(loaded)
    if problems:
        raise ProblemsError(problems, str(loaded.path))
    return loaded


def _find_parent(name: str, child: Path, cwd: Path | None, file: str, line: int | None) -> Path:
    sibling = _in_folder(child.parent, name)
    if sibling is not None:
        return sibling
    try:
        return find_profile(name, cwd)
    except ProblemsError:
        raise ProblemsError(
            [
                Problem(
                    f"`extends: {name}` names no profile",
                    file=file,
                    line=line,
                    hint="Run `assemble profiles` to list them",
                )
            ],
            file,
        ) from None


def _problem(
    loaded: LoadedProfile, section: str, path: PathKey, message: str, hint: str = ""
) -> Problem:
    file, line = loaded.locate(section, *path)
    return Problem(
        message=message,
        file=file,
        line=line,
        path=format_path(("sections", section, *path)),
        hint=hint,
    )


def _suggest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = closest(word, choices)
    return f"Did you mean {close!r}?" if close else "Known: " + ", ".join(choices)


def check_rules(loaded: LoadedProfile) -> list[Problem]:
    """Cross-key checks: section names, ``from``, fields in ``where`` and ``sort``."""
    problems: list[Problem] = []
    rules = loaded.profile.rules()
    for name, rule in rules.items():
        source = rule.from_ or name
        if rule.from_ and rule.from_ not in ENTRY_SECTIONS:
            problems.append(
                _problem(
                    loaded,
                    name,
                    ("from",),
                    f"`from: {rule.from_}` names no list section",
                    _suggest(rule.from_, ENTRY_SECTIONS),
                )
            )
            continue
        if source not in SECTIONS:
            problems.append(
                _problem(
                    loaded,
                    name,
                    (),
                    f"unknown section {name!r}",
                    _suggest(name, tuple(SECTIONS)).rstrip(".")
                    + ". For a second list drawn from a section, add `from: SECTION`",
                )
            )
            continue
        problems += _check_fields(loaded, name, source, rule)
    problems += _check_workbooks(loaded, rules)
    for index, section in enumerate(loaded.profile.fit_order):
        if section not in rules:
            origin = loaded.defined_in("fit_order")
            file = origin.file if origin else str(loaded.path)
            line = origin.locate(("fit_order", index))[0] if origin else None
            problems.append(
                Problem(
                    f"fit_order names {section!r}, which the profile does not show",
                    file=file,
                    line=line,
                    path=f"fit_order[{index}]",
                    hint=_suggest(section, tuple(rules)),
                )
            )
    return problems


def _check_fields(
    loaded: LoadedProfile, name: str, source: str, rule: SectionRule
) -> list[Problem]:
    problems: list[Problem] = []
    if source == "bio" or source in TEXT_SECTIONS:
        allowed = {
            "bio": ("max_words", "max_chars", "label"),
            "skills": ("limit", "label"),
            "languages": ("limit", "label"),
        }[source]
        for key in rule.model_fields_set:
            alias = SectionRule.model_fields[key].alias or key
            if alias not in allowed:
                problems.append(
                    _problem(
                        loaded,
                        name,
                        (alias,),
                        f"`{alias}` does not apply to {source}",
                        f"{source} takes only: {', '.join(allowed)}",
                    )
                )
        return problems
    fields = entry_fields(entry_model(source))
    for field_name in rule.where:
        if not names_field(fields, field_name):
            problems.append(
                _problem(
                    loaded,
                    name,
                    ("where", field_name),
                    f"{source} entries have no field {field_name!r}",
                    _suggest(field_name, fields),
                )
            )
    for index, key in enumerate(rule.sort):
        bare = key.lstrip("-+")
        if not names_field(fields, bare):
            problems.append(
                _problem(
                    loaded,
                    name,
                    ("sort", index),
                    f"cannot sort {source} by {bare!r}: no such field",
                    _suggest(bare, fields),
                )
            )
    return problems


def _column_fields(source: str) -> list[str]:
    model = entry_model(source)
    fields = [*entry_fields(model), *SHEET_DERIVED]
    for name, info in model.model_fields.items():
        inner = next((m for m in _models(info.annotation)), None)
        if inner is not None:
            fields += [f"{name}.{sub}" for sub in inner.model_fields]
    return fields


def _models(annotation: object) -> list[type[Record]]:
    found = []
    for arg in (annotation, *typing.get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, Record):
            found.append(arg)
    return found


def _check_workbooks(loaded: LoadedProfile, rules: dict[str, SectionRule]) -> list[Problem]:
    """Sheets must show sections the profile selects, with fields those entries have."""
    problems: list[Problem] = []
    document = loaded.defined_in("workbooks")
    file = document.file if document else str(loaded.path)
    for w_index, workbook in enumerate(loaded.profile.workbooks):
        for s_index, sheet in enumerate(workbook.sheets):
            base: PathKey = ("workbooks", w_index, "sheets", s_index)

            def problem(key: str, message: str, hint: str = "", base: PathKey = base) -> None:
                line = document.locate((*base, key))[0] if document else None
                problems.append(
                    Problem(
                        message, file=file, line=line, path=format_path((*base, key)), hint=hint
                    )
                )

            if sheet.summary or sheet.section is None:
                continue
            rule = rules.get(sheet.section)
            if rule is None:
                problem(
                    "section",
                    f"the sheet shows {sheet.section!r}, which the profile does not select",
                    "Add it under `sections:` (for example `" + f"{sheet.section}: all`)",
                )
                continue
            source = rule.from_ or sheet.section
            if source not in ENTRY_SECTIONS:
                problem("section", f"{source} has no entries to list in a sheet")
                continue
            fields = _column_fields(source)
            wanted = [*sheet.columns.values(), *([sheet.count_by] if sheet.count_by else [])]
            for name in wanted:
                if not names_field(fields, name):
                    key = "count_by" if name == sheet.count_by else "columns"
                    problem(key, f"{source} entries have no field {name!r}", _suggest(name, fields))
    return problems


def describe_profiles(cwd: Path | None = None) -> list[tuple[str, str]]:
    """(name, description) for every profile that can be used, for `assemble profiles`."""
    rows = []
    for name, path in available_profiles(cwd).items():
        try:
            profile, _ = _load_one(path)
            rows.append((name, profile.description or ""))
        except ProblemsError as exc:
            rows.append((name, f"(invalid: {exc.problems[0].format()})"))
    return rows
