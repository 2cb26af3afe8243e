"""The API as outside linters see it: Spectral with the OpenAPI ruleset and the NLGov API
Design Rules of ``.spectral.yaml`` finds nothing in docs/openapi.json (``make lint-openapi``
fails on any warning), and each NLGov rule does catch what it is there for."""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPECTRAL = ROOT / "node_modules" / ".bin" / "spectral"
DOCUMENT = ROOT / "docs" / "openapi.json"

pytestmark = pytest.mark.skipif(
    not SPECTRAL.exists(), reason="Spectral is not installed (npm ci installs it)"
)


def _lint(path: Path) -> list[dict[str, Any]]:
    done = subprocess.run(
        [str(SPECTRAL), "lint", str(path), "--ruleset", str(ROOT / ".spectral.yaml"), "-f", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    # With no results Spectral adds a sentence after the JSON list.
    results, _end = json.JSONDecoder().raw_decode(done.stdout)
    return results


def test_the_committed_document_has_no_error_and_no_warning():
    assert [(r["code"], r["path"]) for r in _lint(DOCUMENT)] == []


def test_the_nlgov_rules_catch_what_they_are_for(tmp_path):
    document = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    del document["paths"]["/collaborations"]["get"]["responses"]["200"]["headers"]["API-Version"]
    document["servers"][0]["url"] = "/api"
    document["paths"]["/examples/"] = document["paths"].pop("/examples")
    document["paths"]["/organisations/{id}"]["get"]["responses"]["404"]["content"] = {
        "application/json": {"schema": {"type": "object"}}
    }
    del document["info"]["contact"]["email"]
    document["info"]["version"] = "1.0"
    broken = tmp_path / "openapi.json"
    broken.write_text(json.dumps(document), encoding="utf-8")
    found = Counter(result["code"] for result in _lint(broken) if result["severity"] == 0)
    assert found == {
        "nlgov-version-header": 1,
        "nlgov-uri-version": 1,
        "nlgov-no-trailing-slash": 1,
        "nlgov-path-segments-kebab-case": 1,
        "nlgov-problem-details": 1,
        "nlgov-contact": 1,
        "nlgov-semver": 1,
    }
