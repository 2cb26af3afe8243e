"""The progress engine: committed against realised per partner, valued, with the budget split.

Plain data in, plain data out, no database: the services feed it the partners, the commitments
(few rows) and the contributions already summed per partner, kind and unit by the database
(``GROUP BY``), so a year of a million log rows costs one aggregate query, not a loop.

Conventions (also printed in every report):

* Hours are valued at the partner's hourly rate, or else the collaboration's; hours of a partner
  without any rate are counted but valued at EUR 0 and the partner is marked ``unrated``.
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


def round_cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


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
    #: The hours one full-time person works in the report period (fte_hours × years).
    fte_period_hours: Decimal

    @property
    def unrated(self) -> bool:
        return self.rate is None and (self.committed.hours > 0 or self.realised.hours > 0)

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
class Progress:
    start: dt.date
    end: dt.date
    settings: Settings
    partners: tuple[PartnerProgress, ...]
    by_sector: tuple[Share, ...]
    by_source: tuple[Share, ...]
    split: tuple[SplitCheck, ...] = field(default=())

    @property
    def years(self) -> Decimal:
        return years_in(self.start, self.end)

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


def compute(
    *,
    start: dt.date,
    end: dt.date,
    settings: Settings,
    partners: Iterable[PartnerInfo],
    commitments: Iterable[CommitmentLine],
    realised: Iterable[RealisedSum],
) -> Progress:
    """The progress of every partner over ``start..end`` (inclusive)."""
    if end < start:
        raise ValueError("the period ends before it starts")
    fte_hours = Decimal(settings.fte_hours)
    committed_by: dict[int, Amounts] = defaultdict(Amounts)
    for line in commitments:
        fraction = overlap_fraction(line.start, line.end, start, end)
        if not fraction:
            continue
        if line.unit == "fte":
            # A rate of work over the commitment's own period, counted for the overlapping part.
            overlap_years = years_in(max(line.start, start), min(line.end, end))
            hours = fte_to_hours(line.quantity, fte_hours=settings.fte_hours, years=overlap_years)
            committed_by[line.partner_id].add(
                kind=line.kind, unit="hours", hours_per_fte=fte_hours, quantity=hours
            )
        else:
            committed_by[line.partner_id].add(
                kind=line.kind,
                unit=line.unit,
                hours_per_fte=fte_hours,
                quantity=prorate(line.quantity, line.start, line.end, start, end),
            )
    realised_by: dict[int, Amounts] = defaultdict(Amounts)
    for item in realised:
        realised_by[item.partner_id].add(
            kind=item.kind, unit=item.unit, hours_per_fte=fte_hours, quantity=item.total
        )
    fte_period_hours = years_in(start, end) * fte_hours
    rows = tuple(
        PartnerProgress(
            partner=partner,
            rate=partner.hourly_rate if partner.hourly_rate is not None else settings.hourly_rate,
            committed=committed_by.get(partner.id, Amounts()),
            realised=realised_by.get(partner.id, Amounts()),
            fte_period_hours=fte_period_hours,
        )
        for partner in sorted(partners, key=lambda p: (p.name.casefold(), p.id))
    )
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
    )
