"""Records: built by their validator or from valid values, copied, compared, pickled (the
group's worker processes send them back)."""

from __future__ import annotations

import pickle

import pytest
from pydantic_core import ValidationError

from assembler.cv.dates import PartialDate
from assembler.cv.model import CV, Link, Publication


def test_validating_builds_the_record_and_keeps_the_given_names() -> None:
    publication = Publication.model_validate({"title": "  Lens ", "year": "2025-03"})
    assert publication.title == "Lens"
    assert publication.year == PartialDate(2025, 3)
    assert publication.authors == [] and publication.selected is False
    assert publication.model_fields_set == {"title", "year"}


def test_calling_the_class_validates_too() -> None:
    assert Link(url=" https://example.org ").url == "https://example.org"
    with pytest.raises(ValidationError) as raised:
        Link(label="slides")  # type: ignore[call-arg]  # the url is missing on purpose
    assert [(e["type"], e["loc"]) for e in raised.value.errors()] == [("missing", ("url",))]


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ValidationError) as raised:
        CV.model_validate(
            {"person": {"name": ""}, "publications": [{"title": "x", "doi": "nope"}], "typo": 1}
        )
    kinds = sorted((e["type"], e["loc"]) for e in raised.value.errors())
    assert kinds == [
        ("extra_forbidden", ("typo",)),
        ("string_too_short", ("person", "name")),
        ("value_error", ("publications", 0, "doi")),
    ]


def test_construct_fills_the_defaults_without_checking() -> None:
    link = Link.model_construct(url="")  # not checked: the caller vouches for the values
    assert link.url == "" and link.label is None
    assert link.model_fields_set == {"url"}
    publication = Publication.model_construct(title="T")
    assert publication.tags == [] and publication.tags is not Publication.model_construct().tags


def test_copy_updates_without_touching_the_original() -> None:
    original = Publication.model_validate({"title": "T"})
    copy = original.model_copy(update={"doi": "10.1/x"})
    assert copy.doi == "10.1/x" and original.doi is None
    assert "doi" in copy.model_fields_set and "doi" not in original.model_fields_set
    assert copy.title == original.title


def test_equality_compares_type_and_values() -> None:
    first = Link.model_validate({"url": "u"})
    assert first == Link.model_validate({"url": "u"})
    assert first != Link.model_validate({"url": "v"})
    assert first != "u"
    with pytest.raises(TypeError):
        hash(first)
    assert repr(first) == "Link(label=None, url='u')"


def test_records_survive_pickling() -> None:
    cv = CV.model_validate({"person": {"name": "Ada"}, "publications": [{"title": "T"}]})
    again = pickle.loads(pickle.dumps(cv))
    assert again == cv
    assert again.publications[0].model_fields_set == {"title"}
