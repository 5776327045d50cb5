"""Measure `assemble --profile NAME` end to end: median wall time and peak memory.

    uv run python scripts/benchmark.py [--profile eu-horizon] [--runs 7]

Each run is a fresh process (as a user runs it), writing into a temporary folder. Prints the
median, the fastest and slowest run, and the peak resident memory of the slowest process; also
the in-process time of the pipeline alone (load -> write), without interpreter start-up.
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


def run_once(profile: str, out: Path) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "assembler",
            "--profile",
            profile,
            "--out",
            str(out),
            "--as-of",
            "2026-11-21",
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


BASELINE = """
import sys
from docxtpl import DocxTemplate
template = DocxTemplate(sys.argv[1])
template.render({"person": {"full_name": "A", "contact": "B"}, "labels": {}, "bio": "",
                 "bio_paragraphs": [], "positions": [], "education": [], "projects": [],
                 "publications": [], "awards": [], "talks": [], "profile": {}})
template.save(sys.argv[2])
"""


def baseline_once(out: Path) -> float:
    """A bare script filling the same template with docxtpl: the floor we compare against."""
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-c",
            BASELINE,
            str(ROOT / "templates" / "eu-horizon-cv.docx"),
            str(out / "baseline.docx"),
        ],
        check=True,
        capture_output=True,
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="eu-horizon")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        run_once(args.profile, out)  # warm the file cache and bytecode
        baseline_once(out)
        results = [run_once(args.profile, out) for _ in range(args.runs)]
        walls = [wall for wall, _ in results]
        peak = max(mem for _, mem in results)
        pipeline = in_process(args.profile, out, args.runs)
        baseline = [baseline_once(out) for _ in range(args.runs)]
    print(f"assemble --profile {args.profile}, {args.runs} runs (fresh process each)")
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


if __name__ == "__main__":
    main()
