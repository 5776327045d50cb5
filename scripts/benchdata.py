"""Generated inputs for the benchmark: person files of a group, large CVs, BibTeX exports.

Everything is deterministic (seeded), so two runs measure the same bytes. The data is shaped
like real CVs (see examples/cv.yaml): author lists in "Family G" form, partial dates, projects
with budgets; a group shares co-authored papers between its members, and some copies of a
shared paper lack the DOI (as when one member typed it and another imported it), so the group
merge has to recognise the same work by its title and year.

    uv run python scripts/benchdata.py group OUT_FOLDER --people 100
    uv run python scripts/benchdata.py cv OUT.yaml --publications 10000 --projects 0
    uv run python scripts/benchdata.py bibtex OUT.bib --entries 5000
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

_GIVEN_TEXT = (
    "Ada Ben Cem Dana Emil Fatma Greta Hugo Ines Jonas Kira Lars Mina Nils Olga Paul Rosa "
    "Sami Tara Udo Vera Wim Xenia Yusuf Zoe Anton Berit Carl Dilek Erik Frida Gustav Hanna "
    "Igor Jana Karl Lena Malte Nora Otto Pia Rainer Selin Theo Ute Viktor Wanda"
)
GIVEN = tuple(_GIVEN_TEXT.split())
_FAMILY_TEXT = (
    "Abel Bauer Cetin Dreyer Eckert Fuchs Graf Hahn Ilic Jung Keller Lange Maier Neumann Ott "
    "Peters Quast Roth Schulz Trautmann Ulrich Vogel Weber Xu Yilmaz Zimmer Albrecht Brandt "
    "Conrad Dietrich Engel Franke Gross Hoffmann Imhof Jansen Krause Lorenz Meyer Nowak Oswald "
    "Pohl Richter Sommer Thiel Unger Voigt Wolf Ziegler Arnold Becker Claus Dahl Ebert Frey"
)
FAMILY = tuple(_FAMILY_TEXT.split())
_WORDS_TEXT = (
    "explainable learning neural network relevance propagation concept attribution model "
    "robust efficient sparse graph language vision transformer medical imaging signal data "
    "analysis interpretable mechanistic circuits pruning quantisation training feedback "
    "physics informed influence functions prototypes segmentation detection spurious bias "
    "fairness uncertainty calibration benchmark evaluation toolbox framework survey"
)
WORDS = tuple(_WORDS_TEXT.split())
VENUES = (
    "Nature Machine Intelligence",
    "Pattern Recognition",
    "IEEE Transactions on Neural Networks and Learning Systems",
    "Information Fusion",
    "Proceedings of the CVPR Workshops",
    "International Conference on Machine Learning",
    "Scientific Reports",
    "Machine Learning",
)
TYPES = ("journal",) * 5 + ("conference",) * 3 + ("workshop", "preprint", "chapter", "software")
FUNDERS = ("BMBF", "DFG", "European Commission", "BMWK", "Fraunhofer")
PROGRAMMES = ("Horizon Europe", "Horizon 2020", "KI-Zentren", "Emmy Noether", "")


def text(value: object) -> str:
    """A YAML scalar: JSON's double-quoted strings are valid YAML."""
    return json.dumps(str(value), ensure_ascii=False)


def _title(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    return " ".join(word.capitalize() if i == 0 else word for i, word in enumerate(chosen))


@dataclass
class Member:
    name: str
    variant: str
    papers: list[str] = field(default_factory=list)  # YAML items, written into the file
    wanted: int = 0


@dataclass
class Paper:
    title: str
    year: int
    kind: str
    venue: str
    doi: str
    authors: list[str]
    pages: str = ""  # every copy has the same pages (without a DOI they tell works apart)


def _paper_item(paper: Paper, rng: random.Random, number: int, keep_doi: bool) -> str:
    lines = [f"  - type: {paper.kind}"]
    if number % 2 == 0:  # half with explicit ids, half derived
        lines.append(f"    id: {text(f'p{number}')}")
    lines.append(f"    title: {text(paper.title)}")
    lines.append(f"    year: {text(paper.year)}")
    lines.append("    authors:")  # one per line, as in examples/cv.yaml
    lines += [f"      - {text(author)}" for author in paper.authors]
    lines.append(f"    venue: {text(paper.venue)}")
    if paper.doi and keep_doi:
        lines.append(f"    doi: {text(paper.doi)}")
    if paper.pages:
        lines.append(f"    pages: {text(paper.pages)}")
    if rng.random() < 0.2:
        lines.append(f"    citations: {rng.randint(0, 900)}")
    return "\n".join(lines)


def _new_paper(rng: random.Random, serial: int, authors: list[str]) -> Paper:
    year = rng.randint(2012, 2026)
    externals = [f"{rng.choice(FAMILY)} {rng.choice(GIVEN)[0]}" for _ in range(rng.randint(0, 5))]
    names = authors + externals
    rng.shuffle(names)
    doi = f"10.5555/bench.{serial}" if rng.random() < 0.8 else ""
    pages = f"{rng.randint(1, 300)}-{rng.randint(301, 600)}" if rng.random() < 0.3 else ""
    return Paper(
        _title(rng, rng.randint(4, 10)) + f" {serial}",
        year,
        rng.choice(TYPES),
        rng.choice(VENUES),
        doi,
        names,
        pages,
    )


def _people(count: int, rng: random.Random) -> list[Member]:
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        name = f"{given} {family}"
        if len(seen) >= len(GIVEN) * len(FAMILY) * 0.9:
            name = f"{given} {family}-{len(names)}"
        if name in seen:
            continue
        seen.add(name)
        names.append(name)
    return [
        Member(name, f"{name.split(' ', 1)[1]} {name[0]}", wanted=rng.randint(50, 150))
        for name in names
    ]


def _share_papers(members: list[Member], rng: random.Random) -> None:
    """Each member's papers; about a third are shared with one to three lab mates (labs of
    ten), and a sixth of the extra copies have no DOI."""
    serial = 0
    for index, member in enumerate(members):
        lab = members[index - index % 10 : index - index % 10 + 10]
        while len(member.papers) < member.wanted:
            serial += 1
            mates = [m for m in lab if m is not member and len(m.papers) < m.wanted]
            others = (
                rng.sample(mates, min(len(mates), rng.randint(1, 3))) if rng.random() < 0.35 else []
            )
            paper = _new_paper(rng, serial, [member.variant, *(m.variant for m in others)])
            member.papers.append(_paper_item(paper, rng, serial, keep_doi=True))
            for mate in others:
                keep = rng.random() >= 1 / 6
                mate.papers.append(_paper_item(paper, rng, serial, keep_doi=keep))


def _dated_items(rng: random.Random, member: int) -> str:
    """Talks, projects, teaching, awards, service and supervision, a few of each."""
    out = ["talks:"]
    for number in range(rng.randint(5, 20)):
        date = f"{rng.randint(2015, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        out.append(
            f"  - {{title: {text(_title(rng, 5))}, date: {text(date)}, "
            f"event: {text('Workshop ' + str(number))}, kind: invited}}"
        )
    out.append("projects:")
    for number in range(rng.randint(2, 8)):
        start = rng.randint(2016, 2026)
        out.append(
            f"  - {{id: {text(f'proj-{member}-{number}')}, acronym: {text(f'P{member}X{number}')}, "
            f"title: {text(_title(rng, 6))}, start: {text(f'{start}-{rng.randint(1, 12):02d}')}, "
            f"end: {text(f'{start + 3}-{rng.randint(1, 12):02d}')}, role: lead, "
            f"funder: {text(rng.choice(FUNDERS))}}}"
        )
    out.append("teaching:")
    for _ in range(rng.randint(2, 6)):
        out.append(
            f"  - {{term: {text('WS ' + str(rng.randint(15, 25)))}, "
            f"course: {text(_title(rng, 3))}, institution: TU Berlin}}"
        )
    awards = [
        f"  - {{name: {text(_title(rng, 3) + ' Prize')}, year: {rng.randint(2010, 2026)}}}"
        for _ in range(rng.randint(0, 3))
    ]
    out += ["awards:", *awards] if awards else ["awards: []"]
    out.append("service:")
    for _ in range(rng.randint(1, 4)):
        out.append(
            f"  - {{role: Reviewer, organization: {text(rng.choice(VENUES))}, "
            f"start: {rng.randint(2015, 2025)}}}"
        )
    out.append("supervision:")
    for number in range(rng.randint(1, 5)):
        out.append(
            f"  - {{name: {text(f'Student {member}-{number}')}, level: PhD, "
            f"start: {rng.randint(2018, 2025)}}}"
        )
    return "\n".join(out)


def write_group(folder: Path, people: int, seed: int = 13) -> list[Path]:
    """``people`` person files ``person-0001.yaml`` ... in ``folder``."""
    rng = random.Random(seed)
    members = _people(people, rng)
    _share_papers(members, rng)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for number, member in enumerate(members, start=1):
        body = [
            f"person: {{name: {text(member.name)}, name_variants: [{text(member.variant)}]}}",
            "positions:",
            f"  - {{role: Researcher, organization: Institute, start: {rng.randint(2010, 2020)}}}",
            "education:",
            f"  - {{degree: PhD, institution: TU Berlin, end: {rng.randint(2005, 2018)}}}",
            "publications:",
            *member.papers,
            _dated_items(rng, number),
        ]
        path = folder / f"person-{number:04d}.yaml"
        path.write_text("\n".join(body) + "\n", encoding="utf-8")
        written.append(path)
    return written


def _publication_flow(rng: random.Random, number: int, name: str) -> str:
    paper = _new_paper(rng, number, [name])
    fields = [
        f"type: {paper.kind}",
        f"title: {text(paper.title)}",
        f"year: {paper.year}",
        f"authors: [{', '.join(text(a) for a in paper.authors)}]",
        f"venue: {text(paper.venue)}",
    ]
    if paper.doi:
        fields.append(f"doi: {text(paper.doi)}")
    return "  - {" + ", ".join(fields) + "}"


def _project_block(rng: random.Random, number: int) -> str:
    start = rng.randint(2000, 2026)
    amount = rng.randint(20, 5000) * 1000
    return (
        f"  - id: {text(f'project-{number}')}\n"
        f"    acronym: {text(f'PRJ{number}')}\n"
        f"    title: {text(_title(rng, 6))}\n"
        f"    funder: {text(rng.choice(FUNDERS))}\n"
        f"    programme: {text(rng.choice(PROGRAMMES) or 'Other')}\n"
        f"    grant_id: {text(f'{rng.randint(10, 99)}IS{number:05d}')}\n"
        f"    start: {text(f'{start}-{rng.randint(1, 12):02d}')}\n"
        f"    end: {text(f'{start + rng.randint(1, 5)}-{rng.randint(1, 12):02d}')}\n"
        f"    role: {rng.choice(('lead', 'coordinator', 'participant'))}\n"
        f"    budget: {{amount: {amount}, currency: EUR}}"
    )


def write_cv(path: Path, publications: int = 0, projects: int = 0, seed: int = 7) -> Path:
    """One person's CV with many publications (flow style, as imports write them) and/or
    projects; about one publication in a hundred repeats an earlier one (a warning)."""
    rng = random.Random(seed)
    name = "Ada Example"
    body = [
        f"person: {{name: {text(name)}, name_variants: [Example A]}}",
        "positions:",
        "  - {role: Head of group, organization: Lab, start: 2021}",
    ]
    if publications:
        body.append("publications:")
        items = [_publication_flow(rng, number, "Example A") for number in range(publications)]
        for number in range(0, publications, 100):
            items[number] = items[max(number - 1, 0)]
        # Imports write ids; one entry in fifty was typed by hand without one.
        body += [
            item if number % 50 == 7 else item.replace("  - {", f"  - {{id: pub-{number}, ", 1)
            for number, item in enumerate(items)
        ]
    if projects:
        body.append("projects:")
        body += [_project_block(rng, number) for number in range(projects)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(body) + "\n", encoding="utf-8")
    return path


def write_bibtex(path: Path, entries: int, seed: int = 11) -> Path:
    """A reference manager's export of ``entries`` articles."""
    rng = random.Random(seed)
    records = []
    for number in range(entries):
        paper = _new_paper(rng, 100_000 + number, ["Example, Ada"])
        authors = " and ".join(
            name if "," in name else f"{name.split(' ')[0]}, {name.split(' ')[1]}."
            for name in paper.authors
        )
        doi = f"  doi = {{{paper.doi}}},\n" if paper.doi else ""
        records.append(
            f"@article{{key{number},\n  author = {{{authors}}},\n  title = {{{paper.title}}},\n"
            f"  journal = {{{paper.venue}}},\n  year = {{{paper.year}}},\n{doi}"
            f"  volume = {{{rng.randint(1, 60)}}},\n"
            f"  pages = {{{rng.randint(1, 99)}--{rng.randint(100, 200)}}}\n}}\n"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(records), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="what", required=True)
    group = commands.add_parser("group")
    group.add_argument("out", type=Path)
    group.add_argument("--people", type=int, default=100)
    cv = commands.add_parser("cv")
    cv.add_argument("out", type=Path)
    cv.add_argument("--publications", type=int, default=10_000)
    cv.add_argument("--projects", type=int, default=0)
    bib = commands.add_parser("bibtex")
    bib.add_argument("out", type=Path)
    bib.add_argument("--entries", type=int, default=5000)
    args = parser.parse_args()
    if args.what == "group":
        print(f"wrote {len(write_group(args.out, args.people))} person files to {args.out}")
    elif args.what == "cv":
        print(f"wrote {write_cv(args.out, args.publications, args.projects)}")
    else:
        print(f"wrote {write_bibtex(args.out, args.entries)}")


if __name__ == "__main__":
    main()
