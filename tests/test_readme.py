"""The README keeps its promises: the two commands on top, every setting read from the
environment in its configuration table (a table that renders whole), `make run` checking what it
needs from the machine, and links that lead somewhere."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SRC = ROOT / "src" / "grenzeloos"
SCRIPT = ROOT / "scripts" / "check-prerequisites.sh"
#: Calls that read one environment variable named by their first argument.
READERS = {"get", "getenv", "_env_bool", "_env_list"}


def environment_reads(path: Path) -> set[str]:
    """Names of the environment variables a module reads (``os.environ.get("X")``,
    ``os.environ["X"]``, ``os.getenv("X")``, the settings' ``_env_bool``/``_env_list``)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and node.args:
            function = node.func
            name = (
                function.attr
                if isinstance(function, ast.Attribute)
                else getattr(function, "id", "")
            )
            if name not in READERS:
                continue
            if name == "get" and not (
                isinstance(function, ast.Attribute) and ast.unparse(function.value) == "os.environ"
            ):
                continue
            first = node.args[0]
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
            first = node.slice
        else:
            continue
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            names.add(first.value)
    return names


def configuration_table() -> list[str]:
    section = README.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    return [line for line in section.split("\n") if line.startswith("|")]


def test_the_first_two_commands_stay_on_top() -> None:
    assert README.startswith(
        "# Grenzeloos\n\n```sh\n"
        "make run    # set up everything and serve the app on http://127.0.0.1:8000\n"
        "make test   # set up everything and run the whole test suite\n```\n"
    )


def test_every_setting_read_from_the_environment_is_in_the_table() -> None:
    read = environment_reads(SRC / "settings.py")
    # Read by the CLI and the demo data where they need them, outside settings.py.
    for module in ("cli.py", "site_cli.py", "demo.py", "cases/cli.py"):
        read |= {name for name in environment_reads(SRC / module) if name.startswith("GRENZELOOS")}
    assert {"GRENZELOOS_DATA_DIR", "DATABASE_URL", "GRENZELOOS_DEBUG", "REDIS_URL"} <= read
    listed = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", "\n".join(configuration_table())))
    assert read - listed == set()


def test_the_scan_sees_each_way_of_reading_the_environment(tmp_path: Path) -> None:
    module = tmp_path / "settings.py"
    module.write_text(
        'import os\nA = os.environ.get("ONE", "x")\nB = os.environ["TWO"]\n'
        'C = _env_bool("THREE", False)\nD = _env_list("FOUR", "")\nE = os.getenv("FIVE")\n'
        'F = {}.get("NOT_ENV")\n'
    )
    assert environment_reads(module) == {"ONE", "TWO", "THREE", "FOUR", "FIVE"}


def test_the_configuration_table_renders_whole() -> None:
    section = README.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    lines = section.strip("\n").split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("|"))
    block = lines[first:]
    end = next((i for i, line in enumerate(block) if not line.startswith("|")), len(block))
    # One block of rows: a blank line inside would end the table and print the rest as text.
    assert not [line for line in block[end:] if line.startswith("|")]
    assert re.fullmatch(r"\| --- \| --- \| --- \|", block[1])
    for row in block[:end]:
        cells = re.sub(r"`[^`]*`", "code", row).strip().strip("|").split("|")
        assert len(cells) == 3, row


def test_how_long_the_tests_take_is_said_near_the_top() -> None:
    top = README.split("\n## What it does\n", 1)[0]
    assert "about 21 minutes on 2 cores" in " ".join(top.split())
    assert "20 minutes on SQLite alone" in " ".join(top.split())
    assert "browser tests check the pages in a browser and run on SQLite only" in " ".join(
        top.split()
    )
    for target in ("make lint", "make unit", "make browser", "make postgres-test"):
        assert target in top


def test_relative_links_lead_to_files() -> None:
    documents = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    for document in documents:
        text = document.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
            if not target.startswith(("http://", "https://")):
                assert (document.parent / target).exists(), (document.name, target)


# ---- make run checks what it needs from the machine


def test_make_run_checks_its_prerequisites_first() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^run: prerequisites install$", makefile, re.M)
    assert "scripts/check-prerequisites.sh" in makefile


def _bin(tmp_path: Path, *, npm: bool, venv_module: bool) -> dict[str, str]:
    """A PATH with only the tools the script uses, npm and Python's venv as asked."""
    folder = tmp_path / "bin"
    folder.mkdir(parents=True)
    for tool in ("bash", "grep", "fc-list", "ldconfig", "env"):
        found = subprocess.run(["bash", "-c", f"command -v {tool}"], capture_output=True, text=True)
        if found.stdout.strip():
            (folder / tool).symlink_to(found.stdout.strip())
    python = folder / "python3"
    refuse = "" if venv_module else "*ensurepip*) exit 1 ;;"
    python.write_text(f'#!/bin/sh\ncase "$*" in {refuse} *) exec {sys.executable} "$@" ;; esac\n')
    python.chmod(0o755)
    if npm:
        (folder / "npm").write_text("#!/bin/sh\nexit 0\n")
        (folder / "npm").chmod(0o755)
    return {"PATH": str(folder), "VENV": str(tmp_path / "no-venv")}


def _check(tmp_path: Path, **tools: bool) -> subprocess.CompletedProcess[str]:
    env = _bin(tmp_path, **tools)
    return subprocess.run(
        [env["PATH"] + "/bash", str(SCRIPT), env["PATH"] + "/python3"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.mark.skipif(not Path("/usr/bin/ldconfig").exists() and not Path("/sbin/ldconfig").exists(),
                    reason="Debian's ldconfig finds Pango")  # fmt: skip
def test_a_missing_prerequisite_is_named_in_one_line(tmp_path: Path) -> None:
    result = _check(tmp_path / "npm", npm=False, venv_module=True)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("make run needs npm: install with 'sudo apt-get install npm")
    result = _check(tmp_path / "venv", npm=False, venv_module=False)
    assert result.returncode == 1
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    assert result.stderr.startswith(
        f"make run needs Python's venv module, npm: install with 'sudo apt-get install "
        f"python{version}-venv npm"
    )
    result = _check(tmp_path / "all", npm=True, venv_module=True)
    assert (result.returncode, result.stdout) == (0, "")
    if os.path.exists("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        assert "DejaVu" not in result.stderr
