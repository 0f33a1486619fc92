"""Batch mode on one core and on all of them: the same stories, the same output, wall time.

Usage: python bench/batch_speed.py [--stories N] [--summary-only] [DATA_FILE]

Writes the first N stories of DATA_FILE (default ../shared/data/multinews_val250.jsonl) to a
temporary JSONL file and runs the command a user runs, ``newsfuse brief --jsonl FILE -o OUT``,
in a fresh process with ``--workers 1`` and with ``--workers os.cpu_count()``: start-up, model
loading in every worker and writing are all in the wall time. Checks that both runs wrote the
same briefs in the same order, then prints a Markdown section for bench/RESULTS.md with the
date, the CPU count and the load average measured in this run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "multinews_val250.jsonl"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(path: Path, out: Path, workers: int, analyse: bool) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and its workers)."""
    command = [sys.executable, "-m", "newsfuse.cli", "brief", "--jsonl", str(path), "-o", str(out)]
    command += ["--workers", str(workers)] + ([] if analyse else ["--summary-only"])
    env = {**os.environ, "PYTHONPATH": str(REPO)}  # this checkout, wherever it is installed
    cpu = _children_cpu()
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - started, _children_cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--stories", type=int, default=20)
    parser.add_argument("--summary-only", action="store_true")
    args = parser.parse_args()
    cpus = os.cpu_count() or 1
    analyse = not args.summary_only
    with args.data.open(encoding="utf-8") as fh:
        lines = list(itertools.islice(fh, args.stories))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "batch.jsonl"
        path.write_text("".join(lines), encoding="utf-8")
        articles = sum(line.count('"text"') for line in lines)
        load_before = os.getloadavg()[0]
        one, one_cpu = run(path, Path(tmp) / "one.jsonl", 1, analyse)
        many, many_cpu = run(path, Path(tmp) / "many.jsonl", cpus, analyse)
        load_after = os.getloadavg()[0]
        same = (Path(tmp) / "one.jsonl").read_bytes() == (Path(tmp) / "many.jsonl").read_bytes()
    mode = "full brief" if analyse else "summary only"
    command = "python bench/batch_speed.py " + " ".join(sys.argv[1:])
    print(f"## Batch on {cpus} cores (bench/batch_speed.py), {dt.date.today().isoformat()}, {cpus} cores\n")
    print(f"Command: `{command.strip()}`. Data: the first {len(lines)} stories ({articles} articles) of")
    print(f"`{args.data.name}`, {mode}. os.cpu_count() = {cpus}; load average {load_before:.1f} before,")
    print(f"{load_after:.1f} after (other work on the machine counts against the parallel run).\n")
    print("Wall time of `newsfuse brief --jsonl FILE -o OUT --workers N` in a fresh process, start-up included.\n")
    print("CPU seconds: the command and its workers; CPU / wall is the number of cores the run actually got.\n")
    print("| workers | wall seconds | stories/s | speed-up | CPU seconds | cores obtained |")
    print("|---:|---:|---:|---:|---:|---:|")
    for workers, wall, cpu in ((1, one, one_cpu), (cpus, many, many_cpu)):
        rate = len(lines) / wall
        print(f"| {workers} | {wall:.1f} | {rate:.2f} | {one / wall:.2f}x | {cpu:.1f} | {cpu / wall:.2f} |")
    print(f"\nSame briefs, same order in both runs: {'yes' if same else 'NO'}.")


if __name__ == "__main__":
    main()
