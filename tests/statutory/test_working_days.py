"""Which days are working days, and adding working days to a date (the start day is day 0)."""

from datetime import date, datetime

import pytest

from continuum.statutory.calendar import add_working_days, is_working_day, next_working_day


def test_weekdays_are_working_days_and_weekends_are_not() -> None:
    assert is_working_day(date(2026, 3, 6))  # Friday
    assert not is_working_day(date(2026, 3, 7))  # Saturday
    assert not is_working_day(date(2026, 3, 8))  # Sunday


def test_a_bank_holiday_on_a_weekday_is_not_a_working_day() -> None:
    assert not is_working_day(date(2025, 12, 25))  # Thursday
    assert not is_working_day(date(2025, 12, 26))  # Friday
    assert is_working_day(date(2025, 12, 24))  # Christmas Eve is not a bank holiday


def test_a_datetime_is_judged_by_its_day() -> None:
    assert not is_working_day(datetime(2025, 12, 25, 9, 0))
    assert is_working_day(datetime(2025, 12, 24, 17, 30))


def test_adding_one_working_day_to_a_friday_gives_the_monday() -> None:
    assert add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)


def test_adding_one_working_day_to_the_friday_before_a_bank_holiday_monday_gives_the_tuesday() -> None:
    # Spring bank holiday: Monday 25 May 2026.
    assert add_working_days(date(2026, 5, 22), 1) == date(2026, 5, 26)


def test_a_weekend_start_counts_from_the_next_working_day_as_day_one() -> None:
    assert add_working_days(date(2026, 3, 7), 1) == date(2026, 3, 9)  # Saturday
    assert add_working_days(date(2026, 3, 8), 1) == date(2026, 3, 9)  # Sunday


def test_adding_nothing_returns_the_start_day_even_on_a_weekend() -> None:
    assert add_working_days(date(2026, 3, 6), 0) == date(2026, 3, 6)
    assert add_working_days(date(2026, 3, 7), 0) == date(2026, 3, 7)


def test_christmas_eve_2025_plus_working_days_skips_christmas_the_weekend_and_new_year() -> None:
    christmas_eve = date(2025, 12, 24)

    assert add_working_days(christmas_eve, 1) == date(2025, 12, 29)
    assert add_working_days(christmas_eve, 3) == date(2025, 12, 31)
    assert add_working_days(christmas_eve, 4) == date(2026, 1, 2)
    assert add_working_days(christmas_eve, 5) == date(2026, 1, 5)


def test_christmas_eve_2026_plus_working_days_skips_the_boxing_day_substitute() -> None:
    christmas_eve = date(2026, 12, 24)  # Thursday

    assert add_working_days(christmas_eve, 1) == date(2026, 12, 29)
    assert add_working_days(christmas_eve, 3) == date(2026, 12, 31)
    assert add_working_days(christmas_eve, 4) == date(2027, 1, 4)  # Friday 1 January 2027 is a holiday


def test_easter_2026_is_skipped() -> None:
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)
    assert add_working_days(date(2026, 4, 2), 4) == date(2026, 4, 10)


def test_it_refuses_a_negative_number_of_working_days() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_working_days(date(2026, 3, 6), -1)


def test_the_next_working_day_is_always_after_the_day_given() -> None:
    assert next_working_day(date(2025, 12, 24)) == date(2025, 12, 29)
    assert next_working_day(date(2025, 12, 29)) == date(2025, 12, 30)
    assert next_working_day(date(2026, 4, 3)) == date(2026, 4, 7)
