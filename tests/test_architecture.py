"""The dependency contract (scripts/check_imports.py, run by ``make lint``): the real source
keeps it, and a violation of each kind is caught, also in an app that does not exist yet. And
the house rule "no logic in save() or signals": no app of ours receives a model's signals."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import weakref
from pathlib import Path

import pytest
from django.db.models import signals

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "check_imports.py"


def _checker():
    spec = importlib.util.spec_from_file_location("check_imports", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    """A fake ``src`` with the shared apps, canvas, legal and the given extra files."""
    src = tmp_path / "src"
    apps = (
        "core",
        "documents",
        "audit",
        "accounts",
        "collaborations",
        "live",
        "publication",
        "canvas",
        "legal",
    )
    for app in apps:
        (src / "grenzeloos" / app).mkdir(parents=True)
        (src / "grenzeloos" / app / "__init__.py").write_text("")
        (src / "grenzeloos" / app / "apps.py").write_text("")
    (src / "grenzeloos" / "__init__.py").write_text("")
    (src / "grenzeloos" / "cli.py").write_text("from grenzeloos.canvas import cli\n")
    for name, text in files.items():
        path = src / "grenzeloos" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return src


def test_the_source_keeps_the_contract():
    assert _checker().check(ROOT / "src") == []
    assert _checker().check_templates(ROOT / "src") == []


def test_no_app_of_grenzeloos_receives_model_signals():
    """What follows a change is called by the use case that makes it (a membership or an
    account changed tells the workshop's rooms through ``core.extensions.MEMBERS_CHANGED``)."""
    ours = []
    names = ("pre_init", "post_init", "pre_save", "post_save", "pre_delete", "post_delete")
    for name in (*names, "m2m_changed"):
        for entry in getattr(signals, name).receivers:
            receiver = entry[1]
            if isinstance(receiver, weakref.ReferenceType):
                receiver = receiver()
            if getattr(receiver, "__module__", "").startswith("grenzeloos"):
                ours.append(f"{name}: {receiver.__module__}.{receiver.__qualname__}")
    assert ours == []


def test_make_lint_runs_the_check():
    lint = (ROOT / "Makefile").read_text().split("\nlint:")[1].split("\n\n")[0]
    assert "scripts/check_imports.py" in lint


def test_allowed_imports_pass(tmp_path):
    src = _tree(
        tmp_path,
        {
            "legal/views.py": "from grenzeloos.collaborations.access import collaboration_for\n"
            "from grenzeloos.core.errors import NotFound\nfrom grenzeloos.documents import render\n"
            "from . import services\nfrom .models import X\n",
            "collaborations/services.py": "from grenzeloos.accounts.services import cli_actor\n",
            "live/consumers.py": "from grenzeloos.collaborations import access\n",
            "canvas/services.py": "from grenzeloos.live.services import publish\n",
            # The publication's vocabulary is shared floor: every capability may read it.
            "legal/answers.py": "from grenzeloos.publication import Sector\n",
            "canvas/document.py": "from grenzeloos import publication\n",
        },
    )
    assert _checker().check(src) == []


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("legal/views.py", "from grenzeloos.canvas.models import Role\n", "'legal' imports"),
        ("legal/services.py", "def f():\n    import grenzeloos.canvas.services\n", "'legal'"),
        ("legal/api.py", "from grenzeloos import canvas\n", "grenzeloos.canvas"),
        ("legal/cli.py", "from ..canvas import services\n", "grenzeloos.canvas"),
        ("canvas/x.py", "from grenzeloos.legal.services import has_assessment\n", "'canvas'"),
        ("core/x.py", "from grenzeloos.canvas.models import Canvas\n", "shared app 'core'"),
        ("core/y.py", "from grenzeloos.collaborations import access\n", "shared app 'core'"),
        ("documents/x.py", "from grenzeloos.audit.services import record\n", "'documents'"),
        ("collaborations/x.py", "from grenzeloos.canvas import services\n", "'collaborations'"),
        # The live channel is shared floor: above collaborations, below every capability.
        ("live/x.py", "from grenzeloos.canvas.models import Canvas\n", "shared app 'live'"),
        ("collaborations/y.py", "from grenzeloos.live import services\n", "'collaborations'"),
        ("core/z.py", "from grenzeloos.live.events import Kind\n", "shared app 'core'"),
        # The vocabulary stands below every app: it imports none, not even core.
        ("publication/x.py", "from grenzeloos.canvas import document\n", "'publication'"),
        ("publication/y.py", "from grenzeloos.core.errors import UserError\n", "'publication'"),
        ("legal/z.py", "from grenzeloos.cli import main\n", "composition layer"),
        # An app that does not exist yet is a capability as soon as it has an apps.py.
        ("guidance/apps.py", "", None),
        ("guidance/advice.py", "from grenzeloos.canvas.document import ZONES\n", "'guidance'"),
    ],
)
def test_each_kind_of_violation_is_caught(tmp_path, name, text, expected):
    files = {name: text}
    if name.startswith("guidance/") and name != "guidance/apps.py":
        files["guidance/apps.py"] = ""
    problems = _checker().check(_tree(tmp_path, files))
    if expected is None:
        assert problems == []
    else:
        assert len(problems) == 1, problems
        assert expected in problems[0] and name in problems[0]


def test_the_command_fails_with_one_line_per_violation(tmp_path):
    src = _tree(tmp_path, {"legal/views.py": "from grenzeloos.canvas.models import Role\n"})
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(src)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "legal/views.py:1:" in result.stderr
    assert "1 import(s) or link(s) break the dependency contract" in result.stderr


# ---- templates: a capability links to another only through a panel or the pages port


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        # The canvas header once linked to the legal check directly.
        (
            "canvas/templates/canvas/_canvas_header.html",
            "<a href=\"{% url 'legal:collaboration' collaboration.pk %}\">x</a>",
            "'canvas' template links to 'legal'",
        ),
        (
            "legal/templates/legal/page.html",
            '{% load i18n %}\n<p>\n<a href="{% url "canvas:detail" pk %}">x</a>',
            "legal/page.html:3: capability 'legal' template links to 'canvas'",
        ),
        # A panel's template may link to the canvas page it is shown on, to nothing else.
        ("legal/templates/legal/_panel.html", "{% url 'canvas:detail' pk %}", None),
        (
            "legal/templates/legal/_panel.html",
            "{% url 'ledger:ledger' pk %}",
            "'legal' template links to 'ledger'",
        ),
        # Its own URLs, the shared floor's, the composition's and the port are fine.
        (
            "legal/templates/legal/ok.html",
            "{% url 'legal:new' %}{% url 'collaborations:members' pk %}{% url 'set_language' %}"
            '{% url "accounts:login" %}{% collaboration_url "canvas" pk %}',
            None,
        ),
    ],
)
def test_a_template_linking_to_another_capability_is_caught(tmp_path, name, text, expected):
    files = {
        name: text,
        "ledger/apps.py": "",
        "legal/panel.py": 'def render():\n    return render_to_string("legal/_panel.html", {})\n',
    }
    problems = _checker().check_templates(_tree(tmp_path, files))
    if expected is None:
        assert problems == []
    else:
        assert len(problems) == 1, problems
        assert expected in problems[0]


def test_the_command_fails_on_a_template_link(tmp_path):
    src = _tree(
        tmp_path,
        {"canvas/templates/canvas/x.html": "{% url 'legal:collaboration' 1 %}"},
    )
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(src)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "canvas/templates/canvas/x.html:1: capability 'canvas' template links to" in (
        result.stderr
    )
