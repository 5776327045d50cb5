"""Validators of the file models (the CV, the profile), kept between runs, keyed by content.

A record's validator is built by pydantic-core from the record's schema
(``source.coreschema``), which depends only on code. Building it took longer than loading
it, so it is kept:

* where: a ``schemas`` folder in the user's cache folder (``resources.cache_root``).
* the key: the SHA-256 of the Python and pydantic-core versions, the record's name and the
  source of every module the records may use: the packages ``source``, ``cv`` and
  ``profile`` and the modules below them (``tests/test_package.py`` keeps imports going down
  the layers). A changed model never reads an old entry, even if nobody raised a version.
* an entry is ``MAGIC``, the SHA-256 of the payload, and the payload: the pickled arguments
  of the validator (the schema and its configuration). The schema names the record classes
  and validator functions; loading resolves only classes and functions of assembler, the
  record's own module, pydantic-core and ``decimal``, a few builtins, and no dunder
  attribute, so an entry cannot reach anything else. A damaged or refused entry is ignored
  and rewritten.
* safe to delete at any time; one entry is kept per record.
* never an error: a folder that cannot be made, read or written means no caching.
"""

from __future__ import annotations

import builtins
import hashlib
import io
import pickle
import sys
from pathlib import Path
from typing import Any, Literal, cast

import pydantic_core
from pydantic_core import SchemaValidator

from assembler.resources import cache_root, read_cache_entry, write_cache_entry
from assembler.source.coreschema import record_schema
from assembler.source.fields import RecordType

MAGIC = b"assemble-schema\x00"
_PACKAGE = Path(__file__).resolve().parent.parent
# The modules a model may use (the layers up to the profile), relative to the package.
_SOURCES = ("__init__.py", "problems.py", "resources.py", "source", "cv", "profile")
_MODULES = ("assembler.", "pydantic_core.", "decimal")
_BUILTINS = frozenset({"dict", "list", "tuple", "set", "frozenset", "str", "int", "float"})
_validators: dict[RecordType, SchemaValidator] = {}
_sources_key: str | None = None

Prepared = Literal["ready", "cached", "built"]


def _sources() -> str:
    """The SHA-256 of the versions and of every module a model may use (once a process)."""
    global _sources_key
    if _sources_key is None:
        digest = hashlib.sha256()
        for part in (sys.version, pydantic_core.__version__):
            digest.update(part.encode() + b"\x00")
        for name in _SOURCES:
            path = _PACKAGE / name
            files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
            for file in files:
                digest.update(str(file.relative_to(_PACKAGE)).encode() + b"\x00")
                try:
                    digest.update(file.read_bytes())
                except OSError:
                    digest.update(b"\x00unreadable\x00")
        _sources_key = digest.hexdigest()
    return _sources_key


def _entry(model: RecordType) -> Path | None:
    root = cache_root()
    if root is None:
        return None
    name = f"{model.__module__}.{model.__qualname__}"
    key = hashlib.sha256(f"{_sources()}\x00{name}".encode()).hexdigest()
    return root / "schemas" / f"{name}-{key[:40]}.bin"


def _safe_getattr(target: object, name: str) -> Any:
    """``getattr`` as pickle uses it for methods, without the dunders that lead elsewhere."""
    if name.startswith("__"):
        raise pickle.UnpicklingError(f"refused attribute {name!r}")
    return getattr(target, name)


class _Unpickler(pickle.Unpickler):
    def __init__(self, data: bytes, model: RecordType) -> None:
        super().__init__(io.BytesIO(data))
        self.modules = (*_MODULES, model.__module__)

    def find_class(self, module: str, name: str) -> Any:
        if module == "builtins":
            if name == "getattr":
                return _safe_getattr
            if name in _BUILTINS:
                return getattr(builtins, name)
        elif module.startswith(self.modules) and not any(
            part.startswith("__") for part in name.split(".")
        ):
            found = super().find_class(module, name)
            if isinstance(found, type) or getattr(found, "__module__", None) == module:
                return found
        raise pickle.UnpicklingError(f"refused {module}.{name}")


def load(model: RecordType) -> SchemaValidator | None:
    """The model's validator kept by an earlier run, or None."""
    path = _entry(model)
    if path is None:
        return None
    payload = read_cache_entry(path, MAGIC)
    if payload is None:
        return None
    try:
        arguments = _Unpickler(payload, model).load()
        return SchemaValidator(*arguments)
    except (
        pickle.UnpicklingError,
        AttributeError,
        ImportError,
        EOFError,
        ValueError,
        TypeError,
        pydantic_core.SchemaError,
    ):
        return None  # damaged, or refused: rebuilt and rewritten


def store(model: RecordType, validator: SchemaValidator) -> None:
    """Keep the model's validator; silently nothing when it cannot be kept."""
    path = _entry(model)
    if path is None:
        return
    # What pydantic-core pickles a validator as: the arguments to build it again from.
    arguments = cast("tuple[Any, ...]", validator.__reduce__())[1]
    try:
        payload = pickle.dumps(tuple(arguments), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, AttributeError, TypeError):
        return  # a schema with a lambda in it cannot be kept: built every run
    write_cache_entry(path, MAGIC, payload, path.name.rsplit("-", 1)[0] + "-")


def prepare(model: RecordType) -> Prepared:
    """Give a record its validator before it validates: the one kept from an earlier run,
    else built now (and kept). Says which, for tests."""
    if model in _validators:
        return "ready"
    kept = load(model)
    if kept is not None:
        _validators[model] = kept
        return "cached"
    built = SchemaValidator(record_schema(model))
    store(model, built)
    _validators[model] = built
    return "built"


def validator(model: RecordType) -> SchemaValidator:
    """The record's validator (prepared on first use)."""
    found = _validators.get(model)
    if found is None:
        prepare(model)
        found = _validators[model]
    return found
