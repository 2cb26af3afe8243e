"""Benchmark: how quickly the command line answers --help, a command's -h and an argument error.

Run: ``.venv/bin/python bench/cli_help.py [--runs 10]``. Each case runs ``grenzeloos`` in a new
process ``--runs`` times; printed are the median and worst wall time and the median CPU time
(user + system of the child). The goal: under 0.3 s wall on a quiet machine, which needs the
answer to come from the parser alone, without setting Django up.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMAND = [str(Path(sys.executable).parent / "grenzeloos")]
CASES = {
    "grenzeloos --help": ["--help"],
    "grenzeloos canvas -h": ["canvas", "-h"],
    "grenzeloos partners -h": ["partners", "-h"],
    "grenzeloos backup -h": ["backup", "-h"],
    "argument error": ["canvas", "show"],
}


def _one(words: list[str], env: dict[str, str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([*COMMAND, *words], env=env, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "GRENZELOOS_DATA_DIR": tempfile.mkdtemp(prefix="grenzeloos-bench-cli-"),
    }
    _one(["--help"], env)  # warm the file cache
    print(f"{runs} runs each (load average {os.getloadavg()[0]:.1f})")
    for name, words in CASES.items():
        samples = [_one(words, env) for _ in range(runs)]
        walls = [wall for wall, _cpu in samples]
        cpus = [cpu for _wall, cpu in samples]
        print(
            f"{name:>24}: wall median {statistics.median(walls):.3f} s"
            f"  worst {max(walls):.3f} s  CPU median {statistics.median(cpus):.3f} s"
        )


if __name__ == "__main__":
    main()
