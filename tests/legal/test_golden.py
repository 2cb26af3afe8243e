"""The legal outcomes of every example and of a few hundred seeded answer sets stay exact.

Why: the engine was reorganised into a package by concern; that must not change a single
conclusion, step, warning, route per beneficiary, open question or sentence of the motivation.
tests/legal/golden_outcomes.json was recorded from the engine before the reorganisation (see
tests/legal/golden.py); this test rebuilds the same record from the current code and compares
it byte for byte. A deliberate change of the law or the wording updates the record in the same
commit, with ``python -m tests.legal.golden --write``.
"""

from __future__ import annotations

import json

from tests.legal.golden import GENERATED, GOLDEN, all_answers, serialise


def test_every_outcome_and_motivation_is_byte_identical_to_the_record() -> None:
    recorded = GOLDEN.read_text(encoding="utf-8")
    current = serialise(all_answers())
    if current != recorded:
        old = {json.loads(line)["name"]: line for line in recorded.splitlines()}
        new = {json.loads(line)["name"]: line for line in current.splitlines()}
        changed = sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))
        raise AssertionError(f"{len(changed)} cases differ from the record, first: {changed[:10]}")


def test_the_record_covers_the_examples_the_scenarios_and_the_seeded_sets() -> None:
    names = [json.loads(line)["name"] for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    assert len(names) == len(set(names))
    assert {"example-legal-answers-example", "example-legal-consortium-example"} <= set(names)
    assert sum(name.startswith("scenario-") for name in names) >= 100
    assert sum(name.startswith("generated-") for name in names) == GENERATED
    entries = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    routes = {e["summary"]["route"] for e in entries if "summary" in e}
    assert routes == {"no_aid", "de_minimis", "gber", "notify", "undetermined"}
    assert any(e["summary"]["beneficiaries"] for e in entries if "summary" in e)
