"""Measure `assemble import bibtex`: 5,000 generated BibTeX entries into a generated CV of
500 publications, in one process, as a user runs it.

    uv run python scripts/bench_import.py [--entries 5000] [--publications 500] [--runs 3]

Prints the median, fastest and slowest wall time of a whole import (read, parse, plan, edit,
validate, write) and the time of the BibTeX parsing alone. Every fifth generated entry is
already in the CV (same DOI), so matching and updating are measured too.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_WORDS = " ".join(
    (
        "explaining deep neural networks relevance propagation attribution concept discovery",
        "pruning quantization robustness medical imaging transformers language models faithful",
        "evaluation benchmark segmentation sparse interpretable learning",
    )
).split()
_AUTHORS = (
    ("Lapuschkin", "Sebastian"),
    ('M{\\"u}ller', "Klaus-Robert"),
    ("Samek", "Wojciech"),
    ("Montavon", "Gr{\\'e}goire"),
    ("Binder", "Alexander"),
    ("Achtibat", "Reduan"),
    ("Dreyer", "Maximilian"),
)


def _title(number: int) -> str:
    words = [_WORDS[(number * 7 + step * 3) % len(_WORDS)] for step in range(6)]
    return f"{' '.join(words).capitalize()} {{{number}}}"


def _authors(number: int) -> list[tuple[str, str]]:
    count = 2 + number % 5
    return [_AUTHORS[0], *(_AUTHORS[(number + step) % 6 + 1] for step in range(count))]


def bibtex_entries(count: int) -> str:
    """`count` entries in the shapes Zotero and Scholar write (accents, months, pages)."""
    blocks = []
    for number in range(count):
        authors = " and ".join(f"{family}, {given}" for family, given in _authors(number))
        kind = ("article", "inproceedings", "misc")[number % 3]
        venue = (
            f"journal = {{Journal of Tests {number % 40}}}"
            if kind == "article"
            else f"booktitle = {{Proceedings of Tests {number % 30}}}"
            if kind == "inproceedings"
            else f"eprint = {{{2000 + number % 500:04d}.{number:05d}}}, archivePrefix = {{arXiv}}"
        )
        blocks.append(
            f"@{kind}{{key{number},\n"
            f"  title = {{{_title(number)}}},\n"
            f"  author = {{{authors}}},\n"
            f"  {venue},\n"
            f"  year = {{{2000 + number % 26}}},\n"
            f"  month = {('jan', 'may', 'oct')[number % 3]},\n"
            f"  pages = {{{number % 300 + 1}--{number % 300 + 12}}},\n"
            f"  doi = {{10.5555/test.{number}}},\n"
            "}\n"
        )
    return "\n".join(blocks)


def cv_text(publications: int) -> str:
    """A CV whose publications are every fifth generated entry, as a person wrote them."""
    lines = [
        "person:",
        '  name: "Sebastian Lapuschkin"',
        '  name_variants: ["Lapuschkin S"]',
        "publications:",
    ]
    for index in range(publications):
        number = index * 5
        lines += [
            f'  - id: "pub-{number}"',
            "    type: journal",
            '    authors: ["Lapuschkin S", "Samek W"]',
            f'    year: "{2000 + number % 26}"',
            f'    title: "{_title(number).replace("{", "").replace("}", "")}"',
            f'    venue: "Journal of Tests {number % 40}"',
        ]
    return "\n".join(lines) + "\n"


def _forget_caches() -> None:
    """Each run starts as a new process would: no value decoded yet."""
    from assembler.importers import bibtex, latex

    for cached in (latex.latex_to_text, latex.latex_to_url, bibtex._person, bibtex._names):
        cached.cache_clear()


def run(entries: int, publications: int) -> tuple[float, float, float]:
    """Wall time of one whole import, its CPU time (what the machine's load does not
    change), and the wall time of parsing the BibTeX alone."""
    from assembler.importers.bibtex import parse_bibtex
    from assembler.importers.run import import_files

    with tempfile.TemporaryDirectory() as folder:
        bib = Path(folder) / "papers.bib"
        cv = Path(folder) / "cv.yaml"
        bib.write_text(bibtex_entries(entries), encoding="utf-8")
        cv.write_text(cv_text(publications), encoding="utf-8")
        _forget_caches()
        start, cpu = time.perf_counter(), time.process_time()
        import_files("bibtex", [bib], cv)
        whole, cpu = time.perf_counter() - start, time.process_time() - cpu
        _forget_caches()
        start = time.perf_counter()
        parse_bibtex(bib.read_text(encoding="utf-8"), str(bib))
        parsing = time.perf_counter() - start
    return whole, cpu, parsing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--publications", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    times = [run(options.entries, options.publications) for _ in range(options.runs)]
    wholes = [whole for whole, _, _ in times]
    print(
        f"import bibtex: {options.entries} entries into a CV of {options.publications} "
        f"publications, {options.runs} runs"
    )
    print(
        f"  whole import  median {statistics.median(wholes):.2f} s "
        f"(fastest {min(wholes):.2f} s, slowest {max(wholes):.2f} s)"
    )
    print(f"  whole import  CPU median {statistics.median(c for _, c, _ in times):.2f} s")
    print(f"  parsing alone median {statistics.median(p for _, _, p in times):.2f} s")


if __name__ == "__main__":
    main()
