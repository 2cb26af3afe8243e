"""Backup → restore → every export of every collaboration byte-identical to before, history
included: SQLite → SQLite, SQLite → PostgreSQL and PostgreSQL → SQLite, each store in a real
``grenzeloos`` process of its own.

The PostgreSQL legs run when the suite runs on PostgreSQL (``DATABASE_URL``, as
``scripts/with-postgres.sh`` sets it): they make throw-away databases on that server.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER = os.environ.get("DATABASE_URL", "")
ON_POSTGRESQL = SERVER.startswith(("postgres://", "postgresql://"))


def _env(store: str | Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    env.pop("DATABASE_URL", None)
    if isinstance(store, str):
        env["DATABASE_URL"] = store
        env["GRENZELOOS_DATA_DIR"] = str(Path(os.environ["GRENZELOOS_DATA_DIR"]))
    else:
        env["GRENZELOOS_DATA_DIR"] = str(store)
    return env


def run(
    store: str | Path, *args: object, module: str = "grenzeloos"
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", module, *map(str, args)],
        capture_output=True,
        text=True,
        env=_env(store),
        timeout=600,
        check=False,
    )
    return done


def exports(store: str | Path, target: Path) -> str:
    done = run(store, "exports", target, module="tests.backup.store")
    assert done.returncode == 0, done.stderr
    return target.read_text(encoding="utf-8")


@pytest.fixture
def postgresql_database() -> Iterator[object]:
    """``make()`` → the URL of a new, empty database on the suite's PostgreSQL server."""
    if not ON_POSTGRESQL:
        pytest.skip("runs on PostgreSQL (scripts/with-postgres.sh)")
    import psycopg

    made: list[str] = []

    def make() -> str:
        name = f"backup_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(SERVER, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return SERVER.rsplit("/", 1)[0] + "/" + name

    yield make
    with psycopg.connect(SERVER, autocommit=True) as connection:
        for name in made:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _store(kind: str, tmp_path: Path, name: str, postgresql_database) -> str | Path:
    if kind == "sqlite":
        folder = tmp_path / name
        folder.mkdir()
        return folder
    return postgresql_database()


@pytest.mark.parametrize(
    ("source_kind", "target_kind"),
    [("sqlite", "sqlite"), ("sqlite", "postgresql"), ("postgresql", "sqlite")],
)
def test_backup_restore_gives_byte_identical_exports(source_kind, target_kind, tmp_path, request):
    postgresql_database = (
        request.getfixturevalue("postgresql_database")
        if "postgresql" in (source_kind, target_kind)
        else None
    )
    source = _store(source_kind, tmp_path, "source", postgresql_database)
    target = _store(target_kind, tmp_path, "target", postgresql_database)
    seeded = run(source, "seed", module="tests.backup.store")
    assert seeded.returncode == 0, seeded.stderr
    before = exports(source, tmp_path / "before.json")
    archive = tmp_path / "store.zip"

    backed_up = run(source, "backup", archive)
    assert backed_up.returncode == 0, backed_up.stderr
    assert backed_up.stderr == ""  # no progress bar when not on a terminal
    restored = run(target, "restore", archive)
    assert restored.returncode == 0, restored.stderr
    assert restored.stderr == ""
    assert "rows of" in restored.stdout

    after = exports(target, tmp_path / "after.json")
    differing = {k for k, v in json.loads(before).items() if json.loads(after).get(k) != v}
    assert differing == set()
    assert after == before
    content = json.loads(after)
    assert len([k for k in content if k.endswith(" r4 json")]) == 3  # history is in there
    assert any(k.startswith("assessment ") for k in content)
    # The restored store backs up to the same rows; on the same database byte for byte (the
    # members' checksums are equal; PostgreSQL's jsonb keeps JSON keys in an order of its own).
    again = tmp_path / "again.zip"
    assert run(target, "backup", again).returncode == 0
    if source_kind == target_kind:
        assert _members(again) == _members(archive)
    else:
        assert [m[:2] for m in _members(again)] == [m[:2] for m in _members(archive)]

    # New rows after a restore get new ids (PostgreSQL's sequences were moved past the
    # restored ones): one more collaboration imports and exports.
    imported = run(target, "canvas", "import", ROOT / "tests/fixtures/canvas-minimal.json")
    assert imported.returncode == 0, imported.stderr


def _members(archive: Path) -> list[tuple[str, int, str]]:
    with zipfile.ZipFile(archive) as opened:
        manifest = json.loads(opened.read("manifest.json"))
    return [(m["model"], m["rows"], m["sha256"]) for m in manifest["members"]]


def test_progress_bar_on_a_terminal_only(tmp_path):
    """On a terminal, standard error shows rich's progress bar; elsewhere it stays empty (the
    round trip above checks that)."""
    import pty

    seeded = run(tmp_path, "demo")
    assert seeded.returncode == 0, seeded.stderr
    main, terminal = pty.openpty()
    done = subprocess.run(
        [sys.executable, "-m", "grenzeloos", "backup", tmp_path / "store.zip"],
        stderr=terminal,
        stdout=subprocess.PIPE,
        env={**_env(tmp_path), "COLUMNS": "100"},
        timeout=120,
        check=False,
    )
    os.close(terminal)
    shown = b""
    with contextlib.suppress(OSError):  # the terminal reports its end as an error
        while chunk := os.read(main, 65536):
            shown += chunk
    os.close(main)
    assert done.returncode == 0
    assert "Backing up" in shown.decode()
    assert b"models written to" in done.stdout
