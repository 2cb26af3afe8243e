"""Rule data tests: the loader validates the YAML and never lets a figure leak into code.

Why: the rules are the legal substance. They must load cleanly, carry provenance, refuse
overlaps and unmarked LOW-confidence figures, and the Python code must hold no legal amounts.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from grenzeloos.legal.ruleset import RULES_DIR, RulesError, load_rules

LEGAL_DIR = RULES_DIR.parent


def test_rules_load_with_provenance() -> None:
    rules = load_rules()
    metas = [
        *(r.meta for r in rules.procurement_thresholds),
        *(r.meta for r in rules.de_minimis),
        *(r.meta for r in rules.sme_definitions),
        *rules.gber_validity,
        *(r.meta for r in rules.gber_categories),
        *(r.meta for r in rules.notification_thresholds),
    ]
    assert metas
    for meta in metas:
        assert meta.id and meta.source and meta.confidence
        # A rule whose start the reference does not record stays open there, and says why.
        assert meta.valid_from is not None or (meta.note and "valid_from null" in meta.note)


def test_lookups_pick_the_rule_valid_on_the_date() -> None:
    rules = load_rules()
    assert rules.threshold_for(dt.date(2025, 12, 31), "sub_central", "services").amount_eur == (
        221_000
    )
    assert rules.threshold_for(dt.date(2026, 1, 1), "sub_central", "services").amount_eur == (
        216_000
    )
    assert rules.threshold_for(dt.date(2028, 1, 1), "sub_central", "services") is None
    assert rules.gber_validity_for(dt.date(2026, 12, 31)) is not None
    assert rules.gber_validity_for(dt.date(2027, 1, 1)) is None
    assert rules.de_minimis_for(dt.date(2023, 12, 31)).ceiling_eur == 200_000
    assert rules.de_minimis_for(dt.date(2024, 1, 1)).ceiling_eur == 300_000


def test_unconfirmed_figures_are_marked() -> None:
    rules = load_rules()
    marked = {r.meta.id for r in rules.notification_thresholds if r.meta.unconfirmed}
    # legal-facts.md section 6 item 2: 2023 thresholds for Art. 28 and 29 are UNCONFIRMED.
    assert {"gber-art4-art28-2023", "gber-art4-art29-2023"} <= marked


def _copy_rules(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    return target


def test_overlapping_periods_are_rejected(tmp_path: Path) -> None:
    target = _copy_rules(tmp_path)
    path = target / "de_minimis.yaml"
    path.write_text(path.read_text().replace("valid_to: 2023-12-31", "valid_to: 2024-01-01"))
    with pytest.raises(RulesError, match="overlap"):
        load_rules(target)


def test_low_confidence_must_be_unconfirmed(tmp_path: Path) -> None:
    target = _copy_rules(tmp_path)
    path = target / "gber.yaml"
    text = path.read_text().replace(
        "    confidence: LOW\n    unconfirmed: true\n", "    confidence: LOW\n", 1
    )
    path.write_text(text)
    with pytest.raises(RulesError, match="unconfirmed"):
        load_rules(target)


def test_missing_fields_are_reported_with_place(tmp_path: Path) -> None:
    target = _copy_rules(tmp_path)
    path = target / "procurement.yaml"
    path.write_text(path.read_text().replace("    confidence: HIGH\n", "", 1))
    with pytest.raises(RulesError, match=r"procurement.yaml: rules\[0\]"):
        load_rules(target)


def test_no_legal_amounts_in_python_code() -> None:
    """Numbers of 1,000 or more would be thresholds or ceilings hidden in code."""
    for path in LEGAL_DIR.glob("*.py"):
        code = path.read_text()
        assert not re.search(r"(?<![\w.])\d[\d_]{3,}(?![\w])", code), path.name
        assert not re.search(r"\b\d+ ?%", code), path.name


def test_sme_bands_must_lie_within_the_next(tmp_path: Path) -> None:
    target = _copy_rules(tmp_path)
    path = target / "sme.yaml"
    path.write_text(path.read_text().replace("staff_below: 10\n", "staff_below: 60\n", 1))
    with pytest.raises(RulesError, match="band micro must lie within band small"):
        load_rules(target)


def test_the_micro_band_is_data_and_small_for_the_legal_test() -> None:
    definition = load_rules().sme_definition_for(dt.date(2026, 11, 30))
    assert definition is not None
    # legal-facts.md N-56: micro < 10 staff and (turnover <= 2 m or balance sheet <= 2 m).
    micro = definition.classes[0]
    assert (micro.band, micro.size) == ("micro", "small")
    assert (micro.staff_below, micro.turnover_max_eur, micro.balance_sheet_max_eur) == (
        10,
        2_000_000,
        2_000_000,
    )
    assert [(c.size, c.staff_below) for c in definition.size_classes] == [
        ("small", 50),
        ("medium", 250),
    ]
