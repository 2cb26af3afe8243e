"""Citations and dated checks in the rules' YAML (issue 20, "Citations and figures").

Each threshold row cites only the delegated regulation that set its amount, by CELEX number
(2025/2152 for Directive 2014/24 and 2025/2150 for 2014/25 in 2026–2027; 2023/2495 and 2023/2496
in 2024–2025; 2021/1952 and 2021/1953 in 2022–2023; 2019/1828 and 2019/1829 in 2020–2021); the
social services amounts are the Directives' own. The checks against the consolidated GBER are
data with their source and confidence: Art. 28's cap and notification threshold (still not
confirmed), Art. 9's publication threshold and six-month deadline, Art. 11's reporting for an
award under an existing scheme, the start of Reg. 360/2012 and the de minimis register from
2026. The motivation words them from that data for the outcome's date.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from grenzeloos.documents import render
from grenzeloos.legal import obligations
from grenzeloos.legal.report import build_report
from grenzeloos.legal.ruleset import RULES_DIR, RulesError, default_rules, load_rules
from grenzeloos.legal.services import evaluate
from tests.legal.conftest import example_answers

#: (first year of the period, directive) → the delegated regulation that set the amounts.
DELEGATED = {
    (2020, "2014/24"): "32019R1828",
    (2020, "2014/25"): "32019R1829",
    (2022, "2014/24"): "32021R1952",
    (2022, "2014/25"): "32021R1953",
    (2024, "2014/24"): "32023R2495",
    (2024, "2014/25"): "32023R2496",
    (2026, "2014/24"): "32025R2152",
    (2026, "2014/25"): "32025R2150",
}


def _raw(name: str) -> dict[str, Any]:
    return yaml.safe_load((RULES_DIR / name).read_text(encoding="utf-8"))


def test_each_threshold_row_cites_only_the_delegated_regulation_that_set_it() -> None:
    rows = default_rules().procurement_thresholds
    assert _raw("procurement.yaml")["rules"][0]["delegated_regulation"] == "32019R1828"
    assert len(rows) == 36
    for row in rows:
        directive = "2014/25" if row.authority == "utility" else "2014/24"
        citations = row.meta.citation
        assert f"Directive {directive}/EU" in citations["en"], row.meta.id
        assert f"Richtlijn {directive}/EU" in citations["nl"], row.meta.id
        if row.contract_kinds == ("social_services",):
            assert row.delegated_regulation is None, row.meta.id
            assert not any(re.search(r"CELEX 3\d{4}R", c) for c in citations.values())
            assert "fixed in the Directive itself" in citations["en"]
            continue
        assert row.meta.valid_from is not None
        expected = DELEGATED[(row.meta.valid_from.year, directive)]
        assert row.delegated_regulation == expected, row.meta.id
        year, number = expected[1:5], expected[6:].lstrip("0")
        for language, text in citations.items():
            assert f"(EU) {year}/{number} (CELEX {expected})" in text, (row.meta.id, language)
            assert text.count("CELEX 3") == 2, (row.meta.id, language)  # the Directive and it


def test_a_threshold_citing_two_regulations_is_refused_at_load_time(tmp_path: Path) -> None:
    for name in RULES_DIR.iterdir():
        shutil.copy(name, tmp_path / name.name)
    text = (tmp_path / "procurement.yaml").read_text(encoding="utf-8")
    wrong = text.replace(
        "as amended by Commission Delegated Regulation (EU) 2025/2152 (CELEX 32025R2152)",
        "as amended by Delegated Regulations (EU) 2025/2150 (CELEX 32025R2150) and 2025/2152 "
        "(CELEX 32025R2152)",
        1,
    )
    assert wrong != text
    (tmp_path / "procurement.yaml").write_text(wrong, encoding="utf-8")
    with pytest.raises(RulesError, match="must cite exactly the delegated regulation 32025R2152"):
        load_rules(tmp_path)


def _checked(rule_id: str) -> Any:
    meta = default_rules().meta_by_id(rule_id)
    assert meta is not None, rule_id
    assert meta.checked["date"] == dt.date(2026, 12, 7)
    assert meta.checked["against"] and meta.checked["source"]
    return meta


def test_the_checks_against_the_consolidated_gber_are_recorded_with_source_and_confidence() -> None:
    # Art. 28: cap and notification threshold read against the consolidated text, not found.
    for rule_id in ("gber-art28-advisory-2023", "gber-art4-art28-2023"):
        meta = _checked(rule_id)
        assert "02014R0651-20230701" in meta.checked["against"]
        assert meta.checked["result"] == "not_confirmed"
        assert (meta.confidence, meta.unconfirmed) == ("LOW", True)
    rules = default_rules()
    assert rules.advisory_services_for(dt.date(2026, 3, 1), "sme_innovation").cap_eur == 220_000
    # Art. 9: 500,000 from 1 July 2016, 100,000 from 1 July 2023, six months to publish.
    before, after = (
        rules.publication_for(dt.date(2023, 6, 30)),
        rules.publication_for(dt.date(2023, 7, 1)),
    )
    assert rules.publication_for(dt.date(2016, 6, 30)) is None
    assert (before.threshold_eur, before.deadline_months) == (500_000, 6)
    assert (after.threshold_eur, after.deadline_months) == (100_000, 6)
    assert _checked("gber-art9-2016").checked["result"] == "confirmed"
    assert _checked("gber-art9-2023").checked["result"] == "corrected"
    assert after.meta.unconfirmed  # the deadline after 2023 is best knowledge (MEDIUM)
    # Art. 11: one summary per scheme or ad hoc award.
    assert rules.reporting_for(dt.date(2026, 3, 1)).summary_working_days == 20
    assert _checked("gber-art11").checked["result"] == "corrected"
    # Reg. 360/2012 has a start; the de minimis register applies from 2026.
    sgei = rules.de_minimis_for(dt.date(2012, 4, 29), "sgei")
    assert sgei is not None and sgei.meta.id == "dm-sgei-360-2012"
    assert rules.de_minimis_for(dt.date(2012, 4, 28), "sgei") is None
    assert _checked("dm-sgei-360-2012").checked["result"] == "corrected"
    assert rules.de_minimis_register_for(dt.date(2025, 12, 31)) is None
    assert rules.de_minimis_register_for(dt.date(2026, 1, 1)).id == "dm-register-2026"


def test_every_check_in_the_yaml_is_read_and_every_read_check_is_in_the_yaml() -> None:
    in_files = set()
    for path in RULES_DIR.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            if line.strip().startswith("- id:"):
                rule_id = line.split(":", 1)[1].strip()
            if line.strip() == "checked:":
                in_files.add(rule_id)
    rules = default_rules()
    loaded = {
        rule_id
        for rule_id in in_files
        if (meta := rules.meta_by_id(rule_id)) is not None and meta.checked
    }
    assert loaded == in_files
    assert in_files == {
        "gber-art4-art28-2023",
        "gber-art28-advisory-2023",
        "gber-art9-2016",
        "gber-art9-2023",
        "gber-art11",
        "dm-sgei-360-2012",
        "dm-register-2026",
    }


def _motivation(data: dict[str, Any], language: str) -> str:
    outcome = evaluate(data, language=language, explore=False)
    return render(build_report(data, outcome, language=language), "md").decode()


def test_the_motivation_words_publication_and_reporting_from_the_dated_rules() -> None:
    data = example_answers()
    assert evaluate(data, explore=False)["state_aid"]["route"] == "gber"
    text = _motivation(data, "nl")
    assert "boven € 100.000" in text and "binnen 6 maanden" in text
    assert "een verlening op grond van een bestaande regeling" in text
    older = {**data, "on_date": "2022-05-01"}
    assert "boven € 500.000" in _motivation(older, "nl")
    english = _motivation(data, "en")
    assert "above €100,000 is published within 6 months" in english
    assert "an award under an existing scheme that was already reported needs no summary" in (
        english
    )


def test_the_de_minimis_step_names_the_register_only_from_2026() -> None:
    for on, register in (("2025-11-01", False), ("2026-03-01", True)):
        outcome = {"on_date": on}
        nl = obligations.de_minimis_next_step(outcome, "nl")
        en = obligations.de_minimis_next_step(outcome, "en")
        assert ("centrale de-minimisregister (" in nl) is register
        assert ("vanaf 1 januari 2026" in nl) is not register
        assert ("record the aid in the central de minimis register" in en) is register
