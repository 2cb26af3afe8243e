"""The progress engine: committed against realised per partner, valued, with the budget split.

Plain data in, plain data out, no database: the services feed it the partners, the commitments
(few rows) and the contributions already summed per partner, kind and unit by the database
(``GROUP BY``), so a year of a million log rows costs one aggregate query, not a loop.

Conventions (also printed in every report):

* Hours are valued at the partner's hourly rate, or else the collaboration's; hours of a partner
  without any rate are counted but valued at EUR 0 and the partner is marked ``unrated``. A
  partner whose hours are marked not valued (volunteers) counts its hours, adds no value for
  them and is not marked ``unrated``.
* A report runs over a period and is drawn up to a date inside it (``up_to``, by default the
  period's end): commitments count pro rata up to that date, contributions up to that date, so
  a full-year commitment is compared with what could have been realised by then.
* Every figure is rounded once, by :func:`rounded` (half up), for the page, the documents and
  the CSV/XLSX alike.
* 1 fte is ``fte_hours`` hours a year (default 1,600). A commitment of 0.6 fte over a period
  means 0.6 × fte_hours × (the period in years) hours; an fte quantity in the contributions log
  is a full-time year's work, i.e. ``fte_hours`` hours per fte.
* A commitment that runs partly inside the report period counts pro rata by days.
* ``EUR`` amounts of kind ``money`` are cash; ``EUR`` amounts of other kinds are in kind at the
  value stated.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from grenzeloos import publication

ZERO = Decimal(0)
CENT = Decimal("0.01")
UNITS: tuple[str, ...] = ("hours", "fte", "EUR")
KINDS: tuple[str, ...] = publication.keys(publication.ContributionKind)
SECTORS: tuple[str, ...] = publication.keys(publication.Sector)
DEFAULT_FTE_HOURS = 1600


def rounded(value: Decimal, places: int = 2) -> Decimal:
    """The one rounding of every figure the report shows or exports: half up (0.125 → 0.13),
    to ``places`` decimals."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def round_cents(value: Decimal) -> Decimal:
    return rounded(value, 2)


def years_in(start: dt.date, end: dt.date) -> Decimal:
    """The length of ``start..end`` (both inclusive) in years, each calendar year counting its
    own days, so a whole calendar year is exactly 1 (leap year or not)."""
    if end < start:
        return ZERO
    total = ZERO
    year = start.year
    while year <= end.year:
        first = max(start, dt.date(year, 1, 1))
        last = min(end, dt.date(year, 12, 31))
        days_in_year = (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1
        total += Decimal((last - first).days + 1) / Decimal(days_in_year)
        year += 1
    return total


def overlap_fraction(
    start: dt.date, end: dt.date, period_start: dt.date, period_end: dt.date
) -> Decimal:
    """Which part of ``start..end`` (by days) lies inside the report period."""
    first, last = max(start, period_start), min(end, period_end)
    if last < first:
        return ZERO
    return Decimal((last - first).days + 1) / Decimal((end - start).days + 1)


def prorate(
    quantity: Decimal, start: dt.date, end: dt.date, period_start: dt.date, period_end: dt.date
) -> Decimal:
    """The part of ``quantity`` (spread evenly over ``start..end``) that falls in the period."""
    first, last = max(start, period_start), min(end, period_end)
    if last < first:
        return ZERO
    return quantity * Decimal((last - first).days + 1) / Decimal((end - start).days + 1)


def fte_to_hours(fte: Decimal, *, fte_hours: int, years: Decimal) -> Decimal:
    """Hours of ``fte`` full-time equivalents over ``years`` years."""
    return fte * Decimal(fte_hours) * years


def value_of_hours(hours: Decimal, rate: Decimal | None) -> Decimal:
    """The money value of hours at an hourly rate (none: not valued)."""
    return hours * rate if rate is not None else ZERO


@dataclass(frozen=True)
class PartnerInfo:
    id: int
    name: str
    sector: str
    hourly_rate: Decimal | None = None
    organisation: str = ""
    #: False for partners whose hours are not valued (volunteers).
    hours_valued: bool = True


@dataclass(frozen=True)
class CommitmentLine:
    partner_id: int
    kind: str
    unit: str
    quantity: Decimal
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class RealisedSum:
    """The database's ``SUM(quantity)`` of one partner's contributions of one kind and unit."""

    partner_id: int
    kind: str
    unit: str
    total: Decimal


@dataclass(frozen=True)
class SplitGroup:
    """A share of the budget that a group of partners should bring in.

    A partner belongs to the first group that names it in ``partners``, else to the first
    group whose ``sectors`` contain its sector.
    """

    label: str
    share: Decimal  # percent
    sectors: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()


@dataclass(frozen=True)
class Settings:
    fte_hours: int = DEFAULT_FTE_HOURS
    hourly_rate: Decimal | None = None
    target_split: tuple[SplitGroup, ...] = ()
    split_tolerance: Decimal = Decimal(5)  # percentage points
    #: Who funds the project and its reference there (the report's header).
    funder: str = ""
    project_reference: str = ""


@dataclass
class Amounts:
    """Hours (fte already converted), cash and in-kind EUR on one side (committed or realised)."""

    hours: Decimal = ZERO
    cash: Decimal = ZERO
    in_kind: Decimal = ZERO

    @property
    def eur(self) -> Decimal:
        return self.cash + self.in_kind

    def add(self, *, kind: str, unit: str, hours_per_fte: Decimal, quantity: Decimal) -> None:
        if unit == "hours":
            self.hours += quantity
        elif unit == "fte":
            self.hours += quantity * hours_per_fte
        elif kind == "money":
            self.cash += quantity
        else:
            self.in_kind += quantity


@dataclass(frozen=True)
class PartnerProgress:
    partner: PartnerInfo
    rate: Decimal | None
    committed: Amounts
    realised: Amounts
    #: The hours one full-time person works in the report period up to its date.
    fte_period_hours: Decimal
    #: What is committed for the whole period (``committed`` is the part due by ``up_to``).
    committed_period: Amounts = field(default_factory=Amounts)

    @property
    def volunteers(self) -> bool:
        """The partner's hours are marked not valued."""
        return not self.partner.hours_valued

    @property
    def unrated(self) -> bool:
        return (
            self.rate is None
            and not self.volunteers
            and (self.committed.hours > 0 or self.realised.hours > 0)
        )

    @property
    def committed_period_value(self) -> Decimal:
        return self.committed_period.eur + value_of_hours(self.committed_period.hours, self.rate)

    @property
    def committed_fte(self) -> Decimal:
        return self.committed.hours / self.fte_period_hours if self.fte_period_hours else ZERO

    @property
    def realised_fte(self) -> Decimal:
        return self.realised.hours / self.fte_period_hours if self.fte_period_hours else ZERO

    @property
    def committed_value(self) -> Decimal:
        return self.committed.eur + value_of_hours(self.committed.hours, self.rate)

    @property
    def realised_value(self) -> Decimal:
        return self.realised.eur + value_of_hours(self.realised.hours, self.rate)

    @property
    def hours_shortfall(self) -> Decimal:
        return max(ZERO, self.committed.hours - self.realised.hours)

    @property
    def eur_shortfall(self) -> Decimal:
        return max(ZERO, self.committed.eur - self.realised.eur)

    @property
    def value_shortfall(self) -> Decimal:
        return max(ZERO, self.committed_value - self.realised_value)

    @property
    def short(self) -> bool:
        """Flagged when any committed quantity is not (yet) realised in full (to the cent)."""
        return any(
            round_cents(amount) > 0
            for amount in (self.hours_shortfall, self.eur_shortfall, self.value_shortfall)
        )


@dataclass(frozen=True)
class Share:
    label: str
    value: Decimal
    percent: Decimal  # of the total realised value


@dataclass(frozen=True)
class SplitCheck:
    label: str
    target: Decimal  # percent
    committed_percent: Decimal
    realised_percent: Decimal
    realised_value: Decimal
    within: bool


@dataclass(frozen=True)
class KindValue:
    """The value of one contribution kind: committed up to the report's date and realised."""

    kind: str
    committed: Decimal
    realised: Decimal


@dataclass(frozen=True)
class Progress:
    start: dt.date
    end: dt.date
    settings: Settings
    partners: tuple[PartnerProgress, ...]
    by_sector: tuple[Share, ...]
    by_source: tuple[Share, ...]
    split: tuple[SplitCheck, ...] = field(default=())
    #: The date the report is drawn up to (the period's end unless given).
    up_to: dt.date | None = None
    by_kind: tuple[KindValue, ...] = ()

    @property
    def until(self) -> dt.date:
        return self.up_to or self.end

    @property
    def years(self) -> Decimal:
        return years_in(self.start, self.until)

    def total(self, attribute: str) -> Decimal:
        return sum((getattr(row, attribute) for row in self.partners), ZERO)

    @property
    def split_ok(self) -> bool | None:
        return all(check.within for check in self.split) if self.split else None


def _percent(part: Decimal, whole: Decimal) -> Decimal:
    return part * 100 / whole if whole else ZERO


def _group_of(partner: PartnerInfo, groups: Sequence[SplitGroup]) -> str | None:
    name = partner.name.casefold()
    for group in groups:
        if any(name == listed.casefold() for listed in group.partners):
            return group.label
    for group in groups:
        if partner.sector in group.sectors:
            return group.label
    return None


def check_split(
    rows: Sequence[PartnerProgress], groups: Sequence[SplitGroup], tolerance: Decimal
) -> tuple[SplitCheck, ...]:
    """Each group's share of the committed and realised value against its target share.

    Partners in no group make an extra group "(other)" with a target of 0 %, so money outside
    the agreed split is visible instead of silently left out.
    """
    if not groups:
        return ()
    committed: dict[str, Decimal] = defaultdict(lambda: ZERO)
    realised: dict[str, Decimal] = defaultdict(lambda: ZERO)
    other = "(other)"
    for row in rows:
        label = _group_of(row.partner, groups) or other
        committed[label] += row.committed_value
        realised[label] += row.realised_value
    total_committed = sum(committed.values(), ZERO)
    total_realised = sum(realised.values(), ZERO)
    targets = [(group.label, group.share) for group in groups]
    if realised.get(other) or committed.get(other):
        targets.append((other, ZERO))
    checks = []
    for label, target in targets:
        realised_percent = _percent(realised[label], total_realised)
        checks.append(
            SplitCheck(
                label=label,
                target=target,
                committed_percent=_percent(committed[label], total_committed),
                realised_percent=realised_percent,
                realised_value=realised[label],
                within=abs(realised_percent - target) <= tolerance,
            )
        )
    return tuple(checks)


def _committed(
    lines: Iterable[CommitmentLine], start: dt.date, end: dt.date, fte_hours: int
) -> dict[tuple[int, str], Amounts]:
    """The commitments' part that falls in ``start..end``, per partner and kind."""
    committed: dict[tuple[int, str], Amounts] = defaultdict(Amounts)
    hours_per_fte = Decimal(fte_hours)
    for line in lines:
        fraction = overlap_fraction(line.start, line.end, start, end)
        if not fraction:
            continue
        if line.unit == "fte":
            # A rate of work over the commitment's own period, counted for the overlapping part.
            overlap_years = years_in(max(line.start, start), min(line.end, end))
            hours = fte_to_hours(line.quantity, fte_hours=fte_hours, years=overlap_years)
            committed[line.partner_id, line.kind].add(
                kind=line.kind, unit="hours", hours_per_fte=hours_per_fte, quantity=hours
            )
        else:
            committed[line.partner_id, line.kind].add(
                kind=line.kind,
                unit=line.unit,
                hours_per_fte=hours_per_fte,
                quantity=prorate(line.quantity, line.start, line.end, start, end),
            )
    return committed


def _per_partner(amounts: dict[tuple[int, str], Amounts]) -> dict[int, Amounts]:
    totals: dict[int, Amounts] = defaultdict(Amounts)
    for (partner_id, _kind), part in amounts.items():
        total = totals[partner_id]
        total.hours += part.hours
        total.cash += part.cash
        total.in_kind += part.in_kind
    return totals


def compute(
    *,
    start: dt.date,
    end: dt.date,
    settings: Settings,
    partners: Iterable[PartnerInfo],
    commitments: Iterable[CommitmentLine],
    realised: Iterable[RealisedSum],
    up_to: dt.date | None = None,
) -> Progress:
    """The progress of every partner over ``start..end`` (inclusive), drawn up to ``up_to``
    (default ``end``): the realised sums must be those up to that date."""
    if end < start:
        raise ValueError("the period ends before it starts")
    if up_to is not None and not start <= up_to <= end:
        raise ValueError("the report's date lies outside its period")
    until = up_to or end
    fte_hours = Decimal(settings.fte_hours)
    lines = list(commitments)
    committed_kinds = _committed(lines, start, until, settings.fte_hours)
    committed_by = _per_partner(committed_kinds)
    period_by = _per_partner(_committed(lines, start, end, settings.fte_hours))
    realised_kinds: dict[tuple[int, str], Amounts] = defaultdict(Amounts)
    for item in realised:
        realised_kinds[item.partner_id, item.kind].add(
            kind=item.kind, unit=item.unit, hours_per_fte=fte_hours, quantity=item.total
        )
    realised_by = _per_partner(realised_kinds)
    fte_period_hours = years_in(start, until) * fte_hours
    ordered = sorted(partners, key=lambda p: (p.name.casefold(), p.id))
    rows = tuple(
        PartnerProgress(
            partner=partner,
            rate=(
                (partner.hourly_rate if partner.hourly_rate is not None else settings.hourly_rate)
                if partner.hours_valued
                else None
            ),
            committed=committed_by.get(partner.id, Amounts()),
            realised=realised_by.get(partner.id, Amounts()),
            fte_period_hours=fte_period_hours,
            committed_period=period_by.get(partner.id, Amounts()),
        )
        for partner in ordered
    )
    rates = {row.partner.id: row.rate for row in rows}

    def value(part: Amounts, partner_id: int) -> Decimal:
        return part.eur + value_of_hours(part.hours, rates.get(partner_id))

    kind_values: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for (partner_id, kind), part in committed_kinds.items():
        if partner_id in rates:
            kind_values[kind][0] += value(part, partner_id)
    for (partner_id, kind), part in realised_kinds.items():
        if partner_id in rates:
            kind_values[kind][1] += value(part, partner_id)
    by_kind = tuple(KindValue(kind, *kind_values[kind]) for kind in KINDS if kind in kind_values)
    total_value = sum((row.realised_value for row in rows), ZERO)
    sector_values: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for row in rows:
        sector_values[row.partner.sector] += row.realised_value
    by_sector = tuple(
        Share(sector, sector_values[sector], _percent(sector_values[sector], total_value))
        for sector in SECTORS
        if sector in sector_values
    )
    sources = {
        "cash": sum((row.realised.cash for row in rows), ZERO),
        "in_kind": sum((row.realised.in_kind for row in rows), ZERO),
        "hours": sum((value_of_hours(row.realised.hours, row.rate) for row in rows), ZERO),
    }
    by_source = tuple(
        Share(label, value, _percent(value, total_value)) for label, value in sources.items()
    )
    return Progress(
        start=start,
        end=end,
        settings=settings,
        partners=rows,
        by_sector=by_sector,
        by_source=by_source,
        split=check_split(rows, settings.target_split, settings.split_tolerance),
        up_to=up_to,
        by_kind=by_kind,
    )
