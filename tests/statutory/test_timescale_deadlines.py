"""Every statutory timescale gives the hand-worked deadline.

Working days leave out weekends and England bank holidays, and the start day is day 0. Months land
on the same day of the month, or the last day of a shorter month.
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from continuum.statutory import deadline
from continuum.statutory.timescales import TIMESCALES, add_months

LONDON = ZoneInfo("Europe/London")

# (timescale, start, hand-worked deadline, how it was worked out)
HAND_WORKED = [
    ("front_door_decision", date(2025, 12, 24), date(2025, 12, 29), "Christmas Eve; 25, 26 Dec and weekend"),
    ("assessment", date(2025, 12, 1), date(2026, 2, 5), "20 WD in Dec (25, 26 out), 1 Jan out"),
    ("assessment_census", date(2026, 3, 2), date(2026, 5, 7), "Easter 3 and 6 Apr and 4 May out"),
    ("initial_conference", date(2025, 12, 11), date(2026, 1, 6), "12 Dec to 6 Jan across Christmas"),
    ("initial_conference_census", date(2026, 3, 30), date(2026, 4, 22), "Easter 2026 out"),
    ("core_group_first", date(2026, 1, 6), date(2026, 1, 20), "two plain weeks"),
    ("cp_review_first", date(2025, 11, 30), date(2026, 2, 28), "30 Nov + 3 months, clamped"),
    ("cp_review_subsequent", date(2026, 8, 31), date(2027, 2, 28), "31 Aug + 6 months, clamped"),
    ("cla_review_first", date(2025, 12, 19), date(2026, 1, 21), "20 WD across Christmas and New Year"),
    ("cla_review_second", date(2025, 10, 31), date(2026, 1, 31), "31 Oct + 3 months"),
    ("cla_review_subsequent", date(2026, 1, 31), date(2026, 7, 31), "31 Jan + 6 months"),
    ("cla_visit_placement_start", date(2025, 12, 28), date(2026, 1, 4), "7 calendar days"),
    ("cla_visit_first_year", date(2025, 12, 1), date(2026, 1, 12), "42 calendar days"),
    ("cla_visit_after_first_year", date(2026, 3, 31), date(2026, 6, 30), "31 Mar + 3 months, clamped"),
    ("initial_health_assessment", date(2025, 12, 19), date(2026, 1, 21), "as the first review"),
    ("health_review_under_five", date(2027, 8, 31), date(2028, 2, 29), "leap year: clamped to 29 Feb"),
    ("health_review_five_and_over", date(2028, 2, 29), date(2029, 2, 28), "29 Feb + 12 months"),
    ("pathway_plan_review", date(2026, 1, 15), date(2026, 7, 15), "15 Jan + 6 months"),
    ("lado_report", date(2026, 4, 2), date(2026, 4, 7), "Maundy Thursday; Easter out"),
    ("serious_incident_notification", date(2026, 12, 21), date(2026, 12, 30), "25 and 28 Dec 2026 out"),
    ("rapid_review", date(2026, 12, 21), date(2027, 1, 14), "25, 28 Dec 2026 and 1 Jan 2027 out"),
    ("child_death_review", date(2026, 1, 31), date(2027, 1, 31), "31 Jan + 12 months"),
    ("partnership_annual_report", date(2025, 9, 30), date(2026, 9, 30), "30 Sep + 12 months"),
    ("cin_plan_review", date(2026, 11, 30), date(2027, 2, 28), "30 Nov + 3 months, clamped"),
    ("dental_check", date(2024, 2, 29), date(2025, 2, 28), "leap day + 12 months"),
    ("personal_education_plan_first", date(2025, 12, 8), date(2026, 1, 8), "25, 26 Dec and 1 Jan out"),
    ("personal_education_plan_review", date(2026, 1, 30), date(2026, 7, 30), "30 Jan + 6 months"),
    ("team_around_family_review", date(2026, 12, 17), date(2027, 1, 28), "42 calendar days"),
]


@pytest.mark.parametrize(("timescale_id", "start", "expected", "working"), HAND_WORKED)
def test_each_timescale_gives_the_hand_worked_deadline(
    timescale_id: str, start: date, expected: date, working: str
) -> None:
    assert deadline(timescale_id, start) == expected


def test_every_day_counted_timescale_has_a_hand_worked_case() -> None:
    covered = {timescale_id for timescale_id, *_ in HAND_WORKED} | {"return_home_interview"}

    assert covered == set(TIMESCALES)


def test_a_return_home_interview_is_due_72_hours_after_the_child_returns() -> None:
    assert deadline("return_home_interview", datetime(2026, 3, 27, 18, 0)) == datetime(2026, 3, 30, 18, 0)


def test_72_hours_across_the_clocks_going_forward_is_72_real_hours() -> None:
    # Clocks go forward at 01:00 GMT on Sunday 29 March 2026: 18:00 GMT + 72 hours is 19:00 BST.
    returned = datetime(2026, 3, 27, 18, 0, tzinfo=LONDON)

    due = deadline("return_home_interview", returned)

    assert isinstance(due, datetime)
    assert due == datetime(2026, 3, 30, 19, 0, tzinfo=LONDON)
    assert due.utcoffset() == LONDON.utcoffset(datetime(2026, 3, 30, 19, 0))


def test_an_hours_timescale_needs_a_time_not_only_a_date() -> None:
    with pytest.raises(TypeError, match="needs a date and time"):
        deadline("return_home_interview", date(2026, 3, 27))


def test_a_day_counted_timescale_given_a_datetime_gives_a_date() -> None:
    # Priya's school makes a referral at 16:30 on Christmas Eve 2025.
    assert deadline("front_door_decision", datetime(2025, 12, 24, 16, 30)) == date(2025, 12, 29)


def test_an_aware_datetime_counts_from_its_day_in_england() -> None:
    # 23:30 UTC on Tuesday 30 June 2026 is 00:30 BST on Wednesday 1 July.
    assert deadline("front_door_decision", datetime(2026, 6, 30, 23, 30, tzinfo=UTC)) == date(2026, 7, 2)


def test_a_months_deadline_is_not_moved_off_a_bank_holiday() -> None:
    # Statutory months are calendar months: 6 January + 3 months is Easter Monday 2026.
    assert deadline("cp_review_first", date(2026, 1, 6)) == date(2026, 4, 6)


def test_31_january_plus_one_month_is_the_end_of_february() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)  # leap year


def test_adding_months_carries_into_the_next_year() -> None:
    assert add_months(date(2025, 11, 15), 3) == date(2026, 2, 15)
    assert add_months(date(2025, 12, 31), 2) == date(2026, 2, 28)
    assert add_months(date(2026, 5, 31), 0) == date(2026, 5, 31)


def test_a_leap_day_plus_twelve_months_is_28_february() -> None:
    assert add_months(date(2028, 2, 29), 12) == date(2029, 2, 28)
    assert add_months(date(2024, 2, 29), 48) == date(2028, 2, 29)
