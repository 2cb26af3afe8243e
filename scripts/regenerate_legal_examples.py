"""Regenerate the example statements of reasons in docs/examples from the example answers.

Run after a change to the legal rules, engine or report; tests/legal/test_examples.py reads
the files back and fails while they are out of date.

    PYTHONPATH=src DJANGO_SETTINGS_MODULE=grenzeloos.settings .venv/bin/python \
        scripts/regenerate_legal_examples.py
"""

from __future__ import annotations

import json
from pathlib import Path

import django

django.setup()

from grenzeloos.documents import render  # noqa: E402
from grenzeloos.legal import services  # noqa: E402
from grenzeloos.legal.report import build_report  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples"
TARGETS = {
    "legal-answers-example.json": ("motivation-example", ("md", "pdf", "odt", "docx")),
    "legal-consortium-example.json": ("motivation-consortium-example", ("md", "pdf")),
}


def main() -> None:
    for source, (stem, formats) in TARGETS.items():
        answers = json.loads((EXAMPLES / source).read_text(encoding="utf-8"))
        outcome = services.evaluate(answers, language="nl")
        document = build_report(answers, outcome, language="nl")
        for fmt in formats:
            (EXAMPLES / f"{stem}.{fmt}").write_bytes(render(document, fmt))
            print(f"wrote docs/examples/{stem}.{fmt}")


if __name__ == "__main__":
    main()
