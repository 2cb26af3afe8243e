"""The beneficiary's size: as declared, or derived from its SME figures (Annex I GBER).

Why: the size decides the GBER intensity and whether an SME-only article is open. The figures
are the legal test and win over a declaration; a missing figure is unknown, never zero, so the
size is only concluded when the known figures settle it. :func:`derive_band` is also used by
the ledger's SME view (legal/sme.py).
"""

from __future__ import annotations

from decimal import Decimal

from grenzeloos.legal.answers import Beneficiary
from grenzeloos.legal.engine.common import RunBase
from grenzeloos.legal.ruleset import SizeClass, SmeDefinition


def derive_size(
    classes: tuple[SizeClass, ...],
    staff: int | Decimal | None,
    turnover: Decimal | None,
    balance_sheet: Decimal | None,
) -> str | None:
    """Three-valued SME test: staff below AND (turnover OR balance sheet within the ceiling).

    A missing figure is unknown, not zero; the size is only returned when the known figures
    settle it. Classes are ordered from smallest to largest and nested, so failing a larger
    class also rules out every smaller one. The engine passes one band per size
    (:attr:`SmeDefinition.size_classes`).
    """
    found = derive_band(classes, staff, turnover, balance_sheet)
    return None if found is None else found[0]


def derive_band(
    classes: tuple[SizeClass, ...],
    staff: int | Decimal | None,
    turnover: Decimal | None,
    balance_sheet: Decimal | None,
) -> tuple[str, str] | None:
    """The ``(size, band)`` the figures settle among ``classes`` (``("large", "large")`` when
    they fit none), or None when the known figures do not settle it (see :func:`derive_size`)."""

    def fits(cls: SizeClass) -> bool | None:
        staff_ok = None if staff is None else staff < cls.staff_below
        turnover_ok = None if turnover is None else turnover <= cls.turnover_max_eur
        balance_ok = None if balance_sheet is None else balance_sheet <= cls.balance_sheet_max_eur
        money_ok = (
            True
            if turnover_ok or balance_ok
            else None
            if turnover_ok is None or balance_ok is None
            else False
        )
        if staff_ok is False or money_ok is False:
            return False
        if staff_ok and money_ok:
            return True
        return None

    results = [fits(cls) for cls in classes]
    for index, result in enumerate(results):
        if result is True:
            # Every smaller class must be known not to fit, or the size is ambiguous.
            if all(r is False for r in results[:index]):
                return classes[index].size, classes[index].band
            return None
        if result is None:
            return None
    return "large", "large"


def sme_status(
    run: RunBase,
    size: str | None,
    public_control: bool | None,
    linked_figures_included: bool | None,
    name: str | None = None,
) -> str | None:
    """The size after the SME definition's other tests (Annex I GBER = Rec. 2003/361).

    An enterprise 25 % or more of whose capital or voting rights public bodies control is not
    an SME, whatever its figures (art. 3(4)): it is assessed as large. An SME's figures must
    include its linked and partner enterprises (art. 6); while that is not confirmed the
    outcome says so beside the size.
    """
    rule = run.ref("ref-sme-public-control")
    who = f"{name}: " if name else ""
    definition = run.rules.sme_definition_for(run.date)
    share = definition.public_control_pct if definition is not None else None
    question = "aid.beneficiary.public_control" if name is None else None
    if public_control is True:
        run.step(
            "size_public_control",
            "large",
            question=question,
            answer=True,
            rule=rule,
            who=who,
            size=size,
            share_pct=share,
        )
        return "large"
    if size in ("small", "medium"):
        if public_control is None:
            run.warn("sme_public_control_unknown", who=who, share_pct=share)
        if linked_figures_included is not True:
            run.warn("sme_linked_enterprises", who=who)
    return size


class SizeSteps(RunBase):
    """The size of the single beneficiary, recorded as a step."""

    def size(self) -> str | None:
        """The beneficiary's size: as given, or derived from the SME figures, and large when
        public bodies control 25 % or more (:func:`sme_status`)."""
        b = self.a.aid.beneficiary
        return sme_status(self, self._size(), b.public_control, b.linked_figures_included)

    def _size(self) -> str | None:
        b = self.a.aid.beneficiary
        derived: str | None = None
        has_figures = any(v is not None for v in (b.staff, b.turnover_eur, b.balance_sheet_eur))
        definition = self.rules.sme_definition_for(self.date) if has_figures else None
        if has_figures and definition is None:
            self.rules_unknown("sme_definition")
        if definition is not None:
            derived = derive_size(
                definition.size_classes, b.staff, b.turnover_eur, b.balance_sheet_eur
            )
        if b.size is not None:
            self.step(
                "size_given",
                b.size,
                question="aid.beneficiary.size",
                answer=b.size,
                rule=self.ref("ref-sme-size"),
                size=b.size,
            )
            if derived is not None and derived != b.size and definition is not None:
                # The figures are the legal test (Annex I GBER); a declaration cannot
                # override them, but it is kept on record so the user can check the figures.
                self.warn("beneficiary_size_conflict", size=b.size, derived_size=derived)
                return self._size_derived(b, derived, definition)
            return b.size
        if derived is not None and definition is not None:
            return self._size_derived(b, derived, definition)
        return None

    def _size_derived(self, b: Beneficiary, derived: str, definition: SmeDefinition) -> str:
        """Record the size the SME figures give (the legal test) and return it."""
        self.step(
            "size_derived",
            derived,
            question="aid.beneficiary",
            rule=definition.meta,
            staff=b.staff,
            turnover_eur=b.turnover_eur,
            balance_sheet_eur=b.balance_sheet_eur,
            size=derived,
        )
        return derived
