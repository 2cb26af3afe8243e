"""The four motivations a lawyer reads (issue 20): a purchase below the EU threshold, a consortium
grant, an innovation partnership and de minimis aid, as answers files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def _consortium() -> dict[str, Any]:
    data = json.loads((EXAMPLES / "legal-consortium-example.json").read_text(encoding="utf-8"))
    data["case"] = {
        "subject": "Consortium slimme dijken",
        "description": "De provincie subsidieert industrieel onderzoek naar sensoren in dijken "
        "door vier partners.",
        "granting_body": "Gedeputeerde Staten van de provincie",
        "legal_basis": "Awb titel 4.2; provinciale subsidieregeling innovatie",
    }
    data["gber_conditions"] = {
        "scope": True,
        "not_in_difficulty": True,
        "no_recovery_order": True,
        "transparency": True,
        "application_date": "2026-01-15",
        "work_start_date": "2026-03-01",
        "cumulation": True,
        "publication": True,
        "reporting": True,
        "records": None,
        "scheme_number": "SA.112233",
    }
    return data


MOTIVATIONS: dict[str, dict[str, Any]] = {
    "purchase": {
        "schema": "grenzeloos.legal/1",
        "on_date": "2026-03-01",
        "government_role": "client",
        "consideration": True,
        "authority": "sub_central",
        "contract": {
            "kind": "supplies",
            "in_house": False,
            "innovation_partnership": False,
            "estimated_value_eur": 80000,
            "options_renewals_eur": 20000,
            "cross_border_interest": False,
        },
        "procurement_policy": {"example": "het_hogeland_2020"},
        "case": {
            "subject": "Luchtsensoren voor de binnenstad",
            "description": "De gemeente koopt twintig luchtkwaliteitssensoren met twee jaar "
            "onderhoud, met een optie op één jaar verlenging.",
            "granting_body": "College van burgemeester en wethouders",
            "beneficiaries": "SensaLucht B.V.",
            "legal_basis": "Inkoopbesluit van het college",
            "duration": "Twee jaar, met een optie op één verlenging van een jaar",
        },
    },
    "consortium": _consortium(),
    "innovation_partnership": {
        "schema": "grenzeloos.legal/1",
        "on_date": "2026-03-01",
        "government_role": "client",
        "consideration": True,
        "authority": "sub_central",
        "contract": {
            "kind": "services",
            "in_house": False,
            "innovation_partnership": True,
            "rd_phases_value_eur": 600000,
            "purchase_value_eur": 900000,
            "cross_border_interest": True,
        },
        "case": {
            "subject": "Innovatiepartnerschap slimme gemalen",
            "description": "Het waterschap laat een nieuw type gemaalbesturing ontwikkelen en "
            "koopt daarna de eerste tien installaties af.",
            "granting_body": "Dagelijks bestuur van het waterschap",
            "legal_basis": "Aanbestedingswet 2012, innovatiepartnerschap",
        },
    },
    "de_minimis": {
        "schema": "grenzeloos.legal/1",
        "on_date": "2026-03-01",
        "government_role": "funder",
        "consideration": False,
        "aid": {
            "state_resources": True,
            "undertaking": True,
            "selective": True,
            "advantage": True,
            "distorts_competition": True,
            "affects_trade": True,
            "amount_eur": 50000,
            "de_minimis_received_eur": 120000,
            "sgei": False,
            "gber_category": "none",
            "beneficiary": {"size": "small", "staff": 12, "turnover_eur": 1500000},
        },
        "case": {
            "subject": "Startsubsidie fietsdeelplatform",
            "description": "De gemeente geeft een bijdrage aan de start van een "
            "fietsdeelplatform van een lokale onderneming.",
            "granting_body": "College van burgemeester en wethouders",
            "beneficiaries": "Deelfiets Groningen B.V.",
            "legal_basis": "Awb titel 4.2; subsidieverordening economie",
        },
    },
}
