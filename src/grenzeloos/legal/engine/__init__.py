"""The legal route check: procurement law or State aid law, and which route within it.

Why: a government must motivate its role in a partnership (motiveringsbeginsel). This engine
turns answers into a conclusion *and* the full path to it, step by step, each step citing the
rule and source it relied on, so the motivation can be read, checked and filed. It is a pure
function over plain data: no database, no clock, no figures of its own (all come from the
dated rules), so the web wizard, the API and the CLI get identical results.

Unknown answers are never replaced by defaults. The engine says what is open and, for each
open question, what each possible answer would lead to (by re-running itself).

The engine is a package by concern, one module each: ``regime`` (procurement or State aid),
``procurement``, ``state_aid`` (the criteria and the route), ``size``, ``de_minimis``,
``gber``, ``consortium``, ``unknowns`` (open questions and settled routes), with the shared
types and bookkeeping in ``common``, the composed run in ``run`` and :func:`assess` in
``assessment``. This module re-exports the public API, so
``from grenzeloos.legal.engine import assess`` is all a caller needs.
"""

from grenzeloos.legal.engine.assessment import assess
from grenzeloos.legal.engine.common import (
    EXEMPTIONS,
    OUTCOME_SCHEMA,
    REGIMES,
    ROUTES,
    Notice,
    OpenAnswer,
    OpenQuestion,
    Outcome,
    PartnerResult,
    ProcurementResult,
    StateAidResult,
    Step,
)
from grenzeloos.legal.engine.size import derive_band, derive_size
from grenzeloos.legal.engine.unknowns import SETTLE_BUDGET

__all__ = [
    "EXEMPTIONS",
    "OUTCOME_SCHEMA",
    "REGIMES",
    "ROUTES",
    "SETTLE_BUDGET",
    "Notice",
    "OpenAnswer",
    "OpenQuestion",
    "Outcome",
    "PartnerResult",
    "ProcurementResult",
    "StateAidResult",
    "Step",
    "assess",
    "derive_band",
    "derive_size",
]
