"""RIS as Zotero, EndNote, Web of Science, Scopus and the legacy dialect write it."""

from __future__ import annotations

import pytest

from assembler.importers.ris import parse_ris, split_records
from assembler.importers.run import read_text
from tests.importers import corpus


def read(file: str) -> list:
    text, _ = read_text(corpus.path(file), legacy=True)
    return parse_ris(text, file)


@pytest.mark.parametrize("file", corpus.files("ris/"))
def test_every_fixture_gives_the_facts_of_the_manifest(file: str) -> None:
    records = [record for record in read(file) if record.fields]
    assert corpus.check(file, records) == []


def test_continuation_lines_belong_to_the_tag_above() -> None:
    ((line, record),) = split_records(
        "TY  - JOUR\r\nTI  - A title\r\nN1  - first\r\nsecond line\r\nER  - \r\n\r\n"
    )
    assert line == 1
    assert record["N1"] == ["first\nsecond line"]
    assert record["TI"] == ["A title"]


def test_an_erratum_is_left_out_with_a_warning() -> None:
    (erratum,) = [r for r in read("ris/scopus-export.ris") if not r.fields]
    assert erratum.key == "5" and "erratum" in erratum.problems[0]


def test_citation_counts_come_with_their_source_and_date() -> None:
    scopus = read("ris/scopus-export.ris")[0].fields["citations"]
    assert scopus == {"count": 15, "source": "Scopus", "as_of": "2024-05-04"}
    wos = read("ris/web-of-science-export.ris")[0].fields["citations"]
    assert wos == {"count": 12, "source": "Web of Science"}  # not "Total Times Cited: 14"
