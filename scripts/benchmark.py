"""Measure `assemble` end to end: median wall time and peak memory.

    uv run python scripts/benchmark.py [--profile eu-horizon] [--runs 7]
    uv run python scripts/benchmark.py --pdf        # --pdf: one profile, then all presets

Each run is a fresh process (as a user runs it) writing into a temporary folder. Without
--pdf it prints the median, fastest and slowest run and the peak resident memory, the
in-process time of the pipeline alone (load -> write, no interpreter start-up), and a bare
script that fills the same template with docxtpl, the floor to compare against.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# As on a user's machine, let Python cache bytecode (some shells set PYTHONDONTWRITEBYTECODE,
# which makes every start-up recompile every imported module).
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
PRESETS = ("eu-horizon", "erc", "dfg", "dfg-en", "msca", "eu-horizon-part-a")
BASELINE = """
import sys
from docxtpl import DocxTemplate
template = DocxTemplate(sys.argv[1])
template.render({"person": {"full_name": "A", "contact": "B"}, "labels": {}, "bio": "",
                 "bio_paragraphs": [], "positions": [], "education": [], "projects": [],
                 "publications": [], "awards": [], "talks": [], "profile": {}})
template.save(sys.argv[2])
"""


def run_once(profiles: tuple[str, ...], out: Path, *extra: str) -> tuple[float, float]:
    """Wall time of one `assemble` process and the peak memory of all children so far."""
    arguments = [arg for name in profiles for arg in ("--profile", name)]
    command = [
        sys.executable,
        "-m",
        "assembler",
        *arguments,
        "--out",
        str(out),
        "--as-of",
        "2026-11-21",
        *extra,
    ]
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, capture_output=True, env=ENV)
    elapsed = time.perf_counter() - start
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def baseline_once(out: Path) -> float:
    template = ROOT / "templates" / "eu-horizon-cv.docx"
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", BASELINE, str(template), str(out / "baseline.docx")],
        check=True,
        capture_output=True,
        env=ENV,
    )
    return time.perf_counter() - start


def in_process(profile: str, out: Path, runs: int) -> list[float]:
    sys.path.insert(0, str(ROOT))
    from assembler.build import BuildRequest, build
    from assembler.resources import example_cv

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        build(
            BuildRequest(
                profile=profile, data=example_cv(), as_of=date(2026, 11, 21), out_dir=out, cwd=ROOT
            )
        )
        times.append(time.perf_counter() - start)
    return times


def docx_figures(profile: str, runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        run_once((profile,), out)  # warm the file cache and bytecode
        baseline_once(out)
        results = [run_once((profile,), out) for _ in range(runs)]
        walls = [wall for wall, _ in results]
        peak = max(memory for _, memory in results)
        pipeline = in_process(profile, out, runs)
        baseline = [baseline_once(out) for _ in range(runs)]
    print(f"assemble --profile {profile}, {runs} runs (fresh process each)")
    print(
        f"  median wall time  {statistics.median(walls):.3f} s "
        f"(min {min(walls):.3f}, max {max(walls):.3f})"
    )
    print(f"  peak memory       {peak:.0f} MiB")
    print(f"  pipeline only     {statistics.median(pipeline):.3f} s median (in-process)")
    print(
        f"  bare docxtpl fill {statistics.median(baseline):.3f} s median (same template, "
        "fresh process: the floor)"
    )


def pdf_figures(profile: str, runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        run_once((profile,), out, "--pdf")
        one = [run_once((profile,), out, "--pdf")[0] for _ in range(runs)]
        every = [run_once(PRESETS, out, "--pdf")[0] for _ in range(runs)]
    single, several = statistics.median(one), statistics.median(every)
    print(f"assemble --pdf, {runs} runs each (fresh process each)")
    print(f"  --profile {profile}: median {single:.2f} s")
    print(
        f"  all {len(PRESETS)} presets in one run: median {several:.2f} s "
        f"({(several - single) / (len(PRESETS) - 1):.2f} s per extra document)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="eu-horizon")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--pdf",
        action="store_true",
        help="measure --pdf for the profile and for all presets in one run",
    )
    args = parser.parse_args()
    if args.pdf:
        pdf_figures(args.profile, args.runs)
    else:
        docx_figures(args.profile, args.runs)


if __name__ == "__main__":
    main()
