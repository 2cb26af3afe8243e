"""Load the dated legal rules from YAML into typed, frozen dataclasses.

Why: legal figures change on fixed dates (thresholds every two years, the GBER expires), and
every figure must be traceable to a source with a confidence mark. Keeping them as data means
a lawyer can review and update them without touching the engine, and the engine can never use
a figure outside its validity period. The loader refuses malformed or overlapping data loudly,
because a silent mistake here would become a wrong legal motivation.

The rule set is a package by concern: ``vocabulary`` (the closed lists), ``model`` (the rules as
values and the date-aware :class:`RuleBook`), ``reader`` (reading one file, with the checks
all files share), ``files`` (a loader per file) and ``loading`` (:func:`load_rules`,
:func:`default_rules`). This module re-exports the public names, so
``from grenzeloos.legal.ruleset import default_rules`` is all a caller needs.
"""

from grenzeloos.legal.ruleset.loading import (
    RULES_DIR,
    RulesError,
    default_rules,
    load_rules,
)
from grenzeloos.legal.ruleset.model import (
    AdvisoryServices,
    DeMinimisCeiling,
    GberCategory,
    InnovationPartnership,
    NotificationThreshold,
    PolicyBand,
    PolicyExample,
    ProcurementThreshold,
    Publication,
    Reporting,
    RuleBook,
    RuleMeta,
    RuleSetInfo,
    SizeClass,
    SmeDefinition,
    pct_to_fraction,
)
from grenzeloos.legal.ruleset.vocabulary import (
    AUTHORITIES,
    CHECK_RESULTS,
    CONFIDENCES,
    CONTRACT_KINDS,
    DE_MINIMIS_KINDS,
    GBER_CATEGORIES,
    POLICY_PROCEDURES,
    SIZES,
    SME_BANDS,
)

__all__ = [
    "AUTHORITIES",
    "CHECK_RESULTS",
    "CONFIDENCES",
    "CONTRACT_KINDS",
    "DE_MINIMIS_KINDS",
    "GBER_CATEGORIES",
    "POLICY_PROCEDURES",
    "RULES_DIR",
    "SIZES",
    "SME_BANDS",
    "AdvisoryServices",
    "DeMinimisCeiling",
    "GberCategory",
    "InnovationPartnership",
    "NotificationThreshold",
    "PolicyBand",
    "PolicyExample",
    "ProcurementThreshold",
    "Publication",
    "Reporting",
    "RuleBook",
    "RuleMeta",
    "RuleSetInfo",
    "RulesError",
    "SizeClass",
    "SmeDefinition",
    "default_rules",
    "load_rules",
    "pct_to_fraction",
]
