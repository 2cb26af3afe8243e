"""The installed command in a real process: its own database, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.canvas.factories import FIXTURES


def grenzeloos(data_dir, *args, stdin=""):
    env = {**os.environ, "GRENZELOOS_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "grenzeloos", *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_a_new_store_is_migrated_by_any_command(tmp_path):
    listed = grenzeloos(tmp_path, "canvas", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == []


def test_demo_is_idempotent_and_errors_have_no_traceback(tmp_path):
    first = grenzeloos(tmp_path, "demo")
    assert first.returncode == 0, first.stderr
    # Two example canvases plus the twelve cases' example canvases, and the case library.
    assert "14 example canvases added" in first.stdout
    assert "12 library cases added" in first.stdout
    second = grenzeloos(tmp_path, "demo")
    assert "0 example canvases added (14 in all)" in second.stdout
    assert "0 library cases added, 0 updated" in second.stdout
    assert "nothing loaded" in grenzeloos(tmp_path, "demo", "--if-empty").stdout

    listed = grenzeloos(tmp_path, "canvas", "list", "--json")
    assert len(json.loads(listed.stdout)) == 14

    bad = grenzeloos(tmp_path, "canvas", "import", FIXTURES / "does-not-exist.json")
    assert bad.returncode == 1
    assert bad.stderr.strip().endswith("no such file")
    assert "Traceback" not in bad.stderr
    assert (tmp_path / "grenzeloos.sqlite3").exists()
    wal = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]);"
            "print(c.execute('PRAGMA journal_mode').fetchone()[0])",
            str(tmp_path / "grenzeloos.sqlite3"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert wal.stdout.strip() == "wal"
