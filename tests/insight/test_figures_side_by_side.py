"""Figures counted side by side on several threads are the figures counted one after another.

The data is committed (a transactional test), as it is when the dashboard runs: threads have
their own connections and see only what is committed.
"""

from __future__ import annotations

import threading
from datetime import date

import pytest

from continuum.insight import figures as counting
from continuum.insight.figures import catalogues
from continuum.insight.indicators import Figure
from continuum.statutory.periods import Period
from tests.insight import builders

pytestmark = pytest.mark.django_db(transaction=True)

THIS_YEAR = Period(date(2025, 4, 1), date(2026, 3, 31))
LAST_YEAR = Period(date(2024, 4, 1), date(2025, 3, 31))


def _values(found: list[dict[str, Figure]]) -> list[dict[str, tuple[float | None, int | None]]]:
    return [{key: (each.value, each.numerator) for key, each in period.items()} for period in found]


def test_threads_count_what_one_thread_counts(settings, monkeypatch):
    builders.population(2025, 10_000)
    builders.population(2024, 10_000)
    for year in (2024, 2025):
        child = builders.child()
        referral = builders.referral(child, date(year, 6, 2))
        builders.assessment(referral, date(year, 6, 3), date(year, 7, 20))
        builders.enquiry(referral, date(year, 6, 4), outcome="icpc")
    counted_on: set[str] = set()
    count = counting._count

    def count_and_note(*arguments):
        counted_on.add(threading.current_thread().name)
        return count(*arguments)

    monkeypatch.setattr(counting, "_count", count_and_note)
    settings.FIGURE_THREADS = 1
    one_by_one = catalogues([THIS_YEAR, LAST_YEAR])
    assert not counted_on

    settings.FIGURE_THREADS = 2
    side_by_side = catalogues([THIS_YEAR, LAST_YEAR])

    assert counted_on and all(name.startswith("figures") for name in counted_on)
    assert _values(side_by_side) == _values(one_by_one)
    assert [period["referrals"].value for period in side_by_side] == [1, 1]
    assert side_by_side[0]["referral_rate_per_10k"].value == 1.0
