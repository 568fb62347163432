"""What an indicator is, and how the database counts one for a period.

Every indicator is defined once (`catalogue.py`) by the records it counts for a period and, for
a percentage, the condition the records in the numerator meet. The same definition gives the
figure (one aggregate query), the monthly series, and the list of children behind the figure
(the drill-down), so the dashboard, the annual report, the `indicators` command and the
drill-down can never disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from continuum.people.models import Person
from continuum.statutory.periods import Period

from .models import ChildPopulation, children_for_year


class Unit(StrEnum):
    COUNT = "count"
    PERCENT = "per cent"
    RATE = "per 10,000 children"


class Polarity(StrEnum):
    HIGHER_IS_BETTER = "higher is better"
    LOWER_IS_BETTER = "lower is better"
    NEITHER = "neither: it describes need and demand"


class Section(StrEnum):
    FRONT_DOOR = "The front door"
    EARLY_HELP = "Early help"
    CHILDREN_IN_NEED = "Referrals, assessments and children in need"
    CHILD_PROTECTION = "Child protection"
    CHILDREN_IN_CARE = "Children in care"
    CARE_LEAVERS = "Care leavers"


class Timing(StrEnum):
    IN_PERIOD = "in the period"
    AT_END = "at the end of the period"


@dataclass(frozen=True)
class Context:
    """What a count needs besides the period: when it is counted (open contacts are judged then)."""

    as_at: datetime = field(default_factory=timezone.now)


Records = Callable[[Period, Context], QuerySet[Any]]
# A condition on one record: a Q, or a boolean expression such as Exists or a lookup.
Condition = Callable[[Period, Context], Any]


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    definition: str
    unit: Unit
    polarity: Polarity
    section: Section
    timing: Timing
    # Whose definition this follows, in words: "DfE, Characteristics of children in need" etc.
    follows: str
    # The records counted for a period (for a percentage, the denominator's records).
    records: Records
    # The path from one of those records to its child, for distinct counts and the drill-down.
    person: str
    # The record's date shown in the drill-down (a field name on the record).
    record_date: str
    # For a percentage: the condition a record meets to be in the numerator.
    meets: Condition | None = None
    # Count children rather than records (a child with two plans open counts once).
    per_child: bool = False
    # For a rate: the id of the count it divides by the child population.
    rate_of: str | None = None

    @property
    def higher_is_better(self) -> bool | None:
        return {Polarity.HIGHER_IS_BETTER: True, Polarity.LOWER_IS_BETTER: False}.get(self.polarity)


@dataclass(frozen=True)
class Figure:
    """An indicator's value for a period, with what it was worked out from."""

    indicator: Indicator
    period: Period
    value: float | None
    numerator: int | None = None
    denominator: int | None = None
    population: ChildPopulation | None = None

    @property
    def text(self) -> str:
        return format_value(self.indicator.unit, self.value)


def format_value(unit: Unit, value: float | None) -> str:
    if value is None:
        return "No data"
    if unit == Unit.COUNT:
        return f"{value:,.0f}"
    if unit == Unit.PERCENT:
        return f"{value:.1f}%"
    return f"{value:,.1f}"


def percent(part: int, whole: int) -> float | None:
    """None when there is nothing to count: a percentage of nothing is not 0%."""
    return round(100 * part / whole, 1) if whole else None


def per_10k(count: int, population: ChildPopulation | None) -> float | None:
    """Per 10,000 children, to one decimal place as the DfE publishes rates."""
    return round(count * 10_000 / population.children, 1) if population else None


def count_of(indicator: Indicator, period: Period, context: Context) -> Figure:
    """The figure for a count or a percentage, in one aggregate query."""
    records = indicator.records(period, context)
    if indicator.unit == Unit.PERCENT:
        assert indicator.meets is not None, indicator.id
        # Per child: a child counts once, in the numerator if any of their records meets it.
        counted, distinct = (indicator.person, True) if indicator.per_child else ("pk", False)
        totals = records.aggregate(
            numerator=Count(counted, distinct=distinct, filter=indicator.meets(period, context)),
            denominator=Count(counted, distinct=distinct),
        )
        return Figure(
            indicator,
            period,
            percent(totals["numerator"], totals["denominator"]),
            totals["numerator"],
            totals["denominator"],
        )
    if indicator.per_child:
        count = records.aggregate(children=Count(indicator.person, distinct=True))["children"]
    else:
        count = records.count()
    return Figure(indicator, period, count, count)


def rate_from(indicator: Indicator, count: Figure) -> Figure:
    population = children_for_year(count.period.financial_year_of_end)
    assert count.numerator is not None
    return Figure(
        indicator, count.period, per_10k(count.numerator, population), count.numerator, None, population
    )


def children_behind(indicator: Indicator, period: Period, context: Context) -> QuerySet[Person]:
    """The children the figure counts (for a percentage, those in its denominator)."""
    records = indicator.records(period, context)
    return Person.objects.filter(pk__in=records.values(indicator.person))


def people_ids(values: Iterable[int | None]) -> list[int]:
    return sorted({value for value in values if value is not None})
