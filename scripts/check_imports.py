#!/usr/bin/env python3
"""The dependency contract of Grenzeloos, checked on the source (``make lint`` runs this).

The house has layers; a module may only import from its own app and the apps it is allowed to::

    core            -> (nothing of grenzeloos)
    publication     -> (nothing of grenzeloos)
    documents       -> core
    audit           -> core
    accounts        -> core, audit
    collaborations  -> core, audit, accounts
    organisations   -> core, audit, accounts, publication
    live            -> core, accounts, collaborations
    <capability>    -> core, audit, accounts, documents, collaborations, organisations, live,
                       publication

A *capability* is every other app: any folder under ``src/grenzeloos`` with an ``apps.py``
(canvas, legal, and whatever comes next), so a new app is covered without editing this file.
Capabilities never import each other and no app imports the composition layer (the modules
directly in ``grenzeloos/``: cli, urls, api_urls, settings, demo, ...). Both ``import x`` and
``from x import y`` count, also inside functions; ``if TYPE_CHECKING:`` imports count too.

Templates keep the same contract: a capability's template names (``{% url 'app:name' %}``) only
its own URLs and those of the shared apps. It reaches another capability's page only through a
port, ``{% collaboration_url "legal" pk %}`` / ``{% collaboration_menu pk %}`` of
``core.extensions``, or, in the template of a canvas panel (one its ``panel.py`` or ``panels.py``
renders), the canvas page that hosts the panel.

Run: ``python scripts/check_imports.py [SRC_DIR]``; exit 1 with one line per violation.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path

PACKAGE = "grenzeloos"
#: Shared apps and what each may import (besides itself).
SHARED: dict[str, frozenset[str]] = {
    "core": frozenset(),
    # The publication's vocabulary: plain data every capability speaks (no app beneath it).
    "publication": frozenset(),
    "documents": frozenset({"core"}),
    "audit": frozenset({"core"}),
    "accounts": frozenset({"core", "audit"}),
    "collaborations": frozenset({"core", "audit", "accounts"}),
    # The registry of organisations and contact persons every capability links to.
    "organisations": frozenset({"core", "audit", "accounts", "publication"}),
    # The live channel (publish/subscribe): checks access through collaborations.
    "live": frozenset({"core", "accounts", "collaborations"}),
}
#: What every capability app may import (besides itself).
CAPABILITY_ALLOWED = frozenset(
    {
        "core",
        "audit",
        "accounts",
        "documents",
        "collaborations",
        "organisations",
        "live",
        "publication",
    }
)
#: Folders of the package that are no app (templates, translations, data).
NOT_APPS = frozenset({"locale", "templates", "demo_data", "static", "__pycache__"})


def apps(package_dir: Path) -> list[str]:
    """The apps: shared ones plus every folder with an ``apps.py``."""
    found = {path.parent.name for path in package_dir.glob("*/apps.py")}
    found |= {name for name in SHARED if (package_dir / name).is_dir()}
    return sorted(found)


def allowed_for(app: str) -> frozenset[str]:
    return SHARED.get(app, CAPABILITY_ALLOWED)


def _imports(tree: ast.AST, module: str) -> Iterator[tuple[int, str]]:
    """(line, imported module) for every import, relative ones resolved against ``module``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = module.split(".")[: -node.level]
                base = ".".join([*parts, node.module] if node.module else parts)
            else:
                base = node.module or ""
            yield node.lineno, base
            # ``from grenzeloos import canvas`` imports the app itself.
            if base == PACKAGE:
                for alias in node.names:
                    yield node.lineno, f"{PACKAGE}.{alias.name}"


def check(src_dir: Path) -> list[str]:
    """Every violation of the contract under ``src_dir`` (the folder holding ``grenzeloos``)."""
    package_dir = src_dir / PACKAGE
    known_apps = apps(package_dir)
    composition = {path.stem for path in package_dir.glob("*.py") if path.stem != "__init__"}
    problems: list[str] = []
    for app in known_apps:
        allowed = allowed_for(app) | {app}
        for path in sorted((package_dir / app).rglob("*.py")):
            relative = path.relative_to(src_dir).with_suffix("")
            module = ".".join(relative.parts)  # a package's own is "<package>.__init__"
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for line, imported in _imports(tree, module):
                parts = imported.split(".")
                if parts[0] != PACKAGE or len(parts) < 2:
                    continue
                target = parts[1]
                if target in known_apps and target not in allowed:
                    kind = "capability" if app not in SHARED else "shared app"
                    problems.append(
                        f"{path.relative_to(src_dir)}:{line}: {kind} {app!r} imports {imported} "
                        f"(allowed: {', '.join(sorted(allowed_for(app))) or 'nothing'})"
                    )
                elif target in composition and target not in known_apps:
                    problems.append(
                        f"{path.relative_to(src_dir)}:{line}: {app!r} imports the composition "
                        f"layer ({imported})"
                    )
    return problems


#: ``{% url 'namespace:name' ... %}`` (either quote).
_URL_TAG = re.compile(r"""\{%\s*url\s+(['"])(\w+):[^'"]*\1""")
#: The page a canvas panel's template is shown on, which it may link to.
PANEL_HOST = "canvas"


def _panel_templates(app_dir: Path) -> set[str]:
    """Template names (``guidance/_panel.html``) the app's canvas panel module renders."""
    names: set[str] = set()
    for module in ("panel.py", "panels.py"):
        path = app_dir / module
        if path.exists():
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            names |= {
                node.value
                for node in ast.walk(tree)
                if isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and node.value.endswith((".html", ".txt"))
            }
    return names


def check_templates(src_dir: Path) -> list[str]:
    """Every template of a capability that links to another capability's URLs directly."""
    package_dir = src_dir / PACKAGE
    known_apps = apps(package_dir)
    problems: list[str] = []
    for app in known_apps:
        if app in SHARED:
            continue
        templates_dir = package_dir / app / "templates"
        panels = _panel_templates(package_dir / app)
        allowed = CAPABILITY_ALLOWED | {app}
        for path in sorted(templates_dir.rglob("*")):
            if not path.is_file() or path.suffix not in (".html", ".txt"):
                continue
            name = path.relative_to(templates_dir).as_posix()
            text = path.read_text(encoding="utf-8")
            for match in _URL_TAG.finditer(text):
                target = match.group(2)
                if target in allowed or target not in known_apps:
                    continue
                if target == PANEL_HOST and name in panels:
                    continue
                line = text.count("\n", 0, match.start()) + 1
                problems.append(
                    f"{path.relative_to(src_dir)}:{line}: capability {app!r} template links to "
                    f"{target!r} directly ({match.group(0)}); go through a panel or the "
                    f'collaboration pages port ({{% collaboration_url "{target}" pk %}})'
                )
    return problems


def main(argv: list[str]) -> int:
    src_dir = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "src"
    problems = check(src_dir) + check_templates(src_dir)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(
            f"{len(problems)} import(s) or link(s) break the dependency contract", file=sys.stderr
        )
        return 1
    print(f"import contract kept by {len(apps(src_dir / PACKAGE))} apps and their templates")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
