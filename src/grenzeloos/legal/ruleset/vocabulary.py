"""The closed lists the rule files (and the answers) choose from."""

from __future__ import annotations

SIZES: tuple[str, ...] = ("small", "medium", "large")
#: The bands of the SME definition, smallest first; a micro enterprise is a small one.
SME_BANDS: tuple[str, ...] = ("micro", "small", "medium")
AUTHORITIES: tuple[str, ...] = ("central", "sub_central", "utility")
CONTRACT_KINDS: tuple[str, ...] = (
    "works",
    "supplies",
    "services",
    "social_services",
    "rd_services",
)
GBER_CATEGORIES: tuple[str, ...] = (
    "sme_investment",
    "sme_consultancy",
    "rd_fundamental",
    "rd_industrial",
    "rd_experimental",
    "rd_feasibility",
    "sme_innovation",
    "process_innovation",
    "training",
)
#: Which de minimis regulation family a ceiling belongs to (general, or SGEI compensation).
DE_MINIMIS_KINDS: tuple[str, ...] = ("general", "sgei")
#: Procedures an organisation's procurement policy may assign to a value band below the EU
#: thresholds (enkelvoudig onderhands, meervoudig onderhands, nationaal aanbesteden).
POLICY_PROCEDURES: tuple[str, ...] = ("single_source", "multiple_private", "national")
#: What a check of a rule against a primary text found.
CHECK_RESULTS: tuple[str, ...] = ("confirmed", "corrected", "not_confirmed")
CONFIDENCES: tuple[str, ...] = ("HIGH", "MEDIUM-HIGH", "MEDIUM", "LOW-MEDIUM", "LOW")
