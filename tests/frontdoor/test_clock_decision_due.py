"""The one-working-day clock: a decision is due by the end of the working day after the contact.

Bank holidays come from the statutory calendar: Christmas 2026 falls on a Friday, so Boxing Day
is observed on Monday 28 December; Good Friday 2026 is 3 April and Easter Monday 6 April.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from continuum.frontdoor.clocks import decision_due, due_day
from continuum.statutory.calendar import bank_holidays
from continuum.statutory.timescales import ENGLAND


def _at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ENGLAND)


def _end_of(year: int, month: int, day: int) -> datetime:
    """Midnight at the end of the day: the moment "by the end of the day" runs out."""
    return datetime(year, month, day, 0, 0, tzinfo=ENGLAND) + timedelta(days=1)


def test_the_calendar_has_the_bank_holidays_these_cases_rely_on() -> None:
    holidays = bank_holidays(2026)
    assert {date.isoformat() for date in holidays} >= {"2026-04-03", "2026-04-06", "2026-12-25", "2026-12-28"}


def test_a_contact_on_a_monday_is_due_by_the_end_of_tuesday() -> None:
    assert decision_due(_at(2026, 11, 16)) == _end_of(2026, 11, 17)


def test_a_contact_late_on_a_friday_night_is_due_by_the_end_of_monday() -> None:
    assert decision_due(_at(2026, 11, 20, 23, 45)) == _end_of(2026, 11, 23)


def test_a_contact_on_a_saturday_is_due_by_the_end_of_monday() -> None:
    assert decision_due(_at(2026, 11, 21)) == _end_of(2026, 11, 23)


def test_a_contact_on_christmas_eve_2026_is_due_by_the_end_of_tuesday_29_december() -> None:
    # Friday 25 December and Monday 28 December (Boxing Day observed) are bank holidays.
    due = decision_due(_at(2026, 12, 24, 16, 0))
    assert due == _end_of(2026, 12, 29)
    assert due_day(due).isoformat() == "2026-12-29"


@pytest.mark.parametrize("day", [2, 3, 4, 5])
def test_a_contact_over_easter_2026_is_due_by_the_end_of_tuesday_7_april(day: int) -> None:
    # Maundy Thursday, Good Friday, the Saturday and Easter Sunday all wait for Tuesday.
    assert decision_due(_at(2026, 4, day)) == _end_of(2026, 4, 7)


def test_the_day_is_the_day_in_england_not_in_utc() -> None:
    # 23:30 UTC on Thursday 9 July is 00:30 on Friday 10 July in England (summer time).
    received = datetime.fromisoformat("2026-07-09T23:30:00+00:00")
    assert decision_due(received) == _end_of(2026, 7, 13)
