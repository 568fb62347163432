"""Counting the catalogue: one indicator, all of them, or a monthly series, for a period."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from continuum.statutory.periods import Period
from continuum.statutory.timescales import add_months

from .catalogue import BY_ID, CATALOGUE
from .indicators import Context, Figure, Indicator, Unit, count_of, rate_from


def figure(indicator: Indicator, period: Period, context: Context | None = None) -> Figure:
    context = context or Context()
    if indicator.unit == Unit.RATE:
        assert indicator.rate_of is not None
        return rate_from(indicator, count_of(BY_ID[indicator.rate_of], period, context))
    return count_of(indicator, period, context)


def catalogue_figures(
    period: Period, context: Context | None = None, indicators: Iterable[Indicator] = CATALOGUE
) -> dict[str, Figure]:
    """Every indicator's figure, in catalogue order; a rate reuses its count's query."""
    context = context or Context()
    figures: dict[str, Figure] = {}
    for indicator in indicators:
        if indicator.unit == Unit.RATE:
            assert indicator.rate_of is not None
            count = figures.get(indicator.rate_of) or count_of(BY_ID[indicator.rate_of], period, context)
            figures[indicator.id] = rate_from(indicator, count)
        else:
            figures[indicator.id] = count_of(indicator, period, context)
    return figures


@dataclass(frozen=True)
class MonthlyPoint:
    month: Period
    figure: Figure
    rolling_average: float | None  # the mean of this month's figure and the 11 before it


ROLLING_MONTHS = 12


def monthly_series(
    indicator: Indicator, period: Period, context: Context | None = None
) -> list[MonthlyPoint]:
    """The indicator for each calendar month of the period, with its 12-month rolling average.

    Months are whole calendar months, from the month the period starts in (a period from 15
    January starts with the whole of January), the last one cut at the period's end: a rolling
    average of part-months would not compare like with like. The rolling average needs the 11
    months before the first, so those are counted too (and not shown). A month with no figure (a
    percentage of nothing) leaves the average out for the 12 months it would have been part of,
    rather than averaging fewer months unannounced.
    """
    context = context or Context()
    shown = list(Period(_months_back(period.start, 0), period.end).months())
    earlier = list(Period(_months_back(period.start, ROLLING_MONTHS - 1), shown[0].start).months())[:-1]
    values = [figure(indicator, month, context) for month in [*earlier, *shown]]
    points = []
    for index, month in enumerate(shown, start=len(earlier)):
        window = [each.value for each in values[max(0, index - ROLLING_MONTHS + 1) : index + 1]]
        complete = len(window) == ROLLING_MONTHS and all(value is not None for value in window)
        average = round(sum(v for v in window if v is not None) / ROLLING_MONTHS, 1) if complete else None
        points.append(MonthlyPoint(month, values[index], average))
    return points


def _months_back(day: date, months: int) -> date:
    """The first day of the month `months` months before `day`'s."""
    return add_months(date(day.year, day.month, 1), -months)
