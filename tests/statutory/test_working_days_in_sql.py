"""The database's working-day count agrees with `calendar.working_days_between`."""

from datetime import date, timedelta

import pytest
from django.db.models import DateField, Value

from continuum.statutory import calendar
from continuum.statutory.models import CalendarDay
from continuum.statutory.working_days import CALENDAR_FROM, CALENDAR_TO, working_days_between

pytestmark = pytest.mark.django_db


def test_the_table_covers_the_whole_calendar():
    assert CalendarDay.objects.count() == (CALENDAR_TO - CALENDAR_FROM).days + 1
    assert CalendarDay.objects.get(day=CALENDAR_FROM).working_day_number == 0  # 1 January 2000: a holiday


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2025, 12, 19), date(2026, 1, 5)),  # across Christmas and New Year
        (date(2026, 12, 24), date(2026, 12, 29)),  # Boxing Day observed on Monday 28 December
        (date(2020, 2, 28), date(2020, 3, 2)),  # a leap day on a Saturday
        (date(2024, 3, 28), date(2024, 4, 2)),  # Easter
        (date(2023, 5, 5), date(2023, 5, 9)),  # the coronation bank holiday
        (date(2026, 3, 7), date(2026, 3, 7)),  # the same (Saturday) day
    ],
)
def test_the_database_counts_as_the_calendar_does(start, end):
    counted = (
        CalendarDay.objects.filter(day=start)
        .annotate(between=working_days_between("day", Value(end, output_field=DateField())))
        .get()
        .between
    )
    assert counted == calendar.working_days_between(start, end)


def test_every_day_of_a_decade_agrees_with_the_calendar():
    days = CalendarDay.objects.filter(day__year__gte=2016, day__year__lte=2026)
    numbers = dict(days.values_list("day", "working_day_number"))
    first = date(2016, 1, 1)
    for offset in range(0, len(numbers) - 70, 37):
        start = first + timedelta(days=offset)
        for span in (0, 1, 10, 45, 66):
            end = start + timedelta(days=span)
            assert numbers[end] - numbers[start] == calendar.working_days_between(start, end), (start, end)
