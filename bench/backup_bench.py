"""Backup and restore time of the 10,000-collaboration store (issue 18).

Run: ``.venv/bin/python bench/backup_bench.py [--collaborations 10000]``

Seeds the store of ``bench/pages.py`` (N collaborations with 5 revisions each, one account) in
a throw-away store (SQLite in a temporary data dir, or PostgreSQL when DATABASE_URL is set),
then times ``grenzeloos backup`` from it and ``grenzeloos restore`` into a second empty store of
the same kind (a new SQLite data dir; on PostgreSQL the database named by
``--restore-url``, which must be empty). Prints rows, archive size, seconds and rows/s.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pages  # sets up Django on the throw-away store

ROOT = Path(__file__).resolve().parent.parent


def timed(env: dict[str, str], *args: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "grenzeloos", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(done.stderr)
    return elapsed, done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--collaborations", type=int, default=10_000)
    parser.add_argument("--restore-url", default="", help="an empty PostgreSQL database")
    args = parser.parse_args()
    started = time.perf_counter()
    pages.seed(args.collaborations)
    print(f"seeded {args.collaborations} collaborations in {time.perf_counter() - started:.1f} s")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    folder = Path(tempfile.mkdtemp(prefix="grenzeloos-backup-bench-"))
    archive = folder / "store.zip"
    seconds, said = timed(env, "backup", str(archive))
    rows = int(said.split()[0])
    size = archive.stat().st_size / 1e6
    print(f"backup : {seconds:6.1f} s  {rows} rows  {rows / seconds:8.0f} rows/s  {size:.1f} MB")
    target = {**env}
    if os.environ.get("DATABASE_URL"):
        if not args.restore_url:
            raise SystemExit("on PostgreSQL, give --restore-url (an empty database)")
        target["DATABASE_URL"] = args.restore_url
    else:
        target["GRENZELOOS_DATA_DIR"] = str(folder / "restored")
    seconds, said = timed(target, "restore", str(archive))
    print(f"restore: {seconds:6.1f} s  {rows} rows  {rows / seconds:8.0f} rows/s")


if __name__ == "__main__":
    main()
