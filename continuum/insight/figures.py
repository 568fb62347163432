"""Counting the catalogue: one indicator, all of them, or a monthly series, for a period."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import connection, connections

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


def figures(jobs: Sequence[tuple[Indicator, Period]], context: Context | None = None) -> list[Figure]:
    """Each (indicator, period)'s figure, in order; counted side by side when the database allows.

    Each figure is one aggregate query, independent of the others, so a few threads (each with
    its own database connection, kept open as a request's is) count them at once: SQLite and
    PostgreSQL both run queries on several cores. Inside a transaction they are counted one
    after another, because other connections cannot see what it has not committed (tests run
    in one).
    """
    context = context or Context()
    if settings.FIGURE_THREADS < 2 or len(jobs) < 2 or connection.in_atomic_block:
        return [figure(indicator, period, context) for indicator, period in jobs]
    # The slowest first (as they took last time), so that no thread is left with a long one at the end.
    order = sorted(range(len(jobs)), key=lambda index: -_took.get(jobs[index][0].id, 0.0))
    counting = {index: _counting_threads().submit(_count, *jobs[index], context) for index in order}
    return [counting[index].result() for index in range(len(jobs))]


_threads: tuple[ThreadPoolExecutor, int] | None = None
_threads_made = threading.Lock()


def _counting_threads() -> ThreadPoolExecutor:
    """The process's counting threads, made when first needed (after a server forks its workers)."""
    global _threads
    with _threads_made:
        if _threads is None:
            count = settings.FIGURE_THREADS
            _threads = ThreadPoolExecutor(count, thread_name_prefix="figures"), count
        return _threads[0]


def stop_counting_threads() -> None:
    """End the counting threads, each closing its database connections first.

    For tests (PostgreSQL will not drop a test database with connections open) and shutting down.
    """
    global _threads
    with _threads_made:
        stopping, _threads = _threads, None
    if stopping is None:
        return
    pool, count = stopping
    # One task on every thread at once (each waits for the others), so that each closes its own.
    all_here = threading.Barrier(count)

    def close_connections() -> None:
        all_here.wait(timeout=30)
        connections.close_all()

    for closing in [pool.submit(close_connections) for _ in range(count)]:
        closing.result()
    pool.shutdown()


# How long each indicator last took to count, in seconds (a rough guide to the order to count in).
_took: dict[str, float] = {}


def _count(indicator: Indicator, period: Period, context: Context) -> Figure:
    # What Django does at the start of each request: a broken or too old connection is closed,
    # and the next query opens a new one.
    for each in connections.all(initialized_only=True):
        each.close_if_unusable_or_obsolete()
    started = time.perf_counter()
    counted = figure(indicator, period, context)
    _took[indicator.id] = time.perf_counter() - started
    return counted


def catalogue_figures(
    period: Period, context: Context | None = None, indicators: Iterable[Indicator] = CATALOGUE
) -> dict[str, Figure]:
    """Every indicator's figure, in catalogue order; a rate reuses its count's query."""
    return catalogues([period], context, indicators)[0]


def catalogues(
    periods: Sequence[Period], context: Context | None = None, indicators: Iterable[Indicator] = CATALOGUE
) -> list[dict[str, Figure]]:
    """`catalogue_figures` for each period, all counted together (see `figures`)."""
    chosen = list(indicators)
    counted = {indicator.rate_of for indicator in chosen if indicator.rate_of}
    counted |= {indicator.id for indicator in chosen if indicator.unit != Unit.RATE}
    jobs = [(BY_ID[id], period) for period in periods for id in sorted(counted)]
    keys = [(indicator.id, period) for indicator, period in jobs]
    found = dict(zip(keys, figures(jobs, context), strict=True))
    return [
        {
            indicator.id: (
                rate_from(indicator, found[indicator.rate_of, period])
                if indicator.unit == Unit.RATE and indicator.rate_of
                else found[indicator.id, period]
            )
            for indicator in chosen
        }
        for period in periods
    ]


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
    values = figures([(indicator, month) for month in [*earlier, *shown]], context)
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
