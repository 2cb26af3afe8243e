"""Hypothesis strategies for canvas JSON and legal answers, fed to the CLI as files.

Whatever the file holds (lone surrogates, NUL, huge or non-finite numbers, wrong shapes), the
CLI answers with exit 0, or exit 1 and one clear line, never its last-resort "unexpected
error", and a refused file writes nothing. ``GRENZELOOS_FUZZ_EXAMPLES`` scales the examples.
"""

from __future__ import annotations

import json
import os
import time

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from grenzeloos.canvas.document import (
    CONTRIBUTION_KINDS,
    INTERESTS,
    LONG_TEXT_FIELDS,
    ROLES,
    SECTORS,
    UNITS,
)
from grenzeloos.canvas.models import Revision
from grenzeloos.cli import main
from grenzeloos.collaborations.models import Collaboration
from tests.fuzz.figures import FIGURES

EXAMPLES = int(os.environ.get("GRENZELOOS_FUZZ_EXAMPLES", "5")) * 6
SETTINGS = hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)

# Any text, lone surrogates and control characters included.
texts = st.text(st.characters(exclude_categories=()), max_size=12)
numbers = (
    st.integers(min_value=-(10**50), max_value=10**50)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from([10**12, 10**12 + 1, 0.005, 1e400, -0.0])
)
junk = st.recursive(
    st.none() | st.booleans() | numbers | texts,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(texts, children, max_size=3),
    max_leaves=8,
)


def either(good):
    return good | junk


contribution = st.fixed_dictionaries(
    {"kind": either(st.sampled_from(CONTRIBUTION_KINDS)), "description": either(texts)},
    optional={"amount": either(numbers), "unit": either(st.sampled_from(UNITS))},
)
partner = st.fixed_dictionaries(
    {
        "name": either(texts),
        "role": either(st.sampled_from(ROLES)),
        "sector": either(st.sampled_from(SECTORS)),
    },
    optional={
        "interests": st.lists(either(st.sampled_from(INTERESTS)), max_size=3),
        "contributions": st.lists(contribution, max_size=2),
    },
)
canvases = st.fixed_dictionaries(
    {"schema": st.just("grenzeloos.canvas/1"), "subject": either(texts)},
    optional={
        **{field: either(texts) for field in LONG_TEXT_FIELDS},
        "date": either(st.dates().map(str)),
        "action_lines": st.lists(either(texts), max_size=3),
        "partners": st.lists(partner, max_size=2),
    },
)
answers = st.fixed_dictionaries(
    {"schema": st.just("grenzeloos.legal/1"), "on_date": either(st.dates().map(str))},
    optional={
        "authority": either(st.sampled_from(["central", "decentral"])),
        "government_role": either(st.sampled_from(["client", "funder", "partner"])),
        "consideration": junk,
        "contract": st.dictionaries(
            st.sampled_from(["kind", "estimated_value_eur", "in_house"]), junk, max_size=3
        ),
        "aid": st.dictionaries(
            st.sampled_from(["amount_eur", "state_resources", "gber_category"]), junk, max_size=3
        ),
    },
)


def _write(tmp_path, data) -> str:
    path = tmp_path / "input.json"
    # ensure_ascii keeps lone surrogates as \\ud800 escapes, as a hostile file would have them
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="ascii")
    return str(path)


def _run(argv: list[str]) -> int:
    """Run the CLI and count the run in the fuzzing figures."""
    started = time.perf_counter()
    code = main(argv)
    FIGURES.record("cli " + " ".join(argv[:2]), code, time.perf_counter() - started)
    return code


def _check(code: int, err: str) -> None:
    assert code in (0, 1), err
    assert "unexpected error" not in err and "Traceback" not in err, err
    if code == 1:
        assert err.count("\n") == 1 and err.startswith("grenzeloos: error: "), err


@pytest.mark.django_db
@SETTINGS
@given(document=canvases)
def test_canvas_import_never_crashes_and_refusals_write_nothing(tmp_path, capsys, document):
    before = (Collaboration.objects.count(), Revision.objects.count())
    code = _run(["canvas", "import", _write(tmp_path, document)])
    out, err = capsys.readouterr()
    _check(code, err)
    if code == 1:
        assert (Collaboration.objects.count(), Revision.objects.count()) == before
        return
    ident = out.strip()
    assert main(["canvas", "show", ident]) == 0
    exported = tmp_path / "out.json"
    assert main(["canvas", "export", ident, "--format", "json", "-o", str(exported)]) == 0
    assert json.loads(exported.read_text(encoding="utf-8"))["schema"] == "grenzeloos.canvas/1"
    capsys.readouterr()


@pytest.mark.django_db
@SETTINGS
@given(data=answers)
def test_legal_assess_never_crashes(tmp_path, capsys, data):
    code = _run(["legal", "assess", _write(tmp_path, data), "--json"])
    out, err = capsys.readouterr()
    _check(code, err)
    if code == 0:
        assert json.loads(out)["schema"] == "grenzeloos.legal-outcome/1"
