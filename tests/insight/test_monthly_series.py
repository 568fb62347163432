"""The month-by-month series behind each chart: whole calendar months."""

from datetime import date

import pytest

from continuum.insight.catalogue import BY_ID
from continuum.insight.figures import monthly_series
from continuum.statutory.periods import Period

from . import builders

pytestmark = pytest.mark.django_db


def test_a_period_starting_mid_month_shows_that_whole_month():
    for day in (date(2026, 1, 5), date(2026, 1, 20), date(2026, 3, 2)):
        builders.referral(builders.child(), day)
    series = monthly_series(BY_ID["referrals"], Period(date(2026, 1, 15), date(2026, 3, 10)))
    assert [(point.month.start, point.month.end) for point in series] == [
        (date(2026, 1, 1), date(2026, 1, 31)),  # the whole of January, 5 January included
        (date(2026, 2, 1), date(2026, 2, 28)),
        (date(2026, 3, 1), date(2026, 3, 10)),  # cut at the period's end
    ]
    assert [point.figure.value for point in series] == [2, 0, 1]
