"""Fail when a translation catalogue is not compiled, fuzzy or incomplete.

The compiled ``.mo`` files are committed so that a checkout runs without gettext; this check
keeps them equal to what ``msgfmt`` makes of the ``.po`` sources.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

LOCALE = Path(__file__).resolve().parent.parent / "src" / "grenzeloos" / "locale"


def check(po: Path) -> list[str]:
    problems = []
    mo = po.with_suffix(".mo")
    with tempfile.TemporaryDirectory() as tmp:
        compiled = Path(tmp) / "out.mo"
        subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(po)], check=True)
        if not mo.exists() or mo.read_bytes() != compiled.read_bytes():
            problems.append(f"{mo.relative_to(LOCALE.parent)} is not compiled from {po.name}")
    text = po.read_text(encoding="utf-8")
    if "#, fuzzy" in text.split("\n\n", 1)[1]:
        problems.append(f"{po.relative_to(LOCALE.parent)} has fuzzy entries")
    stats = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    if po.parent.parent.name == "nl" and ("untranslated" in stats or "fuzzy" in stats):
        problems.append(f"{po.relative_to(LOCALE.parent)}: {stats.strip()}")
    return problems


def main() -> int:
    catalogues = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
    if not catalogues:
        print("no translation catalogues found", file=sys.stderr)
        return 1
    problems = [problem for po in catalogues for problem in check(po)]
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"translations: {len(catalogues)} catalogues compiled and complete")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
