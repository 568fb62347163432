"""Counting working days between two dates, consistently with add_working_days."""

from datetime import date, timedelta

from continuum.statutory.calendar import add_working_days, is_working_day, working_days_between


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def test_the_same_day_counts_as_zero_working_days() -> None:
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 6)) == 0


def test_an_end_before_the_start_counts_as_zero() -> None:
    assert working_days_between(date(2026, 3, 9), date(2026, 3, 6)) == 0


def test_friday_to_monday_is_one_working_day() -> None:
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 9)) == 1


def test_friday_to_sunday_is_no_working_days() -> None:
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 8)) == 0


def test_it_leaves_out_christmas_boxing_day_and_new_year_2025_26() -> None:
    assert working_days_between(date(2025, 12, 24), date(2026, 1, 2)) == 4
    assert working_days_between(date(2025, 12, 23), date(2026, 1, 5)) == 6


def test_it_leaves_out_christmas_2026_and_the_boxing_day_substitute() -> None:
    assert working_days_between(date(2026, 12, 24), date(2026, 12, 29)) == 1
    assert working_days_between(date(2026, 12, 24), date(2027, 1, 4)) == 4


def test_it_leaves_out_good_friday_and_easter_monday_2026() -> None:
    assert working_days_between(date(2026, 4, 2), date(2026, 4, 7)) == 1
    assert working_days_between(date(2026, 4, 1), date(2026, 4, 10)) == 5


def test_it_counts_a_whole_year() -> None:
    # 2026 has 261 weekdays, 8 of which are bank holidays (Boxing Day falls on a Saturday).
    assert working_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 253


def test_it_agrees_with_counting_day_by_day() -> None:
    days = _days(date(2025, 12, 1), date(2026, 5, 31))
    for start in days[::3]:
        for end in days[::5]:
            expected = sum(1 for day in days if start < day <= end and is_working_day(day))
            assert working_days_between(start, end) == expected, (start, end)


def test_counting_the_working_days_added_gives_back_the_number_added_from_any_start() -> None:
    # Every start day, including weekends and bank holidays, across Christmas 2025 to Easter 2026
    # and Christmas 2026.
    starts = _days(date(2025, 12, 1), date(2026, 4, 30)) + _days(date(2026, 12, 15), date(2027, 1, 10))
    for start in starts:
        for n in (0, 1, 2, 3, 5, 10, 15, 20, 45):
            assert working_days_between(start, add_working_days(start, n)) == n, (start, n)


def test_adding_the_working_days_counted_gives_back_a_working_end_day() -> None:
    days = _days(date(2025, 12, 1), date(2026, 4, 30))
    for start in days[::2]:
        for end in days:
            if end > start and is_working_day(end):
                assert add_working_days(start, working_days_between(start, end)) == end, (start, end)
