"""One run of the engine over one set of answers, composed from the concerns.

Why: a run is the regime, then procurement, then State aid, each concern living in its own
module as a mixin of :class:`~grenzeloos.legal.engine.common.RunBase`. This is the one place
they are put together; the what-if runs of the unknowns and of a consortium's partners are
runs too.
"""

from __future__ import annotations

from grenzeloos.legal.engine.procurement import ProcurementSteps
from grenzeloos.legal.engine.regime import RegimeSteps
from grenzeloos.legal.engine.state_aid import StateAidSteps


class _Run(RegimeSteps, ProcurementSteps, StateAidSteps):
    """Every concern's steps over the bookkeeping of RunBase; the result is an Outcome."""
