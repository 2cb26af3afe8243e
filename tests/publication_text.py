"""The publication as the tests read it, and the originality guard over every shipped text.

The publication is not redistributed with the code; the team's copy lies in shared/ beside the
repository or a folder above it (as on the developers' machines and in CI) unless
GRENZELOOS_PUBLICATION says where. Outside CI a machine without it skips the tests that need it;
under CI (``CI`` set) they fail, so the guard can never pass by not looking.

The guard: no run of ``RUN`` words of any Dutch or English text the product ships equals a run of
the publication. Words are compared after folding case, accents (the publication stresses "kán",
"én") and markup away; the publication is read three ways (as extracted, with words broken over
two lines joined, and without the short headings and captions that interrupt its sentences).
"""

from __future__ import annotations

import ast
import html
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
_SEED = "shared/seed/innoveren-over-grenzen-heen.txt"
RUN = 12

#: Where the product's texts are: the package (code, templates, translations, case files, demo
#: data, example canvases, schemas), the documentation and the README.
SHIPPED = (REPO / "src/grenzeloos", REPO / "docs", REPO / "README.md")

#: Files with no Dutch or English prose in them (images, compiled bytecode).
NO_TEXT = {".png", ".jpg", ".svg", ".ico", ".woff", ".woff2", ".pyc"}


def publication_path() -> Path:
    if os.environ.get("GRENZELOOS_PUBLICATION"):
        return Path(os.environ["GRENZELOOS_PUBLICATION"])
    # Beside the repository, or beside the folder holding it (a git worktree of it).
    beside = [folder / _SEED for folder in REPO.parents]
    return next((path for path in beside if path.exists()), beside[0])


def publication_text() -> str:
    """The publication's text; skips without it, but fails under CI (``CI`` set)."""
    path = publication_path()
    if not path.exists():
        message = f"the publication text is not available at {path} (set GRENZELOOS_PUBLICATION)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path.read_text(encoding="utf-8")


_TEMPLATE_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
_QUOTED = re.compile(r"\"([^\"]*)\"|'([^']*)'")
_MARKUP = re.compile(r"<[^>]*>|\{#.*?#\}|%\(\w+\)[sdfr]|\{\w*\}", re.S)


def _quoted(tag: re.Match[str]) -> str:
    """A template tag stands for the texts quoted in it (``{% translate "…" %}``, ``_("…")``)."""
    return " | ".join(a or b for a, b in _QUOTED.findall(tag.group(0))) or " | "


def words(text: str) -> list[str]:
    """The words of a text, folded: no markup, placeholders, case or accents."""
    text = html.unescape(_MARKUP.sub(" ", _TEMPLATE_TAG.sub(_quoted, text)))
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text))


def shingles(text: str) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i : i + RUN]) for i in range(len(found) - RUN + 1)}


@cache
def _publication_shingles(text: str) -> frozenset[tuple[str, ...]]:
    joined = re.sub(r"(\w)-[ \t]*\n\s*(\w)", r"\1\2", text)
    blocks = re.split(r"\n\s*\n", joined)
    # Headings, names and pull quotes of a few words stand between the halves of a sentence.
    bare = "\n".join(block for block in blocks if len(block.split()) > 6)
    return frozenset(shingles(text) | shingles(joined) | shingles(bare))


def publication_shingles() -> frozenset[tuple[str, ...]]:
    return _publication_shingles(publication_text())


# ---- reading every shipped file


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _po(path: Path) -> Iterator[str]:
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in [*catalog, *catalog.obsolete.values()]:
        yield from _strings(message.id)
        yield from _strings(message.string)


def _mo(path: Path) -> Iterator[str]:
    from babel.messages.mofile import read_mo

    with path.open("rb") as handle:
        for message in read_mo(handle):
            yield from _strings(message.id)
            yield from _strings(message.string)


def _python(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value
        elif isinstance(node, ast.JoinedStr):  # an f-string, its placeholders as breaks
            yield " ".join(
                part.value if isinstance(part, ast.Constant) else "{}" for part in node.values
            )


def _yaml(path: Path) -> Iterator[str]:
    for document in yaml.safe_load_all(path.read_text(encoding="utf-8")):
        yield from _strings(document)


def _json(path: Path) -> Iterator[str]:
    yield from _strings(json.loads(path.read_text(encoding="utf-8")))


def _plain(path: Path) -> Iterator[str]:
    yield path.read_text(encoding="utf-8")


def _pdf(path: Path) -> Iterator[str]:
    from pypdf import PdfReader

    yield "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _docx(path: Path) -> Iterator[str]:
    import docx

    document = docx.Document(str(path))
    yield "\n".join(paragraph.text for paragraph in document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            yield " ".join(cell.text for cell in row.cells)


def _odt(path: Path) -> Iterator[str]:
    from odf import teletype, text
    from odf.opendocument import load

    document = load(str(path))
    for element in document.getElementsByType(text.P) + document.getElementsByType(text.H):
        yield teletype.extractText(element)


READERS = {
    ".po": _po,
    ".mo": _mo,
    ".py": _python,
    ".yaml": _yaml,
    ".yml": _yaml,
    ".json": _json,
    ".html": _plain,
    ".txt": _plain,
    ".md": _plain,
    ".js": _plain,
    ".css": _plain,
    ".pdf": _pdf,
    ".docx": _docx,
    ".odt": _odt,
}


def shipped_files(roots: Iterable[Path] = SHIPPED) -> list[Path]:
    files: list[Path] = []
    for root in roots:
        candidates = [root] if root.is_file() else sorted(root.rglob("*"))
        files += [
            path
            for path in candidates
            if path.is_file() and "__pycache__" not in path.parts and path.suffix not in NO_TEXT
        ]
    return files


@dataclass(frozen=True)
class Copy:
    path: Path
    words: str

    def __str__(self) -> str:
        try:
            where = self.path.relative_to(REPO)
        except ValueError:
            where = self.path
        return f"{where}: {len(self.words.split())} words: {self.words}"


def copies(texts: Iterable[str], path: Path, published: frozenset[tuple[str, ...]]) -> list[Copy]:
    """Each longest run of ``RUN`` or more words of ``texts`` that is also in ``published``."""
    found: list[Copy] = []
    for text in texts:
        folded = words(text)
        spans: list[list[int]] = []
        for start in range(len(folded) - RUN + 1):
            if tuple(folded[start : start + RUN]) in published:
                if spans and start <= spans[-1][1]:
                    spans[-1][1] = start + RUN
                else:
                    spans.append([start, start + RUN])
        found += [Copy(path, " ".join(folded[a:b])) for a, b in spans]
    return found


def copied_runs(files: Iterable[Path]) -> list[Copy]:
    published = publication_shingles()
    found: list[Copy] = []
    for path in files:
        found += copies(READERS[path.suffix](path), path, published)
    return found
