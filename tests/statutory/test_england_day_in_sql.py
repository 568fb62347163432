"""The database's day in England of a moment agrees with Python's Europe/London time zone."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db.models import DateTimeField, Value

from continuum.statutory.models import CalendarDay
from continuum.statutory.sql import EnglandDay
from continuum.statutory.timescales import ENGLAND

pytestmark = pytest.mark.django_db


def _moments() -> list[datetime]:
    """Every half hour of the days around each change of the clocks, 2019 to 2030, and midsummer nights."""
    moments = []
    for year in range(2019, 2031):
        for month in (3, 10):
            last_sunday = max(
                datetime(year, month, day, tzinfo=UTC)
                for day in range(25, 32)
                if datetime(year, month, day).weekday() == 6
            )
            start = last_sunday - timedelta(days=1)
            moments += [start + timedelta(minutes=30 * step) for step in range(3 * 48)]
        midsummer = datetime(year, 6, 21, 22, tzinfo=UTC)
        moments += [midsummer + timedelta(minutes=step) for step in (0, 59, 60, 61, 119)]
    return [*moments, datetime(2024, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)]


def test_the_database_finds_the_day_in_england_as_python_does():
    moments = _moments()
    day = CalendarDay.objects.all()[:1]
    for moment in moments:
        found = day.annotate(england=EnglandDay(Value(moment, output_field=DateTimeField()))).get().england
        assert found == moment.astimezone(ENGLAND).date(), moment
