"""England's bank holidays come from the maintained holidays library, cached per year."""

from datetime import date

from continuum.statutory.calendar import bank_holidays, is_working_day


def test_christmas_and_boxing_day_2025_fall_on_thursday_and_friday() -> None:
    holidays_2025 = bank_holidays(2025)

    assert holidays_2025[date(2025, 12, 25)] == "Christmas Day"
    assert holidays_2025[date(2025, 12, 26)] == "Boxing Day"


def test_boxing_day_2026_falls_on_a_saturday_and_is_observed_on_monday_28_december() -> None:
    holidays_2026 = bank_holidays(2026)

    assert date(2026, 12, 25) in holidays_2026
    assert "Boxing Day" in holidays_2026[date(2026, 12, 28)]
    assert not is_working_day(date(2026, 12, 28))


def test_easter_2026_is_good_friday_3_april_and_easter_monday_6_april() -> None:
    holidays_2026 = bank_holidays(2026)

    assert holidays_2026[date(2026, 4, 3)] == "Good Friday"
    assert holidays_2026[date(2026, 4, 6)] == "Easter Monday"


def test_it_includes_one_off_holidays_such_as_the_2023_coronation() -> None:
    assert not is_working_day(date(2023, 5, 8))
    assert date(2023, 5, 8) in bank_holidays(2023)


def test_it_lists_the_holidays_in_date_order() -> None:
    days = list(bank_holidays(2026))

    assert days == sorted(days)
    assert days[0] == date(2026, 1, 1)


def test_changing_the_returned_dict_does_not_change_the_calendar() -> None:
    bank_holidays(2026).clear()

    assert date(2026, 4, 3) in bank_holidays(2026)
    assert not is_working_day(date(2026, 4, 3))


def test_it_uses_the_england_calendar_not_scotland() -> None:
    # 2 January is a bank holiday in Scotland only.
    assert date(2026, 1, 2) not in bank_holidays(2026)
    assert is_working_day(date(2026, 1, 2))
