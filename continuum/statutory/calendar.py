"""The working-day calendar for England.

A working day is Monday to Friday and not an England bank holiday. Bank holidays come from the
maintained ``holidays`` library (which also carries substitute days, such as Boxing Day observed
on Monday 28 December 2026, and one-off holidays, such as the 2023 coronation), never from a
hand-typed list.

The counting convention
-----------------------
Statutory timescales count from an event: "45 working days from the point of referral" (Working
Together 2023), and DfE measures assessments in working days from the assessment start date. The
day of the event is day 0; day 1 is the first working day *after* it. So:

* ``add_working_days(start, n)`` is the n-th working day after ``start`` (``start`` itself when
  n is 0). Friday + 1 is Monday, or Tuesday when Monday is a bank holiday.
* ``working_days_between(start, end)`` counts the working days after ``start`` up to and
  including ``end``: 0 for the same day (DfE's "same day" band) or when ``end`` is before
  ``start``.

Because neither function counts the start day, an event on a non-working day starts the clock
exactly as one on the working day before it: a referral on Saturday is due, at one working day,
on Monday, as is one on Friday. This is deliberate: the clock runs from when the event happened,
not from when the office reopened. It also makes the two functions exact inverses for every
start day, working or not:

* ``working_days_between(d, add_working_days(d, n)) == n`` for every date ``d`` and n >= 0;
* ``add_working_days(d, working_days_between(d, e)) == e`` whenever ``e`` is a working day after
  ``d`` (for a non-working ``e`` it gives the last working day before ``e``, or ``d``).
"""

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from functools import cache
from types import MappingProxyType

import holidays

_ONE_DAY = timedelta(days=1)
_SATURDAY = 5


@cache
def _bank_holidays(year: int) -> Mapping[date, str]:
    england = holidays.country_holidays("GB", subdiv="ENG", years=year)
    return MappingProxyType(dict(sorted(england.items())))


def bank_holidays(year: int) -> dict[date, str]:
    """England's bank holidays in a year, in date order, with their names."""
    return dict(_bank_holidays(year))


def _as_date(day: date) -> date:
    # A datetime is a date, but never equal to one: compare on its calendar day instead.
    return day.date() if isinstance(day, datetime) else day


def is_working_day(day: date) -> bool:
    day = _as_date(day)
    return day.weekday() < _SATURDAY and day not in _bank_holidays(day.year)


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after start; start itself when n is 0. See the module docstring."""
    if n < 0:
        raise ValueError(f"Cannot add a negative number of working days ({n})")
    day = _as_date(start)
    while n > 0:
        day += _ONE_DAY
        if is_working_day(day):
            n -= 1
    return day


def next_working_day(day: date) -> date:
    """The first working day after day (never day itself, even when it is a working day)."""
    return add_working_days(day, 1)


def working_days_between(start: date, end: date) -> int:
    """Working days after start up to and including end; 0 when end is on or before start."""
    start, end = _as_date(start), _as_date(end)
    if end <= start:
        return 0
    return _weekdays_up_to(end) - _weekdays_up_to(start) - _weekday_bank_holidays(start, end)


def _weekdays_up_to(day: date) -> int:
    # Ordinal 1 (1 January of year 1) is a Monday, so each whole week of ordinals holds 5 weekdays.
    weeks, days = divmod(day.toordinal(), 7)
    return weeks * 5 + min(days, 5)


def _weekday_bank_holidays(start: date, end: date) -> int:
    """Bank holidays after start up to and including end that fall Monday to Friday."""
    return sum(
        1
        for year in range(start.year, end.year + 1)
        for holiday in _bank_holidays(year)
        if start < holiday <= end and holiday.weekday() < _SATURDAY
    )
